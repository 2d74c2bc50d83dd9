//! What calibration tells people (by mail and on My work): a session they facilitate or
//! take part in, an appeal waiting for the facilitator, and an appeal's outcome for whoever
//! raised it. Written in the transaction of what they announce. Final ratings are the review
//! cycle's message (`reviews::notifications::announce_final_ratings`).

use super::queries::{self, AppealRow};
use super::types::AppealOutcome;
use crate::db::schema::{calibration_sessions, review_cycles};
use crate::db::DbConn;
use crate::kernel::outbox::tell;
use crate::kernel::{ChangeId, EntryId, PersonId, SessionId};
use crate::ui::format::date;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// The session's name and its cycle's calibration deadline.
fn session_facts(conn: &mut DbConn, session: SessionId) -> QueryResult<(String, NaiveDate)> {
    calibration_sessions::table
        .inner_join(review_cycles::table)
        .filter(calibration_sessions::id.eq(session))
        .select((calibration_sessions::name, review_cycles::calibration_due))
        .first(conn)
}

/// Tells the facilitator and every participant of a new session what it asks of them.
pub fn announce_session(
    conn: &mut DbConn,
    session: SessionId,
    facilitator: PersonId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (name, due) = session_facts(conn, session)?;
    let link = format!("/calibration/{session}");
    for person in queries::participant_ids(conn, session)? {
        let (subject, body) = if person == facilitator {
            (
                format!("You facilitate the calibration session {name}"),
                format!("HR set up the calibration session {name} with you as its facilitator. Run the meeting, resolve any appeals and finalise the board by {}.", date(due)),
            )
        } else {
            (
                format!("Calibration session {name}: your people are on the board"),
                format!("Your people's preliminary ratings are on the board of {name}. Read their evidence before the meeting; ratings are final by {}.", date(due)),
            )
        };
        tell(conn, person, &subject, &body, &link, &format!("session:{session}:{person}"), now)?;
    }
    Ok(())
}

/// Tells the facilitator an appeal waits for them.
pub fn announce_appeal(
    conn: &mut DbConn,
    session: SessionId,
    entry: EntryId,
    facilitator: PersonId,
    about: &str,
    change: ChangeId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (name, due) = session_facts(conn, session)?;
    tell(
        conn,
        facilitator,
        &format!("An appeal about {about}'s rating waits for you"),
        &format!("A participant of {name} disagrees with a change to {about}'s rating. Keep or revert the change, with your reason, before the board is finalised (by {}).", date(due)),
        &format!("/calibration/{session}?person={entry}#row-{entry}"),
        &format!("appeal:{session}:{change}"),
        now,
    )?;
    Ok(())
}

/// Tells whoever raised an appeal how the facilitator resolved it.
pub fn announce_resolution(
    conn: &mut DbConn,
    appeal: &AppealRow,
    outcome: AppealOutcome,
    about: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let (name, _) = session_facts(conn, appeal.session_id)?;
    let verdict = match outcome {
        AppealOutcome::Kept => "kept the change",
        AppealOutcome::Reverted => "reverted the change",
    };
    let entry = appeal.entry_id;
    tell(
        conn,
        appeal.raised_by,
        &format!("Your appeal about {about}'s rating: the facilitator {verdict}"),
        &format!("The facilitator of {name} resolved your appeal about {about}'s rating and {verdict}. Their reason is on the board."),
        &format!("/calibration/{}?person={entry}#row-{entry}", appeal.session_id),
        &format!("appeal-resolved:{}", appeal.id),
        now,
    )?;
    Ok(())
}
