//! The demo company's review cycles: last half-year's cycle, finished (every review written,
//! rated, delivered and mostly acknowledged), and the current one in progress, with work in
//! every state. Tom Becker has a self-assessment draft and no peers yet, so the walkthrough
//! in the README starts from his first step. Written in set-based batches so 50,000 people
//! seed in seconds.

use super::demo_texts::{self, DepartmentTexts};
use crate::db::schema::{
    departments, manager_assessments, outbox, peer_feedback, people, reviews, self_assessments,
};
use crate::db::DbConn;
use crate::demo::{DemoCompany, NewPerson, PERSONAS};
use crate::kernel::{CycleId, PersonId, Rating, ReviewId};
use crate::per_backend;
use crate::reviews::queries;
use crate::reviews::types::*;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashMap;

const CHUNK: usize = 1_000;

/// The half-year a review cycle covers: (first day, last day, "H2 2026").
fn half(end: NaiveDate) -> (NaiveDate, NaiveDate, String) {
    let (start, label) = if end.month() == 6 {
        (NaiveDate::from_ymd_opt(end.year(), 1, 1), "H1")
    } else {
        (NaiveDate::from_ymd_opt(end.year(), 7, 1), "H2")
    };
    (start.expect("valid date"), end, format!("{label} {}", end.year()))
}

/// The running cycle covers the half-year ending nearest after today (or just before, early in
/// a half); the finished one the half before it.
fn periods(today: NaiveDate) -> ((NaiveDate, NaiveDate, String), (NaiveDate, NaiveDate, String)) {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("valid date");
    let y = today.year();
    let running_end = match today.month() {
        1..=4 => d(y - 1, 12, 31),
        5..=10 => d(y, 6, 30),
        _ => d(y, 12, 31),
    };
    let finished_end = if running_end.month() == 12 {
        d(running_end.year(), 6, 30)
    } else {
        d(running_end.year() - 1, 12, 31)
    };
    (half(finished_end), half(running_end))
}

/// Each review's department texts, for the reviews given: one join, so texts follow the
/// person's department without the callers carrying it.
fn texts_of(
    conn: &mut DbConn,
    ids: &[ReviewId],
) -> QueryResult<HashMap<ReviewId, &'static DepartmentTexts>> {
    let mut found = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(ReviewId, String)> = reviews::table
            .inner_join(people::table.on(people::id.eq(reviews::person_id)))
            .inner_join(departments::table.on(departments::id.eq(people::department_id)))
            .filter(reviews::id.eq_any(chunk))
            .select((reviews::id, departments::slug))
            .load(conn)?;
        found.extend(rows.into_iter().map(|(id, slug)| (id, demo_texts::for_department(&slug))));
    }
    Ok(found)
}

/// Reviews grouped by their department's texts and a stable variant (`variants` of them),
/// so each group is written with one statement per thousand rows.
fn grouped(
    texts: &HashMap<ReviewId, &'static DepartmentTexts>,
    ids: &[ReviewId],
    variants: usize,
) -> Vec<(&'static DepartmentTexts, usize, Vec<ReviewId>)> {
    let mut groups: HashMap<(&'static str, usize), (&'static DepartmentTexts, Vec<ReviewId>)> =
        HashMap::new();
    for id in ids {
        let t = texts.get(id).copied().unwrap_or(&demo_texts::GENERAL);
        let variant = (id.0 as usize) % variants;
        groups.entry((t.slug, variant)).or_insert_with(|| (t, Vec::new())).1.push(*id);
    }
    let mut out: Vec<_> = groups.into_iter().map(|((_, v), (t, ids))| (t, v, ids)).collect();
    out.sort_by_key(|(t, v, _)| (t.slug, *v));
    out
}

/// A deterministic spread close to the guideline shares (10/30/45/10/5 percent).
pub(crate) fn rating_for(review_id: ReviewId) -> Rating {
    match review_id.0.wrapping_mul(7919) % 20 {
        0..=1 => Rating::Exceptional,
        2..=7 => Rating::Strong,
        8..=16 => Rating::Meets,
        17..=18 => Rating::Developing,
        _ => Rating::Below,
    }
}

fn at(day: NaiveDate, hour: u32) -> NaiveDateTime {
    day.and_hms_opt(hour, 0, 0).expect("valid time")
}

