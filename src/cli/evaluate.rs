//! `commons-sim evaluate`: runs every row of a design on the model and
//! writes SALib's `model_output.txt` — one row per design row, one column per
//! `--outcome`: the mean over K common seeds of each run's mean over its last
//! W months; with `--versus`, the paired difference scenario − versus.
//!
//! The design is read twice and never held: once to check every row (an
//! invalid row is reported with its line before anything runs), once to run
//! it a chunk of rows at a time on every core, results in row order, so the
//! bytes never depend on the thread count. `--shard I/N` takes the I-th of N
//! consecutive blocks of rows, whose outputs concatenate to the whole.

use super::args::EvaluateArgs;
use super::design;
use super::error::{CliError, Result};
use super::input;
use super::manifest::Manifest;
use super::output::Output;
use super::progress::Progress;
use super::runner;
use super::shard::Shard;
use super::source;
use commons_sim::ensemble;
use commons_sim::experiments::problem::Parameter;
use commons_sim::experiments::table;
use commons_sim::outcomes::Outcome;
use commons_sim::scenario::{Scenario, params};
use serde_json::Value;

/// Design rows run together: enough to keep every core busy between the
/// ordered hand-overs, few enough that memory stays small.
const CHUNK_ROWS: usize = 256;

/// A checked `evaluate`.
pub struct Plan {
    scenario: Scenario,
    versus: Option<Scenario>,
    parameters: Vec<Parameter>,
    design: String,
    rows: u64,
    seeds: Vec<u64>,
    outcomes: Vec<Outcome>,
    window: usize,
    shard: Shard,
    out: Output,
    manifest: Manifest,
}

