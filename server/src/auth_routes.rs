//! Sign-in and sign-out as plain axum routes: plain HTML forms post here, so they work
//! without JavaScript. (Company SSO over OpenID Connect joins these routes later.)

use crate::middleware::{session_cookie, SessionToken};
use crate::router::ServerState;
use app::audit::{self, AuditEntry, Outcome};
use app::auth::sessions;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct DemoSignIn {
    pub email: String,
}

/// `POST /auth/demo`: sign in as a demo persona. Answered 404 unless demo sign-in is on.
pub async fn demo_sign_in(State(state): State<ServerState>, Form(form): Form<DemoSignIn>) -> Response {
    if !state.app.settings.demo_sign_in {
        return StatusCode::NOT_FOUND.into_response();
    }
    let policy = state.config.sessions;
    let email = form.email.clone();
    let result = state
        .app
        .db
        .transaction(move |c| -> Result<Option<String>, app::db::DbError> {
            let Some(person) = sessions::person_for_sign_in(c, &email)? else {
                return Ok(None);
            };
            let token = sessions::create(c, person, chrono::Utc::now().naive_utc(), policy)?;
            audit::record(c, &AuditEntry {
                actor_id: Some(person),
                action: "sign_in_demo".into(),
                target_type: "session".into(),
                target_id: None,
                outcome: Outcome::Allowed,
                detail: String::new(),
            })?;
            Ok(Some(token))
        })
        .await;
    match result {
        Ok(Some(token)) => {
            let mut headers = HeaderMap::new();
            headers.insert(header::SET_COOKIE, session_cookie(&state.config, &token));
            (headers, Redirect::to("/")).into_response()
        }
        Ok(None) => Redirect::to("/sign-in?error=unknown").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "demo sign-in failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `POST /auth/logout`: ends the server-side session and clears the cookie.
pub async fn logout(State(state): State<ServerState>, token: Option<Extension<SessionToken>>) -> Response {
    if let Some(Extension(SessionToken(token))) = token {
        if let Err(e) = state.app.db.run(move |c| sessions::end(c, &token).map_err(app::db::DbError::from)).await {
            tracing::error!(error = %e, "sign-out failed");
        }
    }
    let mut headers = HeaderMap::new();
    let expired = format!("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}", state.config.session_cookie_name(), if state.config.https() { "; Secure" } else { "" });
    headers.insert(header::SET_COOKIE, HeaderValue::from_str(&expired).expect("ascii cookie"));
    (headers, Redirect::to("/sign-in")).into_response()
}
