//! Shared components: page headers, person chips, empty states, error summaries.

pub mod autosave;
pub mod charts;
pub mod drafts;
pub mod focus;
pub mod format;
pub mod keep_typed;
pub mod person_picker;
pub mod render_once;

use crate::error::AppError;
use crate::org::rules::initials;
use crate::org::types::{EmploymentStatus, PersonSummary};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(optional, into)] lede: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <Title text=format!("{title} · Trellis")/>
        <div class="page-header">
            <h1>{title}</h1>
            {lede.map(|l| view! { <p class="page-header__lede">{l}</p> })}
            {children.map(|c| view! { <div class="page-header__actions">{c()}</div> })}
        </div>
    }
}

#[component]
pub fn Avatar(#[prop(into)] name: String, #[prop(optional)] large: bool) -> impl IntoView {
    let class = if large { "avatar avatar--large" } else { "avatar" };
    view! { <span class=class aria-hidden="true">{initials(&name)}</span> }
}

/// A person as a name with initials and title, linking to their profile.
#[component]
pub fn PersonChip(person: PersonSummary) -> impl IntoView {
    // A placeholder (id 0, someone the viewer may not see) gets no link.
    let name = if person.id.0 > 0 {
        view! { <a class="person__name" href=format!("/people/{}", person.id)>{person.name.clone()}</a> }.into_any()
    } else {
        view! { <span class="person__name">{person.name.clone()}</span> }.into_any()
    };
    let away = (person.status != EmploymentStatus::Active).then(|| {
        let class = if person.status == EmploymentStatus::Departed {
            "badge badge--muted"
        } else {
            "badge badge--warn"
        };
        view! { " " <span class=class>{person.status.label()}</span> }
    });
    view! {
        <span class="person">
            <Avatar name=person.name.clone()/>
            <span class="person__text">
                {name}
                {away}
                <span class="person__title">{person.title}</span>
            </span>
        </span>
    }
}

/// What will appear here and what to do next, instead of a blank space.
#[component]
pub fn EmptyState(#[prop(into)] title: String, children: Children) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p class="empty-state__title">{title}</p>
            {children()}
        </div>
    }
}

/// The id of the error summary on a page: a refused form comes back to it (the server adds
/// it to the address as the fragment).
pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// The GOV.UK-style summary at the top of a form: every field error, linked to its field.
/// It is where the person is looking: a refused plain post comes back scrolled to it, and it
/// takes the focus when it appears, so a screen reader reads it first.
#[component]
pub fn ErrorSummary(error: AppError) -> impl IntoView {
    let fields = error.field_errors().to_vec();
    let message = error.to_string();
    view! {
        <div class="error-summary" id=ERROR_SUMMARY_ID role="alert" tabindex="-1">
            <focus::FocusOnArrival target=ERROR_SUMMARY_ID.to_string()/>
            <h2 class="error-summary__title">{message}</h2>
            {(!fields.is_empty()).then(|| view! {
                <ul>
                    {fields.into_iter().map(|f| view! {
                        <li><a href=format!("#{}", f.field)>{f.message}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// A failed load, in plain words; sign-in problems link to the sign-in page.
#[component]
pub fn LoadError(error: AppError) -> impl IntoView {
    // The HTTP status tells browsers, crawlers and tests the same as the page does.
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let (title, body) = match &error {
        AppError::NotFound => (
            "Page not found",
            "It may have been moved, or you may not have access to it.".to_string(),
        ),
        AppError::Forbidden => (
            "You do not have access to this page",
            "If you think you should, ask your HR team.".to_string(),
        ),
        AppError::Unauthenticated => ("Please sign in", "Your session has ended.".to_string()),
        // A page's address carried something it cannot read: say what.
        AppError::Invalid(fields) => (
            "This page cannot be shown",
            fields.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(" "),
        ),
        other => ("Sorry, something went wrong", other.to_string()),
    };
    let sign_in = matches!(error, AppError::Unauthenticated)
        .then(|| view! { <p><a href="/sign-in">"Sign in again"</a></p> });
    view! {
        <Title text=format!("{title} · Trellis")/>
        <div class="page-header"><h1>{title}</h1></div>
        <p>{body}</p>
        {sign_in}
        <p><a href="/">"Go to My work"</a></p>
    }
}

/// Shown while a page's data loads on the client (SSR waits for data, so rarely seen).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="muted" aria-live="polite">"Loading…"</p> }
}

/// "Previous · Page 2 of 7 · Next" under a paged list; nothing when there is one page.
#[component]
pub fn Pagination(
    page: u32,
    /// `None` when the number of pages was not counted.
    pages: Option<u32>,
    prev: Option<String>,
    next: Option<String>,
) -> impl IntoView {
    (prev.is_some() || next.is_some()).then(|| {
        let position = match pages {
            Some(pages) => format!("Page {page} of {pages}"),
            None => format!("Page {page}"),
        };
        view! {
            <nav class="pagination" aria-label="Pages">
                {prev.map(|h| view! { <a href=h rel="prev">"Previous"</a> })}
                <span>{position}</span>
                {next.map(|h| view! { <a href=h rel="next">"Next"</a> })}
            </nav>
        }
    })
}

/// One labelled `<select>` of a filter bar: "all" first (when given), then (value, label)
/// options.
#[component]
pub fn FilterSelect(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] all: Option<&'static str>,
    options: Vec<(String, String)>,
    selected: Option<String>,
) -> impl IntoView {
    view! {
        <div class="filters__field">
            <label class="field__label" for=id>{label}</label>
            <select id=id name=id>
                {all.map(|all| view! { <option value="">{all}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let is_selected = selected.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The class of a form field's wrapper: marked when it has an error.
pub fn field_class(error: Option<String>) -> &'static str {
    if error.is_some() {
        "field field--error"
    } else {
        "field"
    }
}

/// A field's error under its label (the error summary links to the field by its id).
#[component]
pub fn FieldError(message: Option<String>, id: String) -> impl IntoView {
    message.map(|m| view! { <p class="field__error" id=id><span class="visually-hidden">"Error: "</span>{m}</p> })
}

/// The query parameter that marks a plain form post's success in the URL it returns to (the
/// server's `form_success` middleware writes it; Leptos carries only failures back).
pub const DONE_PARAM: &str = "__done";

/// Whether `action` succeeded on this page: answered in place (with JavaScript), or posted as
/// a plain form and sent back here marked done. Either way the page can say so.
pub fn succeeded<S>(action: ServerAction<S>) -> impl Fn() -> bool + Copy + Send + Sync + 'static
where
    S: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let query = leptos_router::hooks::use_query_map();
    move || match action.value().with(|v| v.as_ref().map(Result::is_ok)) {
        Some(ok) => ok,
        None => query.read().get(DONE_PARAM).as_deref() == Some(S::PATH),
    }
}

/// The page's `:id` route parameter, parsed as the record's id type.
pub fn id_param<T: std::str::FromStr>() -> impl Fn() -> Option<T> + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

/// Loads `fetch(id)` for the page's `:id` and renders it, or the error page. (Pages render
/// once, on the server: a form posted from the page comes back to a fresh render.)
macro_rules! page_for_id {
    ($fetch:expr, |$value:ident| $body:expr) => {{
        use $crate::ui::{LoadError, Loading};
        let id = $crate::ui::id_param();
        let data = Resource::new(id, move |id| async move {
            match id {
                Some(id) => $fetch(id).await,
                None => Err($crate::error::AppError::NotFound),
            }
        });
        view! {
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok($value) => $body.into_any(),
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }};
}
pub(crate) use page_for_id;
