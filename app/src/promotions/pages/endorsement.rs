//! An endorsement request.

use super::*;

#[component]
pub fn EndorsementPage() -> impl IntoView {
    let id = id_param();
    let answer = ServerAction::<AnswerEndorsement>::new();
    let request = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_endorsement(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol><li><a href="/promotions">"Promotions"</a></li><li aria-current="page">"Endorsement"</li></ol>
        </nav>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match request.await {
                    Ok(r) => view! { <EndorsementView request=r answer/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EndorsementView(
    request: EndorsementRequest,
    answer: ServerAction<AnswerEndorsement>,
) -> impl IntoView {
    let error = move || answer.value().get().and_then(|r| r.err());
    let body_error = move || error().and_then(|e| e.field_error("body"));
    let done = match request.status {
        EndorsementStatus::Requested => None,
        EndorsementStatus::Written => Some(
            "You wrote this endorsement. You can still change it until the promotion calibration.",
        ),
        EndorsementStatus::Declined => Some(
            "You declined. You can still write an endorsement until the promotion calibration.",
        ),
    };
    view! {
        <PageHeader title=format!("Endorse {} for {}", request.person.name, request.target.label())
            lede=format!("{} asked you. Say what you have seen {} do, against the criteria of {} ({}). Your endorsement is read by the manager chain, HR and the calibration panel.", request.asked_by.name, request.person.name, request.target.label(), request.target_title)/>
        {done.map(|d| view! { <div class="notice" role="status"><p>{d}</p></div> })}
        <div class="two-col">
            <div class="stack">
                {if request.closed {
                    view! { <p class="notice">"The promotion calibration has happened: endorsements are closed."</p> }.into_any()
                } else {
                    view! {
                        {move || error().map(|e| view! { <ErrorSummary error=e/> })}
                        <ActionForm action=answer>
                            <input type="hidden" name="id" value=request.id.to_string()/>
                            <div class=move || if body_error().is_some() { "field field--error" } else { "field" }>
                                <label class="field__label" for="body">"Your endorsement"</label>
                                <p class="field__hint" id="body-hint">"Concrete examples: the situation, what they did, the impact. Or, to decline, why."</p>
                                <FieldError message=body_error() id="body-error".into()/>
                                <textarea id="body" name="body" rows="8" aria-describedby="body-hint">{request.body.clone()}</textarea>
                            </div>
                            // One submit button: a form's submitter is not part of its data
                            // everywhere, a radio choice is.
                            <fieldset class="field">
                                <legend class="field__label">"Your answer"</legend>
                                <label class="choice"><input type="radio" name="answer" value="write" checked=true/>" I endorse this promotion"</label>
                                <label class="choice"><input type="radio" name="answer" value="decline"/>" I decline to endorse (say why above)"</label>
                            </fieldset>
                            <div class="form-actions">
                                <button class="btn btn--primary" type="submit">"Send my answer"</button>
                            </div>
                        </ActionForm>
                    }.into_any()
                }}
            </div>
            <aside class="card" aria-labelledby="criteria-heading">
                <h2 class="card__title" id="criteria-heading">{format!("What {} expects", request.target.code())}</h2>
                <ul class="criteria-list">
                    {request.criteria.iter().map(|c| view! { <li>{format!("{}: {}", c.dimension.label(), c.text)}</li> }).collect_view()}
                </ul>
                <p><a href=format!("/ladders/{}/levels/{}", request.ladder_slug, request.target.code())>"Read the level on the ladder"</a></p>
            </aside>
        </div>
    }
}
