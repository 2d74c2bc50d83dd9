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

/// A cycle's page: its deadlines and next step, and its completion in one organisation
/// divided by branch. A manager starts at their own organisation and HR at the whole cycle
/// (divided at the top of the company); `root` moves the view down to someone's
/// organisation. The counts are stored per organisation (one row per branch is read) and
/// names come a page at a time, only for views small enough to sort, so neither what the
/// page reads nor what it sends grows with the organisation.
#[server(endpoint = "reviews/get_cycle_page")]
pub async fn get_cycle_page(
    id: CycleId,
    #[server(default)] root: Option<PersonId>,
) -> Result<CyclePage, AppError> {
    let auth = context::authorize(Action::ReadReviewCompletion, Target::ReviewCycle(id)).await?;
    let can_manage = auth.allows(Action::ManageReviewCycles);
    let today = auth.today();
    auth.read(move |c, auth| {
        let row = queries::cycle_row(c, id)?;
        let me = auth.viewer().person_id;
        // HR's view has the top of the company as its top; a manager's, themselves.
        let top = if can_manage { org::top_of_company(c)? } else { Some(me) };
        let root = root.or(top);
        let organisation_of = match root {
            Some(r) => org::subject(c, r)?,
            None => org::subject(c, me)?,
        };
        let rows = match root {
            Some(r) => queries::completion_by_branch(c, &row, r)?,
            None => Vec::new(),
        };
        let in_branches: CompletionCounts = rows.iter().map(|r| r.1).sum();
        // HR at the top counts the whole cycle, including reviews outside the tree.
        let whole_cycle = can_manage && root == top;
        let totals = if whole_cycle { queries::completion_of_cycle(c, &row)? } else { in_branches };
        // A cycle that reviews nobody in the organisation, or an organisation that is not the
        // viewer's, is refused (audited) and shown as not found.
        auth.require_in(
            &Action::ReadCycleCompletion {
                organisation_of: &organisation_of,
                reviews_in_organisation: totals.reviews as usize,
            },
            Target::ReviewCycle(id),
        )
        .map_err(|_| AppError::NotFound)?;
        let reviewed = match root {
            Some(r) if !whole_cycle => queries::Reviewed::Below(r),
            _ => queries::Reviewed::All,
        };
        let missing = if totals.reviews <= queries::LIST_NAMES_UP_TO {
            let (items, total) = queries::missing_past_deadline(c, &row, reviewed, today)?;
            Some(FirstPage { items, total })
        } else {
            None
        };
        let to_finalise = if can_manage
            && matches!(row.status(), CycleStatus::Calibration | CycleStatus::Delivery)
        {
            queries::awaiting_final_rating(c, id, auth.viewer().person_id)?
        } else {
            (Vec::new(), 0)
        };
        let heads: Vec<PersonId> = rows.iter().map(|r| r.0).collect();
        let sizes = org::stored_org_sizes(c, &heads)?;
        let mut people = org::summaries_by_id(c, &heads)?;
        let mut rows: Vec<CompletionRow> = rows
            .into_iter()
            .filter_map(|(head, counts)| {
                let has_reports = sizes.get(&head).is_some_and(|n| *n > 0);
                people.remove(&head).map(|head| CompletionRow { head, has_reports, counts })
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.head.team.as_deref(), &a.head.name).cmp(&(b.head.team.as_deref(), &b.head.name))
        });
        // The way back up: from the view's top (excluded) down to the root (excluded).
        let path_ids: Vec<PersonId> = match (root, top) {
            (Some(r), Some(t)) if r != t => {
                organisation_of.manager_chain.iter().take_while(|m| **m != t).copied().collect()
            }
            _ => Vec::new(),
        };
        let mut path = org::summaries_in_order(c, &path_ids)?;
        path.reverse();
        let completion_percent = rules::on_time_percent(&totals, row.delivery_due, today);
        Ok(CyclePage {
            root: match root {
                Some(r) if !whole_cycle => Some(org::summary(c, r)?),
                _ => None,
            },
            path,
            elsewhere: if whole_cycle { totals - in_branches } else { CompletionCounts::default() },
            totals,
            rows,
            completion_percent,
            missing,
            to_finalise: FirstPage { items: to_finalise.0, total: to_finalise.1 },
            cycle: queries::to_cycle(c, row)?,
            can_manage,
            today,
        })
    })
    .await
}

/// Moves a cycle on to its next status. Every step is irreversible and reaches many people,
/// so HR confirms it (`confirm=yes`, a box that says what will happen).
#[server(endpoint = "reviews/advance_cycle")]
pub async fn advance_cycle(
    id: CycleId,
    version: i32,
    #[server(default)] confirm: String,
    /// Why launch although some of the cycle's people are in another running cycle for an
    /// overlapping period (asked for only then).
    #[server(default)]
    overlap_reason: String,
) -> Result<(), AppError> {
    let auth = context::authorize(Action::ManageReviewCycles, Target::ReviewCycle(id)).await?;
    if confirm != "yes" {
        return Err(AppError::invalid(
            "confirm",
            "Tick the box to confirm what this step does: it cannot be undone.",
        ));
    }
    auth.write(move |c, auth| {
            let now = auth.now();
            let row = queries::cycle_row(c, id)?;
            let Some((next, _)) = row.status().next() else { return Err(closed("a closed cycle")) };
            let mut note = None;
            let changed = if row.status() == CycleStatus::Draft {
                // Two cycles reviewing the same people for the same months ask everyone
                // twice: HR goes ahead only with a reason, kept on the cycle.
                let settings = row.settings();
                let people: Vec<_> =
                    queries::participants(c, &settings)?.into_iter().map(|(p, _)| p).collect();
                let overlaps = queries::overlaps(c, id, &settings, &people)?;
                note = rules::launch_note(&overlaps, &overlap_reason)
                    .map_err(|e| AppError::Invalid(vec![e]))?;
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
            if let Some(note) = &note {
                queries::set_launch_note(c, id, note)?;
            }
            let detail = match &note {
                Some(note) => format!("{}: {note}", next.as_str()),
                None => next.as_str().to_string(),
            };
            auth.audit_detail(c, "advance_review_cycle", Target::ReviewCycle(id), &detail)
        })
    .await
}
