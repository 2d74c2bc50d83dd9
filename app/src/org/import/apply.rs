//! Reading the people Trellis has, in a file's terms, and applying a plan in the caller's
//! transaction.

use super::plan::{Existing, ManagerRef, Person, Plan};
use crate::db::schema::{departments, level_history, people, teams};
use crate::db::DbConn;
use crate::kernel::{DepartmentId, PersonId, TeamId};
use crate::org::rules::{search_text, slug};
use crate::org::types::{EmploymentStatus, Level, Track};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashMap;

/// Everyone Trellis has (departed too: a file may bring someone back), for [`super::plan`].
pub fn existing_people(conn: &mut DbConn) -> QueryResult<Vec<Existing>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        PersonId,
        Option<String>,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<PersonId>,
        String,
        i32,
        NaiveDate,
        String,
        String,
        Option<NaiveDate>,
    )> = people::table
        .inner_join(departments::table)
        .left_join(teams::table.on(people::team_id.eq(teams::id.nullable())))
        .select((
            people::id,
            people::employee_id,
            people::email,
            people::name,
            people::title,
            departments::name,
            teams::name.nullable(),
            people::manager_id,
            people::track,
            people::level,
            people::hire_date,
            people::location,
            people::status,
            people::departed_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| Existing {
            id: r.0,
            employee_id: r.1,
            email: r.2,
            name: r.3,
            title: r.4,
            department: r.5,
            team: r.6,
            manager: r.7,
            level: Track::parse(&r.8)
                .and_then(|t| Level::new(t, r.9 as u8))
                .unwrap_or(Level { track: Track::Ic, number: 1 }),
            hire_date: r.10,
            location: r.11,
            status: EmploymentStatus::parse(&r.12).unwrap_or(EmploymentStatus::Active),
            departed_on: r.13,
        })
        .collect())
}

