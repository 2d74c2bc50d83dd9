//! The append-only audit log: who read or changed what, and who was refused.

use crate::db::schema::audit_log;
use crate::db::DbConn;
use diesel::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Allowed,
    Refused,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::Refused => "refused",
        }
    }
}

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor_id: Option<i64>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<i64>,
    pub outcome: Outcome,
    pub detail: String,
    pub request_id: Option<String>,
}

impl AuditEntry {
    /// Build it in async code, before `db.run`: the request id is read from the request context.
    pub fn new(actor_id: Option<i64>, action: &str, target: (&str, Option<i64>), outcome: Outcome) -> Self {
        Self {
            actor_id,
            action: action.into(),
            target_type: target.0.into(),
            target_id: target.1,
            outcome,
            detail: String::new(),
            request_id: crate::context::request_id(),
        }
    }

    pub fn request_id(mut self, id: Option<String>) -> Self {
        self.request_id = id;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}

/// Appends an entry. There is no update or delete: the log is append-only.
pub fn record(conn: &mut DbConn, entry: &AuditEntry) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(chrono::Utc::now().naive_utc()),
            audit_log::actor_id.eq(entry.actor_id),
            audit_log::action.eq(&entry.action),
            audit_log::target_type.eq(&entry.target_type),
            audit_log::target_id.eq(entry.target_id),
            audit_log::outcome.eq(entry.outcome.as_str()),
            audit_log::detail.eq(&entry.detail),
            audit_log::request_id.eq(&entry.request_id),
        ))
        .execute(conn)?;
    Ok(())
}
