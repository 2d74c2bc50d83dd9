//! Server functions of calibration. Each asks the policy first (the session's participants
//! and HR read; participants write until finalised); every rating change is a compare-and-set
//! on the person's entry, so two people changing the same person never overwrite each other.

use super::types::*;
use crate::error::AppError;
use crate::kernel::{AppealId, ChangeId, EntryId, SessionId};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    super::{queries, rules},
    crate::audit::Target,
    crate::context,
    crate::db::DbConn,
    crate::error::FieldError,
    crate::kernel::{CycleId, DepartmentId, PersonId, Rating, TeamId},
    crate::org::queries as org,
    crate::policy::{self, Action, Record, Subject},
    crate::reviews::queries as reviews,
};

/// A session with the facts its policy decisions need.
#[cfg(feature = "ssr")]
struct SessionContext {
    row: queries::SessionRow,
    participants: Vec<PersonId>,
}

#[cfg(feature = "ssr")]
impl SessionContext {
    fn record(&self) -> Record<'_> {
        Record::CalibrationSession {
            participants: &self.participants,
            finalised: self.row.finalised(),
        }
    }

    /// One person's row on the board (never one's own).
    fn entry_record(&self, person: PersonId) -> Record<'_> {
        Record::CalibrationEntry {
            person,
            participants: &self.participants,
            finalised: self.row.finalised(),
        }
    }
}

#[cfg(feature = "ssr")]
async fn session_context(id: SessionId) -> Result<SessionContext, AppError> {
    context::facts(move |c| {
        let row = queries::session_row(c, id)?;
        let participants = queries::participant_ids(c, id)?;
        Ok(SessionContext { row, participants })
    })
    .await
}

/// The person on an entry, with their manager chain as it is now.
#[cfg(feature = "ssr")]
async fn entry_subject(id: SessionId, entry: EntryId) -> Result<Subject, AppError> {
    context::facts(move |c| {
        let person = queries::entry_row(c, id, entry)?.person_id;
        Ok(Subject { id: person, manager_chain: org::manager_chain(c, person)? })
    })
    .await
}

#[cfg(feature = "ssr")]
fn finalised_error() -> AppError {
    AppError::Conflict(
        "This session was finalised: its ratings are final and nothing on the board can change."
            .into(),
    )
}

/// The newer state of a person someone else changed first, in plain words.
#[cfg(feature = "ssr")]
fn stale_entry(c: &mut DbConn, session: SessionId, entry: EntryId) -> Result<AppError, AppError> {
    let row = queries::entry_row(c, session, entry)?;
    let person =
        queries::person_names(c, &[row.person_id])?.remove(&row.person_id).unwrap_or_default();
    let last = queries::changes_of(c, entry)?.pop().filter(|ch| ch.changed_at == row.updated_at);
    Ok(AppError::Conflict(match last {
        Some(ch) => {
            let who = queries::person_names(c, &[ch.changed_by])?.remove(&ch.changed_by).unwrap_or_default();
            let to = Rating::parse(&ch.to_rating).map(Rating::label).unwrap_or_default();
            format!(
                "{who} changed {person}'s rating to {to} at {} while you had it open (\u{201c}{}\u{201d}). Your change was not saved: read the newer rating, then change it again if you still disagree.",
                ch.changed_at.format("%H:%M"),
                ch.rationale
            )
        }
        None => format!("Someone else updated {person} while you had them open. Your change was not saved: show the latest, then try again."),
    }))
}

// ---------------------------------------------------------------------------------------
// Sessions

#[server]
pub async fn get_calibration_home() -> Result<CalibrationHome, AppError> {
    let auth = context::authorize(Action::ReadOwnWork, Target::Page("calibration")).await?;
    let can_create = auth.allows(Action::ManageCalibrationSessions);
    auth.read(move |c, auth| {
        Ok(CalibrationHome {
            sessions: queries::sessions_for(c, auth.viewer().person_id, auth.viewer().is_hr_admin)?,
            can_create,
        })
    })
    .await
}

