//! Promotions: self-evaluations against the next level, and packets that map evidence to
//! each criterion of the target level, through calibration to the skip-level's decision.

pub mod api;
pub mod pages;
pub mod routes;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod notifications;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
mod todos;

pub const AREA: crate::areas::Area = crate::areas::Area {
    name: "promotions",
    nav: &[crate::areas::NavEntry::section("Promotions", "/promotions")],
    #[cfg(feature = "ssr")]
    todos: Some(todos::todos),
    // Approved promotions take effect on their effective date; each packet is applied once
    // (`applied_at`).
    #[cfg(feature = "ssr")]
    jobs: &[crate::jobs::Job {
        name: "apply_due_promotions",
        every: std::time::Duration::from_secs(3600),
        run: |c, now| {
            let applied = queries::apply_due_promotions(c, now.date(), now)?;
            Ok(format!("{applied} promotion(s) took effect"))
        },
    }],
    #[cfg(feature = "ssr")]
    demo: Some(demo::seed),
    #[cfg(feature = "ssr")]
    rollups: None,
};
