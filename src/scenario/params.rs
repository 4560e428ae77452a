//! The parameter table: for every numeric field of a scenario, its meaning,
//! unit, allowed range and where its value comes from.
//!
//! One table serves validation (the error names the field and this range),
//! the page's sliders, the command line's `--set` and the documentation; a
//! test checks that every number in a scenario has a row here.

use super::ScenarioError;
use serde_json::Value;

/// One parameter of the scenario.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    /// Dotted path in the scenario JSON, e.g. `households.saving_propensity`.
    pub path: &'static str,
    /// A short label for a slider.
    pub label: &'static str,
    /// Unit of the value ("share", "months", "money", ...).
    pub unit: &'static str,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Whether only whole numbers are allowed.
    pub integer: bool,
    /// What the parameter means, in a sentence.
    pub description: &'static str,
    /// Where the default comes from: a citation or the reasoning.
    pub source: &'static str,
}

const fn real(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    (min, max): (f64, f64),
    description: &'static str,
    source: &'static str,
) -> ParamSpec {
    ParamSpec { path, label, unit, min, max, integer: false, description, source }
}

const fn whole(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    (min, max): (f64, f64),
    description: &'static str,
    source: &'static str,
) -> ParamSpec {
    ParamSpec { integer: true, ..real(path, label, unit, (min, max), description, source) }
}

/// Every numeric parameter of a scenario.
pub const PARAMS: &[ParamSpec] = &[
    // JSON numbers are exact in JavaScript up to 2^53 − 1, so seeds stay below it.
    whole(
        "seed",
        "Seed",
        "integer",
        (0.0, 9_007_199_254_740_991.0),
        "Seed of the model's random generator: the same seed replays the same run.",
        "Any value; runs compared on the same seeds share their random numbers.",
    ),
    whole(
        "months",
        "Months",
        "months",
        (1.0, 1_200_000.0),
        "Length of the run; one step is one month.",
        "Twenty years (240 months) by default, as the model brief suggests.",
    ),
    whole(
        "population.citizens",
        "Citizens",
        "citizens",
        (2.0, 200_000.0),
        "Number of citizens (households).",
        "Thousands by default (brief); up to 200,000 stays fast.",
    ),
    real(
        "households.initial_money",
        "Initial money",
        "money",
        (1.0, 1.0e6),
        "Money each citizen holds at the start; sets the scale of all money amounts.",
        "Arbitrary unit; 100 by convention of kinetic exchange models.",
    ),
    real(
        "households.saving_propensity",
        "Saving propensity λ",
        "share",
        (0.0, 0.99),
        "Share of its money a household keeps out of each pairwise exchange.",
        "Chakraborti & Chakrabarti (2000); λ = 0 is Dragulescu & Yakovenko (2000).",
    ),
    real(
        "households.exchanges_per_month",
        "Exchanges per month",
        "exchanges/citizen/month",
        (0.0, 1_000.0),
        "How many pairwise money exchanges each citizen takes part in per month.",
        "Informal exchange between households; a modelling choice, see the ODD.",
    ),
];

/// The spec for a dotted path, if there is one.
pub fn spec(path: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|p| p.path == path)
}

/// Looks up a dotted path in a JSON value.
pub fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// Checks one value against its spec; `field` is the path to report.
pub fn check(spec: &ParamSpec, field: &str, value: &Value) -> Result<(), ScenarioError> {
    let number = value
        .as_f64()
        .ok_or_else(|| ScenarioError::new(field, format!("must be a number from {}", range(spec))))?;
    if !number.is_finite() || number < spec.min || number > spec.max {
        return Err(ScenarioError::new(field, format!("{number} is out of range; allowed {}", range(spec))));
    }
    if spec.integer && number.fract() != 0.0 {
        return Err(ScenarioError::new(
            field,
            format!("{number} must be a whole number from {}", range(spec)),
        ));
    }
    Ok(())
}

/// "0 to 0.99 (share)": the allowed range in words.
pub fn range(spec: &ParamSpec) -> String {
    format!("{} to {} ({})", spec.min, spec.max, spec.unit)
}

/// Checks every parameter of a serialised scenario.
pub fn check_all(scenario: &Value) -> Result<(), ScenarioError> {
    for spec in PARAMS {
        let value = lookup(scenario, spec.path).ok_or_else(|| ScenarioError::new(spec.path, "is missing"))?;
        check(spec, spec.path, value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    /// Every numeric leaf of the default scenario, as dotted paths.
    fn numeric_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    numeric_paths(v, &path, out);
                }
            }
            Value::Number(_) => out.push(prefix.to_string()),
            _ => {}
        }
    }

    #[test]
    fn every_number_in_a_scenario_has_a_documented_range() {
        let value = serde_json::to_value(Scenario::default()).unwrap();
        let mut paths = Vec::new();
        numeric_paths(&value, "", &mut paths);
        for path in &paths {
            assert!(spec(path).is_some(), "{path} has no row in PARAMS");
        }
        assert_eq!(paths.len(), PARAMS.len(), "PARAMS lists a field the scenario lacks");
    }

    #[test]
    fn every_default_lies_in_its_range() {
        let value = serde_json::to_value(Scenario::default()).unwrap();
        check_all(&value).unwrap();
    }

    #[test]
    fn ranges_are_sensible() {
        for p in PARAMS {
            assert!(p.min <= p.max, "{}", p.path);
            assert!(!p.description.is_empty() && !p.source.is_empty(), "{}", p.path);
        }
    }
}