#[server]
pub async fn get_session_form() -> Result<SessionFormData, AppError> {
    let auth =
        context::authorize(Action::ManageCalibrationSessions, Target::Page("calibration_session"))
            .await?;
    auth.read(|c, _| {
        Ok(SessionFormData {
            cycles: queries::cycles_to_calibrate(c)?,
            departments: org::departments(c)?.into_iter().map(|d| (d.id, d.name)).collect(),
            teams: queries::teams_with_departments(c)?,
        })
    })
    .await
}

#[server]
pub async fn create_session(
    #[server(default)] cycle_id: String,
    name: String,
    facilitator_email: String,
    #[server(default)] department: BTreeMap<String, String>,
    #[server(default)] team: BTreeMap<String, String>,
) -> Result<SessionId, AppError> {
    let auth =
        context::authorize(Action::ManageCalibrationSessions, Target::Page("calibration_session"))
            .await?;
    let name = name.trim().to_string();
    let email = facilitator_email.trim().to_lowercase();
    let departments: Vec<DepartmentId> = department.keys().filter_map(|k| k.parse().ok()).collect();
    let teams: Vec<TeamId> = team.keys().filter_map(|k| k.parse().ok()).collect();
    let created = auth
        .write(move |c, auth| {
            let mut errors = Vec::new();
            let form = SessionFormData {
                cycles: queries::cycles_to_calibrate(c)?,
                departments: org::departments(c)?.into_iter().map(|d| (d.id, d.name)).collect(),
                teams: queries::teams_with_departments(c)?,
            };
            let cycle = cycle_id.parse::<CycleId>().ok().filter(|id| form.cycles.iter().any(|(c, _)| c == id));
            if cycle.is_none() {
                errors.push(FieldError::new("cycle_id", "Choose a review cycle whose assessments are open or in calibration."));
            }
            if name.is_empty() || name.chars().count() > 120 {
                errors.push(FieldError::new("name", "Give the session a name of up to 120 characters, such as \u{201c}Sales H2 calibration\u{201d}."));
            }
            let facilitator = match org::active_person_by_email(c, &email)? {
                None => {
                    errors.push(FieldError::new("facilitator_email", "No active person has that work email."));
                    None
                }
                Some((id, _)) => {
                    let reports: Vec<PersonId> = org::direct_reports(c, id)?.into_iter().map(|p| p.id).collect();
                    let leads_managers = reports.iter().any(|r| org::direct_reports(c, *r).map(|rs| !rs.is_empty()).unwrap_or(false));
                    if !leads_managers {
                        errors.push(FieldError::new("facilitator_email", "The facilitator is a skip-level leader: someone whose reports include managers."));
                    }
                    Some(id)
                }
            };
            let chosen: Vec<String> = form
                .departments
                .iter()
                .filter(|(id, _)| departments.contains(id))
                .map(|(_, n)| n.clone())
                .chain(form.teams.iter().filter(|(id, _)| teams.contains(id)).map(|(_, n)| n.clone()))
                .collect();
            if chosen.is_empty() {
                errors.push(FieldError::new("group", "Choose at least one department or team."));
            }
            AppError::check_fields(errors)?;
            let (Some(cycle_id), Some(facilitator)) = (cycle, facilitator) else { return Err(AppError::NotFound) };
            let created = queries::create_session(
                c,
                &queries::NewSession { cycle_id, name: &name, group_label: &chosen.join(", "), facilitator, departments: &departments, teams: &teams, created_by: auth.viewer().person_id, now: auth.now() },
            )?;
            if created.people == 0 {
                return Err(AppError::invalid(
                    "group",
                    if created.elsewhere > 0 { "Everyone in these departments and teams is already on another board of this cycle." } else { "Nobody in these departments and teams takes part in this cycle." },
                ));
            }
            auth.audit_detail(c, "create_calibration_session", Target::CalibrationSession(created.id), format!("{} people", created.people))?;
            Ok(created)
        })
        .await?;
    leptos_axum::redirect(&format!("/calibration/{}", created.id));
    Ok(created.id)
}

