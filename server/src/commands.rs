//! What each CLI command does.

use crate::cli::{Cli, Command, LadderCommand, SeedArgs, ServeArgs};
use crate::config::ServerConfig;
use app::db::{DatabaseUrl, Db};
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
        Some(Command::Ladder(command)) => ladder(url, pool_size, command).await,
    }
}

/// `trellis ladder import|export`: the git workflow for ladders. An import with errors
/// prints each with its line and changes nothing.
async fn ladder(
    url: DatabaseUrl,
    pool_size: u32,
    command: LadderCommand,
) -> Result<(), CommandError> {
    use app::ladders::{file, queries, rules};
    let db = open_migrated(url, pool_size).await?;
    match command {
        LadderCommand::Import { file: path, publish, summary } => {
            let source = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let ladder = file::parse(&source).map_err(|errors| {
                let lines: Vec<String> = errors
                    .iter()
                    .map(|e| format!("{}:{}: {}", path.display(), e.line, e.message))
                    .collect();
                format!(
                    "the ladder file has {} problem(s); nothing was imported:\n{}",
                    errors.len(),
                    lines.join("\n")
                )
            })?;
            for warning in rules::lint(&ladder) {
                eprintln!("warning: {}", warning.message);
            }
            let summary = match (publish, summary) {
                (true, Some(s)) => {
                    Some(rules::check_change_summary(&s).map_err(|m| m.to_string())?)
                }
                _ => None,
            };
            let now = chrono::Utc::now().naive_utc();
            let outcome = db
                .transaction(move |c| -> Result<String, CommandError> {
                    let id = queries::find_or_create(c, &ladder, now)?;
                    match summary {
                        Some(summary) => {
                            if let Ok((info, published)) = queries::published(c, id, None) {
                                if *published == ladder {
                                    return Ok(format!(
                                        "Nothing to publish: the file matches version {} of {}.",
                                        info.number, ladder.slug
                                    ));
                                }
                            }
                            let n = queries::publish(c, id, &ladder, &source, &summary, None, now)?;
                            let entry = app::audit::AuditEntry::new(
                                None,
                                "publish_ladder",
                                app::audit::Target::Ladder(id),
                                app::audit::Outcome::Allowed,
                            )
                            .detail(format!("{} version {n} from the command line", ladder.slug));
                            app::audit::record(c, &entry)?;
                            Ok(format!("Published {} version {n}.", ladder.slug))
                        }
                        None => {
                            queries::replace_draft(c, id, &source, None, now)?;
                            Ok(format!(
                                "Saved {} as a draft: review and publish it at /ladders/{}/edit.",
                                ladder.slug, ladder.slug
                            ))
                        }
                    }
                })
                .await?;
            println!("{outcome}");
            Ok(())
        }
        LadderCommand::Export { slug, version } => {
            let lookup = slug.clone();
            let found = db
                .run(move |c| {
                    let id = queries::ladder_id(c, &lookup)?;
                    queries::published_source(c, id, version).map_err(app::error::AppError::from)
                })
                .await;
            match found {
                Ok((_, source)) => {
                    print!("{source}");
                    Ok(())
                }
                Err(app::error::AppError::NotFound) => Err(format!(
                    "no published ladder \"{slug}\"{}",
                    version.map(|v| format!(" version {v}")).unwrap_or_default()
                )
                .into()),
                Err(e) => Err(e.to_string().into()),
            }
        }
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
    let opts = DemoOptions {
        employees: args.employees as usize,
        seed: args.seed,
        today: chrono::Utc::now().date_naive(),
    };
    let started = std::time::Instant::now();
    let report = db
        .run(move |c| {
            let report = demo::seed(c, opts)?;
            demo::settle_after_bulk_load(c)?;
            Ok::<_, CommandError>(report)
        })
        .await?;
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
                tracing::info!(
                    people = n,
                    "the database already holds people: not seeding the demo company"
                )
            }
            Err(e) => return Err(e.into()),
        }
    }
    tokio::spawn(crate::jobs::run_forever(db.clone()));
    if let Some(smtp) = config.smtp.clone() {
        let mailer = crate::mailer::Mailer::new(&smtp, config.public_url.clone())?;
        tokio::spawn(mailer.run(db.clone()));
    }
    crate::router::serve(db, config).await
}
