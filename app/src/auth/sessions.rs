//! Server-side sessions: the cookie holds a random 128-bit token; the database holds only its
//! SHA-256, so a leaked database copy cannot be replayed as cookies.
use crate::db::schema::{people, sessions};
use crate::db::DbConn;
use crate::kernel::{PersonId, Viewer};
use crate::org::types::EmploymentStatus;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle_timeout: Duration,
    pub absolute_lifetime: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self { idle_timeout: Duration::minutes(30), absolute_lifetime: Duration::hours(12) }
    }
}

/// Refreshing `last_seen_at` on every request would turn every read into a write; once a
/// minute is precise enough for a 30-minute idle timeout.
const TOUCH_INTERVAL_SECONDS: i64 = 60;

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    hex::encode(bytes)
}

/// Starts a session for `person_id`; returns the token for the cookie.
pub fn create(
    conn: &mut DbConn,
    person_id: PersonId,
    now: NaiveDateTime,
    policy: SessionPolicy,
) -> QueryResult<String> {
    let token = new_token();
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(hash(&token)),
            sessions::person_id.eq(person_id),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(now + policy.absolute_lifetime),
        ))
        .execute(conn)?;
    Ok(token)
}

/// What a viewer is built from: the person's own columns.
type PersonColumns = (String, String, String, String, bool, bool);

fn person_columns() -> (
    people::name,
    people::email,
    people::title,
    people::status,
    people::is_hr_admin,
    people::is_executive,
) {
    (
        people::name,
        people::email,
        people::title,
        people::status,
        people::is_hr_admin,
        people::is_executive,
    )
}

/// The viewer behind a session token, if the session is live and the person may still sign
/// in. Expired sessions and sessions of departed people are deleted on sight.
///
/// Every request runs this, so it is two queries (session with person, then roles), not one
/// per fact.
pub fn resolve(
    conn: &mut DbConn,
    token: &str,
    now: NaiveDateTime,
    policy: SessionPolicy,
) -> QueryResult<Option<Viewer>> {
    let found: Option<((i64, PersonId, NaiveDateTime, NaiveDateTime), PersonColumns)> =
        sessions::table
            .inner_join(people::table)
            .filter(sessions::token_hash.eq(hash(token)))
            .select((
                (sessions::id, sessions::person_id, sessions::last_seen_at, sessions::expires_at),
                person_columns(),
            ))
            .first(conn)
            .optional()?;
    let Some(((session_id, person_id, last_seen, expires_at), person)) = found else {
        return Ok(None);
    };
    if now >= expires_at || now - last_seen >= policy.idle_timeout {
        diesel::delete(sessions::table.find(session_id)).execute(conn)?;
        return Ok(None);
    }
    let Some(viewer) = viewer_of(conn, person_id, person)? else {
        diesel::delete(sessions::table.filter(sessions::person_id.eq(person_id))).execute(conn)?;
        return Ok(None);
    };
    if (now - last_seen).num_seconds() >= TOUCH_INTERVAL_SECONDS {
        diesel::update(sessions::table.find(session_id))
            .set(sessions::last_seen_at.eq(now))
            .execute(conn)?;
    }
    Ok(Some(viewer))
}

/// Builds the viewer for a person who may sign in (not departed), roles derived from the tree.
pub fn load_viewer(conn: &mut DbConn, person_id: PersonId) -> QueryResult<Option<Viewer>> {
    let person: Option<PersonColumns> =
        people::table.find(person_id).select(person_columns()).first(conn).optional()?;
    match person {
        Some(person) => viewer_of(conn, person_id, person),
        None => Ok(None),
    }
}

/// The viewer for a person already read; `None` for someone who has left. Their roles
/// (how many active direct reports; whether any of those manages someone active) come
/// from one query.
fn viewer_of(
    conn: &mut DbConn,
    person_id: PersonId,
    person: PersonColumns,
) -> QueryResult<Option<Viewer>> {
    let (name, email, title, status, is_hr_admin, is_executive) = person;
    if EmploymentStatus::parse(&status) == Some(EmploymentStatus::Departed) {
        return Ok(None);
    }
    #[derive(QueryableByName)]
    struct Roles {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        direct_reports: i64,
        #[diesel(sql_type = diesel::sql_types::Bool)]
        is_skip_level: bool,
    }
    // `person_id` is an integer, so formatting it into the SQL is safe; the same SQL runs on
    // both backends, which do not share a placeholder syntax.
    let Roles { direct_reports, is_skip_level } = diesel::sql_query(format!(
        "SELECT \
           (SELECT COUNT(*) FROM people WHERE manager_id = {person_id} AND status <> 'departed') AS direct_reports, \
           EXISTS (SELECT 1 FROM people p WHERE p.status <> 'departed' AND p.manager_id IN \
             (SELECT r.id FROM people r WHERE r.manager_id = {person_id} AND r.status <> 'departed')) AS is_skip_level"
    ))
    .get_result(conn)?;
    Ok(Some(Viewer {
        person_id,
        name,
        email,
        title,
        is_hr_admin,
        is_executive,
        direct_reports,
        is_skip_level,
        demo: false,
    }))
}

pub fn end(conn: &mut DbConn, token: &str) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(hash(token)))).execute(conn)
}

/// Ends every session of a person (sign-out everywhere, or when they leave).
pub fn end_all_for(conn: &mut DbConn, person_id: PersonId) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::person_id.eq(person_id))).execute(conn)
}

/// Finds who may sign in with this email: active or on leave, never departed.
pub fn person_for_sign_in(conn: &mut DbConn, email: &str) -> QueryResult<Option<PersonId>> {
    people::table
        .filter(people::email.eq(email.trim().to_lowercase()))
        .filter(people::status.ne(EmploymentStatus::Departed.as_str()))
        .select(people::id)
        .first(conn)
        .optional()
}