// ---------------------------------------------------------------------------------------
// The board

#[server]
pub async fn get_board(id: SessionId) -> Result<Board, AppError> {
    let ctx = session_context(id).await?;
    let auth =
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(id)).await?;
    let can_edit = auth.allows(Action::Write(ctx.record()));
    let can_finalise = !ctx.row.finalised()
        && auth.allows(Action::FinaliseCalibration { facilitator: ctx.row.facilitator_id });
    auth.read(move |c, auth| {
        let mut rows = queries::board_rows(c, &ctx.row, None)?;
        let blockers = rules::finalise_blockers(&rows);
        // Nobody reads their own row, whatever their grants.
        rows.retain(|r| r.person_id != auth.viewer().person_id);
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        auth.audit(c, "read_calibration_board", Target::CalibrationSession(id))?;
        Ok(Board {
            session: queries::session_info(c, &ctx.row)?,
            rows,
            can_edit,
            can_finalise,
            blockers,
            today: auth.today(),
        })
    })
    .await
}

/// The board's version, polled by open boards to refresh when someone else changed it.
#[server]
pub async fn get_board_version(id: SessionId) -> Result<i32, AppError> {
    let ctx = session_context(id).await?;
    let auth =
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(id)).await?;
    auth.read(move |c, _| Ok(queries::session_version(c, id)?)).await
}

#[server]
pub async fn get_board_person(id: SessionId, entry: EntryId) -> Result<PersonPanel, AppError> {
    let ctx = session_context(id).await?;
    let auth =
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(id)).await?;
    auth.read(move |c, auth| {
        let viewer = auth.viewer();
        let row = queries::board_rows(c, &ctx.row, Some(entry))?.pop().ok_or(AppError::NotFound)?;
        auth.require_in(
            &Action::Read(ctx.entry_record(row.person_id)),
            Target::CalibrationEntry(entry),
        )?;
        let subject =
            Subject { id: row.person_id, manager_chain: org::manager_chain(c, row.person_id)? };
        let review = reviews::review_row(c, row.review_id)?;
        let record = Record::ManagerAssessment {
            about: &subject,
            calibration_participants: &ctx.participants,
            calibration_started: true,
            delivered: review.delivered_at.is_some(),
        };
        let assessment = policy::read(viewer, &record)
            .map(|_| reviews::manager_draft(c, row.review_id))
            .transpose()?
            .map(|d| d.answers);
        let finalised = ctx.row.finalised();
        let may_appeal = !finalised
            && auth
                .allows(Action::RaiseAppeal { about: &subject, participants: &ctx.participants });
        let changes = queries::changes_of(c, entry)?;
        let appeals = queries::appeals_of(c, entry)?;
        let entry_row = queries::entry_row(c, id, entry)?;
        let mut ids: Vec<PersonId> = changes
            .iter()
            .map(|ch| ch.changed_by)
            .chain(appeals.iter().flat_map(|a| [Some(a.raised_by), a.resolved_by]).flatten())
            .collect();
        ids.extend(entry_row.discussed_by);
        let names = queries::person_names(c, &ids)?;
        let name = |id: &PersonId| names.get(id).cloned().unwrap_or_default();
        let changes = changes
            .iter()
            .filter_map(|ch| {
                Some(ChangeView {
                    id: ch.id,
                    by: name(&ch.changed_by),
                    from: ch.from_rating.as_deref().and_then(Rating::parse),
                    to: Rating::parse(&ch.to_rating)?,
                    rationale: ch.rationale.clone(),
                    at: ch.changed_at,
                    can_appeal: may_appeal
                        && ch.changed_by != viewer.person_id
                        && !appeals.iter().any(|a| a.change_id == ch.id && a.outcome.is_none()),
                })
            })
            .collect();
        let appeals = appeals
            .iter()
            .map(|a| AppealView {
                id: a.id,
                change_id: a.change_id,
                by: name(&a.raised_by),
                reason: a.reason.clone(),
                raised_at: a.raised_at,
                outcome: a.outcome.as_deref().and_then(AppealOutcome::parse),
                resolution: a.resolution.clone(),
                resolved_by: a.resolved_by.as_ref().map(name),
                resolved_at: a.resolved_at,
            })
            .collect();
        let discussion = entry_row.discussed_at.map(|at| {
            (
                entry_row.discussed_by.as_ref().map(name).unwrap_or_default(),
                at,
                entry_row.discussion_note.clone(),
            )
        });
        auth.audit(c, "read_calibration_person", Target::CalibrationSession(id))?;
        Ok(PersonPanel {
            person: org::summary(c, row.person_id)?,
            row,
            assessment,
            discussion,
            changes,
            appeals,
            can_edit: auth.allows(Action::Write(ctx.record())),
            can_set_potential: !finalised
                && auth.allows(Action::RecordPotential {
                    about: &subject,
                    participants: &ctx.participants,
                }),
            can_resolve: !finalised
                && auth.allows(Action::ResolveAppeal { facilitator: ctx.row.facilitator_id }),
        })
    })
    .await
}

