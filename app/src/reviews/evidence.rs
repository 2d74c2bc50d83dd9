//! The evidence panel: everything on record about a person during a cycle, on one timeline.
//! Each area contributes through one [`Source`] function; 1:1 notes, feedback and OKR
//! check-ins plug in here as those areas arrive, and the recency warning and "no surprises"
//! check pick them up without change.

use super::queries::{self, CycleRow};
use super::types::*;
use crate::db::schema::{
    manager_assessments, peer_feedback, people, promotion_endorsements, promotion_packets,
    review_cycles, reviews, self_evaluation_comments, self_evaluations,
};
use crate::db::DbConn;
use crate::kernel::{PersonId, ReviewId, Viewer};
use crate::policy::{self, Record, Subject};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// Whose evidence, over which period, for which review, read by whom.
pub struct Window<'a> {
    /// Each source shows only what the policy lets its reader read of the record it comes
    /// from, the same rule as that record's own page.
    pub reader: &'a Viewer,
    pub subject: &'a Subject,
    pub review: ReviewId,
    pub cycle: &'a CycleRow,
}

impl Window<'_> {
    fn may_read(&self, record: Record) -> bool {
        policy::read(self.reader, &record).is_some()
    }

    fn covers(&self, at: NaiveDateTime) -> bool {
        let d = at.date();
        d >= self.cycle.period_start && d <= self.cycle.period_end.max(self.cycle.manager_due)
    }
}

type Source = fn(&mut DbConn, &Window) -> QueryResult<Vec<EvidenceItem>>;

/// Every area that contributes evidence, in no particular order (the panel sorts by date).
const SOURCES: &[Source] =
    &[self_assessment, peer_feedback_answers, manager_comments, endorsements];

/// How much of a record the panel quotes.
const EXCERPT: usize = 280;

fn excerpt_of(text: &str) -> String {
    crate::ui::format::excerpt(text, EXCERPT)
}

/// The whole timeline, newest first.
pub fn collect(conn: &mut DbConn, window: &Window) -> QueryResult<Vec<EvidenceItem>> {
    let mut items = Vec::new();
    for source in SOURCES {
        items.extend(source(conn, window)?);
    }
    items.sort_by(|a, b| b.on.cmp(&a.on).then_with(|| a.key.cmp(&b.key)));
    Ok(items)
}

fn self_assessment(conn: &mut DbConn, w: &Window) -> QueryResult<Vec<EvidenceItem>> {
    if !w.may_read(Record::SelfAssessment { author: w.subject, submitted: true }) {
        return Ok(Vec::new());
    }
    let draft = queries::self_draft(conn, w.review)?;
    Ok(draft
        .submitted_at
        .map(|at| EvidenceItem {
            key: format!("self:{}", w.review),
            on: at.date(),
            source: "Self-assessment".into(),
            title: "Their key accomplishments, in their words".into(),
            excerpt: excerpt_of(&draft.answers.accomplishments),
            href: Some(format!("/reviews/{}", w.review)),
            summary: true,
        })
        .into_iter()
        .collect())
}

fn peer_feedback_answers(conn: &mut DbConn, w: &Window) -> QueryResult<Vec<EvidenceItem>> {
    let rows = queries::peers_of_review(conn, w.review)?;
    let mut items = Vec::new();
    let readable = |author| {
        w.may_read(Record::PeerFeedback {
            author,
            about: w.subject,
            submitted: true,
            delivered: false,
            anonymous_cycle: w.cycle.anonymous_peers,
            responses: 0,
        })
    };
    for r in rows.into_iter().filter(|r| r.status() == PeerStatus::Submitted && readable(r.peer_id))
    {
        let name: String = people::table.find(r.peer_id).select(people::name).first(conn)?;
        items.push(EvidenceItem {
            key: format!("peer:{}", r.id),
            on: r.submitted_at.map(|t| t.date()).unwrap_or(w.cycle.peer_due),
            source: "Peer feedback".into(),
            title: format!("From {name}"),
            excerpt: excerpt_of(&format!("{} {}", r.keep_doing, r.do_differently)),
            href: Some(format!("/reviews/{}#peers", w.review)),
            summary: true,
        });
    }
    Ok(items)
}

/// Comments on the person's self-evaluations against the ladder (only shared ones have any):
/// for those who may read the self-evaluation, which is not HR.
fn manager_comments(conn: &mut DbConn, w: &Window) -> QueryResult<Vec<EvidenceItem>> {
    if !w.may_read(Record::SelfEvaluation { author: w.subject, shared: true }) {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, i64, String, NaiveDateTime, String)> = self_evaluation_comments::table
        .inner_join(self_evaluations::table)
        .inner_join(people::table.on(people::id.eq(self_evaluation_comments::author_id)))
        .filter(self_evaluations::person_id.eq(w.subject.id))
        .filter(self_evaluation_comments::author_id.ne(w.subject.id))
        .select((
            self_evaluation_comments::id,
            self_evaluations::id,
            self_evaluation_comments::body,
            self_evaluation_comments::created_at,
            people::name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|r| w.covers(r.3))
        .map(|(id, evaluation, body, at, author)| EvidenceItem {
            key: format!("comment:{id}"),
            on: at.date(),
            source: "Ladder self-evaluation".into(),
            title: format!("Comment by {author}"),
            excerpt: excerpt_of(&body),
            href: Some(format!("/promotions/self-evaluations/{evaluation}")),
            summary: false,
        })
        .collect())
}

