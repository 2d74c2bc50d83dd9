//! Server-only queries of review cycles. Drafts are saved with a version check (a stale tab
//! changes nothing and learns so); launching a cycle writes every review and its messages in
//! one transaction.

use super::notifications;
use super::types::*;
use crate::db::schema::{
    manager_assessments, peer_feedback, people, review_cycles, reviews, self_assessments,
};
use crate::db::DbConn;
use crate::kernel::{CycleId, DepartmentId, PeerFeedbackId, PersonId, Rating, ReviewId};
use crate::org::queries as org;
use crate::org::types::PersonSummary;
use crate::per_backend;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

// ---------------------------------------------------------------------------------------
// Cycles

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_cycles)]
pub struct CycleRow {
    pub id: CycleId,
    pub name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub scope: String,
    pub scope_id: Option<i64>,
    pub hired_before: NaiveDate,
    pub self_due: NaiveDate,
    pub peer_due: NaiveDate,
    pub manager_due: NaiveDate,
    pub calibration_due: NaiveDate,
    pub delivery_due: NaiveDate,
    pub anonymous_peers: bool,
    pub participants: i32,
    pub status: String,
    pub launched_at: Option<NaiveDateTime>,
    pub calibration_started_at: Option<NaiveDateTime>,
    pub version: i32,
}

impl CycleRow {
    pub fn status(&self) -> CycleStatus {
        CycleStatus::parse(&self.status).unwrap_or(CycleStatus::Draft)
    }

    pub fn scope(&self) -> Scope {
        match (self.scope.as_str(), self.scope_id) {
            ("department", Some(id)) => Scope::Department(DepartmentId(id)),
            ("team", Some(id)) => Scope::Team(PersonId(id)),
            _ => Scope::Everyone,
        }
    }

    pub fn deadlines(&self) -> Deadlines {
        Deadlines {
            self_due: self.self_due,
            peer_due: self.peer_due,
            manager_due: self.manager_due,
            calibration_due: self.calibration_due,
            delivery_due: self.delivery_due,
        }
    }

    pub fn settings(&self) -> CycleSettings {
        CycleSettings {
            name: self.name.clone(),
            period_start: self.period_start,
            period_end: self.period_end,
            scope: self.scope(),
            hired_before: self.hired_before,
            deadlines: self.deadlines(),
            anonymous_peers: self.anonymous_peers,
        }
    }
}

pub fn cycle_row(conn: &mut DbConn, id: CycleId) -> QueryResult<CycleRow> {
    review_cycles::table.find(id).select(CycleRow::as_select()).first(conn)
}

fn scope_label(conn: &mut DbConn, scope: Scope) -> QueryResult<String> {
    use crate::db::schema::departments;
    Ok(match scope {
        Scope::Everyone => "Everyone".into(),
        Scope::Department(id) => {
            let name: Option<String> =
                departments::table.find(id).select(departments::name).first(conn).optional()?;
            format!("The {} department", name.unwrap_or_else(|| "(removed)".into()))
        }
        Scope::Team(manager) => format!("{}'s organisation", org::summary(conn, manager)?.name),
    })
}

pub fn cycle(conn: &mut DbConn, id: CycleId) -> QueryResult<Cycle> {
    let row = cycle_row(conn, id)?;
    to_cycle(conn, row)
}

pub fn to_cycle(conn: &mut DbConn, row: CycleRow) -> QueryResult<Cycle> {
    // Kept on the cycle at launch: counting a 50,000-person cycle's reviews on every review
    // page made those pages grow with the company.
    let participants = row.participants as i64;
    Ok(Cycle {
        id: row.id,
        settings: row.settings(),
        scope_label: scope_label(conn, row.scope())?,
        status: row.status(),
        launched_at: row.launched_at,
        participants,
        version: row.version,
    })
}

/// Every cycle, newest period first.
pub fn all_cycles(conn: &mut DbConn) -> QueryResult<Vec<Cycle>> {
    let rows = review_cycles::table
        .order((review_cycles::period_end.desc(), review_cycles::id.desc()))
        .select(CycleRow::as_select())
        .load(conn)?;
    rows.into_iter().map(|r| to_cycle(conn, r)).collect()
}

/// Cycles in which any of `people_ids` is reviewed.
pub fn cycles_covering(conn: &mut DbConn, people_ids: &[PersonId]) -> QueryResult<Vec<Cycle>> {
    let ids: Vec<i64> = reviews::table
        .filter(reviews::person_id.eq_any(people_ids))
        .select(reviews::cycle_id)
        .distinct()
        .load(conn)?;
    let rows = review_cycles::table
        .filter(review_cycles::id.eq_any(ids))
        .order((review_cycles::period_end.desc(), review_cycles::id.desc()))
        .select(CycleRow::as_select())
        .load(conn)?;
    rows.into_iter().map(|r| to_cycle(conn, r)).collect()
}

