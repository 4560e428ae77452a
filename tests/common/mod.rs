//! What the native and the wasm test binaries share: the reference run and
//! the digest both must produce, bit for bit.

use commons_sim::history::History;
use commons_sim::model::Model;
use commons_sim::scenario::Scenario;

/// Digest of [`reference_run`]'s outcome series. Native code and WebAssembly
/// must both produce exactly this; if a deliberate model change alters it,
/// update it here (the browser test reads it from this file too).
pub const REFERENCE_DIGEST: &str = "8b3e231630360362";

/// The reference scenario: the default scenario, short and small.
pub fn reference_scenario() -> Scenario {
    Scenario { months: 60, seed: 2026, ..Scenario::default() }
}

/// Runs the reference scenario to its end and returns its history.
pub fn reference_run() -> History {
    let mut model = Model::new(&reference_scenario()).expect("the reference scenario is valid");
    let mut history = History::new();
    history.push(model.month(), model.outcomes());
    while !model.finished() {
        model.step();
        history.push(model.month(), model.outcomes());
    }
    history
}
