//! What the page shows of one to four scenarios (as many as the palette has
//! colours) run side by side on the same seed: each one's months as they
//! arrive from the models (stepped by a [`Stepper`](super::Stepper), in the
//! page's stepping worker), their ensembles (many seeds each, run by the
//! page's ensemble workers), and their charts, values and exports.

mod exports;

use super::canvas::Canvas;
use super::rows;
use super::{js_error, letter};
use crate::charts::{self, Chart, Marker, PlotArea, Series, Style, palette};
use crate::ensemble::{BAND, Summary};
use crate::export;
use crate::history::History;
use crate::outcomes::{COUNT, Outcome, Panel};
use crate::scenario::{Regime, Scenario};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Most months a run's history keeps: enough for a chart at any screen width,
/// and fixed memory however long the run (it thins itself when full).
pub(super) const HISTORY_POINTS: usize = 2048;

/// One scenario's run on the page's seed.
struct Run {
    /// Legend text: a letter and the scenario's name.
    label: String,
    scenario: Scenario,
    /// The last month recorded (a thinned history may not keep it), or
    /// None before month 0 has arrived.
    month: Option<u32>,
    history: History,
    /// Runs of the scenario over the ensemble's seeds, and their summary.
    ensemble: Vec<(u64, History)>,
    summary: Option<Summary>,
}

/// The scenarios the page compares, recorded month by month.
#[wasm_bindgen]
pub struct Comparison {
    runs: Vec<Run>,
    /// Where each chart of the last drawn panel landed, and its outcome.
    layout: Vec<(Outcome, PlotArea)>,
}

#[wasm_bindgen]
impl Comparison {
    /// Validates a JSON array of scenarios and records none of their months
    /// yet; the error names the scenario and the field at fault.
    #[wasm_bindgen(constructor)]
    pub fn new(scenarios_json: &str) -> Result<Comparison, JsError> {
        let runs = super::compared_scenarios(scenarios_json)?
            .into_iter()
            .enumerate()
            .map(|(i, scenario)| Run {
                label: format!("{} {}", letter(i), scenario.name),
                scenario,
                month: None,
                history: History::bounded(HISTORY_POINTS),
                ensemble: Vec::new(),
                summary: None,
            })
            .collect();
        Ok(Comparison { runs, layout: Vec::new() })
    }

    /// Records months of scenario `index` (flat rows, as a
    /// [`Stepper`](super::Stepper) returns them), which must follow the last
    /// month recorded (month 0 first); returns the scenario's month.
    pub fn record(&mut self, index: usize, flat: &[f64]) -> Result<u32, JsError> {
        let run = self.runs.get_mut(index).ok_or_else(|| js_error(format!("no scenario {index}")))?;
        let months = rows::parse(flat).ok_or_else(|| js_error("the stepped months came back malformed"))?;
        for (month, outcomes) in months {
            let due = run.month.map_or(0, |m| m + 1);
            if month != due || month > run.scenario.months {
                let letter = letter(index);
                return Err(js_error(format!("scenario {letter}: month {month} came where {due} was due")));
            }
            run.history.push(month, &outcomes);
            run.month = Some(month);
        }
        Ok(run.month.unwrap_or(0))
    }

    /// Whether every scenario's month 0 has been recorded.
    pub fn started(&self) -> bool {
        self.runs.iter().all(|r| r.month.is_some())
    }

    /// The latest month any run has reached.
    pub fn month(&self) -> u32 {
        self.runs.iter().filter_map(|r| r.month).max().unwrap_or(0)
    }

    /// The length of the longest run, in months.
    pub fn length(&self) -> u32 {
        self.runs.iter().map(|r| r.scenario.months).max().unwrap_or(0)
    }

    /// Whether every run reached its end.
    pub fn finished(&self) -> bool {
        self.runs.iter().all(|r| r.month.is_some_and(|m| m >= r.scenario.months))
    }

    /// Whether some run short of its end has not reached `month` yet (the
    /// runs move in turns, so some may be a few months behind the others).
    pub fn behind(&self, month: u32) -> bool {
        self.runs.iter().any(|r| r.month.unwrap_or(0) < month.min(r.scenario.months))
    }