pub fn create_cycle(
    conn: &mut DbConn,
    s: &CycleSettings,
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<CycleId> {
    let (scope, scope_id) = match s.scope {
        Scope::Everyone => ("everyone", None),
        // One column for either kind of id; `scope` says which.
        Scope::Department(id) => ("department", Some(id.0)),
        Scope::Team(id) => ("team", Some(id.0)),
    };
    diesel::insert_into(review_cycles::table)
        .values((
            review_cycles::name.eq(&s.name),
            review_cycles::period_start.eq(s.period_start),
            review_cycles::period_end.eq(s.period_end),
            review_cycles::scope.eq(scope),
            review_cycles::scope_id.eq(scope_id),
            review_cycles::hired_before.eq(s.hired_before),
            review_cycles::self_due.eq(s.deadlines.self_due),
            review_cycles::peer_due.eq(s.deadlines.peer_due),
            review_cycles::manager_due.eq(s.deadlines.manager_due),
            review_cycles::calibration_due.eq(s.deadlines.calibration_due),
            review_cycles::delivery_due.eq(s.deadlines.delivery_due),
            review_cycles::anonymous_peers.eq(s.anonymous_peers),
            review_cycles::status.eq(CycleStatus::Draft.as_str()),
            review_cycles::created_by.eq(by),
            review_cycles::created_at.eq(now),
            review_cycles::updated_at.eq(now),
        ))
        .execute(conn)?;
    review_cycles::table
        .filter(review_cycles::created_by.eq(by))
        .order(review_cycles::id.desc())
        .select(review_cycles::id)
        .first(conn)
}

/// Who a cycle covers: active people with a manager (someone to assess them), hired before
/// the cut-off, within the scope. Returns (person, manager) pairs.
pub fn participants(
    conn: &mut DbConn,
    s: &CycleSettings,
) -> QueryResult<Vec<(PersonId, PersonId)>> {
    let rows: Vec<(PersonId, Option<PersonId>, DepartmentId)> = people::table
        .filter(people::status.eq("active"))
        .filter(people::hire_date.lt(s.hired_before))
        .select((people::id, people::manager_id, people::department_id))
        .load(conn)?;
    let in_scope: Box<dyn Fn(PersonId, DepartmentId) -> bool> = match s.scope {
        Scope::Everyone => Box::new(|_, _| true),
        Scope::Department(d) => Box::new(move |_, dept| dept == d),
        Scope::Team(root) => {
            // The manager's whole organisation, found by walking down the tree.
            let all: Vec<(PersonId, Option<PersonId>)> = people::table
                .filter(people::status.ne("departed"))
                .select((people::id, people::manager_id))
                .load(conn)?;
            let mut below: HashSet<PersonId> = HashSet::new();
            let mut frontier = vec![root];
            while let Some(m) = frontier.pop() {
                for (id, _) in all.iter().filter(|(_, mgr)| *mgr == Some(m)) {
                    if below.insert(*id) {
                        frontier.push(*id);
                    }
                }
            }
            Box::new(move |id, _| below.contains(&id))
        }
    };
    Ok(rows
        .into_iter()
        .filter_map(|(id, manager, dept)| manager.filter(|_| in_scope(id, dept)).map(|m| (id, m)))
        .collect())
}

/// Launches a draft cycle: a review (with empty drafts) for every participant, and a message
/// to each participant and manager. Returns how many reviews were created, or `None` when the
/// cycle was changed meanwhile.
pub fn launch(
    conn: &mut DbConn,
    id: CycleId,
    expected: i32,
    now: NaiveDateTime,
) -> QueryResult<Option<usize>> {
    let row = cycle_row(conn, id)?;
    if row.version != expected || row.status() != CycleStatus::Draft {
        return Ok(None);
    }
    let settings = row.settings();
    let pairs = participants(conn, &settings)?;
    for chunk in pairs.chunks(1_000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(p, m)| {
                (
                    reviews::cycle_id.eq(id),
                    reviews::person_id.eq(*p),
                    reviews::manager_id.eq(Some(*m)),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(reviews::table).values(&rows).execute(c))?;
    }
    let ids: Vec<i64> =
        reviews::table.filter(reviews::cycle_id.eq(id)).select(reviews::id).load(conn)?;
    for chunk in ids.chunks(1_000) {
        let selfs: Vec<_> = chunk.iter().map(|r| self_assessments::review_id.eq(*r)).collect();
        per_backend!(conn, |c| diesel::insert_into(self_assessments::table)
            .values(&selfs)
            .execute(c))?;
        let managers: Vec<_> =
            chunk.iter().map(|r| manager_assessments::review_id.eq(*r)).collect();
        per_backend!(conn, |c| diesel::insert_into(manager_assessments::table)
            .values(&managers)
            .execute(c))?;
    }
    set_status(conn, id, expected, CycleStatus::Open, now)?;
    diesel::update(review_cycles::table.find(id))
        .set(review_cycles::participants.eq(pairs.len() as i32))
        .execute(conn)?;
    notifications::announce_launch(conn, &row, &pairs, now)?;
    Ok(Some(pairs.len()))
}

/// Moves a cycle on, if nobody else did first.
pub fn set_status(
    conn: &mut DbConn,
    id: CycleId,
    expected: i32,
    status: CycleStatus,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = review_cycles::table
        .filter(review_cycles::id.eq(id))
        .filter(review_cycles::version.eq(expected));
    let changed = match status {
        CycleStatus::Open => diesel::update(target)
            .set((
                review_cycles::status.eq(status.as_str()),
                review_cycles::launched_at.eq(now),
                review_cycles::version.eq(expected + 1),
                review_cycles::updated_at.eq(now),
            ))
            .execute(conn)?,
        CycleStatus::Calibration => diesel::update(target)
            .set((
                review_cycles::status.eq(status.as_str()),
                review_cycles::calibration_started_at.eq(now),
                review_cycles::version.eq(expected + 1),
                review_cycles::updated_at.eq(now),
            ))
            .execute(conn)?,
        _ => diesel::update(target)
            .set((
                review_cycles::status.eq(status.as_str()),
                review_cycles::version.eq(expected + 1),
                review_cycles::updated_at.eq(now),
            ))
            .execute(conn)?,
    };
    Ok(changed == 1)
}

// ---------------------------------------------------------------------------------------
// Reviews

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviews)]
pub struct ReviewRow {
    pub id: ReviewId,
    pub cycle_id: CycleId,
    pub person_id: PersonId,
    pub manager_id: Option<PersonId>,
    pub peers_approved_at: Option<NaiveDateTime>,
    pub final_rating: Option<String>,
    pub finalised_at: Option<NaiveDateTime>,
    pub delivered_at: Option<NaiveDateTime>,
    pub acknowledged_at: Option<NaiveDateTime>,
    pub employee_comment: String,
}

