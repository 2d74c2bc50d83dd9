//! The one place that decides who may do what. Every server function asks [`check`] before
//! it reads or writes anything; the rules follow the access table in docs/product.md, and the
//! tests below walk that table row by row for the records that exist so far.

use crate::kernel::PersonId;
use crate::kernel::Viewer;

/// The person a decision is about, with their manager chain (nearest manager first), so
/// relationships are derived from the org tree as it is right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub id: PersonId,
    pub manager_chain: Vec<PersonId>,
}

impl Subject {
    pub fn is_self(&self, viewer: &Viewer) -> bool {
        self.id == viewer.person_id
    }

    /// The viewer is the subject's manager, skip-level or anyone further up.
    pub fn is_managed_by(&self, viewer: &Viewer) -> bool {
        self.manager_chain.contains(&viewer.person_id)
    }

    /// The viewer is within `levels` of the subject's manager chain (1: the manager,
    /// 2: the manager or the skip-level).
    pub fn is_managed_by_within(&self, viewer: &Viewer, levels: usize) -> bool {
        self.manager_chain.iter().take(levels).any(|m| *m == viewer.person_id)
    }
}

/// A record of one of Trellis's areas, with the facts about it that access depends on. The
/// areas that are not built yet are here already, so their rules are written (and tested
/// against docs/product.md) before any screen can show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record<'a> {
    /// A published career ladder and its version history.
    PublishedLadder,
    /// HR's unpublished draft of a ladder.
    LadderDraft,
    CompanyOkr,
    /// A team's OKR; `team_manager` manages the team.
    TeamOkr {
        team_manager: PersonId,
    },
    IndividualOkr {
        owner: &'a Subject,
        private: bool,
    },
    SelfAssessment {
        author: &'a Subject,
        submitted: bool,
    },
    /// `responses`: how many peers answered about this person in the cycle.
    PeerFeedback {
        author: PersonId,
        about: &'a Subject,
        submitted: bool,
        delivered: bool,
        anonymous_cycle: bool,
        responses: usize,
    },
    /// The manager's assessment and preliminary rating of `about`.
    ManagerAssessment {
        about: &'a Subject,
        calibration_participants: &'a [PersonId],
        calibration_started: bool,
        delivered: bool,
    },
    CalibrationSession {
        participants: &'a [PersonId],
        finalised: bool,
    },
    /// `person`'s row on a calibration board (their panel, rating and discussion): the
    /// session's rule, but never one's own row, whatever one's grants.
    CalibrationEntry {
        person: PersonId,
        participants: &'a [PersonId],
        finalised: bool,
    },
    /// The final rating and the delivered review; the subject sees it once `delivered`.
    FinalReview {
        about: &'a Subject,
        delivered: bool,
    },
    OneOnOneShared {
        between: [PersonId; 2],
    },
    OneOnOnePrivateNote {
        author: PersonId,
    },
    PromotionPacket {
        about: &'a Subject,
        calibration_participants: &'a [PersonId],
        decided: bool,
    },
    /// A person's own check against the next level; `shared` once they shared it.
    SelfEvaluation {
        author: &'a Subject,
        shared: bool,
    },
    Pip {
        about: &'a Subject,
    },
    FlightRisk {
        about: &'a Subject,
        flagged_by: PersonId,
    },
    /// A critical role's plan; `names` holds its incumbent and every candidate named for it,
    /// who neither read nor write it, whatever their grants (their own outcome is in it).
    SuccessionPlan {
        names: &'a [PersonId],
    },
    DemographicAttributes,
    AuditLog,
}

