//! The background job runner: every minute, each registered job (`app::jobs::registered`) that
//! is due and not held by another instance is claimed, run in one transaction on the blocking
//! pool, and recorded in `job_runs`.

use app::db::{Db, DbError};
use app::jobs::{self, Job};
use chrono::NaiveDateTime;
use std::time::Duration;

/// How often the runner looks for due jobs; a job's own interval is `Job::every`.
const TICK: Duration = Duration::from_secs(60);

/// Runs due jobs until the server stops.
pub async fn run_forever(db: Db) {
    let registered: Vec<Job> = jobs::registered().copied().collect();
    let mut tick = tokio::time::interval(TICK);
    loop {
        tick.tick().await;
        run_due(&db, &registered, || chrono::Utc::now().naive_utc()).await;
    }
}

/// Runs each of `jobs` that this instance can claim; returns the names it ran. `clock` is
/// read for each job (a job's lease starts when it is claimed, not when the tick began).
pub async fn run_due(
    db: &Db,
    jobs: &[Job],
    clock: impl Fn() -> NaiveDateTime,
) -> Vec<&'static str> {
    let mut ran = Vec::new();
    for job in jobs.iter().copied() {
        let now = clock();
        match db.run(move |c| jobs::claim(c, &job, now).map_err(DbError::from)).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(e) => {
                tracing::error!(job = job.name, error = %e, "could not claim a job");
                continue;
            }
        }
        let outcome = db
            .transaction(move |c| (job.run)(c, now).map_err(DbError::from))
            .await
            .map_err(|e: DbError| e.to_string());
        match &outcome {
            Ok(line) => tracing::info!(job = job.name, outcome = %line, "job ran"),
            Err(error) => tracing::error!(job = job.name, %error, "job failed"),
        }
        let finished = clock().max(now);
        let recorded = db
            .run(move |c| jobs::finish(c, job.name, now, finished, &outcome).map_err(DbError::from))
            .await;
        if let Err(e) = recorded {
            tracing::error!(job = job.name, error = %e, "could not record a job's run");
        }
        ran.push(job.name);
    }
    ran
}
