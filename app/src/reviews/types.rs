//! Shared types of review cycles: cycles and their deadlines, the three assessments and what
//! each page shows (the rating scale is the kernel's `Rating`).

use crate::kernel::{
    stored_as_text, CycleId, DepartmentId, PeerFeedbackId, PersonId, Rating, ReviewId,
};
use crate::org::types::PersonSummary;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Where a cycle is. Self-assessments, peer feedback and manager assessments are all written
/// while it is open (each against its own deadline); calibration locks manager assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CycleStatus {
    Draft,
    Open,
    Calibration,
    Delivery,
    Closed,
}

stored_as_text!(CycleStatus { Draft => "draft", Open => "open", Calibration => "calibration", Delivery => "delivery", Closed => "closed" });

impl CycleStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Not launched",
            Self::Open => "Assessments open",
            Self::Calibration => "In calibration",
            Self::Delivery => "Delivering reviews",
            Self::Closed => "Closed",
        }
    }

    /// The next status HR can move the cycle to, with the button's words.
    pub fn next(self) -> Option<(Self, &'static str)> {
        match self {
            Self::Draft => Some((Self::Open, "Launch the cycle")),
            Self::Open => Some((Self::Calibration, "Start calibration")),
            Self::Calibration => Some((Self::Delivery, "Finish calibration and start delivery")),
            Self::Delivery => Some((Self::Closed, "Close the cycle")),
            Self::Closed => None,
        }
    }

    /// What moving a cycle on from this status does, said before HR confirms it: none of
    /// these steps can be undone.
    pub fn consequence_of_next(self) -> Option<&'static str> {
        match self {
            Self::Draft => Some("Launching opens a review for everyone the cycle covers and asks each of them for their self-assessment, by email too. It cannot be undone."),
            Self::Open => Some("Starting calibration closes the self-assessment, peer feedback and manager assessment forms for everyone in the cycle, and boards take their ratings. It cannot be undone."),
            Self::Calibration => Some("Finishing calibration lets managers deliver final ratings to their people. It cannot be undone."),
            Self::Delivery => Some("Closing the cycle ends it: nothing in it can change afterwards."),
            Self::Closed => None,
        }
    }
}

/// Who takes part in a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Everyone,
    Department(DepartmentId),
    /// A manager's whole organisation (their reports, and theirs, and so on).
    Team(PersonId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub self_due: NaiveDate,
    pub peer_due: NaiveDate,
    pub manager_due: NaiveDate,
    pub calibration_due: NaiveDate,
    pub delivery_due: NaiveDate,
}

impl Deadlines {
    /// Each phase with its deadline, in order.
    pub fn phases(&self) -> [(&'static str, NaiveDate); 5] {
        [
            ("Self-assessments", self.self_due),
            ("Peer feedback", self.peer_due),
            ("Manager assessments", self.manager_due),
            ("Calibration", self.calibration_due),
            ("Delivery", self.delivery_due),
        ]
    }
}

/// What HR fills in to create a cycle (parsed from the form by `rules::parse_cycle`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleSettings {
    pub name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub scope: Scope,
    pub hired_before: NaiveDate,
    pub deadlines: Deadlines,
    pub anonymous_peers: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    pub id: CycleId,
    pub settings: CycleSettings,
    pub scope_label: String,
    pub status: CycleStatus,
    pub launched_at: Option<NaiveDateTime>,
    pub participants: i64,
    pub version: i32,
    /// HR's reason for launching it while some of its people were in another running cycle
    /// for an overlapping period (see [`Overlap`]).
    pub launch_note: Option<String>,
}

/// Another running cycle (launched, not closed) whose period overlaps a cycle's, and how
/// many of that cycle's people it already reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap {
    pub name: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub people: i64,
}

/// The five questions of the self-assessment: (form field, question, hint).
pub const SELF_QUESTIONS: [(&str, &str, &str); 5] = [
    (
        "accomplishments",
        "What were your key accomplishments this cycle?",
        "Name the work and its effect, with examples from across the whole period.",
    ),
    (
        "shortfalls",
        "Where did you fall short of your goals, and what did you learn?",
        "Honest is more useful than polished.",
    ),
    (
        "feedback_acted_on",
        "What feedback have you received, and how have you acted on it?",
        "From your manager, peers, 1:1s or customers.",
    ),
    ("next_focus", "What do you want to focus on in the next cycle?", "Skills, scope or goals."),
    (
        "support_needed",
        "What support do you need from your manager or the company?",
        "Training, time, mentoring, tools, clarity.",
    ),
];

