//! What the benchmarks share: the model they time, and the processor they
//! ran on (a figure from one CPU family does not carry to another).

use commons_sim::model::Model;
use commons_sim::scenario::Scenario;

/// The presets' run length: the months a benchmarked month is drawn from.
const RUN_MONTHS: u32 = 240;

/// The processor's model as the system names it (`/proc/cpuinfo`'s
/// "model name"), or what the platform says where there is no such file.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, name)| name.trim().to_string())
        })
        .unwrap_or_else(|| format!("unknown {} processor", std::env::consts::ARCH))
}

/// Prints the processor and the number of cores the benchmark sees.
pub fn print_machine() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("CPU: {} ({cores} cores available)", cpu_model());
}

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
