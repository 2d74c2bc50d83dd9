//! What a review cycle tells people by mail: the launch, peer requests, a delivered review,
//! and reminders before and after each deadline. Written to the outbox (`kernel::outbox`) in
//! the transaction of what they announce.

use super::queries::CycleRow;
use super::types::*;
use crate::db::schema::{
    manager_assessments, peer_feedback, review_cycles, reviews, self_assessments,
};
use crate::db::DbConn;
use crate::kernel::outbox::{self, enqueue, NewMessage};
use crate::kernel::{PeerFeedbackId, PersonId, ReviewId};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// Reminders start this many days before a deadline and stop this many days after it.
pub const REMIND_BEFORE_DAYS: i64 = 3;
pub const REMIND_AFTER_DAYS: i64 = 7;

fn when(d: NaiveDate) -> String {
    crate::ui::format::date(d)
}

/// The messages of a launch: each participant's self-assessment, each manager's assessments.
/// Written in batches (a launch can cover 50,000 people); a cycle launches once, so its keys
/// are new.
pub fn announce_launch(
    conn: &mut DbConn,
    cycle: &CycleRow,
    pairs: &[(PersonId, PersonId)],
    now: NaiveDateTime,
) -> QueryResult<()> {
    let mut messages: Vec<NewMessage> = Vec::with_capacity(pairs.len() + pairs.len() / 4);
    let subject = format!("{}: your self-assessment is due {}", cycle.name, when(cycle.self_due));
    let body = format!(
        "The {} review cycle has started.\n\nPlease write your self-assessment by {} and propose two or three peers for feedback. Your drafts are saved as you type.\n\nOpen Trellis: /reviews",
        cycle.name,
        when(cycle.self_due)
    );
    for (person, _) in pairs {
        messages.push(NewMessage {
            person: *person,
            subject: subject.clone(),
            body: body.clone(),
            key: format!("launch:{}:{person}", cycle.id),
        });
    }
    let mut counts: std::collections::BTreeMap<PersonId, usize> = std::collections::BTreeMap::new();
    for (_, manager) in pairs {
        *counts.entry(*manager).or_default() += 1;
    }
    for (manager, count) in counts {
        let plural = if count == 1 { "" } else { "s" };
        let body = format!(
            "The {} review cycle has started. You have {count} manager assessment{plural} to write by {}.\n\nApprove each person's peers early so they have time to answer.\n\nOpen Trellis: /reviews",
            cycle.name,
            when(cycle.manager_due)
        );
        let subject =
            format!("{}: {count} assessment{plural} due {}", cycle.name, when(cycle.manager_due));
        let key = format!("launch-manager:{}:{manager}", cycle.id);
        messages.push(NewMessage { person: manager, subject, body, key });
    }
    outbox::enqueue_new(conn, &messages, now)?;
    Ok(())
}

/// Asks the approved peers for their feedback.
pub fn announce_peer_requests(
    conn: &mut DbConn,
    review: ReviewId,
    subject_name: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let rows: Vec<(PeerFeedbackId, PersonId, String, NaiveDate)> = peer_feedback::table
        .inner_join(reviews::table.inner_join(review_cycles::table))
        .filter(peer_feedback::review_id.eq(review))
        .filter(peer_feedback::status.eq(PeerStatus::Requested.as_str()))
        .select((
            peer_feedback::id,
            peer_feedback::peer_id,
            review_cycles::name,
            review_cycles::peer_due,
        ))
        .load(conn)?;
    for (id, peer, cycle, due) in rows {
        let body = format!(
            "{subject_name} and their manager asked you for peer feedback in the {cycle} review cycle: three short questions, due {}. You can also decline with a reason.\n\nOpen Trellis: /reviews/feedback/{id}",
            when(due)
        );
        enqueue(
            conn,
            peer,
            &format!("Peer feedback for {subject_name}, due {}", when(due)),
            &body,
            &format!("peer-request:{id}"),
            now,
        )?;
    }
    Ok(())
}

