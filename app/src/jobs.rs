//! Background jobs. Each area registers its named jobs ([`crate::areas::Area::jobs`]) with
//! how often they run; the server's runner asks every minute which are due. A due job is
//! claimed with a lease in `job_runs`, so among several instances one runs it at a time, and
//! every run is recorded there (when, how it ended, how many runs). A crashed instance's
//! lease runs out after [`LEASE`], and another instance takes the job over.

use crate::db::schema::job_runs;
use crate::db::DbConn;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// A named piece of work an area needs done on a schedule.
#[derive(Debug, Clone, Copy)]
pub struct Job {
    /// Stable: it is the job's key in `job_runs`.
    pub name: &'static str,
    /// How long after a run starts the next one is due.
    pub every: std::time::Duration,
    /// The work, in one transaction, at `now` (UTC); it returns a line for the record, such
    /// as "3 promotions took effect".
    pub run: fn(&mut DbConn, NaiveDateTime) -> QueryResult<String>,
}

/// How long a claimed run may last before another instance may take the job over.
pub const LEASE: Duration = Duration::minutes(10);

/// Every registered job, area by area.
pub fn registered() -> impl Iterator<Item = &'static Job> {
    crate::areas::AREAS.iter().flat_map(|area| area.jobs.iter())
}

/// Claims `job` when it is due at `now` and no live lease holds it. True: this caller runs it
/// and must call [`finish`].
pub fn claim(conn: &mut DbConn, job: &Job, now: NaiveDateTime) -> QueryResult<bool> {
    // The row is made on first use, so a new job needs no migration.
    crate::per_backend!(conn, |c| diesel::insert_into(job_runs::table)
        .values(job_runs::name.eq(job.name))
        .on_conflict_do_nothing()
        .execute(c))?;
    let every = Duration::from_std(job.every).unwrap_or(Duration::MAX);
    let due_before = now.checked_sub_signed(every).unwrap_or(NaiveDateTime::MIN);
    // One statement decides: two instances cannot both see the job free.
    let claimed = diesel::update(
        job_runs::table
            .filter(job_runs::name.eq(job.name))
            .filter(job_runs::running_until.is_null().or(job_runs::running_until.lt(now)))
            .filter(
                job_runs::last_started_at.is_null().or(job_runs::last_started_at.le(due_before)),
            ),
    )
    .set((job_runs::running_until.eq(now + LEASE), job_runs::last_started_at.eq(now)))
    .execute(conn)?;
    Ok(claimed == 1)
}

/// Records how the run claimed at `started` ended and releases its lease. A run that outlived
/// its lease, whose job another instance has claimed since, records nothing: the record and
/// the lease are the newer run's.
pub fn finish(
    conn: &mut DbConn,
    name: &str,
    started: NaiveDateTime,
    now: NaiveDateTime,
    outcome: &Result<String, String>,
) -> QueryResult<()> {
    let (text, failed) = match outcome {
        Ok(line) => (line.as_str(), false),
        Err(error) => (error.as_str(), true),
    };
    diesel::update(
        job_runs::table
            .filter(job_runs::name.eq(name))
            .filter(job_runs::last_started_at.eq(started)),
    )
    .set((
        job_runs::running_until.eq(None::<NaiveDateTime>),
        job_runs::last_finished_at.eq(now),
        job_runs::last_outcome.eq(text),
        job_runs::last_failed.eq(failed),
        job_runs::runs.eq(job_runs::runs + 1),
    ))
    .execute(conn)?;
    Ok(())
}

/// The record of one job, for operators.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct JobRecord {
    pub name: String,
    pub running_until: Option<NaiveDateTime>,
    pub last_started_at: Option<NaiveDateTime>,
    pub last_finished_at: Option<NaiveDateTime>,
    pub last_outcome: String,
    pub last_failed: bool,
    pub runs: i64,
}

pub fn record(conn: &mut DbConn, name: &str) -> QueryResult<Option<JobRecord>> {
    job_runs::table.find(name).first(conn).optional()
}
