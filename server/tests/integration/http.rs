//! The whole server in-process, on both backends: sign-in, the pages people see, the
//! protections every request passes, and the policy as enforced by server functions.

use crate::common::{Backend, TestApp, TestDb, TestResponse, ELENA, JORDAN, SAM, TOM};
use app::db::schema::people;
use app::org::api::ChangeManager;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use diesel::prelude::*;
use leptos::server_fn::ServerFn;

async fn anonymous_visitors_only_reach_sign_in(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for path in ["/", "/people", "/people/1", "/org"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(res.location(), Some("/sign-in"));
    }
    let sign_in = app.get("/sign-in", None).await;
    assert_eq!(sign_in.status, StatusCode::OK);
    assert!(sign_in.body.contains("Tom Becker") && sign_in.body.contains("Amara Okafor"));
    let res =
        app.post_form(ChangeManager::PATH, "person_id=1&manager_email=x%40y&version=1", None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "server functions need a session too");
    assert_eq!(app.get("/healthz", None).await.status, StatusCode::OK);
    assert_eq!(app.get("/readyz", None).await.status, StatusCode::OK);
}

async fn a_persona_signs_in_and_out(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let cookie = app.sign_in(TOM).await;
    let home = app.get("/", Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Welcome, Tom"), "{}", &home.body[..home.body.len().min(500)]);
    assert!(home.body.contains("Demo mode"));
    assert_eq!(home.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");

    let out = app.post_form("/auth/logout", "", Some(&cookie)).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().contains("Max-Age=0"));
    let after = app.get("/", Some(&cookie)).await;
    assert_eq!(after.location(), Some("/sign-in?error=expired"), "the server-side session is gone");
}

async fn unknown_and_departed_people_cannot_sign_in(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let res = app.post_form("/auth/demo", "email=nobody%40lumen.example", None).await;
    assert_eq!(res.location(), Some("/sign-in?error=unknown"));
    assert!(res.headers.get(header::SET_COOKIE).is_none());
    let (_, departed) = app.test_db.a_departed_person();
    let res = app.post_form("/auth/demo", &format!("email={departed}"), None).await;
    assert_eq!(res.location(), Some("/sign-in?error=unknown"));
}

async fn demo_sign_in_is_off_without_demo_data(backend: Backend) {
    let app = TestApp::new(TestDb::new(backend)).await;
    let res = app.post_form("/auth/demo", &format!("email={TOM}"), None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let page = app.get("/sign-in", None).await;
    assert!(page.body.contains("Sign-in is not configured yet"));
}

async fn pages_render_for_a_signed_in_person(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let cookie = app.sign_in(ELENA).await;
    let tom = app.test_db.person_id(TOM);
    let checks = [
        ("/", "Your team"),
        ("/people?q=tom", "Tom Becker"),
        (&format!("/people/{tom}") as &str, "Reporting line"),
        ("/org", "Amara Okafor"),
    ];
    for (path, text) in checks {
        let res = app.get(path, Some(&cookie)).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(res.body.contains(text), "{path} shows {text}");
    }
    // The main navigation marks the section you are in, and only that one.
    let profile = app.get(&format!("/people/{tom}"), Some(&cookie)).await.body;
    assert!(
        profile.contains(r#"href="/people" aria-current="page""#),
        "People is current on a profile"
    );
    for other in ["/", "/org", "/ladders", "/reviews", "/promotions"] {
        assert!(
            !profile.contains(&format!(r#"href="{other}" aria-current"#)),
            "{other} is not current on a profile"
        );
    }
    let home = app.get("/", Some(&cookie)).await.body;
    assert!(
        home.contains(r#"href="/" aria-current="page""#)
            && !home.contains(r#"href="/people" aria-current"#)
    );
    let missing = app.get("/people/999999", Some(&cookie)).await;
    assert!(missing.body.contains("Page not found"));
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let forbidden = app.get("/admin/audit", Some(&cookie)).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
}

async fn departure_reasons_are_for_hr_and_the_manager_chain(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let (id, reason): (i64, Option<String>) = people::table
        .filter(people::status.eq("departed"))
        .select((people::id, people::departure_reason))
        .first(&mut *app.test_db.conn())
        .unwrap();
    let reason = reason.unwrap();
    let hr = app.sign_in(JORDAN).await;
    let page = app.get(&format!("/people/{id}"), Some(&hr)).await;
    assert!(page.body.contains(&reason), "HR sees why someone left");
    let tom = app.sign_in(TOM).await;
    let page = app.get(&format!("/people/{id}"), Some(&tom)).await;
    assert!(!page.body.contains(&reason), "a colleague does not");
    assert!(page.body.contains("Page not found"), "departed profiles are HR's");

    // Someone whose manager left: colleagues see a placeholder in the reporting line, HR the name.
    let (orphan, manager_name): (i64, String) = {
        let managers = diesel::alias!(people as managers);
        people::table
            .inner_join(managers.on(people::manager_id.eq(managers.field(people::id).nullable())))
            .filter(people::status.eq("active"))
            .filter(managers.field(people::status).eq("departed"))
            .select((people::id, managers.field(people::name)))
            .first(&mut *app.test_db.conn())
            .unwrap()
    };
    let seen_by_colleague = app.get(&format!("/people/{orphan}"), Some(&tom)).await;
    assert!(seen_by_colleague.body.contains("A former colleague"));
    assert!(!seen_by_colleague.body.contains(&manager_name));
    let seen_by_hr = app.get(&format!("/people/{orphan}"), Some(&hr)).await;
    assert!(seen_by_hr.body.contains(&manager_name));
}

/// A server function answers the status its error stands for: a refusal 403, a bad field 400,
/// a stale form 409, a missing record 404, undecodable arguments 400 without the decoder's
/// words; 500 is kept for real faults (monitoring alerts on 5xx).
async fn only_hr_changes_managers_and_refusals_are_audited(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.test_db.person_id(TOM);
    let form = format!("person_id={tom}&manager_email=amara.okafor%40lumen.example&version=1");

    let elena = app.sign_in(ELENA).await;
    let refused = app.post_form(ChangeManager::PATH, &form, Some(&elena)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("Forbidden"), "{}", refused.body);
    let refusals = app.test_db.audit().action("change_manager").refused().count();
    assert_eq!(refusals, 1);

    let hr = app.sign_in(JORDAN).await;
    let bad = app
        .post_form(
            ChangeManager::PATH,
            &format!("person_id={tom}&manager_email=&version=1"),
            Some(&hr),
        )
        .await;
    assert!(bad.body.contains("manager_email"), "a field-level error: {}", bad.body);
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let ok = app.post_form(ChangeManager::PATH, &form, Some(&hr)).await;
    assert!(ok.status.is_success(), "{} {}", ok.status, ok.body);
    let stale = app.post_form(ChangeManager::PATH, &form, Some(&hr)).await;
    assert!(
        stale.body.contains("Conflict"),
        "the same version twice is a conflict: {}",
        stale.body
    );
    assert_eq!(stale.status, StatusCode::CONFLICT);
    let missing = app
        .post_form(ChangeManager::PATH, &form.replace(&format!("={tom}&"), "=999999&"), Some(&hr))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.body);
    let garbled = app
        .post_form(ChangeManager::PATH, "person_id=tom&manager_email=x&version=one", Some(&hr))
        .await;
    assert_eq!(garbled.status, StatusCode::BAD_REQUEST, "{}", garbled.body);
    assert!(
        garbled.body.contains("could not be read") && !garbled.body.contains("invalid digit"),
        "no decoder internals: {}",
        garbled.body
    );
    let allowed = app.test_db.audit().action("change_manager").allowed().count();
    assert_eq!(allowed, 1);
}

/// Without JavaScript a form posts to its server function and is sent back to its page: with
/// the error in the URL when it failed (Leptos' own), marked done when it succeeded (ours), and
/// the page then says which.
async fn a_plain_form_post_returns_to_its_page_saying_how_it_went(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let hr = app.sign_in(JORDAN).await;
    let tom = app.test_db.person_id(TOM);
    let page = format!("/people/{tom}");
    let path_of = |res: &TestResponse| {
        let location = res.location().expect("sent back to the page").to_string();
        assert!(res.status.is_redirection(), "{}", res.status);
        location.trim_start_matches("http://127.0.0.1:3000").to_string()
    };

    let nobody = format!("person_id={tom}&manager_email=nobody%40lumen.example&version=1");
    let failed = path_of(&app.post_plain_form(ChangeManager::PATH, &nobody, &hr, &page).await);
    assert!(failed.starts_with(&page), "{failed}");
    assert!(failed.contains("__err=") && !failed.contains("__done="), "{failed}");
    assert!(failed.contains("__kept="), "{failed}");
    let shown = app.get(&failed, Some(&hr)).await.body;
    assert!(shown.contains("Nobody in Trellis"), "the field error is shown");
    assert!(!shown.contains("Manager changed."));
    // What was typed is back in the field, without JavaScript; once, and only for its author.
    let typed = r#"value="nobody@lumen.example""#;
    assert!(shown.contains(typed), "the typed address is kept: {shown}");
    assert!(!app.get(&failed, Some(&hr)).await.body.contains(typed), "read once");
    let again = path_of(&app.post_plain_form(ChangeManager::PATH, &nobody, &hr, &page).await);
    let tom_cookie = app.sign_in(TOM).await;
    assert!(!app.get(&again, Some(&tom_cookie)).await.body.contains(typed), "not another's");
    assert!(app.get(&again, Some(&hr)).await.body.contains(typed), "nor taken by them");

    let amara = format!("person_id={tom}&manager_email=amara.okafor%40lumen.example&version=1");
    let done = path_of(&app.post_plain_form(ChangeManager::PATH, &amara, &hr, &page).await);
    assert_eq!(done, format!("{page}?__done=%2Fapi%2Forg%2Fchange_manager"));
    let shown = app.get(&done, Some(&hr)).await.body;
    assert!(shown.contains("Manager changed."), "the success is shown");
    assert!(!shown.contains("There is a problem"));
}

/// Audit rows written inside a transaction on the blocking pool (where Leptos' context,
/// which holds the request id, does not reach) carry the id the response was sent with, as
/// do refusals.
async fn audit_rows_carry_the_request_id(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.test_db.person_id(TOM);
    let form = format!("person_id={tom}&manager_email=amara.okafor%40lumen.example&version=1");
    let request_id_of = |action: &str, outcome: &str| -> Vec<Option<String>> {
        let rows = app.test_db.audit().action(action).outcome(outcome).rows();
        rows.into_iter().map(|r| r.request_id).collect()
    };
    let header = |res: &TestResponse| {
        res.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(String::from)
    };

    let elena = app.sign_in(ELENA).await;
    let refused = app.post_form(ChangeManager::PATH, &form, Some(&elena)).await;
    assert!(header(&refused).is_some());
    assert_eq!(request_id_of("change_manager", "refused"), vec![header(&refused)]);

    let hr = app.sign_in(JORDAN).await;
    let changed = app.post_form(ChangeManager::PATH, &form, Some(&hr)).await;
    assert!(changed.status.is_success(), "{}", changed.body);
    assert_eq!(request_id_of("change_manager", "allowed"), vec![header(&changed)]);
}

/// Building a router lists the app's routes, which renders the app with Leptos' resource
/// loading switched off process-wide; a page rendering meanwhile used to wait forever (the
/// hang that once made these tests run one at a time). Routers are built on another thread
/// while pages render; a regression hangs and the time limit fails the test.
async fn building_routers_never_stalls_a_page(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let cookie = app.sign_in(TOM).await;
    let db = app.test_db.db.clone();
    let builder = tokio::task::spawn_blocking(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        for _ in 0..20 {
            let config =
                server::config::ServerConfig::from_args(&crate::common::serve_args()).unwrap();
            let state = runtime.block_on(server::router::state(db.clone(), config)).unwrap();
            drop(server::router::app(state));
        }
    });
    for _ in 0..20 {
        let page = app.get("/", Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK);
    }
    builder.await.unwrap();
}

async fn cross_site_writes_are_refused(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let res = app
        .send(
            Request::post("/auth/demo")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, "https://evil.example")
                .body(Body::from(format!("email={TOM}")))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app
        .send(
            Request::post("/auth/logout")
                .header("sec-fetch-site", "cross-site")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

async fn oversized_bodies_are_refused(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let cookie = app.sign_in(JORDAN).await;
    let huge = format!("person_id=1&version=1&manager_email={}", "a".repeat(2 * 1024 * 1024));
    let res = app.post_form(ChangeManager::PATH, &huge, Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
}

async fn pages_carry_a_script_nonce_policy(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let page = app.get("/sign-in", None).await;
    let csp = page
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .expect("a policy")
        .to_str()
        .unwrap()
        .to_string();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce in the policy");
    assert!(nonce.len() >= 16);
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the nonce"
    );
    let again = app.get("/sign-in", None).await;
    assert_ne!(
        again.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap(),
        csp,
        "a fresh nonce per response"
    );
    let other = app.get("/healthz", None).await;
    assert!(other
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
    assert_eq!(other.headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
    assert_eq!(other.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert!(other.headers.get("x-request-id").is_some());
}

/// A demo sign-in as a browser at `client` sends it, through `peer` (the connection's
/// address) with `X-Forwarded-For: forwarded` when given.
async fn demo_sign_in_from(
    app: &TestApp,
    email: &str,
    peer: &str,
    forwarded: Option<&str>,
) -> StatusCode {
    let form = format!("email={}", email.replace('@', "%40"));
    let mut req = Request::post("/auth/demo")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000");
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    let mut req = req.body(Body::from(form)).unwrap();
    let peer: std::net::SocketAddr = format!("{peer}:50000").parse().unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    app.send(req).await.status
}

fn args_with(limit: u32, failures: u32, proxies: &[&str]) -> server::cli::ServeArgs {
    server::cli::ServeArgs {
        sign_in_limit: limit,
        sign_in_failures: failures,
        trusted_proxies: proxies.iter().map(|p| p.to_string()).collect(),
        ..crate::common::serve_args()
    }
}

/// An office behind one address is not locked out by one person's mistakes: refusals lock
/// the account that was refused (however it is typed), not the others at that address.
async fn failed_sign_ins_lock_the_account_not_the_office(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let office = "192.0.2.10";
    for i in 0..10 {
        let status = demo_sign_in_from(&app, "nobody@lumen.example", office, None).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "refusal {i} is an answer, not a block");
    }
    let locked = demo_sign_in_from(&app, "nobody@lumen.example", office, None).await;
    assert_eq!(locked, StatusCode::TOO_MANY_REQUESTS, "the eleventh refusal in 15 minutes");
    let retyped = demo_sign_in_from(&app, " NOBODY@lumen.example", office, None).await;
    assert_eq!(retyped, StatusCode::TOO_MANY_REQUESTS, "the same account however typed");
    for someone in [TOM, ELENA, JORDAN] {
        let status = demo_sign_in_from(&app, someone, office, None).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{someone} still signs in from the office");
    }
}

/// An address that keeps failing, over many accounts (enumeration), is stopped: ten times
/// the per-account allowance, then nobody signs in from it for a while.
async fn an_address_that_keeps_failing_is_stopped(backend: Backend) {
    let app = TestApp::with_args(TestDb::with_demo(backend), args_with(600, 2, &[])).await;
    let guesser = "198.51.100.7";
    for i in 0..20 {
        let email = format!("guess{i}@lumen.example");
        assert_eq!(demo_sign_in_from(&app, &email, guesser, None).await, StatusCode::SEE_OTHER);
    }
    let stopped = demo_sign_in_from(&app, TOM, guesser, None).await;
    assert_eq!(stopped, StatusCode::TOO_MANY_REQUESTS, "the twenty-first request from it");
    let elsewhere = demo_sign_in_from(&app, TOM, "198.51.100.8", None).await;
    assert_eq!(elsewhere, StatusCode::SEE_OTHER, "another address is not held");
    let audited = app.test_db.audit().action("sign_in_demo").refused().count();
    assert_eq!(audited, 20, "each refusal audited; the blocked request writes nothing");
}

/// The plain request ceiling per address is a setting (the browser tests raise it).
async fn the_request_ceiling_per_address_is_a_setting(backend: Backend) {
    let app = TestApp::with_args(TestDb::with_demo(backend), args_with(5, 10, &[])).await;
    for _ in 0..5 {
        assert_eq!(demo_sign_in_from(&app, TOM, "192.0.2.20", None).await, StatusCode::SEE_OTHER);
    }
    let sixth = demo_sign_in_from(&app, TOM, "192.0.2.20", None).await;
    assert_eq!(sixth, StatusCode::TOO_MANY_REQUESTS);
}

/// `X-Forwarded-For` names the client only when a trusted proxy sends it: behind the
/// proxy each client has its own budget; from anywhere else the header changes nothing.
async fn forwarded_addresses_count_only_from_trusted_proxies(backend: Backend) {
    let args = args_with(600, 1, &["10.0.0.0/8"]);
    let app = TestApp::with_args(TestDb::with_demo(backend), args).await;
    let proxy = "10.1.2.3";
    for i in 0..10 {
        let email = format!("guess{i}@lumen.example");
        let status = demo_sign_in_from(&app, &email, proxy, Some("203.0.113.5")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let held = demo_sign_in_from(&app, TOM, proxy, Some("203.0.113.5")).await;
    assert_eq!(held, StatusCode::TOO_MANY_REQUESTS, "the client behind the proxy is held");
    let neighbour = demo_sign_in_from(&app, TOM, proxy, Some("203.0.113.6")).await;
    assert_eq!(neighbour, StatusCode::SEE_OTHER, "not the proxy, nor its other clients");
    let spoofed = demo_sign_in_from(&app, TOM, proxy, Some("203.0.113.5, 10.9.9.9")).await;
    assert_eq!(spoofed, StatusCode::TOO_MANY_REQUESTS, "trusted hops are skipped");
    // An untrusted peer writing the header: its own address is what counts.
    for i in 0..10 {
        let email = format!("other{i}@lumen.example");
        let fresh = format!("203.0.113.{}", 100 + i);
        let status = demo_sign_in_from(&app, &email, "192.0.2.99", Some(&fresh)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let header_ignored = demo_sign_in_from(&app, TOM, "192.0.2.99", Some("203.0.113.200")).await;
    assert_eq!(header_ignored, StatusCode::TOO_MANY_REQUESTS, "a new header is no new budget");
}

async fn recording_a_departure_signs_the_person_out_everywhere(backend: Backend) {
    use app::org::api::RecordDeparture;
    let app = TestApp::demo(backend).await;
    let tom = app.test_db.person_id(TOM);
    let tom_session = app.sign_in(TOM).await;
    let hr = app.sign_in(JORDAN).await;

    let bad = app
        .post_form(
            RecordDeparture::PATH,
            &format!("person_id={tom}&departed_on=soon&reason=&version=1"),
            Some(&hr),
        )
        .await;
    assert!(
        bad.body.contains("departed_on") && bad.body.contains("reason"),
        "both fields are explained: {}",
        bad.body
    );
    assert_eq!(
        app.get("/", Some(&tom_session)).await.status,
        StatusCode::OK,
        "a refused form changes nothing"
    );

    let early = app
        .post_form(
            RecordDeparture::PATH,
            &format!("person_id={tom}&departed_on=1999-01-01&reason=Resigned&version=1"),
            Some(&hr),
        )
        .await;
    assert!(early.body.contains("cannot be before they joined"), "{}", early.body);

    let today = chrono::Utc::now().date_naive();
    let ok = app
        .post_form(
            RecordDeparture::PATH,
            &format!("person_id={tom}&departed_on={today}&reason=Resigned%3A+relocating&version=1"),
            Some(&hr),
        )
        .await;
    assert!(ok.status.is_success(), "{} {}", ok.status, ok.body);
    assert_eq!(app.get("/", Some(&tom_session)).await.location(), Some("/sign-in?error=expired"));
    let again = app.post_form("/auth/demo", &format!("email={TOM}"), None).await;
    assert_eq!(again.location(), Some("/sign-in?error=unknown"), "and cannot sign in again");

    let elena = app.sign_in(ELENA).await;
    let refused = app
        .post_form(
            RecordDeparture::PATH,
            &format!("person_id={tom}&departed_on={today}&reason=x&version=2"),
            Some(&elena),
        )
        .await;
    assert!(refused.body.contains("Forbidden"));
}

async fn hr_reads_the_audit_log_and_ends_sessions(backend: Backend) {
    use app::admin::api::EndSessions;
    let app = TestApp::demo(backend).await;
    let tom = app.test_db.person_id(TOM);
    let tom_session = app.sign_in(TOM).await;
    let hr = app.sign_in(JORDAN).await;

    let audit = app.get("/admin/audit", Some(&hr)).await;
    assert!(audit.body.contains("sign in demo"), "sign-ins are listed");
    let refused_only = app.get("/admin/audit?outcome=refused", Some(&hr)).await;
    assert!(refused_only.status.is_success());
    let sessions = app.get("/admin/sessions", Some(&hr)).await;
    assert!(sessions.body.contains("Tom Becker"));

    // Not for others: the page says so and the refusal is audited.
    let page = app.get("/admin/audit", Some(&tom_session)).await;
    assert!(page.body.contains("You do not have access to this page"));
    let refused = app.test_db.audit().action("read_audit_log").refused().count();
    assert!(refused >= 1);

    // Without JavaScript the browser goes back to the sessions page, which says how many
    // ended; a second browser of Tom's makes the count plural.
    let _second = app.sign_in(TOM).await;
    let ended = app
        .post_plain_form(EndSessions::PATH, &format!("person_id={tom}"), &hr, "/admin/sessions")
        .await;
    let back = ended.location().expect("back to the sessions page").to_string();
    assert_eq!(back.split('?').next(), Some("/admin/sessions"), "{back}");
    let page = app.get(&back, Some(&hr)).await;
    assert!(page.body.contains("Ended 2 sessions."), "{}", page.body);
    let tom_row = format!("name=\"person_id\" value=\"{tom}\"");
    assert!(sessions.body.contains(&tom_row), "Tom was listed");
    assert!(!page.body.contains(&tom_row), "Tom is no longer listed");
    assert_eq!(app.get("/", Some(&tom_session)).await.location(), Some("/sign-in?error=expired"));
}

async fn a_new_sign_in_ends_the_browsers_previous_session(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.sign_in(TOM).await;
    // Someone else signs in on the same browser: Tom's session must not live on.
    let res = app.post_form("/auth/demo", &format!("email={ELENA}"), Some(&tom)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/", Some(&tom)).await.location(), Some("/sign-in?error=expired"));
}

/// The directory's search text is bounded: a longer one is a bad request that reads nothing.
/// Nobody decides their own outcomes unseen: an HR admin who makes themselves someone's
/// manager (and so writes their rating) is told to every other HR admin; other moves are not.
async fn hr_taking_someone_on_themselves_is_seen_by_the_other_hr_admins(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.test_db.person_id(TOM);
    let hr = app.sign_in(JORDAN).await;
    let move_to = |email: &str, version: i32| {
        format!("person_id={tom}&manager_email={}&version={version}", email.replace('@', "%40"))
    };
    let flagged = |app: &TestApp| app.test_db.mail_like("self-managed:%", "%Tom Becker%");
    let version = app.test_db.person_version(tom);
    let res = app
        .post_form(ChangeManager::PATH, &move_to("amara.okafor@lumen.example", version), Some(&hr))
        .await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(flagged(&app), 0, "an ordinary move tells nobody");
    let other_hr: i64 = people::table
        .filter(people::is_hr_admin.eq(true))
        .filter(people::status.ne("departed"))
        .filter(people::email.ne(JORDAN))
        .count()
        .get_result(&mut *app.test_db.conn())
        .unwrap();
    assert!(other_hr >= 1, "the demo has more than one HR admin");
    let version = app.test_db.person_version(tom);
    let res = app.post_form(ChangeManager::PATH, &move_to(JORDAN, version), Some(&hr)).await;
    assert!(res.status.is_success(), "{}", res.body);
    assert_eq!(flagged(&app), other_hr, "each other HR admin is told");
    use app::db::schema::audit_log;
    let details: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("change_manager"))
        .select(audit_log::detail)
        .load(&mut *app.test_db.conn())
        .unwrap();
    assert_eq!(
        details.iter().filter(|d| d.contains("made themselves the manager")).count(),
        1,
        "{details:?}"
    );
}

/// A real fault (here a table gone missing under a page's query, inside a database call)
/// answers 500 with a reference people can quote: the request's own id, which the response
/// carries in `x-request-id` and the error's log line carries too (never "none").
async fn a_fault_shows_the_reference_of_its_request(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.sign_in(TOM).await;
    diesel::sql_query("ALTER TABLE ladders RENAME TO ladders_gone")
        .execute(&mut *app.test_db.conn())
        .unwrap();
    let res = app.get("/ladders", Some(&tom)).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", res.body);
    let id = res.headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap().to_string();
    assert!(res.body.contains(&format!("quote reference {id}")), "{id}: {}", res.body);
    assert!(!res.body.contains("ladders_gone") && !res.body.contains("no such table"));
}

/// What a request carries never grows the audit log without bound: an anonymous sign-in
/// attempt with a megabyte-long address is audited with its first few hundred characters.
async fn an_audit_row_keeps_a_bounded_detail(backend: Backend) {
    use app::db::schema::audit_log;
    let app = TestApp::demo(backend).await;
    let long = format!("{}@lumen.example", "x".repeat(200_000));
    let body = format!("email={long}");
    let _ = app.post_form("/auth/demo", &body, None).await;
    let longest: Option<String> = audit_log::table
        .order(audit_log::id.desc())
        .select(audit_log::detail)
        .first(&mut *app.test_db.conn())
        .optional()
        .unwrap();
    let detail = longest.unwrap_or_default();
    assert!(detail.chars().count() <= app::audit::DETAIL_MAX + 1, "{} characters", detail.len());
}

/// `/auth/../people` must not pass the sign-in check as a public `/auth/` path.
async fn dot_segments_never_pass_for_public_paths(backend: Backend) {
    let app = TestApp::demo(backend).await;
    for path in ["/auth/../people", "/auth/%2e%2e/people", "/pkg/../reviews"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{path}: {}", res.body);
        assert!(!res.body.contains("Tom Becker"), "{path}");
    }
}

async fn an_overlong_directory_search_is_refused(backend: Backend) {
    let app = TestApp::demo(backend).await;
    let tom = app.sign_in(TOM).await;
    let longest = "a".repeat(app::org::types::DIRECTORY_TEXT_MAX);
    assert_eq!(app.get(&format!("/people?q={longest}"), Some(&tom)).await.status, StatusCode::OK);
    let res = app.get(&format!("/people?q={longest}a"), Some(&tom)).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("at most 100 characters"), "{}", res.body);
}

/// The person picker finds active people by name, never someone who has left, at most
/// `PICKER_RESULTS` at once; its no-JavaScript page links back to this site only.
async fn the_person_picker_finds_active_people_by_name(backend: Backend) {
    use app::org::api::FindPeople;
    use app::org::types::{PersonChoice, PICKER_RESULTS};
    let app = TestApp::demo(backend).await;
    let tom = app.sign_in(TOM).await;
    let find = |q: &str| {
        let form = format!("q={}", app::ui::format::url_encode(q));
        let (app, tom) = (&app, tom.clone());
        async move {
            let res = app.post_form(FindPeople::PATH, &form, Some(&tom)).await;
            (res.status, res.body)
        }
    };
    let found = |body: &str| serde_json::from_str::<Vec<PersonChoice>>(body).unwrap();
    let (status, body) = find("Sam Whit").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let sam = found(&body);
    assert_eq!(sam.len(), 1, "{sam:?}");
    assert_eq!((sam[0].name.as_str(), sam[0].email.as_str()), ("Sam Whitfield", SAM));
    assert!(!sam[0].title.is_empty() && !sam[0].team.is_empty());
    // A word in many titles fills the list and no more.
    assert_eq!(found(&find("Engineer").await.1).len(), PICKER_RESULTS);
    // One letter finds nobody (it would list the company).
    assert!(found(&find("a").await.1).is_empty());
    // Someone who has left is never offered, even by their exact address.
    let (_, departed) = app.test_db.a_departed_person();
    assert!(found(&find(&departed).await.1).is_empty(), "{departed}");
    // An overlong search is refused with the field's message.
    let (status, body) = find(&"a".repeat(app::org::types::DIRECTORY_TEXT_MAX + 1)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // Only a signed-in person searches.
    let anonymous = app.post_form(FindPeople::PATH, "q=Sam", None).await;
    assert_ne!(anonymous.status, StatusCode::OK);

    // Without JavaScript: the choose page, whose links go back to the form with the email.
    let page = app
        .get("/people/choose?field=panel&back=%2Fpromotions%2Fpackets%2F4&value=a%40x.example&multiple=1&q=Sam+Whit", Some(&tom))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(
            "href=\"/promotions/packets/4?panel=a%40x.example%2C+sam.whitfield%40lumen.example\""
        ),
        "{}",
        page.body
    );
    let elsewhere = app
        .get("/people/choose?field=panel&back=https%3A%2F%2Fevil.example&q=Sam+Whit", Some(&tom))
        .await;
    assert!(elsewhere.body.contains("href=\"/?panel=sam.whitfield%40lumen.example\""));
    assert!(!elsewhere.body.contains("evil.example/?"));
}

on_both_backends!(
    the_person_picker_finds_active_people_by_name,
    an_audit_row_keeps_a_bounded_detail,
    hr_taking_someone_on_themselves_is_seen_by_the_other_hr_admins,
    a_fault_shows_the_reference_of_its_request,
    dot_segments_never_pass_for_public_paths,
    an_overlong_directory_search_is_refused,
    a_new_sign_in_ends_the_browsers_previous_session,
    pages_carry_a_script_nonce_policy,
    failed_sign_ins_lock_the_account_not_the_office,
    an_address_that_keeps_failing_is_stopped,
    the_request_ceiling_per_address_is_a_setting,
    forwarded_addresses_count_only_from_trusted_proxies,
    recording_a_departure_signs_the_person_out_everywhere,
    hr_reads_the_audit_log_and_ends_sessions,
    anonymous_visitors_only_reach_sign_in,
    a_persona_signs_in_and_out,
    unknown_and_departed_people_cannot_sign_in,
    demo_sign_in_is_off_without_demo_data,
    pages_render_for_a_signed_in_person,
    departure_reasons_are_for_hr_and_the_manager_chain,
    only_hr_changes_managers_and_refusals_are_audited,
    audit_rows_carry_the_request_id,
    a_plain_form_post_returns_to_its_page_saying_how_it_went,
    building_routers_never_stalls_a_page,
    cross_site_writes_are_refused,
    oversized_bodies_are_refused,
);