/// A finalised session answers changes with why nothing changed (to those who may read it).
#[cfg(feature = "ssr")]
async fn refuse_if_finalised(ctx: &SessionContext) -> Result<(), AppError> {
    if ctx.row.finalised() {
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(ctx.row.id))
            .await?;
        return Err(finalised_error());
    }
    Ok(())
}

#[server]
pub async fn change_rating(
    id: SessionId,
    entry: EntryId,
    version: i32,
    #[server(default)] rating: String,
    #[server(default)] rationale: String,
) -> Result<(), AppError> {
    let ctx = session_context(id).await?;
    refuse_if_finalised(&ctx).await?;
    let auth =
        context::authorize(Action::Write(ctx.record()), Target::CalibrationSession(id)).await?;
    let (to, rationale) = rules::choice_with_reason(
        Rating::parse(rating.trim()),
        ("rating", "Choose the calibrated rating."),
        ("rationale", &rationale, "why the rating changes"),
    )
    .map_err(AppError::Invalid)?;
    auth.write(move |c, auth| {
        let row = queries::board_rows(c, &ctx.row, Some(entry))?.pop().ok_or(AppError::NotFound)?;
        auth.require_in(
            &Action::Write(ctx.entry_record(row.person_id)),
            Target::CalibrationEntry(entry),
        )?;
        if row.version == version && row.rating == Some(to) {
            return Err(AppError::invalid(
                "rating",
                "That is the rating already: choose a different one.",
            ));
        }
        let change = queries::RatingChange {
            session: id,
            entry,
            expected: version,
            from: row.rating,
            to,
            by: auth.viewer().person_id,
            rationale: &rationale,
            now: auth.now(),
        };
        if !queries::change_rating(c, &change)? {
            return Err(stale_entry(c, id, entry)?);
        }
        auth.audit_detail(
            c,
            "change_calibrated_rating",
            Target::CalibrationEntry(entry),
            format!("{} -> {}", row.rating.map(Rating::as_str).unwrap_or("none"), to.as_str()),
        )
    })
    .await
}

#[server]
pub async fn mark_discussed(
    id: SessionId,
    entry: EntryId,
    version: i32,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let ctx = session_context(id).await?;
    refuse_if_finalised(&ctx).await?;
    let auth =
        context::authorize(Action::Write(ctx.record()), Target::CalibrationSession(id)).await?;
    let note = rules::parse_reason("note", &note, "what the room concluded")
        .map_err(|e| AppError::Invalid(vec![e]))?;
    auth.write(move |c, auth| {
        let row = queries::entry_row(c, id, entry)?;
        auth.require_in(
            &Action::Write(ctx.entry_record(row.person_id)),
            Target::CalibrationEntry(entry),
        )?;
        if !queries::mark_discussed(
            c,
            id,
            entry,
            version,
            auth.viewer().person_id,
            &note,
            auth.now(),
        )? {
            return Err(stale_entry(c, id, entry)?);
        }
        auth.audit(c, "mark_discussed", Target::CalibrationEntry(entry))
    })
    .await
}

