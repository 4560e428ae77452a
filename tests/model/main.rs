//! Tests of the model itself: invariants every month, docking with the
//! kinetic exchange literature, the patterns of the model brief, and the
//! contrasts between regimes (with the region where one reverses).
//! Native only: the wasm build runs the digest test in tests/wasm.rs.
//!
//! Figures are over fixed seeds and hold with the tolerances stated in each
//! test; statistical claims use common random numbers and 95% intervals.
#![cfg(not(target_arch = "wasm32"))]

mod docking;
mod invariants;
mod patterns;
mod regimes;
mod support;
