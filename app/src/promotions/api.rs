//! Server functions of promotions. Each asks the policy first; every change of a packet's
//! state is audited and lands on the packet's timeline in the same transaction.

use super::types::*;
use crate::error::AppError;
use crate::kernel::{EndorsementId, PacketId, PersonId, SelfEvaluationId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{queries, rules},
    crate::audit::Target,
    crate::context,
    crate::db::DbConn,
    crate::error::FieldError,
    crate::ladders::{queries as ladder_queries, rules as ladder_rules},
    crate::org::queries as org,
    crate::org::types::Level,
    crate::policy::{self, Action, Record, Subject, Visibility},
    chrono::NaiveDate,
};

#[cfg(feature = "ssr")]
fn subject_of(c: &mut DbConn, id: PersonId) -> Result<Subject, AppError> {
    Ok(Subject { id, manager_chain: org::manager_chain(c, id)? })
}

#[cfg(feature = "ssr")]
fn stale() -> AppError {
    AppError::Conflict("Someone else changed this packet while you were working on it. Reload the page to see the latest version; your text is still in the form.".into())
}

#[cfg(feature = "ssr")]
fn limited(field: &str, text: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let text = text.trim().to_string();
    if text.chars().count() > max {
        errors.push(FieldError::new(field, format!("Keep this under {max} characters.")));
    }
    text
}

/// Everything a packet's policy decisions need: its row, subject and panel.
#[cfg(feature = "ssr")]
struct PacketContext {
    row: queries::PacketRow,
    subject: Subject,
    panel: Vec<PersonId>,
}

#[cfg(feature = "ssr")]
async fn packet_context(id: PacketId) -> Result<PacketContext, AppError> {
    context::facts(move |c| {
        let row = queries::packet_row(c, id)?;
        let subject = subject_of(c, row.person_id)?;
        let panel = queries::panel(c, id)?;
        Ok(PacketContext { row, subject, panel })
    })
    .await
}

#[cfg(feature = "ssr")]
fn packet_record(ctx: &PacketContext) -> Record<'_> {
    Record::PromotionPacket {
        about: &ctx.subject,
        calibration_participants: &ctx.panel,
        decided: ctx.row.status().is_decided(),
    }
}

#[server]
pub async fn get_promotions_home() -> Result<PromotionsHome, AppError> {
    let auth = context::authorize(Action::ReadOwnWork, Target::Page("promotions")).await?;
    let hr = auth.viewer().is_hr_admin;
    auth.read(move |c, auth| {
        let me = auth.viewer().person_id;
        let reports = org::direct_reports(c, me)?;
        let report_ids: Vec<PersonId> = reports.iter().map(|r| r.id).collect();
        let skip_ids = org::skip_level_report_ids(c, me)?;
        let mut team_ids = report_ids.clone();
        team_ids.extend(skip_ids.iter().copied());
        let mut openable = Vec::new();
        for r in reports {
            let (ladder, level) = ladder_queries::ladder_of_person(c, r.id)?;
            let target = match ladder {
                Ok(id) => ladder_queries::published(c, id, None)
                    .ok()
                    .and_then(|(_, l)| ladder_rules::next_steps(&l, level).up),
                Err(_) => None,
            };
            openable.push((r, level, target));
        }
        Ok(PromotionsHome {
            mine: queries::packets_of_person(c, me)?,
            endorsements_asked: queries::endorsements_asked(c, me)?,
            team: queries::packets_for_people(c, team_ids)?,
            to_decide: queries::packets_in_status(c, PacketStatus::Calibrated, skip_ids)?,
            to_calibrate: queries::packets_on_panel(c, me)?,
            all: if hr { Some(queries::all_packets(c)?) } else { None },
            shared_with_me: queries::shared_self_evaluations(c, report_ids)?,
            reports: openable,
        })
    })
    .await
}

