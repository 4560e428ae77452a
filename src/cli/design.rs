//! Reading an experiment's files — parameter ranges, designs, outputs —
//! with errors that name the file, the line and the field, and checking
//! ranges against the scenario's parameter table.

use super::error::{CliError, Result};
use super::input;
use super::manifest::Manifest;
use commons_sim::digest;
use commons_sim::experiments::problem::{self, Parameter};
use commons_sim::experiments::{LineError, table};
use commons_sim::scenario::params;
use std::path::Path;

/// The whole text of a design or outputs file, with a size limit.
fn read_table(path: &str, what: &str) -> Result<String> {
    input::read_at_most(Path::new(path), what, input::MAX_TABLE_BYTES)
}

/// A line error in `path`, as one line.
pub fn at(path: &str, error: LineError) -> CliError {
    CliError::new(format!("`{path}` {error}"))
}

/// A file's contents and the digest of its bytes (for the manifests).
pub struct Read<T> {
    pub value: T,
    pub digest: String,
}

/// A parameter file; with `scenario`, every name must be a parameter of the
/// scenario and every range inside what it allows.
pub fn ranges(path: &str, scenario: bool) -> Result<Read<Vec<Parameter>>> {
    let text = input::read_limited(Path::new(path), "parameter file")?;
    let parameters = problem::parse(&text).map_err(|e| at(path, e))?;
    if scenario {
        for p in &parameters {
            check_range(p).map_err(|message| at(path, LineError::new(p.line, p.name.clone(), message)))?;
        }
    }
    Ok(Read { value: parameters, digest: digest::hex_of(text.as_bytes()) })
}

fn check_range(p: &Parameter) -> std::result::Result<(), String> {
    if p.name == "seed" {
        return Err("seeds are not a parameter of a design; use --seeds".into());
    }
    let Some(spec) = params::spec(&p.name) else {
        return Err(
            "is not a parameter of the scenario (see `commons-sim scenario NAME` for the paths)".into()
        );
    };
    if p.lower < spec.min || p.upper > spec.max {
        return Err(format!("{} to {} leaves the allowed range, {}", p.lower, p.upper, params::range(spec)));
    }
    if spec.integer && (p.lower.fract() != 0.0 || p.upper.fract() != 0.0) {
        return Err(format!("takes whole numbers; {} to {} has a fraction", p.lower, p.upper));
    }
    Ok(())
}

/// A whole design of `width` columns.
pub fn design(path: &str, width: usize) -> Result<Read<Vec<Vec<f64>>>> {
    let text = read_table(path, "design")?;
    let rows = table::parse(&text, Some(width)).map_err(|e| at(path, e))?;
    if rows.is_empty() {
        return Err(CliError::new(format!("`{path}` has no rows")));
    }
    Ok(Read { value: rows, digest: digest::hex_of(text.as_bytes()) })
}

/// Column `column` (from 1) of an outputs file, which must have `rows` rows.
pub fn outputs(path: &str, column: Option<u64>, rows: usize) -> Result<Read<Vec<f64>>> {
    let column = column.unwrap_or(1) as usize;
    let text = read_table(path, "outputs file")?;
    let table = table::parse(&text, None).map_err(|e| at(path, e))?;
    if let Some(first) = table.first()
        && first.len() < column
    {
        return Err(CliError::new(format!(
            "`{path}` has {} columns; --column {column} is not one",
            first.len()
        )));
    }
    if table.len() != rows {
        return Err(CliError::new(format!(
            "`{path}` has {} rows but the design has {rows}; outputs need one row per design row",
            table.len()
        )));
    }
    Ok(Read {
        value: table.iter().map(|row| row[column - 1]).collect(),
        digest: digest::hex_of(text.as_bytes()),
    })
}

/// The manifest of a file that `command` writes from an experiment's files
/// without running the model (`sample`, `analyze`, `discover`): no
/// scenarios, seeds or months; its settings name the files by digest.
pub fn manifest(command: &str, files: &[(&str, &str)]) -> Manifest {
    files.iter().fold(Manifest::new(command, &[], 0, 0, 0), |m, (key, digest)| m.setting(key, digest))
}
