//! Peer feedback.

use super::*;

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

/// The employee's proposal replaces any earlier one (before the manager approved). Nominations
/// are not counted in the completion tallies, so these writes leave them as they are.
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
    keeping_tallies(conn, review, |conn| request_peers(conn, review, peers, by, now))
}

fn request_peers(
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
    let review = peer_row(conn, id)?.review_id;
    keeping_tallies(conn, review, |conn| answer_peer(conn, id, expected, decline, now))
}

fn answer_peer(
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
