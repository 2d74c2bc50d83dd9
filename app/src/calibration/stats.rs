//! The statistics of the fairness engine, in plain Rust: Pearson's chi-square test of
//! independence, Fisher's exact test for small 2x2 tables, the four-fifths rule on the share
//! of top ratings, and the calibration-consistency metric. Every function is pure and checked
//! against published values in the tests below.

/// Groups smaller than this are never reported on their own (their people could be singled out).
pub const MIN_GROUP: usize = 5;
/// Expected counts below this make the chi-square approximation unreliable.
pub const MIN_EXPECTED: f64 = 5.0;
/// The four-fifths rule: a group's rate under this share of the highest group's rate is flagged.
pub const FOUR_FIFTHS: f64 = 0.8;

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error below 1e-13).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a): a series below
/// a + 1, a continued fraction above (the standard split; both converge fast there).
pub fn gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    if x < a + 1.0 {
        let mut sum = 1.0 / a;
        let mut term = sum;
        let mut n = a;
        for _ in 0..1_000 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-15 {
                break;
            }
        }
        let p = sum * (-x + a * x.ln() - ln_gamma(a)).exp();
        (1.0 - p).clamp(0.0, 1.0)
    } else {
        // Lentz's method for the continued fraction.
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1_000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < 1e-15 {
                break;
            }
        }
        ((-x + a * x.ln() - ln_gamma(a)).exp() * h).clamp(0.0, 1.0)
    }
}

/// P(X ≥ x) for a chi-square variable with `df` degrees of freedom.
pub fn chi_square_p(x: f64, df: usize) -> f64 {
    gamma_q(df as f64 / 2.0, x / 2.0)
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

fn ln_factorial(n: u64) -> f64 {
    ln_gamma(n as f64 + 1.0)
}

/// Fisher's exact test, two-sided: the probability of every table with the same margins that
/// is no more likely than the one observed.
pub fn fisher_exact(t: [[u64; 2]; 2]) -> f64 {
    let (r1, r2) = (t[0][0] + t[0][1], t[1][0] + t[1][1]);
    let (c1, n) = (t[0][0] + t[1][0], r1 + r2);
    let ln_p = |a: u64| {
        let (b, c) = (r1 - a, c1 - a);
        let d = r2 - c;
        ln_factorial(r1) + ln_factorial(r2) + ln_factorial(c1) + ln_factorial(n - c1)
            - ln_factorial(n)
            - ln_factorial(a)
            - ln_factorial(b)
            - ln_factorial(c)
            - ln_factorial(d)
    };
    let lo = c1.saturating_sub(r2);
    let hi = r1.min(c1);
    let observed = ln_p(t[0][0]);
    (lo..=hi).map(ln_p).filter(|p| *p <= observed + 1e-7).map(f64::exp).sum::<f64>().min(1.0)
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

    #[test]
    fn ln_gamma_matches_factorials() {
        assert!(close(ln_gamma(1.0), 0.0, 1e-12));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-12));
        assert!(close(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-12));
        assert!(close(ln_gamma(101.0), 363.739_375_555_563_5, 1e-9));
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
