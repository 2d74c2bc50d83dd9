//! Pages of the career ladders: the list with "my path", a track overview, a level, a
//! comparison of two levels, the version history with diffs, and HR's draft editor.

use super::api::*;
use super::types::*;
use crate::error::AppError;
use crate::org::types::{Level, Track};
use crate::ui::format::datetime_date;
use crate::ui::{ErrorSummary, FilterSelect, LoadError, Loading, PageHeader};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn slug_param() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("slug").unwrap_or_default()
}

/// `/ladders/{slug}{path}`, pinned to a version when it is not the latest.
fn ladder_href(slug: &str, path: &str, version: Option<i32>) -> String {
    match version {
        Some(v) => format!(
            "/ladders/{slug}{path}{}version={v}",
            if path.contains('?') { "&" } else { "?" }
        ),
        None => format!("/ladders/{slug}{path}"),
    }
}

fn published_line(v: &VersionInfo) -> String {
    let by = v.published_by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default();
    format!("Version {}, published {}{by}", v.number, datetime_date(v.published_at))
}

/// "Career ladders › Engineering › {current}", pinned to the version being read.
#[component]
fn LadderCrumbs(
    slug: String,
    name: String,
    pinned: Option<i32>,
    #[prop(into)] current: String,
) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><a href="/ladders">"Career ladders"</a></li>
                <li><a href=ladder_href(&slug, "", pinned)>{name}</a></li>
                <li aria-current="page">{current}</li>
            </ol>
        </nav>
    }
}

// ---------------------------------------------------------------------------------------
// The list of ladders, with the signed-in person's path first.