pub fn seed(conn: &mut DbConn, company: &DemoCompany, today: NaiveDate) -> QueryResult<()> {
    let by_email = |email: &str| company.people.iter().find(|p| p.email == email);
    let Some(hr) = by_email(PERSONAS[3].1).map(|p| p.id) else { return Ok(()) };
    let tom = by_email(PERSONAS[0].1).map(|p| p.id);
    let ((f_start, f_end, f_label), (r_start, r_end, r_label)) = periods(today);
    let teams = teammates(company);

    // The finished cycle.
    let finished = settings(
        format!("{f_label} review"),
        (f_start, f_end),
        f_end - Duration::days(90),
        f_end,
        [7, 12, 19, 30, 37],
    );
    let launched = at(f_end - Duration::days(10), 9);
    let (f_id, f_reviews) = launch(conn, &finished, hr, launched)?;
    diesel::update(outbox::table.filter(outbox::dedupe_key.like(format!("launch%:{f_id}:%"))))
        .set(outbox::sent_at.eq(launched))
        .execute(conn)?;
    let d = finished.deadlines;
    fill_self(
        conn,
        &f_reviews.iter().map(|r| r.0).collect::<Vec<_>>(),
        at(d.self_due - Duration::days(2), 15),
    )?;
    insert_peers(conn, &f_reviews, &teams, 3, 3, at(d.peer_due - Duration::days(1), 11))?;
    diesel::update(reviews::table.filter(reviews::cycle_id.eq(f_id)))
        .set(reviews::peers_approved_at.eq(at(d.self_due - Duration::days(5), 10)))
        .execute(conn)?;
    // Tom, the README's employee, had a strong half: his walkthrough reads well.
    let tom_review = f_reviews.iter().find(|r| Some(r.1) == tom).map(|r| r.0);
    let rating_of =
        |id: ReviewId| if Some(id) == tom_review { Rating::Strong } else { rating_for(id) };
    let ids: Vec<ReviewId> = f_reviews.iter().map(|r| r.0).collect();
    submit_manager_assessments(conn, &ids, rating_of, at(d.manager_due - Duration::days(1), 17))?;
    let mut by_rating: HashMap<Rating, Vec<ReviewId>> = HashMap::new();
    for id in ids {
        by_rating.entry(rating_of(id)).or_default().push(id);
    }
    for (rating, ids) in &by_rating {
        for chunk in ids.chunks(CHUNK) {
            diesel::update(reviews::table.filter(reviews::id.eq_any(chunk)))
                .set((
                    reviews::final_rating.eq(rating.as_str()),
                    reviews::finalised_at.eq(at(d.calibration_due, 15)),
                    reviews::finalised_by.eq(hr),
                    reviews::delivered_at.eq(at(d.calibration_due + Duration::days(4), 10)),
                ))
                .execute(conn)?;
        }
    }
    // A few managers delivered late (the completion metric should have something to show).
    let late: Vec<ReviewId> = f_reviews.iter().filter(|r| r.0 .0 % 16 == 3).map(|r| r.0).collect();
    for chunk in late.chunks(CHUNK) {
        diesel::update(reviews::table.filter(reviews::id.eq_any(chunk)))
            .set(reviews::delivered_at.eq(at(d.calibration_due + Duration::days(10), 10)))
            .execute(conn)?;
    }
    // Most people acknowledged; a few added a comment, one of them a disagreement.
    let acknowledged: Vec<ReviewId> =
        f_reviews.iter().filter(|r| r.0 .0 % 8 != 0).map(|r| r.0).collect();
    for chunk in acknowledged.chunks(CHUNK) {
        diesel::update(reviews::table.filter(reviews::id.eq_any(chunk)))
            .set(reviews::acknowledged_at.eq(at(d.delivery_due - Duration::days(1), 12)))
            .execute(conn)?;
    }
    let commenters: Vec<ReviewId> =
        f_reviews.iter().filter(|r| r.0 .0 % 8 == 1).map(|r| r.0).collect();
    for (i, chunk) in commenters.chunks(CHUNK).enumerate() {
        let text = if i == 0 {
            "Thank you: the examples made this a fair picture of my half."
        } else {
            "Thanks for the conversation."
        };
        diesel::update(reviews::table.filter(reviews::id.eq_any(chunk)))
            .set((
                reviews::employee_comment.eq(text),
                reviews::commented_at.eq(at(d.delivery_due - Duration::days(1), 12)),
            ))
            .execute(conn)?;
    }
    if let Some(disagreeing) =
        f_reviews.iter().find(|r| r.0 .0 % 8 == 1 && rating_for(r.0).is_concern())
    {
        diesel::update(reviews::table.find(disagreeing.0))
            .set(reviews::employee_comment.eq("I disagree with the rating: the dashboard slipped because its scope doubled in April, which the assessment does not mention."))
            .execute(conn)?;
    }
    for (expected, status) in
        [(2, CycleStatus::Calibration), (3, CycleStatus::Delivery), (4, CycleStatus::Closed)]
    {
        queries::set_status(conn, f_id, expected, status, at(d.calibration_due, 9))?;
    }

    // The running cycle: launched ten days ago, deadlines ahead.
    let running = settings(
        format!("{r_label} review"),
        (r_start, r_end),
        r_start + Duration::days(90),
        today,
        [4, 9, 16, 28, 34],
    );
    let (_, r_reviews) = launch(conn, &running, hr, at(today - Duration::days(10), 9))?;
    let not_tom = |r: &&(ReviewId, PersonId, Option<PersonId>)| Some(r.1) != tom;
    // Six in ten have submitted their self-assessment; two more have a draft.
    let submitted: Vec<ReviewId> =
        r_reviews.iter().filter(not_tom).filter(|r| r.1 .0 % 10 < 6).map(|r| r.0).collect();
    fill_self(conn, &submitted, at(today - Duration::days(2), 15))?;
    let drafts: Vec<ReviewId> = r_reviews
        .iter()
        .filter(not_tom)
        .filter(|r| (6..8).contains(&(r.1 .0 % 10)))
        .map(|r| r.0)
        .collect();
    let texts = texts_of(conn, &drafts)?;
    for (t, variant, ids) in grouped(&texts, &drafts, 4) {
        for chunk in ids.chunks(CHUNK) {
            diesel::update(
                self_assessments::table.filter(self_assessments::review_id.eq_any(chunk)),
            )
            .set((
                self_assessments::accomplishments.eq(t.selves[variant].accomplishments),
                self_assessments::version.eq(2),
                self_assessments::saved_at.eq(at(today - Duration::days(1), 20)),
            ))
            .execute(conn)?;
        }
    }
    // Peers: chosen and asked for four in ten, one answer in so far each.
    let with_peers: Vec<(ReviewId, PersonId, Option<PersonId>)> =
        r_reviews.iter().filter(not_tom).filter(|r| r.1 .0 % 10 < 4).copied().collect();
    insert_peers(conn, &with_peers, &teams, 3, 1, at(today - Duration::days(1), 11))?;
    for chunk in with_peers.chunks(CHUNK) {
        let ids: Vec<ReviewId> = chunk.iter().map(|r| r.0).collect();
        diesel::update(reviews::table.filter(reviews::id.eq_any(ids)))
            .set(reviews::peers_approved_at.eq(at(today - Duration::days(6), 10)))
            .execute(conn)?;
    }
    // A manager draft for one in ten.
    let manager_drafts: Vec<ReviewId> =
        r_reviews.iter().filter(not_tom).filter(|r| r.1 .0 % 10 == 0).map(|r| r.0).collect();
    let texts = texts_of(conn, &manager_drafts)?;
    for (t, variant, ids) in grouped(&texts, &manager_drafts, 2) {
        let goals = t.managers[rating_index(Rating::Meets)][variant].goals;
        for chunk in ids.chunks(CHUNK) {
            diesel::update(
                manager_assessments::table.filter(manager_assessments::review_id.eq_any(chunk)),
            )
            .set((
                manager_assessments::goals.eq(goals),
                manager_assessments::version.eq(2),
                manager_assessments::saved_at.eq(at(today - Duration::days(1), 21)),
            ))
            .execute(conn)?;
        }
    }
    // Elena's other reports show her every state she acts on: one ready to assess (self-
    // assessment in, three peers answered), one whose proposed peers wait for her approval,
    // one still drafting.
    let elena = by_email(PERSONAS[1].1).map(|p| p.id);
    let mut hers: Vec<&(ReviewId, PersonId, Option<PersonId>)> =
        r_reviews.iter().filter(|r| r.2.is_some() && r.2 == elena && Some(r.1) != tom).collect();
    hers.sort_by_key(|r| r.1);
    let ids: Vec<ReviewId> = hers.iter().map(|r| r.0).collect();
    diesel::delete(peer_feedback::table.filter(peer_feedback::review_id.eq_any(&ids)))
        .execute(conn)?;
    diesel::update(reviews::table.filter(reviews::id.eq_any(&ids)))
        .set(reviews::peers_approved_at.eq(None::<NaiveDateTime>))
        .execute(conn)?;
    if let Some(ready) = hers.first() {
        fill_self(conn, &[ready.0], at(today - Duration::days(3), 16))?;
        insert_peers(conn, &[**ready], &teams, 3, 3, at(today - Duration::days(1), 11))?;
        diesel::update(reviews::table.find(ready.0))
            .set(reviews::peers_approved_at.eq(at(today - Duration::days(8), 10)))
            .execute(conn)?;
    }
    if let Some(waiting) = hers.get(1) {
        fill_self(conn, &[waiting.0], at(today - Duration::days(2), 10))?;
        insert_peers(conn, &[**waiting], &teams, 2, 0, at(today - Duration::days(1), 9))?;
        diesel::update(peer_feedback::table.filter(peer_feedback::review_id.eq(waiting.0)))
            .set(peer_feedback::status.eq(PeerStatus::Nominated.as_str()))
            .execute(conn)?;
    }
    // Tom has started his self-assessment and has not chosen peers yet.
    if let Some(review) = r_reviews.iter().find(|r| Some(r.1) == tom) {
        diesel::update(self_assessments::table.find(review.0))
            .set((
                self_assessments::accomplishments.eq("Shipped the payment retries feature in September; failed payments that recover went from 40% to 71%."),
                self_assessments::version.eq(2),
                self_assessments::saved_at.eq(at(today - Duration::days(1), 21)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Writes and submits the manager assessment of each review with the rating `rating_of` gives.
pub(crate) fn submit_manager_assessments(
    conn: &mut DbConn,
    review_ids: &[ReviewId],
    rating_of: impl Fn(ReviewId) -> Rating,
    submitted: NaiveDateTime,
) -> QueryResult<()> {
    let mut by_rating: HashMap<Rating, Vec<ReviewId>> = HashMap::new();
    for id in review_ids {
        by_rating.entry(rating_of(*id)).or_default().push(*id);
    }
    let texts = texts_of(conn, review_ids)?;
    for (rating, ids) in by_rating {
        for (t, variant, ids) in grouped(&texts, &ids, 2) {
            let m = &t.managers[rating_index(rating)][variant];
            for chunk in ids.chunks(CHUNK) {
                diesel::update(
                    manager_assessments::table.filter(manager_assessments::review_id.eq_any(chunk)),
                )
                .set((
                    manager_assessments::goals.eq(m.goals),
                    manager_assessments::values_shown.eq(m.values_shown),
                    manager_assessments::strengths.eq(m.strengths),
                    manager_assessments::development.eq(m.development),
                    manager_assessments::rating.eq(rating.as_str()),
                    manager_assessments::raised_before.eq(if rating.is_concern() {
                        "Raised in our 1:1s from March on, with written expectations."
                    } else {
                        ""
                    }),
                    manager_assessments::version.eq(3),
                    manager_assessments::saved_at.eq(submitted - Duration::hours(20)),
                    manager_assessments::submitted_at.eq(submitted),
                ))
                .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// Where a rating's texts sit in `DepartmentTexts::managers`: Exceptional first.
fn rating_index(rating: Rating) -> usize {
    Rating::ALL.iter().position(|r| *r == rating).unwrap_or(2)
}

/// An everyone, anonymous cycle whose five deadlines fall `offsets` days after `anchor`.
fn settings(
    name: String,
    (period_start, period_end): (NaiveDate, NaiveDate),
    hired_before: NaiveDate,
    anchor: NaiveDate,
    offsets: [i64; 5],
) -> CycleSettings {
    let [self_due, peer_due, manager_due, calibration_due, delivery_due] =
        offsets.map(|d| anchor + Duration::days(d));
    CycleSettings {
        name,
        period_start,
        period_end,
        scope: Scope::Everyone,
        hired_before,
        deadlines: Deadlines { self_due, peer_due, manager_due, calibration_due, delivery_due },
        anonymous_peers: true,
    }
}

/// Creates and launches a cycle as HR would; returns its id and (review, person, manager).
fn launch(
    conn: &mut DbConn,
    settings: &CycleSettings,
    hr: PersonId,
    launched: NaiveDateTime,
) -> QueryResult<(CycleId, Vec<(ReviewId, PersonId, Option<PersonId>)>)> {
    let id = queries::create_cycle(conn, settings, hr, launched)?;
    queries::launch(conn, id, 1, launched)?;
    let rows = reviews::table
        .filter(reviews::cycle_id.eq(id))
        .select((reviews::id, reviews::person_id, reviews::manager_id))
        .load(conn)?;
    Ok((id, rows))
}

/// Everyone's teammates (same manager, active), for choosing peers.
fn teammates(company: &DemoCompany) -> HashMap<PersonId, Vec<PersonId>> {
    let mut by_manager: HashMap<PersonId, Vec<PersonId>> = HashMap::new();
    for p in company.people.iter().filter(|p: &&NewPerson| p.status == "active") {
        if let Some(m) = p.manager_id {
            by_manager.entry(m).or_default().push(p.id);
        }
    }
    by_manager
}

/// Submits a self-assessment for each review, in its department's words.
fn fill_self(
    conn: &mut DbConn,
    review_ids: &[ReviewId],
    submitted: NaiveDateTime,
) -> QueryResult<()> {
    let texts = texts_of(conn, review_ids)?;
    for (t, variant, ids) in grouped(&texts, review_ids, 4) {
        let own = &t.selves[variant];
        for chunk in ids.chunks(CHUNK) {
            diesel::update(
                self_assessments::table.filter(self_assessments::review_id.eq_any(chunk)),
            )
            .set((
                self_assessments::accomplishments.eq(own.accomplishments),
                self_assessments::shortfalls.eq(own.shortfalls),
                self_assessments::feedback_acted_on.eq(own.feedback_acted_on),
                self_assessments::next_focus.eq(own.next_focus),
                self_assessments::support_needed.eq(own.support_needed),
                self_assessments::version.eq(3),
                self_assessments::saved_at.eq(submitted - Duration::hours(20)),
                self_assessments::submitted_at.eq(submitted),
            ))
            .execute(conn)?;
        }
    }
    Ok(())
}

/// Asks up to `count` teammates about each person; the first `answered` of them answer.
fn insert_peers(
    conn: &mut DbConn,
    reviews: &[(ReviewId, PersonId, Option<PersonId>)],
    teams: &HashMap<PersonId, Vec<PersonId>>,
    count: usize,
    answered: usize,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let texts = texts_of(conn, &reviews.iter().map(|r| r.0).collect::<Vec<_>>())?;
    let mut rows = Vec::new();
    for (review, person, manager) in reviews {
        let department = texts.get(review).copied().unwrap_or(&demo_texts::GENERAL);
        let Some(team) = manager.and_then(|m| teams.get(&m)) else { continue };
        let start = team.iter().position(|p| p == person).unwrap_or(0);
        let peers = team
            .iter()
            .cycle()
            .skip(start + 1)
            .take(team.len())
            .filter(|p| *p != person)
            .take(count);
        for (i, peer) in peers.enumerate() {
            let texts = &department.peers[(review.0 as usize + i) % department.peers.len()];
            let done = i < answered;
            rows.push((
                peer_feedback::review_id.eq(*review),
                peer_feedback::peer_id.eq(*peer),
                peer_feedback::nominated_by.eq(*person),
                peer_feedback::status.eq(if done {
                    PeerStatus::Submitted.as_str()
                } else {
                    PeerStatus::Requested.as_str()
                }),
                peer_feedback::keep_doing.eq(if done { texts.keep_doing } else { "" }),
                peer_feedback::do_differently.eq(if done { texts.do_differently } else { "" }),
                peer_feedback::values_shown.eq(if done { texts.values_shown } else { "" }),
                peer_feedback::version.eq(if done { 3 } else { 1 }),
                peer_feedback::created_at.eq(at - Duration::days(5)),
                peer_feedback::saved_at.eq(done.then_some(at - Duration::hours(3))),
                peer_feedback::submitted_at.eq(done.then_some(at)),
            ));
        }
    }
    for chunk in rows.chunks(CHUNK) {
        per_backend!(conn, |c| diesel::insert_into(peer_feedback::table).values(chunk).execute(c))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_cycle_covers_the_half_ending_nearest_and_the_finished_one_the_half_before() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let ((fs, fe, fl), (rs, re, rl)) = periods(d(2026, 11, 27));
        assert_eq!((fs, fe, fl.as_str()), (d(2026, 1, 1), d(2026, 6, 30), "H1 2026"));
        assert_eq!((rs, re, rl.as_str()), (d(2026, 7, 1), d(2026, 12, 31), "H2 2026"));
        let (_, (rs, _, rl)) = periods(d(2027, 2, 10));
        assert_eq!((rs, rl.as_str()), (d(2026, 7, 1), "H2 2026"));
    }

    #[test]
    fn ratings_spread_close_to_the_guideline() {
        let mut counts: HashMap<Rating, usize> = HashMap::new();
        for id in 1..=2_000 {
            *counts.entry(rating_for(ReviewId(id))).or_default() += 1;
        }
        for r in Rating::ALL {
            let share = counts[r] * 100 / 2_000;
            assert!((share as i32 - r.guideline_percent() as i32).abs() <= 2, "{r:?}: {share}%");
        }
    }
}
