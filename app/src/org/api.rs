//! Server functions of the org area. Each one asks the policy first (through
//! `context::authorize`) and only then touches the database.

use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::queries, crate::context, crate::policy::Action};

#[server]
pub async fn get_directory(query: DirectoryQuery) -> Result<DirectoryPage, AppError> {
    let (viewer, state) = context::authorize(Action::ReadDirectory, ("directory", None)).await?;
    let can_see_departed = crate::policy::check(&viewer, &Action::ReadDepartedPeople).is_ok();
    state
        .db
        .run(move |c| {
            let (people, total) = queries::directory(c, &query, can_see_departed)?;
            Ok(DirectoryPage {
                people,
                total,
                page: query.page.max(1),
                per_page: queries::DIRECTORY_PAGE_SIZE,
                departments: queries::departments(c)?,
                locations: queries::locations(c)?,
                can_see_departed,
            })
        })
        .await
}

#[server]
pub async fn get_profile(id: PersonId) -> Result<PersonProfile, AppError> {
    let (viewer, state) = context::authorize(Action::ReadDirectory, ("person", Some(id))).await?;
    let today = chrono::Utc::now().date_naive();
    let mut profile = state.db.run(move |c| queries::profile(c, id, today).map_err(AppError::from)).await?;
    if profile.person.status == EmploymentStatus::Departed {
        // Refused like any other access (and audited), shown as "not found".
        if context::authorize(Action::ReadDepartedPeople, ("person", Some(id))).await.is_err() {
            return Err(AppError::NotFound);
        }
    }
    let subject = crate::policy::Subject {
        id,
        manager_chain: profile.chain.iter().map(|p| p.id).collect(),
    };
    if crate::policy::check(&viewer, &Action::ReadDepartureDetails(&subject)).is_err() {
        profile.departure_reason = None;
    }
    profile.can_change_manager = crate::policy::check(&viewer, &Action::ChangeManager).is_ok();
    // Only HR may see who has left: others see a placeholder in the reporting line.
    if crate::policy::check(&viewer, &Action::ReadDepartedPeople).is_err() {
        profile.chain = profile.chain.into_iter().map(PersonSummary::hide_if_departed).collect();
    }
    Ok(profile)
}

#[server]
pub async fn get_org_chart(root: Option<PersonId>, depth: Option<u32>) -> Result<Option<OrgChart>, AppError> {
    let (viewer, state) = context::authorize(Action::ReadDirectory, ("org_chart", root)).await?;
    let sees_departed = crate::policy::check(&viewer, &Action::ReadDepartedPeople).is_ok();
    let depth = depth.unwrap_or(2).clamp(1, 4);
    state
        .db
        .run(move |c| {
            let root = match root {
                Some(id) => Some(id),
                None => queries::top_of_company(c)?,
            };
            match root {
                Some(id) => match queries::org_chart(c, id, depth) {
                    Ok(mut chart) if chart.root.person.status != EmploymentStatus::Departed => {
                        if !sees_departed {
                            chart.ancestors = chart.ancestors.into_iter().map(PersonSummary::hide_if_departed).collect();
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
#[server]
pub async fn change_manager(person_id: PersonId, manager_email: String, version: i32) -> Result<(), AppError> {
    use super::queries::ManagerChange;
    use super::rules::CycleCheck;
    use crate::audit::{self, AuditEntry, Outcome};

    let (viewer, state) = context::authorize(Action::ChangeManager, ("person", Some(person_id))).await?;
    let email = manager_email.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::invalid("manager_email", "Enter the new manager's work email address."));
    }
    if !email.contains('@') {
        return Err(AppError::invalid("manager_email", "Enter an email address like name@company.com."));
    }
    let now = chrono::Utc::now().naive_utc();
    let entry = AuditEntry::new(Some(viewer.person_id), "change_manager", ("person", Some(person_id)), Outcome::Allowed);
    state
        .db
        .transaction(move |c| {
            match queries::change_manager(c, person_id, &email, version, now)? {
                ManagerChange::Done { from, to } => {
                    audit::record(c, &entry.detail(format!("manager {} -> {to}", from.map_or("none".into(), |f| f.to_string()))))?;
                    Ok(())
                }
                ManagerChange::Stale => Err(AppError::Conflict(
                    "Someone else changed this person while you were editing. Reload the page to see the latest details, then try again.".into(),
                )),
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

/// Records that a person has left (HR). Their sessions end in the same transaction, so
/// they are signed out everywhere at once.
#[server]
pub async fn record_departure(person_id: PersonId, departed_on: String, reason: String, version: i32) -> Result<(), AppError> {
    use super::queries::DepartureRecorded;
    use crate::audit::{self, AuditEntry, Outcome};
    use crate::error::FieldError;

    let (viewer, state) = context::authorize(Action::RecordDeparture, ("person", Some(person_id))).await?;
    let mut errors = Vec::new();
    let date = match chrono::NaiveDate::parse_from_str(departed_on.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError::new("departed_on", "Enter the last working day as a date, for example 2026-11-30."));
            None
        }
    };
    let today = chrono::Utc::now().date_naive();
    if let Some(d) = date {
        if d > today + chrono::Duration::days(90) {
            errors.push(FieldError::new("departed_on", "The last working day must be within the next 90 days."));
        }
    }
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        errors.push(FieldError::new("reason", "Enter the reason for leaving, for example \"Resigned: a new opportunity\"."));
    } else if reason.chars().count() > 500 {
        errors.push(FieldError::new("reason", "Keep the reason under 500 characters."));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let on = date.expect("validated");
    let now = chrono::Utc::now().naive_utc();
    let entry = AuditEntry::new(Some(viewer.person_id), "record_departure", ("person", Some(person_id)), Outcome::Allowed);
    state
        .db
        .transaction(move |c| match queries::record_departure(c, person_id, on, &reason, version, now)? {
            DepartureRecorded::Done { sessions_ended } => {
                audit::record(c, &entry.detail(format!("left on {on}; {sessions_ended} session(s) ended")))?;
                Ok(())
            }
            DepartureRecorded::Stale => Err(AppError::Conflict(
                "Someone else changed this person while you were editing. Reload the page to see the latest details, then try again.".into(),
            )),
            DepartureRecorded::AlreadyDeparted => Err(AppError::Conflict("This person's departure is already recorded.".into())),
            DepartureRecorded::BeforeHireDate(hired) => Err(AppError::invalid(
                "departed_on",
                format!("The last working day cannot be before they joined ({}).", crate::ui::format::date(hired)),
            )),
        })
        .await
}
