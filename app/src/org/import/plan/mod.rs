//! What applying a people file would do, decided before anything is written: who is new,
//! what changes for whom (old and new), who is missing from the file, and every problem by
//! line and column. Any problem blocks the whole file. Pure: the people Trellis has come in
//! as [`Existing`], so every rule is unit-tested.

use super::sheet::{Column, Sheet, SheetRow};
use super::Problem;
use crate::kernel::PersonId;
use crate::org::types::{EmploymentStatus, Level, Track};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// A person as Trellis has them, in the file's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: PersonId,
    pub employee_id: Option<String>,
    pub email: String,
    pub name: String,
    pub title: String,
    pub department: String,
    pub team: Option<String>,
    pub manager: Option<PersonId>,
    pub level: Level,
    pub hire_date: NaiveDate,
    pub location: String,
    pub status: EmploymentStatus,
    pub departed_on: Option<NaiveDate>,
}

/// Whom a row's manager is: someone Trellis has, or another row of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagerRef {
    Existing(PersonId),
    Row(usize),
}

/// A person as the file says they should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub line: usize,
    /// Who they are in Trellis already, if anyone.
    pub existing: Option<PersonId>,
    pub employee_id: Option<String>,
    pub email: String,
    pub name: String,
    pub title: String,
    pub department: String,
    pub team: Option<String>,
    pub manager: Option<ManagerRef>,
    pub level: Level,
    pub hire_date: NaiveDate,
    pub location: String,
    pub status: EmploymentStatus,
    pub departed_on: Option<NaiveDate>,
}

/// One field that changes for someone Trellis has: its column, the old and the new value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub column: Column,
    pub old: String,
    pub new: String,
}

/// What a file would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Every row, as it would be written.
    pub people: Vec<Person>,
    /// Positions in `people` of those new to Trellis.
    pub new: Vec<usize>,
    /// Positions in `people` of those who change, with what changes.
    pub changed: Vec<(usize, Vec<FieldChange>)>,
    /// How many rows change nothing.
    pub unchanged: usize,
    /// People Trellis has (not departed) whom the file does not list: never removed; only an
    /// explicit choice records them as departed.
    pub missing: Vec<(PersonId, String, String)>,
    pub problems: Vec<Problem>,
}

impl Plan {
    /// Whether applying would change nothing at all.
    pub fn changes_nothing(&self) -> bool {
        self.new.is_empty() && self.changed.is_empty()
    }
}

/// Reads a level as files write it: "L3", "M1", "L3 Senior", or a number with the track
/// column ("3" and "management").
fn level_of(row: &SheetRow, fallback: Option<Level>) -> Result<Option<Level>, String> {
    let track = match row.get(Column::Track).map(|t| t.to_lowercase()) {
        None => None,
        Some(t)
            if ["ic", "individual contributor", "individual", "engineer"].contains(&t.as_str()) =>
        {
            Some(Track::Ic)
        }
        Some(t) if ["management", "manager", "m", "people manager"].contains(&t.as_str()) => {
            Some(Track::Management)
        }
        Some(t) => return Err(format!("{t} is not a track: write ic or management.")),
    };
    let Some(raw) = row.get(Column::Level) else {
        return match (track, fallback) {
            (Some(t), Some(l)) if t != l.track => {
                Err("A new track needs its level too, for example M1.".into())
            }
            _ => Ok(fallback),
        };
    };
    let code = raw.split_whitespace().next().unwrap_or_default();
    let level = match (code.parse::<u8>(), track.or(fallback.map(|l| l.track))) {
        (Ok(n), Some(t)) => Level::new(t, n),
        (Ok(_), None) => None,
        (Err(_), _) => Level::parse_code(code),
    };
    match level {
        Some(l) if track.is_none_or(|t| t == l.track) => Ok(Some(l)),
        Some(_) => Err(format!("{raw} is not on the {} track.", track.map(Track::as_str).unwrap_or_default())),
        None => Err(format!("{raw} is not a level: write L1 to L5 (individual contributors) or M1 to M4 (managers).")),
    }
}

