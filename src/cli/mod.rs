//! The native command line, `commons-sim`: parse the arguments, check them
//! into a plan, run it, and turn any error into one line and exit status 2.
//!
//! - `args`: the command line as typed (clap).
//! - `source`, `grid`, `shard`: checking scenarios, sweep grids and shards.
//! - `design`: reading an experiment's ranges, design and outputs files.
//! - `presets`, `run`, `compare`, `sweep`, `merge`, `sample`, `evaluate`,
//!   `analyze`, `discover`: one module per command, each a `Plan` (checked,
//!   outputs opened) and its `execute`.
//! - `runner`, `progress`: runs in parallel, results in a fixed order.
//! - `output`, `chart`, `stats`: files written whole, charts, statistics.

mod analyze;
mod args;
mod chart;
mod compare;
mod design;
mod discover;
mod error;
mod evaluate;
mod grid;
mod merge;
mod output;
mod presets;
mod progress;
mod run;
mod runner;
mod sample;
mod shard;
mod source;
mod stats;
mod sweep;

use args::{Cli, Command};
use clap::Parser;
use error::{CliError, Result};
use std::process::ExitCode;

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is_stdout_closed() => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn execute(cli: Cli) -> Result<()> {
    if let Some(threads) = &cli.threads {
        let threads = error::whole_number("--threads", threads, (1, 1024))?;
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads as usize)
            .build_global()
            .map_err(|e| CliError::new(format!("cannot start {threads} threads: {e}")))?;
    }
    let quiet = cli.quiet;
    match &cli.command {
        Command::Presets => presets::list(),
        Command::Scenario { scenario, changes } => presets::show(scenario, changes),
        Command::Run(args) => run::Plan::new(args)?.execute(quiet),
        Command::Compare(args) => compare::Plan::new(args)?.execute(quiet),
        Command::Sweep(args) => sweep::Plan::new(args)?.execute(quiet),
        Command::Merge(args) => merge::Plan::new(args)?.execute(),
        Command::Sample(args) => sample::Plan::new(args)?.execute(),
        Command::Evaluate(args) => evaluate::Plan::new(args)?.execute(quiet),
        Command::Analyze(args) => analyze::Plan::new(args)?.execute(),
        Command::Discover(args) => discover::Plan::new(args)?.execute(),
    }
}
