//! The rules of calibration, pure and unit-tested: what counts as an outlier, what stands in
//! the way of finalising, a change's rationale, the board's sorting and grouping, the 9-box,
//! and the fairness report built on `super::stats` (server only: it is computed in a server
//! function, and the statistics stay out of the browser bundle).

#[cfg(feature = "ssr")]
use super::stats::{self, TestKind, MIN_GROUP};
use super::types::*;
use crate::error::FieldError;
use crate::kernel::{PersonId, Rating};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Every Exceptional and Below Expectations rating is discussed before finalising.
pub fn is_outlier(rating: Rating) -> bool {
    matches!(rating, Rating::Exceptional | Rating::Below)
}

/// Position on the scale, Exceptional first (the index into [`Counts`]).
pub fn index(rating: Rating) -> usize {
    Rating::ALL.iter().position(|r| *r == rating).unwrap_or(0)
}

/// Points on the scale for averages: Exceptional 5 down to Below Expectations 1.
pub fn points(rating: Rating) -> i32 {
    5 - index(rating) as i32
}

pub fn counts(ratings: impl IntoIterator<Item = Rating>) -> Counts {
    let mut c = [0; 5];
    for r in ratings {
        c[index(r)] += 1;
    }
    c
}

/// The 9-box's performance axis.
pub fn performance(rating: Rating) -> Performance {
    match rating {
        Rating::Exceptional | Rating::Strong => Performance::High,
        Rating::Meets => Performance::Moderate,
        Rating::Developing | Rating::Below => Performance::Low,
    }
}

pub const MAX_NOTE: usize = 2_000;
const MIN_RATIONALE: usize = 15;

/// A written reason for a change, a discussion or an appeal: required, a sentence at least.
pub fn parse_reason(field: &str, raw: &str, what: &str) -> Result<String, FieldError> {
    let text = raw.trim();
    let length = text.chars().count();
    if length == 0 {
        Err(FieldError::new(field, format!("Write {what}.")))
    } else if length < MIN_RATIONALE {
        Err(FieldError::new(
            field,
            format!("Write {what} in a sentence or more, so people reading it later understand."),
        ))
    } else if length > MAX_NOTE {
        Err(FieldError::new(field, format!("Keep it under {MAX_NOTE} characters.")))
    } else {
        Ok(text.to_string())
    }
}

/// A choice (a rating, an appeal's outcome) and the written reason for it, both required:
/// every problem is reported at once, field by field. `choice`: (field, message when missing);
/// `reason`: (field, raw text, what to write).
pub fn choice_with_reason<T>(
    picked: Option<T>,
    choice: (&str, &str),
    reason: (&str, &str, &str),
) -> Result<(T, String), Vec<FieldError>> {
    let text = parse_reason(reason.0, reason.1, reason.2);
    match (picked, text) {
        (Some(p), Ok(t)) => Ok((p, t)),
        (p, t) => Err(p
            .is_none()
            .then(|| FieldError::new(choice.0, choice.1))
            .into_iter()
            .chain(t.err())
            .collect()),
    }
}

/// What still stands in the way of finalising a board, in plain words.
pub fn finalise_blockers(rows: &[BoardRow]) -> Vec<String> {
    let unrated = rows.iter().filter(|r| r.rating.is_none()).count();
    let undiscussed = rows.iter().filter(|r| r.is_outlier() && !r.discussed).count();
    let appeals: u32 = rows.iter().map(|r| r.open_appeals).sum();
    let mut blockers = Vec::new();
    if unrated > 0 {
        blockers.push(format!(
            "{} without a rating: their manager has not submitted an assessment. Set a rating with a rationale once you have discussed them.",
            people(unrated)
        ));
    }
    if undiscussed > 0 {
        blockers.push(format!(
            "{} rated Exceptional or Below Expectations not yet marked discussed.",
            people(undiscussed)
        ));
    }
    if appeals > 0 {
        blockers.push(format!(
            "{} waiting for the facilitator or HR.",
            if appeals == 1 { "1 appeal".to_string() } else { format!("{appeals} appeals") }
        ));
    }
    blockers
}

fn people(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

/// Tenure at `on`, in the bands the fairness report groups by.
pub fn tenure_band(hired: NaiveDate, on: NaiveDate) -> &'static str {
    let days = (on - hired).num_days();
    match days {
        ..=364 => "Under 1 year",
        365..=729 => "1 to 2 years",
        730..=1825 => "2 to 5 years",
        _ => "Over 5 years",
    }
}

