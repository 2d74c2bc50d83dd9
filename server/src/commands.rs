//! What each CLI command does.

use crate::cli::{AdminCommand, Cli, Command, LadderCommand, PeopleCommand, SeedArgs, ServeArgs};
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
        Some(Command::People(command)) => people(url, pool_size, command).await,
        Some(Command::Admin(command)) => admin(url, pool_size, command).await,
    }
}

/// `trellis people import`: prints the preview (new, changed field by field, missing) and
/// every problem with its line; applies the file in one transaction, audited, unless it has
/// problems or `--dry-run`.
async fn people(
    url: DatabaseUrl,
    pool_size: u32,
    command: PeopleCommand,
) -> Result<(), CommandError> {
    use app::org::import;
    let (path, dry_run, depart_missing) = match command {
        PeopleCommand::Import { file, dry_run, depart_missing } => (file, dry_run, depart_missing),
        PeopleCommand::Export { output } => return export_people(url, pool_size, output).await,
    };
    let depart_missing = match depart_missing.as_deref().map(app::kernel::form_date) {
        None => None,
        Some(Some(d)) => Some(d),
        Some(None) => return Err("--depart-missing takes a date, for example 2026-12-01".into()),
    };
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let sheet = import::read(&bytes).map_err(|problems| refused(&path, &problems))?;
    for ignored in &sheet.ignored {
        eprintln!("note: the column \"{ignored}\" is not one Trellis reads; it is ignored");
    }
    let db = open_migrated(url, pool_size).await?;
    let now = chrono::Utc::now().naive_utc();
    let outcome = db
        .transaction(move |c| -> Result<(import::Plan, Option<import::Applied>), CommandError> {
            let existing = import::existing_people(c)?;
            let plan = import::plan(&sheet, &existing, now.date());
            if !plan.problems.is_empty()
                || dry_run
                || (plan.changes_nothing() && depart_missing.is_none())
            {
                return Ok((plan, None));
            }
            let applied = import::apply(c, &plan, depart_missing, now)?;
            let entry = app::audit::AuditEntry::new(
                None,
                "import_people",
                app::audit::Target::Page("people"),
                app::audit::Outcome::Allowed,
            )
            .detail(format!(
                "from the command line: {} new, {} changed, {} departed",
                applied.created, applied.changed, applied.departed
            ));
            app::audit::record(c, &entry)?;
            Ok((plan, Some(applied)))
        })
        .await?;
    let (plan, applied) = outcome;
    if !plan.problems.is_empty() {
        return Err(refused(&path, &plan.problems).into());
    }
    println!("{}", preview(&plan));
    match applied {
        Some(a) => println!(
            "Applied: {} new, {} changed, {} recorded as departed.",
            a.created, a.changed, a.departed
        ),
        None if plan.changes_nothing() && depart_missing.is_none() => {
            println!("Nothing to change: Trellis already has the people as the file says.")
        }
        None => println!("Dry run: nothing was changed."),
    }
    Ok(())
}

/// `trellis people export`: everyone in the import's columns, spreadsheet-safe.
async fn export_people(
    url: DatabaseUrl,
    pool_size: u32,
    output: Option<std::path::PathBuf>,
) -> Result<(), CommandError> {
    use app::org::import::{self, Column};
    let db = open_migrated(url, pool_size).await?;
    let people = db.run(|c| -> Result<_, CommandError> { Ok(import::existing_people(c)?) }).await?;
    let header: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    let mut file = crate::exports::Csv::new(&header);
    for row in import::export_rows(&people) {
        file.row(&row.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let bytes = file.into_bytes();
    match output {
        Some(path) => std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => std::io::Write::write_all(&mut std::io::stdout(), &bytes)?,
    }
    Ok(())
}

/// The message for a file with problems: each with its line, nothing changed.
fn refused(path: &std::path::Path, problems: &[app::org::import::Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(|p| format!("{}: {p}", path.display())).collect();
    format!(
        "the people file has {} problem(s); nothing was changed:\n{}",
        problems.len(),
        lines.join("\n")
    )
}

/// What a plan would do, for a terminal.
fn preview(plan: &app::org::import::Plan) -> String {
    let mut out = vec![format!(
        "{} new, {} changed, {} unchanged, {} missing from the file.",
        plan.new.len(),
        plan.changed.len(),
        plan.unchanged,
        plan.missing.len()
    )];
    for &i in &plan.new {
        let p = &plan.people[i];
        out.push(format!(
            "  line {}: new: {} <{}>, {}, {}",
            p.line,
            p.name,
            p.email,
            p.department,
            p.level.code()
        ));
    }
    for (i, changes) in &plan.changed {
        let p = &plan.people[*i];
        let fields: Vec<String> = changes
            .iter()
            .map(|c| format!("{}: {} -> {}", c.column.header(), or_blank(&c.old), or_blank(&c.new)))
            .collect();
        out.push(format!("  line {}: {}: {}", p.line, p.email, fields.join("; ")));
    }
    for (_, name, email) in &plan.missing {
        out.push(format!(
            "  missing: {name} <{email}> (kept; --depart-missing DATE records them as departed)"
        ));
    }
    out.join("\n")
}

fn or_blank(value: &str) -> &str {
    if value.is_empty() {
        "(blank)"
    } else {
        value
    }
}

/// `trellis admin add-hr`: grants HR to someone, adding them first when Trellis does not
/// have them. Audited.
async fn admin(
    url: DatabaseUrl,
    pool_size: u32,
    command: AdminCommand,
) -> Result<(), CommandError> {
    let AdminCommand::AddHr { email, name } = command;
    let email = app::kernel::email::address(&email).map_err(|e| e.to_string())?;
    let name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if name.as_ref().is_some_and(|n| n.chars().count() > 200) {
        return Err("--name takes at most 200 characters".into());
    }
    let db = open_migrated(url, pool_size).await?;
    let now = chrono::Utc::now().naive_utc();
    let message = db
        .transaction(move |c| -> Result<String, CommandError> {
            let outcome = app::org::queries::grant_hr(c, &email, name.as_deref(), now)?;
            let (id, message) = match outcome {
                app::org::queries::HrGrant::Granted(id) => (id, format!("{email} is now an HR admin.")),
                app::org::queries::HrGrant::Created(id) => (id, format!("Added {email} to Trellis as an HR admin; the people file fills in their details.")),
                app::org::queries::HrGrant::Already(_) => return Ok(format!("{email} is already an HR admin.")),
                app::org::queries::HrGrant::NeedsName => return Err(format!("Trellis has nobody with the address {email}: give their name with --name to add them.").into()),
                app::org::queries::HrGrant::Departed => return Err(format!("{email} has left the company: record their return first.").into()),
            };
            let entry = app::audit::AuditEntry::new(None, "grant_hr", app::audit::Target::Person(id), app::audit::Outcome::Allowed)
                .detail("from the command line");
            app::audit::record(c, &entry)?;
            Ok(message)
        })
        .await?;
    println!("{message}");
    Ok(())
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
