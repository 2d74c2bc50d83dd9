//! Company SSO against a real OpenID provider speaking HTTP on loopback: this test's own
//! minimal provider, which signs ID tokens with a test key and can misbehave on purpose
//! (wrong nonce, expired token, wrong signature) so every rejection is proven.

use crate::common::{Backend, TestApp, TestDb, TestResponse};
use app::db::schema::identities;
use app::kernel::PersonId;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, Utc};
use diesel::prelude::*;
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce,
    PrivateSigningKey, StandardClaims, SubjectIdentifier,
};
use std::sync::{Arc, Mutex};

const CLIENT_ID: &str = "trellis-test";
const KEY: &str = include_str!("fixtures/oidc-test-key.pem");
const OTHER_KEY: &str = include_str!("fixtures/oidc-other-key.pem");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Good,
    WrongNonce,
    Expired,
    WrongSignature,
    WrongAudience,
    /// The ID token carries no email; the UserInfo answer does (OpenID Connect Core 5.4, the
    /// default of `oidc-provider`).
    EmailInUserInfo,
    /// As above, but the UserInfo answer is about another subject.
    UserInfoForSomeoneElse,
}

#[derive(Default)]
struct Pending {
    /// code -> (subject, email, nonce, kind)
    codes: Vec<(String, String, String, String, Token)>,
    /// access token -> the UserInfo answer (subject, email)
    user_info: Vec<(String, String, String)>,
}

#[derive(Clone)]
struct Provider {
    issuer: String,
    pending: Arc<Mutex<Pending>>,
    /// The key the provider signs with and publishes; a test can rotate it.
    key: Arc<Mutex<&'static str>>,
}

impl Provider {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let provider =
            Provider { issuer, pending: Default::default(), key: Arc::new(Mutex::new(KEY)) };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/token", post(token))
            .route("/userinfo", get(user_info))
            .with_state(provider.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        provider
    }

    /// The provider "authenticates" the person and issues `code` for this nonce.
    fn issue(&self, code: &str, subject: &str, email: &str, nonce: &str, kind: Token) {
        self.pending.lock().unwrap().codes.push((
            code.into(),
            subject.into(),
            email.into(),
            nonce.into(),
            kind,
        ));
    }
}

fn signing_key(pem: &str) -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new("test-key".into()))).unwrap()
}

async fn discovery(State(p): State<Provider>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "issuer": p.issuer,
        "authorization_endpoint": format!("{}/authorize", p.issuer),
        "token_endpoint": format!("{}/token", p.issuer),
        "jwks_uri": format!("{}/jwks", p.issuer),
        "userinfo_endpoint": format!("{}/userinfo", p.issuer),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
    }))
}

async fn jwks(State(p): State<Provider>) -> Json<CoreJsonWebKeySet> {
    let key = *p.key.lock().unwrap();
    Json(CoreJsonWebKeySet::new(vec![signing_key(key).as_verification_key()]))
}

async fn token(State(p): State<Provider>, body: String) -> axum::response::Response {
    use axum::response::IntoResponse;
    let form: Vec<(String, String)> =
        url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let field =
        |k: &str| form.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
    assert!(!field("code_verifier").is_empty(), "Trellis always sends a PKCE verifier");
    let code = field("code");
    let found = {
        let mut pending = p.pending.lock().unwrap();
        let at = pending.codes.iter().position(|c| c.0 == code);
        at.map(|i| pending.codes.remove(i)) // a code works once
    };
    let Some((_, subject, email, nonce, kind)) = found else {
        return (StatusCode::BAD_REQUEST, Json(serde_json::json!({"error": "invalid_grant"})))
            .into_response();
    };
    let now = Utc::now();
    let (issued, expires) = match kind {
        Token::Expired => (now - Duration::hours(2), now - Duration::hours(1)),
        _ => (now, now + Duration::minutes(5)),
    };
    let audience = if kind == Token::WrongAudience { "someone-else" } else { CLIENT_ID };
    let access_token = format!("at-{code}");
    let standard = match kind {
        Token::EmailInUserInfo | Token::UserInfoForSomeoneElse => {
            let about = if kind == Token::EmailInUserInfo {
                subject.clone()
            } else {
                "someone-else".into()
            };
            p.pending.lock().unwrap().user_info.push((access_token.clone(), about, email));
            StandardClaims::new(SubjectIdentifier::new(subject))
        }
        _ => StandardClaims::new(SubjectIdentifier::new(subject))
            .set_email(Some(EndUserEmail::new(email)))
            .set_email_verified(Some(true)),
    };
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(p.issuer.clone()).unwrap(),
        vec![Audience::new(audience.into())],
        expires,
        issued,
        standard,
        EmptyAdditionalClaims {},
    )
    .set_nonce(Some(Nonce::new(if kind == Token::WrongNonce {
        "not-the-nonce".into()
    } else {
        nonce
    })));
    let published = *p.key.lock().unwrap();
    // "Wrong signature": signed with a key the provider does not publish.
    let key = signing_key(if kind == Token::WrongSignature {
        if published == KEY {
            OTHER_KEY
        } else {
            KEY
        }
    } else {
        published
    });
    let id_token =
        CoreIdToken::new(claims, &key, CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, None, None)
            .unwrap();
    Json(serde_json::json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}

