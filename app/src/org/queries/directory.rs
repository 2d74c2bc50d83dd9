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

/// One page of the directory.
#[derive(Debug)]
pub struct DirectoryMatches {
    pub people: Vec<PersonSummary>,
    /// How many match, counted up to [`COUNT_UP_TO`] + 1 (more reads as "more than").
    pub total: i64,
    /// Whether a page follows this one.
    pub has_next: bool,
}

/// A page of people matching the search and filters, in name order. What it reads grows
/// with the page and the matches counted (at most [`COUNT_UP_TO`]), not with the company:
/// the name order is an index (`people_search_text`), the text search is in [`search`].
pub fn directory(
    conn: &mut DbConn,
    query: &DirectoryQuery,
    include_departed: bool,
) -> QueryResult<DirectoryMatches> {
    let text = search::text_match(conn, &query.q)?;
    // The same filters over `people` alone (to count) and joined to departments and teams
    // (to show).
    macro_rules! filtered {
        ($source:expr) => {{
            let mut q = $source.into_boxed();
            match query.status {
                Some(status) if include_departed || status != EmploymentStatus::Departed => {
                    q = q.filter(people::status.eq(status.as_str()));
                }
                _ => q = q.filter(people::status.ne(DEPARTED)),
            }
            if let Some(text) = &text {
                q = match &text.rule {
                    search::LikeRule::Anywhere(pattern) => {
                        q.filter(people::search_text.like(pattern.clone()).escape('\\'))
                    }
                    search::LikeRule::WordStart { first, later } => q.filter(
                        people::search_text
                            .like(first.clone())
                            .escape('\\')
                            .or(people::search_text.like(later.clone()).escape('\\')),
                    ),
                };
                if let Some(c) = &text.candidates {
                    q = q.filter(
                        diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
                            "people.id IN (SELECT rowid FROM {0} WHERE {0} MATCH ",
                            c.table
                        ))
                        .bind::<diesel::sql_types::Text, _>(c.query.clone())
                        .sql(")"),
                    );
                }
            }
            if let Some(dept) = query.department {
                q = q.filter(people::department_id.eq(dept));
            }
            if let Some(loc) = query.location.as_deref().filter(|l| !l.is_empty()) {
                q = q.filter(people::location.eq(loc.to_string()));
            }
            q
        }};
    }
    // Counted by reading at most one id past the cap: a count of everyone who matches would
    // read them all (the whole company for the unfiltered first page).
    let total = filtered!(people::table)
        .select(people::id)
        .limit(COUNT_UP_TO + 1)
        .load::<PersonId>(conn)?
        .len() as i64;
    let page = query.page.max(1);
    let per_page = DIRECTORY_PAGE_SIZE as i64;
    let mut rows = filtered!(people_with_org())
        .order((people::search_text.asc(), people::id.asc()))
        .limit(per_page + 1)
        .offset((page as i64 - 1) * per_page)
        .select(SummaryRow::as_select())
        .load(conn)?;
    let has_next = rows.len() as i64 > per_page;
    rows.truncate(per_page as usize);
    Ok(DirectoryMatches { people: rows.into_iter().map(Into::into).collect(), total, has_next })
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

/// Every location someone has, in order. One index probe per location (a "loose index scan"
/// written as a recursive query, which both databases run from `people_location`) instead of
/// reading everyone's to find the few distinct ones.
pub fn locations(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    #[derive(QueryableByName)]
    struct Location {
        #[diesel(sql_type = diesel::sql_types::Text)]
        location: String,
    }
    Ok(diesel::sql_query(
        "WITH RECURSIVE found(location) AS ( \
           SELECT MIN(location) FROM people \
           UNION ALL \
           SELECT (SELECT MIN(p.location) FROM people p WHERE p.location > found.location) \
           FROM found WHERE found.location IS NOT NULL) \
         SELECT location FROM found WHERE location IS NOT NULL",
    )
    .load::<Location>(conn)?
    .into_iter()
    .map(|l| l.location)
    .collect())
}
