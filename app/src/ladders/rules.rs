//! Pure rules of the career ladders: the next step from a level, the lint HR sees while
//! editing a draft, and the differences between two versions. No I/O: unit-tested below.

use super::types::*;
use crate::org::types::{Level, Track};
use std::collections::{BTreeSet, HashMap};

/// The next step from `current`: one level up on the same track, and the level at the same
/// seniority on the other track where both tracks exist (management runs beside IC from L3).
/// Only levels the ladder actually describes are offered.
pub fn next_steps(ladder: &Ladder, current: Level) -> NextSteps {
    let exists = |l: Option<Level>| l.filter(|l| ladder.level(*l).is_some());
    let up = exists(Level::new(current.track, current.number + 1));
    let across = exists(match current.track {
        Track::Ic if current.number >= 3 => Level::new(Track::Management, current.number - 2),
        Track::Management => Level::new(Track::Ic, current.number + 2),
        Track::Ic => None,
    });
    NextSteps { up, across }
}

/// Words that say nothing observable on their own; a criterion using them needs an example.
const VAGUE_WORDS: &[&str] = &[
    "demonstrates",
    "strong",
    "good",
    "excellent",
    "effective",
    "effectively",
    "appropriate",
    "appropriately",
    "various",
    "etc",
    "leadership",
    "great",
    "solid",
    "proactive",
    "passionate",
    "synergy",
    "as needed",
];

fn is_vague(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    VAGUE_WORDS.iter().any(|v| if v.contains(' ') { lower.contains(v) } else { words.contains(v) })
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_end_matches('.')
        .to_string()
}

/// What HR should fix before publishing. The ladder parsed, so these are about content:
/// criteria nobody could check, gaps, copy-paste between levels, dead ends.
pub fn lint(ladder: &Ladder) -> Vec<LintWarning> {
    let mut warnings = Vec::new();
    let warn =
        |level: &LadderLevel, message: String| LintWarning { level: Some(level.code()), message };
    let mut seen_text: HashMap<String, String> = HashMap::new();
    for level in &ladder.levels {
        let code = level.code();
        for (label, text) in level.facts() {
            if text.trim().is_empty() {
                warnings.push(warn(level, format!("{code} has no {}.", label.to_lowercase())));
            }
        }
        for dimension in Dimension::ALL {
            if level.criteria_in(dimension).next().is_none() {
                warnings.push(warn(
                    level,
                    format!("{code} has no criteria for {}.", dimension.label().to_lowercase()),
                ));
            }
        }
        for criterion in &level.criteria {
            let has_example = criterion.examples.iter().any(|e| !e.trim().is_empty());
            if !has_example && is_vague(&criterion.text) {
                warnings.push(warn(
                    level,
                    format!(
                        "{code}: \u{201c}{}\u{201d} is vague and has no behavioural example. Say what someone at this level does, or add an example.",
                        criterion.text
                    ),
                ));
            } else if !has_example {
                warnings.push(warn(
                    level,
                    format!(
                        "{code}: \u{201c}{}\u{201d} has no behavioural example.",
                        criterion.text
                    ),
                ));
            }
            let key = normalise(&criterion.text);
            match seen_text.get(&key) {
                Some(other) if *other != code => warnings.push(warn(
                    level,
                    format!("{code} repeats a criterion of {other} word for word: \u{201c}{}\u{201d}. Say how the expectation grows.", criterion.text),
                )),
                Some(_) => {}
                None => {
                    seen_text.insert(key, code.clone());
                }
            }
        }
        let steps = next_steps(ladder, level.level);
        let top_of_track = Level::new(level.level.track, level.level.number + 1).is_none();
        if steps.up.is_none() && !top_of_track {
            let missing = Level::new(level.level.track, level.level.number + 1)
                .map(|l| l.code())
                .unwrap_or_default();
            warnings.push(warn(
                level,
                format!("{code} has no next step: the ladder does not describe {missing}."),
            ));
        }
    }
    if ladder.levels.is_empty() {
        warnings.push(LintWarning { level: None, message: "The ladder has no levels yet.".into() });
    }
    warnings
}

