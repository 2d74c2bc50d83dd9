//! The fairness report of a session: distributions by team, manager, tenure and demographic
//! group, each tested for independence, with the four-fifths rule on top ratings, before and
//! after calibration; the consistency metric; and each manager's leniency across cycles.

use super::*;
use crate::kernel::Rating;
use crate::ui::charts::DistributionChart;

#[component]
pub fn ReportPage() -> impl IntoView {
    let id = id_param();
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_bias_report(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <div class="board-page">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <LoadError error=e/> }.into_any(),
                        Ok(r) => view! { <ReportView report=r/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn points(gap: Option<f64>) -> String {
    gap.map(|g| format!("{g:.0} points")).unwrap_or_else(|| "Too few people".into())
}

fn test_text(t: &Option<TestResult>) -> String {
    match t {
        None => {
            "Nothing to test (fewer than two groups of 5 or more, or one rating band only).".into()
        }
        Some(t) => {
            let verdict = if t.significant() {
                "a difference this large is unlikely to be chance: look closer"
            } else {
                "no clear evidence of a difference (small groups can hide one)"
            };
            format!(
                "{}: statistic {:.2} on {} df, p = {:.3}; {verdict}.",
                t.name, t.statistic, t.df, t.p_value
            )
        }
    }
}

#[component]
fn ReportView(report: BiasReport) -> impl IntoView {
    let BiasReport {
        session,
        people,
        before,
        after,
        dimensions,
        consistency_before,
        consistency_after,
        leniency,
        can_export,
    } = report;
    let kpi = |value: String, label: &'static str| view! { <div class="kpi"><span class="kpi__value">{value}</span><span class="kpi__label">{label}</span></div> };
    let meets_target = consistency_after.is_some_and(|g| g < 10.0);
    let demographics = if dimensions.iter().any(|d| d.demographic) {
        "Demographic attributes are held by HR and appear here only as shares and tests. "
    } else {
        "Cuts by demographic attributes are shown to HR only. "
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/calibration">"Calibration"</a>" › "<a href=format!("/calibration/{}", session.id)>{session.name.clone()}</a></nav>
        <PageHeader title="Fairness report" lede=format!("{} · {} · {}", session.name, session.cycle_name, crate::ui::format::people_count(people as i64))>
            {can_export.then(|| view! {
                <a class="btn" href=format!("/calibration/{}/distribution.csv", session.id) rel="external" download>"Download the distribution (CSV)"</a>
            })}
        </PageHeader>
        <p class="notice">
            "Groups under 5 people are left out of every table and test, so nobody's rating can be read from a group. "{demographics}
            "A test tells you whether a difference is larger than chance would explain; it does not say why. Read it with the evidence."
        </p>
        <div class="kpi-row kpi-row--compact">
            {kpi(points(consistency_before), "calibration consistency before: largest gap between a team here and the company")}
            {kpi(points(consistency_after), "after calibration (target under 10 points)")}
        </div>
        {(consistency_after.is_some() && !meets_target).then(|| view! { <p class="status--warn">"Above the 10-point target: one team's ratings differ from the company's more than the target allows. Check whether standards differ, not whether the shares fit the guideline."</p> })}
        {consistency_after.is_none().then(|| view! { <p class="meta">{format!("Consistency compares teams of {} or more people with the company; no team on this board is that large. In a smaller team one person moves a share by more than the 10-point target, so a gap there says nothing about standards.", crate::calibration::rules::MIN_TEAM_FOR_CONSISTENCY)}</p> })}
        <NotAQuota/>
        <DistributionChart title="Before and after calibration" series=vec![("Preliminary".to_string(), before), ("Calibrated".to_string(), after)]/>
        {dimensions.into_iter().map(|d| view! { <DimensionView dimension=d/> }).collect_view()}
        <section class="stack" aria-labelledby="leniency-heading">
            <h2 id="leniency-heading">"Rater leniency"</h2>
            <p class="meta">"Each manager's preliminary ratings against the calibrated outcome, cycle by cycle. A mean shift above 0 means the room lowered their ratings on average (the manager rated more generously than peers); below 0, the room raised them."</p>
            {if leniency.is_empty() {
                view! { <p>"No calibrated ratings from these managers yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Rater leniency">
                        <table class="data-table data-table--compact">
                            <caption class="visually-hidden">"Rater leniency by manager and cycle"</caption>
                            <thead><tr><th scope="col">"Manager"</th><th scope="col">"Cycle"</th><th scope="col">"Rated"</th><th scope="col">"Raised by the room"</th><th scope="col">"Lowered by the room"</th><th scope="col">"Mean shift (steps)"</th></tr></thead>
                            <tbody>
                                {leniency.into_iter().flat_map(|l| {
                                    let manager = l.manager.clone();
                                    l.cycles.into_iter().map(move |c| view! {
                                        <tr>
                                            <th scope="row">{manager.clone()}</th>
                                            <td>{c.cycle}</td>
                                            <td>{c.rated}</td>
                                            <td>{c.raised}</td>
                                            <td>{c.lowered}</td>
                                            <td>{format!("{:+.2}", c.mean_shift)}</td>
                                        </tr>
                                    })
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn DimensionView(dimension: Dimension) -> impl IntoView {
    let Dimension { name, demographic, before, after } = dimension;
    let heading_id = format!("dim-{}", name.to_lowercase().replace(' ', "-"));
    let labelled_by = heading_id.clone();
    let suppressed = after.suppressed_groups.max(before.suppressed_groups);
    let before_rows: Vec<(String, Option<f64>, Option<f64>, bool)> = before
        .groups
        .iter()
        .map(|g| (g.label.clone(), g.top_share, g.impact_ratio, g.flagged))
        .collect();
    let ratio = |r: Option<f64>, flagged: bool| match r {
        Some(r) if flagged => {
            view! { <span class="badge badge--warn">{format!("{r:.2} (under 0.8)")}</span> }
                .into_any()
        }
        Some(r) => format!("{r:.2}").into_any(),
        None => "–".into_any(),
    };
    let share = |s: Option<f64>| s.map(|s| format!("{s:.0}%")).unwrap_or_else(|| "–".into());
    // A demographic table publishes no counts per rating (the disclosure check).
    let rating_columns = !demographic;
    let body = if after.groups.is_empty() {
        view! { <p>"Every group is under 5 people: nothing can be shown without identifying someone."</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=format!("Ratings by {}", name.to_lowercase())>
                <table class="data-table data-table--compact">
                    <caption class="visually-hidden">{format!("Calibrated ratings by {}", name.to_lowercase())}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{name.clone()}</th><th scope="col">"People"</th>
                            {rating_columns.then(|| Rating::ALL.iter().map(|r| view! { <th scope="col">{r.label()}</th> }).collect_view())}
                            <th scope="col">"Top share before"</th><th scope="col">"Top share after"</th><th scope="col">"Four-fifths before"</th><th scope="col">"Four-fifths after"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {after.groups.iter().map(|g| {
                            let prior = before_rows.iter().find(|b| b.0 == g.label).cloned();
                            view! {
                                <tr>
                                    <th scope="row">{g.label.clone()}</th>
                                    <td>{g.people}</td>
                                    {g.counts.filter(|_| rating_columns).map(|counts| counts.iter().map(|c| view! { <td>{*c}</td> }).collect_view())}
                                    <td>{share(prior.as_ref().and_then(|p| p.1))}</td>
                                    <td>{share(g.top_share)}</td>
                                    <td>{match prior { Some(p) => ratio(p.2, p.3), None => "–".into_any() }}</td>
                                    <td>{ratio(g.impact_ratio, g.flagged)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="stack" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("By {}", name.to_lowercase())}{demographic.then(|| view! { " " <span class="badge badge--muted">"Demographic, aggregate only"</span> })}</h2>
            {body}
            <p class="meta">{(suppressed > 0).then(|| format!("{suppressed} group(s) left out: under 5 people, or hidden with one that is, so it cannot be worked out from the totals. "))}"Top share: Exceptional and Strong. Four-fifths: a group's top share against the highest group's; under 0.8 is flagged."{demographic.then_some(" Only shares are shown here, and a share only where at least 3 of the group are on each side of it (and then not the one share that the board's totals would give away): no number here, read beside the board, can tell anyone's group or rating.")}</p>
            <ul class="plain-list">
                <li><strong>"Before: "</strong>{test_text(&before.test)}</li>
                <li><strong>"After: "</strong>{test_text(&after.test)}</li>
            </ul>
        </section>
    }
}
