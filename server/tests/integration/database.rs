//! The data layer on both backends: migrations, the demo seeder, the org queries, the
//! manager-change rules and sessions. Real SQLite and real PostgreSQL, never mocks.

use crate::common::{Backend, TestDb, ELENA, SAM, TODAY, TOM};
use app::auth::sessions::{self, SessionPolicy};
use app::db::schema::people;
use app::demo::{self, DemoOptions};
use app::kernel::PersonId;
use app::org::queries::{self, ManagerChange};
use app::org::rules::CycleCheck;
use app::org::types::{DirectoryQuery, EmploymentStatus};
use diesel::prelude::*;

async fn migrations_apply_once(backend: Backend) {
    let t = TestDb::new(backend);
    assert!(t.db.migrate_blocking().unwrap().is_empty(), "a second run applies nothing");
    let count: i64 = people::table.count().get_result(&mut *t.conn()).unwrap();
    assert_eq!(count, 0);
}

/// Each migration runs in a transaction: a migration that fails half-way leaves nothing.
async fn a_failed_migration_leaves_no_half_applied_schema(backend: Backend) {
    use diesel::migration::MigrationSource;
    use diesel_migrations::{FileBasedMigrations, MigrationHarness};
    let t = TestDb::new(backend);
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("2099-01-01-000000_broken");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::write(
        m.join("up.sql"),
        "CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n",
    )
    .unwrap();
    std::fs::write(m.join("down.sql"), "DROP TABLE half_done;").unwrap();
    let source = FileBasedMigrations::from_path(dir.path()).unwrap();
    assert_eq!(MigrationSource::<diesel::sqlite::Sqlite>::migrations(&source).unwrap().len(), 1);
    let mut conn = t.conn();
    let failed =
        app::per_backend!(&mut *conn, |c| c.run_pending_migrations(source.clone()).is_err());
    assert!(failed, "the broken migration fails");
    let exists = diesel::sql_query("SELECT id FROM half_done").execute(&mut *conn);
    assert!(exists.is_err(), "the table created before the failure was rolled back");
    // The database still works and still has its real schema.
    let count: i64 = people::table.count().get_result(&mut *conn).unwrap();
    assert_eq!(count, 0);
}

/// The audit log is append-only in the database itself: appending works, and changing or
/// deleting a row fails whoever asks (not only through Trellis), leaving the row as it was.
async fn the_database_refuses_to_change_the_audit_log(backend: Backend) {
    use app::audit::{self, AuditEntry, Outcome, Target};
    use app::db::schema::audit_log;
    let t = TestDb::with_demo(backend);
    let mut conn = t.conn();
    let entry = AuditEntry::new(None, "probe", Target::Page("probe"), Outcome::Refused);
    audit::record(&mut conn, &entry).expect("appending works");
    let id: i64 = audit_log::table
        .order(audit_log::id.desc())
        .select(audit_log::id)
        .first(&mut *conn)
        .unwrap();
    let updated = diesel::update(audit_log::table.find(id))
        .set(audit_log::outcome.eq("allowed"))
        .execute(&mut *conn);
    assert!(updated.is_err(), "an update is refused");
    let deleted = diesel::delete(audit_log::table.find(id)).execute(&mut *conn);
    assert!(deleted.is_err(), "a delete is refused");
    let everything = diesel::delete(audit_log::table).execute(&mut *conn);
    assert!(everything.is_err(), "so is deleting everything");
    let outcome: String =
        audit_log::table.find(id).select(audit_log::outcome).first(&mut *conn).unwrap();
    assert_eq!(outcome, "refused", "the row is as it was written");
    if backend == Backend::Postgres {
        let truncated = diesel::sql_query("TRUNCATE audit_log").execute(&mut *conn);
        assert!(truncated.is_err(), "and on PostgreSQL, TRUNCATE");
    }
}

