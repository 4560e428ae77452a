//! Designed experiments on any model: samplers, sensitivity estimators and
//! scenario discovery, pure numerical code with SALib's conventions and file
//! formats, so designs and results pass between the two. Nothing here reads
//! files or runs the model; the command line does (`src/cli/sample.rs`,
//! `evaluate.rs`, `analyze.rs`, `discover.rs`), and tests dock the
//! estimators on functions with known indices.
//!
//! - `problem`: the parameter file (`name lower upper` per line).
//! - `table`: SALib's number files, one row at a time.
//! - `random`: the seeded generator of samplers and bootstraps.
//! - `sobol_directions`, `sobol_sequence`: the scrambled Sobol sequence.
//! - `saltelli`: the Sobol design's layout, and splitting its outputs.
//! - `latin`, `morris`: Latin hypercube and Morris trajectory designs.
//! - `sobol_indices`: S1, ST and S2 with bootstrap intervals.
//! - `elementary_effects`: Morris's μ, μ*, σ.
//! - `prim`: PRIM boxes for scenario discovery.
//! - `stats`: means and variances with numpy's conventions.

pub mod elementary_effects;
pub mod latin;
pub mod morris;
pub mod prim;
pub mod problem;
pub mod random;
pub mod saltelli;
pub mod sobol_directions;
pub mod sobol_indices;
pub mod sobol_sequence;
pub mod stats;
pub mod table;

use std::fmt;

/// A fault in a line of text: the 1-based line (0 for the file as a whole),
/// the field and what is wrong. The caller names the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl LineError {
    pub fn new(line: usize, field: impl Into<String>, message: String) -> LineError {
        LineError { line, field: field.into(), message }
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{} {}", self.field, self.message)
        } else {
            write!(f, "line {}, {}: {}", self.line, self.field, self.message)
        }
    }
}
