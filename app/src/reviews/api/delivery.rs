//! Finalising, delivery, acknowledgement.

use super::*;

#[server(endpoint = "reviews/finalise_rating")]
pub async fn finalise_rating(review_id: ReviewId, rating: String) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::FinaliseRating(&ctx.subject), Target::Review(review_id)).await?;
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
        notifications::announce_final_ratings(
            c,
            &[review_id],
            &format!("review:{review_id}:{}", auth.now().and_utc().timestamp()),
            auth.now(),
        )?;
        auth.audit_detail(c, "finalise_rating", Target::Review(review_id), rating.as_str())
    })
    .await
}

#[server(endpoint = "reviews/deliver_review")]
pub async fn deliver_review(review_id: ReviewId) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::DeliverReview(&ctx.subject), Target::Review(review_id)).await?;
    auth.write(move |c, auth| {
            let now = auth.now();
            let waits = delivery_waits_for(c, &ctx)?;
            let excepted =
                queries::has_exception(c, review_id, ExceptionRule::DeliverWithoutInput)?;
            if !waits.is_empty() && !excepted {
                return Err(AppError::Conflict(format!(
                    "This review cannot be delivered yet: {}. HR can let it go ahead with a reason.",
                    waits.join(", and ")
                )));
            }
            if !queries::deliver(c, review_id, auth.viewer().person_id, now)? {
                return Err(AppError::Conflict("This review cannot be delivered: it has no final rating yet, or it was delivered already.".into()));
            }
            notifications::announce_delivery(c, review_id, ctx.subject.id, &ctx.cycle.name, now)?;
            auth.audit(c, "deliver_review", Target::Review(review_id))
        })
    .await
}

/// HR makes an exception to one of a review's rules (`rule`, an [`ExceptionRule`]): the
/// review is delivered although it waits for the person's self-assessment or any peer
/// feedback, or the manager assessment is submitted before the peers were approved. The
/// reason is kept on the review. Never on one's own review.
#[server(endpoint = "reviews/allow_exception")]
pub async fn allow_exception(
    review_id: ReviewId,
    rule: String,
    reason: String,
) -> Result<(), AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::FinaliseRating(&ctx.subject), Target::Review(review_id)).await?;
    let rule = ExceptionRule::parse(&rule).ok_or(AppError::NotFound)?;
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        return Err(AppError::invalid("reason", "Say why this review may go ahead without it."));
    }
    if reason.chars().count() > rules::OVERRIDE_REASON_MAX {
        return Err(AppError::invalid(
            "reason",
            format!("Write the reason in at most {} characters.", rules::OVERRIDE_REASON_MAX),
        ));
    }
    auth.write(move |c, auth| {
        if ctx.delivered() {
            return Err(AppError::Conflict("This review was delivered already.".into()));
        }
        let needed = match rule {
            ExceptionRule::DeliverWithoutInput => !delivery_waits_for(c, &ctx)?.is_empty(),
            ExceptionRule::AssessBeforePeers => assessment_waits_for_peers(c, &ctx)?,
        };
        if !needed {
            return Err(AppError::Conflict(
                "This review does not wait for that: there is no exception to make.".into(),
            ));
        }
        let by = auth.viewer().person_id;
        if !queries::grant_exception(c, review_id, rule, &reason, by, auth.now())? {
            return Err(AppError::Conflict("HR already made this exception.".into()));
        }
        let detail = format!("{}: {reason}", rule.as_str());
        auth.audit_detail(c, "allow_exception", Target::Review(review_id), &detail)
    })
    .await
}

/// Whether the manager assessment waits for the peers' approval: they are not approved and
/// the assessment is not submitted (whatever HR excepted).
#[cfg(feature = "ssr")]
pub(super) fn assessment_waits_for_peers(
    c: &mut DbConn,
    ctx: &ReviewContext,
) -> Result<bool, AppError> {
    Ok(ctx.row.peers_approved_at.is_none()
        && queries::manager_draft(c, ctx.row.id)?.submitted_at.is_none())
}

/// What the review's delivery waits for (`rules::delivery_waits_for`).
#[cfg(feature = "ssr")]
pub(super) fn delivery_waits_for(
    c: &mut DbConn,
    ctx: &ReviewContext,
) -> Result<Vec<String>, AppError> {
    let answers = queries::peer_responses(&queries::peers_of_review(c, ctx.row.id)?);
    let name = org::summary(c, ctx.subject.id)?.name;
    Ok(rules::delivery_waits_for(&name, ctx.self_submitted, answers))
}

#[server(endpoint = "reviews/acknowledge_review")]
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
        if let Some(manager) = ctx.row.manager_id {
            let person = crate::org::queries::summary(c, ctx.subject.id)?.name;
            notifications::announce_acknowledgement(
                c,
                review_id,
                manager,
                &person,
                &ctx.cycle.name,
                !comment.is_empty(),
                auth.now(),
            )?;
        }
        auth.audit(c, "acknowledge_review", Target::Review(review_id))
    })
    .await
}

#[server(endpoint = "reviews/get_outbox")]
pub async fn get_outbox() -> Result<OutboxPage, AppError> {
    let auth = context::authorize(Action::ReadOutbox, Target::Page("outbox")).await?;
    let smtp_configured = auth.settings().smtp_configured;
    auth.read(move |c, _| {
        Ok(OutboxPage { smtp_configured, messages: crate::kernel::outbox::recent(c, 200)? })
    })
    .await
}
