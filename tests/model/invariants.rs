//! Invariants that hold every month of every run: money is conserved, no
//! outcome is NaN or infinite, shares and indices stay in [0, 1], knowledge
//! is never negative — for every preset and for random valid scenarios.

use commons_sim::model::Model;
use commons_sim::model::num::Bounds;
use commons_sim::outcomes::Outcome;
use commons_sim::scenario::params::PARAMS;
use commons_sim::scenario::{PRESETS, Scenario};
use proptest::prelude::*;
use serde_json::Value;

/// Relative tolerance on money conservation: the economy is closed, so only
/// floating-point rounding may move the total.
const MONEY_TOLERANCE: f64 = 1e-9;

/// Steps a scenario to its end, checking every invariant every month; a
/// failure names the scenario (as JSON) so that it can be replayed.
fn check_every_month(scenario: &Scenario) {
    let replay = |message: String| -> ! {
        panic!("{message}\nscenario: {}", serde_json::to_string(scenario).unwrap())
    };
    let mut model = Model::new(scenario).unwrap_or_else(|e| replay(e.to_string()));
    let initial_money = model.total_money();
    let check = |model: &Model| {
        if let Err(message) = std::panic::catch_unwind(|| check_month(model, initial_money)) {
            let text = message.downcast_ref::<String>().cloned().unwrap_or_default();
            replay(text);
        }
    };
    check(&model);
    while !model.finished() {
        model.step();
        check(&model);
    }
}

fn check_month(model: &Model, initial_money: f64) {
    let month = model.month();
    let drift = (model.total_money() - initial_money).abs();
    assert!(
        drift <= MONEY_TOLERANCE * initial_money.abs().at_least(1.0),
        "month {month}: money drifted by {drift} from {initial_money}"
    );
    for outcome in Outcome::ALL {
        let value = model.outcome(outcome);
        assert!(value.is_finite(), "month {month}: {} is {value}", outcome.name());
        if outcome.is_unit_interval() {
            assert!(
                (0.0..=1.0).contains(&value),
                "month {month}: {} = {value} outside [0, 1]",
                outcome.name()
            );
        }
    }
    assert!(model.outcome(Outcome::CommonsKnowledge) >= 0.0);
    for (p, knowledge) in model.project_knowledge().enumerate() {
        assert!(knowledge >= 0.0, "month {month}: project {p} has knowledge {knowledge}");
        let health = model.project_health()[p];
        assert!((0.0..=1.0).contains(&health), "month {month}: project {p} has health {health}");
    }
    assert!(model.citizen_money().iter().all(|&m| m >= 0.0), "month {month}: a citizen's money is negative");
    assert!(model.firm_money().iter().all(|&m| m >= 0.0), "month {month}: a firm's money is negative");
    assert!(model.state_money().is_finite(), "month {month}: the state's money is {}", model.state_money());
}

/// The state's debt within its limit (a multiple of the money stock). The
/// limit is approached, not enforced: programmes are scaled down as debt
/// nears it, planned at last month's prices, so a random scenario (a limit
/// of 0, say, or taxes far below spending) can overshoot it; the presets
/// must not.
fn check_debt_within_limit(model: &Model) {
    let limit = model.scenario().legitimacy.debt_limit * model.money_stock();
    let debt = -model.state_money();
    assert!(
        debt <= limit * (1.0 + 1e-9),
        "{} month {}: the state's debt {debt} exceeds its limit {limit}",
        model.scenario().name,
        model.month()
    );
}

#[test]
fn every_preset_keeps_every_invariant_every_month() {
    for preset in PRESETS {
        check_every_month(&Scenario::preset(preset.name).unwrap());
    }
}

#[test]
fn every_preset_keeps_the_state_within_its_debt_limit() {
    for preset in PRESETS {
        let mut model = Model::new(&Scenario::preset(preset.name).unwrap()).unwrap();
        check_debt_within_limit(&model);
        while !model.finished() {
            model.step();
            check_debt_within_limit(&model);
        }
    }
}

#[test]
fn a_large_population_keeps_every_invariant_every_month() {
    // From 32,768 citizens the model takes other paths through the same
    // rules: its loops hint ahead of themselves. Two years at 40,000
    // citizens go down them (and the outcome sorts' 22-bit key, which
    // serves from 6,144 values).
    let mut scenario = Scenario::preset("partner-state").unwrap();
    scenario.population.citizens = 40_000;
    scenario.population.projects = 2_000;
    scenario.population.firms = 1_600;
    scenario.months = 24;
    check_every_month(&scenario);
}

