//! The ladders area's pages and their paths, mounted in the app shell by `app.rs`.

use super::pages::*;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, SsrMode};

#[component(transparent)]
pub fn LadderRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("ladders") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("") view=LaddersPage ssr=SsrMode::Async/>
            <Route path=path!(":slug") view=LadderPage ssr=SsrMode::Async/>
            <Route path=path!(":slug/levels/:code") view=LevelPage ssr=SsrMode::Async/>
            <Route path=path!(":slug/compare") view=ComparePage ssr=SsrMode::Async/>
            <Route path=path!(":slug/history") view=HistoryPage ssr=SsrMode::Async/>
            <Route path=path!(":slug/edit") view=DraftPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
