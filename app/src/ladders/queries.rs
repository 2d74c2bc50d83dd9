//! Server-only queries of the career ladders. Published versions are insert-only; the
//! parsed form of each is cached in memory by its id, which is safe precisely because a
//! published version never changes (and so also safe across several instances).

use super::file;
use super::types::*;
use crate::db::schema::{departments, ladder_drafts, ladder_versions, ladders, people};
use crate::db::DbConn;
use crate::kernel::{LadderId, PersonId};
use crate::org::types::{Level, Track};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub fn ladder_id(conn: &mut DbConn, slug: &str) -> QueryResult<LadderId> {
    ladders::table.filter(ladders::slug.eq(slug)).select(ladders::id).first(conn)
}

#[derive(Queryable)]
struct VersionRow {
    id: i64,
    number: i32,
    change_summary: String,
    published_by: Option<String>,
    published_at: NaiveDateTime,
}

impl VersionRow {
    fn info(&self) -> VersionInfo {
        VersionInfo {
            id: self.id,
            number: self.number,
            change_summary: self.change_summary.clone(),
            published_by: self.published_by.clone(),
            published_at: self.published_at,
        }
    }
}

#[diesel::dsl::auto_type(no_type_alias)]
fn versions_with_publisher() -> _ {
    ladder_versions::table
        .left_join(people::table.on(people::id.nullable().eq(ladder_versions::published_by)))
}

fn version_columns() -> (
    ladder_versions::id,
    ladder_versions::number,
    ladder_versions::change_summary,
    diesel::dsl::Nullable<people::name>,
    ladder_versions::published_at,
) {
    (
        ladder_versions::id,
        ladder_versions::number,
        ladder_versions::change_summary,
        people::name.nullable(),
        ladder_versions::published_at,
    )
}

/// Every published version of a ladder, newest first.
pub fn versions(conn: &mut DbConn, ladder: LadderId) -> QueryResult<Vec<VersionInfo>> {
    let rows: Vec<VersionRow> = versions_with_publisher()
        .filter(ladder_versions::ladder_id.eq(ladder))
        .order(ladder_versions::number.desc())
        .select(version_columns())
        .load(conn)?;
    Ok(rows.iter().map(VersionRow::info).collect())
}

pub fn latest_number(conn: &mut DbConn, ladder: LadderId) -> QueryResult<Option<i32>> {
    ladder_versions::table
        .filter(ladder_versions::ladder_id.eq(ladder))
        .select(diesel::dsl::max(ladder_versions::number))
        .first(conn)
}

/// A published version (the latest when `number` is None), parsed.
pub fn published(
    conn: &mut DbConn,
    ladder: LadderId,
    number: Option<i32>,
) -> QueryResult<(VersionInfo, Arc<Ladder>)> {
    let number = match number {
        Some(n) => n,
        None => latest_number(conn, ladder)?.ok_or(diesel::result::Error::NotFound)?,
    };
    let row: VersionRow = versions_with_publisher()
        .filter(ladder_versions::ladder_id.eq(ladder).and(ladder_versions::number.eq(number)))
        .select(version_columns())
        .first(conn)?;
    let ladder = parsed_version(conn, row.id)?;
    Ok((row.info(), ladder))
}

/// A published version by its id, with its ladder's slug and version number: what a
/// promotion packet or self-evaluation cites.
pub fn by_version_id(
    conn: &mut DbConn,
    version_id: i64,
) -> QueryResult<(String, i32, Arc<Ladder>)> {
    let (slug, number): (String, i32) = ladder_versions::table
        .inner_join(ladders::table)
        .filter(ladder_versions::id.eq(version_id))
        .select((ladders::slug, ladder_versions::number))
        .first(conn)?;
    Ok((slug, number, parsed_version(conn, version_id)?))
}

/// The id of the latest published version of a ladder.
pub fn latest_version_id(conn: &mut DbConn, ladder: LadderId) -> QueryResult<i64> {
    ladder_versions::table
        .filter(ladder_versions::ladder_id.eq(ladder))
        .order(ladder_versions::number.desc())
        .select(ladder_versions::id)
        .first(conn)
}

fn cache() -> &'static Mutex<HashMap<i64, Arc<Ladder>>> {
    static CACHE: OnceLock<Mutex<HashMap<i64, Arc<Ladder>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The parsed ladder of a published version, from the cache or parsed once from its source.
