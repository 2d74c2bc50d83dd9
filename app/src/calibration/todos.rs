//! Calibration work waiting for someone on My work: sessions for their facilitator to run and
//! finalise, and appeals for the facilitator to resolve, by the cycle's calibration deadline.

use super::types::SessionStatus;
use crate::areas::todos::TodoContext;
use crate::db::schema::{
    calibration_appeals, calibration_entries, calibration_sessions, people, review_cycles,
};
use crate::db::DbConn;
use crate::error::AppError;
use crate::home::api::Todo;
use crate::kernel::{EntryId, PersonId, SessionId};
use crate::policy::{self, Action};
use chrono::NaiveDate;
use diesel::prelude::*;

pub fn todos(c: &mut DbConn, context: &TodoContext) -> Result<Vec<Todo>, AppError> {
    // Appeals waiting in the sessions the viewer facilitates (HR may resolve them too, but the
    // facilitator is the one the room waits for), at most 50.
    let waiting: Vec<(SessionId, String, EntryId, PersonId, String, NaiveDate)> =
        calibration_appeals::table
            .inner_join(
                calibration_sessions::table
                    .on(calibration_sessions::id.eq(calibration_appeals::session_id)),
            )
            .inner_join(
                calibration_entries::table
                    .on(calibration_entries::id.eq(calibration_appeals::entry_id)),
            )
            .inner_join(people::table.on(people::id.eq(calibration_entries::person_id)))
            .inner_join(
                review_cycles::table.on(review_cycles::id.eq(calibration_sessions::cycle_id)),
            )
            .filter(calibration_sessions::facilitator_id.eq(context.me))
            .filter(calibration_appeals::resolved_at.is_null())
            .order(calibration_appeals::raised_at.asc())
            .limit(50)
            .select((
                calibration_sessions::id,
                calibration_sessions::name,
                calibration_entries::id,
                people::id,
                people::name,
                review_cycles::calibration_due,
            ))
            .load(c)?;
    let appeals = waiting
        .into_iter()
        .filter(|(_, _, _, about, _, _)| {
            let action = Action::ResolveAppeal { facilitator: context.me, about: *about };
            policy::check(context.viewer, &action).is_ok()
        })
        .map(|(session, session_name, entry, _, name, due)| Todo {
            text: format!("Resolve the appeal about {name}'s rating ({session_name})"),
            href: format!("/calibration/{session}?person={entry}#row-{entry}"),
            due: Some(due),
            today: context.today,
        });
    // Open sessions the viewer facilitates: the meeting and finalising are theirs.
    let sessions: Vec<(SessionId, String, NaiveDate)> = calibration_sessions::table
        .inner_join(review_cycles::table)
        .filter(calibration_sessions::facilitator_id.eq(context.me))
        .filter(calibration_sessions::status.eq(SessionStatus::Open.as_str()))
        .order(calibration_sessions::id.asc())
        .limit(20)
        .select((
            calibration_sessions::id,
            calibration_sessions::name,
            review_cycles::calibration_due,
        ))
        .load(c)?;
    let to_run = sessions.into_iter().map(|(session, name, due)| Todo {
        text: format!("Run and finalise the calibration session {name}"),
        href: format!("/calibration/{session}"),
        due: Some(due),
        today: context.today,
    });
    Ok(appeals.chain(to_run).collect())
}
