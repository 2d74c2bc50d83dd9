//! Server-only queries of calibration. The board is read in a fixed number of set-based
//! queries whatever its size (a 1,000-person board is the budget); every change is a
//! compare-and-set on the entry's version, written with its history row and a bump of the
//! session's version in one transaction.

use super::rules;
use super::types::*;
use crate::db::schema::{
    calibration_appeals, calibration_changes, calibration_entries, calibration_participants,
    calibration_sessions, manager_assessments, people, person_attributes, review_cycles, reviews,
    teams,
};
use crate::db::DbConn;
use crate::kernel::{
    AppealId, ChangeId, CycleId, DepartmentId, EntryId, PersonId, Rating, ReviewId, SessionId,
    TeamId,
};
use crate::org::types::{Level, Track};
use crate::per_backend;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

const CHUNK: usize = 1_000;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calibration_sessions)]
pub struct SessionRow {
    pub id: SessionId,
    pub cycle_id: CycleId,
    pub name: String,
    pub group_label: String,
    pub facilitator_id: PersonId,
    pub status: String,
    pub version: i32,
    pub finalised_at: Option<NaiveDateTime>,
}

impl SessionRow {
    pub fn status(&self) -> SessionStatus {
        SessionStatus::parse(&self.status).unwrap_or(SessionStatus::Open)
    }

    pub fn finalised(&self) -> bool {
        self.status() == SessionStatus::Finalised
    }
}

pub fn session_row(conn: &mut DbConn, id: SessionId) -> QueryResult<SessionRow> {
    calibration_sessions::table.find(id).select(SessionRow::as_select()).first(conn)
}

/// Everyone invited to a session, the facilitator first.
pub fn participant_ids(conn: &mut DbConn, id: SessionId) -> QueryResult<Vec<PersonId>> {
    let mut rows: Vec<(PersonId, String)> = calibration_participants::table
        .filter(calibration_participants::session_id.eq(id))
        .select((calibration_participants::person_id, calibration_participants::role))
        .load(conn)?;
    rows.sort_by_key(|(id, role)| (role != "facilitator", *id));
    Ok(rows.into_iter().map(|r| r.0).collect())
}

fn names(conn: &mut DbConn, ids: &[PersonId]) -> QueryResult<HashMap<PersonId, String>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        out.extend(
            people::table
                .filter(people::id.eq_any(chunk))
                .select((people::id, people::name))
                .load::<(PersonId, String)>(conn)?,
        );
    }
    Ok(out)
}

fn cycle_name(conn: &mut DbConn, id: CycleId) -> QueryResult<String> {
    review_cycles::table.find(id).select(review_cycles::name).first(conn)
}

pub fn session_info(conn: &mut DbConn, row: &SessionRow) -> QueryResult<SessionInfo> {
    let ids = participant_ids(conn, row.id)?;
    let names = names(conn, &ids)?;
    let name_of = |id: &PersonId| names.get(id).cloned().unwrap_or_default();
    Ok(SessionInfo {
        id: row.id,
        name: row.name.clone(),
        cycle_id: row.cycle_id,
        cycle_name: cycle_name(conn, row.cycle_id)?,
        group_label: row.group_label.clone(),
        facilitator_id: row.facilitator_id,
        facilitator: name_of(&row.facilitator_id),
        status: row.status(),
        version: row.version,
        finalised_at: row.finalised_at,
        participants: ids.iter().map(|id| (*id, name_of(id))).collect(),
    })
}

