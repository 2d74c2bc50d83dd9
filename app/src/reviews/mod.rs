//! Review cycles: HR launches a cycle; each person writes a self-assessment and chooses peers
//! with their manager; peers answer; the manager assesses with the evidence beside them; the
//! rating is finalised and the manager delivers the review, which the person acknowledges.

pub mod api;
pub mod pages;
pub mod routes;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
mod demo_texts;
#[cfg(feature = "ssr")]
pub mod evidence;
#[cfg(feature = "ssr")]
pub mod notifications;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
mod todos;

pub const AREA: crate::areas::Area = crate::areas::Area {
    name: "reviews",
    nav: &[crate::areas::NavEntry::section("Reviews", "/reviews")],
    #[cfg(feature = "ssr")]
    todos: Some(todos::todos),
    // The day's reminders of review deadlines; each is keyed, so it is queued once a day.
    #[cfg(feature = "ssr")]
    jobs: &[crate::jobs::Job {
        name: "queue_review_reminders",
        every: std::time::Duration::from_secs(3600),
        run: |c, now| {
            let queued = notifications::queue_reminders(c, now.date(), now)?;
            Ok(format!("{queued} reminder(s) queued"))
        },
    }],
    #[cfg(feature = "ssr")]
    demo: Some(demo::seed),
    // Completion counts per organisation, for the cycle page.
    #[cfg(feature = "ssr")]
    rollups: Some(crate::areas::Rollups {
        moved: queries::tallies::organisation_moved,
        backfill: queries::tallies::backfill,
        recount: queries::tallies::recount_all,
    }),
};
