//! Server-only queries of the org model. Every query here is bounded by what one page shows
//! (a profile, a page of the directory, a few levels of the chart), never by the org's size.
//! Organisation sizes are stored (`people.org_size`) and kept by the writes that change the
//! tree, in their transaction: [`change_manager`], [`record_departure`] and, for bulk loads,
//! [`recount_org_sizes`].

use super::types::*;
use crate::db::schema::{departments, people, teams};
use crate::db::DbConn;
use crate::kernel::{DepartmentId, PersonId};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// `people.status` of someone who has left.
pub const DEPARTED: &str = "departed";

mod changes;
mod chart;
mod directory;
mod org_sizes;
mod search;
mod summaries;

pub use changes::*;
pub use chart::*;
pub use directory::*;
pub use org_sizes::*;
pub use search::{compact_search_index, COUNT_UP_TO};
pub use summaries::*;

/// The bookkeeping a bulk load of people (the demo seeder, an HR import) does once, in its
/// transaction, where single changes do it as they go: every organisation size counted, the
/// people whose manager has left marked, and SQLite's search indexes merged.
pub fn people_loaded(conn: &mut DbConn) -> QueryResult<()> {
    recount_org_sizes(conn)?;
    mark_manager_left(conn)?;
    compact_search_index(conn)
}

#[cfg(test)]
mod tests {
    use super::count_org_sizes;
    use crate::kernel::PersonId;

    #[test]
    fn org_sizes_count_the_people_below_and_stop_at_people_who_left() {
        // 1 ─┬─ 2 ─┬─ 4
        //    │     └─ 5 (left) ── 7 ── 8
        //    └─ 3 ─── 6 (left)
        // 9 (left) ── 10
        let rows = [
            (PersonId(1), None, true),
            (PersonId(2), Some(PersonId(1)), true),
            (PersonId(3), Some(PersonId(1)), true),
            (PersonId(4), Some(PersonId(2)), true),
            (PersonId(5), Some(PersonId(2)), false),
            (PersonId(6), Some(PersonId(3)), false),
            (PersonId(7), Some(PersonId(5)), true),
            (PersonId(8), Some(PersonId(7)), true),
            (PersonId(9), None, false),
            (PersonId(10), Some(PersonId(9)), true),
        ];
        // 1: 2, 3, 4 (5 and 6 left; 7 and 8 are below 5). 5, who left, still has 7 and 8.
        assert_eq!(count_org_sizes(&rows), vec![3, 1, 0, 0, 2, 0, 1, 0, 1, 0]);
    }

    #[test]
    fn org_sizes_ignore_order_unknown_managers_and_loops() {
        // Children before managers, a manager who is not in the rows, and a loop (corrupt
        // data) that must not hang: 3 and 4 manage each other, 5 reports to 3.
        let rows = [
            (PersonId(2), Some(PersonId(1)), true),
            (PersonId(1), None, true),
            (PersonId(6), Some(PersonId(99)), true),
        ];
        assert_eq!(count_org_sizes(&rows), vec![0, 1, 0]);
        let looped = [
            (PersonId(3), Some(PersonId(4)), true),
            (PersonId(4), Some(PersonId(3)), true),
            (PersonId(5), Some(PersonId(3)), true),
        ];
        assert_eq!(count_org_sizes(&looped), vec![1, 0, 0]);
    }
}
