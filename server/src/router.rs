//! The axum application: Leptos pages and server functions, static files, sign-in routes
//! and health checks, wrapped in the middleware stack.

use crate::config::ServerConfig;
use crate::oidc::Oidc;
use crate::rate_limit::SignInLimits;
use crate::site_files::SiteFiles;
use crate::{auth_routes, health, middleware};
use app::context::{AppSettings, AppState};
use app::db::Db;
use axum::extract::FromRef;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::services::ServeFile;

/// Largest request body accepted (413 beyond): assessments are text, not uploads.
const BODY_LIMIT_BYTES: usize = 1024 * 1024;

#[derive(Clone)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
    pub config: Arc<ServerConfig>,
    /// Company SSO, when configured (discovered at start-up).
    pub oidc: Option<Arc<Oidc>>,
    /// The sign-in routes' limits per client address and per account.
    pub sign_in_limits: Arc<SignInLimits>,
    /// The built site's file names (content-hashed or plain).
    pub site_files: SiteFiles,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos_options.clone()
    }
}

/// Builds the state: discovers the SSO provider (a wrong issuer stops start-up with one
/// line); demo sign-in is on only when the database holds the demo company and no SSO is
/// configured.
pub async fn state(
    db: Db,
    config: ServerConfig,
) -> Result<ServerState, crate::commands::CommandError> {
    let is_demo =
        db.run(|c| app::auth::personas::is_demo(c).map_err(app::db::DbError::from)).await?;
    let sso_configured = config.sso_configured();
    let oidc = match config.oidc.clone() {
        Some(settings) => Some(Arc::new(Oidc::discover(settings).await?)),
        None => None,
    };
    let settings = AppSettings {
        demo_sign_in: is_demo && !sso_configured,
        sso_configured,
        smtp_configured: config.smtp.is_some(),
    };
    let mut leptos_options = get_configuration(None)?.leptos_options;
    leptos_options.site_addr = config.addr;
    let site_files = SiteFiles::find(&mut leptos_options);
    let sign_in_limits =
        Arc::new(SignInLimits::new(config.sign_in.per_minute, config.sign_in.failures));
    Ok(ServerState {
        leptos_options,
        site_files,
        app: AppState { db, settings: Arc::new(settings) },
        config: Arc::new(config),
        oidc,
        sign_in_limits,
    })
}

/// The app's routes, listed once per process. Listing renders the whole app with resource
/// loading suppressed, and Leptos keeps that switch in one process-wide flag
/// (`leptos_server`'s `SuppressResourceLoad`): a page rendering in another task while a second
/// router is built would create its resources while loading is off, and wait forever. The
/// server builds one router, but the tests build one per test, in parallel.
fn routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

pub fn app(state: ServerState) -> Router {
    let routes = routes();
    let app_state = state.app.clone();
    let options = state.leptos_options.clone();
    let site_root = options.site_root.to_string();
    let pkg = state.site_files.service(&site_root);
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/auth/demo", post(auth_routes::demo_sign_in))
        .route("/auth/login", get(auth_routes::sso_login))
        .route("/auth/callback", get(auth_routes::sso_callback))
        .route("/auth/logout", post(auth_routes::logout))
        .route("/ladders/{slug}/export.toml", get(crate::ladder_export::export))
        .route("/reviews/cycles/{id}/final-ratings.csv", get(crate::exports::final_ratings))
        .route("/calibration/{id}/distribution.csv", get(crate::exports::distribution))
        .nest_service("/pkg", pkg)
        .route_service("/favicon.svg", ServeFile::new(format!("{site_root}/favicon.svg")))
        .leptos_routes_with_context(&state, routes, move || provide_context(app_state.clone()), {
            let options = options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<ServerState, _>(app::shell))
        .layer(axum::middleware::from_fn(crate::render_to_the_end::render_to_the_end))
        .layer(axum::middleware::from_fn(crate::form_success::mark_form_success))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::kept_forms::keep_refused_forms,
        ))
        .layer(axum::middleware::from_fn(crate::error_status::set_error_status))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::resolve_session))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::security_headers))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(axum::middleware::from_fn(middleware::request_id))
        .with_state(state)
}

/// How long in-flight requests get to finish after SIGTERM before the process exits anyway.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves until SIGTERM or Ctrl-C; in-flight requests get [`SHUTDOWN_GRACE`] to finish, so one
/// stuck request never keeps a deploy (or the benchmark) waiting forever.
pub async fn serve(db: Db, config: ServerConfig) -> Result<(), crate::commands::CommandError> {
    use std::future::IntoFuture;
    let addr = config.addr;
    let state = state(db, config).await?;
    let router = app(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("Trellis is serving on http://{addr}");
    let stopping = std::sync::Arc::new(tokio::sync::Notify::new());
    let signalled = stopping.clone();
    let server =
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .with_graceful_shutdown(async move {
                shutdown_signal().await;
                signalled.notify_one();
            })
            .into_future();
    tokio::select! {
        result = server => result?,
        _ = async { stopping.notified().await; tokio::time::sleep(SHUTDOWN_GRACE).await } => {
            tracing::warn!("requests still running {} s after the shutdown signal: exiting anyway", SHUTDOWN_GRACE.as_secs());
        }
    }
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
