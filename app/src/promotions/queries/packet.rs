//! Reading a packet.

use super::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = promotion_packets)]
pub struct PacketRow {
    pub id: PacketId,
    pub person_id: PersonId,
    pub opened_by: PersonId,
    pub ladder_version_id: i64,
    pub from_track: String,
    pub from_level: i32,
    pub target_track: String,
    pub target_level: i32,
    pub status: String,
    pub evidence_summary: String,
    pub business_case: String,
    pub performing_since: Option<NaiveDate>,
    pub calibration_outcome: Option<String>,
    pub calibration_notes: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<PersonId>,
    pub effective_on: Option<NaiveDate>,
    pub applied_at: Option<NaiveDateTime>,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

impl PacketRow {
    pub fn status(&self) -> PacketStatus {
        PacketStatus::parse(&self.status).unwrap_or(PacketStatus::Draft)
    }
    pub fn target(&self) -> Level {
        level(&self.target_track, self.target_level)
    }
    pub fn from(&self) -> Level {
        level(&self.from_track, self.from_level)
    }
    pub fn calibration_supported(&self) -> Option<bool> {
        self.calibration_outcome.as_deref().map(|o| o == "supported")
    }
}

pub fn packet_row(conn: &mut DbConn, id: PacketId) -> QueryResult<PacketRow> {
    promotion_packets::table.find(id).select(PacketRow::as_select()).first(conn)
}

pub fn panel(conn: &mut DbConn, id: PacketId) -> QueryResult<Vec<PersonId>> {
    promotion_panel::table
        .filter(promotion_panel::packet_id.eq(id))
        .select(promotion_panel::person_id)
        .load(conn)
}

/// Whether an unresolved flight-risk flag is on the person.
pub fn flagged_as_flight_risk(conn: &mut DbConn, person: PersonId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        flight_risk_flags::table
            .filter(flight_risk_flags::person_id.eq(person))
            .filter(flight_risk_flags::resolved_at.is_null()),
    ))
    .get_result(conn)
}

pub fn events(conn: &mut DbConn, id: PacketId) -> QueryResult<Vec<PacketEvent>> {
    let rows: Vec<(NaiveDateTime, Option<String>, String, String)> = promotion_events::table
        .left_join(people::table.on(people::id.nullable().eq(promotion_events::actor_id)))
        .filter(promotion_events::packet_id.eq(id))
        .order((promotion_events::at.asc(), promotion_events::id.asc()))
        .select((
            promotion_events::at,
            people::name.nullable(),
            promotion_events::status,
            promotion_events::note,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(at, actor, status, note)| PacketEvent {
            at,
            actor,
            status: PacketStatus::parse(&status).unwrap_or(PacketStatus::Draft),
            note,
        })
        .collect())
}

pub(super) fn record_event(
    conn: &mut DbConn,
    id: PacketId,
    actor: Option<PersonId>,
    status: PacketStatus,
    note: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(promotion_events::table)
        .values((
            promotion_events::packet_id.eq(id),
            promotion_events::at.eq(now),
            promotion_events::actor_id.eq(actor),
            promotion_events::status.eq(status.as_str()),
            promotion_events::note.eq(note),
        ))
        .execute(conn)?;
    Ok(())
}

/// A packet's contents (everything but the checks and permissions, which depend on who reads).
pub struct PacketParts {
    pub row: PacketRow,
    pub packet: Packet,
}

