//! Middleware every request passes: a request id, security headers, cross-site request
//! refusal, and the session lookup that decides who is signed in (roles are re-read from
//! the org data on every request, so a reorg takes effect at once).

use crate::config::ServerConfig;
use crate::router::ServerState;
use app::auth::sessions;
use app::context::RequestId;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cookie::Cookie;

/// The raw session token of the request, for sign-out.
#[derive(Debug, Clone)]
pub struct SessionToken(pub String);

pub fn session_cookie(config: &ServerConfig, token: &str) -> HeaderValue {
    let secure = if config.https() { "; Secure" } else { "" };
    let max_age = config.sessions.absolute_lifetime.num_seconds();
    HeaderValue::from_str(&format!(
        "{}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}",
        config.session_cookie_name()
    ))
    .expect("cookie is ascii")
}

/// The value of cookie `name` in a request's `Cookie` headers (the first, if sent twice), as
/// sent: not percent-decoded, quotes kept.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| c.value_raw())
}

/// Paths anonymous visitors may reach: the sign-in page and what it needs.
/// A path with a `.` or `..` segment (percent-encoded or not). Browsers resolve these before
/// sending; only a crafted request has one, and `/auth/../people` must not pass for public.
fn has_dot_segment(path: &str) -> bool {
    path.split('/').any(|segment| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        decoded == "." || decoded == ".."
    })
}

fn is_public(path: &str) -> bool {
    path == "/sign-in"
        || path.starts_with("/auth/")
        || path.starts_with("/pkg/")
        || path.starts_with("/api/public/")
        || matches!(path, "/healthz" | "/readyz" | "/favicon.svg" | "/favicon.ico")
}

pub async fn request_id(mut req: Request, next: Next) -> Response {
    let id = app::auth::sessions::new_token()[..16].to_string();
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path());
    let _entered = span.enter();
    drop(_entered);
    let mut res = tracing::Instrument::instrument(next.run(req), span).await;
    res.headers_mut().insert("x-request-id", HeaderValue::from_str(&id).expect("hex"));
    res
}

/// Refuses state-changing requests that come from another site (CSRF): Leptos server
/// functions have no CSRF protection of their own, so this layer is what protects them.
/// A browser always sends `Origin` on a POST; it must be Trellis's public origin (or match
/// the Host the request arrived with), and `Sec-Fetch-Site` must not say another site.
pub async fn refuse_cross_site(
    State(state): State<ServerState>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let headers = req.headers();
        let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let cross_site = matches!(fetch_site, Some("cross-site") | Some("same-site"));
        let public_origin = state.config.public_url.origin().ascii_serialization();
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let origin_mismatch = match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            None => false,
            Some(origin) => {
                origin != public_origin && origin.split_once("://").map(|(_, h)| h) != host
            }
        };
        if cross_site || origin_mismatch {
            tracing::warn!(path = %req.uri().path(), "refused a cross-site request");
            return (StatusCode::FORBIDDEN, "Cross-site requests are not allowed.").into_response();
        }
    }
    next.run(req).await
}

pub async fn security_headers(
    State(state): State<ServerState>,
    req: Request,
    next: Next,
) -> Response {
    let is_page = !req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Pages set their own policy with a script nonce; everything else gets the strictest one.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        );
    }
    if state.config.https() {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    if is_page {
        // Pages carry personal data: never store them in shared or browser caches.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Resolves the session cookie into a `Viewer` in the request's extensions (read by server
/// functions through `app::context::viewer`). Anonymous visitors are sent to sign in.
pub async fn resolve_session(
    State(state): State<ServerState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    // Refused before any decision that reads the path (what is public, what is an API call).
    if has_dot_segment(req.uri().path()) {
        return (StatusCode::BAD_REQUEST, "This address is not one Trellis serves.")
            .into_response();
    }
    let token = cookie(req.headers(), state.config.session_cookie_name()).map(str::to_string);
    let mut viewer = None;
    if let Some(token) = token.clone() {
        let policy = state.config.sessions;
        let now = chrono::Utc::now().naive_utc();
        match state
            .app
            .db
            .run(move |c| sessions::resolve(c, &token, now, policy).map_err(app::db::DbError::from))
            .await
        {
            Ok(v) => viewer = v,
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Trellis cannot reach its database. Please try again shortly.",
                )
                    .into_response();
            }
        }
    }
    let path = req.uri().path().to_string();
    match viewer {
        Some(mut v) => {
            v.demo = state.app.settings.demo_sign_in;
            req.extensions_mut().insert(v);
            if let Some(t) = token {
                req.extensions_mut().insert(SessionToken(t));
            }
        }
        None if !is_public(&path) => {
            if req.method() == Method::GET && !path.starts_with("/api/") {
                let target = if token.is_some() { "/sign-in?error=expired" } else { "/sign-in" };
                return Redirect::to(target).into_response();
            }
            return (StatusCode::UNAUTHORIZED, "Please sign in.").into_response();
        }
        None => {}
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    #[test]
    fn dot_segments_are_found_encoded_or_not() {
        for path in [
            "/auth/../people",
            "/auth/%2e%2e/people",
            "/auth/.%2E/people",
            "/./people",
            "/people/..",
        ] {
            assert!(has_dot_segment(path), "{path}");
        }
        for path in
            ["/people", "/auth/callback", "/pkg/trellis.abc.js", "/people/..x", "/ladders/v1.2"]
        {
            assert!(!has_dot_segment(path), "{path}");
        }
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::COOKIE, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn cookie_finds_a_value_by_exact_name() {
        let h = headers(&["theme=dark; trellis_session=abc=; ;x", "other=1; trellis_session=2"]);
        assert_eq!(cookie(&h, "trellis_session"), Some("abc="), "the first of two");
        assert_eq!(cookie(&h, "other"), Some("1"), "in a second Cookie header");
        assert_eq!(cookie(&h, "session"), None, "no match on part of a name");
        assert_eq!(cookie(&h, "x"), None, "a pair without a value is skipped");
        assert_eq!(cookie(&headers(&[" a = 1 ;b=\"q%20\""]), "b"), Some("\"q%20\""), "as sent");
        assert_eq!(cookie(&headers(&[" a = 1 ;b=2"]), "a"), Some("1"), "spaces trimmed");
        assert_eq!(cookie(&HeaderMap::new(), "a"), None);
    }
}