#[test]
fn a_policy_schedule_keeps_the_invariants() {
    let scenario = Scenario::from_json(
        r#"{"months": 120, "schedule": [{"month": 40, "regime": "big-society"},
            {"month": 80, "regime": "partner-state", "levers": {"corporate_tax": 0.85}}]}"#,
    )
    .unwrap();
    check_every_month(&scenario);
}

#[test]
fn a_custom_scenario_with_a_presets_levers_runs_identically() {
    // Regimes are nothing but lever settings: write the partner state's
    // levers out by hand into the default scenario and nothing changes.
    let preset = Scenario::preset("partner-state").unwrap();
    let custom = Scenario::from_json(
        r#"{"name": "my own", "state": {"income_tax": 0.45, "corporate_tax": 0.25, "basic_security": 0.6,
            "means_testing": 0.6, "take_up": 0.95, "admin_overhead": 0.04, "conditionality_hours": 0,
            "public_services": 0.3, "infrastructure_grants": 0.5, "training": 0.15, "shared_tools": 0.5,
            "team_matching": 1, "firm_subsidy": 0, "civic_appeal": 0.3}}"#,
    )
    .unwrap();
    assert_eq!(custom.state, preset.state, "the test's levers must be the preset's");
    let a = commons_sim::ensemble::run(&preset).unwrap();
    let b = commons_sim::ensemble::run(&custom).unwrap();
    assert_eq!(a.digest(), b.digest());
}

/// Bounds for random scenarios: the full range of every parameter, except
/// sizes and lengths, kept small so that many cases run quickly.
fn random_range(path: &str, min: f64, max: f64) -> (f64, f64) {
    match path {
        "months" => (1.0, 36.0),
        "population.citizens" => (2.0, 300.0),
        "population.projects" => (0.0, 30.0),
        "population.firms" => (0.0, 20.0),
        "population.associations" => (1.0, 5.0),
        "households.exchanges_per_month" => (0.0, 5.0),
        _ => (min, max),
    }
}

/// A scenario from one uniform draw per parameter, or None when the draws
/// break a relation between fields (which validation rightly rejects).
fn random_scenario(draws: &[f64], schedule_month: u32) -> Option<Scenario> {
    let mut value = serde_json::to_value(Scenario::default()).unwrap();
    for (spec, &u) in PARAMS.iter().zip(draws) {
        let (lo, hi) = random_range(spec.path, spec.min, spec.max);
        let mut x = lo + u * (hi - lo);
        if spec.integer {
            x = x.round();
        }
        let mut slot = &mut value;
        for key in spec.path.split('.') {
            slot = slot.get_mut(key).unwrap();
        }
        *slot = if spec.integer { Value::from(x as u64) } else { Value::from(x) };
    }
    // Fields bounded by other fields are drawn within what those allow.
    let draw_of = |path: &str| draws[PARAMS.iter().position(|p| p.path == path).unwrap()];
    let free_riders = value["cooperation"]["share_free_riders"].as_f64().unwrap();
    value["cooperation"]["share_altruists"] =
        Value::from(draw_of("cooperation.share_altruists") * (1.0 - free_riders));
    let budget = value["households"]["time_budget"].as_f64().unwrap();
    value["households"]["work_hours"] = Value::from(draw_of("households.work_hours") * budget);
    let min_free = value["cooperation"]["min_free_hours"].as_f64().unwrap();
    let comfortable = min_free + 1.0 + draw_of("cooperation.comfortable_free_hours") * (499.0 - min_free);
    value["cooperation"]["comfortable_free_hours"] = Value::from(comfortable);
    let months = value["months"].as_u64().unwrap() as u32;
    value["schedule"] =
        serde_json::json!([{"month": schedule_month.min(months), "regime": "corporate-welfare"}]);
    Scenario::from_json(&value.to_string()).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_scenarios_keep_every_invariant(
        draws in prop::collection::vec(0.0..1.0f64, PARAMS.len()),
        schedule_month in 0u32..36,
    ) {
        let scenario = random_scenario(&draws, schedule_month);
        prop_assume!(scenario.is_some());
        check_every_month(&scenario.unwrap());
    }
}