mod board_view;
mod fairness;

pub use board_view::*;
pub use fairness::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::{EntryId, ReviewId};

    fn row(name: &str, preliminary: Option<Rating>, rating: Option<Rating>) -> BoardRow {
        BoardRow {
            entry_id: EntryId(1),
            version: 1,
            review_id: ReviewId(1),
            person_id: PersonId(1),
            name: name.into(),
            title: "Engineer".into(),
            team: "Payments".into(),
            manager_id: Some(PersonId(9)),
            manager: "Elena".into(),
            level: "L2".into(),
            hire_date: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
            preliminary,
            rating,
            last_rating: None,
            potential: None,
            discussed: false,
            changes: 0,
            open_appeals: 0,
            summary: String::new(),
        }
    }

    #[test]
    fn outliers_are_the_two_ends_of_the_scale() {
        let outliers: Vec<Rating> =
            Rating::ALL.iter().copied().filter(|r| is_outlier(*r)).collect();
        assert_eq!(outliers, vec![Rating::Exceptional, Rating::Below]);
        assert_eq!(points(Rating::Exceptional), 5);
        assert_eq!(points(Rating::Below), 1);
        assert_eq!(counts([Rating::Meets, Rating::Meets, Rating::Below]), [0, 0, 2, 0, 1]);
    }

    #[test]
    fn finalising_waits_for_ratings_discussions_and_appeals() {
        let mut rows = vec![
            row("A", Some(Rating::Meets), Some(Rating::Meets)),
            row("B", Some(Rating::Exceptional), Some(Rating::Exceptional)),
            row("C", None, None),
        ];
        let blockers = finalise_blockers(&rows);
        assert_eq!(blockers.len(), 2, "{blockers:?}");
        assert!(blockers[0].starts_with("1 person without a rating"));
        assert!(blockers[1].starts_with("1 person rated Exceptional"));
        rows[1].discussed = true;
        rows[2].rating = Some(Rating::Meets);
        rows[0].open_appeals = 2;
        assert_eq!(
            finalise_blockers(&rows),
            vec!["2 appeals waiting for the facilitator or HR.".to_string()]
        );
        rows[0].open_appeals = 0;
        assert!(finalise_blockers(&rows).is_empty());
        // An outlier by calibration (not by the preliminary rating) needs discussing too.
        rows[0].rating = Some(Rating::Below);
        assert_eq!(finalise_blockers(&rows).len(), 1);
    }

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert_eq!(parse_reason("rationale", "  ", "why").unwrap_err().message, "Write why.");
        assert!(parse_reason("rationale", "too short", "why").is_err());
        assert_eq!(
            parse_reason("rationale", "  Led the migration across three teams.  ", "why").unwrap(),
            "Led the migration across three teams."
        );
        assert!(parse_reason("rationale", &"x".repeat(MAX_NOTE + 1), "why").is_err());
    }

    #[test]
    fn a_choice_and_its_reason_are_checked_together() {
        let both =
            choice_with_reason(None::<Rating>, ("rating", "Choose."), ("rationale", "", "why"));
        assert_eq!(
            both.unwrap_err().iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            vec!["rating", "rationale"]
        );
        let ok = choice_with_reason(
            Some(Rating::Strong),
            ("rating", "Choose."),
            ("rationale", "Led the migration of billing.", "why"),
        );
        assert_eq!(ok.unwrap(), (Rating::Strong, "Led the migration of billing.".to_string()));
    }

    #[test]
    fn tenure_bands() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(tenure_band(d(2026, 3, 1), d(2026, 12, 31)), "Under 1 year");
        assert_eq!(tenure_band(d(2025, 6, 1), d(2026, 12, 31)), "1 to 2 years");
        assert_eq!(tenure_band(d(2023, 1, 1), d(2026, 12, 31)), "2 to 5 years");
        assert_eq!(tenure_band(d(2015, 1, 1), d(2026, 12, 31)), "Over 5 years");
    }

    #[test]
    fn the_board_filters_sorts_and_groups() {
        let mut rows = vec![
            row("Cara", Some(Rating::Meets), Some(Rating::Meets)),
            row("Ann", Some(Rating::Strong), Some(Rating::Exceptional)),
            row("Bo", Some(Rating::Below), Some(Rating::Below)),
        ];
        rows[2].team = "Platform".into();
        rows[2].manager = "Sam".into();
        let names = |groups: Vec<(String, Vec<&BoardRow>)>| {
            groups
                .into_iter()
                .map(|(g, rs)| (g, rs.into_iter().map(|r| r.name.clone()).collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        };
        let q = BoardQuery::default();
        assert_eq!(
            names(q.apply(&rows)),
            vec![(String::new(), vec!["Ann".into(), "Bo".into(), "Cara".into()])]
        );
        let q = BoardQuery { sort: "rating".into(), ..Default::default() };
        assert_eq!(names(q.apply(&rows))[0].1, vec!["Ann", "Cara", "Bo"]);
        let q = BoardQuery { only: "outliers".into(), ..Default::default() };
        assert_eq!(names(q.apply(&rows))[0].1, vec!["Ann", "Bo"]);
        let q = BoardQuery { only: "changed".into(), ..Default::default() };
        assert_eq!(names(q.apply(&rows))[0].1, vec!["Ann"]);
        let q = BoardQuery { group: "team".into(), ..Default::default() };
        assert_eq!(
            names(q.apply(&rows)),
            vec![
                ("Payments".into(), vec!["Ann".into(), "Cara".into()]),
                ("Platform".into(), vec!["Bo".into()])
            ]
        );
        let q = BoardQuery::from_pairs(|k| match k {
            "q" => Some(" CAR "),
            _ => None,
        });
        assert_eq!(names(q.apply(&rows))[0].1, vec!["Cara"]);
    }

    #[test]
    fn a_large_board_is_paged_and_walked_person_by_person_across_pages() {
        // 120 people in two teams, named so that name order is entry order.
        let rows: Vec<BoardRow> = (1..=120)
            .map(|i| {
                let mut r = row(&format!("P{i:03}"), Some(Rating::Meets), Some(Rating::Meets));
                r.entry_id = EntryId(i);
                r.team = if i <= 70 { "Alpha" } else { "Beta" }.into();
                r
            })
            .collect();
        let q = BoardQuery::default();
        let first = q.page(&rows, None, None);
        assert_eq!((first.page, first.pages, first.matching), (1, 3, 120));
        assert_eq!(first.groups[0].1.len(), BOARD_PAGE);
        assert_eq!((first.position, first.previous, first.next), (None, None, None));
        // The open person's page is shown, and next crosses into the following page.
        let at = q.page(&rows, None, Some(EntryId(100)));
        assert_eq!((at.page, at.position), (2, Some(100)));
        assert_eq!((at.previous, at.next), (Some(EntryId(99)), Some(EntryId(101))));
        let last_on_page = q.page(&rows, None, Some(EntryId(50)));
        assert_eq!((last_on_page.page, last_on_page.next), (1, Some(EntryId(51))));
        let end = q.page(&rows, None, Some(EntryId(120)));
        assert_eq!((end.page, end.next, end.previous), (3, None, Some(EntryId(119))));
        assert_eq!(end.groups[0].1.len(), 20);
        // An asked page wins over the person's and is kept in range.
        assert_eq!(q.page(&rows, Some(1), Some(EntryId(120))).page, 1);
        assert_eq!(q.page(&rows, Some(9), None).page, 3);
        assert_eq!(q.page(&rows, Some(0), None).page, 1);
        // Grouped, page 2 holds the end of Alpha and the start of Beta, each headed.
        let grouped = BoardQuery { group: "team".into(), ..Default::default() };
        let page = grouped.page(&rows, Some(2), None);
        let heads: Vec<(&str, usize)> =
            page.groups.iter().map(|(g, m)| (g.as_str(), m.len())).collect();
        assert_eq!(heads, vec![("Alpha", 20), ("Beta", 30)]);
        // Someone the filters leave out has no place and no neighbours.
        let only = BoardQuery { team: "Beta".into(), ..Default::default() };
        let out = only.page(&rows, None, Some(EntryId(3)));
        assert_eq!((out.page, out.position, out.next, out.matching), (1, None, None, 50));
    }

    #[test]
    fn the_nine_box_places_people_by_potential_and_calibrated_performance() {
        let mut rows = vec![
            row("A", None, Some(Rating::Exceptional)),
            row("B", None, Some(Rating::Meets)),
            row("C", None, Some(Rating::Developing)),
        ];
        rows[0].potential = Some(Potential::High);
        rows[1].potential = Some(Potential::High);
        let grid = nine_box(&rows);
        assert_eq!(grid[0].0, Potential::High);
        let high: Vec<(Performance, usize)> =
            grid[0].1.iter().map(|(p, people)| (*p, people.len())).collect();
        assert_eq!(
            high,
            vec![(Performance::Low, 0), (Performance::Moderate, 1), (Performance::High, 1)]
        );
        assert_eq!(
            grid.iter()
                .map(|(_, cells)| cells.iter().map(|c| c.1.len()).sum::<usize>())
                .sum::<usize>(),
            2,
            "no potential: not placed"
        );
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn the_report_suppresses_small_groups_tests_and_flags_the_four_fifths_rule() {
        let mut pairs = Vec::new();
        // Group A: 20 people, 10 top; group B: 20 people, 2 top; group C: 3 people.
        for i in 0..20 {
            pairs.push(("A".to_string(), if i < 10 { Rating::Strong } else { Rating::Meets }));
            pairs.push(("B".to_string(), if i < 2 { Rating::Strong } else { Rating::Meets }));
        }
        for _ in 0..3 {
            pairs.push(("C".to_string(), Rating::Exceptional));
        }
        for _ in 0..3 {
            pairs.push(("D".to_string(), Rating::Meets));
        }
        let r = dimension_result(&pairs, false);
        assert_eq!(r.suppressed_groups, 2);
        assert_eq!(r.groups.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(), vec!["A", "B"]);
        assert!((r.groups[1].top_share.unwrap() - 10.0).abs() < 1e-9);
        assert!(r.groups[1].flagged && !r.groups[0].flagged);
        // A 2x2 table (top or meets) with large counts: chi-square, and the difference is real.
        let test = r.test.unwrap();
        assert_eq!(test.name, "Chi-square");
        assert!(test.significant(), "p = {}", test.p_value);
        // 10/20 against 2/20 by hand: chi-square 7.62 on 1 df.
        assert!((test.statistic - 7.619).abs() < 0.01, "{}", test.statistic);
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn one_hidden_group_takes_the_smallest_shown_group_with_it() {
        let mut pairs = vec![("Small".to_string(), Rating::Below); 2];
        pairs.extend(vec![("Big".to_string(), Rating::Meets); 30]);
        pairs.extend(vec![("Medium".to_string(), Rating::Strong); 6]);
        let r = dimension_result(&pairs, false);
        assert_eq!(
            r.groups.iter().map(|g| g.label.as_str()).collect::<Vec<_>>(),
            vec!["Big"],
            "Small alone could be read off the totals"
        );
        assert_eq!(r.suppressed_groups, 2);
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn dimensions_cover_team_manager_tenure_and_each_attribute_before_and_after() {
        let person = |team: &str, gender: &str, before, after| ReportPerson {
            team: team.into(),
            manager: "M".into(),
            tenure: "1 to 2 years",
            attributes: vec![("Gender".into(), gender.into())],
            before: Some(before),
            after: Some(after),
        };
        let people: Vec<ReportPerson> = (0..12)
            .map(|i| {
                person(
                    if i < 6 { "X" } else { "Y" },
                    if i % 2 == 0 { "Woman" } else { "Man" },
                    Rating::Strong,
                    if i < 6 { Rating::Meets } else { Rating::Strong },
                )
            })
            .collect();
        let dims = dimensions(&people);
        assert_eq!(
            dims.iter().map(|d| (d.name.as_str(), d.demographic)).collect::<Vec<_>>(),
            vec![("Team", false), ("Manager", false), ("Tenure", false), ("Gender", true)]
        );
        assert_eq!(dims[0].before.groups[0].counts, Some([0, 6, 0, 0, 0]));
        assert_eq!(dims[0].after.groups[0].counts, Some([0, 0, 6, 0, 0]));
        assert!(dims[0].before.test.is_none(), "one band only before: nothing to test");
        assert_eq!(dims[0].after.test.as_ref().unwrap().name, "Fisher's exact");
        assert!(dims[1].after.test.is_none(), "one manager: nothing to compare");
    }

    /// A board built to disclose: 39 people, everyone rated Developing or Below is a man. Read
    /// beside the board, no number of the gender table may tell anyone's group or band.
    #[test]
    #[cfg(feature = "ssr")]
    fn a_demographic_table_singles_nobody_out() {
        let person = |gender: &str, rating| ReportPerson {
            team: "T".into(),
            manager: "M".into(),
            tenure: "1 to 2 years",
            attributes: vec![("Gender".into(), gender.into())],
            before: Some(rating),
            after: Some(rating),
        };
        let mut people = Vec::new();
        people.extend((0..4).map(|_| person("Man", Rating::Developing)));
        people.extend((0..2).map(|_| person("Man", Rating::Below)));
        people.extend((0..12).map(|_| person("Man", Rating::Meets)));
        people.extend((0..2).map(|_| person("Man", Rating::Strong)));
        people.extend((0..14).map(|_| person("Woman", Rating::Meets)));
        people.extend((0..5).map(|_| person("Woman", Rating::Strong)));
        let gender = dimensions(&people).pop().unwrap();
        assert!(gender.demographic);
        for result in [&gender.before, &gender.after] {
            for g in &result.groups {
                assert_eq!(g.counts, None, "no counts per rating for {}", g.label);
            }
            let men = result.groups.iter().find(|g| g.label == "Man").unwrap();
            let women = result.groups.iter().find(|g| g.label == "Woman").unwrap();
            assert_eq!((men.people, women.people), (20, 19), "group sizes are published");
            // Men: 2 top, 18 not: too few on the top side. Hidden, and the women's with it,
            // since the board's 7 top ratings less the women's 5 would give the men's 2.
            assert_eq!((men.top_share, women.top_share), (None, None));
            assert_eq!((men.impact_ratio, women.impact_ratio), (None, None));
            assert!(result.test.is_some(), "the test of independence stays");
        }
        // The same board's team table (people on the board read its rows) keeps its counts.
        let team = &dimensions(&people)[0];
        assert_eq!(team.after.groups[0].counts, Some([0, 7, 26, 4, 2]));
        // With enough on both sides, shares are published.
        let mut even = Vec::new();
        for gender in ["Man", "Woman"] {
            even.extend((0..4).map(|_| person(gender, Rating::Strong)));
            even.extend((0..6).map(|_| person(gender, Rating::Meets)));
        }
        let shown = dimensions(&even).pop().unwrap();
        assert!(shown.after.groups.iter().all(|g| g.top_share == Some(40.0)));
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn consistency_compares_the_boards_teams_with_the_company() {
        let company = [10, 30, 45, 10, 5];
        let mut team = vec![("A".to_string(), Rating::Exceptional); 10];
        team.extend(vec![("A".to_string(), Rating::Meets); 10]);
        team.push(("B".to_string(), Rating::Below));
        let gap = consistency(&team, &company).unwrap();
        assert!((gap - 40.0).abs() < 1e-9, "A: 50% Exceptional against 10%: {gap}");
        assert_eq!(consistency(&team[20..], &company), None, "a team of one is left out");
        // Five-person teams whose shares swing 20 points a person: no figure, no alarm.
        let small: Vec<(String, Rating)> = (0..6)
            .flat_map(|t| {
                let rating = if t % 2 == 0 { Rating::Exceptional } else { Rating::Below };
                vec![(format!("team {t}"), rating); 5]
            })
            .collect();
        assert_eq!(consistency(&small, &company), None, "too few people per team to mean anything");
    }

    #[test]
    fn leniency_is_the_mean_shift_from_preliminary_to_calibrated() {
        let rows = vec![
            ("Elena".to_string(), "H1".to_string(), Rating::Exceptional, Rating::Strong),
            ("Elena".to_string(), "H1".to_string(), Rating::Strong, Rating::Strong),
            ("Elena".to_string(), "H2".to_string(), Rating::Meets, Rating::Strong),
            ("Sam".to_string(), "H2".to_string(), Rating::Meets, Rating::Meets),
        ];
        let l = leniency(&rows);
        assert_eq!(l[0].manager, "Elena");
        assert_eq!(
            l[0].cycles[0],
            LeniencyCycle { cycle: "H1".into(), rated: 2, raised: 0, lowered: 1, mean_shift: 0.5 }
        );
        assert_eq!(
            l[0].cycles[1],
            LeniencyCycle { cycle: "H2".into(), rated: 1, raised: 1, lowered: 0, mean_shift: -1.0 }
        );
        assert_eq!(l[1].cycles[0].mean_shift, 0.0);
    }
}
