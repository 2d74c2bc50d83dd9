//! Opening and moving a packet.

use super::*;

/// An open packet (not decided) for the same person, if any: one at a time.
pub fn open_packet_of(conn: &mut DbConn, person: PersonId) -> QueryResult<Option<PacketId>> {
    promotion_packets::table
        .filter(promotion_packets::person_id.eq(person))
        .filter(
            promotion_packets::status
                .ne_all([PacketStatus::Approved.as_str(), PacketStatus::Declined.as_str()]),
        )
        .select(promotion_packets::id)
        .first(conn)
        .optional()
}

#[allow(clippy::too_many_arguments)]
pub fn open_packet(
    conn: &mut DbConn,
    person: PersonId,
    opened_by: PersonId,
    ladder_version_id: i64,
    from: Level,
    target: Level,
    now: NaiveDateTime,
) -> QueryResult<PacketId> {
    diesel::insert_into(promotion_packets::table)
        .values((
            promotion_packets::person_id.eq(person),
            promotion_packets::opened_by.eq(opened_by),
            promotion_packets::ladder_version_id.eq(ladder_version_id),
            promotion_packets::from_track.eq(from.track.as_str()),
            promotion_packets::from_level.eq(from.number as i32),
            promotion_packets::target_track.eq(target.track.as_str()),
            promotion_packets::target_level.eq(target.number as i32),
            promotion_packets::status.eq(PacketStatus::Draft.as_str()),
            promotion_packets::evidence_summary.eq(""),
            promotion_packets::business_case.eq(""),
            promotion_packets::version.eq(1),
            promotion_packets::created_at.eq(now),
            promotion_packets::updated_at.eq(now),
        ))
        .execute(conn)?;
    // Inside the caller's transaction, and one open packet per person: this is the new row.
    let id: PacketId = promotion_packets::table
        .filter(promotion_packets::person_id.eq(person))
        .order(promotion_packets::id.desc())
        .select(promotion_packets::id)
        .first(conn)?;
    record_event(
        conn,
        id,
        Some(opened_by),
        PacketStatus::Draft,
        &format!("Opened for {}", target.label()),
        now,
    )?;
    Ok(id)
}

/// Moves the packet's version on if it is still at `expected`: false means someone else
/// changed it first (nothing is written then).
fn bump(conn: &mut DbConn, id: PacketId, expected: i32, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        promotion_packets::table
            .filter(promotion_packets::id.eq(id).and(promotion_packets::version.eq(expected))),
    )
    .set((promotion_packets::version.eq(expected + 1), promotion_packets::updated_at.eq(now)))
    .execute(conn)?;
    Ok(n == 1)
}

pub struct PacketEdit {
    pub evidence_summary: String,
    pub business_case: String,
    pub performing_since: Option<NaiveDate>,
    /// (criterion index, evidence)
    pub evidence: Vec<(usize, String)>,
}

pub fn save_packet(
    conn: &mut DbConn,
    id: PacketId,
    expected: i32,
    edit: &PacketEdit,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if !bump(conn, id, expected, now)? {
        return Ok(false);
    }
    diesel::update(promotion_packets::table.find(id))
        .set((
            promotion_packets::evidence_summary.eq(&edit.evidence_summary),
            promotion_packets::business_case.eq(&edit.business_case),
            promotion_packets::performing_since.eq(edit.performing_since),
        ))
        .execute(conn)?;
    diesel::delete(promotion_evidence::table.filter(promotion_evidence::packet_id.eq(id)))
        .execute(conn)?;
    for (criterion, evidence) in edit.evidence.iter().filter(|(_, e)| !e.trim().is_empty()) {
        diesel::insert_into(promotion_evidence::table)
            .values((
                promotion_evidence::packet_id.eq(id),
                promotion_evidence::criterion.eq(*criterion as i32),
                promotion_evidence::evidence.eq(evidence),
            ))
            .execute(conn)?;
    }
    Ok(true)
}

/// Changes the packet's status (checked against `expected`), with the event and the fields
/// the step records.
pub fn change_status(
    conn: &mut DbConn,
    id: PacketId,
    expected: i32,
    to: PacketStatus,
    actor: PersonId,
    note: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if !bump(conn, id, expected, now)? {
        return Ok(false);
    }
    diesel::update(promotion_packets::table.find(id))
        .set(promotion_packets::status.eq(to.as_str()))
        .execute(conn)?;
    record_event(conn, id, Some(actor), to, note, now)?;
    Ok(true)
}

/// (requested and not answered, asked in all) endorsements of a packet.
pub fn endorsements_outstanding(conn: &mut DbConn, id: PacketId) -> QueryResult<(i64, i64)> {
    let statuses: Vec<String> = promotion_endorsements::table
        .filter(promotion_endorsements::packet_id.eq(id))
        .select(promotion_endorsements::status)
        .load(conn)?;
    let waiting = statuses.iter().filter(|s| *s == EndorsementStatus::Requested.as_str()).count();
    Ok((waiting as i64, statuses.len() as i64))
}

