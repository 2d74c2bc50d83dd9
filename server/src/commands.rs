//! What each CLI command does.

use crate::cli::{Cli, Command, SeedArgs, ServeArgs};
use crate::config::ServerConfig;
use app::db::{Db, DatabaseUrl};
use app::demo::{self, DemoOptions};

pub type CommandError = Box<dyn std::error::Error + Send + Sync>;

pub async fn run(cli: Cli) -> Result<(), CommandError> {
    let url = DatabaseUrl::parse(&cli.database.url)?;
    let pool_size = cli.database.pool_size.max(1);
    match cli.command {
        None => serve(url, pool_size, cli.serve).await,
        Some(Command::Serve(args)) => serve(url, pool_size, args).await,
        Some(Command::Migrate) => {
            let db = open(url, pool_size).await?;
            let applied = tokio::task::spawn_blocking(move || db.migrate_blocking()).await??;
            if applied.is_empty() {
                println!("The database is up to date.");
            } else {
                println!("Applied {} migration(s): {}", applied.len(), applied.join(", "));
            }
            Ok(())
        }
        Some(Command::Seed(args)) => seed(url, pool_size, args).await,
    }
}

/// Connects and migrates; every failure becomes one readable line.
async fn open(url: DatabaseUrl, pool_size: u32) -> Result<Db, CommandError> {
    let shown = url.redacted();
    let db = tokio::task::spawn_blocking(move || Db::connect(url, pool_size))
        .await?
        .map_err(|e| format!("{e} (DATABASE_URL={shown})"))?;
    Ok(db)
}

async fn open_migrated(url: DatabaseUrl, pool_size: u32) -> Result<Db, CommandError> {
    let db = open(url, pool_size).await?;
    let migrating = db.clone();
    let applied = tokio::task::spawn_blocking(move || migrating.migrate_blocking()).await??;
    if !applied.is_empty() {
        tracing::info!(count = applied.len(), "applied database migrations");
    }
    Ok(db)
}

async fn seed(url: DatabaseUrl, pool_size: u32, args: SeedArgs) -> Result<(), CommandError> {
    let db = open_migrated(url, pool_size).await?;
    let opts = DemoOptions { employees: args.employees as usize, seed: args.seed, today: chrono::Utc::now().date_naive() };
    let started = std::time::Instant::now();
    let report = db.run(move |c| demo::seed(c, opts).map_err(CommandError::from)).await?;
    println!(
        "Seeded the demo company: {} people in {} teams and {} departments, in {:.1} s.",
        report.people,
        report.teams,
        report.departments,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn serve(url: DatabaseUrl, pool_size: u32, args: ServeArgs) -> Result<(), CommandError> {
    let config = ServerConfig::from_args(&args)?;
    let db = open_migrated(url, pool_size).await?;
    if args.demo {
        let opts = DemoOptions {
            employees: DemoOptions::DEFAULT_EMPLOYEES,
            seed: DemoOptions::DEFAULT_SEED,
            today: chrono::Utc::now().date_naive(),
        };
        match db.run(move |c| demo::seed(c, opts)).await {
            Ok(report) => tracing::info!(people = report.people, "seeded the demo company"),
            Err(demo::SeedError::NotEmpty(n)) => {
                tracing::info!(people = n, "the database already holds people: not seeding the demo company")
            }
            Err(e) => return Err(e.into()),
        }
    }
    crate::router::serve(db, config).await
}