#[server]
pub async fn get_packet(id: PacketId) -> Result<PacketView, AppError> {
    let ctx = packet_context(id).await?;
    let auth =
        context::authorize(Action::Read(packet_record(&ctx)), Target::PromotionPacket(id)).await?;
    let visibility =
        policy::read(auth.viewer(), &packet_record(&ctx)).unwrap_or(Visibility::StatusOnly);
    let status = ctx.row.status();
    let can = PacketPermissions {
        edit: status == PacketStatus::Draft && auth.allows(Action::Write(packet_record(&ctx))),
        request_endorsements: matches!(status, PacketStatus::Draft | PacketStatus::Submitted)
            && auth.allows(Action::Write(packet_record(&ctx))),
        set_panel: status == PacketStatus::Submitted && auth.allows(Action::SetPromotionPanel),
        calibrate: status == PacketStatus::Submitted
            && !ctx.panel.is_empty()
            && auth.allows(Action::CalibratePromotion { panel: &ctx.panel }),
        decide: status == PacketStatus::Calibrated
            && auth.allows(Action::DecidePromotion(&ctx.subject)),
    };
    // The flight-risk warning is for those who may read the flag; reading it is audited.
    let may_know_risk = policy::read(
        auth.viewer(),
        &Record::FlightRisk { about: &ctx.subject, flagged_by: PersonId(0) },
    )
    .is_some();
    let person = ctx.row.person_id;
    auth.read(move |c, auth| {
        let parts = queries::load_packet(c, id, auth.today())?;
        let mut packet = parts.packet;
        if visibility == Visibility::StatusOnly {
            return Ok(PacketView::StatusOnly {
                id,
                target: packet.target,
                target_title: packet.target_title,
                status: packet.status,
                // Only the steps, never the notes: those are for the reviewers.
                events: packet
                    .events
                    .into_iter()
                    .map(|e| PacketEvent { note: String::new(), ..e })
                    .collect(),
            });
        }
        let flight_risk = if may_know_risk {
            let flagged = queries::flagged_as_flight_risk(c, person)?;
            if flagged {
                auth.audit_detail(
                    c,
                    "read",
                    Target::FlightRisk(person),
                    "shown on a promotion packet",
                )?;
            }
            Some(flagged)
        } else {
            None
        };
        let facts = queries::facts(&packet, flight_risk);
        packet.checks = rules::checks(&facts);
        // Warnings help the people building and reviewing the packet, not its subject.
        packet.warnings = if packet.status.is_decided() { vec![] } else { rules::warnings(&facts) };
        if can.request_endorsements {
            packet.suggested_endorsers = queries::suggested_endorsers(c, &parts.row)?;
        }
        if can.set_panel {
            packet.suggested_panel = queries::suggested_panel(c, &parts.row)?;
        }
        packet.can = can;
        Ok(PacketView::Full(Box::new(packet)))
    })
    .await
}

/// A manager opens a packet for a direct report, against the current ladder version.
#[server]
pub async fn open_packet(
    person_id: PersonId,
    #[server(default)] target: String,
) -> Result<(), AppError> {
    let subject = context::facts(move |c| subject_of(c, person_id)).await?;
    let auth = context::authorize(
        Action::Write(Record::PromotionPacket {
            about: &subject,
            calibration_participants: &[],
            decided: false,
        }),
        Target::Person(person_id),
    )
    .await?;
    // No target given: the next level up on the person's own track.
    let target = match target.trim() {
        "" => None,
        code => Some(
            Level::parse_code(code)
                .ok_or_else(|| AppError::invalid("target", "Choose the level to propose."))?,
        ),
    };
    let id = auth
        .write(move |c, auth| {
            if queries::open_packet_of(c, person_id)?.is_some() {
                return Err(AppError::Conflict(
                    "There is already an open packet for this person: continue that one.".into(),
                ));
            }
            let (ladder, level) = ladder_queries::ladder_of_person(c, person_id)?;
            let ladder = ladder.map_err(|dept| {
                AppError::invalid(
                    "target",
                    format!("{dept} has no published ladder to promote against yet."),
                )
            })?;
            let version_id = ladder_queries::latest_version_id(c, ladder)?;
            let (_, _, parsed) = ladder_queries::by_version_id(c, version_id)?;
            let steps = ladder_rules::next_steps(&parsed, level);
            let target = target.or(steps.up).ok_or_else(|| {
                AppError::invalid("target", format!("{} is the top of this track.", level.label()))
            })?;
            if steps.up != Some(target) && steps.across != Some(target) {
                return Err(AppError::invalid(
                    "target",
                    format!("{} is not a next step from {}.", target.label(), level.label()),
                ));
            }
            let id = queries::open_packet(
                c,
                person_id,
                auth.viewer().person_id,
                version_id,
                level,
                target,
                auth.now(),
            )?;
            auth.audit_detail(
                c,
                "open_promotion_packet",
                Target::PromotionPacket(id),
                format!("for {}", target.label()),
            )?;
            Ok(id)
        })
        .await?;
    leptos_axum::redirect(&format!("/promotions/packets/{id}"));
    Ok(())
}

