//! Server functions of the career ladders. Reading is for every signed-in person; drafts,
//! imports and publishing are HR's. Each function asks the policy first.

use super::types::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{file, queries, rules},
    crate::audit::Target,
    crate::context,
    crate::error::FieldError,
    crate::policy::{Action, Record},
};

/// File problems as field errors of the `source` text area, one per line found.
#[cfg(feature = "ssr")]
fn file_errors(errors: Vec<FileError>) -> AppError {
    AppError::Invalid(
        errors
            .into_iter()
            .map(|e| FieldError::new("source", format!("Line {}: {}", e.line, e.message)))
            .collect(),
    )
}

#[server(endpoint = "ladders/get_ladders")]
pub async fn get_ladders() -> Result<LadderIndex, AppError> {
    let auth =
        context::authorize(Action::Read(Record::PublishedLadder), Target::Page("ladders")).await?;
    let can_edit = auth.allows(Action::Write(Record::LadderDraft));
    auth.read(move |c, _| {
        let mut ladders = queries::list(c)?;
        // Drafts are HR's business; a ladder with no published version is not there yet.
        if !can_edit {
            ladders.retain(|l| l.latest.is_some());
            ladders.iter_mut().for_each(|l| l.has_draft = false);
        }
        Ok(LadderIndex { ladders, can_edit })
    })
    .await
}

#[server(endpoint = "ladders/get_ladder")]
pub async fn get_ladder(slug: String, version: Option<i32>) -> Result<LadderView, AppError> {
    let auth =
        context::authorize(Action::Read(Record::PublishedLadder), Target::Page("ladder")).await?;
    let can_edit = auth.allows(Action::Write(Record::LadderDraft));
    auth.read(move |c, auth| {
        let id = queries::ladder_id(c, &slug)?;
        let (info, ladder) = queries::published(c, id, version)?;
        let latest_number = queries::latest_number(c, id)?.unwrap_or(info.number);
        let (mine, level) = queries::ladder_of_person(c, auth.viewer().person_id)?;
        Ok(LadderView {
            ladder: (*ladder).clone(),
            version: info,
            latest_number,
            my_level: (mine == Ok(id)).then_some(level),
            can_edit,
        })
    })
    .await
}

/// The signed-in person's ladder, level and next step.
#[server(endpoint = "ladders/get_my_path")]
pub async fn get_my_path() -> Result<MyPath, AppError> {
    let auth =
        context::authorize(Action::Read(Record::PublishedLadder), Target::Page("my_path")).await?;
    auth.read(move |c, auth| {
        let (ladder, level) = queries::ladder_of_person(c, auth.viewer().person_id)?;
        let id = match ladder {
            Ok(id) => id,
            Err(department) => return Ok(MyPath::NoLadder { department }),
        };
        let (info, ladder) = match queries::published(c, id, None) {
            Ok(found) => found,
            Err(diesel::result::Error::NotFound) => {
                return Ok(MyPath::NoLadder { department: String::new() })
            }
            Err(e) => return Err(e.into()),
        };
        let Some(current) = ladder.level(level).cloned() else {
            return Ok(MyPath::NoLadder { department: ladder.name.clone() });
        };
        let steps = rules::next_steps(&ladder, level);
        Ok(MyPath::Found {
            slug: ladder.slug.clone(),
            ladder_name: ladder.name.clone(),
            version: info.number,
            current,
            up: steps.up.and_then(|l| ladder.level(l).cloned()),
            across: steps.across.and_then(|l| ladder.level(l).cloned()),
        })
    })
    .await
}

