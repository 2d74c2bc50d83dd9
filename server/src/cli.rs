//! The command line. Every setting can also come from the environment; `--help` lists both.

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "trellis",
    version,
    about = "Trellis: self-hosted performance management (OKRs, reviews, calibration, career ladders, 1:1s).",
    after_help = "Environment variables:\n  \
      DATABASE_URL                    SQLite file path or sqlite://PATH (default data/trellis.db), or postgres://USER@HOST/DB\n  \
      LEPTOS_SITE_ADDR                address to listen on (default 127.0.0.1:3000)\n  \
      LEPTOS_SITE_ROOT                folder with the built site: pkg/ and public assets (default target/site)\n  \
      TRELLIS_PUBLIC_URL              the URL people use to reach Trellis (default http://LEPTOS_SITE_ADDR)\n  \
      TRELLIS_DEMO                    true: like --demo (handy with cargo leptos watch)\n  \
      TRELLIS_DB_POOL_SIZE            database connections per instance (default 16)\n  \
      TRELLIS_SESSION_IDLE_MINUTES    sign people out after this much inactivity (default 30)\n  \
      TRELLIS_SESSION_LIFETIME_HOURS  sign people out this long after sign-in, active or not (default 12)\n  \
      TRELLIS_OIDC_ISSUER             company SSO: OpenID Connect issuer URL (turns demo sign-in off)\n  \
      TRELLIS_OIDC_CLIENT_ID          company SSO: client id; the redirect URI is TRELLIS_PUBLIC_URL/auth/callback\n  \
      TRELLIS_OIDC_CLIENT_SECRET      company SSO: client secret\n  \
      TRELLIS_LOG_FORMAT              text or json (default text)\n  \
      RUST_LOG                        log filter, e.g. info or server=debug,tower_http=info (default info)"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// With no command, `trellis` serves (these are `trellis serve`'s options).
    #[command(flatten)]
    pub serve: ServeArgs,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Log format.
    #[arg(long, env = "TRELLIS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database: a SQLite file path (or sqlite://PATH), or a postgres:// URL.
    #[arg(
        long = "database-url",
        env = "DATABASE_URL",
        default_value = "data/trellis.db",
        global = true
    )]
    pub url: String,

    /// Database connections per instance.
    #[arg(
        long = "db-pool-size",
        env = "TRELLIS_DB_POOL_SIZE",
        default_value_t = 16,
        global = true
    )]
    pub pool_size: u32,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default). Migrations are applied first.
    Serve(ServeArgs),
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Fill an empty database with data.
    Seed(SeedArgs),
    /// Career ladders as files: import one (as a draft, or published) or export one.
    #[command(subcommand)]
    Ladder(LadderCommand),
    /// People from the HR system's file (CSV).
    #[command(subcommand)]
    People(PeopleCommand),
    /// Administration: who runs Trellis.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Read a people file (CSV from an HR system or a spreadsheet), print what it would
    /// change and every problem by line, and apply it in one transaction unless --dry-run.
    /// A file with any problem changes nothing.
    Import {
        /// The CSV file, e.g. people.csv.
        file: std::path::PathBuf,
        /// Only print what the file would change.
        #[arg(long)]
        dry_run: bool,
        /// Record the people Trellis has whom the file does not list as departed on this day
        /// (YYYY-MM-DD). Without it they are listed and kept.
        #[arg(long, value_name = "DATE")]
        depart_missing: Option<String>,
    },
    /// Write everyone (departed too) in the columns `import` reads, safe to open in a
    /// spreadsheet; importing the file back changes nothing.
    Export {
        /// Write to this file instead of the standard output.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Make someone an HR admin, adding them to Trellis first if needed (their details come
    /// with the people file later). Audited.
    AddHr {
        /// Their work email.
        email: String,
        /// Their name, for someone Trellis does not have yet.
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LadderCommand {
    /// Read a ladder file (TOML); with errors, print them by line and change nothing.
    Import {
        /// The ladder file, e.g. ladders/engineering.toml.
        file: std::path::PathBuf,
        /// Publish it as the next version instead of saving it as HR's draft.
        #[arg(long, requires = "summary")]
        publish: bool,
        /// What changed in this version (shown in the version history).
        #[arg(long)]
        summary: Option<String>,
    },
    /// Print a published version of a ladder as TOML.
    Export {
        /// The ladder's slug, e.g. engineering.
        slug: String,
        /// The version number (default: the latest).
        #[arg(long)]
        version: Option<i32>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Seed the demo company first if the database is empty (never into one that holds data).
    #[arg(long, env = "TRELLIS_DEMO")]
    pub demo: bool,

    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: std::net::SocketAddr,

    /// The URL people use to reach Trellis; https here turns on Secure cookies and HSTS.
    #[arg(long, env = "TRELLIS_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Idle timeout of a signed-in session, in minutes.
    #[arg(long, env = "TRELLIS_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: i64,

    /// Absolute lifetime of a signed-in session, in hours.
    #[arg(long, env = "TRELLIS_SESSION_LIFETIME_HOURS", default_value_t = 12)]
    pub session_lifetime_hours: i64,

    /// Company SSO: the OpenID Connect issuer URL (discovery at ISSUER/.well-known/openid-configuration).
    #[arg(long, env = "TRELLIS_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,

    /// Company SSO: the client id registered for Trellis at the provider.
    #[arg(long, env = "TRELLIS_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,

    /// Company SSO: the client secret (prefer the environment variable over the flag).
    #[arg(long, env = "TRELLIS_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,

    /// SMTP server for reminders and notices, e.g. smtps://user:pass@mail.example.com or
    /// smtp://localhost:25 (unset: messages wait in the outbox, which HR can read).
    #[arg(long, env = "TRELLIS_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The From address of Trellis's email.
    #[arg(long, env = "TRELLIS_MAIL_FROM", default_value = "Trellis <trellis@localhost>")]
    pub mail_from: String,

    /// Sign-in requests a minute from one client address: a ceiling for floods, above what a
    /// whole company signing in behind one office address sends.
    #[arg(long, env = "TRELLIS_SIGN_IN_LIMIT", default_value_t = 600)]
    pub sign_in_limit: u32,

    /// Refused sign-ins allowed per account in 15 minutes (ten times as many per client
    /// address); past it, sign-in answers 429 until the oldest refusal is 15 minutes old.
    #[arg(long, env = "TRELLIS_SIGN_IN_FAILURES", default_value_t = 10)]
    pub sign_in_failures: u32,

    /// Reverse proxies whose X-Forwarded-For is believed, as addresses or CIDR ranges
    /// separated by commas (e.g. 10.0.0.0/8,192.168.1.5). Unset: the connection's address is
    /// the client's, whatever the header says.
    #[arg(long, env = "TRELLIS_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct SeedArgs {
    /// Generate the demo company, Lumen Works.
    #[arg(long, required = true)]
    pub demo: bool,

    /// Number of people (40 to 50,000).
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u32).range(40..=50_000))]
    pub employees: u32,

    /// Random seed: the same seed gives the same company.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}
