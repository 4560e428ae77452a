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
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
    /// Months to mark with a labelled vertical dashed line (a scheduled
    /// policy change), in the colour of the scenario they belong to.
    pub markers: Vec<Marker>,
}

/// A month marked on a chart: a vertical dashed line and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub month: f64,
    pub label: String,
    pub color: RGBColor,
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
    /// Fix the y axis of share outcomes to [0, 1]; otherwise every axis is
    /// fitted to the data drawn, so small differences show.
    pub unit_shares: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style { legend: true, months: None, unit_shares: false }
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
    let (x_max, y_min, y_max) = extent(chart, style.unit_shares);
    let x_max = style.months.map_or(x_max, |months| x_max.at_least(months));
    let font = chart.font_size as i32;
    let label_size = (font * 3 / 4).max(9);
    // A step finer than plotters' own (about five ticks), so decimals suffice.
    let step = tick_step(y_max - y_min, 10);
    // The y label area holds the widest tick label and, beside it, the
    // rotated axis title: sized from the labels' text, so the title never
    // lies over the ticks whatever their length.
    let widest = [y_min, y_max, (y_min + y_max) / 2.0]
        .iter()
        .map(|&v| axis_tick(v, step).chars().count())
        .max()
        .unwrap_or(1) as i32;
    let y_area = label_size * (widest + 1) * 3 / 5 + label_size * 2;
    // The title in the chart's type size, or smaller where a narrow chart
    // would clip it: about 0.55 em a character is a sans-serif's average.
    let width = area.dim_in_pixel().0 as f64;
    let title_width = chart.title.chars().count().max(1) as f64 * 0.55;
    let title_font = (font as f64).at_most(0.94 * width / title_width).at_least(9.0) as i32;
    let mut ctx = ChartBuilder::on(area)
        .caption(chart.title, ("sans-serif", title_font).into_font())
        .margin(font / 2)
        // Room for half the last month's label past the plot's right edge.
        .margin_right(font / 2 + label_size * 3 / 2)
        .x_label_area_size(label_size * 3)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..x_max, y_min..y_max)
        .map_err(|e| e.to_string())?;
    let (xs, ys) = ctx.plotting_area().get_pixel_range();
    let plot = PlotArea { left: xs.start, right: xs.end, top: ys.start, bottom: ys.end, x_max };
    let label_style = ("sans-serif", label_size).into_font();
    ctx.configure_mesh()
        .x_desc("month")
        .y_desc(chart.y_label)
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .light_line_style(RGBColor(235, 235, 235))
        .x_labels(6)
        .x_label_formatter(&|m| format!("{m:.0}"))
        .y_label_formatter(&|v| axis_tick(*v, step))
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
    let stroke = line_width(chart.font_size);
    for (row, marker) in chart.markers.iter().enumerate() {
        draw_marker(&mut ctx, marker, row, (y_min, y_max), stroke, label_size)?;
    }
    for series in &chart.series {
        let points = series.months.iter().copied().zip(series.values.iter().copied());
        let color = series.color;
        ctx.draw_series(LineSeries::new(points, color.stroke_width(stroke)))
            .map_err(|e| e.to_string())?
            .label(series.label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(3)));
        // The latest point as a dot: a run at month 0 is one point, which a
        // line alone would not show.
        let last = series.months.iter().zip(series.values).rev().find(|(_, v)| v.is_finite());
        if let Some((&m, &v)) = last {
            let dot = Circle::new((m, v), stroke as i32 + 2, color.filled());
            ctx.draw_series(std::iter::once(dot)).map_err(|e| e.to_string())?;
        }
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

/// The width of series lines for a type size: thick enough to read from
/// the back of a room when the type is large (projector mode).
pub fn line_width(font_size: u32) -> u32 {
    (font_size / 5).max(2)
}

/// The chart context of a month–value chart.
type MonthChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A vertical dashed line at the marker's month, labelled near the plot's
/// top (the `row`-th label down, so markers at one month do not overlap),
/// on whichever side of the line has more room.
fn draw_marker<DB: DrawingBackend>(
    ctx: &mut MonthChart<'_, DB>,
    marker: &Marker,
    row: usize,
    (y_min, y_max): (f64, f64),
    stroke: u32,
    label_size: i32,
) -> DrawResult {
    let dashes = 24;
    let step = (y_max - y_min) / f64::from(dashes);
    let width = stroke.div_ceil(2);
    let segments = (0..dashes).step_by(2).map(|i| {
        let y = y_min + step * f64::from(i);
        PathElement::new(vec![(marker.month, y), (marker.month, y + step)], marker.color.stroke_width(width))
    });
    ctx.draw_series(segments).map_err(|e| e.to_string())?;
    let area = ctx.plotting_area();
    let (xs, ys) = area.get_pixel_range();
    let (x, _) = area.map_coordinate(&(marker.month, y_max));
    let right_half = x - xs.start > (xs.end - xs.start) / 2;
    let (x, anchor) = if right_half { (x - 4, HPos::Right) } else { (x + 4, HPos::Left) };
    let y = ys.start + 2 + row as i32 * label_size * 5 / 4;
    let font = ("sans-serif", label_size).into_font().color(&marker.color).pos(Pos::new(anchor, VPos::Top));
    area.strip_coord_spec()
        .draw_text(&marker.label, &font, (x - xs.start, y - ys.start))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// A "nice" tick step (1, 2 or 5 × 10^k) giving about `ticks` ticks over `span`.
pub fn tick_step(span: f64, ticks: u32) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / f64::from(ticks.max(1));
    let power = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let nice = [1.0, 2.0, 5.0, 10.0].into_iter().find(|&n| n * power >= raw).unwrap_or(10.0);
    nice * power
}

