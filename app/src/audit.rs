//! The append-only audit log: who read or changed what, and who was refused.

use crate::db::schema::audit_log;
use crate::db::DbConn;
use crate::kernel::{
    AppealId, CycleId, DepartmentId, EndorsementId, EntryId, LadderId, PacketId, PeerFeedbackId,
    PersonId, ReviewId, SelfEvaluationId, SessionId, TeamId,
};
use diesel::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Allowed,
    Refused,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Allowed => "allowed",
            Self::Refused => "refused",
        }
    }
}

/// What an audit row is about: one record, or a page or list of an area. The kinds are the
/// `target_type` column's values, so they never change once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A page, list or form that is not one record: `"my_work"`, `"directory"`, a new
    /// record's form (`"review_cycle"` before it exists).
    Page(&'static str),
    Person(PersonId),
    Department(DepartmentId),
    Team(TeamId),
    Ladder(LadderId),
    ReviewCycle(CycleId),
    Review(ReviewId),
    PeerFeedback(PeerFeedbackId),
    SelfEvaluation(SelfEvaluationId),
    PromotionPacket(PacketId),
    PromotionEndorsement(EndorsementId),
    CalibrationSession(SessionId),
    CalibrationEntry(EntryId),
    CalibrationAppeal(AppealId),
    /// A person's flight-risk flag, by the person's id.
    FlightRisk(PersonId),
}

impl Target {
    pub fn kind(self) -> &'static str {
        match self {
            Self::Page(kind) => kind,
            Self::Person(_) => "person",
            Self::Department(_) => "department",
            Self::Team(_) => "team",
            Self::Ladder(_) => "ladder",
            Self::ReviewCycle(_) => "review_cycle",
            Self::Review(_) => "review",
            Self::PeerFeedback(_) => "peer_feedback",
            Self::SelfEvaluation(_) => "self_evaluation",
            Self::PromotionPacket(_) => "promotion_packet",
            Self::PromotionEndorsement(_) => "promotion_endorsement",
            Self::CalibrationSession(_) => "calibration_session",
            Self::CalibrationEntry(_) => "calibration_entry",
            Self::CalibrationAppeal(_) => "calibration_appeal",
            Self::FlightRisk(_) => "flight_risk",
        }
    }

    pub fn id(self) -> Option<i64> {
        Some(match self {
            Self::Page(_) => return None,
            Self::Person(id) | Self::FlightRisk(id) => id.0,
            Self::Department(id) => id.0,
            Self::Team(id) => id.0,
            Self::Ladder(id) => id.0,
            Self::ReviewCycle(id) => id.0,
            Self::Review(id) => id.0,
            Self::PeerFeedback(id) => id.0,
            Self::SelfEvaluation(id) => id.0,
            Self::PromotionPacket(id) => id.0,
            Self::PromotionEndorsement(id) => id.0,
            Self::CalibrationSession(id) => id.0,
            Self::CalibrationEntry(id) => id.0,
            Self::CalibrationAppeal(id) => id.0,
        })
    }
}

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor_id: Option<PersonId>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<i64>,
    pub outcome: Outcome,
    pub detail: String,
    pub request_id: Option<String>,
}

impl AuditEntry {
    /// The request id is read from the request's context (see `context::request_id`).
    pub fn new(actor_id: Option<PersonId>, action: &str, target: Target, outcome: Outcome) -> Self {
        Self {
            actor_id,
            action: action.into(),
            target_type: target.kind().into(),
            target_id: target.id(),
            outcome,
            detail: String::new(),
            request_id: crate::context::request_id(),
        }
    }

    pub fn request_id(mut self, id: Option<String>) -> Self {
        self.request_id = id;
        self
    }

    /// What happened, in a few words; cut at [`DETAIL_MAX`] characters, because a detail can
    /// quote what someone typed (an unknown sign-in address) and the log must not grow by
    /// whatever a request carries.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        self.detail = if detail.chars().count() > DETAIL_MAX {
            format!("{}…", detail.chars().take(DETAIL_MAX).collect::<String>())
        } else {
            detail
        };
        self
    }
}

/// The longest detail an audit row keeps, in characters.
pub const DETAIL_MAX: usize = 300;

/// Appends an entry. There is no update or delete: the log is append-only.
pub fn record(conn: &mut DbConn, entry: &AuditEntry) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(chrono::Utc::now().naive_utc()),
            audit_log::actor_id.eq(entry.actor_id),
            audit_log::action.eq(&entry.action),
            audit_log::target_type.eq(&entry.target_type),
            audit_log::target_id.eq(entry.target_id),
            audit_log::outcome.eq(entry.outcome.as_str()),
            audit_log::detail.eq(&entry.detail),
            audit_log::request_id.eq(&entry.request_id),
        ))
        .execute(conn)?;
    Ok(())
}