    /// Scenario `index`'s month (the last recorded).
    #[wasm_bindgen(js_name = scenarioMonth)]
    pub fn scenario_month(&self, index: usize) -> u32 {
        self.runs.get(index).and_then(|r| r.month).unwrap_or(0)
    }

    /// How many scenarios are compared.
    pub fn count(&self) -> usize {
        self.runs.len()
    }

    /// Draws one panel's outcomes in a grid `columns` wide, each chart with
    /// every scenario (the page shows their legend); with `bands`, ensemble
    /// medians and 90% bands; with `unit_shares`, shares on a fixed 0–1 axis
    /// (else every axis is fitted to what it shows).
    #[wasm_bindgen(js_name = drawPanel)]
    pub fn draw_panel(
        &mut self,
        canvas: HtmlCanvasElement,
        panel: usize,
        columns: usize,
        font_size: u32,
        bands: bool,
        unit_shares: bool,
    ) -> Result<(), JsError> {
        let panel = *Panel::ALL.get(panel).ok_or_else(|| js_error(format!("no panel {panel}")))?;
        let outcomes: Vec<usize> =
            Outcome::ALL.into_iter().filter(|o| o.panel() == panel).map(|o| o as usize).collect();
        self.draw_charts(canvas, &outcomes, columns, font_size, bands, unit_shares)
    }

    /// Draws the given outcomes (by column) in a grid `columns` wide, as
    /// [`drawPanel`](Self::draw_panel) does: a phone shows one at a time.
    #[wasm_bindgen(js_name = drawCharts)]
    pub fn draw_charts(
        &mut self,
        canvas: HtmlCanvasElement,
        outcomes: &[usize],
        columns: usize,
        font_size: u32,
        bands: bool,
        unit_shares: bool,
    ) -> Result<(), JsError> {
        let outcomes: Vec<Outcome> = outcomes
            .iter()
            .map(|&o| Outcome::ALL.get(o).copied().ok_or_else(|| js_error(format!("no outcome {o}"))))
            .collect::<Result<_, _>>()?;
        let markers = self.markers();
        let charts: Vec<Chart> =
            outcomes.iter().map(|&o| self.chart(o, font_size, bands, &markers)).collect();
        let area = backend(canvas)?.into_drawing_area();
        let style = Style { legend: false, months: Some(f64::from(self.length())), unit_shares };
        let plots = charts::draw_grid_areas(&area, &charts, columns, style).map_err(js_error)?;
        self.layout = outcomes.into_iter().zip(plots).collect();
        Ok(())
    }

    /// Where the chart of outcome column `outcome` landed in the last drawn
    /// panel (canvas pixels): left, right, top, bottom and the month at its
    /// right edge; empty if it was not drawn. The page draws its keyboard
    /// cursor with it.
    #[wasm_bindgen(js_name = plotArea)]
    pub fn plot_area(&self, outcome: usize) -> Vec<f64> {
        self.layout
            .iter()
            .find(|(o, _)| *o as usize == outcome)
            .map(|(_, p)| {
                vec![f64::from(p.left), f64::from(p.right), f64::from(p.top), f64::from(p.bottom), p.x_max]
            })
            .unwrap_or_default()
    }

    /// The months recorded for scenario `index` (its run, or with `bands`
    /// its ensemble summary): the x values of [`series`](Self::series).
    pub fn months(&self, index: usize, bands: bool) -> Result<Vec<f64>, JsError> {
        let run = self.runs.get(index).ok_or_else(|| js_error(format!("no scenario {index}")))?;
        Ok(match (&run.summary, bands) {
            (Some(s), true) => s.months().to_vec(),
            _ => run.history.months().to_vec(),
        })
    }

    /// One outcome's series for scenario `index`, month by month as
    /// [`months`](Self::months) lists them (with `bands`, the ensemble's
    /// median): what the page's text description of the charts reads.
    pub fn series(&self, outcome: &str, index: usize, bands: bool) -> Result<Vec<f64>, JsError> {
        let outcome = outcome_named(outcome)?;
        let run = self.runs.get(index).ok_or_else(|| js_error(format!("no scenario {index}")))?;
        Ok(match (&run.summary, bands) {
            (Some(s), true) => s.median(outcome).to_vec(),
            _ => run.history.column(outcome).to_vec(),
        })
    }

