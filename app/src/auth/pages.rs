use super::api::get_sign_in_options;
use crate::ui::{LoadError, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The only page anonymous visitors see. Sign-in itself is done by plain forms and links to
/// the server's `/auth/*` routes, so it works without JavaScript.
#[component]
pub fn SignInPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| get_sign_in_options());
    let query = use_query_map();
    let problem = move || {
        query.read().get("error").map(|e| match e.as_str() {
            "unknown" => "That person is not set up in Trellis, or has left the company.",
            "expired" => "Your session ended. Please sign in again.",
            _ => "Sign-in did not work. Please try again.",
        })
    };
    view! {
        <Title text="Sign in · Trellis"/>
        <main id="main" class="app-main signin">
            <div class="stack">
                <p class="app-header__brand signin__brand">"Trellis"</p>
                <h1>"Sign in"</h1>
                {move || problem().map(|p| view! {
                    <div class="error-summary" role="alert"><h2 class="error-summary__title">{p}</h2></div>
                })}
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match options.await {
                            Err(e) => view! { <LoadError error=e/> }.into_any(),
                            Ok(opts) => {
                                let sso = opts.sso_configured.then(|| view! {
                                    // rel=external: a full page load, not a client-side route.
                                    <p><a class="btn btn--primary" href="/auth/login" rel="external">"Sign in with your company account"</a></p>
                                });
                                let demo = (!opts.personas.is_empty()).then(|| view! {
                                    <section class="stack" aria-labelledby="demo-heading">
                                        <h2 id="demo-heading">"Try Trellis as someone at Lumen Works"</h2>
                                        <p class="muted">
                                            "This is a demo company with made-up people. Pick a persona to see Trellis as they do; each sees only what their role allows."
                                        </p>
                                        <ul class="persona-list">
                                            {opts.personas.into_iter().map(|p| view! {
                                                <li class="persona">
                                                    <form method="post" action="/auth/demo">
                                                        <input type="hidden" name="email" value=p.email.clone()/>
                                                        <button class="persona__button" type="submit">
                                                            <strong>{p.name.clone()}</strong>
                                                            <span class="badge badge--accent persona__role">{p.role.clone()}</span>
                                                            <span>{p.title.clone()}</span>
                                                            <span class="persona__email">{p.email.clone()}</span>
                                                            <span class="muted">{p.summary.clone()}</span>
                                                        </button>
                                                    </form>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                });
                                let nothing = (!opts.sso_configured && demo.is_none()).then(|| view! {
                                    <div class="notice">
                                        <p>"Sign-in is not configured yet. An administrator needs to set TRELLIS_OIDC_ISSUER, TRELLIS_OIDC_CLIENT_ID and TRELLIS_OIDC_CLIENT_SECRET, or start Trellis with demo data."</p>
                                    </div>
                                });
                                view! { {sso} {demo} {nothing} }.into_any()
                            }
                        }
                    })}
                </Suspense>
            </div>
        </main>
    }
}
