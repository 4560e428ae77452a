//! Runs many independent model runs on every core and hands their results
//! on in a fixed order, so output never depends on the number of threads.
//!
//! The model is a pure function of (scenario, seed). Runs are numbered in
//! output order; rayon runs a batch of them in parallel, and the batch's
//! results go to the caller's sink in number order before the next batch
//! starts, so memory holds one batch, not the whole experiment.

use super::error::Result;
use super::progress::Progress;
use commons_sim::ensemble;
use commons_sim::history::History;
use commons_sim::scenario::Scenario;
use rayon::prelude::*;

/// Runs `work` for each run number in `runs` (ascending), in parallel, and
/// passes each result to `sink` in the order of `runs`. Stops at the first
/// error, in run order.
pub fn for_each_in_order<T: Send>(
    runs: impl IntoIterator<Item = u64>,
    work: impl Fn(u64) -> Result<T> + Sync,
    mut sink: impl FnMut(u64, T) -> Result<()>,
) -> Result<()> {
    let runs: Vec<u64> = runs.into_iter().collect();
    let batch = (rayon::current_num_threads() * 16).max(64);
    for chunk in runs.chunks(batch) {
        let results: Vec<Result<T>> = chunk.par_iter().map(|&run| work(run)).collect();
        for (&run, result) in chunk.iter().zip(results) {
            sink(run, result?)?;
        }
    }
    Ok(())
}

/// One run of `scenario` with another seed, advancing `progress` each month.
pub fn simulate(scenario: &Scenario, seed: u64, progress: &Progress) -> Result<History> {
    let mut scenario = scenario.clone();
    scenario.seed = seed;
    Ok(ensemble::run_observed(&scenario, || progress.advance())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_run_order_whatever_the_scheduling() {
        let mut seen = Vec::new();
        for_each_in_order(
            0..1000u64,
            |run| Ok(run * 2),
            |run, doubled| {
                seen.push((run, doubled));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..1000).map(|r| (r, r * 2)).collect::<Vec<_>>());
    }
}
