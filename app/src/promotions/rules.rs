//! Pure rules of promotions: the criteria a packet must meet (docs/product.md: performing at the
//! next level for a full review cycle, evidence from several sources, calibration with
//! peers, skip-level approval) and the anti-patterns it warns about. Unit-tested below.

use super::types::*;
use chrono::{Duration, NaiveDate};

/// One full review cycle. Until review cycles are recorded in Trellis, the manager states
/// since when the person performs at the target level, and a cycle counts as six months.
pub const REVIEW_CYCLE: Duration = Duration::days(182);

/// Endorsements needed besides the manager's own case ("several sources").
pub const MIN_ENDORSEMENTS: usize = 2;
/// Each step of a packet that waits on someone (an endorsement, naming the panel, the
/// panel's calibration, the decision) is asked within two weeks of the step before it: the
/// due date My work and the emails give.
pub const STEP_DAYS: i64 = 14;

/// When a step that became someone's on `since` is due.
pub fn step_due(since: chrono::NaiveDateTime) -> chrono::NaiveDate {
    since.date() + Duration::days(STEP_DAYS)
}

pub fn checks(f: &PacketFacts) -> Vec<PacketCheck> {
    let check = |label: &str, state: CheckState, detail: String| PacketCheck {
        label: label.into(),
        state,
        detail,
    };
    let performing = match f.performing_since {
        Some(since) if since + REVIEW_CYCLE <= f.today => check(
            "Performing at the target level for a full review cycle",
            CheckState::Met,
            format!("Since {}, per the manager.", since.format("%-d %B %Y")),
        ),
        Some(since) => check(
            "Performing at the target level for a full review cycle",
            CheckState::NotYet,
            format!(
                "Since {}: a full cycle (six months) is reached on {}.",
                since.format("%-d %B %Y"),
                (since + REVIEW_CYCLE).format("%-d %B %Y")
            ),
        ),
        None => check(
            "Performing at the target level for a full review cycle",
            CheckState::NotYet,
            "The manager has not said since when.".into(),
        ),
    };
    let sources = check(
        "Evidence from several sources",
        if f.endorsements_written >= MIN_ENDORSEMENTS {
            CheckState::Met
        } else {
            CheckState::NotYet
        },
        format!(
            "{} of {MIN_ENDORSEMENTS} peer endorsements written (besides the manager's case).",
            f.endorsements_written
        ),
    );
    let calibration = match f.calibration_outcome {
        Some(true) => check(
            "Calibrated with peers at the target level",
            CheckState::Met,
            "The promotion calibration supported it.".into(),
        ),
        Some(false) => check(
            "Calibrated with peers at the target level",
            CheckState::Failed,
            "The promotion calibration did not support it.".into(),
        ),
        None => check(
            "Calibrated with peers at the target level",
            CheckState::NotYet,
            "Not calibrated yet.".into(),
        ),
    };
    let approval = match f.status {
        PacketStatus::Approved => check("Skip-level approval", CheckState::Met, "Approved.".into()),
        PacketStatus::Declined if f.calibration_outcome == Some(true) => {
            check("Skip-level approval", CheckState::Failed, "Declined.".into())
        }
        _ => check("Skip-level approval", CheckState::NotYet, "Decided after calibration.".into()),
    };
    vec![performing, sources, calibration, approval]
}

/// Phrases that argue from time served rather than from the next level's criteria.
const TENURE_PHRASES: &[&str] = &[
    "years",
    "tenure",
    "been here",
    "been with",
    "time in level",
    "long time",
    "loyal",
    "loyalty",
    "their turn",
    "overdue",
    "seniority",
    "waited",
    "deserves it after",
];

/// Whether a business case leans on tenure: tenure phrases and few words about anything else.
pub fn argues_from_tenure(business_case: &str) -> bool {
    let lower = business_case.to_lowercase();
    let hits = TENURE_PHRASES.iter().filter(|p| lower.contains(*p)).count();
    let words = lower.split_whitespace().count();
    // A mention in a long case is context; in a short one it is the argument.
    hits >= 2 || (hits == 1 && words < 60)
}

/// The anti-patterns in docs/product.md, in plain words for the people reviewing the packet.
pub fn warnings(f: &PacketFacts) -> Vec<String> {
    let mut out = Vec::new();
    if argues_from_tenure(&f.business_case) {
        out.push("The business case leans on time served. Promotions follow performance at the next level: map the case to its criteria.".into());
    }
    if f.flight_risk == Some(true) {
        out.push("This person is flagged as a flight risk. A promotion is not a retention tool: make sure the case stands on the criteria alone.".into());
    }
    if f.endorsements_requested == 0 {
        out.push("No peer endorsements have been requested: ask at least two colleagues who have seen the work.".into());
    } else if f.endorsements_written == 0 {
        out.push("No peer endorsements have been written yet.".into());
    }
    let missing = f.criteria.saturating_sub(f.criteria_with_evidence);
    if missing > 0 {
        out.push(format!(
            "{missing} of the target level's {} criteria {} no evidence.",
            f.criteria,
            if missing == 1 { "has" } else { "have" }
        ));
    }
    out
}

/// The state a decision moves a packet to, or why it cannot be taken now.
pub fn next_status(current: PacketStatus, step: Step) -> Result<PacketStatus, &'static str> {
    use PacketStatus::*;
    match (current, step) {
        (Draft, Step::Submit) => Ok(Submitted),
        (Submitted, Step::Calibrate { supported: true }) => Ok(Calibrated),
        (Submitted, Step::Calibrate { supported: false }) => Ok(Declined),
        (Calibrated, Step::Decide { approve: true }) => Ok(Approved),
        (Calibrated, Step::Decide { approve: false }) => Ok(Declined),
        (Draft, _) => Err("The packet has not been submitted yet."),
        (Submitted, _) => Err("The packet is waiting for its promotion calibration."),
        (Calibrated, _) => Err("The packet is waiting for the skip-level's decision."),
        (Approved | Declined, _) => Err("The packet has been decided."),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Submit,
    Calibrate { supported: bool },
    Decide { approve: bool },
}

