//! Calibration: HR creates sessions inside a review cycle; the facilitator and the managers
//! calibrate a board of people (ratings changed with a rationale, outliers discussed, appeals
//! resolved, potential for the 9-box) and finalise it, which sends the final ratings to
//! delivery. The fairness engine tests the distributions for bias before and after.

pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod stats;
pub mod types;

#[cfg(feature = "ssr")]
pub mod queries;
