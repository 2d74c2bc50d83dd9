//! Calibration: sessions and boards to come (issue 6). What exists so far is the fairness
//! engine's statistics, pure and tested against published values, which the board's bias
//! report will use.

pub mod stats;
