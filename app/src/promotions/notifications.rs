//! What a promotion packet tells people (by mail and on My work): an endorsement asked of
//! them, a panel they sit on, and the decision, for the person and the manager who proposed
//! them. Written in the transaction of what they announce.

use super::rules::step_due;
use crate::db::schema::promotion_endorsements;
use crate::db::DbConn;
use crate::kernel::outbox::tell;
use crate::kernel::{PacketId, PersonId};
use crate::ui::format::date;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Asks `endorser` for the endorsement just requested of them.
pub fn announce_endorsement_request(
    conn: &mut DbConn,
    packet: PacketId,
    endorser: PersonId,
    person: &str,
    target: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let id: i64 = promotion_endorsements::table
        .filter(promotion_endorsements::packet_id.eq(packet))
        .filter(promotion_endorsements::endorser_id.eq(endorser))
        .select(promotion_endorsements::id)
        .first(conn)?;
    tell(
        conn,
        endorser,
        &format!("Endorse {person}'s promotion to {target}, by {}", date(step_due(now))),
        &format!("{person}'s manager proposes them for {target} and asks you for an endorsement: what you saw of their work at that level, with examples. You can also decline."),
        &format!("/promotions/endorsements/{id}"),
        &format!("endorsement:{id}"),
        now,
    )?;
    Ok(())
}

/// Tells each member of a promotion calibration panel what the panel asks of them.
pub fn announce_panel(
    conn: &mut DbConn,
    packet: PacketId,
    members: &[PersonId],
    person: &str,
    target: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    for member in members {
        tell(
            conn,
            *member,
            &format!("Promotion panel: {person} for {target}, by {}", date(step_due(now))),
            &format!("HR named you to the panel that calibrates {person}'s promotion to {target}. Read the packet and its endorsements, then record whether the panel supports it, with your notes."),
            &format!("/promotions/packets/{packet}"),
            &format!("panel:{packet}:{member}"),
            now,
        )?;
    }
    Ok(())
}

/// Tells the person, and the manager who proposed them, the outcome of a packet.
pub fn announce_outcome(
    conn: &mut DbConn,
    packet: PacketId,
    (person_id, person): (PersonId, &str),
    proposer: PersonId,
    headline: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let link = format!("/promotions/packets/{packet}");
    tell(
        conn,
        person_id,
        "Your promotion: the outcome",
        &format!("{headline}\n\nThe reason is on your packet."),
        &link,
        &format!("promotion-outcome:{packet}"),
        now,
    )?;
    if proposer != person_id {
        tell(
            conn,
            proposer,
            &format!("The outcome of {person}'s promotion"),
            &format!("The promotion packet you opened for {person} has its outcome; the reason is on the packet. Talk it through with them."),
            &link,
            &format!("promotion-outcome:{packet}:{proposer}"),
            now,
        )?;
    }
    Ok(())
}
