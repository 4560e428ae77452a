//! `commons-sim discover`: scenario discovery with PRIM on a design and its
//! outputs — the boxes of parameter space where the outcome is high, and
//! each box's peeling trajectory (the coverage–density trade-off).

use super::args::DiscoverArgs;
use super::chart::ChartFile;
use super::design::{self, count, share};
use super::error::{CliError, Result};
use super::output::Output;
use commons_sim::charts::experiments::Figure;
use commons_sim::experiments::prim::{self, Settings};
use commons_sim::experiments::problem::Parameter;
use commons_sim::export::csv_field;
use std::fmt::Write;

/// A checked `discover`.
pub struct Plan {
    parameters: Vec<Parameter>,
    design: Vec<Vec<f64>>,
    cases: Vec<bool>,
    settings: Settings,
    out: Output,
    trajectory: Option<Output>,
    chart: Option<ChartFile>,
}

impl Plan {
    pub fn new(args: &DiscoverArgs) -> Result<Plan> {
        let data = &args.data;
        let parameters = design::ranges(&data.ranges.path, false)?;
        let design = design::design(&data.design, parameters.len())?;
        let y = design::outputs(&data.outputs, data.column.as_deref(), design.len())?;
        let cases =
            match &args.threshold {
                Some(text) => {
                    let threshold =
                        text.trim().parse::<f64>().ok().filter(|t| t.is_finite()).ok_or_else(|| {
                            CliError::new(format!("--threshold takes a number, not `{text}`"))
                        })?;
                    y.iter().map(|&v| v > threshold).collect()
                }
                None => {
                    if let Some(row) = y.iter().position(|&v| v != 0.0 && v != 1.0) {
                        return Err(CliError::new(format!(
                            "`{}` line {}: {} is not 0 or 1; give --threshold to mark the cases of interest",
                            data.outputs,
                            row + 1,
                            y[row]
                        )));
                    }
                    y.iter().map(|&v| v == 1.0).collect()
                }
            };
        let settings = Settings {
            peel_alpha: share("--peel-alpha", args.peel_alpha.as_deref(), 0.05)?,
            paste_alpha: 0.05,
            mass_min: share("--mass-min", args.mass_min.as_deref(), 0.05)?,
            min_coverage: share("--min-coverage", args.min_coverage.as_deref(), 0.0)?,
            drop_tolerance: 0.01,
            boxes: count("--boxes", args.boxes.as_deref(), 1, (1, 100))? as usize,
        };
        let out = Output::file_or_stdout(args.out.as_deref())?;
        let trajectory = args.trajectory.as_deref().map(Output::file).transpose()?;
        let chart = args.chart.as_deref().map(ChartFile::open).transpose()?;
        Ok(Plan { parameters, design, cases, settings, out, trajectory, chart })
    }

    pub fn execute(self) -> Result<()> {
        let Plan { parameters, design, cases, settings, mut out, trajectory, chart } = self;
        let ranges: Vec<(f64, f64)> = parameters.iter().map(|p| (p.lower, p.upper)).collect();
        let found = prim::discover(&design, &cases, &ranges, &settings);
        let mut boxes = String::from("box,coverage,density,mass,parameter,lower,upper\n");
        let mut steps = String::from("box,step,coverage,density,mass,restricted\n");
        for (b, found) in found.iter().enumerate() {
            let q = found.quality;
            for (j, p) in parameters.iter().enumerate().filter(|&(j, _)| found.restricted[j]) {
                let (lower, upper) = found.bounds[j];
                let _ = writeln!(
                    boxes,
                    "{},{},{},{},{},{lower},{upper}",
                    b + 1,
                    q.coverage,
                    q.density,
                    q.mass,
                    csv_field(&p.name)
                );
            }
            for (s, step) in found.trajectory.iter().enumerate() {
                let q = step.quality;
                let _ = writeln!(
                    steps,
                    "{},{s},{},{},{},{}",
                    b + 1,
                    q.coverage,
                    q.density,
                    q.mass,
                    step.restricted
                );
            }
        }
        out.write(boxes)?;
        if let Some(mut trajectory) = trajectory {
            trajectory.write(steps)?;
            trajectory.commit()?;
        }
        out.commit()?;
        match (chart, found.first()) {
            (Some(file), Some(first)) => {
                let coverage: Vec<f64> = first.trajectory.iter().map(|s| s.quality.coverage).collect();
                let density: Vec<f64> = first.trajectory.iter().map(|s| s.quality.density).collect();
                let chosen = Some((first.quality.coverage, first.quality.density));
                let drawing = Figure::Peeling { coverage: &coverage, density: &density, chosen };
                file.write_experiment("PRIM peeling: coverage against density (box 1)", &drawing)
            }
            _ => Ok(()),
        }
    }
}