fn date_of(raw: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        format!("{raw} is not a date: write it as YYYY-MM-DD, for example 2024-03-01.")
    })
}

fn status_of(raw: &str) -> Result<EmploymentStatus, String> {
    match raw.to_lowercase().replace(['_', '-'], " ").as_str() {
        "active" | "employed" | "current" => Ok(EmploymentStatus::Active),
        "on leave" | "leave" | "leave of absence" => Ok(EmploymentStatus::OnLeave),
        "departed" | "terminated" | "left" | "inactive" | "former" => {
            Ok(EmploymentStatus::Departed)
        }
        _ => Err(format!("{raw} is not a status: write active, on leave or departed.")),
    }
}

/// What `sheet` would do to `existing`, as of `today`.
pub fn plan(sheet: &Sheet, existing: &[Existing], today: NaiveDate) -> Plan {
    let mut plan = Plan::default();
    let by_email: HashMap<&str, &Existing> =
        existing.iter().map(|e| (e.email.as_str(), e)).collect();
    let by_employee_id: HashMap<&str, &Existing> =
        existing.iter().filter_map(|e| e.employee_id.as_deref().map(|id| (id, e))).collect();
    let mut emails_seen: HashMap<String, usize> = HashMap::new();
    let mut ids_seen: HashMap<String, usize> = HashMap::new();
    // The manager cell of each person pushed, in the same order.
    let mut manager_cells: Vec<Option<String>> = Vec::new();

    for row in &sheet.rows {
        let line = row.line;
        let mut problem = |column: Column, message: String| {
            plan.problems.push(Problem::at(line, Some(column), message));
        };
        let email = match row.get(Column::Email).map(crate::kernel::email::address) {
            Some(Ok(e)) => e,
            Some(Err(e)) => {
                problem(Column::Email, e.to_string());
                continue;
            }
            None => {
                problem(Column::Email, "Every person needs a work email.".into());
                continue;
            }
        };
        if let Some(first) = emails_seen.insert(email.clone(), line) {
            problem(
                Column::Email,
                format!("{email} is also on line {first}: one line per person."),
            );
        }
        let employee_id = row.get(Column::EmployeeId).map(str::to_string);
        if let Some(id) = &employee_id {
            if let Some(first) = ids_seen.insert(id.clone(), line) {
                problem(Column::EmployeeId, format!("Employee id {id} is also on line {first}."));
            }
        }
        // Who this is: by employee id first (an email can change), else by email.
        let found = match (
            employee_id.as_deref().and_then(|id| by_employee_id.get(id)),
            by_email.get(email.as_str()),
        ) {
            (Some(a), Some(b)) if a.id != b.id => {
                problem(
                    Column::Email,
                    format!(
                        "{email} belongs to {}, but employee id {} is {}'s.",
                        b.name,
                        a.employee_id.clone().unwrap_or_default(),
                        a.name
                    ),
                );
                continue;
            }
            (Some(a), _) => Some(*a),
            (None, b) => b.copied(),
        };
        let name =
            row.get(Column::Name).map(str::to_string).or_else(|| found.map(|f| f.name.clone()));
        let Some(name) = name else {
            problem(Column::Name, "Every person needs a name.".into());
            continue;
        };
        let department = row
            .get(Column::Department)
            .map(str::to_string)
            .or_else(|| found.map(|f| f.department.clone()));
        let (level, level_unreadable) = match level_of(row, found.map(|f| f.level)) {
            Ok(level) => (level, false),
            Err(m) => {
                problem(Column::Level, m);
                (None, true)
            }
        };
        let hire_date = match row.get(Column::HireDate).map(date_of) {
            Some(Ok(d)) => Some(d),
            Some(Err(m)) => {
                problem(Column::HireDate, m);
                None
            }
            None => found.map(|f| f.hire_date),
        };
        let status = match row.get(Column::Status).map(status_of) {
            Some(Ok(s)) => s,
            Some(Err(m)) => {
                problem(Column::Status, m);
                EmploymentStatus::Active
            }
            None => found.map(|f| f.status).unwrap_or(EmploymentStatus::Active),
        };
        let departed_on = match row.get(Column::DepartedOn).map(date_of) {
            Some(Ok(d)) => Some(d),
            Some(Err(m)) => {
                problem(Column::DepartedOn, m);
                None
            }
            None => {
                found.and_then(|f| f.departed_on).filter(|_| status == EmploymentStatus::Departed)
            }
        };
        if status == EmploymentStatus::Departed && departed_on.is_none() {
            problem(Column::DepartedOn, "A departed person needs the date they left.".into());
        }
        if departed_on.is_some_and(|d| d > today) {
            problem(Column::DepartedOn, "Record a departure once it has happened.".into());
        }
        if department.is_none() {
            problem(Column::Department, "A new person needs a department.".into());
        }
        if level.is_none() && !level_unreadable {
            problem(Column::Level, "A new person needs a level, for example L2 or M1.".into());
        }
        if hire_date.is_none() && row.get(Column::HireDate).is_none() {
            problem(Column::HireDate, "A new person needs a hire date.".into());
        }
        let (Some(department), Some(level), Some(hire_date)) = (department, level, hire_date)
        else {
            continue;
        };
        manager_cells.push(row.get(Column::Manager).map(str::to_string));
        plan.people.push(Person {
            line,
            existing: found.map(|f| f.id),
            employee_id: employee_id.or_else(|| found.and_then(|f| f.employee_id.clone())),
            email,
            name,
            title: row
                .get(Column::Title)
                .map(str::to_string)
                .or_else(|| found.map(|f| f.title.clone()))
                .unwrap_or_default(),
            department,
            team: row
                .get(Column::Team)
                .map(str::to_string)
                .or_else(|| found.and_then(|f| f.team.clone())),
            manager: found.and_then(|f| f.manager).map(ManagerRef::Existing),
            level,
            hire_date,
            location: row
                .get(Column::Location)
                .map(str::to_string)
                .or_else(|| found.map(|f| f.location.clone()))
                .unwrap_or_default(),
            status,
            departed_on: departed_on.filter(|_| status == EmploymentStatus::Departed),
        });
    }

    // Managers: another row (by email or employee id) before someone Trellis has.
    let row_by_key: HashMap<String, usize> = plan
        .people
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            std::iter::once((p.email.clone(), i)).chain(p.employee_id.clone().map(|id| (id, i)))
        })
        .collect();
    for (i, cell) in manager_cells.into_iter().enumerate() {
        let Some(raw) = cell else { continue };
        let key = if raw.contains('@') { raw.to_lowercase() } else { raw.clone() };
        let resolved = match row_by_key.get(&key) {
            Some(row) => Some(ManagerRef::Row(*row)),
            None => by_email
                .get(key.as_str())
                .or_else(|| by_employee_id.get(key.as_str()))
                .filter(|e| e.status != EmploymentStatus::Departed)
                .map(|e| ManagerRef::Existing(e.id)),
        };
        let line = plan.people[i].line;
        match resolved {
            None => plan.problems.push(Problem::at(
                line,
                Some(Column::Manager),
                format!("No one in the file or in Trellis (still working here) is {raw}."),
            )),
            Some(ManagerRef::Row(r)) if r == i => plan.problems.push(Problem::at(
                line,
                Some(Column::Manager),
                "Nobody is their own manager.".into(),
            )),
            Some(m) if plan.people[i].existing.is_some_and(|id| m == ManagerRef::Existing(id)) => {
                plan.problems.push(Problem::at(
                    line,
                    Some(Column::Manager),
                    "Nobody is their own manager.".into(),
                ))
            }
            Some(m) => plan.people[i].manager = Some(m),
        }
    }
    find_loops(&mut plan, existing);

    // What changes, field by field, for those Trellis has.
    let names: HashMap<PersonId, &str> =
        existing.iter().map(|e| (e.id, e.email.as_str())).collect();
    for (i, person) in plan.people.iter().enumerate() {
        let Some(before) = person.existing.and_then(|id| existing.iter().find(|e| e.id == id))
        else {
            plan.new.push(i);
            continue;
        };
        let manager_email = |m: Option<ManagerRef>| match m {
            None => String::new(),
            Some(ManagerRef::Existing(id)) => {
                names.get(&id).map(|e| e.to_string()).unwrap_or_default()
            }
            Some(ManagerRef::Row(r)) => plan.people[r].email.clone(),
        };
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let pairs = [
            (
                Column::EmployeeId,
                before.employee_id.clone().unwrap_or_default(),
                person.employee_id.clone().unwrap_or_default(),
            ),
            (Column::Email, before.email.clone(), person.email.clone()),
            (Column::Name, before.name.clone(), person.name.clone()),
            (Column::Title, before.title.clone(), person.title.clone()),
            (Column::Department, before.department.clone(), person.department.clone()),
            (
                Column::Team,
                before.team.clone().unwrap_or_default(),
                person.team.clone().unwrap_or_default(),
            ),
            (
                Column::Manager,
                manager_email(before.manager.map(ManagerRef::Existing)),
                manager_email(person.manager),
            ),
            (Column::Level, before.level.code(), person.level.code()),
            (Column::HireDate, before.hire_date.to_string(), person.hire_date.to_string()),
            (Column::Location, before.location.clone(), person.location.clone()),
            (Column::Status, before.status.label().to_string(), person.status.label().to_string()),
            (Column::DepartedOn, date(before.departed_on), date(person.departed_on)),
        ];
        let changes: Vec<FieldChange> = pairs
            .into_iter()
            .filter(|(_, old, new)| old != new)
            .map(|(column, old, new)| FieldChange { column, old, new })
            .collect();
        if changes.is_empty() {
            plan.unchanged += 1;
        } else {
            plan.changed.push((i, changes));
        }
    }
    let listed: HashSet<PersonId> = plan.people.iter().filter_map(|p| p.existing).collect();
    let listed_emails: HashSet<&str> = emails_seen.keys().map(String::as_str).collect();
    plan.missing = existing
        .iter()
        .filter(|e| e.status != EmploymentStatus::Departed)
        .filter(|e| !listed.contains(&e.id) && !listed_emails.contains(e.email.as_str()))
        .map(|e| (e.id, e.name.clone(), e.email.clone()))
        .collect();
    // By line, then in the file's column order.
    let column_order = |c: Option<&str>| Column::ALL.iter().position(|col| Some(col.header()) == c);
    plan.problems.sort_by_key(|p| (p.line, column_order(p.column)));
    plan
}

