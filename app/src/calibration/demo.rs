//! The demo company's calibration: demographic attributes for the fairness report; last
//! half's sessions, one per department (or per group of teams up to 1,000 people), finalised
//! with a history of changes, discussed outliers, potential and a resolved appeal; and the
//! running half's session for every department but Engineering (facilitated by the CEO),
//! open, with some of that done and an appeal waiting. Sessions are created by the same query
//! HR's form uses.

use crate::calibration::queries::{self, NewSession};
use crate::calibration::types::*;
use crate::db::schema::{
    calibration_appeals, calibration_changes, calibration_entries, calibration_sessions,
    manager_assessments, person_attributes, review_cycles, reviews,
};
use crate::db::DbConn;
use crate::demo::{DemoCompany, PERSONAS};
use crate::kernel::{
    ChangeId, CycleId, DepartmentId, EntryId, PersonId, Rating, ReviewId, SessionId, TeamId,
};
use crate::per_backend;
use crate::reviews::demo::{rating_for, submit_manager_assessments};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashMap;

const CHUNK: usize = 1_000;
/// The largest board the demo builds (the benchmark's budget is a board of 1,000).
const MAX_BOARD: usize = 1_000;

const GENDERS: [(&str, u64); 4] =
    [("Woman", 46), ("Man", 48), ("Non-binary", 2), ("Prefer not to say", 4)];
const AGE_BANDS: [(&str, u64); 4] =
    [("Under 30", 25), ("30 to 39", 40), ("40 to 49", 23), ("50 and over", 12)];

const RATIONALES: [&str; 4] = [
    "Compared with peers at the same level, the evidence shows solid delivery but not the wider impact the higher rating asks for.",
    "The second-half results (the migration and the on-call work) were stronger than the preliminary rating reflects; peers at this level who did similar work were rated higher.",
    "Most of the cited evidence is from the last month; across the whole half the picture is closer to the next rating.",
    "Took on scope beyond the role after a colleague left, with results the room saw first-hand.",
];

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, 0, 0).expect("valid time")
}

