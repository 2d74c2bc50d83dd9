//! People and their managers.

use super::*;

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
pub(super) fn people_with_org() -> _ {
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

/// Summaries keyed by id, for callers that pair them with rows of their own.
pub fn summaries_by_id(
    conn: &mut DbConn,
    ids: &[PersonId],
) -> QueryResult<std::collections::HashMap<PersonId, PersonSummary>> {
    Ok(summaries(conn, ids)?.into_iter().map(|p| (p.id, p)).collect())
}

/// Summaries in the order of `ids`; an id with no person is left out.
pub fn summaries_in_order(conn: &mut DbConn, ids: &[PersonId]) -> QueryResult<Vec<PersonSummary>> {
    let mut by_id = summaries_by_id(conn, ids)?;
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
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

/// The manager chains of several people at once (each as [`manager_chain`] gives it): one
/// query per level of the tree, not one per person.
pub fn manager_chains(
    conn: &mut DbConn,
    ids: &[PersonId],
) -> QueryResult<std::collections::HashMap<PersonId, Vec<PersonId>>> {
    let mut manager: std::collections::HashMap<PersonId, Option<PersonId>> = Default::default();
    let mut ask: Vec<PersonId> = ids.to_vec();
    // Bounded like `manager_chain`, so corrupt data cannot loop forever.
    for _ in 0..=64 {
        ask.retain(|id| !manager.contains_key(id));
        ask.sort_unstable();
        ask.dedup();
        if ask.is_empty() {
            break;
        }
        let rows: Vec<(PersonId, Option<PersonId>)> = people::table
            .filter(people::id.eq_any(&ask))
            .select((people::id, people::manager_id))
            .load(conn)?;
        manager.extend(rows.iter().copied());
        for id in &ask {
            manager.entry(*id).or_insert(None);
        }
        ask = rows.into_iter().filter_map(|(_, m)| m).collect();
    }
    Ok(ids
        .iter()
        .map(|id| {
            let mut chain = Vec::new();
            let mut current = manager.get(id).copied().flatten();
            while let Some(m) = current {
                if chain.contains(&m) || chain.len() > 64 {
                    break;
                }
                chain.push(m);
                current = manager.get(&m).copied().flatten();
            }
            (*id, chain)
        })
        .collect())
}

/// A person as the policy sees them: their id and their manager chain as it is now.
pub fn subject(conn: &mut DbConn, id: PersonId) -> QueryResult<crate::policy::Subject> {
    Ok(crate::policy::Subject { id, manager_chain: manager_chain(conn, id)? })
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

/// `WITH RECURSIVE below(id, branch)`: the active people below `id` at any depth, each with
/// the direct report of `id` whose organisation they belong to (a direct report heads their
/// own branch). A recursive query, so the database walks the tree and a page can aggregate
/// per branch without loading anyone: the one definition of "someone's organisation" (the
/// walk stops at people who have left, whose reports are counted where HR moves them). `id`
/// is an integer, so formatting it into the SQL is safe; the same SQL runs on both backends,
/// which do not share a placeholder syntax.
pub fn organisation_cte(id: PersonId) -> String {
    format!(
        "WITH RECURSIVE below(id, branch) AS ( \
           SELECT id, id FROM people WHERE manager_id = {id} AND status <> '{DEPARTED}' \
           UNION \
           SELECT p.id, b.branch FROM people p JOIN below b ON p.manager_id = b.id \
             WHERE p.status <> '{DEPARTED}') "
    )
}

/// `SELECT {select} FROM below` over [`organisation_cte`].
pub(super) fn subtree_sql(id: PersonId, select: &str) -> String {
    format!("{} SELECT {select} FROM below", organisation_cte(id))
}

/// The stored organisation size (everyone below, at any depth) of each of `ids`.
pub fn stored_org_sizes(
    conn: &mut DbConn,
    ids: &[PersonId],
) -> QueryResult<std::collections::HashMap<PersonId, i64>> {
    Ok(people::table
        .filter(people::id.eq_any(ids))
        .select((people::id, people::org_size))
        .load::<(PersonId, i64)>(conn)?
        .into_iter()
        .collect())
}

/// No one: the key of the org chart's root among managers, and an id no person has.
pub(super) const NO_MANAGER: PersonId = PersonId(-1);

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
