//! Reviews.

use super::*;

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
    let changed = keeping_tallies(conn, id, |conn| {
        diesel::update(
            self_assessments::table
                .filter(self_assessments::review_id.eq(id))
                .filter(self_assessments::version.eq(expected))
                .filter(self_assessments::submitted_at.is_null()),
        )
        .set((self_assessments::submitted_at.eq(now), self_assessments::version.eq(expected + 1)))
        .execute(conn)
    })?;
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
        traces,
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
            manager_assessments::traces,
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
            // Written by `save_manager` alone; the column's default ("{}") reads as no traces.
            traces: serde_json::from_str(&traces).unwrap_or_default(),
            raised_before,
        },
        version,
        saved_at,
        submitted_at,
    })
}

/// The traces as stored: JSON of plain strings and dates, which cannot fail to serialise.
fn stored_traces(traces: &Traces) -> String {
    serde_json::to_string(traces).expect("traces are plain data")
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
        manager_assessments::traces.eq(stored_traces(&a.traces)),
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
    let changed = keeping_tallies(conn, id, |conn| {
        diesel::update(
            manager_assessments::table
                .filter(manager_assessments::review_id.eq(id))
                .filter(manager_assessments::version.eq(expected))
                .filter(manager_assessments::submitted_at.is_null()),
        )
        .set((
            manager_assessments::submitted_at.eq(now),
            manager_assessments::version.eq(expected + 1),
        ))
        .execute(conn)
    })?;
    Ok(changed == 1)
}
