//! Shared types of the career ladders: a ladder as people read it, its versions, the lint
//! HR sees while editing, and the differences between two versions.

use crate::org::types::{Level, Track};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The five dimensions every level is described in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Technical,
    Execution,
    Leadership,
    Communication,
    Values,
}

impl Dimension {
    pub const ALL: [Self; 5] =
        [Self::Technical, Self::Execution, Self::Leadership, Self::Communication, Self::Values];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Technical => "technical",
            Self::Execution => "execution",
            Self::Leadership => "leadership",
            Self::Communication => "communication",
            Self::Values => "values",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Technical => "Technical and functional skills",
            Self::Execution => "Execution",
            Self::Leadership => "Leadership",
            Self::Communication => "Communication",
            Self::Values => "Values",
        }
    }
}

/// One expectation at a level, with examples of what doing it looks like.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub dimension: Dimension,
    pub text: String,
    #[serde(default)]
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderLevel {
    pub level: Level,
    pub title: String,
    pub scope: String,
    pub autonomy: String,
    pub impact: String,
    pub experience: String,
    pub criteria: Vec<Criterion>,
}

impl LadderLevel {
    pub fn code(&self) -> String {
        self.level.code()
    }

    /// The criteria of one dimension, with their position among all of the level's criteria
    /// (the position is the criterion's key in self-evaluations and promotion packets).
    pub fn criteria_in(&self, dimension: Dimension) -> impl Iterator<Item = (usize, &Criterion)> {
        self.criteria.iter().enumerate().filter(move |(_, c)| c.dimension == dimension)
    }

    /// The level's facts in display order: (label, text).
    pub fn facts(&self) -> [(&'static str, &str); 4] {
        [
            ("Scope", self.scope.as_str()),
            ("Autonomy", self.autonomy.as_str()),
            ("Impact", self.impact.as_str()),
            ("Typical experience", self.experience.as_str()),
        ]
    }
}

/// A whole ladder for one function (both tracks), as parsed from its TOML source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ladder {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// IC levels first (L1..L5), then management (M1..M4).
    pub levels: Vec<LadderLevel>,
}

impl Ladder {
    pub fn level(&self, level: Level) -> Option<&LadderLevel> {
        self.levels.iter().find(|l| l.level == level)
    }

    pub fn track(&self, track: Track) -> impl Iterator<Item = &LadderLevel> {
        self.levels.iter().filter(move |l| l.level.track == track)
    }
}

/// Who published a version, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    /// The version's own id: what stays the same for as long as its text does.
    pub id: i64,
    pub number: i32,
    pub change_summary: String,
    pub published_by: Option<String>,
    pub published_at: NaiveDateTime,
}

impl VersionInfo {
    /// Names this version's text for as long as it exists: published versions never change.
    /// The publication time is part of it so that an id reused after a deletion (SQLite
    /// may), or the same id in another database of the same process (the tests), is another
    /// key.
    pub fn render_key(&self) -> String {
        format!("{}@{}", self.id, self.published_at.and_utc().timestamp_micros())
    }
}

/// A ladder in the list of ladders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderSummary {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// None while the ladder only has a draft.
    pub latest: Option<VersionInfo>,
    pub has_draft: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderIndex {
    pub ladders: Vec<LadderSummary>,
    pub can_edit: bool,
}

/// One published version of a ladder, for the track, level and compare pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderView {
    pub ladder: Ladder,
    pub version: VersionInfo,
    /// The newest published version (an older one is marked as such).
    pub latest_number: i32,
    /// The viewer's own level, when this is the ladder of their function.
    pub my_level: Option<Level>,
    pub can_edit: bool,
}

impl LadderView {
    pub fn is_latest(&self) -> bool {
        self.version.number == self.latest_number
    }
}

/// Where a person stands and where they can go next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextSteps {
    /// The next level up on the person's own track, if there is one.
    pub up: Option<Level>,
    /// The level at the same seniority on the other track, where both tracks exist.
    pub across: Option<Level>,
}

/// The signed-in person's path: their ladder, their level and the next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// One per page, never held in bulk: boxing the larger variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum MyPath {
    /// Their function has no published ladder yet.
    NoLadder { department: String },
    Found {
        slug: String,
        ladder_name: String,
        version: i32,
        current: LadderLevel,
        up: Option<LadderLevel>,
        across: Option<LadderLevel>,
    },
}

/// A problem HR should fix before publishing (the ladder still parses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintWarning {
    /// "L3" or None for the whole ladder.
    pub level: Option<String>,
    pub message: String,
}

/// A line-numbered problem that stops a ladder file from being read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// HR's draft of a ladder: its source and what the lint says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub slug: String,
    pub name: String,
    pub source: String,
    /// Guards against two HR admins overwriting each other's edits.
    pub version: i32,
    pub updated_by: Option<String>,
    pub updated_at: Option<NaiveDateTime>,
    /// Errors that stop the draft from being published.
    pub errors: Vec<FileError>,
    pub warnings: Vec<LintWarning>,
    pub latest_number: Option<i32>,
    /// The draft differs from the latest published version (nothing to publish otherwise).
    pub changes: Vec<LevelChange>,
}

/// What changed in one level between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChange {
    pub code: String,
    pub title: String,
    pub kind: ChangeKind,
    /// (field label, before, after) for changed facts.
    pub fields: Vec<(String, String, String)>,
    pub criteria_removed: Vec<Criterion>,
    pub criteria_added: Vec<Criterion>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// Two versions of a ladder and what changed between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderHistory {
    pub slug: String,
    pub name: String,
    /// Newest first.
    pub versions: Vec<VersionInfo>,
    /// Present when two versions were chosen.
    pub diff: Option<VersionDiff>,
    pub can_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDiff {
    pub from: i32,
    pub to: i32,
    pub changes: Vec<LevelChange>,
}
