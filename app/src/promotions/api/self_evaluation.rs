//! Self-evaluations.

use super::*;

/// The signed-in person's self-evaluation against their next level (`id` None), or a
/// report's shared one (`id` given). None: there is no next level to check against.
#[server(endpoint = "promotions/get_self_evaluation")]
pub async fn get_self_evaluation(
    id: Option<SelfEvaluationId>,
) -> Result<Option<SelfEvaluation>, AppError> {
    let me = context::viewer()?.person_id;
    // Whose, against what: either the stored one, or mine against my next level.
    let found = context::facts(
        move |c| -> Result<
            Option<(PersonId, i64, Level, Option<queries::SelfEvaluationRow>)>,
            AppError,
        > {
            match id {
                Some(id) => {
                    let row = queries::self_evaluation(c, id)?;
                    Ok(Some((row.person_id, row.ladder_version_id, row.target(), Some(row))))
                }
                None => {
                    let (ladder, level) = ladder_queries::ladder_of_person(c, me)?;
                    let Ok(ladder) = ladder else { return Ok(None) };
                    let Ok(version_id) = ladder_queries::latest_version_id(c, ladder) else {
                        return Ok(None);
                    };
                    let (_, _, parsed) = ladder_queries::by_version_id(c, version_id)?;
                    let Some(target) = ladder_rules::next_steps(&parsed, level).up else {
                        return Ok(None);
                    };
                    let row = queries::self_evaluation_for(c, me, version_id, target)?;
                    Ok(Some((me, version_id, target, row)))
                }
            }
        },
    )
    .await?;
    let Some((person, version_id, target, row)) = found else {
        context::authorize(Action::ReadOwnWork, Target::Page("self_evaluation")).await?;
        return Ok(None);
    };
    let subject = context::facts(move |c| Ok(org::subject(c, person)?)).await?;
    let shared = row.as_ref().is_some_and(|r| r.shared_at.is_some());
    let on = row.as_ref().map_or(Target::Page("self_evaluation"), |r| Target::SelfEvaluation(r.id));
    let auth =
        context::authorize(Action::Read(Record::SelfEvaluation { author: &subject, shared }), on)
            .await?;
    let can_comment = shared && auth.allows(Action::CommentOnSelfEvaluation(&subject));
    auth.read(move |c, _| {
        let (slug, number, ladder) = queries::cited_ladder(c, version_id)?;
        let level = queries::target_level(&ladder, target)?;
        let stored = match &row {
            Some(r) => queries::self_evaluation_items(c, r.id)?,
            None => vec![],
        };
        let items = level
            .criteria
            .iter()
            .enumerate()
            .map(|(i, crit)| {
                let found = stored.iter().find(|(k, _, _)| *k as usize == i);
                CriterionEvidence {
                    index: i,
                    criterion: crit.clone(),
                    evidence: found.map(|f| f.1.clone()).unwrap_or_default(),
                    links: found.map(|f| f.2.clone()).unwrap_or_default(),
                }
            })
            .collect();
        Ok(Some(SelfEvaluation {
            id: row.as_ref().map(|r| r.id),
            person: org::summary(c, person)?,
            ladder_slug: slug,
            ladder_version: number,
            target,
            target_title: level.title.clone(),
            items,
            shared_at: row.as_ref().and_then(|r| r.shared_at),
            comments: match &row {
                Some(r) => queries::comments(c, r.id)?,
                None => vec![],
            },
            version: row.as_ref().map_or(0, |r| r.version),
            is_mine: person == me,
            can_comment,
        }))
    })
    .await
}

/// Saves the signed-in person's self-evaluation against their next level.
/// More criteria than any level of any ladder has (the demo's have about a dozen).
#[cfg(feature = "ssr")]
const MAX_CRITERIA: usize = 100;