/// The manager saves the packet's draft: evidence per criterion, summary, business case.
#[server]
pub async fn save_packet(
    id: PacketId,
    version: i32,
    evidence_summary: String,
    business_case: String,
    performing_since: String,
    #[server(default)] evidence: Vec<String>,
) -> Result<(), AppError> {
    let ctx = packet_context(id).await?;
    let auth =
        context::authorize(Action::Write(packet_record(&ctx)), Target::PromotionPacket(id)).await?;
    if ctx.row.status() != PacketStatus::Draft {
        return Err(AppError::Conflict(
            "The packet has been submitted; it can no longer be edited.".into(),
        ));
    }
    let mut errors = Vec::new();
    let evidence_summary = limited("evidence_summary", &evidence_summary, 10_000, &mut errors);
    let business_case = limited("business_case", &business_case, 10_000, &mut errors);
    let performing_since = match performing_since.trim() {
        "" => None,
        raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) if d <= auth.today() => Some(d),
            Ok(_) => {
                errors.push(FieldError::new(
                    "performing_since",
                    "This date cannot be in the future.",
                ));
                None
            }
            Err(_) => {
                errors.push(FieldError::new(
                    "performing_since",
                    "Enter a date, for example 2026-03-01.",
                ));
                None
            }
        },
    };
    let evidence: Vec<(usize, String)> = evidence
        .iter()
        .enumerate()
        .map(|(i, e)| (i, limited(&format!("evidence[{i}]"), e, 5_000, &mut errors)))
        .collect();
    AppError::check_fields(errors)?;
    let edit = queries::PacketEdit { evidence_summary, business_case, performing_since, evidence };
    auth.write(move |c, auth| {
        if queries::save_packet(c, id, version, &edit, auth.now())? {
            Ok(())
        } else {
            Err(stale())
        }
    })
    .await
}

