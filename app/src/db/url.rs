//! `DATABASE_URL`, parsed once: the backend is chosen from the scheme.

use std::path::PathBuf;

#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path; `sqlite://relative/path.db`, `sqlite:///abs/path.db` or a bare path.
    Sqlite(PathBuf),
    /// `postgres://` or `postgresql://`, passed to libpq as is.
    Postgres(String),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DatabaseUrlError {
    #[error("DATABASE_URL is empty")]
    Empty,
    #[error("DATABASE_URL has an unsupported scheme `{0}` (use a file path, sqlite://PATH or postgres://...)")]
    UnsupportedScheme(String),
    #[error("DATABASE_URL is not a valid PostgreSQL URL: {0}")]
    BadPostgres(String),
    #[error("DATABASE_URL names no SQLite file")]
    NoSqlitePath,
}

impl DatabaseUrl {
    pub const DEFAULT: &'static str = "data/trellis.db";

    pub fn parse(raw: &str) -> Result<Self, DatabaseUrlError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(DatabaseUrlError::Empty);
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let parsed =
                url::Url::parse(raw).map_err(|e| DatabaseUrlError::BadPostgres(e.to_string()))?;
            if parsed.host_str().is_none_or(str::is_empty) && !raw.contains("host=") {
                return Err(DatabaseUrlError::BadPostgres("no host".into()));
            }
            return Ok(Self::Postgres(raw.to_string()));
        }
        if let Some(rest) = raw.strip_prefix("sqlite://").or_else(|| raw.strip_prefix("sqlite:")) {
            if rest.is_empty() {
                return Err(DatabaseUrlError::NoSqlitePath);
            }
            return Ok(Self::Sqlite(PathBuf::from(rest)));
        }
        if let Some((scheme, _)) = raw.split_once("://") {
            return Err(DatabaseUrlError::UnsupportedScheme(scheme.to_string()));
        }
        Ok(Self::Sqlite(PathBuf::from(raw)))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    /// For logs: the SQLite path, or the PostgreSQL URL without its password.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(p) => format!("sqlite://{}", p.display()),
            Self::Postgres(u) => match url::Url::parse(u) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() {
                        let _ = parsed.set_password(Some("***"));
                    }
                    parsed.to_string()
                }
                Err(_) => "postgres://(unparseable)".into(),
            },
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_backend_from_the_scheme() {
        assert_eq!(
            DatabaseUrl::parse("data/trellis.db").unwrap(),
            DatabaseUrl::Sqlite("data/trellis.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db").unwrap(),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/trellis.db").unwrap(),
            DatabaseUrl::Sqlite("/var/lib/trellis.db".into())
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u:p@127.0.0.1:5432/trellis").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
    }

    #[test]
    fn rejects_malformed_urls_with_a_reason() {
        assert_eq!(DatabaseUrl::parse("  "), Err(DatabaseUrlError::Empty));
        assert_eq!(
            DatabaseUrl::parse("mysql://localhost/x"),
            Err(DatabaseUrlError::UnsupportedScheme("mysql".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://[bad"),
            Err(DatabaseUrlError::BadPostgres(_))
        ));
        assert_eq!(DatabaseUrl::parse("sqlite://"), Err(DatabaseUrlError::NoSqlitePath));
    }

    #[test]
    fn never_prints_the_password() {
        let url = DatabaseUrl::parse("postgres://trellis:s3cret@db:5432/trellis").unwrap();
        assert!(!url.redacted().contains("s3cret"));
        assert!(!format!("{url:?}").contains("s3cret"));
    }
}
