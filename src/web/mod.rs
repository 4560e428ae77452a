//! The WebAssembly facade: what the page and its worker can call.
//!
//! A thin layer over the library: it parses and validates scenarios, steps
//! models ([`Stepper`], in the page's stepping worker) and records and draws
//! their months ([`Comparison`], on the page's thread), runs whole scenarios
//! for the ensemble worker, draws charts on a `<canvas>` with the same chart
//! code the command line uses, and describes the model (outcomes, parameters,
//! presets) as JSON so the page generates its controls from the library's
//! tables. Long-lived state stays in Rust behind opaque handles; JavaScript
//! gets small results, or typed-array views over buffers owned here (the
//! picture of society). Errors become readable strings at this edge.

mod canvas;
mod comparison;
mod map;
pub mod rows;
mod society;
mod stepper;

pub use comparison::Comparison;
pub use stepper::Stepper;

use crate::charts::palette;
use crate::ensemble;
use crate::export;
use crate::model::citizens::flags;
use crate::outcomes::{Outcome, Panel};
use crate::scenario::{PRESETS, Regime, Scenario, params};
use serde_json::json;
use std::fmt::Display;
use std::sync::Mutex;
use wasm_bindgen::prelude::*;

/// The message of the last Rust panic, for the page to show.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Shows Rust panics in the browser console with their message, and keeps the
/// message so the page can show it instead of a frozen page.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = info.to_string();
        }
    }));
}

/// The message of the last panic inside the model, or an empty string.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> String {
    LAST_PANIC.lock().map(|m| m.clone()).unwrap_or_default()
}

/// Panics on purpose: the page's tests use it to check that a panic inside
/// wasm becomes a readable message.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("a deliberate panic, to test the page's error handling");
}

/// A seed nobody chose, for "another history": 32 random bits from the
/// browser's `crypto.getRandomValues`. Four billion histories are plenty to
/// pick from, and ten digits fit the seed field and can be read out to a
/// class. Only the choice of seed is random; the run on it replays like any.
#[wasm_bindgen(js_name = freshSeed)]
pub fn fresh_seed() -> Result<u32, JsError> {
    getrandom::u32().map_err(js_error)
}

/// Turns any error into the exception the page shows.
pub(crate) fn js_error(error: impl Display) -> JsError {
    JsError::new(&error.to_string())
}

/// The model's fingerprint, computed once (it runs every preset briefly).
pub(crate) fn fingerprint() -> String {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(crate::fingerprint::model_fingerprint).clone()
}

/// Everything the page needs to build its controls, charts and help, as JSON:
/// outcomes (with panel, unit and description), panels, parameters (the
/// validation table), presets with their explanations, the regimes' names
/// (the page's default comparison), the scenario colours, the CSV header, the citizens' state
/// bits, the layout of the projects' buffer, how much of an ensemble its band holds,
/// the model's fingerprint and the program's version (stamped on exports).
#[wasm_bindgen]
pub fn catalogue() -> String {
    let panel_index = |panel: Panel| Panel::ALL.iter().position(|&p| p == panel).unwrap_or(0);
    let outcomes: Vec<_> = Outcome::ALL
        .iter()
        .map(|o| {
            json!({
                "name": o.name(), "label": o.label(), "unit": o.unit(), "panel": panel_index(o.panel()),
                "description": o.description(), "unitInterval": o.is_unit_interval(),
            })
        })
        .collect();
    let panels: Vec<_> = Panel::ALL.iter().map(|p| p.title()).collect();
    let params: Vec<_> = params::PARAMS
        .iter()
        .map(|p| {
            json!({
                "path": p.path, "label": p.label, "unit": p.unit, "min": p.min, "max": p.max,
                "integer": p.integer, "key": p.key, "section": p.section(),
                "description": p.description, "source": p.source,
            })
        })
        .collect();
    let presets: Vec<_> = PRESETS
        .iter()
        .map(
            |p| json!({"name": p.name, "title": p.title, "summary": p.summary, "explanation": p.explanation}),
        )
        .collect();
    let regimes: Vec<_> = Regime::ALL.iter().map(|r| r.name()).collect();
    let colours: Vec<_> =
        palette::SCENARIOS.iter().map(|c| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)).collect();
    json!({
        "outcomes": outcomes, "panels": panels, "params": params, "presets": presets,
        "regimes": regimes, "colours": colours, "csvHeader": export::csv_header(),
        "citizenFlags": {
            "employed": flags::EMPLOYED, "contributing": flags::CONTRIBUTING, "precarious": flags::PRECARIOUS,
            "owner": flags::OWNER, "claiming": flags::CLAIMING, "unmet": flags::UNMET, "training": flags::TRAINING,
        },
        "projectStride": society::PROJECT_STRIDE,
        "bandPercent": ((ensemble::BAND.1 - ensemble::BAND.0) * 100.0).round(),
        "fingerprint": fingerprint(),
        "version": format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
    })
    .to_string()
}

