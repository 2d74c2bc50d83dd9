//! HR's new-cycle form and a cycle's page: completion by team, deadlines, the next step and
//! final ratings.

use super::*;
use crate::kernel::{CycleId, DepartmentId, PersonId, Rating, ReviewId};
use crate::ui::keep_typed::KeepTyped;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewCyclePage() -> impl IntoView {
    let departments = Resource::new(|| (), |_| get_cycle_form());
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title="New review cycle" lede="Set who takes part, the period the reviews cover and each phase's deadline. Nothing happens until you launch it."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match departments.await {
                    Ok(d) => view! { <CycleForm departments=d/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A plain form; what was typed comes back when the server finds a problem (`KeepTyped`).
#[component]
fn CycleForm(departments: Vec<(DepartmentId, String)>) -> impl IntoView {
    let create = ServerAction::<CreateCycle>::new();
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
        <KeepTyped key="new-cycle".to_string()>
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
                    <label class="field__label" for="team_manager_email">"Manager (a name or work email)"</label>
                    {move || view! { <FieldError message=field("team_manager_email")() id="team_manager_email-error".into()/> }}
                    <crate::ui::person_picker::PersonField field="team_manager_email" described_by="team_manager_email-error"/>
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
        </KeepTyped>
    }
}

#[component]
pub fn CyclePage() -> impl IntoView {
    let advance = ServerAction::<AdvanceCycle>::new();
    let finalise = ServerAction::<FinaliseRating>::new();
    let id = crate::ui::id_param::<CycleId>();
    let query = use_query_map();
    let root = move || query.read().get("root").and_then(|r| r.parse::<PersonId>().ok());
    let data = Resource::new(
        move || (id(), root()),
        |(id, root)| async move {
            match id {
                Some(id) => get_cycle_page(id, root).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <CycleView page advance finalise/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CycleView(
    page: CyclePage,
    advance: ServerAction<AdvanceCycle>,
    finalise: ServerAction<FinaliseRating>,
) -> impl IntoView {
    let CyclePage {
        cycle,
        root,
        path,
        totals,
        rows,
        elsewhere,
        completion_percent,
        missing,
        to_finalise,
        can_manage,
        today,
    } = page;
    let s = cycle.settings.clone();
    let lede = format!(
        "{} · covers {} to {} · {} · {}",
        cycle.scope_label,
        date(s.period_start),
        date(s.period_end),
        crate::ui::format::people_count(cycle.participants),
        if s.anonymous_peers { "anonymous peer feedback" } else { "named peer feedback" }
    );
    let advance_error = move || advance.value().get().and_then(|r| r.err());
    let next = cycle.status.next().filter(|_| can_manage).map(|(_, label)| {
        let (id, version) = (cycle.id, cycle.version);
        let consequence = cycle.status.consequence_of_next().unwrap_or_default();
        view! {
            <ActionForm action=advance attr:class="stack">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="version" value=version.to_string()/>
                // Asked only when launching would review people a running cycle already
                // reviews for the same months (the server names the cycle).
                {move || advance_error().and_then(|e| e.field_error("overlap_reason")).map(|message| view! {
                    <div class="field field--error">
                        <label class="field__label" for="overlap_reason">"Why run both cycles"</label>
                        <p class="field__error" id="overlap_reason-error"><span class="visually-hidden">"Error: "</span>{message}</p>
                        <textarea id="overlap_reason" name="overlap_reason" rows="3" maxlength=crate::reviews::rules::OVERRIDE_REASON_MAX.to_string() aria-describedby="overlap_reason-error"></textarea>
                    </div>
                })}
                <div class="choice choice--long">
                    <input type="checkbox" id="confirm" name="confirm" value="yes" required/>
                    <label for="confirm">{consequence}</label>
                </div>
                <button class="btn btn--primary" type="submit">{label}</button>
            </ActionForm>
        }
    });
    let (percent, percent_label) = match completion_percent {
        Some(p) => (format!("{p}%"), "of reviews delivered on time (target 95%)".to_string()),
        None => (
            "Not due yet".to_string(),
            format!(
                "reviews delivered on time, measured from the delivery deadline ({})",
                short_date(s.deadlines.delivery_due, today)
            ),
        ),
    };
    let t = totals;
    let kpi = |value: String, label: String| view! { <div class="kpi"><span class="kpi__value">{value}</span><span class="kpi__label">{label}</span></div> };
    let cycle_url = format!("/reviews/cycles/{}", cycle.id);
    let whose = root.as_ref().map(|r| format!("{}'s organisation", r.name));
    let completion_title = match &whose {
        Some(w) => format!("Completion in {w}"),
        None => "Completion".to_string(),
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/reviews">"Reviews"</a></li>
                {root.as_ref().map(|r| view! {
                    <li><a href=cycle_url.clone()>{s.name.clone()}</a></li>
                    {path.iter().map(|p| view! {
                        <li><a href=format!("{cycle_url}?root={}", p.id)>{p.name.clone()}</a></li>
                    }).collect_view()}
                    <li aria-current="page">{r.name.clone()}</li>
                })}
            </ol>
        </nav>
        <PageHeader title=s.name.clone() lede=lede>
            <span class="badge badge--accent">{cycle.status.label()}</span>
            {can_manage.then(|| view! {
                <a class="btn" href=format!("/reviews/cycles/{}/final-ratings.csv", cycle.id) rel="external" download>"Download final ratings (CSV)"</a>
            })}
        </PageHeader>
        {move || advance_error().map(|e| view! { <ErrorSummary error=e/> })}
        {cycle.launch_note.clone().map(|note| view! { <p class="notice" role="note">{note}</p> })}
        <div class="stack">
            <section aria-labelledby="completion-heading" class="stack">
                <h2 id="completion-heading">{completion_title}</h2>
                <div class="kpi-row kpi-row--compact">
                    {kpi(percent, percent_label)}
                    {kpi(format!("{} of {}", t.self_done, t.reviews), "self-assessments submitted".into())}
                    {kpi(format!("{} of {}", t.peers_done, t.peers_asked), "peer requests answered or declined".into())}
                    {kpi(format!("{} of {}", t.manager_done, t.reviews), "manager assessments submitted".into())}
                    {kpi(format!("{} of {}", t.delivered, t.reviews), "reviews delivered".into())}
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
            {(!to_finalise.items.is_empty()).then(|| view! { <FinaliseCard reviews=to_finalise finalise/> })}
            <section class="card" aria-labelledby="teams-heading">
                <h2 class="card__title" id="teams-heading">"By organisation"</h2>
                {if rows.is_empty() && elsewhere.reviews == 0 {
                    view! { <p class="muted">"Nobody takes part yet: the cycle's reviews are created when it is launched."</p> }.into_any()
                } else {
                    view! { <CompletionTable rows elsewhere cycle_url=cycle_url.clone()/> }.into_any()
                }}
                <MissingList missing totals=t deadlines=s.deadlines today/>
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
fn CompletionTable(
    rows: Vec<CompletionRow>,
    elsewhere: CompletionCounts,
    cycle_url: String,
) -> impl IntoView {
    let of = |done: i64, all: i64| format!("{done} of {all}");
    let late = |n: i64| {
        (n > 0).then(|| view! { " " <span class="badge badge--warn">{format!("{n} late")}</span> })
    };
    let cells = move |c: CompletionCounts| {
        view! {
            <td>{of(c.self_done, c.reviews)}{late(c.self_late)}</td>
            <td>{of(c.peers_done, c.peers_asked)}</td>
            <td>{of(c.manager_done, c.reviews)}{late(c.manager_late)}</td>
            <td>{of(c.delivered, c.reviews)}</td>
        }
    };
    view! {
        <p class="meta">"Each row is one person's organisation: theirs and everyone's below them. Open a name with people below to see their organisation by team."</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Completion by organisation">
            <table class="data-table">
                <caption class="visually-hidden">"Completion by organisation"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Organisation of"</th><th scope="col">"Team"</th><th scope="col">"Reviews"</th><th scope="col">"Self-assessments"</th>
                        <th scope="col">"Peer feedback"</th><th scope="col">"Manager assessments"</th><th scope="col">"Delivered"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let name = if r.has_reports {
                            view! { <a href=format!("{cycle_url}?root={}", r.head.id)>{r.head.name.clone()}</a> }.into_any()
                        } else {
                            view! { <span>{r.head.name.clone()}</span> }.into_any()
                        };
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{r.head.team.clone().unwrap_or_else(|| r.head.department.clone())}</td>
                                <td>{r.counts.reviews}</td>
                                {cells(r.counts)}
                            </tr>
                        }
                    }).collect_view()}
                    {(elsewhere.reviews > 0).then(|| view! {
                        <tr>
                            <th scope="row">"Outside the org chart"</th>
                            <td class="meta">"People who have left, or without a manager"</td>
                            <td>{elsewhere.reviews}</td>
                            {cells(elsewhere)}
                        </tr>
                    })}
                </tbody>
            </table>
        </div>
    }
}

/// The names of people whose work is late: the first page, and how many more; for a view
/// too large to list by name, how much is missing.
#[component]
fn MissingList(
    missing: Option<FirstPage<(PersonSummary, String)>>,
    totals: CompletionCounts,
    deadlines: Deadlines,
    today: NaiveDate,
) -> impl IntoView {
    let Some(missing) = missing else {
        let t = totals;
        let overdue: Vec<String> = [
            (
                today > deadlines.self_due,
                t.reviews - t.self_done,
                "self-assessment",
                "self-assessments",
            ),
            (
                today > deadlines.manager_due,
                t.reviews - t.manager_done,
                "manager assessment",
                "manager assessments",
            ),
            (
                today > deadlines.delivery_due,
                t.reviews - t.delivered,
                "review not delivered",
                "reviews not delivered",
            ),
        ]
        .into_iter()
        .filter(|(past, n, _, _)| *past && *n > 0)
        .map(|(_, n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        return (!overdue.is_empty()).then(|| view! {
            <h3>"Missing past the deadline"</h3>
            <p>{format!("{} in this view.", overdue.join(", "))}</p>
            <p class="meta">"Too many people to list by name here: open an organisation above to see its own list."</p>
        }).into_any();
    };
    let more = missing.total - missing.items.len() as i64;
    (!missing.items.is_empty()).then(|| view! {
        <h3>{format!("Missing past the deadline ({})", missing.total)}</h3>
        <ul class="stack stack--tight plain-list">
            {missing.items.into_iter().map(|(p, what)| view! { <li><PersonChip person=p/>" " <span class="badge badge--danger">{what}</span></li> }).collect_view()}
        </ul>
        {(more > 0).then(|| view! {
            <p class="meta">{format!("And {more} more, by name. Open an organisation above to see its own list.")}</p>
        })}
    })
    .into_any()
}

#[component]
fn FinaliseCard(
    reviews: FirstPage<(ReviewId, PersonSummary, Option<Rating>)>,
    finalise: ServerAction<FinaliseRating>,
) -> impl IntoView {
    let error = move || finalise.value().get().and_then(|r| r.err());
    view! {
        <section class="card" id="final-ratings" aria-labelledby="finalise-heading">
            <h2 class="card__title" id="finalise-heading">"Final ratings"</h2>
            <p>"Reviews on no calibration board get their final rating here, after the calibration discussion; a board's session finalises its own. The manager then delivers the review."</p>
            {(reviews.total > reviews.items.len() as i64).then(|| view! {
                <p class="meta">{format!("The first {} of {} waiting, oldest first: the next appear as these are finalised.", reviews.items.len(), crate::ui::format::counted(reviews.total))}</p>
            })}
            {move || error().map(|e| view! { <ErrorSummary error=e/> })}
            <ul class="plain-list stack">
                {reviews.items.into_iter().map(|(id, person, preliminary)| {
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
