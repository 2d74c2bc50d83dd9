//! Server functions of the org area. Each one asks the policy first (through
//! `context::authorize`) and only then touches the database.

use super::types::*;
use crate::error::AppError;
use crate::kernel::PersonId;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::queries, crate::audit::Target, crate::context, crate::error::FieldError,
    crate::policy::Action,
};

#[server(endpoint = "org/get_directory")]
pub async fn get_directory(query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    let auth = context::authorize(Action::ReadDirectory, Target::Page("directory")).await?;
    let can_see_departed = auth.allows(Action::ReadDepartedPeople);
    let too_long = |text: &str| text.chars().count() > DIRECTORY_TEXT_MAX;
    let mut errors = Vec::new();
    if too_long(&query.q) {
        errors.push(FieldError::new(
            "q",
            format!("Search with at most {DIRECTORY_TEXT_MAX} characters."),
        ));
    }
    if query.location.as_deref().is_some_and(too_long) {
        errors.push(FieldError::new("location", "Choose a location from the list."));
    }
    AppError::check_fields(errors)?;
    auth.read(move |c, _| {
        let found = queries::directory(c, &query, can_see_departed)?;
        Ok(DirectoryPage {
            people: found.people,
            total: found.total,
            has_next: found.has_next,
            page: query.page.max(1),
            per_page: queries::DIRECTORY_PAGE_SIZE,
            departments: queries::departments(c)?,
            locations: queries::locations(c)?,
            can_see_departed,
        })
    })
    .await
}

/// People whose name, email or title matches `q`, for a person picker: active people only
/// (nobody chooses someone who has left), as many as the directory shows its reader, at
/// most [`PICKER_RESULTS`]. Fewer than two characters find nobody.
#[server(endpoint = "org/find_people")]
pub async fn find_people(q: String) -> Result<Vec<PersonChoice>, AppError> {
    let auth = context::authorize(Action::ReadDirectory, Target::Page("directory")).await?;
    let q = q.trim().to_string();
    if q.chars().count() > DIRECTORY_TEXT_MAX {
        return Err(AppError::invalid(
            "q",
            format!("Search with at most {DIRECTORY_TEXT_MAX} characters."),
        ));
    }
    if q.chars().count() < 2 {
        return Ok(Vec::new());
    }
    auth.read(move |c, _| {
        let query = DirectoryQuery { q, page: 1, ..DirectoryQuery::default() };
        let found = queries::directory(c, &query, false)?;
        Ok(found
            .people
            .into_iter()
            .take(PICKER_RESULTS)
            .map(|p| PersonChoice {
                name: p.name,
                title: p.title,
                team: p.team.unwrap_or(p.department),
                email: p.email,
            })
            .collect())
    })
    .await
}

#[server(endpoint = "org/get_profile")]
pub async fn get_profile(id: PersonId) -> Result<PersonProfile, AppError> {
    let auth = context::authorize(Action::ReadDirectory, Target::Person(id)).await?;
    let mut profile = auth.read(move |c, auth| Ok(queries::profile(c, id, auth.today())?)).await?;
    if profile.person.status == EmploymentStatus::Departed {
        // Refused like any other access (and audited), shown as "not found".
        if auth.require(&Action::ReadDepartedPeople, Target::Person(id)).await.is_err() {
            return Err(AppError::NotFound);
        }
    }
    let subject =
        crate::policy::Subject { id, manager_chain: profile.chain.iter().map(|p| p.id).collect() };
    if !auth.allows(Action::ReadDepartureDetails(&subject)) {
        profile.departure_reason = None;
    }
    profile.can_change_manager = auth.allows(Action::ChangeManager);
    // Only HR may see who has left: others see a placeholder in the reporting line.
    if !auth.allows(Action::ReadDepartedPeople) {
        profile.chain = profile.chain.into_iter().map(PersonSummary::hide_if_departed).collect();
    }
    Ok(profile)
}

#[server(endpoint = "org/get_org_chart")]
pub async fn get_org_chart(
    root: Option<PersonId>,
    depth: Option<u32>,
) -> Result<Option<OrgChart>, AppError> {
    let auth = context::authorize(
        Action::ReadDirectory,
        root.map_or(Target::Page("org_chart"), Target::Person),
    )
    .await?;
    let sees_departed = auth.allows(Action::ReadDepartedPeople);
    let depth = depth.unwrap_or(2).clamp(1, 4);
    auth.read(move |c, _| {
        let root = match root {
            Some(id) => Some(id),
            None => queries::top_of_company(c)?,
        };
        match root {
            Some(id) => match queries::org_chart(c, id, depth) {
                Ok(mut chart) if chart.root.person.status != EmploymentStatus::Departed => {
                    if !sees_departed {
                        chart.ancestors = chart
                            .ancestors
                            .into_iter()
                            .map(PersonSummary::hide_if_departed)
                            .collect();
                    }
                    Ok(Some(chart))
                }
                Ok(_) | Err(diesel::result::Error::NotFound) => Err(AppError::NotFound),
                Err(e) => Err(e.into()),
            },
            None => Ok(None),
        }
    })
    .await
}

