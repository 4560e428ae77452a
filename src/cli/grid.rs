//! A sweep's grid: `--vary PATH=FROM:TO:STEPS` axes and every combination
//! of their values, each combination a checked scenario.

use super::error::{CliError, Result, quote};
use super::progress::Progress;
use super::source;
use commons_sim::scenario::Scenario;

/// Most values one axis may take.
const MAX_STEPS: u64 = 100_000;
/// Most grid points a sweep may have.
pub const MAX_POINTS: u64 = 10_000_000;

/// One varied parameter and its values.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub path: String,
    pub values: Vec<f64>,
}

impl Axis {
    /// Parses `PATH=FROM:TO:STEPS`: STEPS evenly spaced values from FROM to
    /// TO, both included, rounded to 12 significant digits so that
    /// `0.1:0.3:3` gives 0.1, 0.2 and 0.3 rather than 0.30000000000000004.
    pub fn parse(text: &str) -> Result<Axis> {
        let bad = |why: &str| {
            CliError::new(format!(
                "--vary takes PATH=FROM:TO:STEPS, e.g. state.income_tax=0.1:0.5:5{why}; not `{text}`"
            ))
        };
        let (path, range) = text.split_once('=').ok_or_else(|| bad(""))?;
        let parts: Vec<&str> = range.split(':').map(str::trim).collect();
        let [from, to, steps] = parts[..] else { return Err(bad("")) };
        let number = |s: &str| s.parse::<f64>().ok().filter(|v| v.is_finite());
        let (Some(from), Some(to)) = (number(from), number(to)) else {
            return Err(bad(" with FROM and TO numbers"));
        };
        let steps = match steps.parse::<u64>() {
            Ok(n) if (1..=MAX_STEPS).contains(&n) => n,
            _ => return Err(bad(&format!(" with STEPS a whole number from 1 to {MAX_STEPS}"))),
        };
        if steps == 1 && from != to {
            return Err(bad(" with FROM equal to TO when STEPS is 1"));
        }
        let values = (0..steps)
            .map(|i| {
                let t = if steps == 1 { 0.0 } else { i as f64 / (steps - 1) as f64 };
                round12(from * (1.0 - t) + to * t)
            })
            .collect();
        Ok(Axis { path: path.trim().to_string(), values })
    }
}

/// `value` rounded to 12 significant digits.
fn round12(value: f64) -> f64 {
    format!("{value:.11e}").parse().unwrap_or(value)
}

/// The grid: every combination of the axes' values, the first axis varying
/// slowest, enumerated lazily (a point is its number; nothing is stored per
/// point). Each axis's values are checked against the base scenario when the
/// grid is made (with a progress bar, "axis values checked", when that
/// takes more than a second); a combination is checked as a whole scenario when it is
/// built ([`Grid::scenario`]), so a shard touches only its own points.
pub struct Grid {
    base: Scenario,
    axes: Vec<Axis>,
    len: u64,
}

impl Grid {
    pub fn new(base: Scenario, axes: Vec<Axis>, quiet: bool) -> Result<Grid> {
        for (i, axis) in axes.iter().enumerate() {
            if axes[..i].iter().any(|a| a.path == axis.path) {
                return Err(CliError::new(format!(
                    "--vary {} is given twice; vary each parameter once",
                    quote(&axis.path)
                )));
            }
        }
        let len = axes
            .iter()
            .try_fold(1u64, |n, a| n.checked_mul(a.values.len() as u64))
            .filter(|&n| n <= MAX_POINTS)
            .ok_or_else(|| {
                CliError::new(format!("the grid has more than {MAX_POINTS} points; use fewer STEPS"))
            })?;
        let values = axes.iter().map(|a| a.values.len() as u64).sum();
        let progress = Progress::counting(values, "axis values checked", quiet);
        for axis in &axes {
            for &value in &axis.values {
                let mut probe = base.clone();
                source::set(&mut probe, &axis.path, &value.to_string())
                    .map_err(|e| e.context(format_args!("--vary {}={value}", axis.path)))?;
                progress.advance();
            }
        }
        Ok(Grid { base, axes, len })
    }

    /// The scenario every point starts from.
    pub fn base(&self) -> &commons_sim::scenario::Scenario {
        &self.base
    }

