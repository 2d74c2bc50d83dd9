//! What a review cycle tells people by mail: the launch, peer requests, a delivered review,
//! final ratings to deliver, an acknowledged review, and reminders before and after each
//! deadline. Written to the outbox (`kernel::outbox`) in
//! the transaction of what they announce.

use super::queries::CycleRow;
use super::types::*;
use crate::db::schema::{
    manager_assessments, peer_feedback, people, review_cycles, reviews, self_assessments,
};
use crate::db::DbConn;
use crate::kernel::outbox::{self, enqueue, tell, NewMessage};
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
            link: None,
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
        messages.push(NewMessage { person: manager, subject, body, key, link: None });
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

/// Tells each manager that ratings of their people are final and the reviews are theirs to
/// deliver within the week: one update per manager for `reviews` (a review finalised by HR,
/// or a calibration board's), keyed by `scope` so a retry tells nobody twice.
pub fn announce_final_ratings(
    conn: &mut DbConn,
    reviews_final: &[ReviewId],
    scope: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let mut by_manager: std::collections::BTreeMap<
        PersonId,
        Vec<(ReviewId, String, String, NaiveDate)>,
    > = std::collections::BTreeMap::new();
    for chunk in reviews_final.chunks(1_000) {
        let rows: Vec<(ReviewId, Option<PersonId>, String, String, NaiveDate)> = reviews::table
            .inner_join(review_cycles::table)
            .inner_join(people::table.on(people::id.eq(reviews::person_id)))
            .filter(reviews::id.eq_any(chunk))
            .filter(reviews::delivered_at.is_null())
            .select((
                reviews::id,
                reviews::manager_id,
                people::name,
                review_cycles::name,
                review_cycles::delivery_due,
            ))
            .load(conn)?;
        for (review, manager, person, cycle, due) in rows {
            if let Some(manager) = manager {
                by_manager.entry(manager).or_default().push((review, person, cycle, due));
            }
        }
    }
    let deliver_by =
        |due: NaiveDate| due.max(now.date() + Duration::days(super::rules::DELIVERY_WINDOW_DAYS));
    for (manager, list) in by_manager {
        let (first, person, cycle, due) = &list[0];
        let (subject, link) = if list.len() == 1 {
            (format!("{person}'s rating is final: deliver the review"), format!("/reviews/{first}"))
        } else {
            (
                format!("{} ratings are final: deliver the reviews", list.len()),
                "/reviews".to_string(),
            )
        };
        let names: Vec<&str> = list.iter().map(|(_, name, _, _)| name.as_str()).collect();
        let body = format!(
            "The final ratings of {} in the {cycle} cycle are set. Deliver each review in a conversation by {}: the person reads it once you deliver it.",
            names.join(", "),
            when(deliver_by(*due))
        );
        tell(conn, manager, &subject, &body, &link, &format!("final:{scope}:{manager}"), now)?;
    }
    Ok(())
}

/// Tells the manager who delivered a review that the person acknowledged it (and whether
/// they added a comment, which may be a disagreement).
pub fn announce_acknowledgement(
    conn: &mut DbConn,
    review: ReviewId,
    manager: PersonId,
    person: &str,
    cycle: &str,
    commented: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (subject, body) = if commented {
        (
            format!("{person} acknowledged their {cycle} review, with a comment"),
            format!("{person} read and acknowledged the {cycle} review you delivered, and added a comment to it. Read it; if it is a disagreement, talk it through."),
        )
    } else {
        (
            format!("{person} acknowledged their {cycle} review"),
            format!("{person} read and acknowledged the {cycle} review you delivered."),
        )
    };
    tell(
        conn,
        manager,
        &subject,
        &body,
        &format!("/reviews/{review}"),
        &format!("acknowledged:{review}:{commented}"),
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
