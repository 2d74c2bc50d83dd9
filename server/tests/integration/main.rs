//! Every integration test in one binary: the server in-process over real SQLite and real
//! PostgreSQL databases (one new database per test). One binary links the app once instead of
//! once per file, and its tests run in parallel.

#[macro_use]
mod common;

mod calibration;
mod database;
mod exports;
mod http;
mod inventory;
mod jobs;
mod ladders;
mod people_import;
mod promotions;
mod reviews;
mod sso;
