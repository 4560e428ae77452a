//! The command line as typed: commands and options, parsed by clap.
//!
//! Counts (`--seeds`, `--threads`, `--shard`, an experiment's `-n`,
//! `--levels`, `--column`, …) and shares are parsed here by value parsers
//! with their ranges, so a bad one is refused by name and range before
//! anything else. Scenario values (`--set`, `--months`, `--seed`)
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

/// Most base points, trajectories or rows one design may have.
pub const MAX_SAMPLES: u64 = 1_000_000;

fn sample_count(text: &str) -> Result<u64, String> {
    whole_number(text, (1, MAX_SAMPLES))
}

fn sampler_seed(text: &str) -> Result<u64, String> {
    whole_number(text, (0, u64::MAX))
}

fn levels(text: &str) -> Result<u64, String> {
    whole_number(text, (2, 1000))
}

fn final_months(text: &str) -> Result<u64, String> {
    whole_number(text, (1, 1_000_000))
}

fn column(text: &str) -> Result<u64, String> {
    whole_number(text, (1, 100_000))
}

fn resamples(text: &str) -> Result<u64, String> {
    whole_number(text, (2, 100_000))
}

fn box_count(text: &str) -> Result<u64, String> {
    whole_number(text, (1, 100))
}

/// A share strictly between 0 and 1.
fn share(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v < 1.0 => Ok(v),
        _ => Err(format!("takes a number between 0 and 1, not {}", super::error::quote(text))),
    }
}

fn finite(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("takes a number, not {}", super::error::quote(text))),
    }
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
    /// Write a design for sensitivity analysis: Sobol (Saltelli's layout), Morris or Latin hypercube
    #[command(after_help = "Examples:\n  \
        commons-sim sample --method sobol --params ranges.txt -n 1024 --seed 1 --out design.txt\n  \
        commons-sim sample --method morris --params ranges.txt -n 20 --levels 4 --out design.txt\n\n\
        RANGES.txt is SALib's parameter file: one line per parameter, `name lower upper`, names being \
        the scenario's dotted paths; # lines are comments. The design is SALib's model_input.txt: one \
        row per sample, one column per parameter. Sobol gives N·(2D+2) rows (N·(D+2) with \
        --no-second-order), Morris N·(D+1), LHS N. See docs/EXPERIMENTS.md.")]
    Sample(SampleArgs),
    /// Run every row of a design on the model and write one output row per design row
    #[command(after_help = "Example:\n  \
        commons-sim evaluate --scenario partner-state --params ranges.txt --design design.txt \\\n      \
        --seeds 4 --outcome commons_knowledge --outcome gini_wealth --out outputs.txt\n\n\
        Each design row sets its parameters on the scenario (whole-number parameters rounded), runs \
        on K common seeds, and gives per outcome the mean over seeds of the mean of the last W months. \
        With --versus the output is the paired difference scenario − versus on the same seeds. \
        --shard I/N evaluates the I-th of N consecutive blocks of rows: `commons-sim merge` joins the \
        shards into the whole file (their manifests checked).")]
    Evaluate(EvaluateArgs),
    /// Sensitivity indices from a design and its outputs: Sobol S1/ST/S2 or Morris mu*/sigma
    #[command(after_help = "Examples:\n  \
        commons-sim analyze --method sobol --params ranges.txt --design design.txt \\\n      \
        --outputs outputs.txt --out indices.csv\n  \
        commons-sim analyze --method morris --params ranges.txt --design design.txt \\\n      \
        --outputs outputs.txt --column 2 --out morris.csv\n\n\
        Sobol: parameter,S1,S1_conf,ST,ST_conf (conf: half-width of a 95% bootstrap interval), S2 in \
        --s2. Morris: parameter,mu,mu_star,sigma,mu_star_conf. The estimators are SALib's.")]
    Analyze(AnalyzeArgs),
    /// Scenario discovery: PRIM boxes of parameter space where an output is high
    #[command(after_help = "Example:\n  \
        commons-sim discover --params ranges.txt --design design.txt --outputs diff.txt \\\n      \
        --threshold 0 --out boxes.csv --trajectory peeling.csv\n\n\
        A row counts as a case of interest when its output is above --threshold (or, without it, \
        is 1 in a 0/1 output). The CSV is box,coverage,density,mass,parameter,lower,upper, one row \
        per restricted parameter per box.")]
    Discover(DiscoverArgs),
    /// Join the outputs of `--shard` runs into the file one machine would have written
    #[command(after_help = "Examples:\n  \
        commons-sim merge --out sweep.csv sweep-shard-*.csv\n  \
        commons-sim merge --out outputs.txt outputs-shard-*.txt\n\n\
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
    /// Files written by `run --shard`, `sweep --shard` or `evaluate --shard`, in any order
    #[arg(value_name = "SHARD", required = true)]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub out: CsvOut,
}