    /// Draws one outcome alone (for saving a chart as an image).
    #[wasm_bindgen(js_name = drawOutcome)]
    pub fn draw_outcome(
        &self,
        canvas: HtmlCanvasElement,
        outcome: &str,
        font_size: u32,
        bands: bool,
    ) -> Result<(), JsError> {
        let outcome = outcome_named(outcome)?;
        let area = backend(canvas)?.into_drawing_area();
        let style = Style { legend: true, months: Some(f64::from(self.length())), unit_shares: false };
        let markers = self.markers();
        charts::draw_chart(&area, &self.chart(outcome, font_size, bands, &markers), style)
            .map(|_| ())
            .map_err(js_error)
    }

    /// What lies under a point of the last drawn panel (canvas pixels): empty
    /// if no chart's plot, else the outcome's column, the month, then for each
    /// scenario its value, the band's lower and upper edges (NaN where absent).
    pub fn hover(&self, x: f64, y: f64, bands: bool) -> Vec<f64> {
        let hit = self
            .layout
            .iter()
            .find(|(_, p)| (f64::from(p.top)..=f64::from(p.bottom)).contains(&y) && p.month_at(x).is_some());
        let Some(&(outcome, plot)) = hit else { return Vec::new() };
        let pointer = plot.month_at(x).unwrap_or(0.0).round();
        // The month shown is the recorded one the values belong to (a long
        // run's history keeps every second, fourth, … month).
        let shown = self.runs.first().and_then(|run| {
            let months = run.history.months();
            recorded_at(months, pointer).map(|i| months[i])
        });
        let month = shown.unwrap_or(pointer);
        let mut out = vec![outcome as usize as f64, month];
        for run in &self.runs {
            let value = |months: &[f64], values: &[f64]| {
                recorded_at(months, month).filter(|&i| months[i] == month).map_or(f64::NAN, |i| values[i])
            };
            match (&run.summary, bands) {
                (Some(s), true) => out.extend([
                    value(s.months(), s.median(outcome)),
                    value(s.months(), s.lower(outcome)),
                    value(s.months(), s.upper(outcome)),
                ]),
                _ => {
                    out.extend([value(run.history.months(), run.history.column(outcome)), f64::NAN, f64::NAN])
                }
            }
        }
        out
    }

    /// Every outcome of every scenario at `month` (or each run's last month
    /// if it has not reached it), scenario after scenario; with `bands`, the
    /// ensemble medians.
    pub fn values(&self, month: u32, bands: bool) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.runs.len() * COUNT);
        for run in &self.runs {
            let at = |months: &[f64], values: &[f64]| {
                recorded_at(months, f64::from(month)).map_or(f64::NAN, |i| values[i])
            };
            match (&run.summary, bands) {
                (Some(s), true) => out.extend(Outcome::ALL.iter().map(|&o| at(s.months(), s.median(o)))),
                _ => {
                    out.extend(Outcome::ALL.iter().map(|&o| at(run.history.months(), run.history.column(o))))
                }
            }
        }
        out
    }

    /// Each run's digest (hex): identical series give identical digests,
    /// natively and here.
    pub fn digests(&self) -> Vec<String> {
        self.runs.iter().map(|r| format!("{:016x}", r.history.digest())).collect()
    }

    /// The runs as CSV in the command line's columns: the runs so far, or
    /// with `bands` every run of every ensemble.
    pub fn csv(&self, bands: bool) -> String {
        let mut out = export::csv_header();
        out.push('\n');
        for run in &self.runs {
            let name = &run.scenario.name;
            if bands && run.summary.is_some() {
                for (seed, history) in &run.ensemble {
                    export::write_csv_rows(&mut out, name, *seed, history);
                }
            } else {
                export::write_csv_rows(&mut out, name, run.scenario.seed, &run.history);
            }
        }
        out
    }

    /// Adds one finished run of scenario `index` on `seed` (a history
    /// flattened as [`runToEnd`](super::run_to_end) returns it) to its ensemble.
    #[wasm_bindgen(js_name = addEnsembleRun)]
    pub fn add_ensemble_run(&mut self, index: usize, seed: f64, flat: &[f64]) -> Result<(), JsError> {
        let run = self.runs.get_mut(index).ok_or_else(|| js_error(format!("no scenario {index}")))?;
        let months = rows::parse(flat).ok_or_else(|| js_error("an ensemble run came back malformed"))?;
        let mut history = History::new();
        for (month, outcomes) in months {
            history.push(month, &outcomes);
        }
        if history.months() != kept_months(run.scenario.months) {
            return Err(js_error("an ensemble run came back with the wrong months"));
        }
        run.ensemble.push((seed as u64, history));
        run.summary = None;
        Ok(())
    }

    /// Summarises every scenario's ensemble (median and 90% band by month);
    /// returns whether every scenario has one.
    pub fn summarise(&mut self) -> bool {
        for run in &mut self.runs {
            run.ensemble.sort_by_key(|(seed, _)| *seed);
            let histories: Vec<History> = run.ensemble.iter().map(|(_, h)| h.clone()).collect();
            run.summary = (!histories.is_empty()).then(|| Summary::new(&histories, BAND.0, BAND.1));
        }
        self.has_bands()
    }

    /// Forgets every ensemble.
    #[wasm_bindgen(js_name = clearEnsembles)]
    pub fn clear_ensembles(&mut self) {
        for run in &mut self.runs {
            run.ensemble.clear();
            run.summary = None;
        }
    }

    /// Whether every scenario has a summarised ensemble.
    #[wasm_bindgen(js_name = hasBands)]
    pub fn has_bands(&self) -> bool {
        self.runs.iter().all(|r| r.summary.is_some())
    }
}

