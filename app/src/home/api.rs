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
    use crate::policy::Action;
    let (viewer, state) = crate::context::authorize(Action::ReadDirectory, ("my_work", None)).await?;
    let is_hr = viewer.is_hr_admin;
    state
        .db
        .run(move |c| {
            // Only what this page shows: every query here is about this one person, so the
            // page costs the same in a company of 50 or 50,000.
            use crate::org::queries;
            let me = viewer.person_id;
            let manager = match queries::manager_of(c, me)? {
                Some(m) => Some(queries::summary(c, m)?),
                None => None,
            };
            let hr_checks = if is_hr { Some(queries::org_data_checks(c)?) } else { None };
            Ok(MyWork {
                me: queries::summary(c, me)?,
                level: queries::level_of(c, me)?,
                manager,
                reports: queries::direct_reports(c, me)?,
                hr_checks: hr_checks.map(|(without_manager, manager_departed)| OrgDataChecks { without_manager, manager_departed }),
            })
        })
        .await
}
