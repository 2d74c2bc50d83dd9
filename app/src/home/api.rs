use crate::error::AppError;
use crate::org::types::{Level, PersonSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWork {
    pub me: PersonSummary,
    pub level: Level,
    pub manager: Option<PersonSummary>,
    pub reports: Vec<PersonSummary>,
    /// For HR: people whose reporting line needs fixing.
    pub hr_checks: Option<OrgDataChecks>,
    /// Things waiting for this person, most urgent first.
    pub todos: Vec<Todo>,
}

/// One thing waiting for the person, with where to do it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Todo {
    pub text: String,
    pub href: String,
    /// Its deadline, if it has one (overdue items stand out).
    pub due: Option<chrono::NaiveDate>,
    pub today: chrono::NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgDataChecks {
    /// Active people with no manager, other than the top of the company.
    pub without_manager: Vec<PersonSummary>,
    /// Active people whose manager has left.
    pub manager_departed: Vec<PersonSummary>,
}

#[server]
pub async fn get_my_work() -> Result<MyWork, AppError> {
    use crate::{audit::Target, policy::Action};
    let auth = crate::context::authorize(Action::ReadOwnWork, Target::Page("my_work")).await?;
    auth.read(move |c, auth| {
        let viewer = auth.viewer();
        let is_hr = viewer.is_hr_admin;
        // Only what this page shows: every query here is about this one person, so the
        // page costs the same in a company of 50 or 50,000.
        use crate::org::queries;
        let me = viewer.person_id;
        let manager = match queries::manager_of(c, me)? {
            Some(m) => Some(queries::summary(c, m)?),
            None => None,
        };
        let hr_checks = if is_hr { Some(queries::org_data_checks(c)?) } else { None };
        let reports = queries::direct_reports(c, me)?;
        let mut todos = review_todos(c, me, &reports)?;
        todos.extend(promotion_todos(c, me)?);
        Ok(MyWork {
            me: queries::summary(c, me)?,
            level: queries::level_of(c, me)?,
            manager,
            reports,
            hr_checks: hr_checks.map(|(without_manager, manager_departed)| OrgDataChecks {
                without_manager,
                manager_departed,
            }),
            todos,
        })
    })
    .await
}

/// Review work waiting for `me`, soonest deadline first.
#[cfg(feature = "ssr")]
fn review_todos(
    c: &mut crate::db::DbConn,
    me: crate::org::types::PersonId,
    reports: &[PersonSummary],
) -> Result<Vec<Todo>, AppError> {
    let today = chrono::Utc::now().date_naive();
    let ids: Vec<_> = reports.iter().map(|r| r.id).collect();
    let mut todos: Vec<Todo> = crate::reviews::queries::todos(c, me, &ids)?
        .into_iter()
        .map(|(text, href, due)| Todo { text, href, due, today })
        .collect();
    todos.sort_by_key(|t| t.due.unwrap_or(chrono::NaiveDate::MAX));
    Ok(todos)
}

/// Promotion work waiting for `me`: endorsements to write, calibrations to hold, decisions
/// to make as a skip-level.
#[cfg(feature = "ssr")]
fn promotion_todos(
    c: &mut crate::db::DbConn,
    me: crate::org::types::PersonId,
) -> Result<Vec<Todo>, AppError> {
    use crate::promotions::{queries, types::*};
    let today = chrono::Utc::now().date_naive();
    let todo = |text: String, href: String| Todo { text, href, due: None, today };
    let mut todos = Vec::new();
    let skip_reports = crate::org::queries::skip_level_report_ids(c, me)?;
    for p in queries::packets_in_status(c, PacketStatus::Calibrated, skip_reports)? {
        todos.push(todo(
            format!("Decide on {}'s promotion to {}", p.person.name, p.target.label()),
            format!("/promotions/packets/{}", p.id),
        ));
    }
    for p in queries::packets_on_panel(c, me)? {
        todos.push(todo(
            format!("Promotion calibration: {} for {}", p.person.name, p.target.label()),
            format!("/promotions/packets/{}", p.id),
        ));
    }
    for (id, person, target, status) in queries::endorsements_asked(c, me)? {
        if status == EndorsementStatus::Requested {
            todos.push(todo(
                format!("Write an endorsement for {} ({})", person.name, target.label()),
                format!("/promotions/endorsements/{id}"),
            ));
        }
    }
    Ok(todos)
}
