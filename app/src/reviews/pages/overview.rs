//! "Reviews": your own reviews, peer requests, your team's reviews and the cycles you follow.

use super::*;

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
        let text = if review.acknowledged_at.is_some() {
            "Read your review"
        } else {
            "Read and acknowledge your review"
        };
        view! { <p><a class="btn btn--primary" href=format!("/reviews/{id}")>{text}</a></p> }
            .into_any()
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