/// The UserInfo endpoint: the claims stored for the bearer token, as plain JSON.
async fn user_info(
    State(p): State<Provider>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_string();
    let found = p.pending.lock().unwrap().user_info.iter().find(|u| u.0 == bearer).cloned();
    match found {
        Some((_, subject, email)) => {
            Json(serde_json::json!({"sub": subject, "email": email, "email_verified": true}))
                .into_response()
        }
        None => StatusCode::UNAUTHORIZED.into_response(),
    }
}

async fn sso_app(backend: Backend) -> (TestApp, Provider) {
    let provider = Provider::start().await;
    let mut args = crate::common::serve_args();
    args.oidc_issuer = Some(provider.issuer.clone());
    args.oidc_client_id = Some(CLIENT_ID.into());
    args.oidc_client_secret = Some("test-secret".into());
    (TestApp::with_args(TestDb::with_demo(backend), args).await, provider)
}

struct Started {
    state: String,
    nonce: String,
    state_cookie: String,
}

async fn start(app: &TestApp) -> Started {
    let res = app.get("/auth/login", None).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let location = url::Url::parse(res.location().unwrap()).unwrap();
    let param = |k: &str| {
        location.query_pairs().find(|(key, _)| key == k).map(|(_, v)| v.into_owned()).unwrap()
    };
    assert_eq!(param("response_type"), "code");
    assert_eq!(param("code_challenge_method"), "S256");
    assert!(param("scope").contains("openid") && param("scope").contains("email"));
    assert_eq!(param("redirect_uri"), "http://127.0.0.1:3000/auth/callback");
    let cookie = res.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    Started {
        state: param("state"),
        nonce: param("nonce"),
        state_cookie: cookie.split(';').next().unwrap().to_string(),
    }
}

async fn callback(app: &TestApp, code: &str, state: &str, cookie: &str) -> TestResponse {
    app.get(&format!("/auth/callback?code={code}&state={state}&iss=ignored"), Some(cookie)).await
}

/// A whole sign-in as a browser makes it: start at Trellis, the provider authenticates the
/// person and issues `code`, the browser comes back to the callback.
async fn complete_sign_in(
    app: &TestApp,
    provider: &Provider,
    code: &str,
    subject: &str,
    email: &str,
    kind: Token,
) -> TestResponse {
    let s = start(app).await;
    provider.issue(code, subject, email, &s.nonce, kind);
    callback(app, code, &s.state, &s.state_cookie).await
}

fn session_cookie(res: &TestResponse) -> Option<String> {
    res.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("trellis_session="))
        .map(|v| v.split(';').next().unwrap().to_string())
}

fn refusals(app: &TestApp) -> usize {
    app.test_db.audit().action("sign_in_sso").refused().count()
}

async fn a_person_signs_in_with_company_sso(backend: Backend) {
    let (app, provider) = sso_app(backend).await;
    let res = complete_sign_in(
        &app,
        &provider,
        "code-1",
        "idp-user-42",
        "tom.becker@lumen.example",
        Token::Good,
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), Some("/"));
    let cookie = session_cookie(&res).expect("a session");
    let home = app.get("/", Some(&cookie)).await;
    assert!(home.body.contains("Welcome, Tom"));
    assert!(!home.body.contains("Demo mode"), "no demo banner with SSO");

    // The account is linked by (issuer, subject): a later sign-in uses the link even if the
    // provider's email changed.
    let linked: PersonId = identities::table
        .filter(identities::subject.eq("idp-user-42"))
        .select(identities::person_id)
        .first(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(linked, app.test_db.person_id("tom.becker@lumen.example"));
    let res = complete_sign_in(
        &app,
        &provider,
        "code-2",
        "idp-user-42",
        "tom.b@new-domain.example",
        Token::Good,
    )
    .await;
    assert!(session_cookie(&res).is_some());
}

