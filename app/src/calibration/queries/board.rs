//! The board.

use super::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calibration_entries)]
pub struct EntryRow {
    pub id: EntryId,
    pub session_id: SessionId,
    pub review_id: ReviewId,
    pub person_id: PersonId,
    pub rating: Option<String>,
    pub potential: Option<String>,
    pub discussed_at: Option<NaiveDateTime>,
    pub discussed_by: Option<PersonId>,
    pub discussion_note: String,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

pub fn entry_row(conn: &mut DbConn, session: SessionId, id: EntryId) -> QueryResult<EntryRow> {
    calibration_entries::table
        .filter(calibration_entries::session_id.eq(session))
        .filter(calibration_entries::id.eq(id))
        .select(EntryRow::as_select())
        .first(conn)
}

/// The board: one row per person, in a fixed number of queries.
/// `only`: one entry, for a person opened from the board.
pub fn board_rows(
    conn: &mut DbConn,
    session: &SessionRow,
    only: Option<EntryId>,
) -> QueryResult<Vec<BoardRow>> {
    let mut query = calibration_entries::table
        .filter(calibration_entries::session_id.eq(session.id))
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(calibration_entries::id.eq(id));
    }
    let entries: Vec<EntryRow> = query.select(EntryRow::as_select()).load(conn)?;
    let review_ids: Vec<ReviewId> = entries.iter().map(|e| e.review_id).collect();
    let person_ids: Vec<PersonId> = entries.iter().map(|e| e.person_id).collect();
    type PersonFacts =
        (PersonId, String, String, Option<String>, Option<PersonId>, String, i32, NaiveDate);
    let mut facts: HashMap<PersonId, PersonFacts> = HashMap::new();
    let mut assessments: HashMap<ReviewId, (Option<String>, Option<NaiveDateTime>, String)> =
        HashMap::new();
    let mut last: HashMap<PersonId, (CycleId, String)> = HashMap::new();
    for (persons, reviews_chunk) in person_ids.chunks(CHUNK).zip(review_ids.chunks(CHUNK)) {
        let rows: Vec<PersonFacts> = people::table
            .left_join(teams::table)
            .filter(people::id.eq_any(persons))
            .select((
                people::id,
                people::name,
                people::title,
                teams::name.nullable(),
                people::manager_id,
                people::track,
                people::level,
                people::hire_date,
            ))
            .load(conn)?;
        facts.extend(rows.into_iter().map(|r| (r.0, r)));
        let rows: Vec<(ReviewId, Option<String>, Option<NaiveDateTime>, String)> =
            manager_assessments::table
                .filter(manager_assessments::review_id.eq_any(reviews_chunk))
                .select((
                    manager_assessments::review_id,
                    manager_assessments::rating,
                    manager_assessments::submitted_at,
                    manager_assessments::goals,
                ))
                .load(conn)?;
        assessments.extend(
            rows.into_iter().map(|(id, rating, submitted, goals)| (id, (rating, submitted, goals))),
        );
        // The latest earlier final rating per person.
        let rows: Vec<(PersonId, CycleId, Option<String>)> = reviews::table
            .filter(reviews::person_id.eq_any(persons))
            .filter(reviews::cycle_id.lt(session.cycle_id))
            .filter(reviews::final_rating.is_not_null())
            .select((reviews::person_id, reviews::cycle_id, reviews::final_rating))
            .load(conn)?;
        for (person, cycle, rating) in rows {
            if last.get(&person).is_none_or(|(c, _)| *c < cycle) {
                last.insert(person, (cycle, rating.unwrap_or_default()));
            }
        }
    }
    let managers = names(
        conn,
        &facts.values().filter_map(|f| f.4).collect::<HashSet<_>>().into_iter().collect::<Vec<_>>(),
    )?;
    let (changes, appeals) = per_entry_counts(conn, session.id)?;
    Ok(entries
        .into_iter()
        .filter_map(|e| {
            let (_, name, title, team, manager_id, track, level, hire_date) =
                facts.remove(&e.person_id)?;
            let (prelim, submitted, goals) =
                assessments.remove(&e.review_id).unwrap_or((None, None, String::new()));
            let preliminary = submitted.and(prelim.as_deref().and_then(Rating::parse));
            let level = Track::parse(&track)
                .and_then(|t| Level::new(t, level as u8))
                .map(|l| l.code())
                .unwrap_or_default();
            Some(BoardRow {
                entry_id: e.id,
                version: e.version,
                review_id: e.review_id,
                person_id: e.person_id,
                name,
                title,
                team: team.unwrap_or_else(|| "No team".into()),
                manager: manager_id.and_then(|m| managers.get(&m).cloned()).unwrap_or_default(),
                manager_id,
                level,
                hire_date,
                preliminary,
                rating: e.rating.as_deref().and_then(Rating::parse).or(preliminary),
                last_rating: last.get(&e.person_id).and_then(|(_, r)| Rating::parse(r)),
                potential: e.potential.as_deref().and_then(Potential::parse),
                discussed: e.discussed_at.is_some(),
                changes: changes.get(&e.id).copied().unwrap_or(0),
                open_appeals: appeals.get(&e.id).copied().unwrap_or(0),
                summary: summary(&goals),
            })
        })
        .collect())
}

