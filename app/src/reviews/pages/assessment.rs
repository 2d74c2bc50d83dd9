//! The manager assessment beside the evidence panel, with the recency and "no surprises" checks.

use super::*;
use crate::kernel::{Rating, ReviewId};
use crate::reviews::rules;
use crate::ui::format::excerpt;
use std::collections::BTreeMap;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    page_for_id!(get_assessment, |page| view! { <AssessmentView page/> })
}

#[component]
fn AssessmentView(page: AssessmentPage) -> impl IntoView {
    let AssessmentPage { review, draft, evidence, earlier, recency_warning, surprises } = page;
    let id = review.id;
    let name = review.person.name.clone();
    if !review.can.write_assessment {
        return view! {
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
            <PageHeader title=format!("Assessment of {name}")/>
            <section class="card"><ManagerAnswersView answers=draft.answers show_rating=true/></section>
            <p><a href=format!("/reviews/{id}")>"Go to the review"</a></p>
        }
        .into_any();
    }
    let first_name = name.split_whitespace().next().unwrap_or(&name).to_string();
    let period = format!(
        "{} to {}",
        date(review.cycle.settings.period_start),
        date(review.cycle.settings.period_end)
    );
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a>" / "<a href=format!("/reviews/{id}")>{name.clone()}</a></nav>
        <PageHeader title=format!("Assessment of {name}") lede=format!("{} · covers {period}", review.cycle.settings.name)>
            {due_text(review.cycle.settings.deadlines.manager_due, review.today)}
        </PageHeader>
        <AssessmentForm review_id=id draft evidence earlier recency_warning surprises period first_name/>
    }
    .into_any()
}

