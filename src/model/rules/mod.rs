//! The rules of the model, one group per file, each an `impl Model` block.
//!
//! Every rule's doc comment states it in one sentence and names the claim of
//! the essay it stands for (the numbers refer to the table in the model brief
//! and in docs/ODD.md). [`Model::step`](super::Model::step) calls them in order.

mod commons;
pub(super) use commons::conditional_willingness;
mod enterprise;
mod exchange;
mod forks;
mod infrastructure;
mod labour;
mod legitimacy;
mod market;
mod needs;
mod policy;
mod welfare;

/// Share of its tax a taxpayer pays, given their trust in the state: full
/// trust pays all, no trust evades `max_evasion` of it (claim 11).
fn compliance(trust: f64, max_evasion: f64) -> f64 {
    1.0 - max_evasion * (1.0 - trust)
}