/// The three questions of peer feedback: (form field, question).
pub const PEER_QUESTIONS: [(&str, &str); 3] = [
    ("keep_doing", "What does this person do well that they should keep doing?"),
    ("do_differently", "What could this person do differently to be more effective?"),
    ("values_shown", "How does this person demonstrate our values in their work?"),
];

/// The manager assessment's sections: (form field, heading, hint).
pub const MANAGER_SECTIONS: [(&str, &str, &str); 4] = [
    (
        "goals",
        "Performance against goals",
        "Summarise results against this cycle's goals, with specific examples.",
    ),
    ("values_shown", "Company values", "How they demonstrated our values, with specific examples."),
    ("strengths", "Strengths to leverage", "What they should do more of, and where it helps most."),
    (
        "development",
        "Areas for development",
        "One point per line, each with an actionable suggestion: what to try, and what support you will give. Each is traced to where you raised it before.",
    ),
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAnswers {
    pub accomplishments: String,
    pub shortfalls: String,
    pub feedback_acted_on: String,
    pub next_focus: String,
    pub support_needed: String,
}

impl SelfAnswers {
    /// The answers in the order of [`SELF_QUESTIONS`].
    pub fn in_order(&self) -> [&str; 5] {
        [
            &self.accomplishments,
            &self.shortfalls,
            &self.feedback_acted_on,
            &self.next_focus,
            &self.support_needed,
        ]
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerAnswers {
    pub keep_doing: String,
    pub do_differently: String,
    pub values_shown: String,
}

impl PeerAnswers {
    pub fn in_order(&self) -> [&str; 3] {
        [&self.keep_doing, &self.do_differently, &self.values_shown]
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagerAnswers {
    pub goals: String,
    pub values_shown: String,
    pub strengths: String,
    pub development: String,
    pub rating: Option<Rating>,
    /// Keys of the evidence items cited from the evidence panel.
    pub citations: Vec<String>,
    /// Where each concern was raised with the person before, as the manager traced it.
    pub traces: Traces,
    /// What was only said in conversation: when and how (the "no surprises" escape, for what
    /// no earlier record holds).
    pub raised_before: String,
}

/// Something said to the person before this review, on a dated record the manager can cite:
/// a delivered review's development areas, a peer's suggestion in it, a comment on their
/// ladder self-evaluation (and 1:1 notes once they exist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierRecord {
    /// Stable key a trace refers to ("review:12", "suggestion:40", "comment:7").
    pub key: String,
    pub on: NaiveDate,
    /// What the record is, for a reader ("Development areas, H1 2026 review").
    pub source: String,
    pub text: String,
}

/// A record a concern was traced to, as it was when the manager chose it, so the review
/// shows where each point came from even if the record changes later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Traced {
    pub key: String,
    pub on: NaiveDate,
    pub source: String,
}

/// One development point (a line of the development section) and where it was raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointTrace {
    pub point: String,
    pub raised: Traced,
}

/// The "no surprises" traces of an assessment: where its below-Meets rating and each of its
/// development points were raised before.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Traces {
    pub rating: Option<Traced>,
    pub points: Vec<PointTrace>,
}

impl Traces {
    /// Where `point` was traced to, if it was.
    pub fn of_point(&self, point: &str) -> Option<&Traced> {
        self.points.iter().find(|t| t.point == point).map(|t| &t.raised)
    }

    pub fn is_empty(&self) -> bool {
        self.rating.is_none() && self.points.is_empty()
    }
}

impl ManagerAnswers {
    pub fn sections(&self) -> [&str; 4] {
        [&self.goals, &self.values_shown, &self.strengths, &self.development]
    }
}

/// A draft saved on the server: its version guards against a stale tab overwriting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft<T> {
    pub answers: T,
    pub version: i32,
    pub saved_at: Option<NaiveDateTime>,
    pub submitted_at: Option<NaiveDateTime>,
}

/// The answer to an autosave: the draft's new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i32,
    pub at: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeerStatus {
    /// Proposed by the employee, waiting for the manager.
    Nominated,
    /// Approved: the peer is asked to answer.
    Requested,
    Declined,
    Submitted,
}

stored_as_text!(PeerStatus { Nominated => "nominated", Requested => "requested", Declined => "declined", Submitted => "submitted" });

impl PeerStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Nominated => "Proposed",
            Self::Requested => "Asked",
            Self::Declined => "Declined",
            Self::Submitted => "Answered",
        }
    }
}

/// How far one piece of work is, against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    NotStarted,
    Draft,
    OnTime,
    Late,
}

impl Progress {
    pub fn of(
        saved: Option<NaiveDateTime>,
        submitted: Option<NaiveDateTime>,
        due: NaiveDate,
    ) -> Self {
        match submitted {
            Some(at) if at.date() <= due => Self::OnTime,
            Some(_) => Self::Late,
            None if saved.is_some() => Self::Draft,
            None => Self::NotStarted,
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, Self::OnTime | Self::Late)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::Draft => "Draft",
            Self::OnTime => "Submitted",
            Self::Late => "Submitted late",
        }
    }
}

