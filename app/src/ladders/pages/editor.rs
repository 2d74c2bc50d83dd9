//! HR's draft editor: the ladder's TOML source, its lint, and publishing.

use super::*;

#[component]
pub fn DraftPage() -> impl IntoView {
    let slug = slug_param();
    let save = ServerAction::<SaveLadderDraft>::new();
    let publish = ServerAction::<PublishLadder>::new();
    let discard = ServerAction::<DiscardLadderDraft>::new();
    let draft = Resource::new(slug, get_ladder_draft);
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
    let saved = crate::ui::succeeded(save);
    let published = crate::ui::succeeded(publish);
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
