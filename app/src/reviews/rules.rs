//! The pure rules of review cycles: what makes a cycle's settings sound, who may be a peer,
//! when evidence is too recent, and when a rating or development area would surprise the
//! person. No I/O, so every rule is unit-tested.

use super::types::*;
use crate::error::FieldError;
use crate::kernel::{DepartmentId, PersonId, Rating};
use crate::ui::format::excerpt;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// Longest answer to one question (a long, careful answer fits easily).
pub const MAX_ANSWER: usize = 10_000;
pub const MIN_PEERS: usize = 2;
pub const MAX_PEERS: usize = 3;
/// Reviews are delivered within a week of calibration.
pub const DELIVERY_WINDOW_DAYS: i64 = 7;
/// "The last month of the cycle", for the recency warning.
pub const RECENT_DAYS: i64 = 30;

/// The raw form of a new cycle, as typed.
#[derive(Debug, Clone, Default)]
pub struct CycleForm {
    pub name: String,
    pub period_start: String,
    pub period_end: String,
    pub scope: String,
    pub department_id: String,
    pub team_manager_id: String,
    pub hired_before: String,
    pub self_due: String,
    pub peer_due: String,
    pub manager_due: String,
    pub calibration_due: String,
    pub delivery_due: String,
    pub anonymous_peers: bool,
}

fn date(field: &str, raw: &str, label: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    match crate::kernel::form_date(raw) {
        Some(d) => Some(d),
        None if raw.trim().is_empty() => {
            errors.push(FieldError::new(field, format!("Enter the {label}.")));
            None
        }
        None => {
            errors.push(FieldError::new(
                field,
                format!("Enter the {label} as a real date, like 2026-12-31."),
            ));
            None
        }
    }
}

/// Parses HR's cycle form into settings, or every problem, each on its field.
pub fn parse_cycle(form: &CycleForm) -> Result<CycleSettings, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = form.name.trim().to_string();
    if name.is_empty() {
        errors.push(FieldError::new("name", "Give the cycle a name, like \"H2 2026 review\"."));
    } else if name.chars().count() > 120 {
        errors.push(FieldError::new("name", "Keep the name under 120 characters."));
    }
    let period_start =
        date("period_start", &form.period_start, "first day of the period", &mut errors);
    let period_end = date("period_end", &form.period_end, "last day of the period", &mut errors);
    let hired_before =
        date("hired_before", &form.hired_before, "start-date cut-off for new hires", &mut errors);
    let self_due = date("self_due", &form.self_due, "self-assessment deadline", &mut errors);
    let peer_due = date("peer_due", &form.peer_due, "peer feedback deadline", &mut errors);
    let manager_due =
        date("manager_due", &form.manager_due, "manager assessment deadline", &mut errors);
    let calibration_due =
        date("calibration_due", &form.calibration_due, "calibration deadline", &mut errors);
    let delivery_due = date("delivery_due", &form.delivery_due, "delivery deadline", &mut errors);
    let id = |raw: &str| raw.trim().parse::<DepartmentId>().ok();
    let person = |raw: &str| raw.trim().parse::<PersonId>().ok();
    let scope = match form.scope.as_str() {
        "everyone" | "" => Some(Scope::Everyone),
        "department" => id(&form.department_id).map(Scope::Department).or_else(|| {
            errors.push(FieldError::new("department_id", "Choose the department taking part."));
            None
        }),
        "team" => person(&form.team_manager_id).map(Scope::Team).or_else(|| {
            errors.push(FieldError::new(
                "team_manager_id",
                "Choose the manager whose organisation takes part.",
            ));
            None
        }),
        _ => {
            errors.push(FieldError::new("scope", "Choose who takes part."));
            None
        }
    };
    if let (Some(s), Some(e)) = (period_start, period_end) {
        if e <= s {
            errors.push(FieldError::new("period_end", "The period must end after it starts."));
        }
    }
    if let (Some(e), Some(s)) = (period_end, self_due) {
        if s < e - Duration::days(60) {
            errors.push(FieldError::new("self_due", "Self-assessments are due near the end of the period, when there is a whole cycle to look back on."));
        }
    }
    let order = [
        ("peer_due", peer_due, self_due, "Peer feedback is due on or after the self-assessments."),
        (
            "manager_due",
            manager_due,
            peer_due,
            "Manager assessments are due after peer feedback, so managers can read it.",
        ),
        (
            "calibration_due",
            calibration_due,
            manager_due,
            "Calibration comes after the manager assessments.",
        ),
        ("delivery_due", delivery_due, calibration_due, "Delivery comes after calibration."),
    ];
    for (field, later, earlier, message) in order {
        if let (Some(later), Some(earlier)) = (later, earlier) {
            if later < earlier {
                errors.push(FieldError::new(field, message));
            }
        }
    }
    if let (Some(cal), Some(del)) = (calibration_due, delivery_due) {
        if del > cal + Duration::days(DELIVERY_WINDOW_DAYS) {
            errors.push(FieldError::new(
                "delivery_due",
                "Reviews are delivered within one week of calibration.",
            ));
        }
    }
    match (
        errors.is_empty(),
        period_start,
        period_end,
        hired_before,
        scope,
        self_due,
        peer_due,
        manager_due,
        calibration_due,
        delivery_due,
    ) {
        (
            true,
            Some(period_start),
            Some(period_end),
            Some(hired_before),
            Some(scope),
            Some(self_due),
            Some(peer_due),
            Some(manager_due),
            Some(calibration_due),
            Some(delivery_due),
        ) => Ok(CycleSettings {
            name,
            period_start,
            period_end,
            scope,
            hired_before,
            deadlines: Deadlines { self_due, peer_due, manager_due, calibration_due, delivery_due },
            anonymous_peers: form.anonymous_peers,
        }),
        _ => Err(errors),
    }
}