/// One of a peer's answers about the subject, or (for the subject, in an anonymous cycle) an
/// answer without the author's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerLine {
    pub id: PeerFeedbackId,
    /// `None` when the viewer sees the feedback anonymised.
    pub peer: Option<PersonSummary>,
    pub status: PeerStatus,
    pub answers: Option<PeerAnswers>,
    pub decline_reason: Option<String>,
}

/// What the viewer may do on a review page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPermissions {
    pub write_self: bool,
    pub nominate_peers: bool,
    pub approve_peers: bool,
    pub write_assessment: bool,
    pub finalise: bool,
    pub deliver: bool,
    pub acknowledge: bool,
    /// HR may let delivery go ahead without the input it waits for.
    pub allow_delivery: bool,
    /// HR may let the manager submit the assessment before the peers are approved.
    pub allow_assessment: bool,
}

/// A review as the viewer may see it: sections they may not read are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: ReviewId,
    pub cycle: Cycle,
    pub person: PersonSummary,
    pub manager: Option<PersonSummary>,
    pub viewer_is_subject: bool,
    pub self_progress: Progress,
    pub self_assessment: Option<Draft<SelfAnswers>>,
    pub peers_approved: bool,
    /// Peer lines the viewer may see (anonymised for the subject when the cycle says so).
    pub peers: Vec<PeerLine>,
    /// Why the subject sees no peer feedback, when they see none.
    pub peers_note: Option<String>,
    pub manager_progress: Progress,
    pub manager_assessment: Option<Draft<ManagerAnswers>>,
    pub final_rating: Option<Rating>,
    pub finalised_at: Option<NaiveDateTime>,
    pub delivered_at: Option<NaiveDateTime>,
    pub acknowledged_at: Option<NaiveDateTime>,
    pub employee_comment: String,
    pub can: ReviewPermissions,
    /// People the subject or manager may propose as peers.
    pub peer_suggestions: Vec<PersonSummary>,
    pub today: NaiveDate,
    /// What delivery waits for (the person's self-assessment, any peer feedback), for the
    /// manager chain and HR until an exception or the inputs arrive.
    pub delivery_waits_for: Vec<String>,
    /// HR's exceptions on this review, as sentences, for the manager chain and HR.
    pub exceptions: Vec<String>,
    /// The manager assessment waits for the peers' approval (for the manager chain and HR,
    /// until an exception or the approval).
    pub assessment_waits_for_peers: bool,
}

/// A line in a list of reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: ReviewId,
    pub cycle_id: CycleId,
    pub cycle_name: String,
    pub cycle_status: CycleStatus,
    pub person: PersonSummary,
    pub self_progress: Progress,
    pub manager_progress: Progress,
    pub delivered_at: Option<NaiveDateTime>,
    pub acknowledged_at: Option<NaiveDateTime>,
    pub deadlines: Deadlines,
}

/// A peer-feedback request, as the peer sees it in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerRequestSummary {
    pub id: PeerFeedbackId,
    pub about: PersonSummary,
    pub cycle_name: String,
    pub status: PeerStatus,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewsHome {
    pub mine: Vec<ReviewSummary>,
    pub peer_requests: Vec<PeerRequestSummary>,
    /// Reviews of the viewer's direct reports.
    pub team: Vec<ReviewSummary>,
    /// Cycles the viewer may follow on the completion page (HR: all).
    pub cycles: Vec<Cycle>,
    pub can_create_cycle: bool,
    pub today: NaiveDate,
}

/// A peer's request page: the question, the draft and the subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerRequest {
    pub id: PeerFeedbackId,
    pub about: PersonSummary,
    pub cycle_name: String,
    pub anonymous: bool,
    pub status: PeerStatus,
    pub due: NaiveDate,
    pub draft: Draft<PeerAnswers>,
    pub decline_reason: String,
    pub can_write: bool,
    pub today: NaiveDate,
}

/// One item on the evidence panel's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// Stable key a manager's citation refers to ("peer:12").
    pub key: String,
    pub on: NaiveDate,
    pub source: String,
    pub title: String,
    pub excerpt: String,
    pub href: Option<String>,
    /// Written for this review (self-assessment, peer feedback): it sums up the whole period,
    /// so its date says nothing about recency.
    pub summary: bool,
}

/// Something flagged before the manager submits, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    pub title: String,
    pub detail: String,
}

