//! A packet.

use super::*;
use crate::ui::keep_typed::KeepTyped;

#[component]
pub fn PacketPage() -> impl IntoView {
    let id = id_param();
    let save = ServerAction::<SavePacket>::new();
    let advance = ServerAction::<AdvancePacket>::new();
    let endorse = ServerAction::<RequestEndorsements>::new();
    let panel = ServerAction::<SetPanel>::new();
    let packet = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_packet(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol><li><a href="/promotions">"Promotions"</a></li><li aria-current="page">"Packet"</li></ol>
        </nav>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match packet.await {
                    Ok(PacketView::Full(p)) => view! { <PacketFull packet=*p save advance endorse panel/> }.into_any(),
                    Ok(PacketView::StatusOnly { target, target_title, status, events, .. }) => view! {
                        <PageHeader title=format!("Your promotion to {}", target.label()) lede=target_title/>
                        <Stepper status/>
                        <p>"Your manager has proposed you for the next level. You will see the packet and the outcome once it is decided; until then, here is where it stands."</p>
                        <Timeline events/>
                    }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Draft → calibration → decision → effective, with the current step marked.
#[component]
fn Stepper(status: PacketStatus) -> impl IntoView {
    let steps = [
        ("Draft", PacketStatus::Draft),
        ("Promotion calibration", PacketStatus::Submitted),
        ("Skip-level decision", PacketStatus::Calibrated),
        ("Decided", PacketStatus::Approved),
    ];
    let position = match status {
        PacketStatus::Draft => 0,
        PacketStatus::Submitted => 1,
        PacketStatus::Calibrated => 2,
        PacketStatus::Approved | PacketStatus::Declined => 3,
    };
    view! {
        <ol class="stepper" aria-label="Where the packet is">
            {steps.into_iter().enumerate().map(|(i, (label, _))| {
                let (class, current) = match i.cmp(&position) {
                    std::cmp::Ordering::Less => ("stepper__step stepper__step--done", None),
                    std::cmp::Ordering::Equal => ("stepper__step stepper__step--current", Some("step")),
                    std::cmp::Ordering::Greater => ("stepper__step", None),
                };
                let label = if i == 3 && status == PacketStatus::Declined { "Not approved" } else if i == 3 && status == PacketStatus::Approved { "Approved" } else { label };
                view! { <li class=class aria-current=current>{label}</li> }
            }).collect_view()}
        </ol>
    }
}

#[component]
fn Timeline(events: Vec<PacketEvent>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 class="card__title" id="timeline-heading">"Timeline"</h2>
            <ol class="timeline">
                {events.into_iter().map(|e| view! {
                    <li>
                        <span class="meta">{datetime_date(e.at)}{e.actor.map(|a| format!(" · {a}"))}</span>
                        <br/>
                        <strong>{e.status.label()}</strong>
                        {(!e.note.is_empty()).then(|| view! { ": "{e.note.clone()} })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn PacketFull(
    packet: Packet,
    save: ServerAction<SavePacket>,
    advance: ServerAction<AdvancePacket>,
    endorse: ServerAction<RequestEndorsements>,
    panel: ServerAction<SetPanel>,
) -> impl IntoView {
    let p = packet.clone();
    let title = format!("{}: promotion to {}", p.person.name, p.target.label());
    let lede = format!(
        "{} → {} ({}), against version {} of the {} ladder. Opened by {}.",
        p.from.label(),
        p.target.label(),
        p.target_title,
        p.ladder_version,
        p.ladder_slug,
        p.opened_by.name
    );
    let outcome = p.status.is_decided().then(|| {
        let text = match (p.status, p.effective_on) {
            (PacketStatus::Approved, Some(on)) => format!(
                "Approved by {}: {} from {}.{}",
                p.decided_by.clone().unwrap_or_default(),
                p.target.label(),
                date(on),
                if p.applied { " The new level is in effect." } else { " The level changes on that date." }
            ),
            _ => format!("Not approved{}.", p.decided_by.clone().map(|d| format!(" ({d})")).unwrap_or_default()),
        };
        view! {
            <div class=if p.status == PacketStatus::Approved { "notice notice--success" } else { "notice" } role="status">
                <p><strong>{text}</strong></p>
                {p.decision_reason.clone().map(|r| view! { <p>{r}</p> })}
            </div>
        }
    });
    view! {
        <PageHeader title=title lede=lede/>
        <Stepper status=p.status/>
        {outcome}
        {(!p.warnings.is_empty()).then(|| view! {
            <div class="notice notice--warn" role="note">
                <p><strong>"Before this goes further"</strong></p>
                <ul>{p.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
            </div>
        })}
        // Every form of the packet is a plain form: what was typed comes back when the server
        // refuses one (`KeepTyped`), and the page opens at its error summary.
        <KeepTyped key=format!("packet-{}", p.id)>
        <div class="two-col">
            <div class="stack">
                {if p.can.edit {
                    view! { <PacketEditor packet=p.clone() save/> }.into_any()
                } else {
                    view! { <PacketReadOnly packet=p.clone()/> }.into_any()
                }}
                <EndorsementsCard packet=p.clone() endorse/>
            </div>
            <aside class="stack" aria-label="Checks and next steps">
                <section class="card" aria-labelledby="checks-heading">
                    <h2 class="card__title" id="checks-heading">"Promotion criteria"</h2>
                    <ul class="checklist">
                        {p.checks.iter().map(|c| {
                            let (class, word) = match c.state {
                                CheckState::Met => ("checklist__item checklist__item--met", "Met"),
                                CheckState::NotYet => ("checklist__item", "Not yet"),
                                CheckState::Failed => ("checklist__item checklist__item--failed", "Not met"),
                            };
                            view! {
                                <li class=class>
                                    <span class="visually-hidden">{format!("{word}: ")}</span>
                                    <strong>{c.label.clone()}</strong>
                                    <br/><span class="meta">{c.detail.clone()}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
                <NextStepCard packet=p.clone() advance panel/>
                <Timeline events=p.events.clone()/>
            </aside>
        </div>
        </KeepTyped>
    }
}

#[component]
fn PacketReadOnly(packet: Packet) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="case-heading">
            <h2 class="card__title" id="case-heading">"The case"</h2>
            <h3>"Evidence summary"</h3>
            <p class="prewrap">{if packet.evidence_summary.is_empty() { "Not written yet.".to_string() } else { packet.evidence_summary.clone() }}</p>
            <h3>"Business case"</h3>
            <p class="prewrap">{if packet.business_case.is_empty() { "Not written yet.".to_string() } else { packet.business_case.clone() }}</p>
            <p class="meta">{packet.performing_since.map(|d| format!("Performing at the target level since {}.", date(d)))}</p>
        </section>
        <section class="card" aria-labelledby="evidence-heading">
            <h2 class="card__title" id="evidence-heading">{format!("Evidence against {}", packet.target.label())}</h2>
            <ol class="criteria-list">
                {packet.evidence.into_iter().map(|e| view! {
                    <li>
                        <p class="criterion__text">{format!("{}: {}", e.criterion.dimension.label(), e.criterion.text)}</p>
                        {if e.evidence.is_empty() {
                            view! { <p class="status--warn">"No evidence."</p> }.into_any()
                        } else {
                            view! { <p class="prewrap">{e.evidence}</p> }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn PacketEditor(packet: Packet, save: ServerAction<SavePacket>) -> impl IntoView {
    let error = move || save.value().get().and_then(|r| r.err());
    let saved = crate::ui::succeeded(save);
    let field = move |name: &'static str| move || error().and_then(|e| e.field_error(name));
    let field_class = move |name: &'static str| {
        move || if field(name)().is_some() { "field field--error" } else { "field" }
    };
    view! {
        <section class="card" aria-labelledby="case-heading">
            <h2 class="card__title" id="case-heading">"Build the case"</h2>
            <p>"Map evidence to every criterion of the target level. Argue from performance at the next level, never from time served."</p>
            {move || error().map(|e| view! { <ErrorSummary error=e/> })}
            {move || saved().then(|| view! { <div class="notice notice--success" role="status"><p>"Saved."</p></div> })}
            <ActionForm action=save>
                <input type="hidden" name="id" value=packet.id.to_string()/>
                <input type="hidden" name="version" value=packet.version.to_string()/>
                <div class=field_class("evidence_summary")>
                    <label class="field__label" for="evidence_summary">"Evidence summary"</label>
                    <FieldError message=field("evidence_summary")() id="evidence_summary-error".into()/>
                    <textarea id="evidence_summary" name="evidence_summary" rows="5">{packet.evidence_summary.clone()}</textarea>
                </div>
                <div class=field_class("business_case")>
                    <label class="field__label" for="business_case">"Business case"</label>
                    <p class="field__hint" id="business_case-hint">"Why the role needs this level of scope now."</p>
                    <FieldError message=field("business_case")() id="business_case-error".into()/>
                    <textarea id="business_case" name="business_case" rows="4" aria-describedby="business_case-hint">{packet.business_case.clone()}</textarea>
                </div>
                <div class=field_class("performing_since")>
                    <label class="field__label" for="performing_since">"Performing at the target level since"</label>
                    <p class="field__hint" id="performing_since-hint">"A full review cycle (six months) at the next level is one of the criteria."</p>
                    <FieldError message=field("performing_since")() id="performing_since-error".into()/>
                    <input id="performing_since" name="performing_since" type="date" class="input--short" aria-describedby="performing_since-hint"
                        value=packet.performing_since.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()/>
                </div>
                <fieldset class="stack">
                    <legend class="field__label">{format!("Evidence for each criterion of {}", packet.target.label())}</legend>
                    {packet.evidence.iter().map(|e| {
                        let id = format!("evidence-{}", e.index);
                        view! {
                            <div class="field">
                                <label class="field__label" for=id.clone()>{format!("{}: {}", e.criterion.dimension.label(), e.criterion.text)}</label>
                                <textarea id=id name=format!("evidence[{}]", e.index) rows="3">{e.evidence.clone()}</textarea>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="form-actions"><button class="btn btn--secondary" type="submit">"Save the draft"</button></div>
            </ActionForm>
        </section>
    }
}

#[component]
fn EndorsementsCard(packet: Packet, endorse: ServerAction<RequestEndorsements>) -> impl IntoView {
    let error = move || endorse.value().get().and_then(|r| r.err());
    let can_request = packet.can.request_endorsements;
    view! {
        <section class="card" aria-labelledby="endorsements-heading">
            <h2 class="card__title" id="endorsements-heading">"Peer endorsements"</h2>
            {if packet.endorsements.is_empty() {
                view! { <p class="muted">"None requested yet. Ask at least two colleagues who have seen the work at the next level."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list stack">
                        {packet.endorsements.iter().cloned().map(|e| view! {
                            <li class="endorsement">
                                <PersonChip person=e.endorser/>
                                {match e.status {
                                    EndorsementStatus::Requested => view! { <p class="meta">"Asked, not written yet."</p> }.into_any(),
                                    EndorsementStatus::Written => view! { <p class="prewrap">{e.body}</p> }.into_any(),
                                    EndorsementStatus::Declined => view! { <p class="meta">{format!("Declined: {}", e.body)}</p> }.into_any(),
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {can_request.then(|| view! {
                {move || error().map(|e| view! { <ErrorSummary error=e/> })}
                <ActionForm action=endorse>
                    <input type="hidden" name="id" value=packet.id.to_string()/>
                    <div class=move || if error().and_then(|e| e.field_error("emails")).is_some() { "field field--error" } else { "field" }>
                        <label class="field__label" for="emails">"Ask colleagues (names or work emails, separated by commas)"</label>
                        <SuggestedPeople id="emails-hint" intro="People who work with them:" people=packet.suggested_endorsers.clone()/>
                        <crate::ui::person_picker::PersonField field="emails" multiple=true described_by="emails-hint"/>
                    </div>
                    <div class="form-actions"><button class="btn btn--secondary" type="submit">"Request endorsements"</button></div>
                </ActionForm>
            })}
        </section>
    }
}

/// What the viewer can do next: submit, set the panel, record the calibration, decide.
#[component]
fn NextStepCard(
    packet: Packet,
    advance: ServerAction<AdvancePacket>,
    panel: ServerAction<SetPanel>,
) -> impl IntoView {
    let error = move || advance.value().get().and_then(|r| r.err());
    let panel_error = move || panel.value().get().and_then(|r| r.err());
    let notes_error = move || error().and_then(|e| e.field_error("notes"));
    let without_error = move || error().and_then(|e| e.field_error("without_endorsements"));
    let waiting_endorsements =
        packet.endorsements.iter().filter(|e| e.status == EndorsementStatus::Requested).count();
    let date_error = move || error().and_then(|e| e.field_error("effective_on"));
    let (id, version) = (packet.id, packet.version);
    let panel_names = packet.panel.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
    let calibration = packet.calibration_outcome.map(|supported| view! {
        <p><strong>{if supported { "Calibration: supported." } else { "Calibration: not supported." }}</strong></p>
        {packet.calibration_notes.clone().map(|n| view! { <p class="prewrap">{n}</p> })}
    });
    let any = packet.can.edit || packet.can.set_panel || packet.can.calibrate || packet.can.decide;
    view! {
        <section class="card" aria-labelledby="next-heading">
            <h2 class="card__title" id="next-heading">"Calibration and decision"</h2>
            <p class="meta">{if panel_names.is_empty() { "No calibration panel yet.".to_string() } else { format!("Panel: {panel_names}.") }}</p>
            {calibration}
            {move || error().map(|e| view! { <ErrorSummary error=e/> })}
            {packet.can.edit.then(|| view! {
                <ActionForm action=advance>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="version" value=version.to_string()/>
                    <input type="hidden" name="step" value="submit"/>
                    <p>"Submitting sends the packet to a promotion calibration with peers at the target level. Save your changes first."</p>
                    <div class="form-actions"><button class="btn btn--primary" type="submit">"Submit for calibration"</button></div>
                </ActionForm>
            })}
            {packet.can.set_panel.then(|| view! {
                {move || panel_error().map(|e| view! { <ErrorSummary error=e/> })}
                <ActionForm action=panel>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label class="field__label" for="panel">"Calibration panel (names or work emails)"</label>
                        <p class="field__hint">{format!("Peers at {} or above, not the person's manager.", packet.target.label())}</p>
                        <SuggestedPeople id="panel-hint" intro="Suggested:" people=packet.suggested_panel.clone()/>
                        <crate::ui::person_picker::PersonField field="panel" multiple=true described_by="panel-hint"/>
                    </div>
                    <div class="form-actions"><button class="btn btn--secondary" type="submit">"Set the panel"</button></div>
                </ActionForm>
            })}
            {packet.can.calibrate.then(|| view! {
                <ActionForm action=advance>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="version" value=version.to_string()/>
                    <fieldset class="field">
                        <legend class="field__label">"Outcome of the promotion calibration"</legend>
                        <label class="choice"><input type="radio" name="step" value="supported" checked=true/>" Supported"</label>
                        <label class="choice"><input type="radio" name="step" value="not_supported"/>" Not supported"</label>
                    </fieldset>
                    <div class=move || if notes_error().is_some() { "field field--error" } else { "field" }>
                        <label class="field__label" for="notes">"What the panel discussed and concluded"</label>
                        <FieldError message=notes_error() id="notes-error".into()/>
                        <textarea id="notes" name="notes" rows="4"></textarea>
                    </div>
                    {(waiting_endorsements > 0).then(|| view! {
                        <div class=move || if without_error().is_some() { "field field--error" } else { "field" }>
                            <label class="field__label" for="without_endorsements">{format!(
                                "{} not written yet: why go ahead without {}?",
                                if waiting_endorsements == 1 { "1 endorsement is".to_string() } else { format!("{waiting_endorsements} endorsements are") },
                                if waiting_endorsements == 1 { "it" } else { "them" }
                            )}</label>
                            <p class="field__hint" id="without-hint">"Only if the calibration cannot wait: the reason is kept in the packet's history."</p>
                            <FieldError message=without_error() id="without_endorsements-error".into()/>
                            <textarea id="without_endorsements" name="without_endorsements" rows="2" aria-describedby="without-hint"></textarea>
                        </div>
                    })}
                    <div class="form-actions"><button class="btn btn--primary" type="submit">"Record the outcome"</button></div>
                </ActionForm>
            })}
            {packet.can.decide.then(|| view! {
                <ActionForm action=advance>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="version" value=version.to_string()/>
                    <fieldset class="field">
                        <legend class="field__label">"Your decision"</legend>
                        <label class="choice"><input type="radio" name="step" value="approve" checked=true/>" Approve"</label>
                        <label class="choice"><input type="radio" name="step" value="decline"/>" Decline"</label>
                    </fieldset>
                    <div class=move || if date_error().is_some() { "field field--error" } else { "field" }>
                        <label class="field__label" for="effective_on">"Effective from (when approving)"</label>
                        <FieldError message=date_error() id="effective_on-error".into()/>
                        <input id="effective_on" name="effective_on" type="date" class="input--short" value=packet.today.format("%Y-%m-%d").to_string()/>
                    </div>
                    <div class=move || if notes_error().is_some() { "field field--error" } else { "field" }>
                        <label class="field__label" for="decision-notes">"Reason (the person will read it)"</label>
                        <textarea id="decision-notes" name="notes" rows="3"></textarea>
                    </div>
                    <div class="choice choice--long">
                        <input type="checkbox" id="confirm-decision" name="confirm" value="yes" required/>
                        <label for="confirm-decision">"A decision is final and the person is told at once: approving moves them to the proposed level from the date above. It cannot be undone."</label>
                    </div>
                    <div class="form-actions"><button class="btn btn--primary" type="submit">"Record the decision"</button></div>
                </ActionForm>
            })}
            {(!any && !packet.status.is_decided()).then(|| view! { <p class="muted">"Nothing for you to do at this step."</p> })}
        </section>
    }
}

/// A hint listing people (name and email) a form could name.
#[component]
fn SuggestedPeople(
    id: &'static str,
    intro: &'static str,
    people: Vec<crate::org::types::PersonSummary>,
) -> impl IntoView {
    view! {
        <div class="field__hint" id=id>
            {(!people.is_empty()).then(|| view! {
                <p>{intro}</p>
                <ul class="suggested">
                    {people.into_iter().map(|p| view! { <li>{p.name}" · "<span class="suggested__email">{p.email}</span>" · "{p.title}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}