/// A provider that gives the email in its UserInfo answer only signs people in; a UserInfo
/// answer about another subject signs nobody in.
async fn the_email_may_come_from_user_info(backend: Backend) {
    let (app, provider) = sso_app(backend).await;
    let tom = "tom.becker@lumen.example";
    let res =
        complete_sign_in(&app, &provider, "code-1", "idp-7", tom, Token::EmailInUserInfo).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let cookie = session_cookie(&res).expect("a session");
    assert!(app.get("/", Some(&cookie)).await.body.contains("Welcome, Tom"));
    let before = refusals(&app);
    let res =
        complete_sign_in(&app, &provider, "code-2", "idp-8", tom, Token::UserInfoForSomeoneElse)
            .await;
    assert!(session_cookie(&res).is_none(), "{} {}", res.status, res.body);
    assert!(res.status.is_client_error() || res.status.is_server_error(), "{}", res.status);
    assert_eq!(refusals(&app), before + 1, "the refusal is audited");
}

async fn demo_sign_in_is_off_when_sso_is_configured(backend: Backend) {
    let (app, _provider) = sso_app(backend).await;
    let res = app.post_form("/auth/demo", "email=tom.becker%40lumen.example", None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let page = app.get("/sign-in", None).await;
    assert!(page.body.contains("Sign in with your company account"));
    assert!(!page.body.contains("Try Trellis as someone"));
}

async fn a_callback_from_another_browser_is_refused(backend: Backend) {
    let (app, provider) = sso_app(backend).await;
    let s = start(&app).await;
    provider.issue("code-1", "sub-1", "tom.becker@lumen.example", &s.nonce, Token::Good);
    let res = callback(&app, "code-1", &s.state, "trellis_oidc_state=someone-elses-state").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(session_cookie(&res).is_none());
    let res = callback(&app, "code-1", "forged-state", "trellis_oidc_state=forged-state").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(refusals(&app), 2);
}

async fn a_replayed_callback_is_refused(backend: Backend) {
    let (app, provider) = sso_app(backend).await;
    // Step by step: the replay below presents the very same state again.
    let s = start(&app).await;
    provider.issue("code-1", "sub-1", "tom.becker@lumen.example", &s.nonce, Token::Good);
    let first = callback(&app, "code-1", &s.state, &s.state_cookie).await;
    assert!(session_cookie(&first).is_some());
    let replay = callback(&app, "code-1", &s.state, &s.state_cookie).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert!(session_cookie(&replay).is_none());
    // A fresh sign-in that presents a code the provider already redeemed is refused too.
    let s2 = start(&app).await;
    let reused = callback(&app, "code-1", &s2.state, &s2.state_cookie).await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST);
}

async fn bad_id_tokens_are_refused(backend: Backend) {
    let (app, provider) = sso_app(backend).await;
    for (i, kind) in
        [Token::WrongNonce, Token::Expired, Token::WrongSignature, Token::WrongAudience]
            .into_iter()
            .enumerate()
    {
        let res = complete_sign_in(
            &app,
            &provider,
            &format!("code-{i}"),
            "sub-1",
            "tom.becker@lumen.example",
            kind,
        )
        .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{kind:?}");
        assert!(session_cookie(&res).is_none(), "{kind:?} gives no session");
    }
    assert_eq!(refusals(&app), 4);
    let links = app.test_db.rows("identities");
    assert_eq!(links, 0, "nothing was linked");
}

async fn unknown_and_departed_people_are_not_set_up(backend: Backend) {
    let (app, provider) = sso_app(backend).await;
    let res = complete_sign_in(
        &app,
        &provider,
        "code-1",
        "sub-x",
        "stranger@elsewhere.example",
        Token::Good,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("not set up in Trellis"));
    assert!(session_cookie(&res).is_none());

    let (_, departed) = app.test_db.a_departed_person();
    let res = complete_sign_in(&app, &provider, "code-2", "sub-y", &departed, Token::Good).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(session_cookie(&res).is_none());
    assert_eq!(refusals(&app), 2);
}

/// The provider rotates its signing key while Trellis runs: the next sign-in re-reads the
/// keys and works, without a restart.
async fn a_key_rotation_at_the_provider_needs_no_restart(backend: Backend) {
    let (app, provider) = sso_app(backend).await;
    *provider.key.lock().unwrap() = OTHER_KEY;
    let res = complete_sign_in(
        &app,
        &provider,
        "code-1",
        "sub-1",
        "tom.becker@lumen.example",
        Token::Good,
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(session_cookie(&res).is_some());
}

on_both_backends!(
    a_key_rotation_at_the_provider_needs_no_restart,
    a_person_signs_in_with_company_sso,
    the_email_may_come_from_user_info,
    demo_sign_in_is_off_when_sso_is_configured,
    a_callback_from_another_browser_is_refused,
    a_replayed_callback_is_refused,
    bad_id_tokens_are_refused,
    unknown_and_departed_people_are_not_set_up,
);