/// A saved manager draft, with the checks on what it now says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentSaved {
    pub saved: Saved,
    pub recency_warning: Option<String>,
    pub surprises: Vec<Flag>,
}

/// The manager's assessment page: the draft beside the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentPage {
    pub review: ReviewView,
    pub draft: Draft<ManagerAnswers>,
    pub evidence: Vec<EvidenceItem>,
    /// What the rating and development points can be traced to.
    pub earlier: Vec<EarlierRecord>,
    pub recency_warning: Option<String>,
    pub surprises: Vec<Flag>,
}

/// How far a set of reviews has got: what the completion page shows for an organisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionCounts {
    pub reviews: i64,
    pub self_done: i64,
    /// Submitted after the self-assessment deadline.
    pub self_late: i64,
    pub peers_done: i64,
    pub peers_asked: i64,
    pub manager_done: i64,
    /// Submitted after the manager-assessment deadline.
    pub manager_late: i64,
    pub delivered: i64,
    pub delivered_on_time: i64,
}

impl CompletionCounts {
    /// Field by field: the counts of two sets of reviews combined by `f`.
    fn zip(self, o: Self, f: impl Fn(i64, i64) -> i64) -> Self {
        Self {
            reviews: f(self.reviews, o.reviews),
            self_done: f(self.self_done, o.self_done),
            self_late: f(self.self_late, o.self_late),
            peers_done: f(self.peers_done, o.peers_done),
            peers_asked: f(self.peers_asked, o.peers_asked),
            manager_done: f(self.manager_done, o.manager_done),
            manager_late: f(self.manager_late, o.manager_late),
            delivered: f(self.delivered, o.delivered),
            delivered_on_time: f(self.delivered_on_time, o.delivered_on_time),
        }
    }
}

impl std::ops::Add for CompletionCounts {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        self.zip(o, |a, b| a + b)
    }
}

impl std::ops::Sub for CompletionCounts {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        self.zip(o, |a, b| a - b)
    }
}

impl std::iter::Sum for CompletionCounts {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), |a, b| a + b)
    }
}

/// A row of the completion page: the organisation headed by one direct report of the
/// person at the top of the view (their own review included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionRow {
    pub head: PersonSummary,
    /// The head has people below them: the row links to their organisation's own page.
    pub has_reports: bool,
    pub counts: CompletionCounts,
}

/// A page of names, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstPage<T> {
    pub items: Vec<T>,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyclePage {
    pub cycle: Cycle,
    /// The person whose organisation the page divides; `None` for HR's whole cycle.
    pub root: Option<PersonSummary>,
    /// The way down from the top of the viewer's view to `root` (links back up).
    pub path: Vec<PersonSummary>,
    /// The view's totals: the whole cycle for HR at the top, else the organisation's.
    pub totals: CompletionCounts,
    /// One row per branch of the organisation, by team.
    pub rows: Vec<CompletionRow>,
    /// Reviews in the view but in no branch (HR at the top: people who have left, or who
    /// are outside the tree); all zero otherwise.
    pub elsewhere: CompletionCounts,
    /// Reviews delivered on time / reviews due, in percent (target 95).
    pub completion_percent: Option<u32>,
    /// People whose work is missing past its deadline, with what is missing; `None` when the
    /// view holds too many reviews to list by name (the totals say how many are missing).
    pub missing: Option<FirstPage<(PersonSummary, String)>>,
    /// Reviews waiting for HR's final rating (those on no calibration board).
    pub to_finalise: FirstPage<(ReviewId, PersonSummary, Option<Rating>)>,
    pub can_manage: bool,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub smtp_configured: bool,
    pub messages: Vec<crate::kernel::outbox::OutboxMessage>,
}

/// A review rule HR may make an exception to, with a reason kept on the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExceptionRule {
    /// Delivering a review without a submitted self-assessment or any peer feedback.
    DeliverWithoutInput,
    /// Submitting the manager assessment before the peers were approved (so asked).
    AssessBeforePeers,
}

stored_as_text!(ExceptionRule { DeliverWithoutInput => "deliver_without_input", AssessBeforePeers => "assess_before_peers" });

/// An exception HR granted on a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewException {
    pub rule: ExceptionRule,
    pub reason: String,
    /// Who granted it.
    pub by: String,
    pub at: NaiveDateTime,
}

impl ReviewException {
    /// The line the review page shows.
    pub fn describe(&self) -> String {
        let what = match self.rule {
            ExceptionRule::DeliverWithoutInput => {
                "let this review be delivered without all its input"
            }
            ExceptionRule::AssessBeforePeers => {
                "let the manager assessment be submitted before the peers were approved"
            }
        };
        format!("{} {what} on {}: {}", self.by, self.at.format("%-d %b %Y"), self.reason)
    }
}
