//! # commons-sim
//!
//! An agent-based model of a commons economy under four kinds of state (after
//! Michel Bauwens, "The 'welfare state' is dead – long live the 'partner
//! state'?", 2012), for the browser and the command line.
//!
//! - [`scenario`]: every parameter of a run, as one serde type, validated.
//! - [`model`]: the simulation core — agents, rules, one month's step. It
//!   knows nothing of the browser, plotting, files or clocks.
//! - [`outcomes`]: the names of what the model records every month.
//! - [`history`]: outcome series, column by column.
//! - [`ensemble`]: runs to the end, and ensembles over seeds summarised by month.
//! - [`export`]: the CSV format of runs (the same from the page and the command line).
//! - [`experiments`]: designs (Sobol, Morris, Latin hypercube), sensitivity
//!   indices and PRIM scenario discovery, with SALib's conventions.
//! - [`digest`]: the one digest (FNV-1a) of runs, the model and output files.
//! - [`student_t`]: Student's t quantile, for intervals over seeds.
//! - [`fingerprint`]: a digest of the model's behaviour, for links and records of runs.
//! - [`stats`]: Gini, median, quantiles, and the exact sort they rest on.
//! - [`charts`]: drawing outcome series with plotters on any backend.
//! - `web` (wasm32 only): the facade the page calls.

#![deny(unsafe_code)]

pub mod charts;
pub mod digest;
pub mod ensemble;
pub mod experiments;
pub mod export;
pub mod fingerprint;
pub mod history;
pub mod model;
pub mod outcomes;
pub mod scenario;
pub mod stats;
pub mod student_t;

#[cfg(target_arch = "wasm32")]
pub mod web;
