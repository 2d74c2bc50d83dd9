//! The demo company, Lumen Works: a deterministic generator (same seed and date, same
//! company) and a seeder that writes it in large batches. It scales from a few dozen people
//! to 50,000; five fixed personas are always there, so the README can name them.

mod generate;
mod names;
mod seed;

pub use generate::{
    generate, DemoCompany, DemoOptions, NewDepartment, NewPerson, NewTeam, PERSONAS,
};
pub use seed::{seed, settle_after_bulk_load, SeedError, SeedReport};