/// How much of a record the viewer may see (a subject sees a promotion packet's status only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Full,
    StatusOnly,
    /// Peer feedback shown to its subject without the author's name.
    Anonymised,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// Read a record of a product area.
    Read(Record<'a>),
    /// Create or change a record of a product area.
    Write(Record<'a>),
    /// The people directory, profiles and org chart of active and on-leave people.
    ReadDirectory,
    /// One's own lists: My work, and the reviews, promotions and calibration sessions one takes
    /// part in (each list is filtered by the viewer, never the whole company's).
    ReadOwnWork,
    /// Departed people in the directory and their profiles.
    ReadDepartedPeople,
    /// Why and when someone left.
    ReadDepartureDetails(&'a Subject),
    /// Move someone to another manager (HR keeps the org data).
    ChangeManager,
    /// Record that someone has left (ends their sessions).
    RecordDeparture,
    /// See and end anyone's sessions.
    ManageSessions,
    /// Read the audit log (nobody can change it).
    ReadAuditLog,
    /// Write or decline the endorsement `endorser` was asked for.
    EndorsePromotion { endorser: PersonId },
    /// Name the promotion calibration panel of `about`'s packet (HR runs the process).
    SetPromotionPanel(&'a Subject),
    /// Record the promotion calibration's outcome of `about`'s packet: HR or a panel member.
    CalibratePromotion { about: &'a Subject, panel: &'a [PersonId] },
    /// Approve or decline a calibrated packet: the subject's skip-level.
    DecidePromotion(&'a Subject),
    /// The manager comments on a self-evaluation their report shared.
    CommentOnSelfEvaluation(&'a Subject),
    /// Create, launch and move on review cycles (HR runs the process).
    ManageReviewCycles,
    /// Follow a cycle's completion: HR for everyone, managers for their organisation.
    ReadReviewCompletion,
    /// Follow one cycle's completion in the organisation of `organisation_of`: HR anyone's, a
    /// manager their own or one below them, when the cycle reviews someone in it
    /// (`reviews_in_organisation`: how many).
    ReadCycleCompletion { organisation_of: &'a Subject, reviews_in_organisation: usize },
    /// Read the messages Trellis queued for people.
    ReadOutbox,
    /// Download a cycle's final ratings or a board's distribution as a file, for compensation
    /// planning (HR; the file leaves out the reader's own row).
    ExportRatings,
    /// Choose the peers asked about `subject`: the person proposes, their manager approves.
    ChoosePeers(&'a Subject),
    /// Set the final rating of `about`'s review when it is on no calibration board (HR).
    FinaliseRating(&'a Subject),
    /// Create calibration sessions: the group, the facilitator, the participants (HR).
    ManageCalibrationSessions,
    /// Finalise a session, which locks it and sends its ratings (those of `on_board`) to
    /// delivery: its facilitator or HR.
    FinaliseCalibration { facilitator: PersonId, on_board: &'a [PersonId] },
    /// Keep or revert a change to `about`'s rating that their manager appealed: the session's
    /// facilitator or HR.
    ResolveAppeal { facilitator: PersonId, about: PersonId },
    /// Appeal a change to `about`'s rating: their manager, when invited to the session.
    RaiseAppeal { about: &'a Subject, participants: &'a [PersonId] },
    /// Record `about`'s potential for the 9-box: their manager, when invited to the session.
    RecordPotential { about: &'a Subject, participants: &'a [PersonId] },
    /// Deliver a finalised review: the person's manager.
    DeliverReview(&'a Subject),
    /// Acknowledge a delivered review and comment on it: the person themselves.
    AcknowledgeReview(&'a Subject),
    /// The evidence panel of someone's review (it names peers): the manager, skip-level and
    /// HR; never the person, even once the review is delivered.
    ReadReviewEvidence(&'a Subject),
}

impl Action<'_> {
    /// A stable name for the audit log.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Read(_) => "read",
            Self::Write(_) => "write",
            Self::ReadDirectory => "read_directory",
            Self::ReadOwnWork => "read_own_work",
            Self::ReadDepartedPeople => "read_departed_people",
            Self::ReadDepartureDetails(_) => "read_departure_details",
            Self::ChangeManager => "change_manager",
            Self::RecordDeparture => "record_departure",
            Self::ManageSessions => "manage_sessions",
            Self::ReadAuditLog => "read_audit_log",
            Self::EndorsePromotion { .. } => "endorse_promotion",
            Self::SetPromotionPanel(_) => "set_promotion_panel",
            Self::CalibratePromotion { .. } => "calibrate_promotion",
            Self::DecidePromotion(_) => "decide_promotion",
            Self::CommentOnSelfEvaluation(_) => "comment_on_self_evaluation",
            Self::ManageReviewCycles => "manage_review_cycles",
            Self::ReadReviewCompletion => "read_review_completion",
            Self::ReadCycleCompletion { .. } => "read_cycle_completion",
            Self::ReadOutbox => "read_outbox",
            Self::ExportRatings => "export_ratings",
            Self::ChoosePeers(_) => "choose_peers",
            Self::FinaliseRating(_) => "finalise_rating",
            Self::ManageCalibrationSessions => "manage_calibration_sessions",
            Self::FinaliseCalibration { .. } => "finalise_calibration",
            Self::ResolveAppeal { .. } => "resolve_appeal",
            Self::RaiseAppeal { .. } => "raise_appeal",
            Self::RecordPotential { .. } => "record_potential",
            Self::DeliverReview(_) => "deliver_review",
            Self::AcknowledgeReview(_) => "acknowledge_review",
            Self::ReadReviewEvidence(_) => "read_review_evidence",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// Decides whether `viewer` may take `action`. Pure: no I/O, so it is tested exhaustively.
pub fn check(viewer: &Viewer, action: &Action) -> Result<(), Refused> {
    if decides_own_outcome(viewer, action) {
        return Err(Refused);
    }
    let allowed = match action {
        Action::Read(record) => read(viewer, record).is_some(),
        Action::Write(record) => write(viewer, record),
        Action::ReadDirectory | Action::ReadOwnWork => true,
        Action::ReadDepartedPeople => viewer.is_hr_admin,
        Action::ReadDepartureDetails(subject) => {
            viewer.is_hr_admin || subject.is_managed_by(viewer)
        }
        Action::ReadAuditLog => read(viewer, &Record::AuditLog).is_some(),
        Action::ChangeManager | Action::RecordDeparture | Action::ManageSessions => {
            viewer.is_hr_admin
        }
        Action::EndorsePromotion { endorser } => *endorser == viewer.person_id,
        Action::SetPromotionPanel(_) => names_promotion_panels(viewer),
        Action::CalibratePromotion { panel, .. } => {
            viewer.is_hr_admin || panel.contains(&viewer.person_id)
        }
        // The skip-level decides; with no skip-level (the manager is the top of the company),
        // HR does.
        Action::DecidePromotion(subject) => match subject.manager_chain.get(1) {
            Some(skip) => *skip == viewer.person_id,
            None => viewer.is_hr_admin,
        },
        Action::CommentOnSelfEvaluation(author) => {
            author.manager_chain.first() == Some(&viewer.person_id)
        }
        Action::ManageReviewCycles
        | Action::ReadOutbox
        | Action::ExportRatings
        | Action::FinaliseRating(_)
        | Action::ManageCalibrationSessions => viewer.is_hr_admin,
        Action::FinaliseCalibration { facilitator, .. }
        | Action::ResolveAppeal { facilitator, .. } => {
            *facilitator == viewer.person_id || viewer.is_hr_admin
        }
        // The person's own manager speaks for them in the room.
        Action::RaiseAppeal { about, participants }
        | Action::RecordPotential { about, participants } => {
            about.manager_chain.first() == Some(&viewer.person_id)
                && participants.contains(&viewer.person_id)
        }
        Action::ReadReviewCompletion => viewer.is_hr_admin || viewer.direct_reports > 0,
        Action::ReadCycleCompletion { organisation_of, reviews_in_organisation } => {
            viewer.is_hr_admin
                || (viewer.direct_reports > 0
                    && (organisation_of.is_self(viewer) || organisation_of.is_managed_by(viewer))
                    && *reviews_in_organisation > 0)
        }
        Action::ChoosePeers(subject) => {
            subject.is_self(viewer) || subject.manager_chain.first() == Some(&viewer.person_id)
        }
        Action::DeliverReview(subject) => subject.manager_chain.first() == Some(&viewer.person_id),
        Action::AcknowledgeReview(subject) => subject.is_self(viewer),
        Action::ReadReviewEvidence(subject) => {
            subject.is_managed_by_within(viewer, 2) || viewer.is_hr_admin
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(Refused)
    }
}

/// The same decision as a yes or no, for deciding what a page offers (never as a guard: a
/// server function guards with `context::authorize`, which audits refusals).
pub fn allows(viewer: &Viewer, action: Action) -> bool {
    check(viewer, &action).is_ok()
}

/// Nobody decides their own outcome, whatever grants they hold (HR, executive, facilitator,
/// panel member, participant): the one rule that says so, for every record and action that
/// decides something about a person. About oneself a person writes only what is theirs to
/// write (their self-assessment, self-evaluation and OKRs) and acknowledges their review;
/// ratings, assessments, packets, calibration rows, appeals, PIPs and flight-risk flags about
/// them are decided by others. Reading the evidence about oneself (it names peers) is refused
/// here too.
fn decides_own_outcome(viewer: &Viewer, action: &Action) -> bool {
    let me = viewer.person_id;
    match action {
        Action::Write(record) => writes_about_oneself(viewer, record),
        Action::FinaliseRating(about)
        | Action::SetPromotionPanel(about)
        | Action::CalibratePromotion { about, .. }
        | Action::DecidePromotion(about)
        | Action::DeliverReview(about)
        | Action::RaiseAppeal { about, .. }
        | Action::RecordPotential { about, .. }
        | Action::ReadReviewEvidence(about) => about.is_self(viewer),
        // Finalising sends every rating on the board to delivery, one's own included.
        Action::FinaliseCalibration { on_board, .. } => on_board.contains(&me),
        Action::ResolveAppeal { about, .. } => *about == me,
        _ => false,
    }
}

/// Whether the viewer names promotion panels at all (HR runs the process): lets a list of
/// packets waiting for a panel be skipped for everyone else before it is read. Each packet
/// is still checked as `Action::SetPromotionPanel` (never one's own).
pub fn names_promotion_panels(viewer: &Viewer) -> bool {
    viewer.is_hr_admin
}

/// Whether the viewer finalises ratings at all (HR): lets the count of ratings waiting for a
/// final rating be skipped for everyone else. Each review is still checked as
/// `Action::FinaliseRating` when finalised (never one's own), and the count leaves one's own
/// review out.
pub fn finalises_ratings(viewer: &Viewer) -> bool {
    viewer.is_hr_admin
}

/// Anonymised peer feedback is shown only when at least this many peers answered.
pub const MIN_ANONYMOUS_RESPONSES: usize = 3;

/// Anonymous visitors may do nothing at all (they only see the sign-in page).
pub fn check_anonymous(_action: &Action) -> Result<(), Refused> {
    Err(Refused)
}

/// What of `record` the viewer may read, if anything (the access table in docs/product.md).
pub fn read(viewer: &Viewer, record: &Record) -> Option<Visibility> {
    // About oneself, only the subject's own rule applies: an HR admin or a calibration
    // participant sees their own review, packet or flag exactly as any employee would.
    if let Some(about) = record_subject(record) {
        if about.is_self(viewer) {
            return read_own(record);
        }
    }
    use Visibility::*;
    let me = viewer.person_id;
    let hr = viewer.is_hr_admin;
    let full = |allowed: bool| allowed.then_some(Full);
    match record {
        Record::PublishedLadder | Record::CompanyOkr | Record::TeamOkr { .. } => Some(Full),
        Record::IndividualOkr { owner, private } => {
            full(!private || owner.is_managed_by(viewer) || hr)
        }
        Record::SelfAssessment { author, submitted } => {
            full(*submitted && (author.is_managed_by_within(viewer, 2) || hr))
        }
        Record::PeerFeedback { author, about, submitted, .. } => {
            full(*author == me || (*submitted && (about.is_managed_by_within(viewer, 2) || hr)))
        }
        Record::ManagerAssessment { about, calibration_participants, .. } => full(
            about.is_managed_by_within(viewer, 2) || hr || calibration_participants.contains(&me),
        ),
        Record::CalibrationSession { participants, .. } => full(participants.contains(&me) || hr),
        Record::CalibrationEntry { person, participants, .. } => {
            full(*person != me && (participants.contains(&me) || hr))
        }
        Record::FinalReview { about, .. } | Record::Pip { about } => {
            full(about.is_managed_by(viewer) || hr)
        }
        Record::OneOnOneShared { between } => full(between.contains(&me)),
        // Nobody else, not HR, not an administrator.
        Record::OneOnOnePrivateNote { author } => full(*author == me),
        Record::PromotionPacket { about, calibration_participants, .. } => {
            full(about.is_managed_by(viewer) || hr || calibration_participants.contains(&me))
        }
        Record::SelfEvaluation { author, shared } => {
            full(*shared && author.is_managed_by_within(viewer, 2))
        }
        Record::FlightRisk { about, flagged_by } => {
            full(*flagged_by == me || about.is_managed_by(viewer) || hr || viewer.is_executive)
        }
        Record::SuccessionPlan { names } => {
            full((viewer.is_executive || hr) && !names.contains(&viewer.person_id))
        }
        Record::LadderDraft | Record::DemographicAttributes | Record::AuditLog => full(hr),
    }
}

/// The person a record is about, when it is about one person.
fn record_subject<'a>(record: &'a Record<'a>) -> Option<&'a Subject> {
    match record {
        Record::IndividualOkr { owner: about, .. }
        | Record::SelfAssessment { author: about, .. }
        | Record::PeerFeedback { about, .. }
        | Record::ManagerAssessment { about, .. }
        | Record::FinalReview { about, .. }
        | Record::PromotionPacket { about, .. }
        | Record::SelfEvaluation { author: about, .. }
        | Record::Pip { about }
        | Record::FlightRisk { about, .. } => Some(about),
        _ => None,
    }
}

/// What the subject of a record may read of it, whatever grants they hold.
fn read_own(record: &Record) -> Option<Visibility> {
    use Visibility::*;
    match record {
        Record::IndividualOkr { .. }
        | Record::SelfAssessment { .. }
        | Record::SelfEvaluation { .. }
        | Record::Pip { .. } => Some(Full),
        // The final rating reaches the person with the conversation, never before.
        Record::FinalReview { delivered, .. } => delivered.then_some(Full),
        Record::PeerFeedback { submitted, delivered, anonymous_cycle, responses, .. } => {
            match (*submitted && *delivered, *anonymous_cycle) {
                (false, _) => None,
                (true, false) => Some(Full),
                // Too few answers to hide who wrote what: not shown at all.
                (true, true) => (*responses >= MIN_ANONYMOUS_RESPONSES).then_some(Anonymised),
            }
        }
        Record::ManagerAssessment { delivered, .. } => delivered.then_some(Full),
        Record::PromotionPacket { decided, .. } => Some(if *decided { Full } else { StatusOnly }),
        // Never the employee, even if they are HR or an executive themselves.
        Record::FlightRisk { .. } => None,
        _ => None,
    }
}

/// A write about oneself that is not one's own to make (see [`decides_own_outcome`]).
fn writes_about_oneself(viewer: &Viewer, record: &Record) -> bool {
    match record {
        Record::IndividualOkr { .. }
        | Record::SelfAssessment { .. }
        | Record::SelfEvaluation { .. } => false,
        Record::CalibrationEntry { person, .. } => *person == viewer.person_id,
        Record::SuccessionPlan { names } => names.contains(&viewer.person_id),
        _ => record_subject(record).is_some_and(|about| about.is_self(viewer)),
    }
}

/// Whether the viewer may create or change `record`.
pub fn write(viewer: &Viewer, record: &Record) -> bool {
    !writes_about_oneself(viewer, record) && may_write(viewer, record)
}

/// Who may write each record kind, about someone else.
fn may_write(viewer: &Viewer, record: &Record) -> bool {
    let me = viewer.person_id;
    let hr = viewer.is_hr_admin;
    match record {
        // HR edits drafts; publishing makes a new immutable version.
        Record::PublishedLadder | Record::LadderDraft => hr,
        Record::CompanyOkr => viewer.is_executive,
        Record::TeamOkr { team_manager } => *team_manager == me,
        Record::IndividualOkr { owner, .. } => {
            owner.is_self(viewer) || owner.manager_chain.first() == Some(&me)
        }
        Record::SelfAssessment { author, submitted } => author.is_self(viewer) && !submitted,
        Record::PeerFeedback { author, submitted, .. } => *author == me && !submitted,
        Record::ManagerAssessment { about, calibration_started, .. } => {
            about.manager_chain.first() == Some(&me) && !calibration_started
        }
        Record::CalibrationSession { participants, finalised } => {
            participants.contains(&me) && !finalised
        }
        Record::CalibrationEntry { participants, finalised, .. } => {
            participants.contains(&me) && !finalised
        }
        // Nobody edits a delivered review; the subject's comment is a separate record.
        Record::FinalReview { .. } => false,
        Record::OneOnOneShared { between } => between.contains(&me),
        Record::OneOnOnePrivateNote { author } => *author == me,
        // The manager drafts; endorsements and the skip-level decision are their own actions.
        Record::PromotionPacket { about, decided, .. } => {
            about.manager_chain.first() == Some(&me) && !decided
        }
        // Only the person writes their self-evaluation; the manager comments on it.
        Record::SelfEvaluation { author, .. } => author.is_self(viewer),
        Record::Pip { about } => about.manager_chain.first() == Some(&me) || hr,
        Record::FlightRisk { about, .. } => about.is_managed_by(viewer) || hr,
        Record::SuccessionPlan { .. } => viewer.is_executive || hr,
        Record::DemographicAttributes => hr,
        // Append-only: written by Trellis itself, never by a person.
        Record::AuditLog => false,
    }
}

#[cfg(test)]
mod tests;