impl Comparison {
    /// Every scheduled policy change of every scenario, as chart markers in
    /// the scenario's colour: "A → Big Society (month 60)".
    fn markers(&self) -> Vec<Marker> {
        self.runs
            .iter()
            .enumerate()
            .flat_map(|(i, run)| {
                run.scenario.schedule.iter().map(move |change| Marker {
                    month: f64::from(change.month),
                    label: format!(
                        "{} → {} (month {})",
                        letter(i),
                        change.regime.map_or("new levers", regime_label),
                        change.month
                    ),
                    color: palette::scenario(i),
                })
            })
            .collect()
    }

    /// The chart of one outcome with every scenario.
    fn chart(&self, outcome: Outcome, font_size: u32, bands: bool, markers: &[Marker]) -> Chart<'_> {
        let series = self
            .runs
            .iter()
            .enumerate()
            .map(|(i, run)| match (&run.summary, bands) {
                (Some(s), true) => Series {
                    label: &run.label,
                    color: palette::scenario(i),
                    months: s.months(),
                    values: s.median(outcome),
                    band: Some((s.lower(outcome), s.upper(outcome))),
                },
                _ => Series {
                    label: &run.label,
                    color: palette::scenario(i),
                    months: run.history.months(),
                    values: run.history.column(outcome),
                    band: None,
                },
            })
            .collect();
        Chart {
            title: outcome.label(),
            y_label: outcome.unit(),
            unit_interval: outcome.is_unit_interval(),
            font_size,
            series,
            markers: markers.to_vec(),
        }
    }
}

/// A regime as the page's text names it.
fn regime_label(regime: Regime) -> &'static str {
    match regime {
        Regime::WelfareState => "Welfare state",
        Regime::CorporateWelfare => "Corporate welfare",
        Regime::BigSociety => "Big Society",
        Regime::PartnerState => "Partner state",
    }
}

fn backend(canvas: HtmlCanvasElement) -> Result<Canvas, JsError> {
    Canvas::new(canvas).ok_or_else(|| js_error("the canvas has no 2D context"))
}

fn outcome_named(name: &str) -> Result<Outcome, JsError> {
    Outcome::from_name(name).ok_or_else(|| js_error(format!("unknown outcome `{name}`")))
}

/// The index of the last recorded month at or before `month` (the first
/// recorded month if `month` precedes it), or None for an empty record.
fn recorded_at(months: &[f64], month: f64) -> Option<usize> {
    if months.is_empty() {
        return None;
    }
    Some(months.partition_point(|&m| m <= month).saturating_sub(1))
}

/// The months a run of `months` months keeps in a bounded history.
fn kept_months(months: u32) -> Vec<f64> {
    let mut history = History::bounded(HISTORY_POINTS);
    for month in 0..=months {
        history.push(month, &[0.0; COUNT]);
    }
    history.months().to_vec()
}
