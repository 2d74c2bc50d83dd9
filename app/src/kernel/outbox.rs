//! The outbox: messages written in the same transaction as what they announce, delivered by
//! the server's SMTP sender when SMTP is configured (and listed for HR either way). A
//! message's key makes enqueueing idempotent, so a reminder job can run on every instance
//! and still send each reminder once. Areas write their own messages (reviews'
//! `notifications.rs`); this module stores and delivers them.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub use self::store::*;

/// A message as HR's outbox page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

#[cfg(feature = "ssr")]
mod store {
    use super::OutboxMessage;
    use crate::db::schema::{outbox, people};
    use crate::db::DbConn;
    use crate::kernel::PersonId;
    use chrono::NaiveDateTime;
    use diesel::prelude::*;

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

    /// One message of a batch.
    pub struct NewMessage {
        pub person: PersonId,
        pub subject: String,
        pub body: String,
        pub key: String,
    }

    /// Queues a batch of messages whose keys are new (a cycle's launch, which happens once), a
    /// thousand rows a statement: a launch can cover 50,000 people.
    pub fn enqueue_new(
        conn: &mut DbConn,
        messages: &[NewMessage],
        now: NaiveDateTime,
    ) -> QueryResult<()> {
        for chunk in messages.chunks(1_000) {
            let ids: Vec<PersonId> = chunk.iter().map(|m| m.person).collect();
            let emails: std::collections::HashMap<PersonId, String> = people::table
                .filter(people::id.eq_any(&ids))
                .select((people::id, people::email))
                .load(conn)?
                .into_iter()
                .collect();
            let rows: Vec<_> = chunk
                .iter()
                .map(|NewMessage { person, subject, body, key }| {
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
            crate::per_backend!(conn, |c| diesel::insert_into(outbox::table)
                .values(&rows)
                .execute(c))?;
        }
        Ok(())
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
        Ok(diesel::update(
            outbox::table.filter(outbox::id.eq(id)).filter(outbox::sent_at.is_null()),
        )
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
}
