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
}
