//! The admin area's pages and their paths, mounted in the app shell by `app.rs`.

use super::pages::*;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, SsrMode};

#[component(transparent)]
pub fn AdminRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("admin") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("audit") view=AuditLogPage ssr=SsrMode::Async/>
            <Route path=path!("sessions") view=SessionsPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
