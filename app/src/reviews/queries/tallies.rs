//! Completion tallies: a cycle's completion counts stored per organisation
//! (`completion_tallies`), so the cycle page reads one row per branch whatever the size of
//! the organisation it shows. A row sums the review of one person and of everyone counted in
//! their organisation; the row of [`WHOLE_CYCLE`] sums every review of the cycle.
//!
//! One rule says what a review counts for ([`rules::review_counts`]). A write that changes a
//! review goes through [`keeping_tallies`], which adds the difference it made along the
//! person's chain of managers in the same transaction; a person's organisation moving in the
//! tree moves its rows' sums ([`organisation_moved`]); bulk writes (launching a cycle, the
//! demo) recount the cycle once ([`recount_tallies`]).

use super::*;
use crate::db::schema::completion_tallies;
use crate::reviews::rules::{self, ReviewProgress};
use diesel::dsl::count_star;

/// The `person_id` of the row that sums the whole cycle (no person has id 0).
pub const WHOLE_CYCLE: PersonId = PersonId(0);

/// Rows per INSERT: 11 values each, well under both backends' limits on bound parameters.
const BATCH: usize = 1_000;

#[derive(Queryable, Selectable)]
#[diesel(table_name = completion_tallies)]
struct TallyRow {
    person_id: PersonId,
    reviews: i64,
    self_done: i64,
    self_late: i64,
    peers_done: i64,
    peers_asked: i64,
    manager_done: i64,
    manager_late: i64,
    delivered: i64,
    delivered_on_time: i64,
}

impl From<&TallyRow> for CompletionCounts {
    fn from(r: &TallyRow) -> Self {
        CompletionCounts {
            reviews: r.reviews,
            self_done: r.self_done,
            self_late: r.self_late,
            peers_done: r.peers_done,
            peers_asked: r.peers_asked,
            manager_done: r.manager_done,
            manager_late: r.manager_late,
            delivered: r.delivered,
            delivered_on_time: r.delivered_on_time,
        }
    }
}

/// The stored tallies of the active direct reports of `root` who have reviews in the cycle:
/// one row per branch of `root`'s organisation, the head's own review included. Reads one
/// row per direct report, whatever the size of their organisations.
pub fn completion_by_branch(
    conn: &mut DbConn,
    cycle: &CycleRow,
    root: PersonId,
) -> QueryResult<Vec<(PersonId, CompletionCounts)>> {
    let rows: Vec<TallyRow> = completion_tallies::table
        .inner_join(people::table.on(people::id.eq(completion_tallies::person_id)))
        .filter(completion_tallies::cycle_id.eq(cycle.id))
        .filter(people::manager_id.eq(root))
        .filter(people::status.ne(org::DEPARTED))
        .filter(completion_tallies::reviews.gt(0))
        .order(completion_tallies::person_id.asc())
        .select(TallyRow::as_select())
        .load(conn)?;
    Ok(rows.iter().map(|r| (r.person_id, r.into())).collect())
}

/// Every review of the cycle (HR's totals, which include people who have left and anyone
/// outside the tree).
pub fn completion_of_cycle(conn: &mut DbConn, cycle: &CycleRow) -> QueryResult<CompletionCounts> {
    Ok(stored(conn, cycle.id, WHOLE_CYCLE)?.unwrap_or_default())
}

/// The stored tally of one row, if there is one.
fn stored(
    conn: &mut DbConn,
    cycle: CycleId,
    person: PersonId,
) -> QueryResult<Option<CompletionCounts>> {
    let row: Option<TallyRow> = completion_tallies::table
        .find((cycle, person))
        .select(TallyRow::as_select())
        .first(conn)
        .optional()?;
    Ok(row.as_ref().map(CompletionCounts::from))
}

