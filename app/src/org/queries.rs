//! Server-only queries of the org model. Every query here is bounded by what one page shows
//! (a profile, a page of the directory, a few levels of the chart), never by the org's size.
//! Organisation sizes are stored (`people.org_size`) and kept by the writes that change the
//! tree, in their transaction: [`change_manager`], [`record_departure`] and, for bulk loads,
//! [`recount_org_sizes`].

use super::types::*;
use crate::db::schema::{departments, people, teams};
use crate::db::DbConn;
use crate::kernel::{DepartmentId, PersonId};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

const DEPARTED: &str = "departed";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = people)]
pub struct SummaryRow {
    id: PersonId,
    name: String,
    title: String,
    email: String,
    #[diesel(select_expression = departments::name)]
    #[diesel(select_expression_type = departments::name)]
    department: String,
    #[diesel(select_expression = teams::name.nullable())]
    #[diesel(select_expression_type = diesel::dsl::Nullable<teams::name>)]
    team: Option<String>,
    location: String,
    status: String,
}

impl From<SummaryRow> for PersonSummary {
    fn from(r: SummaryRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            title: r.title,
            email: r.email,
            department: r.department,
            team: r.team,
            location: r.location,
            status: EmploymentStatus::parse(&r.status).unwrap_or(EmploymentStatus::Active),
        }
    }
}

/// The people table with the department and team names a summary needs.
#[diesel::dsl::auto_type(no_type_alias)]
fn people_with_org() -> _ {
    people::table.inner_join(departments::table).left_join(teams::table)
}

pub fn summary(conn: &mut DbConn, id: PersonId) -> QueryResult<PersonSummary> {
    people_with_org()
        .filter(people::id.eq(id))
        .select(SummaryRow::as_select())
        .first(conn)
        .map(Into::into)
}