impl Plan {
    pub fn new(args: &EvaluateArgs) -> Result<Plan> {
        let scenario = source::load_with(&args.base.scenario, &args.base.changes)?;
        let versus = match &args.versus {
            Some(name) => {
                Some(source::load_with(name, &args.base.changes).map_err(|e| e.context("--versus"))?)
            }
            None => None,
        };
        let ranges = design::ranges(&args.ranges.path, true)?;
        let parameters = ranges.value;
        let seeds = ensemble::seeds(scenario.seed, source::seed_count(args.seeds, &scenario)?).collect();
        let outcomes = args
            .outcome
            .iter()
            .map(|name| {
                Outcome::from_name(name).ok_or_else(|| {
                    let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
                    CliError::new(format!(
                        "--outcome {name} is not an outcome; the outcomes are {}",
                        names.join(", ")
                    ))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let window = args.final_months.unwrap_or(12) as usize;
        let shard = args.shard.unwrap_or(Shard::ALL);
        let mut plan = Plan {
            scenario,
            versus,
            parameters,
            design: args.design.clone(),
            rows: 0,
            seeds,
            outcomes,
            window,
            shard,
            out: Output::file_or_stdout(args.out.as_deref())?,
            manifest: Manifest::new("evaluate", &[], 0, 0, 0),
        };
        let design_digest;
        (plan.rows, design_digest) = plan.check_design()?;
        let scenarios: Vec<&Scenario> = std::iter::once(&plan.scenario).chain(&plan.versus).collect();
        let names: Vec<&str> = plan.outcomes.iter().map(|o| o.name()).collect();
        plan.manifest = Manifest::new(
            "evaluate",
            &scenarios,
            plan.seeds[0],
            plan.seeds.len() as u64,
            plan.scenario.months,
        )
        .setting("ranges_digest", ranges.digest)
        .setting("design_digest", design_digest)
        .setting("design_rows", plan.rows)
        .setting("outcomes", names.join(","))
        .setting("final_months", plan.window)
        .setting("versus", plan.versus.is_some())
        .shard(shard);
        Ok(plan)
    }

    /// Reads the design once, checking every row; returns the row count
    /// and the digest of the file.
    fn check_design(&self) -> Result<(u64, String)> {
        let mut rows = 0;
        let digest = for_each_row(&self.design, self.parameters.len(), |_, line, values| {
            self.scenarios(line, &values)?;
            rows += 1;
            Ok(())
        })?;
        if rows == 0 {
            return Err(CliError::new(format!("`{}` has no rows", self.design)));
        }
        Ok((rows, digest))
    }

    /// The scenario (and versus) of one design row.
    fn scenarios(&self, line: usize, values: &[f64]) -> Result<(Scenario, Option<Scenario>)> {
        let at = |e: CliError| e.context(format_args!("`{}` line {line}", self.design));
        for (p, &value) in self.parameters.iter().zip(values) {
            // A little slack for designs printed with fewer digits (SALib's %.8e).
            let slack = 1e-9 * p.width();
            if value < p.lower - slack || value > p.upper + slack {
                return Err(at(CliError::new(format!(
                    "{}: {value} is outside its range in the parameter file, {} to {}",
                    p.name, p.lower, p.upper
                ))));
            }
        }
        let a = with_row(&self.scenario, &self.parameters, values).map_err(at)?;
        let b =
            self.versus.as_ref().map(|v| with_row(v, &self.parameters, values)).transpose().map_err(at)?;
        for s in std::iter::once(&a).chain(&b) {
            if (s.months as usize) < self.window {
                return Err(at(CliError::new(format!(
                    "--final-months {} is longer than the run, {} months",
                    self.window, s.months
                ))));
            }
        }
        Ok((a, b))
    }

    pub fn execute(mut self, quiet: bool) -> Result<()> {
        let block = self.shard.block(self.rows);
        let k = self.seeds.len();
        let per_row =
            u64::from(self.scenario.months) + self.versus.as_ref().map_or(0, |v| u64::from(v.months));
        let progress = Progress::new((block.end - block.start) * k as u64 * per_row, quiet);
        // The output is written here while the runs borrow the rest of the plan.
        let mut out = std::mem::replace(&mut self.out, Output::stdout());
        let mut chunk: Vec<(Scenario, Option<Scenario>)> = Vec::with_capacity(CHUNK_ROWS);
        let run_chunk = |chunk: &mut Vec<(Scenario, Option<Scenario>)>, out: &mut Output| -> Result<()> {
            let mut sums = vec![0.0; self.outcomes.len()];
            runner::for_each_in_order(
                0..(chunk.len() * k) as u64,
                |run| {
                    let (row, seed) = (run as usize / k, self.seeds[run as usize % k]);
                    let (a, b) = &chunk[row];
                    let mut values = self.statistics(a, seed, &progress)?;
                    if let Some(b) = b {
                        let base = self.statistics(b, seed, &progress)?;
                        values.iter_mut().zip(base).for_each(|(v, w)| *v -= w);
                    }
                    Ok(values)
                },
                |run, values| {
                    sums.iter_mut().zip(values).for_each(|(s, v)| *s += v);
                    if run as usize % k == k - 1 {
                        let means: Vec<f64> = sums.iter().map(|s| s / k as f64).collect();
                        sums.iter_mut().for_each(|s| *s = 0.0);
                        out.write(table::format_row(&means))?;
                    }
                    Ok(())
                },
            )?;
            chunk.clear();
            Ok(())
        };
        for_each_row(&self.design, self.parameters.len(), |row, line, values| {
            if block.contains(&row) {
                chunk.push(self.scenarios(line, &values)?);
                if chunk.len() == CHUNK_ROWS {
                    run_chunk(&mut chunk, &mut out)?;
                }
            }
            Ok(())
        })?;
        run_chunk(&mut chunk, &mut out)?;
        let manifest = std::mem::replace(&mut self.manifest, Manifest::new("evaluate", &[], 0, 0, 0));
        out.commit_with(manifest, block.end - block.start)
    }

    /// One run of `scenario` on `seed`: each outcome's mean over its last W
    /// months.
    fn statistics(&self, scenario: &Scenario, seed: u64, progress: &Progress) -> Result<Vec<f64>> {
        let mut sums = vec![0.0; self.outcomes.len()];
        let first = scenario.months as usize + 1 - self.window;
        runner::simulate(scenario, seed, progress, |month, row| {
            if month as usize >= first {
                sums.iter_mut().zip(&self.outcomes).for_each(|(s, &o)| *s += row[o as usize]);
            }
            Ok(())
        })?;
        Ok(sums.into_iter().map(|s| s / self.window as f64).collect())
    }
}

/// Calls `each(row, line, values)` for every row of a design file, in
/// order, reading one line at a time (rows from 0, lines from 1); returns
/// the digest of the file.
fn for_each_row(
    path: &str,
    width: usize,
    mut each: impl FnMut(u64, usize, Vec<f64>) -> Result<()>,
) -> Result<String> {
    let mut row = 0;
    input::for_each_line(std::path::Path::new(path), "design", |line, text| {
        if let Some(values) = table::parse_row(text, line, Some(width)).map_err(|e| design::at(path, e))? {
            each(row, line, values)?;
            row += 1;
        }
        Ok(())
    })
}

/// `base` with one design row's values set by path; whole-number parameters
/// are rounded to the nearest whole number, as a design's values fall between.
fn with_row(base: &Scenario, parameters: &[Parameter], values: &[f64]) -> Result<Scenario> {
    let mut scenario = base.clone();
    for (p, &value) in parameters.iter().zip(values) {
        let value = match params::spec(&p.name) {
            Some(spec) if spec.integer => Value::from(value.round() as i64),
            _ => Value::from(value),
        };
        scenario.set(&p.name, value)?;
    }
    Ok(scenario)
}
