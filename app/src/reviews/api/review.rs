//! One review.

use super::*;

#[server(endpoint = "reviews/get_review")]
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
#[server(endpoint = "reviews/save_self_assessment")]
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
            .ok_or_else(|| AppError::stale("self-assessment"))
    })
    .await
}

#[server(endpoint = "reviews/submit_self_assessment")]
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
            return Err(AppError::stale("self-assessment"));
        }
        let mut errors = Vec::new();
        rules::require_answers(
            SELF_QUESTIONS.iter().map(|q| q.0).zip(draft.answers.in_order()),
            &mut errors,
        );
        AppError::check_fields(errors)?;
        if !queries::submit_self(c, review_id, version, auth.now())? {
            return Err(AppError::stale("self-assessment"));
        }
        auth.audit(c, "submit_self_assessment", Target::Review(review_id))
    })
    .await?;
    leptos_axum::redirect(&format!("/reviews/{review_id}"));
    Ok(())
}

/// The person proposes peers, or their manager settles the list and the peers are asked.
/// `peer` holds the ticked colleagues (`peer[12]=on`); `other_email` adds one more by email.
#[server(endpoint = "reviews/choose_peers")]
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
        // Ids come from the form: each must be someone who works here now.
        let working = org::summaries(c, &peers)?
            .iter()
            .filter(|p| p.status != crate::org::types::EmploymentStatus::Departed)
            .count();
        if working != peers.len() {
            return Err(AppError::invalid(
                "peers",
                "Choose colleagues who work here now: one of those chosen has left or is not in Trellis.",
            ));
        }
        if by_subject {
            queries::nominate(c, review_id, &peers, me, now)?;
        } else {
            if !queries::approve_peers(c, review_id, &peers, me, now)? {
                return Err(AppError::stale("peer list"));
            }
            let name = org::summary(c, ctx.subject.id)?.name;
            notifications::announce_peer_requests(c, review_id, &name, now)?;
        }
        let action = if by_subject { "nominate_peers" } else { "approve_peers" };
        auth.audit(c, action, Target::Review(review_id))
    })
    .await
}
