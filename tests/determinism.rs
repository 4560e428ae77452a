//! The same scenario and seed give the same run; natively, the reference run
//! has the digest the wasm test and the browser test also check.

mod common;

#[test]
fn reference_run_has_the_shared_digest() {
    let digest = format!("{:016x}", common::reference_run().digest());
    assert_eq!(digest, common::REFERENCE_DIGEST);
}

#[test]
fn same_scenario_same_run_and_another_seed_another_run() {
    let first = common::reference_run();
    let again = common::reference_run();
    assert_eq!(first, again);
    let mut other = common::reference_scenario();
    other.seed += 1;
    let mut model = commons_sim::model::Model::new(&other).unwrap();
    while !model.finished() {
        model.step();
    }
    assert_ne!(model.outcomes(), &first.last().unwrap());
}

/// `advance_to` measures only what the rules read in the months it passes
/// through: the month it stops at, and every month after, must be what
/// stepping month by month gives, bit for bit, for every preset (and for a
/// population whose sorts take another path, 5,000 citizens).
#[test]
fn advancing_to_a_month_is_stepping_to_it() {
    use commons_sim::model::Model;
    use commons_sim::scenario::{PRESETS, Scenario};
    for (i, preset) in PRESETS.iter().enumerate() {
        let mut scenario = Scenario::preset(preset.name).unwrap();
        scenario.seed = 7_919 + 31 * i as u64;
        scenario.months = 61;
        if i == 0 {
            scenario.population.citizens = 5_000;
        }
        let mut stepped = Model::new(&scenario).unwrap();
        let mut advanced = stepped.clone();
        for month in [0, 1, 17, 40] {
            while stepped.month() < month {
                stepped.step();
            }
            advanced.advance_to(month);
            assert_eq!(advanced.month(), month, "{}", preset.name);
            let bits = |m: &Model| m.outcomes().map(f64::to_bits);
            assert_eq!(bits(&advanced), bits(&stepped), "{} at month {month}", preset.name);
        }
        // The state behind the outcomes is the same too: the months after agree.
        while !stepped.finished() {
            stepped.step();
            advanced.step();
            assert_eq!(advanced.outcomes().map(f64::to_bits), stepped.outcomes().map(f64::to_bits));
        }
        advanced.advance_to(1_000);
        assert_eq!(advanced.month(), scenario.months, "advance_to stops at the run's last month");
    }
}
