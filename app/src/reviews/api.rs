//! Server functions of review cycles. Each asks the policy first; each section of a review is
//! shown only as its own record's rule allows; drafts are saved with a version check so a
//! stale tab never overwrites newer work.

use super::types::*;
use crate::error::AppError;
use crate::kernel::{CycleId, DepartmentId, PeerFeedbackId, ReviewId};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    super::{evidence, notifications, queries, rules},
    crate::audit::Target,
    crate::context::{self, Authorized},
    crate::db::DbConn,
    crate::error::FieldError,
    crate::kernel::{PersonId, Rating},
    crate::org::queries as org,
    crate::policy::{self, Action, Record, Subject, Visibility},
};

#[cfg(feature = "ssr")]
fn stale(what: &str) -> AppError {
    AppError::Conflict(format!(
        "This {what} was changed in another tab or on another device since you opened it, so your latest changes here were not saved. Copy anything you want to keep, then load the newer version."
    ))
}

#[cfg(feature = "ssr")]
fn closed(what: &str) -> AppError {
    AppError::Conflict(format!("The review cycle has moved on: {what} can no longer be changed."))
}

/// Everything about one review that policy decisions need.
#[cfg(feature = "ssr")]
struct ReviewContext {
    row: queries::ReviewRow,
    cycle: queries::CycleRow,
    subject: Subject,
    self_submitted: bool,
}

#[cfg(feature = "ssr")]
impl ReviewContext {
    fn delivered(&self) -> bool {
        self.row.delivered_at.is_some()
    }

    fn calibration_started(&self) -> bool {
        !matches!(self.cycle.status(), CycleStatus::Draft | CycleStatus::Open)
    }

    fn open(&self) -> bool {
        self.cycle.status() == CycleStatus::Open
    }

    fn final_record(&self) -> Record<'_> {
        Record::FinalReview { about: &self.subject, delivered: self.delivered() }
    }

    fn self_record(&self) -> Record<'_> {
        Record::SelfAssessment { author: &self.subject, submitted: self.self_submitted }
    }

    fn manager_record(&self) -> Record<'_> {
        Record::ManagerAssessment {
            about: &self.subject,
            calibration_participants: &[],
            calibration_started: self.calibration_started(),
            delivered: self.delivered(),
        }
    }
}

#[cfg(feature = "ssr")]
fn load_context(c: &mut DbConn, id: ReviewId) -> Result<ReviewContext, AppError> {
    let row = queries::review_row(c, id)?;
    let cycle = queries::cycle_row(c, row.cycle_id)?;
    let subject =
        Subject { id: row.person_id, manager_chain: org::manager_chain(c, row.person_id)? };
    let self_submitted = queries::self_draft(c, id)?.submitted_at.is_some();
    Ok(ReviewContext { row, cycle, subject, self_submitted })
}

#[cfg(feature = "ssr")]
async fn review_context(id: ReviewId) -> Result<ReviewContext, AppError> {
    context::facts(move |c| load_context(c, id)).await
}

