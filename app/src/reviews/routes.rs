//! The reviews area's pages and their paths, mounted in the app shell by `app.rs`.

use super::pages::*;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, SsrMode};

#[component(transparent)]
pub fn ReviewsRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    // Matched in order: the fixed paths come before `:id`.
    view! {
        <ParentRoute path=path!("reviews") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("") view=ReviewsPage ssr=SsrMode::Async/>
            <Route path=path!("cycles/new") view=NewCyclePage ssr=SsrMode::Async/>
            <Route path=path!("cycles/:id") view=CyclePage ssr=SsrMode::Async/>
            <Route path=path!("outbox") view=OutboxPage ssr=SsrMode::Async/>
            <Route path=path!("feedback/:id") view=PeerFeedbackPage ssr=SsrMode::Async/>
            <Route path=path!(":id") view=ReviewPage ssr=SsrMode::Async/>
            <Route path=path!(":id/self") view=SelfAssessmentPage ssr=SsrMode::Async/>
            <Route path=path!(":id/assessment") view=AssessmentPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
