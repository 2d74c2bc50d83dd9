//! The self-assessment and peer-feedback forms, saved on the server as people type.

use super::*;
use crate::kernel::{PeerFeedbackId, ReviewId};

#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    page_for_id!(get_review, |review| view! { <SelfAssessmentView review/> })
}

#[component]
fn SelfAssessmentView(review: ReviewView) -> impl IntoView {
    let id = review.id;
    let Some(draft) = review.self_assessment.clone().filter(|_| review.can.write_self) else {
        return view! {
            <PageHeader title="Self-assessment"/>
            <p>"This self-assessment cannot be edited: it was submitted, or the cycle has moved on."</p>
            <p><a href=format!("/reviews/{id}")>"Go to the review"</a></p>
        }
        .into_any();
    };
    let today = review.today;
    let due = review.cycle.settings.deadlines.self_due;
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a>" / "<a href=format!("/reviews/{id}")>{review.cycle.settings.name.clone()}</a></nav>
        <PageHeader title="Your self-assessment" lede=format!("{} · covers {} to {}", review.cycle.settings.name, date(review.cycle.settings.period_start), date(review.cycle.settings.period_end))>
            {due_text(due, today)}
        </PageHeader>
        <p class="measure">"Look back over the whole period, not just the last few weeks. Your manager reads this once you submit it; until then only you can see it."</p>
        <SelfAssessmentForm review_id=id draft/>
    }
    .into_any()
}

/// The draft, saved as the person types, and the submit button. Everything it needs comes in
/// as serialisable data, so it can hydrate on its own (an island) while the page around it
/// stays server-rendered.
#[island]
fn SelfAssessmentForm(review_id: ReviewId, draft: Draft<SelfAnswers>) -> impl IntoView {
    let id = review_id;
    let save = ServerAction::<SaveSelfAssessment>::new();
    let submit = ServerAction::<SubmitSelfAssessment>::new();
    let autosave = Autosave::new(draft.version, draft.saved_at);
    let values: [RwSignal<String>; 5] =
        draft.answers.in_order().map(|a| RwSignal::new(a.to_string()));
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            autosave.settle(result.map(|s| (s.version, s.at)));
        }
    });
    let dispatch = move |version: i32| {
        let [a, b, c, d, e] = values.map(|v| v.get_untracked());
        save.dispatch(SaveSelfAssessment {
            review_id: id,
            version,
            accomplishments: a,
            shortfalls: b,
            feedback_acted_on: c,
            next_focus: d,
            support_needed: e,
        });
    };
    let on_edit = Callback::new(move |()| autosave.touch(dispatch));
    let save_error = move || save.value().get().and_then(|r| r.err());
    let submit_error = move || submit.value().get().and_then(|r| r.err());
    view! {
        {move || submit_error().map(|e| view! { <ErrorSummary error=e/> })}
        <ActionForm action=save attr:class="stack card" attr:id="self-form">
            <input type="hidden" name="review_id" value=id.to_string()/>
            <input type="hidden" name="version" value=move || autosave.version.get().to_string()/>
            {SELF_QUESTIONS.iter().enumerate().map(|(i, (name, question, hint))| {
                let name = *name;
                let error = Signal::derive(move || save_error().and_then(|e| e.field_error(name)).or_else(|| submit_error().and_then(|e| e.field_error(name))));
                view! { <DraftField name label=format!("{}. {question}", i + 1) hint=*hint rows=6 value=values[i] error on_edit/> }
            }).collect_view()}
            <SaveStatus autosave/>
            <div class="form-actions"><button class="btn btn--secondary" type="submit">"Save the draft"</button></div>
        </ActionForm>
        <SubmitCard
            title="Submit to your manager"
            text="Once submitted you cannot change it. Your manager, their manager and HR can then read it."
            autosave
        >
            <ActionForm action=submit>
                <input type="hidden" name="review_id" value=id.to_string()/>
                <input type="hidden" name="version" value=move || autosave.version.get().to_string()/>
                <button class="btn btn--primary" type="submit" disabled=move || !autosave.is_clean()>"Submit your self-assessment"</button>
            </ActionForm>
        </SubmitCard>
    }
    .into_any()
}

#[component]
pub fn PeerFeedbackPage() -> impl IntoView {
    page_for_id!(get_peer_request, |request| view! { <PeerFeedbackView request/> })
}

