//! Server-only queries of promotions. A packet cites the ladder version that was current
//! when it was opened, so its criteria never shift under it. Every change of state writes
//! an event (the packet's timeline) in the same transaction.

use super::types::*;
use crate::db::schema::{
    flight_risk_flags, level_history, people, promotion_endorsements, promotion_events,
    promotion_evidence, promotion_packets, promotion_panel, self_evaluation_comments,
    self_evaluation_items, self_evaluations,
};
use crate::db::DbConn;
use crate::kernel::{EndorsementId, PacketId, PersonId, SelfEvaluationId};
use crate::ladders::queries as ladders;
use crate::ladders::types::{Ladder, LadderLevel};
use crate::org::queries as org;
use crate::org::types::{Level, PersonSummary, Track};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::sync::Arc;

fn level(track: &str, number: i32) -> Level {
    let track = Track::parse(track).unwrap_or(Track::Ic);
    Level::new(track, number as u8).unwrap_or(Level { track, number: 1 })
}

fn summary_of(all: &[PersonSummary], id: PersonId) -> PersonSummary {
    all.iter().find(|p| p.id == id).cloned().unwrap_or_else(PersonSummary::former_colleague)
}

/// The criteria of `target` in a cited ladder version.
pub fn target_level(ladder: &Ladder, target: Level) -> QueryResult<LadderLevel> {
    ladder.level(target).cloned().ok_or(diesel::result::Error::NotFound)
}

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

fn record_event(
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

/// A person's levels over time, oldest first: (level, effective on, reason).
pub fn level_history_of(
    conn: &mut DbConn,
    person: PersonId,
) -> QueryResult<Vec<(Level, NaiveDate, String)>> {
    let rows: Vec<(String, i32, NaiveDate, String)> = level_history::table
        .filter(level_history::person_id.eq(person))
        .order((level_history::effective_on.asc(), level_history::id.asc()))
        .select((
            level_history::track,
            level_history::level,
            level_history::effective_on,
            level_history::reason,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(t, l, on, reason)| (level(&t, l), on, reason)).collect())
}

fn summaries_of(conn: &mut DbConn, rows: Vec<PacketRow>) -> QueryResult<Vec<PacketSummary>> {
    let ids: Vec<PersonId> = rows.iter().map(|r| r.person_id).collect();
    let found = org::summaries(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| PacketSummary {
            id: r.id,
            person: summary_of(&found, r.person_id),
            from: r.from(),
            target: r.target(),
            status: r.status(),
            updated_at: r.updated_at,
        })
        .collect())
}

/// Which packets a list shows.
enum PacketFilter {
    Person(PersonId),
    People(Vec<PersonId>),
    InStatus(PacketStatus, Vec<PersonId>),
    Ids(Vec<PacketId>, PacketStatus),
    All,
}

/// Packets matching a filter, newest change first, at most `limit`.
fn packets_where(
    conn: &mut DbConn,
    limit: i64,
    filter: PacketFilter,
) -> QueryResult<Vec<PacketSummary>> {
    let mut query = promotion_packets::table.into_boxed();
    query = match filter {
        PacketFilter::Person(p) => query.filter(promotion_packets::person_id.eq(p)),
        PacketFilter::People(ids) => query.filter(promotion_packets::person_id.eq_any(ids)),
        PacketFilter::InStatus(status, ids) => query
            .filter(promotion_packets::status.eq(status.as_str()))
            .filter(promotion_packets::person_id.eq_any(ids)),
        PacketFilter::Ids(ids, status) => query
            .filter(promotion_packets::id.eq_any(ids))
            .filter(promotion_packets::status.eq(status.as_str())),
        PacketFilter::All => query,
    };
    let rows = query
        .order(promotion_packets::updated_at.desc())
        .limit(limit)
        .select(PacketRow::as_select())
        .load(conn)?;
    summaries_of(conn, rows)
}

pub fn packets_of_person(conn: &mut DbConn, person: PersonId) -> QueryResult<Vec<PacketSummary>> {
    packets_where(conn, 20, PacketFilter::Person(person))
}

pub fn packets_for_people(
    conn: &mut DbConn,
    people_ids: Vec<PersonId>,
) -> QueryResult<Vec<PacketSummary>> {
    if people_ids.is_empty() {
        return Ok(vec![]);
    }
    packets_where(conn, 100, PacketFilter::People(people_ids))
}

