//! `commons-sim run`: one scenario, once or as an ensemble over consecutive
//! seeds, written as CSV rows (the page's export format) and, optionally,
//! drawn as a chart of every outcome.

use super::args::RunArgs;
use super::chart::{self, BAND, ChartFile};
use super::error::{CliError, Result};
use super::output::Output;
use super::progress::Progress;
use super::runner;
use super::shard::Shard;
use super::source;
use commons_sim::ensemble::{self, Summary};
use commons_sim::export;
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
        let seeds =
            ensemble::seeds(scenario.seed, source::seed_count(args.seeds.as_deref(), &scenario)?).collect();
        let shard = Shard::parse_option(args.shard.as_deref())?;
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
        Ok(Plan { scenario, seeds, shard, csv, chart })
    }

    pub fn execute(self, quiet: bool) -> Result<()> {
        let Plan { scenario, seeds, shard, mut csv, chart } = self;
        let runs = shard.runs(seeds.len() as u64);
        let progress = Progress::new(runs.clone().count() as u64 * u64::from(scenario.months), quiet);
        if let Some(csv) = &mut csv {
            csv.write(export::csv_header() + "\n")?;
        }
        let mut histories = Vec::new();
        runner::for_each_in_order(
            runs,
            |run| runner::simulate(&scenario, seeds[run as usize], &progress),
            |run, history| {
                if let Some(csv) = &mut csv {
                    let mut rows = String::new();
                    export::write_csv_rows(&mut rows, &scenario.name, seeds[run as usize], &history);
                    csv.write(rows)?;
                }
                if chart.is_some() {
                    histories.push(history);
                }
                Ok(())
            },
        )?;
        if let Some(chart) = chart {
            let summary = Summary::new(&histories, BAND.0, BAND.1);
            let title = format!(
                "{}: {}, {} months",
                scenario.name,
                chart::describe(seeds.len(), scenario.seed),
                scenario.months
            );
            chart.write(&title, &[(&scenario.name, &summary)])?;
        }
        csv.map_or(Ok(()), Output::commit)
    }
}
