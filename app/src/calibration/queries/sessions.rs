//! Sessions.

use super::*;

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

/// Everyone with a row on a session's board.
pub fn people_on_board(conn: &mut DbConn, id: SessionId) -> QueryResult<Vec<PersonId>> {
    calibration_entries::table
        .filter(calibration_entries::session_id.eq(id))
        .select(calibration_entries::person_id)
        .load(conn)
}

pub(super) fn names(conn: &mut DbConn, ids: &[PersonId]) -> QueryResult<HashMap<PersonId, String>> {
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
    // On a board, a review's final rating is the session's, no longer HR's to give.
    let on_board: Vec<ReviewId> = board.iter().map(|(review, _)| *review).collect();
    crate::reviews::queries::mark_awaiting_final(conn, &on_board)?;
    Ok(Created {
        id,
        people: board.len(),
        elsewhere: in_group.iter().filter(|r| taken.contains(&r.0)).count(),
    })
}
