//! `commons-sim sweep`: a full grid of parameter values, each grid point run
//! on the same seeds.
//!
//! The CSV is `point`, one column per varied parameter (named by its path),
//! then the run format `scenario,seed,month,<outcomes>`: one row per grid
//! point, seed and final month, or every month with `--every-month`. Rows
//! come in grid order (the first `--vary` slowest), then seed, then month.

use super::args::SweepArgs;
use super::error::{CliError, Result};
use super::grid::{self, Axis};
use super::output::Output;
use super::progress::Progress;
use super::runner;
use super::shard::Shard;
use super::source;
use commons_sim::ensemble;
use commons_sim::export;
use commons_sim::scenario::Scenario;
use std::fmt::Write;

/// A checked `sweep`.
pub struct Plan {
    axes: Vec<Axis>,
    points: Vec<(Vec<f64>, Scenario)>,
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
        let points = grid::points(&base, &axes)?;
        let seeds = ensemble::seeds(base.seed, source::seed_count(Some(&args.seeds), &base)?).collect();
        let shard = Shard::parse_option(args.shard.as_deref())?;
        let csv = Output::file_or_stdout(args.out.path.as_deref())?;
        Ok(Plan { axes, points, seeds, every_month: args.every_month, shard, csv })
    }

    pub fn execute(self, quiet: bool) -> Result<()> {
        let Plan { axes, points, seeds, every_month, shard, mut csv } = self;
        let k = seeds.len();
        let runs = shard.runs((points.len() * k) as u64);
        let months = runs.clone().map(|run| u64::from(points[run as usize / k].1.months)).sum();
        let progress = Progress::new(months, quiet);
        csv.write(header(&axes))?;
        runner::for_each_in_order(
            runs,
            |run| {
                let (point, s) = (run as usize / k, run as usize % k);
                let (values, scenario) = &points[point];
                let history = runner::simulate(scenario, seeds[s], &progress)?;
                let months = if every_month {
                    0..history.len()
                } else {
                    history.len().saturating_sub(1)..history.len()
                };
                let mut rows = String::new();
                for i in months {
                    let _ = write!(rows, "{point}");
                    for value in values {
                        let _ = write!(rows, ",{value}");
                    }
                    rows.push(',');
                    export::write_csv_row(&mut rows, &scenario.name, seeds[s], &history, i);
                }
                Ok(rows)
            },
            |_, rows| csv.write(rows),
        )?;
        csv.commit()
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
