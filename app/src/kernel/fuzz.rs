//! The budget of the property tests that fuzz form parsers: a fixed number of cases from a
//! fixed seed, so the test command takes the same time and finds the same things on every
//! run (raise `PROPTEST_CASES` by hand to search longer; a failure it finds is kept in
//! `proptest-regressions/` and replayed first from then on).

pub fn budget(cases: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(cases);
    proptest::test_runner::Config {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0074_7265_6c6c_6973),
        ..proptest::test_runner::Config::default()
    }
}
