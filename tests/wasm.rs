//! Tests that run inside WebAssembly (under Node, by wasm-bindgen-test-runner):
//! the model compiled to wasm32 produces the same numbers as natively.
#![cfg(target_arch = "wasm32")]

mod common;

use commons_sim::web;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn reference_run_in_wasm_has_the_native_digest() {
    let digest = format!("{:016x}", common::reference_run().digest());
    assert_eq!(digest, common::REFERENCE_DIGEST);
}

#[wasm_bindgen_test]
fn scenario_errors_name_the_field_in_wasm_too() {
    let err = commons_sim::scenario::Scenario::from_json(r#"{"months": 0}"#).unwrap_err();
    assert_eq!(err.field, "months");
}

/// The map's runs (`Model::advance_to`, measuring only what the rules read
/// on the way) end where the reference run is at that month, in wasm too,
/// on both sides of its switch to Big Society cuts at month 30.
#[wasm_bindgen_test]
fn advancing_to_a_month_matches_the_reference_run() {
    let history = common::reference_run();
    for month in [1u32, 29, 31, 60] {
        let mut model = commons_sim::model::Model::new(&common::reference_scenario()).unwrap();
        model.advance_to(month);
        for outcome in commons_sim::outcomes::Outcome::ALL {
            let stepped = history.column(outcome)[month as usize];
            assert_eq!(
                model.outcome(outcome).to_bits(),
                stepped.to_bits(),
                "{} at month {month}",
                outcome.name()
            );
        }
    }
}

/// Steps every scenario of `stepper` by up to `months` months and records
/// them in `comparison`, month 0 first, as the page's stepping worker and
/// runner do between them.
fn step_and_record(stepper: &mut web::Stepper, comparison: &mut web::Comparison, months: u32) {
    for i in 0..stepper.count() {
        if !comparison.started() {
            comparison.record(i, &stepper.current_row(i).unwrap()).unwrap();
        }
        let rows = stepper.step_scenario(i, months).unwrap();
        assert_eq!(comparison.record(i, &rows).unwrap(), stepper.scenario_month(i));
    }
}

/// The facade the page uses produces the reference digest too: the
/// stepping worker's `Stepper` steps the model exactly as `ensemble::run`
/// does, and the page's `Comparison` records every month it sends.
#[wasm_bindgen_test]
fn the_page_comparison_reproduces_the_reference_digest() {
    let scenarios = format!("[{}]", common::REFERENCE_SCENARIO);
    let mut stepper = web::Stepper::new(&scenarios).unwrap();
    let mut comparison = web::Comparison::new(&scenarios).unwrap();
    assert!(!comparison.started());
    while !comparison.finished() {
        step_and_record(&mut stepper, &mut comparison, 7);
    }
    assert_eq!(comparison.digests(), vec![common::REFERENCE_DIGEST.to_string()]);
}

/// Months are recorded only in order, month 0 first and none beyond the
/// run's end; the rows' format round-trips.
#[wasm_bindgen_test]
fn a_comparison_records_months_only_in_order() {
    let scenarios = format!("[{}]", common::REFERENCE_SCENARIO);
    let mut stepper = web::Stepper::new(&scenarios).unwrap();
    let mut comparison = web::Comparison::new(&scenarios).unwrap();
    let first = stepper.step_scenario(0, 2).unwrap();
    assert!(comparison.record(0, &first).is_err(), "month 1 before month 0");
    let mut fresh = web::Stepper::new(&scenarios).unwrap();
    comparison.record(0, &fresh.current_row(0).unwrap()).unwrap();
    assert!(comparison.record(0, &first[web::rows::WIDTH..]).is_err(), "month 2 where 1 was due");
    assert!(comparison.record(0, &first[1..]).is_err(), "ragged rows");
    assert_eq!(comparison.record(0, &first).unwrap(), 2);
    assert!(comparison.record(0, &fresh.step_scenario(0, 2).unwrap()).is_err(), "months again");
    assert_eq!(comparison.month(), 2);
    assert!(comparison.record(1, &first).is_err(), "no scenario B");
    // The format: a row is the month, then every outcome.
    let row = stepper.current_row(0).unwrap();
    assert_eq!(row.len(), web::rows::WIDTH);
    assert_eq!(row[0], 2.0);
    assert_eq!(web::rows::parse(&row).unwrap()[0].0, 2);
}

/// The stepper and the comparison refuse the same scenarios with the same words.
#[wasm_bindgen_test]
fn stepper_and_comparison_refuse_alike() {
    for bad in ["[]", "[{\"months\": 0}]", "{}", "[{\"population\": {\"citizens\": -1}}]"] {
        // The message is the first line of the error's text (a stack follows).
        let message = |e: wasm_bindgen::JsError| {
            format!("{:?}", wasm_bindgen::JsValue::from(e)).lines().next().unwrap_or_default().to_string()
        };
        let stepper = web::Stepper::new(bad).err().map(message);
        let comparison = web::Comparison::new(bad).err().map(message);
        assert!(stepper.is_some(), "{bad} accepted");
        assert_eq!(stepper, comparison, "{bad}");
    }
}

/// Ensemble runs travel from the worker to the page as flat rows and come
/// back as the same histories: a one-seed ensemble's median is the run.
#[wasm_bindgen_test]
fn ensemble_runs_round_trip_through_the_worker_format() {
    let scenario = common::REFERENCE_SCENARIO;
    let flat = web::run_to_end(scenario).unwrap();
    let list = format!("[{scenario}]");
    let (mut stepper, mut comparison) =
        (web::Stepper::new(&list).unwrap(), web::Comparison::new(&list).unwrap());
    step_and_record(&mut stepper, &mut comparison, 1_000);
    comparison.add_ensemble_run(0, 2026.0, &flat).unwrap();
    assert!(comparison.summarise());
    let months = 60;
    assert_eq!(comparison.values(months, true), comparison.values(months, false));
    assert!(comparison.add_ensemble_run(0, 1.0, &flat[1..]).is_err(), "ragged rows are refused");
    let csv = comparison.csv(true);
    assert_eq!(csv.lines().count(), 1 + 61);
    assert!(csv.starts_with(&commons_sim::export::csv_header()));
}

/// The catalogue lists every outcome and parameter, so the page can build
/// its controls and charts from it.
#[wasm_bindgen_test]
fn the_catalogue_lists_every_outcome_and_parameter() {
    let catalogue: serde_json::Value = serde_json::from_str(&commons_sim::web::catalogue()).unwrap();
    let outcomes = catalogue["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), commons_sim::outcomes::COUNT);
    assert_eq!(catalogue["params"].as_array().unwrap().len(), commons_sim::scenario::params::PARAMS.len());
    assert_eq!(catalogue["panels"].as_array().unwrap().len(), 4);
    assert!(catalogue["presets"].as_array().unwrap().iter().any(|p| p["name"] == "partner-state"));
}

/// Setting a parameter from JavaScript's doubles accepts whole numbers for
/// integer fields and names the field when out of range.
#[wasm_bindgen_test]
fn set_parameter_takes_doubles_and_names_bad_fields() {
    use commons_sim::web::set_parameter;
    let json = commons_sim::web::preset_scenario("welfare-state").unwrap();
    let changed = set_parameter(&json, "population.citizens", 500.0).unwrap();
    assert!(changed.contains("\"citizens\": 500"));
    assert!(set_parameter(&json, "state.income_tax", f64::NAN).is_err());
    assert!(set_parameter(&json, "months", 2.5).is_err());
}

/// A run of 100,000 months keeps bounded memory on the page: its history
/// thins itself to evenly spaced months, and an ensemble run of the same
/// length comes back from the worker with the same months.
#[wasm_bindgen_test]
fn a_hundred_thousand_months_keep_bounded_histories() {
    let scenario = r#"{"name": "long", "months": 100000, "population": {"citizens": 20, "projects": 0, "firms": 0, "associations": 0},
        "cooperation": {"share_free_riders": 1, "share_altruists": 0}, "market": {"entry_rate": 0},
        "households": {"exchanges_per_month": 1}}"#;
    let list = format!("[{scenario}]");
    let (mut stepper, mut comparison) =
        (web::Stepper::new(&list).unwrap(), web::Comparison::new(&list).unwrap());
    while !comparison.finished() {
        step_and_record(&mut stepper, &mut comparison, 10_000);
    }
    let rows = comparison.csv(false).lines().count() - 1;
    assert!(rows <= 2048, "{rows} months kept");
    assert!(rows >= 1024, "{rows} months kept: thinned too far");
    let flat = web::run_to_end(scenario).unwrap();
    comparison.add_ensemble_run(0, 1.0, &flat).unwrap();
    assert!(comparison.summarise());
    assert_eq!(comparison.values(100_000, true), comparison.values(100_000, false));
    // Values at a month between two recorded ones are those of the earlier.
    let csv = comparison.csv(false);
    let months: Vec<u32> =
        csv.lines().skip(1).map(|l| l.split(',').nth(2).unwrap().parse().unwrap()).collect();
    let (a, b) = (months[months.len() / 2], months[months.len() / 2 + 1]);
    assert!(b > a + 1, "the history has thinned");
    assert_eq!(comparison.values(b - 1, false), comparison.values(a, false));
    assert_ne!(comparison.values(b, false), comparison.values(a, false));
}
