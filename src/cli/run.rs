//! `commons-sim run`: one scenario, once or as an ensemble over consecutive
//! seeds, written as CSV rows (the page's export format) and, optionally,
//! drawn as a chart of every outcome.
//!
//! Each run's rows are written as it simulates them, to memory or, once
//! large, to an anonymous temporary file ([`Spill`]), and copied to the
//! output in run order; a chart keeps a bounded history per run. So memory
//! does not grow with seeds × months.

use super::args::RunArgs;
use super::chart::{self, BAND, CHART_POINTS, ChartFile};
use super::error::{CliError, Result};
use super::manifest::Manifest;
use super::output::{self, Output};
use super::progress::Progress;
use super::runner::{self, Spill};
use super::shard::Shard;
use super::source;
use commons_sim::ensemble::{self, Summary};
use commons_sim::export;
use commons_sim::history::History;
use commons_sim::scenario::Scenario;

/// A checked `run`: everything is valid and every output can be written.
pub struct Plan {
    scenario: Scenario,
    seeds: Vec<u64>,
    shard: Shard,
    csv: Option<Output>,
    chart: Option<ChartFile>,
}

impl Plan {
    pub fn new(args: &RunArgs) -> Result<Plan> {
        let scenario = source::load_with(&args.base.scenario, &args.base.changes)?;
        let seeds = ensemble::seeds(scenario.seed, source::seed_count(args.seeds, &scenario)?).collect();
        let shard = args.shard.unwrap_or(Shard::ALL);
        if shard.is_partial() && args.chart.is_some() {
            return Err(CliError::new(
                "--chart needs every run, so it cannot be combined with --shard; chart after `commons-sim merge`",
            ));
        }
        let chart = args.chart.as_deref().map(ChartFile::open).transpose()?;
        // Without --out, the CSV goes to standard output unless a chart is all that was asked for.
        let csv = match (&args.out.path, &chart) {
            (None, Some(_)) => None,
            (out, _) => Some(Output::file_or_stdout(out.as_deref())?),
        };
        output::check_distinct(csv.iter().chain(chart.as_ref().map(ChartFile::output)))?;
        Ok(Plan { scenario, seeds, shard, csv, chart })
    }

    pub fn execute(self, quiet: bool) -> Result<()> {
        let Plan { scenario, seeds, shard, mut csv, chart } = self;
        let runs = shard.runs(seeds.len() as u64);
        let progress = Progress::new(runs.clone().count() as u64 * u64::from(scenario.months), quiet);
        if let Some(csv) = &mut csv {
            csv.write(export::csv_header() + "\n")?;
        }
        let name = export::csv_field(&scenario.name);
        let (writing, charting) = (csv.is_some(), chart.is_some());
        let mut histories = Vec::new();
        let mut rows = 0u64;
        runner::for_each_in_order(
            runs,
            |run| {
                let seed = seeds[run as usize];
                let mut spill = writing.then(Spill::new);
                let mut history = charting.then(|| History::bounded(CHART_POINTS));
                let mut months = 0u64;
                runner::simulate(&scenario, seed, &progress, |month, row| {
                    months += 1;
                    if let Some(history) = &mut history {
                        history.push(month, row);
                    }
                    match &mut spill {
                        Some(spill) => {
                            export::write_outcome_row(spill.text(), &name, seed, month, row);
                            spill.settle()
                        }
                        None => Ok(()),
                    }
                })?;
                Ok((spill, history, months))
            },
            |_, (spill, history, months)| {
                if let (Some(csv), Some(spill)) = (&mut csv, spill) {
                    spill.drain(|bytes| csv.write(bytes))?;
                    rows += months;
                }
                histories.extend(history);
                Ok(())
            },
        )?;
        let manifest = Manifest::new("run", &[&scenario], scenario.seed, seeds.len() as u64, scenario.months)
            .shard(shard);
        if let Some(chart) = chart {
            let summary = Summary::new(&histories, BAND.0, BAND.1);
            let title = format!(
                "{}: {}, {} months",
                scenario.name,
                chart::describe(seeds.len(), scenario.seed),
                scenario.months
            );
            chart.write(&title, &[(&scenario.name, &summary)], manifest.clone())?;
        }
        csv.map_or(Ok(()), |csv| csv.commit_with(manifest, rows))
    }
}
