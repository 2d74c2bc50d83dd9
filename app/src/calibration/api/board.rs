//! The board.

use super::*;

#[server(endpoint = "calibration/get_board")]
pub async fn get_board(id: SessionId) -> Result<Board, AppError> {
    let ctx = session_context(id).await?;
    let auth =
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(id)).await?;
    let can_edit = auth.allows(Action::Write(ctx.record()));
    auth.read(move |c, auth| {
        let mut rows = queries::board_rows(c, &ctx.row, None)?;
        let on_board: Vec<PersonId> = rows.iter().map(|r| r.person_id).collect();
        let can_finalise = !ctx.row.finalised()
            && auth.allows(Action::FinaliseCalibration {
                facilitator: ctx.row.facilitator_id,
                on_board: &on_board,
            });
        // Nobody reads their own row, whatever their grants, nor what is counted over it: a
        // blocker ("1 person rated Exceptional not yet discussed") could be their own rating.
        // Someone on the board cannot finalise it either, so they get no blockers at all.
        let reader = auth.viewer().person_id;
        let blockers =
            if on_board.contains(&reader) { Vec::new() } else { rules::finalise_blockers(&rows) };
        rows.retain(|r| r.person_id != reader);
        previous_ratings_as_allowed(c, auth.viewer(), &mut rows)?;
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
#[server(endpoint = "calibration/get_board_version")]
pub async fn get_board_version(id: SessionId) -> Result<i32, AppError> {
    let ctx = session_context(id).await?;
    let auth =
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(id)).await?;
    auth.read(move |c, _| Ok(queries::session_version(c, id)?)).await
}

#[server(endpoint = "calibration/get_board_person")]
pub async fn get_board_person(id: SessionId, entry: EntryId) -> Result<PersonPanel, AppError> {
    let ctx = session_context(id).await?;
    let auth =
        context::authorize(Action::Read(ctx.record()), Target::CalibrationSession(id)).await?;
    auth.read(move |c, auth| {
        let viewer = auth.viewer();
        let mut rows = queries::board_rows(c, &ctx.row, Some(entry))?;
        previous_ratings_as_allowed(c, viewer, &mut rows)?;
        let row = rows.pop().ok_or(AppError::NotFound)?;
        auth.require_in(
            &Action::Read(ctx.entry_record(row.person_id)),
            Target::CalibrationEntry(entry),
        )?;
        let subject = org::subject(c, row.person_id)?;
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
                && auth.allows(Action::ResolveAppeal {
                    facilitator: ctx.row.facilitator_id,
                    about: subject.id,
                }),
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

#[server(endpoint = "calibration/change_rating")]
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

#[server(endpoint = "calibration/mark_discussed")]
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

#[server(endpoint = "calibration/set_potential")]
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

#[server(endpoint = "calibration/raise_appeal")]
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
        let about = crate::org::queries::summary(c, subject.id)?.name;
        crate::calibration::notifications::announce_appeal(
            c,
            id,
            entry,
            ctx.row.facilitator_id,
            &about,
            change.id,
            auth.now(),
        )?;
        auth.audit(c, "raise_appeal", Target::CalibrationEntry(entry))
    })
    .await
}

#[server(endpoint = "calibration/resolve_appeal")]
pub async fn resolve_appeal(
    id: SessionId,
    appeal: AppealId,
    #[server(default)] outcome: String,
    #[server(default)] resolution: String,
) -> Result<(), AppError> {
    let ctx = session_context(id).await?;
    let about = context::facts(move |c| {
        let appeal = queries::appeal_row(c, id, appeal)?;
        Ok(queries::entry_row(c, id, appeal.entry_id)?.person_id)
    })
    .await?;
    let auth = context::authorize(
        Action::ResolveAppeal { facilitator: ctx.row.facilitator_id, about },
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
        let name = crate::org::queries::summary(c, about)?.name;
        crate::calibration::notifications::announce_resolution(c, &appeal, outcome, &name, now)?;
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

#[server(endpoint = "calibration/finalise_session")]
pub async fn finalise_session(
    id: SessionId,
    version: i32,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let ctx = session_context(id).await?;
    let on_board = context::facts(move |c| Ok(queries::people_on_board(c, id)?)).await?;
    let auth = context::authorize(
        Action::FinaliseCalibration { facilitator: ctx.row.facilitator_id, on_board: &on_board },
        Target::CalibrationSession(id),
    )
    .await?;
    if ctx.row.finalised() {
        return Err(finalised_error());
    }
    // Irreversible and it reaches everyone on the board: confirmed by a box saying so.
    if confirm != "yes" {
        return Err(AppError::invalid(
            "confirm",
            "Tick the box to confirm that finalising sends these ratings on: it cannot be undone.",
        ));
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
        // Each manager on the board hears their people's ratings are final, to deliver.
        let reviews: Vec<_> = rows.iter().map(|r| r.review_id).collect();
        crate::reviews::notifications::announce_final_ratings(
            c,
            &reviews,
            &format!("session:{id}"),
            auth.now(),
        )?;
        auth.audit_detail(
            c,
            "finalise_calibration",
            Target::CalibrationSession(id),
            format!("{} ratings", rows.len()),
        )
    })
    .await
}

/// A previous cycle's final rating is the person's, their manager chain's and HR's (the final
/// review's rule), not the whole room's: on everyone else's rows it is left out.
#[cfg(feature = "ssr")]
fn previous_ratings_as_allowed(
    c: &mut DbConn,
    viewer: &crate::kernel::Viewer,
    rows: &mut [BoardRow],
) -> Result<(), AppError> {
    let ids: Vec<PersonId> =
        rows.iter().filter(|r| r.last_rating.is_some()).map(|r| r.person_id).collect();
    let mut chains = org::manager_chains(c, &ids)?;
    for row in rows.iter_mut().filter(|r| r.last_rating.is_some()) {
        let about = Subject {
            id: row.person_id,
            manager_chain: chains.remove(&row.person_id).unwrap_or_default(),
        };
        if policy::read(viewer, &Record::FinalReview { about: &about, delivered: true }).is_none() {
            row.last_rating = None;
        }
    }
    Ok(())
}
