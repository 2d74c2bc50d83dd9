//! The statistics of the fairness engine: Pearson's chi-square test of independence, Fisher's
//! exact test for small 2x2 tables, the four-fifths rule on the share of top ratings, and the
//! calibration-consistency metric. The distributions come from `statrs`; every function is
//! pure and checked against published values in the tests below. Server only (the report is
//! computed in a server function), so the browser bundle does not carry `statrs`.

use statrs::distribution::{ChiSquared, ContinuousCDF, Discrete, Hypergeometric};

/// Groups smaller than this are never reported on their own (their people could be singled out).
pub const MIN_GROUP: usize = 5;
/// Expected counts below this make the chi-square approximation unreliable.
pub const MIN_EXPECTED: f64 = 5.0;
/// The four-fifths rule: a group's rate under this share of the highest group's rate is flagged.
pub const FOUR_FIFTHS: f64 = 0.8;

/// P(X ≥ x) for a chi-square variable with `df` degrees of freedom (the survival function,
/// computed directly rather than as 1 - cdf, so tiny p-values keep their precision). NaN for
/// `df` = 0, which has no chi-square distribution.
pub fn chi_square_p(x: f64, df: usize) -> f64 {
    ChiSquared::new(df as f64).map_or(f64::NAN, |d| d.sf(x))
}

/// Which test produced a p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestKind {
    ChiSquare,
    FisherExact,
    /// Counts too small for chi-square and the table is larger than 2x2: the chi-square value
    /// is still given, marked as approximate.
    ChiSquareApproximate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Independence {
    pub kind: TestKind,
    /// The chi-square statistic (also for Fisher's test, for reference).
    pub statistic: f64,
    pub df: usize,
    pub p_value: f64,
}

/// Tests whether rows and columns of a contingency table are independent (for example, team
/// and rating). Empty rows and columns are dropped; a table with fewer than two non-empty
/// rows or columns has nothing to test.
pub fn independence(table: &[Vec<u64>]) -> Option<Independence> {
    let rows: Vec<&Vec<u64>> = table.iter().filter(|r| r.iter().sum::<u64>() > 0).collect();
    let width = rows.first()?.len();
    let cols: Vec<usize> =
        (0..width).filter(|j| rows.iter().map(|r| r[*j]).sum::<u64>() > 0).collect();
    if rows.len() < 2 || cols.len() < 2 {
        return None;
    }
    let cells: Vec<Vec<u64>> = rows.iter().map(|r| cols.iter().map(|j| r[*j]).collect()).collect();
    let row_sums: Vec<f64> = cells.iter().map(|r| r.iter().sum::<u64>() as f64).collect();
    let col_sums: Vec<f64> =
        (0..cols.len()).map(|j| cells.iter().map(|r| r[j]).sum::<u64>() as f64).collect();
    let n: f64 = row_sums.iter().sum();
    let mut statistic = 0.0;
    let mut small = false;
    for (i, row) in cells.iter().enumerate() {
        for (j, observed) in row.iter().enumerate() {
            let expected = row_sums[i] * col_sums[j] / n;
            small |= expected < MIN_EXPECTED;
            statistic += (*observed as f64 - expected).powi(2) / expected;
        }
    }
    let df = (cells.len() - 1) * (cols.len() - 1);
    if small && cells.len() == 2 && cols.len() == 2 {
        let p_value = fisher_exact([[cells[0][0], cells[0][1]], [cells[1][0], cells[1][1]]]);
        return Some(Independence { kind: TestKind::FisherExact, statistic, df, p_value });
    }
    let kind = if small { TestKind::ChiSquareApproximate } else { TestKind::ChiSquare };
    Some(Independence { kind, statistic, df, p_value: chi_square_p(statistic, df) })
}

/// Fisher's exact test, two-sided: the probability of every table with the same margins that
/// is no more likely than the one observed. With the margins fixed, the top-left cell follows
/// a hypergeometric distribution; as in R's `fisher.test`, a table counts as no more likely
/// when its probability is at most the observed one's times 1 + 1e-7 (floating-point ties).
pub fn fisher_exact(t: [[u64; 2]; 2]) -> f64 {
    let (r1, r2) = (t[0][0] + t[0][1], t[1][0] + t[1][1]);
    let c1 = t[0][0] + t[1][0];
    // Population: everyone; successes: the first row; draws: the first column.
    let cell = Hypergeometric::new(r1 + r2, r1, c1).expect("a table's margins are consistent");
    // exp(ln pmf): `pmf` multiplies binomial coefficients, which overflow past ~1,000 people.
    let p = |a: u64| cell.ln_pmf(a).exp();
    let observed = p(t[0][0]) * (1.0 + 1e-7);
    (c1.saturating_sub(r2)..=r1.min(c1)).map(p).filter(|p| *p <= observed).sum::<f64>().min(1.0)
}

