//! The fairness report.

use super::*;

/// One person, as the fairness report sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportPerson {
    pub team: String,
    pub manager: String,
    pub tenure: &'static str,
    /// (attribute, value): demographic attributes HR holds.
    pub attributes: Vec<(String, String)>,
    pub before: Option<Rating>,
    pub after: Option<Rating>,
}

#[cfg(feature = "ssr")]
fn share(part: u32, all: u32) -> f64 {
    if all == 0 {
        0.0
    } else {
        part as f64 * 100.0 / all as f64
    }
}

/// A demographic group's top share is published only with at least this many of its people
/// on each side (rated Exceptional or Strong, rated otherwise): with fewer, the share tells
/// those people their band.
pub const MIN_CELL: u32 = 3;

/// Groups (label, rating) pairs into a dimension's table: groups under [`MIN_GROUP`] are
/// suppressed; the rest get the four-fifths ratio on top ratings and a test of independence
/// between group and rating band (above, meets, below: five sparse columns would make almost
/// every test approximate).
///
/// A `demographic` table must pass the disclosure check (docs/calibration.md): read beside
/// the board, whose every rating its readers see, no number may single anyone out. So it
/// publishes no counts per rating (a rating held only by one group would tell each of its
/// people's group), and a group's top share only under [`MIN_CELL`], with its complement:
/// when one share is hidden, the board's total of top ratings less the others would give
/// it, so the smallest other share is hidden with it. Group sizes, four-fifths ratios of
/// the shares shown, and the tests remain.
#[cfg(feature = "ssr")]
pub fn dimension_result(pairs: &[(String, Rating)], demographic: bool) -> DimensionResult {
    let mut by_group: BTreeMap<&str, Counts> = BTreeMap::new();
    for (label, rating) in pairs {
        by_group.entry(label.as_str()).or_insert([0; 5])[index(*rating)] += 1;
    }
    let size = |c: &Counts| c.iter().sum::<u32>();
    let (mut shown, mut hidden): (Vec<_>, Vec<_>) =
        by_group.into_iter().partition(|(_, c)| size(c) as usize >= MIN_GROUP);
    // Complementary suppression: with one group hidden, the whole board's distribution minus
    // the groups shown would reveal it, so the smallest shown group is hidden with it.
    if hidden.len() == 1 && !shown.is_empty() {
        let smallest = (0..shown.len()).min_by_key(|i| size(&shown[*i].1)).expect("not empty");
        hidden.push(shown.remove(smallest));
    }
    let top = |c: &Counts| c[0] + c[1];
    let mut share_shown: Vec<bool> = shown
        .iter()
        .map(|(_, c)| !demographic || (top(c) >= MIN_CELL && size(c) - top(c) >= MIN_CELL))
        .collect();
    if share_shown.iter().filter(|s| !**s).count() == 1 {
        if let Some(smallest) =
            (0..shown.len()).filter(|i| share_shown[*i]).min_by_key(|i| size(&shown[*i].1))
        {
            share_shown[smallest] = false;
        }
    }
    let impact = stats::four_fifths(
        &shown
            .iter()
            .zip(&share_shown)
            .filter(|(_, published)| **published)
            .map(|((l, c), _)| (l.to_string(), top(c) as u64, c.iter().sum::<u32>() as u64))
            .collect::<Vec<_>>(),
    );
    let groups = shown
        .iter()
        .zip(&share_shown)
        .map(|((label, counts), published)| {
            let people = counts.iter().sum();
            let ratio = impact.iter().find(|i| i.group == *label);
            GroupRow {
                label: label.to_string(),
                people,
                counts: (!demographic).then_some(*counts),
                top_share: published.then(|| share(top(counts), people)),
                impact_ratio: ratio.map(|i| i.ratio),
                flagged: ratio.is_some_and(|i| i.flagged),
            }
        })
        .collect();
    let bands: Vec<Vec<u64>> = shown
        .iter()
        .map(|(_, c)| vec![(c[0] + c[1]) as u64, c[2] as u64, (c[3] + c[4]) as u64])
        .collect();
    let test = stats::independence(&bands).map(|t| TestResult {
        name: match t.kind {
            TestKind::ChiSquare => "Chi-square",
            TestKind::FisherExact => "Fisher's exact",
            TestKind::ChiSquareApproximate => "Chi-square (approximate: small counts)",
        }
        .into(),
        statistic: t.statistic,
        df: t.df,
        p_value: t.p_value,
    });
    DimensionResult { groups, suppressed_groups: hidden.len() as u32, test }
}