/// Tells the person their review is ready to read.
pub fn announce_delivery(
    conn: &mut DbConn,
    review: ReviewId,
    person: PersonId,
    cycle: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let body = format!("Your manager has delivered your {cycle} review. Read it, acknowledge it, and add a comment if you want one on record.\n\nOpen Trellis: /reviews/{review}");
    enqueue(
        conn,
        person,
        &format!("Your {cycle} review is ready"),
        &body,
        &format!("delivered:{review}"),
        now,
    )?;
    Ok(())
}

fn due_soon(due: NaiveDate, today: NaiveDate) -> bool {
    today >= due - Duration::days(REMIND_BEFORE_DAYS)
        && today <= due + Duration::days(REMIND_AFTER_DAYS)
}

fn reminder_subject(what: &str, due: NaiveDate, today: NaiveDate) -> String {
    format!("Reminder: {what}, {}", crate::ui::format::deadline(due, today))
}

/// Queues today's reminders for open cycles: unfinished self-assessments, peer feedback and
/// manager assessments near or past their deadline. At most one per item per day.
pub fn queue_reminders(
    conn: &mut DbConn,
    today: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let cycles: Vec<CycleRow> = review_cycles::table
        .filter(review_cycles::status.eq(CycleStatus::Open.as_str()))
        .select(CycleRow::as_select())
        .load(conn)?;
    let mut queued = 0;
    for cycle in cycles {
        if due_soon(cycle.self_due, today) {
            let waiting: Vec<(ReviewId, PersonId)> = reviews::table
                .inner_join(self_assessments::table)
                .filter(reviews::cycle_id.eq(cycle.id))
                .filter(self_assessments::submitted_at.is_null())
                .select((reviews::id, reviews::person_id))
                .load(conn)?;
            for (review, person) in waiting {
                let subject = reminder_subject("your self-assessment", cycle.self_due, today);
                let body = format!("Your self-assessment for {} is not submitted yet. Your draft is saved.\n\nOpen Trellis: /reviews/{review}/self", cycle.name);
                queued += enqueue(
                    conn,
                    person,
                    &subject,
                    &body,
                    &format!("remind-self:{review}:{today}"),
                    now,
                )? as usize;
            }
        }
        if due_soon(cycle.peer_due, today) {
            let waiting: Vec<(PeerFeedbackId, PersonId)> = peer_feedback::table
                .inner_join(reviews::table)
                .filter(reviews::cycle_id.eq(cycle.id))
                .filter(peer_feedback::status.eq(PeerStatus::Requested.as_str()))
                .select((peer_feedback::id, peer_feedback::peer_id))
                .load(conn)?;
            for (id, peer) in waiting {
                let subject = reminder_subject("peer feedback", cycle.peer_due, today);
                let body = format!("A colleague is waiting for your peer feedback in {}. You can also decline with a reason.\n\nOpen Trellis: /reviews/feedback/{id}", cycle.name);
                queued += enqueue(
                    conn,
                    peer,
                    &subject,
                    &body,
                    &format!("remind-peer:{id}:{today}"),
                    now,
                )? as usize;
            }
        }
        if due_soon(cycle.manager_due, today) {
            let waiting: Vec<(ReviewId, Option<PersonId>)> = reviews::table
                .inner_join(manager_assessments::table)
                .filter(reviews::cycle_id.eq(cycle.id))
                .filter(manager_assessments::submitted_at.is_null())
                .select((reviews::id, reviews::manager_id))
                .load(conn)?;
            for (review, manager) in waiting {
                let Some(manager) = manager else { continue };
                let subject = reminder_subject("a manager assessment", cycle.manager_due, today);
                let body = format!("A manager assessment in {} is not submitted yet.\n\nOpen Trellis: /reviews/{review}/assessment", cycle.name);
                queued += enqueue(
                    conn,
                    manager,
                    &subject,
                    &body,
                    &format!("remind-manager:{review}:{today}"),
                    now,
                )? as usize;
            }
        }
    }
    Ok(queued)
}
