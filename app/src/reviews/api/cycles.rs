//! Overview and cycles.

use super::*;

#[server(endpoint = "reviews/get_reviews_home")]
pub async fn get_reviews_home() -> Result<ReviewsHome, AppError> {
    let auth = context::authorize(Action::ReadOwnWork, Target::Page("reviews")).await?;
    let can_create_cycle = auth.allows(Action::ManageReviewCycles);
    let follows = auth.allows(Action::ReadReviewCompletion);
    auth.read(move |c, auth| {
        let me = auth.viewer().person_id;
        let reports: Vec<PersonId> =
            org::direct_reports(c, me)?.into_iter().map(|p| p.id).collect();
        let cycles = if can_create_cycle {
            queries::all_cycles(c)?
        } else if follows {
            queries::cycles_covering(c, &reports)?
        } else {
            Vec::new()
        };
        Ok(ReviewsHome {
            mine: queries::reviews_of(c, me)?,
            peer_requests: queries::peer_requests_for(c, me)?,
            team: queries::open_reviews_of(c, &reports)?,
            cycles,
            can_create_cycle,
            today: auth.today(),
        })
    })
    .await
}

/// Departments for the new-cycle form.
#[server(endpoint = "reviews/get_cycle_form")]
pub async fn get_cycle_form() -> Result<Vec<(DepartmentId, String)>, AppError> {
    let auth = context::authorize(Action::ManageReviewCycles, Target::Page("review_cycle")).await?;
    auth.read(|c, _| Ok(org::departments(c)?.into_iter().map(|d| (d.id, d.name)).collect())).await
}

#[allow(clippy::too_many_arguments)]
#[server(endpoint = "reviews/create_cycle")]
pub async fn create_cycle(
    name: String,
    period_start: String,
    period_end: String,
    scope: String,
    #[server(default)] department_id: String,
    #[server(default)] team_manager_email: String,
    hired_before: String,
    self_due: String,
    peer_due: String,
    manager_due: String,
    calibration_due: String,
    delivery_due: String,
    #[server(default)] anonymous_peers: Option<String>,
) -> Result<CycleId, AppError> {
    let auth = context::authorize(Action::ManageReviewCycles, Target::Page("review_cycle")).await?;
    let email = team_manager_email.trim().to_lowercase();
    let manager = if scope == "team" && !email.is_empty() {
        let found = auth.read(move |c, _| Ok(org::active_person_by_email(c, &email)?)).await?;
        Some(found.map(|(id, _)| id).ok_or_else(|| {
            AppError::invalid("team_manager_email", "No active person has that work email.")
        })?)
    } else {
        None
    };
    let form = rules::CycleForm {
        name,
        period_start,
        period_end,
        scope,
        department_id,
        team_manager_id: manager.map(|m| m.to_string()).unwrap_or_default(),
        hired_before,
        self_due,
        peer_due,
        manager_due,
        calibration_due,
        delivery_due,
        anonymous_peers: anonymous_peers.is_some(),
    };
    let settings = rules::parse_cycle(&form).map_err(AppError::Invalid)?;
    let id = auth
        .write(move |c, auth| {
            let id = queries::create_cycle(c, &settings, auth.viewer().person_id, auth.now())?;
            auth.audit(c, "create_review_cycle", Target::ReviewCycle(id))?;
            Ok(id)
        })
        .await?;
    leptos_axum::redirect(&format!("/reviews/cycles/{id}"));
    Ok(id)
}

