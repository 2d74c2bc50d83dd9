//! Server functions of review cycles. Each asks the policy first; each section of a review is
//! shown only as its own record's rule allows; drafts are saved with a version check so a
//! stale tab never overwrites newer work.

use super::types::*;
use crate::error::AppError;
use crate::kernel::{CycleId, DepartmentId, PeerFeedbackId, PersonId, ReviewId};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    super::{evidence, notifications, queries, rules},
    crate::audit::Target,
    crate::context::{self, Authorized},
    crate::db::DbConn,
    crate::error::FieldError,
    crate::kernel::Rating,
    crate::org::queries as org,
    crate::policy::{self, Action, Record, Subject, Visibility},
};

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
    let subject = org::subject(c, row.person_id)?;
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
            // The answer to "was this raised before?", its traces and the citations are the manager's notes for
            // calibration, not part of the review the person reads.
            if is_subject {
                draft.answers.raised_before.clear();
                draft.answers.traces = Traces::default();
                draft.answers.citations.clear();
            }
            draft
        });
    let final_rating = policy::read(viewer, &ctx.final_record()).and(ctx.row.final_rating());

    let follows_the_peers = auth.allows(Action::ReadReviewEvidence(&ctx.subject));
    let peer_rows = queries::peers_of_review(c, id)?;
    let responses = queries::peer_responses(&peer_rows);
    let peer_people = org::summaries(c, &peer_rows.iter().map(|r| r.peer_id).collect::<Vec<_>>())?;
    let mut peers = Vec::new();
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
            // The names and progress of the list (never the answers) for those who read the
            // review's evidence: the manager, the skip-level and HR (not the whole chain).
            None if !is_subject && follows_the_peers => {
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
            // Before delivery the person sees whom they asked, never who has answered or
            // declined: every request shows as asked, and none drops off the list.
            None if is_subject && !ctx.delivered() => peers.push(PeerLine {
                id: r.id,
                peer: person,
                status: as_seen_by_subject(r.status()),
                answers: None,
                decline_reason: None,
            }),
            None => {}
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
    let under_threshold = ctx.cycle.anonymous_peers && responses < policy::MIN_ANONYMOUS_RESPONSES;
    let peers_note = (is_subject && !peer_rows.is_empty()).then(|| {
        if !ctx.delivered() {
            Some("Peer feedback is shared with you when your manager delivers your review.".to_string())
        } else if under_threshold {
            Some(format!(
                "Fewer than {} peers answered, so their feedback is not shown: in this cycle peer feedback is anonymous, and so few answers could tell you who wrote what.",
                policy::MIN_ANONYMOUS_RESPONSES
            ))
        } else {
            None
        }
    }).flatten();

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
            && auth.allows(Action::FinaliseRating(&ctx.subject))
            // A person on a calibration board is finalised by the session.
            && crate::calibration::queries::session_of_review(c, id)?.is_none(),
        deliver: finalised && !ctx.delivered() && auth.allows(Action::DeliverReview(&ctx.subject)),
        allow_delivery: false,
        allow_assessment: false,
        acknowledge: ctx.delivered() && auth.allows(Action::AcknowledgeReview(&ctx.subject)),
    };
    // What delivery waits for, and HR's exceptions: for the manager chain and HR, never
    // the person (before delivery they do not learn whether peers answered).
    // (Delivery's wait is said once the cycle reaches calibration, when delivery is near.)
    let reads_waits = !is_subject && follows_the_peers;
    let exceptions = if reads_waits { queries::exceptions(c, id)? } else { Vec::new() };
    let delivery_waits_for = if reads_waits && ctx.calibration_started() && !ctx.delivered() {
        delivery::delivery_waits_for(c, ctx)?
    } else {
        Vec::new()
    };
    let excepted = |rule| exceptions.iter().any(|e| e.rule == rule);
    let delivery_waits_for =
        if excepted(ExceptionRule::DeliverWithoutInput) { Vec::new() } else { delivery_waits_for };
    let assessment_waits_for_peers = !is_subject
        && follows_the_peers
        && open
        && !excepted(ExceptionRule::AssessBeforePeers)
        && delivery::assessment_waits_for_peers(c, ctx)?;
    let hr_decides = auth.allows(Action::FinaliseRating(&ctx.subject));
    let mut can = can;
    can.allow_delivery = !delivery_waits_for.is_empty() && ctx.calibration_started() && hr_decides;
    can.allow_assessment = assessment_waits_for_peers && hr_decides;
    let peer_suggestions = if can.nominate_peers || can.approve_peers {
        queries::peer_suggestions(c, ctx.subject.id, ctx.subject.manager_chain.first().copied())?
    } else {
        Vec::new()
    };
    if !is_subject && manager_assessment.is_some() {
        auth.audit_detail(c, "read", Target::Review(id), "manager assessment")?;
    }
    Ok(ReviewView {
        delivery_waits_for,
        assessment_waits_for_peers,
        exceptions: exceptions.iter().map(ReviewException::describe).collect(),
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

mod assessment;
mod cycles;
mod delivery;
mod peers;
mod review;

pub use assessment::*;
pub use cycles::*;
pub use delivery::*;
pub use peers::*;
pub use review::*;
