//! The background job runner on both backends: a due job is claimed by one caller at a time,
//! runs again only when its interval has passed, a crashed run's lease runs out, and every
//! run is recorded, failures too.

use crate::common::{Backend, TestDb};
use app::jobs::{self, Job, LEASE};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::QueryResult;

const HOURLY: std::time::Duration = std::time::Duration::from_secs(3600);

fn at(hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap().and_hms_opt(hour, minute, 0).unwrap()
}

fn succeeds(_: &mut app::db::DbConn, _: NaiveDateTime) -> QueryResult<String> {
    Ok("did the work".into())
}

fn fails(_: &mut app::db::DbConn, _: NaiveDateTime) -> QueryResult<String> {
    Err(diesel::result::Error::RollbackTransaction)
}

async fn a_due_job_is_claimed_once_and_runs_again_when_due(backend: Backend) {
    let t = TestDb::new(backend);
    let job = Job { name: "test_job", every: HOURLY, run: succeeds };
    let mut conn = t.conn();
    assert!(jobs::claim(&mut conn, &job, at(9, 0)).unwrap(), "never run: due");
    assert!(!jobs::claim(&mut conn, &job, at(9, 0)).unwrap(), "held by the first claim");
    // A run that outlived its lease and lost the job to a later claim records nothing.
    jobs::finish(&mut conn, job.name, at(8, 0), at(9, 1), &Ok("stale".into())).unwrap();
    assert!(!jobs::claim(&mut conn, &job, at(9, 0)).unwrap(), "still held by the 9:00 claim");
    jobs::finish(&mut conn, job.name, at(9, 0), at(9, 1), &Ok("did the work".into())).unwrap();
    assert!(!jobs::claim(&mut conn, &job, at(9, 30)).unwrap(), "ran less than an hour ago");
    assert!(jobs::claim(&mut conn, &job, at(10, 0)).unwrap(), "due an hour after the last start");
    let record = jobs::record(&mut conn, job.name).unwrap().unwrap();
    assert_eq!(record.runs, 1);
    assert_eq!(record.last_outcome, "did the work");
    assert_eq!(record.last_started_at, Some(at(10, 0)));
    assert_eq!(record.running_until, Some(at(10, 0) + LEASE));
}

async fn a_crashed_runs_lease_runs_out(backend: Backend) {
    let t = TestDb::new(backend);
    let job = Job { name: "test_job", every: std::time::Duration::from_secs(60), run: succeeds };
    let mut conn = t.conn();
    assert!(jobs::claim(&mut conn, &job, at(9, 0)).unwrap());
    // The claiming instance died without finishing: nobody may take the job while its lease
    // holds, even though the job itself is due again.
    assert!(!jobs::claim(&mut conn, &job, at(9, 5)).unwrap());
    assert!(jobs::claim(&mut conn, &job, at(9, 0) + LEASE + Duration::minutes(1)).unwrap());
}

async fn the_runner_runs_due_jobs_and_records_failures(backend: Backend) {
    let t = TestDb::new(backend);
    let registered = [
        Job { name: "works", every: HOURLY, run: succeeds },
        Job { name: "breaks", every: HOURLY, run: fails },
    ];
    let ran = server::jobs::run_due(&t.db, &registered, || at(9, 0)).await;
    assert_eq!(ran, vec!["works", "breaks"]);
    assert!(server::jobs::run_due(&t.db, &registered, || at(9, 10)).await.is_empty(), "not due");
    let mut conn = t.conn();
    let works = jobs::record(&mut conn, "works").unwrap().unwrap();
    assert_eq!((works.runs, works.last_failed, works.running_until), (1, false, None));
    let breaks = jobs::record(&mut conn, "breaks").unwrap().unwrap();
    assert_eq!((breaks.runs, breaks.last_failed, breaks.running_until), (1, true, None));
    assert!(!breaks.last_outcome.is_empty(), "the error is kept");
}

/// The areas' own jobs are registered and run against a real database.
async fn the_registered_jobs_run(backend: Backend) {
    let t = TestDb::with_demo(backend);
    let registered: Vec<Job> = jobs::registered().copied().collect();
    let names: Vec<&str> = registered.iter().map(|j| j.name).collect();
    assert_eq!(names, vec!["queue_review_reminders", "apply_due_promotions"]);
    let ran = server::jobs::run_due(&t.db, &registered, || {
        crate::common::TODAY().and_hms_opt(8, 0, 0).unwrap()
    })
    .await;
    assert_eq!(ran, names);
    let mut conn = t.conn();
    for name in names {
        let record = jobs::record(&mut conn, name).unwrap().unwrap();
        assert!(!record.last_failed, "{name}: {}", record.last_outcome);
    }
}

on_both_backends!(
    a_due_job_is_claimed_once_and_runs_again_when_due,
    a_crashed_runs_lease_runs_out,
    the_runner_runs_due_jobs_and_records_failures,
    the_registered_jobs_run,
);
