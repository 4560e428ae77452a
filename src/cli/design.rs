//! Reading an experiment's files — parameter ranges, designs, outputs —
//! with errors that name the file, the line and the field, and checking
//! ranges against the scenario's parameter table.

use super::error::{CliError, Result, whole_number};
use commons_sim::experiments::problem::{self, Parameter};
use commons_sim::experiments::{LineError, table};
use commons_sim::scenario::params;

/// The whole text of an input file.
pub fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| CliError::new(format!("cannot read `{path}`: {e}")))
}

/// A line error in `path`, as one line.
pub fn at(path: &str, error: LineError) -> CliError {
    CliError::new(format!("`{path}` {error}"))
}

/// A parameter file; with `scenario`, every name must be a parameter of the
/// scenario and every range inside what it allows.
pub fn ranges(path: &str, scenario: bool) -> Result<Vec<Parameter>> {
    let parameters = problem::parse(&read(path)?).map_err(|e| at(path, e))?;
    if scenario {
        for p in &parameters {
            check_range(p).map_err(|message| at(path, LineError::new(p.line, p.name.clone(), message)))?;
        }
    }
    Ok(parameters)
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
pub fn design(path: &str, width: usize) -> Result<Vec<Vec<f64>>> {
    let rows = table::parse(&read(path)?, Some(width)).map_err(|e| at(path, e))?;
    if rows.is_empty() {
        return Err(CliError::new(format!("`{path}` has no rows")));
    }
    Ok(rows)
}

/// Column `column` (from 1) of an outputs file, which must have `rows` rows.
pub fn outputs(path: &str, column: Option<&str>, rows: usize) -> Result<Vec<f64>> {
    let column = match column {
        Some(text) => whole_number("--column", text, (1, 100_000))? as usize,
        None => 1,
    };
    let table = table::parse(&read(path)?, None).map_err(|e| at(path, e))?;
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
    Ok(table.iter().map(|row| row[column - 1]).collect())
}

/// An optional whole number option with a default.
pub fn count(flag: &str, text: Option<&str>, default: u64, range: (u64, u64)) -> Result<u64> {
    text.map_or(Ok(default), |t| whole_number(flag, t, range))
}

/// An optional share in (0, 1) with a default.
pub fn share(flag: &str, text: Option<&str>, default: f64) -> Result<f64> {
    let Some(text) = text else { return Ok(default) };
    match text.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v < 1.0 => Ok(v),
        _ => Err(CliError::new(format!("{flag} takes a number between 0 and 1, not `{text}`"))),
    }
}