/// The full scenario of a named preset, as JSON.
#[wasm_bindgen(js_name = presetScenario)]
pub fn preset_scenario(name: &str) -> Result<String, JsError> {
    Scenario::preset(name).map(|s| s.to_json_pretty()).map_err(js_error)
}

/// Validates a scenario and returns it complete (missing fields filled with
/// defaults), as JSON; the error names the field at fault and its range.
#[wasm_bindgen(js_name = normaliseScenario)]
pub fn normalise_scenario(json: &str) -> Result<String, JsError> {
    Scenario::from_json(json).map(|s| s.to_json_pretty()).map_err(js_error)
}

/// Sets one parameter of a scenario by its dotted path (validated) and
/// returns the complete scenario as JSON.
#[wasm_bindgen(js_name = setParameter)]
pub fn set_parameter(json: &str, path: &str, value: f64) -> Result<String, JsError> {
    let mut scenario = Scenario::from_json(json).map_err(js_error)?;
    // JavaScript has only doubles; whole numbers go in as integers so that
    // integer fields (months, citizens) accept them.
    let value = if value.fract() == 0.0 && value.abs() <= 9_007_199_254_740_991.0 {
        json!(value as i64)
    } else {
        json!(value)
    };
    scenario.set(path, value).map_err(js_error)?;
    Ok(scenario.to_json_pretty())
}

/// Runs a scenario to its end (for the ensemble worker) and returns its
/// history flattened row by row: the month, then every outcome in column order.
#[wasm_bindgen(js_name = runToEnd)]
pub fn run_to_end(json: &str) -> Result<Vec<f64>, JsError> {
    let scenario = Scenario::from_json(json).map_err(js_error)?;
    let history = ensemble::run_bounded(&scenario, comparison::HISTORY_POINTS).map_err(js_error)?;
    Ok(rows::of_history(&history))
}

/// The scenarios of a comparison, from a JSON array of one to four (as many
/// as the palette has colours), each validated; an error names the
/// scenario by its letter and the field at fault.
fn compared_scenarios(json: &str) -> Result<Vec<Scenario>, JsError> {
    let values: Vec<serde_json::Value> = serde_json::from_str(json)
        .map_err(|e| js_error(format!("the scenarios are not a JSON list: {e}")))?;
    if values.is_empty() || values.len() > palette::SCENARIOS.len() {
        let most = palette::SCENARIOS.len();
        return Err(js_error(format!("compare 1 to {most} scenarios, not {}", values.len())));
    }
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let letter = letter(i);
            Scenario::from_json(&value.to_string()).map_err(|e| js_error(format!("scenario {letter}: {e}")))
        })
        .collect()
}

/// "A", "B", …: how the page names compared scenarios.
fn letter(index: usize) -> char {
    char::from(b'A' + (index % 26) as u8)
}