/// An axis tick with enough decimals to tell ticks `step` apart (0.072 and
/// 0.074 rather than 0.07 twice); large values as [`axis_number`] writes them.
pub fn axis_tick(value: f64, step: f64) -> String {
    if value.abs() < step * 1e-6 {
        return "0".into();
    }
    if value.abs() >= 1e4 || step >= 1.0 || step.is_nan() {
        return axis_number(value);
    }
    let decimals = -libm::floor(libm::log10(step));
    if decimals > 6.0 {
        return format!("{value:.1e}");
    }
    let decimals = decimals as usize;
    format!("{value:.decimals$}")
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

/// The x range and a y range fitted to what is drawn (lines and bands) with
/// a little headroom; [0, 1] for shares if `unit_shares`. A flat series
/// (all zero at month 0) gets a span around its value, not one of 1e-10.
fn extent(chart: &Chart, unit_shares: bool) -> (f64, f64, f64) {
    let x_max = chart.series.iter().filter_map(|s| s.months.last().copied()).fold(1.0, f64::at_least);
    if chart.unit_interval && unit_shares {
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
    let (y_min, y_max) = fitted(lo, hi, chart.unit_interval);
    (x_max, y_min, y_max)
}

/// A y range for data from `lo` to `hi`: 8% headroom above and below (not
/// below zero for non-negative data, nor above 1 for shares); a flat series
/// gets a span of a tenth of its size around it, and 0 to 1 at zero.
fn fitted(lo: f64, hi: f64, share: bool) -> (f64, f64) {
    let scale = lo.abs().at_least(hi.abs());
    let span = hi - lo;
    let (bottom, top) = if span <= scale * 1e-9 {
        if scale < 1e-12 {
            return (0.0, 1.0);
        }
        (lo - scale * 0.1, hi + scale * 0.1)
    } else {
        (lo - span * 0.08, hi + span * 0.08)
    };
    let bottom = if lo >= 0.0 { bottom.at_least(0.0) } else { bottom };
    let top = if share && hi <= 1.0 { top.at_most(1.0) } else { top };
    (bottom, top)
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
            markers: vec![Marker {
                month: 2.0,
                label: "A → Big Society (month 2)".into(),
                color: palette::scenario(0),
            }],
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
        assert!(svg.contains("Big Society (month 2)"), "the policy change is labelled");
    }

    #[test]
    fn axes_fit_the_data_and_flat_series_get_a_sensible_span() {
        // Shares that differ a little fill the axis rather than 1.4% of it.
        let (lo, hi) = fitted(0.070, 0.084, true);
        assert!(lo > 0.05 && lo < 0.070 && hi > 0.084 && hi < 0.1, "{lo}..{hi}");
        // Non-negative data is never given a negative axis; shares stay at most 1.
        assert_eq!(fitted(0.0, 10.0, false).0, 0.0);
        assert_eq!(fitted(0.5, 1.0, true).1, 1.0);
        // All zero (month 0): 0 to 1, not 0 to 8e-11.
        assert_eq!(fitted(0.0, 0.0, false), (0.0, 1.0));
        let (lo, hi) = fitted(500.0, 500.0, false);
        assert!(lo < 500.0 && hi > 500.0 && hi - lo >= 50.0, "{lo}..{hi}");
        assert!(fitted(-2.0, 3.0, false).0 < -2.0, "negative data keeps headroom below");
        let months = [0.0, 1.0];
        let chart = single("Share", &months, &[0.070, 0.084]);
        let shares = Chart { unit_interval: true, ..chart };
        assert_eq!(extent(&shares, true), (1.0, 0.0, 1.0), "the fixed 0–1 option");
        assert!(extent(&shares, false).1 > 0.05);
    }

    #[test]
    fn ticks_have_the_decimals_their_step_needs() {
        let step = tick_step(0.084 - 0.070, 10);
        assert!((step - 0.002).abs() < 1e-12, "{step}");
        assert!((tick_step(0.014, 5) - 0.005).abs() < 1e-12);
        assert_eq!(axis_tick(0.072, step), "0.072");
        assert_ne!(axis_tick(0.0705, 0.0005), axis_tick(0.0710, 0.0005));
        assert_eq!(axis_tick(0.0, step), "0");
        assert_eq!(axis_tick(45_000.0, 5_000.0), "45k");
        assert_eq!(tick_step(0.0, 5), 1.0);
    }

    #[test]
    fn a_run_at_month_zero_shows_its_point_and_a_sensible_axis() {
        let (months, values) = ([0.0], [0.0]);
        let chart = single("Flat", &months, &values);
        let mut svg = String::new();
        {
            let backend = SVGBackend::with_string(&mut svg, (400, 300));
            let style = Style { legend: false, months: Some(240.0), unit_shares: false };
            draw_chart(&backend.into_drawing_area(), &chart, style).unwrap();
        }
        assert!(svg.contains("<circle"), "the month-0 point is drawn as a dot");
        assert!(!svg.contains("e-1"), "no tick like 8.0e-11");
        assert!(svg.contains("\n200\n"), "the month axis reaches the run's length");
    }

    /// A chart of one series, titled `title`.
    fn single<'a>(title: &'a str, months: &'a [f64], values: &'a [f64]) -> Chart<'a> {
        Chart {
            title,
            y_label: "units",
            unit_interval: false,
            font_size: 14,
            series: vec![Series { label: "a", color: palette::scenario(0), months, values, band: None }],
            markers: Vec::new(),
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
            let style = Style { legend: false, months: Some(30.0), unit_shares: false };
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