/// The review as the viewer may see it. Writes the audit entry for reading an assessment.
#[cfg(feature = "ssr")]
fn review_view(
    c: &mut DbConn,
    auth: &Authorized,
    ctx: &ReviewContext,
) -> Result<ReviewView, AppError> {
    let viewer = auth.viewer();
    let today = auth.today();
    let id = ctx.row.id;
    let is_subject = ctx.subject.is_self(viewer);
    let self_draft = queries::self_draft(c, id)?;
    let self_submitted = self_draft.submitted_at.is_some();
    let self_progress =
        Progress::of(self_draft.saved_at, self_draft.submitted_at, ctx.cycle.self_due);
    let self_assessment = policy::read(viewer, &ctx.self_record()).map(|_| self_draft);
    let manager_draft = queries::manager_draft(c, id)?;
    let manager_progress =
        Progress::of(manager_draft.saved_at, manager_draft.submitted_at, ctx.cycle.manager_due);
    let manager_assessment =
        policy::read(viewer, &ctx.manager_record()).map(|_| manager_draft).map(|mut draft| {
            // The answer to "was this raised before?" and the citations are the manager's notes for
            // calibration, not part of the review the person reads.
            if is_subject {
                draft.answers.raised_before.clear();
                draft.answers.citations.clear();
            }
            draft
        });
    let final_rating = policy::read(viewer, &ctx.final_record()).and(ctx.row.final_rating());

    let peer_rows = queries::peers_of_review(c, id)?;
    let responses = queries::peer_responses(&peer_rows);
    let peer_people = org::summaries(c, &peer_rows.iter().map(|r| r.peer_id).collect::<Vec<_>>())?;
    let mut peers = Vec::new();
    let mut hidden = 0;
    for r in &peer_rows {
        let record = Record::PeerFeedback {
            author: r.peer_id,
            about: &ctx.subject,
            submitted: r.status() == PeerStatus::Submitted,
            delivered: ctx.delivered(),
            anonymous_cycle: ctx.cycle.anonymous_peers,
            responses,
        };
        let person = peer_people.iter().find(|p| p.id == r.peer_id).cloned();
        match policy::read(viewer, &record) {
            Some(Visibility::Full) => peers.push(PeerLine {
                id: r.id,
                peer: person,
                status: r.status(),
                answers: (r.status() == PeerStatus::Submitted || r.peer_id == viewer.person_id)
                    .then(|| r.answers()),
                decline_reason: (!is_subject && r.status() == PeerStatus::Declined)
                    .then(|| r.decline_reason.clone()),
            }),
            // No id either: ids follow the order peers were proposed, which the person knows.
            Some(_) => peers.push(PeerLine {
                id: PeerFeedbackId(0),
                peer: None,
                status: r.status(),
                answers: Some(r.answers()),
                decline_reason: None,
            }),
            // The names and progress of the list (never the answers) for those who chose it
            // and those who follow the review.
            None if !is_subject && policy::read(viewer, &ctx.final_record()).is_some() => {
                let decline_reason =
                    (r.status() == PeerStatus::Declined).then(|| r.decline_reason.clone());
                peers.push(PeerLine {
                    id: r.id,
                    peer: person,
                    status: r.status(),
                    answers: None,
                    decline_reason,
                })
            }
            None if is_subject && r.status() != PeerStatus::Submitted && !ctx.delivered() => peers
                .push(PeerLine {
                    id: r.id,
                    peer: person,
                    status: as_seen_by_subject(r.status()),
                    answers: None,
                    decline_reason: None,
                }),
            None => hidden += 1,
        }
    }
    // Anonymised answers carry no order that could hint at who wrote which.
    if is_subject && ctx.cycle.anonymous_peers && ctx.delivered() {
        peers.sort_by(|a, b| {
            a.answers
                .as_ref()
                .map(|x| x.keep_doing.clone())
                .cmp(&b.answers.as_ref().map(|x| x.keep_doing.clone()))
        });
    }
    let peers_note = (is_subject && hidden > 0).then(|| {
        if !ctx.delivered() {
            "Peer feedback is shared with you when your manager delivers your review.".to_string()
        } else {
            format!(
                "Fewer than {} peers answered, so their feedback is not shown: in this cycle peer feedback is anonymous, and so few answers could tell you who wrote what.",
                policy::MIN_ANONYMOUS_RESPONSES
            )
        }
    });

    let manager = match ctx.subject.manager_chain.first() {
        Some(m) => Some(org::summary(c, *m)?),
        None => None,
    };
    let open = ctx.open();
    let approved = ctx.row.peers_approved_at.is_some();
    let finalised = ctx.row.finalised_at.is_some();
    let can = ReviewPermissions {
        write_self: open && !self_submitted && auth.allows(Action::Write(ctx.self_record())),
        nominate_peers: open
            && !approved
            && is_subject
            && auth.allows(Action::ChoosePeers(&ctx.subject)),
        approve_peers: open
            && !approved
            && !is_subject
            && auth.allows(Action::ChoosePeers(&ctx.subject)),
        write_assessment: open
            && !manager_progress.is_done()
            && auth.allows(Action::Write(ctx.manager_record())),
        finalise: ctx.calibration_started()
            && !ctx.delivered()
            && manager_progress.is_done()
            && ctx.cycle.status() != CycleStatus::Closed
            && auth.allows(Action::FinaliseRating)
            // A person on a calibration board is finalised by the session.
            && crate::calibration::queries::session_of_review(c, id)?.is_none(),
        deliver: finalised && !ctx.delivered() && auth.allows(Action::DeliverReview(&ctx.subject)),
        acknowledge: ctx.delivered() && auth.allows(Action::AcknowledgeReview(&ctx.subject)),
    };
    let peer_suggestions = if can.nominate_peers || can.approve_peers {
        queries::peer_suggestions(c, ctx.subject.id, ctx.subject.manager_chain.first().copied())?
    } else {
        Vec::new()
    };
    if !is_subject && manager_assessment.is_some() {
        auth.audit_detail(c, "read", Target::Review(id), "manager assessment")?;
    }
    Ok(ReviewView {
        id,
        cycle: queries::cycle(c, ctx.cycle.id)?,
        person: org::summary(c, ctx.subject.id)?,
        manager,
        viewer_is_subject: is_subject,
        self_progress,
        self_assessment,
        peers_approved: approved,
        peers,
        peers_note,
        manager_progress,
        manager_assessment,
        final_rating,
        finalised_at: ctx.row.finalised_at.filter(|_| final_rating.is_some()),
        delivered_at: ctx.row.delivered_at,
        acknowledged_at: ctx.row.acknowledged_at,
        employee_comment: ctx.row.employee_comment.clone(),
        can,
        peer_suggestions,
        today,
    })
}

