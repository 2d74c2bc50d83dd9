//! One ladder: the overview of both tracks.

use super::*;

pub(super) fn ladder_resource(
) -> (impl Fn() -> String + Copy + Send + Sync + 'static, Resource<Result<LadderView, AppError>>) {
    let slug = slug_param();
    let query = use_query_map();
    let version = move || query.read().get("version").and_then(|v| v.parse::<i32>().ok());
    (slug, Resource::new(move || (slug(), version()), |(s, v)| get_ladder(s, v)))
}

#[component]
pub fn LadderPage() -> impl IntoView {
    let (_, ladder) = ladder_resource();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match ladder.await {
                    Ok(view) => view! { <LadderOverview view/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The version line under a ladder's title, with links to history, export and print.
#[component]
pub(super) fn VersionBar(view: LadderView) -> impl IntoView {
    let slug = view.ladder.slug.clone();
    let pinned = (!view.is_latest()).then_some(view.version.number);
    let export = format!("/ladders/{slug}/export.toml?version={}", view.version.number);
    view! {
        {(!view.is_latest()).then(|| view! {
            <div class="notice notice--warn" role="status">
                <p>{format!("You are reading version {} of this ladder. ", view.version.number)}
                <a href=format!("/ladders/{slug}")>{format!("Read the current version ({})", view.latest_number)}</a></p>
            </div>
        })}
        <div class="cluster version-bar">
            <p class="meta">{published_line(&view.version)}</p>
            <a href=format!("/ladders/{slug}/history")>"Version history"</a>
            <a href=export rel="external" download="">"Download as TOML"</a>
            {view.can_edit.then(|| view! { <a href=format!("/ladders/{slug}/edit")>"Edit (HR)"</a> })}
            <span class="visually-hidden">{pinned.map(|v| format!("Pinned to version {v}"))}</span>
        </div>
    }
}

#[component]
fn LadderOverview(view: LadderView) -> impl IntoView {
    let ladder = view.ladder.clone();
    let slug = ladder.slug.clone();
    let pinned = (!view.is_latest()).then_some(view.version.number);
    // On a phone a track shows its levels as a list (each opening its own page), and the
    // whole grid only when asked for (`?grid=all`): as blocks it is many screens long.
    let whole = use_query_map().read_untracked().get("grid").is_some();
    let tracks = [Track::Ic, Track::Management]
        .into_iter()
        .filter(|t| ladder.track(*t).next().is_some())
        .map(|track| {
            let levels: Vec<LadderLevel> = ladder.track(track).cloned().collect();
            view! { <TrackGrid slug=slug.clone() version=view.version.render_key() track levels my_level=view.my_level pinned whole/> }
        })
        .collect_view();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol><li><a href="/ladders">"Career ladders"</a></li><li aria-current="page">{ladder.name.clone()}</li></ol>
        </nav>
        <PageHeader title=format!("{} ladder", ladder.name) lede=ladder.description.clone()/>
        <VersionBar view=view.clone()/>
        <CompareForm slug=slug.clone() levels=ladder.levels.iter().map(|l| l.level).collect() from=view.my_level to=view.my_level.and_then(|l| crate::ladders::rules::next_steps(&ladder, l).up) pinned/>
        {tracks}
    }
}

/// A track as a grid: dimensions down, levels across. On a phone each level becomes a
/// block of its own (the cells carry their level's name).
#[component]
fn TrackGrid(
    slug: String,
    /// The published version shown (`VersionInfo::render_key`): its grid is rendered once.
    version: String,
    track: Track,
    levels: Vec<LadderLevel>,
    my_level: Option<Level>,
    pinned: Option<i32>,
    /// Show the whole grid on a phone too.
    whole: bool,
) -> impl IntoView {
    let heading_id = format!("track-{}", track.as_str());
    let level_list = levels
        .iter()
        .map(|l| {
            let mine = my_level == Some(l.level);
            view! {
                <li class:ladder-levels__mine=mine>
                    <a href=ladder_href(&slug, &format!("/levels/{}", l.code()), pinned)>
                        <strong>{l.level.label()}</strong>
                        <span class="ladder-grid__title">{l.title.clone()}</span>
                    </a>
                    {mine.then(|| view! { <span class="badge badge--accent">"You are here"</span> })}
                </li>
            }
        })
        .collect_view();
    let whole_href = format!("{}#{heading_id}", ladder_href(&slug, "?grid=all", pinned));
    let title = match track {
        Track::Ic => "Individual-contributor track",
        Track::Management => "Management track (parallel from L3)",
    };
    let header = levels
        .iter()
        .map(|l| {
            let href = ladder_href(&slug, &format!("/levels/{}", l.code()), pinned);
            let mine = my_level == Some(l.level);
            view! {
                <th scope="col" class=if mine { "ladder-grid__mine" } else { "" }>
                    <a href=href>{l.level.label()}</a>
                    <span class="ladder-grid__title">{l.title.clone()}</span>
                    {mine.then(|| view! { <span class="badge badge--accent">"You are here"</span> })}
                </th>
            }
        })
        .collect_view();
    // The criteria are the same for every reader of this version: rendered once.
    let body = rendered(format!("ladder-grid/{version}/{}", track.as_str()), move || {
        let fact_rows = ["Scope", "Autonomy", "Impact", "Typical experience"]
            .into_iter()
            .enumerate()
            .map(|(i, label)| {
                let cells = levels
                    .iter()
                    .map(|l| view! { <td data-level=l.level.label()>{l.facts()[i].1.to_string()}</td> })
                    .collect_view();
                view! { <tr><th scope="row">{label}</th>{cells}</tr> }
            })
            .collect_view();
        let dimension_rows = Dimension::ALL
            .into_iter()
            .map(|d| {
                let cells = levels
                    .iter()
                    .map(|l| {
                        let items = l.criteria_in(d).map(|(_, c)| view! { <li>{c.text.clone()}</li> }).collect_view();
                        view! { <td data-level=l.level.label()><ul class="ladder-grid__criteria">{items}</ul></td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{d.label()}</th>{cells}</tr> }
            })
            .collect_view();
        view! { {fact_rows}{dimension_rows} }
    });
    view! {
        <section class="ladder-track" class:ladder-track--whole=whole aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title}</h2>
            <ol class="ladder-levels" aria-label=format!("Levels of the {}", title.to_lowercase())>{level_list}</ol>
            {(!whole).then(|| view! { <p class="ladder-levels__whole"><a href=whole_href>"Read every level, dimension by dimension"</a></p> })}
            <div class="table-wrap ladder-grid-wrap" tabindex="0" role="region" aria-labelledby=heading_id.clone()>
                <table class="data-table ladder-grid">
                    <thead><tr><td></td>{header}</tr></thead>
                    <tbody inner_html=body></tbody>
                </table>
            </div>
        </section>
    }
}

/// "Compare L2 with L3": a plain GET form, so it works without JavaScript.
#[component]
pub(super) fn CompareForm(
    slug: String,
    levels: Vec<Level>,
    from: Option<Level>,
    to: Option<Level>,
    pinned: Option<i32>,
) -> impl IntoView {
    let options: Vec<(String, String)> = levels.iter().map(|l| (l.code(), l.label())).collect();
    let select = move |id: &'static str, label: &'static str, selected: Option<Level>| {
        view! { <FilterSelect id label options=options.clone() selected=selected.map(|l| l.code())/> }
    };
    view! {
        <form method="get" action=format!("/ladders/{slug}/compare") class="filters" aria-label="Compare two levels">
            {pinned.map(|v| view! { <input type="hidden" name="version" value=v.to_string()/> })}
            {select("from", "Compare", from)}
            {select("to", "with", to)}
            <div class="filters__field"><button class="btn btn--secondary" type="submit">"Compare levels"</button></div>
        </form>
    }
}
