//! `commons-sim analyze`: sensitivity indices from a design and its outputs,
//! with SALib's estimators — Sobol S1, ST (and S2) for a Saltelli design,
//! Morris μ, μ*, σ for trajectories — written as CSV with SALib's names.

use super::args::AnalyzeArgs;
use super::chart::ChartFile;
use super::design;
use super::error::{CliError, Result};
use super::manifest::Manifest;
use super::output::Output;
use commons_sim::charts::experiments::Figure;
use commons_sim::experiments::problem::Parameter;
use commons_sim::experiments::{elementary_effects, saltelli, sobol_indices};
use commons_sim::export::csv_field;
use std::fmt::Write;

enum Method {
    Sobol { second_order: bool, s2: Option<Output> },
    Morris { levels: usize },
}

/// A checked `analyze`: the files read and their layout checked.
pub struct Plan {
    method: Method,
    parameters: Vec<Parameter>,
    design: Vec<Vec<f64>>,
    y: Vec<f64>,
    resamples: usize,
    seed: u64,
    out: Output,
    chart: Option<ChartFile>,
    manifest: Manifest,
}

impl Plan {
    pub fn new(args: &AnalyzeArgs) -> Result<Plan> {
        let data = &args.data;
        let (parameters, design, y, manifest) = read_evaluated(data, "analyze")?;
        let d = parameters.len();
        let seed = args.seed.unwrap_or(1);
        let path = &data.design;
        let method = match args.method.as_str() {
            "sobol" => {
                let second_order = !args.no_second_order;
                let step = saltelli::block_size(d, second_order);
                if !design.len().is_multiple_of(step) {
                    return Err(CliError::new(format!(
                        "`{path}` has {} rows, not a multiple of {step} ({}); was it sampled with{} \
                         --no-second-order?",
                        design.len(),
                        if second_order { "2D+2" } else { "D+2" },
                        if second_order { "" } else { "out" },
                    )));
                }
                saltelli::check_layout(&design, second_order).map_err(|row| {
                    CliError::new(format!(
                        "`{path}` line {}: not where Saltelli's layout puts it (A, AB_1…AB_D, {}B per base point)",
                        row + 1,
                        if second_order { "BA_1…BA_D, " } else { "" }
                    ))
                })?;
                let s2 = match (&args.s2, second_order) {
                    (Some(_), false) => {
                        return Err(CliError::new("--s2 needs a design with second-order rows"));
                    }
                    (Some(file), true) => Some(Output::file_or_stdout(Some(file))?),
                    (None, _) => None,
                };
                Method::Sobol { second_order, s2 }
            }
            "morris" => {
                let levels = args.levels.unwrap_or(4) as usize;
                if !design.len().is_multiple_of(d + 1) {
                    return Err(CliError::new(format!(
                        "`{path}` has {} rows, not a whole number of trajectories of D+1 = {} rows",
                        design.len(),
                        d + 1
                    )));
                }
                check_trajectories(&design).map_err(|row| {
                    CliError::new(format!(
                        "`{path}` line {}: a Morris step changes one parameter; this row changes {}",
                        row + 1,
                        if design[row] == design[row - 1] { "none" } else { "several" }
                    ))
                })?;
                Method::Morris { levels }
            }
            other => return Err(CliError::new(format!("--method takes sobol or morris, not `{other}`"))),
        };
        let default_resamples = if matches!(method, Method::Morris { .. }) { 1000 } else { 100 };
        let resamples = args.resamples.unwrap_or(default_resamples) as usize;
        let out = Output::file_or_stdout(args.out.as_deref())?;
        let chart = args.chart.as_deref().map(ChartFile::open).transpose()?;
        let s2 = match &method {
            Method::Sobol { s2, .. } => s2.as_ref(),
            _ => None,
        };
        super::output::check_distinct(
            std::iter::once(&out).chain(s2).chain(chart.as_ref().map(ChartFile::output)),
        )?;
        let manifest = manifest
            .setting("method", &args.method)
            .setting("resamples", resamples)
            .setting("bootstrap_seed", seed);
        let manifest = match &method {
            Method::Sobol { second_order, .. } => manifest.setting("second_order", second_order),
            Method::Morris { levels } => manifest.setting("levels", levels),
        };
        Ok(Plan { method, parameters, design, y, resamples, seed, out, chart, manifest })
    }