/// Moves the packet one step: submit (manager), calibration outcome (HR or a panel member),
/// decision (skip-level). Each checks its own permission and the workflow's order.
#[server]
pub async fn advance_packet(
    id: PacketId,
    version: i32,
    step: String,
    #[server(default)] notes: String,
    #[server(default)] effective_on: String,
) -> Result<(), AppError> {
    let ctx = packet_context(id).await?;
    let step = match step.as_str() {
        "submit" => rules::Step::Submit,
        "supported" => rules::Step::Calibrate { supported: true },
        "not_supported" => rules::Step::Calibrate { supported: false },
        "approve" => rules::Step::Decide { approve: true },
        "decline" => rules::Step::Decide { approve: false },
        _ => return Err(AppError::invalid("step", "Choose what to do with the packet.")),
    };
    let action = match step {
        rules::Step::Submit => Action::Write(packet_record(&ctx)),
        rules::Step::Calibrate { .. } => Action::CalibratePromotion { panel: &ctx.panel },
        rules::Step::Decide { .. } => Action::DecidePromotion(&ctx.subject),
    };
    let auth = context::authorize(action, Target::PromotionPacket(id)).await?;
    let to =
        rules::next_status(ctx.row.status(), step).map_err(|m| AppError::Conflict(m.into()))?;
    let mut errors = Vec::new();
    let notes = limited("notes", &notes, 5_000, &mut errors);
    let mut effective = None;
    match step {
        rules::Step::Submit => {
            if ctx.row.evidence_summary.trim().is_empty() {
                errors.push(FieldError::new(
                    "evidence_summary",
                    "Write the evidence summary (and save) before submitting.",
                ));
            }
            if ctx.row.business_case.trim().is_empty() {
                errors.push(FieldError::new(
                    "business_case",
                    "Write the business case (and save) before submitting.",
                ));
            }
        }
        rules::Step::Calibrate { .. } => {
            if notes.is_empty() {
                errors.push(FieldError::new(
                    "notes",
                    "Record what the calibration discussed and concluded.",
                ));
            }
        }
        rules::Step::Decide { approve } => {
            if notes.is_empty() {
                errors.push(FieldError::new(
                    "notes",
                    "Give the reason for the decision: the person will read it.",
                ));
            }
            if approve {
                match NaiveDate::parse_from_str(effective_on.trim(), "%Y-%m-%d") {
                    Ok(d) => match rules::check_effective_date(d, auth.today()) {
                        Ok(()) => effective = Some(d),
                        Err(m) => errors.push(FieldError::new("effective_on", m)),
                    },
                    Err(_) => errors.push(FieldError::new(
                        "effective_on",
                        "Enter the date the new level takes effect, for example 2026-12-01.",
                    )),
                }
            }
        }
    }
    AppError::check_fields(errors)?;
    let detail = format!("{} -> {}", ctx.row.status().as_str(), to.as_str());
    let event_note = match step {
        rules::Step::Submit => "Submitted for promotion calibration".to_string(),
        rules::Step::Calibrate { supported } => {
            format!(
                "Promotion calibration {}: {notes}",
                if supported { "supported it" } else { "did not support it" }
            )
        }
        rules::Step::Decide { approve: true } => format!(
            "Approved, effective {}: {notes}",
            effective.map(crate::ui::format::date).unwrap_or_default()
        ),
        rules::Step::Decide { approve: false } => format!("Declined: {notes}"),
    };
    let me = auth.viewer().person_id;
    auth.write(move |c, auth| {
        let now = auth.now();
        if !queries::change_status(c, id, version, to, me, &event_note, now)? {
            return Err(stale());
        }
        match step {
            rules::Step::Calibrate { supported } => {
                queries::record_calibration(c, id, supported, &notes)?;
                if !supported {
                    queries::record_decision(c, id, me, &notes, None, now)?;
                }
            }
            rules::Step::Decide { .. } => {
                queries::record_decision(c, id, me, &notes, effective, now)?;
                queries::apply_due_promotions(c, auth.today(), now)?;
            }
            rules::Step::Submit => {}
        }
        auth.audit_detail(c, "promotion_packet_step", Target::PromotionPacket(id), detail)?;
        Ok(())
    })
    .await
}

/// Parses "a@x, b@y" (commas, spaces or new lines) into active people, with field errors.
#[cfg(feature = "ssr")]
fn people_by_email(
    c: &mut DbConn,
    field: &str,
    raw: &str,
) -> Result<Vec<(PersonId, Level)>, AppError> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for email in raw
        .split(|ch: char| ch == ',' || ch.is_whitespace())
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        match org::active_person_by_email(c, &email.to_lowercase())? {
            Some(p) => found.push(p),
            None => errors.push(FieldError::new(
                field,
                format!("Nobody active in Trellis has the email address {email}."),
            )),
        }
    }
    if found.is_empty() && errors.is_empty() {
        errors.push(FieldError::new(field, "Enter at least one work email address."));
    }
    AppError::check_fields(errors)?;
    Ok(found)
}

