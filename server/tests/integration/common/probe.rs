//! What the database holds, read the way tests assert it: one named question per helper, so
//! a test body reads as its scenario rather than as SQL, and a schema change is fixed here
//! once instead of in every test that looked at the table.
use super::{TestDb, TestResponse};
use app::db::schema::{audit_log, calibration_sessions, outbox, people, review_cycles, reviews};
use diesel::prelude::*;

/// A record id as the database stores it: tests hold both raw ids read back from tables and
/// typed ones returned by the app.
pub trait RawId: Copy {
    fn raw(self) -> i64;
}
impl RawId for i64 {
    fn raw(self) -> i64 {
        self
    }
}
impl RawId for app::kernel::PersonId {
    fn raw(self) -> i64 {
        self.0
    }
}

/// A request the test expected to succeed (a page, or a form answered with a redirect).
pub fn ok(res: &TestResponse, what: &str) {
    assert!(
        res.status.is_success() || res.status.is_redirection(),
        "{what}: {} {}",
        res.status,
        res.body
    );
}

/// One row of the audit log, as the questions below filter it.
#[derive(Queryable, Debug, Clone)]
pub struct AuditRow {
    pub actor_id: Option<i64>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<i64>,
    pub outcome: String,
    pub request_id: Option<String>,
}

/// The audit rows matching every filter given: `db.audit().action("read").actor(sam).count()`.
/// A test database's log is small, so the filtering happens here rather than in SQL.
pub struct AuditQuery<'a> {
    db: &'a TestDb,
    filters: Vec<Box<dyn Fn(&AuditRow) -> bool + 'a>>,
}

impl<'a> AuditQuery<'a> {
    fn with(mut self, keep: impl Fn(&AuditRow) -> bool + 'a) -> Self {
        self.filters.push(Box::new(keep));
        self
    }
    pub fn action(self, action: &'a str) -> Self {
        self.with(move |r| r.action == action)
    }
    pub fn outcome(self, outcome: &'a str) -> Self {
        self.with(move |r| r.outcome == outcome)
    }
    pub fn refused(self) -> Self {
        self.outcome("refused")
    }
    pub fn allowed(self) -> Self {
        self.outcome("allowed")
    }
    pub fn actor(self, id: impl RawId) -> Self {
        let id = id.raw();
        self.with(move |r| r.actor_id == Some(id))
    }
    pub fn target_type(self, kind: &'a str) -> Self {
        self.with(move |r| r.target_type == kind)
    }
    pub fn target_id(self, id: impl RawId) -> Self {
        let id = id.raw();
        self.with(move |r| r.target_id == Some(id))
    }
    pub fn rows(&self) -> Vec<AuditRow> {
        let all: Vec<AuditRow> = audit_log::table
            .order(audit_log::id.asc())
            .select((
                audit_log::actor_id,
                audit_log::action,
                audit_log::target_type,
                audit_log::target_id,
                audit_log::outcome,
                audit_log::request_id,
            ))
            .load(&mut *self.db.conn())
            .expect("audit log");
        all.into_iter().filter(|r| self.filters.iter().all(|keep| keep(r))).collect()
    }
    pub fn count(&self) -> usize {
        self.rows().len()
    }
}

/// A row count of one table, by name (the names are the tests' own constants).
#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

impl TestDb {
    pub fn audit(&self) -> AuditQuery<'_> {
        AuditQuery { db: self, filters: Vec::new() }
    }

    /// How many rows `table` holds.
    pub fn rows(&self, table: &str) -> i64 {
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<Count>(&mut *self.conn())
            .expect(table)
            .n
    }

    pub fn email_of(&self, person: impl RawId) -> String {
        people::table.find(person.raw()).select(people::email).first(&mut *self.conn()).unwrap()
    }

    pub fn level_of(&self, person: impl RawId) -> i32 {
        people::table.find(person.raw()).select(people::level).first(&mut *self.conn()).unwrap()
    }

    /// The first departed person of the demo company: (id, email).
    pub fn a_departed_person(&self) -> (i64, String) {
        people::table
            .filter(people::status.eq("departed"))
            .order(people::id.asc())
            .select((people::id, people::email))
            .first(&mut *self.conn())
            .unwrap()
    }

    /// The first review cycle with this status (`open`, `closed`).
    pub fn cycle_with_status(&self, status: &str) -> i64 {
        review_cycles::table
            .filter(review_cycles::status.eq(status))
            .order(review_cycles::id.asc())
            .select(review_cycles::id)
            .first(&mut *self.conn())
            .expect(status)
    }

    /// The cycle launched last.
    pub fn newest_cycle(&self) -> i64 {
        review_cycles::table
            .order(review_cycles::id.desc())
            .select(review_cycles::id)
            .first(&mut *self.conn())
            .unwrap()
    }

    /// A person's review in a cycle.
    pub fn review_of(&self, cycle: i64, person: impl RawId) -> i64 {
        reviews::table
            .filter(reviews::cycle_id.eq(cycle))
            .filter(reviews::person_id.eq(person.raw()))
            .select(reviews::id)
            .first(&mut *self.conn())
            .unwrap()
    }

    /// The first calibration session with this status (`open`, `finalised`).
    pub fn session_with_status(&self, status: &str) -> i64 {
        calibration_sessions::table
            .filter(calibration_sessions::status.eq(status))
            .order(calibration_sessions::id.asc())
            .select(calibration_sessions::id)
            .first(&mut *self.conn())
            .expect(status)
    }

    /// The session created last.
    pub fn newest_session(&self) -> i64 {
        calibration_sessions::table
            .order(calibration_sessions::id.desc())
            .select(calibration_sessions::id)
            .first(&mut *self.conn())
            .unwrap()
    }

    /// A session's (status, version) as stored.
    pub fn session_state(&self, session: i64) -> (String, i32) {
        calibration_sessions::table
            .find(session)
            .select((calibration_sessions::status, calibration_sessions::version))
            .first(&mut *self.conn())
            .unwrap()
    }

    /// Messages queued and not yet sent.
    pub fn unsent_mail(&self) -> i64 {
        outbox::table
            .filter(outbox::sent_at.is_null())
            .count()
            .get_result(&mut *self.conn())
            .unwrap()
    }

    /// Messages whose dedupe key and body match these SQL `LIKE` patterns.
    pub fn mail_like(&self, key: &str, body: &str) -> i64 {
        outbox::table
            .filter(outbox::dedupe_key.like(key))
            .filter(outbox::body.like(body))
            .count()
            .get_result(&mut *self.conn())
            .unwrap()
    }
}
