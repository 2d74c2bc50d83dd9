use super::types::*;
use crate::error::AppError;
use crate::kernel::PersonId;
use leptos::prelude::*;

/// The query parameter that carries how many sessions were just ended.
pub const ENDED_PARAM: &str = "ended";

#[cfg(feature = "ssr")]
use {super::queries, crate::audit::Target, crate::context, crate::policy::Action};

#[server(endpoint = "admin/get_audit_log")]
pub async fn get_audit_log(query: AuditQuery) -> Result<AuditPage, AppError> {
    let auth = context::authorize(Action::ReadAuditLog, Target::Page("audit_log")).await?;
    auth.read(move |c, _| Ok(queries::audit(c, &query)?)).await
}

#[server(endpoint = "admin/get_live_sessions")]
pub async fn get_live_sessions() -> Result<Vec<SessionRow>, AppError> {
    let auth = context::authorize(Action::ManageSessions, Target::Page("sessions")).await?;
    auth.read(|c, auth| Ok(queries::live_sessions(c, auth.now())?)).await
}

/// Ends every session of a person: they are signed out everywhere at their next request.
/// Ends someone's sessions and goes back to the sessions page, which says how many ended (a
/// page of its own, so the same answer shows with JavaScript and without).
#[server(endpoint = "admin/end_sessions")]
pub async fn end_sessions(person_id: PersonId) -> Result<usize, AppError> {
    let auth = context::authorize(Action::ManageSessions, Target::Person(person_id)).await?;
    let ended = auth
        .write(move |c, auth| {
            let ended = crate::auth::sessions::end_all_for(c, person_id)?;
            auth.audit_detail(
                c,
                "end_sessions",
                Target::Person(person_id),
                format!("{ended} session(s)"),
            )?;
            Ok(ended)
        })
        .await?;
    leptos_axum::redirect(&format!("/admin/sessions?{ENDED_PARAM}={ended}"));
    Ok(ended)
}
