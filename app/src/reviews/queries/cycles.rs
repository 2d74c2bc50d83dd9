//! Cycles.

use super::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_cycles)]
pub struct CycleRow {
    pub id: CycleId,
    pub name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub scope: String,
    pub scope_id: Option<i64>,
    pub hired_before: NaiveDate,
    pub self_due: NaiveDate,
    pub peer_due: NaiveDate,
    pub manager_due: NaiveDate,
    pub calibration_due: NaiveDate,
    pub delivery_due: NaiveDate,
    pub anonymous_peers: bool,
    pub participants: i32,
    pub status: String,
    pub launched_at: Option<NaiveDateTime>,
    pub calibration_started_at: Option<NaiveDateTime>,
    pub version: i32,
    pub launch_note: Option<String>,
}

impl CycleRow {
    pub fn status(&self) -> CycleStatus {
        CycleStatus::parse(&self.status).unwrap_or(CycleStatus::Draft)
    }

    pub fn scope(&self) -> Scope {
        match (self.scope.as_str(), self.scope_id) {
            ("department", Some(id)) => Scope::Department(DepartmentId(id)),
            ("team", Some(id)) => Scope::Team(PersonId(id)),
            _ => Scope::Everyone,
        }
    }

    pub fn deadlines(&self) -> Deadlines {
        Deadlines {
            self_due: self.self_due,
            peer_due: self.peer_due,
            manager_due: self.manager_due,
            calibration_due: self.calibration_due,
            delivery_due: self.delivery_due,
        }
    }

    pub fn settings(&self) -> CycleSettings {
        CycleSettings {
            name: self.name.clone(),
            period_start: self.period_start,
            period_end: self.period_end,
            scope: self.scope(),
            hired_before: self.hired_before,
            deadlines: self.deadlines(),
            anonymous_peers: self.anonymous_peers,
        }
    }
}

pub fn cycle_row(conn: &mut DbConn, id: CycleId) -> QueryResult<CycleRow> {
    review_cycles::table.find(id).select(CycleRow::as_select()).first(conn)
}

fn scope_label(conn: &mut DbConn, scope: Scope) -> QueryResult<String> {
    use crate::db::schema::departments;
    Ok(match scope {
        Scope::Everyone => "Everyone".into(),
        Scope::Department(id) => {
            let name: Option<String> =
                departments::table.find(id).select(departments::name).first(conn).optional()?;
            format!("The {} department", name.unwrap_or_else(|| "(removed)".into()))
        }
        Scope::Team(manager) => format!("{}'s organisation", org::summary(conn, manager)?.name),
    })
}

pub fn cycle(conn: &mut DbConn, id: CycleId) -> QueryResult<Cycle> {
    let row = cycle_row(conn, id)?;
    to_cycle(conn, row)
}

pub fn to_cycle(conn: &mut DbConn, row: CycleRow) -> QueryResult<Cycle> {
    // Kept on the cycle at launch: counting a 50,000-person cycle's reviews on every review
    // page made those pages grow with the company.
    let participants = row.participants as i64;
    Ok(Cycle {
        id: row.id,
        settings: row.settings(),
        scope_label: scope_label(conn, row.scope())?,
        status: row.status(),
        launched_at: row.launched_at,
        participants,
        version: row.version,
        launch_note: row.launch_note,
    })
}

/// The running cycles (launched, not closed, not `id`) whose period overlaps `s`'s and that
/// already review some of `people`, with how many.
pub fn overlaps(
    conn: &mut DbConn,
    id: CycleId,
    s: &CycleSettings,
    people: &[PersonId],
) -> QueryResult<Vec<Overlap>> {
    let running: Vec<(CycleId, String, NaiveDate, NaiveDate)> = review_cycles::table
        .filter(review_cycles::id.ne(id))
        .filter(
            review_cycles::status
                .ne_all([CycleStatus::Draft.as_str(), CycleStatus::Closed.as_str()]),
        )
        .filter(review_cycles::period_start.le(s.period_end))
        .filter(review_cycles::period_end.ge(s.period_start))
        .order(review_cycles::id.asc())
        .select((
            review_cycles::id,
            review_cycles::name,
            review_cycles::period_start,
            review_cycles::period_end,
        ))
        .load(conn)?;
    let mut found = Vec::new();
    for (cycle, name, period_start, period_end) in running {
        let mut shared = 0;
        for chunk in people.chunks(1_000) {
            shared += reviews::table
                .filter(reviews::cycle_id.eq(cycle))
                .filter(reviews::person_id.eq_any(chunk))
                .count()
                .get_result::<i64>(conn)?;
        }
        if shared > 0 {
            found.push(Overlap { name, period_start, period_end, people: shared });
        }
    }
    Ok(found)
}

