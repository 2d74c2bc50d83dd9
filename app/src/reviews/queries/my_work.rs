//! To-dos for "My work".

use super::*;

/// Review work waiting for `me`, with deadlines: (text, link, due).
pub fn todos(
    conn: &mut DbConn,
    me: PersonId,
    reports: &[PersonId],
) -> QueryResult<Vec<(String, String, Option<NaiveDate>)>> {
    let mine = reviews_of(conn, me)?;
    let theirs = summaries_with_rows(conn, reports, true)?;
    // One batched count rather than two queries per report: a manager's My work costs
    // the same number of queries with three reports as with thirty.
    let ids: Vec<ReviewId> =
        mine.iter().map(|r| r.id).chain(theirs.iter().map(|(row, _)| row.id)).collect();
    let proposed = peers_proposed(conn, &ids)?;
    let proposed_for = |id: ReviewId| proposed.get(&id).copied().unwrap_or(0);
    let mut todos = Vec::new();
    for r in mine {
        let id = r.id;
        if r.cycle_status == CycleStatus::Open && !r.self_progress.is_done() {
            todos.push((
                format!("Write your self-assessment ({})", r.cycle_name),
                format!("/reviews/{id}/self"),
                Some(r.deadlines.self_due),
            ));
            if proposed_for(id) == 0 {
                todos.push((
                    format!("Propose two or three peers for feedback ({})", r.cycle_name),
                    format!("/reviews/{id}#peers"),
                    Some(r.deadlines.self_due),
                ));
            }
        }
        if let (Some(delivered), None) = (r.delivered_at, r.acknowledged_at) {
            // Acknowledged within the week the manager had to deliver it.
            let due = delivered.date()
                + chrono::Duration::days(super::super::rules::DELIVERY_WINDOW_DAYS);
            todos.push((
                format!("Read and acknowledge your {} review", r.cycle_name),
                format!("/reviews/{id}"),
                Some(due),
            ));
        }
    }
    for p in peer_requests_for(conn, me)?.into_iter().filter(|p| p.status == PeerStatus::Requested)
    {
        todos.push((
            format!("Peer feedback for {} ({})", p.about.name, p.cycle_name),
            format!("/reviews/feedback/{}", p.id),
            Some(p.due),
        ));
    }
    for (row, r) in theirs {
        // Each names its cycle: two cycles can ask the same thing of one person.
        let (id, name, cycle) = (r.id, &r.person.name, &r.cycle_name);
        if r.cycle_status == CycleStatus::Open {
            if row.peers_approved_at.is_none() && proposed_for(id) > 0 {
                todos.push((
                    format!("Approve {name}'s peers ({cycle})"),
                    format!("/reviews/{id}#peers"),
                    Some(r.deadlines.self_due),
                ));
            }
            if !r.manager_progress.is_done() {
                todos.push((
                    format!("Write {name}'s assessment ({cycle})"),
                    format!("/reviews/{id}/assessment"),
                    Some(r.deadlines.manager_due),
                ));
            }
        }
        if row.finalised_at.is_some() && row.delivered_at.is_none() {
            todos.push((
                format!("Deliver {name}'s review ({cycle})"),
                format!("/reviews/{id}"),
                Some(r.deadlines.delivery_due),
            ));
        }
    }
    Ok(todos)
}

/// Cycles in calibration with reviews waiting for HR's final rating (not on any board), other
/// than `me`'s own: (cycle, name, calibration deadline, how many). One grouped count through
/// the partial index of the waiting.
pub fn ratings_to_finalise(
    conn: &mut DbConn,
    me: PersonId,
) -> QueryResult<Vec<(CycleId, String, NaiveDate, i64)>> {
    reviews::table
        .inner_join(review_cycles::table)
        .filter(review_cycles::status.eq(CycleStatus::Calibration.as_str()))
        .filter(reviews::awaiting_final_rating)
        .filter(reviews::person_id.ne(me))
        .group_by((review_cycles::id, review_cycles::name, review_cycles::calibration_due))
        .select((
            review_cycles::id,
            review_cycles::name,
            review_cycles::calibration_due,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}