/// Sessions for the list: all of them for HR, otherwise those the viewer is invited to.
pub fn sessions_for(
    conn: &mut DbConn,
    viewer: PersonId,
    everything: bool,
) -> QueryResult<Vec<SessionSummary>> {
    let mut query = calibration_sessions::table.inner_join(review_cycles::table).into_boxed();
    if !everything {
        let mine = calibration_participants::table
            .filter(calibration_participants::person_id.eq(viewer))
            .select(calibration_participants::session_id);
        query = query.filter(calibration_sessions::id.eq_any(mine));
    }
    let rows: Vec<(SessionRow, String, Option<NaiveDateTime>)> = query
        // Open sessions first ("open" sorts after "finalised"), newest first.
        .order((calibration_sessions::status.desc(), calibration_sessions::id.desc()))
        .select((SessionRow::as_select(), review_cycles::name, calibration_sessions::finalised_at))
        .load(conn)?;
    let ids: Vec<SessionId> = rows.iter().map(|r| r.0.id).collect();
    let counts: HashMap<SessionId, i64> = calibration_entries::table
        .filter(calibration_entries::session_id.eq_any(&ids))
        .group_by(calibration_entries::session_id)
        .select((calibration_entries::session_id, diesel::dsl::count_star()))
        .load::<(SessionId, i64)>(conn)?
        .into_iter()
        .collect();
    let facilitators = names(conn, &rows.iter().map(|r| r.0.facilitator_id).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(|(s, cycle_name, finalised_at)| SessionSummary {
            id: s.id,
            people: counts.get(&s.id).copied().unwrap_or(0),
            facilitator: facilitators.get(&s.facilitator_id).cloned().unwrap_or_default(),
            status: s.status(),
            name: s.name,
            cycle_name,
            group_label: s.group_label,
            finalised_at,
        })
        .collect())
}

/// Cycles a session can be created in: assessments open or in calibration.
pub fn cycles_to_calibrate(conn: &mut DbConn) -> QueryResult<Vec<(CycleId, String)>> {
    review_cycles::table
        .filter(review_cycles::status.eq_any(["open", "calibration"]))
        .order(review_cycles::id.desc())
        .select((review_cycles::id, review_cycles::name))
        .load(conn)
}

pub fn teams_with_departments(conn: &mut DbConn) -> QueryResult<Vec<(TeamId, String)>> {
    use crate::db::schema::departments;
    let rows: Vec<(TeamId, String, String)> = teams::table
        .inner_join(departments::table)
        .order((departments::name.asc(), teams::name.asc()))
        .select((teams::id, teams::name, departments::name))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, team, dept)| (id, format!("{team} ({dept})"))).collect())
}

pub struct NewSession<'a> {
    pub cycle_id: CycleId,
    pub name: &'a str,
    pub group_label: &'a str,
    pub facilitator: PersonId,
    pub departments: &'a [DepartmentId],
    pub teams: &'a [TeamId],
    pub created_by: PersonId,
    pub now: NaiveDateTime,
}

/// What creating a session did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    pub id: SessionId,
    pub people: usize,
    /// In the group, but already on another board of the cycle.
    pub elsewhere: usize,
}

