//! Pages of the org area: the directory, a person's profile and the org chart.

use super::api::{get_directory, get_org_chart, get_profile, ChangeManager, RecordDeparture};
use super::rules::tenure;
use super::types::*;
use crate::error::AppError;
use crate::kernel::PersonId;
use crate::ui::format::{counted, date, people_count, reports_count, url_encode};
use crate::ui::{
    Avatar, EmptyState, ErrorSummary, FilterSelect, LoadError, Loading, PageHeader, Pagination,
    PersonChip,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

fn directory_query(params: &leptos_router::params::ParamsMap) -> DirectoryQuery {
    DirectoryQuery {
        q: params.get("q").unwrap_or_default(),
        department: params.get("department").and_then(|d| d.parse().ok()),
        location: params.get("location").filter(|l| !l.is_empty()),
        status: params.get("status").as_deref().and_then(EmploymentStatus::parse),
        page: params.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

/// `/people?...` with the same filters and another page number.
fn directory_href(q: &DirectoryQuery, page: u32) -> String {
    let mut pairs = vec![];
    if !q.q.is_empty() {
        pairs.push(format!("q={}", url_encode(&q.q)));
    }
    if let Some(d) = q.department {
        pairs.push(format!("department={d}"));
    }
    if let Some(l) = &q.location {
        pairs.push(format!("location={}", url_encode(l)));
    }
    if let Some(s) = q.status {
        pairs.push(format!("status={}", s.as_str()));
    }
    pairs.push(format!("page={page}"));
    format!("/people?{}", pairs.join("&"))
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || directory_query(&query.read()), get_directory);
    view! {
        <PageHeader title="People" lede="Everyone at the company: search by name, title or email, or filter by department and location."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let current = directory_query(&query.read_untracked());
                match data.await {
                    Ok(page) => view! { <DirectoryView page current/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Showing 1 to 50 of 312 people", or "of more than 1,000" when the count stopped.
fn result_summary(page: &DirectoryPage) -> String {
    let first = (page.page - 1) * page.per_page + 1;
    let last = first + page.people.len() as u32 - 1;
    if page.people.is_empty() {
        "No matches".to_string()
    } else if page.total_is_more() {
        // Counting every match of a common word would read most of the company.
        format!(
            "Showing {first} to {last} of {} people: add a word or a filter to narrow it",
            counted(page.total)
        )
    } else {
        format!("Showing {first} to {last} of {}", people_count(page.total))
    }
}

#[component]
fn DirectoryView(page: DirectoryPage, current: DirectoryQuery) -> impl IntoView {
    let page_count = page.page_count();
    let summary = result_summary(&page);
    let statuses: Vec<EmploymentStatus> = EmploymentStatus::ALL
        .into_iter()
        .filter(|s| page.can_see_departed || *s != EmploymentStatus::Departed)
        .collect();
    let prev = (page.page > 1).then(|| directory_href(&current, page.page - 1));
    let next = page.has_next.then(|| directory_href(&current, page.page + 1));
    let has_filters = !current.q.is_empty()
        || current.department.is_some()
        || current.location.is_some()
        || current.status.is_some();
    view! {
        <Form method="GET" action="/people" attr:class="filters" attr:role="search" attr:aria-label="Find people">
            <div class="filters__field">
                <label class="field__label" for="q">"Search"</label>
                <input id="q" name="q" type="search" value=current.q.clone() maxlength=DIRECTORY_TEXT_MAX placeholder="Name, title or email" class="input--medium"/>
            </div>
            <FilterSelect id="department" label="Department" all="All departments"
                options=page.departments.iter().map(|d| (d.id.to_string(), d.name.clone())).collect()
                selected=current.department.map(|d| d.to_string())/>
            <FilterSelect id="location" label="Location" all="All locations"
                options=page.locations.iter().map(|l| (l.clone(), l.clone())).collect()
                selected=current.location.clone()/>
            <FilterSelect id="status" label="Status" all="Active and on leave"
                options=statuses.into_iter().map(|s| (s.as_str().to_string(), s.label().to_string())).collect()
                selected=current.status.map(|s| s.as_str().to_string())/>
            <div class="filters__field">
                <button class="btn btn--primary" type="submit">"Search"</button>
            </div>
        </Form>
        <p class="result-count" role="status">{summary}</p>
        {if page.people.is_empty() {
            view! {
                <EmptyState title="Nobody matches this search">
                    <p>"Check the spelling, or search for part of a name, a job title or an email address."</p>
                    {has_filters.then(|| view! { <p><a href="/people">"Clear the search and filters"</a></p> })}
                </EmptyState>
            }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="People">
                    <table class="data-table">
                        <caption class="visually-hidden">"People matching the search"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Department"</th>
                                <th scope="col">"Team"</th>
                                <th scope="col">"Location"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.people.into_iter().map(|p| {
                                let (dept, team, loc) = (p.department.clone(), p.team.clone().unwrap_or_default(), p.location.clone());
                                view! {
                                    <tr>
                                        <td><PersonChip person=p/></td>
                                        <td>{dept}</td>
                                        <td>{team}</td>
                                        <td>{loc}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <Pagination page=page.page pages=page_count prev next/>
    }
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let params = use_params_map();
    let change = ServerAction::<ChangeManager>::new();
    let departure = ServerAction::<RecordDeparture>::new();
    let id = move || params.read().get("id").and_then(|s| s.parse::<PersonId>().ok());
    let profile = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_profile(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <ProfileView profile=p change departure/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileView(
    profile: PersonProfile,
    change: ServerAction<ChangeManager>,
    departure: ServerAction<RecordDeparture>,
) -> impl IntoView {
    let p = profile.person.clone();
    let status_badge = match p.status {
        EmploymentStatus::Active => None,
        EmploymentStatus::OnLeave => {
            Some(view! { <span class="badge badge--warn">"On leave"</span> })
        }
        EmploymentStatus::Departed => {
            Some(view! { <span class="badge badge--muted">"Departed"</span> })
        }
    };
    let grants = [(profile.is_executive, "Executive"), (profile.is_hr_admin, "HR admin")]
        .into_iter()
        .filter(|(has, _)| *has)
        .map(|(_, name)| view! { <span class="badge badge--accent">{name}</span> })
        .collect_view();
    let departed = profile.departed_on.map(|d| {
        let reason = profile.departure_reason.clone();
        view! {
            <dt>"Left on"</dt><dd>{date(d)}</dd>
            {reason.map(|r| view! { <dt>"Reason for leaving"</dt><dd>{r}</dd> })}
        }
    });
    let chain = profile.chain.clone();
    let reports = profile.reports.clone();
    let org_size = profile.org_size;
    let tenure_text = tenure(profile.hire_date, profile.today);
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/people">"People"</a></li>
                <li aria-current="page">{p.name.clone()}</li>
            </ol>
        </nav>
        <div class="page-header profile-header">
            <leptos_meta::Title text=format!("{} · Trellis", p.name)/>
            <div class="cluster">
                <Avatar name=p.name.clone() large=true/>
                <div>
                    <h1>{p.name.clone()}</h1>
                    <p class="page-header__lede">{p.title.clone()}" · "{p.team.clone().unwrap_or_else(|| p.department.clone())}</p>
                    <div class="cluster">{status_badge}{grants}</div>
                </div>
            </div>
        </div>
        <div class="two-col">
            <div class="stack">
                <section class="card" aria-labelledby="about-heading">
                    <h2 class="card__title" id="about-heading">"About"</h2>
                    <dl class="facts">
                        <dt>"Email"</dt><dd><a href=format!("mailto:{}", p.email)>{p.email.clone()}</a></dd>
                        <dt>"Department"</dt><dd>{p.department.clone()}</dd>
                        <dt>"Team"</dt><dd>{p.team.clone().unwrap_or_else(|| "No team".into())}</dd>
                        <dt>"Level"</dt><dd>{profile.level.label()}" ("{profile.level.track.label()}")"</dd>
                        <dt>"Location"</dt><dd>{p.location.clone()}</dd>
                        <dt>"Joined"</dt><dd>{date(profile.hire_date)}" ("{tenure_text}")"</dd>
                        {departed}
                    </dl>
                </section>
                <section class="card" aria-labelledby="reports-heading">
                    <h2 class="card__title" id="reports-heading">"Direct reports"</h2>
                    {if reports.is_empty() {
                        view! { <p class="muted">{format!("{} has no direct reports.", p.name)}</p> }.into_any()
                    } else {
                        let n = reports.len() as i64;
                        view! {
                            <p class="meta">{reports_count(n)}" · "{people_count(org_size)}" in their organisation"</p>
                            <ul class="stack stack--tight plain-list">
                                {reports.into_iter().map(|r| view! { <li><PersonChip person=r/></li> }).collect_view()}
                            </ul>
                            <p><a href=format!("/org?root={}", p.id)>"See on the org chart"</a></p>
                        }.into_any()
                    }}
                </section>
            </div>
            <aside class="stack" aria-label="Reporting line">
                <section class="card" aria-labelledby="line-heading">
                    <h2 class="card__title" id="line-heading">"Reporting line"</h2>
                    {if chain.is_empty() {
                        view! { <p class="muted">"Top of the company: reports to nobody."</p> }.into_any()
                    } else {
                        view! {
                            <ol class="stack stack--tight plain-list reporting-line">
                                {chain.into_iter().enumerate().map(|(i, m)| {
                                    let role = match i { 0 => "Manager", 1 => "Skip-level", _ => "Above" };
                                    view! { <li><span class="meta">{role}</span><br/><PersonChip person=m/></li> }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </section>
                {(profile.can_change_manager && profile.person.status != EmploymentStatus::Departed).then(|| view! {
                    <ChangeManagerForm profile=profile.clone() change/>
                    <DepartureForm profile=profile.clone() departure/>
                })}
            </aside>
        </div>
    }
}

/// HR moves a person to another manager. A plain form that also works without JavaScript.
#[component]
fn ChangeManagerForm(profile: PersonProfile, change: ServerAction<ChangeManager>) -> impl IntoView {
    let error = move || change.value().get().and_then(|r| r.err());
    let done = crate::ui::succeeded(change);
    let field_error = move || error().and_then(|e| e.field_error("manager_email"));
    view! {
        <section class="card" aria-labelledby="move-heading">
            <h2 class="card__title" id="move-heading">"Change manager"</h2>
            {move || error().map(|e| view! { <ErrorSummary error=e/> })}
            {move || done().then(|| view! { <div class="notice notice--success" role="status"><p>"Manager changed."</p></div> })}
            <ActionForm action=change>
                <input type="hidden" name="person_id" value=profile.person.id.to_string()/>
                <input type="hidden" name="version" value=profile.version.to_string()/>
                <div class=move || if field_error().is_some() { "field field--error" } else { "field" }>
                    <label class="field__label" for="manager_email">"New manager (a name or work email)"</label>
                    <p class="field__hint" id="manager_email-hint">"They must be an active person in Trellis."</p>
                    {move || field_error().map(|m| view! { <p class="field__error" id="manager_email-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                    <crate::ui::person_picker::PersonField field="manager_email" described_by="manager_email-hint manager_email-error"/>
                </div>
                <div class="form-actions">
                    <button class="btn btn--secondary" type="submit">"Change manager"</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// HR records that someone has left; it also signs them out everywhere.
#[component]
fn DepartureForm(
    profile: PersonProfile,
    departure: ServerAction<RecordDeparture>,
) -> impl IntoView {
    let error = move || departure.value().get().and_then(|r| r.err());
    let field = move |name: &'static str| move || error().and_then(|e| e.field_error(name));
    let (date_error, reason_error) = (field("departed_on"), field("reason"));
    view! {
        <section class="card" aria-labelledby="departure-heading">
            <h2 class="card__title" id="departure-heading">"Record a departure"</h2>
            {move || error().map(|e| view! { <ErrorSummary error=e/> })}
            <ActionForm action=departure>
                <input type="hidden" name="person_id" value=profile.person.id.to_string()/>
                <input type="hidden" name="version" value=profile.version.to_string()/>
                <div class=move || if date_error().is_some() { "field field--error" } else { "field" }>
                    <label class="field__label" for="departed_on">"Last working day"</label>
                    {move || date_error().map(|m| view! { <p class="field__error" id="departed_on-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                    <input id="departed_on" name="departed_on" type="date" class="input--short"
                        aria-invalid=move || date_error().is_some().to_string()/>
                </div>
                <div class=move || if reason_error().is_some() { "field field--error" } else { "field" }>
                    <label class="field__label" for="reason">"Reason for leaving"</label>
                    <p class="field__hint" id="reason-hint">"Seen only by HR and the manager chain."</p>
                    {move || reason_error().map(|m| view! { <p class="field__error" id="reason-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                    <input id="reason" name="reason" type="text" aria-describedby="reason-hint"
                        aria-invalid=move || reason_error().is_some().to_string()/>
                </div>
                <p class="meta">"Recording a departure signs them out of Trellis everywhere."</p>
                <div class="form-actions">
                    <button class="btn btn--danger" type="submit">"Record departure"</button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn OrgChartPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (
            q.get("root").and_then(|r| r.parse::<PersonId>().ok()),
            q.get("depth").and_then(|d| d.parse::<u32>().ok()),
        )
    };
    let chart = Resource::new(args, |(root, depth)| get_org_chart(root, depth));
    view! {
        <PageHeader title="Org chart" lede="Who reports to whom. Open or close a branch, or focus on one part of the company."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match chart.await {
                    Ok(Some(c)) => view! { <OrgChartView chart=c/> }.into_any(),
                    Ok(None) => view! {
                        <EmptyState title="Nobody is in Trellis yet">
                            <p>"The org chart appears once people are imported. Run "<code>"trellis seed --demo"</code>" to try Trellis with a demo company."</p>
                        </EmptyState>
                    }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrgChartView(chart: OrgChart) -> impl IntoView {
    let root_id = chart.root.person.id;
    let depth = chart.depth.max(1);
    let more_below = has_unloaded_reports(&chart.root);
    let deeper = (depth < 4 && more_below && !chart.truncated)
        .then(|| format!("/org?root={root_id}&depth={}", depth + 1));
    let shallower = (depth > 1).then(|| format!("/org?root={root_id}&depth={}", depth - 1));
    let ancestors = chart.ancestors.clone();
    view! {
        {(!ancestors.is_empty()).then(|| view! {
            <nav class="breadcrumbs" aria-label="Above this part of the org">
                <ol>
                    {ancestors.into_iter().map(|a| view! {
                        <li><a href=format!("/org?root={}", a.id)>{a.name}</a></li>
                    }).collect_view()}
                    <li aria-current="page">{chart.root.person.name.clone()}</li>
                </ol>
            </nav>
        })}
        <div class="cluster org-controls">
            <p class="meta">{format!("Showing {} across {depth} level{} below the top box.", people_count(chart.total_shown as i64), if depth == 1 { "" } else { "s" })}</p>
            {deeper.map(|h| view! { <a class="btn btn--secondary btn--small" href=h>"Show one more level"</a> })}
            {shallower.map(|h| view! { <a class="btn btn--secondary btn--small" href=h>"Show one level less"</a> })}
        </div>
        {chart.truncated.then(|| view! {
            <div class="notice" role="status">
                <p>"The next level has too many people to show at once. Focus on one part of the org to go deeper."</p>
            </div>
        })}
        <div class="orgchart-wrap">
            <ul class="orgchart orgchart--root">
                <OrgNodeView node=chart.root.clone() focus=true level=0/>
            </ul>
        </div>
    }
}

#[component]
fn OrgNodeView(node: OrgNode, #[prop(optional)] focus: bool, level: u32) -> impl IntoView {
    let OrgNode { person, report_count, children } = node;
    let id = person.id;
    let name = person.name.clone();
    let card_class = if focus { "orgchart__card orgchart__card--focus" } else { "orgchart__card" };
    let team = person.team.clone().unwrap_or_else(|| person.department.clone());
    let card = view! {
        <div class=card_class>
            <PersonChip person=person/>
            <div class="orgchart__meta"><span>{team}</span></div>
        </div>
    };
    if children.is_empty() {
        // Reports exist but were not loaded at this depth: focus there to see them.
        let more = (report_count > 0 && !focus).then(|| view! {
            <a class="orgchart__more" href=format!("/org?root={id}")>
                {format!("Show {}", reports_count(report_count))}<span class="visually-hidden">{format!(" of {name}")}</span>
            </a>
        });
        return view! { <li class="orgchart__node">{card}{more}</li> }.into_any();
    }
    // The top box starts open; deeper branches start closed so a big org stays scannable.
    // The toggle holds no links (a link inside <summary> is a nested interactive control).
    let open = level == 0;
    view! {
        <li class="orgchart__node">
            {card}
            <details class="orgchart__branch" open=open>
                <summary class="orgchart__summary">
                    {reports_count(report_count)}<span class="visually-hidden">{format!(" of {name}")}</span>
                </summary>
                <ul class="orgchart">
                    {children.into_iter().map(|c| view! { <OrgNodeView node=c level=level + 1/> }).collect_view()}
                </ul>
                {(!focus).then(|| view! {
                    <a class="orgchart__more" href=format!("/org?root={id}")>
                        "Focus on this part of the org"<span class="visually-hidden">{format!(" ({name})")}</span>
                    </a>
                })}
            </details>
        </li>
    }.into_any()
}

/// Whether any box at the bottom of the loaded chart has reports that were not loaded.
fn has_unloaded_reports(node: &OrgNode) -> bool {
    if node.children.is_empty() {
        node.report_count > 0
    } else {
        node.children.iter().any(has_unloaded_reports)
    }
}

#[cfg(test)]
mod tests {
    use super::result_summary;
    use crate::org::types::{DirectoryPage, PersonSummary};

    fn page(total: i64, page: u32, shown: usize) -> DirectoryPage {
        DirectoryPage {
            people: vec![PersonSummary::former_colleague(); shown],
            total,
            has_next: false,
            page,
            per_page: 50,
            departments: vec![],
            locations: vec![],
            can_see_departed: false,
        }
    }

    #[test]
    fn the_summary_says_more_than_when_the_count_stopped() {
        assert_eq!(result_summary(&page(0, 1, 0)), "No matches");
        assert_eq!(result_summary(&page(1, 1, 1)), "Showing 1 to 1 of 1 person");
        assert_eq!(result_summary(&page(120, 3, 20)), "Showing 101 to 120 of 120 people");
        assert_eq!(
            result_summary(&page(1_001, 2, 50)),
            "Showing 51 to 100 of more than 1,000 people: add a word or a filter to narrow it"
        );
        assert_eq!(page(1_001, 2, 50).page_count(), None);
        assert_eq!(page(120, 3, 20).page_count(), Some(3));
    }
}