/// Keeps HR's reason for launching alongside another cycle.
pub fn set_launch_note(conn: &mut DbConn, id: CycleId, note: &str) -> QueryResult<()> {
    diesel::update(review_cycles::table.find(id))
        .set(review_cycles::launch_note.eq(note))
        .execute(conn)
        .map(|_| ())
}

/// Every cycle, newest period first.
pub fn all_cycles(conn: &mut DbConn) -> QueryResult<Vec<Cycle>> {
    let rows = review_cycles::table
        .order((review_cycles::period_end.desc(), review_cycles::id.desc()))
        .select(CycleRow::as_select())
        .load(conn)?;
    rows.into_iter().map(|r| to_cycle(conn, r)).collect()
}

/// Cycles in which any of `people_ids` is reviewed.
pub fn cycles_covering(conn: &mut DbConn, people_ids: &[PersonId]) -> QueryResult<Vec<Cycle>> {
    let ids: Vec<i64> = reviews::table
        .filter(reviews::person_id.eq_any(people_ids))
        .select(reviews::cycle_id)
        .distinct()
        .load(conn)?;
    let rows = review_cycles::table
        .filter(review_cycles::id.eq_any(ids))
        .order((review_cycles::period_end.desc(), review_cycles::id.desc()))
        .select(CycleRow::as_select())
        .load(conn)?;
    rows.into_iter().map(|r| to_cycle(conn, r)).collect()
}

