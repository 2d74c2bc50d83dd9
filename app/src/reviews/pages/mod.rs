//! Pages of review cycles: the overview for every role, HR's cycle setup and completion
//! page, a review from self-assessment to acknowledgement, the three draft forms (saved as
//! people type) and the outbox. Shared pieces of those pages live here.

use super::api::*;
use super::types::*;
use crate::org::types::PersonSummary;
use crate::ui::autosave::{Autosave, SaveStatus};
use crate::ui::drafts::{DraftField, SubmitCard};
use crate::ui::format::{date, datetime_date, deadline, short_date};
use crate::ui::{
    field_class, page_for_id, EmptyState, ErrorSummary, FieldError, LoadError, Loading, PageHeader,
    PersonChip,
};
use chrono::NaiveDate;
use leptos::form::ActionForm;
use leptos::prelude::*;

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
        <RaisedBeforeView traces=answers.traces said=answers.raised_before/>
    }
}

/// Where the manager traced the concerns to (for calibration and HR; the person's own copy
/// has none of it): each traced record with its date, and what was said only in conversation.
#[component]
fn RaisedBeforeView(traces: Traces, said: String) -> impl IntoView {
    let traced = |label: String, t: Traced| {
        view! { <li><strong>{label}</strong>" · "{t.source}", "<time datetime=t.on.to_string()>{date(t.on)}</time></li> }
    };
    (!traces.is_empty() || !said.trim().is_empty()).then(|| view! {
        <dl class="answers">
            <dt>"Raised before"</dt>
            <dd>
                <ul class="plain-list stack stack--tight">
                    {traces.rating.map(|t| traced("The rating".into(), t))}
                    {traces.points.into_iter().map(|p| traced(format!("\u{201c}{}\u{201d}", p.point), p.raised)).collect_view()}
                </ul>
                {(!said.trim().is_empty()).then(|| view! { <p class="prewrap"><strong>"Said in conversation: "</strong>{said}</p> })}
            </dd>
        </dl>
    })
}

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