/// The first sentence or so of the manager's evidence, for the board's table.
fn summary(text: &str) -> String {
    const MAX: usize = 140;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..end])
}

/// (changes per entry, open appeals per entry) of a session.
fn per_entry_counts(
    conn: &mut DbConn,
    session: SessionId,
) -> QueryResult<(HashMap<EntryId, u32>, HashMap<EntryId, u32>)> {
    let changes = calibration_changes::table
        .filter(calibration_changes::session_id.eq(session))
        .group_by(calibration_changes::entry_id)
        .select((calibration_changes::entry_id, diesel::dsl::count_star()))
        .load::<(EntryId, i64)>(conn)?;
    let appeals = calibration_appeals::table
        .filter(calibration_appeals::session_id.eq(session))
        .filter(calibration_appeals::outcome.is_null())
        .group_by(calibration_appeals::entry_id)
        .select((calibration_appeals::entry_id, diesel::dsl::count_star()))
        .load::<(EntryId, i64)>(conn)?;
    let to_map =
        |rows: Vec<(EntryId, i64)>| rows.into_iter().map(|(id, n)| (id, n as u32)).collect();
    Ok((to_map(changes), to_map(appeals)))
}

/// Marks the board changed, so every open copy refreshes.
pub(super) fn bump(conn: &mut DbConn, session: SessionId, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(calibration_sessions::table.find(session))
        .set((
            calibration_sessions::version.eq(calibration_sessions::version + 1),
            calibration_sessions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn session_version(conn: &mut DbConn, session: SessionId) -> QueryResult<i32> {
    calibration_sessions::table.find(session).select(calibration_sessions::version).first(conn)
}

/// Compare-and-set on the entry: `false` when somebody changed it since `expected`.
pub(super) fn touch_entry(
    conn: &mut DbConn,
    entry: EntryId,
    expected: i32,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        calibration_entries::table
            .filter(calibration_entries::id.eq(entry))
            .filter(calibration_entries::version.eq(expected)),
    )
    .set((calibration_entries::version.eq(expected + 1), calibration_entries::updated_at.eq(now)))
    .execute(conn)?;
    Ok(changed == 1)
}

pub struct RatingChange<'a> {
    pub session: SessionId,
    pub entry: EntryId,
    pub expected: i32,
    pub from: Option<Rating>,
    pub to: Rating,
    pub by: PersonId,
    pub rationale: &'a str,
    pub now: NaiveDateTime,
}

/// Changes a rating and records why; `false` when the entry changed since it was read.
pub fn change_rating(conn: &mut DbConn, c: &RatingChange) -> QueryResult<bool> {
    if !touch_entry(conn, c.entry, c.expected, c.now)? {
        return Ok(false);
    }
    diesel::update(calibration_entries::table.find(c.entry))
        .set(calibration_entries::rating.eq(c.to.as_str()))
        .execute(conn)?;
    diesel::insert_into(calibration_changes::table)
        .values((
            calibration_changes::session_id.eq(c.session),
            calibration_changes::entry_id.eq(c.entry),
            calibration_changes::changed_by.eq(c.by),
            calibration_changes::from_rating.eq(c.from.map(Rating::as_str)),
            calibration_changes::to_rating.eq(c.to.as_str()),
            calibration_changes::rationale.eq(c.rationale),
            calibration_changes::changed_at.eq(c.now),
        ))
        .execute(conn)?;
    bump(conn, c.session, c.now)?;
    Ok(true)
}

pub fn mark_discussed(
    conn: &mut DbConn,
    session: SessionId,
    entry: EntryId,
    expected: i32,
    by: PersonId,
    note: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if !touch_entry(conn, entry, expected, now)? {
        return Ok(false);
    }
    diesel::update(calibration_entries::table.find(entry))
        .set((
            calibration_entries::discussed_at.eq(now),
            calibration_entries::discussed_by.eq(by),
            calibration_entries::discussion_note.eq(note),
        ))
        .execute(conn)?;
    bump(conn, session, now)?;
    Ok(true)
}

pub fn set_potential(
    conn: &mut DbConn,
    session: SessionId,
    entry: EntryId,
    expected: i32,
    potential: Potential,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if !touch_entry(conn, entry, expected, now)? {
        return Ok(false);
    }
    diesel::update(calibration_entries::table.find(entry))
        .set(calibration_entries::potential.eq(potential.as_str()))
        .execute(conn)?;
    bump(conn, session, now)?;
    Ok(true)
}

/// How many people on a board hold each rating now (`None`: not rated yet), best first, for
/// the distribution HR downloads. `reader` is left out, as from every figure they are shown.
pub fn distribution(
    conn: &mut DbConn,
    session: SessionId,
    reader: PersonId,
) -> QueryResult<Vec<(Option<Rating>, usize)>> {
    let ratings: Vec<Option<String>> = calibration_entries::table
        .filter(calibration_entries::session_id.eq(session))
        .filter(calibration_entries::person_id.ne(reader))
        .select(calibration_entries::rating)
        .load(conn)?;
    let count = |r: Option<Rating>| {
        ratings.iter().filter(|s| s.as_deref().and_then(Rating::parse) == r).count()
    };
    Ok(Rating::ALL.iter().copied().map(Some).chain([None]).map(|r| (r, count(r))).collect())
}
