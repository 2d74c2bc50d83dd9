//! A cycle's final ratings as the rows of a file HR takes to compensation planning.

use super::*;
use crate::db::schema::{departments, teams};
use crate::org::types::{Level, Track};

/// One reviewed person of a cycle, as the export lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalRatingRow {
    pub name: String,
    pub email: String,
    pub title: String,
    pub department: String,
    pub team: Option<String>,
    /// "L3" or "M1".
    pub level: String,
    /// The manager who wrote the review.
    pub manager: Option<(String, String)>,
    pub final_rating: Option<Rating>,
    pub finalised_on: Option<NaiveDate>,
    pub delivered_on: Option<NaiveDate>,
}

/// Everyone the cycle reviews, by name, with their final rating once it is set. `reader` is
/// left out: nobody learns their own rating from a file before it is delivered to them.
pub fn final_ratings(
    conn: &mut DbConn,
    cycle: CycleId,
    reader: PersonId,
) -> QueryResult<Vec<FinalRatingRow>> {
    type Loaded = (
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        i32,
        Option<PersonId>,
        Option<String>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    );
    let rows: Vec<Loaded> = reviews::table
        .inner_join(people::table.on(people::id.eq(reviews::person_id)))
        .inner_join(departments::table.on(departments::id.eq(people::department_id)))
        .left_join(teams::table.on(teams::id.nullable().eq(people::team_id)))
        .filter(reviews::cycle_id.eq(cycle))
        .filter(reviews::person_id.ne(reader))
        .order((people::name.asc(), people::id.asc()))
        .select((
            people::name,
            people::email,
            people::title,
            departments::name,
            teams::name.nullable(),
            people::track,
            people::level,
            reviews::manager_id,
            reviews::final_rating,
            reviews::finalised_at,
            reviews::delivered_at,
        ))
        .load(conn)?;
    let manager_ids: Vec<PersonId> = {
        let mut ids: Vec<PersonId> = rows.iter().filter_map(|r| r.7).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let mut managers: HashMap<PersonId, (String, String)> = HashMap::new();
    for chunk in manager_ids.chunks(1_000) {
        let found: Vec<(PersonId, String, String)> = people::table
            .filter(people::id.eq_any(chunk))
            .select((people::id, people::name, people::email))
            .load(conn)?;
        managers.extend(found.into_iter().map(|(id, name, email)| (id, (name, email))));
    }
    Ok(rows
        .into_iter()
        .map(|(name, email, title, department, team, track, level, manager, rating, fin, del)| {
            FinalRatingRow {
                name,
                email,
                title,
                department,
                team,
                level: Track::parse(&track)
                    .and_then(|t| Level::new(t, u8::try_from(level).ok()?))
                    .map(Level::code)
                    .unwrap_or_default(),
                manager: manager.and_then(|m| managers.get(&m).cloned()),
                final_rating: rating.as_deref().and_then(Rating::parse),
                finalised_on: fin.map(|t| t.date()),
                delivered_on: del.map(|t| t.date()),
            }
        })
        .collect())
}
