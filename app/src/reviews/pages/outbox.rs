//! HR's outbox: the messages Trellis queued, and whether they were sent.

use super::*;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let outbox = Resource::new(|| (), |_| get_outbox());
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/reviews">"Reviews"</a></nav>
        <PageHeader title="Outbox" lede="Reminders and notices Trellis sends people: launches, peer requests, deadlines, delivered reviews."/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match outbox.await {
                    Ok(page) => view! { <OutboxView page/> }.into_any(),
                    Err(e) => view! { <LoadError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OutboxView(page: OutboxPage) -> impl IntoView {
    let notice = if page.smtp_configured {
        view! { <p class="notice">"Email is sent by SMTP every half minute. Messages that keep failing show their last error."</p> }.into_any()
    } else {
        view! { <div class="notice notice--warn"><p>"Email is not configured, so these messages are not sent. Set TRELLIS_SMTP_URL and TRELLIS_MAIL_FROM to send them (see the configuration docs)."</p></div> }.into_any()
    };
    view! {
        {notice}
        {if page.messages.is_empty() {
            view! { <EmptyState title="No messages yet"><p>"Launching a review cycle queues a message to everyone taking part."</p></EmptyState> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Messages">
                    <table class="data-table">
                        <caption class="visually-hidden">"The newest 200 messages"</caption>
                        <thead><tr><th scope="col">"Queued"</th><th scope="col">"To"</th><th scope="col">"Subject"</th><th scope="col">"Status"</th></tr></thead>
                        <tbody>
                            {page.messages.into_iter().map(|m| view! {
                                <tr>
                                    <td class="nowrap">{m.created_at.format("%-d %b %H:%M").to_string()}</td>
                                    <td>{m.to}</td>
                                    <td><details><summary>{m.subject}</summary><p class="prewrap">{m.body}</p></details></td>
                                    <td>{match (m.sent_at, m.last_error) {
                                        (Some(at), _) => view! { <span class="badge badge--ok">{format!("Sent {}", at.format("%-d %b %H:%M"))}</span> }.into_any(),
                                        (None, Some(e)) => view! { <span class="badge badge--danger">{format!("Failed {} times: {e}", m.attempts)}</span> }.into_any(),
                                        (None, None) => view! { <span class="badge">"Waiting"</span> }.into_any(),
                                    }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
