use super::api::{get_audit_log, get_live_sessions, EndSessions, ENDED_PARAM};
use super::types::*;
use crate::ui::format::{people_count, url_encode};
use crate::ui::{
    EmptyState, ErrorSummary, FilterSelect, LoadError, Loading, PageHeader, Pagination,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
fn AdminTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Administration">
            <ul class="cluster plain-list">
                <li><leptos_router::components::A href="/admin/audit">"Audit log"</leptos_router::components::A></li>
                <li><leptos_router::components::A href="/admin/sessions">"Sessions"</leptos_router::components::A></li>
            </ul>
        </nav>
    }
}

fn timestamp(t: chrono::NaiveDateTime) -> String {
    t.format("%-d %b %Y, %H:%M UTC").to_string()
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        AuditQuery {
            action: q.get("action").filter(|a| !a.is_empty()),
            outcome: q.get("outcome").filter(|o| !o.is_empty()),
            actor: q.get("actor").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let data = Resource::new(params, get_audit_log);
    view! {
        <PageHeader title="Audit log" lede="Every sign-in, every refused access and every change to sensitive records: who, what and when. Entries cannot be edited or deleted."/>
        <AdminTabs/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let current = params();
                match data.await {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(page) => view! { <AuditView page current/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditView(page: AuditPage, current: AuditQuery) -> impl IntoView {
    let pages = ((page.total.max(0) as u64).div_ceil(page.per_page as u64)).max(1) as u32;
    let href = {
        let current = current.clone();
        move |p: u32| {
            format!(
                "/admin/audit?action={}&outcome={}&actor={}&page={p}",
                url_encode(&current.action.clone().unwrap_or_default()),
                url_encode(&current.outcome.clone().unwrap_or_default()),
                url_encode(&current.actor)
            )
        }
    };
    let prev = (page.page > 1).then(|| href(page.page - 1));
    let next = (page.page < pages).then(|| href(page.page + 1));
    view! {
        <Form method="GET" action="/admin/audit" attr:class="filters" attr:role="search" attr:aria-label="Filter the audit log">
            <div class="filters__field">
                <label class="field__label" for="actor">"Person"</label>
                <input id="actor" name="actor" type="search" value=current.actor.clone() placeholder="Name or email"/>
            </div>
            <FilterSelect id="action" label="Action" all="All actions"
                options=page.actions.iter().map(|a| (a.clone(), a.replace('_', " "))).collect()
                selected=current.action.clone()/>
            <FilterSelect id="outcome" label="Outcome" all="Allowed and refused"
                options=vec![("allowed".into(), "Allowed".into()), ("refused".into(), "Refused".into())]
                selected=current.outcome.clone()/>
            <div class="filters__field"><button class="btn btn--primary" type="submit">"Filter"</button></div>
        </Form>
        <p class="result-count" role="status">{format!("{} entries", page.total)}</p>
        {if page.rows.is_empty() {
            view! { <EmptyState title="No entries match"><p>"Sign-ins, refusals and changes appear here as they happen."</p></EmptyState> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Audit entries">
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Action"</th>
                            <th scope="col">"Record"</th><th scope="col">"Outcome"</th><th scope="col">"Detail"</th><th scope="col">"Request"</th>
                        </tr></thead>
                        <tbody>
                            {page.rows.into_iter().map(|r| {
                                let outcome_class = if r.outcome == "refused" { "badge badge--danger" } else { "badge badge--ok" };
                                let who = match (r.actor_id, r.actor_name) {
                                    (Some(id), Some(name)) => view! { <a href=format!("/people/{id}")>{name}</a> }.into_any(),
                                    _ => view! { <span class="muted">"Not signed in"</span> }.into_any(),
                                };
                                view! {
                                    <tr>
                                        <td class="nowrap">{timestamp(r.at)}</td>
                                        <td>{who}</td>
                                        <td>{r.action.replace('_', " ")}</td>
                                        <td>{format!("{}{}", r.target_type, r.target_id.map(|i| format!(" #{i}")).unwrap_or_default())}</td>
                                        <td><span class=outcome_class>{r.outcome}</span></td>
                                        <td>{r.detail}</td>
                                        <td class="meta">{r.request_id.unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <Pagination page=page.page pages=Some(pages) prev next/>
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let end = ServerAction::<EndSessions>::new();
    let data = Resource::new(|| (), |_| get_live_sessions());
    let query = use_query_map();
    let ended = move || query.read().get(ENDED_PARAM).and_then(|n| n.parse::<usize>().ok());
    view! {
        <PageHeader title="Sessions" lede="Who is signed in, on how many devices. Ending someone's sessions signs them out everywhere at once."/>
        <AdminTabs/>
        {move || end.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorSummary error=e/> })}
        {move || ended().map(|n| view! {
            <div class="notice notice--success" role="status">
                <p>{if n == 1 { "Ended 1 session.".to_string() } else { format!("Ended {n} sessions.") }}</p>
            </div>
        })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                    Ok(rows) if rows.is_empty() => view! {
                        <EmptyState title="Nobody is signed in"><p>"People appear here while they have a live session."</p></EmptyState>
                    }.into_any(),
                    Ok(rows) => view! {
                        <p class="result-count">{format!("{} signed in", people_count(rows.len() as i64))}</p>
                        <div class="table-wrap" tabindex="0" role="region" aria-label="Live sessions">
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">"Person"</th><th scope="col" class="num">"Sessions"</th>
                                    <th scope="col">"First signed in"</th><th scope="col">"Last active"</th><th scope="col">"Sign out"</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td><a href=format!("/people/{}", r.person_id)>{r.name.clone()}</a><br/><span class="meta">{r.email.clone()}</span></td>
                                            <td class="num">{r.sessions}</td>
                                            <td>{timestamp(r.first_started)}</td>
                                            <td>{timestamp(r.last_seen)}</td>
                                            <td>
                                                <ActionForm action=end>
                                                    <input type="hidden" name="person_id" value=r.person_id.to_string()/>
                                                    <button class="btn btn--danger btn--small" type="submit">
                                                        "End sessions"<span class="visually-hidden">{format!(" of {}", r.name)}</span>
                                                    </button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