pub fn record_calibration(
    conn: &mut DbConn,
    id: PacketId,
    supported: bool,
    notes: &str,
) -> QueryResult<()> {
    diesel::update(promotion_packets::table.find(id))
        .set((
            promotion_packets::calibration_outcome.eq(if supported {
                "supported"
            } else {
                "not_supported"
            }),
            promotion_packets::calibration_notes.eq(notes),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn record_decision(
    conn: &mut DbConn,
    id: PacketId,
    by: PersonId,
    reason: &str,
    effective_on: Option<NaiveDate>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(promotion_packets::table.find(id))
        .set((
            promotion_packets::decision_reason.eq(reason),
            promotion_packets::decided_by.eq(Some(by)),
            promotion_packets::decided_at.eq(Some(now)),
            promotion_packets::effective_on.eq(effective_on),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn set_panel(conn: &mut DbConn, id: PacketId, members: &[PersonId]) -> QueryResult<()> {
    diesel::delete(promotion_panel::table.filter(promotion_panel::packet_id.eq(id)))
        .execute(conn)?;
    for m in members {
        diesel::insert_into(promotion_panel::table)
            .values((promotion_panel::packet_id.eq(id), promotion_panel::person_id.eq(*m)))
            .execute(conn)?;
    }
    Ok(())
}

/// Asks `endorser` for an endorsement; asking twice is a no-op.
pub fn request_endorsement(
    conn: &mut DbConn,
    id: PacketId,
    endorser: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let exists: bool = diesel::select(diesel::dsl::exists(
        promotion_endorsements::table.filter(
            promotion_endorsements::packet_id
                .eq(id)
                .and(promotion_endorsements::endorser_id.eq(endorser)),
        ),
    ))
    .get_result(conn)?;
    if exists {
        return Ok(false);
    }
    diesel::insert_into(promotion_endorsements::table)
        .values((
            promotion_endorsements::packet_id.eq(id),
            promotion_endorsements::endorser_id.eq(endorser),
            promotion_endorsements::status.eq(EndorsementStatus::Requested.as_str()),
            promotion_endorsements::body.eq(""),
            promotion_endorsements::requested_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

/// (packet, endorser, status, body) of an endorsement.
pub fn endorsement(
    conn: &mut DbConn,
    id: EndorsementId,
) -> QueryResult<(PacketId, PersonId, String, String)> {
    promotion_endorsements::table
        .find(id)
        .select((
            promotion_endorsements::packet_id,
            promotion_endorsements::endorser_id,
            promotion_endorsements::status,
            promotion_endorsements::body,
        ))
        .first(conn)
}

pub fn answer_endorsement(
    conn: &mut DbConn,
    id: EndorsementId,
    status: EndorsementStatus,
    body: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(promotion_endorsements::table.find(id))
        .set((
            promotion_endorsements::status.eq(status.as_str()),
            promotion_endorsements::body.eq(body),
            promotion_endorsements::answered_at.eq(Some(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Applies approved promotions whose effective date has come: the person's level, track and
/// title change, and the level history records it. Idempotent (`applied_at`).
pub fn apply_due_promotions(
    conn: &mut DbConn,
    today: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let due: Vec<PacketRow> = promotion_packets::table
        .filter(promotion_packets::status.eq(PacketStatus::Approved.as_str()))
        .filter(promotion_packets::applied_at.is_null())
        .filter(promotion_packets::effective_on.le(today))
        .select(PacketRow::as_select())
        .load(conn)?;
    let mut applied = 0;
    for row in &due {
        // Claimed first: a decision taking effect at once and the hourly job, or two
        // instances, may look at the same packet; only the one whose update finds it still
        // unapplied goes on.
        let claimed = diesel::update(
            promotion_packets::table.find(row.id).filter(promotion_packets::applied_at.is_null()),
        )
        .set(promotion_packets::applied_at.eq(Some(now)))
        .execute(conn)?;
        if claimed == 0 {
            continue;
        }
        applied += 1;
        let (_, _, ladder) = ladders::by_version_id(conn, row.ladder_version_id)?;
        let target = row.target();
        let title = ladder.level(target).map(|l| l.title.clone());
        let effective = row.effective_on.unwrap_or(today);
        diesel::update(people::table.find(row.person_id))
            .set((
                people::track.eq(target.track.as_str()),
                people::level.eq(target.number as i32),
                people::version.eq(people::version + 1),
                people::updated_at.eq(now),
            ))
            .execute(conn)?;
        if let Some(title) = title {
            diesel::update(people::table.find(row.person_id))
                .set(people::title.eq(title))
                .execute(conn)?;
        }
        diesel::insert_into(level_history::table)
            .values((
                level_history::person_id.eq(row.person_id),
                level_history::track.eq(target.track.as_str()),
                level_history::level.eq(target.number as i32),
                level_history::effective_on.eq(effective),
                level_history::reason.eq("promotion"),
                level_history::packet_id.eq(Some(row.id)),
                level_history::created_at.eq(now),
            ))
            .execute(conn)?;
        record_event(
            conn,
            row.id,
            None,
            PacketStatus::Approved,
            &format!("{} took effect", target.label()),
            now,
        )?;
    }
    Ok(applied)
}
