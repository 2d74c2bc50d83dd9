use super::api::{get_my_work, MyWork};
use crate::ui::format::reports_count;
use crate::ui::{EmptyState, LoadError, Loading, PageHeader, PersonChip};
use leptos::prelude::*;

#[component]
pub fn MyWorkPage() -> impl IntoView {
    let work = Resource::new(|| (), |_| get_my_work());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match work.await {
                    Ok(w) => view! { <MyWorkView work=w/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MyWorkView(work: MyWork) -> impl IntoView {
    let first_name = work.me.name.split_whitespace().next().unwrap_or_default().to_string();
    let MyWork { me, level, manager, reports, hr_checks, todos, updates } = work;
    let updates = (!updates.is_empty()).then(|| {
        view! {
            <section class="card stack" aria-labelledby="updates-heading">
                <h2 class="card__title" id="updates-heading">"Updates for you"</h2>
                <p class="meta">{format!("Outcomes that concern you, from the last {} days.", crate::kernel::outbox::UPDATES_DAYS)}</p>
                <ul class="stack stack--tight plain-list todo-list">
                    {updates.into_iter().map(|u| view! {
                        <li class="todo-line"><a href=u.href>{u.text}</a>" "<time class="deadline" datetime=u.on.to_string()>{crate::ui::format::date(u.on)}</time></li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let team = (!reports.is_empty()).then(|| {
        let count = reports_count(reports.len() as i64);
        view! {
            <section class="card" aria-labelledby="team-heading">
                <h2 class="card__title" id="team-heading">"Your team"</h2>
                <p class="meta">{count}</p>
                <ul class="stack stack--tight plain-list">
                    {reports.into_iter().map(|p| view! { <li><PersonChip person=p/></li> }).collect_view()}
                </ul>
                <p><a href=format!("/org?root={}", me.id)>"See your team on the org chart"</a></p>
            </section>
        }
    });
    let hr = hr_checks.map(|checks| {
        let clean = checks.without_manager.is_empty() && checks.manager_departed.is_empty();
        view! {
            <section class="card" aria-labelledby="hr-heading">
                <h2 class="card__title" id="hr-heading">"Org data to check"</h2>
                {if clean {
                    view! { <p>"Every active person has a current manager. Nothing to fix."</p> }.into_any()
                } else {
                    view! {
                        <div class="stack">
                            {(!checks.manager_departed.is_empty()).then(|| view! {
                                <p>"These people report to someone who has left. Move them to a current manager from their profile:"</p>
                                <ul class="stack stack--tight plain-list">
                                    {checks.manager_departed.into_iter().map(|p| view! { <li><PersonChip person=p/></li> }).collect_view()}
                                </ul>
                            })}
                            {(!checks.without_manager.is_empty()).then(|| view! {
                                <p>"These people have no manager:"</p>
                                <ul class="stack stack--tight plain-list">
                                    {checks.without_manager.into_iter().map(|p| view! { <li><PersonChip person=p/></li> }).collect_view()}
                                </ul>
                            })}
                        </div>
                    }.into_any()
                }}
            </section>
        }
    });
    view! {
        <PageHeader title=format!("Welcome, {first_name}") lede=format!("{} · {}", me.title, level.label())/>
        <div class="two-col">
            <div class="stack">
                <section aria-labelledby="todo-heading" class="stack">
                    <h2 id="todo-heading">"Needs you now"</h2>
                    {if todos.is_empty() {
                        view! {
                            <EmptyState title="Nothing needs you right now">
                                <p>"When a review cycle starts, your self-assessment, peer feedback requests and reviews to write will appear here with their deadlines. Promotion endorsements, calibrations and decisions appear here too."</p>
                                <p><a href="/ladders">"Read your career ladder"</a></p>
                            </EmptyState>
                        }.into_any()
                    } else {
                        view! {
                            <ul class="card plain-list stack stack--tight todo-list">
                                {todos.into_iter().map(|t| {
                                    let due = t.due.map(|d| {
                                        let class = if d < t.today { "deadline deadline--overdue" } else { "deadline" };
                                        view! { " " <span class=class>{crate::ui::format::deadline(d, t.today)}</span> }
                                    });
                                    view! { <li class="todo-line"><a href=t.href>{t.text}</a>{due}</li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                {updates}
                {team}
                {hr}
            </div>
            <aside class="stack" aria-label="About you">
                <section class="card">
                    <h2 class="card__title">"Where you are"</h2>
                    <dl class="facts">
                        <dt>"Level"</dt><dd>{level.label()}</dd>
                        <dt>"Track"</dt><dd>{level.track.label()}</dd>
                        <dt>"Team"</dt><dd>{me.team.clone().unwrap_or_else(|| me.department.clone())}</dd>
                    </dl>
                    <p><a href=format!("/people/{}", me.id)>"Your profile"</a>" · "<a href="/ladders">"Your path on the ladder"</a></p>
                </section>
                <section class="card">
                    <h2 class="card__title">"Your manager"</h2>
                    {match manager {
                        Some(m) => view! { <PersonChip person=m/> }.into_any(),
                        None => view! { <p class="muted">"You do not report to anyone in Trellis."</p> }.into_any(),
                    }}
                </section>
            </aside>
        </div>
    }
}
