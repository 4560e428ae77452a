//! The command line as typed: commands and options, parsed by clap.
//!
//! Counts (`--seeds`, `--threads`, `--shard`) are parsed here by value
//! parsers with their ranges, so a bad one is refused by name and range
//! before anything else. Scenario values (`--set`, `--months`, `--seed`)
//! stay text: the scenario's own validation judges them against the
//! parameter table, as in a scenario file. Every error becomes one line
//! (`super::main`).

use super::shard::Shard;
use clap::{Args, Parser, Subcommand};

/// Most seeds one command may run per scenario or grid point.
pub const MAX_SEEDS: u64 = 1_000_000;
/// Most worker threads.
pub const MAX_THREADS: u64 = 1024;

/// A whole number from `min` to `max`, as a clap value parser's message:
/// the option's name is put in front of it.
pub fn whole_number(text: &str, (min, max): (u64, u64)) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("takes a whole number from {min} to {max}, not {}", super::error::quote(text))),
    }
}

fn seed_count(text: &str) -> Result<u64, String> {
    whole_number(text, (1, MAX_SEEDS))
}

pub fn thread_count(text: &str) -> Result<u64, String> {
    whole_number(text, (1, MAX_THREADS))
}

fn shard(text: &str) -> Result<Shard, String> {
    Shard::parse(text)
}

#[derive(Debug, Parser)]
#[command(
    name = "commons-sim",
    version,
    about = "Batch experiments with the Commons Economy Simulator: runs, ensembles, comparisons, sweeps, charts.",
    long_about = "Batch experiments with the Commons Economy Simulator, an agent-based model of a commons \
        economy under four kinds of state (after Michel Bauwens, 2012): single runs, ensembles over \
        seeds, comparisons of scenarios on common random numbers, parameter sweeps, and charts.\n\n\
        Every command that runs the model spreads its runs over every core; the output is the same \
        byte for byte whatever the number of threads.",
    after_help = "Examples:\n  \
        commons-sim presets\n  \
        commons-sim scenario partner-state > mine.json\n  \
        commons-sim run --scenario mine.json --seeds 20 --out runs.csv --chart runs.svg\n  \
        commons-sim compare welfare-state partner-state --seeds 30 --out compare.csv\n  \
        commons-sim sweep --scenario partner-state --vary state.income_tax=0.1:0.5:5 \\\n      \
        --seeds 10 --out sweep.csv\n\n\
        Errors exit with status 2. See docs/CLI.md for the CSV columns and running shards on a cluster."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// How a command that runs the model runs: threads and progress.
#[derive(Debug, Args)]
pub struct Running {
    /// Worker threads for runs (default: every core, or RAYON_NUM_THREADS if set)
    #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = thread_count)]
    pub threads: Option<u64>,
    #[command(flatten)]
    pub quiet: Quiet,
}

/// Whether to show progress.
#[derive(Debug, Args)]
pub struct Quiet {
    /// Show no progress bar (none is shown when stderr is not a terminal either)
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the preset scenarios, one per line with a one-line description
    #[command(after_help = "Example:\n  commons-sim presets")]
    Presets,
    /// Print a scenario as JSON with every parameter, ready to edit and pass back
    #[command(after_help = "Examples:\n  \
        commons-sim scenario partner-state > mine.json\n  \
        commons-sim scenario mine.json --set state.income_tax=0.3 > taxed.json")]
    Scenario {
        /// A preset name (see `commons-sim presets`) or a scenario file ending in .json
        #[arg(value_name = "NAME|FILE.json")]
        scenario: String,
        #[command(flatten)]
        changes: Changes,
    },
    /// Run one scenario once, or as an ensemble over consecutive seeds
    #[command(after_help = "Examples:\n  \
        commons-sim run --scenario partner-state --months 120 > run.csv\n  \
        commons-sim run --scenario big-society --seeds 50 --set state.civic_appeal=0.5 \\\n      \
        --out runs.csv --chart runs.png\n\n\
        The CSV has the columns scenario,seed,month and then one column per outcome, one row per \
        run and month (month 0 is the initial state). Without --out and --chart it goes to \
        standard output.")]
    Run(RunArgs),
    /// Compare scenarios on the same seeds at the final month
    #[command(after_help = "Example:\n  \
        commons-sim compare welfare-state big-society partner-state --seeds 30 --out compare.csv\n\n\
        Every scenario runs on the same seeds (common random numbers). For each scenario and \
        outcome at the final month the CSV gives the mean, median, 2.5% and 97.5% quantiles over \
        seeds, and the paired difference from the first scenario: per seed, value(scenario) − \
        value(first), with its mean and a 95% interval mean ± t(0.975, K−1)·sd/√K (Student t over \
        the K seeds). With --seeds 1 the interval cells are empty: one seed gives no interval.")]
    Compare(CompareArgs),
    /// Run a full grid of parameter values, each point on the same seeds
    #[command(after_help = "Examples:\n  \
        commons-sim sweep --scenario partner-state --vary state.income_tax=0.1:0.5:5 \\\n      \
        --seeds 10 --out sweep.csv\n  \
        commons-sim sweep --scenario welfare-state --vary state.basic_security=0:1:11 \\\n      \
        --vary state.take_up=0.5:1:3 --seeds 5 --every-month --out sweep.csv\n\n\
        --vary PATH=FROM:TO:STEPS takes STEPS evenly spaced values from FROM to TO, both included \
        (rounded to 12 significant digits). The grid is every combination, the first --vary \
        varying slowest. The CSV has the columns point, one per varied parameter, then \
        scenario,seed,month and one per outcome.")]
    Sweep(SweepArgs),
    /// Join the outputs of `--shard` runs into the file one machine would have written
    #[command(after_help = "Example:\n  \
        commons-sim merge --out sweep.csv sweep-shard-*.csv\n\n\
        The inputs may come in any order. Each must have its manifest (FILE.meta.json) beside it; \
        merge checks that the shards are all the shards of one experiment (same program, model, \
        scenarios and settings, each shard once), that no file was cut or changed, and refuses \
        anything else, naming the file and what differs.")]
    Merge(MergeArgs),
}