/// The parameter file of an experiment.
#[derive(Debug, Args)]
pub struct Ranges {
    /// SALib's parameter file: one line per parameter, `name lower upper`
    #[arg(long = "params", value_name = "RANGES.txt")]
    pub path: String,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// The kind of design: sobol (Saltelli's layout), morris or lhs
    #[arg(long, value_name = "sobol|morris|lhs")]
    pub method: String,
    #[command(flatten)]
    pub ranges: Ranges,
    /// Base points (sobol; a power of 2 is best), trajectories (morris) or rows (lhs)
    #[arg(short = 'n', long = "samples", value_name = "N", allow_hyphen_values = true, value_parser = sample_count)]
    pub samples: u64,
    /// Seed of the sampler (default 1)
    #[arg(long, value_name = "S", allow_hyphen_values = true, value_parser = sampler_seed)]
    pub seed: Option<u64>,
    /// Grid levels of a Morris design (even, default 4; SALib's num_levels)
    #[arg(long, value_name = "P", allow_hyphen_values = true, value_parser = levels)]
    pub levels: Option<u64>,
    /// Sobol: leave out the BA rows, N·(D+2) rows and no S2
    #[arg(long)]
    pub no_second_order: bool,
    /// The names are not the scenario's parameters (a test function's): do not check them
    #[arg(long)]
    pub any_names: bool,
    /// Write the design here, whole or not at all (default: standard output)
    #[arg(long = "out", value_name = "DESIGN.txt")]
    pub out: Option<String>,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    #[command(flatten)]
    pub running: Running,
    #[command(flatten)]
    pub base: Base,
    /// A second scenario: write the paired difference scenario − versus on common seeds
    #[arg(long, value_name = "NAME|FILE.json")]
    pub versus: Option<String>,
    #[command(flatten)]
    pub ranges: Ranges,
    /// The design: one row per sample, one column per parameter of RANGES.txt
    #[arg(long, value_name = "DESIGN.txt")]
    pub design: String,
    /// Seeds per design row, the same for every row (default 1)
    #[arg(long, value_name = "K", allow_hyphen_values = true, value_parser = seed_count)]
    pub seeds: Option<u64>,
    /// An outcome to write, one column each, in order (repeatable)
    #[arg(long, value_name = "NAME", required = true)]
    pub outcome: Vec<String>,
    /// Average each run over its last W months (default 12)
    #[arg(long, value_name = "W", allow_hyphen_values = true, value_parser = final_months)]
    pub final_months: Option<u64>,
    /// Evaluate only the I-th of N consecutive blocks of design rows (I from 1 to N); see `merge`
    #[arg(long, value_name = "I/N", allow_hyphen_values = true, value_parser = shard)]
    pub shard: Option<Shard>,
    /// Write the outputs here, whole or not at all (default: standard output)
    #[arg(long = "out", value_name = "OUTPUTS.txt")]
    pub out: Option<String>,
}

/// A design and its outputs, as `analyze` and `discover` read them.
#[derive(Debug, Args)]
pub struct Evaluated {
    #[command(flatten)]
    pub ranges: Ranges,
    /// The design: one row per sample, one column per parameter of RANGES.txt
    #[arg(long, value_name = "DESIGN.txt")]
    pub design: String,
    /// The outputs: one row per design row
    #[arg(long, value_name = "OUTPUTS.txt")]
    pub outputs: String,
    /// Which column of OUTPUTS.txt, the first being 1 (SALib's -c counts from 0)
    #[arg(long, value_name = "K", allow_hyphen_values = true, value_parser = column)]
    pub column: Option<u64>,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// sobol (for a Saltelli design) or morris (for trajectories)
    #[arg(long, value_name = "sobol|morris")]
    pub method: String,
    #[command(flatten)]
    pub data: Evaluated,
    /// Bootstrap resamples for the intervals (default 100 for sobol, 1000 for morris, as SALib)
    #[arg(long, value_name = "R", allow_hyphen_values = true, value_parser = resamples)]
    pub resamples: Option<u64>,
    /// Seed of the bootstrap (default 1)
    #[arg(long, value_name = "S", allow_hyphen_values = true, value_parser = sampler_seed)]
    pub seed: Option<u64>,
    /// Grid levels the Morris design was drawn on (default 4)
    #[arg(long, value_name = "P", allow_hyphen_values = true, value_parser = levels)]
    pub levels: Option<u64>,
    /// Sobol: the design has no BA rows (sampled with --no-second-order)
    #[arg(long)]
    pub no_second_order: bool,
    /// Sobol: also write the second-order indices, parameter_1,parameter_2,S2,S2_conf
    #[arg(long, value_name = "FILE.csv")]
    pub s2: Option<String>,
    /// Also draw the indices: Morris's mu*-sigma plane or Sobol's S1/ST bars, as SVG or PNG
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<String>,
    /// Write the indices here, whole or not at all (default: standard output)
    #[arg(long = "out", value_name = "INDICES.csv")]
    pub out: Option<String>,
}

#[derive(Debug, Args)]
pub struct DiscoverArgs {
    #[command(flatten)]
    pub data: Evaluated,
    /// A case of interest is an output above X (without it, outputs must be 0 or 1)
    #[arg(long, value_name = "X", allow_hyphen_values = true, value_parser = finite)]
    pub threshold: Option<f64>,
    /// Most boxes to find, each among the cases outside the earlier ones (default 1)
    #[arg(long, value_name = "B", allow_hyphen_values = true, value_parser = box_count)]
    pub boxes: Option<u64>,
    /// Share of a box's points one peel cuts away (default 0.05)
    #[arg(long, value_name = "ALPHA", allow_hyphen_values = true, value_parser = share)]
    pub peel_alpha: Option<f64>,
    /// Smallest share of all rows a box may hold (default 0.05)
    #[arg(long, value_name = "SHARE", allow_hyphen_values = true, value_parser = share)]
    pub mass_min: Option<f64>,
    /// Smallest share of the cases of interest a chosen box must cover (default: none)
    #[arg(long, value_name = "SHARE", allow_hyphen_values = true, value_parser = share)]
    pub min_coverage: Option<f64>,
    /// Also write each box's peeling trajectory: box,step,coverage,density,mass,restricted
    #[arg(long, value_name = "FILE.csv")]
    pub trajectory: Option<String>,
    /// Also draw the first box's peeling trajectory (coverage against density), as SVG or PNG
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<String>,
    /// Write the boxes here, whole or not at all (default: standard output)
    #[arg(long = "out", value_name = "BOXES.csv")]
    pub out: Option<String>,
}
