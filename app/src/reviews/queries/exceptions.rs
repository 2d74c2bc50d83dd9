//! HR's recorded exceptions to a review's rules (`review_exceptions`).

use super::*;
use crate::db::schema::review_exceptions;

/// The exceptions granted on a review, oldest first, with who granted each.
pub fn exceptions(conn: &mut DbConn, review: ReviewId) -> QueryResult<Vec<ReviewException>> {
    let rows: Vec<(String, String, String, NaiveDateTime)> = review_exceptions::table
        .inner_join(people::table.on(people::id.eq(review_exceptions::granted_by)))
        .filter(review_exceptions::review_id.eq(review))
        .order(review_exceptions::id.asc())
        .select((
            review_exceptions::rule,
            review_exceptions::reason,
            people::name,
            review_exceptions::granted_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(rule, reason, by, at)| {
            Some(ReviewException { rule: ExceptionRule::parse(&rule)?, reason, by, at })
        })
        .collect())
}

/// Whether HR made an exception to `rule` on this review.
pub fn has_exception(
    conn: &mut DbConn,
    review: ReviewId,
    rule: ExceptionRule,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        review_exceptions::table
            .filter(review_exceptions::review_id.eq(review))
            .filter(review_exceptions::rule.eq(rule.as_str())),
    ))
    .get_result(conn)
}

/// Records an exception; `false` when the review already has one for this rule.
pub fn grant_exception(
    conn: &mut DbConn,
    review: ReviewId,
    rule: ExceptionRule,
    reason: &str,
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let inserted = per_backend!(conn, |c| diesel::insert_into(review_exceptions::table)
        .values((
            review_exceptions::review_id.eq(review),
            review_exceptions::rule.eq(rule.as_str()),
            review_exceptions::reason.eq(reason),
            review_exceptions::granted_by.eq(by),
            review_exceptions::granted_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(inserted == 1)
}