/// Creates a session with everyone of the cycle in the chosen departments and teams who is on
/// no other board. The invited managers are the people's current managers; the participants
/// themselves are left off the board (the level above calibrates them), so nobody sits in the
/// room where their own rating is discussed.
pub fn create_session(conn: &mut DbConn, s: &NewSession) -> QueryResult<Created> {
    let in_group: Vec<(ReviewId, PersonId, Option<PersonId>)> = reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .filter(reviews::cycle_id.eq(s.cycle_id))
        .filter(people::department_id.eq_any(s.departments).or(people::team_id.eq_any(s.teams)))
        .select((reviews::id, reviews::person_id, people::manager_id))
        .load(conn)?;
    let mut taken = HashSet::new();
    for chunk in in_group.chunks(CHUNK) {
        let ids: Vec<ReviewId> = chunk.iter().map(|r| r.0).collect();
        taken.extend(
            calibration_entries::table
                .filter(calibration_entries::review_id.eq_any(ids))
                .select(calibration_entries::review_id)
                .load::<ReviewId>(conn)?,
        );
    }
    // Managers who have left are not invited (their reports are discussed by the others).
    let mut managers: Vec<PersonId> = in_group.iter().filter_map(|r| r.2).collect();
    managers.sort_unstable();
    managers.dedup();
    let mut participants: Vec<PersonId> = vec![s.facilitator];
    for chunk in managers.chunks(CHUNK) {
        let active: Vec<PersonId> = people::table
            .filter(people::id.eq_any(chunk))
            .filter(people::status.ne("departed"))
            .select(people::id)
            .load(conn)?;
        participants.extend(active.into_iter().filter(|m| *m != s.facilitator));
    }
    let board: Vec<(ReviewId, PersonId)> = in_group
        .iter()
        .filter(|r| !taken.contains(&r.0) && !participants.contains(&r.1))
        .map(|r| (r.0, r.1))
        .collect();
    diesel::insert_into(calibration_sessions::table)
        .values((
            calibration_sessions::cycle_id.eq(s.cycle_id),
            calibration_sessions::name.eq(s.name),
            calibration_sessions::group_label.eq(s.group_label),
            calibration_sessions::facilitator_id.eq(s.facilitator),
            calibration_sessions::status.eq(SessionStatus::Open.as_str()),
            calibration_sessions::created_by.eq(s.created_by),
            calibration_sessions::created_at.eq(s.now),
            calibration_sessions::updated_at.eq(s.now),
        ))
        .execute(conn)?;
    let id: SessionId = calibration_sessions::table
        .filter(calibration_sessions::created_by.eq(s.created_by))
        .order(calibration_sessions::id.desc())
        .select(calibration_sessions::id)
        .first(conn)?;
    let invited: Vec<_> = participants
        .iter()
        .map(|p| {
            (
                calibration_participants::session_id.eq(id),
                calibration_participants::person_id.eq(*p),
                calibration_participants::role.eq(if *p == s.facilitator {
                    "facilitator"
                } else {
                    "manager"
                }),
            )
        })
        .collect();
    for chunk in invited.chunks(CHUNK) {
        per_backend!(conn, |c| diesel::insert_into(calibration_participants::table)
            .values(chunk)
            .execute(c))?;
    }
    let entries: Vec<_> = board
        .iter()
        .map(|(review, person)| {
            (
                calibration_entries::session_id.eq(id),
                calibration_entries::review_id.eq(*review),
                calibration_entries::person_id.eq(*person),
                calibration_entries::updated_at.eq(s.now),
            )
        })
        .collect();
    for chunk in entries.chunks(CHUNK) {
        per_backend!(conn, |c| diesel::insert_into(calibration_entries::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(Created {
        id,
        people: board.len(),
        elsewhere: in_group.iter().filter(|r| taken.contains(&r.0)).count(),
    })
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calibration_entries)]
pub struct EntryRow {
    pub id: EntryId,
    pub session_id: SessionId,
    pub review_id: ReviewId,
    pub person_id: PersonId,
    pub rating: Option<String>,
    pub potential: Option<String>,
    pub discussed_at: Option<NaiveDateTime>,
    pub discussed_by: Option<PersonId>,
    pub discussion_note: String,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

pub fn entry_row(conn: &mut DbConn, session: SessionId, id: EntryId) -> QueryResult<EntryRow> {
    calibration_entries::table
        .filter(calibration_entries::session_id.eq(session))
        .filter(calibration_entries::id.eq(id))
        .select(EntryRow::as_select())
        .first(conn)
}

/// The board: one row per person, in a fixed number of queries.
/// `only`: one entry, for a person opened from the board.
pub fn board_rows(
    conn: &mut DbConn,
    session: &SessionRow,
    only: Option<EntryId>,
) -> QueryResult<Vec<BoardRow>> {
    let mut query = calibration_entries::table
        .filter(calibration_entries::session_id.eq(session.id))
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(calibration_entries::id.eq(id));
    }
    let entries: Vec<EntryRow> = query.select(EntryRow::as_select()).load(conn)?;
    let review_ids: Vec<ReviewId> = entries.iter().map(|e| e.review_id).collect();
    let person_ids: Vec<PersonId> = entries.iter().map(|e| e.person_id).collect();
    type PersonFacts =
        (PersonId, String, String, Option<String>, Option<PersonId>, String, i32, NaiveDate);
    let mut facts: HashMap<PersonId, PersonFacts> = HashMap::new();
    let mut assessments: HashMap<ReviewId, (Option<String>, Option<NaiveDateTime>, String)> =
        HashMap::new();
    let mut last: HashMap<PersonId, (CycleId, String)> = HashMap::new();
    for (persons, reviews_chunk) in person_ids.chunks(CHUNK).zip(review_ids.chunks(CHUNK)) {
        let rows: Vec<PersonFacts> = people::table
            .left_join(teams::table)
            .filter(people::id.eq_any(persons))
            .select((
                people::id,
                people::name,
                people::title,
                teams::name.nullable(),
                people::manager_id,
                people::track,
                people::level,
                people::hire_date,
            ))
            .load(conn)?;
        facts.extend(rows.into_iter().map(|r| (r.0, r)));
        let rows: Vec<(ReviewId, Option<String>, Option<NaiveDateTime>, String)> =
            manager_assessments::table
                .filter(manager_assessments::review_id.eq_any(reviews_chunk))
                .select((
                    manager_assessments::review_id,
                    manager_assessments::rating,
                    manager_assessments::submitted_at,
                    manager_assessments::goals,
                ))
                .load(conn)?;
        assessments.extend(
            rows.into_iter().map(|(id, rating, submitted, goals)| (id, (rating, submitted, goals))),
        );
        // The latest earlier final rating per person.
        let rows: Vec<(PersonId, CycleId, Option<String>)> = reviews::table
            .filter(reviews::person_id.eq_any(persons))
            .filter(reviews::cycle_id.lt(session.cycle_id))
            .filter(reviews::final_rating.is_not_null())
            .select((reviews::person_id, reviews::cycle_id, reviews::final_rating))
            .load(conn)?;
        for (person, cycle, rating) in rows {
            if last.get(&person).is_none_or(|(c, _)| *c < cycle) {
                last.insert(person, (cycle, rating.unwrap_or_default()));
            }
        }
    }
    let managers = names(
        conn,
        &facts.values().filter_map(|f| f.4).collect::<HashSet<_>>().into_iter().collect::<Vec<_>>(),
    )?;
    let (changes, appeals) = per_entry_counts(conn, session.id)?;
    Ok(entries
        .into_iter()
        .filter_map(|e| {
            let (_, name, title, team, manager_id, track, level, hire_date) =
                facts.remove(&e.person_id)?;
            let (prelim, submitted, goals) =
                assessments.remove(&e.review_id).unwrap_or((None, None, String::new()));
            let preliminary = submitted.and(prelim.as_deref().and_then(Rating::parse));
            let level = Track::parse(&track)
                .and_then(|t| Level::new(t, level as u8))
                .map(|l| l.code())
                .unwrap_or_default();
            Some(BoardRow {
                entry_id: e.id,
                version: e.version,
                review_id: e.review_id,
                person_id: e.person_id,
                name,
                title,
                team: team.unwrap_or_else(|| "No team".into()),
                manager: manager_id.and_then(|m| managers.get(&m).cloned()).unwrap_or_default(),
                manager_id,
                level,
                hire_date,
                preliminary,
                rating: e.rating.as_deref().and_then(Rating::parse).or(preliminary),
                last_rating: last.get(&e.person_id).and_then(|(_, r)| Rating::parse(r)),
                potential: e.potential.as_deref().and_then(Potential::parse),
                discussed: e.discussed_at.is_some(),
                changes: changes.get(&e.id).copied().unwrap_or(0),
                open_appeals: appeals.get(&e.id).copied().unwrap_or(0),
                summary: summary(&goals),
            })
        })
        .collect())
}

/// The first sentence or so of the manager's evidence, for the board's table.
fn summary(text: &str) -> String {
    const MAX: usize = 140;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..end])
}

