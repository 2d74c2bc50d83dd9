//! A packet and its workflow.

use super::*;

#[server(endpoint = "promotions/get_packet")]
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
        set_panel: status == PacketStatus::Submitted
            && auth.allows(Action::SetPromotionPanel(&ctx.subject)),
        calibrate: status == PacketStatus::Submitted
            && !ctx.panel.is_empty()
            && auth.allows(Action::CalibratePromotion { about: &ctx.subject, panel: &ctx.panel }),
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
#[server(endpoint = "promotions/open_packet")]
pub async fn open_packet(
    person_id: PersonId,
    #[server(default)] target: String,
) -> Result<(), AppError> {
    let subject = context::facts(move |c| Ok(org::subject(c, person_id)?)).await?;
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
#[server(endpoint = "promotions/save_packet")]
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
        raw => match crate::kernel::form_date(raw) {
            Some(d) if d <= auth.today() => Some(d),
            Some(_) => {
                errors.push(FieldError::new(
                    "performing_since",
                    "This date cannot be in the future.",
                ));
                None
            }
            None => {
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
            Err(AppError::stale("packet"))
        }
    })
    .await
}

/// Moves the packet one step: submit (manager), calibration outcome (HR or a panel member),
/// decision (skip-level). Each checks its own permission and the workflow's order.
#[server(endpoint = "promotions/advance_packet")]
pub async fn advance_packet(
    id: PacketId,
    version: i32,
    step: String,
    #[server(default)] notes: String,
    #[server(default)] effective_on: String,
    #[server(default)] confirm: String,
    #[server(default)] without_endorsements: String,
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
        rules::Step::Calibrate { .. } => {
            Action::CalibratePromotion { about: &ctx.subject, panel: &ctx.panel }
        }
        rules::Step::Decide { .. } => Action::DecidePromotion(&ctx.subject),
    };
    let auth = context::authorize(action, Target::PromotionPacket(id)).await?;
    // A decision is final and the person is told at once: confirmed by a box saying so.
    if matches!(step, rules::Step::Decide { .. }) && confirm != "yes" {
        return Err(AppError::invalid(
            "confirm",
            "Tick the box to confirm the decision: it cannot be undone.",
        ));
    }
    let to =
        rules::next_status(ctx.row.status(), step).map_err(|m| AppError::Conflict(m.into()))?;
    let mut errors = Vec::new();
    let notes = limited("notes", &notes, 5_000, &mut errors);
    let without_endorsements =
        limited("without_endorsements", &without_endorsements, 1_000, &mut errors);
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
                match crate::kernel::form_date(&effective_on) {
                    Some(d) => match rules::check_effective_date(d, auth.today()) {
                        Ok(()) => effective = Some(d),
                        Err(m) => errors.push(FieldError::new("effective_on", m)),
                    },
                    None => errors.push(FieldError::new(
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
    let (subject, target, proposer) = (ctx.row.person_id, ctx.row.target(), ctx.row.opened_by);
    auth.write(move |c, auth| {
        let now = auth.now();
        let mut event_note = event_note;
        // Endorsements come before the calibration (the panel reads them). Going ahead without
        // some is an escalation: allowed with a reason, which the packet's history keeps.
        if matches!(step, rules::Step::Calibrate { .. }) {
            let (waiting, asked) = queries::endorsements_outstanding(c, id)?;
            if waiting > 0 && without_endorsements.is_empty() {
                return Err(AppError::invalid(
                    "without_endorsements",
                    format!("{waiting} of {asked} endorsements are not written yet. Wait for them, or say why the calibration goes ahead without them: the reason is kept on the packet."),
                ));
            }
            if waiting > 0 {
                event_note.push_str(&format!(
                    " Went ahead without {waiting} of {asked} endorsements: {without_endorsements}"
                ));
            }
        }
        if !queries::change_status(c, id, version, to, me, &event_note, now)? {
            return Err(AppError::stale("packet"));
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
        // An outcome reaches the person it concerns and the manager who proposed them, in
        // the same transaction: an email and an update on their My work.
        let outcome = match step {
            rules::Step::Decide { approve: true } => Some(format!(
                "Your promotion to {} was approved, effective {}.",
                target.label(),
                effective.map(crate::ui::format::date).unwrap_or_default()
            )),
            rules::Step::Decide { approve: false } => {
                Some(format!("Your promotion to {} was not approved this time.", target.label()))
            }
            rules::Step::Calibrate { supported: false } => Some(format!(
                "The promotion calibration did not support your promotion to {} this time.",
                target.label()
            )),
            _ => None,
        };
        if let Some(headline) = outcome {
            let name = crate::org::queries::summary(c, subject)?.name;
            crate::promotions::notifications::announce_outcome(
                c,
                id,
                (subject, &name),
                proposer,
                &headline,
                now,
            )?;
        }
        auth.audit_detail(c, "promotion_packet_step", Target::PromotionPacket(id), detail)?;
        Ok(())
    })
    .await
}
