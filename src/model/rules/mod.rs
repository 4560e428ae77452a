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
