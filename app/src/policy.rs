//! The one place that decides who may do what. Every server function asks [`check`] before
//! it reads or writes anything; the rules follow the access table in PRODUCT.md, and the
//! tests below walk that table row by row for the records that exist so far.

use crate::auth::types::Viewer;
use crate::org::types::PersonId;

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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// The people directory, profiles and org chart of active and on-leave people.
    ReadDirectory,
    /// Departed people in the directory and their profiles.
    ReadDepartedPeople,
    /// Why and when someone left.
    ReadDepartureDetails(&'a Subject),
    /// Move someone to another manager (HR keeps the org data).
    ChangeManager,
    /// See and end anyone's sessions.
    ManageSessions,
}

impl Action<'_> {
    /// A stable name for the audit log.
    pub fn name(&self) -> &'static str {
        match self {
            Self::ReadDirectory => "read_directory",
            Self::ReadDepartedPeople => "read_departed_people",
            Self::ReadDepartureDetails(_) => "read_departure_details",
            Self::ChangeManager => "change_manager",
            Self::ManageSessions => "manage_sessions",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

/// Decides whether `viewer` may take `action`. Pure: no I/O, so it is tested exhaustively.
pub fn check(viewer: &Viewer, action: &Action) -> Result<(), Refused> {
    let allowed = match action {
        Action::ReadDirectory => true,
        Action::ReadDepartedPeople => viewer.is_hr_admin,
        Action::ReadDepartureDetails(subject) => viewer.is_hr_admin || subject.is_managed_by(viewer),
        Action::ChangeManager | Action::ManageSessions => viewer.is_hr_admin,
    };
    if allowed {
        Ok(())
    } else {
        Err(Refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(id: PersonId) -> Viewer {
        Viewer {
            person_id: id,
            name: format!("Person {id}"),
            email: format!("p{id}@example.com"),
            title: "Engineer".into(),
            is_hr_admin: false,
            is_executive: false,
            direct_reports: 0,
            is_skip_level: false,
            demo: false,
        }
    }

    fn hr(id: PersonId) -> Viewer {
        Viewer { is_hr_admin: true, ..viewer(id) }
    }

    fn exec(id: PersonId) -> Viewer {
        Viewer { is_executive: true, ..viewer(id) }
    }

    // 4 reports to 3 (manager), 3 reports to 2 (skip-level), 2 to 1 (top).
    fn subject() -> Subject {
        Subject { id: 4, manager_chain: vec![3, 2, 1] }
    }

    #[test]
    fn every_signed_in_person_reads_the_directory() {
        for v in [viewer(9), hr(9), exec(9)] {
            assert_eq!(check(&v, &Action::ReadDirectory), Ok(()));
        }
    }

    #[test]
    fn only_hr_lists_departed_people() {
        assert_eq!(check(&hr(9), &Action::ReadDepartedPeople), Ok(()));
        assert_eq!(check(&viewer(9), &Action::ReadDepartedPeople), Err(Refused));
        assert_eq!(check(&exec(9), &Action::ReadDepartedPeople), Err(Refused));
    }

    #[test]
    fn departure_details_are_for_hr_and_the_manager_chain() {
        let s = subject();
        let details = Action::ReadDepartureDetails(&s);
        assert_eq!(check(&viewer(3), &details), Ok(()), "manager");
        assert_eq!(check(&viewer(2), &details), Ok(()), "skip-level");
        assert_eq!(check(&viewer(1), &details), Ok(()), "further up the chain");
        assert_eq!(check(&hr(9), &details), Ok(()), "HR");
        assert_eq!(check(&viewer(5), &details), Err(Refused), "a peer");
        assert_eq!(check(&exec(9), &details), Err(Refused), "an executive outside the chain");
    }

    #[test]
    fn only_hr_changes_reporting_lines_and_sessions() {
        for action in [Action::ChangeManager, Action::ManageSessions] {
            assert_eq!(check(&hr(9), &action), Ok(()));
            assert_eq!(check(&viewer(3), &action), Err(Refused), "a manager");
            assert_eq!(check(&exec(1), &action), Err(Refused), "an executive");
        }
    }
}
