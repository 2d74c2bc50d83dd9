//! The manager assessment.

use super::*;

/// What a draft is checked against, as its reader may see it: the evidence panel's items,
/// the earlier records a concern can be traced to, the recency warning, and the flags for what
/// is not traced. All come from records read through the same window, so a flag can never
/// quote what the reader may not read.
#[cfg(feature = "ssr")]
struct Checked {
    items: Vec<EvidenceItem>,
    earlier: Vec<EarlierRecord>,
    recency: Option<String>,
    surprises: Vec<Flag>,
}

#[cfg(feature = "ssr")]
fn window<'a>(reader: &'a crate::kernel::Viewer, ctx: &'a ReviewContext) -> evidence::Window<'a> {
    evidence::Window { reader, subject: &ctx.subject, review: ctx.row.id, cycle: &ctx.cycle }
}

#[cfg(feature = "ssr")]
fn evidence_and_checks(
    c: &mut DbConn,
    reader: &crate::kernel::Viewer,
    ctx: &ReviewContext,
    answers: &ManagerAnswers,
    today: chrono::NaiveDate,
) -> Result<Checked, AppError> {
    let window = window(reader, ctx);
    let items = evidence::collect(c, &window)?;
    let cited: Vec<&EvidenceItem> =
        items.iter().filter(|i| answers.citations.contains(&i.key)).collect();
    let recency = rules::recency_warning(ctx.cycle.period_start, ctx.cycle.period_end, &cited);
    let earlier = evidence::earlier_records(c, &window, today)?;
    let name = org::summary(c, ctx.subject.id)?.name;
    let first_name = name.split_whitespace().next().unwrap_or(&name).to_string();
    let surprises = rules::surprises(
        answers.rating,
        &answers.development,
        &answers.traces,
        &earlier,
        &first_name,
    );
    Ok(Checked { items, earlier, recency, surprises })
}

#[server(endpoint = "reviews/get_assessment")]
pub async fn get_assessment(review_id: ReviewId) -> Result<AssessmentPage, AppError> {
    let ctx = review_context(review_id).await?;
    let auth =
        context::authorize(Action::ReadReviewEvidence(&ctx.subject), Target::Review(review_id))
            .await?;
    auth.read(move |c, auth| {
        let review = review_view(c, auth, &ctx)?;
        let draft = queries::manager_draft(c, review_id)?;
        let checked = evidence_and_checks(c, auth.viewer(), &ctx, &draft.answers, auth.today())?;
        Ok(AssessmentPage {
            review,
            draft,
            evidence: checked.items,
            earlier: checked.earlier,
            recency_warning: checked.recency,
            surprises: checked.surprises,
        })
    })
    .await
}

/// Saves the manager's draft and answers with the checks on it, so the form shows them as
/// the manager writes.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "reviews/save_manager_assessment")]
pub async fn save_manager_assessment(
    review_id: ReviewId,
    version: i32,
    goals: String,
    values_shown: String,
    strengths: String,
    development: String,
    #[server(default)] rating: String,
    #[server(default)] cite: BTreeMap<String, String>,
    #[server(default)] trace: BTreeMap<String, String>,
    #[server(default)] trace_rating: String,
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
    let mut answers = ManagerAnswers {
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
        traces: Traces::default(),
        raised_before: rules::answer("raised_before", &raised_before, &mut errors),
    };
    AppError::check_fields(errors)?;
    auth.write(move |c, auth| {
        // Only a record the manager was offered can be a trace: it is kept with its date and
        // what it is, as the manager chose it.
        let earlier = evidence::earlier_records(c, &window(auth.viewer(), &ctx), auth.today())?;
        let points = rules::development_points(&answers.development);
        answers.traces = rules::traces(&points, &trace, &trace_rating, &earlier);
        let saved = queries::save_manager(
            c,
            review_id,
            version,
            auth.viewer().person_id,
            &answers,
            auth.now(),
        )?
        .ok_or_else(|| AppError::stale("assessment"))?;
        let checked = evidence_and_checks(c, auth.viewer(), &ctx, &answers, auth.today())?;
        Ok(AssessmentSaved {
            saved,
            recency_warning: checked.recency,
            surprises: checked.surprises,
        })
    })
    .await
}

#[server(endpoint = "reviews/submit_manager_assessment")]
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
                return Err(AppError::stale("assessment"));
            }
            // The assessment weighs the peers' feedback: their list is approved (so they are
            // asked) first, unless HR made an exception.
            let excepted =
                queries::has_exception(c, review_id, ExceptionRule::AssessBeforePeers)?;
            if !excepted && delivery::assessment_waits_for_peers(c, &ctx)? {
                return Err(AppError::Conflict(
                    "Approve the peers first: the assessment should weigh their feedback. HR can let it go ahead with a reason.".into(),
                ));
            }
            let mut errors = Vec::new();
            rules::require_answers(MANAGER_SECTIONS.iter().map(|s| s.0).zip(draft.answers.sections()), &mut errors);
            if draft.answers.rating.is_none() {
                errors.push(FieldError::new("rating", "Choose a preliminary rating."));
            }
            let checked =
                evidence_and_checks(c, auth.viewer(), &ctx, &draft.answers, auth.today())?;
            if !checked.surprises.is_empty() && draft.answers.raised_before.trim().is_empty() {
                errors.push(FieldError::new("raised_before", "Choose where you raised each flagged point before, or say when you raised it in conversation; if you never did, talk to them first: a review should hold no surprises."));
            }
            AppError::check_fields(errors)?;
            if !queries::submit_manager(c, review_id, version, auth.now())? {
                return Err(AppError::stale("assessment"));
            }
            auth.audit(c, "submit_manager_assessment", Target::Review(review_id))
        })
    .await?;
    leptos_axum::redirect(&format!("/reviews/{review_id}"));
    Ok(())
}