async fn the_demo_company_is_seeded_once(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let mut conn = t.conn();
    let count: i64 = people::table.count().get_result(&mut *conn).unwrap();
    assert_eq!(count, 120);
    let again = demo::seed(&mut conn, DemoOptions { employees: 120, seed: 42, today: TODAY() });
    assert!(
        matches!(again, Err(demo::SeedError::NotEmpty(120))),
        "never seeds into a database that holds data"
    );
    // What `trellis seed` runs next (VACUUM on PostgreSQL, outside any transaction).
    demo::settle_after_bulk_load(&mut conn).expect("settles after the bulk load");
    let personas = app::auth::personas::offered(&mut conn).unwrap();
    assert_eq!(personas.len(), 5);
    assert!(app::auth::personas::is_demo(&mut conn).unwrap());
    // The same seed gives the same company on either database.
    let names: Vec<String> =
        people::table.order(people::id).select(people::name).limit(10).load(&mut *conn).unwrap();
    let expected: Vec<String> =
        demo::generate(DemoOptions { employees: 120, seed: 42, today: TODAY() })
            .people
            .into_iter()
            .take(10)
            .map(|p| p.name)
            .collect();
    assert_eq!(names, expected);
}

async fn seeding_five_thousand_people_in_batches(backend: Backend) {
    let t = TestDb::new(backend);
    let mut conn = t.conn();
    let report =
        demo::seed(&mut conn, DemoOptions { employees: 5_000, seed: 3, today: TODAY() }).unwrap();
    assert_eq!(report.people, 5_000);
    let count: i64 = people::table.count().get_result(&mut *conn).unwrap();
    assert_eq!(count, 5_000);
    // New rows after seeding get fresh ids (the PostgreSQL identity sequence was advanced).
    diesel::insert_into(app::db::schema::departments::table)
        .values((
            app::db::schema::departments::name.eq("New"),
            app::db::schema::departments::slug.eq("new"),
        ))
        .execute(&mut *conn)
        .expect("insert after seeding");
}

async fn the_directory_searches_filters_and_pages(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let mut conn = t.conn();
    let mut find = |query: DirectoryQuery, departed: bool| {
        let found = queries::directory(&mut conn, &query, departed).unwrap();
        (found.people, found.total, found.has_next)
    };
    let all = DirectoryQuery { page: 1, ..Default::default() };
    let (page, total, has_next) = find(all.clone(), false);
    let departed: i64 = people::table
        .filter(people::status.eq("departed"))
        .count()
        .get_result(&mut *t.conn())
        .unwrap();
    assert!(departed > 0);
    assert_eq!(total, 120 - departed, "departed people are hidden by default");
    assert_eq!((page.len(), has_next), (50, true));
    let (page3, _, has_next) = find(DirectoryQuery { page: 3, ..all.clone() }, false);
    assert_eq!((page3.len() as i64, has_next), (total - 100, false));

    let (found, n, _) =
        find(DirectoryQuery { q: "  ELENA ".into(), page: 1, ..Default::default() }, false);
    assert_eq!(n, 1);
    assert_eq!(found[0].name, "Elena Marsh");
    // Any part of a name, a title or an email, short texts included.
    for (text, who) in [
        ("lena mar", "Elena Marsh"),
        ("director of engineering", "Sam Whitfield"),
        ("ena", "Elena Marsh"),
        ("ma", "Elena Marsh"),
    ] {
        let (found, n, _) =
            find(DirectoryQuery { q: text.into(), page: 1, ..Default::default() }, false);
        assert!(found.iter().any(|p| p.name == who), "{text:?} finds {who}");
        assert_eq!(n, matching(&t, text), "{text:?} counts what a scan counts");
    }
    // One or two letters match the start of a word only.
    let (found, _, _) =
        find(DirectoryQuery { q: "sh".into(), page: 1, ..Default::default() }, false);
    assert!(!found.iter().any(|p| p.name == "Elena Marsh"), "\"sh\" is inside a word of hers");
    // Wildcards and quotes in the search are literal text.
    for text in ["%", "_a", "50%", "\"ele\"", "ele*", "el\"e"] {
        let (none, n, _) =
            find(DirectoryQuery { q: text.into(), page: 1, ..Default::default() }, false);
        assert_eq!((none.len(), n), (0, 0), "{text:?}");
    }

    let design = queries::departments(&mut t.conn())
        .unwrap()
        .into_iter()
        .find(|d| d.name == "Design")
        .unwrap();
    let (designers, _, _) =
        find(DirectoryQuery { department: Some(design.id), page: 1, ..Default::default() }, false);
    assert!(!designers.is_empty() && designers.iter().all(|p| p.department == "Design"));

    let departed_q =
        DirectoryQuery { status: Some(EmploymentStatus::Departed), page: 1, ..Default::default() };
    let (hidden, _, _) = find(departed_q.clone(), false);
    assert!(
        hidden.iter().all(|p| p.status != EmploymentStatus::Departed),
        "only HR lists departed people"
    );
    let (shown, n, _) = find(departed_q, true);
    assert_eq!(n, departed);
    assert!(shown.iter().all(|p| p.status == EmploymentStatus::Departed));

    // The search index follows a change of name.
    let elena = t.person_id(ELENA);
    diesel::update(people::table.find(elena))
        .set(
            people::search_text.eq("elena whitcombe elena.marsh@lumen.example engineering manager"),
        )
        .execute(&mut *t.conn())
        .unwrap();
    let (found, _, _) =
        find(DirectoryQuery { q: "whitcombe".into(), page: 1, ..Default::default() }, false);
    assert_eq!(found.iter().map(|p| p.id).collect::<Vec<_>>(), vec![elena]);
    let (gone, _, _) =
        find(DirectoryQuery { q: "elena marsh".into(), page: 1, ..Default::default() }, false);
    assert!(gone.is_empty(), "the old name is no longer found");

    assert_eq!(queries::locations(&mut t.conn()).unwrap(), {
        let mut all: Vec<String> =
            people::table.select(people::location).distinct().load(&mut *t.conn()).unwrap();
        all.sort();
        all
    });
}

