//! Calibration: HR creates sessions inside a review cycle; the facilitator and the managers
//! calibrate a board of people (ratings changed with a rationale, outliers discussed, appeals
//! resolved, potential for the 9-box) and finalise it, which sends the final ratings to
//! delivery. The fairness engine tests the distributions for bias before and after.

pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod notifications;
pub mod pages;
pub mod routes;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod stats;
#[cfg(feature = "ssr")]
mod todos;
pub mod types;

#[cfg(feature = "ssr")]
pub mod queries;

pub const AREA: crate::areas::Area = crate::areas::Area {
    name: "calibration",
    // Calibration boards are for managers, facilitators and HR.
    nav: &[crate::areas::NavEntry {
        label: "Calibration",
        href: crate::areas::Href::Section("/calibration"),
        shown_to: |v| v.is_hr_admin || v.direct_reports > 0,
    }],
    #[cfg(feature = "ssr")]
    todos: Some(todos::todos),
    #[cfg(feature = "ssr")]
    jobs: &[],
    #[cfg(feature = "ssr")]
    demo: Some(demo::seed),
    #[cfg(feature = "ssr")]
    rollups: None,
};
