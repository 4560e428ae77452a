//! `commons-sim sweep`: a full grid of parameter values, each grid point run
//! on the same seeds.
//!
//! The CSV is `point`, one column per varied parameter (named by its path),
//! then the run format `scenario,seed,month,<outcomes>`: one row per grid
//! point, seed and final month, or every month with `--every-month`. Rows
//! come in grid order (the first `--vary` slowest), then seed, then month.

use super::args::SweepArgs;
use super::error::{CliError, Result};
use super::grid::{Axis, Grid};
use super::manifest::Manifest;
use super::output::Output;
use super::progress::Progress;
use super::runner::{self, Spill};
use super::shard::Shard;
use super::source;
use commons_sim::ensemble;
use commons_sim::export;
use commons_sim::outcomes::OutcomeRow;
use std::fmt::Write;

/// A checked `sweep`.
pub struct Plan {
    grid: Grid,
    seeds: Vec<u64>,
    every_month: bool,
    shard: Shard,
    csv: Output,
}

impl Plan {
    pub fn new(args: &SweepArgs) -> Result<Plan> {
        let base = source::load_with(&args.base.scenario, &args.base.changes)?;
        let axes = args.vary.iter().map(|text| Axis::parse(text)).collect::<Result<Vec<_>>>()?;
        if axes.iter().any(|a| a.path == "seed") {
            return Err(CliError::new("--vary seed is not allowed: seeds are set by --seed and --seeds"));
        }
        let seeds = ensemble::seeds(base.seed, source::seed_count(Some(args.seeds), &base)?).collect();
        let grid = Grid::new(base, axes, args.running.quiet.quiet)?;
        let shard = args.shard.unwrap_or(Shard::ALL);
        let csv = Output::file_or_stdout(args.out.path.as_deref())?;
        Ok(Plan { grid, seeds, every_month: args.every_month, shard, csv })
    }

    /// Checks each grid point this shard runs as a whole scenario, before
    /// the first run, and returns the months of all its runs (the grid may
    /// vary `months`) for the progress bar of the runs.
    fn check_points(&self, quiet: bool) -> Result<u64> {
        let k = self.seeds.len() as u64;
        let runs = self.shard.runs(self.grid.len() * k);
        let progress =
            Progress::counting(self.grid.len().div_ceil(self.shard.count()), "grid points checked", quiet);
        let (mut last, mut months, mut total) = (None, 0, 0u64);
        for point in runs.map(|run| run / k) {
            if last != Some(point) {
                months = u64::from(self.grid.scenario(point)?.months);
                progress.advance();
                last = Some(point);
            }
            total += months;
        }
        Ok(total)
    }

    pub fn execute(self, quiet: bool) -> Result<()> {
        let months = self.check_points(quiet)?;
        let Plan { grid, seeds, every_month, shard, mut csv } = self;
        let k = seeds.len() as u64;
        let runs = shard.runs(grid.len() * k);
        let progress = Progress::new(months, quiet);
        csv.write(header(grid.axes()))?;
        let mut rows = 0u64;
        runner::for_each_in_order(
            runs,
            |run| {
                let (point, s) = (run / k, (run % k) as usize);
                let scenario = grid.scenario(point)?;
                let mut prefix = format!("{point}");
                for value in grid.values(point) {
                    let _ = write!(prefix, ",{value}");
                }
                prefix.push(',');
                let name = export::csv_field(&scenario.name);
                let mut spill = Spill::new();
                let mut count = 0u64;
                let mut last: Option<(u32, OutcomeRow)> = None;
                runner::simulate(&scenario, seeds[s], &progress, |month, row| {
                    if every_month {
                        spill.text().push_str(&prefix);
                        export::write_outcome_row(spill.text(), &name, seeds[s], month, row);
                        count += 1;
                        spill.settle()
                    } else {
                        last = Some((month, *row));
                        Ok(())
                    }
                })?;
                if let Some((month, row)) = last {
                    spill.text().push_str(&prefix);
                    export::write_outcome_row(spill.text(), &name, seeds[s], month, &row);
                    count += 1;
                }
                Ok((spill, count))
            },
            |_, (spill, count)| {
                rows += count;
                spill.drain(|bytes| csv.write(bytes))
            },
        )?;
        let vary: Vec<String> = grid
            .axes()
            .iter()
            .map(|a| {
                format!("{}={}", a.path, a.values.iter().map(f64::to_string).collect::<Vec<_>>().join(","))
            })
            .collect();
        let manifest = Manifest::new("sweep", &[grid.base()], grid.base().seed, k, grid.base().months)
            .setting("vary", vary.join(" "))
            .setting("points", grid.len())
            .setting("every_month", every_month)
            .shard(shard);
        csv.commit_with(manifest, rows)
    }
}

/// `point,<path>…,scenario,seed,month,<outcome>…`.
pub fn header(axes: &[Axis]) -> String {
    let mut header = String::from("point");
    for axis in axes {
        header.push(',');
        header.push_str(&export::csv_field(&axis.path));
    }
    header.push(',');
    header.push_str(&export::csv_header());
    header.push('\n');
    header
}