/// Active and on-leave people whose search text matches `text`, counted by a plain scan.
fn matching(t: &TestDb, text: &str) -> i64 {
    people::table
        .filter(people::status.ne("departed"))
        .select(people::search_text)
        .load::<String>(&mut *t.conn())
        .unwrap()
        .iter()
        .filter(|s| {
            // One or two letters match the start of a word.
            if text.chars().count() < 3 {
                s.starts_with(text) || s.contains(&format!(" {text}"))
            } else {
                s.contains(text)
            }
        })
        .count() as i64
}

/// A search matching more people than it counts says "more than", and pages on by name,
/// whichever way the database finds the matches (on SQLite a common text walks the name
/// order, a rare one reads the trigram index).
async fn a_common_search_counts_up_to_its_cap(backend: Backend) {
    let t = TestDb::with_demo_of(backend, 1_100, TODAY());
    let mut conn = t.conn();
    let everyone = DirectoryQuery { q: "lumen.example".into(), page: 1, ..Default::default() };
    let found = queries::directory(&mut conn, &everyone, false).unwrap();
    assert_eq!(found.total, queries::COUNT_UP_TO + 1);
    assert!(found.has_next);
    let page2 =
        queries::directory(&mut conn, &DirectoryQuery { page: 2, ..everyone }, false).unwrap();
    let names =
        |p: &[app::org::types::PersonSummary]| p.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    let mut both = names(&found.people);
    both.extend(names(&page2.people));
    assert!(both.windows(2).all(|w| w[0].to_lowercase() <= w[1].to_lowercase()), "in name order");
    let rare = queries::directory(
        &mut conn,
        &DirectoryQuery { q: "sam whit".into(), page: 1, ..Default::default() },
        false,
    )
    .unwrap();
    assert_eq!((rare.total, rare.people[0].name.as_str()), (1, "Sam Whitfield"));
}

