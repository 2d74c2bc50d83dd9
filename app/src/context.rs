//! Server-side request context for server functions: the app state, the signed-in viewer
//! (resolved by the server's session middleware and left in the request's extensions), and
//! [`Authorized`], the one way a server function reaches the database.
//!
//! The path of a server function is always the same:
//! 1. `context::authorize(action, target)` asks the policy; a refusal is audited and ends
//!    the request with `Forbidden`. When the decision needs facts from the database first (who
//!    manages the person on a review, who sits on a board), [`facts`] is the narrow, named way
//!    to look them up before deciding.
//! 2. The returned [`Authorized`] carries the viewer, the database, the request id and the
//!    time, all captured in async code. [`Authorized::read`] and [`Authorized::write`] (one
//!    transaction) run on the blocking pool with the request id in scope, so audit rows and
//!    errors raised there carry it (Leptos' context, where it lives otherwise, is per thread).

use crate::audit::{self, AuditEntry, Outcome, Target};
use crate::db::{Db, DbConn};
use crate::error::AppError;
use crate::kernel::{PersonId, Viewer};
use crate::policy::{self, Action};
use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::Connection;
use leptos::prelude::use_context;
use std::cell::RefCell;
use std::sync::{Arc, Mutex};

/// Configuration the app layer needs at request time.
#[derive(Debug, Clone)]
pub struct AppSettings {
    /// The demo persona picker is on (demo data, no SSO configured).
    pub demo_sign_in: bool,
    pub sso_configured: bool,
    /// Messages in the outbox are sent by SMTP (otherwise HR reads them on the outbox page).
    pub smtp_configured: bool,
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<AppSettings>,
}

/// The id of the current request, set by the server's request-id layer.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// Private: server functions reach the database through [`Authorized`] (or, for the facts a
/// decision needs and the sign-in page, [`facts`] and [`for_sign_in_page`]).
fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