pub fn packets_in_status(
    conn: &mut DbConn,
    status: PacketStatus,
    people_ids: Vec<PersonId>,
) -> QueryResult<Vec<PacketSummary>> {
    if people_ids.is_empty() {
        return Ok(vec![]);
    }
    packets_where(conn, 100, PacketFilter::InStatus(status, people_ids))
}

pub fn all_packets(conn: &mut DbConn) -> QueryResult<Vec<PacketSummary>> {
    packets_where(conn, 200, PacketFilter::All)
}

pub fn packets_on_panel(conn: &mut DbConn, member: PersonId) -> QueryResult<Vec<PacketSummary>> {
    let ids: Vec<PacketId> = promotion_panel::table
        .filter(promotion_panel::person_id.eq(member))
        .select(promotion_panel::packet_id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(vec![]);
    }
    packets_where(conn, 100, PacketFilter::Ids(ids, PacketStatus::Submitted))
}

/// Endorsements asked of `endorser`: (id, the person, target level, status).
pub fn endorsements_asked(
    conn: &mut DbConn,
    endorser: PersonId,
) -> QueryResult<Vec<(EndorsementId, PersonSummary, Level, EndorsementStatus)>> {
    let rows: Vec<(EndorsementId, PersonId, String, i32, String)> = promotion_endorsements::table
        .inner_join(promotion_packets::table)
        .filter(promotion_endorsements::endorser_id.eq(endorser))
        .order(promotion_endorsements::requested_at.desc())
        .limit(50)
        .select((
            promotion_endorsements::id,
            promotion_packets::person_id,
            promotion_packets::target_track,
            promotion_packets::target_level,
            promotion_endorsements::status,
        ))
        .load(conn)?;
    let found = org::summaries(conn, &rows.iter().map(|r| r.1).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(|(id, person, t, l, s)| {
            (
                id,
                summary_of(&found, person),
                level(&t, l),
                EndorsementStatus::parse(&s).unwrap_or(EndorsementStatus::Requested),
            )
        })
        .collect())
}

// ---------------------------------------------------------------------------------------
// Self-evaluations

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = self_evaluations)]
pub struct SelfEvaluationRow {
    pub id: SelfEvaluationId,
    pub person_id: PersonId,
    pub ladder_version_id: i64,
    pub target_track: String,
    pub target_level: i32,
    pub shared_at: Option<NaiveDateTime>,
    pub version: i32,
}

impl SelfEvaluationRow {
    pub fn target(&self) -> Level {
        level(&self.target_track, self.target_level)
    }
}

pub fn self_evaluation(conn: &mut DbConn, id: SelfEvaluationId) -> QueryResult<SelfEvaluationRow> {
    self_evaluations::table.find(id).select(SelfEvaluationRow::as_select()).first(conn)
}

/// The person's self-evaluation against `target` in a ladder version, if started.
pub fn self_evaluation_for(
    conn: &mut DbConn,
    person: PersonId,
    version_id: i64,
    target: Level,
) -> QueryResult<Option<SelfEvaluationRow>> {
    self_evaluations::table
        .filter(self_evaluations::person_id.eq(person))
        .filter(self_evaluations::ladder_version_id.eq(version_id))
        .filter(self_evaluations::target_track.eq(target.track.as_str()))
        .filter(self_evaluations::target_level.eq(target.number as i32))
        .select(SelfEvaluationRow::as_select())
        .first(conn)
        .optional()
}

pub fn self_evaluation_items(
    conn: &mut DbConn,
    id: SelfEvaluationId,
) -> QueryResult<Vec<(i32, String, String)>> {
    self_evaluation_items::table
        .filter(self_evaluation_items::self_evaluation_id.eq(id))
        .select((
            self_evaluation_items::criterion,
            self_evaluation_items::evidence,
            self_evaluation_items::links,
        ))
        .load(conn)
}

pub fn comments(conn: &mut DbConn, id: SelfEvaluationId) -> QueryResult<Vec<Comment>> {
    let rows: Vec<(String, String, NaiveDateTime)> = self_evaluation_comments::table
        .inner_join(people::table)
        .filter(self_evaluation_comments::self_evaluation_id.eq(id))
        .order(self_evaluation_comments::created_at.asc())
        .select((
            people::name,
            self_evaluation_comments::body,
            self_evaluation_comments::created_at,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(author, body, at)| Comment { author, body, at }).collect())
}