/// Everyone as a people file lists them, in `Column::ALL`'s order, sorted by email: what
/// `trellis people export` writes and `import` reads back unchanged.
pub fn export_rows(people: &[Existing]) -> Vec<Vec<String>> {
    let emails: HashMap<PersonId, &str> = people.iter().map(|p| (p.id, p.email.as_str())).collect();
    let mut sorted: Vec<&Existing> = people.iter().collect();
    sorted.sort_by(|a, b| a.email.cmp(&b.email));
    sorted
        .into_iter()
        .map(|p| {
            vec![
                p.employee_id.clone().unwrap_or_default(),
                p.email.clone(),
                p.name.clone(),
                p.title.clone(),
                p.department.clone(),
                p.team.clone().unwrap_or_default(),
                p.manager.and_then(|m| emails.get(&m)).map(|e| e.to_string()).unwrap_or_default(),
                p.level.track.as_str().to_string(),
                p.level.code(),
                p.hire_date.to_string(),
                p.location.clone(),
                p.status.label().to_lowercase(),
                p.departed_on.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// What applying did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Applied {
    pub created: usize,
    pub changed: usize,
    /// Recorded as departed (by the file, or because HR chose so for those missing from it).
    pub departed: usize,
}

/// `base`, or `base-2`, `base-3`... whichever `taken` does not hold.
fn free_slug(base: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let base = if base.is_empty() { "unnamed".to_string() } else { base.to_string() };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Departments by name (compared without case), created when the file names a new one.
fn departments_for(conn: &mut DbConn, plan: &Plan) -> QueryResult<HashMap<String, DepartmentId>> {
    let rows: Vec<(DepartmentId, String, String)> = departments::table
        .select((departments::id, departments::name, departments::slug))
        .load(conn)?;
    let mut slugs: std::collections::HashSet<String> = rows.iter().map(|r| r.2.clone()).collect();
    let mut by_name: HashMap<String, DepartmentId> =
        rows.into_iter().map(|(id, name, _)| (name.to_lowercase(), id)).collect();
    for person in &plan.people {
        let key = person.department.to_lowercase();
        if by_name.contains_key(&key) {
            continue;
        }
        let slug = free_slug(&slug(&person.department), &mut slugs);
        diesel::insert_into(departments::table)
            .values((departments::name.eq(&person.department), departments::slug.eq(&slug)))
            .execute(conn)?;
        let id = departments::table
            .filter(departments::slug.eq(&slug))
            .select(departments::id)
            .first(conn)?;
        by_name.insert(key, id);
    }
    Ok(by_name)
}

/// Teams by (department, name without case), created when the file names a new one.
fn teams_for(
    conn: &mut DbConn,
    plan: &Plan,
    departments: &HashMap<String, DepartmentId>,
) -> QueryResult<HashMap<(DepartmentId, String), TeamId>> {
    let rows: Vec<(TeamId, DepartmentId, String, String)> = teams::table
        .select((teams::id, teams::department_id, teams::name, teams::slug))
        .load(conn)?;
    let mut slugs: std::collections::HashSet<String> = rows.iter().map(|r| r.3.clone()).collect();
    let mut by_key: HashMap<(DepartmentId, String), TeamId> =
        rows.into_iter().map(|(id, d, name, _)| ((d, name.to_lowercase()), id)).collect();
    for person in &plan.people {
        let Some(team) = &person.team else { continue };
        let department = departments[&person.department.to_lowercase()];
        let key = (department, team.to_lowercase());
        if by_key.contains_key(&key) {
            continue;
        }
        let slug = free_slug(&slug(team), &mut slugs);
        diesel::insert_into(teams::table)
            .values((
                teams::department_id.eq(department),
                teams::name.eq(team),
                teams::slug.eq(&slug),
            ))
            .execute(conn)?;
        let id = teams::table.filter(teams::slug.eq(&slug)).select(teams::id).first(conn)?;
        by_key.insert(key, id);
    }
    Ok(by_key)
}

/// The columns a people file sets, for a new person and a changed one alike.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = people, treat_none_as_null = true)]
struct Fields<'a> {
    email: &'a str,
    employee_id: Option<&'a str>,
    name: &'a str,
    search_text: String,
    title: &'a str,
    department_id: DepartmentId,
    team_id: Option<TeamId>,
    track: &'static str,
    level: i32,
    hire_date: NaiveDate,
    location: &'a str,
    status: &'static str,
    departed_on: Option<NaiveDate>,
}

fn fields(p: &Person, (department_id, team_id): (DepartmentId, Option<TeamId>)) -> Fields<'_> {
    Fields {
        email: &p.email,
        employee_id: p.employee_id.as_deref(),
        name: &p.name,
        search_text: search_text(&p.name, &p.email, &p.title),
        title: &p.title,
        department_id,
        team_id,
        track: p.level.track.as_str(),
        level: p.level.number as i32,
        hire_date: p.hire_date,
        location: &p.location,
        status: p.status.as_str(),
        departed_on: p.departed_on,
    }
}

/// Applies a plan without problems, in the caller's transaction: departments and teams the
/// file names, new people, changed fields, then every manager (a new person's manager may be
/// new too), departures (which end the person's sessions), and the bookkeeping a bulk load
/// does once. `depart_missing`: HR's choice to record those missing from the file as departed
/// on that day.
pub fn apply(
    conn: &mut DbConn,
    plan: &Plan,
    depart_missing: Option<NaiveDate>,
    now: NaiveDateTime,
) -> QueryResult<Applied> {
    debug_assert!(plan.problems.is_empty(), "a plan with problems is never applied");
    let mut applied = Applied::default();
    let departments = departments_for(conn, plan)?;
    let teams = teams_for(conn, plan, &departments)?;
    let placed = |p: &Person| {
        let department = departments[&p.department.to_lowercase()];
        let team = p.team.as_ref().map(|t| teams[&(department, t.to_lowercase())]);
        (department, team)
    };
    let was_departed: HashMap<PersonId, bool> = people::table
        .select((people::id, people::status))
        .load::<(PersonId, String)>(conn)?
        .into_iter()
        .map(|(id, s)| (id, s == EmploymentStatus::Departed.as_str()))
        .collect();
    let mut ids: Vec<Option<PersonId>> = plan.people.iter().map(|p| p.existing).collect();
    let mut departures: Vec<PersonId> = Vec::new();

    for &i in &plan.new {
        let p = &plan.people[i];
        diesel::insert_into(people::table)
            .values((
                &fields(p, placed(p)),
                people::departure_reason
                    .eq(p.departed_on.map(|_| "Recorded from the HR system's file")),
                people::is_hr_admin.eq(false),
                people::is_executive.eq(false),
                people::version.eq(1),
                people::created_at.eq(now),
                people::updated_at.eq(now),
            ))
            .execute(conn)?;
        let id: PersonId =
            people::table.filter(people::email.eq(&p.email)).select(people::id).first(conn)?;
        diesel::insert_into(level_history::table)
            .values((
                level_history::person_id.eq(id),
                level_history::track.eq(p.level.track.as_str()),
                level_history::level.eq(p.level.number as i32),
                level_history::effective_on.eq(p.hire_date),
                level_history::reason.eq("hired"),
                level_history::created_at.eq(now),
            ))
            .execute(conn)?;
        ids[i] = Some(id);
        applied.created += 1;
    }
    for (i, _) in &plan.changed {
        let p = &plan.people[*i];
        let Some(id) = p.existing else { continue };
        let leaving = p.status == EmploymentStatus::Departed
            && !was_departed.get(&id).copied().unwrap_or(false);
        diesel::update(people::table.find(id))
            .set((
                &fields(p, placed(p)),
                people::version.eq(people::version + 1),
                people::updated_at.eq(now),
            ))
            .execute(conn)?;
        if leaving {
            diesel::update(people::table.find(id))
                .set(people::departure_reason.eq("Recorded from the HR system's file"))
                .execute(conn)?;
            departures.push(id);
        }
        applied.changed += 1;
    }
    // Managers last: a new person's manager may be new too.
    let current: HashMap<PersonId, Option<PersonId>> = people::table
        .select((people::id, people::manager_id))
        .load::<(PersonId, Option<PersonId>)>(conn)?
        .into_iter()
        .collect();
    for (i, p) in plan.people.iter().enumerate() {
        let Some(id) = ids[i] else { continue };
        let manager = match p.manager {
            None => None,
            Some(ManagerRef::Existing(m)) => Some(m),
            Some(ManagerRef::Row(r)) => ids[r],
        };
        if current.get(&id).copied().flatten() != manager {
            diesel::update(people::table.find(id))
                .set(people::manager_id.eq(manager))
                .execute(conn)?;
        }
    }
    if let Some(on) = depart_missing {
        for (id, _, _) in &plan.missing {
            diesel::update(people::table.find(*id))
                .set((
                    people::status.eq(EmploymentStatus::Departed.as_str()),
                    people::departed_on.eq(on),
                    people::departure_reason.eq("Missing from the HR system's file"),
                    people::version.eq(people::version + 1),
                    people::updated_at.eq(now),
                ))
                .execute(conn)?;
            departures.push(*id);
        }
    }
    for id in &departures {
        crate::auth::sessions::end_all_for(conn, *id)?;
    }
    applied.departed = departures.len();
    crate::org::queries::people_loaded(conn)?;
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe_and_never_taken_twice() {
        assert_eq!(slug("Customer Success"), "customer-success");
        assert_eq!(slug("R&D / Platform "), "r-d-platform");
        assert_eq!(slug("Café"), "caf", "letters outside ASCII are left out of addresses");
        let mut taken = ["sales".to_string()].into_iter().collect();
        assert_eq!(free_slug("sales", &mut taken), "sales-2");
        assert_eq!(free_slug("sales", &mut taken), "sales-3");
        assert_eq!(free_slug("", &mut taken), "unnamed");
    }
}
