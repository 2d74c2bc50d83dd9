//! Pages of review cycles: the overview for every role, HR's cycle setup and completion
//! page, a review from self-assessment to acknowledgement, the three draft forms (saved as
//! people type) and the outbox.

use super::api::*;
use super::types::*;
use crate::error::AppError;
use crate::org::types::PersonSummary;
use crate::ui::autosave::{Autosave, SaveStatus};
use crate::ui::format::{date, datetime_date, deadline, short_date};
use crate::ui::{EmptyState, ErrorSummary, FieldError, LoadError, Loading, PageHeader, PersonChip};
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
        let data = Resource::new(move || (id(), $refresh()), move |(id, _)| async move {
            match id {
                Some(id) => $fetch(id).await,
                None => Err(AppError::NotFound),
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

fn field_class(error: Option<String>) -> &'static str {
    if error.is_some() {
        "field field--error"
    } else {
        "field"
    }
}

// ---------------------------------------------------------------------------------------
// The overview

#[component]
pub fn ReviewsPage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_reviews_home());
    view! {
        <PageHeader title="Reviews" lede="Reviews are conversations, not verdicts: your own reflection, feedback from peers you chose with your manager, and your manager's assessment, with nothing in it you have not heard before."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(h) => view! { <ReviewsHomeView home=h/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewsHomeView(home: ReviewsHome) -> impl IntoView {
    let today = home.today;
    let mine = if home.mine.is_empty() {
        view! {
            <EmptyState title="You have no reviews yet">
                <p>"When HR launches a review cycle that includes you, your self-assessment and peer choices appear here with their deadlines."</p>
            </EmptyState>
        }
        .into_any()
    } else {
        view! {
            <ul class="plain-list stack">
                {home.mine.into_iter().map(|r| view! { <li><MyReviewCard review=r today/></li> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let requests = (!home.peer_requests.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="peer-heading">
            <h2 class="card__title" id="peer-heading">"Peer feedback you were asked for"</h2>
            <ul class="plain-list stack stack--tight">
                {home.peer_requests.into_iter().map(|p| {
                    let open = p.status == PeerStatus::Requested;
                    view! {
                        <li class="todo-line">
                            <a href=format!("/reviews/feedback/{}", p.id)>{format!("{} ({})", p.about.name, p.cycle_name)}</a>
                            " "
                            {if open { due_text(p.due, today).into_any() } else { view! { <span class="badge badge--ok">{p.status.label()}</span> }.into_any() }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    });
    let team = (!home.team.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="team-heading">
            <h2 class="card__title" id="team-heading">"Your team's reviews"</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Reviews of your direct reports">
                <table class="data-table">
                    <caption class="visually-hidden">"Reviews of your direct reports in open cycles"</caption>
                    <thead><tr><th scope="col">"Person"</th><th scope="col">"Cycle"</th><th scope="col">"Self-assessment"</th><th scope="col">"Your assessment"</th><th scope="col">"Delivered"</th></tr></thead>
                    <tbody>
                        {home.team.into_iter().map(|r| view! {
                            <tr>
                                <td><a href=format!("/reviews/{}", r.id)>{r.person.name.clone()}</a></td>
                                <td>{r.cycle_name.clone()}</td>
                                <td>{progress_badge(r.self_progress)}</td>
                                <td>
                                    {progress_badge(r.manager_progress)}
                                    {(!r.manager_progress.is_done() && r.cycle_status == CycleStatus::Open).then(|| view! {
                                        " " <a href=format!("/reviews/{}/assessment", r.id)>"Write"</a>
                                    })}
                                </td>
                                <td>{r.delivered_at.map(datetime_date).unwrap_or_else(|| "Not yet".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    });
    let can_create = home.can_create_cycle;
    let cycles = (!home.cycles.is_empty() || can_create).then(|| view! {
        <section class="card" aria-labelledby="cycles-heading">
            <h2 class="card__title" id="cycles-heading">"Review cycles"</h2>
            {can_create.then(|| view! {
                <p class="cluster"><a class="btn btn--primary" href="/reviews/cycles/new">"New review cycle"</a><a href="/reviews/outbox">"Outbox"</a></p>
            })}
            {if home.cycles.is_empty() {
                view! { <p class="muted">"No cycles yet. Create one, check its settings, then launch it."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list stack stack--tight">
                        {home.cycles.into_iter().map(|c| view! {
                            <li>
                                <a href=format!("/reviews/cycles/{}", c.id)>{c.settings.name.clone()}</a>
                                " · " <span class="badge">{c.status.label()}</span>
                                <span class="meta">{format!(" · {} to {} · {} people", short_date(c.settings.period_start, today), short_date(c.settings.period_end, today), c.participants)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    });
    view! {
        <div class="two-col">
            <div class="stack">
                <section aria-labelledby="mine-heading" class="stack">
                    <h2 id="mine-heading">"Your reviews"</h2>
                    {mine}
                </section>
                {requests}
                {team}
            </div>
            <aside class="stack" aria-label="Cycles and how reviews work">
                {cycles}
                <section class="card card--muted" aria-labelledby="how-heading">
                    <h2 class="card__title" id="how-heading">"How a review works"</h2>
                    <ol class="stack stack--tight">
                        <li>"You look back on the whole period in a self-assessment."</li>
                        <li>"You and your manager choose two or three peers who saw your work; they answer three questions."</li>
                        <li>"Your manager writes an assessment with the evidence beside them, and proposes a rating."</li>
                        <li>"Ratings are calibrated across teams, so the same work earns the same rating everywhere."</li>
                        <li>"Your manager talks it through with you and delivers it; you can comment, or disagree, on the record."</li>
                    </ol>
                    <p class="meta">"Anonymous peer feedback reaches you only when at least three peers answered."</p>
                </section>
            </aside>
        </div>
    }
}

/// The person's own review in one card, with the next thing to do.
#[component]
fn MyReviewCard(review: ReviewSummary, today: NaiveDate) -> impl IntoView {
    let id = review.id;
    let next = if review.delivered_at.is_some() {
        let text = if review.acknowledged_at.is_some() { "Read your review" } else { "Read and acknowledge your review" };
        view! { <p><a class="btn btn--primary" href=format!("/reviews/{id}")>{text}</a></p> }.into_any()
    } else if review.cycle_status == CycleStatus::Open && !review.self_progress.is_done() {
        view! {
            <p>
                <a class="btn btn--primary" href=format!("/reviews/{id}/self")>"Write your self-assessment"</a>
                " " {due_text(review.deadlines.self_due, today)}
            </p>
            <p><a href=format!("/reviews/{id}")>"Choose your peers and follow your review"</a></p>
        }
        .into_any()
    } else {
        view! {
            <p>"Your manager delivers your review after calibration, by " {date(review.deadlines.delivery_due)} "."</p>
            <p><a href=format!("/reviews/{id}")>"Follow your review"</a></p>
        }
        .into_any()
    };
    view! {
        <article class="card">
            <h3 class="card__title">{review.cycle_name}</h3>
            <p class="meta">"Self-assessment: " {progress_badge(review.self_progress)}</p>
            {next}
        </article>
    }
}

// ---------------------------------------------------------------------------------------
// Cycles

#[component]
pub fn NewCyclePage() -> impl IntoView {
    let create = ServerAction::<CreateCycle>::new();
    let departments = Resource::new(|| (), |_| get_cycle_form());
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title="New review cycle" lede="Set who takes part, the period the reviews cover and each phase's deadline. Nothing happens until you launch it."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match departments.await {
                    Ok(d) => view! { <CycleForm departments=d create/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CycleForm(departments: Vec<(i64, String)>, create: ServerAction<CreateCycle>) -> impl IntoView {
    let error = move || create.value().get().and_then(|r| r.err());
    let field = move |name: &'static str| move || error().and_then(|e| e.field_error(name));
    let date_field = move |name: &'static str, label: &'static str, hint: &'static str| {
        view! {
            <div class=move || field_class(field(name)())>
                <label class="field__label" for=name>{label}</label>
                {(!hint.is_empty()).then(|| view! { <p class="field__hint" id=format!("{name}-hint")>{hint}</p> })}
                {move || view! { <FieldError message=field(name)() id=format!("{name}-error")/> }}
                <input id=name name=name type="date" class="input--short" required=true/>
            </div>
        }
    };
    view! {
        {move || error().map(|e| view! { <ErrorSummary error=e/> })}
        <ActionForm action=create attr:class="stack card">
            <div class=move || field_class(field("name")())>
                <label class="field__label" for="name">"Name"</label>
                {move || view! { <FieldError message=field("name")() id="name-error".into()/> }}
                <input id="name" name="name" type="text" class="input--medium" placeholder="H1 2027 review" required=true/>
            </div>
            <fieldset class="stack">
                <legend class="field__label">"The period the reviews cover"</legend>
                {date_field("period_start", "First day", "")}
                {date_field("period_end", "Last day", "")}
            </fieldset>
            <fieldset class="stack">
                <legend class="field__label">"Who takes part"</legend>
                <p class="field__hint">"Active people with a manager. Leave out people too new to review with the start-date cut-off."</p>
                <div class="choice"><input type="radio" id="scope-everyone" name="scope" value="everyone" checked=true/><label for="scope-everyone">"Everyone"</label></div>
                <div class="choice"><input type="radio" id="scope-department" name="scope" value="department"/><label for="scope-department">"One department"</label></div>
                <div class=move || field_class(field("department_id")())>
                    <label class="field__label" for="department_id">"Department"</label>
                    {move || view! { <FieldError message=field("department_id")() id="department_id-error".into()/> }}
                    <select id="department_id" name="department_id">
                        <option value="">"Choose a department"</option>
                        {departments.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="choice"><input type="radio" id="scope-team" name="scope" value="team"/><label for="scope-team">"One manager's organisation"</label></div>
                <div class=move || field_class(field("team_manager_email")())>
                    <label class="field__label" for="team_manager_email">"Manager's work email"</label>
                    {move || view! { <FieldError message=field("team_manager_email")() id="team_manager_email-error".into()/> }}
                    <input id="team_manager_email" name="team_manager_email" type="email" class="input--medium" autocomplete="off"/>
                </div>
                {date_field("hired_before", "Include people who started before", "People who started on or after this date are left out of this cycle.")}
            </fieldset>
            <fieldset class="stack">
                <legend class="field__label">"Deadlines"</legend>
                {date_field("self_due", "Self-assessments", "Near the end of the period.")}
                {date_field("peer_due", "Peer feedback", "")}
                {date_field("manager_due", "Manager assessments", "After peer feedback, so managers can read it.")}
                {date_field("calibration_due", "Calibration", "")}
                {date_field("delivery_due", "Delivery", "Within one week of calibration.")}
            </fieldset>
            <div class="choice">
                <input type="checkbox" id="anonymous_peers" name="anonymous_peers" value="on" checked=true/>
                <label for="anonymous_peers">"Peer feedback is anonymous to the person (shown only when at least three peers answer)"</label>
            </div>
            <div class="form-actions"><button class="btn btn--primary" type="submit">"Create the cycle"</button></div>
        </ActionForm>
    }
}

#[component]
pub fn CyclePage() -> impl IntoView {
    let advance = ServerAction::<AdvanceCycle>::new();
    let finalise = ServerAction::<FinaliseRating>::new();
    page_for_id!(get_cycle_page, move || (advance.version().get(), finalise.version().get()), |page| view! { <CycleView page advance finalise/> })
}

#[component]
fn CycleView(page: CyclePage, advance: ServerAction<AdvanceCycle>, finalise: ServerAction<FinaliseRating>) -> impl IntoView {
    let CyclePage { cycle, rows, completion_percent, to_finalise, can_manage, today } = page;
    let s = cycle.settings.clone();
    let lede = format!(
        "{} · covers {} to {} · {} · {}",
        cycle.scope_label,
        date(s.period_start),
        date(s.period_end),
        crate::ui::format::people_count(cycle.participants),
        if s.anonymous_peers { "anonymous peer feedback" } else { "named peer feedback" }
    );
    let next = cycle.status.next().filter(|_| can_manage).map(|(_, label)| {
        let (id, version) = (cycle.id, cycle.version);
        view! {
            <ActionForm action=advance>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                <button class="btn btn--primary" type="submit">{label}</button>
            </ActionForm>
        }
    });
    let advance_error = move || advance.value().get().and_then(|r| r.err());
    let total = |f: fn(&CompletionRow) -> i64| rows.iter().map(f).sum::<i64>();
    let (reviews, self_done, peers_done, peers_asked, manager_done, delivered) = (
        total(|r| r.reviews),
        total(|r| r.self_done),
        total(|r| r.peers_done),
        total(|r| r.peers_asked),
        total(|r| r.manager_done),
        total(|r| r.delivered),
    );
    let (percent, percent_label) = match completion_percent {
        Some(p) => (format!("{p}%"), "of reviews delivered on time (target 95%)".to_string()),
        None => ("Not due yet".to_string(), format!("reviews delivered on time, measured from the delivery deadline ({})", short_date(s.deadlines.delivery_due, today))),
    };
    let kpi = |value: String, label: String| view! { <div class="kpi"><span class="kpi__value">{value}</span><span class="kpi__label">{label}</span></div> };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title=s.name.clone() lede=lede>
            <span class="badge badge--accent">{cycle.status.label()}</span>
        </PageHeader>
        {move || advance_error().map(|e| view! { <ErrorSummary error=e/> })}
        <div class="stack">
            <section aria-labelledby="completion-heading" class="stack">
                <h2 id="completion-heading">"Completion"</h2>
                <div class="kpi-row kpi-row--compact">
                    {kpi(percent, percent_label)}
                    {kpi(format!("{self_done} of {reviews}"), "self-assessments submitted".into())}
                    {kpi(format!("{peers_done} of {peers_asked}"), "peer requests answered or declined".into())}
                    {kpi(format!("{manager_done} of {reviews}"), "manager assessments submitted".into())}
                    {kpi(format!("{delivered} of {reviews}"), "reviews delivered".into())}
                </div>
            </section>
            <div class="two-col two-col--wide-left">
                <section class="card" aria-labelledby="deadlines-heading">
                    <h2 class="card__title" id="deadlines-heading">"Deadlines"</h2>
                    <ol class="phase-list plain-list">
                        {s.deadlines.phases().into_iter().map(|(phase, due)| {
                            let class = if due < today { "phase phase--past" } else { "phase" };
                            view! {
                                <li class=class>
                                    <span class="phase__name">{phase}</span>
                                    <span class="phase__date">{short_date(due, today)}</span>
                                    <span class="meta">{relative_days(due, today)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <p class="meta">{format!("New hires who started on or after {} are not included.", date(s.hired_before))}</p>
                </section>
                {match next {
                    Some(n) => view! { <section class="card"><h2 class="card__title">"Next step"</h2>{n}</section> }.into_any(),
                    None => view! { <span></span> }.into_any(),
                }}
            </div>
            {(!to_finalise.is_empty()).then(|| view! { <FinaliseCard reviews=to_finalise finalise/> })}
            <section class="card" aria-labelledby="teams-heading">
                <h2 class="card__title" id="teams-heading">"By team"</h2>
                {if rows.is_empty() {
                    view! { <p class="muted">"Nobody takes part yet: the cycle's reviews are created when it is launched."</p> }.into_any()
                } else {
                    view! { <CompletionTable rows/> }.into_any()
                }}
            </section>
        </div>
    }
}

/// "in 4 days", "today", "3 days ago".
fn relative_days(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        d if d > 1 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

#[component]
fn CompletionTable(rows: Vec<CompletionRow>) -> impl IntoView {
    let of = |done: i64, all: i64| format!("{done} of {all}");
    let missing: Vec<(PersonSummary, String)> = rows.iter().flat_map(|r| r.missing.clone()).collect();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Completion by team">
            <table class="data-table">
                <caption class="visually-hidden">"Completion by manager"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Team"</th><th scope="col">"Manager"</th><th scope="col">"Self-assessments"</th>
                        <th scope="col">"Peer feedback"</th><th scope="col">"Manager assessments"</th><th scope="col">"Delivered"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.team.clone()}</td>
                            <td>{r.manager.map(|m| m.name).unwrap_or_else(|| "No manager".into())}</td>
                            <td>{of(r.self_done, r.reviews)}{(r.self_late > 0).then(|| view! { " " <span class="badge badge--warn">{format!("{} late", r.self_late)}</span> })}</td>
                            <td>{of(r.peers_done, r.peers_asked)}</td>
                            <td>{of(r.manager_done, r.reviews)}{(r.manager_late > 0).then(|| view! { " " <span class="badge badge--warn">{format!("{} late", r.manager_late)}</span> })}</td>
                            <td>{of(r.delivered, r.reviews)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(!missing.is_empty()).then(|| view! {
            <h3>"Missing past the deadline"</h3>
            <ul class="stack stack--tight plain-list">
                {missing.into_iter().map(|(p, what)| view! { <li><PersonChip person=p/>" " <span class="badge badge--danger">{what}</span></li> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
fn FinaliseCard(reviews: Vec<(ReviewId, PersonSummary, Option<Rating>)>, finalise: ServerAction<FinaliseRating>) -> impl IntoView {
    let error = move || finalise.value().get().and_then(|r| r.err());
    view! {
        <section class="card" aria-labelledby="finalise-heading">
            <h2 class="card__title" id="finalise-heading">"Final ratings"</h2>
            <p>"Until calibration sessions exist in Trellis, HR finalises each rating here after the calibration discussion. The manager then delivers the review."</p>
            {move || error().map(|e| view! { <ErrorSummary error=e/> })}
            <ul class="plain-list stack">
                {reviews.into_iter().map(|(id, person, preliminary)| {
                    let select_id = format!("rating-{id}");
                    view! {
                        <li>
                            <ActionForm action=finalise attr:class="cluster">
                                <input type="hidden" name="review_id" value=id.to_string()/>
                                <label for=select_id.clone()>{format!("{} (preliminary: {})", person.name, preliminary.map(Rating::label).unwrap_or("none"))}</label>
                                <select id=select_id name="rating">
                                    {Rating::ALL.iter().map(|r| view! { <option value=r.as_str() selected=Some(*r) == preliminary>{r.label()}</option> }).collect_view()}
                                </select>
                                <button class="btn btn--secondary btn--small" type="submit">"Finalise"</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

// ---------------------------------------------------------------------------------------
// One review

#[component]
pub fn ReviewPage() -> impl IntoView {
    let peers = ServerAction::<ChoosePeers>::new();
    let deliver = ServerAction::<DeliverReview>::new();
    let acknowledge = ServerAction::<AcknowledgeReview>::new();
    let finalise = ServerAction::<FinaliseRating>::new();
    page_for_id!(
        get_review,
        move || (peers.version().get(), deliver.version().get(), acknowledge.version().get(), finalise.version().get()),
        |review| view! { <ReviewFull review peers deliver acknowledge finalise/> }
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
) -> impl IntoView {
    let title = review_title(&review);
    let lede = review.manager.as_ref().map(|m| format!("{} · manager: {}", review.person.title, m.name)).unwrap_or_else(|| review.person.title.clone());
    let r = review.clone();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title=title lede=lede/>
        <ReviewStepper review=r.clone()/>
        <div class="two-col two-col--wide-left">
            <div class="stack">
                <OutcomeSection review=r.clone() deliver acknowledge finalise/>
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
fn OutcomeSection(review: ReviewView, deliver: ServerAction<DeliverReview>, acknowledge: ServerAction<AcknowledgeReview>, finalise: ServerAction<FinaliseRating>) -> impl IntoView {
    let id = review.id;
    let can = review.can;
    let rating = review.final_rating.map(|r| view! {
        <div class="rating-result">
            <p class="kpi__label">"Final rating"</p>
            <p class="rating-result__value">{r.label()}</p>
            <p class="muted">{r.definition()}</p>
        </div>
    });
    let deliver_error = move || deliver.value().get().and_then(|r| r.err());
    let ack_error = move || acknowledge.value().get().and_then(|r| r.err());
    let finalise_error = move || finalise.value().get().and_then(|r| r.err());
    let preliminary = review.manager_assessment.as_ref().and_then(|m| m.answers.rating);
    let delivered = review.delivered_at.map(|d| format!("Delivered on {}.", datetime_date(d)));
    let acknowledged = review.acknowledged_at.map(|d| format!("Acknowledged on {}.", datetime_date(d)));
    let comment = review.employee_comment.clone();
    let has_comment = !comment.is_empty();
    let anything = rating.is_some() || can.deliver || can.finalise || can.acknowledge;
    anything.then(|| view! {
        <section class="card card--accent" aria-labelledby="outcome-heading">
            <h2 class="card__title" id="outcome-heading">"The review"</h2>
            {rating}
            {delivered.map(|d| view! { <p>{d}" "{acknowledged}</p> })}
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
fn Answers(questions: Vec<&'static str>, answers: Vec<String>) -> impl IntoView {
    view! {
        <dl class="answers">
            {questions.into_iter().zip(answers).map(|(q, a)| view! { <dt>{q}</dt><dd class="prewrap">{a}</dd> }).collect_view()}
        </dl>
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
    let chooser = (can.nominate_peers || can.approve_peers).then(|| view! { <PeerChooser review=review.clone() peers/> });
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
    let saved = move || matches!(peers.value().get(), Some(Ok(())));
    let chosen: Vec<i64> = review.peers.iter().filter_map(|l| l.peer.as_ref().map(|p| p.id)).collect();
    let button = if review.can.approve_peers { "Approve and ask them" } else { "Propose these peers" };
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
                <label class="field__label" for="other_email">"Someone from another team (work email)"</label>
                {move || view! { <FieldError message=error().and_then(|e| e.field_error("other_email")) id="other_email-error".into()/> }}
                <input id="other_email" name="other_email" type="email" class="input--medium" autocomplete="off"/>
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

#[component]
fn ManagerAnswersView(answers: ManagerAnswers, show_rating: bool) -> impl IntoView {
    view! {
        <Answers questions=MANAGER_SECTIONS.iter().map(|s| s.1).collect() answers=answers.sections().map(str::to_string).to_vec()/>
        {show_rating.then(|| answers.rating.map(|r| view! { <p><strong>"Preliminary rating: "</strong>{r.label()}</p> }))}
    }
}

// ---------------------------------------------------------------------------------------
// The self-assessment

#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    page_for_id!(get_review, || (), |review| view! { <SelfAssessmentView review/> })
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
    let save = ServerAction::<SaveSelfAssessment>::new();
    let submit = ServerAction::<SubmitSelfAssessment>::new();
    let autosave = Autosave::new(draft.version, draft.saved_at);
    let values: [RwSignal<String>; 5] = draft.answers.in_order().map(|a| RwSignal::new(a.to_string()));
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            autosave.settle(result.map(|s| (s.version, s.at)));
        }
    });
    let dispatch = move |version: i32| {
        let [a, b, c, d, e] = values.map(|v| v.get_untracked());
        save.dispatch(SaveSelfAssessment { review_id: id, version, accomplishments: a, shortfalls: b, feedback_acted_on: c, next_focus: d, support_needed: e });
    };
    let on_edit = Callback::new(move |()| autosave.touch(dispatch));
    let save_error = move || save.value().get().and_then(|r| r.err());
    let submit_error = move || submit.value().get().and_then(|r| r.err());
    let today = review.today;
    let due = review.cycle.settings.deadlines.self_due;
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a>" / "<a href=format!("/reviews/{id}")>{review.cycle.settings.name.clone()}</a></nav>
        <PageHeader title="Your self-assessment" lede=format!("{} · covers {} to {}", review.cycle.settings.name, date(review.cycle.settings.period_start), date(review.cycle.settings.period_end))>
            {due_text(due, today)}
        </PageHeader>
        <p class="measure">"Look back over the whole period, not just the last few weeks. Your manager reads this once you submit it; until then only you can see it."</p>
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
fn SubmitCard(title: &'static str, text: &'static str, autosave: Autosave, children: Children) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="submit-heading">
            <h2 class="card__title" id="submit-heading">{title}</h2>
            <p>{text}</p>
            {move || (!autosave.is_clean()).then(|| view! { <p class="meta">"Waiting for your latest changes to be saved…"</p> })}
            {children()}
        </section>
    }
}

// ---------------------------------------------------------------------------------------
// Peer feedback

#[component]
pub fn PeerFeedbackPage() -> impl IntoView {
    let close = ServerAction::<ClosePeerFeedback>::new();
    page_for_id!(get_peer_request, move || close.version().get(), |request| view! { <PeerFeedbackView request close/> })
}

#[component]
fn PeerFeedbackView(request: PeerRequest, close: ServerAction<ClosePeerFeedback>) -> impl IntoView {
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
    let save = ServerAction::<SavePeerFeedback>::new();
    let autosave = Autosave::new(request.draft.version, request.draft.saved_at);
    let values: [RwSignal<String>; 3] = request.draft.answers.in_order().map(|a| RwSignal::new(a.to_string()));
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            autosave.settle(result.map(|s| (s.version, s.at)));
        }
    });
    let dispatch = move |version: i32| {
        let [a, b, c] = values.map(|v| v.get_untracked());
        save.dispatch(SavePeerFeedback { id, version, keep_doing: a, do_differently: b, values_shown: c });
    };
    let on_edit = Callback::new(move |()| autosave.touch(dispatch));
    let save_error = move || save.value().get().and_then(|r| r.err());
    let close_error = move || close.value().get().and_then(|r| r.err());
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title=title lede=format!("{} · {}", request.cycle_name, request.about.title)>{due_text(request.due, request.today)}</PageHeader>
        <p class="measure">"Three questions about their work this cycle. Specific examples help most. " {anonymity}</p>
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
    .into_any()
}

// ---------------------------------------------------------------------------------------
// The manager assessment

#[component]
pub fn AssessmentPage() -> impl IntoView {
    page_for_id!(get_assessment, || (), |page| view! { <AssessmentView page/> })
}

#[component]
fn AssessmentView(page: AssessmentPage) -> impl IntoView {
    let AssessmentPage { review, draft, evidence, recency_warning, surprises } = page;
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
    let save = ServerAction::<SaveManagerAssessment>::new();
    let submit = ServerAction::<SubmitManagerAssessment>::new();
    let autosave = Autosave::new(draft.version, draft.saved_at);
    let a = draft.answers.clone();
    let sections: [RwSignal<String>; 4] = a.sections().map(|s| RwSignal::new(s.to_string()));
    let rating = RwSignal::new(a.rating);
    let citations = RwSignal::new(a.citations.clone());
    let raised_before = RwSignal::new(a.raised_before.clone());
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
            raised_before: raised_before.get_untracked(),
        });
    };
    let on_edit = Callback::new(move |()| autosave.touch(dispatch));
    let save_error = move || save.value().get().and_then(|r| r.err());
    let submit_error = move || submit.value().get().and_then(|r| r.err());
    let message = move |name: &'static str| move || save_error().and_then(|e| e.field_error(name)).or_else(|| submit_error().and_then(|e| e.field_error(name)));
    let period = format!("{} to {}", date(review.cycle.settings.period_start), date(review.cycle.settings.period_end));
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a>" / "<a href=format!("/reviews/{id}")>{name.clone()}</a></nav>
        <PageHeader title=format!("Assessment of {name}") lede=format!("{} · covers {period}", review.cycle.settings.name)>
            {due_text(review.cycle.settings.deadlines.manager_due, review.today)}
        </PageHeader>
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
                <ActionForm action=save attr:class="stack card">
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
                    <DraftField
                        name="raised_before"
                        label="Was this raised before? When and how?"
                        hint="Needed when Trellis finds no earlier mention of a concern rating or development area. For example: \"1:1 on 3 September, and again in October\"."
                        rows=2
                        value=raised_before
                        error=Signal::derive(message("raised_before"))
                        on_edit
                    />
                    <SaveStatus autosave/>
                    <div class="form-actions"><button class="btn btn--secondary" type="submit">"Save the draft"</button></div>
                    // Citations travel with the form too, so "Save the draft" works without JavaScript.
                    {move || citations.get().into_iter().map(|k| view! { <input type="hidden" name=format!("cite[{k}]") value="on"/> }).collect_view()}
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
    .into_any()
}

/// Everything on record about the person this cycle, newest first, with "cite" boxes.
#[component]
fn EvidencePanel(evidence: Vec<EvidenceItem>, citations: RwSignal<Vec<String>>, on_change: Callback<()>, period: String) -> impl IntoView {
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

// ---------------------------------------------------------------------------------------
// The outbox

#[component]
pub fn OutboxPage() -> impl IntoView {
    let outbox = Resource::new(|| (), |_| get_outbox());
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title="Outbox" lede="Reminders and notices Trellis sends people: launches, peer requests, deadlines, delivered reviews."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match outbox.await {
                    Ok(page) => view! { <OutboxView page/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OutboxView(page: OutboxPage) -> impl IntoView {
    let notice = if page.smtp_configured {
        view! { <p class="notice">"Email is sent by SMTP every half minute. Messages that keep failing show their last error."</p> }.into_any()
    } else {
        view! { <div class="notice notice--warn"><p>"Email is not configured, so these messages are not sent. Set TRELLIS_SMTP_URL and TRELLIS_MAIL_FROM to send them (see the configuration docs)."</p></div> }.into_any()
    };
    view! {
        {notice}
        {if page.messages.is_empty() {
            view! { <EmptyState title="No messages yet"><p>"Launching a review cycle queues a message to everyone taking part."</p></EmptyState> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Messages">
                    <table class="data-table">
                        <caption class="visually-hidden">"The newest 200 messages"</caption>
                        <thead><tr><th scope="col">"Queued"</th><th scope="col">"To"</th><th scope="col">"Subject"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>
                            {page.messages.into_iter().map(|m| view! {
                                <tr>
                                    <td class="nowrap">{m.created_at.format("%-d %b %H:%M").to_string()}</td>
                                    <td>{m.to}</td>
                                    <td><details><summary>{m.subject}</summary><p class="prewrap">{m.body}</p></details></td>
                                    <td>{match (m.sent_at, m.last_error) {
                                        (Some(at), _) => view! { <span class="badge badge--ok">{format!("Sent {}", at.format("%-d %b %H:%M"))}</span> }.into_any(),
                                        (None, Some(e)) => view! { <span class="badge badge--danger">{format!("Failed {} times: {e}", m.attempts)}</span> }.into_any(),
                                        (None, None) => view! { <span class="badge">"Waiting"</span> }.into_any(),
                                    }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
