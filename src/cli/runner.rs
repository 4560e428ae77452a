//! Runs many independent model runs on every core and hands their results
//! on in a fixed order, so output never depends on the number of threads.
//!
//! The model is a pure function of (scenario, seed). Runs are numbered in
//! output order and taken from a lazy iterator a batch at a time; rayon runs
//! a batch in parallel, and the batch's results go to the caller's sink in
//! number order before the next batch starts. Memory holds one batch of
//! results, and each result is small or spilled to disk ([`Spill`]), so it
//! does not grow with seeds × months.

use super::error::{CliError, Result};
use super::progress::Progress;
use commons_sim::ensemble;
use commons_sim::outcomes::OutcomeRow;
use commons_sim::scenario::Scenario;
use rayon::prelude::*;
use std::io::{Read, Seek, Write};

/// Runs `work` for each run number in `runs` (ascending), in parallel, and
/// passes each result to `sink` in the order of `runs`. Stops at the first
/// error, in run order.
pub fn for_each_in_order<T: Send>(
    runs: impl IntoIterator<Item = u64>,
    work: impl Fn(u64) -> Result<T> + Sync,
    mut sink: impl FnMut(u64, T) -> Result<()>,
) -> Result<()> {
    let mut runs = runs.into_iter();
    let batch = (rayon::current_num_threads() * 16).max(64);
    loop {
        let chunk: Vec<u64> = runs.by_ref().take(batch).collect();
        if chunk.is_empty() {
            return Ok(());
        }
        let results: Vec<Result<T>> = chunk.par_iter().map(|&run| work(run)).collect();
        for (&run, result) in chunk.iter().zip(results) {
            sink(run, result?)?;
        }
    }
}

/// One run of `scenario` with another seed, handing each month's outcomes
/// to `each` and advancing `progress` each simulated month.
pub fn simulate(
    scenario: &Scenario,
    seed: u64,
    progress: &Progress,
    mut each: impl FnMut(u32, &OutcomeRow) -> Result<()>,
) -> Result<()> {
    let mut scenario = scenario.clone();
    scenario.seed = seed;
    let mut failed = None;
    ensemble::run_streaming(&scenario, |month, row| {
        if month > 0 {
            progress.advance();
        }
        if failed.is_none() {
            failed = each(month, row).err();
        }
    })?;
    failed.map_or(Ok(()), Err)
}

/// Text kept in memory while small and moved to an anonymous temporary file
/// in `$TMPDIR` (deleted by the system however the process ends) once it is
/// large: one run's CSV rows, however long the run.
pub struct Spill {
    text: String,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

/// Bytes a spill keeps in memory before it moves to disk.
const IN_MEMORY: usize = 256 * 1024;

impl Spill {
    pub fn new() -> Spill {
        Spill { text: String::new(), file: None }
    }

    /// The text to append to: call [`Spill::settle`] after appending.
    pub fn text(&mut self) -> &mut String {
        &mut self.text
    }

    /// Moves the text to disk once it is large.
    pub fn settle(&mut self) -> Result<()> {
        if self.text.len() < IN_MEMORY {
            return Ok(());
        }
        let cannot = |e: std::io::Error| {
            let dir = std::env::temp_dir();
            CliError::new(format!(
                "cannot write a temporary file in {} (the temporary directory, $TMPDIR): {e}",
                super::error::quote(&dir.to_string_lossy())
            ))
        };
        if self.file.is_none() {
            self.file = Some(std::io::BufWriter::new(tempfile::tempfile().map_err(cannot)?));
        }
        if let Some(file) = &mut self.file {
            file.write_all(self.text.as_bytes()).map_err(cannot)?;
        }
        self.text.clear();
        Ok(())
    }

    /// Hands everything, in order, to `write` in pieces.
    pub fn drain(self, mut write: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
        let cannot = |e: std::io::Error| CliError::new(format!("cannot read a temporary file: {e}"));
        if let Some(file) = self.file {
            let mut file = file.into_inner().map_err(|e| cannot(e.into_error()))?;
            file.rewind().map_err(cannot)?;
            let mut buffer = vec![0; 64 * 1024];
            loop {
                let n = file.read(&mut buffer).map_err(cannot)?;
                if n == 0 {
                    break;
                }
                write(&buffer[..n])?;
            }
        }
        write(self.text.as_bytes())
    }
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

    #[test]
    fn a_spill_gives_back_everything_in_order() {
        let mut spill = Spill::new();
        let mut expected = String::new();
        for i in 0..100_000 {
            let line = format!("{i}\n");
            spill.text().push_str(&line);
            expected.push_str(&line);
            spill.settle().unwrap();
        }
        assert!(spill.file.is_some(), "large text went to disk");
        let mut back = Vec::new();
        spill
            .drain(|bytes| {
                back.extend_from_slice(bytes);
                Ok(())
            })
            .unwrap();
        assert_eq!(String::from_utf8(back).unwrap(), expected);
    }
}