thread_local! {
    /// The request id while a request's database work runs on a blocking-pool thread.
    static BLOCKING_REQUEST_ID: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f` with `id` as the request id of this thread (the blocking pool has no Leptos
/// context), restoring the previous value afterwards, even on a panic.
fn with_request_id<T>(id: Option<String>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            BLOCKING_REQUEST_ID.with(|cell| *cell.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(BLOCKING_REQUEST_ID.with(|cell| cell.replace(id)));
    f()
}

/// Runs `work` on the blocking pool with `id` as the request id there. A connection the pool
/// could not give is turned into an error back here, under the same id (it happens before
/// `work` starts, outside its scope).
async fn run_with_request_id<T, F>(db: &Db, id: Option<String>, work: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let inner = id.clone();
    let outcome =
        db.run(move |c| Ok::<_, crate::db::DbError>(with_request_id(inner, || work(c)))).await;
    match outcome {
        Ok(result) => result,
        Err(pool) => Err(with_request_id(id, || AppError::from(pool))),
    }
}

/// For plain routes that serve a file of records (exports): runs `read` and writes the
/// download's audit row by `reader` in one transaction, under the request's id. The policy
/// was asked first ([`authorize_viewer`]).
pub async fn read_audited<T, F>(
    db: &Db,
    request_id: Option<String>,
    reader: PersonId,
    action: &'static str,
    target: Target,
    read: F,
) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    run_with_request_id(db, request_id, move |c| {
        c.transaction(|c| {
            let found = read(c)?;
            audit::record(c, &AuditEntry::new(Some(reader), action, target, Outcome::Allowed))?;
            Ok(found)
        })
    })
    .await
}

/// The id of the request being served: from Leptos' context in async code, or from the
/// blocking thread [`Authorized`] runs the request's database work on.
pub fn request_id() -> Option<String> {
    parts()
        .and_then(|p| p.extensions.get::<RequestId>().map(|r| r.0.clone()))
        .or_else(|| BLOCKING_REQUEST_ID.with(|cell| cell.borrow().clone()))
}

/// The signed-in person, or `Unauthenticated`.
pub fn viewer() -> Result<Viewer, AppError> {
    parts().and_then(|p| p.extensions.get::<Viewer>().cloned()).ok_or(AppError::Unauthenticated)
}

/// Asks the policy whether the signed-in viewer may take `action` on `target`. A refusal is
/// written to the audit log (who tried what, with the request id) before `Forbidden` is
/// returned; an allowed request gets the handle its database work goes through.
pub async fn authorize(action: Action<'_>, target: Target) -> Result<Authorized, AppError> {
    let authorized = Authorized {
        viewer: viewer()?,
        state: state()?,
        request_id: request_id(),
        now: Utc::now().naive_utc(),
        refusals: Arc::default(),
    };
    authorized.require(&action, target).await?;
    Ok(authorized)
}

/// The facts a policy decision depends on (a review's subject and their manager chain, a
/// session's participants), read before deciding. Only for signed-in viewers; what it returns
/// goes into `authorize`, never to the browser.
pub async fn facts<T, F>(lookup: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    viewer()?;
    run_with_request_id(&state()?.db, request_id(), lookup).await
}

/// What the sign-in page reads for anonymous visitors (the settings, the demo personas): the
/// one way into the database without a signed-in viewer, named for the one page it serves.
pub async fn for_sign_in_page<T, F>(read: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn, &AppSettings) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let state = state()?;
    let settings = state.settings.clone();
    run_with_request_id(&state.db, request_id(), move |c| read(c, &settings)).await
}

/// The same decision for plain axum routes (file downloads), which have no Leptos context.
pub async fn authorize_viewer(
    db: &Db,
    viewer: &Viewer,
    action: &Action<'_>,
    target: Target,
    request_id: Option<String>,
) -> Result<(), AppError> {
    if policy::check(viewer, action).is_err() {
        let entry =
            AuditEntry::new(Some(viewer.person_id), action.name(), target, Outcome::Refused)
                .request_id(request_id.clone());
        run_with_request_id(db, request_id, move |c| Ok(audit::record(c, &entry)?)).await?;
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// A request the policy allowed: the viewer, the database, the request id and the time of
/// the request. The only way a server function reads or writes data.
#[derive(Clone)]
pub struct Authorized {
    viewer: Viewer,
    state: AppState,
    request_id: Option<String>,
    now: NaiveDateTime,
    /// Refusals decided inside a transaction, written after it rolls back.
    refusals: Arc<Mutex<Vec<AuditEntry>>>,
}

impl Authorized {
    pub fn viewer(&self) -> &Viewer {
        &self.viewer
    }

    /// When the request arrived (UTC): one time for everything a request records.
    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    pub fn settings(&self) -> &AppSettings {
        &self.state.settings
    }

    /// Whether the policy allows `action`: for what a page offers (a button, a column),
    /// never as a guard, which is [`Authorized::require`] (audited).
    pub fn allows(&self, action: Action) -> bool {
        policy::check(&self.viewer, &action).is_ok()
    }

    /// A second decision in async code, once facts are known: audited when refused.
    pub async fn require(&self, action: &Action<'_>, target: Target) -> Result<(), AppError> {
        authorize_viewer(&self.state.db, &self.viewer, action, target, self.request_id.clone())
            .await
    }

    /// A decision inside [`Authorized::read`] or [`Authorized::write`], once facts read there
    /// are known. The refusal is audited after the closure returns, so a transaction's
    /// rollback does not take it with it.
    pub fn require_in(&self, action: &Action<'_>, target: Target) -> Result<(), AppError> {
        if policy::check(&self.viewer, action).is_ok() {
            return Ok(());
        }
        self.refusals.lock().expect("refusals").push(self.entry(
            action.name(),
            target,
            Outcome::Refused,
        ));
        Err(AppError::Forbidden)
    }

    /// Appends to the audit log that the viewer did `action` on `target`.
    pub fn audit(&self, c: &mut DbConn, action: &str, target: Target) -> Result<(), AppError> {
        audit::record(c, &self.entry(action, target, Outcome::Allowed))?;
        Ok(())
    }

    /// [`Authorized::audit`] with a detail (what changed, in a few words).
    pub fn audit_detail(
        &self,
        c: &mut DbConn,
        action: &str,
        target: Target,
        detail: impl Into<String>,
    ) -> Result<(), AppError> {
        audit::record(c, &self.entry(action, target, Outcome::Allowed).detail(detail))?;
        Ok(())
    }

    fn entry(&self, action: &str, target: Target, outcome: Outcome) -> AuditEntry {
        AuditEntry::new(Some(self.viewer.person_id), action, target, outcome)
            .request_id(self.request_id.clone())
    }

    /// Reads on a pooled connection (no transaction).
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn, &Authorized) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.on_blocking_pool(false, f).await
    }

    /// Writes in one transaction: any `Err` rolls back everything, audit rows included.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn, &Authorized) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.on_blocking_pool(true, f).await
    }

    async fn on_blocking_pool<T, F>(&self, transaction: bool, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn, &Authorized) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let this = self.clone();
        let result = run_with_request_id(&self.state.db, self.request_id.clone(), move |c| {
            if transaction {
                c.transaction(|c| f(c, &this))
            } else {
                f(c, &this)
            }
        })
        .await;
        self.record_refusals().await?;
        result
    }

    async fn record_refusals(&self) -> Result<(), AppError> {
        let refusals = std::mem::take(&mut *self.refusals.lock().expect("refusals"));
        if refusals.is_empty() {
            return Ok(());
        }
        run_with_request_id(&self.state.db, self.request_id.clone(), move |c| {
            Ok(refusals.iter().try_for_each(|e| audit::record(c, e))?)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_raised_on_a_blocking_thread_quote_the_request_id() {
        let raised =
            with_request_id(Some("abc123".into()), || AppError::internal("a query failed"));
        assert_eq!(raised, AppError::Internal("abc123".into()));
        // The id does not outlive the request's work on this thread.
        assert_eq!(request_id(), None);
        assert_eq!(AppError::internal("later"), AppError::Internal("none".into()));
    }
}
