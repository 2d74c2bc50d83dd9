//! HR's administration pages: the audit log and people's sessions.

pub mod api;
pub mod pages;
pub mod routes;
pub mod types;

#[cfg(feature = "ssr")]
pub mod queries;

pub const AREA: crate::areas::Area = crate::areas::Area {
    name: "admin",
    nav: &[crate::areas::NavEntry {
        label: "Admin",
        href: crate::areas::Href::Section("/admin/audit"),
        shown_to: |v| v.is_hr_admin,
    }],
    #[cfg(feature = "ssr")]
    todos: None,
    #[cfg(feature = "ssr")]
    jobs: &[],
    #[cfg(feature = "ssr")]
    demo: None,
    #[cfg(feature = "ssr")]
    rollups: None,
};
