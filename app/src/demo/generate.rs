use super::names::{
    DepartmentSpec, DEPARTMENTS, DEPARTURE_REASONS, FIRST_NAMES, LAST_NAMES, LOCATIONS,
};
use crate::auth::types::DemoPersona;
use crate::db::schema::{departments, people, teams};
use crate::kernel::{DepartmentId, PersonId, TeamId};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashSet;

pub const EMAIL_DOMAIN: &str = "lumen.example";

#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    pub employees: usize,
    pub seed: u64,
    /// Dates are generated relative to this day, so the company looks alive whenever it is made.
    pub today: NaiveDate,
}

impl DemoOptions {
    pub const DEFAULT_EMPLOYEES: usize = 120;
    pub const DEFAULT_SEED: u64 = 42;
    pub const MIN_EMPLOYEES: usize = 40;
    pub const MAX_EMPLOYEES: usize = 50_000;
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = departments)]
pub struct NewDepartment {
    pub id: DepartmentId,
    pub name: String,
    pub slug: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = teams)]
pub struct NewTeam {
    pub id: TeamId,
    pub department_id: DepartmentId,
    pub name: String,
    pub slug: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = people)]
#[diesel(treat_none_as_default_value = false)]
pub struct NewPerson {
    pub id: PersonId,
    pub email: String,
    pub name: String,
    pub search_text: String,
    pub title: String,
    pub department_id: DepartmentId,
    pub team_id: Option<TeamId>,
    pub manager_id: Option<PersonId>,
    pub track: String,
    pub level: i32,
    pub hire_date: NaiveDate,
    pub location: String,
    pub status: String,
    pub departed_on: Option<NaiveDate>,
    pub departure_reason: Option<String>,
    pub is_hr_admin: bool,
    pub is_executive: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub use crate::org::rules::search_text;
use crate::org::rules::slug;

#[derive(Debug, Clone)]
pub struct DemoCompany {
    pub departments: Vec<NewDepartment>,
    pub teams: Vec<NewTeam>,
    pub people: Vec<NewPerson>,
    pub personas: Vec<DemoPersona>,
}

struct Persona {
    name: &'static str,
    role: &'static str,
    summary: &'static str,
}

/// The five people a newcomer can sign in as, in the order of the sign-in page.
pub const PERSONAS: [(&str, &str); 5] = [
    ("Tom Becker", "tom.becker@lumen.example"),
    ("Elena Marsh", "elena.marsh@lumen.example"),
    ("Sam Whitfield", "sam.whitfield@lumen.example"),
    ("Jordan Ellis", "jordan.ellis@lumen.example"),
    ("Amara Okafor", "amara.okafor@lumen.example"),
];

const EMPLOYEE: Persona = Persona { name: "Tom Becker", role: "Employee", summary: "A software engineer on the Payments team: sees their own work, ladders and the people directory." };
const MANAGER: Persona = Persona {
    name: "Elena Marsh",
    role: "Manager",
    summary: "Manages the Payments team: sees their reports' work.",
};
const SKIP_LEVEL: Persona = Persona {
    name: "Sam Whitfield",
    role: "Skip-level leader",
    summary: "A director over several engineering managers.",
};
const HR: Persona = Persona {
    name: "Jordan Ellis",
    role: "HR admin",
    summary:
        "A People Partner with the HR admin grant: configures cycles and keeps org data right.",
};
const EXECUTIVE: Persona = Persona {
    name: "Amara Okafor",
    role: "Executive",
    summary: "The CEO: follows review cycles across the whole company and reads any profile.",
};

/// SplitMix64: tiny, fast, and the same sequence on every platform, which is all a
/// deterministic demo needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

struct Builder {
    rng: Rng,
    today: NaiveDate,
    now: NaiveDateTime,
    people: Vec<NewPerson>,
    emails: HashSet<String>,
}

struct Role<'a> {
    title: String,
    track: &'a str,
    level: i32,
    dept: DepartmentId,
    team: Option<TeamId>,
    manager: Option<PersonId>,
    location: &'a str,
    /// Hired between this many days ago and `max_days_ago`.
    min_days_ago: i64,
    max_days_ago: i64,
}

