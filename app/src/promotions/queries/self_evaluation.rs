//! Self-evaluations.

use super::*;

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
