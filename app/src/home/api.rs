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
    /// Outcomes that concerned this person lately (also sent by email), newest first.
    pub updates: Vec<Update>,
}

/// An outcome the person was told of: a decision, an appeal's result, an acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub text: String,
    pub href: String,
    pub on: chrono::NaiveDate,
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

#[server(endpoint = "home/get_my_work")]
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
        let report_ids: Vec<_> = reports.iter().map(|r| r.id).collect();
        let todos = crate::areas::todos::collect(
            c,
            &crate::areas::todos::TodoContext {
                me,
                viewer,
                reports: &report_ids,
                today: auth.today(),
            },
        )?;
        let updates = crate::kernel::outbox::updates_for(c, me, auth.now())?
            .into_iter()
            .map(|(text, href, at)| Update { text, href, on: at.date() })
            .collect();
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
            updates,
        })
    })
    .await
}
