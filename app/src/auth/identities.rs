//! Company SSO accounts: a person is identified by (issuer, subject). The first sign-in links
//! the account to the person with the same verified email; later sign-ins use the link, so a
//! changed email at the provider does not lock anyone out or let anyone in.

use crate::db::schema::{identities, oidc_logins, people};
use crate::db::DbConn;
use crate::kernel::PersonId;
use crate::org::types::EmploymentStatus;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    Person(PersonId),
    /// No active person matches this account: no session.
    NotSetUp,
    /// The person has left the company.
    Departed,
}

/// What the identity provider vouched for, after the ID token was verified.
#[derive(Debug, Clone)]
pub struct VerifiedAccount {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
}

fn status_of(conn: &mut DbConn, person: PersonId) -> QueryResult<Option<String>> {
    people::table.find(person).select(people::status).first(conn).optional()
}

pub fn sign_in(
    conn: &mut DbConn,
    account: &VerifiedAccount,
    now: NaiveDateTime,
) -> QueryResult<SignIn> {
    let linked: Option<(i64, PersonId)> = identities::table
        .filter(identities::issuer.eq(&account.issuer))
        .filter(identities::subject.eq(&account.subject))
        .select((identities::id, identities::person_id))
        .first(conn)
        .optional()?;
    if let Some((identity, person)) = linked {
        if status_of(conn, person)?.as_deref() == Some(EmploymentStatus::Departed.as_str()) {
            return Ok(SignIn::Departed);
        }
        diesel::update(identities::table.find(identity))
            .set(identities::last_sign_in_at.eq(now))
            .execute(conn)?;
        return Ok(SignIn::Person(person));
    }
    // Only a verified email may link an account; an unverified one could be anyone's.
    let Some(email) = account.email.as_deref().filter(|_| account.email_verified) else {
        return Ok(SignIn::NotSetUp);
    };
    let found: Option<(PersonId, String)> = people::table
        .filter(people::email.eq(email.trim().to_lowercase()))
        .select((people::id, people::status))
        .first(conn)
        .optional()?;
    let Some((person, status)) = found else {
        return Ok(SignIn::NotSetUp);
    };
    if status == EmploymentStatus::Departed.as_str() {
        return Ok(SignIn::Departed);
    }
    // A person already linked to another account at this provider is not re-linked silently.
    let already: i64 = identities::table
        .filter(identities::person_id.eq(person))
        .filter(identities::issuer.eq(&account.issuer))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Ok(SignIn::NotSetUp);
    }
    diesel::insert_into(identities::table)
        .values((
            identities::person_id.eq(person),
            identities::issuer.eq(&account.issuer),
            identities::subject.eq(&account.subject),
            identities::created_at.eq(now),
            identities::last_sign_in_at.eq(now),
        ))
        .execute(conn)?;
    Ok(SignIn::Person(person))
}

fn hash(state: &str) -> String {
    hex::encode(Sha256::digest(state.as_bytes()))
}

/// How long a started sign-in may take at the provider.
pub const LOGIN_MAX_AGE_MINUTES: i64 = 10;

/// Remembers a started sign-in (PKCE verifier and nonce) under its state.
pub fn start_login(
    conn: &mut DbConn,
    state: &str,
    pkce_verifier: &str,
    nonce: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(oidc_logins::table.filter(oidc_logins::created_at.lt(now - Duration::hours(1))))
        .execute(conn)?;
    diesel::insert_into(oidc_logins::table)
        .values((
            oidc_logins::state_hash.eq(hash(state)),
            oidc_logins::pkce_verifier.eq(pkce_verifier),
            oidc_logins::nonce.eq(nonce),
            oidc_logins::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Takes a started sign-in back, once: the row is deleted whatever happens next, so a
/// replayed callback finds nothing. `None` for an unknown, used or expired state.
pub fn take_login(
    conn: &mut DbConn,
    state: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<(String, String)>> {
    let key = hash(state);
    let row: Option<(String, String, NaiveDateTime)> = oidc_logins::table
        .find(&key)
        .select((oidc_logins::pkce_verifier, oidc_logins::nonce, oidc_logins::created_at))
        .first(conn)
        .optional()?;
    let deleted = diesel::delete(oidc_logins::table.find(&key)).execute(conn)?;
    Ok(row
        .filter(|(_, _, created)| {
            deleted == 1 && now - *created <= Duration::minutes(LOGIN_MAX_AGE_MINUTES)
        })
        .map(|(v, n, _)| (v, n)))
}
