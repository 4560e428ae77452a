//! Charts of outcome series, drawn with plotters on any backend.
//!
//! The page passes a `<canvas>` backend, the command line an SVG or bitmap
//! one; the drawing code is the same. A chart shows one outcome over months
//! for one or more scenarios: a line each (the run, or an ensemble's median)
//! and, for ensembles, a shaded band between two quantiles.
//!
//! `experiments` draws the results of designed experiments (Morris, Sobol,
//! PRIM) the same way.
//!
//! Each drawing function presents its area once, when the whole drawing is
//! done: an SVG backend closes its document on the first `present`.

pub mod experiments;
#[cfg(not(target_arch = "wasm32"))]
pub mod fonts;
pub mod palette;

use crate::model::num::Bounds;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One scenario's series on a chart.
#[derive(Clone, Debug)]
pub struct Series<'a> {
    /// Legend text.
    pub label: &'a str,
    /// Line and band colour.
    pub color: RGBColor,
    /// Month of each point.
    pub months: &'a [f64],
    /// The value of each point (a run, or an ensemble's median).
    pub values: &'a [f64],
    /// Lower and upper edges of an uncertainty band, if any.
    pub band: Option<(&'a [f64], &'a [f64])>,
}

/// A chart of one outcome.
#[derive(Clone, Debug)]
pub struct Chart<'a> {
    pub title: &'a str,
    /// The y axis label, with its unit.
    pub y_label: &'a str,
    /// Fix the y range to [0, 1] (shares and indices).
    pub unit_interval: bool,
    /// Type size of the title, in pixels; labels scale with it.
    pub font_size: u32,
    pub series: Vec<Series<'a>>,
}

/// Errors of any backend, as text (what the page and the command line show).
pub type DrawResult = Result<(), String>;

/// Where a chart's plotting area landed, in backend pixels, and the month at
/// its right edge: what the page needs to turn a pointer position into a month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    pub left: i32,
    pub right: i32,
    pub top: i32,
    pub bottom: i32,
    /// The month at the right edge (the left edge is month 0).
    pub x_max: f64,
}

impl PlotArea {
    /// The month under a horizontal pixel position, if it lies over the plot.
    pub fn month_at(&self, x: f64) -> Option<f64> {
        let width = f64::from(self.right - self.left);
        let t = (x - f64::from(self.left)) / width;
        (width > 0.0 && (0.0..=1.0).contains(&t)).then_some(t * self.x_max)
    }
}

/// How a chart is drawn beyond its data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Draw a legend inside the chart when it has several series (the page
    /// shows one legend above a panel of charts instead).
    pub legend: bool,
    /// Extend the month axis at least this far (the page fixes it to the
    /// run's length, so charts do not rescale while a run grows).
    pub months: Option<f64>,
}

impl Default for Style {
    fn default() -> Self {
        Style { legend: true, months: None }
    }
}

/// Draws `chart` filling `area`, and presents it.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &Chart) -> DrawResult {
    draw_chart(area, chart, Style::default()).map(|_| ())
}

/// Draws `chart` filling `area` in a given style, presents it, and returns
/// where its plotting area landed.
pub fn draw_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: Style,
) -> Result<PlotArea, String> {
    let plot = draw_unpresented(area, chart, style)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(plot)
}

/// Draws several charts in a grid filling `area` (a panel of outcomes),
/// `columns` wide, in order, and presents it.
pub fn draw_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    charts: &[Chart],
    columns: usize,
) -> DrawResult {
    draw_grid_areas(area, charts, columns, Style::default()).map(|_| ())
}

/// Like [`draw_grid`], in a given style, returning where each chart's
/// plotting area landed.
pub fn draw_grid_areas<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    charts: &[Chart],
    columns: usize,
    style: Style,
) -> Result<Vec<PlotArea>, String> {
    let plots = draw_grid_unpresented(area, charts, columns, style)?;
    area.present().map_err(|e| e.to_string())?;
    Ok(plots)
}

/// Like [`draw_grid_areas`] without presenting: for composing several grids,
/// with headings, into one image. Present the root area once everything is
/// drawn.
pub fn draw_grid_unpresented<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    charts: &[Chart],
    columns: usize,
    style: Style,
) -> Result<Vec<PlotArea>, String> {
    area.fill(&WHITE).map_err(|e| e.to_string())?;
    let columns = columns.clamp(1, charts.len().max(1));
    let rows = charts.len().div_ceil(columns).max(1);
    let cells = area.split_evenly((rows, columns));
    cells.iter().zip(charts).map(|(cell, chart)| draw_unpresented(cell, chart, style)).collect()
}

