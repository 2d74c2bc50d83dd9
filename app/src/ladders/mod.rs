//! Career ladders: public, versioned contracts of what each level means, per function.

pub mod api;
pub mod pages;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod file;
#[cfg(feature = "ssr")]
pub mod queries;
