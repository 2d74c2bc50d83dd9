//! Calibration work waiting for someone on My work: appeals for the facilitator to resolve.

use crate::areas::todos::TodoContext;
use crate::db::schema::{calibration_appeals, calibration_entries, calibration_sessions, people};
use crate::db::DbConn;
use crate::error::AppError;
use crate::home::api::Todo;
use crate::kernel::{EntryId, PersonId, SessionId};
use crate::policy::{self, Action};
use diesel::prelude::*;

pub fn todos(c: &mut DbConn, context: &TodoContext) -> Result<Vec<Todo>, AppError> {
    // Appeals waiting in the sessions the viewer facilitates (HR may resolve them too, but the
    // facilitator is the one the room waits for), at most 50.
    let waiting: Vec<(SessionId, String, EntryId, PersonId, String)> = calibration_appeals::table
        .inner_join(
            calibration_sessions::table
                .on(calibration_sessions::id.eq(calibration_appeals::session_id)),
        )
        .inner_join(
            calibration_entries::table
                .on(calibration_entries::id.eq(calibration_appeals::entry_id)),
        )
        .inner_join(people::table.on(people::id.eq(calibration_entries::person_id)))
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
        ))
        .load(c)?;
    Ok(waiting
        .into_iter()
        .filter(|(_, _, _, about, _)| {
            let action = Action::ResolveAppeal { facilitator: context.me, about: *about };
            policy::check(context.viewer, &action).is_ok()
        })
        .map(|(session, session_name, entry, _, name)| Todo {
            text: format!("Resolve the appeal about {name}'s rating ({session_name})"),
            href: format!("/calibration/{session}?person={entry}"),
            due: None,
            today: context.today,
        })
        .collect())
}
