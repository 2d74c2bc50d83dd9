use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::queries, crate::context, crate::policy::Action};

#[server]
pub async fn get_audit_log(query: AuditQuery) -> Result<AuditPage, AppError> {
    let (_viewer, state) = context::authorize(Action::ReadAuditLog, ("audit_log", None)).await?;
    state.db.run(move |c| queries::audit(c, &query).map_err(AppError::from)).await
}

#[server]
pub async fn get_live_sessions() -> Result<Vec<SessionRow>, AppError> {
    let (_viewer, state) = context::authorize(Action::ManageSessions, ("sessions", None)).await?;
    let now = chrono::Utc::now().naive_utc();
    state.db.run(move |c| queries::live_sessions(c, now).map_err(AppError::from)).await
}

/// Ends every session of a person: they are signed out everywhere at their next request.
#[server]
pub async fn end_sessions(person_id: i64) -> Result<usize, AppError> {
    use crate::audit::{self, AuditEntry, Outcome};
    let (viewer, state) = context::authorize(Action::ManageSessions, ("person", Some(person_id))).await?;
    let entry = AuditEntry::new(Some(viewer.person_id), "end_sessions", ("person", Some(person_id)), Outcome::Allowed);
    state
        .db
        .transaction(move |c| {
            let ended = crate::auth::sessions::end_all_for(c, person_id)?;
            audit::record(c, &entry.detail(format!("{ended} session(s)")))?;
            Ok(ended)
        })
        .await
}
