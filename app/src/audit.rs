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
}

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
        ))
        .execute(conn)?;
    Ok(())
}
