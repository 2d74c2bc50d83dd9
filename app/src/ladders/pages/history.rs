//! Version history and the differences between two versions.

use super::*;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let slug = slug_param();
    let query = use_query_map();
    let pick = move |key: &str| query.read().get(key).and_then(|v| v.parse::<i32>().ok());
    let history = Resource::new(
        move || (slug(), pick("from"), pick("to")),
        |(s, f, t)| get_ladder_history(s, f, t),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(h) => view! { <HistoryView history=h/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HistoryView(history: LadderHistory) -> impl IntoView {
    let slug = history.slug.clone();
    let numbers: Vec<i32> = history.versions.iter().map(|v| v.number).collect();
    let (default_to, default_from) = (numbers.first().copied(), numbers.get(1).copied());
    let (from, to) = match &history.diff {
        Some(d) => (Some(d.from), Some(d.to)),
        None => (default_from, default_to),
    };
    let options: Vec<(String, String)> =
        numbers.iter().map(|n| (n.to_string(), format!("Version {n}"))).collect();
    let select = |id: &'static str, label: &'static str, selected: Option<i32>| {
        view! { <FilterSelect id label options=options.clone() selected=selected.map(|n| n.to_string())/> }
    };
    let rows = history
        .versions
        .iter()
        .map(|v| {
            let href = format!("/ladders/{slug}?version={}", v.number);
            view! {
                <tr>
                    <th scope="row" class="nowrap"><a href=href>{format!("Version {}", v.number)}</a></th>
                    <td class="nowrap">{datetime_date(v.published_at)}</td>
                    <td class="nowrap">{v.published_by.clone().unwrap_or_else(|| "Imported".into())}</td>
                    <td>{v.change_summary.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <LadderCrumbs slug=slug.clone() name=history.name.clone() pinned=None current="Version history"/>
        <PageHeader title=format!("{} ladder: version history", history.name) lede="Every published version stays readable: a ladder is a contract, and a promotion is judged against the version it cites."/>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Published versions">
            <table class="data-table">
                <caption class="visually-hidden">"Published versions, newest first"</caption>
                <thead><tr><th scope="col">"Version"</th><th scope="col">"Published"</th><th scope="col">"By"</th><th scope="col">"What changed"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(numbers.len() > 1).then(|| view! {
            <section aria-labelledby="diff-heading" class="stack">
                <h2 id="diff-heading">"Compare two versions"</h2>
                <form method="get" action=format!("/ladders/{slug}/history") class="filters" aria-label="Choose two versions">
                    {select("from", "From", from)}
                    {select("to", "to", to)}
                    <div class="filters__field"><button class="btn btn--secondary" type="submit">"Show changes"</button></div>
                </form>
                {history.diff.clone().map(|d| view! {
                    <h3>{format!("Changes from version {} to version {}", d.from, d.to)}</h3>
                    <DiffView changes=d.changes/>
                })}
            </section>
        })}
    }
}

/// What changed, level by level: old text struck through, new text marked as inserted.
#[component]
pub fn DiffView(changes: Vec<LevelChange>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="muted">"No differences."</p> }.into_any();
    }
    changes
        .into_iter()
        .map(|c| {
            let badge = match c.kind {
                ChangeKind::Added => view! { <span class="badge badge--ok">"Level added"</span> },
                ChangeKind::Removed => view! { <span class="badge badge--danger">"Level removed"</span> },
                ChangeKind::Changed => view! { <span class="badge badge--warn">"Changed"</span> },
            };
            let fields = c
                .fields
                .into_iter()
                .map(|(label, before, after)| view! {
                    <div class="diff__field">
                        <p class="meta">{label}</p>
                        <p><del>{before}</del></p>
                        <p><ins>{after}</ins></p>
                    </div>
                })
                .collect_view();
            let criterion = |cr: Criterion, removed: bool| {
                let text = format!("{}: {}", cr.dimension.label(), cr.text);
                let examples = (!cr.examples.is_empty()).then(|| format!(" (examples: {})", cr.examples.join("; ")));
                if removed {
                    view! { <li class="diff__removed"><span class="visually-hidden">"Removed: "</span><del>{text}{examples}</del></li> }.into_any()
                } else {
                    view! { <li class="diff__added"><span class="visually-hidden">"Added: "</span><ins>{text}{examples}</ins></li> }.into_any()
                }
            };
            let removed = c.criteria_removed.into_iter().map(|cr| criterion(cr, true)).collect_view();
            let added = c.criteria_added.into_iter().map(|cr| criterion(cr, false)).collect_view();
            view! {
                <section class="card diff">
                    <h4 class="card__title">{format!("{} · {}", c.code, c.title)}" "{badge}</h4>
                    {fields}
                    <ul class="plain-list stack stack--tight">{removed}{added}</ul>
                </section>
            }
        })
        .collect_view()
        .into_any()
}