/// (changes per entry, open appeals per entry) of a session.
fn per_entry_counts(
    conn: &mut DbConn,
    session: SessionId,
) -> QueryResult<(HashMap<EntryId, u32>, HashMap<EntryId, u32>)> {
    let changes = calibration_changes::table
        .filter(calibration_changes::session_id.eq(session))
        .group_by(calibration_changes::entry_id)
        .select((calibration_changes::entry_id, diesel::dsl::count_star()))
        .load::<(EntryId, i64)>(conn)?;
    let appeals = calibration_appeals::table
        .filter(calibration_appeals::session_id.eq(session))
        .filter(calibration_appeals::outcome.is_null())
        .group_by(calibration_appeals::entry_id)
        .select((calibration_appeals::entry_id, diesel::dsl::count_star()))
        .load::<(EntryId, i64)>(conn)?;
    let to_map =
        |rows: Vec<(EntryId, i64)>| rows.into_iter().map(|(id, n)| (id, n as u32)).collect();
    Ok((to_map(changes), to_map(appeals)))
}

/// Marks the board changed, so every open copy refreshes.
fn bump(conn: &mut DbConn, session: SessionId, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(calibration_sessions::table.find(session))
        .set((
            calibration_sessions::version.eq(calibration_sessions::version + 1),
            calibration_sessions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn session_version(conn: &mut DbConn, session: SessionId) -> QueryResult<i32> {
    calibration_sessions::table.find(session).select(calibration_sessions::version).first(conn)
}

/// Compare-and-set on the entry: `false` when somebody changed it since `expected`.
fn touch_entry(
    conn: &mut DbConn,
    entry: EntryId,
    expected: i32,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        calibration_entries::table
            .filter(calibration_entries::id.eq(entry))
            .filter(calibration_entries::version.eq(expected)),
    )
    .set((calibration_entries::version.eq(expected + 1), calibration_entries::updated_at.eq(now)))
    .execute(conn)?;
    Ok(changed == 1)
}

pub struct RatingChange<'a> {
    pub session: SessionId,
    pub entry: EntryId,
    pub expected: i32,
    pub from: Option<Rating>,
    pub to: Rating,
    pub by: PersonId,
    pub rationale: &'a str,
    pub now: NaiveDateTime,
}

/// Changes a rating and records why; `false` when the entry changed since it was read.
pub fn change_rating(conn: &mut DbConn, c: &RatingChange) -> QueryResult<bool> {
    if !touch_entry(conn, c.entry, c.expected, c.now)? {
        return Ok(false);
    }
    diesel::update(calibration_entries::table.find(c.entry))
        .set(calibration_entries::rating.eq(c.to.as_str()))
        .execute(conn)?;
    diesel::insert_into(calibration_changes::table)
        .values((
            calibration_changes::session_id.eq(c.session),
            calibration_changes::entry_id.eq(c.entry),
            calibration_changes::changed_by.eq(c.by),
            calibration_changes::from_rating.eq(c.from.map(Rating::as_str)),
            calibration_changes::to_rating.eq(c.to.as_str()),
            calibration_changes::rationale.eq(c.rationale),
            calibration_changes::changed_at.eq(c.now),
        ))
        .execute(conn)?;
    bump(conn, c.session, c.now)?;
    Ok(true)
}

pub fn mark_discussed(
    conn: &mut DbConn,
    session: SessionId,
    entry: EntryId,
    expected: i32,
    by: PersonId,
    note: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if !touch_entry(conn, entry, expected, now)? {
        return Ok(false);
    }
    diesel::update(calibration_entries::table.find(entry))
        .set((
            calibration_entries::discussed_at.eq(now),
            calibration_entries::discussed_by.eq(by),
            calibration_entries::discussion_note.eq(note),
        ))
        .execute(conn)?;
    bump(conn, session, now)?;
    Ok(true)
}

pub fn set_potential(
    conn: &mut DbConn,
    session: SessionId,
    entry: EntryId,
    expected: i32,
    potential: Potential,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if !touch_entry(conn, entry, expected, now)? {
        return Ok(false);
    }
    diesel::update(calibration_entries::table.find(entry))
        .set(calibration_entries::potential.eq(potential.as_str()))
        .execute(conn)?;
    bump(conn, session, now)?;
    Ok(true)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calibration_changes)]
