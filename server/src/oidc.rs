//! Company SSO with OpenID Connect: authorization code flow with PKCE, state and nonce.
//! The provider is discovered once at start-up; the ID token is verified (signature against
//! the provider's keys, issuer, audience, expiry, nonce) before anything is believed.

use crate::config::OidcSettings;
use app::auth::identities::VerifiedAccount;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    reqwest, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("cannot reach the SSO provider at {issuer}: {reason}")]
    Discovery { issuer: String, reason: String },
    #[error("SSO configuration: {0}")]
    Config(String),
    #[error("the SSO provider refused the sign-in code: {0}")]
    Exchange(String),
    #[error("the SSO provider returned no ID token")]
    NoIdToken,
    #[error("the ID token is not valid: {0}")]
    InvalidToken(String),
    #[error("the SSO provider's UserInfo answer was refused: {0}")]
    UserInfo(String),
}

/// A started sign-in: where to send the browser, and what to remember until it returns.
pub struct Authorization {
    pub url: url::Url,
    pub state: String,
    pub pkce_verifier: String,
    pub nonce: String,
}

pub struct Oidc {
    /// Re-read when a token does not verify, so a key rotation at the provider does not
    /// lock everyone out until a restart.
    /// The metadata, and when it was last re-read after a failed verification.
    metadata: std::sync::RwLock<(CoreProviderMetadata, Option<std::time::Instant>)>,
    settings: OidcSettings,
    http: reqwest::Client,
}

/// How often at most the provider's metadata and keys are re-read after a failed verification.
const REDISCOVER_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

impl Oidc {
    pub async fn discover(settings: OidcSettings) -> Result<Self, OidcError> {
        // Never follow redirects: a redirect from the provider's endpoints could point the
        // server at internal addresses (SSRF).
        let http = reqwest::ClientBuilder::new()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| OidcError::Config(e.to_string()))?;
        let metadata = discover(&settings, &http).await?;
        Ok(Self { metadata: std::sync::RwLock::new((metadata, None)), settings, http })
    }

    fn metadata(&self) -> CoreProviderMetadata {
        self.metadata.read().unwrap_or_else(|p| p.into_inner()).0.clone()
    }

    /// Re-reads the provider's metadata and keys, at most once a minute. True if it did.
    async fn rediscover(&self) -> bool {
        let last = self.metadata.read().unwrap_or_else(|p| p.into_inner()).1;
        if last.is_some_and(|at| at.elapsed() < REDISCOVER_AFTER) {
            return false;
        }
        self.metadata.write().unwrap_or_else(|p| p.into_inner()).1 =
            Some(std::time::Instant::now());
        match discover(&self.settings, &self.http).await {
            Ok(fresh) => {
                *self.metadata.write().unwrap_or_else(|p| p.into_inner()) =
                    (fresh, Some(std::time::Instant::now()));
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not re-read the SSO provider's keys");
                false
            }
        }
    }

    fn client(
        &self,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        OidcError,
    > {
        let redirect = RedirectUrl::new(self.settings.redirect_uri.clone())
            .map_err(|e| OidcError::Config(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            self.metadata(),
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    pub fn authorize(&self) -> Result<Authorization, OidcError> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let client = self.client()?;
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Authorization {
            url,
            state: state.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
        })
    }

    /// Redeems the code and verifies the ID token against the nonce of this sign-in.
    pub async fn finish(
        &self,
        code: String,
        pkce_verifier: String,
        nonce: String,
    ) -> Result<VerifiedAccount, OidcError> {
        let client = self.client()?;
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| OidcError::Config(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Exchange(error_chain(&e)))?;
        let id_token = response.id_token().ok_or(OidcError::NoIdToken)?;
        let nonce = Nonce::new(nonce);
        let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => claims.clone(),
            // Perhaps the provider rotated its signing keys: re-read them once and retry.
            Err(first) => {
                if !self.rediscover().await {
                    return Err(OidcError::InvalidToken(error_chain(&first)));
                }
                let fresh = self.client()?;
                let verifier = fresh.id_token_verifier();
                let claims = id_token
                    .claims(&verifier, &nonce)
                    .map_err(|e| OidcError::InvalidToken(error_chain(&e)))?
                    .clone();
                claims
            }
        };
        let mut email = claims.email().map(|e| e.as_str().to_string());
        let mut email_verified = claims.email_verified();
        // OpenID Connect lets a provider give the email in its UserInfo answer only (Core 5.4;
        // some providers' default): ask there, for the same subject, when the ID token lacks it.
        if email.is_none() || email_verified.is_none() {
            if let Ok(request) =
                client.user_info(response.access_token().clone(), Some(claims.subject().clone()))
            {
                let info: CoreUserInfoClaims = request
                    .request_async(&self.http)
                    .await
                    .map_err(|e| OidcError::UserInfo(error_chain(&e)))?;
                if email.is_none() {
                    email = info.email().map(|e| e.as_str().to_string());
                }
                email_verified = email_verified.or(info.email_verified());
            }
        }
        Ok(VerifiedAccount {
            issuer: claims.issuer().as_str().to_string(),
            subject: claims.subject().as_str().to_string(),
            email,
            email_verified: email_verified.unwrap_or(false),
        })
    }
}

async fn discover(
    settings: &OidcSettings,
    http: &reqwest::Client,
) -> Result<CoreProviderMetadata, OidcError> {
    let issuer =
        IssuerUrl::new(settings.issuer.clone()).map_err(|e| OidcError::Config(e.to_string()))?;
    CoreProviderMetadata::discover_async(issuer, http).await.map_err(|e| OidcError::Discovery {
        issuer: settings.issuer.clone(),
        reason: error_chain(&e),
    })
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}
