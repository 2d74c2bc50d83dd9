//! The outbox: messages written in the same transaction as what they announce, delivered by
//! the server's SMTP sender when SMTP is configured (and listed for HR either way). A
//! message's key makes enqueueing idempotent, so an hourly reminder job can run on every
//! instance and still send each reminder once.

use super::queries::CycleRow;
use super::types::*;
use crate::db::schema::{
    manager_assessments, outbox, peer_feedback, people, review_cycles, reviews, self_assessments,
};
use crate::db::DbConn;
use crate::org::types::PersonId;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// Reminders start this many days before a deadline and stop this many days after it.
pub const REMIND_BEFORE_DAYS: i64 = 3;
pub const REMIND_AFTER_DAYS: i64 = 7;
/// A message that failed this often is left for a person to look at.
pub const MAX_ATTEMPTS: i32 = 5;

/// Queues a message unless one with the same key exists. Returns whether it was queued.
pub fn enqueue(
    conn: &mut DbConn,
    person: PersonId,
    subject: &str,
    body: &str,
    key: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let exists: bool =
        diesel::select(diesel::dsl::exists(outbox::table.filter(outbox::dedupe_key.eq(key))))
            .get_result(conn)?;
    if exists {
        return Ok(false);
    }
    let email: String = people::table.find(person).select(people::email).first(conn)?;
    let inserted = diesel::insert_into(outbox::table)
        .values((
            outbox::person_id.eq(person),
            outbox::to_email.eq(email),
            outbox::subject.eq(subject),
            outbox::body.eq(body),
            outbox::dedupe_key.eq(key),
            outbox::created_at.eq(now),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(true),
        // Another instance queued the same message a moment ago.
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e),
    }
}

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
    let mut messages: Vec<(PersonId, String, String, String)> =
        Vec::with_capacity(pairs.len() + pairs.len() / 4);
    let subject = format!("{}: your self-assessment is due {}", cycle.name, when(cycle.self_due));
    let body = format!(
        "The {} review cycle has started.\n\nPlease write your self-assessment by {} and propose two or three peers for feedback. Your drafts are saved as you type.\n\nOpen Trellis: /reviews",
        cycle.name,
        when(cycle.self_due)
    );
    for (person, _) in pairs {
        messages.push((
            *person,
            subject.clone(),
            body.clone(),
            format!("launch:{}:{person}", cycle.id),
        ));
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
        messages.push((manager, subject, body, format!("launch-manager:{}:{manager}", cycle.id)));
    }
    for chunk in messages.chunks(1_000) {
        let ids: Vec<PersonId> = chunk.iter().map(|m| m.0).collect();
        let emails: std::collections::HashMap<i64, String> = people::table
            .filter(people::id.eq_any(&ids))
            .select((people::id, people::email))
            .load(conn)?
            .into_iter()
            .collect();
        let rows: Vec<_> = chunk
            .iter()
            .map(|(person, subject, body, key)| {
                (
                    outbox::person_id.eq(*person),
                    outbox::to_email.eq(emails.get(person).cloned().unwrap_or_default()),
                    outbox::subject.eq(subject),
                    outbox::body.eq(body),
                    outbox::dedupe_key.eq(key),
                    outbox::created_at.eq(now),
                )
            })
            .collect();
        crate::per_backend!(conn, |c| diesel::insert_into(outbox::table).values(&rows).execute(c))?;
    }
    Ok(())
}

/// Asks the approved peers for their feedback.
pub fn announce_peer_requests(
    conn: &mut DbConn,
    review: ReviewId,
    subject_name: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let rows: Vec<(i64, i64, String, NaiveDate)> = peer_feedback::table
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
            let waiting: Vec<(i64, i64)> = reviews::table
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
            let waiting: Vec<(i64, i64)> = peer_feedback::table
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
            let waiting: Vec<(i64, Option<i64>)> = reviews::table
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

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub to_email: String,
    pub subject: String,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

impl From<OutboxRow> for OutboxMessage {
    fn from(r: OutboxRow) -> Self {
        Self {
            id: r.id,
            to: r.to_email,
            subject: r.subject,
            body: r.body,
            created_at: r.created_at,
            sent_at: r.sent_at,
            attempts: r.attempts,
            last_error: r.last_error,
        }
    }
}

/// The newest messages, for HR's outbox page.
pub fn recent(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<OutboxMessage>> {
    Ok(outbox::table
        .order(outbox::id.desc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Messages waiting to be sent, oldest first.
pub fn unsent(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::attempts.lt(MAX_ATTEMPTS))
        .order(outbox::id.asc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)
}

/// Marks a message sent, unless another instance did first (then it returns false).
pub fn mark_sent(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    Ok(diesel::update(outbox::table.filter(outbox::id.eq(id)).filter(outbox::sent_at.is_null()))
        .set(outbox::sent_at.eq(now))
        .execute(conn)?
        == 1)
}

/// Takes a message for sending: counts the attempt, and only one instance wins the race for a
/// given attempt, so several instances never send the same message at once.
pub fn claim(conn: &mut DbConn, id: i64, attempts: i32) -> QueryResult<bool> {
    Ok(diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::attempts.eq(attempts))
            .filter(outbox::sent_at.is_null()),
    )
    .set(outbox::attempts.eq(attempts + 1))
    .execute(conn)?
        == 1)
}

pub fn mark_failed(conn: &mut DbConn, id: i64, error: &str) -> QueryResult<()> {
    diesel::update(outbox::table.find(id)).set(outbox::last_error.eq(error)).execute(conn)?;
    Ok(())
}