pub struct ChangeRow {
    pub id: ChangeId,
    pub entry_id: EntryId,
    pub changed_by: PersonId,
    pub from_rating: Option<String>,
    pub to_rating: String,
    pub rationale: String,
    pub changed_at: NaiveDateTime,
}

pub fn changes_of(conn: &mut DbConn, entry: EntryId) -> QueryResult<Vec<ChangeRow>> {
    calibration_changes::table
        .filter(calibration_changes::entry_id.eq(entry))
        .order(calibration_changes::id.asc())
        .select(ChangeRow::as_select())
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calibration_appeals)]
pub struct AppealRow {
    pub id: AppealId,
    pub session_id: SessionId,
    pub entry_id: EntryId,
    pub change_id: ChangeId,
    pub raised_by: PersonId,
    pub reason: String,
    pub raised_at: NaiveDateTime,
    pub outcome: Option<String>,
    pub resolution: String,
    pub resolved_by: Option<PersonId>,
    pub resolved_at: Option<NaiveDateTime>,
}

pub fn appeals_of(conn: &mut DbConn, entry: EntryId) -> QueryResult<Vec<AppealRow>> {
    calibration_appeals::table
        .filter(calibration_appeals::entry_id.eq(entry))
        .order(calibration_appeals::id.asc())
        .select(AppealRow::as_select())
        .load(conn)
}

