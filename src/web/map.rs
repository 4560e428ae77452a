//! The facade of the page's map ("Where does it reverse?"): one outcome of
//! one run, for the worker; the paired difference of two scenarios per cell
//! of a grid with its t interval over seeds; and which way each outcome is
//! better, for the map's legend.
//!
//! The map runs grid × 2 scenarios × seeds runs, so a run sends back one
//! number, not a history: the worker's message is a few bytes, and the run
//! stops at the month the map asks about. The statistics stay here, with the
//! library's Student t, rather than being re-implemented in JavaScript.

use super::js_error;
use crate::model::Model;
use crate::outcomes::Outcome;
use crate::scenario::Scenario;
use crate::student_t;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// Runs a scenario up to `month` (at most its last month) and returns the
/// value of one outcome (by its column name) then.
#[wasm_bindgen(js_name = outcomeAt)]
pub fn outcome_at(json: &str, outcome: &str, month: u32) -> Result<f64, JsError> {
    let outcome =
        Outcome::from_name(outcome).ok_or_else(|| js_error(format!("{outcome} is not an outcome")))?;
    let scenario = Scenario::from_json(json).map_err(js_error)?;
    let mut model = Model::new(&scenario).map_err(js_error)?;
    model.advance_to(month);
    Ok(model.outcome(outcome))
}

/// Per cell, the paired difference `a − b` over seeds: its mean and the
/// bounds of its two-sided t interval at `level` (0.9 for 90%), as
/// `[mean, lower, upper]` for each cell in turn. `a` and `b` hold
/// `seeds` values per cell, cell after cell, each seed at the same place in
/// both (common random numbers: the pairs share their luck).
#[wasm_bindgen(js_name = pairedDifferences)]
pub fn paired_differences(a: &[f64], b: &[f64], seeds: usize, level: f64) -> Result<Vec<f64>, JsError> {
    if seeds < 2 {
        return Err(js_error("the map needs at least 2 seeds for an interval"));
    }
    if a.len() != b.len() || !a.len().is_multiple_of(seeds) {
        return Err(js_error("the map's runs do not fill its grid"));
    }
    if !(level > 0.0 && level < 1.0) {
        return Err(js_error("the interval's level must lie between 0 and 1"));
    }
    let mut cells = Vec::with_capacity(a.len() / seeds * 3);
    let mut differences = vec![0.0; seeds];
    for (a, b) in a.chunks_exact(seeds).zip(b.chunks_exact(seeds)) {
        for ((d, x), y) in differences.iter_mut().zip(a).zip(b) {
            *d = x - y;
        }
        let (mean, lower, upper) =
            student_t::mean_interval(&differences, level).ok_or_else(|| js_error("no interval"))?;
        cells.extend([mean, lower, upper]);
    }
    Ok(cells)
}

/// Whether more of an outcome is better (`Some(true)`), less is
/// (`Some(false)`), or the model takes no side (`None`: more forks or
/// firms, bigger projects are neither good nor bad in themselves). The map's
/// legend says "A better" only where this says which way better lies, and
/// "A higher" otherwise. The match is exhaustive, so a new outcome needs a
/// decision here.
fn higher_is_better(outcome: Outcome) -> Option<bool> {
    use Outcome::*;
    match outcome {
        CommonsKnowledge
        | ContributorsShare
        | MarketOutput
        | MedianIncome
        | InfrastructureHealth
        | StateBalance
        | Legitimacy
        | EmploymentRate
        | ConditionalCooperation
        | CommonsKnowledgeStock => Some(true),
        GiniWealth | GiniIncome | PrecarityRate | UnmetNeedsRate | InfrastructureFailures | StateDebt => {
            Some(false)
        }
        ProjectsAlive | ForksTotal | AcceptanceRate | ContributionGini | FirmsAlive
        | TopContributorsShare | ProjectSizeMedian | ProjectSizeMean | WealthVarianceRatio => None,
    }
}

/// For every outcome, by name, which way is better: `"higher"`, `"lower"`
/// or `null`, as JSON.
#[wasm_bindgen(js_name = outcomeDirections)]
pub fn outcome_directions() -> String {
    let directions: serde_json::Map<String, serde_json::Value> = Outcome::ALL
        .iter()
        .map(|&o| {
            let better = match higher_is_better(o) {
                Some(true) => json!("higher"),
                Some(false) => json!("lower"),
                None => json!(null),
            };
            (o.name().to_string(), better)
        })
        .collect();
    serde_json::Value::Object(directions).to_string()
}