/// What a review's counts are made of: (review, cycle, person, finalised, delivered,
/// self-assessment submitted, manager assessment submitted).
type ProgressRow = (
    ReviewId,
    CycleId,
    PersonId,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

/// The columns of a [`ProgressRow`], from reviews joined with their two assessments.
const PROGRESS: (
    reviews::id,
    reviews::cycle_id,
    reviews::person_id,
    reviews::finalised_at,
    reviews::delivered_at,
    self_assessments::submitted_at,
    manager_assessments::submitted_at,
) = (
    reviews::id,
    reviews::cycle_id,
    reviews::person_id,
    reviews::finalised_at,
    reviews::delivered_at,
    self_assessments::submitted_at,
    manager_assessments::submitted_at,
);

/// A review's counts from its row and its peer requests' statuses.
fn counts_of(row: &ProgressRow, peers: Vec<PeerStatus>, deadlines: &Deadlines) -> CompletionCounts {
    let progress = ReviewProgress {
        finalised: row.3,
        delivered: row.4,
        self_submitted: row.5,
        manager_submitted: row.6,
        peers,
    };
    rules::review_counts(&progress, deadlines)
}

/// Where one review stands now: its row and its peer requests' statuses.
fn review_now(conn: &mut DbConn, review: ReviewId) -> QueryResult<(ProgressRow, Vec<PeerStatus>)> {
    let row: ProgressRow = reviews::table
        .inner_join(self_assessments::table)
        .inner_join(manager_assessments::table)
        .filter(reviews::id.eq(review))
        .select(PROGRESS)
        .first(conn)?;
    let peers: Vec<String> = peer_feedback::table
        .filter(peer_feedback::review_id.eq(review))
        .select(peer_feedback::status)
        .load(conn)?;
    Ok((row, peers.iter().filter_map(|s| PeerStatus::parse(s)).collect()))
}

/// Runs `write`, a change to `review` (its assessments, peer requests or delivery), and adds
/// the difference it made to the review's counts to the stored tallies, in the caller's
/// transaction: the way every single-review write keeps them. It also refreshes the review's
/// "waiting for a final rating" mark ([`mark_awaiting_final`]), which the same writes can
/// change. The cycle's deadlines are read once; a review's cycle and person do not change.
pub fn keeping_tallies<T>(
    conn: &mut DbConn,
    review: ReviewId,
    write: impl FnOnce(&mut DbConn) -> QueryResult<T>,
) -> QueryResult<T> {
    org::share_the_tree(conn)?;
    let (row, peers) = review_now(conn, review)?;
    let (cycle, person) = (row.1, row.2);
    let deadlines = cycle_row(conn, cycle)?.settings().deadlines;
    let before = counts_of(&row, peers, &deadlines);
    let written = write(conn)?;
    mark_awaiting_final(conn, &[review])?;
    let (row, peers) = review_now(conn, review)?;
    let after = counts_of(&row, peers, &deadlines);
    if after != before {
        let mut rows = org::counting_chain(conn, Some(person))?;
        rows.push(WHOLE_CYCLE);
        add(conn, cycle, &rows, after - before)?;
    }
    Ok(written)
}

/// Adds `delta` to the tallies of `rows` in `cycle`, making the rows that do not exist yet.
fn add(
    conn: &mut DbConn,
    cycle: CycleId,
    rows: &[PersonId],
    delta: CompletionCounts,
) -> QueryResult<()> {
    use completion_tallies as t;
    if rows.is_empty() || delta == CompletionCounts::default() {
        return Ok(());
    }
    let keys: Vec<_> = rows.iter().map(|p| (t::cycle_id.eq(cycle), t::person_id.eq(*p))).collect();
    per_backend!(conn, |c| diesel::insert_into(t::table)
        .values(&keys)
        .on_conflict_do_nothing()
        .execute(c))?;
    diesel::update(t::table.filter(t::cycle_id.eq(cycle)).filter(t::person_id.eq_any(rows)))
        .set((
            t::reviews.eq(t::reviews + delta.reviews),
            t::self_done.eq(t::self_done + delta.self_done),
            t::self_late.eq(t::self_late + delta.self_late),
            t::peers_done.eq(t::peers_done + delta.peers_done),
            t::peers_asked.eq(t::peers_asked + delta.peers_asked),
            t::manager_done.eq(t::manager_done + delta.manager_done),
            t::manager_late.eq(t::manager_late + delta.manager_late),
            t::delivered.eq(t::delivered + delta.delivered),
            t::delivered_on_time.eq(t::delivered_on_time + delta.delivered_on_time),
        ))
        .execute(conn)?;
    Ok(())
}

/// `person`'s organisation moved from above `from` to above `to` ([`crate::areas::Rollups`]):
/// in every cycle, their row's sums leave the old chain of managers and join the new one.
/// The whole cycle's row does not change.
pub fn organisation_moved(
    conn: &mut DbConn,
    person: PersonId,
    from: Option<PersonId>,
    to: Option<PersonId>,
) -> QueryResult<()> {
    let theirs: Vec<(CycleId, TallyRow)> = completion_tallies::table
        .filter(completion_tallies::person_id.eq(person))
        .select((completion_tallies::cycle_id, TallyRow::as_select()))
        .load(conn)?;
    if theirs.is_empty() {
        return Ok(());
    }
    let (old, new) = (org::counting_chain(conn, from)?, org::counting_chain(conn, to)?);
    for (cycle, row) in &theirs {
        let moved = CompletionCounts::from(row);
        add(conn, *cycle, &old, CompletionCounts::default() - moved)?;
        add(conn, *cycle, &new, moved)?;
    }
    Ok(())
}

/// Counts a cycle's tallies again from its reviews and the tree, replacing what is stored:
/// for bulk writes (launching a cycle, the demo), where adding review by review would walk
/// a chain per review. Reads every review of the cycle and everyone in the tree once.
pub fn recount_tallies(conn: &mut DbConn, cycle: CycleId) -> QueryResult<()> {
    org::lock_the_tree(conn)?;
    let deadlines = cycle_row(conn, cycle)?.settings().deadlines;
    let rows: Vec<ProgressRow> = reviews::table
        .inner_join(self_assessments::table)
        .inner_join(manager_assessments::table)
        .filter(reviews::cycle_id.eq(cycle))
        .select(PROGRESS)
        .load(conn)?;
    let mut peers: HashMap<ReviewId, Vec<PeerStatus>> = HashMap::new();
    let grouped: Vec<(ReviewId, String, i64)> = peer_feedback::table
        .inner_join(reviews::table)
        .filter(reviews::cycle_id.eq(cycle))
        .group_by((peer_feedback::review_id, peer_feedback::status))
        .select((peer_feedback::review_id, peer_feedback::status, count_star()))
        .load(conn)?;
    for (review, status, n) in grouped {
        if let Some(status) = PeerStatus::parse(&status) {
            peers.entry(review).or_default().extend(std::iter::repeat_n(status, n as usize));
        }
    }
    let mut own: HashMap<PersonId, CompletionCounts> = HashMap::new();
    for row in &rows {
        let counts = counts_of(row, peers.remove(&row.0).unwrap_or_default(), &deadlines);
        let sum = own.entry(row.2).or_default();
        *sum = *sum + counts;
    }
    let whole: CompletionCounts = own.values().copied().sum();
    let tree = org::counting_tree(conn)?;
    let values: Vec<CompletionCounts> =
        tree.iter().map(|(id, _, _)| own.get(id).copied().unwrap_or_default()).collect();
    let sums = org::roll_up(&tree, &values);
    let mut rows: Vec<_> = tree
        .iter()
        .zip(sums)
        .filter(|(_, sum)| sum.reviews > 0)
        .map(|((id, _, _), sum)| (*id, sum))
        .collect();
    rows.push((WHOLE_CYCLE, whole));
    diesel::delete(completion_tallies::table.filter(completion_tallies::cycle_id.eq(cycle)))
        .execute(conn)?;
    for chunk in rows.chunks(BATCH) {
        use completion_tallies as t;
        let values: Vec<_> = chunk
            .iter()
            .map(|(person, c)| {
                (
                    t::cycle_id.eq(cycle),
                    t::person_id.eq(*person),
                    t::reviews.eq(c.reviews),
                    t::self_done.eq(c.self_done),
                    t::self_late.eq(c.self_late),
                    t::peers_done.eq(c.peers_done),
                    t::peers_asked.eq(c.peers_asked),
                    t::manager_done.eq(c.manager_done),
                    t::manager_late.eq(c.manager_late),
                    t::delivered.eq(c.delivered),
                    t::delivered_on_time.eq(c.delivered_on_time),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(t::table).values(&values).execute(c))?;
    }
    Ok(())
}

/// Counts the tallies of every launched cycle again ([`crate::areas::Rollups`]). Returns how
/// many it counted.
pub fn recount_all(conn: &mut DbConn) -> QueryResult<usize> {
    let launched: Vec<CycleId> = review_cycles::table
        .filter(review_cycles::launched_at.is_not_null())
        .select(review_cycles::id)
        .load(conn)?;
    for cycle in &launched {
        recount_tallies(conn, *cycle)?;
        mark_awaiting_final_in_cycle(conn, *cycle)?;
    }
    Ok(launched.len())
}

/// Counts the tallies of every launched cycle that has none ([`crate::areas::Rollups`]):
/// the cycles that existed before the tallies did. Returns how many it counted.
pub fn backfill(conn: &mut DbConn) -> QueryResult<usize> {
    let counted = completion_tallies::table
        .filter(completion_tallies::person_id.eq(WHOLE_CYCLE))
        .select(completion_tallies::cycle_id);
    let missing: Vec<CycleId> = review_cycles::table
        .filter(review_cycles::launched_at.is_not_null())
        .filter(diesel::dsl::not(review_cycles::id.eq_any(counted)))
        .select(review_cycles::id)
        .load(conn)?;
    for cycle in &missing {
        recount_tallies(conn, *cycle)?;
    }
    Ok(missing.len())
}
