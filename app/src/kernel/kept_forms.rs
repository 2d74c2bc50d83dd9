//! The fields of a refused form, kept for the page a browser without JavaScript is sent back
//! to (the server's `kept_forms` middleware puts them back into that page). Kept for one
//! person, read once, for ten minutes.

use crate::db::schema::kept_forms;
use crate::db::DbConn;
use crate::kernel::PersonId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// How long kept fields wait for their page.
pub const KEPT_FOR: chrono::Duration = chrono::Duration::minutes(10);

/// Keeps `fields` (name, value) posted to `action` under `id`; clears what has expired.
pub fn keep(
    conn: &mut DbConn,
    id: &str,
    person: PersonId,
    action: &str,
    fields: &[(String, String)],
    now: NaiveDateTime,
) -> QueryResult<()> {
    let fields = serde_json::to_string(fields).expect("pairs of strings serialise");
    diesel::delete(kept_forms::table.filter(kept_forms::expires_at.lt(now))).execute(conn)?;
    diesel::insert_into(kept_forms::table)
        .values((
            kept_forms::id.eq(id),
            kept_forms::person_id.eq(person),
            kept_forms::action.eq(action),
            kept_forms::fields.eq(fields),
            kept_forms::expires_at.eq(now + KEPT_FOR),
        ))
        .execute(conn)?;
    Ok(())
}

/// Takes the fields kept under `id` for `person` while fresh: (action, fields). Gone after.
pub fn take(
    conn: &mut DbConn,
    id: &str,
    person: PersonId,
    now: NaiveDateTime,
) -> QueryResult<Option<(String, Vec<(String, String)>)>> {
    let found: Option<(String, String)> = kept_forms::table
        .filter(kept_forms::id.eq(id))
        .filter(kept_forms::person_id.eq(person))
        .filter(kept_forms::expires_at.ge(now))
        .select((kept_forms::action, kept_forms::fields))
        .first(conn)
        .optional()?;
    diesel::delete(
        kept_forms::table.filter(kept_forms::id.eq(id)).filter(kept_forms::person_id.eq(person)),
    )
    .execute(conn)?;
    Ok(found.map(|(action, fields)| (action, serde_json::from_str(&fields).unwrap_or_default())))
}