impl ReviewRow {
    pub fn final_rating(&self) -> Option<Rating> {
        self.final_rating.as_deref().and_then(Rating::parse)
    }
}

pub fn review_row(conn: &mut DbConn, id: ReviewId) -> QueryResult<ReviewRow> {
    reviews::table.find(id).select(ReviewRow::as_select()).first(conn)
}

pub fn self_draft(conn: &mut DbConn, id: ReviewId) -> QueryResult<Draft<SelfAnswers>> {
    let (
        accomplishments,
        shortfalls,
        feedback_acted_on,
        next_focus,
        support_needed,
        version,
        saved_at,
        submitted_at,
    ) = self_assessments::table
        .find(id)
        .select((
            self_assessments::accomplishments,
            self_assessments::shortfalls,
            self_assessments::feedback_acted_on,
            self_assessments::next_focus,
            self_assessments::support_needed,
            self_assessments::version,
            self_assessments::saved_at,
            self_assessments::submitted_at,
        ))
        .first::<(
            String,
            String,
            String,
            String,
            String,
            i32,
            Option<NaiveDateTime>,
            Option<NaiveDateTime>,
        )>(conn)?;
    Ok(Draft {
        answers: SelfAnswers {
            accomplishments,
            shortfalls,
            feedback_acted_on,
            next_focus,
            support_needed,
        },
        version,
        saved_at,
        submitted_at,
    })
}

/// Saves a self-assessment draft if `expected` is still its version and it is not submitted.
pub fn save_self(
    conn: &mut DbConn,
    id: ReviewId,
    expected: i32,
    a: &SelfAnswers,
    now: NaiveDateTime,
) -> QueryResult<Option<Saved>> {
    let changed = diesel::update(
        self_assessments::table
            .filter(self_assessments::review_id.eq(id))
            .filter(self_assessments::version.eq(expected))
            .filter(self_assessments::submitted_at.is_null()),
    )
    .set((
        self_assessments::accomplishments.eq(&a.accomplishments),
        self_assessments::shortfalls.eq(&a.shortfalls),
        self_assessments::feedback_acted_on.eq(&a.feedback_acted_on),
        self_assessments::next_focus.eq(&a.next_focus),
        self_assessments::support_needed.eq(&a.support_needed),
        self_assessments::version.eq(expected + 1),
        self_assessments::saved_at.eq(now),
    ))
    .execute(conn)?;
    Ok((changed == 1).then_some(Saved { version: expected + 1, at: now }))
}

