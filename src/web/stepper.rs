//! The compared scenarios' models, stepped apart from what records and
//! draws them. The page keeps a `Stepper` in a worker of its own (the
//! stepping worker, `www/js/stepper.js`), so that a month of four
//! 100,000-citizen scenarios never blocks the page's thread; each reply
//! carries the months just stepped, as flat rows ([`rows`](super::rows)),
//! which the page's [`Comparison`](super::Comparison) records, and a copy
//! of the agents for the picture of society. The lesson's small worlds keep
//! one on the page's thread.

use super::js_error;
use super::rows;
use super::society::Society;
use crate::model::Model;
use wasm_bindgen::prelude::*;

/// One model per compared scenario, on the page's seed.
#[wasm_bindgen]
pub struct Stepper {
    models: Vec<Model>,
    society: Society,
}

#[wasm_bindgen]
impl Stepper {
    /// Builds one model per scenario from a JSON array of scenarios; the
    /// error names the scenario and the field at fault (as
    /// [`Comparison::new`](super::Comparison::new) does for the same list).
    #[wasm_bindgen(constructor)]
    pub fn new(scenarios_json: &str) -> Result<Stepper, JsError> {
        let models = super::compared_scenarios(scenarios_json)?
            .iter()
            .map(|s| Model::new(s).map_err(js_error))
            .collect::<Result<_, _>>()?;
        Ok(Stepper { models, society: Society::default() })
    }

    /// How many scenarios are stepped.
    pub fn count(&self) -> usize {
        self.models.len()
    }

    /// Scenario `index`'s month.
    #[wasm_bindgen(js_name = scenarioMonth)]
    pub fn scenario_month(&self, index: usize) -> u32 {
        self.models.get(index).map_or(0, Model::month)
    }

    /// Whether scenario `index` reached its end.
    #[wasm_bindgen(js_name = scenarioFinished)]
    pub fn scenario_finished(&self, index: usize) -> bool {
        self.models.get(index).is_none_or(Model::finished)
    }

    /// Scenario `index`'s current month as one row (month 0's, before any step).
    #[wasm_bindgen(js_name = currentRow)]
    pub fn current_row(&self, index: usize) -> Result<Vec<f64>, JsError> {
        let model = self.model(index)?;
        let mut flat = Vec::with_capacity(rows::WIDTH);
        rows::push(&mut flat, model.month(), model.outcomes());
        Ok(flat)
    }

    /// Advances scenario `index` alone by up to `months` months (fewer at
    /// its end) and returns a row for each month stepped.
    #[wasm_bindgen(js_name = stepScenario)]
    pub fn step_scenario(&mut self, index: usize, months: u32) -> Result<Vec<f64>, JsError> {
        let model = self.models.get_mut(index).ok_or_else(|| js_error(format!("no scenario {index}")))?;
        let mut flat = Vec::new();
        for _ in 0..months {
            if model.finished() {
                break;
            }
            model.step();
            rows::push(&mut flat, model.month(), model.outcomes());
        }
        Ok(flat)
    }

    /// Copies scenario `index`'s citizens and projects into the buffers read
    /// through typed-array views; returns the number of citizens.
    #[wasm_bindgen(js_name = updateSociety)]
    pub fn update_society(&mut self, index: usize) -> Result<usize, JsError> {
        let model = self.models.get(index).ok_or_else(|| js_error(format!("no scenario {index}")))?;
        self.society.copy_from(model);
        Ok(self.society.citizens())
    }

    /// Address of the citizens' state bits in wasm memory (one byte each).
    #[wasm_bindgen(js_name = citizenFlagsPtr)]
    pub fn citizen_flags_ptr(&self) -> *const u8 {
        self.society.flags_ptr()
    }

    /// Address of the projects' records in wasm memory (`f32`s, see
    /// [`Society`] for the layout).
    #[wasm_bindgen(js_name = projectsPtr)]
    pub fn projects_ptr(&self) -> *const f32 {
        self.society.projects_ptr()
    }

    /// Number of projects in the buffer.
    #[wasm_bindgen(js_name = projectCount)]
    pub fn project_count(&self) -> usize {
        self.society.projects()
    }
}

impl Stepper {
    fn model(&self, index: usize) -> Result<&Model, JsError> {
        self.models.get(index).ok_or_else(|| js_error(format!("no scenario {index}")))
    }
}
