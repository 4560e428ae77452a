//! The native command line, `commons-sim`: parse the arguments, check them
//! into a plan, run it, and turn any error into one line and exit status 2.
//!
//! - `args`: the command line as typed (clap).
//! - `source`, `grid`, `shard`: checking scenarios, sweep grids and shards;
//!   `input`: reading files with a size limit; `design`: reading an
//!   experiment's ranges, design and outputs files.
//! - `presets`, `run`, `compare`, `sweep`, `merge`, `sample`, `evaluate`,
//!   `analyze`, `discover`: one module per command, each a `Plan` (checked,
//!   outputs opened) and its `execute`.
//! - `runner`, `progress`: runs in parallel, results in a fixed order.
//! - `output`, `manifest`, `chart`, `stats`: files written safely, the
//!   manifest beside each, charts, statistics.

mod analyze;
mod args;
mod chart;
mod compare;
mod design;
mod discover;
mod error;
mod evaluate;
mod grid;
mod input;
mod manifest;
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
    output::remove_temporaries_on_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version: clap prints them whole.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("error: {}", clap_error(&error));
            return ExitCode::from(2);
        }
    };
    match execute(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.is_stdout_closed() => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// A clap error as one line: a value parser's message after the option's
/// name, otherwise the first line of clap's own message.
fn clap_error(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if error.kind() == ErrorKind::ValueValidation
        && let (Some(ContextValue::String(arg)), Some(source)) =
            (error.get(ContextKind::InvalidArg), std::error::Error::source(error))
    {
        let flag = arg.split(' ').next().unwrap_or(arg);
        return commons_sim::scenario::one_line(&format!("{flag} {source}"));
    }
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand
    ) {
        return "a command is needed: presets, scenario, run, compare, sweep, merge, sample, evaluate, analyze or discover (see --help)".into();
    }
    // clap's first paragraph, joined: "the following required arguments
    // were not provided: --scenario <NAME|FILE.json>".
    let rendered = error.render().to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let first = paragraph.join(" ");
    let first = first.strip_prefix("error: ").unwrap_or(&first);
    commons_sim::scenario::one_line(&format!("{first} (see --help)"))
}

fn execute(cli: Cli) -> Result<()> {
    match &cli.command {
        Command::Presets => presets::list(),
        Command::Scenario { scenario, changes } => presets::show(scenario, changes),
        Command::Run(args) => run::Plan::new(args)?.execute(start(&args.running)?),
        Command::Compare(args) => compare::Plan::new(args)?.execute(start(&args.running)?),
        Command::Sweep(args) => sweep::Plan::new(args)?.execute(start(&args.running)?),
        Command::Merge(args) => merge::Plan::new(args)?.execute(args.quiet.quiet),
        Command::Sample(args) => sample::Plan::new(args)?.execute(),
        Command::Evaluate(args) => evaluate::Plan::new(args)?.execute(start(&args.running)?),
        Command::Analyze(args) => analyze::Plan::new(args)?.execute(),
        Command::Discover(args) => discover::Plan::new(args)?.execute(),
    }
}

/// Starts the worker threads that `--threads` or `RAYON_NUM_THREADS` asks
/// for, refusing a count out of range wherever it comes from; returns
/// whether to be quiet.
fn start(running: &args::Running) -> Result<bool> {
    let threads = match (running.threads, std::env::var("RAYON_NUM_THREADS")) {
        (Some(threads), _) => Some(threads),
        (None, Ok(text)) => {
            Some(args::thread_count(&text).map_err(|why| CliError::new(format!("RAYON_NUM_THREADS {why}")))?)
        }
        (None, Err(std::env::VarError::NotUnicode(_))) => {
            return Err(CliError::new("RAYON_NUM_THREADS is not a whole number"));
        }
        (None, Err(std::env::VarError::NotPresent)) => None,
    };
    if let Some(threads) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads as usize)
            .build_global()
            .map_err(|e| CliError::new(format!("cannot start {threads} threads: {e}")))?;
    }
    Ok(running.quiet.quiet)
}