/// Draws one chart without presenting (a backend such as SVG closes its
/// document on the first `present`, so only whole drawings present).
fn draw_unpresented<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &Chart,
    style: Style,
) -> Result<PlotArea, String> {
    #[cfg(not(target_arch = "wasm32"))]
    fonts::register();
    area.fill(&WHITE).map_err(|e| e.to_string())?;
    let (x_max, y_min, y_max) = extent(chart);
    let x_max = style.months.map_or(x_max, |months| x_max.at_least(months));
    let font = chart.font_size as i32;
    let mut ctx = ChartBuilder::on(area)
        .caption(chart.title, ("sans-serif", font).into_font())
        .margin(font / 2)
        .x_label_area_size(font * 2)
        .y_label_area_size(font * 3)
        .build_cartesian_2d(0.0..x_max, y_min..y_max)
        .map_err(|e| e.to_string())?;
    let (xs, ys) = ctx.plotting_area().get_pixel_range();
    let plot = PlotArea { left: xs.start, right: xs.end, top: ys.start, bottom: ys.end, x_max };
    let label_style = ("sans-serif", (font * 3 / 4).max(9)).into_font();
    ctx.configure_mesh()
        .x_desc("month")
        .y_desc(chart.y_label)
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .light_line_style(RGBColor(235, 235, 235))
        .x_labels(6)
        .x_label_formatter(&|m| format!("{m:.0}"))
        .y_label_formatter(&|v| axis_number(*v))
        .y_labels(5)
        .draw()
        .map_err(|e| e.to_string())?;
    for series in &chart.series {
        if let Some((lower, upper)) = series.band {
            let polygon: Vec<(f64, f64)> = series
                .months
                .iter()
                .zip(upper)
                .map(|(&m, &v)| (m, v))
                .chain(series.months.iter().zip(lower).rev().map(|(&m, &v)| (m, v)))
                .collect();
            ctx.draw_series(std::iter::once(Polygon::new(polygon, series.color.mix(0.22))))
                .map_err(|e| e.to_string())?;
        }
    }
    let stroke = (chart.font_size / 6).max(2);
    for series in &chart.series {
        let points = series.months.iter().copied().zip(series.values.iter().copied());
        let color = series.color;
        ctx.draw_series(LineSeries::new(points, color.stroke_width(stroke)))
            .map_err(|e| e.to_string())?
            .label(series.label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(3)));
    }
    if style.legend && chart.series.len() > 1 {
        ctx.configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            .label_font(label_style)
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(|e| e.to_string())?;
    }
    Ok(plot)
}

