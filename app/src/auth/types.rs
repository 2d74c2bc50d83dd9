//! The sign-in page's types: the demo personas and which ways of signing in are offered.

use serde::{Deserialize, Serialize};

/// A persona on the demo sign-in page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoPersona {
    pub email: String,
    pub name: String,
    pub title: String,
    pub role: String,
    pub summary: String,
}

/// What the sign-in page needs to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInOptions {
    pub sso_configured: bool,
    /// Empty unless demo sign-in is on.
    pub personas: Vec<DemoPersona>,
}
