//! A real company moves in from the command line, on a fresh database: the first HR admin,
//! then its people from the HR system's file. A file with problems changes nothing and says
//! where each is; the fixed file is applied in one transaction; the same file again changes
//! nothing; people missing from a file are kept unless HR says they left.

use crate::common::*;
use app::db::schema::{audit_log, departments, people, sessions};
use clap::Parser;
use diesel::prelude::*;
use server::cli::Cli;

/// Runs `trellis ARGS` against the test database; its error as text.
async fn trellis(db: &TestDb, args: &[&str]) -> Result<(), String> {
    let url = db.url();
    // The database option is global; given before a subcommand it would read as `serve`'s.
    let mut argv = vec!["trellis"];
    argv.extend_from_slice(args);
    argv.extend(["--database-url", url.as_str()]);
    let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    server::commands::run(cli).await.map_err(|e| e.to_string())
}

/// A company of `n` people: a CEO, a manager for every 30, the rest under them.
fn company(n: usize) -> Vec<String> {
    let mut rows = vec!["Employee Number,Work Email,Full Name,Job Title,Department,Team,Reports To,Level,Start Date,Office,Status,Termination Date,Shoe size".to_string()];
    rows.push("E1,ceo@acme.example,Ada Chief,Chief Executive,Leadership,,,M4,2019-02-01,London,Active,,42".into());
    let managers = n / 30;
    for m in 0..managers {
        rows.push(format!(
            "E{},lead{m}@acme.example,Lead {m},Engineering Manager,Engineering,Team {m},ceo@acme.example,M1,2021-03-0{},Berlin,Active,,41",
            m + 2,
            1 + m % 9
        ));
    }
    for i in rows.len() - 1..n {
        let m = i % managers;
        rows.push(format!(
            "E{},person{i}@acme.example,Person {i},Engineer,Engineering,Team {m},E{},L{},2023-0{}-15,Remote,Active,,40",
            i + 1,
            m + 2,
            1 + i % 5,
            1 + i % 9
        ));
    }
    rows
}

fn write(dir: &std::path::Path, name: &str, rows: &[String]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, rows.join("\n")).unwrap();
    path.display().to_string()
}

