//! Dates, numbers and excerpts in plain words.

use chrono::{Datelike, NaiveDate};

/// "12 March 2024".
pub fn date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// The day of a timestamp, "12 March 2024".
pub fn datetime_date(t: chrono::NaiveDateTime) -> String {
    date(t.date())
}

/// "Friday, 3 days left", "today", "yesterday, overdue", "in 5 weeks": how far a deadline is.
pub fn deadline(due: NaiveDate, today: NaiveDate) -> String {
    let days = (due - today).num_days();
    let weekday = due.format("%A").to_string();
    match days {
        0 => "due today".into(),
        1 => format!("due tomorrow, {weekday}"),
        2..=6 => format!("due {weekday}, {days} days left"),
        7..=13 => format!("due {weekday} next week, {days} days left"),
        d if d >= 14 => format!("due {}, {} weeks left", short_date(due, today), d / 7),
        -1 => "was due yesterday, 1 day overdue".into(),
        d => format!("was due {}, {} days overdue", short_date(due, today), -d),
    }
}

/// "3 March" within the current year, "3 March 2023" otherwise.
pub fn short_date(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%-d %B").to_string()
    } else {
        date(d)
    }
}

/// "1 person", "12 people", "46,833 people".
pub fn people_count(n: i64) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{} people", thousands(n))
    }
}

/// "46,833": digits grouped in threes, as people read large counts.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A count that stopped at [`crate::kernel::COUNT_UP_TO`] + 1: "312", or "more than 1,000".
pub fn counted(n: i64) -> String {
    if n > crate::kernel::COUNT_UP_TO {
        format!("more than {}", thousands(crate::kernel::COUNT_UP_TO))
    } else {
        thousands(n)
    }
}

/// "1 report", "7 reports".
pub fn reports_count(n: i64) -> String {
    if n == 1 {
        "1 direct report".into()
    } else {
        format!("{n} direct reports")
    }
}

/// Percent-encodes a value for a URL query string (space as `+`).
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// At most `max` characters of `text`, trimmed, with "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>().trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deadlines_read_as_plain_words() {
        let today = d(2026, 11, 25); // a Wednesday
        assert_eq!(deadline(d(2026, 11, 25), today), "due today");
        assert_eq!(deadline(d(2026, 11, 26), today), "due tomorrow, Thursday");
        assert_eq!(deadline(d(2026, 11, 27), today), "due Friday, 2 days left");
        assert_eq!(deadline(d(2026, 12, 4), today), "due Friday next week, 9 days left");
        assert_eq!(deadline(d(2027, 1, 20), today), "due 20 January 2027, 8 weeks left");
        assert_eq!(deadline(d(2026, 11, 24), today), "was due yesterday, 1 day overdue");
        assert_eq!(deadline(d(2026, 11, 20), today), "was due 20 November, 5 days overdue");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(url_encode("Ana & Bo/50%"), "Ana+%26+Bo%2F50%25");
        assert_eq!(url_encode("café"), "caf%C3%A9");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(people_count(1), "1 person");
        assert_eq!(people_count(120), "120 people");
        assert_eq!(people_count(46_833), "46,833 people");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(-1_234_567), "-1,234,567");
        assert_eq!(counted(1_000), "1,000");
        assert_eq!(counted(1_001), "more than 1,000");
        assert_eq!(reports_count(1), "1 direct report");
    }

    #[test]
    fn an_excerpt_cuts_at_characters_not_bytes() {
        assert_eq!(excerpt("  short  ", 10), "short");
        assert_eq!(excerpt("Ünïcödé text here", 7), "Ünïcödé…");
        assert_eq!(excerpt("two words", 4), "two…", "no space before the ellipsis");
    }
}
