//! Test support: a real database per test (a temporary SQLite file, or a new PostgreSQL
//! database that is dropped afterwards), and a `TestApp` that drives the real router.
#![allow(dead_code)]

use app::db::{DatabaseUrl, Db, DbConn};
use app::demo::{self, DemoOptions};
use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use chrono::NaiveDate;
use http_body_util::BodyExt;
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

mod probe;
pub use probe::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs one async test body against both backends, as two named tests.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    $crate::common::within_time_limit(super::$name($crate::common::Backend::Sqlite)).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    $crate::common::within_time_limit(super::$name($crate::common::Backend::Postgres)).await
                }
            }
        )*
    };
}

/// A test that has not finished in two minutes is stuck, not slow (each takes about a second):
/// fail it with its name rather than stall the whole run. This is a hang detector, not a
/// performance assertion.
pub async fn within_time_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(std::time::Duration::from_secs(120), test).await.is_err() {
        panic!("the test did not finish within two minutes: it is stuck");
    }
}

/// The PostgreSQL server tests create their databases on. A missing server fails the
/// tests: it never skips them.
pub fn postgres_admin_url() -> String {
    std::env::var("TRELLIS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The demo personas' emails (see the README).
pub const TOM: &str = "tom.becker@lumen.example";
pub const ELENA: &str = "elena.marsh@lumen.example";
pub const SAM: &str = "sam.whitfield@lumen.example";
pub const JORDAN: &str = "jordan.ellis@lumen.example";

/// A URL-encoded form body, as a browser would post it.
pub fn form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

pub const TODAY: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();

pub struct TestDb {
    pub db: Db,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(tempfile::TempDir),
    Postgres { admin: String, name: String },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin, name } = &self.cleanup {
            use diesel::connection::SimpleConnection;
            use diesel::Connection;
            if let Ok(mut conn) = diesel::PgConnection::establish(admin) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    /// The database's address, as `trellis --database-url` takes it.
    pub fn url(&self) -> String {
        match &self.cleanup {
            Cleanup::Sqlite(dir) => dir.path().join("trellis.db").display().to_string(),
            Cleanup::Postgres { admin, name } => {
                let mut url = url::Url::parse(admin).expect("admin url");
                url.set_path(name);
                url.to_string()
            }
        }
    }

    /// An empty, migrated database.
    pub fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = DatabaseUrl::Sqlite(dir.path().join("trellis.db"));
                let db = Db::connect(url, 4).expect("open SQLite");
                db.migrate_blocking().expect("migrate SQLite");
                Self { db, cleanup: Cleanup::Sqlite(dir) }
            }
            Backend::Postgres => {
                use diesel::connection::SimpleConnection;
                use diesel::Connection;
                let admin = postgres_admin_url();
                let name = format!(
                    "trellis_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst),
                    &app::auth::sessions::new_token()[..8]
                );
                let mut conn = diesel::PgConnection::establish(&admin).unwrap_or_else(|e| {
                    panic!("PostgreSQL is required for these tests ({admin}): {e}")
                });
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let mut url = url::Url::parse(&admin).expect("admin url");
                url.set_path(&name);
                let db = Db::connect(DatabaseUrl::Postgres(url.to_string()), 4)
                    .expect("open PostgreSQL");
                db.migrate_blocking().expect("migrate PostgreSQL");
                Self { db, cleanup: Cleanup::Postgres { admin, name } }
            }
        }
    }

    /// A database holding the demo company (120 people, seed 42, as of 25 November 2026).
    pub fn with_demo(backend: Backend) -> Self {
        Self::with_demo_of(backend, 120, TODAY())
    }

    /// A database holding a demo company of `employees` people as of `today`.
    pub fn with_demo_of(backend: Backend, employees: usize, today: NaiveDate) -> Self {
        let test = Self::new(backend);
        let mut conn = test.db.get_blocking().unwrap();
        demo::seed(&mut conn, DemoOptions { employees, seed: 42, today }).expect("seed");
        drop(conn);
        test
    }

    pub fn conn(&self) -> impl std::ops::DerefMut<Target = DbConn> + '_ {
        self.db.get_blocking().expect("connection")
    }

    pub fn person_id(&self, email: &str) -> app::kernel::PersonId {
        use app::db::schema::people;
        use diesel::prelude::*;
        people::table
            .filter(people::email.eq(email))
            .select(people::id)
            .first(&mut *self.conn())
            .expect(email)
    }
}

/// The real router over a test database, driven in-process.
pub struct TestApp {
    pub test_db: TestDb,
    router: axum::Router,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    /// The body as a reader gets it: for HTML, without Leptos' hydration markers (HTML
    /// comments), whose number depends on how the server was compiled (`erase_components`).
    pub body: String,
}