async fn a_company_moves_in_from_its_hr_file(backend: Backend) {
    let db = TestDb::new(backend);
    let dir = tempfile::tempdir().unwrap();
    let count = |db: &TestDb| people::table.count().get_result::<i64>(&mut *db.conn()).unwrap();

    // The first HR admin, on an empty database; a malformed address is one readable line.
    let bad = trellis(&db, &["admin", "add-hr", "jordan@", "--name", "Jordan"]).await.unwrap_err();
    assert!(bad.contains("is not an email address"), "{bad}");
    let unnamed = trellis(&db, &["admin", "add-hr", "jordan@acme.example"]).await.unwrap_err();
    assert!(unnamed.contains("--name"), "{unnamed}");
    trellis(&db, &["admin", "add-hr", "jordan@acme.example", "--name", "Jordan Hale"])
        .await
        .unwrap();
    let hr: (i64, bool) = people::table
        .filter(people::email.eq("jordan@acme.example"))
        .select((people::id, people::is_hr_admin))
        .first(&mut *db.conn())
        .unwrap();
    assert!(hr.1, "an HR admin");
    let granted = audit_log::table
        .filter(audit_log::action.eq("grant_hr"))
        .filter(audit_log::target_id.eq(hr.0))
        .count()
        .get_result::<i64>(&mut *db.conn())
        .unwrap();
    assert_eq!(granted, 1, "audited");

    // 300 people with three planted problems: every one reported, nothing written.
    let mut rows = company(300);
    let set_cell = |row: &str, n: usize, value: &str| {
        let mut cells: Vec<&str> = row.split(',').collect();
        cells[n] = value;
        cells.join(",")
    };
    rows[40] = set_cell(&rows[40], 1, "person38@acme.example");
    rows[120] = set_cell(&rows[120], 6, "E9999");
    rows[200] = set_cell(&rows[200], 8, "2023-02-45");
    let broken = write(dir.path(), "broken.csv", &rows);
    let refused = trellis(&db, &["people", "import", &broken]).await.unwrap_err();
    assert!(refused.contains("3 problem(s); nothing was changed"), "{refused}");
    assert!(refused.contains("line 41, email"), "{refused}");
    assert!(refused.contains("line 121, manager"), "{refused}");
    assert!(refused.contains("line 201, hire_date"), "{refused}");
    assert_eq!(count(&db), 1, "only the HR admin");

    // The fixed file, with the HR admin in it: a dry run first, then applied.
    let mut rows = company(300);
    rows.push("E999,jordan@acme.example,Jordan Hale,People Partner,People,,ceo@acme.example,L3,2020-05-04,London,Active,,39".into());
    let fixed = write(dir.path(), "people.csv", &rows);
    trellis(&db, &["people", "import", &fixed, "--dry-run"]).await.unwrap();
    assert_eq!(count(&db), 1, "a dry run writes nothing");
    trellis(&db, &["people", "import", &fixed]).await.unwrap();
    assert_eq!(count(&db), 301);
    let jordan: (String, bool, Option<String>) = people::table
        .filter(people::email.eq("jordan@acme.example"))
        .select((people::title, people::is_hr_admin, people::employee_id))
        .first(&mut *db.conn())
        .unwrap();
    assert_eq!(jordan, ("People Partner".into(), true, Some("E999".into())), "matched, kept HR");
    let ceo_size: i64 = people::table
        .filter(people::email.eq("ceo@acme.example"))
        .select(people::org_size)
        .first(&mut *db.conn())
        .unwrap();
    assert_eq!(ceo_size, 300, "the tree is counted once loaded");
    let names: Vec<String> = departments::table
        .select(departments::name)
        .order(departments::name)
        .load(&mut *db.conn())
        .unwrap();
    assert!(names.contains(&"Engineering".to_string()) && names.contains(&"People".to_string()));

    // The same file again changes nothing, and says so (no new audit row).
    let imports = || {
        audit_log::table
            .filter(audit_log::action.eq("import_people"))
            .count()
            .get_result::<i64>(&mut *db.conn())
            .unwrap()
    };
    assert_eq!(imports(), 1);
    trellis(&db, &["people", "import", &fixed]).await.unwrap();
    assert_eq!(imports(), 1, "nothing to change, nothing recorded");

    // The export reads back unchanged (spreadsheet-safe, every column the import reads).
    let exported = dir.path().join("export.csv");
    trellis(&db, &["people", "export", "--output", &exported.display().to_string()]).await.unwrap();
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.starts_with("employee_id,email,name,title,department,team,manager,track,level"));
    assert_eq!(text.lines().count(), 302, "a header and everyone");
    trellis(&db, &["people", "import", &exported.display().to_string()]).await.unwrap();
    assert_eq!(imports(), 1, "the export imports back unchanged");

    // Someone left the HR file: kept until HR says they left, which ends their sessions.
    let leaver: i64 = people::table
        .filter(people::email.eq("person299@acme.example"))
        .select(people::id)
        .first(&mut *db.conn())
        .unwrap();
    let now = chrono::Utc::now().naive_utc();
    let policy = app::auth::sessions::SessionPolicy::default();
    app::auth::sessions::create(&mut db.conn(), app::kernel::PersonId(leaver), now, policy)
        .unwrap();
    let without = rows.iter().filter(|r| !r.contains("person299@")).cloned().collect::<Vec<_>>();
    let shorter = write(dir.path(), "shorter.csv", &without);
    trellis(&db, &["people", "import", &shorter]).await.unwrap();
    let status = |db: &TestDb| -> String {
        people::table.find(leaver).select(people::status).first(&mut *db.conn()).unwrap()
    };
    assert_eq!(status(&db), "active", "missing is not departed");
    let bad_date = trellis(&db, &["people", "import", &shorter, "--depart-missing", "soon"]).await;
    assert!(bad_date.unwrap_err().contains("takes a date"));
    trellis(&db, &["people", "import", &shorter, "--depart-missing", "2026-11-30"]).await.unwrap();
    assert_eq!(status(&db), "departed");
    let left_sessions = sessions::table
        .filter(sessions::person_id.eq(leaver))
        .count()
        .get_result::<i64>(&mut *db.conn())
        .unwrap();
    assert_eq!(left_sessions, 0, "their sessions ended");
}

on_both_backends!(a_company_moves_in_from_its_hr_file);
