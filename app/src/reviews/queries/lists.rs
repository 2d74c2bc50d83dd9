//! Lists.

use super::*;

type SummaryParts = (
    ReviewRow,
    CycleRow,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

fn summaries_where(
    conn: &mut DbConn,
    person_ids: &[PersonId],
    open_only: bool,
) -> QueryResult<Vec<ReviewSummary>> {
    Ok(summaries_with_rows(conn, person_ids, open_only)?
        .into_iter()
        .map(|(_, summary)| summary)
        .collect())
}

/// The summaries, each with the review's row (for callers that need fields a summary leaves out).
pub(super) fn summaries_with_rows(
    conn: &mut DbConn,
    person_ids: &[PersonId],
    open_only: bool,
) -> QueryResult<Vec<(ReviewRow, ReviewSummary)>> {
    let mut query = reviews::table
        .inner_join(review_cycles::table)
        .inner_join(self_assessments::table)
        .inner_join(manager_assessments::table)
        .filter(reviews::person_id.eq_any(person_ids))
        .into_boxed();
    if open_only {
        query = query.filter(review_cycles::status.ne(CycleStatus::Closed.as_str()));
    }
    let rows: Vec<SummaryParts> = query
        .order((review_cycles::period_end.desc(), reviews::id.asc()))
        .select((
            ReviewRow::as_select(),
            CycleRow::as_select(),
            self_assessments::saved_at,
            self_assessments::submitted_at,
            manager_assessments::saved_at,
            manager_assessments::submitted_at,
        ))
        .load(conn)?;
    let people = org::summaries(conn, &rows.iter().map(|r| r.0.person_id).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(|(r, c, s_saved, s_sub, m_saved, m_sub)| {
            let summary = ReviewSummary {
                id: r.id,
                cycle_id: c.id,
                cycle_name: c.name.clone(),
                cycle_status: c.status(),
                person: people
                    .iter()
                    .find(|p| p.id == r.person_id)
                    .cloned()
                    .unwrap_or_else(PersonSummary::former_colleague),
                self_progress: Progress::of(s_saved, s_sub, c.self_due),
                manager_progress: Progress::of(m_saved, m_sub, c.manager_due),
                delivered_at: r.delivered_at,
                acknowledged_at: r.acknowledged_at,
                deadlines: c.deadlines(),
            };
            (r, summary)
        })
        .collect())
}

/// A person's own reviews, every cycle.
pub fn reviews_of(conn: &mut DbConn, person: PersonId) -> QueryResult<Vec<ReviewSummary>> {
    summaries_where(conn, &[person], false)
}

/// How many peers have been proposed for each of these reviews (reviews with none are absent).
pub(super) fn peers_proposed(
    conn: &mut DbConn,
    ids: &[ReviewId],
) -> QueryResult<std::collections::HashMap<ReviewId, i64>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(peer_feedback::table
        .filter(peer_feedback::review_id.eq_any(ids))
        .group_by(peer_feedback::review_id)
        .select((peer_feedback::review_id, diesel::dsl::count_star()))
        .load::<(ReviewId, i64)>(conn)?
        .into_iter()
        .collect())
}

/// Reviews of these people in cycles not yet closed.
pub fn open_reviews_of(
    conn: &mut DbConn,
    people_ids: &[PersonId],
) -> QueryResult<Vec<ReviewSummary>> {
    summaries_where(conn, people_ids, true)
}

/// The peer-feedback requests a person was sent, in cycles not yet closed.
pub fn peer_requests_for(
    conn: &mut DbConn,
    peer: PersonId,
) -> QueryResult<Vec<PeerRequestSummary>> {
    let rows: Vec<(PeerFeedbackId, String, PersonId, String, NaiveDate)> = peer_feedback::table
        .inner_join(reviews::table.inner_join(review_cycles::table))
        .filter(peer_feedback::peer_id.eq(peer))
        .filter(peer_feedback::status.ne(PeerStatus::Nominated.as_str()))
        .filter(review_cycles::status.ne(CycleStatus::Closed.as_str()))
        .order((review_cycles::peer_due.asc(), peer_feedback::id.asc()))
        .select((
            peer_feedback::id,
            peer_feedback::status,
            reviews::person_id,
            review_cycles::name,
            review_cycles::peer_due,
        ))
        .load(conn)?;
    let people = org::summaries(conn, &rows.iter().map(|r| r.2).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(|(id, status, about, cycle_name, due)| PeerRequestSummary {
            id,
            about: people
                .iter()
                .find(|p| p.id == about)
                .cloned()
                .unwrap_or_else(PersonSummary::former_colleague),
            cycle_name,
            status: PeerStatus::parse(&status).unwrap_or(PeerStatus::Requested),
            due,
        })
        .collect())
}

/// People the subject might ask: teammates first (same manager), then the manager's peers'
/// reports are left to search; active only, never the person or their manager.
pub fn peer_suggestions(
    conn: &mut DbConn,
    person: PersonId,
    manager: Option<PersonId>,
) -> QueryResult<Vec<PersonSummary>> {
    let Some(manager) = manager else { return Ok(Vec::new()) };
    let mut team = org::direct_reports(conn, manager)?;
    team.retain(|p| p.id != person && p.status == crate::org::types::EmploymentStatus::Active);
    Ok(team)
}
