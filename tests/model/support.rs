//! Helpers shared by the model tests: scenarios with overrides, runs cached
//! across tests, final-year means, and paired 95% intervals.

use commons_sim::ensemble;
use commons_sim::history::History;
use commons_sim::outcomes::Outcome;
use commons_sim::scenario::Scenario;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A preset with parameters set by dotted path, e.g. `("state.corporate_tax", 0.8)`.
pub fn scenario(preset: &str, seed: u64, overrides: &[(&str, f64)]) -> Scenario {
    let mut s = Scenario::preset(preset).expect("a known preset");
    s.seed = seed;
    for &(path, value) in overrides {
        s.set(path, value.into()).unwrap_or_else(|e| panic!("{e}"));
    }
    s
}

/// The run of a scenario, computed once per test binary (several tests
/// look at the same runs).
pub fn run(scenario: &Scenario) -> Arc<History> {
    /// One slot per scenario, filled by whichever test needs it first.
    type Slot = Arc<OnceLock<Arc<History>>>;
    static CACHE: OnceLock<Mutex<BTreeMap<String, Slot>>> = OnceLock::new();
    let key = serde_json::to_string(scenario).expect("serialisable");
    let slot = {
        let mut cache = CACHE.get_or_init(Default::default).lock().expect("cache lock");
        Arc::clone(cache.entry(key).or_default())
    };
    Arc::clone(slot.get_or_init(|| Arc::new(ensemble::run(scenario).expect("a valid scenario"))))
}

/// Mean of an outcome over the last `months` recorded months.
pub fn final_mean(history: &History, outcome: Outcome, months: usize) -> f64 {
    let column = history.column(outcome);
    let tail = &column[column.len().saturating_sub(months)..];
    tail.iter().sum::<f64>() / tail.len() as f64
}

/// The final-year mean of an outcome for seeds `1..=seeds` of a scenario.
pub fn per_seed(preset: &str, overrides: &[(&str, f64)], seeds: u64, outcome: Outcome) -> Vec<f64> {
    (1..=seeds).map(|seed| final_mean(&run(&scenario(preset, seed, overrides)), outcome, 12)).collect()
}

/// Mean of paired differences `b − a` and the half-width of its 95%
/// interval (Student t), as `(mean, half_width)`.
pub fn paired(a: &[f64], b: &[f64]) -> (f64, f64) {
    assert_eq!(a.len(), b.len());
    let n = a.len();
    assert!(n >= 2, "an interval needs two seeds or more");
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
    let mean = d.iter().sum::<f64>() / n as f64;
    let var = d.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64;
    (mean, commons_sim::student_t::quantile(0.975, (n - 1) as f64) * (var / n as f64).sqrt())
}

pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}