#[component]
pub fn LaddersPage() -> impl IntoView {
    let import = ServerAction::<ImportLadder>::new();
    let index = Resource::new(move || import.version().get(), |_| get_ladders());
    let path = Resource::new(|| (), |_| get_my_path());
    view! {
        <PageHeader title="Career ladders" lede="What each level means in every function: public to everyone, so growth and promotions follow the same rules for all."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match (path.await, index.await) {
                    (Ok(path), Ok(index)) => view! {
                        <MyPathCard path/>
                        <section aria-labelledby="all-ladders">
                            <h2 id="all-ladders">"All ladders"</h2>
                            <ul class="grid-cards plain-list">
                                {index.ladders.iter().cloned().map(|l| view! { <LadderCard ladder=l/> }).collect_view()}
                            </ul>
                        </section>
                        {index.can_edit.then(|| view! { <ImportForm import/> })}
                    }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LadderCard(ladder: LadderSummary) -> impl IntoView {
    let href = format!("/ladders/{}", ladder.slug);
    let status = match &ladder.latest {
        Some(v) => published_line(v),
        None => "Not published yet".to_string(),
    };
    let edit = ladder.has_draft.then(|| {
        let href = format!("/ladders/{}/edit", ladder.slug);
        view! { <p><span class="badge badge--warn">"Draft in progress"</span>" "<a href=href>"Continue editing"<span class="visually-hidden">{format!(" the {} draft", ladder.name)}</span></a></p> }
    });
    view! {
        <li class="card">
            <h3 class="card__title"><a href=href>{ladder.name.clone()}</a></h3>
            <p>{ladder.description.clone()}</p>
            <p class="meta">{status}</p>
            {edit}
        </li>
    }
}

/// Where I am, and the next step on each track: always shown.
#[component]
fn MyPathCard(path: MyPath) -> impl IntoView {
    match path {
        MyPath::NoLadder { department } => view! {
            <section class="card card--muted" aria-labelledby="my-path">
                <h2 class="card__title" id="my-path">"Your path"</h2>
                <p>{if department.is_empty() {
                    "Your function's ladder has not been published yet.".to_string()
                } else {
                    format!("{department} has no published ladder yet. Until it does, talk to your manager about what the next level means for you; HR can publish one from a file.")
                }}</p>
            </section>
        }.into_any(),
        MyPath::Found { slug, ladder_name, version, current, up, across } => {
            let level_href = |l: &LadderLevel| format!("/ladders/{slug}/levels/{}", l.code());
            let compare = |l: &LadderLevel| format!("/ladders/{slug}/compare?from={}&to={}", current.code(), l.code());
            let step = |heading: &'static str, l: &LadderLevel, note: &'static str| {
                view! {
                    <div class="path-step">
                        <p class="meta">{heading}</p>
                        <p class="path-step__level"><a href=level_href(l)>{format!("{} · {}", l.level.label(), l.title)}</a></p>
                        <p>{l.scope.clone()}</p>
                        {(!note.is_empty()).then(|| view! { <p class="meta">{note}</p> })}
                        <p><a href=compare(l)>{format!("What changes from {} to {}", current.code(), l.code())}</a></p>
                    </div>
                }
            };
            let up_view = match &up {
                Some(l) => step("Next step on your track", l, "").into_any(),
                None => view! {
                    <div class="path-step">
                        <p class="meta">"Next step on your track"</p>
                        <p>"You are at the top of this track: growth from here is in the breadth and depth of your impact."</p>
                    </div>
                }.into_any(),
            };
            let across_note = if current.level.track == Track::Ic { "A change of track at the same seniority, not a promotion." } else { "Back to the individual-contributor track at the same seniority." };
            let across_view = match &across {
                Some(l) => step(if current.level.track == Track::Ic { "Or move into management" } else { "Or return to the IC track" }, l, across_note).into_any(),
                None if current.level.track == Track::Ic => view! {
                    <div class="path-step">
                        <p class="meta">"Management track"</p>
                        <p>"The management track starts beside L3 Senior."</p>
                    </div>
                }.into_any(),
                None => ().into_any(),
            };
            view! {
                <section class="card card--accent" aria-labelledby="my-path">
                    <h2 class="card__title" id="my-path">"Your path"</h2>
                    <p>
                        "You are "<strong>{format!("{} · {}", current.level.label(), current.title)}</strong>
                        " on the "<a href=format!("/ladders/{slug}")>{format!("{ladder_name} ladder")}</a>
                        {format!(" (version {version}).")}
                    </p>
                    <div class="path-steps">{up_view}{across_view}</div>
                    {up.is_some().then(|| view! {
                        <p><a class="btn btn--secondary btn--small" href="/promotions/self-evaluation">"Check yourself against the next level"</a></p>
                    })}
                </section>
            }.into_any()
        }
    }
}

#[component]
fn ImportForm(import: ServerAction<ImportLadder>) -> impl IntoView {
    let error = move || import.value().get().and_then(|r| r.err());
    let field_errors = move || error().map(|e| e.field_errors().to_vec()).unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="import-heading">
            <h2 class="card__title" id="import-heading">"Import a ladder file"</h2>
            <p>"Paste a ladder file (TOML), for example one reviewed in git. It becomes the draft of the ladder it names, or a new ladder; nothing is published until you publish it. A file with errors changes nothing."</p>
            {move || error().map(|e| view! { <ErrorSummary error=e/> })}
            <ActionForm action=import>
                <div class=move || if field_errors().is_empty() { "field" } else { "field field--error" }>
                    <label class="field__label" for="source">"Ladder file"</label>
                    <p class="field__hint" id="source-hint">"The format is in docs/ladders.md; export any ladder to see an example."</p>
                    {move || field_errors().into_iter().map(|f| view! { <p class="field__error"><span class="visually-hidden">"Error: "</span>{f.message}</p> }).collect_view()}
                    <textarea id="source" name="source" class="code-input" rows="10" spellcheck="false" aria-describedby="source-hint"></textarea>
                </div>
                <div class="form-actions"><button class="btn btn--secondary" type="submit">"Import as draft"</button></div>
            </ActionForm>
        </section>
    }
}

// ---------------------------------------------------------------------------------------
// One ladder: the overview of both tracks.

fn ladder_resource(
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
fn VersionBar(view: LadderView) -> impl IntoView {
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
    let tracks = [Track::Ic, Track::Management]
        .into_iter()
        .filter(|t| ladder.track(*t).next().is_some())
        .map(|track| {
            let levels: Vec<LadderLevel> = ladder.track(track).cloned().collect();
            view! { <TrackGrid slug=slug.clone() track levels my_level=view.my_level pinned/> }
        })
        .collect_view();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol><li><a href="/ladders">"Career ladders"</a></li><li aria-current="page">{ladder.name.clone()}</li></ol>
        </nav>
        <PageHeader title=format!("{} ladder", ladder.name) lede=ladder.description.clone()/>
        <VersionBar view=view.clone()/>
        <CompareForm slug=slug.clone() levels=ladder.levels.iter().map(|l| l.level).collect() from=view.my_level to=view.my_level.and_then(|l| super::rules::next_steps(&ladder, l).up) pinned/>
        {tracks}
    }
}

/// A track as a grid: dimensions down, levels across. On a phone each level becomes a
/// block of its own (the cells carry their level's name).
#[component]
fn TrackGrid(
    slug: String,
    track: Track,
    levels: Vec<LadderLevel>,
    my_level: Option<Level>,
    pinned: Option<i32>,
) -> impl IntoView {
    let heading_id = format!("track-{}", track.as_str());
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
    view! {
        <section aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title}</h2>
            <div class="table-wrap ladder-grid-wrap" tabindex="0" role="region" aria-labelledby=heading_id.clone()>
                <table class="data-table ladder-grid">
                    <thead><tr><td></td>{header}</tr></thead>
                    <tbody>{fact_rows}{dimension_rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// "Compare L2 with L3": a plain GET form, so it works without JavaScript.
#[component]
fn CompareForm(
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

// ---------------------------------------------------------------------------------------
// One level, in full.

#[component]
pub fn LevelPage() -> impl IntoView {
    let (_, ladder) = ladder_resource();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let code = code();
                match ladder.await {
                    Ok(view) => match Level::parse_code(&code).and_then(|l| view.ladder.level(l).cloned()) {
                        Some(level) => view! { <LevelView view level/> }.into_any(),
                        None => view! { <LoadError error=AppError::NotFound/> }.into_any(),
                    },
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LevelView(view: LadderView, level: LadderLevel) -> impl IntoView {
    let slug = view.ladder.slug.clone();
    let pinned = (!view.is_latest()).then_some(view.version.number);
    let steps = super::rules::next_steps(&view.ladder, level.level);
    let below = Level::new(level.level.track, level.level.number.saturating_sub(1))
        .filter(|l| view.ladder.level(*l).is_some());
    let link = |l: Level, text: String| view! { <a href=ladder_href(&slug, &format!("/levels/{}", l.code()), pinned)>{text}</a> };
    let compare = |to: Level| {
        ladder_href(&slug, &format!("/compare?from={}&to={}", level.code(), to.code()), pinned)
    };
    let mine = view.my_level == Some(level.level);
    let facts = level
        .facts()
        .into_iter()
        .map(|(label, text)| view! { <dt>{label}</dt><dd>{text.to_string()}</dd> })
        .collect_view();
    view! {
        <LadderCrumbs slug=slug.clone() name=view.ladder.name.clone() pinned current=level.level.label()/>
        <PageHeader title=format!("{} · {}", level.level.label(), level.title) lede=format!("{} ladder, {}", view.ladder.name, level.level.track.label().to_lowercase() + " track")/>
        <VersionBar view=view.clone()/>
        {mine.then(|| view! { <p><span class="badge badge--accent">"Your level"</span></p> })}
        <div class="two-col">
            <div class="stack">
                {Dimension::ALL.into_iter().map(|d| {
                    let items = level.criteria_in(d).map(|(_, c)| view! {
                        <li>
                            <p class="criterion__text">{c.text.clone()}</p>
                            {(!c.examples.is_empty()).then(|| view! {
                                <ul class="criterion__examples">
                                    {c.examples.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }).collect_view();
                    view! {
                        <section class="card" aria-labelledby=format!("dim-{}", d.as_str())>
                            <h2 class="card__title" id=format!("dim-{}", d.as_str())>{d.label()}</h2>
                            <ul class="criteria-list">{items}</ul>
                        </section>
                    }
                }).collect_view()}
            </div>
            <aside class="stack" aria-label="About this level">
                <section class="card" aria-labelledby="facts-heading">
                    <h2 class="card__title" id="facts-heading">"At a glance"</h2>
                    <dl class="facts facts--stacked">{facts}</dl>
                </section>
                <section class="card" aria-labelledby="next-heading">
                    <h2 class="card__title" id="next-heading">"Next step"</h2>
                    <ul class="plain-list stack stack--tight">
                        {match steps.up {
                            Some(up) => view! { <li>"Up: "{link(up, up.label())}" · "<a href=compare(up)>"what changes"</a></li> }.into_any(),
                            None => view! { <li>"The top of this track."</li> }.into_any(),
                        }}
                        {steps.across.map(|a| view! { <li>"Other track: "{link(a, a.label())}" · "<a href=compare(a)>"compare"</a></li> })}
                        {below.map(|b| view! { <li>"Below: "{link(b, b.label())}</li> })}
                    </ul>
                </section>
            </aside>
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// Two levels side by side.

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

// ---------------------------------------------------------------------------------------
// Version history and the differences between two versions.

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

// ---------------------------------------------------------------------------------------
// HR's draft editor: the ladder's TOML source, its lint, and publishing.

#[component]
pub fn DraftPage() -> impl IntoView {
    let slug = slug_param();
    let save = ServerAction::<SaveLadderDraft>::new();
    let publish = ServerAction::<PublishLadder>::new();
    let discard = ServerAction::<DiscardLadderDraft>::new();
    let draft = Resource::new(
        move || (slug(), save.version().get(), publish.version().get()),
        |(s, _, _)| get_ladder_draft(s),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(d) => view! { <DraftView draft=d save publish discard/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DraftView(
    draft: DraftView,
    save: ServerAction<SaveLadderDraft>,
    publish: ServerAction<PublishLadder>,
    discard: ServerAction<DiscardLadderDraft>,
) -> impl IntoView {
    let slug = draft.slug.clone();
    let (slug_publish, slug_discard) = (slug.clone(), slug.clone());
    let save_error = move || save.value().get().and_then(|r| r.err());
    let publish_error = move || publish.value().get().and_then(|r| r.err());
    let discard_error = move || discard.value().get().and_then(|r| r.err());
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let published = move || matches!(publish.value().get(), Some(Ok(())));
    let summary_error = move || publish_error().and_then(|e| e.field_error("change_summary"));
    let has_draft = draft.version > 0;
    let can_publish = has_draft && draft.errors.is_empty();
    let status = match (&draft.updated_by, draft.updated_at) {
        (Some(by), Some(at)) => format!("Draft saved by {by} on {}.", datetime_date(at)),
        _ if has_draft => "Draft saved.".to_string(),
        _ => match draft.latest_number {
            Some(n) => format!("No draft yet: this is version {n}. Saving starts a draft; readers see nothing until you publish."),
            None => "No version published yet.".to_string(),
        },
    };
    let errors = draft.errors.clone();
    let warnings = draft.warnings.clone();
    let changes = draft.changes.clone();
    let base = draft
        .latest_number
        .map(|n| format!("Changes from version {n}"))
        .unwrap_or_else(|| "Everything is new".into());
    view! {
        <LadderCrumbs slug=slug.clone() name=draft.name.clone() pinned=None current="Edit draft"/>
        <PageHeader title=format!("Edit the {} ladder", draft.name) lede="Edit the ladder file below, save the draft (it is kept even when it has errors), fix what the checks find, then publish it as a new version."/>
        <p class="meta" role="status">{status}</p>
        {move || published().then(|| view! { <div class="notice notice--success" role="status"><p>"Published. Everyone now reads the new version; the old one stays in the history."</p></div> })}
        {move || saved().then(|| view! { <div class="notice notice--success" role="status"><p>"Draft saved."</p></div> })}
        <div class="two-col two-col--wide-left">
            <div class="stack">
                {move || save_error().map(|e| view! { <ErrorSummary error=e/> })}
                <ActionForm action=save>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="version" value=draft.version.to_string()/>
                    <div class="field">
                        <label class="field__label" for="source">"Ladder file (TOML)"</label>
                        <p class="field__hint" id="source-hint">"Each level has a code (L1-L5, M1-M4), a title, scope, autonomy, impact, typical experience and criteria in five dimensions, each with behavioural examples."</p>
                        <textarea id="source" name="source" class="code-input" rows="28" spellcheck="false" aria-describedby="source-hint">{draft.source.clone()}</textarea>
                    </div>
                    <div class="form-actions"><button class="btn btn--primary" type="submit">"Save draft"</button></div>
                </ActionForm>
            </div>
            <aside class="stack" aria-label="Checks and publishing">
                <section class="card" aria-labelledby="checks-heading">
                    <h2 class="card__title" id="checks-heading">"Checks"</h2>
                    {if !errors.is_empty() {
                        view! {
                            <p class="status--danger">{format!("{} problem(s) stop this draft from being published:", errors.len())}</p>
                            <ul class="lint-list">{errors.into_iter().map(|e| view! { <li class="lint--error">{format!("Line {}: {}", e.line, e.message)}</li> }).collect_view()}</ul>
                        }.into_any()
                    } else if warnings.is_empty() {
                        view! { <p class="status--ok">"No problems found: every level has all five dimensions, every criterion has an example, and every level has a next step."</p> }.into_any()
                    } else {
                        view! {
                            <p class="status--warn">{format!("{} thing(s) to look at before publishing:", warnings.len())}</p>
                            <ul class="lint-list">{warnings.into_iter().map(|w| view! { <li class="lint--warn">{w.message}</li> }).collect_view()}</ul>
                        }.into_any()
                    }}
                </section>
                <section class="card" aria-labelledby="publish-heading">
                    <h2 class="card__title" id="publish-heading">"Publish"</h2>
                    {move || publish_error().filter(|e| e.field_error("change_summary").is_none()).map(|e| view! { <ErrorSummary error=e/> })}
                    {if can_publish {
                        view! {
                            <ActionForm action=publish>
                                <input type="hidden" name="slug" value=slug_publish.clone()/>
                                <input type="hidden" name="version" value=draft.version.to_string()/>
                                <div class=move || if summary_error().is_some() { "field field--error" } else { "field" }>
                                    <label class="field__label" for="change_summary">"What changed, and why"</label>
                                    <p class="field__hint" id="change_summary-hint">"Shown to everyone in the version history."</p>
                                    {move || summary_error().map(|m| view! { <p class="field__error" id="change_summary-error"><span class="visually-hidden">"Error: "</span>{m}</p> })}
                                    <textarea id="change_summary" name="change_summary" rows="3" aria-describedby="change_summary-hint"
                                        aria-invalid=move || summary_error().is_some().to_string()></textarea>
                                </div>
                                <div class="form-actions"><button class="btn btn--primary" type="submit">"Publish as a new version"</button></div>
                            </ActionForm>
                        }.into_any()
                    } else if !has_draft {
                        view! { <p class="muted">"Save a draft first; you can publish it once the file reads without errors."</p> }.into_any()
                    } else {
                        view! { <p class="muted">"Fix the errors above, save, then publish."</p> }.into_any()
                    }}
                    {has_draft.then(|| view! {
                        {move || discard_error().map(|e| view! { <ErrorSummary error=e/> })}
                        <ActionForm action=discard>
                            <input type="hidden" name="slug" value=slug_discard.clone()/>
                            <input type="hidden" name="version" value=draft.version.to_string()/>
                            <button class="btn-link" type="submit">"Discard the draft"</button>
                        </ActionForm>
                    })}
                </section>
            </aside>
        </div>
        {draft.errors.is_empty().then(|| view! {
            <section aria-labelledby="changes-heading" class="stack">
                <h2 id="changes-heading">{base}</h2>
                <DiffView changes/>
            </section>
        })}
    }
}
