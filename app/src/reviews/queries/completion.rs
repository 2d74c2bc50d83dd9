//! Completion.

use super::*;

/// One line per review for the completion page.
pub struct CompletionFacts {
    pub person: PersonSummary,
    pub manager_id: Option<PersonId>,
    pub self_progress: Progress,
    pub manager_progress: Progress,
    pub peers_asked: i64,
    pub peers_done: i64,
    pub finalised_at: Option<NaiveDateTime>,
    pub delivered_at: Option<NaiveDateTime>,
}

pub fn completion_facts(
    conn: &mut DbConn,
    cycle: &CycleRow,
    within: Option<&[PersonId]>,
) -> QueryResult<Vec<CompletionFacts>> {
    type Row = (
        ReviewRow,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    );
    let query = || {
        reviews::table
            .inner_join(self_assessments::table)
            .inner_join(manager_assessments::table)
            .filter(reviews::cycle_id.eq(cycle.id))
            .select((
                ReviewRow::as_select(),
                self_assessments::saved_at,
                self_assessments::submitted_at,
                manager_assessments::saved_at,
                manager_assessments::submitted_at,
            ))
            .into_boxed()
    };
    let rows: Vec<Row> = match within {
        None => query().load(conn)?,
        // An executive's organisation can be tens of thousands of people: more than one
        // statement may bind (SQLite allows 32,766 parameters).
        Some(ids) => {
            let mut rows = Vec::new();
            for chunk in ids.chunks(10_000) {
                rows.extend(query().filter(reviews::person_id.eq_any(chunk)).load::<Row>(conn)?);
            }
            rows
        }
    };
    let review_ids: Vec<ReviewId> = rows.iter().map(|r| r.0.id).collect();
    let mut peers: HashMap<ReviewId, (i64, i64)> = HashMap::new();
    for chunk in review_ids.chunks(10_000) {
        let statuses: Vec<(ReviewId, String)> = peer_feedback::table
            .filter(peer_feedback::review_id.eq_any(chunk))
            .filter(peer_feedback::status.ne(PeerStatus::Nominated.as_str()))
            .select((peer_feedback::review_id, peer_feedback::status))
            .load(conn)?;
        for (review, status) in statuses {
            let entry = peers.entry(review).or_default();
            entry.0 += 1;
            if status != PeerStatus::Requested.as_str() {
                entry.1 += 1;
            }
        }
    }
    let people_ids: Vec<PersonId> = rows.iter().map(|r| r.0.person_id).collect();
    let mut people: HashMap<PersonId, PersonSummary> = HashMap::new();
    for chunk in people_ids.chunks(10_000) {
        people.extend(org::summaries(conn, chunk)?.into_iter().map(|p| (p.id, p)));
    }
    Ok(rows
        .into_iter()
        .map(|(r, s_saved, s_sub, m_saved, m_sub)| {
            let (asked, done) = peers.get(&r.id).copied().unwrap_or_default();
            CompletionFacts {
                person: people.remove(&r.person_id).unwrap_or_else(PersonSummary::former_colleague),
                manager_id: r.manager_id,
                self_progress: Progress::of(s_saved, s_sub, cycle.self_due),
                manager_progress: Progress::of(m_saved, m_sub, cycle.manager_due),
                peers_asked: asked,
                peers_done: done,
                finalised_at: r.finalised_at,
                delivered_at: r.delivered_at,
            }
        })
        .collect())
}

/// Reviews with a submitted manager assessment and no delivery yet: (review, person,
/// preliminary rating, final rating).
pub fn awaiting_delivery(
    conn: &mut DbConn,
    cycle: CycleId,
) -> QueryResult<Vec<(ReviewId, PersonId, Option<Rating>, Option<Rating>)>> {
    let rows: Vec<(ReviewId, PersonId, Option<String>, Option<String>)> = reviews::table
        .inner_join(manager_assessments::table)
        .filter(reviews::cycle_id.eq(cycle))
        .filter(reviews::delivered_at.is_null())
        .filter(manager_assessments::submitted_at.is_not_null())
        .order(reviews::id.asc())
        .select((
            reviews::id,
            reviews::person_id,
            manager_assessments::rating,
            reviews::final_rating,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, person, prelim, fin)| {
            (
                id,
                person,
                prelim.as_deref().and_then(Rating::parse),
                fin.as_deref().and_then(Rating::parse),
            )
        })
        .collect())
}