fn parsed_version(conn: &mut DbConn, version_id: i64) -> QueryResult<Arc<Ladder>> {
    if let Some(hit) = cache().lock().expect("ladder cache").get(&version_id) {
        return Ok(hit.clone());
    }
    let source: String =
        ladder_versions::table.find(version_id).select(ladder_versions::source).first(conn)?;
    // Only files that parsed are ever published, so a failure here is a corrupt database.
    let ladder = Arc::new(file::parse(&source).map_err(|e| {
        diesel::result::Error::DeserializationError(
            format!("published ladder version {version_id} does not parse: {e:?}").into(),
        )
    })?);
    cache().lock().expect("ladder cache").insert(version_id, ladder.clone());
    Ok(ladder)
}

/// The TOML source of a published version, for export.
pub fn published_source(
    conn: &mut DbConn,
    ladder: LadderId,
    number: Option<i32>,
) -> QueryResult<(i32, String)> {
    let number = match number {
        Some(n) => n,
        None => latest_number(conn, ladder)?.ok_or(diesel::result::Error::NotFound)?,
    };
    let source = ladder_versions::table
        .filter(ladder_versions::ladder_id.eq(ladder).and(ladder_versions::number.eq(number)))
        .select(ladder_versions::source)
        .first(conn)?;
    Ok((number, source))
}

/// Every ladder with its latest version, by name.
pub fn list(conn: &mut DbConn) -> QueryResult<Vec<LadderSummary>> {
    let rows: Vec<(LadderId, String, String, String)> = ladders::table
        .order(ladders::name.asc())
        .select((ladders::id, ladders::slug, ladders::name, ladders::description))
        .load(conn)?;
    let drafts: Vec<LadderId> = ladder_drafts::table.select(ladder_drafts::ladder_id).load(conn)?;
    let mut summaries = Vec::with_capacity(rows.len());
    for (id, slug, name, description) in rows {
        let latest = versions_with_publisher()
            .filter(ladder_versions::ladder_id.eq(id))
            .order(ladder_versions::number.desc())
            .select(version_columns())
            .first::<VersionRow>(conn)
            .optional()?
            .map(|r| r.info());
        summaries.push(LadderSummary {
            slug,
            name,
            description,
            latest,
            has_draft: drafts.contains(&id),
        });
    }
    Ok(summaries)
}

/// The slug of the ladder of a person's function (the ladder named like their department)
/// and their level, or the department name when it has no ladder.
pub fn ladder_of_person(
    conn: &mut DbConn,
    person: PersonId,
) -> QueryResult<(Result<LadderId, String>, Level)> {
    let (slug, department, track, level): (String, String, String, i32) = people::table
        .inner_join(departments::table)
        .filter(people::id.eq(person))
        .select((departments::slug, departments::name, people::track, people::level))
        .first(conn)?;
    let track = Track::parse(&track).unwrap_or(Track::Ic);
    let level = Level::new(track, level as u8).unwrap_or(Level { track, number: 1 });
    let ladder = ladders::table
        .filter(ladders::slug.eq(&slug))
        .select(ladders::id)
        .first(conn)
        .optional()?;
    Ok((ladder.ok_or(department), level))
}

pub struct Draft {
    pub source: String,
    pub version: i32,
    pub updated_by: Option<String>,
    pub updated_at: NaiveDateTime,
}

pub fn draft(conn: &mut DbConn, ladder: LadderId) -> QueryResult<Option<Draft>> {
    ladder_drafts::table
        .left_join(people::table.on(people::id.nullable().eq(ladder_drafts::updated_by)))
        .filter(ladder_drafts::ladder_id.eq(ladder))
        .select((
            ladder_drafts::source,
            ladder_drafts::version,
            people::name.nullable(),
            ladder_drafts::updated_at,
        ))
        .first::<(String, i32, Option<String>, NaiveDateTime)>(conn)
        .optional()
        .map(|row| {
            row.map(|(source, version, updated_by, updated_at)| Draft {
                source,
                version,
                updated_by,
                updated_at,
            })
        })
}

/// Whether a save or publish went through, or someone else saved first.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Done { version: i32 },
    Stale,
}

