//! Career ladders: public, versioned contracts of what each level means, per function.

pub mod api;
pub mod pages;
pub mod routes;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod file;
#[cfg(feature = "ssr")]
pub mod queries;

pub const AREA: crate::areas::Area = crate::areas::Area {
    name: "ladders",
    nav: &[crate::areas::NavEntry::section("Ladders", "/ladders")],
    #[cfg(feature = "ssr")]
    todos: None,
    #[cfg(feature = "ssr")]
    jobs: &[],
    #[cfg(feature = "ssr")]
    demo: Some(demo::seed),
    #[cfg(feature = "ssr")]
    rollups: None,
};
