//! The calibration board: the distribution against the guideline, the outlier queue, every
//! person (sorted, filtered and grouped from the page's query string), the 9-box, and a
//! person's evidence and history opened beside the board. The page is rendered on the
//! server and every form is a plain post that comes back to it. One island asks whether
//! someone else changed the board and loads it again; with a person open (someone may be
//! typing) it offers the newer board instead, and what was typed comes back after it.

use super::*;
use crate::calibration::rules::{self, BoardQuery};
use crate::kernel::{EntryId, Rating, SessionId};
use crate::ui::charts::DistributionChart;
use crate::ui::keep_typed::KeepTyped;
use std::collections::BTreeMap;

/// The query-string keys the board understands.
const KEYS: [&str; 10] =
    ["view", "sort", "group", "only", "manager", "team", "rating", "q", "person", "page"];

type Query = BTreeMap<&'static str, String>;

fn link(query: &Query, set: &[(&'static str, String)]) -> String {
    let mut q = query.clone();
    for (k, v) in set {
        if v.is_empty() {
            q.remove(k);
        } else {
            q.insert(k, v.clone());
        }
    }
    let pairs: Vec<String> =
        q.iter().map(|(k, v)| format!("{k}={}", crate::ui::format::url_encode(v))).collect();
    if pairs.is_empty() {
        "?".into()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let id = id_param::<SessionId>();
    let query: Query = {
        let params = use_query_map();
        let p = params.read_untracked();
        KEYS.iter().filter_map(|k| p.get(k).filter(|v| !v.is_empty()).map(|v| (*k, v))).collect()
    };
    // The person opened beside the board.
    let person = query.get("person").and_then(|p| p.parse::<EntryId>().ok());
    // Forms are plain posts that come back to this page; each action carries its own
    // refusal back from the address (`__err`), for the page to show beside its form.
    let forms = PanelForms {
        change: ServerAction::new(),
        discuss: ServerAction::new(),
        potential: ServerAction::new(),
        appeal: ServerAction::new(),
        resolve: ServerAction::new(),
    };
    let finalise = ServerAction::<FinaliseSession>::new();
    let board = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_board(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let panel = Resource::new(
        move || (id(), person),
        |(id, person)| async move {
            match (id, person) {
                (Some(id), Some(entry)) => get_board_person(id, entry).await.map(Some),
                _ => Ok(None),
            }
        },
    );
    view! {
        <div class="board-page">
            <Suspense fallback=Loading>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        match board.await {
                            Err(e) => view! { <LoadError error=e/> }.into_any(),
                            Ok(b) => {
                                let panel = panel.await;
                                view! { <BoardView board=b query person panel forms finalise/> }.into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

/// The actions a person's panel submits.
#[derive(Clone, Copy)]
struct PanelForms {
    change: ServerAction<ChangeRating>,
    discuss: ServerAction<MarkDiscussed>,
    potential: ServerAction<SetPotential>,
    appeal: ServerAction<RaiseAppeal>,
    resolve: ServerAction<ResolveAppeal>,
}

/// Asks every five seconds whether the board changed. Nobody has anything open: the page
/// loads again. A person is open beside the board (someone may be typing): a notice offers
/// the newer board, and what was typed comes back after it (`KeepTyped`).
#[island]
fn BoardRefresh(session: SessionId, version: i32, person_open: bool) -> impl IntoView {
    let changed = RwSignal::new(false);
    // Effects run in the browser only.
    Effect::new(move |_| {
        let poll = move || {
            if changed.get_untracked() {
                return;
            }
            leptos::task::spawn_local(async move {
                if let Ok(now) = get_board_version(session).await {
                    if now != version {
                        if person_open {
                            changed.set(true);
                        } else {
                            reload();
                        }
                    }
                }
            });
        };
        if let Ok(handle) = set_interval_with_handle(poll, std::time::Duration::from_secs(5)) {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <div aria-live="polite">
            {move || changed.get().then(|| view! {
                <div class="notice notice--warn" role="status">
                    <p>"Someone changed the board since you opened it. What you typed is kept."</p>
                    <button class="btn btn--small btn--secondary" type="button" on:click=move |_| reload()>"Show the latest"</button>
                </div>
            })}
        </div>
    }
}

/// Loads the page again (the browser's reload, so the address and its query stay).
fn reload() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

#[component]
fn BoardView(
    board: Board,
    query: Query,
    person: Option<EntryId>,
    panel: Result<Option<PersonPanel>, AppError>,
    forms: PanelForms,
    finalise: ServerAction<FinaliseSession>,
) -> impl IntoView {
    let Board { session, rows, can_edit, can_finalise, blockers, today } = board;
    let q = query;
    let lede = format!(
        "{} · {} · facilitated by {} · {} on the board",
        session.cycle_name,
        session.group_label,
        session.facilitator,
        crate::ui::format::people_count(rows.len() as i64)
    );
    let status = match session.finalised_at {
        Some(at) => view! { <span class="badge badge--ok">{format!("Finalised {}", datetime_date(at))}</span> }.into_any(),
        None => view! { <span class="badge badge--accent">"Open"</span> }.into_any(),
    };
    let finalised = session.status == SessionStatus::Finalised;
    let count = session.participants.len();
    let participants = session
        .participants
        .iter()
        .enumerate()
        .map(|(i, (id, name))| view! { <a href=format!("/people/{id}")>{name.clone()}</a>{if i + 1 < count { ", " } else { "." }} })
        .collect_view();
    let is_nine_box = q.get("view").map(String::as_str) == Some("ninebox");
    let view_query = BoardQuery::from_pairs(|k| q.get(k).map(String::as_str));
    let asked_page = q.get("page").and_then(|p| p.parse::<usize>().ok());
    let paged = view_query.page(&rows, asked_page, person);
    let page = BoardPageRows {
        groups: paged
            .groups
            .iter()
            .map(|(g, m)| (g.clone(), m.iter().map(|r| (*r).clone()).collect()))
            .collect(),
        page: paged.page,
        pages: paged.pages,
        matching: paged.matching,
    };
    let on_board = |entry: EntryId| rows.iter().any(|r| r.entry_id == entry);
    // Beside the board: the open person, or what the room works through (the outliers,
    // finalising).
    let side = match person {
        Some(entry) => {
            let close = format!("{}#row-{entry}", link(&q, &[("person", String::new()), ("page", paged.page.to_string())]));
            let body = match (on_board(entry), panel) {
                (false, _) => view! { <p id="panel-heading" tabindex="-1">"This person is not on the board."</p> }.into_any(),
                (true, Err(e)) => view! { <p id="panel-heading" tabindex="-1" role="alert">{e.to_string()}</p> }.into_any(),
                (true, Ok(None)) => ().into_any(),
                (true, Ok(Some(p))) => view! {
                    <KeepTyped key=format!("board-{}-{entry}", session.id)>
                        <PersonPanelView panel=p session=session.id forms today/>
                    </KeepTyped>
                }
                .into_any(),
            };
            let walk = PanelWalk {
                position: paged.position,
                matching: paged.matching,
                previous: paged.previous.map(|e| person_href(&q, e)),
                next: paged.next.map(|e| person_href(&q, e)),
            };
            let keys = view! {
                <BoardKeys row=format!("row-{entry}") previous=walk.previous.clone() next=walk.next.clone() close=close.clone()/>
            };
            // With a person open, the notice that the board changed shows where they type.
            let refresh = (!finalised).then(|| view! { <BoardRefresh session=session.id version=session.version person_open=true/> });
            view! {
                <aside class="board-side board-panel card" aria-labelledby="panel-heading">
                    <div class="board-panel__bar">
                        <PanelWalkView walk/>
                        <a class="board-panel__close" href=close>"Close"</a>
                    </div>
                    {keys}
                    {refresh}
                    {body}
                </aside>
            }
            .into_any()
        }
        None => view! {
            <aside class="board-side stack" aria-label="To work through">
                <OutlierQueue rows=rows.clone() query=q.clone()/>
                {(can_finalise || finalised).then(|| view! { <FinaliseCard session=session.clone() people=rows.len() blockers=blockers.clone() finalise can_finalise/> })}
            </aside>
        }
        .into_any(),
    };
    let tabs = {
        let board_href = link(&q, &[("view", String::new())]);
        let nine_href = link(&q, &[("view", "ninebox".into()), ("page", String::new())]);
        view! {
            <nav class="tabs" aria-label="Board views">
                <a href=board_href aria-current=(!is_nine_box).then_some("page")>"Board"</a>
                <a href=nine_href aria-current=is_nine_box.then_some("page")>"9-box"</a>
                <a href=format!("/calibration/{}/report", session.id)>"Fairness report"</a>
            </nav>
        }
    };
    let main = if is_nine_box {
        view! { <NineBox rows=rows.clone() query=q.clone()/> }.into_any()
    } else {
        view! { <BoardTable rows=rows.clone() page query=q.clone() person/> }.into_any()
    };
    let session_id = session.id;
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/calibration">"Calibration"</a></nav>
        <PageHeader title=session.name.clone() lede=lede>{status}</PageHeader>
        {(!finalised && person.is_none()).then(|| view! { <BoardRefresh session=session_id version=session.version person_open=false/> })}
        <details class="board-room meta">
            <summary>{format!("In the room: {}", crate::ui::format::people_count(count as i64))}{(!can_edit && !finalised).then_some(". You can read this board; changes are made by its participants.")}</summary>
            <p>{participants}</p>
        </details>
        <DistributionStrip rows=rows.clone()/>
        {tabs}
        <div class="board-layout">
            <div class="board-layout__main">{main}</div>
            {side}
        </div>
        <section class="stack" aria-labelledby="distribution-heading">
            <h2 id="distribution-heading">"Distribution in detail"</h2>
            <NotAQuota/>
            <Distributions rows=rows.clone() query=q.clone()/>
        </section>
    }
}

/// A person's address on the board: the panel open beside their row, on the page that
/// holds them.
fn person_href(query: &Query, entry: EntryId) -> String {
    format!(
        "{}#row-{entry}",
        link(query, &[("person", entry.to_string()), ("page", String::new())])
    )
}

/// The table's page of the board (owned, for the component).
struct BoardPageRows {
    groups: Vec<(String, Vec<BoardRow>)>,
    page: usize,
    pages: usize,
    matching: usize,
}

/// Where the open person sits in the room's order, and the way to their neighbours.
#[derive(Clone)]
struct PanelWalk {
    position: Option<usize>,
    matching: usize,
    previous: Option<String>,
    next: Option<String>,
}

#[component]
fn PanelWalkView(walk: PanelWalk) -> impl IntoView {
    let place = walk.position.map(|p| format!("{p} of {}", walk.matching));
    view! {
        <nav class="board-panel__walk" aria-label="People on the board">
            {match walk.previous {
                Some(h) => view! { <a href=h rel="prev">"Previous"</a> }.into_any(),
                None => view! { <span class="muted">"Previous"</span> }.into_any(),
            }}
            {place.map(|p| view! { <span class="meta">{p}</span> })}
            {match walk.next {
                Some(h) => view! { <a href=h rel="next">"Next"</a> }.into_any(),
                None => view! { <span class="muted">"Next"</span> }.into_any(),
            }}
        </nav>
    }
}

/// The board's keys, for a meeting run from a laptop: n or j the next person, p or k the
/// previous, 1 to 5 choose a rating (Exceptional to Below Expectations) and go to the
/// rationale, Escape close. Keys typed into a field are the field's. On opening, the
/// person's row is brought beside the panel and the panel's heading takes the focus, so a
/// screen reader starts at the person.
#[island]
fn BoardKeys(
    row: String,
    previous: Option<String>,
    next: Option<String>,
    close: String,
) -> impl IntoView {
    let live = RwSignal::new(false);
    Effect::new(move |_| {
        live.set(true);
        keys::arrive(&row);
    });
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if let Some(action) = keys::action(&ev) {
            ev.prevent_default();
            match action {
                Key::Next => keys::go(next.as_deref()),
                Key::Previous => keys::go(previous.as_deref()),
                Key::Close => keys::go(Some(&close)),
                Key::Rate(i) => keys::rate(i),
            }
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <p class="meta board-keys" hidden=move || !live.get()>
            "Keys: "<kbd>"n"</kbd>" next, "<kbd>"p"</kbd>" previous, "<kbd>"1"</kbd>"–"<kbd>"5"</kbd>" rating, "<kbd>"Esc"</kbd>" close"
        </p>
    }
}

/// What a key does on the board (made only in the browser).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Key {
    Next,
    Previous,
    Close,
    /// An index into `Rating::ALL`.
    Rate(usize),
}

#[cfg(feature = "hydrate")]
mod keys {
    use super::Key;
    use crate::kernel::Rating;
    use web_sys::wasm_bindgen::JsCast;

    pub fn action(ev: &web_sys::KeyboardEvent) -> Option<Key> {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return None;
        }
        let typing =
            ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.is_content_editable()
            });
        if typing {
            return None;
        }
        match ev.key().as_str() {
            "n" | "j" => Some(Key::Next),
            "p" | "k" => Some(Key::Previous),
            "Escape" => Some(Key::Close),
            k => k
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=Rating::ALL.len()).contains(n))
                .map(|n| Key::Rate(n - 1)),
        }
    }

    pub fn go(href: Option<&str>) {
        if let (Some(href), Some(window)) = (href, web_sys::window()) {
            let _ = window.location().set_href(href);
        }
    }

    fn element<T: JsCast>(id: &str) -> Option<T> {
        web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into::<T>().ok()
    }

    /// Chooses a rating in the panel's form (when the reader may change it) and moves to
    /// the rationale, which the change needs.
    pub fn rate(index: usize) {
        let id = format!("rating-{}", Rating::ALL[index].as_str());
        if let Some(radio) = element::<web_sys::HtmlInputElement>(&id) {
            radio.set_checked(true);
            // `KeepTyped` remembers choices on `change`.
            if let Ok(ev) = web_sys::Event::new_with_event_init_dict("change", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            }) {
                let _ = radio.dispatch_event(&ev);
            }
            if let Some(rationale) = element::<web_sys::HtmlElement>("rationale") {
                let _ = rationale.focus();
            }
        }
    }

    /// On a wide screen the panel stays beside the board: the person's row is centred
    /// beside it. On a narrow one the panel covers the board, so nothing moves. Either
    /// way the panel's heading takes the focus without scrolling.
    pub fn arrive(row: &str) {
        let wide = web_sys::window()
            .and_then(|w| w.match_media("(min-width: 70rem)").ok().flatten())
            .is_some_and(|m| m.matches());
        if wide {
            if let Some(el) = element::<web_sys::Element>(row) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
        // A refused change's error summary keeps the focus it took.
        let refused = element::<web_sys::Element>(crate::ui::ERROR_SUMMARY_ID).is_some();
        if let Some(heading) = element::<web_sys::HtmlElement>("panel-heading").filter(|_| !refused)
        {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = heading.focus_with_options(&options);
        }
    }
}

/// The server never runs an island's effects or handlers.
#[cfg(not(feature = "hydrate"))]
mod keys {
    use super::Key;
    pub fn action(_: &impl std::any::Any) -> Option<Key> {
        None
    }
    pub fn go(_: Option<&str>) {}
    pub fn rate(_: usize) {}
    pub fn arrive(_: &str) {}
}

/// The distribution in one line above the board: calibrated count and share of each
/// rating against its guideline, and the preliminary count beside it.
#[component]
fn DistributionStrip(rows: Vec<BoardRow>) -> impl IntoView {
    let calibrated = rules::counts(rows.iter().filter_map(|r| r.rating));
    let preliminary = rules::counts(rows.iter().filter_map(|r| r.preliminary));
    let total: u32 = calibrated.iter().sum();
    let unrated = rows.len() as u32 - total;
    let items = Rating::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let share = (calibrated[i] * 100).checked_div(total).unwrap_or(0);
            let guide = r.guideline_percent();
            view! {
                <li class="dist-strip__item">
                    <span class="dist-strip__label">{r.label()}</span>
                    <span class="dist-strip__figures"><span><strong class="dist-strip__count">{calibrated[i]}</strong>" "{format!("{share}%")}</span><span class="meta">{format!("guide ~{guide}%")}</span></span>
                    // Drawn with attributes, not inline styles, which the pages' policy forbids.
                    <svg class="dist-strip__bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect class="dist-strip__track" width="100" height="6"/>
                        <rect class="dist-strip__fill" width=share.to_string() height="6"/>
                        <rect class="dist-strip__guide" x=guide.saturating_sub(1).to_string() width="1.5" height="6"/>
                    </svg>
                    <span class="meta">{format!("{} preliminary", preliminary[i])}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="dist-strip" aria-labelledby="strip-heading">
            <h2 id="strip-heading" class="visually-hidden">"Distribution: calibrated, against the guideline"</h2>
            <ul class="dist-strip__list">{items}</ul>
            <p class="meta">
                {(unrated > 0).then(|| format!("{unrated} without a rating yet. "))}
                "The guideline is a guide, never a quota. "
                <a href="#distribution-heading">"Chart and teams"</a>
            </p>
        </section>
    }
}

#[component]
fn Distributions(rows: Vec<BoardRow>, query: Query) -> impl IntoView {
    let overall = rules::counts(rows.iter().filter_map(|r| r.rating));
    let before = rules::counts(rows.iter().filter_map(|r| r.preliminary));
    let mut teams: BTreeMap<String, Vec<Rating>> = BTreeMap::new();
    for r in &rows {
        if let Some(rating) = r.rating {
            teams.entry(r.team.clone()).or_default().push(rating);
        }
    }
    let total: u32 = overall.iter().sum();
    let unrated = rows.len() as u32 - total;
    view! {
        <div class="chart-row">
            <DistributionChart title="Whole board: preliminary and calibrated" series=vec![("Preliminary".to_string(), before), ("Calibrated".to_string(), overall)]/>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Distribution as a table">
                <table class="data-table data-table--compact">
                    <caption>"The same, as numbers"</caption>
                    <thead><tr><th scope="col">"Rating"</th><th scope="col">"Preliminary"</th><th scope="col">"Calibrated"</th><th scope="col">"Share"</th><th scope="col">"Guideline"</th></tr></thead>
                    <tbody>
                        {Rating::ALL.iter().enumerate().map(|(i, r)| view! {
                            <tr>
                                <th scope="row">{r.label()}</th>
                                <td>{before[i]}</td>
                                <td>{overall[i]}</td>
                                <td>{if total > 0 { format!("{:.0}%", overall[i] as f64 * 100.0 / total as f64) } else { "–".into() }}</td>
                                <td>{format!("~{}%", r.guideline_percent())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {(unrated > 0).then(|| view! { <p class="meta">{format!("{unrated} without a rating yet.")}</p> })}
            </div>
        </div>
        <TeamDistribution teams query/>
    }
}

/// Calibrated ratings per team, one row each: a board of a thousand people has about 150
/// teams, which a table lets the room scan and compare (and each team opens filtered).
#[component]
fn TeamDistribution(teams: BTreeMap<String, Vec<Rating>>, query: Query) -> impl IntoView {
    let count = teams.len();
    let rows = teams
        .into_iter()
        .map(|(team, ratings)| {
            let counts = rules::counts(ratings.iter().copied());
            let href = link(&query, &[("team", team.clone())]);
            view! {
                <tr>
                    <th scope="row"><a href=href>{team}</a></th>
                    <td>{ratings.len()}</td>
                    {counts.into_iter().map(|n| view! { <td>{n}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="team-distribution">
            <summary>{format!("By team ({count})")}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Calibrated ratings by team">
                <table class="data-table data-table--compact data-table--numbers">
                    <caption class="visually-hidden">"Calibrated ratings by team"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Team"</th><th scope="col">"Rated"</th>
                            {Rating::ALL.iter().map(|r| view! { <th scope="col">{r.label()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
}

/// The outliers the room discusses before finalising, those waiting first; a long queue
/// shows its start and opens in full as a filter of the board.
#[component]
fn OutlierQueue(rows: Vec<BoardRow>, query: Query) -> impl IntoView {
    const SHOWN: usize = 12;
    let mut outliers: Vec<BoardRow> = rows.into_iter().filter(|r| r.is_outlier()).collect();
    outliers.sort_by(|a, b| (a.discussed, &a.name).cmp(&(b.discussed, &b.name)));
    let waiting = outliers.iter().filter(|r| !r.discussed).count();
    let total = outliers.len();
    let all = link(
        &query,
        &[("only", "outliers".into()), ("page", String::new()), ("view", String::new())],
    );
    view! {
        <section class="card stack" aria-labelledby="outliers-heading">
            <h2 class="card__title" id="outliers-heading">{format!("Outliers to discuss: {waiting} of {total}")}</h2>
            <p class="meta">"Every Exceptional and Below Expectations rating is discussed, and marked so with a note, before the session can be finalised."</p>
            {if outliers.is_empty() {
                view! { <p>"No Exceptional or Below Expectations ratings on this board."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list outlier-list">
                        {outliers.into_iter().take(SHOWN).map(|r| {
                            let href = person_href(&query, r.entry_id);
                            let badge = if r.discussed { view! { <span class="badge badge--ok">"Discussed"</span> } } else { view! { <span class="badge badge--warn">"To discuss"</span> } };
                            view! { <li><a href=href>{r.name.clone()}</a>" · "{rating_label(r.rating)}" "{badge}</li> }
                        }).collect_view()}
                    </ul>
                    {(total > SHOWN).then(|| view! { <p><a href=all>{format!("All {total} outliers on the board")}</a></p> })}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn FinaliseCard(
    session: SessionInfo,
    /// How many people the board holds (whose ratings finalising sends on).
    people: usize,
    blockers: Vec<String>,
    finalise: ServerAction<FinaliseSession>,
    can_finalise: bool,
) -> impl IntoView {
    let error = move || finalise.value().get().and_then(|r| r.err());
    let body = if session.status == SessionStatus::Finalised {
        view! { <p>"Finalised: the ratings are final and have gone to the managers, who deliver each review within a week."</p> }.into_any()
    } else if !blockers.is_empty() {
        view! {
            <p>"Before finalising:"</p>
            <ul>{blockers.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul>
        }
        .into_any()
    } else {
        view! {
            <p>"Every outlier is discussed and no appeal is waiting."</p>
            <ActionForm action=finalise attr:class="stack">
                <input type="hidden" name="id" value=session.id.to_string()/>
                <input type="hidden" name="version" value=session.version.to_string()/>
                <div class="choice choice--long">
                    <input type="checkbox" id="confirm-finalise" name="confirm" value="yes" required disabled=!can_finalise/>
                    <label for="confirm-finalise">{format!(
                        "Finalising locks the board and sends the calibrated ratings of {} to their managers, who deliver them. It cannot be undone.",
                        crate::ui::format::people_count(people as i64)
                    )}</label>
                </div>
                <button class="btn btn--primary" type="submit" disabled=!can_finalise>"Finalise the session"</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <section class="card stack" aria-labelledby="finalise-heading">
            <h2 class="card__title" id="finalise-heading">"Finalise"</h2>
            {move || error().map(|e| view! { <ErrorSummary error=e/> })}
            {body}
        </section>
    }
}

/// "8 mo", "4.5 yr" (`today` comes from the server: the browser build has no clock).
fn tenure(hired: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    let months = (today - hired).num_days() / 30;
    if months < 12 {
        format!("{months} mo")
    } else {
        format!("{:.1} yr", months as f64 / 12.0)
    }
}

/// The people on one page of the board, for a meeting: who, their manager and level, the
/// ratings that matter (last cycle, preliminary, calibrated) and what waits. The rest
/// (tenure, potential, the evidence) is in the person's panel, to keep the table within a
/// laptop's half screen beside it.
/// The open person's row is marked, and each name opens the panel beside it.
#[component]
fn BoardTable(
    rows: Vec<BoardRow>,
    page: BoardPageRows,
    query: Query,
    person: Option<EntryId>,
) -> impl IntoView {
    let mut managers: Vec<(String, String)> = rows
        .iter()
        .filter_map(|r| r.manager_id.map(|m| (m.to_string(), r.manager.clone())))
        .collect();
    managers.sort_by(|a, b| a.1.cmp(&b.1));
    managers.dedup();
    let mut teams: Vec<(String, String)> =
        rows.iter().map(|r| (r.team.clone(), r.team.clone())).collect();
    teams.sort();
    teams.dedup();
    let selected = |k: &str| query.get(k).cloned();
    let opts = |pairs: &[(&str, &str)]| {
        pairs.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect::<Vec<_>>()
    };
    let BoardPageRows { groups, page: current, pages, matching } = page;
    let short = |r: Option<Rating>| r.map(Rating::short_label).unwrap_or("–");
    let table = groups
        .into_iter()
        .map(|(group, members)| {
            let heading = (!group.is_empty()).then(|| view! { <h3 class="board-group">{group.clone()}</h3> });
            let body = members
                .into_iter()
                .map(|r| {
                    let open = person == Some(r.entry_id);
                    let changed = r.changed().then(|| view! { <span class="badge badge--accent">"Changed"</span>" " });
                    let flag = if r.open_appeals > 0 {
                        view! { <span class="badge badge--danger">"Appeal"</span> }.into_any()
                    } else if r.is_outlier() && !r.discussed {
                        view! { <span class="badge badge--warn">"To discuss"</span> }.into_any()
                    } else if r.discussed {
                        view! { <span class="badge badge--ok">"Discussed"</span> }.into_any()
                    } else {
                        ().into_any()
                    };
                    view! {
                        <tr id=format!("row-{}", r.entry_id) class:board-row--open=open aria-current=open.then_some("true")>
                            <th scope="row">
                                <a href=person_href(&query, r.entry_id)>{r.name.clone()}</a>
                                <span class="board-row__title" title=format!("{} · {}", r.title, r.team)>{format!("{} · {}", r.title, r.team)}</span>
                            </th>
                            <td>{r.manager.clone()}</td>
                            <td>{r.level.clone()}</td>
                            <td>{short(r.last_rating)}</td>
                            <td>{r.preliminary.map(Rating::short_label).unwrap_or("Not submitted")}</td>
                            <td><strong>{r.rating.map(Rating::short_label).unwrap_or("Not rated")}</strong></td>
                            <td class="board-row__status">{changed}{flag}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                {heading}
                <div class="table-wrap" tabindex="0" role="region" aria-label=if group.is_empty() { "People on the board".to_string() } else { format!("People: {group}") }>
                    <table class="data-table data-table--compact board-table">
                        <caption class="visually-hidden">{if group.is_empty() { "People on the board".to_string() } else { format!("People on the board: {group}") }}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Person"</th><th scope="col">"Manager"</th><th scope="col">"Level"</th>
                                <th scope="col">"Last cycle"</th><th scope="col">"Preliminary"</th><th scope="col">"Calibrated"</th><th scope="col">"Status"</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
        })
        .collect_view();
    let page_href = |n: usize| link(&query, &[("page", n.to_string()), ("person", String::new())]);
    let prev = (current > 1).then(|| page_href(current - 1));
    let next = (current < pages).then(|| page_href(current + 1));
    let first = (current - 1) * rules::BOARD_PAGE + 1;
    let last = (current * rules::BOARD_PAGE).min(matching);
    let count = if pages > 1 {
        format!(
            "Showing {first}–{last} of {matching} ({} on the board)",
            crate::ui::format::people_count(rows.len() as i64)
        )
    } else {
        format!("Showing {matching} of {}", crate::ui::format::people_count(rows.len() as i64))
    };
    view! {
        <details class="board-filters" open=query.keys().any(|k| !matches!(*k, "person" | "page" | "view"))>
            <summary>"Sort and filter"<span class="result-count" aria-live="polite">{count}</span></summary>
        <form method="get" class="filters" aria-label="Sort and filter the board">
            <div class="filters__field">
                <label class="field__label" for="q">"Name or title"</label>
                <input id="q" name="q" type="search" value=selected("q").unwrap_or_default()/>
            </div>
            <crate::ui::FilterSelect id="manager" label="Manager" all="All managers" options=managers selected=selected("manager")/>
            <crate::ui::FilterSelect id="team" label="Team" all="All teams" options=teams selected=selected("team")/>
            <crate::ui::FilterSelect id="rating" label="Calibrated rating" all="Any rating" options=Rating::ALL.iter().map(|r| (r.as_str().to_string(), r.label().to_string())).collect() selected=selected("rating")/>
            <crate::ui::FilterSelect id="only" label="Show" all="Everyone" options=opts(&[("outliers", "Outliers"), ("undiscussed", "Outliers to discuss"), ("changed", "Changed ratings"), ("appeals", "Open appeals")]) selected=selected("only")/>
            <crate::ui::FilterSelect id="sort" label="Sort by" options=opts(&[("", "Name"), ("rating", "Calibrated rating"), ("preliminary", "Preliminary rating"), ("manager", "Manager"), ("team", "Team"), ("level", "Level"), ("tenure", "Tenure")]) selected=selected("sort")/>
            <crate::ui::FilterSelect id="group" label="Group by" options=opts(&[("", "No grouping"), ("manager", "Manager"), ("team", "Team")]) selected=selected("group")/>
            {query.get("person").map(|p| view! { <input type="hidden" name="person" value=p.clone()/> })}
            {query.get("view").map(|v| view! { <input type="hidden" name="view" value=v.clone()/> })}
            <div class="filters__field"><button class="btn btn--secondary" type="submit">"Apply"</button></div>
        </form>
        </details>
        {if matching == 0 { view! { <EmptyState title="Nobody matches these filters"><p><a href="?">"Show everyone"</a></p></EmptyState> }.into_any() } else { table.into_any() }}
        <crate::ui::Pagination page=current as u32 pages=Some(pages as u32) prev next/>
    }
}

#[component]
fn NineBox(rows: Vec<BoardRow>, query: Query) -> impl IntoView {
    let grid = rules::nine_box(&rows);
    let missing: Vec<&BoardRow> =
        rows.iter().filter(|r| r.potential.is_none() || r.rating.is_none()).collect();
    let cells = grid
        .into_iter()
        .map(|(potential, cells)| {
            let row = cells
                .into_iter()
                .map(|(perf, people)| {
                    let label = format!("{} and {}: {}", potential.label(), perf.label().to_lowercase(), crate::ui::format::people_count(people.len() as i64));
                    view! {
                        <div class="ninebox__cell" role="group" aria-label=label>
                            <p class="ninebox__count">{people.len()}</p>
                            <ul class="plain-list">
                                {people.into_iter().map(|r| view! { <li><a href=person_href(&query, r.entry_id)>{r.name.clone()}</a></li> }).collect_view()}
                            </ul>
                        </div>
                    }
                })
                .collect_view();
            view! { <div class="ninebox__axis-label">{potential.label()}</div> {row} }
        })
        .collect_view();
    view! {
        <section class="stack" aria-labelledby="ninebox-heading">
            <h2 id="ninebox-heading">"Performance and potential"</h2>
            <p class="meta">"Performance is the calibrated rating (Exceptional and Strong high, Meets moderate, Developing and Below low); potential is recorded by each person's manager. Use it to talk about growth and succession, not to rank people."</p>
            <div class="ninebox">
                {cells}
                <div></div>
                {Performance::ALL.iter().rev().map(|p| view! { <div class="ninebox__axis-label ninebox__axis-label--x">{p.label()}</div> }).collect_view()}
            </div>
            {(!missing.is_empty()).then(|| view! {
                <details>
                    <summary>{format!("Not placed yet ({}): no potential recorded or no rating", missing.len())}</summary>
                    <ul class="plain-list">{missing.into_iter().map(|r| view! { <li><a href=person_href(&query, r.entry_id)>{r.name.clone()}</a></li> }).collect_view()}</ul>
                </details>
            })}
        </section>
    }
}

#[component]
fn PersonPanelView(
    panel: PersonPanel,
    session: SessionId,
    forms: PanelForms,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let PersonPanel {
        row,
        person,
        assessment,
        discussion,
        changes,
        appeals,
        can_edit,
        can_set_potential,
        can_resolve,
    } = panel;
    let (entry, version) = (row.entry_id, row.version);
    let errors = move || {
        [
            forms.change.value().get(),
            forms.discuss.value().get(),
            forms.potential.value().get(),
            forms.appeal.value().get(),
            forms.resolve.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(|r| r.err())
    };
    let field_error = move |name: &'static str| move || errors().and_then(|e| e.field_error(name));
    let hidden = move || {
        view! {
            <input type="hidden" name="id" value=session.to_string()/>
            <input type="hidden" name="entry" value=entry.to_string()/>
            <input type="hidden" name="version" value=version.to_string()/>
        }
    };
    let facts = view! {
        <dl class="facts">
            <dt>"Team"</dt><dd>{row.team.clone()}</dd>
            <dt>"Manager"</dt><dd>{row.manager.clone()}</dd>
            <dt>"Level"</dt><dd>{row.level.clone()}</dd>
            <dt>"Started"</dt><dd>{format!("{} ({})", crate::ui::format::date(row.hire_date), tenure(row.hire_date, today))}</dd>
            <dt>"Last cycle"</dt><dd>{row.last_rating.map(Rating::label).unwrap_or("No earlier rating")}</dd>
            <dt>"Preliminary"</dt><dd>{row.preliminary.map(Rating::label).unwrap_or("Not submitted yet")}</dd>
            <dt>"Calibrated"</dt><dd><strong>{rating_label(row.rating)}</strong></dd>
            <dt>"Potential"</dt><dd>{row.potential.map(Potential::label).unwrap_or("Not recorded")}</dd>
        </dl>
        {(!row.summary.is_empty()).then(|| view! { <p class="board-panel__summary"><span class="meta">"Evidence summary: "</span>{row.summary.clone()}</p> })}
    };
    let evidence = match assessment {
        Some(a) => view! {
            <details>
                <summary>"The manager's assessment (evidence)"</summary>
                <dl class="answers">
                    {crate::reviews::types::MANAGER_SECTIONS.iter().map(|s| s.1).zip(a.sections().map(str::to_string)).map(|(q, text)| view! { <dt>{q}</dt><dd class="prewrap">{text}</dd> }).collect_view()}
                </dl>
            </details>
        }
        .into_any(),
        None => view! { <p class="meta">"The manager's assessment is not visible to you."</p> }.into_any(),
    };
    let change_form = can_edit.then(|| view! {
        <ActionForm action=forms.change attr:class="stack">
            {hidden()}
            <fieldset class=move || format!("stack {}", field_class(field_error("rating")()))>
                <legend class="field__label" id="rating">"Change the calibrated rating"</legend>
                {move || view! { <FieldError message=field_error("rating")() id="rating-error".into()/> }}
                {Rating::ALL.iter().map(|r| {
                    let input = format!("rating-{}", r.as_str());
                    view! { <div class="choice"><input type="radio" id=input.clone() name="rating" value=r.as_str() checked=row.rating == Some(*r)/><label for=input>{r.label()}</label></div> }
                }).collect_view()}
            </fieldset>
            <div class=move || field_class(field_error("rationale")())>
                <label class="field__label" for="rationale">"Rationale"</label>
                <p class="field__hint" id="rationale-hint">"Why the room changed it, with the evidence. Kept in the history for the manager and HR."</p>
                {move || view! { <FieldError message=field_error("rationale")() id="rationale-error".into()/> }}
                <textarea id="rationale" name="rationale" rows="3" aria-describedby="rationale-hint"></textarea>
            </div>
            <button class="btn btn--primary" type="submit">"Save the change"</button>
        </ActionForm>
    });
    let discussed = match discussion {
        Some((by, at, note)) => view! { <p><span class="badge badge--ok">"Discussed"</span>" "{format!("{by}, {}: ", datetime_date(at))}{note}</p> }.into_any(),
        None if can_edit => view! {
            <ActionForm action=forms.discuss attr:class="stack">
                {hidden()}
                <div class=move || field_class(field_error("note")())>
                    <label class="field__label" for="note">"Mark discussed"</label>
                    <p class="field__hint" id="note-hint">"What the room concluded, in a sentence or two."</p>
                    {move || view! { <FieldError message=field_error("note")() id="note-error".into()/> }}
                    <textarea id="note" name="note" rows="2" aria-describedby="note-hint"></textarea>
                </div>
                <button class="btn btn--secondary" type="submit">"Mark discussed"</button>
            </ActionForm>
        }
        .into_any(),
        None => view! { <p class="meta">"Not discussed yet."</p> }.into_any(),
    };
    let potential_form = can_set_potential.then(|| view! {
        <ActionForm action=forms.potential attr:class="stack">
            {hidden()}
            <fieldset class="stack">
                <legend class="field__label">"Potential (for the 9-box)"</legend>
                {Potential::ALL.iter().map(|p| {
                    let input = format!("potential-{}", p.as_str());
                    view! { <div class="choice"><input type="radio" id=input.clone() name="potential" value=p.as_str() checked=row.potential == Some(*p)/><label for=input>{p.label()}<span class="field__hint">{" "}{p.hint()}</span></label></div> }
                }).collect_view()}
            </fieldset>
            <button class="btn btn--secondary" type="submit">"Save potential"</button>
        </ActionForm>
    });
    let history = if changes.is_empty() {
        view! { <p class="meta">"No changes: the rating is the manager's preliminary rating."</p> }
            .into_any()
    } else {
        view! {
            <ol class="timeline">
                {changes.into_iter().map(|c| {
                    let appeal_form = c.can_appeal.then(|| view! {
                        <details>
                            <summary>"Appeal this change"</summary>
                            <ActionForm action=forms.appeal attr:class="stack">
                                <input type="hidden" name="id" value=session.to_string()/>
                                <input type="hidden" name="entry" value=entry.to_string()/>
                                <input type="hidden" name="change" value=c.id.to_string()/>
                                <div class=move || field_class(field_error("reason")())>
                                    <label class="field__label" for=format!("reason-{}", c.id)>"Why you disagree"</label>
                                    {move || view! { <FieldError message=field_error("reason")() id="reason-error".into()/> }}
                                    <textarea id=format!("reason-{}", c.id) name="reason" rows="2"></textarea>
                                </div>
                                <button class="btn btn--secondary" type="submit">"Record the appeal"</button>
                            </ActionForm>
                        </details>
                    });
                    view! {
                        <li>
                            <p><strong>{format!("{} → {}", rating_label(c.from), c.to.label())}</strong>" "<span class="meta">{format!("by {}, {}", c.by, c.at.format("%-d %b %Y, %H:%M"))}</span></p>
                            <p class="prewrap">{c.rationale}</p>
                            {appeal_form}
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    let appeals_view = (!appeals.is_empty()).then(|| view! {
        <h3>"Appeals"</h3>
        <ul class="plain-list stack">
            {appeals.into_iter().map(|a| {
                let outcome = match (a.outcome, a.resolved_by.clone()) {
                    (Some(o), Some(by)) => view! { <p><span class="badge badge--ok">{o.label()}</span>{format!(" by {by}: ")}{a.resolution.clone()}</p> }.into_any(),
                    _ if can_resolve => view! {
                        <ActionForm action=forms.resolve attr:class="stack">
                            <input type="hidden" name="id" value=session.to_string()/>
                            <input type="hidden" name="appeal" value=a.id.to_string()/>
                            <fieldset class="stack">
                                <legend class="field__label">"Resolve the appeal"</legend>
                                <div class="choice"><input type="radio" id=format!("keep-{}", a.id) name="outcome" value="kept"/><label for=format!("keep-{}", a.id)>"Keep the change"</label></div>
                                <div class="choice"><input type="radio" id=format!("revert-{}", a.id) name="outcome" value="reverted"/><label for=format!("revert-{}", a.id)>"Revert to the earlier rating"</label></div>
                            </fieldset>
                            <div class=move || field_class(field_error("resolution")())>
                                <label class="field__label" for=format!("resolution-{}", a.id)>"Reason"</label>
                                {move || view! { <FieldError message=field_error("resolution")() id="resolution-error".into()/> }}
                                <textarea id=format!("resolution-{}", a.id) name="resolution" rows="2"></textarea>
                            </div>
                            <button class="btn btn--primary" type="submit">"Resolve"</button>
                        </ActionForm>
                    }
                    .into_any(),
                    _ => view! { <p><span class="badge badge--warn">"Waiting for the facilitator"</span></p> }.into_any(),
                };
                view! {
                    <li class="card card--muted">
                        <p><strong>{format!("{} appealed", a.by)}</strong>" "<span class="meta">{a.raised_at.format("%-d %b, %H:%M").to_string()}</span></p>
                        <p class="prewrap">{a.reason.clone()}</p>
                        {outcome}
                    </li>
                }
            }).collect_view()}
        </ul>
    });
    view! {
        <div class="stack">
            <h2 id="panel-heading" tabindex="-1">{person.name.clone()}</h2>
            <p class="meta">{person.title.clone()}" · "<a href=format!("/people/{}", person.id)>"Profile"</a>" · "<a href=format!("/reviews/{}", row.review_id)>"Review"</a></p>
            {move || errors().map(|e| view! { <ErrorSummary error=e/> })}
            {facts}
            {appeals_view}
            {evidence}
            {change_form}
            {discussed}
            {potential_form}
            <h3>"History"</h3>
            {history}
        </div>
    }
}