/// What changed between two versions of a ladder, level by level, in ladder order.
pub fn diff(before: &Ladder, after: &Ladder) -> Vec<LevelChange> {
    let mut order: Vec<Level> = after.levels.iter().map(|l| l.level).collect();
    for l in &before.levels {
        if !order.contains(&l.level) {
            order.push(l.level);
        }
    }
    order.sort_by_key(|l| (l.track == Track::Management, l.number));
    order
        .into_iter()
        .filter_map(|level| match (before.level(level), after.level(level)) {
            (None, Some(a)) => Some(LevelChange {
                code: a.code(),
                title: a.title.clone(),
                kind: ChangeKind::Added,
                fields: vec![],
                criteria_removed: vec![],
                criteria_added: a.criteria.clone(),
            }),
            (Some(b), None) => Some(LevelChange {
                code: b.code(),
                title: b.title.clone(),
                kind: ChangeKind::Removed,
                fields: vec![],
                criteria_removed: b.criteria.clone(),
                criteria_added: vec![],
            }),
            (Some(b), Some(a)) => level_change(b, a),
            (None, None) => None,
        })
        .collect()
}

fn level_change(before: &LadderLevel, after: &LadderLevel) -> Option<LevelChange> {
    let mut fields = Vec::new();
    if before.title != after.title {
        fields.push(("Title".to_string(), before.title.clone(), after.title.clone()));
    }
    for ((label, b), (_, a)) in before.facts().into_iter().zip(after.facts()) {
        if b != a {
            fields.push((label.to_string(), b.to_string(), a.to_string()));
        }
    }
    // A criterion whose text or examples changed shows as removed and added: the reader
    // sees the old and the new wording side by side.
    let key = |c: &Criterion| (c.dimension, c.text.clone(), c.examples.clone());
    let before_set: BTreeSet<_> = before.criteria.iter().map(key).collect();
    let after_set: BTreeSet<_> = after.criteria.iter().map(key).collect();
    let criteria_removed: Vec<Criterion> =
        before.criteria.iter().filter(|c| !after_set.contains(&key(c))).cloned().collect();
    let criteria_added: Vec<Criterion> =
        after.criteria.iter().filter(|c| !before_set.contains(&key(c))).cloned().collect();
    if fields.is_empty() && criteria_removed.is_empty() && criteria_added.is_empty() {
        return None;
    }
    Some(LevelChange {
        code: after.code(),
        title: after.title.clone(),
        kind: ChangeKind::Changed,
        fields,
        criteria_removed,
        criteria_added,
    })
}