pub fn create_cycle(
    conn: &mut DbConn,
    s: &CycleSettings,
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<CycleId> {
    let (scope, scope_id) = match s.scope {
        Scope::Everyone => ("everyone", None),
        // One column for either kind of id; `scope` says which.
        Scope::Department(id) => ("department", Some(id.0)),
        Scope::Team(id) => ("team", Some(id.0)),
    };
    diesel::insert_into(review_cycles::table)
        .values((
            review_cycles::name.eq(&s.name),
            review_cycles::period_start.eq(s.period_start),
            review_cycles::period_end.eq(s.period_end),
            review_cycles::scope.eq(scope),
            review_cycles::scope_id.eq(scope_id),
            review_cycles::hired_before.eq(s.hired_before),
            review_cycles::self_due.eq(s.deadlines.self_due),
            review_cycles::peer_due.eq(s.deadlines.peer_due),
            review_cycles::manager_due.eq(s.deadlines.manager_due),
            review_cycles::calibration_due.eq(s.deadlines.calibration_due),
            review_cycles::delivery_due.eq(s.deadlines.delivery_due),
            review_cycles::anonymous_peers.eq(s.anonymous_peers),
            review_cycles::status.eq(CycleStatus::Draft.as_str()),
            review_cycles::created_by.eq(by),
            review_cycles::created_at.eq(now),
            review_cycles::updated_at.eq(now),
        ))
        .execute(conn)?;
    review_cycles::table
        .filter(review_cycles::created_by.eq(by))
        .order(review_cycles::id.desc())
        .select(review_cycles::id)
        .first(conn)
}

/// Who a cycle covers: active people with a manager (someone to assess them), hired before
/// the cut-off, within the scope. Returns (person, manager) pairs.
pub fn participants(
    conn: &mut DbConn,
    s: &CycleSettings,
) -> QueryResult<Vec<(PersonId, PersonId)>> {
    let rows: Vec<(PersonId, Option<PersonId>, DepartmentId)> = people::table
        .filter(people::status.eq("active"))
        .filter(people::hire_date.lt(s.hired_before))
        .select((people::id, people::manager_id, people::department_id))
        .load(conn)?;
    let in_scope: Box<dyn Fn(PersonId, DepartmentId) -> bool> = match s.scope {
        Scope::Everyone => Box::new(|_, _| true),
        Scope::Department(d) => Box::new(move |_, dept| dept == d),
        Scope::Team(root) => {
            // The manager's whole organisation: org's one definition of it.
            let below: HashSet<PersonId> = org::subtree_ids(conn, root)?.into_iter().collect();
            Box::new(move |id, _| below.contains(&id))
        }
    };
    Ok(rows
        .into_iter()
        .filter_map(|(id, manager, dept)| manager.filter(|_| in_scope(id, dept)).map(|m| (id, m)))
        .collect())
}

/// Launches a draft cycle: a review (with empty drafts) for every participant, and a message
/// to each participant and manager. Returns how many reviews were created, or `None` when the
/// cycle was changed meanwhile.
pub fn launch(
    conn: &mut DbConn,
    id: CycleId,
    expected: i32,
    now: NaiveDateTime,
) -> QueryResult<Option<usize>> {
    let row = cycle_row(conn, id)?;
    if row.version != expected || row.status() != CycleStatus::Draft {
        return Ok(None);
    }
    let settings = row.settings();
    let pairs = participants(conn, &settings)?;
    for chunk in pairs.chunks(1_000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(p, m)| {
                (
                    reviews::cycle_id.eq(id),
                    reviews::person_id.eq(*p),
                    reviews::manager_id.eq(Some(*m)),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(reviews::table).values(&rows).execute(c))?;
    }
    let ids: Vec<i64> =
        reviews::table.filter(reviews::cycle_id.eq(id)).select(reviews::id).load(conn)?;
    for chunk in ids.chunks(1_000) {
        let selfs: Vec<_> = chunk.iter().map(|r| self_assessments::review_id.eq(*r)).collect();
        per_backend!(conn, |c| diesel::insert_into(self_assessments::table)
            .values(&selfs)
            .execute(c))?;
        let managers: Vec<_> =
            chunk.iter().map(|r| manager_assessments::review_id.eq(*r)).collect();
        per_backend!(conn, |c| diesel::insert_into(manager_assessments::table)
            .values(&managers)
            .execute(c))?;
    }
    set_status(conn, id, expected, CycleStatus::Open, now)?;
    diesel::update(review_cycles::table.find(id))
        .set(review_cycles::participants.eq(pairs.len() as i32))
        .execute(conn)?;
    notifications::announce_launch(conn, &row, &pairs, now)?;
    recount_tallies(conn, id)?;
    Ok(Some(pairs.len()))
}

/// Moves a cycle on, if nobody else did first.
pub fn set_status(
    conn: &mut DbConn,
    id: CycleId,
    expected: i32,
    status: CycleStatus,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = review_cycles::table
        .filter(review_cycles::id.eq(id))
        .filter(review_cycles::version.eq(expected));
    let changed = match status {
        CycleStatus::Open => diesel::update(target)
            .set((
                review_cycles::status.eq(status.as_str()),
                review_cycles::launched_at.eq(now),
                review_cycles::version.eq(expected + 1),
                review_cycles::updated_at.eq(now),
            ))
            .execute(conn)?,
        CycleStatus::Calibration => diesel::update(target)
            .set((
                review_cycles::status.eq(status.as_str()),
                review_cycles::calibration_started_at.eq(now),
                review_cycles::version.eq(expected + 1),
                review_cycles::updated_at.eq(now),
            ))
            .execute(conn)?,
        _ => diesel::update(target)
            .set((
                review_cycles::status.eq(status.as_str()),
                review_cycles::version.eq(expected + 1),
                review_cycles::updated_at.eq(now),
            ))
            .execute(conn)?,
    };
    Ok(changed == 1)
}
