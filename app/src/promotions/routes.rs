//! The promotions area's pages and their paths, mounted in the app shell by `app.rs`.

use super::pages::*;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, SsrMode};

#[component(transparent)]
pub fn PromotionRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("promotions") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("") view=PromotionsPage ssr=SsrMode::Async/>
            <Route path=path!("packets/:id") view=PacketPage ssr=SsrMode::Async/>
            <Route path=path!("endorsements/:id") view=EndorsementPage ssr=SsrMode::Async/>
            <Route path=path!("self-evaluation") view=MySelfEvaluationPage ssr=SsrMode::Async/>
            <Route path=path!("self-evaluations/:id") view=SelfEvaluationPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
