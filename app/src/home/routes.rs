//! The home area's pages and their paths, mounted in the app shell by `app.rs`.

use super::MyWorkPage;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{path, SsrMode};

#[component(transparent)]
pub fn MyWorkRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("") view=MyWorkPage ssr=SsrMode::Async/>
    }
    .into_inner()
}
