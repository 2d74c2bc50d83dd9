//! Shared types of calibration: sessions, the board and a person on it, the 9-box, and the
//! fairness report.

use crate::kernel::{
    stored_as_text, AppealId, ChangeId, CycleId, DepartmentId, EntryId, PersonId, Rating, ReviewId,
    SessionId, TeamId,
};
use crate::org::types::PersonSummary;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionStatus {
    Open,
    Finalised,
}

stored_as_text!(SessionStatus { Open => "open", Finalised => "finalised" });

impl SessionStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Finalised => "Finalised",
        }
    }
}

/// The manager's view of a person's potential, the 9-box's second axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Potential {
    High,
    Medium,
    Low,
}

stored_as_text!(Potential { High => "high", Medium => "medium", Low => "low" });

impl Potential {
    pub fn label(self) -> &'static str {
        match self {
            Self::High => "High potential",
            Self::Medium => "Medium potential",
            Self::Low => "Low potential",
        }
    }

    pub fn hint(self) -> &'static str {
        match self {
            Self::High => "Ready for a bigger scope within a year or two.",
            Self::Medium => "Growing in the role; more scope later.",
            Self::Low => "Well placed in the current role for now.",
        }
    }
}

/// How an appeal ended: the change stands, or the rating goes back to what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppealOutcome {
    Kept,
    Reverted,
}

stored_as_text!(AppealOutcome { Kept => "kept", Reverted => "reverted" });

impl AppealOutcome {
    pub fn label(self) -> &'static str {
        match self {
            Self::Kept => "Change kept",
            Self::Reverted => "Change reverted",
        }
    }
}

/// A session in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: SessionId,
    pub name: String,
    pub cycle_name: String,
    pub group_label: String,
    pub facilitator: String,
    pub status: SessionStatus,
    pub people: i64,
    pub finalised_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationHome {
    pub sessions: Vec<SessionSummary>,
    pub can_create: bool,
}

/// What HR chooses from when creating a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionFormData {
    /// Cycles whose assessments are open or in calibration.
    pub cycles: Vec<(CycleId, String)>,
    pub departments: Vec<(DepartmentId, String)>,
    /// (team id, "Team (Department)").
    pub teams: Vec<(TeamId, String)>,
}

/// A session as its board shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub id: SessionId,
    pub name: String,
    pub cycle_id: CycleId,
    pub cycle_name: String,
    pub group_label: String,
    pub facilitator_id: PersonId,
    pub facilitator: String,
    pub status: SessionStatus,
    /// Changes with every edit on the board; open boards poll it to refresh.
    pub version: i32,
    pub finalised_at: Option<NaiveDateTime>,
    /// (id, name) of everyone invited, the facilitator first.
    pub participants: Vec<(PersonId, String)>,
}

/// One person on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardRow {
    pub entry_id: EntryId,
    /// The entry's version: every change is checked against it, and a panel whose version
    /// is older than the board's knows someone else changed the person.
    pub version: i32,
    pub review_id: ReviewId,
    pub person_id: PersonId,
    pub name: String,
    pub title: String,
    pub team: String,
    pub manager_id: Option<PersonId>,
    pub manager: String,
    /// "L3", "M1".
    pub level: String,
    pub hire_date: NaiveDate,
    /// The manager's submitted rating, if they submitted.
    pub preliminary: Option<Rating>,
    /// The rating as calibrated so far (the preliminary one until somebody changes it).
    pub rating: Option<Rating>,
    /// The final rating of the person's previous review, if any.
    pub last_rating: Option<Rating>,
    pub potential: Option<Potential>,
    pub discussed: bool,
    pub changes: u32,
    pub open_appeals: u32,
    /// The start of the manager's evidence summary (their answer on goals).
    pub summary: String,
}

impl BoardRow {
    /// Exceptional and Below Expectations are discussed before the session can finalise.
    pub fn is_outlier(&self) -> bool {
        self.rating.is_some_and(super::rules::is_outlier)
    }

    pub fn changed(&self) -> bool {
        self.rating != self.preliminary
    }
}