async fn a_profile_knows_the_reporting_line(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let tom = t.person_id("tom.becker@lumen.example");
    let elena = t.person_id("elena.marsh@lumen.example");
    let sam = t.person_id("sam.whitfield@lumen.example");
    let mut conn = t.conn();
    let profile = queries::profile(&mut conn, tom, TODAY()).unwrap();
    assert_eq!(profile.manager().unwrap().id, elena);
    assert_eq!(profile.skip_level().unwrap().id, sam);
    assert_eq!(profile.chain.last().unwrap().name, "Amara Okafor");
    assert!(profile.reports.is_empty());
    let elena_profile = queries::profile(&mut conn, elena, TODAY()).unwrap();
    assert!(elena_profile.reports.iter().any(|r| r.id == tom));
    assert_eq!(elena_profile.org_size, elena_profile.reports.len() as i64);
    let top = queries::top_of_company(&mut conn).unwrap().unwrap();
    let ceo = queries::profile(&mut conn, top, TODAY()).unwrap();
    let active: i64 =
        people::table.filter(people::status.ne("departed")).count().get_result(&mut *conn).unwrap();
    assert!(
        ceo.org_size < active && ceo.org_size > 100,
        "everyone below the CEO, minus people whose manager left"
    );
}

async fn the_org_chart_is_bounded_and_nested(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let mut conn = t.conn();
    let top = queries::top_of_company(&mut conn).unwrap().unwrap();
    let chart = queries::org_chart(&mut conn, top, 2).unwrap();
    assert_eq!(chart.root.person.name, "Amara Okafor");
    assert_eq!(chart.root.children.len(), 7, "one head per department");
    assert!(chart.ancestors.is_empty());
    assert!(chart.root.children.iter().all(|c| c.report_count as usize >= c.children.len()));
    let sam = t.person_id("sam.whitfield@lumen.example");
    let sub = queries::org_chart(&mut conn, sam, 4).unwrap();
    assert_eq!(sub.ancestors.first().unwrap().name, "Amara Okafor");
    assert!(sub.total_shown <= queries::ORG_CHART_MAX_NODES);
    assert!(!sub.truncated);
}

/// At 5,000 people the chart stops before a level that would not fit and says so.
async fn a_big_org_chart_is_cut_at_a_level_boundary(backend: Backend) {
    let t = TestDb::new(backend);
    let mut conn = t.conn();
    demo::seed(&mut conn, DemoOptions { employees: 5_000, seed: 42, today: TODAY() }).unwrap();
    let top = queries::top_of_company(&mut conn).unwrap().unwrap();
    let chart = queries::org_chart(&mut conn, top, 4).unwrap();
    assert!(chart.truncated);
    assert!(chart.total_shown <= queries::ORG_CHART_MAX_NODES);
    assert!(chart.depth < 4);
}

async fn manager_changes_keep_the_tree_a_tree(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let tom = t.person_id("tom.becker@lumen.example");
    let elena = t.person_id("elena.marsh@lumen.example");
    let now = TODAY().and_hms_opt(12, 0, 0).unwrap();
    let mut conn = t.conn();
    let version = |c: &mut app::db::DbConn, id| {
        people::table.find(id).select(people::version).first::<i32>(c).unwrap()
    };

    let v = version(&mut conn, elena);
    let loop_attempt =
        queries::change_manager(&mut conn, elena, "tom.becker@lumen.example", v, now).unwrap();
    assert!(matches!(loop_attempt, ManagerChange::Rule(CycleCheck::Cycle)));
    let own =
        queries::change_manager(&mut conn, elena, "ELENA.MARSH@lumen.example", v, now).unwrap();
    assert!(matches!(own, ManagerChange::Rule(CycleCheck::SelfManager)));
    let unknown =
        queries::change_manager(&mut conn, elena, "nobody@lumen.example", v, now).unwrap();
    assert!(matches!(unknown, ManagerChange::UnknownManager));
    assert_eq!(version(&mut conn, elena), v, "refused changes change nothing");

    let v_tom = version(&mut conn, tom);
    let done =
        queries::change_manager(&mut conn, tom, "amara.okafor@lumen.example", v_tom, now).unwrap();
    assert!(matches!(done, ManagerChange::Done { from: Some(f), .. } if f == elena));
    assert_eq!(version(&mut conn, tom), v_tom + 1);
    // A second editor holding the old version is refused, not silently applied.
    let stale =
        queries::change_manager(&mut conn, tom, "elena.marsh@lumen.example", v_tom, now).unwrap();
    assert!(matches!(stale, ManagerChange::Stale));
    let manager: Option<PersonId> =
        people::table.find(tom).select(people::manager_id).first(&mut *conn).unwrap();
    assert_ne!(manager, Some(elena));
}