pub fn appeal_row(conn: &mut DbConn, session: SessionId, id: AppealId) -> QueryResult<AppealRow> {
    calibration_appeals::table
        .filter(calibration_appeals::session_id.eq(session))
        .filter(calibration_appeals::id.eq(id))
        .select(AppealRow::as_select())
        .first(conn)
}

pub fn change_row(conn: &mut DbConn, entry: EntryId, id: ChangeId) -> QueryResult<ChangeRow> {
    calibration_changes::table
        .filter(calibration_changes::entry_id.eq(entry))
        .filter(calibration_changes::id.eq(id))
        .select(ChangeRow::as_select())
        .first(conn)
}

/// Records an appeal; `false` when this change already has one waiting.
pub fn raise_appeal(
    conn: &mut DbConn,
    session: SessionId,
    change: &ChangeRow,
    by: PersonId,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let waiting: i64 = calibration_appeals::table
        .filter(calibration_appeals::change_id.eq(change.id))
        .filter(calibration_appeals::outcome.is_null())
        .count()
        .get_result(conn)?;
    if waiting > 0 {
        return Ok(false);
    }
    diesel::insert_into(calibration_appeals::table)
        .values((
            calibration_appeals::session_id.eq(session),
            calibration_appeals::entry_id.eq(change.entry_id),
            calibration_appeals::change_id.eq(change.id),
            calibration_appeals::raised_by.eq(by),
            calibration_appeals::reason.eq(reason),
            calibration_appeals::raised_at.eq(now),
        ))
        .execute(conn)?;
    bump(conn, session, now)?;
    Ok(true)
}

/// Resolves a waiting appeal; `false` when somebody resolved it first.
pub fn resolve_appeal(
    conn: &mut DbConn,
    appeal: &AppealRow,
    outcome: AppealOutcome,
    resolution: &str,
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        calibration_appeals::table
            .filter(calibration_appeals::id.eq(appeal.id))
            .filter(calibration_appeals::outcome.is_null()),
    )
    .set((
        calibration_appeals::outcome.eq(outcome.as_str()),
        calibration_appeals::resolution.eq(resolution),
        calibration_appeals::resolved_by.eq(by),
        calibration_appeals::resolved_at.eq(now),
    ))
    .execute(conn)?;
    if changed == 1 {
        bump(conn, appeal.session_id, now)?;
    }
    Ok(changed == 1)
}

/// Locks the session and writes every calibrated rating to its review, ready for delivery;
/// `false` when the board changed since the facilitator looked at it.
pub fn finalise(
    conn: &mut DbConn,
    session: SessionId,
    expected: i32,
    rows: &[BoardRow],
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        calibration_sessions::table
            .filter(calibration_sessions::id.eq(session))
            .filter(calibration_sessions::version.eq(expected))
            .filter(calibration_sessions::status.eq(SessionStatus::Open.as_str())),
    )
    .set((
        calibration_sessions::status.eq(SessionStatus::Finalised.as_str()),
        calibration_sessions::finalised_at.eq(now),
        calibration_sessions::finalised_by.eq(by),
        calibration_sessions::version.eq(expected + 1),
        calibration_sessions::updated_at.eq(now),
    ))
    .execute(conn)?;
    if changed != 1 {
        return Ok(false);
    }
    let mut by_rating: BTreeMap<Rating, Vec<ReviewId>> = BTreeMap::new();
    for r in rows {
        if let Some(rating) = r.rating {
            by_rating.entry(rating).or_default().push(r.review_id);
        }
    }
    for (rating, ids) in by_rating {
        for chunk in ids.chunks(CHUNK) {
            diesel::update(
                reviews::table
                    .filter(reviews::id.eq_any(chunk))
                    .filter(reviews::delivered_at.is_null()),
            )
            .set((
                reviews::final_rating.eq(rating.as_str()),
                reviews::finalised_at.eq(now),
                reviews::finalised_by.eq(by),
            ))
            .execute(conn)?;
        }
    }
    Ok(true)
}

