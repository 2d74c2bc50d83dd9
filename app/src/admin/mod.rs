//! HR's administration pages: the audit log and people's sessions.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod queries;