#[server]
pub async fn set_potential(
    id: SessionId,
    entry: EntryId,
    version: i32,
    #[server(default)] potential: String,
) -> Result<(), AppError> {
    let ctx = session_context(id).await?;
    let potential = Potential::parse(potential.trim())
        .ok_or_else(|| AppError::invalid("potential", "Choose high, medium or low potential."))?;
    let subject = entry_subject(id, entry).await?;
    let auth = context::authorize(
        Action::RecordPotential { about: &subject, participants: &ctx.participants },
        Target::CalibrationEntry(entry),
    )
    .await?;
    if ctx.row.finalised() {
        return Err(finalised_error());
    }
    auth.write(move |c, auth| {
        if !queries::set_potential(c, id, entry, version, potential, auth.now())? {
            return Err(stale_entry(c, id, entry)?);
        }
        auth.audit_detail(
            c,
            "record_potential",
            Target::CalibrationEntry(entry),
            potential.as_str(),
        )
    })
    .await
}

#[server]
pub async fn raise_appeal(
    id: SessionId,
    entry: EntryId,
    change: ChangeId,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = session_context(id).await?;
    let subject = entry_subject(id, entry).await?;
    let auth = context::authorize(
        Action::RaiseAppeal { about: &subject, participants: &ctx.participants },
        Target::CalibrationEntry(entry),
    )
    .await?;
    if ctx.row.finalised() {
        return Err(finalised_error());
    }
    let reason = rules::parse_reason("reason", &reason, "why you disagree")
        .map_err(|e| AppError::Invalid(vec![e]))?;
    auth.write(move |c, auth| {
        let change = queries::change_row(c, entry, change)?;
        if change.changed_by == auth.viewer().person_id {
            return Err(AppError::Conflict(
                "You made this change: to undo it, change the rating again with a rationale."
                    .into(),
            ));
        }
        if !queries::raise_appeal(c, id, &change, auth.viewer().person_id, &reason, auth.now())? {
            return Err(AppError::Conflict(
                "This change already has an appeal waiting for the facilitator.".into(),
            ));
        }
        auth.audit(c, "raise_appeal", Target::CalibrationEntry(entry))
    })
    .await
}

#[server]
pub async fn resolve_appeal(
    id: SessionId,
    appeal: AppealId,
    #[server(default)] outcome: String,
    #[server(default)] resolution: String,
) -> Result<(), AppError> {
    let ctx = session_context(id).await?;
    let auth = context::authorize(
        Action::ResolveAppeal { facilitator: ctx.row.facilitator_id },
        Target::CalibrationSession(id),
    )
    .await?;
    if ctx.row.finalised() {
        return Err(finalised_error());
    }
    let (outcome, resolution) = rules::choice_with_reason(
        AppealOutcome::parse(outcome.trim()),
        ("outcome", "Choose whether the change stays or is reverted."),
        ("resolution", &resolution, "the reason for your decision"),
    )
    .map_err(AppError::Invalid)?;
    auth.write(move |c, auth| {
        let (me, now) = (auth.viewer().person_id, auth.now());
        let appeal = queries::appeal_row(c, id, appeal)?;
        if !queries::resolve_appeal(c, &appeal, outcome, &resolution, me, now)? {
            return Err(AppError::Conflict("Somebody resolved this appeal first.".into()));
        }
        if outcome == AppealOutcome::Reverted {
            let change = queries::change_row(c, appeal.entry_id, appeal.change_id)?;
            let row = queries::board_rows(c, &ctx.row, Some(appeal.entry_id))?
                .pop()
                .ok_or(AppError::NotFound)?;
            if let Some(back) = change
                .from_rating
                .as_deref()
                .and_then(Rating::parse)
                .filter(|r| Some(*r) != row.rating)
            {
                let rationale = format!("Appeal upheld: {resolution}");
                let revert = queries::RatingChange {
                    session: id,
                    entry: appeal.entry_id,
                    expected: row.version,
                    from: row.rating,
                    to: back,
                    by: me,
                    rationale: &rationale,
                    now,
                };
                if !queries::change_rating(c, &revert)? {
                    return Err(stale_entry(c, id, appeal.entry_id)?);
                }
            }
        }
        auth.audit_detail(
            c,
            "resolve_appeal",
            Target::CalibrationAppeal(appeal.id),
            outcome.as_str(),
        )
    })
    .await
}

