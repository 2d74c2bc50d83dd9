//! Pages of calibration: the list of sessions, HR's new-session form, the board (with a
//! person's evidence and history beside it, and the 9-box) and the fairness report.

use super::api::*;
use super::types::*;
use crate::error::AppError;
use crate::kernel::Rating;
use crate::ui::format::datetime_date;
use crate::ui::keep_typed::KeepTyped;
use crate::ui::{
    field_class, id_param, EmptyState, ErrorSummary, FieldError, LoadError, Loading, PageHeader,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn rating_label(r: Option<Rating>) -> &'static str {
    r.map(Rating::label).unwrap_or("Not rated yet")
}

/// The note every page with a distribution carries.
#[component]
fn NotAQuota() -> impl IntoView {
    view! {
        <p class="notice">
            <strong>"The guideline shares are a guide, never a quota. "</strong>
            "Trellis never asks anyone to move a rating to fit them: calibrate each person on their evidence, and use the shares only to ask whether standards are the same across teams."
        </p>
    }
}

#[component]
pub fn CalibrationPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_calibration_home());
    view! {
        <PageHeader title="Calibration" lede="Managers bring preliminary ratings with evidence; the room discusses every Exceptional and Below Expectations, changes ratings with a written rationale and checks the result for bias. Boards are open to their participants and HR."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(home) => view! { <SessionList home/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SessionList(home: CalibrationHome) -> impl IntoView {
    let create = home.can_create.then(|| view! { <p><a class="btn btn--primary" href="/calibration/new">"New calibration session"</a></p> });
    let list = if home.sessions.is_empty() {
        view! {
            <EmptyState title="No calibration sessions for you yet">
                <p>"When HR invites you to a session (as a facilitator or as a manager of people on its board), it appears here."</p>
            </EmptyState>
        }
        .into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Calibration sessions">
                <table class="data-table">
                    <caption class="visually-hidden">"Calibration sessions"</caption>
                    <thead><tr><th scope="col">"Session"</th><th scope="col">"Cycle"</th><th scope="col">"Group"</th><th scope="col">"Facilitator"</th><th scope="col">"People"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>
                        {home.sessions.into_iter().map(|s| {
                            let status = match s.finalised_at {
                                Some(at) => format!("Finalised {}", datetime_date(at)),
                                None => s.status.label().to_string(),
                            };
                            let class = if s.status == SessionStatus::Open { "badge badge--accent" } else { "badge badge--ok" };
                            // The data attributes let the benchmark pick boards by size.
                            view! {
                                <tr data-session=s.id.to_string() data-people=s.people.to_string()>
                                    <td><a href=format!("/calibration/{}", s.id)>{s.name}</a></td>
                                    <td>{s.cycle_name}</td>
                                    <td>{s.group_label}</td>
                                    <td>{s.facilitator}</td>
                                    <td>{s.people}</td>
                                    <td><span class=class>{status}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! { {create} {list} }
}

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_session_form());
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/calibration">"Calibration"</a></nav>
        <PageHeader title="New calibration session" lede="Choose the cycle, the people on the board (departments or teams) and the facilitator. The managers of the people on the board are invited; nobody sits on the board of the session they are invited to."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(form) => view! { <SessionForm form/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A plain form; what was typed comes back when the server finds a problem (`KeepTyped`).
#[component]
fn SessionForm(form: SessionFormData) -> impl IntoView {
    let create = ServerAction::<CreateSession>::new();
    let error = move || create.value().get().and_then(|r| r.err());
    let field = move |name: &'static str| move || error().and_then(|e| e.field_error(name));
    let no_cycles = form.cycles.is_empty().then(|| view! {
        <p class="notice notice--warn">"No review cycle is open or in calibration. Launch a cycle on the Reviews page first."</p>
    });
    view! {
        {no_cycles}
        {move || error().map(|e| view! { <ErrorSummary error=e/> })}
        <KeepTyped key="new-session".to_string()>
        <ActionForm action=create attr:class="stack card">
            <div class=move || field_class(field("cycle_id")())>
                <label class="field__label" for="cycle_id">"Review cycle"</label>
                {move || view! { <FieldError message=field("cycle_id")() id="cycle_id-error".into()/> }}
                <select id="cycle_id" name="cycle_id">
                    {form.cycles.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                </select>
            </div>
            <div class=move || field_class(field("name")())>
                <label class="field__label" for="name">"Name"</label>
                {move || view! { <FieldError message=field("name")() id="name-error".into()/> }}
                <input id="name" name="name" type="text" class="input--medium" placeholder="Sales H2 calibration" required=true/>
            </div>
            <div class=move || field_class(field("facilitator_email")())>
                <label class="field__label" for="facilitator_email">"Facilitator (a name or work email)"</label>
                <p class="field__hint" id="facilitator_email-hint">"A skip-level leader over the managers in the room. The facilitator finalises the session and resolves appeals."</p>
                {move || view! { <FieldError message=field("facilitator_email")() id="facilitator_email-error".into()/> }}
                <crate::ui::person_picker::PersonField field="facilitator_email" described_by="facilitator_email-hint facilitator_email-error"/>
            </div>
            <fieldset class=move || format!("stack {}", field_class(field("group")()))>
                <legend class="field__label" id="group">"Who is on the board"</legend>
                <p class="field__hint">"Everyone in the cycle from these departments and teams who is not on another board of the cycle."</p>
                {move || view! { <FieldError message=field("group")() id="group-error".into()/> }}
                <details open=true>
                    <summary>"Departments"</summary>
                    <div class="choice-grid">
                        {form.departments.into_iter().map(|(id, name)| {
                            let input = format!("department-{id}");
                            view! { <div class="choice"><input type="checkbox" id=input.clone() name=format!("department[{id}]") value="on"/><label for=input>{name}</label></div> }
                        }).collect_view()}
                    </div>
                </details>
                <details>
                    <summary>"Teams"</summary>
                    <div class="choice-grid">
                        {form.teams.into_iter().map(|(id, name)| {
                            let input = format!("team-{id}");
                            view! { <div class="choice"><input type="checkbox" id=input.clone() name=format!("team[{id}]") value="on"/><label for=input>{name}</label></div> }
                        }).collect_view()}
                    </div>
                </details>
            </fieldset>
            <div class="form-actions"><button class="btn btn--primary" type="submit">"Create the session"</button></div>
        </ActionForm>
        </KeepTyped>
    }
}

// After the shared helpers.
mod board;
mod report;

pub use board::BoardPage;
pub use report::ReportPage;
