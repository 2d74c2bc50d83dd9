//! Server-side request context for server functions: the app state, the signed-in viewer
//! (resolved by the server's session middleware and left in the request's extensions) and
//! the one way to ask the policy, which also writes refusals to the audit log.

use crate::audit::{self, AuditEntry, Outcome};
use crate::auth::types::Viewer;
use crate::db::Db;
use crate::error::AppError;
use crate::policy::{self, Action};
use leptos::prelude::use_context;
use std::sync::Arc;

/// Configuration the app layer needs at request time.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// The demo persona picker is on (demo data, no SSO configured).
    pub demo_sign_in: bool,
    pub sso_configured: bool,
    /// Messages in the outbox are sent by SMTP (otherwise HR reads them on the outbox page).
    pub smtp_configured: bool,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<AppSettings>,
}

/// The id of the current request, set by the server's request-id layer.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

pub fn request_id() -> Option<String> {
    parts()?.extensions.get::<RequestId>().map(|r| r.0.clone())
}

/// The signed-in person, or `Unauthenticated`.
pub fn viewer() -> Result<Viewer, AppError> {
    parts()
        .and_then(|p| p.extensions.get::<Viewer>().cloned())
        .ok_or(AppError::Unauthenticated)
}

/// The viewer and the state, after the policy allowed `action`. A refusal is written to the
/// audit log (who tried what) before `Forbidden` is returned.
pub async fn authorize(action: Action<'_>, target: (&'static str, Option<i64>)) -> Result<(Viewer, AppState), AppError> {
    let viewer = viewer()?;
    let state = state()?;
    authorize_viewer(&state.db, &viewer, &action, target, request_id()).await?;
    Ok((viewer, state))
}

/// The same decision for plain axum routes (file downloads), which have no Leptos context.
pub async fn authorize_viewer(
    db: &Db,
    viewer: &Viewer,
    action: &Action<'_>,
    target: (&'static str, Option<i64>),
    request_id: Option<String>,
) -> Result<(), AppError> {
    if policy::check(viewer, action).is_err() {
        let entry = AuditEntry::new(Some(viewer.person_id), action.name(), target, Outcome::Refused).request_id(request_id);
        db.run(move |c| audit::record(c, &entry).map_err(AppError::from)).await?;
        return Err(AppError::Forbidden);
    }
    Ok(())
}