/// A group's share of top ratings against the best-treated group's (the four-fifths rule).
#[derive(Debug, Clone, PartialEq)]
pub struct ImpactRatio {
    pub group: String,
    pub rate: f64,
    pub ratio: f64,
    pub flagged: bool,
}

/// `groups`: (name, top-rated people, people). Groups under [`MIN_GROUP`] are left out.
pub fn four_fifths(groups: &[(String, u64, u64)]) -> Vec<ImpactRatio> {
    let counted: Vec<&(String, u64, u64)> =
        groups.iter().filter(|g| g.2 as usize >= MIN_GROUP).collect();
    let best = counted.iter().map(|g| g.1 as f64 / g.2 as f64).fold(0.0, f64::max);
    counted
        .into_iter()
        .map(|(group, top, all)| {
            let rate = *top as f64 / *all as f64;
            let ratio = if best > 0.0 { rate / best } else { 1.0 };
            ImpactRatio { group: group.clone(), rate, ratio, flagged: ratio < FOUR_FIFTHS }
        })
        .collect()
}

/// Calibration consistency: the largest gap, in percentage points, between a team's share of
/// any rating and the company's share of it. `teams`: each team's count per rating; the
/// company is all of them together. Teams under [`MIN_GROUP`] people are left out (one
/// person's rating is a 100-point swing).
pub fn consistency_gap(teams: &[Vec<u64>]) -> Option<f64> {
    let width = teams.first()?.len();
    let company: Vec<u64> = (0..width).map(|j| teams.iter().map(|t| t[j]).sum()).collect();
    teams.iter().filter_map(|t| gap_to_company(t, &company)).reduce(f64::max)
}