impl Builder {
    fn email_for(&mut self, name: &str) -> String {
        let base: String = name
            .to_lowercase()
            .split_whitespace()
            .map(|p| {
                p.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(".");
        let mut email = format!("{base}@{EMAIL_DOMAIN}");
        let mut n = 2;
        while self.emails.contains(&email) {
            email = format!("{base}{n}@{EMAIL_DOMAIN}");
            n += 1;
        }
        self.emails.insert(email.clone());
        email
    }

    fn random_name(&mut self) -> String {
        let first = *self.rng.pick(FIRST_NAMES);
        let last = *self.rng.pick(LAST_NAMES);
        format!("{first} {last}")
    }

    fn add(&mut self, name: Option<&str>, role: Role) -> PersonId {
        let name = name.map(str::to_string).unwrap_or_else(|| self.random_name());
        let email = self.email_for(&name);
        let span = (role.max_days_ago - role.min_days_ago).max(1) as u64;
        let days_ago = role.min_days_ago + self.rng.below(span) as i64;
        let id = PersonId(self.people.len() as i64 + 1);
        self.people.push(NewPerson {
            id,
            search_text: search_text(&name, &email, &role.title),
            email,
            name,
            title: role.title,
            department_id: role.dept,
            team_id: role.team,
            manager_id: role.manager,
            track: role.track.to_string(),
            level: role.level,
            hire_date: self.today - Duration::days(days_ago),
            location: role.location.to_string(),
            status: "active".into(),
            departed_on: None,
            departure_reason: None,
            is_hr_admin: false,
            is_executive: false,
            version: 1,
            created_at: self.now,
            updated_at: self.now,
        });
        id
    }

    fn person(&mut self, id: PersonId) -> &mut NewPerson {
        &mut self.people[id.0 as usize - 1]
    }
}

const YEAR: i64 = 365;

fn ic_title(spec: &DepartmentSpec, level: i32) -> String {
    match level {
        1 => format!("Junior {}", spec.ic_role),
        2 => spec.ic_role.to_string(),
        3 => format!("Senior {}", spec.ic_role),
        4 => format!("Staff {}", spec.ic_role),
        _ => format!("Principal {}", spec.ic_role),
    }
}

fn ic_level(rng: &mut Rng) -> i32 {
    match rng.below(100) {
        0..=14 => 1,
        15..=49 => 2,
        50..=79 => 3,
        80..=94 => 4,
        _ => 5,
    }
}

/// Builds the whole company in memory. Pure: the same options give the same company.
pub fn generate(opts: DemoOptions) -> DemoCompany {
    let total = opts.employees.clamp(DemoOptions::MIN_EMPLOYEES, DemoOptions::MAX_EMPLOYEES);
    let now = opts.today.and_hms_opt(9, 0, 0).expect("valid time");
    let mut b = Builder {
        rng: Rng(opts.seed),
        today: opts.today,
        now,
        people: Vec::with_capacity(total),
        emails: HashSet::new(),
    };
    let mut departments = vec![NewDepartment {
        id: DepartmentId(1),
        name: "Leadership".into(),
        slug: "leadership".into(),
    }];
    let mut teams: Vec<NewTeam> = Vec::new();

    let ceo = b.add(
        Some(EXECUTIVE.name),
        Role {
            title: "Chief Executive Officer".into(),
            track: "management",
            level: 4,
            dept: DepartmentId(1),
            team: None,
            manager: None,
            location: "London",
            min_days_ago: 6 * YEAR,
            max_days_ago: 6 * YEAR + 30,
        },
    );
    b.person(ceo).is_executive = true;

    let remaining = total - 1;
    // The last department takes the rounding remainder so the total is exact.
    let mut sizes: Vec<usize> =
        DEPARTMENTS.iter().map(|d| ((remaining as f64) * d.share).floor() as usize).collect();
    let assigned: usize = sizes.iter().sum();
    sizes[0] += remaining - assigned;

    // People who leave are chosen after the tree is built; remember who is an IC.
    let mut ics: Vec<PersonId> = Vec::new();
    let mut managers_for_leaving: Vec<(PersonId, Vec<PersonId>)> = Vec::new();

    for (d_index, (spec, size)) in DEPARTMENTS.iter().zip(sizes).enumerate() {
        let dept_id = DepartmentId(d_index as i64 + 2);
        departments.push(NewDepartment {
            id: dept_id,
            name: spec.name.into(),
            slug: slug(spec.name),
        });
        let home = LOCATIONS[d_index % 3];
        let head_name = match spec.name {
            "People" => Some("Priya Raman"),
            _ => None,
        };
        let head = b.add(
            head_name,
            Role {
                title: spec.head_title.into(),
                track: "management",
                level: 4,
                dept: dept_id,
                team: None,
                manager: Some(ceo),
                location: home,
                min_days_ago: 3 * YEAR,
                max_days_ago: 6 * YEAR,
            },
        );
        b.person(head).is_executive = true;
        if spec.name == "People" {
            b.person(head).is_hr_admin = true;
        }
        let below_head = size.saturating_sub(1);
        // A director for every ~45 people once a department outgrows one leader's reach.
        // Engineering always has one, so the skip-level persona exists at every size.
        let directors_count = match (below_head > 30, spec.name) {
            (true, _) => below_head.div_ceil(45),
            (false, "Engineering") => 1,
            _ => 0,
        };
        let mut directors = Vec::new();
        for i in 0..directors_count {
            let name = (spec.name == "Engineering" && i == 0).then_some(SKIP_LEVEL.name);
            let director = b.add(
                name,
                Role {
                    title: format!("Director of {}", spec.area),
                    track: "management",
                    level: 3,
                    dept: dept_id,
                    team: None,
                    manager: Some(head),
                    location: home,
                    min_days_ago: 2 * YEAR,
                    max_days_ago: 6 * YEAR,
                },
            );
            directors.push(director);
        }
        let for_teams = below_head - directors_count;
        let team_count = (for_teams as f64 / 7.0).round().max(1.0) as usize;
        let mut left = for_teams;
        for t in 0..team_count {
            let team_size =
                if t + 1 == team_count { left } else { (left / (team_count - t)).max(1) };
            if team_size == 0 {
                break;
            }
            left -= team_size;
            let base = spec.teams[t % spec.teams.len()];
            let round = t / spec.teams.len();
            let team_name =
                if round == 0 { base.to_string() } else { format!("{base} {}", round + 1) };
            let team_id = TeamId(teams.len() as i64 + 1);
            teams.push(NewTeam {
                id: team_id,
                department_id: dept_id,
                slug: format!("{}-{}", slug(spec.name), slug(&team_name)),
                name: team_name,
            });
            let team_home = if b.rng.chance(0.7) { home } else { *b.rng.pick(LOCATIONS) };
            let boss = if directors.is_empty() { head } else { directors[t % directors.len()] };
            let first_eng_team = spec.name == "Engineering" && t == 0;
            let senior = b.rng.chance(0.3);
            let manager = b.add(
                first_eng_team.then_some(MANAGER.name),
                Role {
                    title: if senior && !first_eng_team {
                        format!("Senior {}", spec.manager_title)
                    } else {
                        spec.manager_title.into()
                    },
                    track: "management",
                    level: if senior && !first_eng_team { 2 } else { 1 },
                    dept: dept_id,
                    team: Some(team_id),
                    manager: Some(boss),
                    location: team_home,
                    min_days_ago: YEAR,
                    max_days_ago: 6 * YEAR,
                },
            );
            let mut members = Vec::new();
            for m in 0..team_size.saturating_sub(1) {
                let fixed = match (spec.name, t, m) {
                    ("Engineering", 0, 0) => Some((EMPLOYEE.name, 2)),
                    ("People", 0, 0) => Some((HR.name, 3)),
                    _ => None,
                };
                let level = fixed.map(|f| f.1).unwrap_or_else(|| ic_level(&mut b.rng));
                let location = if b.rng.chance(0.8) { team_home } else { *b.rng.pick(LOCATIONS) };
                // Seniority and tenure go together, loosely; a few people joined recently.
                let (min, max) =
                    if b.rng.chance(0.06) { (3, 75) } else { (60 + 150 * level as i64, 6 * YEAR) };
                let id = b.add(
                    fixed.map(|f| f.0),
                    Role {
                        title: ic_title(spec, level),
                        track: "ic",
                        level,
                        dept: dept_id,
                        team: Some(team_id),
                        manager: Some(manager),
                        location,
                        min_days_ago: min.min(6 * YEAR - 1),
                        max_days_ago: max,
                    },
                );
                if spec.name == "People" && (fixed.is_some() || m == 1) {
                    b.person(id).is_hr_admin = true;
                }
                if fixed.is_none() {
                    ics.push(id);
                }
                members.push(id);
            }
            if spec.name == "Customer Success"
                && t + 1 == team_count
                && team_count > 1
                && members.len() >= 2
            {
                managers_for_leaving.push((manager, members));
            }
        }
    }

    // History: about 8% of ICs have left, 2% are on leave, and one team lost its manager
    // recently and still needs a new one (something HR's "My work" shows).
    let today = opts.today;
    for id in ics {
        if b.rng.chance(0.08) {
            let hired = b.person(id).hire_date;
            let tenure_days = (today - hired).num_days();
            if tenure_days < 120 {
                continue;
            }
            let left_days_ago = 1 + b.rng.below(540.min(tenure_days as u64 - 90)) as i64;
            let reason = b.rng.pick(DEPARTURE_REASONS).to_string();
            let p = b.person(id);
            p.status = "departed".into();
            p.departed_on = Some(today - Duration::days(left_days_ago));
            p.departure_reason = Some(reason);
            p.is_hr_admin = false;
        } else if b.rng.chance(0.02) {
            b.person(id).status = "on_leave".into();
        }
    }
    if let Some((manager, _members)) = managers_for_leaving.first() {
        let p = b.person(*manager);
        p.status = "departed".into();
        p.departed_on = Some(today - Duration::days(12));
        p.departure_reason = Some(DEPARTURE_REASONS[0].into());
    }

    let personas = [EMPLOYEE, MANAGER, SKIP_LEVEL, HR, EXECUTIVE]
        .into_iter()
        .filter_map(|persona| {
            let p = b.people.iter().find(|p| p.name == persona.name)?;
            Some(DemoPersona {
                email: p.email.clone(),
                name: p.name.clone(),
                title: p.title.clone(),
                role: persona.role.into(),
                summary: persona.summary.into(),
            })
        })
        .collect();

    DemoCompany { departments, teams, people: b.people, personas }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn opts(employees: usize, seed: u64) -> DemoOptions {
        DemoOptions { employees, seed, today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap() }
    }

    fn depth_of(people: &[NewPerson], id: PersonId) -> usize {
        let managers: HashMap<PersonId, Option<PersonId>> =
            people.iter().map(|p| (p.id, p.manager_id)).collect();
        let mut depth = 1;
        let mut current = managers[&id];
        while let Some(m) = current {
            depth += 1;
            assert!(depth < 20, "loop in the manager tree");
            current = managers[&m];
        }
        depth
    }

    #[test]
    fn same_seed_same_company() {
        let a = generate(opts(120, 7));
        let b = generate(opts(120, 7));
        assert_eq!(a.people, b.people);
        assert_eq!(a.teams, b.teams);
        let c = generate(opts(120, 8));
        assert_ne!(a.people, c.people, "another seed gives another company");
    }

    #[test]
    fn has_the_requested_size_and_a_tree_four_to_five_deep() {
        for n in [40, 120, 500, 5000] {
            let company = generate(opts(n, 42));
            assert_eq!(company.people.len(), n);
            let max_depth =
                company.people.iter().map(|p| depth_of(&company.people, p.id)).max().unwrap();
            assert!((4..=5).contains(&max_depth), "depth {max_depth} at {n} people");
            // Managers always come before their reports, so batches insert in order.
            for p in &company.people {
                if let Some(m) = p.manager_id {
                    assert!(m < p.id);
                }
            }
        }
    }

    #[test]
    fn emails_are_unique_even_at_fifty_thousand() {
        let company = generate(opts(50_000, 42));
        let unique: HashSet<_> = company.people.iter().map(|p| &p.email).collect();
        assert_eq!(unique.len(), 50_000);
    }

    #[test]
    fn the_five_personas_always_exist_with_their_roles() {
        for seed in [1, 42, 999] {
            let company = generate(opts(120, seed));
            assert_eq!(company.personas.len(), 5);
            let by_name = |n: &str| company.people.iter().find(|p| p.name == n).unwrap().clone();
            let tom = by_name("Tom Becker");
            let elena = by_name("Elena Marsh");
            let sam = by_name("Sam Whitfield");
            assert_eq!(tom.manager_id, Some(elena.id));
            assert_eq!(elena.manager_id, Some(sam.id));
            assert!(by_name("Jordan Ellis").is_hr_admin);
            assert!(by_name("Amara Okafor").is_executive);
            assert_eq!(by_name("Amara Okafor").manager_id, None);
            for (name, email) in PERSONAS {
                assert_eq!(by_name(name).email, email);
                assert_eq!(by_name(name).status, "active");
            }
        }
    }

    #[test]
    fn has_history_leavers_and_all_departments() {
        let company = generate(opts(120, 42));
        let departed: Vec<_> = company.people.iter().filter(|p| p.status == "departed").collect();
        assert!(departed.len() >= 3, "some people have left");
        for p in &departed {
            assert!(p.departed_on.unwrap() > p.hire_date);
            assert!(p.departure_reason.is_some());
        }
        let names: Vec<_> = company.departments.iter().map(|d| d.name.as_str()).collect();
        for d in
            ["Engineering", "Product", "Design", "Sales", "Customer Success", "People", "Finance"]
        {
            assert!(names.contains(&d));
        }
        let oldest = company.people.iter().map(|p| p.hire_date).min().unwrap();
        assert!((opts(1, 1).today - oldest).num_days() >= 6 * 365);
    }
}
