//! Completion: who is missing a deadline, and what waits for HR's final rating. The counts
//! themselves are stored per organisation ([`super::tallies`]); the names are loaded a page
//! at a time, and only for views small enough to sort ([`LIST_NAMES_UP_TO`]).

use super::*;
use diesel::sql_types::{BigInt, Integer};

/// Up to how many reviews a view lists the people missing a deadline by name: the list is
/// sorted by name over the whole view, so its cost grows with the view; a larger view says
/// how many are missing and lets the reader open a branch.
pub const LIST_NAMES_UP_TO: i64 = 500;

/// The reviews a completion question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reviewed {
    /// Every review of the cycle (HR, whose view has no top).
    All,
    /// The reviews of the organisation below a person (not theirs).
    Below(PersonId),
}

/// How many names a completion list shows at once.
pub const COMPLETION_PAGE: i64 = 50;

/// The SQL that yields the cycle's reviews as `r`: a `WITH` clause (the organisation's
/// branches, `below`, when there is an organisation), the tables, and the filter.
struct Source {
    with: String,
    from: &'static str,
    filter: String,
}

impl Reviewed {
    fn source(self, cycle: CycleId) -> Source {
        match self {
            Reviewed::All => Source {
                with: String::new(),
                from: "reviews r",
                filter: format!("r.cycle_id = {cycle}"),
            },
            Reviewed::Below(root) => Source {
                with: org::organisation_cte(root),
                from: "below JOIN reviews r ON r.person_id = below.id",
                filter: format!("r.cycle_id = {cycle}"),
            },
        }
    }
}

/// Each review's self- and manager assessment, as `s` and `m`.
const ASSESSMENTS: &str = "JOIN self_assessments s ON s.review_id = r.id \
     JOIN manager_assessments m ON m.review_id = r.id";

#[derive(QueryableByName)]
struct MissingRow {
    #[diesel(sql_type = BigInt)]
    person_id: i64,
    #[diesel(sql_type = Integer)]
    no_self: i32,
    #[diesel(sql_type = Integer)]
    no_manager: i32,
    #[diesel(sql_type = Integer)]
    no_delivery: i32,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// People whose work is missing past its deadline, by name, a page at a time: (names with
/// what is missing, how many in all).
pub fn missing_past_deadline(
    conn: &mut DbConn,
    cycle: &CycleRow,
    reviewed: Reviewed,
    today: NaiveDate,
) -> QueryResult<(Vec<(PersonSummary, String)>, i64)> {
    let checks = [
        (today > cycle.self_due, "s.submitted_at IS NULL"),
        (today > cycle.manager_due, "m.submitted_at IS NULL"),
        (today > cycle.delivery_due, "r.delivered_at IS NULL"),
    ];
    let conditions: Vec<&str> = checks.iter().filter(|c| c.0).map(|c| c.1).collect();
    if conditions.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let Source { with, from, filter } = reviewed.source(cycle.id);
    let overdue = format!("{filter} AND ({})", conditions.join(" OR "));
    let total = diesel::sql_query(format!(
        "{with} SELECT COUNT(*) AS n FROM {from} {ASSESSMENTS} WHERE {overdue}"
    ))
    .get_result::<Count>(conn)?
    .n;
    let flag = |c: &str| format!("CASE WHEN {c} THEN 1 ELSE 0 END");
    let rows: Vec<MissingRow> = diesel::sql_query(format!(
        "{with} SELECT r.person_id AS person_id, {} AS no_self, {} AS no_manager, \
           {} AS no_delivery \
         FROM {from} {ASSESSMENTS} JOIN people p ON p.id = r.person_id WHERE {overdue} \
         ORDER BY p.name, p.id LIMIT {COMPLETION_PAGE}",
        flag(checks[0].1),
        flag(checks[1].1),
        flag(checks[2].1),
    ))
    .load(conn)?;
    let ids: Vec<PersonId> = rows.iter().map(|r| PersonId(r.person_id)).collect();
    let mut people = org::summaries_by_id(conn, &ids)?;
    let named = rows
        .into_iter()
        .map(|r| {
            let missing: Vec<&str> = [
                (checks[0].0 && r.no_self == 1, "self-assessment"),
                (checks[1].0 && r.no_manager == 1, "manager assessment"),
                (checks[2].0 && r.no_delivery == 1, "delivery"),
            ]
            .into_iter()
            .filter(|m| m.0)
            .map(|m| m.1)
            .collect();
            let person = people
                .remove(&PersonId(r.person_id))
                .unwrap_or_else(PersonSummary::former_colleague);
            (person, missing.join(", "))
        })
        .collect();
    Ok((named, total))
}
