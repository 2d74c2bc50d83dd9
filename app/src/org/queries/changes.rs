//! Changing the tree.

use super::*;

/// Serialises changes to the manager tree until the transaction ends. The loop check reads
/// other people's rows, so two moves that are each fine alone ("A under B", "B under A")
/// must not run side by side; nor may two writes that each walk a manager chain to keep the
/// stored organisation sizes (a departure above a move would otherwise count the moved
/// people through someone who has just left). SQLite already allows one writer at a time;
/// PostgreSQL needs the lock.
pub fn lock_the_tree(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Postgres(c) = conn {
        use diesel::connection::SimpleConnection;
        // An arbitrary constant naming "the manager tree" among advisory locks.
        c.batch_execute("SELECT pg_advisory_xact_lock(7401)")?;
    }
    Ok(())
}

/// Keeps the tree as it is until the transaction ends, for writes that walk a manager chain
/// to keep sums stored per organisation (a submitted review adds to its person's managers):
/// many may hold it together, while a change to the tree ([`lock_the_tree`]) waits for them
/// and they for it, so nothing is added along a chain that is being moved.
pub fn share_the_tree(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Postgres(c) = conn {
        use diesel::connection::SimpleConnection;
        c.batch_execute("SELECT pg_advisory_xact_lock_shared(7401)")?;
    }
    Ok(())
}

#[derive(Debug)]
pub enum ManagerChange {
    Done { from: Option<PersonId>, to: PersonId },
    UnknownManager,
    Stale,
    Rule(crate::org::rules::CycleCheck),
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
        crate::org::rules::check_manager_change(person, manager, |id| match manager_of(conn, id) {
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
        // The new manager is active (checked above).
        people::manager_left.eq(false),
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
    if moved > 0 {
        crate::areas::organisation_moved(conn, person, current.0, Some(manager))?;
    }
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
    // Marked people (a partial index holds only them), whose manager is checked to have left:
    // the mark leads to them without reading everyone who has ever left.
    let managers = diesel::alias!(people as managers);
    let orphaned: Vec<PersonId> = people::table
        .inner_join(managers.on(people::manager_id.eq(managers.field(people::id).nullable())))
        .filter(people::manager_left)
        .filter(people::status.ne(DEPARTED))
        .filter(managers.field(people::status).eq(DEPARTED))
        .order(people::id.asc())
        .select(people::id)
        .limit(50)
        .load(conn)?;
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
    diesel::update(
        people::table.filter(people::manager_id.eq(person)).filter(people::status.ne(DEPARTED)),
    )
    .set(people::manager_left.eq(true))
    .execute(conn)?;
    crate::areas::organisation_moved(conn, person, manager, None)?;
    let sessions_ended = crate::auth::sessions::end_all_for(conn, person)?;
    Ok(DepartureRecorded::Done { sessions_ended })
}

/// What granting HR to an address did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HrGrant {
    Granted(PersonId),
    /// Trellis had nobody with the address: they were added (in the "Unassigned" department,
    /// at L1, hired today) until the people file says more.
    Created(PersonId),
    Already(PersonId),
    /// Nobody has the address and no name was given to add them.
    NeedsName,
    /// The person has left.
    Departed,
}

/// Makes the person with `email` an HR admin, adding them when Trellis does not have them
/// and `name` is given. The first admin of a fresh install comes this way.
pub fn grant_hr(
    conn: &mut DbConn,
    email: &str,
    name: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<HrGrant> {
    let found: Option<(PersonId, String, bool)> = people::table
        .filter(people::email.eq(email))
        .select((people::id, people::status, people::is_hr_admin))
        .first(conn)
        .optional()?;
    match (found, name) {
        (Some((_, status, _)), _) if status == DEPARTED => Ok(HrGrant::Departed),
        (Some((id, _, true)), _) => Ok(HrGrant::Already(id)),
        (Some((id, _, false)), _) => {
            diesel::update(people::table.find(id))
                .set((
                    people::is_hr_admin.eq(true),
                    people::version.eq(people::version + 1),
                    people::updated_at.eq(now),
                ))
                .execute(conn)?;
            Ok(HrGrant::Granted(id))
        }
        (None, None) => Ok(HrGrant::NeedsName),
        (None, Some(name)) => {
            use crate::db::schema::departments;
            const UNASSIGNED: &str = "Unassigned";
            let department: Option<crate::kernel::DepartmentId> = departments::table
                .filter(departments::name.eq(UNASSIGNED))
                .select(departments::id)
                .first(conn)
                .optional()?;
            let department = match department {
                Some(d) => d,
                None => {
                    diesel::insert_into(departments::table)
                        .values((
                            departments::name.eq(UNASSIGNED),
                            departments::slug.eq("unassigned"),
                        ))
                        .execute(conn)?;
                    departments::table
                        .filter(departments::name.eq(UNASSIGNED))
                        .select(departments::id)
                        .first(conn)?
                }
            };
            diesel::insert_into(people::table)
                .values((
                    people::email.eq(email),
                    people::name.eq(name),
                    people::search_text.eq(crate::org::rules::search_text(name, email, "")),
                    people::title.eq(""),
                    people::department_id.eq(department),
                    people::track.eq("ic"),
                    people::level.eq(1),
                    people::hire_date.eq(now.date()),
                    people::location.eq(""),
                    people::status.eq("active"),
                    people::is_hr_admin.eq(true),
                    people::is_executive.eq(false),
                    people::version.eq(1),
                    people::created_at.eq(now),
                    people::updated_at.eq(now),
                ))
                .execute(conn)?;
            let id =
                people::table.filter(people::email.eq(email)).select(people::id).first(conn)?;
            people_loaded(conn)?;
            Ok(HrGrant::Created(id))
        }
    }
}