/// A deterministic pick from weighted values by a person's id.
fn weighted(id: PersonId, salt: u64, table: &[(&'static str, u64)]) -> &'static str {
    let mut x = (id.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(salt);
    x ^= x >> 29;
    let mut roll = x % table.iter().map(|t| t.1).sum::<u64>();
    for (value, weight) in table {
        if roll < *weight {
            return value;
        }
        roll -= weight;
    }
    table[0].0
}

/// One step towards the middle of the scale: what the room most often does.
fn step(r: Rating) -> Rating {
    match r {
        Rating::Exceptional => Rating::Strong,
        Rating::Strong | Rating::Developing => Rating::Meets,
        Rating::Meets => Rating::Strong,
        Rating::Below => Rating::Developing,
    }
}

fn potential_for(id: ReviewId) -> Potential {
    match id.0.wrapping_mul(31) % 10 {
        0..=1 => Potential::High,
        2..=6 => Potential::Medium,
        _ => Potential::Low,
    }
}

pub fn seed(conn: &mut DbConn, company: &DemoCompany, today: NaiveDate) -> QueryResult<()> {
    attributes(conn, company)?;
    let by_email = |email: &str| company.people.iter().find(|p| p.email == email).map(|p| p.id);
    let (Some(hr), Some(ceo)) = (by_email(PERSONAS[3].1), by_email(PERSONAS[4].1)) else {
        return Ok(());
    };
    let cycles: Vec<(CycleId, String, String, NaiveDate)> = review_cycles::table
        .order(review_cycles::id.asc())
        .select((
            review_cycles::id,
            review_cycles::name,
            review_cycles::status,
            review_cycles::calibration_due,
        ))
        .load(conn)?;
    let finished = cycles.iter().find(|c| c.2 == "closed");
    let running = cycles.iter().find(|c| c.2 == "open");
    // Team sizes, for boards of at most MAX_BOARD people.
    let mut team_sizes: HashMap<TeamId, usize> = HashMap::new();
    for p in company.people.iter().filter(|p| p.status == "active") {
        if let Some(t) = p.team_id {
            *team_sizes.entry(t).or_default() += 1;
        }
    }
    let boards = |departments: &[DepartmentId]| -> Vec<Vec<TeamId>> {
        let mut out: Vec<Vec<TeamId>> = vec![Vec::new()];
        let mut size = 0;
        for team in company.teams.iter().filter(|t| departments.contains(&t.department_id)) {
            let n = team_sizes.get(&team.id).copied().unwrap_or(0);
            if size + n > MAX_BOARD && !out.last().expect("one").is_empty() {
                out.push(Vec::new());
                size = 0;
            }
            out.last_mut().expect("one").push(team.id);
            size += n;
        }
        out.retain(|b| !b.is_empty());
        out
    };
    let named = |base: &str, i: usize, of: usize| {
        if of == 1 {
            base.to_string()
        } else {
            format!("{base} ({} of {of})", i + 1)
        }
    };

    if let Some((id, name, _, due)) = finished {
        let half = name.trim_end_matches(" review");
        for dept in &company.departments {
            let Some(head) = company
                .people
                .iter()
                .find(|p| {
                    p.department_id == dept.id
                        && p.manager_id == Some(ceo)
                        && p.track == "management"
                })
                .map(|p| p.id)
            else {
                continue;
            };
            let chunks = boards(&[dept.id]);
            for (i, teams) in chunks.iter().enumerate() {
                let session = create(
                    conn,
                    *id,
                    &named(&format!("{} {half} calibration", dept.name), i, chunks.len()),
                    &dept.name,
                    head,
                    teams,
                    hr,
                    at(*due - Duration::days(3), 9),
                )?;
                let Some(session) = session else { continue };
                history(conn, session, head, at(*due - Duration::days(1), 10), true)?;
            }
        }
    }
    if let Some((id, name, _, _)) = running {
        let half = name.trim_end_matches(" review");
        let business: Vec<DepartmentId> =
            company.departments.iter().filter(|d| d.name != "Engineering").map(|d| d.id).collect();
        // Outside Engineering (whose reviews the README walks through, still being written),
        // managers have submitted every assessment: the board is ready to calibrate.
        let team_ids: Vec<TeamId> = company
            .teams
            .iter()
            .filter(|t| business.contains(&t.department_id))
            .map(|t| t.id)
            .collect();
        let people: Vec<PersonId> = company
            .people
            .iter()
            .filter(|p| p.team_id.is_some_and(|t| team_ids.contains(&t)))
            .map(|p| p.id)
            .collect();
        let mut ids = Vec::new();
        for chunk in people.chunks(CHUNK) {
            ids.extend(
                reviews::table
                    .filter(reviews::cycle_id.eq(id))
                    .filter(reviews::person_id.eq_any(chunk))
                    .select(reviews::id)
                    .load::<ReviewId>(conn)?,
            );
        }
        submit_manager_assessments(conn, &ids, rating_for, at(today - Duration::days(2), 17))?;
        let chunks = boards(&business);
        for (i, teams) in chunks.iter().enumerate() {
            let session = create(
                conn,
                *id,
                &named(&format!("Business teams {half} calibration"), i, chunks.len()),
                "Every department but Engineering",
                ceo,
                teams,
                hr,
                at(today - Duration::days(1), 9),
            )?;
            if let Some(session) = session {
                history(conn, session, ceo, at(today, 8), false)?;
            }
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn create(
    conn: &mut DbConn,
    cycle_id: CycleId,
    name: &str,
    group: &str,
    facilitator: PersonId,
    teams: &[TeamId],
    hr: PersonId,
    now: NaiveDateTime,
) -> QueryResult<Option<SessionId>> {
    let created = queries::create_session(
        conn,
        &NewSession {
            cycle_id,
            name,
            group_label: group,
            facilitator,
            departments: &[],
            teams,
            created_by: hr,
            now,
        },
    )?;
    if created.people == 0 {
        diesel::delete(
            crate::db::schema::calibration_participants::table
                .filter(crate::db::schema::calibration_participants::session_id.eq(created.id)),
        )
        .execute(conn)?;
        diesel::delete(calibration_sessions::table.find(created.id)).execute(conn)?;
        return Ok(None);
    }
    Ok(Some(created.id))
}

/// Changes with rationales, discussed outliers, potential and an appeal; `finished`: all of
/// it done and the session finalised (its ratings final), otherwise part of it.
fn history(
    conn: &mut DbConn,
    session: SessionId,
    facilitator: PersonId,
    now: NaiveDateTime,
    finished: bool,
) -> QueryResult<()> {
    let entries: Vec<(EntryId, ReviewId, PersonId)> = calibration_entries::table
        .filter(calibration_entries::session_id.eq(session))
        .select((
            calibration_entries::id,
            calibration_entries::review_id,
            calibration_entries::person_id,
        ))
        .load(conn)?;
    // The personas' walkthroughs in the README read their ratings as the managers gave them.
    let personas: Vec<PersonId> = crate::db::schema::people::table
        .filter(crate::db::schema::people::email.eq_any(PERSONAS.map(|p| p.1)))
        .select(crate::db::schema::people::id)
        .load(conn)?;
    let participants = queries::participant_ids(conn, session)?;
    let mut prelim: HashMap<ReviewId, (Rating, Option<PersonId>)> = HashMap::new();
    for chunk in entries.chunks(CHUNK) {
        let ids: Vec<ReviewId> = chunk.iter().map(|e| e.1).collect();
        let rows: Vec<(ReviewId, Option<String>, Option<PersonId>)> = manager_assessments::table
            .inner_join(reviews::table)
            .filter(manager_assessments::review_id.eq_any(ids))
            .filter(manager_assessments::submitted_at.is_not_null())
            .select((
                manager_assessments::review_id,
                manager_assessments::rating,
                reviews::manager_id,
            ))
            .load(conn)?;
        prelim.extend(
            rows.into_iter()
                .filter_map(|(id, r, author)| Some((id, (Rating::parse(r.as_deref()?)?, author)))),
        );
    }
    let mut calibrated: HashMap<Rating, Vec<EntryId>> = HashMap::new();
    let mut changes = Vec::new();
    let mut effective: HashMap<EntryId, Rating> = HashMap::new();
    for (n, (entry, review, person)) in entries.iter().enumerate() {
        let Some((before, _)) = prelim.get(review) else { continue };
        let mut rating = *before;
        if review.0 % 9 == 4 && !personas.contains(person) {
            rating = step(*before);
            calibrated.entry(rating).or_default().push(*entry);
            let by =
                participants.get(n % participants.len().max(1)).copied().unwrap_or(facilitator);
            changes.push((
                calibration_changes::session_id.eq(session),
                calibration_changes::entry_id.eq(*entry),
                calibration_changes::changed_by.eq(by),
                calibration_changes::from_rating.eq(Some(before.as_str())),
                calibration_changes::to_rating.eq(rating.as_str()),
                calibration_changes::rationale.eq(RATIONALES[n % RATIONALES.len()]),
                calibration_changes::changed_at
                    .eq(now - Duration::minutes((entries.len() - n) as i64)),
            ));
        }
        effective.insert(*entry, rating);
    }
    for (rating, ids) in &calibrated {
        for chunk in ids.chunks(CHUNK) {
            diesel::update(
                calibration_entries::table.filter(calibration_entries::id.eq_any(chunk)),
            )
            .set((
                calibration_entries::rating.eq(rating.as_str()),
                calibration_entries::version.eq(2),
            ))
            .execute(conn)?;
        }
    }
    for chunk in changes.chunks(CHUNK) {
        per_backend!(conn, |c| diesel::insert_into(calibration_changes::table)
            .values(chunk)
            .execute(c))?;
    }
    // Outliers discussed: all of them when finished, every other one while open.
    let outliers: Vec<EntryId> = entries
        .iter()
        .filter(|e| effective.get(&e.0).is_some_and(|r| crate::calibration::rules::is_outlier(*r)))
        .map(|e| e.0)
        .collect();
    let discussed: Vec<EntryId> = outliers
        .iter()
        .enumerate()
        .filter(|(i, _)| finished || i % 2 == 0)
        .map(|(_, e)| *e)
        .collect();
    for chunk in discussed.chunks(CHUNK) {
        diesel::update(calibration_entries::table.filter(calibration_entries::id.eq_any(chunk)))
            .set((
                calibration_entries::discussed_at.eq(now),
                calibration_entries::discussed_by.eq(facilitator),
                calibration_entries::discussion_note.eq(
                    "Discussed with the evidence from the whole half; the room agreed the rating.",
                ),
            ))
            .execute(conn)?;
    }
    // Potential, recorded by the managers (most of it, while open).
    for potential in Potential::ALL {
        let ids: Vec<EntryId> = entries
            .iter()
            .filter(|e| potential_for(e.1) == *potential && (finished || e.1 .0 % 4 != 0))
            .map(|e| e.0)
            .collect();
        for chunk in ids.chunks(CHUNK) {
            diesel::update(
                calibration_entries::table.filter(calibration_entries::id.eq_any(chunk)),
            )
            .set(calibration_entries::potential.eq(potential.as_str()))
            .execute(conn)?;
        }
    }
    // The first change is appealed by the person's manager: kept when finished, waiting while open.
    let first: Option<(ChangeId, EntryId, ReviewId)> = calibration_changes::table
        .inner_join(calibration_entries::table)
        .filter(calibration_changes::session_id.eq(session))
        .order(calibration_changes::id.asc())
        .select((
            calibration_changes::id,
            calibration_changes::entry_id,
            calibration_entries::review_id,
        ))
        .first(conn)
        .optional()?;
    if let Some((change, entry, review)) = first {
        if let Some(manager) = prelim.get(&review).and_then(|p| p.1) {
            diesel::insert_into(calibration_appeals::table)
                .values((
                    calibration_appeals::session_id.eq(session),
                    calibration_appeals::entry_id.eq(entry),
                    calibration_appeals::change_id.eq(change),
                    calibration_appeals::raised_by.eq(manager),
                    calibration_appeals::reason.eq("The change leaves out the customer escalation work from the first quarter, which my assessment cites with examples."),
                    calibration_appeals::raised_at.eq(now),
                    calibration_appeals::outcome.eq(finished.then_some(AppealOutcome::Kept.as_str())),
                    calibration_appeals::resolution.eq(if finished { "Reviewed the first-quarter evidence with the room: it was already counted, so the change stands." } else { "" }),
                    calibration_appeals::resolved_by.eq(finished.then_some(facilitator)),
                    calibration_appeals::resolved_at.eq(finished.then_some(now + Duration::minutes(20))),
                ))
                .execute(conn)?;
        }
    }
    if finished {
        // The finished cycle's reviews carry the calibrated ratings.
        for (rating, entry_ids) in &calibrated {
            let review_ids: Vec<ReviewId> =
                entries.iter().filter(|e| entry_ids.contains(&e.0)).map(|e| e.1).collect();
            for chunk in review_ids.chunks(CHUNK) {
                diesel::update(reviews::table.filter(reviews::id.eq_any(chunk)))
                    .set(reviews::final_rating.eq(rating.as_str()))
                    .execute(conn)?;
            }
        }
        diesel::update(calibration_sessions::table.find(session))
            .set((
                calibration_sessions::status.eq(SessionStatus::Finalised.as_str()),
                calibration_sessions::finalised_at.eq(now + Duration::hours(1)),
                calibration_sessions::finalised_by.eq(facilitator),
                calibration_sessions::version.eq(2),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Gender and age band for everyone, held by HR (the fairness report's demographic groups).
fn attributes(conn: &mut DbConn, company: &DemoCompany) -> QueryResult<()> {
    let mut rows = Vec::with_capacity(company.people.len() * 2);
    for p in &company.people {
        for (name, salt, table) in [("Gender", 7, &GENDERS), ("Age band", 13, &AGE_BANDS)] {
            rows.push((
                person_attributes::person_id.eq(p.id),
                person_attributes::name.eq(name),
                person_attributes::value.eq(weighted(p.id, salt, table)),
            ));
        }
    }
    for chunk in rows.chunks(CHUNK) {
        per_backend!(conn, |c| diesel::insert_into(person_attributes::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}
