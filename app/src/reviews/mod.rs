//! Review cycles: HR launches a cycle; each person writes a self-assessment and chooses peers
//! with their manager; peers answer; the manager assesses with the evidence beside them; the
//! rating is finalised and the manager delivers the review, which the person acknowledges.

pub mod api;
pub mod pages;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod evidence;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod queries;