/// What the subject is told of a peer's progress before delivery: only that they were
/// proposed or asked (whether someone declined or answered is not theirs to see yet).
#[cfg(feature = "ssr")]
fn as_seen_by_subject(actual: PeerStatus) -> PeerStatus {
    if actual == PeerStatus::Nominated {
        PeerStatus::Nominated
    } else {
        PeerStatus::Requested
    }
}

// ---------------------------------------------------------------------------------------
// Overview and cycles

#[server]
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
#[server]
pub async fn get_cycle_form() -> Result<Vec<(DepartmentId, String)>, AppError> {
    let auth = context::authorize(Action::ManageReviewCycles, Target::Page("review_cycle")).await?;
    auth.read(|c, _| Ok(org::departments(c)?.into_iter().map(|d| (d.id, d.name)).collect())).await
}

#[allow(clippy::too_many_arguments)]
#[server]
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

#[server]
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

#[server]
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
                return Err(stale("cycle"));
            }
            auth.audit_detail(c, "advance_review_cycle", Target::ReviewCycle(id), next.as_str())
        })
    .await
}

// ---------------------------------------------------------------------------------------
// One review

#[server]
pub async fn get_review(id: ReviewId) -> Result<ReviewView, AppError> {
    let ctx = review_context(id).await?;
    let auth = context::authorize(Action::Read(ctx.final_record_any()), Target::Review(id)).await?;
    auth.read(move |c, auth| review_view(c, auth, &ctx)).await
}

#[cfg(feature = "ssr")]
impl ReviewContext {
    /// Who may open a review page at all: the person (their own work, whatever its stage),
    /// their manager chain and HR. Each section then applies its own rule.
    fn final_record_any(&self) -> Record<'_> {
        Record::FinalReview { about: &self.subject, delivered: true }
    }
}