/// `html` without its comments: `<!--…-->` and the empty `<!>` markers.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = [rest.find("<!--"), rest.find("<!>")].into_iter().flatten().min();
        let Some(start) = next else { break };
        out.push_str(&rest[..start]);
        rest = if rest[start..].starts_with("<!>") {
            &rest[start + 3..]
        } else {
            match rest[start..].find("-->") {
                Some(end) => &rest[start + end + 3..],
                None => "",
            }
        };
    }
    out.push_str(rest);
    out
}

impl TestResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok())
    }
}

pub fn serve_args() -> server::cli::ServeArgs {
    server::cli::ServeArgs {
        demo: false,
        addr: "127.0.0.1:3000".parse().unwrap(),
        public_url: None,
        session_idle_minutes: 30,
        session_lifetime_hours: 12,
        oidc_issuer: None,
        oidc_client_id: None,
        oidc_client_secret: None,
        smtp_url: None,
        mail_from: "Trellis <trellis@localhost>".into(),
        sign_in_limit: 600,
        sign_in_failures: 10,
        trusted_proxies: Vec::new(),
    }
}

impl TestApp {
    pub async fn new(test_db: TestDb) -> Self {
        Self::with_args(test_db, serve_args()).await
    }

    pub async fn with_args(test_db: TestDb, args: server::cli::ServeArgs) -> Self {
        let config = server::config::ServerConfig::from_args(&args).unwrap();
        let state = server::router::state(test_db.db.clone(), config).await.expect("state");
        Self { router: server::router::app(state), test_db }
    }

    pub async fn demo(backend: Backend) -> Self {
        Self::new(TestDb::with_demo(backend)).await
    }

    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        let res: Response<Body> = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        let body = String::from_utf8_lossy(&bytes);
        let html = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"));
        let body = if html { without_comments(&body) } else { body.into_owned() };
        TestResponse { status, headers, body }
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let mut req = Request::get(path);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn post_form(&self, path: &str, form: &str, cookie: Option<&str>) -> TestResponse {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::CONTENT_LENGTH, form.len());
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_string())).unwrap()).await
    }

    /// A form posted by a browser without JavaScript from `page` (it asks for HTML and names
    /// the page it came from, which the server sends it back to).
    pub async fn post_plain_form(
        &self,
        path: &str,
        form: &str,
        cookie: &str,
        page: &str,
    ) -> TestResponse {
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::REFERER, format!("http://127.0.0.1:3000{page}"))
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_LENGTH, form.len());
        self.send(req.body(Body::from(form.to_string())).unwrap()).await
    }

    /// Whether the person's My work has a to-do linking to `href` whose text holds `text`.
    pub async fn has_todo(&self, cookie: &str, href: &str, text: &str) -> bool {
        self.todo_line(cookie, href, text).await.is_some()
    }

    /// Whether My work lists the to-do with a due date ("due Friday, 3 days left").
    pub async fn has_todo_due(&self, cookie: &str, href: &str, text: &str) -> bool {
        self.todo_line(cookie, href, text)
            .await
            .is_some_and(|line| line.contains("class=\"deadline"))
    }

    /// The line of My work's "Needs you now" list that links to `href` with `text`.
    async fn todo_line(&self, cookie: &str, href: &str, text: &str) -> Option<String> {
        let body = self.get("/", Some(cookie)).await.body;
        let list =
            section(&body, "class=\"card plain-list stack stack--tight todo-list\"", "</ul>");
        line_linking(list, href, text)
    }

    /// Whether My work's "Updates for you" lists an outcome linking to `href` with `text`.
    pub async fn has_update(&self, cookie: &str, href: &str, text: &str) -> bool {
        let body = self.get("/", Some(cookie)).await.body;
        line_linking(section(&body, "id=\"updates-heading\"", "</section>"), href, text).is_some()
    }

    /// Signs in through the demo route; returns the `Cookie` header value.
    pub async fn sign_in(&self, email: &str) -> String {
        let res = self.post_form("/auth/demo", &format!("email={email}"), None).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "sign-in of {email}");
        let set_cookie =
            res.headers.get(header::SET_COOKIE).expect("session cookie").to_str().unwrap();
        set_cookie.split(';').next().unwrap().to_string()
    }
}

/// The part of `body` from `start` to the first `end` after it ("" when absent).
fn section<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let Some(from) = body.find(start) else { return "" };
    let rest = &body[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The `<li>` of `list` that links to `href` with `text` in its link.
fn line_linking(list: &str, href: &str, text: &str) -> Option<String> {
    let link = format!("href=\"{href}\"");
    list.split("<li").find(|line| line.contains(&link) && line.contains(text)).map(str::to_string)
}
