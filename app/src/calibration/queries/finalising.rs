//! Finalising.

use super::*;

/// Locks the session and writes every calibrated rating to its review, ready for delivery;
/// `false` when the board changed since the facilitator looked at it.
pub fn finalise(
    conn: &mut DbConn,
    session: SessionId,
    expected: i32,
    rows: &[BoardRow],
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        calibration_sessions::table
            .filter(calibration_sessions::id.eq(session))
            .filter(calibration_sessions::version.eq(expected))
            .filter(calibration_sessions::status.eq(SessionStatus::Open.as_str())),
    )
    .set((
        calibration_sessions::status.eq(SessionStatus::Finalised.as_str()),
        calibration_sessions::finalised_at.eq(now),
        calibration_sessions::finalised_by.eq(by),
        calibration_sessions::version.eq(expected + 1),
        calibration_sessions::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed != 1 {
        return Ok(false);
    }
    let mut by_rating: BTreeMap<Rating, Vec<ReviewId>> = BTreeMap::new();
    for r in rows {
        if let Some(rating) = r.rating {
            by_rating.entry(rating).or_default().push(r.review_id);
        }
    }
    for (rating, ids) in by_rating {
        for chunk in ids.chunks(CHUNK) {
            diesel::update(
                reviews::table
                    .filter(reviews::id.eq_any(chunk))
                    .filter(reviews::delivered_at.is_null()),
            )
            .set((
                reviews::final_rating.eq(rating.as_str()),
                reviews::finalised_at.eq(now),
                reviews::finalised_by.eq(by),
            ))
            .execute(conn)?;
        }
    }
    Ok(true)
}

/// The session covering a review, if any: (session, participants).
pub fn session_of_review(
    conn: &mut DbConn,
    review: ReviewId,
) -> QueryResult<Option<(SessionId, Vec<PersonId>)>> {
    let session: Option<SessionId> = calibration_entries::table
        .filter(calibration_entries::review_id.eq(review))
        .select(calibration_entries::session_id)
        .first(conn)
        .optional()?;
    match session {
        Some(s) => Ok(Some((s, participant_ids(conn, s)?))),
        None => Ok(None),
    }
}

/// Reviews of a cycle that are on a board (their rating is finalised by the session).
pub fn reviews_on_boards(conn: &mut DbConn, cycle: CycleId) -> QueryResult<HashSet<ReviewId>> {
    Ok(calibration_entries::table
        .inner_join(calibration_sessions::table)
        .filter(calibration_sessions::cycle_id.eq(cycle))
        .select(calibration_entries::review_id)
        .load::<ReviewId>(conn)?
        .into_iter()
        .collect())
}
