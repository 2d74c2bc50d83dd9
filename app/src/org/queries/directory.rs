//! Profiles and the directory.

use super::*;

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
    let chain = summaries_in_order(conn, &chain_ids)?;
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
