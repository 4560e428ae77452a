//! The WebAssembly facade: what the page can call.
//!
//! A thin layer over the library: it parses scenarios from JSON, steps a
//! model, keeps its history, and draws charts on a `<canvas>` with the same
//! chart code the command line uses. Long-lived state stays in Rust behind an
//! opaque handle; JavaScript gets small results. Errors become readable
//! strings at this edge.

use crate::charts::{self, palette};
use crate::history::History;
use crate::model::Model;
use crate::outcomes::Outcome;
use crate::scenario::Scenario;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Shows Rust panics in the browser console with their message, not just
/// "unreachable executed".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The outcome column names, in order.
#[wasm_bindgen(js_name = outcomeNames)]
pub fn outcome_names() -> Vec<String> {
    Outcome::ALL.iter().map(|o| o.name().to_string()).collect()
}

/// One model run, stepped by the page.
#[wasm_bindgen]
pub struct Simulation {
    model: Model,
    history: History,
}

#[wasm_bindgen]
impl Simulation {
    /// Creates a run from a scenario in JSON; the error names the bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(scenario_json: &str) -> Result<Simulation, JsError> {
        let scenario = Scenario::from_json(scenario_json).map_err(|e| JsError::new(&e.to_string()))?;
        let model = Model::new(&scenario).map_err(|e| JsError::new(&e.to_string()))?;
        let mut history = History::new();
        history.push(model.month(), model.outcomes());
        Ok(Simulation { model, history })
    }

    /// Advances up to `months` months (never past the scenario's length);
    /// returns the month reached.
    pub fn step(&mut self, months: u32) -> u32 {
        for _ in 0..months {
            if self.model.finished() {
                break;
            }
            self.model.step();
            self.history.push(self.model.month(), self.model.outcomes());
        }
        self.model.month()
    }

    /// Months simulated so far.
    pub fn month(&self) -> u32 {
        self.model.month()
    }

    /// Whether the run reached its scenario's length.
    pub fn finished(&self) -> bool {
        self.model.finished()
    }

    /// This month's value of every outcome, in column order.
    pub fn latest(&self) -> Vec<f64> {
        self.model.outcomes().to_vec()
    }

    /// The digest of the whole series so far, as a hex string (for checking
    /// that the browser and native code produce identical runs).
    pub fn digest(&self) -> String {
        format!("{:016x}", self.history.digest())
    }

    /// Draws one outcome's series on a canvas.
    pub fn draw(&self, canvas: HtmlCanvasElement, outcome: &str) -> Result<(), JsError> {
        let outcome = Outcome::from_name(outcome)
            .ok_or_else(|| JsError::new(&format!("unknown outcome `{outcome}`")))?;
        let backend = CanvasBackend::with_canvas_object(canvas)
            .ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
        let chart = charts::Chart {
            title: outcome.label(),
            y_label: outcome.unit(),
            unit_interval: outcome.is_unit_interval(),
            font_size: 16,
            series: vec![charts::Series {
                label: &self.model.scenario().name,
                color: palette::scenario(0),
                months: self.history.months(),
                values: self.history.column(outcome),
                band: None,
            }],
        };
        charts::draw(&backend.into_drawing_area(), &chart).map_err(|e| JsError::new(&e))
    }
}