async fn sessions_expire_and_end(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let tom = t.person_id("tom.becker@lumen.example");
    let policy = SessionPolicy::default();
    let start = TODAY().and_hms_opt(9, 0, 0).unwrap();
    let mut conn = t.conn();

    let token = sessions::create(&mut conn, tom, start, policy).unwrap();
    let viewer = sessions::resolve(&mut conn, &token, start + chrono::Duration::minutes(5), policy)
        .unwrap()
        .unwrap();
    assert_eq!(viewer.person_id, tom);
    assert!(!viewer.is_manager());
    assert!(sessions::resolve(&mut conn, "not-a-token", start, policy).unwrap().is_none());
    // Idle for longer than the timeout: gone, and stays gone.
    assert!(sessions::resolve(&mut conn, &token, start + chrono::Duration::minutes(40), policy)
        .unwrap()
        .is_none());
    assert!(sessions::resolve(&mut conn, &token, start + chrono::Duration::minutes(41), policy)
        .unwrap()
        .is_none());

    // Active every 20 minutes, still ends at the absolute lifetime.
    let token = sessions::create(&mut conn, tom, start, policy).unwrap();
    let mut at = start;
    while at < start + chrono::Duration::hours(11) {
        at += chrono::Duration::minutes(20);
        assert!(
            sessions::resolve(&mut conn, &token, at, policy).unwrap().is_some(),
            "alive at {at}"
        );
    }
    assert!(sessions::resolve(&mut conn, &token, start + chrono::Duration::hours(12), policy)
        .unwrap()
        .is_none());

    // Leaving the company ends every session at once.
    let a = sessions::create(&mut conn, tom, start, policy).unwrap();
    let b = sessions::create(&mut conn, tom, start, policy).unwrap();
    diesel::update(people::table.find(tom))
        .set((people::status.eq("departed"), people::departed_on.eq(Some(TODAY()))))
        .execute(&mut *conn)
        .unwrap();
    assert!(sessions::resolve(&mut conn, &a, start, policy).unwrap().is_none());
    assert!(sessions::resolve(&mut conn, &b, start, policy).unwrap().is_none());
    assert_eq!(sessions::person_for_sign_in(&mut conn, "tom.becker@lumen.example").unwrap(), None);
}

async fn roles_come_from_the_tree(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let mut conn = t.conn();
    let sam = sessions::load_viewer(&mut conn, t.person_id("sam.whitfield@lumen.example"))
        .unwrap()
        .unwrap();
    assert!(sam.is_manager() && sam.is_skip_level);
    // The counts come from one query; they must agree with walking the tree a level at a time.
    let reports = queries::direct_reports(&mut conn, sam.person_id).unwrap();
    assert_eq!(sam.direct_reports, reports.len() as i64);
    let mut two_below: Vec<PersonId> = Vec::new();
    for r in &reports {
        two_below
            .extend(queries::direct_reports(&mut conn, r.id).unwrap().into_iter().map(|p| p.id));
    }
    two_below.sort();
    assert!(!two_below.is_empty());
    assert_eq!(queries::skip_level_report_ids(&mut conn, sam.person_id).unwrap(), two_below);
    let elena = sessions::load_viewer(&mut conn, t.person_id("elena.marsh@lumen.example"))
        .unwrap()
        .unwrap();
    assert!(elena.is_manager() && !elena.is_skip_level);
    let jordan = sessions::load_viewer(&mut conn, t.person_id("jordan.ellis@lumen.example"))
        .unwrap()
        .unwrap();
    assert!(jordan.is_hr_admin && !jordan.is_executive);
}

