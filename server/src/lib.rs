#![recursion_limit = "256"]
//! The Trellis server: configuration, start-up, sessions, security middleware and the
//! plain-axum routes (sign-in, health). Pages and server functions live in the `app` crate.

pub mod auth_routes;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error_status;
pub mod exports;
pub mod form_success;
pub mod health;
pub mod jobs;
pub mod kept_forms;
pub mod ladder_export;
pub mod mailer;
pub mod middleware;
pub mod oidc;
pub mod rate_limit;
pub mod render_to_the_end;
pub mod router;
pub mod site_files;
pub mod telemetry;
