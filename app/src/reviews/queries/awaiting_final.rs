//! Reviews waiting for HR's final rating: the manager's assessment is submitted, the review
//! has no final rating, is not delivered, and is on no calibration board (a board's session
//! finalises its own). The rule spans three tables, so it is kept on the review as a mark
//! (`reviews.awaiting_final_rating`, with a partial index of the marked): the cycle page
//! reads the waiting reviews, never the cycle. The rule is written once, in SQL ([`RULE`]),
//! and every write that can change it refreshes the mark of the reviews it touched, in its
//! transaction: the single-review writes through `keeping_tallies`, HR's finalisation, a
//! board taking reviews, and the demo's bulk writes per cycle.

use super::*;

/// The rule, over the `reviews` row being updated.
const RULE: &str = "reviews.final_rating IS NULL AND reviews.delivered_at IS NULL \
    AND EXISTS (SELECT 1 FROM manager_assessments m \
                WHERE m.review_id = reviews.id AND m.submitted_at IS NOT NULL) \
    AND NOT EXISTS (SELECT 1 FROM calibration_entries e WHERE e.review_id = reviews.id)";

/// Ids per UPDATE: well under both backends' limits on the length of a statement.
const CHUNK: usize = 1_000;

/// Applies the rule to these reviews.
pub fn mark_awaiting_final(conn: &mut DbConn, reviews: &[ReviewId]) -> QueryResult<()> {
    for chunk in reviews.chunks(CHUNK) {
        // Ids are integers, so formatting them into the SQL is safe, and the same text runs
        // on both backends (which do not share a placeholder syntax).
        let ids = chunk.iter().map(|id| id.0.to_string()).collect::<Vec<_>>().join(",");
        diesel::sql_query(format!(
            "UPDATE reviews SET awaiting_final_rating = ({RULE}) WHERE id IN ({ids})"
        ))
        .execute(conn)?;
    }
    Ok(())
}

/// Applies the rule to every review of a cycle (after a bulk write).
pub fn mark_awaiting_final_in_cycle(conn: &mut DbConn, cycle: CycleId) -> QueryResult<usize> {
    diesel::sql_query(format!(
        "UPDATE reviews SET awaiting_final_rating = ({RULE}) WHERE cycle_id = {}",
        cycle.0
    ))
    .execute(conn)
}

/// The reviews waiting for HR's final rating, oldest first: the first page (review, person,
/// preliminary rating), and how many in all, counted up to [`COUNT_UP_TO`] + 1.
pub fn awaiting_final_rating(
    conn: &mut DbConn,
    cycle: CycleId,
    reader: PersonId,
) -> QueryResult<(Vec<(ReviewId, PersonSummary, Option<Rating>)>, i64)> {
    // The mark named bare: SQLite uses a partial index only for its condition as written.
    let waiting = || {
        reviews::table
            .inner_join(manager_assessments::table)
            .filter(reviews::cycle_id.eq(cycle))
            .filter(reviews::awaiting_final_rating)
            // Never the reader's own: nobody sees, let alone sets, their own rating early.
            .filter(reviews::person_id.ne(reader))
    };
    let total =
        waiting().select(reviews::id).limit(COUNT_UP_TO + 1).load::<ReviewId>(conn)?.len() as i64;
    let rows: Vec<(ReviewId, PersonId, Option<String>)> = waiting()
        .order(reviews::id.asc())
        .limit(COMPLETION_PAGE)
        .select((reviews::id, reviews::person_id, manager_assessments::rating))
        .load(conn)?;
    let ids: Vec<PersonId> = rows.iter().map(|r| r.1).collect();
    let mut people = org::summaries_by_id(conn, &ids)?;
    let page = rows
        .into_iter()
        .map(|(review, person, prelim)| {
            let person = people.remove(&person).unwrap_or_else(PersonSummary::former_colleague);
            (review, person, prelim.as_deref().and_then(Rating::parse))
        })
        .collect();
    Ok((page, total))
}