/// Trims an answer and checks its length.
pub fn answer(field: &str, text: &str, errors: &mut Vec<FieldError>) -> String {
    let text = text.trim().to_string();
    if text.chars().count() > MAX_ANSWER {
        errors.push(FieldError::new(
            field,
            format!("Keep this answer under {MAX_ANSWER} characters."),
        ));
    }
    text
}

/// On submit, every question needs an answer.
pub fn require_answers<'a>(
    answers: impl IntoIterator<Item = (&'a str, &'a str)>,
    errors: &mut Vec<FieldError>,
) {
    for (field, text) in answers {
        if text.trim().is_empty() {
            errors.push(FieldError::new(field, "Answer this question before you submit."));
        }
    }
}

/// Who may be asked for peer feedback about `subject`: 2-3 distinct colleagues, never the
/// person themselves or their manager (whose view is the manager assessment).
pub fn check_peers(
    subject: PersonId,
    manager: Option<PersonId>,
    peers: &[PersonId],
) -> Result<(), FieldError> {
    let err = |m: &str| Err(FieldError::new("peers", m));
    let mut distinct = peers.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != peers.len() {
        return err("Choose each peer once.");
    }
    if peers.contains(&subject) {
        return err("Peer feedback comes from colleagues: choose someone other than yourself.");
    }
    if manager.is_some_and(|m| peers.contains(&m)) {
        return err("Your manager writes the manager assessment; choose peers you work with.");
    }
    if peers.len() < MIN_PEERS || peers.len() > MAX_PEERS {
        return err("Choose two or three peers who saw your work this cycle.");
    }
    Ok(())
}

