//! Pure rules of the org model: the manager tree, tenure, and the text a person or a
//! department is found and addressed by.
use crate::kernel::PersonId;
use chrono::{Datelike, NaiveDate};

/// The text the directory searches: name, email and title, lower-cased.
pub fn search_text(name: &str, email: &str, title: &str) -> String {
    format!("{name} {email} {title}").to_lowercase()
}

/// A department's or team's address: ASCII letters and digits joined by single dashes.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.to_lowercase().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Checks that `person` may report to `new_manager`. `manager_of` answers the current
/// tree; walking up from the new manager must never reach the person (that would be a loop).
/// The walk is bounded so corrupt data with an existing loop cannot hang the check.
pub fn check_manager_change(
    person: PersonId,
    new_manager: PersonId,
    mut manager_of: impl FnMut(PersonId) -> Option<PersonId>,
) -> Result<(), CycleCheck> {
    if person == new_manager {
        return Err(CycleCheck::SelfManager);
    }
    let mut current = Some(new_manager);
    let mut steps = 0usize;
    while let Some(id) = current {
        if id == person {
            return Err(CycleCheck::Cycle);
        }
        steps += 1;
        if steps > 10_000 {
            return Err(CycleCheck::Cycle);
        }
        current = manager_of(id);
    }
    Ok(())
}

/// Result of the structural check, before names are attached for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleCheck {
    SelfManager,
    Cycle,
}

/// "4 years, 2 months", "7 months", "less than a month".
pub fn tenure(hired: NaiveDate, today: NaiveDate) -> String {
    if today < hired {
        return "starts soon".into();
    }
    let mut months =
        (today.year() - hired.year()) * 12 + today.month() as i32 - hired.month() as i32;
    if today.day() < hired.day() {
        months -= 1;
    }
    let (years, months) = (months / 12, months % 12);
    let plural = |n: i32, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (years, months) {
        (0, 0) => "less than a month".into(),
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{}, {}", plural(y, "year"), plural(m, "month")),
    }
}

/// Initials for an avatar: "Amara Okafor" -> "AO".
pub fn initials(name: &str) -> String {
    let mut parts = name.split_whitespace();
    let first = parts.next().and_then(|p| p.chars().next());
    let last = parts.last().and_then(|p| p.chars().next());
    first.into_iter().chain(last).flat_map(char::to_uppercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn tree(edges: &[(i64, i64)]) -> HashMap<PersonId, PersonId> {
        edges.iter().map(|&(p, m)| (PersonId(p), PersonId(m))).collect()
    }

    #[test]
    fn accepts_a_move_within_the_tree() {
        // 1 is the CEO; 2 and 3 report to 1; 4 reports to 2.
        let t = tree(&[(2, 1), (3, 1), (4, 2)]);
        assert_eq!(
            check_manager_change(PersonId(4), PersonId(3), |id| t.get(&id).copied()),
            Ok(())
        );
        assert_eq!(
            check_manager_change(PersonId(2), PersonId(3), |id| t.get(&id).copied()),
            Ok(())
        );
    }

    #[test]
    fn rejects_self_management() {
        let t = tree(&[(2, 1)]);
        assert_eq!(
            check_manager_change(PersonId(2), PersonId(2), |id| t.get(&id).copied()),
            Err(CycleCheck::SelfManager)
        );
    }

    #[test]
    fn rejects_reporting_to_someone_below_you() {
        let t = tree(&[(2, 1), (3, 2), (4, 3)]);
        assert_eq!(
            check_manager_change(PersonId(2), PersonId(4), |id| t.get(&id).copied()),
            Err(CycleCheck::Cycle)
        );
        assert_eq!(
            check_manager_change(PersonId(1), PersonId(3), |id| t.get(&id).copied()),
            Err(CycleCheck::Cycle)
        );
    }

    #[test]
    fn terminates_on_data_that_already_loops() {
        let t = tree(&[(5, 6), (6, 5)]);
        assert_eq!(
            check_manager_change(PersonId(1), PersonId(5), |id| t.get(&id).copied()),
            Err(CycleCheck::Cycle)
        );
    }

    #[test]
    fn tenure_reads_naturally() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(tenure(d(2020, 3, 15), d(2024, 5, 20)), "4 years, 2 months");
        assert_eq!(tenure(d(2020, 3, 15), d(2021, 3, 15)), "1 year");
        assert_eq!(tenure(d(2024, 1, 31), d(2024, 2, 29)), "less than a month");
        assert_eq!(tenure(d(2024, 1, 10), d(2024, 8, 9)), "6 months");
        assert_eq!(tenure(d(2024, 1, 10), d(2024, 1, 9)), "starts soon");
    }

    #[test]
    fn initials_use_first_and_last_name() {
        assert_eq!(initials("Amara Okafor"), "AO");
        assert_eq!(initials("Jean-Luc de la Cruz"), "JC");
        assert_eq!(initials("Cher"), "C");
    }
}
