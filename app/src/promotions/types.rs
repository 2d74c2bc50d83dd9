//! Shared types of promotions: self-evaluations, packets, endorsements and the checks a
//! packet must pass.

use crate::kernel::{EndorsementId, PacketId, SelfEvaluationId};
use crate::ladders::types::Criterion;
use crate::org::types::{Level, PersonSummary};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Where a packet is in its workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PacketStatus {
    /// The manager is building it.
    Draft,
    /// Waiting for the promotion calibration.
    Submitted,
    /// The calibration supported it; waiting for the skip-level's decision.
    Calibrated,
    Approved,
    Declined,
}

impl PacketStatus {
    pub const ALL: [Self; 5] =
        [Self::Draft, Self::Submitted, Self::Calibrated, Self::Approved, Self::Declined];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Calibrated => "calibrated",
            Self::Approved => "approved",
            Self::Declined => "declined",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Submitted => "In promotion calibration",
            Self::Calibrated => "Waiting for the skip-level decision",
            Self::Approved => "Approved",
            Self::Declined => "Not approved",
        }
    }

    pub fn is_decided(self) -> bool {
        matches!(self, Self::Approved | Self::Declined)
    }
}

/// One criterion of the target level with what the packet (or self-evaluation) says of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionEvidence {
    /// The criterion's position among the level's criteria (its key).
    pub index: usize,
    pub criterion: Criterion,
    pub evidence: String,
    /// Links, one per line (self-evaluations only).
    pub links: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndorsementStatus {
    Requested,
    Written,
    Declined,
}

impl EndorsementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Written => "written",
            Self::Declined => "declined",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Requested, Self::Written, Self::Declined].into_iter().find(|s| s.as_str() == raw)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endorsement {
    pub id: EndorsementId,
    pub endorser: PersonSummary,
    pub status: EndorsementStatus,
    pub body: String,
    pub answered_at: Option<NaiveDateTime>,
}

/// One step of a packet's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PacketEvent {
    pub at: NaiveDateTime,
    pub actor: Option<String>,
    pub status: PacketStatus,
    pub note: String,
}

/// Whether one of the promotion criteria is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckState {
    Met,
    NotYet,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PacketCheck {
    pub label: String,
    pub state: CheckState,
    pub detail: String,
}

/// A packet in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PacketSummary {
    pub id: PacketId,
    pub person: PersonSummary,
    pub from: Level,
    pub target: Level,
    pub status: PacketStatus,
    pub updated_at: NaiveDateTime,
}

/// What the viewer may do on a packet page, decided by the policy on the server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PacketPermissions {
    pub edit: bool,
    /// Endorsements can be requested until the promotion calibration.
    pub request_endorsements: bool,
    pub set_panel: bool,
    pub calibrate: bool,
    pub decide: bool,
}

/// A packet as its reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PacketView {
    /// The subject before the decision: where it is, nothing of its content.
    StatusOnly {
        id: PacketId,
        target: Level,
        target_title: String,
        status: PacketStatus,
        events: Vec<PacketEvent>,
    },
    Full(Box<Packet>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packet {
    pub id: PacketId,
    pub person: PersonSummary,
    pub opened_by: PersonSummary,
    pub ladder_slug: String,
    pub ladder_version: i32,
    pub from: Level,
    pub target: Level,
    pub target_title: String,
    pub status: PacketStatus,
    pub evidence_summary: String,
    pub business_case: String,
    pub performing_since: Option<NaiveDate>,
    pub evidence: Vec<CriterionEvidence>,
    pub endorsements: Vec<Endorsement>,
    pub panel: Vec<PersonSummary>,
    pub calibration_outcome: Option<bool>,
    pub calibration_notes: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub effective_on: Option<NaiveDate>,
    pub applied: bool,
    pub events: Vec<PacketEvent>,
    pub checks: Vec<PacketCheck>,
    pub warnings: Vec<String>,
    pub version: i32,
    pub can: PacketPermissions,
    pub today: NaiveDate,
    /// People who work with the person (when the viewer can ask for endorsements).
    pub suggested_endorsers: Vec<PersonSummary>,
    /// People at or above the target level in the function (when the viewer sets the panel).
    pub suggested_panel: Vec<PersonSummary>,
}

/// An endorsement someone was asked to write, as the endorser sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndorsementRequest {
    pub id: EndorsementId,
    pub person: PersonSummary,
    pub asked_by: PersonSummary,
    pub target: Level,
    pub target_title: String,
    pub ladder_slug: String,
    pub criteria: Vec<Criterion>,
    pub status: EndorsementStatus,
    pub body: String,
    /// The packet has moved past the point where endorsements count.
    pub closed: bool,
}

/// Everything on the promotions page for the viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionsHome {
    /// The viewer's own packets (status only until decided).
    pub mine: Vec<PacketSummary>,
    pub endorsements_asked: Vec<(EndorsementId, PersonSummary, Level, EndorsementStatus)>,
    /// Packets the viewer opened or manages.
    pub team: Vec<PacketSummary>,
    /// Packets waiting for the viewer's decision.
    pub to_decide: Vec<PacketSummary>,
    /// Packets whose calibration panel the viewer sits on.
    pub to_calibrate: Vec<PacketSummary>,
    /// HR: every packet.
    pub all: Option<Vec<PacketSummary>>,
    /// Reports' self-evaluations shared with the viewer.
    pub shared_with_me: Vec<(SelfEvaluationId, PersonSummary, Level)>,
    /// Direct reports a packet can be opened for: (person, current level, default target).
    pub reports: Vec<(PersonSummary, Level, Option<Level>)>,
}

/// A self-evaluation against a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfEvaluation {
    /// None until first saved.
    pub id: Option<SelfEvaluationId>,
    pub person: PersonSummary,
    pub ladder_slug: String,
    pub ladder_version: i32,
    pub target: Level,
    pub target_title: String,
    pub items: Vec<CriterionEvidence>,
    pub shared_at: Option<NaiveDateTime>,
    pub comments: Vec<Comment>,
    pub version: i32,
    pub is_mine: bool,
    pub can_comment: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub author: String,
    pub body: String,
    pub at: NaiveDateTime,
}

/// The facts the checks and warnings are computed from (pure input for `rules`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacketFacts {
    pub status: PacketStatus,
    pub today: NaiveDate,
    pub performing_since: Option<NaiveDate>,
    pub criteria: usize,
    pub criteria_with_evidence: usize,
    pub endorsements_requested: usize,
    pub endorsements_written: usize,
    pub calibration_outcome: Option<bool>,
    pub business_case: String,
    /// None when the viewer may not know about flight-risk flags.
    pub flight_risk: Option<bool>,
}
