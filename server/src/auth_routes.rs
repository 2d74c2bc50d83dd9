//! Sign-in and sign-out as plain axum routes: plain HTML forms and links lead here, so they
//! work without JavaScript. Every outcome, good or bad, is written to the audit log.

use crate::middleware::{cookie, session_cookie, SessionToken};
use crate::router::ServerState;
use app::audit::{self, AuditEntry, Outcome};
use app::auth::identities::{self, SignIn};
use app::auth::sessions;
use app::context::RequestId;
use app::db::DbError;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};

/// The sign-in state cookie; `__Host-` behind https so a sibling subdomain cannot plant one.
fn state_cookie_name(state: &ServerState) -> &'static str {
    if state.config.https() {
        "__Host-trellis_oidc_state"
    } else {
        "trellis_oidc_state"
    }
}

/// The client's address: the connection's, or, when the connection comes from a trusted
/// proxy (`TRELLIS_TRUSTED_PROXIES`), the nearest address in `X-Forwarded-For` that is not
/// one of them. `None` when the server runs without connection info (in-process tests).
pub struct ClientIp(pub Option<IpAddr>);

impl axum::extract::FromRequestParts<ServerState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &ServerState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let forwarded =
            parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        Ok(Self(
            peer.map(|peer| client_address(peer, forwarded, &state.config.sign_in.trusted_proxies)),
        ))
    }
}

/// Walks `X-Forwarded-For` from the right (each proxy appends the address it was reached
/// from) while the hops are trusted proxies; the first hop that is not is the client. A
/// header from an untrusted peer is anyone's to write, so it is ignored; an unreadable hop
/// stops the walk at the last address a trusted proxy vouched for.
pub fn client_address<'a>(
    peer: IpAddr,
    forwarded_for: impl Iterator<Item = &'a str>,
    trusted: &[ipnet::IpNet],
) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded_for.flat_map(|v| v.split(',')).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

fn clear_state_cookie(state: &ServerState) -> HeaderValue {
    let secure = if state.config.https() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}",
        state_cookie_name(state)
    ))
    .expect("ascii")
}

/// A refused SSO callback: audited, explained in plain words, the state cookie cleared.
async fn refuse_callback(
    state: &ServerState,
    ip: Option<IpAddr>,
    request_id: &RequestId,
    reason: &str,
) -> Response {
    state.sign_in_limits.failed(ip, None);
    audit_sign_in(state, None, "sign_in_sso", Outcome::Refused, reason.to_string(), request_id)
        .await;
    let mut res = message_page(
        state,
        StatusCode::BAD_REQUEST,
        "Sign-in did not work",
        "This sign-in link has expired or was already used. Please start again.",
        &request_id.0,
    );
    res.headers_mut().append(header::SET_COOKIE, clear_state_cookie(state));
    res
}

fn too_many() -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, "60")],
        "Too many sign-in attempts. Please wait a few minutes and try again.",
    )
        .into_response()
}

/// A plain page for sign-in outcomes that happen outside the Leptos app.
fn message_page(
    state: &ServerState,
    status: StatusCode,
    title: &str,
    body: &str,
    request_id: &str,
) -> Response {
    let stylesheet = &state.site_files.stylesheet;
    let html = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Trellis</title><link rel=\"stylesheet\" href=\"{stylesheet}\"></head>\
         <body><main id=\"main\" class=\"app-main signin\"><div class=\"stack\"><p class=\"app-header__brand signin__brand\">Trellis</p>\
         <h1>{title}</h1><p>{body}</p><p><a class=\"btn btn--secondary\" href=\"/sign-in\">Back to sign-in</a></p>\
         <p class=\"meta\">Reference: {request_id}</p></div></main></body></html>"
    );
    (status, Html(html)).into_response()
}

async fn audit_sign_in(
    state: &ServerState,
    person: Option<app::kernel::PersonId>,
    action: &str,
    outcome: Outcome,
    detail: String,
    request_id: &RequestId,
) {
    let entry = AuditEntry::new(person, action, app::audit::Target::Page("session"), outcome)
        .detail(detail)
        .request_id(Some(request_id.0.clone()));
    if let Err(e) = state.app.db.run(move |c| audit::record(c, &entry).map_err(DbError::from)).await
    {
        tracing::error!(error = %e, "could not write the audit log");
    }
}