#[allow(clippy::too_many_arguments)]
#[server]
pub async fn save_self_assessment(
    review_id: ReviewId,
    version: i32,
    accomplishments: String,
    shortfalls: String,
    feedback_acted_on: String,
    next_focus: String,
    support_needed: String,
) -> Result<Saved, AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::Write(ctx.self_record()), Target::Review(review_id)).await?;
    if !ctx.open() {
        return Err(closed("the self-assessment"));
    }
    let mut errors = Vec::new();
    let answers = SelfAnswers {
        accomplishments: rules::answer("accomplishments", &accomplishments, &mut errors),
        shortfalls: rules::answer("shortfalls", &shortfalls, &mut errors),
        feedback_acted_on: rules::answer("feedback_acted_on", &feedback_acted_on, &mut errors),
        next_focus: rules::answer("next_focus", &next_focus, &mut errors),
        support_needed: rules::answer("support_needed", &support_needed, &mut errors),
    };
    AppError::check_fields(errors)?;
    auth.write(move |c, auth| {
        queries::save_self(c, review_id, version, &answers, auth.now())?
            .ok_or_else(|| stale("self-assessment"))
    })
    .await
}

#[server]
pub async fn submit_self_assessment(review_id: ReviewId, version: i32) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::Write(ctx.self_record()), Target::Review(review_id)).await?;
    if !ctx.open() {
        return Err(closed("the self-assessment"));
    }
    auth.write(move |c, auth| {
        let draft = queries::self_draft(c, review_id)?;
        if draft.version != version {
            return Err(stale("self-assessment"));
        }
        let mut errors = Vec::new();
        rules::require_answers(
            SELF_QUESTIONS.iter().map(|q| q.0).zip(draft.answers.in_order()),
            &mut errors,
        );
        AppError::check_fields(errors)?;
        if !queries::submit_self(c, review_id, version, auth.now())? {
            return Err(stale("self-assessment"));
        }
        auth.audit(c, "submit_self_assessment", Target::Review(review_id))
    })
    .await?;
    leptos_axum::redirect(&format!("/reviews/{review_id}"));
    Ok(())
}

/// The person proposes peers, or their manager settles the list and the peers are asked.
/// `peer` holds the ticked colleagues (`peer[12]=on`); `other_email` adds one more by email.
#[server]
pub async fn choose_peers(
    review_id: ReviewId,
    #[server(default)] peer: BTreeMap<String, String>,
    #[server(default)] other_email: String,
) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::ChoosePeers(&ctx.subject), Target::Review(review_id)).await?;
    if !ctx.open() {
        return Err(closed("the peer list"));
    }
    if ctx.row.peers_approved_at.is_some() {
        return Err(AppError::Conflict(
            "The peer list is already approved and the peers have been asked.".into(),
        ));
    }
    let mut peers: Vec<PersonId> = peer.keys().filter_map(|k| k.parse().ok()).collect();
    let email = other_email.trim().to_lowercase();
    let by_subject = ctx.subject.is_self(auth.viewer());
    auth.write(move |c, auth| {
        let (me, now) = (auth.viewer().person_id, auth.now());
        if !email.is_empty() {
            match org::active_person_by_email(c, &email)? {
                Some((id, _)) if !peers.contains(&id) => peers.push(id),
                Some(_) => {}
                None => {
                    return Err(AppError::invalid(
                        "other_email",
                        "No active colleague has that work email.",
                    ))
                }
            }
        }
        rules::check_peers(ctx.subject.id, ctx.subject.manager_chain.first().copied(), &peers)
            .map_err(|e| AppError::Invalid(vec![e]))?;
        if by_subject {
            queries::nominate(c, review_id, &peers, me, now)?;
        } else {
            if !queries::approve_peers(c, review_id, &peers, me, now)? {
                return Err(stale("peer list"));
            }
            let name = org::summary(c, ctx.subject.id)?.name;
            notifications::announce_peer_requests(c, review_id, &name, now)?;
        }
        let action = if by_subject { "nominate_peers" } else { "approve_peers" };
        auth.audit(c, action, Target::Review(review_id))
    })
    .await
}

// ---------------------------------------------------------------------------------------
// Peer feedback

#[cfg(feature = "ssr")]
struct PeerContext {
    row: queries::PeerRow,
    review: ReviewContext,
}

#[cfg(feature = "ssr")]
impl PeerContext {
    fn record(&self) -> Record<'_> {
        Record::PeerFeedback {
            author: self.row.peer_id,
            about: &self.review.subject,
            submitted: self.row.status() != PeerStatus::Requested,
            delivered: self.review.delivered(),
            anonymous_cycle: self.review.cycle.anonymous_peers,
            responses: 0,
        }
    }
}