#[server]
pub async fn finalise_session(id: SessionId, version: i32) -> Result<(), AppError> {
    let ctx = session_context(id).await?;
    let auth = context::authorize(
        Action::FinaliseCalibration { facilitator: ctx.row.facilitator_id },
        Target::CalibrationSession(id),
    )
    .await?;
    if ctx.row.finalised() {
        return Err(finalised_error());
    }
    auth.write(move |c, auth| {
        let rows = queries::board_rows(c, &ctx.row, None)?;
        let blockers = rules::finalise_blockers(&rows);
        if !blockers.is_empty() {
            return Err(AppError::Invalid(
                blockers.into_iter().map(|b| FieldError::new("finalise", b)).collect(),
            ));
        }
        if !queries::finalise(c, id, version, &rows, auth.viewer().person_id, auth.now())? {
            return Err(AppError::Conflict(
                "The board changed since you loaded it. Look at the latest changes, then finalise."
                    .into(),
            ));
        }
        auth.audit_detail(
            c,
            "finalise_calibration",
            Target::CalibrationSession(id),
            format!("{} ratings", rows.len()),
        )
    })
    .await
}

// ---------------------------------------------------------------------------------------
// The fairness report

#[server]
pub async fn get_bias_report(id: SessionId) -> Result<BiasReport, AppError> {
    let ctx = session_context(id).await?;
    let auth =
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(id)).await?;
    auth.read(move |c, auth| {
        let rows = queries::board_rows(c, &ctx.row, None)?;
        let cycle = reviews::cycle_row(c, ctx.row.cycle_id)?;
        let attributes =
            queries::attributes_of(c, &rows.iter().map(|r| r.person_id).collect::<Vec<_>>())?;
        let people: Vec<rules::ReportPerson> = rows
            .iter()
            .map(|r| rules::ReportPerson {
                team: r.team.clone(),
                manager: r.manager.clone(),
                tenure: rules::tenure_band(r.hire_date, cycle.period_end),
                attributes: attributes.get(&r.person_id).cloned().unwrap_or_default(),
                before: r.preliminary,
                after: r.rating,
            })
            .collect();
        let company = queries::cycle_counts(c, ctx.row.cycle_id)?;
        let pairs = |pick: fn(&BoardRow) -> Option<Rating>| {
            rows.iter().filter_map(|r| Some((r.team.clone(), pick(r)?))).collect::<Vec<_>>()
        };
        let mut managers: Vec<PersonId> = rows.iter().filter_map(|r| r.manager_id).collect();
        managers.sort_unstable();
        managers.dedup();
        auth.audit(c, "read_bias_report", Target::CalibrationSession(id))?;
        Ok(BiasReport {
            people: rows.len() as u32,
            before: rules::counts(rows.iter().filter_map(|r| r.preliminary)),
            after: rules::counts(rows.iter().filter_map(|r| r.rating)),
            dimensions: rules::dimensions(&people),
            consistency_before: rules::consistency(&pairs(|r| r.preliminary), &company),
            consistency_after: rules::consistency(&pairs(|r| r.rating), &company),
            leniency: rules::leniency(&queries::leniency_rows(c, &managers)?),
            session: queries::session_info(c, &ctx.row)?,
        })
    })
    .await
}
