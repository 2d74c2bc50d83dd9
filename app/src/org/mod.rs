//! The org model: people, the manager tree, the directory, profiles and the org chart.

pub mod api;
pub mod choose;
pub mod pages;
pub mod routes;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod queries;

pub const AREA: crate::areas::Area = crate::areas::Area {
    name: "org",
    nav: &[
        crate::areas::NavEntry::section("People", "/people"),
        crate::areas::NavEntry::section("Org chart", "/org"),
        crate::areas::NavEntry {
            label: "My team",
            href: crate::areas::Href::ForViewer(|v| format!("/org?root={}", v.person_id)),
            shown_to: |v| v.is_manager(),
        },
    ],
    #[cfg(feature = "ssr")]
    todos: None,
    #[cfg(feature = "ssr")]
    jobs: &[],
    #[cfg(feature = "ssr")]
    demo: None,
    #[cfg(feature = "ssr")]
    rollups: None,
};