/// Moves a person to a new manager (HR). Field-level errors for an unknown manager or a
/// loop in the tree; a stale form (someone else changed the person) is a conflict.
#[server(endpoint = "org/change_manager")]
pub async fn change_manager(
    person_id: PersonId,
    manager_email: String,
    version: i32,
) -> Result<(), AppError> {
    use super::queries::ManagerChange;
    use super::rules::CycleCheck;

    let auth = context::authorize(Action::ChangeManager, Target::Person(person_id)).await?;
    let email = match crate::kernel::email::address(&manager_email) {
        Ok(email) => email,
        Err(crate::kernel::email::EmailProblem::Empty) => {
            return Err(AppError::invalid(
                "manager_email",
                "Enter the new manager's work email address.",
            ))
        }
        Err(problem) => return Err(AppError::invalid("manager_email", problem.to_string())),
    };
    auth.write(move |c, auth| {
            match queries::change_manager(c, person_id, &email, version, auth.now())? {
                ManagerChange::Done { from, to } => {
                    let mut detail = format!("manager {} -> {to}", from.map_or("none".into(), |f| f.to_string()));
                    if to == auth.viewer().person_id {
                        flag_self_assignment(c, auth, person_id)?;
                        detail.push_str(" (HR made themselves the manager; the other HR admins were told)");
                    }
                    auth.audit_detail(c, "change_manager", Target::Person(person_id), detail)
                }
                ManagerChange::Stale => Err(AppError::stale("person")),
                ManagerChange::UnknownManager => Err(AppError::invalid(
                    "manager_email",
                    "Nobody in Trellis who can manage others has this email address.",
                )),
                ManagerChange::Rule(CycleCheck::SelfManager) => {
                    Err(AppError::invalid("manager_email", "A person cannot be their own manager."))
                }
                ManagerChange::Rule(CycleCheck::Cycle) => Err(AppError::invalid(
                    "manager_email",
                    "This would make a loop in the reporting lines: that person already reports, directly or indirectly, to the person you are moving.",
                )),
            }
        })
    .await
}

/// An HR admin who makes themselves someone's manager thereby decides that person's pending
/// outcomes (their assessment and rating in an open cycle, their promotion packet). Nobody
/// decides their own outcomes unseen: every other HR admin is told, in the same transaction.
#[cfg(feature = "ssr")]
fn flag_self_assignment(
    c: &mut crate::db::DbConn,
    auth: &context::Authorized,
    person: PersonId,
) -> Result<(), AppError> {
    use crate::db::schema::people;
    use crate::kernel::outbox::{enqueue_new, NewMessage};
    use diesel::prelude::*;
    let me = auth.viewer();
    let others: Vec<PersonId> = people::table
        .filter(people::is_hr_admin.eq(true))
        .filter(people::status.ne(queries::DEPARTED))
        .filter(people::id.ne(me.person_id))
        .select(people::id)
        .load(c)?;
    let name = queries::summary(c, person)?.name;
    let now = auth.now();
    let subject = format!("{} made themselves {name}'s manager", me.name);
    let body = format!(
        "{} (HR) moved {name} to report to themselves on {}. As {name}'s manager they now write \
         the assessment and preliminary rating in any open review cycle and any promotion \
         packet. If this was not agreed, change the manager back on {name}'s profile: \
         /people/{person}.",
        me.name,
        crate::ui::format::date(now.date()),
    );
    // One batch, as a cycle's launch queues its messages: each key names this move alone.
    let messages: Vec<NewMessage> = others
        .into_iter()
        .map(|hr| NewMessage {
            person: hr,
            subject: subject.clone(),
            body: body.clone(),
            key: format!(
                "self-managed:{person}:{}:{hr}:{}",
                me.person_id,
                now.and_utc().timestamp()
            ),
            link: Some(format!("/people/{person}")),
        })
        .collect();
    enqueue_new(c, &messages, now)?;
    Ok(())
}

/// Records that a person has left (HR). Their sessions end in the same transaction, so
/// they are signed out everywhere at once.
#[server(endpoint = "org/record_departure")]
pub async fn record_departure(
    person_id: PersonId,
    departed_on: String,
    reason: String,
    version: i32,
) -> Result<(), AppError> {
    use super::queries::DepartureRecorded;

    let auth = context::authorize(Action::RecordDeparture, Target::Person(person_id)).await?;
    let mut errors = Vec::new();
    let date = match crate::kernel::form_date(&departed_on) {
        Some(d) => Some(d),
        None => {
            errors.push(FieldError::new(
                "departed_on",
                "Enter the last working day as a date, for example 2026-11-30.",
            ));
            None
        }
    };
    if let Some(d) = date {
        if d > auth.today() + chrono::Duration::days(90) {
            errors.push(FieldError::new(
                "departed_on",
                "The last working day must be within the next 90 days.",
            ));
        }
    }
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        errors.push(FieldError::new(
            "reason",
            "Enter the reason for leaving, for example \"Resigned: a new opportunity\".",
        ));
    } else if reason.chars().count() > 500 {
        errors.push(FieldError::new("reason", "Keep the reason under 500 characters."));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let on = date.expect("validated");
    auth.write(move |c, auth| {
        match queries::record_departure(c, person_id, on, &reason, version, auth.now())? {
            DepartureRecorded::Done { sessions_ended } => {
                let detail = format!("left on {on}; {sessions_ended} session(s) ended");
                auth.audit_detail(c, "record_departure", Target::Person(person_id), detail)
            }
            DepartureRecorded::Stale => Err(AppError::stale("person")),
            DepartureRecorded::AlreadyDeparted => {
                Err(AppError::Conflict("This person's departure is already recorded.".into()))
            }
            DepartureRecorded::BeforeHireDate(hired) => Err(AppError::invalid(
                "departed_on",
                format!(
                    "The last working day cannot be before they joined ({}).",
                    crate::ui::format::date(hired)
                ),
            )),
        }
    })
    .await
}
