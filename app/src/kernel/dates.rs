//! Dates typed into forms.

use chrono::NaiveDate;

/// The years a date in a form may fall in: wide enough for any hire date or deadline, narrow
/// enough that adding a few years to it (reminders, tenure, the next cycle) never overflows.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// A date as a form sends it (`2026-12-31`), when it is one and falls within [`YEARS`]: the one
/// parser every form uses, so no form can store a date that breaks a page later.
pub fn form_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_date_is_a_real_date_within_bounds() {
        assert_eq!(form_date(" 2026-12-31 "), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(form_date("1900-01-01"), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(form_date("2199-12-31"), NaiveDate::from_ymd_opt(2199, 12, 31));
        for bad in [
            "",
            "2026-02-30",
            "31/12/2026",
            "1899-12-31",
            "2200-01-01",
            "+262143-01-01",
            "-0001-01-01",
            "99999-01-01",
        ] {
            assert_eq!(form_date(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::kernel::fuzz::budget(2_000))]

        /// Any text: no panic, and a date only within the bounds.
        #[test]
        fn any_text_is_a_bounded_date_or_none(raw in "\\PC{0,40}|[-+ 0-9]{0,24}") {
            if let Some(d) = form_date(&raw) {
                proptest::prop_assert!(YEARS.contains(&chrono::Datelike::year(&d)));
                // What the page shows again reads as the same date.
                proptest::prop_assert_eq!(form_date(&d.format("%Y-%m-%d").to_string()), Some(d));
            }
        }

        /// Every day of the bounds, as a browser's date input sends it, is read back.
        #[test]
        fn every_day_within_the_bounds_reads_back(days in 0i64..(300 * 366)) {
            let day = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
            let expected = YEARS.contains(&chrono::Datelike::year(&day)).then_some(day);
            proptest::prop_assert_eq!(form_date(&day.format("%Y-%m-%d").to_string()), expected);
        }
    }
}
