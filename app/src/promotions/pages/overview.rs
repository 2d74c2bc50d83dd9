//! The overview.

use super::*;

#[component]
pub fn PromotionsPage() -> impl IntoView {
    let open = ServerAction::<OpenPacket>::new();
    let home = Resource::new(|| (), |_| get_promotions_home());
    view! {
        <PageHeader title="Promotions" lede="Promotions follow the ladder: evidence against each criterion of the next level, endorsements from colleagues, a calibration with peers at that level, and the skip-level's decision."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(h) => view! { <PromotionsHomeView home=h open/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PacketTable(#[prop(into)] caption: String, packets: Vec<PacketSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption.clone()>
            <table class="data-table">
                <caption class="visually-hidden">{caption.clone()}</caption>
                <thead><tr><th scope="col">"Person"</th><th scope="col">"Proposed"</th><th scope="col">"Status"</th><th scope="col">"Last change"</th></tr></thead>
                <tbody>
                    {packets.into_iter().map(|p| view! {
                        <tr>
                            <td><PersonChip person=p.person/></td>
                            <td><a href=format!("/promotions/packets/{}", p.id)>{format!("{} → {}", p.from.code(), p.target.label())}</a></td>
                            <td>{status_badge(p.status)}</td>
                            <td class="nowrap">{p.updated_at.format("%-d %b %Y").to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn PromotionsHomeView(home: PromotionsHome, open: ServerAction<OpenPacket>) -> impl IntoView {
    let open_error = move || open.value().get().and_then(|r| r.err());
    let mine = home.mine.clone();
    let asked = home.endorsements_asked.clone();
    let openable: Vec<_> = home.reports.iter().filter(|(_, _, t)| t.is_some()).cloned().collect();
    view! {
        <div class="two-col">
            <div class="stack">
                {(!home.to_decide.is_empty()).then(|| view! {
                    <section class="stack" aria-labelledby="decide-heading">
                        <h2 id="decide-heading">"Waiting for your decision"</h2>
                        <PacketTable caption="Packets waiting for your decision" packets=home.to_decide.clone()/>
                    </section>
                })}
                {(!home.to_calibrate.is_empty()).then(|| view! {
                    <section class="stack" aria-labelledby="calibrate-heading">
                        <h2 id="calibrate-heading">"Promotion calibrations you sit on"</h2>
                        <PacketTable caption="Packets for your promotion calibration" packets=home.to_calibrate.clone()/>
                    </section>
                })}
                {(!home.team.is_empty()).then(|| view! {
                    <section class="stack" aria-labelledby="team-heading">
                        <h2 id="team-heading">"Your organisation's packets"</h2>
                        <PacketTable caption="Packets for people in your organisation" packets=home.team.clone()/>
                    </section>
                })}
                {home.all.clone().map(|all| view! {
                    <section class="stack" aria-labelledby="all-heading">
                        <h2 id="all-heading">"Every packet (HR)"</h2>
                        {if all.is_empty() {
                            view! { <p class="muted">"No promotion packets yet."</p> }.into_any()
                        } else {
                            view! { <PacketTable caption="Every promotion packet" packets=all/> }.into_any()
                        }}
                    </section>
                })}
                {(!openable.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="open-heading">
                        <h2 class="card__title" id="open-heading">"Propose a promotion"</h2>
                        <p>"Open a packet for one of your reports. It starts as a draft only you can edit; the person sees its status once you submit it."</p>
                        {move || open_error().map(|e| view! { <ErrorSummary error=e/> })}
                        <ActionForm action=open>
                            <div class="field">
                                <label class="field__label" for="person_id">"Report and proposed level"</label>
                                <select id="person_id" name="person_id">
                                    {openable.iter().map(|(p, l, t)| view! {
                                        <option value=p.id.to_string()>{format!("{} ({} → {})", p.name, l.code(), t.map(|t| t.label()).unwrap_or_default())}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <p class="field__hint">"The packet proposes the next level on the person's own track."</p>
                            <div class="form-actions"><button class="btn btn--primary" type="submit">"Open a packet"</button></div>
                        </ActionForm>
                    </section>
                })}
            </div>
            <aside class="stack" aria-label="Your promotion">
                <section class="card" aria-labelledby="mine-heading">
                    <h2 class="card__title" id="mine-heading">"Your promotion"</h2>
                    {if mine.is_empty() {
                        view! {
                            <p>"No packet is open for you. Promotions start from the ladder: check yourself against your next level and share it with your manager."</p>
                        }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list stack stack--tight">
                                {mine.into_iter().map(|p| view! {
                                    <li><a href=format!("/promotions/packets/{}", p.id)>{p.target.label()}</a>" "{status_badge(p.status)}</li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <p><a class="btn btn--secondary btn--small" href="/promotions/self-evaluation">"Your self-evaluation"</a></p>
                </section>
                {(!asked.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="asked-heading">
                        <h2 class="card__title" id="asked-heading">"Endorsements asked of you"</h2>
                        <ul class="plain-list stack stack--tight">
                            {asked.into_iter().map(|(id, person, target, status)| view! {
                                <li>
                                    <a href=format!("/promotions/endorsements/{id}")>{format!("{} for {}", person.name, target.label())}</a>" "
                                    {match status {
                                        EndorsementStatus::Requested => view! { <span class="badge badge--warn">"To write"</span> }.into_any(),
                                        EndorsementStatus::Written => view! { <span class="badge badge--ok">"Written"</span> }.into_any(),
                                        EndorsementStatus::Declined => view! { <span class="badge badge--muted">"Declined"</span> }.into_any(),
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                {(!home.shared_with_me.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="shared-heading">
                        <h2 class="card__title" id="shared-heading">"Self-evaluations shared with you"</h2>
                        <ul class="plain-list stack stack--tight">
                            {home.shared_with_me.clone().into_iter().map(|(id, person, target)| view! {
                                <li><a href=format!("/promotions/self-evaluations/{id}")>{format!("{} against {}", person.name, target.label())}</a></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </aside>
        </div>
    }
}