/// How a report dimension groups a person (their team, tenure band, an attribute's value).
#[cfg(feature = "ssr")]
type GroupOf = Box<dyn Fn(&ReportPerson) -> Option<String>>;

/// Every dimension of the report, before (preliminary) and after (calibrated) ratings.
#[cfg(feature = "ssr")]
pub fn dimensions(people: &[ReportPerson]) -> Vec<Dimension> {
    let mut attribute_names: Vec<&str> =
        people.iter().flat_map(|p| p.attributes.iter().map(|a| a.0.as_str())).collect();
    attribute_names.sort_unstable();
    attribute_names.dedup();
    let mut keyed: Vec<(String, bool, GroupOf)> = vec![
        ("Team".into(), false, Box::new(|p: &ReportPerson| Some(p.team.clone()))),
        ("Manager".into(), false, Box::new(|p: &ReportPerson| Some(p.manager.clone()))),
        ("Tenure".into(), false, Box::new(|p: &ReportPerson| Some(p.tenure.to_string()))),
    ];
    for name in attribute_names {
        let owned = name.to_string();
        keyed.push((
            name.to_string(),
            true,
            Box::new(move |p: &ReportPerson| {
                p.attributes.iter().find(|a| a.0 == owned).map(|a| a.1.clone())
            }),
        ));
    }
    keyed
        .into_iter()
        .map(|(name, demographic, key)| {
            let at = |pick: fn(&ReportPerson) -> Option<Rating>| -> Vec<(String, Rating)> {
                people.iter().filter_map(|p| Some((key(p)?, pick(p)?))).collect()
            };
            Dimension {
                name,
                demographic,
                before: dimension_result(&at(|p| p.before), demographic),
                after: dimension_result(&at(|p| p.after), demographic),
            }
        })
        .collect()
}

/// The smallest team whose gap to the company means something against the 10-point target:
/// in a team of 20 one person moves a share by 5 points; in a team of 5, by 20, so a "50
/// points" gap there is two people, not a difference in standards.
pub const MIN_TEAM_FOR_CONSISTENCY: u32 = 20;

/// The largest gap between a team on the board and the whole company (`company`: every
/// rating in the cycle), over teams of at least [`MIN_TEAM_FOR_CONSISTENCY`]; `None` when no
/// team on the board is that large (the page says so instead of showing a figure).
#[cfg(feature = "ssr")]
pub fn consistency(team_ratings: &[(String, Rating)], company: &Counts) -> Option<f64> {
    let mut by_team: BTreeMap<&str, Counts> = BTreeMap::new();
    for (team, rating) in team_ratings {
        by_team.entry(team.as_str()).or_insert([0; 5])[index(*rating)] += 1;
    }
    let company: Vec<u64> = company.iter().map(|c| *c as u64).collect();
    by_team
        .values()
        .filter(|c| c.iter().sum::<u32>() >= MIN_TEAM_FOR_CONSISTENCY)
        .filter_map(|c| stats::gap_to_company(&c.map(|x| x as u64), &company))
        .reduce(f64::max)
}

/// Each manager's preliminary ratings against the calibrated outcome, cycle by cycle.
/// `rows`: (manager, cycle, preliminary, calibrated), cycles in the order to show.
pub fn leniency(rows: &[(String, String, Rating, Rating)]) -> Vec<Leniency> {
    let mut by_manager: BTreeMap<&str, Vec<LeniencyCycle>> = BTreeMap::new();
    for (manager, cycle, before, after) in rows {
        let cycles = by_manager.entry(manager.as_str()).or_default();
        if cycles.last().is_none_or(|c| c.cycle != *cycle) {
            cycles.push(LeniencyCycle {
                cycle: cycle.clone(),
                rated: 0,
                raised: 0,
                lowered: 0,
                mean_shift: 0.0,
            });
        }
        let c = cycles.last_mut().expect("just pushed");
        let shift = points(*before) - points(*after);
        // A running mean keeps one pass.
        c.rated += 1;
        c.mean_shift += (shift as f64 - c.mean_shift) / c.rated as f64;
        c.raised += (shift < 0) as u32;
        c.lowered += (shift > 0) as u32;
    }
    by_manager.into_iter().map(|(m, cycles)| Leniency { manager: m.to_string(), cycles }).collect()
}
