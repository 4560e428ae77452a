//! The rules of the model, one group per file, each an `impl Model` block.
//!
//! Every rule's doc comment states it in one sentence and names the claim of
//! the essay it stands for (the numbers refer to the table in the model brief
//! and in docs/ODD.md). [`Model::step`](super::Model::step) calls them in
//! order; the helpers a rule calls live beside it. Per-agent decisions are
//! small pure functions at the foot of each file, tested there.

mod associations;
mod commons;
pub(super) use commons::{conditional_willingness, unfairness_draw, visibility_draw};
mod enterprise;
mod exchange;
mod forks;
mod infrastructure;
mod labour;
mod legitimacy;
mod lifecycle;
mod market;
mod needs;
mod policy;
mod welfare;