/// Warns when most of the cited dated evidence falls in the last month of the period: a
/// review must cover the whole cycle.
pub fn recency_warning(
    period_start: NaiveDate,
    period_end: NaiveDate,
    cited: &[&EvidenceItem],
) -> Option<String> {
    let dated: Vec<NaiveDate> = cited.iter().filter(|e| !e.summary).map(|e| e.on).collect();
    let recent_from = period_end - Duration::days(RECENT_DAYS);
    if dated.is_empty() {
        let long = (period_end - period_start).num_days() > RECENT_DAYS * 2;
        return (long && !cited.is_empty()).then(|| {
            "You cite only this cycle's self-assessment and peer feedback. Add examples from across the whole period, not just its end.".to_string()
        });
    }
    let recent = dated.iter().filter(|d| **d >= recent_from).count();
    (recent * 2 > dated.len()).then(|| {
        format!(
            "{recent} of the {} dated pieces of evidence you cite fall in the last month of the cycle. Look for examples from the whole period: reviews drift toward what is freshest.",
            dated.len()
        )
    })
}

/// Most development points one assessment traces: a longer list is an essay, not points.
pub const MAX_POINTS: usize = 20;

/// The development section's points, one per line, with list markers ("-", "*", "•", "1.",
/// "2)") dropped: each is traced on its own.
pub fn development_points(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let line = line.trim();
            let line = line.trim_start_matches(['-', '*', '•', '–']).trim_start();
            // "1." or "2)" then a space: a numbered item; "3.5 days" is not one.
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let mut after = line[digits..].chars();
            let numbered = digits > 0
                && matches!(after.next(), Some('.' | ')'))
                && after.next().is_none_or(char::is_whitespace);
            if numbered { line[digits + 1..].trim_start() } else { line }.to_string()
        })
        .filter(|point| !point.is_empty())
        .take(MAX_POINTS)
        .collect()
}

/// The traces a save posts, kept only where they name one of the earlier records the
/// manager was offered: `by_point` maps a point's position to a record's key, `rating` is
/// the rating's record key ("" for none).
pub fn traces(
    points: &[String],
    by_point: &BTreeMap<String, String>,
    rating: &str,
    earlier: &[EarlierRecord],
) -> Traces {
    let find = |key: &str| {
        earlier.iter().find(|r| r.key == key).map(|r| Traced {
            key: r.key.clone(),
            on: r.on,
            source: r.source.clone(),
        })
    };
    Traces {
        rating: find(rating.trim()),
        points: points
            .iter()
            .enumerate()
            .filter_map(|(i, point)| {
                let raised = find(by_point.get(&i.to_string())?.trim())?;
                Some(PointTrace { point: point.clone(), raised })
            })
            .collect(),
    }
}

/// "No surprises": a concern rating, or a development point, that the manager has not traced
/// to an earlier dated record the person was told in. A trace counts only while its record
/// is still among `earlier` (readable by the manager, dated before today); a point edited
/// since it was traced is a new point.
pub fn surprises(
    rating: Option<Rating>,
    development: &str,
    traces: &Traces,
    earlier: &[EarlierRecord],
    name: &str,
) -> Vec<Flag> {
    let on_record = |t: Option<&Traced>| t.is_some_and(|t| earlier.iter().any(|r| r.key == t.key));
    let mut flags = Vec::new();
    if let Some(r) = rating.filter(|r| r.is_concern()) {
        if !on_record(traces.rating.as_ref()) {
            flags.push(Flag {
                title: format!("Where was the {} rating raised with {name} before?", r.label()),
                detail: if earlier.is_empty() {
                    format!("Nothing on record (an earlier review, feedback, a comment) shows a concern raised with {name}. A review should never be the first time they hear it.")
                } else {
                    format!("Choose the earlier record where you raised the concern with {name}, under \"Raised before\".")
                },
            });
        }
    }
    for point in development_points(development) {
        if !on_record(traces.of_point(&point)) {
            flags.push(Flag {
                title: format!("Where was \"{}\" raised before?", excerpt(&point, 80)),
                detail: format!("Choose the earlier review, feedback or comment where you raised it with {name}. If it was only said in conversation, say when below; if it was never raised, talk to {name} before the review is delivered."),
            });
        }
    }
    flags
}

/// Whether a delivery came within the week after the rating was finalised.
pub fn delivered_on_time(
    finalised: NaiveDate,
    delivered: NaiveDate,
    delivery_due: NaiveDate,
) -> bool {
    delivered <= delivery_due.max(finalised + Duration::days(DELIVERY_WINDOW_DAYS))
}

