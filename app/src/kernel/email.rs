//! Email addresses typed into forms: one work address (a new manager), or a list of them
//! (endorsers, a panel). Trellis matches addresses against the people it knows, so this only
//! reads the shape: trimmed, lowercased, of a length an address can have, with one `@`
//! between a local part and a domain. Whether anyone has the address is the caller's lookup.

/// The longest address (RFC 5321's path limit less its angle brackets).
pub const MAX_LEN: usize = 254;

/// Why typed text is not an address or a list of them; each reads as a field error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailProblem {
    Empty,
    /// Not shaped like an address: the text as typed, cut to [`MAX_LEN`] characters.
    NotAnAddress(String),
    TooMany {
        max: usize,
    },
}

impl std::fmt::Display for EmailProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => write!(f, "Enter a work email address."),
            Self::NotAnAddress(raw) => {
                write!(f, "{raw} is not an email address: enter one like name@company.com.")
            }
            Self::TooMany { max } => write!(f, "Enter at most {max} work email addresses."),
        }
    }
}

/// One address, lowercased.
pub fn address(raw: &str) -> Result<String, EmailProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(EmailProblem::Empty);
    }
    let shaped = raw.len() <= MAX_LEN
        && !raw.chars().any(|c| c.is_whitespace() || c.is_control() || c == ',')
        && matches!(raw.split_once('@'), Some((local, domain))
            if !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
    if !shaped {
        return Err(EmailProblem::NotAnAddress(raw.chars().take(MAX_LEN).collect()));
    }
    Ok(raw.to_lowercase())
}

/// Addresses separated by commas, spaces or new lines, lowercased, each once, in the order
/// typed; at most `max` (checked before anything else, so a huge list costs nothing).
pub fn address_list(raw: &str, max: usize) -> Result<Vec<String>, Vec<EmailProblem>> {
    let typed: Vec<&str> =
        raw.split(|c: char| c == ',' || c.is_whitespace()).filter(|e| !e.is_empty()).collect();
    if typed.len() > max {
        return Err(vec![EmailProblem::TooMany { max }]);
    }
    if typed.is_empty() {
        return Err(vec![EmailProblem::Empty]);
    }
    let mut found: Vec<String> = Vec::with_capacity(typed.len());
    let mut problems = Vec::new();
    for entry in typed {
        match address(entry) {
            Ok(a) if !found.contains(&a) => found.push(a),
            Ok(_) => {}
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_address_is_trimmed_lowercased_and_shaped() {
        assert_eq!(
            address(" Tom.Becker@Lumen.Example ").as_deref(),
            Ok("tom.becker@lumen.example")
        );
        assert_eq!(address("   "), Err(EmailProblem::Empty));
        for bad in ["tom", "@lumen.example", "tom@", "a@b@c", "tom becker@x.y", "a,b@c"] {
            assert!(matches!(address(bad), Err(EmailProblem::NotAnAddress(_))), "{bad}");
        }
        let long = format!("{}@x.y", "a".repeat(MAX_LEN));
        assert!(
            matches!(address(&long), Err(EmailProblem::NotAnAddress(t)) if t.chars().count() == MAX_LEN)
        );
    }

    #[test]
    fn a_list_is_split_deduplicated_and_bounded() {
        assert_eq!(
            address_list("a@x.y, B@x.y\nb@x.y  c@x.y", 12),
            Ok(vec!["a@x.y".to_string(), "b@x.y".into(), "c@x.y".into()])
        );
        assert_eq!(address_list(" , \n", 12), Err(vec![EmailProblem::Empty]));
        let many = vec!["a@x.y"; 13].join(",");
        assert_eq!(address_list(&many, 12), Err(vec![EmailProblem::TooMany { max: 12 }]));
        assert_eq!(
            address_list("a@x.y nope", 12),
            Err(vec![EmailProblem::NotAnAddress("nope".into())])
        );
    }

    proptest! {
        #![proptest_config(crate::kernel::fuzz::budget(2_000))]

        /// Whatever is typed: no panic, and what comes back is what the rules say.
        #[test]
        fn any_text_reads_as_addresses_or_field_errors(raw in "\\PC{0,400}|[a-zA-Z@., \n]{0,400}") {
            match address_list(&raw, 12) {
                Ok(list) => {
                    prop_assert!(!list.is_empty() && list.len() <= 12);
                    for a in &list {
                        prop_assert_eq!(address(a), Ok(a.clone()), "stable");
                        prop_assert_eq!(list.iter().filter(|b| *b == a).count(), 1);
                    }
                }
                Err(problems) => {
                    prop_assert!(!problems.is_empty() && problems.len() <= 12);
                    for p in problems {
                        prop_assert!(p.to_string().chars().count() < MAX_LEN + 80, "bounded message");
                    }
                }
            }
        }
    }
}
