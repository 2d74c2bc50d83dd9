//! Trellis: performance management that happens *with* people. This crate holds everything
//! the server and the browser share: types, pages, components and server functions. Code
//! behind the `ssr` feature (database, queries, sessions) exists only in the server build.

#![recursion_limit = "256"]

pub mod admin;
pub mod app;
pub mod areas;
pub mod auth;
pub mod calibration;
pub mod error;
pub mod home;
pub mod kernel;
pub mod ladders;
pub mod org;
pub mod policy;
pub mod promotions;
pub mod reviews;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod jobs;

pub use app::{shell, App};
