//! "My work": what the signed-in person must do now, and where they stand.

pub(crate) mod api;
mod page;
pub mod routes;

pub use api::{get_my_work, MyWork};
pub use page::MyWorkPage;

/// My work's entry; the to-dos on it come from every area (`areas::todos`).
pub const AREA: crate::areas::Area = crate::areas::Area {
    name: "home",
    nav: &[crate::areas::NavEntry {
        label: "My work",
        href: crate::areas::Href::Section("/"),
        shown_to: |_| true,
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
