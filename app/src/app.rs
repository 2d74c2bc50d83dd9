//! The root component, the HTML shell and the routes.

use crate::admin::routes::AdminRoutes;
use crate::areas::Href;
use crate::auth::api::get_viewer;
use crate::auth::pages::SignInPage;
use crate::calibration::routes::CalibrationRoutes;
use crate::home::routes::MyWorkRoutes;
use crate::kernel::Viewer;
use crate::ladders::routes::LadderRoutes;
use crate::org::routes::OrgRoutes;
use crate::promotions::routes::PromotionRoutes;
use crate::reviews::routes::ReviewsRoutes;
use crate::ui::LoadError;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                // Both read the content hashes the build wrote (see server/src/site_files.rs).
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Only Trellis's own scripts run: the hydration script and the data scripts carry a fresh
/// nonce per response, and the policy names that nonce. (`wasm-unsafe-eval` lets the
/// browser compile the wasm bundle; it does not allow `eval`.)
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use leptos::nonce::{provide_nonce, use_nonce};
    provide_nonce();
    if let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every page waits for its data on the server, so it arrives complete: pages read and
    // forms submit without JavaScript, and hydration only adds to them. Each area's
    // `routes.rs` mounts its pages the same way (`SsrMode::Async`).
    let ssr = SsrMode::Async;
    view! {
        <Title text="Trellis"/>
        <Router>
            <Routes fallback=|| view! { <main id="main" class="app-main"><LoadError error=crate::error::AppError::NotFound/></main> }>
                <Route path=path!("/sign-in") view=SignInPage ssr=ssr.clone()/>
                <ParentRoute path=path!("") view=AppShell ssr=ssr.clone()>
                    // Each area mounts its own pages (its `routes.rs`), in the order of AREAS.
                    <MyWorkRoutes/>
                    <OrgRoutes/>
                    <LadderRoutes/>
                    <ReviewsRoutes/>
                    <PromotionRoutes/>
                    <CalibrationRoutes/>
                    <AdminRoutes/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// Header, navigation (adapted to the viewer's roles), and the page below.
#[component]
fn AppShell() -> impl IntoView {
    let viewer = Resource::new_blocking(|| (), |_| get_viewer());
    // Read here, where the router is certainly in context: the header is built later, after
    // the viewer arrives, and a request dropped by its client by then has no router to ask.
    let path = use_location().pathname;
    // The page (the Outlet) sits outside the viewer's Suspense: inside it, every re-render of
    // the header would build the page again and fetch its data again (measured: three times
    // per request). Pages fetch their own data and show their own errors.
    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                viewer.await.ok().map(|v| {
                    view! {
                        {v.demo.then(|| view! {
                            <div class="demo-banner" role="region" aria-label="Demo mode">
                                "Demo mode: everyone here is made up. You are signed in as "
                                <strong>{v.name.clone()}</strong>" ("{v.role_names().join(", ")}"). "
                                <a href="/sign-in">"Switch persona"</a>
                            </div>
                        })}
                        <Header viewer=v.clone() path/>
                    }
                })
            })}
        </Suspense>
        <main id="main" class="app-main" tabindex="-1">
            <Outlet/>
        </main>
        <footer class="app-footer">
            <p>"Trellis · performance management that happens with people, not to them."</p>
        </footer>
    }
}

/// A main navigation link, marked `aria-current="page"` on its own section (on `/` only when
/// `exact`). It does what leptos_router's `<A>` does for these absolute links, without asking
/// the router for context when it renders.
#[component]
fn NavLink(
    href: &'static str,
    path: Memo<String>,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let current = move || {
        let here = path.try_with(|p| {
            if exact {
                p == href
            } else {
                p == href || p.strip_prefix(href).is_some_and(|rest| rest.starts_with('/'))
            }
        });
        here.unwrap_or(false).then_some("page")
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}

#[component]
fn Header(viewer: Viewer, path: Memo<String>) -> impl IntoView {
    // Each area registers its entries (`areas::AREAS`), with who is offered them.
    let entries = crate::areas::navigation(&viewer)
        .map(|entry| match entry.href {
            Href::Section(href) => view! {
                <li><NavLink href path exact={href == "/"}>{entry.label}</NavLink></li>
            }
            .into_any(),
            Href::ForViewer(href) => {
                view! { <li><a href=href(&viewer)>{entry.label}</a></li> }.into_any()
            }
        })
        .collect_view();
    view! {
        <header class="app-header">
            <div class="app-header__inner">
                <a class="app-header__brand" href="/">
                    <svg class="app-header__mark" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
                        <path d="M4 20V4M12 20V4M20 20V4M4 8h16M4 14h16" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>
                    </svg>
                    "Trellis"
                </a>
                <nav class="app-nav" aria-label="Main">
                    <ul>{entries}</ul>
                </nav>
                <div class="app-header__user">
                    <a class="app-header__name" href=format!("/people/{}", viewer.person_id)>{viewer.name.clone()}</a>
                    <form method="post" action="/auth/logout">
                        <button class="btn-link" type="submit">"Sign out"</button>
                    </form>
                </div>
            </div>
        </header>
    }
}
