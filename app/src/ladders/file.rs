//! Ladders as files: the TOML format HR can keep in git, read with line-numbered errors.
//! A file either parses completely into a [`Ladder`] or yields every problem found, so an
//! import changes nothing until the file is right.

use super::types::*;
use crate::org::types::{Level, Track};
use serde::Deserialize;
use toml::Spanned;

/// The largest ladder file accepted (a complete ladder is about 40 KB).
pub const MAX_FILE_BYTES: usize = 512 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLadder {
    slug: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    levels: Vec<RawLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    code: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    autonomy: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    experience: String,
    #[serde(default)]
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    dimension: Spanned<String>,
    text: Spanned<String>,
    #[serde(default)]
    examples: Vec<String>,
}

/// The 1-based line of a byte offset.
fn line_at(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())].iter().filter(|b| **b == b'\n').count() + 1
}

/// A valid slug: what a URL and a file name can hold without escaping.
pub fn is_valid_slug(slug: &str) -> bool {
    (1..=40).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// Reads a ladder file. Errors carry the line they were found on, in file order.
pub fn parse(source: &str) -> Result<Ladder, Vec<FileError>> {
    if source.len() > MAX_FILE_BYTES {
        return Err(vec![FileError {
            line: 1,
            message: format!("The file is larger than {} KB.", MAX_FILE_BYTES / 1024),
        }]);
    }
    let raw: RawLadder = toml::from_str(source).map_err(|e| {
        let line = e.span().map(|s| line_at(source, s.start)).unwrap_or(1);
        // The parser's message repeats the location as a source excerpt; the first line is
        // the reason.
        let message = e.message().lines().next().unwrap_or("not valid TOML").trim().to_string();
        vec![FileError { line, message: sentence(&message) }]
    })?;
    let mut errors = Vec::new();
    let mut error = |span: std::ops::Range<usize>, message: String| {
        errors.push(FileError { line: line_at(source, span.start), message })
    };

    let slug = raw.slug.get_ref().trim().to_string();
    if !is_valid_slug(&slug) {
        error(
            raw.slug.span(),
            "slug must be 1-40 lowercase letters, digits or dashes, like \"engineering\".".into(),
        );
    }
    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty() {
        error(raw.name.span(), "name must not be empty.".into());
    }
    let mut levels: Vec<LadderLevel> = Vec::new();
    for raw_level in raw.levels {
        let code = raw_level.code.get_ref().trim().to_string();
        let level = Level::parse_code(&code);
        match level {
            None => error(
                raw_level.code.span(),
                format!("\"{code}\" is not a level: use L1 to L5 (individual contributor) or M1 to M4 (management)."),
            ),
            Some(l) if levels.iter().any(|other| other.level == l) => error(raw_level.code.span(), format!("{code} is described twice.")),
            Some(_) => {}
        }
        if raw_level.title.get_ref().trim().is_empty() {
            error(raw_level.title.span(), format!("{code} needs a title."));
        }
        // The criteria are checked even under a bad level code, so one import shows every
        // problem at once.
        let mut criteria = Vec::new();
        for raw_criterion in raw_level.criteria {
            let dimension = Dimension::parse(raw_criterion.dimension.get_ref().trim());
            if dimension.is_none() {
                error(
                    raw_criterion.dimension.span(),
                    format!(
                        "\"{}\" is not a dimension: use technical, execution, leadership, communication or values.",
                        raw_criterion.dimension.get_ref()
                    ),
                );
            }
            if raw_criterion.text.get_ref().trim().is_empty() {
                error(raw_criterion.text.span(), format!("A criterion of {code} has no text."));
            }
            if let Some(dimension) = dimension {
                criteria.push(Criterion {
                    dimension,
                    text: raw_criterion.text.get_ref().trim().to_string(),
                    examples: raw_criterion
                        .examples
                        .into_iter()
                        .map(|e| e.trim().to_string())
                        .filter(|e| !e.is_empty())
                        .collect(),
                });
            }
        }
        let Some(level) = level.filter(|l| !levels.iter().any(|other| other.level == *l)) else {
            continue;
        };
        levels.push(LadderLevel {
            level,
            title: raw_level.title.into_inner().trim().to_string(),
            scope: raw_level.scope.trim().to_string(),
            autonomy: raw_level.autonomy.trim().to_string(),
            impact: raw_level.impact.trim().to_string(),
            experience: raw_level.experience.trim().to_string(),
            criteria,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    levels.sort_by_key(|l| (l.level.track == Track::Management, l.level.number));
    Ok(Ladder { slug, name, description: raw.description.trim().to_string(), levels })
}

/// Capitalised and ending in a full stop, as every other message Trellis shows.
fn sentence(message: &str) -> String {
    let mut s = message.trim_end_matches('.').to_string();
    if let Some(first) = s.get(0..1) {
        s.replace_range(0..1, &first.to_uppercase());
    }
    s.push('.');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"slug = "engineering"
name = "Engineering"
description = "For engineers."

[[levels]]
code = "L2"
title = "Software Engineer"
scope = "A feature"
autonomy = "Some"
impact = "The team"
experience = "2-4 years"

[[levels.criteria]]
dimension = "technical"
text = "Writes tested code."
examples = ["Adds tests with every change."]

[[levels]]
code = "L1"
title = "Junior Software Engineer"
"#;

    #[test]
    fn a_good_file_parses_with_levels_in_ladder_order() {
        let ladder = parse(GOOD).expect("parses");
        assert_eq!(ladder.slug, "engineering");
        let codes: Vec<String> = ladder.levels.iter().map(|l| l.code()).collect();
        assert_eq!(codes, ["L1", "L2"]);
        assert_eq!(ladder.levels[1].criteria[0].dimension, Dimension::Technical);
        assert_eq!(ladder.levels[1].criteria[0].examples, ["Adds tests with every change."]);
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let bad = GOOD.replace("scope = \"A feature\"", "scope = \"A feature");
        let errors = parse(&bad).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 8, "{:?}", errors);
    }

    #[test]
    fn unknown_keys_are_refused_with_their_line() {
        let bad = GOOD.replace("experience = \"2-4 years\"", "experiance = \"2-4 years\"");
        let errors = parse(&bad).unwrap_err();
        assert_eq!(errors[0].line, 11, "{:?}", errors);
        assert!(errors[0].message.contains("experiance"), "{}", errors[0].message);
    }

    #[test]
    fn every_content_error_is_reported_with_its_line() {
        let bad = GOOD
            .replace("slug = \"engineering\"", "slug = \"Engineering Ladder\"")
            .replace("dimension = \"technical\"", "dimension = \"tech\"")
            .replace("code = \"L1\"", "code = \"L2\"");
        let errors = parse(&bad).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 14, 19], "{errors:?}");
        assert!(errors[1].message.contains("not a dimension"));
        assert!(errors[2].message.contains("described twice"));
    }

    #[test]
    fn slugs_are_url_safe() {
        assert!(is_valid_slug("customer-success"));
        for bad in ["", "Eng", "a b", "-eng", "eng/../x"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    /// A TOML basic string holding `text` (which has no control characters).
    fn quoted(text: &str) -> String {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }

    proptest::proptest! {
        #![proptest_config(crate::kernel::fuzz::budget(500))]

        /// A good file with a piece cut out and other text put in: no panic, and every
        /// error names a line of the file and reads as a sentence.
        #[test]
        fn any_damage_to_a_file_is_reported_on_its_lines(
            cut in 0..GOOD.len(),
            cut_len in 0usize..40,
            inserted in "\\PC{0,20}|[\\[\\]=\"'{},.\n#a-z0-9 ]{0,20}",
        ) {
            let start = (0..=cut).rev().find(|&i| GOOD.is_char_boundary(i)).unwrap_or(0);
            let end = (start + cut_len).min(GOOD.len());
            let end = (end..=GOOD.len()).find(|&i| GOOD.is_char_boundary(i)).unwrap_or(GOOD.len());
            let damaged = format!("{}{inserted}{}", &GOOD[..start], &GOOD[end..]);
            let lines = damaged.lines().count() + 1;
            if let Err(errors) = parse(&damaged) {
                proptest::prop_assert!(!errors.is_empty());
                for e in errors {
                    proptest::prop_assert!((1..=lines).contains(&e.line), "{:?} in {} lines", e, lines);
                    proptest::prop_assert!(e.message.ends_with('.'), "{:?}", e);
                }
            }
        }

        /// Whatever people write in a ladder's texts (quotes, backslashes, any script) comes
        /// back from its file as written, trimmed.
        #[test]
        fn any_text_in_a_file_reads_back_as_written(
            name in "N\\PC{0,40}",
            title in "T\\PC{0,40}",
            scope in "\\PC{0,60}",
            criterion in "C\\PC{0,80}",
            example in "\\PC{0,60}",
        ) {
            let file = format!(
                "slug = \"x\"\nname = {}\n\n[[levels]]\ncode = \"M2\"\ntitle = {}\nscope = {}\n\n[[levels.criteria]]\ndimension = \"values\"\ntext = {}\nexamples = [{}]\n",
                quoted(&name), quoted(&title), quoted(&scope), quoted(&criterion), quoted(&example),
            );
            let ladder = parse(&file).map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e:?}\n{file}")))?;
            proptest::prop_assert_eq!(&ladder.name, name.trim());
            let level = &ladder.levels[0];
            proptest::prop_assert_eq!(&level.title, title.trim());
            proptest::prop_assert_eq!(&level.scope, scope.trim());
            proptest::prop_assert_eq!(&level.criteria[0].text, criterion.trim());
            let examples: Vec<&str> = [example.trim()].into_iter().filter(|e| !e.is_empty()).collect();
            proptest::prop_assert_eq!(&level.criteria[0].examples, &examples);
        }
    }
}