pub fn load_packet(conn: &mut DbConn, id: PacketId, today: NaiveDate) -> QueryResult<PacketParts> {
    let row = packet_row(conn, id)?;
    let (slug, number, ladder) = ladders::by_version_id(conn, row.ladder_version_id)?;
    let target = target_level(&ladder, row.target())?;
    let evidence_rows: Vec<(i32, String)> = promotion_evidence::table
        .filter(promotion_evidence::packet_id.eq(id))
        .select((promotion_evidence::criterion, promotion_evidence::evidence))
        .load(conn)?;
    let evidence = target
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| CriterionEvidence {
            index: i,
            criterion: c.clone(),
            evidence: evidence_rows
                .iter()
                .find(|(k, _)| *k as usize == i)
                .map(|(_, e)| e.clone())
                .unwrap_or_default(),
            links: String::new(),
        })
        .collect();
    let endorsement_rows: Vec<(EndorsementId, PersonId, String, String, Option<NaiveDateTime>)> =
        promotion_endorsements::table
            .filter(promotion_endorsements::packet_id.eq(id))
            .order(promotion_endorsements::requested_at.asc())
            .select((
                promotion_endorsements::id,
                promotion_endorsements::endorser_id,
                promotion_endorsements::status,
                promotion_endorsements::body,
                promotion_endorsements::answered_at,
            ))
            .load(conn)?;
    let panel_ids = panel(conn, id)?;
    let mut ids: Vec<PersonId> = vec![row.person_id, row.opened_by];
    ids.extend(endorsement_rows.iter().map(|e| e.1));
    ids.extend(panel_ids.iter().copied());
    ids.extend(row.decided_by);
    let people_found = org::summaries(conn, &ids)?;
    let endorsements = endorsement_rows
        .into_iter()
        .map(|(eid, endorser, status, body, answered_at)| Endorsement {
            id: eid,
            endorser: summary_of(&people_found, endorser),
            status: EndorsementStatus::parse(&status).unwrap_or(EndorsementStatus::Requested),
            body,
            answered_at,
        })
        .collect();
    let packet = Packet {
        id,
        person: summary_of(&people_found, row.person_id),
        opened_by: summary_of(&people_found, row.opened_by),
        ladder_slug: slug,
        ladder_version: number,
        from: row.from(),
        target: row.target(),
        target_title: target.title.clone(),
        status: row.status(),
        evidence_summary: row.evidence_summary.clone(),
        business_case: row.business_case.clone(),
        performing_since: row.performing_since,
        evidence,
        endorsements,
        panel: panel_ids.iter().map(|p| summary_of(&people_found, *p)).collect(),
        calibration_outcome: row.calibration_supported(),
        calibration_notes: row.calibration_notes.clone(),
        decision_reason: row.decision_reason.clone(),
        decided_by: row.decided_by.map(|d| summary_of(&people_found, d).name),
        effective_on: row.effective_on,
        applied: row.applied_at.is_some(),
        events: events(conn, id)?,
        checks: vec![],
        warnings: vec![],
        version: row.version,
        can: PacketPermissions::default(),
        today,
        suggested_endorsers: vec![],
        suggested_panel: vec![],
    };
    Ok(PacketParts { row, packet })
}

/// Colleagues who work with the person: their manager's other reports.
pub fn suggested_endorsers(conn: &mut DbConn, row: &PacketRow) -> QueryResult<Vec<PersonSummary>> {
    let Some(manager) = org::manager_of(conn, row.person_id)? else { return Ok(vec![]) };
    Ok(org::direct_reports(conn, manager)?
        .into_iter()
        .filter(|p| p.id != row.person_id)
        .take(8)
        .collect())
}

/// People in the person's department at or above the target level, outside their team's
/// reporting line: candidates for the promotion calibration.
pub fn suggested_panel(conn: &mut DbConn, row: &PacketRow) -> QueryResult<Vec<PersonSummary>> {
    let target = row.target();
    let department: i64 =
        people::table.find(row.person_id).select(people::department_id).first(conn)?;
    let candidates: Vec<(PersonId, String, i32)> = people::table
        .filter(people::department_id.eq(department))
        .filter(people::status.eq("active"))
        .filter(people::id.ne(row.person_id).and(people::id.ne(row.opened_by)))
        .filter(people::manager_id.ne(row.opened_by).or(people::manager_id.is_null()))
        .order((people::level.desc(), people::id.asc()))
        .select((people::id, people::track, people::level))
        .limit(200)
        .load(conn)?;
    let ids: Vec<PersonId> = candidates
        .into_iter()
        .filter(|(_, t, l)| level(t, *l).seniority() >= target.seniority() && t == "ic")
        .map(|(id, _, _)| id)
        .take(6)
        .collect();
    org::summaries(conn, &ids)
}

/// The facts the checks are computed from.
pub fn facts(packet: &Packet, flight_risk: Option<bool>) -> PacketFacts {
    PacketFacts {
        status: packet.status,
        today: packet.today,
        performing_since: packet.performing_since,
        criteria: packet.evidence.len(),
        criteria_with_evidence: packet
            .evidence
            .iter()
            .filter(|e| !e.evidence.trim().is_empty())
            .count(),
        endorsements_requested: packet.endorsements.len(),
        endorsements_written: packet
            .endorsements
            .iter()
            .filter(|e| e.status == EndorsementStatus::Written)
            .count(),
        calibration_outcome: packet.calibration_outcome,
        business_case: packet.business_case.clone(),
        flight_risk,
    }
}