/// The manager asks colleagues to endorse the packet (before calibration).
#[server]
pub async fn request_endorsements(id: PacketId, emails: String) -> Result<(), AppError> {
    let ctx = packet_context(id).await?;
    let auth =
        context::authorize(Action::Write(packet_record(&ctx)), Target::PromotionPacket(id)).await?;
    if !matches!(ctx.row.status(), PacketStatus::Draft | PacketStatus::Submitted) {
        return Err(AppError::Conflict(
            "Endorsements can only be requested before the promotion calibration.".into(),
        ));
    }
    let (subject, manager) = (ctx.row.person_id, auth.viewer().person_id);
    auth.write(move |c, auth| {
        let people = people_by_email(c, "emails", &emails)?;
        if people.iter().any(|(p, _)| *p == subject) {
            return Err(AppError::invalid(
                "emails",
                "The person being proposed cannot endorse their own promotion.",
            ));
        }
        if people.iter().any(|(p, _)| *p == manager) {
            return Err(AppError::invalid(
                "emails",
                "Your own view is the business case: ask colleagues who have seen the work.",
            ));
        }
        let mut asked = 0;
        for (p, _) in &people {
            if queries::request_endorsement(c, id, *p, auth.now())? {
                asked += 1;
            }
        }
        auth.audit_detail(
            c,
            "request_endorsement",
            Target::PromotionPacket(id),
            format!("{asked} endorsement(s) requested"),
        )?;
        Ok(())
    })
    .await
}

#[server]
pub async fn get_endorsement(id: EndorsementId) -> Result<EndorsementRequest, AppError> {
    let (packet_id, endorser, status, body) =
        context::facts(move |c| Ok(queries::endorsement(c, id)?)).await?;
    let auth =
        context::authorize(Action::EndorsePromotion { endorser }, Target::PromotionEndorsement(id))
            .await?;
    auth.read(move |c, auth| {
        let parts = queries::load_packet(c, packet_id, auth.today())?;
        let p = parts.packet;
        Ok(EndorsementRequest {
            id,
            person: p.person,
            asked_by: p.opened_by,
            target: p.target,
            target_title: p.target_title,
            ladder_slug: p.ladder_slug,
            criteria: p.evidence.into_iter().map(|e| e.criterion).collect(),
            status: EndorsementStatus::parse(&status).unwrap_or(EndorsementStatus::Requested),
            body,
            closed: !matches!(p.status, PacketStatus::Draft | PacketStatus::Submitted),
        })
    })
    .await
}

/// The endorser writes the endorsement, or declines with a reason.
#[server]
pub async fn answer_endorsement(
    id: EndorsementId,
    answer: String,
    body: String,
) -> Result<(), AppError> {
    let (packet_id, endorser, _, _) =
        context::facts(move |c| Ok(queries::endorsement(c, id)?)).await?;
    let auth =
        context::authorize(Action::EndorsePromotion { endorser }, Target::PromotionEndorsement(id))
            .await?;
    let status = match answer.as_str() {
        "write" => EndorsementStatus::Written,
        "decline" => EndorsementStatus::Declined,
        _ => {
            return Err(AppError::invalid(
                "answer",
                "Choose to write the endorsement or to decline.",
            ))
        }
    };
    let body = body.trim().to_string();
    match status {
        EndorsementStatus::Written if body.chars().count() < 40 => {
            return Err(AppError::invalid(
                "body",
                "Describe what you saw the person do, with an example (at least 40 characters).",
            ))
        }
        EndorsementStatus::Declined if body.is_empty() => return Err(AppError::invalid(
            "body",
            "Say briefly why you decline, for example that you have not worked together recently.",
        )),
        _ if body.chars().count() > 5_000 => {
            return Err(AppError::invalid("body", "Keep this under 5,000 characters."))
        }
        _ => {}
    }
    auth.write(move |c, auth| {
        let row = queries::packet_row(c, packet_id)?;
        if !matches!(row.status(), PacketStatus::Draft | PacketStatus::Submitted) {
            return Err(AppError::Conflict(
                "The promotion calibration has already happened; endorsements are closed.".into(),
            ));
        }
        queries::answer_endorsement(c, id, status, &body, auth.now())?;
        auth.audit_detail(
            c,
            "answer_endorsement",
            Target::PromotionPacket(packet_id),
            status.as_str(),
        )?;
        Ok(())
    })
    .await
}

