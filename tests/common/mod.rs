//! What the native and the wasm test binaries share: the reference run and
//! the digest both must produce, bit for bit.

use commons_sim::history::History;
use commons_sim::scenario::Scenario;

/// Digest of [`reference_run`]'s outcome series. Native code and WebAssembly
/// must both produce exactly this; if a deliberate model change alters it,
/// update it here and say why in the commit.
pub const REFERENCE_DIGEST: &str = "761adaaf1d91391a";

/// The reference scenario as JSON: every rule at work, small and short — a
/// partner state that switches to Big Society cuts halfway.
pub const REFERENCE_SCENARIO: &str = r#"{
    "name": "reference",
    "seed": 2026,
    "months": 60,
    "population": {"citizens": 500, "projects": 25, "firms": 20, "associations": 3},
    "state": {"income_tax": 0.4, "corporate_tax": 0.25, "basic_security": 0.6, "means_testing": 0.3,
              "take_up": 0.95, "admin_overhead": 0.04, "conditionality_hours": 0, "public_services": 0.3,
              "infrastructure_grants": 0.5, "training": 0.15, "shared_tools": 0.5, "team_matching": 1,
              "firm_subsidy": 0, "civic_appeal": 0.3},
    "schedule": [{"month": 30, "regime": "big-society"}]
}"#;

pub fn reference_scenario() -> Scenario {
    Scenario::from_json(REFERENCE_SCENARIO).expect("the reference scenario is valid")
}

/// Runs the reference scenario to its end and returns its history.
pub fn reference_run() -> History {
    commons_sim::ensemble::run(&reference_scenario()).expect("the reference scenario runs")
}
