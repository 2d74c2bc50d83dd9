//! Lists.

use super::*;

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
    Ids(Vec<PacketId>, PacketStatus),
    /// Submitted packets nobody has named a panel for yet (HR's next step).
    AwaitingPanel,
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
        PacketFilter::Ids(ids, status) => query
            .filter(promotion_packets::id.eq_any(ids))
            .filter(promotion_packets::status.eq(status.as_str())),
        PacketFilter::AwaitingPanel => query
            .filter(promotion_packets::status.eq(PacketStatus::Submitted.as_str()))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                promotion_panel::table.filter(promotion_panel::packet_id.eq(promotion_packets::id)),
            ))),
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

/// Calibrated packets waiting for `leader`'s decision as skip-level: people whose manager
/// reports to `leader`. The join starts from the few calibrated packets, so a leader with
/// thousands of people two levels down costs what one with ten does.
pub fn packets_to_decide(conn: &mut DbConn, leader: PersonId) -> QueryResult<Vec<PacketSummary>> {
    let (subjects, managers) = diesel::alias!(people as subjects, people as managers);
    let rows = promotion_packets::table
        .inner_join(subjects.on(subjects.field(people::id).eq(promotion_packets::person_id)))
        .inner_join(
            managers
                .on(subjects.field(people::manager_id).eq(managers.field(people::id).nullable())),
        )
        .filter(promotion_packets::status.eq(PacketStatus::Calibrated.as_str()))
        .filter(managers.field(people::manager_id).eq(leader))
        .filter(managers.field(people::status).ne(org::DEPARTED))
        .filter(subjects.field(people::status).ne(org::DEPARTED))
        .order(promotion_packets::updated_at.desc())
        .limit(100)
        .select(PacketRow::as_select())
        .load(conn)?;
    summaries_of(conn, rows)
}

pub fn all_packets(conn: &mut DbConn) -> QueryResult<Vec<PacketSummary>> {
    packets_where(conn, 200, PacketFilter::All)
}

/// Submitted packets waiting for HR to name their promotion calibration panel, at most 100.
pub fn packets_awaiting_panel(conn: &mut DbConn) -> QueryResult<Vec<PacketSummary>> {
    packets_where(conn, 100, PacketFilter::AwaitingPanel)
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

/// Endorsements asked of `endorser`: (id, the person, target level, status, when asked).
#[allow(clippy::type_complexity)]
pub fn endorsements_asked(
    conn: &mut DbConn,
    endorser: PersonId,
) -> QueryResult<Vec<(EndorsementId, PersonSummary, Level, EndorsementStatus, NaiveDateTime)>> {
    let rows: Vec<(EndorsementId, PersonId, String, i32, String, NaiveDateTime)> =
        promotion_endorsements::table
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
                promotion_endorsements::requested_at,
            ))
            .load(conn)?;
    let found = org::summaries(conn, &rows.iter().map(|r| r.1).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(|(id, person, t, l, s, at)| {
            (
                id,
                summary_of(&found, person),
                level(&t, l),
                EndorsementStatus::parse(&s).unwrap_or(EndorsementStatus::Requested),
                at,
            )
        })
        .collect())
}
