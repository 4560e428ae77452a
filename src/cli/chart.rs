//! `--chart`: every outcome, panel by panel, in one SVG or PNG image, drawn
//! with the same chart code as the page (`commons_sim::charts`).
//!
//! Each scenario is a line (its run, or its ensemble's median) and, for an
//! ensemble, a shaded 90% band (5% to 95% quantiles over seeds).

use super::error::{CliError, Result};
use super::manifest::Manifest;
use super::output::Output;
use commons_sim::charts::{self, Chart, DrawResult, Series, Style, experiments, fonts, palette};
pub use commons_sim::ensemble::BAND;
use commons_sim::ensemble::Summary;
use commons_sim::outcomes::{Outcome, Panel};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Most months a chart keeps of each run (a bounded history): a run longer
/// than this is drawn at every second, fourth, … month, so a chart's memory
/// does not grow with the length of the runs.
pub const CHART_POINTS: usize = 2400;

const COLUMNS: usize = 4;
const CELL: (u32, u32) = (480, 320);
const TITLE_HEIGHT: u32 = 70;
const HEADING_HEIGHT: u32 = 50;

/// An image format, from the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

/// A checked `--chart` destination.
pub struct ChartFile {
    format: Format,
    output: Output,
}

impl ChartFile {
    /// Checks the extension and opens the destination (see [`Output::file`]).
    pub fn open(path: &str) -> Result<ChartFile> {
        let lower = path.to_ascii_lowercase();
        let format = if lower.ends_with(".svg") {
            Format::Svg
        } else if lower.ends_with(".png") {
            Format::Png
        } else {
            return Err(CliError::new(format!("--chart takes a file ending in .svg or .png, not `{path}`")));
        };
        Ok(ChartFile { format, output: Output::file(path)? })
    }

    /// The file it writes.
    pub fn output(&self) -> &Output {
        &self.output
    }

    /// Draws every outcome panel for the labelled ensembles and writes the
    /// file, with `manifest` beside it.
    pub fn write(self, title: &str, ensembles: &[(&str, &Summary)], manifest: Manifest) -> Result<()> {
        self.render(
            figure_size(),
            |area| figure(area, title, ensembles),
            |area| figure(area, title, ensembles),
            manifest.setting("chart", title),
        )
    }

    /// Draws an experiment's figure (`analyze`, `discover`) and writes the
    /// file, with `manifest` beside it.
    pub fn write_experiment(
        self,
        title: &str,
        drawing: &experiments::Figure,
        manifest: Manifest,
    ) -> Result<()> {
        self.render(
            experiments::size(drawing),
            |area| experiments::draw(&area, title, drawing),
            |area| experiments::draw(&area, title, drawing),
            manifest.setting("chart", title),
        )
    }

    /// Draws with `svg` or `png` (the same drawing on either backend) and
    /// writes the file with its manifest.
    fn render(
        mut self,
        size: (u32, u32),
        svg: impl FnOnce(DrawingArea<SVGBackend, Shift>) -> DrawResult,
        png: impl FnOnce(DrawingArea<BitMapBackend, Shift>) -> DrawResult,
        manifest: Manifest,
    ) -> Result<()> {
        let drawn = |e: String| CliError::new(format!("cannot draw the chart: {e}"));
        match self.format {
            Format::Svg => {
                let mut text = String::new();
                svg(SVGBackend::with_string(&mut text, size).into_drawing_area()).map_err(drawn)?;
                self.output.write(text)?;
            }
            Format::Png => {
                let mut pixels = vec![0u8; size.0 as usize * size.1 as usize * 3];
                png(BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area()).map_err(drawn)?;
                self.output.write(encode_png(&pixels, size).map_err(|e| drawn(e.to_string()))?)?;
            }
        }
        self.output.commit_with(manifest, 0)
    }
}

/// The outcomes of a panel, in column order.
fn outcomes_of(panel: Panel) -> Vec<Outcome> {
    Outcome::ALL.into_iter().filter(|o| o.panel() == panel).collect()
}

fn panel_height(panel: Panel) -> u32 {
    let rows = outcomes_of(panel).len().div_ceil(COLUMNS) as u32;
    HEADING_HEIGHT + rows * CELL.1
}

fn figure_size() -> (u32, u32) {
    let height = TITLE_HEIGHT + Panel::ALL.into_iter().map(panel_height).sum::<u32>();
    (CELL.0 * COLUMNS as u32, height)
}

fn figure<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    title: &str,
    ensembles: &[(&str, &Summary)],
) -> DrawResult {
    fonts::register();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (heading, mut rest) = root.split_vertically(TITLE_HEIGHT);
    heading.titled(title, (fonts::FAMILY, 32).into_font().color(&BLACK)).map_err(|e| e.to_string())?;
    for panel in Panel::ALL {
        let (area, below) = rest.split_vertically(panel_height(panel));
        let grid = area
            .titled(panel.title(), (fonts::FAMILY, 26).into_font().color(&RGBColor(60, 60, 60)))
            .map_err(|e| e.to_string())?;
        let charts: Vec<Chart> = outcomes_of(panel).into_iter().map(|o| chart(o, ensembles)).collect();
        charts::draw_grid_unpresented(&grid, &charts, COLUMNS, Style::default())?;
        rest = below;
    }
    root.present().map_err(|e| e.to_string())
}

fn chart<'a>(outcome: Outcome, ensembles: &[(&'a str, &'a Summary)]) -> Chart<'a> {
    let series = ensembles
        .iter()
        .enumerate()
        .map(|(i, &(label, summary))| Series {
            label,
            color: palette::scenario(i),
            months: summary.months(),
            values: summary.median(outcome),
            band: (summary.runs > 1).then(|| (summary.lower(outcome), summary.upper(outcome))),
        })
        .collect();
    Chart {
        title: outcome.label(),
        y_label: outcome.unit(),
        unit_interval: outcome.is_unit_interval(),
        font_size: 21,
        series,
        markers: Vec::new(),
    }
}

fn encode_png(rgb: &[u8], (width, height): (u32, u32)) -> std::result::Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(bytes)
}

/// "median and 90% band of 20 runs (seeds 1–20)": what an ensemble chart shows.
pub fn describe(runs: usize, first_seed: u64) -> String {
    if runs == 1 {
        format!("one run (seed {first_seed})")
    } else {
        let (lo, hi) = BAND;
        let band = ((hi - lo) * 100.0).round();
        format!(
            "median and {band}% band of {runs} runs (seeds {first_seed}–{})",
            first_seed + runs as u64 - 1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_picks_the_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
        assert_eq!(ChartFile::open(&path("a.SVG")).ok().map(|c| c.format), Some(Format::Svg));
        assert_eq!(ChartFile::open(&path("a.png")).ok().map(|c| c.format), Some(Format::Png));
        let error = ChartFile::open(&path("a.jpg")).err().unwrap().to_string();
        assert!(error.starts_with("--chart takes a file ending in .svg or .png"), "{error}");
    }

    #[test]
    fn descriptions_count_runs_and_seeds() {
        assert_eq!(describe(1, 7), "one run (seed 7)");
        assert_eq!(describe(20, 1), "median and 90% band of 20 runs (seeds 1–20)");
    }
}
