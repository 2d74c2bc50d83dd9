//! One level, in full.

use super::*;

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
    let steps = crate::ladders::rules::next_steps(&view.ladder, level.level);
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
    // What the level asks is the same for every reader of this version: rendered once.
    let criteria = rendered(
        format!("ladder-level/{}/{}", view.version.render_key(), level.code()),
        || {
            Dimension::ALL.into_iter().map(|d| {
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
        }).collect_view()
        },
    );
    view! {
        <LadderCrumbs slug=slug.clone() name=view.ladder.name.clone() pinned current=level.level.label()/>
        <PageHeader title=format!("{} · {}", level.level.label(), level.title) lede=format!("{} ladder, {}", view.ladder.name, level.level.track.label().to_lowercase() + " track")/>
        <VersionBar view=view.clone()/>
        {mine.then(|| view! { <p><span class="badge badge--accent">"Your level"</span></p> })}
        <div class="two-col">
            <div class="stack" inner_html=criteria></div>
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