/// Where one review stands, as far as its cycle's completion counts are concerned.
#[derive(Debug, Clone, Default)]
pub struct ReviewProgress {
    pub self_submitted: Option<NaiveDateTime>,
    pub manager_submitted: Option<NaiveDateTime>,
    pub finalised: Option<NaiveDateTime>,
    pub delivered: Option<NaiveDateTime>,
    /// The status of each of its peer requests.
    pub peers: Vec<PeerStatus>,
}

/// What one review adds to its cycle's completion counts: the one definition the stored
/// sums are kept with (a write adds the difference it made) and recounted from. A peer is
/// asked once the manager approves the list (nominations do not count) and has answered
/// once they submit or decline.
pub fn review_counts(review: &ReviewProgress, deadlines: &Deadlines) -> CompletionCounts {
    let own = Progress::of(None, review.self_submitted, deadlines.self_due);
    let manager = Progress::of(None, review.manager_submitted, deadlines.manager_due);
    let asked = review.peers.iter().filter(|s| **s != PeerStatus::Nominated);
    CompletionCounts {
        reviews: 1,
        self_done: own.is_done() as i64,
        self_late: (own == Progress::Late) as i64,
        peers_asked: asked.clone().count() as i64,
        peers_done: asked.filter(|s| **s != PeerStatus::Requested).count() as i64,
        manager_done: manager.is_done() as i64,
        manager_late: (manager == Progress::Late) as i64,
        delivered: review.delivered.is_some() as i64,
        delivered_on_time: match (review.finalised, review.delivered) {
            (Some(f), Some(d)) => {
                delivered_on_time(f.date(), d.date(), deadlines.delivery_due) as i64
            }
            _ => 0,
        },
    }
}

/// The cycle's completion metric: reviews delivered on time out of the reviews due, in
/// percent (target 95). After the delivery deadline every review is due; before it only the
/// reviews delivered so far are, so early deliveries count and nothing is "late" yet. `None`
/// while nothing is due.
pub fn on_time_percent(
    counts: &CompletionCounts,
    delivery_due: NaiveDate,
    today: NaiveDate,
) -> Option<u32> {
    let due = if today > delivery_due { counts.reviews } else { counts.delivered };
    (due > 0).then(|| (counts.delivered_on_time * 100 / due) as u32)
}

/// The longest reason HR gives for an exception to a rule.
pub const OVERRIDE_REASON_MAX: usize = 1_000;