/// Starts a session (ending the one this browser had, if any: a new sign-in on a shared
/// machine must not leave the previous person signed in) and sends the browser home.
async fn start_session(
    state: &ServerState,
    person: app::kernel::PersonId,
    previous: Option<SessionToken>,
    extra: Option<HeaderValue>,
) -> Result<Response, DbError> {
    let policy = state.config.sessions;
    let token = state
        .app
        .db
        .transaction(move |c| {
            if let Some(SessionToken(old)) = previous {
                sessions::end(c, &old)?;
            }
            sessions::create(c, person, chrono::Utc::now().naive_utc(), policy)
                .map_err(DbError::from)
        })
        .await?;
    let mut headers = HeaderMap::new();
    headers.append(header::SET_COOKIE, session_cookie(&state.config, &token));
    if let Some(v) = extra {
        headers.append(header::SET_COOKIE, v);
    }
    Ok((headers, Redirect::to("/")).into_response())
}

#[derive(Debug, Deserialize)]
pub struct DemoSignIn {
    pub email: String,
}

/// `POST /auth/demo`: sign in as a demo persona. Answered 404 unless demo sign-in is on.
pub async fn demo_sign_in(
    State(state): State<ServerState>,
    Extension(request_id): Extension<RequestId>,
    previous: Option<Extension<SessionToken>>,
    ClientIp(ip): ClientIp,
    Form(form): Form<DemoSignIn>,
) -> Response {
    if !state.app.settings.demo_sign_in {
        return StatusCode::NOT_FOUND.into_response();
    }
    let limits = &state.sign_in_limits;
    if !limits.admit(ip) || limits.account_locked(&form.email) {
        return too_many();
    }
    let email = form.email.clone();
    let found = state
        .app
        .db
        .run(move |c| sessions::person_for_sign_in(c, &email).map_err(DbError::from))
        .await;
    match found {
        Ok(Some(person)) => {
            audit_sign_in(
                &state,
                Some(person),
                "sign_in_demo",
                Outcome::Allowed,
                String::new(),
                &request_id,
            )
            .await;
            start_session(&state, person, previous.map(|p| p.0), None)
                .await
                .unwrap_or_else(|e| internal(&state, e, &request_id))
        }
        Ok(None) => {
            limits.failed(ip, Some(&form.email));
            audit_sign_in(
                &state,
                None,
                "sign_in_demo",
                Outcome::Refused,
                format!("no active person {}", form.email),
                &request_id,
            )
            .await;
            Redirect::to("/sign-in?error=unknown").into_response()
        }
        Err(e) => internal(&state, e, &request_id),
    }
}

fn internal(state: &ServerState, e: impl std::fmt::Display, request_id: &RequestId) -> Response {
    tracing::error!(error = %e, request_id = %request_id.0, "sign-in failed");
    message_page(
        state,
        StatusCode::INTERNAL_SERVER_ERROR,
        "Sign-in did not work",
        "Something went wrong on our side. Please try again.",
        &request_id.0,
    )
}

/// `GET /auth/login`: sends the browser to the company's identity provider.
pub async fn sso_login(
    State(state): State<ServerState>,
    Extension(request_id): Extension<RequestId>,
    ClientIp(ip): ClientIp,
) -> Response {
    let Some(oidc) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !state.sign_in_limits.admit(ip) {
        return too_many();
    }
    let auth = match oidc.authorize() {
        Ok(a) => a,
        Err(e) => return internal(&state, e, &request_id),
    };
    let (st, verifier, nonce) =
        (auth.state.clone(), auth.pkce_verifier.clone(), auth.nonce.clone());
    let saved = state
        .app
        .db
        .run(move |c| {
            identities::start_login(c, &st, &verifier, &nonce, chrono::Utc::now().naive_utc())
                .map_err(DbError::from)
        })
        .await;
    if let Err(e) = saved {
        return internal(&state, e, &request_id);
    }
    // The state also goes into a cookie, binding the callback to this browser (login CSRF).
    let cookie = format!(
        "{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        state_cookie_name(&state),
        auth.state,
        identities::LOGIN_MAX_AGE_MINUTES * 60,
        if state.config.https() { "; Secure" } else { "" }
    );
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("ascii cookie"));
    (headers, Redirect::to(auth.url.as_str())).into_response()
}

