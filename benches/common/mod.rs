//! What the benchmarks share: the model they time.

use commons_sim::model::Model;
use commons_sim::scenario::Scenario;

/// The presets' run length: the months a benchmarked month is drawn from.
const RUN_MONTHS: u32 = 240;

/// The partner-state preset (every rule active) scaled to `citizens`, with
/// projects and firms in the default proportions, warmed up for two years so
/// that the commons and the market are in their running state.
pub fn warmed_model(citizens: u32) -> Model {
    let mut scenario = Scenario::preset("partner-state").expect("preset");
    scenario.population.citizens = citizens;
    scenario.population.projects = citizens / 20;
    scenario.population.firms = citizens / 25;
    scenario.months = RUN_MONTHS;
    let mut model = Model::new(&scenario).expect("valid");
    for _ in 0..24 {
        model.step();
    }
    model
}
