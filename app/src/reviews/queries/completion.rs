//! Completion: how far a cycle has got, counted by the database. The page divides an
//! organisation into its branches (one per direct report of the person at its top) and asks
//! for sums, never for the reviews themselves, so it costs the same at the top of a company
//! of 50,000 as for a team of five. Only the names it shows are loaded, a page at a time.

use super::*;
use crate::reviews::rules::DELIVERY_WINDOW_DAYS;
use diesel::sql_types::{BigInt, Integer};

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

/// A timestamp literal both backends compare with a `Timestamp` column (SQLite stores them
/// as ISO text, which sorts as time does).
fn start_of(day: NaiveDate) -> String {
    format!("'{} 00:00:00'", day.format("%Y-%m-%d"))
}

/// The first instant after `day`: "submitted by the deadline" is `submitted_at` before it.
fn end_of(day: NaiveDate) -> String {
    start_of(day.succ_opt().unwrap_or(day))
}

/// `rules::delivered_on_time` in SQL: delivered no later than the delivery deadline or the
/// week after the rating was finalised, whichever is later. Day arithmetic on a column is
/// the one thing the two backends spell differently.
fn delivered_on_time_sql(conn: &DbConn, delivery_due: NaiveDate) -> String {
    let window = DELIVERY_WINDOW_DAYS + 1;
    let due = end_of(delivery_due);
    let deadline = if matches!(conn, DbConn::Sqlite(_)) {
        format!("MAX({due}, datetime(r.finalised_at, 'start of day', '+{window} days'))")
    } else {
        format!(
            "GREATEST(TIMESTAMP {due}, date_trunc('day', r.finalised_at) + INTERVAL '{window} days')"
        )
    };
    format!(
        "r.finalised_at IS NOT NULL AND r.delivered_at IS NOT NULL AND r.delivered_at < {deadline}"
    )
}

#[derive(QueryableByName)]
struct CountsRow {
    #[diesel(sql_type = BigInt)]
    branch: i64,
    #[diesel(sql_type = BigInt)]
    reviews: i64,
    #[diesel(sql_type = BigInt)]
    self_done: i64,
    #[diesel(sql_type = BigInt)]
    self_late: i64,
    #[diesel(sql_type = BigInt)]
    manager_done: i64,
    #[diesel(sql_type = BigInt)]
    manager_late: i64,
    #[diesel(sql_type = BigInt)]
    delivered: i64,
    #[diesel(sql_type = BigInt)]
    delivered_on_time: i64,
}

#[derive(QueryableByName)]
struct PeerCountsRow {
    #[diesel(sql_type = BigInt)]
    branch: i64,
    #[diesel(sql_type = BigInt)]
    asked: i64,
    #[diesel(sql_type = BigInt)]
    answered: i64,
}

/// Completion counts grouped by `group` (an expression over `r` and `below`): one row per
/// group that has reviews.
fn counts(
    conn: &mut DbConn,
    cycle: &CycleRow,
    reviewed: Reviewed,
    group: &str,
) -> QueryResult<HashMap<i64, CompletionCounts>> {
    let Source { with, from, filter } = reviewed.source(cycle.id);
    let sum =
        |condition: String| format!("COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)");
    let sql = format!(
        "{with} SELECT {group} AS branch, COUNT(*) AS reviews, \
           {self_done} AS self_done, {self_late} AS self_late, \
           {manager_done} AS manager_done, {manager_late} AS manager_late, \
           {delivered} AS delivered, {on_time} AS delivered_on_time \
         FROM {from} {ASSESSMENTS} WHERE {filter} GROUP BY {group}",
        self_done = sum("s.submitted_at IS NOT NULL".into()),
        self_late = sum(format!("s.submitted_at >= {}", end_of(cycle.self_due))),
        manager_done = sum("m.submitted_at IS NOT NULL".into()),
        manager_late = sum(format!("m.submitted_at >= {}", end_of(cycle.manager_due))),
        delivered = sum("r.delivered_at IS NOT NULL".into()),
        on_time = sum(delivered_on_time_sql(conn, cycle.delivery_due)),
    );
    let mut by_group: HashMap<i64, CompletionCounts> = diesel::sql_query(sql)
        .load::<CountsRow>(conn)?
        .into_iter()
        .map(|r| {
            let counts = CompletionCounts {
                reviews: r.reviews,
                self_done: r.self_done,
                self_late: r.self_late,
                manager_done: r.manager_done,
                manager_late: r.manager_late,
                delivered: r.delivered,
                delivered_on_time: r.delivered_on_time,
                ..CompletionCounts::default()
            };
            (r.branch, counts)
        })
        .collect();
    // Peers asked: every request past nomination; answered: every one past "requested".
    let peers = format!(
        "{with} SELECT {group} AS branch, COUNT(*) AS asked, \
           COALESCE(SUM(CASE WHEN f.status <> '{requested}' THEN 1 ELSE 0 END), 0) AS answered \
         FROM {from} JOIN peer_feedback f ON f.review_id = r.id \
         WHERE {filter} AND f.status <> '{nominated}' GROUP BY {group}",
        requested = PeerStatus::Requested.as_str(),
        nominated = PeerStatus::Nominated.as_str(),
    );
    for row in diesel::sql_query(peers).load::<PeerCountsRow>(conn)? {
        let counts = by_group.entry(row.branch).or_default();
        counts.peers_asked = row.asked;
        counts.peers_done = row.answered;
    }
    Ok(by_group)
}

/// Completion of each branch of the organisation below `root`, keyed by the direct report
/// who heads it (their own review included). Branches without reviews are left out.
pub fn completion_by_branch(
    conn: &mut DbConn,
    cycle: &CycleRow,
    root: PersonId,
) -> QueryResult<Vec<(PersonId, CompletionCounts)>> {
    let mut rows: Vec<_> = counts(conn, cycle, Reviewed::Below(root), "below.branch")?
        .into_iter()
        .map(|(head, counts)| (PersonId(head), counts))
        .collect();
    rows.sort_by_key(|(head, _)| *head);
    Ok(rows)
}

/// Completion of every review of the cycle (HR's totals, which include people who have left
/// and anyone outside the tree).
pub fn completion_of_cycle(conn: &mut DbConn, cycle: &CycleRow) -> QueryResult<CompletionCounts> {
    Ok(counts(conn, cycle, Reviewed::All, "r.cycle_id")?.remove(&cycle.id.0).unwrap_or_default())
}

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

/// Reviews waiting for HR's final rating: manager assessment submitted, no final rating, not
/// delivered and on no calibration board (a board's session finalises its own). The first
/// page, oldest first: (review, person, preliminary rating), and how many in all.
pub fn awaiting_final_rating(
    conn: &mut DbConn,
    cycle: CycleId,
) -> QueryResult<(Vec<(ReviewId, PersonSummary, Option<Rating>)>, i64)> {
    use crate::db::schema::{calibration_entries, calibration_sessions};
    let waiting = || {
        let on_boards = calibration_entries::table
            .inner_join(calibration_sessions::table)
            .filter(calibration_sessions::cycle_id.eq(cycle))
            .select(calibration_entries::review_id);
        reviews::table
            .inner_join(manager_assessments::table)
            .filter(reviews::cycle_id.eq(cycle))
            .filter(reviews::delivered_at.is_null())
            .filter(reviews::final_rating.is_null())
            .filter(manager_assessments::submitted_at.is_not_null())
            .filter(diesel::dsl::not(reviews::id.eq_any(on_boards)))
    };
    let total: i64 = waiting().count().get_result(conn)?;
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
