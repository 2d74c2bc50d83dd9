//! The server's settings, checked once at start-up.

use crate::cli::ServeArgs;
use app::auth::sessions::SessionPolicy;
use std::net::SocketAddr;

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub public_url: url::Url,
    pub sessions: SessionPolicy,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("TRELLIS_PUBLIC_URL is not a valid http(s) URL: {0}")]
    PublicUrl(String),
    #[error("{0} must be a positive number")]
    NotPositive(&'static str),
}

impl ServerConfig {
    pub fn from_args(args: &ServeArgs) -> Result<Self, ConfigError> {
        let raw = args.public_url.clone().unwrap_or_else(|| format!("http://{}", args.addr));
        let public_url = url::Url::parse(&raw).map_err(|e| ConfigError::PublicUrl(format!("{raw}: {e}")))?;
        if !matches!(public_url.scheme(), "http" | "https") {
            return Err(ConfigError::PublicUrl(raw));
        }
        if args.session_idle_minutes <= 0 {
            return Err(ConfigError::NotPositive("TRELLIS_SESSION_IDLE_MINUTES"));
        }
        if args.session_lifetime_hours <= 0 {
            return Err(ConfigError::NotPositive("TRELLIS_SESSION_LIFETIME_HOURS"));
        }
        Ok(Self {
            addr: args.addr,
            public_url,
            sessions: SessionPolicy {
                idle_timeout: chrono::Duration::minutes(args.session_idle_minutes),
                absolute_lifetime: chrono::Duration::hours(args.session_lifetime_hours),
            },
        })
    }

    /// Behind https, cookies are `Secure` and `__Host-` prefixed; on plain-http loopback
    /// (development, tests) browsers would drop such cookies, so both are relaxed there.
    pub fn https(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    pub fn session_cookie_name(&self) -> &'static str {
        if self.https() {
            "__Host-trellis_session"
        } else {
            "trellis_session"
        }
    }
}
