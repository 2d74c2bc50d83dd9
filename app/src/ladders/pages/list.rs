//! The list of ladders, with the signed-in person's path first.

use super::*;

#[component]
pub fn LaddersPage() -> impl IntoView {
    let import = ServerAction::<ImportLadder>::new();
    let index = Resource::new(|| (), |_| get_ladders());
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
            // The index shows the start of each description; the ladder's page has it all.
            <p class="ladder-card__description">{ladder.description.clone()}</p>
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
                    <p class="field__hint" id="source-hint">"Export any ladder to see the format: the same TOML file you import (Trellis's docs/ladders-and-promotions.md describes every field)."</p>
                    {move || field_errors().into_iter().map(|f| view! { <p class="field__error"><span class="visually-hidden">"Error: "</span>{f.message}</p> }).collect_view()}
                    <textarea id="source" name="source" class="code-input" rows="10" spellcheck="false" aria-describedby="source-hint"></textarea>
                </div>
                <div class="form-actions"><button class="btn btn--secondary" type="submit">"Import as draft"</button></div>
            </ActionForm>
        </section>
    }
}
