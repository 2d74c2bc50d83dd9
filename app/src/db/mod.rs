//! The database: backend choice from the URL, a connection pool, migrations, and the one
//! way to touch the database from async code ([`Db::run`] / [`Db::transaction`]), which moves
//! the blocking diesel call onto tokio's blocking pool so it never stalls a runtime thread.

pub mod schema;
pub mod statement_log;
mod url;

pub use self::url::{DatabaseUrl, DatabaseUrlError};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::{Duration, Instant};

/// One connection type over both backends; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// Runs `$body` with `$c` bound to the concrete connection of either backend. For the few
/// places where the SQL must differ or MultiConnection lacks a feature (batch inserts).
#[macro_export]
macro_rules! per_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Postgres($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("database task was cancelled")]
    Cancelled,
}

/// Opens connections for the pool, applying the SQLite pragmas on each new connection:
/// WAL (readers never block the writer), foreign keys, a busy timeout instead of instant
/// `SQLITE_BUSY`, and synchronous=FULL so a committed write survives power loss. Reads go
/// through a memory map of the file (up to 256 MiB): each connection otherwise keeps its own
/// 2 MB page cache and makes a system call per page it misses, which showed at 50,000 people
/// (a 228 MB file, 16 connections). The map shares the operating system's page cache.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ConnectionManager {
    pub fn connect(url: &DatabaseUrl) -> Result<DbConn, DbError> {
        match url {
            DatabaseUrl::Postgres(u) => diesel::PgConnection::establish(u)
                .map(DbConn::Postgres)
                // libpq's messages span lines; an operator reads one line.
                .map_err(|e| {
                    DbError::Connect(e.to_string().split_whitespace().collect::<Vec<_>>().join(" "))
                }),
            DatabaseUrl::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(|e| DbError::Connect(e.to_string()))?;
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
                     PRAGMA mmap_size = 268435456;",
                )
                .map_err(|e| DbError::Connect(e.to_string()))?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }
}

/// A connection in the pool, with when it last did work. Checking every connection with a
/// `SELECT 1` at each checkout (r2d2's default) costs a round trip per checkout, and a page
/// checks out several; a connection used moments ago is known to be alive, so only one idle
/// for longer than [`VALIDATE_AFTER_IDLE`] is checked before it is handed out (the approach
/// of HikariCP's "alive bypass window").
pub struct PooledConn {
    conn: DbConn,
    last_used: Instant,
}

/// How long a connection may sit idle and still be handed out without a `SELECT 1`.
const VALIDATE_AFTER_IDLE: Duration = Duration::from_secs(2);

impl ManageConnection for ConnectionManager {
    type Connection = PooledConn;
    type Error = DbError;

    fn connect(&self) -> Result<PooledConn, DbError> {
        Ok(PooledConn { conn: Self::connect(&self.url)?, last_used: Instant::now() })
    }

    fn is_valid(&self, pooled: &mut PooledConn) -> Result<(), DbError> {
        if pooled.last_used.elapsed() < VALIDATE_AFTER_IDLE {
            return Ok(());
        }
        pooled.conn.batch_execute("SELECT 1").map_err(DbError::Query)?;
        pooled.last_used = Instant::now();
        Ok(())
    }

    fn has_broken(&self, pooled: &mut PooledConn) -> bool {
        // A connection left inside a transaction (a panic mid-transaction) must not be reused.
        diesel::r2d2::R2D2Connection::is_broken(&mut pooled.conn)
    }
}

/// A connection checked out for blocking code; returned to the pool when dropped.
pub struct BlockingConn(r2d2::PooledConnection<ConnectionManager>);

impl std::ops::Deref for BlockingConn {
    type Target = DbConn;
    fn deref(&self) -> &DbConn {
        &self.0.conn
    }
}

impl std::ops::DerefMut for BlockingConn {
    fn deref_mut(&mut self) -> &mut DbConn {
        &mut self.0.conn
    }
}

impl Drop for BlockingConn {
    fn drop(&mut self) {
        self.0.last_used = Instant::now();
    }
}

pub type Pool = r2d2::Pool<ConnectionManager>;

/// The application's handle on the database. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    url: DatabaseUrl,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("backend", &self.url.backend_name()).finish()
    }
}

impl Db {
    /// Connects (creating the SQLite file and its folder if needed) and checks one connection.
    pub fn connect(url: DatabaseUrl, max_connections: u32) -> Result<Self, DbError> {
        if let DatabaseUrl::Sqlite(path) = &url {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| {
                    DbError::Connect(format!("cannot create folder {}: {e}", dir.display()))
                })?;
            }
        }
        // Fail fast with the real reason (r2d2 would otherwise retry until its timeout).
        drop(ConnectionManager::connect(&url)?);
        let pool = r2d2::Pool::builder()
            .max_size(max_connections)
            .connection_timeout(Duration::from_secs(10))
            .build(ConnectionManager { url: url.clone() })
            .map_err(|e| DbError::Connect(e.to_string()))?;
        Ok(Self { pool, url })
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// Applies pending migrations; each runs in its own transaction, so a failure leaves the
    /// schema as it was before that migration.
    pub fn migrate_blocking(&self) -> Result<Vec<String>, DbError> {
        let mut conn = self.get_blocking()?;
        run_migrations(&mut conn)
    }

    /// A connection for blocking code (CLI commands, the seeder, tests).
    pub fn get_blocking(&self) -> Result<BlockingConn, DbError> {
        Ok(BlockingConn(self.pool.get()?))
    }

    /// Runs `f` on a pooled connection on the blocking thread pool.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = BlockingConn(pool.get().map_err(DbError::from)?);
            f(&mut conn)
        })
        .await
        .map_err(|_| E::from(DbError::Cancelled))?
    }

    /// Like [`Db::run`], inside one transaction: any `Err` rolls everything back.
    pub async fn transaction<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        self.run(move |conn| conn.transaction(f)).await
    }

    /// `/readyz`: can we get a connection and run a query right now?
    pub async fn ping(&self) -> Result<(), DbError> {
        self.run(|conn| conn.batch_execute("SELECT 1").map_err(DbError::Query)).await
    }
}

pub fn run_migrations(conn: &mut DbConn) -> Result<Vec<String>, DbError> {
    let applied: Vec<String> = match conn {
        DbConn::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
    }
    .map_err(|e| DbError::Migration(e.to_string()))?
    .into_iter()
    .map(|v| v.to_string())
    .collect();
    // Sums a migration has just added are counted for the records already there (at every
    // start, which costs one query per area when nothing is missing).
    conn.transaction(crate::areas::backfill_rollups).map_err(DbError::Query)?;
    Ok(applied)
}

/// Reads a value from the `settings` table.
pub fn setting(conn: &mut DbConn, key: &str) -> QueryResult<Option<String>> {
    use schema::settings::dsl as s;
    s::settings.filter(s::key.eq(key)).select(s::value).first(conn).optional()
}

pub fn set_setting(conn: &mut DbConn, key: &str, value: &str) -> QueryResult<()> {
    use schema::settings::dsl as s;
    diesel::delete(s::settings.filter(s::key.eq(key))).execute(conn)?;
    diesel::insert_into(s::settings).values((s::key.eq(key), s::value.eq(value))).execute(conn)?;
    Ok(())
}