/// Summaries for a set of ids, in no particular order.
pub fn summaries(conn: &mut DbConn, ids: &[PersonId]) -> QueryResult<Vec<PersonSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(people_with_org()
        .filter(people::id.eq_any(ids))
        .select(SummaryRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn manager_of(conn: &mut DbConn, id: PersonId) -> QueryResult<Option<PersonId>> {
    people::table.find(id).select(people::manager_id).first(conn).optional().map(Option::flatten)
}

/// Manager ids from the nearest up to the top. Bounded so corrupt data cannot loop forever.
pub fn manager_chain(conn: &mut DbConn, id: PersonId) -> QueryResult<Vec<PersonId>> {
    let mut chain = Vec::new();
    let mut current = manager_of(conn, id)?;
    while let Some(m) = current {
        if chain.contains(&m) || chain.len() > 64 {
            break;
        }
        chain.push(m);
        current = manager_of(conn, m)?;
    }
    Ok(chain)
}

/// An active person by work email, with their level (forms that name colleagues).
pub fn active_person_by_email(
    conn: &mut DbConn,
    email: &str,
) -> QueryResult<Option<(PersonId, Level)>> {
    let row: Option<(PersonId, String, i32)> = people::table
        .filter(people::email.eq(email))
        .filter(people::status.eq("active"))
        .select((people::id, people::track, people::level))
        .first(conn)
        .optional()?;
    Ok(row.map(|(id, track, level)| {
        let track = Track::parse(&track).unwrap_or(Track::Ic);
        (id, Level::new(track, level as u8).unwrap_or(Level { track, number: 1 }))
    }))
}

/// Active and on-leave direct reports, by name.
pub fn direct_reports(conn: &mut DbConn, id: PersonId) -> QueryResult<Vec<PersonSummary>> {
    Ok(people_with_org()
        .filter(people::manager_id.eq(id))
        .filter(people::status.ne(DEPARTED))
        .order((people::name.asc(), people::id.asc()))
        .select(SummaryRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Active people two levels below `id` (their manager is an active direct report of `id`),
/// in one query rather than one per report.
pub fn skip_level_report_ids(conn: &mut DbConn, id: PersonId) -> QueryResult<Vec<PersonId>> {
    let managers = diesel::alias!(people as managers);
    people::table
        .inner_join(managers.on(people::manager_id.eq(managers.field(people::id).nullable())))
        .filter(managers.field(people::manager_id).eq(id))
        .filter(managers.field(people::status).ne(DEPARTED))
        .filter(people::status.ne(DEPARTED))
        .order(people::id.asc())
        .select(people::id)
        .load(conn)
}

/// The active people below `id` at any depth, as a recursive query: the one definition of
/// "someone's organisation" (the walk stops at people who have left, whose reports are
/// counted where HR moves them). `id` is an integer, so formatting it into the SQL is safe;
/// the same SQL runs on both backends, which do not share a placeholder syntax.
fn subtree_sql(id: PersonId, select: &str) -> String {
    format!(
        "WITH RECURSIVE below(id) AS ( \
           SELECT id FROM people WHERE manager_id = {id} AND status <> '{DEPARTED}' \
           UNION \
           SELECT p.id FROM people p JOIN below b ON p.manager_id = b.id WHERE p.status <> '{DEPARTED}') \
         SELECT {select} FROM below"
    )
}

/// No one: the key of the org chart's root among managers, and an id no person has.
const NO_MANAGER: PersonId = PersonId(-1);

/// Everyone below `id` (see [`subtree_sql`]), in id order.
pub fn subtree_ids(conn: &mut DbConn, id: PersonId) -> QueryResult<Vec<PersonId>> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: PersonId,
    }
    let rows: Vec<Row> = diesel::sql_query(subtree_sql(id, "id") + " ORDER BY id").load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Number of people below `id` at any depth (see [`subtree_sql`]), counted now: the reference
/// that the stored `people.org_size` must equal (the tests compare them). Pages read the
/// stored column, which costs the same at the top of the tree as at the bottom.
pub fn org_size(conn: &mut DbConn, id: PersonId) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    Ok(diesel::sql_query(subtree_sql(id, "COUNT(*) AS n")).get_result::<Count>(conn)?.n)
}

/// A person's ladder level.
pub fn level_of(conn: &mut DbConn, id: PersonId) -> QueryResult<Level> {
    let (track, level): (String, i32) =
        people::table.find(id).select((people::track, people::level)).first(conn)?;
    let track = Track::parse(&track).unwrap_or(Track::Ic);
    Ok(Level::new(track, level as u8).unwrap_or(Level { track, number: 1 }))
}

#[derive(Debug, Clone, Queryable)]
struct ProfileRow {
    track: String,
    level: i32,
    hire_date: NaiveDate,
    departed_on: Option<NaiveDate>,
    departure_reason: Option<String>,
    is_hr_admin: bool,
    is_executive: bool,
    version: i32,
    org_size: i64,
}

/// The raw profile; the server function decides what the viewer may see of it.
pub fn profile(conn: &mut DbConn, id: PersonId, today: NaiveDate) -> QueryResult<PersonProfile> {
    let person = summary(conn, id)?;
    let row: ProfileRow = people::table
        .find(id)
        .select((
            people::track,
            people::level,
            people::hire_date,
            people::departed_on,
            people::departure_reason,
            people::is_hr_admin,
            people::is_executive,
            people::version,
            people::org_size,
        ))
        .first(conn)?;
    let chain_ids = manager_chain(conn, id)?;
    let mut by_id: std::collections::HashMap<_, _> =
        summaries(conn, &chain_ids)?.into_iter().map(|p| (p.id, p)).collect();
    let chain = chain_ids.iter().filter_map(|i| by_id.remove(i)).collect();
    let track = Track::parse(&row.track).unwrap_or(Track::Ic);
    Ok(PersonProfile {
        person,
        level: Level::new(track, row.level as u8).unwrap_or(Level { track, number: 1 }),
        hire_date: row.hire_date,
        departed_on: row.departed_on,
        departure_reason: row.departure_reason,
        is_hr_admin: row.is_hr_admin,
        is_executive: row.is_executive,
        chain,
        reports: direct_reports(conn, id)?,
        org_size: row.org_size,
        version: row.version,
        can_change_manager: false,
        today,
    })
}

pub const DIRECTORY_PAGE_SIZE: u32 = 50;

/// Escapes LIKE wildcards so a search for "50%" means the text "50%".
fn like_pattern(q: &str) -> String {
    let mut out = String::from("%");
    for ch in q.trim().to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

pub fn directory(
    conn: &mut DbConn,
    query: &DirectoryQuery,
    include_departed: bool,
) -> QueryResult<(Vec<PersonSummary>, i64)> {
    let filtered = || {
        let mut q = people_with_org().into_boxed();
        match query.status {
            Some(status) if include_departed || status != EmploymentStatus::Departed => {
                q = q.filter(people::status.eq(status.as_str()));
            }
            // IN rather than <>: an index can serve it.
            _ => {
                q = q.filter(people::status.eq_any([
                    EmploymentStatus::Active.as_str(),
                    EmploymentStatus::OnLeave.as_str(),
                ]))
            }
        }
        if !query.q.trim().is_empty() {
            q = q.filter(people::search_text.like(like_pattern(&query.q)).escape('\\'));
        }
        if let Some(dept) = query.department {
            q = q.filter(people::department_id.eq(dept));
        }
        if let Some(loc) = query.location.as_deref().filter(|l| !l.is_empty()) {
            q = q.filter(people::location.eq(loc.to_string()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let page = query.page.max(1);
    let rows = filtered()
        .order((people::search_text.asc(), people::id.asc()))
        .limit(DIRECTORY_PAGE_SIZE as i64)
        .offset(((page - 1) * DIRECTORY_PAGE_SIZE) as i64)
        .select(SummaryRow::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(Into::into).collect(), total))
}

pub fn departments(conn: &mut DbConn) -> QueryResult<Vec<Department>> {
    Ok(departments::table
        .order(departments::name.asc())
        .select((departments::id, departments::name))
        .load::<(DepartmentId, String)>(conn)?
        .into_iter()
        .map(|(id, name)| Department { id, name })
        .collect())
}

pub fn locations(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    people::table.select(people::location).distinct().order(people::location.asc()).load(conn)
}

/// The person at the top of the company: active, nobody above them.
pub fn top_of_company(conn: &mut DbConn) -> QueryResult<Option<PersonId>> {
    people::table
        .filter(people::manager_id.is_null())
        .filter(people::status.ne(DEPARTED))
        .order(people::id.asc())
        .select(people::id)
        .first(conn)
        .optional()
}

/// Upper bound of boxes in one rendering of the chart, so a chart of 50,000 people stays a
/// page a browser can draw; deeper parts are reached by focusing on a subtree.
pub const ORG_CHART_MAX_NODES: usize = 400;

pub fn org_chart(conn: &mut DbConn, root: PersonId, depth: u32) -> QueryResult<OrgChart> {
    let root_summary = summary(conn, root)?;
    // Load level by level: one query for the people and one for their report counts.
    let mut levels: Vec<Vec<(PersonSummary, Option<PersonId>)>> = vec![vec![(root_summary, None)]];
    let mut shown = 1usize;
    let mut truncated = false;
    for _ in 0..depth {
        let parents: Vec<PersonId> = levels.last().unwrap().iter().map(|(p, _)| p.id).collect();
        let rows: Vec<(SummaryRow, Option<PersonId>)> = people_with_org()
            .filter(people::manager_id.eq_any(&parents))
            .filter(people::status.ne(DEPARTED))
            .order((people::name.asc(), people::id.asc()))
            .select((SummaryRow::as_select(), people::manager_id))
            .load(conn)?;
        if rows.is_empty() {
            break;
        }
        if shown + rows.len() > ORG_CHART_MAX_NODES {
            truncated = true;
            break;
        }
        shown += rows.len();
        levels.push(rows.into_iter().map(|(r, m)| (r.into(), m)).collect());
    }
    let all_ids: Vec<PersonId> = levels.iter().flatten().map(|(p, _)| p.id).collect();
    let counts: std::collections::HashMap<PersonId, i64> = people::table
        .filter(people::manager_id.eq_any(&all_ids))
        .filter(people::status.ne(DEPARTED))
        .group_by(people::manager_id)
        .select((people::manager_id.assume_not_null(), diesel::dsl::count_star()))
        .load::<(PersonId, i64)>(conn)?
        .into_iter()
        .collect();
    // Assemble bottom-up.
    let depth_loaded = levels.len() as u32 - 1;
    let mut below: std::collections::HashMap<PersonId, Vec<OrgNode>> = Default::default();
    for level in levels.into_iter().rev() {
        let mut next: std::collections::HashMap<PersonId, Vec<OrgNode>> = Default::default();
        for (person, manager) in level {
            let node = OrgNode {
                report_count: counts.get(&person.id).copied().unwrap_or(0),
                children: below.remove(&person.id).unwrap_or_default(),
                person,
            };
            next.entry(manager.unwrap_or(NO_MANAGER)).or_default().push(node);
        }
        below = next;
    }
    let root = below.remove(&NO_MANAGER).and_then(|mut v| v.pop()).expect("root node");
    let ancestor_ids = manager_chain(conn, root.person.id)?;
    let mut by_id: std::collections::HashMap<_, _> =
        summaries(conn, &ancestor_ids)?.into_iter().map(|p| (p.id, p)).collect();
    let ancestors = ancestor_ids.iter().rev().filter_map(|i| by_id.remove(i)).collect();
    Ok(OrgChart { root, ancestors, depth: depth_loaded, total_shown: shown, truncated })
}

/// Serialises changes to the manager tree until the transaction ends. The loop check reads
/// other people's rows, so two moves that are each fine alone ("A under B", "B under A")
/// must not run side by side; nor may two writes that each walk a manager chain to keep the
/// stored organisation sizes (a departure above a move would otherwise count the moved
/// people through someone who has just left). SQLite already allows one writer at a time;
/// PostgreSQL needs the lock.
fn lock_the_tree(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Postgres(c) = conn {
        use diesel::connection::SimpleConnection;
        // An arbitrary constant naming "the manager tree" among advisory locks.
        c.batch_execute("SELECT pg_advisory_xact_lock(7401)")?;
    }
    Ok(())
}

#[derive(Debug)]
pub enum ManagerChange {
    Done { from: Option<PersonId>, to: PersonId },
    UnknownManager,
    Stale,
    Rule(super::rules::CycleCheck),
}

/// Moves `person` under the active person with `manager_email`, if the version still
/// matches (nobody else changed the person since the form was opened) and the tree stays a
/// tree. Call inside a transaction.
pub fn change_manager(
    conn: &mut DbConn,
    person: PersonId,
    manager_email: &str,
    version: i32,
    now: NaiveDateTime,
) -> QueryResult<ManagerChange> {
    lock_the_tree(conn)?;
    let current: (Option<PersonId>, i32, String, i64) = people::table
        .find(person)
        .select((people::manager_id, people::version, people::status, people::org_size))
        .first(conn)?;
    if current.1 != version {
        return Ok(ManagerChange::Stale);
    }
    let manager: Option<PersonId> = people::table
        .filter(people::email.eq(manager_email.trim().to_lowercase()))
        .filter(people::status.ne(DEPARTED))
        .select(people::id)
        .first(conn)
        .optional()?;
    let Some(manager) = manager else {
        return Ok(ManagerChange::UnknownManager);
    };
    let mut lookup_error = None;
    let check =
        super::rules::check_manager_change(person, manager, |id| match manager_of(conn, id) {
            Ok(m) => m,
            Err(e) => {
                lookup_error = Some(e);
                None
            }
        });
    if let Some(e) = lookup_error {
        return Err(e);
    }
    if let Err(rule) = check {
        return Ok(ManagerChange::Rule(rule));
    }
    let updated = diesel::update(
        people::table.filter(people::id.eq(person)).filter(people::version.eq(version)),
    )
    .set((
        people::manager_id.eq(manager),
        people::version.eq(version + 1),
        people::updated_at.eq(now),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Ok(ManagerChange::Stale);
    }
    // The person and their organisation leave the old manager's chain and join the new one's
    // (someone who has left moves alone: they count nowhere, nor does anyone through them).
    let moved = if current.2 == DEPARTED { 0 } else { 1 + current.3 };
    add_to_org_sizes(conn, current.0, -moved)?;
    add_to_org_sizes(conn, Some(manager), moved)?;
    Ok(ManagerChange::Done { from: current.0, to: manager })
}

/// HR's data checks for "My work": active people with no manager (besides the top of the
/// company) and active people whose manager has left. Bounded to 50 of each.
pub fn org_data_checks(conn: &mut DbConn) -> QueryResult<(Vec<PersonSummary>, Vec<PersonSummary>)> {
    let top = top_of_company(conn)?;
    let without: Vec<PersonId> = people::table
        .filter(people::manager_id.is_null())
        .filter(people::status.ne(DEPARTED))
        .filter(people::id.ne(top.unwrap_or(NO_MANAGER)))
        .select(people::id)
        .limit(50)
        .load(conn)?;
    // SQLite's planner drives this join from the departed (by the status index): about 3 ms at
    // 50,000 people. PostgreSQL's, told it may stop after 50 rows, walks every active person to
    // their manager instead and reads the whole table when fewer than 50 match (106 ms); there
    // the departed are listed first (a partial index) and their reports looked up by the
    // manager index, in chunks (about 9 ms).
    let orphaned: Vec<PersonId> = if matches!(conn, DbConn::Sqlite(_)) {
        let managers = diesel::alias!(people as managers);
        people::table
            .inner_join(managers.on(people::manager_id.eq(managers.field(people::id).nullable())))
            .filter(people::status.ne(DEPARTED))
            .filter(managers.field(people::status).eq(DEPARTED))
            .select(people::id)
            .limit(50)
            .load(conn)?
    } else {
        let departed: Vec<PersonId> =
            people::table.filter(people::status.eq(DEPARTED)).select(people::id).load(conn)?;
        let mut orphaned: Vec<PersonId> = Vec::new();
        for managers in departed.chunks(500) {
            orphaned.extend(
                people::table
                    .filter(people::manager_id.eq_any(managers))
                    .filter(people::status.ne(DEPARTED))
                    .select(people::id)
                    .limit(50 - orphaned.len() as i64)
                    .load::<PersonId>(conn)?,
            );
            if orphaned.len() >= 50 {
                break;
            }
        }
        orphaned
    };
    Ok((summaries(conn, &without)?, summaries(conn, &orphaned)?))
}

#[derive(Debug)]
pub enum DepartureRecorded {
    Done { sessions_ended: usize },
    Stale,
    AlreadyDeparted,
    BeforeHireDate(NaiveDate),
}

/// Marks a person as departed and ends all their sessions, in the caller's transaction. The
/// person and their organisation no longer count above them (their own stored size stays:
/// it still describes who reports to them until HR moves those people).
pub fn record_departure(
    conn: &mut DbConn,
    person: PersonId,
    on: NaiveDate,
    reason: &str,
    version: i32,
    now: NaiveDateTime,
) -> QueryResult<DepartureRecorded> {
    lock_the_tree(conn)?;
    let (status, hired, current, manager, org_size): (
        String,
        NaiveDate,
        i32,
        Option<PersonId>,
        i64,
    ) = people::table
        .find(person)
        .select((
            people::status,
            people::hire_date,
            people::version,
            people::manager_id,
            people::org_size,
        ))
        .first(conn)?;
    if current != version {
        return Ok(DepartureRecorded::Stale);
    }
    if status == DEPARTED {
        return Ok(DepartureRecorded::AlreadyDeparted);
    }
    if on < hired {
        return Ok(DepartureRecorded::BeforeHireDate(hired));
    }
    let updated = diesel::update(
        people::table.filter(people::id.eq(person)).filter(people::version.eq(version)),
    )
    .set((
        people::status.eq(DEPARTED),
        people::departed_on.eq(Some(on)),
        people::departure_reason.eq(Some(reason.to_string())),
        people::version.eq(version + 1),
        people::updated_at.eq(now),
    ))
    .execute(conn)?;
    if updated == 0 {
        return Ok(DepartureRecorded::Stale);
    }
    add_to_org_sizes(conn, manager, -(1 + org_size))?;
    let sessions_ended = crate::auth::sessions::end_all_for(conn, person)?;
    Ok(DepartureRecorded::Done { sessions_ended })
}

/// Ids per UPDATE when stored organisation sizes are written: well under both backends'
/// limits on bound parameters.
const ORG_SIZE_BATCH: usize = 1_000;

/// Adds `delta` to the stored organisation size of `from` and of each manager above them,
/// for as long as the chain passes through people who count: it stops after the first person
/// who has left (their organisation changes; nobody's above them does, since nobody is
/// counted through them). One read per level of the chain and one UPDATE: bounded by the
/// depth of the tree, not by the size of anyone's organisation. Call with the tree locked,
/// inside the transaction that changes it.
fn add_to_org_sizes(conn: &mut DbConn, from: Option<PersonId>, delta: i64) -> QueryResult<()> {
    if delta == 0 {
        return Ok(());
    }
    let mut chain: Vec<PersonId> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut current = from;
    // `seen`: corrupt data (a loop of managers) cannot walk forever.
    while let Some(id) = current.filter(|id| seen.insert(*id)) {
        chain.push(id);
        let (manager, status): (Option<PersonId>, String) =
            people::table.find(id).select((people::manager_id, people::status)).first(conn)?;
        current = if status == DEPARTED { None } else { manager };
    }
    for ids in chain.chunks(ORG_SIZE_BATCH) {
        diesel::update(people::table.filter(people::id.eq_any(ids)))
            .set(people::org_size.eq(people::org_size + delta))
            .execute(conn)?;
    }
    Ok(())
}

/// Every organisation size, from `(id, manager, counts)` rows where `counts` is false for
/// people who have left: the definition of [`subtree_sql`] (a person's organisation is their
/// non-departed reports and, through each of them, theirs), computed children before
/// managers so each person is visited once. People caught in a loop of managers (corrupt
/// data) keep what was counted below the loop. The sizes come back in the rows' order.
fn count_org_sizes(rows: &[(PersonId, Option<PersonId>, bool)]) -> Vec<i64> {
    let index: std::collections::HashMap<PersonId, usize> =
        rows.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
    let manager: Vec<Option<usize>> =
        rows.iter().map(|r| r.1.and_then(|m| index.get(&m).copied())).collect();
    // How many counted reports each person still waits for before their size is final.
    let mut waiting = vec![0usize; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        if let (true, Some(m)) = (row.2, manager[i]) {
            waiting[m] += 1;
        }
    }
    let mut size = vec![0i64; rows.len()];
    let mut done: Vec<usize> = (0..rows.len()).filter(|&i| waiting[i] == 0).collect();
    while let Some(i) = done.pop() {
        let (true, Some(m)) = (rows[i].2, manager[i]) else { continue };
        size[m] += 1 + size[i];
        waiting[m] -= 1;
        if waiting[m] == 0 {
            done.push(m);
        }
    }
    size
}

/// Recounts every stored organisation size from the tree, for bulk loads (the demo seeder,
/// an HR import) where walking chains per change would cost more than counting once: reads
/// (id, manager, status, stored size) in one query, counts in memory, and writes only the
/// sizes that changed, one UPDATE per distinct size and batch of ids. Returns how many
/// people's size changed. Call inside the transaction that loads the data.
pub fn recount_org_sizes(conn: &mut DbConn) -> QueryResult<usize> {
    lock_the_tree(conn)?;
    let rows: Vec<(PersonId, Option<PersonId>, String, i64)> = people::table
        .select((people::id, people::manager_id, people::status, people::org_size))
        .load(conn)?;
    let tree: Vec<_> =
        rows.iter().map(|(id, m, status, _)| (*id, *m, status != DEPARTED)).collect();
    let mut changed: std::collections::BTreeMap<i64, Vec<PersonId>> = Default::default();
    for ((id, _, _, stored), size) in rows.iter().zip(count_org_sizes(&tree)) {
        if *stored != size {
            changed.entry(size).or_default().push(*id);
        }
    }
    let mut updated = 0;
    for (size, ids) in changed {
        for batch in ids.chunks(ORG_SIZE_BATCH) {
            updated += diesel::update(people::table.filter(people::id.eq_any(batch)))
                .set(people::org_size.eq(size))
                .execute(conn)?;
        }
    }
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::count_org_sizes;
    use crate::kernel::PersonId;

    #[test]
    fn org_sizes_count_the_people_below_and_stop_at_people_who_left() {
        // 1 ─┬─ 2 ─┬─ 4
        //    │     └─ 5 (left) ── 7 ── 8
        //    └─ 3 ─── 6 (left)
        // 9 (left) ── 10
        let rows = [
            (PersonId(1), None, true),
            (PersonId(2), Some(PersonId(1)), true),
            (PersonId(3), Some(PersonId(1)), true),
            (PersonId(4), Some(PersonId(2)), true),
            (PersonId(5), Some(PersonId(2)), false),
            (PersonId(6), Some(PersonId(3)), false),
            (PersonId(7), Some(PersonId(5)), true),
            (PersonId(8), Some(PersonId(7)), true),
            (PersonId(9), None, false),
            (PersonId(10), Some(PersonId(9)), true),
        ];
        // 1: 2, 3, 4 (5 and 6 left; 7 and 8 are below 5). 5, who left, still has 7 and 8.
        assert_eq!(count_org_sizes(&rows), vec![3, 1, 0, 0, 2, 0, 1, 0, 1, 0]);
    }

    #[test]
    fn org_sizes_ignore_order_unknown_managers_and_loops() {
        // Children before managers, a manager who is not in the rows, and a loop (corrupt
        // data) that must not hang: 3 and 4 manage each other, 5 reports to 3.
        let rows = [
            (PersonId(2), Some(PersonId(1)), true),
            (PersonId(1), None, true),
            (PersonId(6), Some(PersonId(99)), true),
        ];
        assert_eq!(count_org_sizes(&rows), vec![0, 1, 0]);
        let looped = [
            (PersonId(3), Some(PersonId(4)), true),
            (PersonId(4), Some(PersonId(3)), true),
            (PersonId(5), Some(PersonId(3)), true),
        ];
        assert_eq!(count_org_sizes(&looped), vec![1, 0, 0]);
    }
}
