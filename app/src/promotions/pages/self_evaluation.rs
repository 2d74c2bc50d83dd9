//! Self-evaluations.

use super::*;

#[component]
pub fn MySelfEvaluationPage() -> impl IntoView {
    view! { <SelfEvaluationLoader id=None/> }
}

#[component]
pub fn SelfEvaluationPage() -> impl IntoView {
    let id = id_param();
    view! { {move || view! { <SelfEvaluationLoader id=id()/> }} }
}

#[component]
fn SelfEvaluationLoader(id: Option<SelfEvaluationId>) -> impl IntoView {
    let save = ServerAction::<SaveSelfEvaluation>::new();
    let comment = ServerAction::<CommentOnSelfEvaluation>::new();
    let evaluation = Resource::new(move || id, get_self_evaluation);
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol><li><a href="/promotions">"Promotions"</a></li><li aria-current="page">"Self-evaluation"</li></ol>
        </nav>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match evaluation.await {
                    Ok(Some(e)) => view! { <SelfEvaluationView evaluation=e save comment/> }.into_any(),
                    Ok(None) => view! {
                        <PageHeader title="Self-evaluation"/>
                        <EmptyState title="No next level to check against">
                            <p>"Either you are at the top of your track, or your function has no published ladder yet. Read the "<a href="/ladders">"career ladders"</a>" and talk to your manager about growth."</p>
                        </EmptyState>
                    }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SelfEvaluationView(
    evaluation: SelfEvaluation,
    save: ServerAction<SaveSelfEvaluation>,
    comment: ServerAction<CommentOnSelfEvaluation>,
) -> impl IntoView {
    let e = evaluation.clone();
    let error = move || save.value().get().and_then(|r| r.err());
    let comment_error = move || comment.value().get().and_then(|r| r.err());
    let saved = crate::ui::succeeded(save);
    let title = if e.is_mine {
        format!("Your self-evaluation against {}", e.target.label())
    } else {
        format!("{}'s self-evaluation against {}", e.person.name, e.target.label())
    };
    let lede = format!(
        "{} on the {} ladder, version {}. For each criterion: what you did, and where to see it.",
        e.target_title, e.ladder_slug, e.ladder_version
    );
    let shared = e.shared_at.map(|at| format!("Shared with the manager on {}.", datetime_date(at)));
    let comments_open = e.shared_at.is_some() && (e.is_mine || e.can_comment);
    view! {
        <PageHeader title=title lede=lede/>
        <p class="meta" role="status">{shared.unwrap_or_else(|| if e.is_mine { "Private: only you can see this until you share it with your manager.".into() } else { String::new() })}</p>
        {move || saved().then(|| view! { <div class="notice notice--success" role="status"><p>"Saved."</p></div> })}
        <div class="two-col">
            <div class="stack">
                {if e.is_mine {
                    view! {
                        {move || error().map(|e| view! { <ErrorSummary error=e/> })}
                        <ActionForm action=save>
                            <input type="hidden" name="version" value=e.version.to_string()/>
                            {e.items.iter().map(|item| {
                                let (eid, lid) = (format!("evidence-{}", item.index), format!("links-{}", item.index));
                                view! {
                                    <fieldset class="card stack">
                                        <legend class="criterion__text">{format!("{}: {}", item.criterion.dimension.label(), item.criterion.text)}</legend>
                                        <div class="field">
                                            <label class="field__label" for=eid.clone()>"What you did"</label>
                                            <textarea id=eid name=format!("evidence[{}]", item.index) rows="3">{item.evidence.clone()}</textarea>
                                        </div>
                                        <div class="field">
                                            <label class="field__label" for=lid.clone()>"Links (one per line)"</label>
                                            <textarea id=lid name=format!("links[{}]", item.index) rows="2">{item.links.clone()}</textarea>
                                        </div>
                                    </fieldset>
                                }
                            }).collect_view()}
                            {e.shared_at.is_none().then(|| view! {
                                <div class="field">
                                    <label class="choice"><input type="checkbox" name="share" value="true"/>" Share it with my manager (they can then read it and comment)"</label>
                                </div>
                            })}
                            <div class="form-actions">
                                <button class="btn btn--primary" type="submit">"Save"</button>
                            </div>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! {
                        <ol class="criteria-list">
                            {e.items.iter().cloned().map(|item| view! {
                                <li>
                                    <p class="criterion__text">{format!("{}: {}", item.criterion.dimension.label(), item.criterion.text)}</p>
                                    <p class="prewrap">{if item.evidence.is_empty() { "Nothing yet.".to_string() } else { item.evidence }}</p>
                                    {(!item.links.is_empty()).then(|| view! { <p class="prewrap meta">{item.links.clone()}</p> })}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </div>
            <aside class="stack" aria-label="Conversation">
                <section class="card" aria-labelledby="comments-heading">
                    <h2 class="card__title" id="comments-heading">"Conversation with the manager"</h2>
                    {if e.comments.is_empty() {
                        view! { <p class="muted">"No comments yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list stack">
                                {e.comments.iter().cloned().map(|c| view! {
                                    <li><span class="meta">{format!("{} · {}", c.author, datetime_date(c.at))}</span><p class="prewrap">{c.body}</p></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    {comments_open.then(|| e.id.map(|id| view! {
                        {move || comment_error().map(|e| view! { <ErrorSummary error=e/> })}
                        <ActionForm action=comment>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <div class="field">
                                <label class="field__label" for="comment-body">"Add a comment"</label>
                                <textarea id="comment-body" name="body" rows="3"></textarea>
                            </div>
                            <div class="form-actions"><button class="btn btn--secondary" type="submit">"Comment"</button></div>
                        </ActionForm>
                    }))}
                </section>
            </aside>
        </div>
    }
}
