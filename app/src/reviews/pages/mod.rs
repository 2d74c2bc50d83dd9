//! Pages of review cycles: the overview for every role, HR's cycle setup and completion
//! page, a review from self-assessment to acknowledgement, the three draft forms (saved as
//! people type) and the outbox. Shared pieces of those pages live here.

use super::api::*;
use super::types::*;
use crate::error::AppError;
use crate::org::types::PersonSummary;
use crate::ui::autosave::{Autosave, SaveStatus};
use crate::ui::format::{date, datetime_date, deadline, short_date};
use crate::ui::{
    field_class, EmptyState, ErrorSummary, FieldError, LoadError, Loading, PageHeader, PersonChip,
};
use chrono::NaiveDate;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn id_param() -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

/// Loads `fetch(id)` for the page's `:id` and renders it, or the error page.
macro_rules! page_for_id {
    ($fetch:expr, $refresh:expr, |$value:ident| $body:expr) => {{
        let id = id_param();
        let data = Resource::new(
            move || (id(), $refresh()),
            move |(id, _)| async move {
                match id {
                    Some(id) => $fetch(id).await,
                    None => Err(AppError::NotFound),
                }
            },
        );
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

fn progress_badge(p: Progress) -> impl IntoView {
    let class = match p {
        Progress::OnTime => "badge badge--ok",
        Progress::Late => "badge badge--warn",
        Progress::Draft => "badge",
        Progress::NotStarted => "badge badge--muted",
    };
    view! { <span class=class>{p.label()}</span> }
}

/// "due Friday, 3 days left", marked when overdue.
fn due_text(due: NaiveDate, today: NaiveDate) -> impl IntoView {
    let class = if due < today { "deadline deadline--overdue" } else { "deadline" };
    view! { <span class=class>{deadline(due, today)}</span> }
}

#[component]
fn Answers(questions: Vec<&'static str>, answers: Vec<String>) -> impl IntoView {
    view! {
        <dl class="answers">
            {questions.into_iter().zip(answers).map(|(q, a)| view! { <dt>{q}</dt><dd class="prewrap">{a}</dd> }).collect_view()}
        </dl>
    }
}

#[component]
fn ManagerAnswersView(answers: ManagerAnswers, show_rating: bool) -> impl IntoView {
    view! {
        <Answers questions=MANAGER_SECTIONS.iter().map(|s| s.1).collect() answers=answers.sections().map(str::to_string).to_vec()/>
        {show_rating.then(|| answers.rating.map(|r| view! { <p><strong>"Preliminary rating: "</strong>{r.label()}</p> }))}
    }
}

/// One answer of a draft form: its label, hint and error, and a text area that tells the
/// form's autosave about every edit.
#[component]
fn DraftField(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    rows: u32,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    on_edit: Callback<()>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    view! {
        <div class=move || field_class(error.get())>
            <label class="field__label" for=name>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || view! { <FieldError message=error.get() id=format!("{name}-error")/> }}
            <textarea id=name name=name rows=rows.to_string() aria-describedby=hint.map(|_| format!("{name}-hint"))
                on:input=move |ev| { value.set(event_target_value(&ev)); on_edit.run(()); }
            >{value.get_untracked()}</textarea>
        </div>
    }
}

/// The card under a draft form that submits what is saved.
#[component]
fn SubmitCard(
    title: &'static str,
    text: &'static str,
    autosave: Autosave,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="submit-heading">
            <h2 class="card__title" id="submit-heading">{title}</h2>
            <p>{text}</p>
            {move || (!autosave.is_clean()).then(|| view! { <p class="meta">"Waiting for your latest changes to be saved…"</p> })}
            {children()}
        </section>
    }
}

// After the shared helpers: `page_for_id!` must be defined before the pages use it.
mod assessment;
mod cycles;
mod drafts;
mod outbox;
mod overview;
mod review;

pub use assessment::AssessmentPage;
pub use cycles::{CyclePage, NewCyclePage};
pub use drafts::{PeerFeedbackPage, SelfAssessmentPage};
pub use outbox::OutboxPage;
pub use overview::ReviewsPage;
pub use review::ReviewPage;