pub fn submit_self(
    conn: &mut DbConn,
    id: ReviewId,
    expected: i32,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        self_assessments::table
            .filter(self_assessments::review_id.eq(id))
            .filter(self_assessments::version.eq(expected))
            .filter(self_assessments::submitted_at.is_null()),
    )
    .set((self_assessments::submitted_at.eq(now), self_assessments::version.eq(expected + 1)))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn manager_draft(conn: &mut DbConn, id: ReviewId) -> QueryResult<Draft<ManagerAnswers>> {
    #[allow(clippy::type_complexity)]
    let (
        goals,
        values_shown,
        strengths,
        development,
        rating,
        citations,
        raised_before,
        version,
        saved_at,
        submitted_at,
    ): (
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        i32,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    ) = manager_assessments::table
        .find(id)
        .select((
            manager_assessments::goals,
            manager_assessments::values_shown,
            manager_assessments::strengths,
            manager_assessments::development,
            manager_assessments::rating,
            manager_assessments::citations,
            manager_assessments::raised_before,
            manager_assessments::version,
            manager_assessments::saved_at,
            manager_assessments::submitted_at,
        ))
        .first(conn)?;
    Ok(Draft {
        answers: ManagerAnswers {
            goals,
            values_shown,
            strengths,
            development,
            rating: rating.as_deref().and_then(Rating::parse),
            citations: citations.split_whitespace().map(str::to_string).collect(),
            raised_before,
        },
        version,
        saved_at,
        submitted_at,
    })
}

pub fn save_manager(
    conn: &mut DbConn,
    id: ReviewId,
    expected: i32,
    author: PersonId,
    a: &ManagerAnswers,
    now: NaiveDateTime,
) -> QueryResult<Option<Saved>> {
    let changed = diesel::update(
        manager_assessments::table
            .filter(manager_assessments::review_id.eq(id))
            .filter(manager_assessments::version.eq(expected))
            .filter(manager_assessments::submitted_at.is_null()),
    )
    .set((
        manager_assessments::author_id.eq(author),
        manager_assessments::goals.eq(&a.goals),
        manager_assessments::values_shown.eq(&a.values_shown),
        manager_assessments::strengths.eq(&a.strengths),
        manager_assessments::development.eq(&a.development),
        manager_assessments::rating.eq(a.rating.map(Rating::as_str)),
        manager_assessments::citations.eq(a.citations.join(" ")),
        manager_assessments::raised_before.eq(&a.raised_before),
        manager_assessments::version.eq(expected + 1),
        manager_assessments::saved_at.eq(now),
    ))
    .execute(conn)?;
    Ok((changed == 1).then_some(Saved { version: expected + 1, at: now }))
}

pub fn submit_manager(
    conn: &mut DbConn,
    id: ReviewId,
    expected: i32,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        manager_assessments::table
            .filter(manager_assessments::review_id.eq(id))
            .filter(manager_assessments::version.eq(expected))
            .filter(manager_assessments::submitted_at.is_null()),
    )
    .set((manager_assessments::submitted_at.eq(now), manager_assessments::version.eq(expected + 1)))
    .execute(conn)?;
    Ok(changed == 1)
}

// ---------------------------------------------------------------------------------------
// Peer feedback

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = peer_feedback)]
pub struct PeerRow {
    pub id: PeerFeedbackId,
    pub review_id: ReviewId,
    pub peer_id: PersonId,
    pub status: String,
    pub keep_doing: String,
    pub do_differently: String,
    pub values_shown: String,
    pub decline_reason: String,
    pub version: i32,
    pub saved_at: Option<NaiveDateTime>,
    pub submitted_at: Option<NaiveDateTime>,
}

impl PeerRow {
    pub fn status(&self) -> PeerStatus {
        PeerStatus::parse(&self.status).unwrap_or(PeerStatus::Nominated)
    }

    pub fn answers(&self) -> PeerAnswers {
        PeerAnswers {
            keep_doing: self.keep_doing.clone(),
            do_differently: self.do_differently.clone(),
            values_shown: self.values_shown.clone(),
        }
    }

    pub fn draft(&self) -> Draft<PeerAnswers> {
        Draft {
            answers: self.answers(),
            version: self.version,
            saved_at: self.saved_at,
            submitted_at: self.submitted_at,
        }
    }
}

pub fn peer_row(conn: &mut DbConn, id: PeerFeedbackId) -> QueryResult<PeerRow> {
    peer_feedback::table.find(id).select(PeerRow::as_select()).first(conn)
}

