//! `commons-sim compare`: scenarios on the same seeds (common random
//! numbers), summarised at the final month, with paired differences from the
//! first scenario.
//!
//! The CSV has one row per scenario and outcome:
//! `scenario,outcome,month,seeds,mean,median,q025,q975,diff_mean,diff_lower95,diff_upper95`.
//! `diff_*` describe, over seeds, value(scenario) − value(first scenario) on
//! the same seed: its mean and a 95% Student t interval. With one seed the
//! interval cells are empty.

use super::args::CompareArgs;
use super::chart::{self, BAND, CHART_POINTS, ChartFile};
use super::error::{CliError, Result};
use super::manifest::Manifest;
use super::output::{self, Output};
use super::progress::Progress;
use super::runner;
use super::source;
use super::stats::{MeanInterval, Spread};
use commons_sim::ensemble::{self, Summary};
use commons_sim::export::csv_field;
use commons_sim::history::History;
use commons_sim::outcomes::{Outcome, OutcomeRow};
use commons_sim::scenario::Scenario;
use std::fmt::Write;

pub const HEADER: &str =
    "scenario,outcome,month,seeds,mean,median,q025,q975,diff_mean,diff_lower95,diff_upper95";

/// A checked `compare`.
pub struct Plan {
    scenarios: Vec<Scenario>,
    seeds: Vec<u64>,
    csv: Output,
    chart: Option<ChartFile>,
}

impl Plan {
    pub fn new(args: &CompareArgs) -> Result<Plan> {
        let mut scenarios = args
            .scenarios
            .iter()
            .map(|argument| source::load_with(argument, &args.changes))
            .collect::<Result<Vec<_>>>()?;
        for (i, scenario) in scenarios.iter().enumerate() {
            if scenarios[..i].iter().any(|s| s.name == scenario.name) {
                return Err(CliError::new(format!(
                    "two scenarios are named `{}`; give them different names (e.g. \"name\" in the file) \
                     to tell them apart in the output",
                    scenario.name
                )));
            }
        }
        let first = &scenarios[0];
        if let Some(other) = scenarios.iter().find(|s| s.months != first.months) {
            return Err(CliError::new(format!(
                "the scenarios run for different lengths (`{}` {} months, `{}` {}); set one with --months",
                first.name, first.months, other.name, other.months
            )));
        }
        // Common random numbers: every scenario runs on the first one's seeds.
        let first_seed = first.seed;
        let count = source::seed_count(Some(args.seeds), first)?;
        for scenario in &mut scenarios {
            scenario.seed = first_seed;
        }
        let seeds = ensemble::seeds(first_seed, count).collect();
        let chart = args.chart.as_deref().map(ChartFile::open).transpose()?;
        let csv = Output::file_or_stdout(args.out.path.as_deref())?;
        output::check_distinct(std::iter::once(&csv).chain(chart.as_ref().map(ChartFile::output)))?;
        Ok(Plan { scenarios, seeds, csv, chart })
    }

