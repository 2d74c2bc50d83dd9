//! The org model: people, the manager tree, the directory, profiles and the org chart.

pub mod api;
pub mod pages;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod queries;