/// HR names the promotion calibration panel: people at or above the target level.
#[server]
pub async fn set_panel(id: PacketId, panel: String) -> Result<(), AppError> {
    let ctx = packet_context(id).await?;
    let auth = context::authorize(Action::SetPromotionPanel, Target::PromotionPacket(id)).await?;
    if ctx.row.status() != PacketStatus::Submitted {
        return Err(AppError::Conflict(
            "The panel is set while the packet waits for its promotion calibration.".into(),
        ));
    }
    let (target, subject, manager) = (ctx.row.target(), ctx.row.person_id, ctx.row.opened_by);
    auth.write(move |c, auth| {
            let people = people_by_email(c, "panel", &panel)?;
            if people.iter().any(|(p, _)| *p == subject || *p == manager) {
                return Err(AppError::invalid("panel", "The panel reviews the packet with fresh eyes: not the person proposed, not their manager."));
            }
            if people.iter().any(|(_, l)| l.seniority() < target.seniority()) {
                return Err(AppError::invalid("panel", format!("Every panel member must be at {} or above: peers at the target level.", target.label())));
            }
            let ids: Vec<PersonId> = people.iter().map(|(p, _)| *p).collect();
            queries::set_panel(c, id, &ids)?;
            auth.audit_detail(c, "set_promotion_panel", Target::PromotionPacket(id), format!("{} member(s)", ids.len()))?;
            Ok(())
        })
    .await
}

// ---------------------------------------------------------------------------------------
// Self-evaluations

/// The signed-in person's self-evaluation against their next level (`id` None), or a
/// report's shared one (`id` given). None: there is no next level to check against.
#[server]
pub async fn get_self_evaluation(
    id: Option<SelfEvaluationId>,
) -> Result<Option<SelfEvaluation>, AppError> {
    let me = context::viewer()?.person_id;
    // Whose, against what: either the stored one, or mine against my next level.
    let found = context::facts(
        move |c| -> Result<
            Option<(PersonId, i64, Level, Option<queries::SelfEvaluationRow>)>,
            AppError,
        > {
            match id {
                Some(id) => {
                    let row = queries::self_evaluation(c, id)?;
                    Ok(Some((row.person_id, row.ladder_version_id, row.target(), Some(row))))
                }
                None => {
                    let (ladder, level) = ladder_queries::ladder_of_person(c, me)?;
                    let Ok(ladder) = ladder else { return Ok(None) };
                    let Ok(version_id) = ladder_queries::latest_version_id(c, ladder) else {
                        return Ok(None);
                    };
                    let (_, _, parsed) = ladder_queries::by_version_id(c, version_id)?;
                    let Some(target) = ladder_rules::next_steps(&parsed, level).up else {
                        return Ok(None);
                    };
                    let row = queries::self_evaluation_for(c, me, version_id, target)?;
                    Ok(Some((me, version_id, target, row)))
                }
            }
        },
    )
    .await?;
    let Some((person, version_id, target, row)) = found else {
        context::authorize(Action::ReadOwnWork, Target::Page("self_evaluation")).await?;
        return Ok(None);
    };
    let subject = context::facts(move |c| subject_of(c, person)).await?;
    let shared = row.as_ref().is_some_and(|r| r.shared_at.is_some());
    let on = row.as_ref().map_or(Target::Page("self_evaluation"), |r| Target::SelfEvaluation(r.id));
    let auth =
        context::authorize(Action::Read(Record::SelfEvaluation { author: &subject, shared }), on)
            .await?;
    let can_comment = shared && auth.allows(Action::CommentOnSelfEvaluation(&subject));
    auth.read(move |c, _| {
        let (slug, number, ladder) = queries::cited_ladder(c, version_id)?;
        let level = queries::target_level(&ladder, target)?;
        let stored = match &row {
            Some(r) => queries::self_evaluation_items(c, r.id)?,
            None => vec![],
        };
        let items = level
            .criteria
            .iter()
            .enumerate()
            .map(|(i, crit)| {
                let found = stored.iter().find(|(k, _, _)| *k as usize == i);
                CriterionEvidence {
                    index: i,
                    criterion: crit.clone(),
                    evidence: found.map(|f| f.1.clone()).unwrap_or_default(),
                    links: found.map(|f| f.2.clone()).unwrap_or_default(),
                }
            })
            .collect();
        Ok(Some(SelfEvaluation {
            id: row.as_ref().map(|r| r.id),
            person: org::summary(c, person)?,
            ladder_slug: slug,
            ladder_version: number,
            target,
            target_title: level.title.clone(),
            items,
            shared_at: row.as_ref().and_then(|r| r.shared_at),
            comments: match &row {
                Some(r) => queries::comments(c, r.id)?,
                None => vec![],
            },
            version: row.as_ref().map_or(0, |r| r.version),
            is_mine: person == me,
            can_comment,
        }))
    })
    .await
}

