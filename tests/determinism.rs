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
