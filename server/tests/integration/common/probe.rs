//! What the database holds, read the way tests assert it: one named question per helper, so
//! a test body reads as its scenario rather than as SQL, and a schema change is fixed here
//! once instead of in every test that looked at the table.
use super::{TestDb, TestResponse};
use app::db::schema::{
    audit_log, calibration_entries, calibration_sessions, completion_tallies, manager_assessments,
    outbox, peer_feedback, people, review_cycles, reviews, self_assessments,
};
use app::reviews::types::{CompletionCounts, Progress};
use chrono::{NaiveDate, NaiveDateTime};
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

    /// The first finalised session of last half's Engineering boards (the demo's history, with a
    /// fairness report to read).
    pub fn finalised_engineering_session(&self) -> i64 {
        calibration_sessions::table
            .filter(calibration_sessions::status.eq("finalised"))
            .filter(calibration_sessions::name.like("Engineering%"))
            .order(calibration_sessions::id.asc())
            .select(calibration_sessions::id)
            .first(&mut *self.conn())
            .expect("a finalised Engineering session")
    }

    /// The managers of the people on a session's board, each once.
    pub fn managers_on_board(&self, session: i64) -> Vec<i64> {
        calibration_entries::table
            .inner_join(people::table.on(people::id.eq(calibration_entries::person_id)))
            .filter(calibration_entries::session_id.eq(session))
            .select(people::manager_id.assume_not_null())
            .distinct()
            .load(&mut *self.conn())
            .unwrap()
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

    /// Returns once another connection to this (PostgreSQL) database waits for a lock: the
    /// step of a race test that must happen while the other side holds it. Polls, since the
    /// wait is another thread's; two minutes without one is a failure, not slowness.
    pub fn wait_until_a_query_waits_for_a_lock(&self) {
        use diesel::sql_types::BigInt;
        #[derive(QueryableByName)]
        struct Waiting {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        for _ in 0..12_000 {
            let waiting = diesel::sql_query(
                "SELECT count(*) AS n FROM pg_stat_activity \
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .get_result::<Waiting>(&mut *self.conn())
            .unwrap();
            if waiting.n > 0 {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("no query waited for a lock in two minutes");
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

    /// Everyone below a person now, at any depth (the org's own definition).
    pub fn subtree(&self, person: app::kernel::PersonId) -> Vec<i64> {
        app::org::queries::subtree_ids(&mut self.conn(), person)
            .unwrap()
            .into_iter()
            .map(|p| p.0)
            .collect()
    }

    /// A person's version (what a form about them sends back).
    /// Whether every review's stored "waiting for HR's final rating" mark equals the rule
    /// applied by hand (manager assessment submitted, no final rating, not delivered, on no
    /// calibration board); returns how many are waiting, so a test can also see it move.
    pub fn awaiting_final_follows_the_rule(&self) -> usize {
        let mut conn = self.conn();
        let on_boards: Vec<i64> = calibration_entries::table
            .select(calibration_entries::review_id)
            .load(&mut *conn)
            .unwrap();
        let mut by_hand: Vec<i64> = reviews::table
            .inner_join(manager_assessments::table)
            .filter(reviews::final_rating.is_null())
            .filter(reviews::delivered_at.is_null())
            .filter(manager_assessments::submitted_at.is_not_null())
            .select(reviews::id)
            .load::<i64>(&mut *conn)
            .unwrap()
            .into_iter()
            .filter(|id| !on_boards.contains(id))
            .collect();
        let mut marked: Vec<i64> = reviews::table
            .filter(reviews::awaiting_final_rating.eq(true))
            .select(reviews::id)
            .load(&mut *conn)
            .unwrap();
        by_hand.sort_unstable();
        marked.sort_unstable();
        assert_eq!(marked, by_hand, "the marks of reviews waiting for a final rating");
        marked.len()
    }

    pub fn person_version(&self, person: impl RawId) -> i32 {
        people::table.find(person.raw()).select(people::version).first(&mut *self.conn()).unwrap()
    }

    /// A cycle's stored completion tallies that count something, by person (0: the whole
    /// cycle).
    pub fn tallies(&self, cycle: i64) -> Vec<(i64, CompletionCounts)> {
        use completion_tallies as t;
        type Row = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
        let rows: Vec<Row> = t::table
            .filter(t::cycle_id.eq(cycle))
            .filter(t::reviews.gt(0).or(t::person_id.eq(0)))
            .order(t::person_id.asc())
            .select((
                t::person_id,
                t::reviews,
                t::self_done,
                t::self_late,
                t::peers_done,
                t::peers_asked,
                t::manager_done,
                t::manager_late,
                t::delivered,
                t::delivered_on_time,
            ))
            .load(&mut *self.conn())
            .unwrap();
        rows.into_iter()
            .map(|r| {
                let counts = CompletionCounts {
                    reviews: r.1,
                    self_done: r.2,
                    self_late: r.3,
                    peers_done: r.4,
                    peers_asked: r.5,
                    manager_done: r.6,
                    manager_late: r.7,
                    delivered: r.8,
                    delivered_on_time: r.9,
                };
                (r.0, counts)
            })
            .collect()
    }

    /// A person's manager now.
    pub fn manager_of(&self, person: impl RawId) -> Option<i64> {
        people::table
            .find(person.raw())
            .select(people::manager_id)
            .first(&mut *self.conn())
            .unwrap()
    }

    /// A cycle's completion counted by hand, review by review, with the app's own rules: the
    /// reference the database's sums must equal. `people`: only their reviews (all if `None`).
    pub fn completion_by_hand(&self, cycle: i64, people: Option<&[i64]>) -> CompletionCounts {
        let conn = &mut *self.conn();
        let (self_due, manager_due, delivery_due): (NaiveDate, NaiveDate, NaiveDate) =
            review_cycles::table
                .find(cycle)
                .select((
                    review_cycles::self_due,
                    review_cycles::manager_due,
                    review_cycles::delivery_due,
                ))
                .first(conn)
                .unwrap();
        type Row = (
            i64,
            i64,
            Option<NaiveDateTime>,
            Option<NaiveDateTime>,
            Option<NaiveDateTime>,
            Option<NaiveDateTime>,
        );
        let rows: Vec<Row> = reviews::table
            .inner_join(self_assessments::table)
            .inner_join(manager_assessments::table)
            .filter(reviews::cycle_id.eq(cycle))
            .select((
                reviews::id,
                reviews::person_id,
                self_assessments::submitted_at,
                manager_assessments::submitted_at,
                reviews::finalised_at,
                reviews::delivered_at,
            ))
            .load(conn)
            .unwrap();
        let mut counts = CompletionCounts::default();
        for (review, person, self_at, manager_at, finalised, delivered) in rows {
            if people.is_some_and(|p| !p.contains(&person)) {
                continue;
            }
            let (own, manager) = (
                Progress::of(None, self_at, self_due),
                Progress::of(None, manager_at, manager_due),
            );
            counts.reviews += 1;
            counts.self_done += own.is_done() as i64;
            counts.self_late += (own == Progress::Late) as i64;
            counts.manager_done += manager.is_done() as i64;
            counts.manager_late += (manager == Progress::Late) as i64;
            counts.delivered += delivered.is_some() as i64;
            counts.delivered_on_time += match (finalised, delivered) {
                (Some(f), Some(d)) => {
                    app::reviews::rules::delivered_on_time(f.date(), d.date(), delivery_due) as i64
                }
                _ => 0,
            };
            let statuses: Vec<String> = peer_feedback::table
                .filter(peer_feedback::review_id.eq(review))
                .select(peer_feedback::status)
                .load(conn)
                .unwrap();
            for status in statuses.iter().filter(|s| *s != "nominated") {
                counts.peers_asked += 1;
                counts.peers_done += (status != "requested") as i64;
            }
        }
        counts
    }
}
