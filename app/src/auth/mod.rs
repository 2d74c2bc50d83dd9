//! Who is signed in, the sign-in page, and (server-only) the sessions behind them.

pub mod api;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod identities;
#[cfg(feature = "ssr")]
pub mod personas;
#[cfg(feature = "ssr")]
pub mod sessions;
