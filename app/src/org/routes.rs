//! The org area's pages and their paths, mounted in the app shell by `app.rs`.

use super::pages::*;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, SsrMode};

#[component(transparent)]
pub fn OrgRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    // Two sections with no common prefix: one route is what a routes component returns.
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("people") view=DirectoryPage ssr=SsrMode::Async/>
            <Route path=path!("people/choose") view=super::choose::ChoosePersonPage ssr=SsrMode::Async/>
            <Route path=path!("people/:id") view=ProfilePage ssr=SsrMode::Async/>
            <Route path=path!("org") view=OrgChartPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
