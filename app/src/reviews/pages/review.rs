//! One review: progress, the outcome (finalise, deliver, acknowledge), the self-assessment,
//! the peers and the manager assessment, each shown as its own rule allows.

use super::*;
use crate::kernel::{PersonId, Rating};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let peers = ServerAction::<ChoosePeers>::new();
    let deliver = ServerAction::<DeliverReview>::new();
    let allow = ServerAction::<AllowException>::new();
    let acknowledge = ServerAction::<AcknowledgeReview>::new();
    let finalise = ServerAction::<FinaliseRating>::new();
    page_for_id!(
        get_review,
        |review| view! { <ReviewFull review peers deliver acknowledge finalise allow/> }
    )
}

fn review_title(review: &ReviewView) -> String {
    let name = &review.cycle.settings.name;
    if review.viewer_is_subject {
        // "Your H2 2026 review", not "Your H2 2026 review review".
        if name.to_lowercase().ends_with("review") {
            format!("Your {name}")
        } else {
            format!("Your {name} review")
        }
    } else {
        format!("{}: {}", review.person.name, review.cycle.settings.name)
    }
}

#[component]
fn ReviewFull(
    review: ReviewView,
    peers: ServerAction<ChoosePeers>,
    deliver: ServerAction<DeliverReview>,
    acknowledge: ServerAction<AcknowledgeReview>,
    finalise: ServerAction<FinaliseRating>,
    allow: ServerAction<AllowException>,
) -> impl IntoView {
    let title = review_title(&review);
    let lede = review
        .manager
        .as_ref()
        .map(|m| format!("{} · manager: {}", review.person.title, m.name))
        .unwrap_or_else(|| review.person.title.clone());
    let r = review.clone();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title=title lede=lede/>
        <ReviewStepper review=r.clone()/>
        <div class="two-col two-col--wide-left">
            <div class="stack">
                <OutcomeSection review=r.clone() deliver acknowledge finalise allow/>
                <SelfSection review=r.clone()/>
                <PeersSection review=r.clone() peers/>
                <ManagerSection review=r/>
            </div>
            <aside class="stack" aria-label="Deadlines">
                <section class="card">
                    <h2 class="card__title">"Deadlines"</h2>
                    <dl class="facts">
                        {review.cycle.settings.deadlines.phases().into_iter().map(|(phase, due)| view! {
                            <dt>{phase}</dt><dd>{short_date(due, review.today)}</dd>
                        }).collect_view()}
                    </dl>
                </section>
            </aside>
        </div>
    }
}

