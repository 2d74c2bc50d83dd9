//! Two levels side by side.

use super::*;

#[component]
pub fn ComparePage() -> impl IntoView {
    let (_, ladder) = ladder_resource();
    let query = use_query_map();
    let pick = move |key: &str| query.read().get(key).and_then(|c| Level::parse_code(&c));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (from, to) = (pick("from"), pick("to"));
                match ladder.await {
                    Ok(view) => {
                        let found = |l: Option<Level>| l.and_then(|l| view.ladder.level(l).cloned());
                        match (found(from), found(to)) {
                            (Some(a), Some(b)) => view! { <CompareView view=view.clone() a b/> }.into_any(),
                            _ => view! { <LoadError error=AppError::NotFound/> }.into_any(),
                        }
                    }
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CompareView(view: LadderView, a: LadderLevel, b: LadderLevel) -> impl IntoView {
    let slug = view.ladder.slug.clone();
    let pinned = (!view.is_latest()).then_some(view.version.number);
    let title = format!("What changes from {} to {}", a.level.label(), b.level.label());
    let fact_rows = a
        .facts()
        .into_iter()
        .zip(b.facts())
        .map(|((label, x), (_, y))| {
            let same = x == y;
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td data-level=a.level.label()>{x.to_string()}</td>
                    <td data-level=b.level.label() class=if same { "" } else { "compare__changed" }>{y.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let dimension_rows = Dimension::ALL
        .into_iter()
        .map(|d| {
            let list = |l: &LadderLevel| l.criteria_in(d).map(|(_, c)| view! { <li>{c.text.clone()}</li> }).collect_view();
            view! {
                <tr>
                    <th scope="row">{d.label()}</th>
                    <td data-level=a.level.label()><ul class="ladder-grid__criteria">{list(&a)}</ul></td>
                    <td data-level=b.level.label()><ul class="ladder-grid__criteria">{list(&b)}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <LadderCrumbs slug=slug.clone() name=view.ladder.name.clone() pinned current="Compare"/>
        <PageHeader title=title.clone() lede=format!("{} ladder, version {}. The right column is the level you are comparing with.", view.ladder.name, view.version.number)/>
        <CompareForm slug=slug.clone() levels=view.ladder.levels.iter().map(|l| l.level).collect() from=Some(a.level) to=Some(b.level) pinned/>
        <div class="table-wrap ladder-grid-wrap" tabindex="0" role="region" aria-label=title.clone()>
            <table class="data-table ladder-grid ladder-grid--compare">
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col"><a href=ladder_href(&slug, &format!("/levels/{}", a.code()), pinned)>{a.level.label()}</a><span class="ladder-grid__title">{a.title.clone()}</span></th>
                        <th scope="col"><a href=ladder_href(&slug, &format!("/levels/{}", b.code()), pinned)>{b.level.label()}</a><span class="ladder-grid__title">{b.title.clone()}</span></th>
                    </tr>
                </thead>
                <tbody>{fact_rows}{dimension_rows}</tbody>
            </table>
        </div>
    }
}