/// Someone's organisation comes from one recursive query; it must agree with walking the tree
/// a level at a time (which stops at people who have left), for a manager, a skip-level and
/// the top of the company.
async fn the_subtree_query_matches_the_tree(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let mut conn = t.conn();
    let top = queries::top_of_company(&mut conn).unwrap().expect("a top");
    for id in
        [t.person_id("elena.marsh@lumen.example"), t.person_id("sam.whitfield@lumen.example"), top]
    {
        let mut walked = Vec::new();
        let mut frontier = vec![id];
        while let Some(m) = frontier.pop() {
            for p in queries::direct_reports(&mut conn, m).unwrap() {
                walked.push(p.id);
                frontier.push(p.id);
            }
        }
        walked.sort();
        assert!(!walked.is_empty());
        assert_eq!(queries::subtree_ids(&mut conn, id).unwrap(), walked, "below {id}");
        assert_eq!(queries::org_size(&mut conn, id).unwrap(), walked.len() as i64);
    }
}

/// Everyone's stored organisation size (`people.org_size`, what a profile shows), next to the
/// recursive count it must equal. Departed people too: HR can open their profile.
fn stored_and_counted_org_sizes(conn: &mut app::db::DbConn) -> Vec<(PersonId, i64, i64)> {
    let stored: Vec<(PersonId, i64)> =
        people::table.order(people::id).select((people::id, people::org_size)).load(conn).unwrap();
    stored.into_iter().map(|(id, size)| (id, size, queries::org_size(conn, id).unwrap())).collect()
}

fn assert_org_sizes_are_true(conn: &mut app::db::DbConn, after: &str) {
    let sizes = stored_and_counted_org_sizes(conn);
    let wrong: Vec<_> = sizes.iter().filter(|(_, stored, counted)| stored != counted).collect();
    assert!(wrong.is_empty(), "after {after}, (id, stored, counted) differ: {wrong:?}");
}

fn stored_org_size(conn: &mut app::db::DbConn, id: PersonId) -> i64 {
    people::table.find(id).select(people::org_size).first(conn).unwrap()
}

/// The seeder counts every organisation once, and the profile reads the stored count.
async fn org_sizes_are_stored_when_the_demo_is_seeded(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let mut conn = t.conn();
    assert_org_sizes_are_true(&mut conn, "seeding");
    let top = queries::top_of_company(&mut conn).unwrap().unwrap();
    let ceo = stored_org_size(&mut conn, top);
    assert!(ceo > 100, "the CEO's organisation is most of the company ({ceo})");
    assert_eq!(queries::profile(&mut conn, top, TODAY()).unwrap().org_size, ceo);
    // A second recount finds nothing to change.
    assert_eq!(queries::recount_org_sizes(&mut conn).unwrap(), 0);
    // A recount repairs sizes that were written wrong (what a bulk load leaves behind).
    diesel::update(people::table).set(people::org_size.eq(7)).execute(&mut *conn).unwrap();
    assert!(queries::recount_org_sizes(&mut conn).unwrap() > 100);
    assert_org_sizes_are_true(&mut conn, "a recount");
}