/// Endorsements colleagues wrote for the person's promotion packets.
fn endorsements(conn: &mut DbConn, w: &Window) -> QueryResult<Vec<EvidenceItem>> {
    let packet =
        Record::PromotionPacket { about: w.subject, calibration_participants: &[], decided: false };
    if policy::read(w.reader, &packet) != Some(policy::Visibility::Full) {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, i64, String, Option<NaiveDateTime>, String)> =
        promotion_endorsements::table
            .inner_join(promotion_packets::table)
            .inner_join(people::table.on(people::id.eq(promotion_endorsements::endorser_id)))
            .filter(promotion_packets::person_id.eq(w.subject.id))
            .filter(promotion_endorsements::status.eq("endorsed"))
            .select((
                promotion_endorsements::id,
                promotion_packets::id,
                promotion_endorsements::body,
                promotion_endorsements::answered_at,
                people::name,
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, packet, body, at, endorser)| {
            let at = at.filter(|t| w.covers(*t))?;
            Some(EvidenceItem {
                key: format!("endorsement:{id}"),
                on: at.date(),
                source: "Promotion endorsement".into(),
                title: format!("Endorsement by {endorser}"),
                excerpt: excerpt_of(&body),
                href: Some(format!("/promotions/packets/{packet}")),
                summary: false,
            })
        })
        .collect())
}

/// What was said to the person before `before`, as records the manager can trace a concern
/// to: the development areas of their delivered reviews and the peers' suggestions in them,
/// and comments on their ladder self-evaluations (1:1 notes join here). Each follows its own
/// record's rule for the reader, as in the panel, so nothing is offered (or quoted back in a
/// flag) that its page would refuse.
pub fn earlier_records(
    conn: &mut DbConn,
    w: &Window,
    before: NaiveDate,
) -> QueryResult<Vec<EarlierRecord>> {
    let person = w.subject.id;
    let assessment = Record::ManagerAssessment {
        about: w.subject,
        calibration_participants: &[],
        calibration_started: true,
        delivered: true,
    };
    let mut records: Vec<EarlierRecord> = Vec::new();
    if w.may_read(assessment) {
        let delivered: Vec<(i64, NaiveDateTime, String, String, bool)> = reviews::table
            .inner_join(manager_assessments::table)
            .inner_join(review_cycles::table)
            .filter(reviews::person_id.eq(person))
            .filter(reviews::delivered_at.is_not_null())
            .select((
                reviews::id,
                reviews::delivered_at.assume_not_null(),
                review_cycles::name,
                manager_assessments::development,
                review_cycles::anonymous_peers,
            ))
            .load(conn)?;
        for (review, at, cycle, development, anonymous_cycle) in
            delivered.into_iter().filter(|r| r.1.date() < before)
        {
            records.push(EarlierRecord {
                key: format!("review:{review}"),
                on: at.date(),
                source: format!("Development areas, {cycle} review"),
                text: development,
            });
            let suggestions: Vec<(i64, i64, String)> = peer_feedback::table
                .filter(peer_feedback::review_id.eq(review))
                .filter(peer_feedback::status.eq(PeerStatus::Submitted.as_str()))
                .select((peer_feedback::id, peer_feedback::peer_id, peer_feedback::do_differently))
                .load(conn)?;
            let readable = |author| {
                w.may_read(Record::PeerFeedback {
                    author,
                    about: w.subject,
                    submitted: true,
                    delivered: true,
                    anonymous_cycle,
                    responses: 0,
                })
            };
            records.extend(suggestions.into_iter().filter(|s| readable(PersonId(s.1))).map(
                |(id, _, text)| EarlierRecord {
                    key: format!("suggestion:{id}"),
                    on: at.date(),
                    source: format!("A peer's suggestion, {cycle} review"),
                    text,
                },
            ));
        }
    }
    if w.may_read(Record::SelfEvaluation { author: w.subject, shared: true }) {
        let comments: Vec<(i64, NaiveDateTime, String, String)> = self_evaluation_comments::table
            .inner_join(self_evaluations::table)
            .inner_join(people::table.on(people::id.eq(self_evaluation_comments::author_id)))
            .filter(self_evaluations::person_id.eq(person))
            .filter(self_evaluation_comments::author_id.ne(person))
            .select((
                self_evaluation_comments::id,
                self_evaluation_comments::created_at,
                self_evaluation_comments::body,
                people::name,
            ))
            .load(conn)?;
        records.extend(comments.into_iter().filter(|c| c.1.date() < before).map(
            |(id, at, text, author)| EarlierRecord {
                key: format!("comment:{id}"),
                on: at.date(),
                source: format!("Comment by {author} on a ladder self-evaluation"),
                text,
            },
        ));
    }
    records.retain(|r| !r.text.trim().is_empty());
    records.sort_by(|a, b| b.on.cmp(&a.on).then_with(|| a.key.cmp(&b.key)));
    Ok(records)
}
