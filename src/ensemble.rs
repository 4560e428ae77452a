//! Runs of a scenario to its end, and ensembles over consecutive seeds
//! summarised month by month (median and a quantile band).
//!
//! Nothing here is parallel: the command line spreads runs over threads, the
//! page over a Web Worker, and both summarise with the same code, so a
//! summary never depends on how the runs were scheduled.

use crate::history::History;
use crate::model::Model;
use crate::outcomes::{COUNT, Outcome, OutcomeRow};
use crate::scenario::{Scenario, ScenarioError};
use crate::stats::quantile_of_sorted;
use std::borrow::Borrow;

/// Runs a scenario to its last month and returns every month's outcomes
/// (month 0, the initial state, included).
pub fn run(scenario: &Scenario) -> Result<History, ScenarioError> {
    run_observed(scenario, || {})
}

/// Like [`run`], keeping at most `points` evenly spaced months however long
/// the run (see [`History::bounded`]): fixed memory for runs of any length.
pub fn run_bounded(scenario: &Scenario, points: usize) -> Result<History, ScenarioError> {
    run_into(scenario, History::bounded(points), || {})
}

/// Like [`run`], calling `after_month` after each simulated month (for a
/// progress bar over long runs).
pub fn run_observed(scenario: &Scenario, after_month: impl FnMut()) -> Result<History, ScenarioError> {
    run_into(scenario, History::new(), after_month)
}

fn run_into(
    scenario: &Scenario,
    mut history: History,
    mut after_month: impl FnMut(),
) -> Result<History, ScenarioError> {
    run_streaming(scenario, |month, row| {
        history.push(month, row);
        if month > 0 {
            after_month();
        }
    })?;
    Ok(history)
}

/// Runs a scenario to its end, handing each month's outcomes (month 0, the
/// initial state, first) to `each` as they are computed. Nothing is kept,
/// so memory does not grow with the length of the run.
pub fn run_streaming(
    scenario: &Scenario,
    mut each: impl FnMut(u32, &OutcomeRow),
) -> Result<(), ScenarioError> {
    let mut model = Model::new(scenario)?;
    each(model.month(), model.outcomes());
    while !model.finished() {
        model.step();
        each(model.month(), model.outcomes());
    }
    Ok(())
}

/// The seeds of an ensemble: `first`, `first + 1`, … (`count` of them).
/// Scenarios compared on the same seeds share their random numbers.
pub fn seeds(first: u64, count: u32) -> impl Iterator<Item = u64> {
    (0..u64::from(count)).map(move |i| first.wrapping_add(i))
}

/// Hands `visit` every outcome's values across `runs` at each month, sorted
/// ascending (outcome by outcome, month by month): what every quantile of an
/// ensemble is read from. The runs (histories, or references to them) must
/// have equal months.
pub fn for_each_sorted_cross_section<H: Borrow<History>>(
    runs: &[H],
    mut visit: impl FnMut(Outcome, usize, &[f64]),
) {
    let len = runs.first().map_or(0, |h| h.borrow().len());
    let mut values = Vec::with_capacity(runs.len());
    for outcome in Outcome::ALL {
        for month in 0..len {
            values.clear();
            values.extend(runs.iter().map(|h| h.borrow().column(outcome)[month]));
            values.sort_unstable_by(f64::total_cmp);
            visit(outcome, month, &values);
        }
    }
}

/// Quantiles of the band the page and the command line draw around an
/// ensemble's median: a 90% band.
pub const BAND: (f64, f64) = (0.05, 0.95);

/// An ensemble's outcomes month by month: the median and the band between
/// two quantiles across runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Quantile of the band's lower edge (0.05 for a 90% band).
    pub lower_quantile: f64,
    /// Quantile of the band's upper edge (0.95 for a 90% band).
    pub upper_quantile: f64,
    /// Number of runs summarised.
    pub runs: usize,
    months: Vec<f64>,
    median: [Vec<f64>; COUNT],
    lower: [Vec<f64>; COUNT],
    upper: [Vec<f64>; COUNT],
}

impl Summary {
    /// Summarises runs of equal length (as runs of one scenario are) with a
    /// band from `lower_quantile` to `upper_quantile`.
    ///
    /// Panics if `runs` is empty or the runs differ in length: callers build
    /// them from one scenario, so either would be a bug, not a user error.
    pub fn new(runs: &[History], lower_quantile: f64, upper_quantile: f64) -> Summary {
        let first = runs.first().expect("an ensemble has at least one run");
        assert!(runs.iter().all(|h| h.months() == first.months()), "runs of one scenario have equal months");
        let len = first.len();
        let mut median: [Vec<f64>; COUNT] = std::array::from_fn(|_| Vec::with_capacity(len));
        let mut lower = median.clone();
        let mut upper = median.clone();
        for_each_sorted_cross_section(runs, |outcome, _, values| {
            let o = outcome as usize;
            median[o].push(quantile_of_sorted(values, 0.5));
            lower[o].push(quantile_of_sorted(values, lower_quantile));
            upper[o].push(quantile_of_sorted(values, upper_quantile));
        });
        Summary {
            lower_quantile,
            upper_quantile,
            runs: runs.len(),
            months: first.months().to_vec(),
            median,
            lower,
            upper,
        }
    }

    pub fn months(&self) -> &[f64] {
        &self.months
    }

    pub fn median(&self, outcome: Outcome) -> &[f64] {
        &self.median[outcome as usize]
    }

    pub fn lower(&self, outcome: Outcome) -> &[f64] {
        &self.lower[outcome as usize]
    }

    pub fn upper(&self, outcome: Outcome) -> &[f64] {
        &self.upper[outcome as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history_with(values: &[f64]) -> History {
        let mut h = History::new();
        for (month, &v) in values.iter().enumerate() {
            h.push(month as u32, &[v; COUNT]);
        }
        h
    }

    #[test]
    fn summary_gives_median_and_band_per_month() {
        let runs: Vec<History> = (1..=5).map(|k| history_with(&[k as f64, 10.0 * k as f64])).collect();
        let summary = Summary::new(&runs, 0.05, 0.95);
        let o = Outcome::MarketOutput;
        assert_eq!(summary.months(), &[0.0, 1.0]);
        assert_eq!(summary.median(o), &[3.0, 30.0]);
        assert!((summary.lower(o)[0] - 1.2).abs() < 1e-12);
        assert!((summary.upper(o)[1] - 48.0).abs() < 1e-12);
        assert_eq!(summary.runs, 5);
    }

    #[test]
    fn bounded_runs_of_one_length_keep_the_same_months_and_can_be_summarised() {
        let mut scenario = Scenario::preset("kinetic-exchange").unwrap();
        scenario.population.citizens = 20;
        scenario.months = 5_000;
        let runs: Vec<History> = seeds(1, 3)
            .map(|seed| run_bounded(&Scenario { seed, ..scenario.clone() }, 64).unwrap())
            .collect();
        assert!(runs.iter().all(|h| h.len() <= 64 && h.months() == runs[0].months()));
        let summary = Summary::new(&runs, 0.05, 0.95);
        assert_eq!(summary.months(), runs[0].months());
    }

    #[test]
    fn seeds_are_consecutive() {
        assert_eq!(seeds(41, 3).collect::<Vec<_>>(), vec![41, 42, 43]);
    }
}