#[cfg(feature = "ssr")]
async fn peer_context(id: PeerFeedbackId) -> Result<PeerContext, AppError> {
    context::facts(move |c| {
        let row = queries::peer_row(c, id)?;
        let review = load_context(c, row.review_id)?;
        Ok(PeerContext { row, review })
    })
    .await
}

#[server]
pub async fn get_peer_request(id: PeerFeedbackId) -> Result<PeerRequest, AppError> {
    let ctx = peer_context(id).await?;
    let auth = context::authorize(Action::Read(ctx.record()), Target::PeerFeedback(id)).await?;
    let can_write = ctx.review.open() && auth.allows(Action::Write(ctx.record()));
    auth.read(move |c, auth| {
        Ok(PeerRequest {
            id,
            about: org::summary(c, ctx.review.subject.id)?,
            cycle_name: ctx.review.cycle.name.clone(),
            anonymous: ctx.review.cycle.anonymous_peers,
            status: ctx.row.status(),
            due: ctx.review.cycle.peer_due,
            draft: ctx.row.draft(),
            decline_reason: ctx.row.decline_reason.clone(),
            can_write,
            today: auth.today(),
        })
    })
    .await
}

#[server]
pub async fn save_peer_feedback(
    id: PeerFeedbackId,
    version: i32,
    keep_doing: String,
    do_differently: String,
    values_shown: String,
) -> Result<Saved, AppError> {
    let ctx = peer_context(id).await?;
    let auth = context::authorize(Action::Write(ctx.record()), Target::PeerFeedback(id)).await?;
    if !ctx.review.open() {
        return Err(closed("peer feedback"));
    }
    let mut errors = Vec::new();
    let answers = PeerAnswers {
        keep_doing: rules::answer("keep_doing", &keep_doing, &mut errors),
        do_differently: rules::answer("do_differently", &do_differently, &mut errors),
        values_shown: rules::answer("values_shown", &values_shown, &mut errors),
    };
    AppError::check_fields(errors)?;
    auth.write(move |c, auth| {
        queries::save_peer(c, id, version, &answers, auth.now())?.ok_or_else(|| stale("feedback"))
    })
    .await
}

/// Submits the saved answers, or declines (`decline` set) with a reason.
#[server]
pub async fn close_peer_feedback(
    id: PeerFeedbackId,
    version: i32,
    #[server(default)] decline: Option<String>,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let ctx = peer_context(id).await?;
    let auth = context::authorize(Action::Write(ctx.record()), Target::PeerFeedback(id)).await?;
    if !ctx.review.open() {
        return Err(closed("peer feedback"));
    }
    let reason = reason.trim().to_string();
    let declining = decline.is_some();
    if declining && reason.is_empty() {
        return Err(AppError::invalid(
            "reason",
            "Say why you are declining, so the manager can ask someone else.",
        ));
    }
    if reason.chars().count() > 1_000 {
        return Err(AppError::invalid("reason", "Keep the reason under 1000 characters."));
    }
    auth.write(move |c, auth| {
        if !declining {
            let row = queries::peer_row(c, id)?;
            let mut errors = Vec::new();
            rules::require_answers(
                PEER_QUESTIONS.iter().map(|q| q.0).zip(row.answers().in_order()),
                &mut errors,
            );
            AppError::check_fields(errors)?;
        }
        if !queries::close_peer(c, id, version, declining.then_some(reason.as_str()), auth.now())? {
            return Err(stale("feedback"));
        }
        let action = if declining { "decline_peer_feedback" } else { "submit_peer_feedback" };
        auth.audit(c, action, Target::PeerFeedback(id))
    })
    .await
}

// ---------------------------------------------------------------------------------------
// The manager assessment

