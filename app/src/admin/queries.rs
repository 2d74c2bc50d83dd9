use super::types::*;
use crate::db::schema::{audit_log, people, sessions};
use crate::db::DbConn;
use crate::kernel::PersonId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub const AUDIT_PAGE_SIZE: u32 = 50;

pub fn audit(conn: &mut DbConn, query: &AuditQuery) -> QueryResult<AuditPage> {
    let filtered = || {
        let mut q = audit_log::table.left_join(people::table).into_boxed();
        if let Some(action) = query.action.clone().filter(|a| !a.is_empty()) {
            q = q.filter(audit_log::action.eq(action));
        }
        if let Some(outcome) = query.outcome.clone().filter(|o| !o.is_empty()) {
            q = q.filter(audit_log::outcome.eq(outcome));
        }
        let actor = query.actor.trim().to_lowercase();
        if !actor.is_empty() {
            let pattern = format!("%{}%", actor.replace(['%', '_', '\\'], ""));
            q = q.filter(people::search_text.like(pattern));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let page = query.page.max(1);
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        i64,
        NaiveDateTime,
        Option<i64>,
        Option<String>,
        String,
        String,
        Option<i64>,
        String,
        String,
        Option<String>,
    )> = filtered()
        .order(audit_log::id.desc())
        .limit(AUDIT_PAGE_SIZE as i64)
        .offset(((page - 1) * AUDIT_PAGE_SIZE) as i64)
        .select((
            audit_log::id,
            audit_log::at,
            audit_log::actor_id,
            people::name.nullable(),
            audit_log::action,
            audit_log::target_type,
            audit_log::target_id,
            audit_log::outcome,
            audit_log::detail,
            audit_log::request_id,
        ))
        .load(conn)?;
    let actions = audit_log::table
        .select(audit_log::action)
        .distinct()
        .order(audit_log::action.asc())
        .load(conn)?;
    Ok(AuditPage {
        rows: rows
            .into_iter()
            .map(
                |(
                    id,
                    at,
                    actor_id,
                    actor_name,
                    action,
                    target_type,
                    target_id,
                    outcome,
                    detail,
                    request_id,
                )| AuditRow {
                    id,
                    at,
                    actor_id,
                    actor_name,
                    action,
                    target_type,
                    target_id,
                    outcome,
                    detail,
                    request_id,
                },
            )
            .collect(),
        total,
        page,
        per_page: AUDIT_PAGE_SIZE,
        actions,
    })
}

/// Live sessions grouped by person, most recently active first.
pub fn live_sessions(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<Vec<SessionRow>> {
    let rows: Vec<(PersonId, String, String, i64, Option<NaiveDateTime>, Option<NaiveDateTime>)> =
        sessions::table
            .inner_join(people::table)
            .filter(sessions::expires_at.gt(now))
            .group_by((people::id, people::name, people::email))
            .select((
                people::id,
                people::name,
                people::email,
                diesel::dsl::count_star(),
                diesel::dsl::min(sessions::created_at),
                diesel::dsl::max(sessions::last_seen_at),
            ))
            .order(diesel::dsl::max(sessions::last_seen_at).desc())
            .limit(500)
            .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(person_id, name, email, n, first, last)| SessionRow {
            person_id,
            name,
            email,
            sessions: n,
            first_started: first.unwrap_or(now),
            last_seen: last.unwrap_or(now),
        })
        .collect())
}