/// A change summary must say what changed, so people reading the history learn why.
pub fn check_change_summary(summary: &str) -> Result<String, &'static str> {
    let summary = summary.trim();
    if summary.chars().count() < 10 {
        return Err(
            "Describe what changed in this version in a sentence or two (at least 10 characters).",
        );
    }
    if summary.chars().count() > 2_000 {
        return Err("Keep the change summary under 2,000 characters.");
    }
    Ok(summary.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(dimension: Dimension, text: &str, example: Option<&str>) -> Criterion {
        Criterion {
            dimension,
            text: text.into(),
            examples: example.map(|e| vec![e.to_string()]).unwrap_or_default(),
        }
    }

    fn level(code: &str) -> LadderLevel {
        LadderLevel {
            level: Level::parse_code(code).unwrap(),
            title: format!("Title {code}"),
            scope: format!("Scope {code}"),
            autonomy: format!("Autonomy {code}"),
            impact: format!("Impact {code}"),
            experience: "2-4 years".into(),
            criteria: Dimension::ALL
                .into_iter()
                .map(|d| {
                    criterion(
                        d,
                        &format!("{code} does {} things", d.as_str()),
                        Some("For example, this."),
                    )
                })
                .collect(),
        }
    }

    fn ladder(codes: &[&str]) -> Ladder {
        Ladder {
            slug: "eng".into(),
            name: "Engineering".into(),
            description: "".into(),
            levels: codes.iter().map(|c| level(c)).collect(),
        }
    }

    fn full() -> Ladder {
        ladder(&["L1", "L2", "L3", "L4", "L5", "M1", "M2", "M3", "M4"])
    }

    fn code(l: Option<Level>) -> Option<String> {
        l.map(|l| l.code())
    }

    #[test]
    fn next_step_is_one_level_up_and_across_from_l3() {
        let l = full();
        let steps = |c: &str| next_steps(&l, Level::parse_code(c).unwrap());
        assert_eq!((code(steps("L1").up), code(steps("L1").across)), (Some("L2".into()), None));
        assert_eq!(
            (code(steps("L2").up), code(steps("L2").across)),
            (Some("L3".into()), None),
            "management starts beside L3"
        );
        assert_eq!(
            (code(steps("L3").up), code(steps("L3").across)),
            (Some("L4".into()), Some("M1".into()))
        );
        assert_eq!(
            (code(steps("L5").up), code(steps("L5").across)),
            (None, Some("M3".into())),
            "top of the IC track"
        );
        assert_eq!(
            (code(steps("M1").up), code(steps("M1").across)),
            (Some("M2".into()), Some("L3".into()))
        );
        assert_eq!(
            (code(steps("M4").up), code(steps("M4").across)),
            (None, None),
            "nothing beside VP"
        );
    }

    #[test]
    fn next_step_only_offers_levels_the_ladder_describes() {
        let l = ladder(&["L1", "L2", "L3"]);
        let steps = next_steps(&l, Level::parse_code("L3").unwrap());
        assert_eq!(steps, NextSteps { up: None, across: None });
    }

    #[test]
    fn a_complete_ladder_has_no_warnings() {
        assert_eq!(lint(&full()), vec![]);
    }

    #[test]
    fn lint_flags_vague_criteria_without_examples() {
        let mut l = full();
        l.levels[2].criteria[2] = criterion(Dimension::Leadership, "Demonstrates leadership", None);
        let w = lint(&l);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].level.as_deref(), Some("L3"));
        assert!(w[0].message.contains("vague"), "{}", w[0].message);
        // With a behavioural example the same words are acceptable.
        l.levels[2].criteria[2].examples =
            vec!["Runs the incident review and assigns owners to every follow-up.".into()];
        assert_eq!(lint(&l), vec![]);
    }

    #[test]
    fn lint_flags_a_concrete_criterion_without_example_less_severely() {
        let mut l = full();
        l.levels[0].criteria[0].examples.clear();
        let w = lint(&l);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("no behavioural example") && !w[0].message.contains("vague"));
    }

    #[test]
    fn lint_flags_a_missing_dimension_and_missing_facts() {
        let mut l = full();
        l.levels[1].criteria.retain(|c| c.dimension != Dimension::Values);
        l.levels[1].impact = "  ".into();
        let messages: Vec<String> = lint(&l).into_iter().map(|w| w.message).collect();
        assert!(messages.contains(&"L2 has no criteria for values.".to_string()), "{messages:?}");
        assert!(messages.contains(&"L2 has no impact.".to_string()), "{messages:?}");
    }

    #[test]
    fn lint_flags_the_same_text_at_two_levels() {
        let mut l = full();
        l.levels[3].criteria[1].text = "l3 does  execution things.".into();
        let w = lint(&l);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.starts_with("L4 repeats a criterion of L3"), "{}", w[0].message);
    }

    #[test]
    fn lint_flags_a_level_with_no_next_step() {
        let l = ladder(&["L1", "L2", "L4", "L5"]);
        let messages: Vec<String> = lint(&l).into_iter().map(|w| w.message).collect();
        assert_eq!(
            messages,
            vec!["L2 has no next step: the ladder does not describe L3.".to_string()]
        );
    }

    #[test]
    fn diff_shows_added_removed_and_changed_levels() {
        let before = ladder(&["L1", "L2", "L3"]);
        let mut after = ladder(&["L1", "L2", "L4"]);
        after.levels[1].scope = "A bigger scope".into();
        after.levels[1].criteria[0].text = "Writes tested code".into();
        let changes = diff(&before, &after);
        let summary: Vec<(String, ChangeKind)> =
            changes.iter().map(|c| (c.code.clone(), c.kind)).collect();
        assert_eq!(
            summary,
            vec![
                ("L2".into(), ChangeKind::Changed),
                ("L3".into(), ChangeKind::Removed),
                ("L4".into(), ChangeKind::Added)
            ]
        );
        let l2 = &changes[0];
        assert_eq!(
            l2.fields,
            vec![("Scope".to_string(), "Scope L2".to_string(), "A bigger scope".to_string())]
        );
        assert_eq!(l2.criteria_removed[0].text, "L2 does technical things");
        assert_eq!(l2.criteria_added[0].text, "Writes tested code");
        assert_eq!(diff(&after, &after), vec![], "a version does not differ from itself");
    }

    #[test]
    fn change_summary_must_say_something() {
        assert!(check_change_summary("  fix ").is_err());
        assert_eq!(
            check_change_summary("  Clarified L4 scope. "),
            Ok("Clarified L4 scope.".to_string())
        );
    }
}