#[component]
fn ReviewStepper(review: ReviewView) -> impl IntoView {
    let steps = [
        ("Self-assessment", review.self_progress.is_done()),
        ("Peers chosen", review.peers_approved),
        ("Manager assessment", review.manager_progress.is_done()),
        ("Rating finalised", review.finalised_at.is_some() || review.delivered_at.is_some()),
        ("Delivered", review.delivered_at.is_some()),
        ("Acknowledged", review.acknowledged_at.is_some()),
    ];
    let current = steps.iter().position(|(_, done)| !done);
    view! {
        <ol class="stepper review-steps" aria-label="Progress of this review">
            {steps.into_iter().enumerate().map(|(i, (label, done))| {
                let class = if done { "stepper__step stepper__step--done" } else if Some(i) == current { "stepper__step stepper__step--current" } else { "stepper__step" };
                let state = if done { " (done)" } else if Some(i) == current { " (current step)" } else { "" };
                view! { <li class=class aria-current=(Some(i) == current).then_some("step")>{label}<span class="visually-hidden">{state}</span></li> }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn OutcomeSection(
    review: ReviewView,
    deliver: ServerAction<DeliverReview>,
    acknowledge: ServerAction<AcknowledgeReview>,
    finalise: ServerAction<FinaliseRating>,
    allow: ServerAction<AllowException>,
) -> impl IntoView {
    let id = review.id;
    let can = review.can;
    let allow_error = move || allow.value().get().and_then(|r| r.err());
    let waits = review.delivery_waits_for.clone();
    let exceptions = review.exceptions.clone();
    // What the review waits for, and the way past it: HR's reason, kept on the review.
    let waiting = (!waits.is_empty()).then(|| view! {
        <div class="notice notice--warn" role="note">
            <p><strong>{format!("Delivery waits: {}.", waits.join(", and "))}</strong></p>
            <p>"A review rests on the person's own view and their peers', not the manager's alone. HR can let it go ahead with a reason, which stays with the review."</p>
        </div>
    });
    let assessment_waiting = review.assessment_waits_for_peers.then(|| view! {
        <div class="notice notice--warn" role="note">
            <p><strong>"The manager assessment waits for the peers' approval."</strong></p>
            <p>"The assessment weighs what the peers say, so their list is approved (and they are asked) first. HR can let it be submitted before, with a reason."</p>
        </div>
    });
    let exception_form = move |rule: ExceptionRule, label: &'static str| {
        view! {
            <ActionForm action=allow attr:class="stack">
                <input type="hidden" name="review_id" value=id.to_string()/>
                <input type="hidden" name="rule" value=rule.as_str()/>
                <div class=move || crate::ui::field_class(allow_error().and_then(|e| e.field_error("reason")))>
                    <label class="field__label" for="reason">{label}</label>
                    <p class="field__hint" id="reason-hint">"Why this review may go ahead as it is. The manager, the skip-level and HR read it here."</p>
                    {move || view! { <crate::ui::FieldError message=allow_error().and_then(|e| e.field_error("reason")) id="reason-error".into()/> }}
                    <textarea id="reason" name="reason" rows="3" maxlength=crate::reviews::rules::OVERRIDE_REASON_MAX.to_string() aria-describedby="reason-hint"></textarea>
                </div>
                <div class="form-actions"><button class="btn btn--secondary" type="submit">"Let it go ahead"</button></div>
            </ActionForm>
        }
    };
    let allow_forms = (can.allow_delivery || can.allow_assessment).then(|| view! {
        {move || allow_error().map(|e| view! { <ErrorSummary error=e/> })}
        {can.allow_delivery.then(|| exception_form(ExceptionRule::DeliverWithoutInput, "Let it be delivered without it (HR)"))}
        {can.allow_assessment.then(|| exception_form(ExceptionRule::AssessBeforePeers, "Let the assessment be submitted before the peers are approved (HR)"))}
    });
    let exception_notes = (!exceptions.is_empty()).then(|| view! {
        <ul class="plain-list">{exceptions.into_iter().map(|e| view! { <li class="meta">{e}</li> }).collect_view()}</ul>
    });
    let rating = review.final_rating.map(|r| {
        view! {
            <div class="rating-result">
                <p class="kpi__label">"Final rating"</p>
                <p class="rating-result__value">{r.label()}</p>
                <p class="muted">{r.definition()}</p>
            </div>
        }
    });
    let deliver_error = move || deliver.value().get().and_then(|r| r.err());
    let ack_error = move || acknowledge.value().get().and_then(|r| r.err());
    let finalise_error = move || finalise.value().get().and_then(|r| r.err());
    let preliminary = review.manager_assessment.as_ref().and_then(|m| m.answers.rating);
    let delivered = review.delivered_at.map(|d| format!("Delivered on {}.", datetime_date(d)));
    let acknowledged =
        review.acknowledged_at.map(|d| format!("Acknowledged on {}.", datetime_date(d)));
    let comment = review.employee_comment.clone();
    let has_comment = !comment.is_empty();
    let anything = rating.is_some()
        || can.deliver
        || can.finalise
        || can.acknowledge
        || waiting.is_some()
        || assessment_waiting.is_some()
        || exception_notes.is_some();
    anything.then(|| view! {
        <section class="card card--accent" aria-labelledby="outcome-heading">
            <h2 class="card__title" id="outcome-heading">"The review"</h2>
            {rating}
            {delivered.map(|d| view! { <p>{d}" "{acknowledged}</p> })}
            {waiting}
            {assessment_waiting}
            {allow_forms}
            {exception_notes}
            {can.finalise.then(|| view! {
                {move || finalise_error().map(|e| view! { <ErrorSummary error=e/> })}
                <ActionForm action=finalise attr:class="cluster">
                    <input type="hidden" name="review_id" value=id.to_string()/>
                    <label for="final-rating">"Final rating"</label>
                    <select id="final-rating" name="rating">
                        {Rating::ALL.iter().map(|r| view! { <option value=r.as_str() selected=Some(*r) == preliminary>{r.label()}</option> }).collect_view()}
                    </select>
                    <button class="btn btn--secondary" type="submit">"Finalise the rating"</button>
                </ActionForm>
            })}
            {can.deliver.then(|| view! {
                <p>"Talk it through with them first, then deliver it here: they will see the final rating, your assessment and the peer feedback the cycle allows, and can comment."</p>
                {move || deliver_error().map(|e| view! { <ErrorSummary error=e/> })}
                <ActionForm action=deliver>
                    <input type="hidden" name="review_id" value=id.to_string()/>
                    <button class="btn btn--primary" type="submit">"Deliver the review"</button>
                </ActionForm>
            })}
            {(has_comment && !can.acknowledge).then(|| view! {
                <h3>"Their comment"</h3>
                <p class="prewrap">{comment.clone()}</p>
            })}
            {can.acknowledge.then(|| view! {
                {move || ack_error().map(|e| view! { <ErrorSummary error=e/> })}
                <ActionForm action=acknowledge attr:class="stack">
                    <input type="hidden" name="review_id" value=id.to_string()/>
                    <div class="field">
                        <label class="field__label" for="comment">"Your comment (optional)"</label>
                        <p class="field__hint" id="comment-hint">"Anything you want on record with this review, including where you disagree. It stays attached to the review."</p>
                        <textarea id="comment" name="comment" rows="4" aria-describedby="comment-hint">{review.employee_comment.clone()}</textarea>
                    </div>
                    <div class="form-actions">
                        <button class="btn btn--primary" type="submit">
                            {if review.acknowledged_at.is_some() { "Update your comment" } else { "Acknowledge the review" }}
                        </button>
                    </div>
                </ActionForm>
            })}
        </section>
    })
}

#[component]
fn SelfSection(review: ReviewView) -> impl IntoView {
    let id = review.id;
    let body = match (&review.self_assessment, review.can.write_self) {
        (Some(draft), false) if draft.submitted_at.is_some() => view! { <Answers questions=SELF_QUESTIONS.iter().map(|q| q.1).collect() answers=draft.answers.in_order().map(str::to_string).to_vec()/> }.into_any(),
        (_, true) => view! {
            <p><a class="btn btn--primary" href=format!("/reviews/{id}/self")>"Write your self-assessment"</a>" " {due_text(review.cycle.settings.deadlines.self_due, review.today)}</p>
        }
        .into_any(),
        _ => view! { <p class="muted">"The self-assessment is shown here once it is submitted."</p> }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="self-heading">
            <h2 class="card__title" id="self-heading">"Self-assessment " {progress_badge(review.self_progress)}</h2>
            {body}
        </section>
    }
}

#[component]
fn PeersSection(review: ReviewView, peers: ServerAction<ChoosePeers>) -> impl IntoView {
    let can = review.can;
    let note = review.peers_note.clone();
    let lines = review.peers.clone();
    let anonymised = lines.iter().any(|l| l.peer.is_none());
    let list = (!lines.is_empty()).then(|| view! {
        <ul class="plain-list stack">
            {lines.into_iter().enumerate().map(|(i, line)| {
                let who = match line.peer {
                    Some(p) => view! { <PersonChip person=p/> }.into_any(),
                    None => view! { <p class="person__name">{format!("Peer {}", i + 1)}</p> }.into_any(),
                };
                view! {
                    <li class="peer-line">
                        <div class="cluster">{who}{(!anonymised).then(|| view! { <span class="badge">{line.status.label()}</span> })}</div>
                        {line.decline_reason.map(|r| view! { <p class="meta">"Declined: " {r}</p> })}
                        {line.answers.filter(|a| !a.in_order().iter().all(|x| x.is_empty())).map(|a| view! {
                            <Answers questions=PEER_QUESTIONS.iter().map(|q| q.1).collect() answers=a.in_order().map(str::to_string).to_vec()/>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    });
    let chooser = (can.nominate_peers || can.approve_peers)
        .then(|| view! { <PeerChooser review=review.clone() peers/> });
    let intro = if review.peers_approved {
        "These colleagues were asked for feedback."
    } else if can.approve_peers {
        "Approve the peers they proposed, or adjust the list: two or three colleagues who saw their work this cycle."
    } else {
        "Two or three colleagues who saw your work this cycle, chosen with your manager."
    };
    view! {
        <section class="card" aria-labelledby="peers-heading" id="peers">
            <h2 class="card__title" id="peers-heading">"Peer feedback"</h2>
            <p class="meta">{intro}</p>
            {note.map(|n| view! { <p class="notice">{n}</p> })}
            {list}
            {chooser}
        </section>
    }
}

#[component]
fn PeerChooser(review: ReviewView, peers: ServerAction<ChoosePeers>) -> impl IntoView {
    let error = move || peers.value().get().and_then(|r| r.err());
    let saved = crate::ui::succeeded(peers);
    let chosen: Vec<PersonId> =
        review.peers.iter().filter_map(|l| l.peer.as_ref().map(|p| p.id)).collect();
    let button =
        if review.can.approve_peers { "Approve and ask them" } else { "Propose these peers" };
    let mut people = review.peer_suggestions.clone();
    // Someone already proposed from outside the team stays on the list.
    for line in &review.peers {
        if let Some(p) = &line.peer {
            if !people.iter().any(|x| x.id == p.id) {
                people.push(p.clone());
            }
        }
    }
    view! {
        {move || error().map(|e| view! { <ErrorSummary error=e/> })}
        {move || saved().then(|| view! { <div class="notice notice--success" role="status"><p>"Saved."</p></div> })}
        <ActionForm action=peers attr:class="stack">
            <input type="hidden" name="review_id" value=review.id.to_string()/>
            <fieldset class="stack stack--tight" id="peers-field">
                <legend class="field__label">"Peers"</legend>
                {move || view! { <FieldError message=error().and_then(|e| e.field_error("peers")) id="peers-error".into()/> }}
                {people.into_iter().map(|p| {
                    let id = format!("peer-{}", p.id);
                    let checked = chosen.contains(&p.id);
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=id.clone() name=format!("peer[{}]", p.id) value="on" checked=checked/>
                            <label for=id>{format!("{} · {}", p.name, p.title)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label class="field__label" for="other_email">"Someone from another team (a name or work email)"</label>
                {move || view! { <FieldError message=error().and_then(|e| e.field_error("other_email")) id="other_email-error".into()/> }}
                <crate::ui::person_picker::PersonField field="other_email" described_by="other_email-error"/>
            </div>
            <div class="form-actions"><button class="btn btn--primary" type="submit">{button}</button></div>
        </ActionForm>
    }
}

#[component]
fn ManagerSection(review: ReviewView) -> impl IntoView {
    let id = review.id;
    let body = match (&review.manager_assessment, review.can.write_assessment) {
        (_, true) => view! {
            <p><a class="btn btn--primary" href=format!("/reviews/{id}/assessment")>"Write the assessment"</a>" " {due_text(review.cycle.settings.deadlines.manager_due, review.today)}</p>
        }
        .into_any(),
        (Some(draft), false) if draft.submitted_at.is_some() || review.delivered_at.is_some() => view! { <ManagerAnswersView answers=draft.answers.clone() show_rating=!review.viewer_is_subject/> }.into_any(),
        (Some(_), false) => view! { <p class="muted">"Not submitted yet."</p> }.into_any(),
        (None, _) => view! { <p class="muted">"Your manager's assessment is shared with you when they deliver your review."</p> }.into_any(),
    };
    view! {
        <section class="card" aria-labelledby="manager-heading">
            <h2 class="card__title" id="manager-heading">"Manager assessment " {(!review.viewer_is_subject || review.delivered_at.is_some()).then(|| progress_badge(review.manager_progress))}</h2>
            {body}
        </section>
    }
}