pub fn peers_of_review(conn: &mut DbConn, review: ReviewId) -> QueryResult<Vec<PeerRow>> {
    peer_feedback::table
        .filter(peer_feedback::review_id.eq(review))
        .order(peer_feedback::id.asc())
        .select(PeerRow::as_select())
        .load(conn)
}

/// The employee's proposal replaces any earlier one (before the manager approved).
pub fn nominate(
    conn: &mut DbConn,
    review: ReviewId,
    peers: &[PersonId],
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(
        peer_feedback::table
            .filter(peer_feedback::review_id.eq(review))
            .filter(peer_feedback::status.eq(PeerStatus::Nominated.as_str())),
    )
    .execute(conn)?;
    for peer in peers {
        diesel::insert_into(peer_feedback::table)
            .values((
                peer_feedback::review_id.eq(review),
                peer_feedback::peer_id.eq(peer),
                peer_feedback::nominated_by.eq(by),
                peer_feedback::status.eq(PeerStatus::Nominated.as_str()),
                peer_feedback::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The manager settles the list (keeping, dropping or adding peers) and the peers are asked.
/// Returns false when the list was already approved.
pub fn approve_peers(
    conn: &mut DbConn,
    review: ReviewId,
    peers: &[PersonId],
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let approved = diesel::update(
        reviews::table.filter(reviews::id.eq(review)).filter(reviews::peers_approved_at.is_null()),
    )
    .set(reviews::peers_approved_at.eq(now))
    .execute(conn)?;
    if approved != 1 {
        return Ok(false);
    }
    diesel::delete(
        peer_feedback::table
            .filter(peer_feedback::review_id.eq(review))
            .filter(peer_feedback::status.eq(PeerStatus::Nominated.as_str()))
            .filter(peer_feedback::peer_id.ne_all(peers)),
    )
    .execute(conn)?;
    let existing: Vec<PersonId> = peer_feedback::table
        .filter(peer_feedback::review_id.eq(review))
        .select(peer_feedback::peer_id)
        .load(conn)?;
    for peer in peers.iter().filter(|p| !existing.contains(p)) {
        diesel::insert_into(peer_feedback::table)
            .values((
                peer_feedback::review_id.eq(review),
                peer_feedback::peer_id.eq(peer),
                peer_feedback::nominated_by.eq(by),
                peer_feedback::status.eq(PeerStatus::Requested.as_str()),
                peer_feedback::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    diesel::update(
        peer_feedback::table
            .filter(peer_feedback::review_id.eq(review))
            .filter(peer_feedback::status.eq(PeerStatus::Nominated.as_str())),
    )
    .set(peer_feedback::status.eq(PeerStatus::Requested.as_str()))
    .execute(conn)?;
    Ok(true)
}

pub fn save_peer(
    conn: &mut DbConn,
    id: PeerFeedbackId,
    expected: i32,
    a: &PeerAnswers,
    now: NaiveDateTime,
) -> QueryResult<Option<Saved>> {
    let changed = diesel::update(
        peer_feedback::table
            .filter(peer_feedback::id.eq(id))
            .filter(peer_feedback::version.eq(expected))
            .filter(peer_feedback::status.eq(PeerStatus::Requested.as_str())),
    )
    .set((
        peer_feedback::keep_doing.eq(&a.keep_doing),
        peer_feedback::do_differently.eq(&a.do_differently),
        peer_feedback::values_shown.eq(&a.values_shown),
        peer_feedback::version.eq(expected + 1),
        peer_feedback::saved_at.eq(now),
    ))
    .execute(conn)?;
    Ok((changed == 1).then_some(Saved { version: expected + 1, at: now }))
}

/// Submits (`decline` None) or declines with a reason, if the request is still open.
pub fn close_peer(
    conn: &mut DbConn,
    id: PeerFeedbackId,
    expected: i32,
    decline: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = peer_feedback::table
        .filter(peer_feedback::id.eq(id))
        .filter(peer_feedback::version.eq(expected))
        .filter(peer_feedback::status.eq(PeerStatus::Requested.as_str()));
    let changed = match decline {
        None => diesel::update(target)
            .set((
                peer_feedback::status.eq(PeerStatus::Submitted.as_str()),
                peer_feedback::submitted_at.eq(now),
                peer_feedback::version.eq(expected + 1),
            ))
            .execute(conn)?,
        Some(reason) => diesel::update(target)
            .set((
                peer_feedback::status.eq(PeerStatus::Declined.as_str()),
                peer_feedback::decline_reason.eq(reason),
                peer_feedback::submitted_at.eq(now),
                peer_feedback::version.eq(expected + 1),
            ))
            .execute(conn)?,
    };
    Ok(changed == 1)
}

/// How many peers answered about the person in this review (the anonymity threshold).
pub fn peer_responses(rows: &[PeerRow]) -> usize {
    rows.iter().filter(|r| r.status() == PeerStatus::Submitted).count()
}

// ---------------------------------------------------------------------------------------
// Finalising and delivery

pub fn finalise(
    conn: &mut DbConn,
    id: ReviewId,
    rating: Rating,
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        reviews::table.filter(reviews::id.eq(id)).filter(reviews::delivered_at.is_null()),
    )
    .set((
        reviews::final_rating.eq(rating.as_str()),
        reviews::finalised_at.eq(now),
        reviews::finalised_by.eq(by),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn deliver(
    conn: &mut DbConn,
    id: ReviewId,
    by: PersonId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        reviews::table
            .filter(reviews::id.eq(id))
            .filter(reviews::delivered_at.is_null())
            .filter(reviews::finalised_at.is_not_null()),
    )
    .set((reviews::delivered_at.eq(now), reviews::delivered_by.eq(by)))
    .execute(conn)?;
    Ok(changed == 1)
}

/// The subject acknowledges a delivered review, with an optional comment or disagreement
/// that stays attached. A later comment replaces the earlier one; the acknowledgement stays.
pub fn acknowledge(
    conn: &mut DbConn,
    id: ReviewId,
    comment: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let row = review_row(conn, id)?;
    if row.delivered_at.is_none() {
        return Ok(false);
    }
    let acknowledged = row.acknowledged_at.unwrap_or(now);
    diesel::update(reviews::table.find(id))
        .set((
            reviews::acknowledged_at.eq(acknowledged),
            reviews::employee_comment.eq(comment),
            reviews::commented_at.eq((!comment.is_empty()).then_some(now)),
        ))
        .execute(conn)?;
    Ok(true)
}

// ---------------------------------------------------------------------------------------
// Lists

type SummaryParts = (
    ReviewRow,
    CycleRow,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

fn summaries_where(
    conn: &mut DbConn,
    person_ids: &[PersonId],
    open_only: bool,
) -> QueryResult<Vec<ReviewSummary>> {
    Ok(summaries_with_rows(conn, person_ids, open_only)?
        .into_iter()
        .map(|(_, summary)| summary)
        .collect())
}

/// The summaries, each with the review's row (for callers that need fields a summary leaves out).
fn summaries_with_rows(
    conn: &mut DbConn,
    person_ids: &[PersonId],
    open_only: bool,
) -> QueryResult<Vec<(ReviewRow, ReviewSummary)>> {
    let mut query = reviews::table
        .inner_join(review_cycles::table)
        .inner_join(self_assessments::table)
        .inner_join(manager_assessments::table)
        .filter(reviews::person_id.eq_any(person_ids))
        .into_boxed();
    if open_only {
        query = query.filter(review_cycles::status.ne(CycleStatus::Closed.as_str()));
    }
    let rows: Vec<SummaryParts> = query
        .order((review_cycles::period_end.desc(), reviews::id.asc()))
        .select((
            ReviewRow::as_select(),
            CycleRow::as_select(),
            self_assessments::saved_at,
            self_assessments::submitted_at,
            manager_assessments::saved_at,
            manager_assessments::submitted_at,
        ))
        .load(conn)?;
    let people = org::summaries(conn, &rows.iter().map(|r| r.0.person_id).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(|(r, c, s_saved, s_sub, m_saved, m_sub)| {
            let summary = ReviewSummary {
                id: r.id,
                cycle_id: c.id,
                cycle_name: c.name.clone(),
                cycle_status: c.status(),
                person: people
                    .iter()
                    .find(|p| p.id == r.person_id)
                    .cloned()
                    .unwrap_or_else(PersonSummary::former_colleague),
                self_progress: Progress::of(s_saved, s_sub, c.self_due),
                manager_progress: Progress::of(m_saved, m_sub, c.manager_due),
                delivered_at: r.delivered_at,
                acknowledged_at: r.acknowledged_at,
                deadlines: c.deadlines(),
            };
            (r, summary)
        })
        .collect())
}

/// A person's own reviews, every cycle.
pub fn reviews_of(conn: &mut DbConn, person: PersonId) -> QueryResult<Vec<ReviewSummary>> {
    summaries_where(conn, &[person], false)
}

/// How many peers have been proposed for each of these reviews (reviews with none are absent).
fn peers_proposed(
    conn: &mut DbConn,
    ids: &[ReviewId],
) -> QueryResult<std::collections::HashMap<ReviewId, i64>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(peer_feedback::table
        .filter(peer_feedback::review_id.eq_any(ids))
        .group_by(peer_feedback::review_id)
        .select((peer_feedback::review_id, diesel::dsl::count_star()))
        .load::<(ReviewId, i64)>(conn)?
        .into_iter()
        .collect())
}

/// Reviews of these people in cycles not yet closed.
pub fn open_reviews_of(
    conn: &mut DbConn,
    people_ids: &[PersonId],
) -> QueryResult<Vec<ReviewSummary>> {
    summaries_where(conn, people_ids, true)
}

/// The peer-feedback requests a person was sent, in cycles not yet closed.
pub fn peer_requests_for(
    conn: &mut DbConn,
    peer: PersonId,
) -> QueryResult<Vec<PeerRequestSummary>> {
    let rows: Vec<(PeerFeedbackId, String, PersonId, String, NaiveDate)> = peer_feedback::table
        .inner_join(reviews::table.inner_join(review_cycles::table))
        .filter(peer_feedback::peer_id.eq(peer))
        .filter(peer_feedback::status.ne(PeerStatus::Nominated.as_str()))
        .filter(review_cycles::status.ne(CycleStatus::Closed.as_str()))
        .order((review_cycles::peer_due.asc(), peer_feedback::id.asc()))
        .select((
            peer_feedback::id,
            peer_feedback::status,
            reviews::person_id,
            review_cycles::name,
            review_cycles::peer_due,
        ))
        .load(conn)?;
    let people = org::summaries(conn, &rows.iter().map(|r| r.2).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(|(id, status, about, cycle_name, due)| PeerRequestSummary {
            id,
            about: people
                .iter()
                .find(|p| p.id == about)
                .cloned()
                .unwrap_or_else(PersonSummary::former_colleague),
            cycle_name,
            status: PeerStatus::parse(&status).unwrap_or(PeerStatus::Requested),
            due,
        })
        .collect())
}

/// People the subject might ask: teammates first (same manager), then the manager's peers'
/// reports are left to search; active only, never the person or their manager.
pub fn peer_suggestions(
    conn: &mut DbConn,
    person: PersonId,
    manager: Option<PersonId>,
) -> QueryResult<Vec<PersonSummary>> {
    let Some(manager) = manager else { return Ok(Vec::new()) };
    let mut team = org::direct_reports(conn, manager)?;
    team.retain(|p| p.id != person && p.status == crate::org::types::EmploymentStatus::Active);
    Ok(team)
}

// ---------------------------------------------------------------------------------------
// Completion

/// One line per review for the completion page.
pub struct CompletionFacts {
    pub person: PersonSummary,
    pub manager_id: Option<PersonId>,
    pub self_progress: Progress,
    pub manager_progress: Progress,
    pub peers_asked: i64,
    pub peers_done: i64,
    pub finalised_at: Option<NaiveDateTime>,
    pub delivered_at: Option<NaiveDateTime>,
}

pub fn completion_facts(
    conn: &mut DbConn,
    cycle: &CycleRow,
    within: Option<&[PersonId]>,
) -> QueryResult<Vec<CompletionFacts>> {
    type Row = (
        ReviewRow,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    );
    let query = || {
        reviews::table
            .inner_join(self_assessments::table)
            .inner_join(manager_assessments::table)
            .filter(reviews::cycle_id.eq(cycle.id))
            .select((
                ReviewRow::as_select(),
                self_assessments::saved_at,
                self_assessments::submitted_at,
                manager_assessments::saved_at,
                manager_assessments::submitted_at,
            ))
            .into_boxed()
    };
    let rows: Vec<Row> = match within {
        None => query().load(conn)?,
        // An executive's organisation can be tens of thousands of people: more than one
        // statement may bind (SQLite allows 32,766 parameters).
        Some(ids) => {
            let mut rows = Vec::new();
            for chunk in ids.chunks(10_000) {
                rows.extend(query().filter(reviews::person_id.eq_any(chunk)).load::<Row>(conn)?);
            }
            rows
        }
    };
    let review_ids: Vec<ReviewId> = rows.iter().map(|r| r.0.id).collect();
    let mut peers: HashMap<ReviewId, (i64, i64)> = HashMap::new();
    for chunk in review_ids.chunks(10_000) {
        let statuses: Vec<(ReviewId, String)> = peer_feedback::table
            .filter(peer_feedback::review_id.eq_any(chunk))
            .filter(peer_feedback::status.ne(PeerStatus::Nominated.as_str()))
            .select((peer_feedback::review_id, peer_feedback::status))
            .load(conn)?;
        for (review, status) in statuses {
            let entry = peers.entry(review).or_default();
            entry.0 += 1;
            if status != PeerStatus::Requested.as_str() {
                entry.1 += 1;
            }
        }
    }
    let people_ids: Vec<PersonId> = rows.iter().map(|r| r.0.person_id).collect();
    let mut people: HashMap<PersonId, PersonSummary> = HashMap::new();
    for chunk in people_ids.chunks(10_000) {
        people.extend(org::summaries(conn, chunk)?.into_iter().map(|p| (p.id, p)));
    }
    Ok(rows
        .into_iter()
        .map(|(r, s_saved, s_sub, m_saved, m_sub)| {
            let (asked, done) = peers.get(&r.id).copied().unwrap_or_default();
            CompletionFacts {
                person: people.remove(&r.person_id).unwrap_or_else(PersonSummary::former_colleague),
                manager_id: r.manager_id,
                self_progress: Progress::of(s_saved, s_sub, cycle.self_due),
                manager_progress: Progress::of(m_saved, m_sub, cycle.manager_due),
                peers_asked: asked,
                peers_done: done,
                finalised_at: r.finalised_at,
                delivered_at: r.delivered_at,
            }
        })
        .collect())
}

/// Reviews with a submitted manager assessment and no delivery yet: (review, person,
/// preliminary rating, final rating).
pub fn awaiting_delivery(
    conn: &mut DbConn,
    cycle: CycleId,
) -> QueryResult<Vec<(ReviewId, PersonId, Option<Rating>, Option<Rating>)>> {
    let rows: Vec<(ReviewId, PersonId, Option<String>, Option<String>)> = reviews::table
        .inner_join(manager_assessments::table)
        .filter(reviews::cycle_id.eq(cycle))
        .filter(reviews::delivered_at.is_null())
        .filter(manager_assessments::submitted_at.is_not_null())
        .order(reviews::id.asc())
        .select((
            reviews::id,
            reviews::person_id,
            manager_assessments::rating,
            reviews::final_rating,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, person, prelim, fin)| {
            (
                id,
                person,
                prelim.as_deref().and_then(Rating::parse),
                fin.as_deref().and_then(Rating::parse),
            )
        })
        .collect())
}

// ---------------------------------------------------------------------------------------
// To-dos for "My work"

/// Review work waiting for `me`, with deadlines: (text, link, due).
pub fn todos(
    conn: &mut DbConn,
    me: PersonId,
    reports: &[PersonId],
) -> QueryResult<Vec<(String, String, Option<NaiveDate>)>> {
    let mine = reviews_of(conn, me)?;
    let theirs = summaries_with_rows(conn, reports, true)?;
    // One batched count rather than two queries per report: a manager's My work costs
    // the same number of queries with three reports as with thirty.
    let ids: Vec<ReviewId> =
        mine.iter().map(|r| r.id).chain(theirs.iter().map(|(row, _)| row.id)).collect();
    let proposed = peers_proposed(conn, &ids)?;
    let proposed_for = |id: ReviewId| proposed.get(&id).copied().unwrap_or(0);
    let mut todos = Vec::new();
    for r in mine {
        let id = r.id;
        if r.cycle_status == CycleStatus::Open && !r.self_progress.is_done() {
            todos.push((
                format!("Write your self-assessment ({})", r.cycle_name),
                format!("/reviews/{id}/self"),
                Some(r.deadlines.self_due),
            ));
            if proposed_for(id) == 0 {
                todos.push((
                    format!("Propose two or three peers for feedback ({})", r.cycle_name),
                    format!("/reviews/{id}#peers"),
                    Some(r.deadlines.self_due),
                ));
            }
        }
        if r.delivered_at.is_some() && r.acknowledged_at.is_none() {
            todos.push((
                format!("Read and acknowledge your {} review", r.cycle_name),
                format!("/reviews/{id}"),
                None,
            ));
        }
    }
    for p in peer_requests_for(conn, me)?.into_iter().filter(|p| p.status == PeerStatus::Requested)
    {
        todos.push((
            format!("Peer feedback for {}", p.about.name),
            format!("/reviews/feedback/{}", p.id),
            Some(p.due),
        ));
    }
    for (row, r) in theirs {
        let (id, name) = (r.id, &r.person.name);
        if r.cycle_status == CycleStatus::Open {
            if row.peers_approved_at.is_none() && proposed_for(id) > 0 {
                todos.push((
                    format!("Approve {name}'s peers"),
                    format!("/reviews/{id}#peers"),
                    Some(r.deadlines.self_due),
                ));
            }
            if !r.manager_progress.is_done() {
                todos.push((
                    format!("Write {name}'s assessment"),
                    format!("/reviews/{id}/assessment"),
                    Some(r.deadlines.manager_due),
                ));
            }
        }
        if row.finalised_at.is_some() && row.delivered_at.is_none() {
            todos.push((
                format!("Deliver {name}'s review"),
                format!("/reviews/{id}"),
                Some(r.deadlines.delivery_due),
            ));
        }
    }
    Ok(todos)
}