/// The assessment, saved as the manager types, beside the evidence it can cite, with the
/// checks each save answers. Everything it needs comes in as serialisable data, so it can
/// hydrate on its own (an island) while the page around it stays server-rendered.
#[island]
fn AssessmentForm(
    review_id: ReviewId,
    draft: Draft<ManagerAnswers>,
    evidence: Vec<EvidenceItem>,
    earlier: Vec<EarlierRecord>,
    recency_warning: Option<String>,
    surprises: Vec<Flag>,
    period: String,
    first_name: String,
) -> impl IntoView {
    let id = review_id;
    let save = ServerAction::<SaveManagerAssessment>::new();
    let submit = ServerAction::<SubmitManagerAssessment>::new();
    let autosave = Autosave::new(draft.version, draft.saved_at);
    let a = draft.answers.clone();
    let sections: [RwSignal<String>; 4] = a.sections().map(|s| RwSignal::new(s.to_string()));
    let rating = RwSignal::new(a.rating);
    let citations = RwSignal::new(a.citations.clone());
    let raised_before = RwSignal::new(a.raised_before.clone());
    let traces = TraceChoices::new(&a.traces);
    let points = Memo::new(move |_| rules::development_points(&sections[3].get()));
    let recency = RwSignal::new(recency_warning);
    let flags = RwSignal::new(surprises);
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            if let Ok(saved) = &result {
                recency.set(saved.recency_warning.clone());
                flags.set(saved.surprises.clone());
            }
            autosave.settle(result.map(|s| (s.saved.version, s.saved.at)));
        }
    });
    let dispatch = move |version: i32| {
        let [goals, values_shown, strengths, development] = sections.map(|v| v.get_untracked());
        save.dispatch(SaveManagerAssessment {
            review_id: id,
            version,
            goals,
            values_shown,
            strengths,
            development,
            rating: rating.get_untracked().map(|r| r.as_str().to_string()).unwrap_or_default(),
            cite: citations.get_untracked().into_iter().map(|k| (k, "on".to_string())).collect(),
            trace: traces.by_position(&points.get_untracked()),
            trace_rating: traces.rating.get_untracked(),
            raised_before: raised_before.get_untracked(),
        });
    };
    let on_edit = Callback::new(move |()| autosave.touch(dispatch));
    let save_error = move || save.value().get().and_then(|r| r.err());
    let submit_error = move || submit.value().get().and_then(|r| r.err());
    let message = move |name: &'static str| {
        move || {
            save_error()
                .and_then(|e| e.field_error(name))
                .or_else(|| submit_error().and_then(|e| e.field_error(name)))
        }
    };
    view! {
        {move || submit_error().map(|e| view! { <ErrorSummary error=e/> })}
        <div class="assessment">
            <div class="stack assessment__form">
                {move || recency.get().map(|w| view! { <div class="notice notice--warn" role="status"><p><strong>"Recency: "</strong>{w}</p></div> })}
                {move || {
                    let list = flags.get();
                    (!list.is_empty()).then(|| view! {
                        <div class="notice notice--warn" role="status">
                            {list.into_iter().map(|f| view! { <p><strong>{f.title}</strong></p><p>{f.detail}</p> }).collect_view()}
                        </div>
                    })
                }}
                <ActionForm action=save attr:class="stack card" attr:id=ASSESSMENT_FORM>
                    <input type="hidden" name="review_id" value=id.to_string()/>
                    <input type="hidden" name="version" value=move || autosave.version.get().to_string()/>
                    {MANAGER_SECTIONS.iter().enumerate().map(|(i, (field, heading, hint))| {
                        view! { <DraftField name=*field label=*heading hint=*hint rows=6 value=sections[i] error=Signal::derive(message(field)) on_edit/> }
                    }).collect_view()}
                    <fieldset class=move || if message("rating")().is_some() { "stack field--error" } else { "stack" } id="rating">
                        <legend class="field__label">"Preliminary rating"</legend>
                        <p class="field__hint">"Calibration may change it. The shares are a guideline for calibration, never a quota."</p>
                        {move || view! { <FieldError message=message("rating")() id="rating-error".into()/> }}
                        {Rating::ALL.iter().map(|r| {
                            let r = *r;
                            let input_id = format!("rating-{}", r.as_str());
                            view! {
                                <div class="choice rating-choice">
                                    <input type="radio" id=input_id.clone() name="rating" value=r.as_str() checked=a.rating == Some(r)
                                        on:change=move |_| { rating.set(Some(r)); on_edit.run(()); }/>
                                    <label for=input_id>
                                        <strong>{r.label()}</strong>
                                        <span class="rating-choice__definition">{format!("{} (about {}% of people)", r.definition(), r.guideline_percent())}</span>
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <RaisedBefore earlier traces points rating first_name raised_before error=Signal::derive(message("raised_before")) on_edit/>
                    <SaveStatus autosave/>
                    <div class="form-actions"><button class="btn btn--secondary" type="submit">"Save the draft"</button></div>
                </ActionForm>
                <SubmitCard title="Submit the assessment" text="Once submitted it goes to calibration; you can no longer change it." autosave>
                    <ActionForm action=submit>
                        <input type="hidden" name="review_id" value=id.to_string()/>
                        <input type="hidden" name="version" value=move || autosave.version.get().to_string()/>
                        <button class="btn btn--primary" type="submit" disabled=move || !autosave.is_clean()>"Submit the assessment"</button>
                    </ActionForm>
                </SubmitCard>
            </div>
            <EvidencePanel evidence citations on_change=on_edit period/>
        </div>
    }
}

/// The manager's choices of where each concern was raised before: the rating's record key,
/// and each development point's (by the point's text, so editing a point asks again).
#[derive(Clone, Copy)]
struct TraceChoices {
    rating: RwSignal<String>,
    points: RwSignal<Vec<(String, String)>>,
}

impl TraceChoices {
    fn new(traces: &Traces) -> Self {
        Self {
            rating: RwSignal::new(
                traces.rating.as_ref().map(|t| t.key.clone()).unwrap_or_default(),
            ),
            points: RwSignal::new(
                traces.points.iter().map(|t| (t.point.clone(), t.raised.key.clone())).collect(),
            ),
        }
    }

    fn of_point(&self, point: &str) -> String {
        self.points
            .with_untracked(|p| p.iter().find(|(text, _)| text == point).map(|(_, k)| k.clone()))
            .unwrap_or_default()
    }

    fn choose(&self, point: &str, key: String) {
        self.points.update(|p| {
            p.retain(|(text, _)| text != point);
            if !key.is_empty() {
                p.push((point.to_string(), key));
            }
        });
    }

    /// What the form posts: each point's position with its record's key.
    fn by_position(&self, points: &[String]) -> BTreeMap<String, String> {
        points
            .iter()
            .enumerate()
            .map(|(i, point)| (i.to_string(), self.of_point(point)))
            .filter(|(_, key)| !key.is_empty())
            .collect()
    }
}

/// "Raised before": for a below-Meets rating and each development point, the earlier record
/// where the manager raised it, and a note for what was only said in conversation.
#[allow(clippy::too_many_arguments)]
#[component]
fn RaisedBefore(
    earlier: Vec<EarlierRecord>,
    traces: TraceChoices,
    points: Memo<Vec<String>>,
    rating: RwSignal<Option<Rating>>,
    first_name: String,
    raised_before: RwSignal<String>,
    error: Signal<Option<String>>,
    on_edit: Callback<()>,
) -> impl IntoView {
    let earlier = StoredValue::new(earlier);
    let options = move |chosen: String| {
        view! {
            <option value="" selected=chosen.is_empty()>"Not on an earlier record"</option>
            {earlier.get_value().into_iter().map(|r| {
                let selected = r.key == chosen;
                view! { <option value=r.key selected=selected>{format!("{} · {}: {}", date(r.on), r.source, excerpt(&r.text, 70))}</option> }
            }).collect_view()}
        }
    };
    let none_on_record = earlier.with_value(Vec::is_empty);
    let hint = format!("A review should hold no surprises. Choose where you raised each concern with {first_name} before: an earlier review, feedback or a comment.");
    let nothing = format!("Nothing earlier is on record for {first_name} yet: say below when you raised each point in conversation.");
    view! {
        <fieldset class="stack raised-before" id="raised-before">
            <legend class="field__label">"Raised before"</legend>
            <p class="field__hint">{hint}</p>
            {none_on_record.then(|| view! { <p class="muted">{nothing}</p> })}
            {move || rating.get().filter(|r| r.is_concern() && !none_on_record).map(|r| view! {
                <div class="field">
                    <label class="field__label" for="trace-rating">{format!("The {} rating", r.label())}</label>
                    <select id="trace-rating" name="trace_rating"
                        on:change=move |ev| { traces.rating.set(event_target_value(&ev)); on_edit.run(()); }>
                        {options(traces.rating.get_untracked())}
                    </select>
                </div>
            })}
            {move || (!none_on_record).then(|| points.get().into_iter().enumerate().map(|(i, point)| {
                let id = format!("trace-{i}");
                let chosen = traces.of_point(&point);
                let label = format!("\u{201c}{}\u{201d}", excerpt(&point, 120));
                view! {
                    <div class="field">
                        <label class="field__label" for=id.clone()>{label}</label>
                        <select id=id name=format!("trace[{i}]")
                            on:change=move |ev| { traces.choose(&point, event_target_value(&ev)); on_edit.run(()); }>
                            {options(chosen)}
                        </select>
                    </div>
                }
            }).collect_view())}
            <DraftField
                name="raised_before"
                label="Said only in conversation? When and how?"
                hint="For a point no record holds. For example: \"In our 1:1 on 3 September, and again in October\"."
                rows=2
                value=raised_before
                error
                on_edit
            />
        </fieldset>
    }
}

/// The save form's id: the evidence panel's "cite" boxes sit beside the form, not in it, and
/// name it (`form=`), so "Save the draft" sends the citations without JavaScript too.
const ASSESSMENT_FORM: &str = "assessment-form";

/// Everything on record about the person this cycle, newest first, with "cite" boxes.
#[component]
fn EvidencePanel(
    evidence: Vec<EvidenceItem>,
    citations: RwSignal<Vec<String>>,
    on_change: Callback<()>,
    period: String,
) -> impl IntoView {
    let count = evidence.len();
    view! {
        <aside class="card evidence" aria-labelledby="evidence-heading">
            <h2 class="card__title" id="evidence-heading">"Evidence"</h2>
            <p class="meta">{format!("Everything on record from {period}. Cite what your assessment rests on: evidence should cover the whole period.")}</p>
            {if count == 0 {
                view! { <p class="muted">"Nothing on record yet. Self-assessments, peer feedback and ladder comments appear here as they arrive."</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline plain-list">
                        {evidence.into_iter().map(|item| {
                            let key = item.key.clone();
                            let input_id = format!("cite-{}", key.replace(':', "-"));
                            let checked = citations.get_untracked().contains(&key);
                            let toggle_key = key.clone();
                            view! {
                                <li class="evidence__item">
                                    <p class="meta"><time datetime=item.on.to_string()>{date(item.on)}</time>" · "<span class="evidence__source">{item.source.clone()}</span></p>
                                    <p class="evidence__title">
                                        {match item.href.clone() {
                                            Some(h) => view! { <a href=h>{item.title.clone()}</a> }.into_any(),
                                            None => view! { <span>{item.title.clone()}</span> }.into_any(),
                                        }}
                                    </p>
                                    {(!item.excerpt.is_empty()).then(|| view! { <p class="evidence__excerpt">{item.excerpt.clone()}</p> })}
                                    <div class="choice">
                                        <input type="checkbox" id=input_id.clone() checked=checked
                                            name=format!("cite[{key}]") form=ASSESSMENT_FORM
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                citations.update(|c| {
                                                    c.retain(|k| *k != toggle_key);
                                                    if on { c.push(toggle_key.clone()); }
                                                });
                                                on_change.run(());
                                            }/>
                                        <label for=input_id>"Cite in this assessment"</label>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </aside>
    }
}