/// The largest gap, in percentage points, between one team's share of any rating and the
/// company's; `None` for a team under [`MIN_GROUP`] people or an empty company.
pub fn gap_to_company(team: &[u64], company: &[u64]) -> Option<f64> {
    let (size, total) = (team.iter().sum::<u64>(), company.iter().sum::<u64>());
    if (size as usize) < MIN_GROUP || total == 0 {
        return None;
    }
    team.iter()
        .zip(company)
        .map(|(count, all)| {
            (*count as f64 / size as f64 - *all as f64 / total as f64).abs() * 100.0
        })
        .reduce(f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    /// Where the tail has a closed form: with 2 degrees of freedom e^(-x/2), with 4
    /// e^(-x/2)(1 + x/2), with 1 the normal distribution's two tails beyond √x (1 - 0.6827 and
    /// 1 - 0.9545, the 68-95 rule). Far tails keep their relative precision.
    #[test]
    fn chi_square_tail_matches_closed_forms() {
        for x in [0.5_f64, 2.0, 10.0, 40.0, 100.0] {
            let two = (-x / 2.0).exp();
            let four = two * (1.0 + x / 2.0);
            assert!(close(chi_square_p(x, 2) / two, 1.0, 1e-12), "x={x}: {}", chi_square_p(x, 2));
            assert!(close(chi_square_p(x, 4) / four, 1.0, 1e-12), "x={x}: {}", chi_square_p(x, 4));
        }
        assert!(close(chi_square_p(1.0, 1), 0.317_310_507_862_914_2, 1e-12));
        assert!(close(chi_square_p(4.0, 1), 0.045_500_263_896_358_4, 1e-12));
        assert!(chi_square_p(3.0, 0).is_nan(), "no distribution without degrees of freedom");
    }

    /// Critical values from the standard chi-square table.
    #[test]
    fn chi_square_tail_matches_the_table() {
        for (x, df, p) in [
            (3.841, 1, 0.05),
            (6.635, 1, 0.01),
            (5.991, 2, 0.05),
            (13.277, 4, 0.01),
            (18.307, 10, 0.05),
            (12.592, 6, 0.05),
            (22.458, 6, 0.001),
        ] {
            assert!(close(chi_square_p(x, df), p, 2e-4), "x={x} df={df}: {}", chi_square_p(x, df));
        }
        assert!(close(chi_square_p(0.0, 3), 1.0, 1e-12));
    }

    /// Wikipedia's worked example ("Pearson's chi-squared test", neighbourhood by occupation):
    /// statistic about 24.6 on 6 degrees of freedom, p about 0.0004.
    #[test]
    fn chi_square_test_of_the_published_example() {
        let table = vec![vec![90, 60, 104, 95], vec![30, 50, 51, 20], vec![30, 40, 45, 35]];
        let t = independence(&table).unwrap();
        assert_eq!(t.kind, TestKind::ChiSquare);
        assert_eq!(t.df, 6);
        assert!(close(t.statistic, 24.57, 0.01), "{}", t.statistic);
        assert!(close(t.p_value, 0.0004, 0.0001), "{}", t.p_value);
    }

    /// Fisher's tea-tasting table (two-sided p = 0.4857) and Wikipedia's Fisher example
    /// ([[1, 9], [11, 3]], two-sided p = 0.002759).
    #[test]
    fn fisher_exact_matches_published_values() {
        assert!(close(fisher_exact([[3, 1], [1, 3]]), 0.485_714, 1e-5));
        assert!(close(fisher_exact([[1, 9], [11, 3]]), 0.002_759, 1e-5));
        assert!(close(fisher_exact([[5, 0], [0, 5]]), 0.007_937, 1e-5));
        assert!(close(fisher_exact([[2, 2], [2, 2]]), 1.0, 1e-9));
    }

    /// Margins past what binomial coefficients in f64 hold (C(1200, 600) is about 4e359; statrs'
    /// `pmf` gives NaN for the last two tables, so p would read 0), against exact rational
    /// arithmetic.
    #[test]
    fn fisher_exact_holds_for_large_margins() {
        for (table, p) in [
            ([[1, 600], [9, 600]], 0.021_004_679_367_352_52),
            ([[2, 1000], [9, 1000]], 0.064_726_464_721_682_31),
            ([[1, 9], [599, 601]], 0.021_019_672_063_522_17),
            ([[0, 10], [600, 600]], 0.001_887_139_086_235_728),
        ] {
            assert!(close(fisher_exact(table), p, 1e-10), "{table:?}: {}", fisher_exact(table));
        }
        let t = independence(&[vec![1, 9], vec![599, 601]]).unwrap();
        assert_eq!(t.kind, TestKind::FisherExact, "an expected count under five");
        assert!(close(t.p_value, 0.021_019_672_063_522_17, 1e-10));
    }

    #[test]
    fn small_two_by_two_tables_use_fishers_test_and_empty_margins_are_dropped() {
        let t = independence(&[vec![3, 1, 0], vec![1, 3, 0]]).unwrap();
        assert_eq!(t.kind, TestKind::FisherExact);
        assert!(close(t.p_value, 0.485_714, 1e-5));
        assert_eq!(independence(&[vec![4, 4], vec![0, 0]]), None, "one group: nothing to compare");
        let small = independence(&[vec![1, 2, 1], vec![2, 1, 3], vec![1, 1, 0]]).unwrap();
        assert_eq!(small.kind, TestKind::ChiSquareApproximate);
    }

    #[test]
    fn four_fifths_flags_a_low_share_of_top_ratings_and_suppresses_small_groups() {
        let groups =
            vec![("A".to_string(), 10, 40), ("B".to_string(), 4, 40), ("C".to_string(), 1, 3)];
        let r = four_fifths(&groups);
        assert_eq!(r.len(), 2, "the group of three is suppressed");
        assert!(!r[0].flagged && close(r[0].ratio, 1.0, 1e-12));
        assert!(r[1].flagged && close(r[1].ratio, 0.4, 1e-12));
    }

    #[test]
    fn consistency_is_the_largest_gap_to_the_company_share() {
        // Company: 11 of 42 top (26%); team A: 5 of 10 (50%), about 24 points; the team of two
        // is left out.
        let teams = vec![vec![5, 5], vec![5, 25], vec![1, 1]];
        let gap = consistency_gap(&teams).unwrap();
        assert!(close(gap, 100.0 * (0.5 - 11.0 / 42.0), 1e-9), "{gap}");
        assert_eq!(consistency_gap(&[]), None);
    }
}