/// Moves and departures keep every stored organisation size equal to the recursive count, in
/// the same transaction: a manager with reports across departments and back, a person out
/// from under a manager who has left, a manager leaving, an individual leaving.
async fn org_sizes_follow_manager_changes_and_departures(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let (tom, elena, sam) = (t.person_id(TOM), t.person_id(ELENA), t.person_id(SAM));
    let now = TODAY().and_hms_opt(12, 0, 0).unwrap();
    let mut conn = t.conn();
    let version = |c: &mut app::db::DbConn, id| {
        people::table.find(id).select(people::version).first::<i32>(c).unwrap()
    };
    let change = |c: &mut app::db::DbConn, id, email: &str| {
        let v = version(c, id);
        let done = c.transaction(|c| queries::change_manager(c, id, email, v, now)).unwrap();
        assert!(matches!(done, ManagerChange::Done { .. }), "{id} under {email}: {done:?}");
    };
    let leave = |c: &mut app::db::DbConn, id| {
        let v = version(c, id);
        let done = c
            .transaction(|c| queries::record_departure(c, id, TODAY(), "Moved abroad", v, now))
            .unwrap();
        assert!(matches!(done, queries::DepartureRecorded::Done { .. }), "{id} leaves: {done:?}");
    };

    // Elena's team moves to the head of another department, and back.
    let elena_summary = queries::summary(&mut conn, elena).unwrap();
    assert!(stored_org_size(&mut conn, elena) > 1, "Elena manages a team");
    let top = queries::top_of_company(&mut conn).unwrap().unwrap();
    let other_head = queries::direct_reports(&mut conn, top)
        .unwrap()
        .into_iter()
        .find(|p| p.department != elena_summary.department)
        .expect("another department's head");
    let before = stored_and_counted_org_sizes(&mut conn);
    let (sam_before, head_before) =
        (stored_org_size(&mut conn, sam), stored_org_size(&mut conn, other_head.id));
    change(&mut conn, elena, &other_head.email);
    assert_org_sizes_are_true(&mut conn, "moving Elena's team to another department");
    let moved = 1 + stored_org_size(&mut conn, elena);
    assert_eq!(stored_org_size(&mut conn, sam), sam_before - moved);
    assert_eq!(stored_org_size(&mut conn, other_head.id), head_before + moved);
    assert_eq!(stored_org_size(&mut conn, top), before.iter().find(|r| r.0 == top).unwrap().1);
    change(&mut conn, elena, SAM);
    assert_org_sizes_are_true(&mut conn, "moving Elena's team back");
    assert_eq!(stored_and_counted_org_sizes(&mut conn), before, "back where it started");

    // A manager with reports leaves: she and her team no longer count above her; her own
    // organisation still lists who reports to her until HR moves them.
    leave(&mut conn, elena);
    assert_org_sizes_are_true(&mut conn, "Elena leaving");
    assert_eq!(stored_org_size(&mut conn, sam), sam_before - moved);
    // Tom moves out from under her (the old chain stops at her) to Sam.
    change(&mut conn, tom, SAM);
    assert_org_sizes_are_true(&mut conn, "moving Tom from Elena to Sam");
    // Someone who has left moves alone: nobody is counted through her.
    change(&mut conn, elena, &other_head.email);
    assert_org_sizes_are_true(&mut conn, "moving Elena after she left");
    assert_eq!(stored_org_size(&mut conn, other_head.id), head_before);

    // An individual leaves, deep in a chain of managers who have not.
    let mut individual = other_head.id;
    while let Some(report) = queries::direct_reports(&mut conn, individual).unwrap().pop() {
        individual = report.id;
    }
    assert_ne!(individual, other_head.id);
    leave(&mut conn, individual);
    assert_org_sizes_are_true(&mut conn, "an individual leaving");
    assert_eq!(stored_org_size(&mut conn, other_head.id), head_before - 1);
}