/// An axis tick in few characters: 0.25, 3.5, 120, 45k, 1.2M.
pub fn axis_number(value: f64) -> String {
    // A tick that is zero but for rounding (8e-17) reads as zero.
    let value = if value.abs() < 1e-12 { 0.0 } else { value };
    let magnitude = value.abs();
    let (scaled, suffix) = match magnitude {
        m if m >= 1e9 => (value / 1e9, "G"),
        m if m >= 1e6 => (value / 1e6, "M"),
        m if m >= 1e4 => (value / 1e3, "k"),
        _ => (value, ""),
    };
    let decimals = match scaled.abs() {
        m if m == 0.0 || m >= 100.0 => 0,
        m if m >= 10.0 => 1,
        m if m >= 1.0 => 2,
        m if m >= 0.01 => 3,
        _ => return format!("{value:.1e}"),
    };
    let text = format!("{scaled:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    format!("{text}{suffix}")
}

/// The x range and a y range with a little headroom; [0, 1] for shares.
fn extent(chart: &Chart) -> (f64, f64, f64) {
    let x_max = chart.series.iter().filter_map(|s| s.months.last().copied()).fold(1.0, f64::at_least);
    if chart.unit_interval {
        return (x_max, 0.0, 1.0);
    }
    let values = chart.series.iter().flat_map(|s| {
        let band = s.band.map(|(lo, hi)| lo.iter().chain(hi)).into_iter().flatten();
        s.values.iter().chain(band)
    });
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.at_most(v), hi.at_least(v)));
    if !lo.is_finite() {
        return (x_max, 0.0, 1.0);
    }
    // Non-negative quantities keep zero in view, so changes are not exaggerated.
    let lo = if lo >= 0.0 { 0.0 } else { lo };
    let span = (hi - lo).at_least(hi.abs() * 0.1).at_least(1e-9);
    (x_max, lo - if lo < 0.0 { span * 0.05 } else { 0.0 }, hi + span * 0.08)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_an_svg_with_title_axes_and_every_series() {
        let months = [0.0, 1.0, 2.0, 3.0];
        let a = [0.1, 0.3, 0.2, 0.4];
        let (lo, hi) = ([0.0, 0.2, 0.1, 0.3], [0.2, 0.4, 0.3, 0.5]);
        let chart = Chart {
            title: "Gini of wealth",
            y_label: "index 0–1",
            unit_interval: true,
            font_size: 16,
            series: vec![
                Series {
                    label: "welfare",
                    color: palette::SCENARIOS[0],
                    months: &months,
                    values: &a,
                    band: Some((&lo, &hi)),
                },
                Series {
                    label: "partner",
                    color: palette::SCENARIOS[1],
                    months: &months,
                    values: &hi,
                    band: None,
                },
            ],
        };
        let mut svg = String::new();
        {
            let backend = SVGBackend::with_string(&mut svg, (400, 300));
            draw(&backend.into_drawing_area(), &chart).unwrap();
        }
        assert!(svg.contains("Gini of wealth"));
        assert!(svg.contains("month"));
        assert!(svg.contains("welfare") && svg.contains("partner"));
        assert!(svg.matches("<polyline").count() >= 2, "one line per series");
        assert!(svg.contains("<polygon"), "the band is drawn");
    }

    /// A chart of one series, titled `title`.
    fn single<'a>(title: &'a str, months: &'a [f64], values: &'a [f64]) -> Chart<'a> {
        Chart {
            title,
            y_label: "units",
            unit_interval: false,
            font_size: 14,
            series: vec![Series { label: "a", color: palette::scenario(0), months, values, band: None }],
        }
    }

    #[test]
    fn a_grid_draws_every_chart() {
        let (months, values) = ([0.0, 1.0], [2.0, 3.0]);
        let charts = ["First", "Second", "Third"].map(|title| single(title, &months, &values));
        let mut svg = String::new();
        {
            let backend = SVGBackend::with_string(&mut svg, (600, 400));
            draw_grid(&backend.into_drawing_area(), &charts, 2).unwrap();
        }
        for title in ["First", "Second", "Third"] {
            assert!(svg.contains(title), "{title} missing");
        }
        assert_eq!(svg.matches("</svg>").count(), 1, "one document: cells are not presented one by one");
        assert!(svg.trim_end().ends_with("</svg>"), "nothing after the document's end");
    }

    #[test]
    fn axis_numbers_are_short() {
        let cases = [
            (0.0, "0"),
            (0.25, "0.25"),
            (0.5, "0.5"),
            (3.5, "3.5"),
            (-0.05, "-0.05"),
            (120.0, "120"),
            (9_999.0, "9999"),
            (45_000.0, "45k"),
            (1_250_000.0, "1.25M"),
            (0.0001, "1.0e-4"),
            (8e-17, "0"),
            (-3e-15, "0"),
        ];
        for (value, text) in cases {
            assert_eq!(axis_number(value), text, "{value}");
        }
    }

    #[test]
    fn grid_areas_lie_in_their_cells_and_map_pixels_to_months() {
        let (months, values) = ([0.0, 10.0, 20.0], [1.0, 2.0, 3.0]);
        let charts = ["Left", "Right"].map(|title| single(title, &months, &values));
        let mut svg = String::new();
        let plots = {
            let backend = SVGBackend::with_string(&mut svg, (600, 300));
            let area = backend.into_drawing_area();
            let style = Style { legend: false, months: Some(30.0) };
            draw_grid_areas(&area, &charts, 2, style).unwrap()
        };
        assert_eq!(plots.len(), 2);
        assert!(plots[0].left > 0 && plots[0].right <= 300, "{:?}", plots[0]);
        assert!(plots[1].left > 300 && plots[1].right <= 600, "{:?}", plots[1]);
        assert!(plots.iter().all(|p| p.top < p.bottom && p.x_max == 30.0), "the axis reaches the run's end");
        let p = plots[1];
        assert_eq!(p.month_at(f64::from(p.left)), Some(0.0));
        assert_eq!(p.month_at(f64::from(p.right)), Some(30.0));
        assert_eq!(p.month_at(f64::from(p.left - 5)), None);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn draws_text_in_a_bitmap_with_the_embedded_font() {
        let (w, h) = (200u32, 120u32);
        let mut pixels = vec![0u8; (w * h * 3) as usize];
        {
            let area = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
            area.fill(&WHITE).unwrap();
            fonts::register();
            area.draw_text("Gini", &(fonts::FAMILY, 40).into_font().color(&BLACK), (10, 10)).unwrap();
            area.present().unwrap();
        }
        assert!(pixels.chunks(3).any(|p| p[0] < 128), "the text left dark pixels");
    }
}