#[server(endpoint = "promotions/save_self_evaluation")]
pub async fn save_self_evaluation(
    version: i32,
    #[server(default)] evidence: Vec<String>,
    #[server(default)] links: Vec<String>,
    #[server(default)] share: String,
) -> Result<(), AppError> {
    let me = context::viewer()?.person_id;
    let subject = context::facts(move |c| Ok(org::subject(c, me)?)).await?;
    let auth = context::authorize(
        Action::Write(Record::SelfEvaluation { author: &subject, shared: false }),
        Target::Page("self_evaluation"),
    )
    .await?;
    // One row per criterion of a level: refused before anything is read, whatever the level.
    if evidence.len() > MAX_CRITERIA || links.len() > MAX_CRITERIA {
        return Err(AppError::invalid(
            "evidence[0]",
            format!("A level has at most {MAX_CRITERIA} criteria: send evidence for those only."),
        ));
    }
    let mut errors = Vec::new();
    let items: Vec<(usize, String, String)> = evidence
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let links = links.get(i).cloned().unwrap_or_default();
            (
                i,
                limited(&format!("evidence[{i}]"), e, 5_000, &mut errors),
                limited(&format!("links[{i}]"), &links, 2_000, &mut errors),
            )
        })
        .collect();
    AppError::check_fields(errors)?;
    let share = share == "true";
    if share && items.iter().all(|(_, e, _)| e.is_empty()) {
        return Err(AppError::invalid(
            "evidence[0]",
            "Add evidence for at least one criterion before sharing.",
        ));
    }
    auth.write(move |c, auth| {
        let now = auth.now();
        let (ladder, level) = ladder_queries::ladder_of_person(c, me)?;
        let ladder = ladder.map_err(|_| AppError::NotFound)?;
        let version_id = ladder_queries::latest_version_id(c, ladder)?;
        let (_, _, parsed) = ladder_queries::by_version_id(c, version_id)?;
        let target = ladder_rules::next_steps(&parsed, level).up.ok_or(AppError::NotFound)?;
        let criteria = parsed.level(target).map_or(0, |l| l.criteria.len());
        if items.len() > criteria {
            return Err(AppError::invalid(
                "evidence[0]",
                format!("The next level has {criteria} criteria: send evidence for those only."),
            ));
        }
        if !queries::save_self_evaluation(c, me, version_id, target, version, &items, now)? {
            return Err(AppError::stale("self-evaluation"));
        }
        if share {
            let row = queries::self_evaluation_for(c, me, version_id, target)?
                .ok_or(AppError::NotFound)?;
            if row.shared_at.is_none() {
                queries::share_self_evaluation(c, row.id, now)?;
                auth.audit(c, "share_self_evaluation", Target::SelfEvaluation(row.id))?;
            }
        }
        Ok(())
    })
    .await
}

/// The manager comments on a shared self-evaluation; the person can reply.
#[server(endpoint = "promotions/comment_on_self_evaluation")]
pub async fn comment_on_self_evaluation(
    id: SelfEvaluationId,
    body: String,
) -> Result<(), AppError> {
    let me = context::viewer()?.person_id;
    let (row, subject) = context::facts(move |c| {
        let row = queries::self_evaluation(c, id)?;
        let subject = org::subject(c, row.person_id)?;
        Ok((row, subject))
    })
    .await?;
    // The person answers on their own self-evaluation; anyone else needs the manager's right.
    let action = if row.person_id == me {
        Action::Write(Record::SelfEvaluation { author: &subject, shared: row.shared_at.is_some() })
    } else {
        Action::CommentOnSelfEvaluation(&subject)
    };
    let auth = context::authorize(action, Target::SelfEvaluation(id)).await?;
    if row.shared_at.is_none() {
        return Err(AppError::Conflict("Comments open once the self-evaluation is shared.".into()));
    }
    let body = body.trim().to_string();
    if body.is_empty() || body.chars().count() > 5_000 {
        return Err(AppError::invalid("body", "Write a comment (up to 5,000 characters)."));
    }
    auth.write(move |c, auth| {
        Ok(queries::add_comment(c, id, auth.viewer().person_id, &body, auth.now())?)
    })
    .await
}
