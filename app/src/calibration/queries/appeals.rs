//! Changes and appeals.

use super::*;

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