/// HR's data checks on "My work": active people whose manager has left, and active people
/// with no manager besides the top of the company. Checked against a plain join over the
/// whole table (the query it replaced), before and after a manager leaves.
async fn hr_checks_find_broken_reporting_lines(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let mut conn = t.conn();
    let every_orphan = |c: &mut app::db::DbConn| -> Vec<PersonId> {
        let managers = diesel::alias!(people as managers);
        let mut ids: Vec<PersonId> = people::table
            .inner_join(managers.on(people::manager_id.eq(managers.field(people::id).nullable())))
            .filter(people::status.ne("departed"))
            .filter(managers.field(people::status).eq("departed"))
            .select(people::id)
            .load(c)
            .unwrap();
        ids.sort();
        ids
    };
    let found = |c: &mut app::db::DbConn| {
        let (without, orphaned) = queries::org_data_checks(c).unwrap();
        let mut ids: Vec<PersonId> = orphaned.iter().map(|p| p.id).collect();
        ids.sort();
        (without.iter().map(|p| p.id).collect::<Vec<_>>(), ids)
    };
    let (without, orphaned) = found(&mut conn);
    assert!(without.is_empty(), "the demo has no one without a manager but the CEO");
    assert!(!orphaned.is_empty(), "the demo's bulk load marks people whose manager has left");
    assert_eq!(orphaned, every_orphan(&mut conn));

    // Elena leaves: Tom and the rest of her team now report to someone who has gone.
    let elena = t.person_id("elena.marsh@lumen.example");
    let tom = t.person_id("tom.becker@lumen.example");
    let version: i32 = people::table.find(elena).select(people::version).first(&mut *conn).unwrap();
    let now = TODAY().and_hms_opt(12, 0, 0).unwrap();
    queries::record_departure(&mut conn, elena, TODAY(), "Moved abroad", version, now).unwrap();
    let (_, orphaned) = found(&mut conn);
    assert!(orphaned.contains(&tom));
    assert_eq!(orphaned, every_orphan(&mut conn));

    // Someone loses their manager altogether.
    diesel::update(people::table.find(tom))
        .set(people::manager_id.eq(None::<i64>))
        .execute(&mut *conn)
        .unwrap();
    let (without, orphaned) = found(&mut conn);
    assert_eq!(without, vec![tom]);
    assert!(!orphaned.contains(&tom));
}

on_both_backends!(
    migrations_apply_once,
    the_database_refuses_to_change_the_audit_log,
    hr_checks_find_broken_reporting_lines,
    a_failed_migration_leaves_no_half_applied_schema,
    the_demo_company_is_seeded_once,
    seeding_five_thousand_people_in_batches,
    the_directory_searches_filters_and_pages,
    a_common_search_counts_up_to_its_cap,
    a_profile_knows_the_reporting_line,
    the_org_chart_is_bounded_and_nested,
    a_big_org_chart_is_cut_at_a_level_boundary,
    manager_changes_keep_the_tree_a_tree,
    sessions_expire_and_end,
    roles_come_from_the_tree,
    the_subtree_query_matches_the_tree,
    org_sizes_are_stored_when_the_demo_is_seeded,
    org_sizes_follow_manager_changes_and_departures,
);

/// Every pooled SQLite connection gets the settings the rest of Trellis relies on: WAL (readers
/// never wait for the writer), foreign keys enforced, a busy timeout, full sync, and reads
/// through a memory map.
#[test]
fn sqlite_connections_are_configured() {
    use diesel::sql_types::{BigInt, Text};
    #[derive(QueryableByName)]
    struct JournalMode {
        #[diesel(sql_type = Text)]
        journal_mode: String,
    }
    #[derive(QueryableByName)]
    struct Number {
        #[diesel(sql_type = BigInt)]
        value: i64,
    }
    let t = TestDb::new(Backend::Sqlite);
    let mut pooled = t.conn();
    let app::db::DbConn::Sqlite(conn) = &mut *pooled else { panic!("a SQLite test database") };
    let mode: JournalMode = diesel::sql_query("PRAGMA journal_mode").get_result(conn).unwrap();
    assert_eq!(mode.journal_mode, "wal");
    // Each pragma as a table-valued function (`pragma_<name>`), read through its one column.
    let setting = |conn: &mut diesel::SqliteConnection, pragma: &str, column: &str| -> i64 {
        diesel::sql_query(format!("SELECT {column} AS value FROM pragma_{pragma}"))
            .get_result::<Number>(conn)
            .unwrap()
            .value
    };
    assert_eq!(setting(conn, "foreign_keys", "foreign_keys"), 1);
    assert_eq!(setting(conn, "busy_timeout", "timeout"), 5000);
    assert_eq!(setting(conn, "synchronous", "synchronous"), 2, "FULL");
    #[derive(QueryableByName)]
    struct MmapSize {
        #[diesel(sql_type = BigInt)]
        mmap_size: i64,
    }
    let map: MmapSize = diesel::sql_query("PRAGMA mmap_size").get_result(conn).unwrap();
    assert_eq!(map.mmap_size, 268_435_456);
}