/// Refuses a manager tree with a loop in it (A reports to B, who reports to A), following
/// each row up through the file and through the people Trellis has.
fn find_loops(plan: &mut Plan, existing: &[Existing]) {
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Node {
        Row(usize),
        Person(PersonId),
    }
    let row_of: HashMap<PersonId, usize> =
        plan.people.iter().enumerate().filter_map(|(i, p)| p.existing.map(|id| (id, i))).collect();
    let manager_of_person: HashMap<PersonId, Option<PersonId>> =
        existing.iter().map(|e| (e.id, e.manager)).collect();
    let up = |node: Node| -> Option<Node> {
        let m = match node {
            Node::Row(i) => plan.people[i].manager,
            Node::Person(id) => {
                manager_of_person.get(&id).copied().flatten().map(ManagerRef::Existing)
            }
        }?;
        Some(match m {
            ManagerRef::Row(r) => Node::Row(r),
            // Someone the file lists is where the file says, not where Trellis has them.
            ManagerRef::Existing(id) => {
                row_of.get(&id).map(|r| Node::Row(*r)).unwrap_or(Node::Person(id))
            }
        })
    };
    let mut in_loop = Vec::new();
    for start in 0..plan.people.len() {
        let mut seen = HashSet::new();
        let mut node = Node::Row(start);
        while let Some(next) = up(node) {
            if next == Node::Row(start) {
                in_loop.push(start);
                break;
            }
            if !seen.insert(next) {
                break;
            }
            node = next;
        }
    }
    for i in in_loop {
        plan.problems.push(Problem::at(
            plan.people[i].line,
            Some(Column::Manager),
            "This manager line goes round in a loop back to this person.".into(),
        ));
    }
}

#[cfg(test)]
mod tests;