/// The scenario that `run` and `sweep` start from, with changes.
#[derive(Debug, Args)]
pub struct Base {
    /// A preset name (see `commons-sim presets`) or a scenario file ending in .json
    #[arg(long, value_name = "NAME|FILE.json")]
    pub scenario: String,
    #[command(flatten)]
    pub changes: Changes,
}

/// Where a command writes its CSV.
#[derive(Debug, Args)]
pub struct CsvOut {
    /// Write the CSV here (a file appears whole or not at all, with FILE.meta.json beside it; default: standard output, also for `-`)
    #[arg(long = "out", value_name = "FILE.csv")]
    pub path: Option<String>,
}

/// Changes to a scenario, applied together and validated once (so their
/// order never matters); for the same path, --months and --seed come after
/// every --set, and a later --set after an earlier one.
#[derive(Debug, Args)]
pub struct Changes {
    /// Set one parameter by its dotted path in the scenario JSON, validated like a scenario file
    /// (repeatable), e.g. --set state.income_tax=0.3
    #[arg(long = "set", value_name = "PATH=VALUE", allow_hyphen_values = true)]
    pub set: Vec<String>,
    /// Length of the run in months (overrides the scenario's)
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    pub months: Option<String>,
    /// The first seed (overrides the scenario's), or `random` for a fresh one, printed so it can be replayed
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub seed: Option<String>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub running: Running,
    #[command(flatten)]
    pub base: Base,
    /// Number of runs, on seeds N, N+1, … (default 1)
    #[arg(long, value_name = "K", allow_hyphen_values = true, value_parser = seed_count)]
    pub seeds: Option<u64>,
    #[command(flatten)]
    pub out: CsvOut,
    /// Draw every outcome panel (median and 90% band for ensembles) as SVG or PNG
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<String>,
    /// Run only the I-th of N deterministic shares of the runs (I from 1 to N); see `merge`
    #[arg(long, value_name = "I/N", allow_hyphen_values = true, value_parser = shard)]
    pub shard: Option<Shard>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub running: Running,
    /// Two or more presets or scenario files; differences are taken from the first
    #[arg(value_name = "NAME|FILE.json", num_args = 2.., required = true)]
    pub scenarios: Vec<String>,
    #[command(flatten)]
    pub changes: Changes,
    /// Number of seeds, the same for every scenario
    #[arg(long, value_name = "K", allow_hyphen_values = true, value_parser = seed_count)]
    pub seeds: u64,
    #[command(flatten)]
    pub out: CsvOut,
    /// Also draw every outcome panel, one line and 90% band per scenario, as SVG or PNG
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<String>,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub running: Running,
    #[command(flatten)]
    pub base: Base,
    /// A parameter and its values: PATH=FROM:TO:STEPS (repeatable; one grid axis each)
    #[arg(long, value_name = "PATH=FROM:TO:STEPS", required = true, allow_hyphen_values = true)]
    pub vary: Vec<String>,
    /// Number of seeds per grid point
    #[arg(long, value_name = "K", allow_hyphen_values = true, value_parser = seed_count)]
    pub seeds: u64,
    /// Write a row for every month, not only the final one
    #[arg(long)]
    pub every_month: bool,
    #[command(flatten)]
    pub out: CsvOut,
    /// Run only the I-th of N deterministic shares of the runs (I from 1 to N); see `merge`
    #[arg(long, value_name = "I/N", allow_hyphen_values = true, value_parser = shard)]
    pub shard: Option<Shard>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    #[command(flatten)]
    pub quiet: Quiet,
    /// CSV files written by `run --shard` or `sweep --shard`, in any order
    #[arg(value_name = "SHARD.csv", required = true)]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub out: CsvOut,
}