/// An effective date for an approval: not more than 30 days back, not more than a year ahead.
pub fn check_effective_date(on: NaiveDate, today: NaiveDate) -> Result<(), &'static str> {
    if on < today - Duration::days(30) {
        return Err("The effective date can be at most 30 days in the past.");
    }
    if on > today + Duration::days(365) {
        return Err("The effective date must be within the next year.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn facts() -> PacketFacts {
        PacketFacts {
            status: PacketStatus::Submitted,
            today: today(),
            performing_since: Some(today() - Duration::days(200)),
            criteria: 10,
            criteria_with_evidence: 10,
            endorsements_requested: 3,
            endorsements_written: 2,
            calibration_outcome: None,
            business_case: "Led the ledger migration across three teams and set the on-call standards the group now uses.".into(),
            flight_risk: Some(false),
        }
    }

    fn states(f: &PacketFacts) -> Vec<CheckState> {
        checks(f).into_iter().map(|c| c.state).collect()
    }

    #[test]
    fn a_strong_packet_meets_the_checks_as_it_moves_through_the_workflow() {
        use CheckState::*;
        let mut f = facts();
        assert_eq!(states(&f), [Met, Met, NotYet, NotYet]);
        f.calibration_outcome = Some(true);
        f.status = PacketStatus::Approved;
        assert_eq!(states(&f), [Met, Met, Met, Met]);
        assert_eq!(warnings(&f), Vec::<String>::new());
    }

    #[test]
    fn a_full_review_cycle_is_six_months_at_the_target_level() {
        let mut f = facts();
        f.performing_since = Some(today() - Duration::days(100));
        assert_eq!(checks(&f)[0].state, CheckState::NotYet);
        f.performing_since = None;
        assert_eq!(checks(&f)[0].state, CheckState::NotYet);
        f.performing_since = Some(today() - REVIEW_CYCLE);
        assert_eq!(checks(&f)[0].state, CheckState::Met, "exactly one cycle counts");
    }

    #[test]
    fn several_sources_means_two_written_endorsements() {
        let mut f = facts();
        f.endorsements_written = 1;
        assert_eq!(checks(&f)[1].state, CheckState::NotYet);
    }

    #[test]
    fn a_calibration_that_did_not_support_fails_and_no_decision_is_claimed() {
        let mut f = facts();
        f.calibration_outcome = Some(false);
        f.status = PacketStatus::Declined;
        assert_eq!(states(&f)[2..], [CheckState::Failed, CheckState::NotYet]);
    }

    #[test]
    fn warns_about_tenure_as_the_argument() {
        assert!(argues_from_tenure("She has been here for six years and it is her turn."));
        assert!(argues_from_tenure("Four years in level; overdue."));
        assert!(!argues_from_tenure("Led the ledger migration across three teams."));
        let long = format!(
            "{} Over the last two years she set the standards.",
            "Designed and shipped the new ledger with measurable impact on reliability. ".repeat(8)
        );
        assert!(
            !argues_from_tenure(&long),
            "a passing mention in a case built on evidence is fine"
        );
        let mut f = facts();
        f.business_case = "Six years with us, loyal and overdue.".into();
        assert!(warnings(&f)[0].contains("time served"));
    }

    #[test]
    fn warns_about_promotion_as_retention_only_to_those_who_may_know() {
        let mut f = facts();
        f.flight_risk = Some(true);
        assert!(warnings(&f).iter().any(|w| w.contains("flight risk")));
        f.flight_risk = None;
        assert!(
            !warnings(&f).iter().any(|w| w.contains("flight risk")),
            "hidden from readers who may not see flags"
        );
    }

    #[test]
    fn warns_about_missing_endorsements_and_evidence() {
        let mut f = facts();
        f.endorsements_requested = 0;
        f.endorsements_written = 0;
        f.criteria_with_evidence = 7;
        let w = warnings(&f);
        assert!(w.iter().any(|w| w.contains("No peer endorsements have been requested")));
        assert!(w.iter().any(|w| w == "3 of the target level's 10 criteria have no evidence."));
    }

    #[test]
    fn the_workflow_only_moves_forward_in_order() {
        use PacketStatus::*;
        assert_eq!(next_status(Draft, Step::Submit), Ok(Submitted));
        assert_eq!(next_status(Submitted, Step::Calibrate { supported: true }), Ok(Calibrated));
        assert_eq!(next_status(Submitted, Step::Calibrate { supported: false }), Ok(Declined));
        assert_eq!(next_status(Calibrated, Step::Decide { approve: true }), Ok(Approved));
        assert!(
            next_status(Draft, Step::Decide { approve: true }).is_err(),
            "no decision before calibration"
        );
        assert!(next_status(Submitted, Step::Decide { approve: true }).is_err());
        assert!(next_status(Approved, Step::Submit).is_err());
        assert!(
            next_status(Calibrated, Step::Calibrate { supported: true }).is_err(),
            "calibrated once"
        );
    }

    #[test]
    fn effective_dates_are_near_today() {
        assert!(check_effective_date(today(), today()).is_ok());
        assert!(check_effective_date(today() - Duration::days(31), today()).is_err());
        assert!(check_effective_date(today() + Duration::days(366), today()).is_err());
    }
}
