//! The outbox: messages written in the same transaction as what they announce, delivered by
//! the server's SMTP sender when SMTP is configured (and listed for HR either way). A
//! message's key makes enqueueing idempotent, so a reminder job can run on every instance
//! and still send each reminder once. Areas write their own messages (reviews'
//! `notifications.rs`); this module stores and delivers them.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub use self::store::*;

/// How far back My work lists the outcomes a person was told of.
pub const UPDATES_DAYS: i64 = 30;

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
    /// `ON CONFLICT DO NOTHING`: two instances queueing the same reminder at once leave one
    /// row, and the loser's transaction goes on (a unique violation would abort it on
    /// PostgreSQL).
    pub fn enqueue(
        conn: &mut DbConn,
        person: PersonId,
        subject: &str,
        body: &str,
        key: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let message = NewMessage::new(person, subject, body.to_string(), key, None);
        Ok(enqueue_new(conn, std::slice::from_ref(&message), now)? == 1)
    }

    /// An outcome that concerns `person`: the email, which ends with the page it is about, and
    /// the update My work lists (see [`updates_for`]). `key` makes it idempotent, as in
    /// [`enqueue`]. Returns whether it was queued.
    pub fn tell(
        conn: &mut DbConn,
        person: PersonId,
        subject: &str,
        body: &str,
        link: &str,
        key: &str,
        now: NaiveDateTime,
    ) -> QueryResult<bool> {
        let body = format!("{body}\n\nOpen Trellis: {link}");
        let message = NewMessage::new(person, subject, body, key, Some(link));
        Ok(enqueue_new(conn, std::slice::from_ref(&message), now)? == 1)
    }

    /// How many updates My work lists at most.
    pub const UPDATES_SHOWN: i64 = 8;

    /// The outcomes `person` was told of lately, newest first: (subject, link, when).
    pub fn updates_for(
        conn: &mut DbConn,
        person: PersonId,
        now: NaiveDateTime,
    ) -> QueryResult<Vec<(String, String, NaiveDateTime)>> {
        outbox::table
            .filter(outbox::person_id.eq(person))
            .filter(outbox::link.is_not_null())
            .filter(outbox::created_at.ge(now - chrono::Duration::days(super::UPDATES_DAYS)))
            .order(outbox::id.desc())
            .limit(UPDATES_SHOWN)
            .select((outbox::subject, outbox::link.assume_not_null(), outbox::created_at))
            .load(conn)
    }

    /// One message of a batch; `link` makes it an update on My work too.
    pub struct NewMessage {
        pub person: PersonId,
        pub subject: String,
        pub body: String,
        pub key: String,
        pub link: Option<String>,
    }

    impl NewMessage {
        fn new(
            person: PersonId,
            subject: &str,
            body: String,
            key: &str,
            link: Option<&str>,
        ) -> Self {
            Self {
                person,
                subject: subject.to_string(),
                body,
                key: key.to_string(),
                link: link.map(str::to_string),
            }
        }
    }

    /// Queues a batch of messages (a cycle's launch), a thousand rows a statement: a launch can
    /// cover 50,000 people. A message whose key is already queued is left out, as in
    /// [`enqueue`]. Returns how many were queued.
    pub fn enqueue_new(
        conn: &mut DbConn,
        messages: &[NewMessage],
        now: NaiveDateTime,
    ) -> QueryResult<usize> {
        let mut queued = 0;
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
                .map(|NewMessage { person, subject, body, key, link }| {
                    (
                        outbox::person_id.eq(*person),
                        outbox::to_email.eq(emails.get(person).cloned().unwrap_or_default()),
                        outbox::subject.eq(subject),
                        outbox::body.eq(body),
                        outbox::dedupe_key.eq(key),
                        outbox::created_at.eq(now),
                        outbox::link.eq(link),
                    )
                })
                .collect();
            queued += crate::per_backend!(conn, |c| diesel::insert_into(outbox::table)
                .values(&rows)
                .on_conflict(outbox::dedupe_key)
                .do_nothing()
                .execute(c))?;
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

    /// How long a claimed message is left to the instance that claimed it: an SMTP send takes
    /// seconds; an instance that died mid-send lets the message go to another after this.
    pub const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(5);

    /// Takes up to `limit` waiting messages for sending, oldest first, and returns them: they
    /// are stamped with a fresh token and a lease, and the attempt is counted. The UPDATE's
    /// WHERE repeats what makes a message free, so whatever another instance claimed in the
    /// meantime is left to it. On PostgreSQL the rows are first locked with `SKIP LOCKED`, so
    /// two instances claiming at once take two different batches rather than one waiting for
    /// the other's. On SQLite the transaction takes the write lock first (`BEGIN IMMEDIATE`),
    /// so one claimer at a time reads and stamps.
    pub fn claim_waiting(
        conn: &mut DbConn,
        limit: i64,
        now: NaiveDateTime,
    ) -> QueryResult<Vec<OutboxRow>> {
        use crate::db::DbConn as Backend;
        let token = crate::auth::sessions::new_token();
        let free = || {
            outbox::sent_at
                .is_null()
                .and(outbox::attempts.lt(MAX_ATTEMPTS))
                .and(outbox::claimed_until.is_null().or(outbox::claimed_until.lt(now)))
        };
        let oldest =
            || outbox::table.filter(free()).order(outbox::id.asc()).limit(limit).select(outbox::id);
        let stamp = || {
            (
                outbox::claim_token.eq(&token),
                outbox::claimed_until.eq(now + CLAIM_LEASE),
                outbox::attempts.eq(outbox::attempts + 1),
            )
        };
        let taken = |ids: Vec<i64>| outbox::table.filter(outbox::id.eq_any(ids)).filter(free());
        match conn {
            Backend::Postgres(pg) => pg.transaction(|pg| {
                let ids: Vec<i64> = oldest().for_update().skip_locked().load(pg)?;
                diesel::update(taken(ids)).set(stamp()).execute(pg)
            })?,
            Backend::Sqlite(sqlite) => sqlite.immediate_transaction(|sqlite| {
                let ids: Vec<i64> = oldest().load(sqlite)?;
                diesel::update(taken(ids)).set(stamp()).execute(sqlite)
            })?,
        };
        outbox::table
            .filter(outbox::claim_token.eq(&token))
            .order(outbox::id.asc())
            .select(OutboxRow::as_select())
            .load(conn)
    }

    /// Marks a claimed message sent and lets go of it.
    pub fn mark_sent(conn: &mut DbConn, id: i64, now: NaiveDateTime) -> QueryResult<()> {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::sent_at.eq(now),
                outbox::claim_token.eq(None::<String>),
                outbox::claimed_until.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Records why a claimed message could not be sent. The lease is kept: it spaces the
    /// retries, and the message is tried again once it runs out.
    pub fn mark_failed(conn: &mut DbConn, id: i64, error: &str) -> QueryResult<()> {
        diesel::update(outbox::table.find(id)).set(outbox::last_error.eq(error)).execute(conn)?;
        Ok(())
    }
}