/// The flags and the recency warning for a draft, from the evidence on record.
#[cfg(feature = "ssr")]
fn checks(
    c: &mut DbConn,
    ctx: &ReviewContext,
    answers: &ManagerAnswers,
    items: &[EvidenceItem],
    today: chrono::NaiveDate,
) -> Result<(Option<String>, Vec<Flag>), AppError> {
    let cited: Vec<&EvidenceItem> =
        items.iter().filter(|i| answers.citations.contains(&i.key)).collect();
    let recency = rules::recency_warning(ctx.cycle.period_start, ctx.cycle.period_end, &cited);
    let mentions = evidence::earlier_mentions(c, ctx.subject.id, today)?;
    let name = org::summary(c, ctx.subject.id)?.name;
    let first_name = name.split_whitespace().next().unwrap_or(&name).to_string();
    Ok((recency, rules::surprises(answers.rating, &answers.development, &mentions, &first_name)))
}

#[server]
pub async fn get_assessment(review_id: ReviewId) -> Result<AssessmentPage, AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::ReadReviewEvidence(&ctx.subject), Target::Review(review_id))
            .await?;
    auth.read(move |c, auth| {
        let review = review_view(c, auth, &ctx)?;
        let draft = queries::manager_draft(c, review_id)?;
        let window =
            evidence::Window { person: ctx.subject.id, review: review_id, cycle: &ctx.cycle };
        let items = evidence::collect(c, &window)?;
        let (recency_warning, surprises) = checks(c, &ctx, &draft.answers, &items, auth.today())?;
        Ok(AssessmentPage { review, draft, evidence: items, recency_warning, surprises })
    })
    .await
}

/// Saves the manager's draft and answers with the checks on it, so the form shows them as
/// the manager writes.
#[allow(clippy::too_many_arguments)]
#[server]
pub async fn save_manager_assessment(
    review_id: ReviewId,
    version: i32,
    goals: String,
    values_shown: String,
    strengths: String,
    development: String,
    #[server(default)] rating: String,
    #[server(default)] cite: BTreeMap<String, String>,
    #[server(default)] raised_before: String,
) -> Result<AssessmentSaved, AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::Write(ctx.manager_record()), Target::Review(review_id)).await?;
    if !ctx.open() {
        return Err(closed("the manager assessment"));
    }
    let mut errors = Vec::new();
    let rating = match rating.trim() {
        "" => None,
        raw => Some(
            Rating::parse(raw)
                .ok_or_else(|| AppError::invalid("rating", "Choose one of the five ratings."))?,
        ),
    };
    let answers = ManagerAnswers {
        goals: rules::answer("goals", &goals, &mut errors),
        values_shown: rules::answer("values_shown", &values_shown, &mut errors),
        strengths: rules::answer("strengths", &strengths, &mut errors),
        development: rules::answer("development", &development, &mut errors),
        rating,
        citations: cite
            .keys()
            .filter(|k| k.len() < 64 && !k.contains(char::is_whitespace))
            .take(200)
            .cloned()
            .collect(),
        raised_before: rules::answer("raised_before", &raised_before, &mut errors),
    };
    AppError::check_fields(errors)?;
    auth.write(move |c, auth| {
        let saved = queries::save_manager(
            c,
            review_id,
            version,
            auth.viewer().person_id,
            &answers,
            auth.now(),
        )?
        .ok_or_else(|| stale("assessment"))?;
        let window =
            evidence::Window { person: ctx.subject.id, review: review_id, cycle: &ctx.cycle };
        let items = evidence::collect(c, &window)?;
        let (recency_warning, surprises) = checks(c, &ctx, &answers, &items, auth.today())?;
        Ok(AssessmentSaved { saved, recency_warning, surprises })
    })
    .await
}

