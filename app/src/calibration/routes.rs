//! The calibration area's pages and their paths, mounted in the app shell by `app.rs`.

use super::pages::*;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, SsrMode};

#[component(transparent)]
pub fn CalibrationRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    // Matched in order: `new` before `:id`.
    view! {
        <ParentRoute path=path!("calibration") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("") view=CalibrationPage ssr=SsrMode::Async/>
            <Route path=path!("new") view=NewSessionPage ssr=SsrMode::Async/>
            <Route path=path!(":id") view=BoardPage ssr=SsrMode::Async/>
            <Route path=path!(":id/report") view=ReportPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
