use super::generate::{generate, DemoCompany, DemoOptions};
use crate::db::schema::{departments, people, teams};
use crate::db::DbConn;
use crate::per_backend;
use diesel::prelude::*;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the database already holds {0} people; the demo company is only seeded into an empty database")]
    NotEmpty(i64),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

#[derive(Debug, Clone, Copy)]
pub struct SeedReport {
    pub people: usize,
    pub teams: usize,
    pub departments: usize,
}

/// Rows per INSERT statement: 1,000 people x 20 columns stays under both SQLite's and
/// PostgreSQL's limits on bound parameters.
const BATCH: usize = 1_000;

/// Generates the demo company and writes it in one transaction, refusing a database that
/// already holds people (demo data must never mix with real data).
pub fn seed(conn: &mut DbConn, opts: DemoOptions) -> Result<SeedReport, SeedError> {
    let company = generate(opts);
    conn.transaction(|conn| {
        let existing: i64 = people::table.count().get_result(conn)?;
        if existing > 0 {
            return Err(SeedError::NotEmpty(existing));
        }
        write(conn, &company, opts.today)?;
        Ok(SeedReport {
            people: company.people.len(),
            teams: company.teams.len(),
            departments: company.departments.len(),
        })
    })
}

/// After a bulk load PostgreSQL's tables have no visibility map and no hint bits yet: the
/// first read of each row writes to it, and index-only scans still visit the table.
/// Autovacuum settles this in a running database (some machines run with it off); the seed
/// command does it at once, outside the seed's transaction as VACUUM requires. Measured at
/// 50,000 people: the profile page 353 req/s straight after seeding, 424 after this.
pub fn settle_after_bulk_load(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Postgres(c) = conn {
        use diesel::connection::SimpleConnection;
        c.batch_execute("VACUUM")?;
    }
    Ok(())
}

fn write(conn: &mut DbConn, company: &DemoCompany, today: chrono::NaiveDate) -> QueryResult<()> {
    per_backend!(conn, |c| {
        diesel::insert_into(departments::table).values(&company.departments).execute(c)?;
        for chunk in company.teams.chunks(BATCH) {
            diesel::insert_into(teams::table).values(chunk).execute(c)?;
        }
        for chunk in company.people.chunks(BATCH) {
            diesel::insert_into(people::table).values(chunk).execute(c)?;
        }
    });
    crate::org::queries::people_loaded(conn)?;
    if let DbConn::Postgres(c) = conn {
        // Ids were given explicitly; move the identity sequences past them.
        use diesel::connection::SimpleConnection;
        c.batch_execute(
            "SELECT setval(pg_get_serial_sequence('departments', 'id'), (SELECT MAX(id) FROM departments)); \
             SELECT setval(pg_get_serial_sequence('teams', 'id'), (SELECT MAX(id) FROM teams)); \
             SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT MAX(id) FROM people));",
        )?;
    }
    // Each area adds its own records, in the order of AREAS (ladders before the promotions
    // that cite them, reviews before the calibration of their ratings).
    for seed in crate::areas::AREAS.iter().filter_map(|area| area.demo) {
        seed(conn, company, today)?;
    }
    // The areas wrote their records in bulk, without keeping their sums: count them once.
    crate::areas::recount_rollups(conn)?;
    // Fresh planner statistics: without them a bulk-loaded PostgreSQL plans every query as if
    // the tables were empty (measured: a 6x slower profile page at 50,000 people).
    {
        use diesel::connection::SimpleConnection;
        conn.batch_execute("ANALYZE")?;
    }
    crate::auth::personas::store(conn, &company.personas)?;
    Ok(())
}
