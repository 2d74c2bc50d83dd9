//! Sessions.

use super::*;

#[server(endpoint = "calibration/get_calibration_home")]
pub async fn get_calibration_home() -> Result<CalibrationHome, AppError> {
    let auth = context::authorize(Action::ReadOwnWork, Target::Page("calibration")).await?;
    let can_create = auth.allows(Action::ManageCalibrationSessions);
    auth.read(move |c, auth| {
        Ok(CalibrationHome {
            sessions: queries::sessions_for(c, auth.viewer().person_id, auth.viewer().is_hr_admin)?,
            can_create,
        })
    })
    .await
}

#[server(endpoint = "calibration/get_session_form")]
pub async fn get_session_form() -> Result<SessionFormData, AppError> {
    let auth =
        context::authorize(Action::ManageCalibrationSessions, Target::Page("calibration_session"))
            .await?;
    auth.read(|c, _| {
        Ok(SessionFormData {
            cycles: queries::cycles_to_calibrate(c)?,
            departments: org::departments(c)?.into_iter().map(|d| (d.id, d.name)).collect(),
            teams: queries::teams_with_departments(c)?,
        })
    })
    .await
}

#[server(endpoint = "calibration/create_session")]
pub async fn create_session(
    #[server(default)] cycle_id: String,
    name: String,
    facilitator_email: String,
    #[server(default)] department: BTreeMap<String, String>,
    #[server(default)] team: BTreeMap<String, String>,
) -> Result<SessionId, AppError> {
    let auth =
        context::authorize(Action::ManageCalibrationSessions, Target::Page("calibration_session"))
            .await?;
    let name = name.trim().to_string();
    let email = facilitator_email.trim().to_lowercase();
    let departments: Vec<DepartmentId> = department.keys().filter_map(|k| k.parse().ok()).collect();
    let teams: Vec<TeamId> = team.keys().filter_map(|k| k.parse().ok()).collect();
    let created = auth
        .write(move |c, auth| {
            let mut errors = Vec::new();
            let form = SessionFormData {
                cycles: queries::cycles_to_calibrate(c)?,
                departments: org::departments(c)?.into_iter().map(|d| (d.id, d.name)).collect(),
                teams: queries::teams_with_departments(c)?,
            };
            let cycle = cycle_id.parse::<CycleId>().ok().filter(|id| form.cycles.iter().any(|(c, _)| c == id));
            if cycle.is_none() {
                errors.push(FieldError::new("cycle_id", "Choose a review cycle whose assessments are open or in calibration."));
            }
            if name.is_empty() || name.chars().count() > 120 {
                errors.push(FieldError::new("name", "Give the session a name of up to 120 characters, such as \u{201c}Sales H2 calibration\u{201d}."));
            }
            let facilitator = match org::active_person_by_email(c, &email)? {
                None => {
                    errors.push(FieldError::new("facilitator_email", "No active person has that work email."));
                    None
                }
                Some((id, _)) => {
                    let reports: Vec<PersonId> = org::direct_reports(c, id)?.into_iter().map(|p| p.id).collect();
                    let leads_managers = reports.iter().any(|r| org::direct_reports(c, *r).map(|rs| !rs.is_empty()).unwrap_or(false));
                    if !leads_managers {
                        errors.push(FieldError::new("facilitator_email", "The facilitator is a skip-level leader: someone whose reports include managers."));
                    }
                    Some(id)
                }
            };
            let chosen: Vec<String> = form
                .departments
                .iter()
                .filter(|(id, _)| departments.contains(id))
                .map(|(_, n)| n.clone())
                .chain(form.teams.iter().filter(|(id, _)| teams.contains(id)).map(|(_, n)| n.clone()))
                .collect();
            if chosen.is_empty() {
                errors.push(FieldError::new("group", "Choose at least one department or team."));
            }
            AppError::check_fields(errors)?;
            let (Some(cycle_id), Some(facilitator)) = (cycle, facilitator) else { return Err(AppError::NotFound) };
            let created = queries::create_session(
                c,
                &queries::NewSession { cycle_id, name: &name, group_label: &chosen.join(", "), facilitator, departments: &departments, teams: &teams, created_by: auth.viewer().person_id, now: auth.now() },
            )?;
            if created.people == 0 {
                return Err(AppError::invalid(
                    "group",
                    if created.elsewhere > 0 { "Everyone in these departments and teams is already on another board of this cycle." } else { "Nobody in these departments and teams takes part in this cycle." },
                ));
            }
            crate::calibration::notifications::announce_session(c, created.id, facilitator, auth.now())?;
            auth.audit_detail(c, "create_calibration_session", Target::CalibrationSession(created.id), format!("{} people", created.people))?;
            Ok(created)
        })
        .await?;
    leptos_axum::redirect(&format!("/calibration/{}", created.id));
    Ok(created.id)
}