/// Saves the draft if it is still at `expected` (0: there was no draft yet).
pub fn save_draft(
    conn: &mut DbConn,
    ladder: LadderId,
    source: &str,
    expected: i32,
    by: Option<PersonId>,
    now: NaiveDateTime,
) -> QueryResult<Saved> {
    if expected == 0 {
        let inserted = diesel::insert_into(ladder_drafts::table)
            .values((
                ladder_drafts::ladder_id.eq(ladder),
                ladder_drafts::source.eq(source),
                ladder_drafts::version.eq(1),
                ladder_drafts::updated_by.eq(by),
                ladder_drafts::updated_at.eq(now),
            ))
            .execute(conn);
        // Someone else started a draft since this editor loaded: the primary key says so.
        return match inserted {
            Ok(_) => Ok(Saved::Done { version: 1 }),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => Ok(Saved::Stale),
            Err(e) => Err(e),
        };
    }
    let updated = diesel::update(
        ladder_drafts::table
            .filter(ladder_drafts::ladder_id.eq(ladder).and(ladder_drafts::version.eq(expected))),
    )
    .set((
        ladder_drafts::source.eq(source),
        ladder_drafts::version.eq(expected + 1),
        ladder_drafts::updated_by.eq(by),
        ladder_drafts::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(if updated == 1 { Saved::Done { version: expected + 1 } } else { Saved::Stale })
}

/// Replaces the draft whatever its version (an import is a deliberate replacement).
pub fn replace_draft(
    conn: &mut DbConn,
    ladder: LadderId,
    source: &str,
    by: Option<PersonId>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let current = draft(conn, ladder)?.map(|d| d.version).unwrap_or(0);
    match save_draft(conn, ladder, source, current, by, now)? {
        Saved::Done { .. } => Ok(()),
        // Runs inside a transaction; a concurrent writer between the read and the write
        // makes the whole import fail rather than overwrite silently.
        Saved::Stale => Err(diesel::result::Error::RollbackTransaction),
    }
}

pub fn discard_draft(conn: &mut DbConn, ladder: LadderId, expected: i32) -> QueryResult<Saved> {
    let deleted = diesel::delete(
        ladder_drafts::table
            .filter(ladder_drafts::ladder_id.eq(ladder).and(ladder_drafts::version.eq(expected))),
    )
    .execute(conn)?;
    Ok(if deleted == 1 { Saved::Done { version: 0 } } else { Saved::Stale })
}

/// Finds the ladder of `slug` or creates it (an import may bring a new function's ladder).
pub fn find_or_create(
    conn: &mut DbConn,
    ladder: &Ladder,
    now: NaiveDateTime,
) -> QueryResult<LadderId> {
    if let Some(id) = ladders::table
        .filter(ladders::slug.eq(&ladder.slug))
        .select(ladders::id)
        .first(conn)
        .optional()?
    {
        return Ok(id);
    }
    diesel::insert_into(ladders::table)
        .values((
            ladders::slug.eq(&ladder.slug),
            ladders::name.eq(&ladder.name),
            ladders::description.eq(&ladder.description),
            ladders::created_at.eq(now),
        ))
        .execute(conn)?;
    ladder_id(conn, &ladder.slug)
}

/// Publishes `source` as the next version of the ladder and removes the draft. The version
/// number is unique per ladder, so two publishes racing each other cannot both win.
pub fn publish(
    conn: &mut DbConn,
    id: LadderId,
    ladder: &Ladder,
    source: &str,
    summary: &str,
    by: Option<PersonId>,
    now: NaiveDateTime,
) -> QueryResult<i32> {
    let number = latest_number(conn, id)?.unwrap_or(0) + 1;
    diesel::insert_into(ladder_versions::table)
        .values((
            ladder_versions::ladder_id.eq(id),
            ladder_versions::number.eq(number),
            ladder_versions::source.eq(source),
            ladder_versions::change_summary.eq(summary),
            ladder_versions::published_by.eq(by),
            ladder_versions::published_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(ladders::table.find(id))
        .set((ladders::name.eq(&ladder.name), ladders::description.eq(&ladder.description)))
        .execute(conn)?;
    diesel::delete(ladder_drafts::table.filter(ladder_drafts::ladder_id.eq(id))).execute(conn)?;
    Ok(number)
}
