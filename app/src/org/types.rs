//! Shared types of the org model: they cross the wire between server and browser.

use crate::kernel::{DepartmentId, PersonId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Track {
    Ic,
    Management,
}

impl Track {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ic => "ic",
            Self::Management => "management",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "ic" => Some(Self::Ic),
            "management" => Some(Self::Management),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Ic => "Individual contributor",
            Self::Management => "Management",
        }
    }
}

/// A ladder level: IC L1-L5, management M1-M4 (parallel to the IC track from L3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Level {
    pub track: Track,
    pub number: u8,
}

impl Level {
    pub fn new(track: Track, number: u8) -> Option<Self> {
        let max = match track {
            Track::Ic => 5,
            Track::Management => 4,
        };
        (1..=max).contains(&number).then_some(Self { track, number })
    }

    /// "L3" or "M1".
    pub fn code(self) -> String {
        let prefix = match self.track {
            Track::Ic => 'L',
            Track::Management => 'M',
        };
        format!("{prefix}{}", self.number)
    }

    /// The level's name on the ladder.
    pub fn name(self) -> &'static str {
        match (self.track, self.number) {
            (Track::Ic, 1) => "Junior",
            (Track::Ic, 2) => "Intermediate",
            (Track::Ic, 3) => "Senior",
            (Track::Ic, 4) => "Staff",
            (Track::Ic, _) => "Principal",
            (Track::Management, 1) => "Manager",
            (Track::Management, 2) => "Senior Manager",
            (Track::Management, 3) => "Director",
            (Track::Management, _) => "VP",
        }
    }

    /// "L3 Senior".
    pub fn label(self) -> String {
        format!("{} {}", self.code(), self.name())
    }

    /// Parses "L3" or "M1" (the codes of ladder files and URLs).
    pub fn parse_code(code: &str) -> Option<Self> {
        let mut chars = code.chars();
        let track = match chars.next()? {
            'L' | 'l' => Track::Ic,
            'M' | 'm' => Track::Management,
            _ => return None,
        };
        let number: u8 = chars.as_str().parse().ok()?;
        Self::new(track, number)
    }

    /// Seniority across both tracks: the management track runs parallel to the IC track
    /// from L3, so M1 sits beside L3, M2 beside L4, M3 beside L5 and M4 above them all.
    pub fn seniority(self) -> u8 {
        match self.track {
            Track::Ic => self.number,
            Track::Management => self.number + 2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EmploymentStatus {
    Active,
    OnLeave,
    Departed,
}

impl EmploymentStatus {
    pub const ALL: [Self; 3] = [Self::Active, Self::OnLeave, Self::Departed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::OnLeave => "on_leave",
            Self::Departed => "departed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::OnLeave => "On leave",
            Self::Departed => "Departed",
        }
    }
}

/// A person as a line in a list or a chip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub name: String,
    pub title: String,
    pub email: String,
    pub department: String,
    pub team: Option<String>,
    pub location: String,
    pub status: EmploymentStatus,
}

impl PersonSummary {
    /// Stands in for someone who has left, for viewers who may not see departed people.
    pub fn former_colleague() -> Self {
        Self {
            id: PersonId(0),
            name: "A former colleague".into(),
            title: "Has left the company".into(),
            email: String::new(),
            department: String::new(),
            team: None,
            location: String::new(),
            status: EmploymentStatus::Departed,
        }
    }

    /// Replaces this summary by [`PersonSummary::former_colleague`] if the person has left.
    pub fn hide_if_departed(self) -> Self {
        if self.status == EmploymentStatus::Departed {
            Self::former_colleague()
        } else {
            self
        }
    }
}

/// Everything a profile page shows; fields the viewer may not see are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonProfile {
    pub person: PersonSummary,
    pub level: Level,
    pub hire_date: NaiveDate,
    pub departed_on: Option<NaiveDate>,
    /// Only for HR and the person's manager chain.
    pub departure_reason: Option<String>,
    pub is_hr_admin: bool,
    pub is_executive: bool,
    /// The manager chain, nearest first: manager, skip-level, ... up to the top.
    pub chain: Vec<PersonSummary>,
    pub reports: Vec<PersonSummary>,
    /// Everyone below this person, all levels.
    pub org_size: i64,
    /// For optimistic concurrency on edits.
    pub version: i32,
    pub can_change_manager: bool,
    pub today: NaiveDate,
}

impl PersonProfile {
    pub fn manager(&self) -> Option<&PersonSummary> {
        self.chain.first()
    }

    pub fn skip_level(&self) -> Option<&PersonSummary> {
        self.chain.get(1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: DepartmentId,
    pub name: String,
}

/// The longest search text or location the directory accepts, in characters.
pub const DIRECTORY_TEXT_MAX: usize = 100;

/// The directory's search and filters, as they appear in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub q: String,
    pub department: Option<DepartmentId>,
    pub location: Option<String>,
    pub status: Option<EmploymentStatus>,
    /// 1-based.
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub people: Vec<PersonSummary>,
    /// How many match, counted up to [`crate::kernel::COUNT_UP_TO`] + 1 (then the page says "more than").
    pub total: i64,
    pub has_next: bool,
    pub page: u32,
    pub per_page: u32,
    pub departments: Vec<Department>,
    pub locations: Vec<String>,
    /// HR may list departed people; others see active and on-leave people only.
    pub can_see_departed: bool,
}

impl DirectoryPage {
    /// Whether more match than were counted.
    pub fn total_is_more(&self) -> bool {
        self.total > crate::kernel::COUNT_UP_TO
    }

    /// How many pages, when every match was counted.
    pub fn page_count(&self) -> Option<u32> {
        (!self.total_is_more()).then(|| {
            ((self.total.max(0) as u64).div_ceil(self.per_page.max(1) as u64)).max(1) as u32
        })
    }
}

/// One box of the org chart and, when loaded, the boxes below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgNode {
    pub person: PersonSummary,
    /// Direct reports in total (active and on leave), loaded or not.
    pub report_count: i64,
    pub children: Vec<OrgNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgChart {
    pub root: OrgNode,
    /// From the top of the company down to the root's manager.
    pub ancestors: Vec<PersonSummary>,
    pub depth: u32,
    pub total_shown: usize,
    /// The next level had too many people to draw at once; focus on a branch instead.
    pub truncated: bool,
}

/// Someone to choose in a person picker: enough to tell two people apart (name, title,
/// team), and the work email the form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChoice {
    pub name: String,
    pub title: String,
    /// The team, or the department for someone in none.
    pub team: String,
    pub email: String,
}

/// How many people a picker offers at once: a name narrows faster than a list scrolls.
pub const PICKER_RESULTS: usize = 8;