    pub fn axes(&self) -> &[Axis] {
        &self.axes
    }

    /// Number of grid points.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// The axes' values at grid point `point` (below [`Grid::len`]).
    pub fn values(&self, point: u64) -> Vec<f64> {
        let mut rest = point;
        let mut values = vec![0.0; self.axes.len()];
        for (slot, axis) in values.iter_mut().zip(&self.axes).rev() {
            let n = axis.values.len() as u64;
            *slot = axis.values[(rest % n) as usize];
            rest /= n;
        }
        values
    }

    /// The scenario of grid point `point`, validated as a whole.
    pub fn scenario(&self, point: u64) -> Result<Scenario> {
        let values = self.values(point);
        let changes: std::result::Result<Vec<(&str, serde_json::Value)>, _> = self
            .axes
            .iter()
            .zip(&values)
            .map(|(axis, value)| {
                Ok((axis.path.as_str(), source::value_of(&self.base, &axis.path, &value.to_string())?))
            })
            .collect();
        let mut scenario = self.base.clone();
        changes.and_then(|changes| scenario.set_all(&changes)).map_err(|e| {
            let at: Vec<String> =
                self.axes.iter().zip(&values).map(|(a, v)| format!("--vary {}={v}", a.path)).collect();
            CliError::from(e).context(at.join(" "))
        })?;
        Ok(scenario)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_evenly_spaced_with_both_ends() {
        let axis = Axis::parse("state.income_tax=0.1:0.3:3").unwrap();
        assert_eq!(axis.path, "state.income_tax");
        assert_eq!(axis.values, vec![0.1, 0.2, 0.3]);
        assert_eq!(Axis::parse("months=24:12:3").unwrap().values, vec![24.0, 18.0, 12.0]);
        assert_eq!(Axis::parse("months=5:5:1").unwrap().values, vec![5.0]);
    }

    #[test]
    fn malformed_axes_say_what_is_expected() {
        for bad in ["x", "x=1:2", "x=a:2:3", "x=1:2:0", "x=1:2:1", "x=1:inf:2", "x=1:2:3:4"] {
            let error = Axis::parse(bad).unwrap_err().to_string();
            assert!(error.starts_with("--vary takes PATH=FROM:TO:STEPS"), "{error}");
        }
    }

    #[test]
    fn the_grid_is_every_combination_first_axis_slowest() {
        let axes = [Axis::parse("months=10:20:2").unwrap(), Axis::parse("state.income_tax=0:0.5:3").unwrap()];
        let grid = Grid::new(Scenario::default(), axes.to_vec(), true).unwrap();
        assert_eq!(grid.values(0), vec![10.0, 0.0]);
        assert_eq!(grid.values(1), vec![10.0, 0.25]);
        assert_eq!(grid.values(3), vec![20.0, 0.0]);
        assert_eq!(grid.len(), 6);
        let last = grid.scenario(5).unwrap();
        assert_eq!((last.months, last.state.income_tax), (20, 0.5));
    }

    #[test]
    fn grid_values_are_checked_like_a_scenario_file() {
        let grid = |axes: &[&str]| {
            Grid::new(Scenario::default(), axes.iter().map(|a| Axis::parse(a).unwrap()).collect(), true)
        };
        let error = grid(&["state.income_tax=0.5:1.5:3"]).err().unwrap().to_string();
        assert!(
            error.starts_with("--vary state.income_tax=1: state.income_tax: 1 is out of range; allowed 0 to"),
            "{error}"
        );
        let error = grid(&["population.citizens=100:200:4"]).err().unwrap().to_string();
        assert!(error.contains("must be a whole number"), "{error}");
        assert!(grid(&["months=1:2:2", "months=1:2:2"]).err().unwrap().to_string().contains("given twice"));
        // Each axis is fine alone; one combination breaks a rule between fields.
        let both =
            grid(&["cooperation.share_free_riders=0.2:0.8:2", "cooperation.share_altruists=0.1:0.5:2"])
                .unwrap();
        assert!(both.scenario(2).is_ok());
        let error = both.scenario(3).unwrap_err().to_string();
        assert!(
            error.starts_with(
                "--vary cooperation.share_free_riders=0.8 --vary cooperation.share_altruists=0.5: "
            ),
            "{error}"
        );
    }
}
