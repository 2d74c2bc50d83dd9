//! Email: the SMTP sender that empties the outbox (the reviews area's reminder job fills it).
//! Safe on several instances: each batch is claimed with a lease (`outbox::claim_waiting`), so
//! no two instances send one message.

use crate::config::SmtpSettings;
use app::db::{Db, DbError};
use app::kernel::outbox;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How often the sender looks for new messages.
const SEND_INTERVAL: Duration = Duration::from_secs(30);
const BATCH: i64 = 50;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: url::Url,
}

impl Mailer {
    pub fn new(
        settings: &SmtpSettings,
        public_url: url::Url,
    ) -> Result<Self, crate::commands::CommandError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.url)
            .map_err(|e| format!("TRELLIS_SMTP_URL: {e}"))?
            .build();
        let from = settings.from.parse().map_err(|e| format!("TRELLIS_MAIL_FROM: {e}"))?;
        Ok(Self { transport, from, public_url })
    }

    /// Sends waiting messages every half minute, for as long as the server runs.
    pub async fn run(self, db: Db) {
        let mut tick = tokio::time::interval(SEND_INTERVAL);
        loop {
            tick.tick().await;
            if let Err(e) = self.send_waiting(&db).await {
                tracing::error!(error = %e, "sending email failed");
            }
        }
    }

    /// One pass over the outbox: claims a batch (no other instance gets these messages while
    /// the claim holds) and sends it. Returns how many messages went out.
    pub async fn send_waiting(&self, db: &Db) -> Result<usize, DbError> {
        let now = chrono::Utc::now().naive_utc();
        let claimed =
            db.run(move |c| outbox::claim_waiting(c, BATCH, now).map_err(DbError::from)).await?;
        let mut sent = 0;
        for message in claimed {
            let id = message.id;
            match self.send(&message).await {
                Ok(()) => {
                    let now = chrono::Utc::now().naive_utc();
                    db.run(move |c| outbox::mark_sent(c, id, now).map_err(DbError::from)).await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(message = id, error = %error, "an email could not be sent; it will be retried");
                    db.run(move |c| outbox::mark_failed(c, id, &error).map_err(DbError::from))
                        .await?;
                }
            }
        }
        Ok(sent)
    }

    async fn send(&self, message: &outbox::OutboxRow) -> Result<(), String> {
        let to: Mailbox = message.to_email.parse().map_err(|e| format!("bad address: {e}"))?;
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(absolute_links(&message.body, &self.public_url))
            .map_err(|e| e.to_string())?;
        self.transport.send(email).await.map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Messages are stored with paths ("Open Trellis: /reviews/3"); email needs full links.
fn absolute_links(body: &str, public_url: &url::Url) -> String {
    let base = public_url.as_str().trim_end_matches('/');
    body.lines()
        .map(|line| match line.strip_prefix("Open Trellis: /") {
            Some(path) => format!("Open Trellis: {base}/{path}"),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_in_messages_become_absolute() {
        let url = url::Url::parse("https://trellis.example.com/").unwrap();
        assert_eq!(
            super::absolute_links("Hello\n\nOpen Trellis: /reviews/3", &url),
            "Hello\n\nOpen Trellis: https://trellis.example.com/reviews/3"
        );
    }
}