/// The board: every person in the group, with what the viewer may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub session: SessionInfo,
    pub rows: Vec<BoardRow>,
    /// Change ratings, mark discussions, set potential (participants, until finalised).
    pub can_edit: bool,
    /// Finalise the session and resolve appeals (the facilitator or HR).
    pub can_finalise: bool,
    /// What still stands in the way of finalising, in plain words.
    pub blockers: Vec<String>,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeView {
    pub id: ChangeId,
    pub by: String,
    pub from: Option<Rating>,
    pub to: Rating,
    pub rationale: String,
    pub at: NaiveDateTime,
    /// The viewer (the person's manager) may appeal this change.
    pub can_appeal: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppealView {
    pub id: AppealId,
    pub change_id: ChangeId,
    pub by: String,
    pub reason: String,
    pub raised_at: NaiveDateTime,
    pub outcome: Option<AppealOutcome>,
    pub resolution: String,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<NaiveDateTime>,
}

/// A person opened from the board: the evidence and the whole history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonPanel {
    pub row: BoardRow,
    pub person: PersonSummary,
    /// The manager's assessment, when the viewer may read it.
    pub assessment: Option<crate::reviews::types::ManagerAnswers>,
    pub discussion: Option<(String, NaiveDateTime, String)>,
    pub changes: Vec<ChangeView>,
    pub appeals: Vec<AppealView>,
    pub can_edit: bool,
    /// The person's manager, on the board, records potential.
    pub can_set_potential: bool,
    pub can_resolve: bool,
}

/// The 9-box's performance axis, from the calibrated rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Performance {
    High,
    Moderate,
    Low,
}

impl Performance {
    pub const ALL: [Self; 3] = [Self::High, Self::Moderate, Self::Low];

    pub fn label(self) -> &'static str {
        match self {
            Self::High => "High performance",
            Self::Moderate => "Moderate performance",
            Self::Low => "Low performance",
        }
    }
}

/// Rating counts in scale order (Exceptional first).
pub type Counts = [u32; 5];

/// One group of a dimension of the fairness report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub label: String,
    pub people: u32,
    /// Per rating; never published for a demographic group (see `rules::dimension_result`).
    pub counts: Option<Counts>,
    /// Share of Exceptional and Strong, percent; `None` where publishing it would tell some
    /// of the group's people their rating band.
    pub top_share: Option<f64>,
    /// Against the group with the highest top share (four-fifths rule).
    pub impact_ratio: Option<f64>,
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    /// "Chi-square", "Fisher's exact", "Chi-square (approximate: small counts)".
    pub name: String,
    pub statistic: f64,
    pub df: usize,
    pub p_value: f64,
}

impl TestResult {
    pub fn significant(&self) -> bool {
        self.p_value < 0.05
    }
}

/// A dimension's groups and tests at one moment (before or after calibration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionResult {
    pub groups: Vec<GroupRow>,
    /// Groups under 5 people, left out of the table and the tests.
    pub suppressed_groups: u32,
    pub test: Option<TestResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub name: String,
    /// Built from demographic attributes (held by HR, shown only in aggregate).
    pub demographic: bool,
    pub before: DimensionResult,
    pub after: DimensionResult,
}

/// A manager's preliminary ratings against the calibrated outcome in one cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeniencyCycle {
    pub cycle: String,
    pub rated: u32,
    pub raised: u32,
    pub lowered: u32,
    /// Mean of (preliminary - calibrated) in rating steps: above 0, the manager rated higher
    /// than the room.
    pub mean_shift: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Leniency {
    pub manager: String,
    pub cycles: Vec<LeniencyCycle>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BiasReport {
    pub session: SessionInfo,
    pub people: u32,
    pub before: Counts,
    pub after: Counts,
    pub dimensions: Vec<Dimension>,
    /// The largest gap between a team on this board and the company (target under 10).
    pub consistency_before: Option<f64>,
    pub consistency_after: Option<f64>,
    pub leniency: Vec<Leniency>,
    /// HR may download the board's distribution as a file.
    pub can_export: bool,
}