/// The session covering a review, if any: (session, participants).
pub fn session_of_review(
    conn: &mut DbConn,
    review: ReviewId,
) -> QueryResult<Option<(SessionId, Vec<PersonId>)>> {
    let session: Option<SessionId> = calibration_entries::table
        .filter(calibration_entries::review_id.eq(review))
        .select(calibration_entries::session_id)
        .first(conn)
        .optional()?;
    match session {
        Some(s) => Ok(Some((s, participant_ids(conn, s)?))),
        None => Ok(None),
    }
}

/// Reviews of a cycle that are on a board (their rating is finalised by the session).
pub fn reviews_on_boards(conn: &mut DbConn, cycle: CycleId) -> QueryResult<HashSet<ReviewId>> {
    Ok(calibration_entries::table
        .inner_join(calibration_sessions::table)
        .filter(calibration_sessions::cycle_id.eq(cycle))
        .select(calibration_entries::review_id)
        .load::<ReviewId>(conn)?
        .into_iter()
        .collect())
}

pub fn attributes_of(
    conn: &mut DbConn,
    ids: &[PersonId],
) -> QueryResult<HashMap<PersonId, Vec<(String, String)>>> {
    let mut out: HashMap<PersonId, Vec<(String, String)>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(PersonId, String, String)> = person_attributes::table
            .filter(person_attributes::person_id.eq_any(chunk))
            .select((
                person_attributes::person_id,
                person_attributes::name,
                person_attributes::value,
            ))
            .load(conn)?;
        for (id, name, value) in rows {
            out.entry(id).or_default().push((name, value));
        }
    }
    Ok(out)
}

/// Every rating in the cycle as it stands: calibrated on a board, else final, else the
/// submitted preliminary rating. The company side of the consistency metric.
pub fn cycle_counts(conn: &mut DbConn, cycle: CycleId) -> QueryResult<Counts> {
    let rows: Vec<(i64, Option<String>, Option<String>, Option<NaiveDateTime>)> = reviews::table
        .inner_join(manager_assessments::table)
        .filter(reviews::cycle_id.eq(cycle))
        .select((
            reviews::id,
            reviews::final_rating,
            manager_assessments::rating,
            manager_assessments::submitted_at,
        ))
        .load(conn)?;
    let calibrated: HashMap<i64, Option<String>> = calibration_entries::table
        .inner_join(calibration_sessions::table)
        .filter(calibration_sessions::cycle_id.eq(cycle))
        .select((calibration_entries::review_id, calibration_entries::rating))
        .load::<(i64, Option<String>)>(conn)?
        .into_iter()
        .collect();
    Ok(rules::counts(rows.into_iter().filter_map(|(id, final_rating, prelim, submitted)| {
        let on_board = calibrated.get(&id).cloned().flatten();
        on_board.or(final_rating).or(submitted.and(prelim)).as_deref().and_then(Rating::parse)
    })))
}

/// (manager, cycle, preliminary, calibrated) for every rating these managers gave that went
/// through a board, oldest cycle first. The rater is the person's manager when the cycle
/// launched (who writes the assessment).
pub fn leniency_rows(
    conn: &mut DbConn,
    managers: &[PersonId],
) -> QueryResult<Vec<(String, String, Rating, Rating)>> {
    let rows: Vec<(PersonId, String, Option<String>, Option<String>)> = calibration_entries::table
        .inner_join(
            reviews::table.inner_join(review_cycles::table).inner_join(manager_assessments::table),
        )
        .filter(reviews::manager_id.eq_any(managers))
        .filter(manager_assessments::submitted_at.is_not_null())
        .order((review_cycles::id.asc(), reviews::manager_id.asc()))
        .select((
            reviews::manager_id.assume_not_null(),
            review_cycles::name,
            manager_assessments::rating,
            calibration_entries::rating,
        ))
        .load(conn)?;
    let names = names(conn, managers)?;
    Ok(rows
        .into_iter()
        .filter_map(|(author, cycle, prelim, calibrated)| {
            let before = Rating::parse(prelim.as_deref()?)?;
            let after = calibrated.as_deref().and_then(Rating::parse).unwrap_or(before);
            Some((names.get(&author)?.clone(), cycle, before, after))
        })
        .collect())
}

/// Names of people, for history and appeals.
pub fn person_names(conn: &mut DbConn, ids: &[PersonId]) -> QueryResult<HashMap<PersonId, String>> {
    names(conn, ids)
}