    pub fn execute(self) -> Result<()> {
        let Plan { method, parameters, design, y, resamples, seed, mut out, chart, manifest } = self;
        let names: Vec<String> = parameters.iter().map(|p| p.name.clone()).collect();
        let mut csv = String::new();
        let drawn;
        match method {
            Method::Sobol { second_order, s2 } => {
                let analysis = sobol_indices::analyze(&y, parameters.len(), second_order, resamples, seed);
                csv.push_str("parameter,S1,S1_conf,ST,ST_conf\n");
                for (p, i) in parameters.iter().zip(&analysis.indices) {
                    let _ =
                        writeln!(csv, "{},{},{},{},{}", csv_field(&p.name), i.s1, i.s1_conf, i.st, i.st_conf);
                }
                let pick = |f: fn(&sobol_indices::Indices) -> f64| analysis.indices.iter().map(f).collect();
                drawn =
                    Drawn::Sobol([pick(|i| i.s1), pick(|i| i.s1_conf), pick(|i| i.st), pick(|i| i.st_conf)]);
                if let (Some(mut s2), Some(pairs)) = (s2, analysis.second_order) {
                    let mut text = String::from("parameter_1,parameter_2,S2,S2_conf\n");
                    let rows = pairs.len() as u64;
                    for (j, k, value, conf) in pairs {
                        let (a, b) = (csv_field(&parameters[j].name), csv_field(&parameters[k].name));
                        let _ = writeln!(text, "{a},{b},{value},{conf}");
                    }
                    s2.write(text)?;
                    s2.commit_with(manifest.clone().setting("table", "S2"), rows)?;
                }
            }
            Method::Morris { levels } => {
                let result = elementary_effects::analyze(&design, &y, levels, resamples, seed);
                csv.push_str("parameter,mu,mu_star,sigma,mu_star_conf\n");
                for (p, m) in parameters.iter().zip(&result) {
                    let _ = writeln!(
                        csv,
                        "{},{},{},{},{}",
                        csv_field(&p.name),
                        m.mu,
                        m.mu_star,
                        m.sigma,
                        m.mu_star_conf
                    );
                }
                drawn = Drawn::Morris(
                    result.iter().map(|m| m.mu_star).collect(),
                    result.iter().map(|m| m.sigma).collect(),
                );
            }
        }
        out.write(csv)?;
        out.commit_with(manifest.clone(), parameters.len() as u64)?;
        let Some(file) = chart else { return Ok(()) };
        match &drawn {
            Drawn::Sobol([s1, s1_conf, st, st_conf]) => file.write_experiment(
                "Sobol indices: S1 and ST with 95% intervals",
                &Figure::Sobol { names: &names, s1, s1_conf, st, st_conf },
                manifest,
            ),
            Drawn::Morris(mu_star, sigma) => file.write_experiment(
                "Morris screening: μ* against σ",
                &Figure::Morris { names: &names, mu_star, sigma, labelled: 10 },
                manifest,
            ),
        }
    }
}

/// The parameters, design and outputs of `analyze` or `discover`, and the
/// manifest of what it writes, naming the three files by digest.
pub type Evaluated = (Vec<Parameter>, Vec<Vec<f64>>, Vec<f64>, Manifest);

pub fn read_evaluated(data: &super::args::Evaluated, command: &str) -> Result<Evaluated> {
    let ranges = design::ranges(&data.ranges.path, false)?;
    let rows = design::design(&data.design, ranges.value.len())?;
    let y = design::outputs(&data.outputs, data.column, rows.value.len())?;
    let manifest = design::manifest(
        command,
        &[("ranges_digest", &ranges.digest), ("design_digest", &rows.digest), ("outputs_digest", &y.digest)],
    )
    .setting("column", data.column.unwrap_or(1));
    Ok((ranges.value, rows.value, y.value, manifest))
}

/// The columns a chart of the indices needs.
enum Drawn {
    /// S1, S1_conf, ST, ST_conf.
    Sobol([Vec<f64>; 4]),
    /// μ*, σ.
    Morris(Vec<f64>, Vec<f64>),
}

/// Each step of each trajectory changes exactly one parameter; the 0-based
/// index of the first row that does not.
fn check_trajectories(design: &[Vec<f64>]) -> std::result::Result<(), usize> {
    let size = design[0].len() + 1;
    for (row, pair) in design.windows(2).enumerate() {
        if (row + 1) % size == 0 {
            continue; // the first row of the next trajectory
        }
        let changed = pair[0].iter().zip(&pair[1]).filter(|(a, b)| a != b).count();
        if changed != 1 {
            return Err(row + 1);
        }
    }
    Ok(())
}
