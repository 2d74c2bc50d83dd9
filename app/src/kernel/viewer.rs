//! Who is signed in. Roles are derived from the org data on every request, so a reorg or a
//! revoked grant takes effect at once.

use super::PersonId;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub person_id: PersonId,
    pub name: String,
    pub email: String,
    pub title: String,
    pub is_hr_admin: bool,
    pub is_executive: bool,
    /// Active or on-leave direct reports.
    pub direct_reports: i64,
    /// Whether any direct report has reports of their own (a skip-level leader).
    pub is_skip_level: bool,
    /// Signed in through the demo persona picker.
    pub demo: bool,
}

impl Viewer {
    pub fn is_manager(&self) -> bool {
        self.direct_reports > 0
    }

    /// The roles as people name them, for the header and the sign-in page.
    pub fn role_names(&self) -> Vec<&'static str> {
        let mut roles = vec!["Employee"];
        if self.is_manager() {
            roles.push("Manager");
        }
        if self.is_skip_level {
            roles.push("Skip-level leader");
        }
        if self.is_hr_admin {
            roles.push("HR admin");
        }
        if self.is_executive {
            roles.push("Executive");
        }
        roles
    }
}
