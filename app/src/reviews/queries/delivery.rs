//! Finalising and delivery.

use super::*;

/// Records the final rating of a review not yet delivered. The completion tallies do not
/// change: a finalisation counts (towards delivery on time) when the review is delivered.
pub fn finalise(
    conn: &mut DbConn,
    id: ReviewId,
    rating: Rating,
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        reviews::table.filter(reviews::id.eq(id)).filter(reviews::delivered_at.is_null()),
    )
    .set((
        reviews::final_rating.eq(rating.as_str()),
        reviews::finalised_at.eq(now),
        reviews::finalised_by.eq(by),
    ))
    .execute(conn)?;
    mark_awaiting_final(conn, &[id])?;
    Ok(changed == 1)
}

pub fn deliver(
    conn: &mut DbConn,
    id: ReviewId,
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = keeping_tallies(conn, id, |conn| {
        diesel::update(
            reviews::table
                .filter(reviews::id.eq(id))
                .filter(reviews::delivered_at.is_null())
                .filter(reviews::finalised_at.is_not_null()),
        )
        .set((reviews::delivered_at.eq(now), reviews::delivered_by.eq(by)))
        .execute(conn)
    })?;
    Ok(changed == 1)
}

/// The subject acknowledges a delivered review, with an optional comment or disagreement
/// that stays attached. A later comment replaces the earlier one; the acknowledgement stays.
pub fn acknowledge(
    conn: &mut DbConn,
    id: ReviewId,
    comment: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let row = review_row(conn, id)?;
    if row.delivered_at.is_none() {
        return Ok(false);
    }
    let acknowledged = row.acknowledged_at.unwrap_or(now);
    diesel::update(reviews::table.find(id))
        .set((
            reviews::acknowledged_at.eq(acknowledged),
            reviews::employee_comment.eq(comment),
            reviews::commented_at.eq((!comment.is_empty()).then_some(now)),
        ))
        .execute(conn)?;
    Ok(true)
}