#[derive(Debug, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// `GET /auth/callback`: the provider sends the browser back with a code. Checked in order:
/// the state matches this browser's and a started sign-in (once), the code redeems, the ID
/// token verifies, and the account belongs to an active person.
pub async fn sso_callback(
    State(state): State<ServerState>,
    Extension(request_id): Extension<RequestId>,
    previous: Option<Extension<SessionToken>>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Query(callback): Query<Callback>,
) -> Response {
    let Some(oidc) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !state.sign_in_limits.admit(ip) {
        return too_many();
    }
    let clear_state = clear_state_cookie(&state);
    if let Some(err) = callback.error.as_deref() {
        tracing::warn!(error = err, "the SSO provider returned an error");
        return refuse_callback(&state, ip, &request_id, "provider returned an error").await;
    }
    let (Some(code), Some(st)) = (callback.code.clone(), callback.state.clone()) else {
        return refuse_callback(&state, ip, &request_id, "callback without code or state").await;
    };
    if cookie(&headers, state_cookie_name(&state)) != Some(st.as_str()) {
        return refuse_callback(&state, ip, &request_id, "state does not match this browser").await;
    }
    let taken = state
        .app
        .db
        .run(move |c| {
            identities::take_login(c, &st, chrono::Utc::now().naive_utc()).map_err(DbError::from)
        })
        .await;
    let (verifier, nonce) = match taken {
        Ok(Some(found)) => found,
        Ok(None) => {
            return refuse_callback(&state, ip, &request_id, "unknown, used or expired state").await
        }
        Err(e) => return internal(&state, e, &request_id),
    };
    let account = match oidc.finish(code, verifier, nonce).await {
        Ok(account) => account,
        Err(e) => {
            tracing::warn!(error = %e, request_id = %request_id.0, "SSO sign-in rejected");
            return refuse_callback(&state, ip, &request_id, "code or ID token rejected").await;
        }
    };
    if account.email.as_deref().is_some_and(|e| state.sign_in_limits.account_locked(e)) {
        return too_many();
    }
    let who = account.clone();
    let outcome = state
        .app
        .db
        .transaction(move |c| {
            identities::sign_in(c, &who, chrono::Utc::now().naive_utc()).map_err(DbError::from)
        })
        .await;
    match outcome {
        Ok(SignIn::Person(person)) => {
            audit_sign_in(
                &state,
                Some(person),
                "sign_in_sso",
                Outcome::Allowed,
                String::new(),
                &request_id,
            )
            .await;
            start_session(&state, person, previous.map(|p| p.0), Some(clear_state))
                .await
                .unwrap_or_else(|e| internal(&state, e, &request_id))
        }
        Ok(refusal) => {
            state.sign_in_limits.failed(ip, account.email.as_deref());
            let detail = format!(
                "{:?} for {} ({})",
                refusal,
                account.email.clone().unwrap_or_default(),
                account.subject
            );
            audit_sign_in(&state, None, "sign_in_sso", Outcome::Refused, detail, &request_id).await;
            let mut res = message_page(
                &state,
                StatusCode::FORBIDDEN,
                "You are not set up in Trellis",
                "You signed in with your company account, but nobody in Trellis matches it. Ask your HR team to add you, using the same email address as your company account.",
                &request_id.0,
            );
            res.headers_mut().append(header::SET_COOKIE, clear_state);
            res
        }
        Err(e) => internal(&state, e, &request_id),
    }
}

/// `POST /auth/logout`: ends the server-side session and clears the cookie.
pub async fn logout(
    State(state): State<ServerState>,
    token: Option<Extension<SessionToken>>,
) -> Response {
    if let Some(Extension(SessionToken(token))) = token {
        if let Err(e) =
            state.app.db.run(move |c| sessions::end(c, &token).map_err(DbError::from)).await
        {
            tracing::error!(error = %e, "sign-out failed");
        }
    }
    let mut headers = HeaderMap::new();
    let expired = format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        state.config.session_cookie_name(),
        if state.config.https() { "; Secure" } else { "" }
    );
    headers.insert(header::SET_COOKIE, HeaderValue::from_str(&expired).expect("ascii cookie"));
    (headers, Redirect::to("/sign-in")).into_response()
}