/// Launching a cycle whose people are already in another running cycle for an overlapping
/// period: refused (naming the cycles and how many people) unless HR gives a reason, which
/// becomes the note the cycle's page shows. `Ok(None)`: no overlap, nothing to note.
pub fn launch_note(overlaps: &[Overlap], reason: &str) -> Result<Option<String>, FieldError> {
    if overlaps.is_empty() {
        return Ok(None);
    }
    let which = overlaps
        .iter()
        .map(|o| {
            format!(
                "{} ({} to {}, {} in both)",
                o.name,
                o.period_start.format("%-d %b %Y"),
                o.period_end.format("%-d %b %Y"),
                if o.people == 1 { "1 person".to_string() } else { format!("{} people", o.people) }
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(FieldError::new(
            "overlap_reason",
            format!("Some of this cycle's people are already in a running cycle for the same period: {which}. Say why both should run (it is kept on the cycle), or narrow this cycle."),
        ));
    }
    if reason.chars().count() > OVERRIDE_REASON_MAX {
        return Err(FieldError::new(
            "overlap_reason",
            format!("Write the reason in at most {OVERRIDE_REASON_MAX} characters."),
        ));
    }
    Ok(Some(format!("Launched alongside {which}. Reason: {reason}")))
}

/// What a review's delivery waits for: a delivered review should rest on the person's own
/// view and their peers', not the manager's alone. Each missing input is named; HR may let
/// the review go ahead with a recorded reason (`ExceptionRule::DeliverWithoutInput`).
pub fn delivery_waits_for(person: &str, self_submitted: bool, peer_answers: usize) -> Vec<String> {
    let mut waits = Vec::new();
    if !self_submitted {
        waits.push(format!("{person} has not submitted a self-assessment"));
    }
    if peer_answers == 0 {
        waits.push("no peer has given feedback".to_string());
    }
    waits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn form() -> CycleForm {
        CycleForm {
            name: "H2 2026".into(),
            period_start: "2026-07-01".into(),
            period_end: "2026-12-31".into(),
            scope: "everyone".into(),
            hired_before: "2026-10-01".into(),
            self_due: "2026-12-04".into(),
            peer_due: "2026-12-09".into(),
            manager_due: "2026-12-16".into(),
            calibration_due: "2027-01-08".into(),
            delivery_due: "2027-01-15".into(),
            anonymous_peers: true,
            ..Default::default()
        }
    }

    fn fields(r: Result<CycleSettings, Vec<FieldError>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_sound_cycle_parses() {
        let s = parse_cycle(&form()).unwrap();
        assert_eq!(s.scope, Scope::Everyone);
        assert_eq!(s.deadlines.delivery_due, d(2027, 1, 15));
        assert!(s.anonymous_peers);
    }

    #[test]
    fn every_problem_is_reported_on_its_field() {
        let bad = CycleForm {
            name: " ".into(),
            period_end: "2026-06-01".into(),
            self_due: "31/12/2026".into(),
            ..form()
        };
        assert_eq!(fields(parse_cycle(&bad)), ["name", "self_due", "period_end"]);
        let team_without_manager = CycleForm { scope: "team".into(), ..form() };
        assert_eq!(fields(parse_cycle(&team_without_manager)), ["team_manager_id"]);
        let team = CycleForm { scope: "team".into(), team_manager_id: "7".into(), ..form() };
        assert_eq!(parse_cycle(&team).unwrap().scope, Scope::Team(PersonId(7)));
    }

    #[test]
    fn deadlines_run_in_order_and_delivery_is_within_a_week_of_calibration() {
        let early_manager = CycleForm { manager_due: "2026-12-05".into(), ..form() };
        assert_eq!(fields(parse_cycle(&early_manager)), ["manager_due"]);
        let slow_delivery = CycleForm { delivery_due: "2027-01-16".into(), ..form() };
        assert_eq!(fields(parse_cycle(&slow_delivery)), ["delivery_due"]);
        let too_early =
            CycleForm { self_due: "2026-09-01".into(), peer_due: "2026-09-02".into(), ..form() };
        assert_eq!(fields(parse_cycle(&too_early)), ["self_due"]);
    }

    #[test]
    fn peers_are_two_or_three_colleagues() {
        assert!(check_peers(PersonId(1), Some(PersonId(2)), &[PersonId(3), PersonId(4)]).is_ok());
        assert!(check_peers(
            PersonId(1),
            Some(PersonId(2)),
            &[PersonId(3), PersonId(4), PersonId(5)]
        )
        .is_ok());
        assert!(check_peers(PersonId(1), Some(PersonId(2)), &[PersonId(3)]).is_err(), "too few");
        assert!(
            check_peers(
                PersonId(1),
                Some(PersonId(2)),
                &[PersonId(3), PersonId(4), PersonId(5), PersonId(6)]
            )
            .is_err(),
            "too many"
        );
        assert!(
            check_peers(PersonId(1), Some(PersonId(2)), &[PersonId(1), PersonId(3)]).is_err(),
            "not oneself"
        );
        assert!(
            check_peers(PersonId(1), Some(PersonId(2)), &[PersonId(2), PersonId(3)]).is_err(),
            "not the manager"
        );
        assert!(
            check_peers(PersonId(1), Some(PersonId(2)), &[PersonId(3), PersonId(3)]).is_err(),
            "each once"
        );
    }

    fn item(on: NaiveDate, summary: bool) -> EvidenceItem {
        EvidenceItem {
            key: "k".into(),
            on,
            source: "s".into(),
            title: "t".into(),
            excerpt: String::new(),
            href: None,
            summary,
        }
    }

    #[test]
    fn evidence_mostly_from_the_last_month_is_flagged() {
        let (start, end) = (d(2026, 7, 1), d(2026, 12, 31));
        let spread =
            [item(d(2026, 8, 1), false), item(d(2026, 10, 1), false), item(d(2026, 12, 20), false)];
        assert_eq!(recency_warning(start, end, &spread.iter().collect::<Vec<_>>()), None);
        let recent = [
            item(d(2026, 8, 1), false),
            item(d(2026, 12, 10), false),
            item(d(2026, 12, 20), false),
        ];
        let warning = recency_warning(start, end, &recent.iter().collect::<Vec<_>>()).unwrap();
        assert!(warning.starts_with("2 of the 3"), "{warning}");
        // Half is not "mostly".
        let half = [item(d(2026, 8, 1), false), item(d(2026, 12, 20), false)];
        assert_eq!(recency_warning(start, end, &half.iter().collect::<Vec<_>>()), None);
    }

    #[test]
    fn citing_only_this_cycles_summaries_asks_for_examples_from_the_period() {
        let (start, end) = (d(2026, 7, 1), d(2026, 12, 31));
        let summaries = [item(d(2026, 12, 20), true)];
        assert!(recency_warning(start, end, &summaries.iter().collect::<Vec<_>>()).is_some());
        assert_eq!(
            recency_warning(start, end, &[]),
            None,
            "nothing cited yet: nothing to warn about"
        );
    }

    fn earlier(key: &str, on: NaiveDate, text: &str) -> EarlierRecord {
        EarlierRecord {
            key: key.into(),
            on,
            source: "Development areas, H1 2026 review".into(),
            text: text.into(),
        }
    }

    fn traced(
        points: &[&str],
        by_point: &[(&str, &str)],
        rating: &str,
        on: &[EarlierRecord],
    ) -> Traces {
        let points: Vec<String> = points.iter().map(|p| p.to_string()).collect();
        let by_point = by_point.iter().map(|(i, k)| (i.to_string(), k.to_string())).collect();
        traces(&points, &by_point, rating, on)
    }

    #[test]
    fn development_points_are_lines_without_their_list_markers() {
        assert_eq!(
            development_points("- Estimate larger projects\n\n* Speak up in design reviews\n2) Delegate\n10. Write it down\n  plain line  "),
            ["Estimate larger projects", "Speak up in design reviews", "Delegate", "Write it down", "plain line"]
        );
        assert_eq!(development_points("3.5 days of slack is fine"), ["3.5 days of slack is fine"]);
        assert!(development_points("  \n - \n").is_empty());
        let long = "point\n".repeat(MAX_POINTS + 5);
        assert_eq!(development_points(&long).len(), MAX_POINTS);
    }

    #[test]
    fn a_concern_rating_needs_an_earlier_record_cited() {
        let flags = surprises(Some(Rating::Developing), "", &Traces::default(), &[], "Tom");
        assert_eq!(flags.len(), 1);
        assert!(
            flags[0].title.contains("Developing") && flags[0].detail.contains("Nothing on record")
        );
        assert!(
            surprises(Some(Rating::Strong), "", &Traces::default(), &[], "Tom").is_empty(),
            "a good rating surprises nobody"
        );
        // What fooled the old check: something on record, but nothing the manager cites.
        let on_record =
            [earlier("review:3", d(2026, 3, 1), "Estimates slipped on the ledger work")];
        let flags = surprises(Some(Rating::Below), "", &Traces::default(), &on_record, "Tom");
        assert_eq!(flags.len(), 1, "a record exists, but the rating is not traced to it");
        let cited = traced(&[], &[], "review:3", &on_record);
        assert_eq!(
            cited.rating.as_ref().map(|t| t.on),
            Some(d(2026, 3, 1)),
            "the trace keeps the record's date"
        );
        assert!(surprises(Some(Rating::Below), "", &cited, &on_record, "Tom").is_empty());
    }

    #[test]
    fn every_development_point_is_traced_to_a_record_the_manager_cites() {
        let on_record = [earlier(
            "review:3",
            d(2026, 3, 1),
            "Your estimates slipped twice on the ledger project.",
        )];
        let development = "Improve estimate accuracy on larger projects\nLead the project kickoffs";
        // The old check passed both points: each shares a word ("estimate", "project") with
        // the earlier review, though the second was never raised.
        let flags =
            surprises(Some(Rating::Developing), development, &Traces::default(), &on_record, "Tom");
        assert_eq!(flags.len(), 3, "the rating and both points are untraced: {flags:?}");
        let points = development_points(development);
        let one = traced(&[&points[0], &points[1]], &[("0", "review:3")], "review:3", &on_record);
        let flags = surprises(Some(Rating::Developing), development, &one, &on_record, "Tom");
        assert_eq!(flags.len(), 1);
        assert!(flags[0].title.contains("Lead the project kickoffs"), "{flags:?}");
        let both = traced(
            &[&points[0], &points[1]],
            &[("0", "review:3"), ("1", "review:3")],
            "review:3",
            &on_record,
        );
        assert!(
            surprises(Some(Rating::Developing), development, &both, &on_record, "Tom").is_empty()
        );
        // Editing a point after tracing it makes it a new point.
        let edited = "Improve estimate accuracy on larger projects\nLead every project kickoff";
        assert_eq!(surprises(Some(Rating::Developing), edited, &both, &on_record, "Tom").len(), 1);
        assert!(
            surprises(None, "  ", &Traces::default(), &[], "Tom").is_empty(),
            "no development area, nothing to flag"
        );
    }

    #[test]
    fn a_trace_counts_only_to_a_record_the_manager_was_offered() {
        let on_record = [earlier("review:3", d(2026, 3, 1), "Estimates slipped")];
        // A key the manager typed or kept from elsewhere (another person's review, a record
        // they may no longer read, one dated today) is not kept at save...
        let forged = traced(&["Estimate better"], &[("0", "review:99")], "comment:5", &on_record);
        assert!(forged.is_empty(), "{forged:?}");
        // ...and a stored trace whose record has left the manager's view no longer counts.
        let stored = traced(&["Estimate better"], &[("0", "review:3")], "review:3", &on_record);
        assert_eq!(surprises(Some(Rating::Below), "Estimate better", &stored, &[], "Tom").len(), 2);
    }

    #[test]
    fn delivery_counts_as_on_time_within_a_week_of_calibration() {
        let due = d(2027, 1, 15);
        assert!(delivered_on_time(d(2027, 1, 8), d(2027, 1, 15), due));
        assert!(!delivered_on_time(d(2027, 1, 8), d(2027, 1, 16), due));
        assert!(
            delivered_on_time(d(2027, 1, 12), d(2027, 1, 19), due),
            "a late calibration still gives the manager a week"
        );
    }

    #[test]
    fn progress_against_a_deadline() {
        let due = d(2026, 12, 4);
        let at = |day| Some(d(2026, 12, day).and_hms_opt(10, 0, 0).unwrap());
        assert_eq!(Progress::of(None, None, due), Progress::NotStarted);
        assert_eq!(Progress::of(at(1), None, due), Progress::Draft);
        assert_eq!(Progress::of(at(1), at(4), due), Progress::OnTime);
        assert_eq!(Progress::of(at(1), at(5), due), Progress::Late);
    }

    #[test]
    fn the_completion_metric_counts_every_review_once_delivery_is_due() {
        let due = d(2027, 1, 15);
        let counts = CompletionCounts {
            reviews: 40,
            delivered: 10,
            delivered_on_time: 9,
            ..Default::default()
        };
        assert_eq!(on_time_percent(&counts, due, d(2027, 1, 10)), Some(90), "early deliveries");
        assert_eq!(on_time_percent(&counts, due, due), Some(90), "the deadline's own day");
        assert_eq!(on_time_percent(&counts, due, d(2027, 1, 16)), Some(22), "then all 40 are due");
        let none = CompletionCounts { reviews: 40, ..Default::default() };
        assert_eq!(on_time_percent(&none, due, d(2027, 1, 10)), None, "nothing due yet");
        assert_eq!(on_time_percent(&none, due, d(2027, 1, 16)), Some(0));
        assert_eq!(on_time_percent(&CompletionCounts::default(), due, d(2027, 2, 1)), None);
    }

    #[test]
    fn a_review_counts_what_was_done_and_whether_it_was_late() {
        let deadlines = Deadlines {
            self_due: d(2027, 1, 5),
            peer_due: d(2027, 1, 8),
            manager_due: d(2027, 1, 12),
            calibration_due: d(2027, 1, 14),
            delivery_due: d(2027, 1, 15),
        };
        let at = |day: NaiveDate, hour: u32| Some(day.and_hms_opt(hour, 0, 0).unwrap());
        let fresh = review_counts(&ReviewProgress::default(), &deadlines);
        assert_eq!(fresh, CompletionCounts { reviews: 1, ..Default::default() });
        let done = ReviewProgress {
            // On the deadline's last hour: on time. The manager a day after: late.
            self_submitted: at(d(2027, 1, 5), 23),
            manager_submitted: at(d(2027, 1, 13), 9),
            // Finalised late, delivered within the week after: on time.
            finalised: at(d(2027, 1, 20), 9),
            delivered: at(d(2027, 1, 27), 9),
            peers: vec![
                PeerStatus::Nominated,
                PeerStatus::Requested,
                PeerStatus::Submitted,
                PeerStatus::Declined,
            ],
        };
        assert_eq!(
            review_counts(&done, &deadlines),
            CompletionCounts {
                reviews: 1,
                self_done: 1,
                self_late: 0,
                peers_asked: 3,
                peers_done: 2,
                manager_done: 1,
                manager_late: 1,
                delivered: 1,
                delivered_on_time: 1,
            }
        );
        let slow = ReviewProgress { delivered: at(d(2027, 1, 28), 9), ..done };
        assert_eq!(review_counts(&slow, &deadlines).delivered_on_time, 0, "eight days after");
    }

    #[test]
    fn launching_alongside_a_running_cycle_needs_a_reason_which_is_kept() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let h2 = Overlap {
            name: "H2 2026 review".into(),
            period_start: d(7, 1),
            period_end: d(12, 31),
            people: 12,
        };
        assert_eq!(launch_note(&[], ""), Ok(None));
        let refused = launch_note(std::slice::from_ref(&h2), "  ").unwrap_err();
        assert_eq!(refused.field, "overlap_reason");
        assert!(refused
            .message
            .contains("H2 2026 review (1 Jul 2026 to 31 Dec 2026, 12 people in both)"));
        let long = "x".repeat(OVERRIDE_REASON_MAX + 1);
        assert!(launch_note(std::slice::from_ref(&h2), &long).is_err());
        assert_eq!(
            launch_note(&[h2], " Payments pilots the new form. ").unwrap().as_deref(),
            Some("Launched alongside H2 2026 review (1 Jul 2026 to 31 Dec 2026, 12 people in both). Reason: Payments pilots the new form.")
        );
    }

    #[test]
    fn delivery_waits_for_the_persons_and_the_peers_input() {
        assert!(delivery_waits_for("Tom", true, 1).is_empty());
        assert_eq!(
            delivery_waits_for("Tom", false, 2),
            vec!["Tom has not submitted a self-assessment"]
        );
        assert_eq!(delivery_waits_for("Tom", true, 0), vec!["no peer has given feedback"]);
        assert_eq!(delivery_waits_for("Tom", false, 0).len(), 2);
    }
}