    pub fn execute(self, quiet: bool) -> Result<()> {
        let Plan { scenarios, seeds, mut csv, chart } = self;
        let k = seeds.len();
        let total = (scenarios.len() * k) as u64;
        let months: u64 = scenarios.iter().map(|s| u64::from(s.months)).sum();
        let progress = Progress::new(months * k as u64, quiet);
        let charting = chart.is_some();
        let mut finals: Vec<OutcomeRow> = Vec::with_capacity(total as usize);
        let mut histories: Vec<History> = Vec::new();
        runner::for_each_in_order(
            0..total,
            |run| {
                let mut history = charting.then(|| History::bounded(CHART_POINTS));
                let mut last = None;
                let (scenario, seed) = (&scenarios[run as usize / k], seeds[run as usize % k]);
                runner::simulate(scenario, seed, &progress, |month, row| {
                    if let Some(history) = &mut history {
                        history.push(month, row);
                    }
                    last = Some(*row);
                    Ok(())
                })?;
                Ok((last, history))
            },
            |_, (last, history)| {
                finals.push(last.ok_or_else(|| CliError::new("a run recorded no month"))?);
                histories.extend(history);
                Ok(())
            },
        )?;
        csv.write(table(&scenarios, &finals, k))?;
        let all: Vec<&Scenario> = scenarios.iter().collect();
        let manifest = Manifest::new("compare", &all, seeds[0], k as u64, scenarios[0].months);
        if let Some(chart) = chart {
            let summaries: Vec<Summary> =
                histories.chunks(k).map(|runs| Summary::new(runs, BAND.0, BAND.1)).collect();
            let labelled: Vec<(&str, &Summary)> =
                scenarios.iter().map(|s| s.name.as_str()).zip(&summaries).collect();
            let title = format!(
                "Comparison: {} per scenario, {} months",
                chart::describe(k, seeds[0]),
                scenarios[0].months
            );
            chart.write(&title, &labelled, manifest.clone())?;
        }
        csv.commit_with(manifest, (scenarios.len() * Outcome::ALL.len()) as u64)
    }
}

/// The CSV: `finals` holds each scenario's final rows, `k` seeds each, in
/// scenario order.
fn table(scenarios: &[Scenario], finals: &[OutcomeRow], k: usize) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    let baseline = &finals[..k];
    for (scenario, rows) in scenarios.iter().zip(finals.chunks(k)) {
        let name = csv_field(&scenario.name);
        for outcome in Outcome::ALL {
            let o = outcome as usize;
            let values: Vec<f64> = rows.iter().map(|r| r[o]).collect();
            let differences: Vec<f64> = rows.iter().zip(baseline).map(|(r, b)| r[o] - b[o]).collect();
            let spread = Spread::of(&values);
            let difference = MeanInterval::of(&differences);
            let (lower, upper) = match difference.interval {
                Some((lower, upper)) => (lower.to_string(), upper.to_string()),
                None => (String::new(), String::new()),
            };
            let _ = writeln!(
                out,
                "{name},{},{},{k},{},{},{},{},{},{lower},{upper}",
                outcome.name(),
                scenario.months,
                spread.mean,
                spread.median,
                spread.lower,
                spread.upper,
                difference.mean,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use commons_sim::outcomes::COUNT;

    fn scenario(name: &str) -> Scenario {
        Scenario { name: name.into(), months: 12, ..Scenario::default() }
    }

    #[test]
    fn differences_are_paired_by_seed() {
        let scenarios = [scenario("a"), scenario("b")];
        // Seed 1: a = 1, b = 4; seed 2: a = 3, b = 8. Differences 3 and 5.
        let finals = [[1.0; COUNT], [3.0; COUNT], [4.0; COUNT], [8.0; COUNT]];
        let csv = table(&scenarios, &finals, 2);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], HEADER);
        assert_eq!(lines.len(), 1 + 2 * COUNT);
        assert!(lines[1].starts_with("a,commons_knowledge,12,2,2,2,"), "{}", lines[1]);
        assert!(lines[1].ends_with(",0,0,0"), "the first scenario differs from itself by 0: {}", lines[1]);
        let b: Vec<&str> = lines[1 + COUNT].split(',').collect();
        assert_eq!(&b[..5], &["b", "commons_knowledge", "12", "2", "6"]);
        assert_eq!(b[8], "4", "mean paired difference");
        let (lower, upper): (f64, f64) = (b[9].parse().unwrap(), b[10].parse().unwrap());
        assert!(
            (lower - (4.0 - 12.706_204_736)).abs() < 1e-6 && (upper - (4.0 + 12.706_204_736)).abs() < 1e-6
        );
    }

    #[test]
    fn one_seed_leaves_the_interval_empty() {
        let csv = table(&[scenario("a"), scenario("b")], &[[1.0; COUNT], [2.0; COUNT]], 1);
        let b = csv.lines().nth(1 + COUNT).unwrap();
        assert!(b.ends_with(",1,,"), "{b}");
    }
}