#[server(endpoint = "reviews/get_cycle_page")]
pub async fn get_cycle_page(id: CycleId) -> Result<CyclePage, AppError> {
    let auth = context::authorize(Action::ReadReviewCompletion, Target::ReviewCycle(id)).await?;
    let can_manage = auth.allows(Action::ManageReviewCycles);
    let today = auth.today();
    auth.read(move |c, auth| {
        let row = queries::cycle_row(c, id)?;
        // A manager follows their own organisation; HR follows everyone.
        let within =
            if can_manage { None } else { Some(org::subtree_ids(c, auth.viewer().person_id)?) };
        let facts = queries::completion_facts(c, &row, within.as_deref())?;
        // A cycle that reviews nobody in the manager's organisation is refused (audited)
        // and shown as not found.
        auth.require_in(
            &Action::ReadCycleCompletion { reviews_in_organisation: facts.len() },
            Target::ReviewCycle(id),
        )
        .map_err(|_| AppError::NotFound)?;
        let (rows, completion_percent) = completion_rows(c, &row, facts, today)?;
        let to_finalise = if can_manage
            && matches!(row.status(), CycleStatus::Calibration | CycleStatus::Delivery)
        {
            // People on a calibration board are finalised by their session.
            let on_boards = crate::calibration::queries::reviews_on_boards(c, id)?;
            let waiting: Vec<_> = queries::awaiting_delivery(c, id)?
                .into_iter()
                .filter(|w| !on_boards.contains(&w.0))
                .collect();
            let people = org::summaries(c, &waiting.iter().map(|w| w.1).collect::<Vec<_>>())?;
            waiting
                .into_iter()
                .filter(|w| w.3.is_none())
                .filter_map(|(review, person, prelim, _)| {
                    people.iter().find(|p| p.id == person).cloned().map(|p| (review, p, prelim))
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(CyclePage {
            cycle: queries::to_cycle(c, row)?,
            rows,
            completion_percent,
            to_finalise,
            can_manage,
            today,
        })
    })
    .await
}

/// Groups a cycle's reviews by manager, and works out the cycle's completion metric.
#[cfg(feature = "ssr")]
fn completion_rows(
    c: &mut DbConn,
    cycle: &queries::CycleRow,
    facts: Vec<queries::CompletionFacts>,
    today: chrono::NaiveDate,
) -> Result<(Vec<CompletionRow>, Option<u32>), AppError> {
    use std::collections::BTreeMap;
    let mut by_manager: BTreeMap<Option<PersonId>, Vec<queries::CompletionFacts>> = BTreeMap::new();
    for f in facts {
        by_manager.entry(f.manager_id).or_default().push(f);
    }
    let managers = org::summaries(c, &by_manager.keys().flatten().copied().collect::<Vec<_>>())?;
    let mut rows = Vec::new();
    let (mut due, mut on_time) = (0, 0);
    for (manager_id, group) in by_manager {
        let manager = manager_id.and_then(|m| managers.iter().find(|p| p.id == m).cloned());
        let team = group
            .iter()
            .find_map(|f| f.person.team.clone())
            .unwrap_or_else(|| group[0].person.department.clone());
        let mut row = CompletionRow {
            manager,
            team,
            reviews: group.len() as i64,
            ..CompletionRow::default()
        };
        for f in group {
            row.self_done += f.self_progress.is_done() as i64;
            row.self_late += (f.self_progress == Progress::Late) as i64;
            row.peers_asked += f.peers_asked;
            row.peers_done += f.peers_done;
            row.manager_done += f.manager_progress.is_done() as i64;
            row.manager_late += (f.manager_progress == Progress::Late) as i64;
            let delivered_on_time = match (f.finalised_at, f.delivered_at) {
                (Some(fin), Some(del)) => {
                    rules::delivered_on_time(fin.date(), del.date(), cycle.delivery_due)
                }
                _ => false,
            };
            row.delivered += f.delivered_at.is_some() as i64;
            row.delivered_on_time += delivered_on_time as i64;
            let mut missing = Vec::new();
            if !f.self_progress.is_done() && today > cycle.self_due {
                missing.push("self-assessment");
            }
            if !f.manager_progress.is_done() && today > cycle.manager_due {
                missing.push("manager assessment");
            }
            if f.delivered_at.is_none() && today > cycle.delivery_due {
                missing.push("delivery");
            }
            if !missing.is_empty() {
                row.missing.push((f.person, missing.join(", ")));
            }
        }
        if today > cycle.delivery_due || row.delivered > 0 {
            due += row.reviews;
            on_time += row.delivered_on_time;
        }
        rows.push(row);
    }
    rows.sort_by(|a, b| a.team.cmp(&b.team));
    let percent = (due > 0).then(|| (on_time * 100 / due) as u32);
    Ok((rows, percent))
}

#[server(endpoint = "reviews/advance_cycle")]
pub async fn advance_cycle(id: CycleId, version: i32) -> Result<(), AppError> {
    let auth = context::authorize(Action::ManageReviewCycles, Target::ReviewCycle(id)).await?;
    auth.write(move |c, auth| {
            let now = auth.now();
            let row = queries::cycle_row(c, id)?;
            let Some((next, _)) = row.status().next() else { return Err(closed("a closed cycle")) };
            let changed = if row.status() == CycleStatus::Draft {
                match queries::launch(c, id, version, now)? {
                    Some(0) => return Err(AppError::invalid("launch", "Nobody matches this cycle's participants: check its scope and new-hire cut-off.")),
                    Some(_) => true,
                    None => false,
                }
            } else {
                queries::set_status(c, id, version, next, now)?
            };
            if !changed {
                return Err(AppError::stale("cycle"));
            }
            auth.audit_detail(c, "advance_review_cycle", Target::ReviewCycle(id), next.as_str())
        })
    .await
}
