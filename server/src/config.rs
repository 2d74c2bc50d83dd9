//! The server's settings, checked once at start-up.

use crate::cli::ServeArgs;
use app::auth::sessions::SessionPolicy;
use std::net::SocketAddr;

#[derive(Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub public_url: url::Url,
    pub sessions: SessionPolicy,
    pub oidc: Option<OidcSettings>,
    pub smtp: Option<SmtpSettings>,
    pub sign_in: SignInSettings,
}

/// The sign-in routes' limits and whom to believe about the client's address.
#[derive(Debug, Clone)]
pub struct SignInSettings {
    pub per_minute: u32,
    pub failures: u32,
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

/// Where email goes. The URL may hold credentials, so it is never printed.
#[derive(Clone)]
pub struct SmtpSettings {
    pub url: String,
    pub from: String,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings").field("from", &self.from).finish_non_exhaustive()
    }
}

/// Company SSO settings; all three are given or none.
#[derive(Clone)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// TRELLIS_PUBLIC_URL + /auth/callback
    pub redirect_uri: String,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("TRELLIS_PUBLIC_URL is not a valid http(s) URL: {0}")]
    PublicUrl(String),
    #[error("{0} must be a positive number")]
    NotPositive(&'static str),
    #[error("company SSO needs all of TRELLIS_OIDC_ISSUER, TRELLIS_OIDC_CLIENT_ID and TRELLIS_OIDC_CLIENT_SECRET (missing: {0})")]
    PartialOidc(String),
    #[error("TRELLIS_OIDC_ISSUER is not a valid URL: {0}")]
    OidcIssuer(String),
    #[error("TRELLIS_SMTP_URL must start with smtp:// or smtps://")]
    SmtpUrl,
    #[error("TRELLIS_MAIL_FROM is not an email address: {0}")]
    MailFrom(String),
    #[error("TRELLIS_TRUSTED_PROXIES: {0} is neither an IP address nor a CIDR range")]
    TrustedProxy(String),
}

impl ServerConfig {
    pub fn from_args(args: &ServeArgs) -> Result<Self, ConfigError> {
        let raw = args.public_url.clone().unwrap_or_else(|| format!("http://{}", args.addr));
        let public_url =
            url::Url::parse(&raw).map_err(|e| ConfigError::PublicUrl(format!("{raw}: {e}")))?;
        if !matches!(public_url.scheme(), "http" | "https") {
            return Err(ConfigError::PublicUrl(raw));
        }
        if args.session_idle_minutes <= 0 {
            return Err(ConfigError::NotPositive("TRELLIS_SESSION_IDLE_MINUTES"));
        }
        if args.session_lifetime_hours <= 0 {
            return Err(ConfigError::NotPositive("TRELLIS_SESSION_LIFETIME_HOURS"));
        }
        if args.sign_in_limit == 0 {
            return Err(ConfigError::NotPositive("TRELLIS_SIGN_IN_LIMIT"));
        }
        if args.sign_in_failures == 0 {
            return Err(ConfigError::NotPositive("TRELLIS_SIGN_IN_FAILURES"));
        }
        let trusted_proxies = args
            .trusted_proxies
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<ipnet::IpNet>()
                    .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| ConfigError::TrustedProxy(p.to_string()))
            })
            .collect::<Result<_, _>>()?;
        let oidc = oidc_settings(args, &public_url)?;
        let smtp = match args.smtp_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            None => None,
            Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => {
                args.mail_from
                    .parse::<lettre::message::Mailbox>()
                    .map_err(|_| ConfigError::MailFrom(args.mail_from.clone()))?;
                Some(SmtpSettings { url: url.to_string(), from: args.mail_from.clone() })
            }
            Some(_) => return Err(ConfigError::SmtpUrl),
        };
        Ok(Self {
            addr: args.addr,
            oidc,
            smtp,
            public_url,
            sign_in: SignInSettings {
                per_minute: args.sign_in_limit,
                failures: args.sign_in_failures,
                trusted_proxies,
            },
            sessions: SessionPolicy {
                idle_timeout: chrono::Duration::minutes(args.session_idle_minutes),
                absolute_lifetime: chrono::Duration::hours(args.session_lifetime_hours),
            },
        })
    }

    pub fn sso_configured(&self) -> bool {
        self.oidc.is_some()
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

fn oidc_settings(
    args: &ServeArgs,
    public_url: &url::Url,
) -> Result<Option<OidcSettings>, ConfigError> {
    let given = [
        ("TRELLIS_OIDC_ISSUER", &args.oidc_issuer),
        ("TRELLIS_OIDC_CLIENT_ID", &args.oidc_client_id),
        ("TRELLIS_OIDC_CLIENT_SECRET", &args.oidc_client_secret),
    ];
    let missing: Vec<&str> = given
        .iter()
        .filter(|(_, v)| v.as_deref().is_none_or(str::is_empty))
        .map(|(k, _)| *k)
        .collect();
    if missing.len() == given.len() {
        return Ok(None);
    }
    if !missing.is_empty() {
        return Err(ConfigError::PartialOidc(missing.join(", ")));
    }
    let issuer = args.oidc_issuer.clone().unwrap_or_default();
    url::Url::parse(&issuer).map_err(|e| ConfigError::OidcIssuer(format!("{issuer}: {e}")))?;
    let redirect_uri = format!("{}/auth/callback", public_url.as_str().trim_end_matches('/'));
    Ok(Some(OidcSettings {
        issuer,
        client_id: args.oidc_client_id.clone().unwrap_or_default(),
        client_secret: args.oidc_client_secret.clone().unwrap_or_default(),
        redirect_uri,
    }))
}
