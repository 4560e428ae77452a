//! `commons-sim sample`: writes a design in SALib's `model_input.txt`
//! format — Sobol (Saltelli's layout), Morris trajectories or a Latin
//! hypercube — for `evaluate` and `analyze`, or for SALib itself.

use super::args::SampleArgs;
use super::design;
use super::error::{CliError, Result};
use super::manifest::Manifest;
use super::output::Output;
use commons_sim::experiments::problem::Parameter;
use commons_sim::experiments::sobol_directions::MAX_DIMENSIONS;
use commons_sim::experiments::{latin, morris, saltelli, table};

/// Most numbers in one design: the design is built in memory (400 MB of them).
const MAX_NUMBERS: usize = 50_000_000;

enum Method {
    Sobol { second_order: bool },
    Morris { levels: usize },
    Latin,
}

/// A checked `sample`.
pub struct Plan {
    method: Method,
    parameters: Vec<Parameter>,
    samples: usize,
    seed: u64,
    out: Output,
    manifest: Manifest,
}

impl Plan {
    pub fn new(args: &SampleArgs) -> Result<Plan> {
        let ranges = design::ranges(&args.ranges.path, !args.any_names)?;
        let parameters = ranges.value;
        let samples = args.samples as usize;
        let seed = args.seed.unwrap_or(1);
        let method = match args.method.as_str() {
            "sobol" => {
                if 2 * parameters.len() > MAX_DIMENSIONS {
                    return Err(CliError::new(format!(
                        "a Sobol design takes at most {} parameters, not {}",
                        MAX_DIMENSIONS / 2,
                        parameters.len()
                    )));
                }
                Method::Sobol { second_order: !args.no_second_order }
            }
            "morris" => {
                let levels = args.levels.unwrap_or(4) as usize;
                if !levels.is_multiple_of(2) {
                    return Err(CliError::new(format!("--levels takes an even number, not {levels}")));
                }
                Method::Morris { levels }
            }
            "lhs" => Method::Latin,
            other => {
                return Err(CliError::new(format!("--method takes sobol, morris or lhs, not `{other}`")));
            }
        };
        if args.levels.is_some() && !matches!(method, Method::Morris { .. }) {
            return Err(CliError::new("--levels is for --method morris"));
        }
        let rows = match method {
            Method::Sobol { second_order } => samples * saltelli::block_size(parameters.len(), second_order),
            Method::Morris { .. } => samples * (parameters.len() + 1),
            Method::Latin => samples,
        };
        if rows.saturating_mul(parameters.len()) > MAX_NUMBERS {
            return Err(CliError::new(format!(
                "-n {samples} gives {rows} rows of {} parameters, more than {MAX_NUMBERS} numbers in one design; \
                 sample fewer",
                parameters.len()
            )));
        }
        let out = Output::file_or_stdout(args.out.as_deref())?;
        let manifest = design::manifest("sample", &[("ranges_digest", &ranges.digest)])
            .setting("method", &args.method)
            .setting("samples", samples)
            .setting("sampler_seed", seed)
            .setting("any_names", args.any_names);
        let manifest = match method {
            Method::Sobol { second_order } => manifest.setting("second_order", second_order),
            Method::Morris { levels } => manifest.setting("levels", levels),
            Method::Latin => manifest,
        };
        Ok(Plan { method, parameters, samples, seed, out, manifest })
    }

    pub fn execute(self) -> Result<()> {
        let Plan { method, parameters, samples, seed, mut out, manifest } = self;
        let rows = match method {
            Method::Sobol { second_order } => {
                saltelli::sample(&parameters, samples, second_order, seed).map_err(CliError::new)?
            }
            Method::Morris { levels } => morris::sample(&parameters, samples, levels, seed),
            Method::Latin => latin::sample(&parameters, samples, seed),
        };
        for row in &rows {
            out.write(table::format_row(row))?;
        }
        out.commit_with(manifest, rows.len() as u64)
    }
}
