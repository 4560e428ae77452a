//! Tests that run inside WebAssembly (under Node, by wasm-bindgen-test-runner):
//! the model compiled to wasm32 produces the same numbers as natively.
#![cfg(target_arch = "wasm32")]

mod common;

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