/// Creates the self-evaluation if needed and saves its items, if still at `expected`
/// (0: not started). Returns false for a stale form.
pub fn save_self_evaluation(
    conn: &mut DbConn,
    person: PersonId,
    version_id: i64,
    target: Level,
    expected: i32,
    items: &[(usize, String, String)],
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let id = match self_evaluation_for(conn, person, version_id, target)? {
        Some(row) if row.version == expected => {
            diesel::update(self_evaluations::table.find(row.id))
                .set((
                    self_evaluations::version.eq(expected + 1),
                    self_evaluations::updated_at.eq(now),
                ))
                .execute(conn)?;
            row.id
        }
        Some(_) => return Ok(false),
        None if expected == 0 => {
            let inserted = diesel::insert_into(self_evaluations::table)
                .values((
                    self_evaluations::person_id.eq(person),
                    self_evaluations::ladder_version_id.eq(version_id),
                    self_evaluations::target_track.eq(target.track.as_str()),
                    self_evaluations::target_level.eq(target.number as i32),
                    self_evaluations::version.eq(1),
                    self_evaluations::created_at.eq(now),
                    self_evaluations::updated_at.eq(now),
                ))
                .execute(conn);
            match inserted {
                Ok(_) => {}
                // Another tab created it first: the unique key says so.
                Err(diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                )) => return Ok(false),
                Err(e) => return Err(e),
            }
            self_evaluation_for(conn, person, version_id, target)?
                .ok_or(diesel::result::Error::NotFound)?
                .id
        }
        None => return Ok(false),
    };
    diesel::delete(
        self_evaluation_items::table.filter(self_evaluation_items::self_evaluation_id.eq(id)),
    )
    .execute(conn)?;
    for (criterion, evidence, links) in
        items.iter().filter(|(_, e, l)| !e.trim().is_empty() || !l.trim().is_empty())
    {
        diesel::insert_into(self_evaluation_items::table)
            .values((
                self_evaluation_items::self_evaluation_id.eq(id),
                self_evaluation_items::criterion.eq(*criterion as i32),
                self_evaluation_items::evidence.eq(evidence),
                self_evaluation_items::links.eq(links),
            ))
            .execute(conn)?;
    }
    Ok(true)
}

pub fn share_self_evaluation(
    conn: &mut DbConn,
    id: SelfEvaluationId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(self_evaluations::table.find(id).filter(self_evaluations::shared_at.is_null()))
        .set(self_evaluations::shared_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

pub fn add_comment(
    conn: &mut DbConn,
    id: SelfEvaluationId,
    author: PersonId,
    body: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(self_evaluation_comments::table)
        .values((
            self_evaluation_comments::self_evaluation_id.eq(id),
            self_evaluation_comments::author_id.eq(author),
            self_evaluation_comments::body.eq(body),
            self_evaluation_comments::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Self-evaluations that these people shared: (id, person, target level).
pub fn shared_self_evaluations(
    conn: &mut DbConn,
    people_ids: Vec<PersonId>,
) -> QueryResult<Vec<(SelfEvaluationId, PersonSummary, Level)>> {
    if people_ids.is_empty() {
        return Ok(vec![]);
    }
    let rows: Vec<SelfEvaluationRow> = self_evaluations::table
        .filter(self_evaluations::person_id.eq_any(people_ids))
        .filter(self_evaluations::shared_at.is_not_null())
        .order(self_evaluations::updated_at.desc())
        .limit(50)
        .select(SelfEvaluationRow::as_select())
        .load(conn)?;
    let found = org::summaries(conn, &rows.iter().map(|r| r.person_id).collect::<Vec<_>>())?;
    Ok(rows.into_iter().map(|r| (r.id, summary_of(&found, r.person_id), r.target())).collect())
}

/// The parsed ladder version a record cites.
pub fn cited_ladder(conn: &mut DbConn, version_id: i64) -> QueryResult<(String, i32, Arc<Ladder>)> {
    ladders::by_version_id(conn, version_id)
}
