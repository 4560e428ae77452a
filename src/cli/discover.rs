//! `commons-sim discover`: scenario discovery with PRIM on a design and its
//! outputs — the boxes of parameter space where the outcome is high, and
//! each box's peeling trajectory (the coverage–density trade-off).

use super::analyze::read_evaluated;
use super::args::DiscoverArgs;
use super::chart::ChartFile;
use super::error::{CliError, Result};
use super::manifest::Manifest;
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
    manifest: Manifest,
}

impl Plan {
    pub fn new(args: &DiscoverArgs) -> Result<Plan> {
        let data = &args.data;
        let (parameters, design, y, manifest) = read_evaluated(data, "discover")?;
        let cases = match args.threshold {
            Some(threshold) => y.iter().map(|&v| v > threshold).collect(),
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
            peel_alpha: args.peel_alpha.unwrap_or(0.05),
            paste_alpha: 0.05,
            mass_min: args.mass_min.unwrap_or(0.05),
            min_coverage: args.min_coverage.unwrap_or(0.0),
            drop_tolerance: 0.01,
            boxes: args.boxes.unwrap_or(1) as usize,
        };
        let out = Output::file_or_stdout(args.out.as_deref())?;
        let trajectory = args.trajectory.as_deref().map(Output::file).transpose()?;
        let chart = args.chart.as_deref().map(ChartFile::open).transpose()?;
        super::output::check_distinct(
            std::iter::once(&out).chain(trajectory.as_ref()).chain(chart.as_ref().map(ChartFile::output)),
        )?;
        let manifest = manifest
            .setting("threshold", args.threshold.map_or("(0/1 outputs)".to_string(), |t| t.to_string()))
            .setting("peel_alpha", settings.peel_alpha)
            .setting("paste_alpha", settings.paste_alpha)
            .setting("mass_min", settings.mass_min)
            .setting("min_coverage", settings.min_coverage)
            .setting("drop_tolerance", settings.drop_tolerance)
            .setting("boxes", settings.boxes);
        Ok(Plan { parameters, design, cases, settings, out, trajectory, chart, manifest })
    }

    pub fn execute(self) -> Result<()> {
        let Plan { parameters, design, cases, settings, mut out, trajectory, chart, manifest } = self;
        let ranges: Vec<(f64, f64)> = parameters.iter().map(|p| (p.lower, p.upper)).collect();
        let found = prim::discover(&design, &cases, &ranges, &settings);
        let mut boxes = String::from("box,coverage,density,mass,parameter,lower,upper\n");
        let mut steps = String::from("box,step,coverage,density,mass,restricted\n");
        let (mut box_rows, mut step_rows) = (0u64, 0u64);
        for (b, found) in found.iter().enumerate() {
            let q = found.quality;
            for (j, p) in parameters.iter().enumerate().filter(|&(j, _)| found.restricted[j]) {
                let (lower, upper) = found.bounds[j];
                box_rows += 1;
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
                step_rows += 1;
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
            trajectory.commit_with(manifest.clone().setting("table", "trajectory"), step_rows)?;
        }
        out.commit_with(manifest.clone(), box_rows)?;
        match (chart, found.first()) {
            (Some(file), Some(first)) => {
                let coverage: Vec<f64> = first.trajectory.iter().map(|s| s.quality.coverage).collect();
                let density: Vec<f64> = first.trajectory.iter().map(|s| s.quality.density).collect();
                let chosen = Some((first.quality.coverage, first.quality.density));
                let drawing = Figure::Peeling { coverage: &coverage, density: &density, chosen };
                file.write_experiment("PRIM peeling: coverage against density (box 1)", &drawing, manifest)
            }
            _ => Ok(()),
        }
    }
}
