//! Server functions of calibration. Each asks the policy first (the session's participants
//! and HR read; participants write until finalised); every rating change is a compare-and-set
//! on the person's entry, so two people changing the same person never overwrite each other.

use super::types::*;
use crate::error::AppError;
use crate::kernel::{AppealId, ChangeId, EntryId, SessionId};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    super::{queries, rules},
    crate::audit::Target,
    crate::context,
    crate::db::DbConn,
    crate::error::FieldError,
    crate::kernel::{CycleId, DepartmentId, PersonId, Rating, TeamId},
    crate::org::queries as org,
    crate::policy::{self, Action, Record, Subject},
    crate::reviews::queries as reviews,
};

/// A session with the facts its policy decisions need.
#[cfg(feature = "ssr")]
struct SessionContext {
    row: queries::SessionRow,
    participants: Vec<PersonId>,
}

#[cfg(feature = "ssr")]
impl SessionContext {
    fn record(&self) -> Record<'_> {
        Record::CalibrationSession {
            participants: &self.participants,
            finalised: self.row.finalised(),
        }
    }

    /// One person's row on the board (never one's own).
    fn entry_record(&self, person: PersonId) -> Record<'_> {
        Record::CalibrationEntry {
            person,
            participants: &self.participants,
            finalised: self.row.finalised(),
        }
    }
}

#[cfg(feature = "ssr")]
async fn session_context(id: SessionId) -> Result<SessionContext, AppError> {
    context::facts(move |c| {
        let row = queries::session_row(c, id)?;
        let participants = queries::participant_ids(c, id)?;
        Ok(SessionContext { row, participants })
    })
    .await
}

/// The person on an entry, with their manager chain as it is now.
#[cfg(feature = "ssr")]
async fn entry_subject(id: SessionId, entry: EntryId) -> Result<Subject, AppError> {
    context::facts(move |c| {
        let person = queries::entry_row(c, id, entry)?.person_id;
        Ok(org::subject(c, person)?)
    })
    .await
}

#[cfg(feature = "ssr")]
fn finalised_error() -> AppError {
    AppError::Conflict(
        "This session was finalised: its ratings are final and nothing on the board can change."
            .into(),
    )
}

/// The newer state of a person someone else changed first, in plain words.
#[cfg(feature = "ssr")]
fn stale_entry(c: &mut DbConn, session: SessionId, entry: EntryId) -> Result<AppError, AppError> {
    let row = queries::entry_row(c, session, entry)?;
    let person =
        queries::person_names(c, &[row.person_id])?.remove(&row.person_id).unwrap_or_default();
    let last = queries::changes_of(c, entry)?.pop().filter(|ch| ch.changed_at == row.updated_at);
    Ok(AppError::Conflict(match last {
        Some(ch) => {
            let who = queries::person_names(c, &[ch.changed_by])?.remove(&ch.changed_by).unwrap_or_default();
            let to = Rating::parse(&ch.to_rating).map(Rating::label).unwrap_or_default();
            format!(
                "{who} changed {person}'s rating to {to} at {} while you had it open (\u{201c}{}\u{201d}). Your change was not saved: read the newer rating, then change it again if you still disagree.",
                ch.changed_at.format("%H:%M"),
                ch.rationale
            )
        }
        None => format!("Someone else updated {person} while you had them open. Your change was not saved: show the latest, then try again."),
    }))
}

mod board;
mod fairness;
mod sessions;

pub use board::*;
pub use fairness::*;
pub use sessions::*;
