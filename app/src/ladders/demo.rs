//! The demo company's career ladders: Engineering, Product, Design, Sales, Customer
//! Success, People and Finance (every department but Leadership, the CEO's), written in
//! full in `ladders/*.toml` at the top of the repository (the same files HR would keep in
//! git). Engineering has two published versions, so the history and diff have something
//! to show.

use crate::db::DbConn;
use crate::demo::{DemoCompany, PERSONAS};
use crate::ladders::{file, queries};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::QueryResult;

const ENGINEERING_V1: &str = include_str!("../../../ladders/engineering-v1.toml");
const ENGINEERING_V2: &str = include_str!("../../../ladders/engineering.toml");
const ENGINEERING_V2_SUMMARY: &str = include_str!("../../../ladders/engineering-changes.md");
const PRODUCT: &str = include_str!("../../../ladders/product.toml");
const DESIGN: &str = include_str!("../../../ladders/design.toml");
const SALES: &str = include_str!("../../../ladders/sales.toml");
const CUSTOMER_SUCCESS: &str = include_str!("../../../ladders/customer-success.toml");
const PEOPLE: &str = include_str!("../../../ladders/people.toml");
const FINANCE: &str = include_str!("../../../ladders/finance.toml");

const FIRST_PUBLISHED: &str = "First published version, agreed with the function's leadership and reviewed by the People team.";

/// Publishes the demo ladders as `publisher` (the HR persona): version 1 of every ladder a
/// little over a year ago, and version 2 of Engineering three months ago.
pub fn seed(conn: &mut DbConn, company: &DemoCompany, today: NaiveDate) -> QueryResult<()> {
    let publisher = company.people.iter().find(|p| p.email == PERSONAS[3].1).map(|p| p.id);
    let at = |days_ago: i64| -> NaiveDateTime {
        (today - Duration::days(days_ago)).and_hms_opt(10, 0, 0).expect("valid time")
    };
    let versions: [(&str, &str, NaiveDateTime); 8] = [
        (ENGINEERING_V1, FIRST_PUBLISHED, at(400)),
        (PRODUCT, FIRST_PUBLISHED, at(395)),
        (DESIGN, FIRST_PUBLISHED, at(395)),
        (SALES, FIRST_PUBLISHED, at(390)),
        (CUSTOMER_SUCCESS, FIRST_PUBLISHED, at(385)),
        (PEOPLE, FIRST_PUBLISHED, at(380)),
        (FINANCE, FIRST_PUBLISHED, at(375)),
        (ENGINEERING_V2, ENGINEERING_V2_SUMMARY, at(90)),
    ];
    for (source, summary, when) in versions {
        let ladder =
            file::parse(source).unwrap_or_else(|e| panic!("a demo ladder does not parse: {e:?}"));
        let id = queries::find_or_create(conn, &ladder, when)?;
        queries::publish(conn, id, &ladder, source, summary.trim(), publisher, when)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladders::rules;

    #[test]
    fn the_demo_ladders_parse_and_pass_the_lint() {
        for source in [ENGINEERING_V2, PRODUCT, DESIGN, SALES, CUSTOMER_SUCCESS, PEOPLE, FINANCE] {
            let ladder = file::parse(source).expect("parses");
            assert_eq!(ladder.levels.len(), 9, "{}", ladder.slug);
            assert_eq!(rules::lint(&ladder), vec![], "{}", ladder.slug);
        }
    }

    #[test]
    fn engineering_v2_changes_v1() {
        let v1 = file::parse(ENGINEERING_V1).unwrap();
        let v2 = file::parse(ENGINEERING_V2).unwrap();
        let changed: Vec<String> = rules::diff(&v1, &v2).into_iter().map(|c| c.code).collect();
        assert!(changed.len() >= 4, "{changed:?}");
        assert!(!rules::lint(&v1).is_empty(), "v1 has the vague L2 criterion that v2 fixed");
    }
}