/// The version history, and the differences between two versions when both are given.
#[server(endpoint = "ladders/get_ladder_history")]
pub async fn get_ladder_history(
    slug: String,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<LadderHistory, AppError> {
    let auth =
        context::authorize(Action::Read(Record::PublishedLadder), Target::Page("ladder_history"))
            .await?;
    let can_edit = auth.allows(Action::Write(Record::LadderDraft));
    auth.read(move |c, _| {
        let id = queries::ladder_id(c, &slug)?;
        let versions = queries::versions(c, id)?;
        let name = queries::published(c, id, None).map(|(_, l)| l.name.clone()).unwrap_or_default();
        let diff = match (from, to) {
            (Some(from), Some(to))
                if versions.iter().any(|v| v.number == from)
                    && versions.iter().any(|v| v.number == to) =>
            {
                let (_, before) = queries::published(c, id, Some(from))?;
                let (_, after) = queries::published(c, id, Some(to))?;
                Some(VersionDiff { from, to, changes: rules::diff(&before, &after) })
            }
            (Some(_), Some(_)) => return Err(AppError::NotFound),
            _ => None,
        };
        Ok(LadderHistory { slug, name, versions, diff, can_edit })
    })
    .await
}

/// HR's draft; when there is none yet, the latest published version to start from.
#[server(endpoint = "ladders/get_ladder_draft")]
pub async fn get_ladder_draft(slug: String) -> Result<DraftView, AppError> {
    let auth =
        context::authorize(Action::Read(Record::LadderDraft), Target::Page("ladder_draft")).await?;
    auth.read(move |c, _| {
        let id = queries::ladder_id(c, &slug)?;
        let latest = match queries::published(c, id, None) {
            Ok((info, ladder)) => Some((info.number, ladder)),
            Err(diesel::result::Error::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        let (source, version, updated_by, updated_at) = match queries::draft(c, id)? {
            Some(d) => (d.source, d.version, d.updated_by, Some(d.updated_at)),
            None => match &latest {
                Some((number, _)) => {
                    (queries::published_source(c, id, Some(*number))?.1, 0, None, None)
                }
                None => (String::new(), 0, None, None),
            },
        };
        let (errors, warnings, changes, name) = match file::parse(&source) {
            Ok(ladder) => {
                let changes = match &latest {
                    Some((_, published)) => rules::diff(published, &ladder),
                    None => rules::diff(&Ladder { levels: vec![], ..ladder.clone() }, &ladder),
                };
                (vec![], rules::lint(&ladder), changes, ladder.name.clone())
            }
            Err(errors) => (
                errors,
                vec![],
                vec![],
                latest.as_ref().map(|(_, l)| l.name.clone()).unwrap_or_else(|| slug.clone()),
            ),
        };
        Ok(DraftView {
            slug,
            name,
            source,
            version,
            updated_by,
            updated_at,
            errors,
            warnings,
            latest_number: latest.map(|(n, _)| n),
            changes,
        })
    })
    .await
}

/// Saves HR's draft as it is, even when it does not parse yet: work is never lost, and the
/// page shows what to fix. A stale editor (someone else saved since) gets a conflict.
#[server(endpoint = "ladders/save_ladder_draft")]
pub async fn save_ladder_draft(slug: String, source: String, version: i32) -> Result<(), AppError> {
    let auth = context::authorize(Action::Write(Record::LadderDraft), Target::Page("ladder_draft"))
        .await?;
    if source.len() > file::MAX_FILE_BYTES {
        return Err(AppError::invalid(
            "source",
            format!("The ladder is larger than {} KB.", file::MAX_FILE_BYTES / 1024),
        ));
    }
    auth.write(move |c, auth| {
        let id = queries::ladder_id(c, &slug)?;
        match queries::save_draft(
            c,
            id,
            &source,
            version,
            Some(auth.viewer().person_id),
            auth.now(),
        )? {
            queries::Saved::Done { .. } => Ok(()),
            queries::Saved::Stale => Err(AppError::stale("draft")),
        }
    })
    .await
}

/// Publishes the saved draft as the next immutable version. The draft must parse, must be
/// the one the publisher last saw, and must differ from the latest version.
#[server(endpoint = "ladders/publish_ladder")]
pub async fn publish_ladder(
    slug: String,
    version: i32,
    change_summary: String,
) -> Result<(), AppError> {
    let auth =
        context::authorize(Action::Write(Record::PublishedLadder), Target::Page("ladder")).await?;
    let summary = rules::check_change_summary(&change_summary)
        .map_err(|m| AppError::invalid("change_summary", m))?;
    auth.write(move |c, auth| {
        let id = queries::ladder_id(c, &slug)?;
        let draft = queries::draft(c, id)?.ok_or_else(|| {
            AppError::Conflict(
                "There is no saved draft to publish. Save your changes first.".into(),
            )
        })?;
        if draft.version != version {
            return Err(AppError::stale("draft"));
        }
        let ladder = file::parse(&draft.source).map_err(file_errors)?;
        if ladder.slug != slug {
            return Err(AppError::invalid(
                "source",
                format!("The slug must stay \"{slug}\": it is in every link to this ladder."),
            ));
        }
        if let Ok((info, published)) = queries::published(c, id, None) {
            if *published == ladder {
                return Err(AppError::invalid(
                    "change_summary",
                    format!("Nothing has changed since version {}.", info.number),
                ));
            }
        }
        let number = queries::publish(
            c,
            id,
            &ladder,
            &draft.source,
            &summary,
            Some(auth.viewer().person_id),
            auth.now(),
        )?;
        auth.audit_detail(
            c,
            "publish_ladder",
            Target::Ladder(id),
            format!("{slug} version {number}"),
        )?;
        Ok(())
    })
    .await
}

#[server(endpoint = "ladders/discard_ladder_draft")]
pub async fn discard_ladder_draft(slug: String, version: i32) -> Result<(), AppError> {
    let auth = context::authorize(Action::Write(Record::LadderDraft), Target::Page("ladder_draft"))
        .await?;
    let target = slug.clone();
    auth.write(move |c, auth| {
        let id = queries::ladder_id(c, &target)?;
        match queries::discard_draft(c, id, version)? {
            queries::Saved::Done { .. } => {
                auth.audit_detail(c, "discard_ladder_draft", Target::Ladder(id), target.clone())
            }
            queries::Saved::Stale => Err(AppError::stale("draft")),
        }
    })
    .await?;
    leptos_axum::redirect(&format!("/ladders/{slug}"));
    Ok(())
}

/// Imports a ladder file as the draft of the ladder it names (creating the ladder when it
/// is new). A file with errors changes nothing; each error names its line.
#[server(endpoint = "ladders/import_ladder")]
pub async fn import_ladder(source: String) -> Result<(), AppError> {
    let auth =
        context::authorize(Action::Write(Record::LadderDraft), Target::Page("ladder_import"))
            .await?;
    if source.trim().is_empty() {
        return Err(AppError::invalid(
            "source",
            "Paste the contents of a ladder file (TOML) here.",
        ));
    }
    let ladder = file::parse(&source).map_err(file_errors)?;
    let slug = ladder.slug.clone();
    auth.write(move |c, auth| {
        let id = queries::find_or_create(c, &ladder, auth.now())?;
        queries::replace_draft(c, id, &source, Some(auth.viewer().person_id), auth.now())?;
        auth.audit_detail(
            c,
            "import_ladder",
            Target::Ladder(id),
            format!("{} as a draft", ladder.slug),
        )?;
        Ok::<_, AppError>(())
    })
    .await?;
    leptos_axum::redirect(&format!("/ladders/{slug}/edit"));
    Ok(())
}
