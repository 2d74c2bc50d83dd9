//! Peer feedback.

use super::*;

#[cfg(feature = "ssr")]
struct PeerContext {
    row: queries::PeerRow,
    review: ReviewContext,
}

#[cfg(feature = "ssr")]
impl PeerContext {
    fn record(&self) -> Record<'_> {
        // A declined request is not feedback: its reason is for those who follow the review
        // (the review page), and whatever was typed before declining stays its author's.
        Record::PeerFeedback {
            author: self.row.peer_id,
            about: &self.review.subject,
            submitted: self.row.status() == PeerStatus::Submitted,
            delivered: self.review.delivered(),
            anonymous_cycle: self.review.cycle.anonymous_peers,
            // The request page is one peer's: never the anonymised view of the subject.
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

#[server(endpoint = "reviews/get_peer_request")]
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

#[server(endpoint = "reviews/save_peer_feedback")]
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
        queries::save_peer(c, id, version, &answers, auth.now())?
            .ok_or_else(|| AppError::stale("feedback"))
    })
    .await
}

/// Submits the saved answers, or declines (`decline` set) with a reason.
#[server(endpoint = "reviews/close_peer_feedback")]
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
            return Err(AppError::stale("feedback"));
        }
        let action = if declining { "decline_peer_feedback" } else { "submit_peer_feedback" };
        auth.audit(c, action, Target::PeerFeedback(id))
    })
    .await?;
    // Back to the request, which now shows what was sent (or that it was declined).
    leptos_axum::redirect(&format!("/reviews/feedback/{id}"));
    Ok(())
}