#[server]
pub async fn submit_manager_assessment(review_id: ReviewId, version: i32) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::Write(ctx.manager_record()), Target::Review(review_id)).await?;
    if !ctx.open() {
        return Err(closed("the manager assessment"));
    }
    auth.write(move |c, auth| {
            let draft = queries::manager_draft(c, review_id)?;
            if draft.version != version {
                return Err(stale("assessment"));
            }
            let mut errors = Vec::new();
            rules::require_answers(MANAGER_SECTIONS.iter().map(|s| s.0).zip(draft.answers.sections()), &mut errors);
            if draft.answers.rating.is_none() {
                errors.push(FieldError::new("rating", "Choose a preliminary rating."));
            }
            let window = evidence::Window { person: ctx.subject.id, review: review_id, cycle: &ctx.cycle };
            let items = evidence::collect(c, &window)?;
            let (_, surprises) = checks(c, &ctx, &draft.answers, &items, auth.today())?;
            if !surprises.is_empty() && draft.answers.raised_before.trim().is_empty() {
                errors.push(FieldError::new("raised_before", "Say when and how you raised this before, or talk to them first: a review should hold no surprises."));
            }
            AppError::check_fields(errors)?;
            if !queries::submit_manager(c, review_id, version, auth.now())? {
                return Err(stale("assessment"));
            }
            auth.audit(c, "submit_manager_assessment", Target::Review(review_id))
        })
    .await?;
    leptos_axum::redirect(&format!("/reviews/{review_id}"));
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Finalising, delivery, acknowledgement

#[server]
pub async fn finalise_rating(review_id: ReviewId, rating: String) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth = context::authorize(Action::FinaliseRating, Target::Review(review_id)).await?;
    let rating = Rating::parse(rating.trim())
        .ok_or_else(|| AppError::invalid("rating", "Choose the final rating."))?;
    auth.write(move |c, auth| {
        if crate::calibration::queries::session_of_review(c, review_id)?.is_some() {
            return Err(AppError::Conflict(
                "This person is on a calibration board: the session finalises their rating.".into(),
            ));
        }
        if !ctx.calibration_started() || ctx.cycle.status() == CycleStatus::Closed {
            return Err(AppError::Conflict(
                "Ratings are finalised once the cycle is in calibration.".into(),
            ));
        }
        if queries::manager_draft(c, review_id)?.submitted_at.is_none() {
            return Err(AppError::Conflict(
                "The manager has not submitted the assessment yet.".into(),
            ));
        }
        if !queries::finalise(c, review_id, rating, auth.viewer().person_id, auth.now())? {
            return Err(AppError::Conflict(
                "This review was already delivered; its rating is final.".into(),
            ));
        }
        auth.audit_detail(c, "finalise_rating", Target::Review(review_id), rating.as_str())
    })
    .await
}

#[server]
pub async fn deliver_review(review_id: ReviewId) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::DeliverReview(&ctx.subject), Target::Review(review_id)).await?;
    auth.write(move |c, auth| {
            let now = auth.now();
            if !queries::deliver(c, review_id, auth.viewer().person_id, now)? {
                return Err(AppError::Conflict("This review cannot be delivered: it has no final rating yet, or it was delivered already.".into()));
            }
            notifications::announce_delivery(c, review_id, ctx.subject.id, &ctx.cycle.name, now)?;
            auth.audit(c, "deliver_review", Target::Review(review_id))
        })
    .await
}

#[server]
pub async fn acknowledge_review(
    review_id: ReviewId,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::AcknowledgeReview(&ctx.subject), Target::Review(review_id))
            .await?;
    let comment = comment.trim().to_string();
    if comment.chars().count() > rules::MAX_ANSWER {
        return Err(AppError::invalid(
            "comment",
            format!("Keep your comment under {} characters.", rules::MAX_ANSWER),
        ));
    }
    auth.write(move |c, auth| {
        if !queries::acknowledge(c, review_id, &comment, auth.now())? {
            return Err(AppError::Conflict("Your review has not been delivered yet.".into()));
        }
        auth.audit(c, "acknowledge_review", Target::Review(review_id))
    })
    .await
}

#[server]
pub async fn get_outbox() -> Result<OutboxPage, AppError> {
    let auth = context::authorize(Action::ReadOutbox, Target::Page("outbox")).await?;
    let smtp_configured = auth.settings().smtp_configured;
    auth.read(move |c, _| {
        Ok(OutboxPage { smtp_configured, messages: crate::kernel::outbox::recent(c, 200)? })
    })
    .await
}