/// Saves the signed-in person's self-evaluation against their next level.
#[server]
pub async fn save_self_evaluation(
    version: i32,
    #[server(default)] evidence: Vec<String>,
    #[server(default)] links: Vec<String>,
    #[server(default)] share: String,
) -> Result<(), AppError> {
    let me = context::viewer()?.person_id;
    let subject = context::facts(move |c| subject_of(c, me)).await?;
    let auth = context::authorize(
        Action::Write(Record::SelfEvaluation { author: &subject, shared: false }),
        Target::Page("self_evaluation"),
    )
    .await?;
    let mut errors = Vec::new();
    let items: Vec<(usize, String, String)> = evidence
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let links = links.get(i).cloned().unwrap_or_default();
            (
                i,
                limited(&format!("evidence[{i}]"), e, 5_000, &mut errors),
                limited(&format!("links[{i}]"), &links, 2_000, &mut errors),
            )
        })
        .collect();
    AppError::check_fields(errors)?;
    let share = share == "true";
    if share && items.iter().all(|(_, e, _)| e.is_empty()) {
        return Err(AppError::invalid(
            "evidence[0]",
            "Add evidence for at least one criterion before sharing.",
        ));
    }
    auth.write(move |c, auth| {
            let now = auth.now();
            let (ladder, level) = ladder_queries::ladder_of_person(c, me)?;
            let ladder = ladder.map_err(|_| AppError::NotFound)?;
            let version_id = ladder_queries::latest_version_id(c, ladder)?;
            let (_, _, parsed) = ladder_queries::by_version_id(c, version_id)?;
            let target = ladder_rules::next_steps(&parsed, level).up.ok_or(AppError::NotFound)?;
            if !queries::save_self_evaluation(c, me, version_id, target, version, &items, now)? {
                return Err(AppError::Conflict(
                    "This self-evaluation was saved somewhere else (another tab or device) since you opened it. Reload to see that version; your text is still in the form.".into(),
                ));
            }
            if share {
                let row = queries::self_evaluation_for(c, me, version_id, target)?.ok_or(AppError::NotFound)?;
                if row.shared_at.is_none() {
                    queries::share_self_evaluation(c, row.id, now)?;
                    auth.audit(c, "share_self_evaluation", Target::SelfEvaluation(row.id))?;
                }
            }
            Ok(())
        })
    .await
}

/// The manager comments on a shared self-evaluation; the person can reply.
#[server]
pub async fn comment_on_self_evaluation(
    id: SelfEvaluationId,
    body: String,
) -> Result<(), AppError> {
    let me = context::viewer()?.person_id;
    let (row, subject) = context::facts(move |c| {
        let row = queries::self_evaluation(c, id)?;
        let subject = subject_of(c, row.person_id)?;
        Ok((row, subject))
    })
    .await?;
    // The person answers on their own self-evaluation; anyone else needs the manager's right.
    let action = if row.person_id == me {
        Action::Write(Record::SelfEvaluation { author: &subject, shared: row.shared_at.is_some() })
    } else {
        Action::CommentOnSelfEvaluation(&subject)
    };
    let auth = context::authorize(action, Target::SelfEvaluation(id)).await?;
    if row.shared_at.is_none() {
        return Err(AppError::Conflict("Comments open once the self-evaluation is shared.".into()));
    }
    let body = body.trim().to_string();
    if body.is_empty() || body.chars().count() > 5_000 {
        return Err(AppError::invalid("body", "Write a comment (up to 5,000 characters)."));
    }
    auth.write(move |c, auth| {
        Ok(queries::add_comment(c, id, auth.viewer().person_id, &body, auth.now())?)
    })
    .await
}
