//! Promotions: self-evaluations against the next level, and packets that map evidence to
//! each criterion of the target level, through calibration to the skip-level's decision.

pub mod api;
pub mod pages;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod queries;