#[component]
fn PeerFeedbackView(request: PeerRequest) -> impl IntoView {
    let id = request.id;
    let title = format!("Peer feedback for {}", request.about.name);
    let anonymity = if request.anonymous {
        "Your answers reach them without your name, and only if at least three peers answer. Their manager sees who wrote what."
    } else {
        "Your answers reach them with your name, when their manager delivers the review."
    };
    if !request.can_write {
        let body = match request.status {
            PeerStatus::Submitted => view! {
                <p>{format!("You sent your feedback on {}. Thank you.", request.draft.submitted_at.map(datetime_date).unwrap_or_default())}</p>
                <Answers questions=PEER_QUESTIONS.iter().map(|q| q.1).collect() answers=request.draft.answers.in_order().map(str::to_string).to_vec()/>
            }
            .into_any(),
            PeerStatus::Declined => view! { <p>"You declined this request: " {request.decline_reason.clone()}</p> }.into_any(),
            _ => view! { <p>"This request is closed: the review cycle has moved on."</p> }.into_any(),
        };
        return view! { <PageHeader title=title/><section class="card">{body}</section><p><a href="/reviews">"Back to reviews"</a></p> }.into_any();
    }
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title=title lede=format!("{} · {}", request.cycle_name, request.about.title)>{due_text(request.due, request.today)}</PageHeader>
        <p class="measure">"Three questions about their work this cycle. Specific examples help most. " {anonymity}</p>
        <PeerFeedbackForm id draft=request.draft/>
    }
    .into_any()
}

/// The answers, saved as the peer types, with send and decline. An island: the page around
/// it is server-rendered.
#[island]
fn PeerFeedbackForm(id: PeerFeedbackId, draft: Draft<PeerAnswers>) -> impl IntoView {
    let save = ServerAction::<SavePeerFeedback>::new();
    let close = ServerAction::<ClosePeerFeedback>::new();
    let autosave = Autosave::new(draft.version, draft.saved_at);
    let values: [RwSignal<String>; 3] =
        draft.answers.in_order().map(|a| RwSignal::new(a.to_string()));
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            autosave.settle(result.map(|s| (s.version, s.at)));
        }
    });
    let dispatch = move |version: i32| {
        let [a, b, c] = values.map(|v| v.get_untracked());
        save.dispatch(SavePeerFeedback {
            id,
            version,
            keep_doing: a,
            do_differently: b,
            values_shown: c,
        });
    };
    let on_edit = Callback::new(move |()| autosave.touch(dispatch));
    let save_error = move || save.value().get().and_then(|r| r.err());
    let close_error = move || close.value().get().and_then(|r| r.err());
    view! {
        {move || close_error().map(|e| view! { <ErrorSummary error=e/> })}
        <ActionForm action=save attr:class="stack card">
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="version" value=move || autosave.version.get().to_string()/>
            {PEER_QUESTIONS.iter().enumerate().map(|(i, (name, question))| {
                let name = *name;
                let error = Signal::derive(move || save_error().and_then(|e| e.field_error(name)).or_else(|| close_error().and_then(|e| e.field_error(name))));
                view! { <DraftField name label=format!("{}. {question}", i + 1) rows=5 value=values[i] error on_edit/> }
            }).collect_view()}
            <SaveStatus autosave/>
            <div class="form-actions"><button class="btn btn--secondary" type="submit">"Save the draft"</button></div>
        </ActionForm>
        <SubmitCard title="Send your feedback" text="Once sent you cannot change it." autosave>
            <ActionForm action=close>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="version" value=move || autosave.version.get().to_string()/>
                <button class="btn btn--primary" type="submit" disabled=move || !autosave.is_clean()>"Send your feedback"</button>
            </ActionForm>
        </SubmitCard>
        <details class="card">
            <summary>"Decline this request"</summary>
            <ActionForm action=close attr:class="stack">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="version" value=move || autosave.version.get().to_string()/>
                <input type="hidden" name="decline" value="yes"/>
                <div class=move || field_class(close_error().and_then(|e| e.field_error("reason")))>
                    <label class="field__label" for="reason">"Why are you declining?"</label>
                    <p class="field__hint" id="reason-hint">"For example: we did not work together this cycle. Their manager sees this, not them."</p>
                    {move || view! { <FieldError message=close_error().and_then(|e| e.field_error("reason")) id="reason-error".into()/> }}
                    <textarea id="reason" name="reason" rows="3" aria-describedby="reason-hint"></textarea>
                </div>
                <div class="form-actions"><button class="btn btn--secondary" type="submit">"Decline"</button></div>
            </ActionForm>
        </details>
    }
}
