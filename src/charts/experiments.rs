//! Charts of experiment results, on any plotters backend: Morris's μ*–σ
//! plane, Sobol's S1 and ST bars with their intervals, and PRIM's peeling
//! trajectory (the coverage–density trade-off).

use super::palette::SCENARIOS;
use super::{DrawResult, axis_number};
use crate::model::num::Bounds;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What to draw.
pub enum Figure<'a> {
    /// One point per parameter at (μ*, σ); the `labelled` largest μ* named.
    Morris { names: &'a [String], mu_star: &'a [f64], sigma: &'a [f64], labelled: usize },
    /// Bars of S1 and ST per parameter, with ± interval whiskers.
    Sobol { names: &'a [String], s1: &'a [f64], s1_conf: &'a [f64], st: &'a [f64], st_conf: &'a [f64] },
    /// Coverage against density along the peeling, the chosen box marked.
    Peeling { coverage: &'a [f64], density: &'a [f64], chosen: Option<(f64, f64)> },
}

/// A figure's pixel size.
pub fn size(figure: &Figure) -> (u32, u32) {
    match figure {
        Figure::Sobol { names, .. } => (1000, 120 + 44 * names.len() as u32),
        _ => (1000, 700),
    }
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Draws `figure` with `title` on `area` and presents it.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, figure: &Figure) -> DrawResult {
    #[cfg(not(target_arch = "wasm32"))]
    super::fonts::register();
    area.fill(&WHITE).map_err(err)?;
    let font = ("sans-serif", 18).into_font();
    match figure {
        Figure::Morris { names, mu_star, sigma, labelled } => {
            // Room on the right for the labels of the largest μ*.
            let x_max = upper(mu_star) * 1.2;
            let y_max = upper(sigma);
            let mut ctx = ChartBuilder::on(area)
                .caption(title, ("sans-serif", 24))
                .margin(20)
                .x_label_area_size(50)
                .y_label_area_size(80)
                .build_cartesian_2d(0.0..x_max, 0.0..y_max)
                .map_err(err)?;
            ctx.configure_mesh()
                .x_desc("μ* (mean |elementary effect|)")
                .y_desc("σ (sd of elementary effects)")
                .x_label_formatter(&|v| axis_number(*v))
                .y_label_formatter(&|v| axis_number(*v))
                .label_style(font.clone())
                .axis_desc_style(font.clone())
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(err)?;
            // σ = μ*: above it, a parameter acts mostly through interactions or curvature.
            let diagonal = x_max.at_most(y_max);
            ctx.draw_series(LineSeries::new([(0.0, 0.0), (diagonal, diagonal)], RGBColor(160, 160, 160)))
                .map_err(err)?;
            ctx.draw_series(
                mu_star
                    .iter()
                    .zip(sigma.iter())
                    .map(|(&x, &y)| Circle::new((x, y), 5, SCENARIOS[0].filled())),
            )
            .map_err(err)?;
            let mut order: Vec<usize> = (0..names.len()).collect();
            order.sort_by(|&a, &b| mu_star[b].total_cmp(&mu_star[a]));
            for &i in order.iter().take(*labelled) {
                ctx.draw_series(std::iter::once(Text::new(
                    names[i].clone(),
                    (mu_star[i], sigma[i]),
                    font.clone(),
                )))
                .map_err(err)?;
            }
        }
        Figure::Sobol { names, s1, s1_conf, st, st_conf } => {
            let n = names.len();
            let lo = s1.iter().zip(s1_conf.iter()).map(|(v, c)| v - c).fold(0.0, |a: f64, b| a.at_most(b));
            let hi = st.iter().zip(st_conf.iter()).map(|(v, c)| v + c).fold(1.0, |a: f64, b| a.at_least(b));
            let mut ctx = ChartBuilder::on(area)
                .caption(title, ("sans-serif", 24))
                .margin(20)
                .x_label_area_size(50)
                .y_label_area_size(320)
                .build_cartesian_2d(lo..hi, -0.5..n as f64 - 0.5)
                .map_err(err)?;
            ctx.configure_mesh()
                .x_desc("index (share of output variance)")
                .y_labels(n)
                .y_label_formatter(&|y| {
                    let i = y.round();
                    if (y - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
                        names[i as usize].clone()
                    } else {
                        String::new()
                    }
                })
                .x_label_formatter(&|v| format!("{v:.1}"))
                .label_style(font.clone())
                .axis_desc_style(font.clone())
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(err)?;
            for (k, (values, conf, label)) in
                [(s1, s1_conf, "S1 (first order)"), (st, st_conf, "ST (total)")].into_iter().enumerate()
            {
                let color = SCENARIOS[k];
                let offset = if k == 0 { 0.0 } else { -0.38 };
                ctx.draw_series(values.iter().enumerate().map(|(i, &v)| {
                    let y = i as f64 + offset;
                    Rectangle::new([(0.0, y), (v, y + 0.38)], color.mix(0.8).filled())
                }))
                .map_err(err)?
                .label(label)
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 16, y + 6)], color.filled()));
                ctx.draw_series(values.iter().zip(conf.iter()).enumerate().map(|(i, (&v, &c))| {
                    let y = i as f64 + offset + 0.19;
                    PathElement::new(vec![(v - c, y), (v + c, y)], BLACK.stroke_width(2))
                }))
                .map_err(err)?;
            }
            ctx.configure_series_labels()
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(200, 200, 200))
                .label_font(font)
                .position(SeriesLabelPosition::LowerRight)
                .draw()
                .map_err(err)?;
        }
        Figure::Peeling { coverage, density, chosen } => {
            let mut ctx = ChartBuilder::on(area)
                .caption(title, ("sans-serif", 24))
                .margin(20)
                .x_label_area_size(50)
                .y_label_area_size(80)
                .build_cartesian_2d(0.0..1.0, 0.0..1.0)
                .map_err(err)?;
            ctx.configure_mesh()
                .x_desc("coverage (share of cases of interest in the box)")
                .y_desc("density (share of the box's rows that are cases)")
                .label_style(font.clone())
                .axis_desc_style(font.clone())
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(err)?;
            let points: Vec<(f64, f64)> = coverage.iter().copied().zip(density.iter().copied()).collect();
            ctx.draw_series(LineSeries::new(points.clone(), SCENARIOS[0].stroke_width(3))).map_err(err)?;
            ctx.draw_series(points.iter().map(|&p| Circle::new(p, 4, SCENARIOS[0].filled()))).map_err(err)?;
            if let Some(point) = chosen {
                ctx.draw_series(std::iter::once(Circle::new(*point, 9, SCENARIOS[1].stroke_width(3))))
                    .map_err(err)?;
                ctx.draw_series(std::iter::once(Text::new("chosen box", *point, font))).map_err(err)?;
            }
        }
    }
    area.present().map_err(err)
}

/// An axis's upper end: a little above the largest value (1 if none is positive).
fn upper(values: &[f64]) -> f64 {
    let max = values.iter().copied().filter(|v| v.is_finite()).fold(0.0, |a: f64, b| a.at_least(b));
    if max > 0.0 { max * 1.1 } else { 1.0 }
}
