//! The scenario: every parameter of a run, as one serde type.
//!
//! The same JSON is the format of scenario files, permalinks, the page's
//! sliders, the command line's `--set` and the tests. Parsing rejects unknown
//! fields; [`Scenario::validate`] rejects non-finite and out-of-range values,
//! naming the field and its allowed range from the table in [`params`].
//! Missing fields take the default scenario's values.

mod error;
pub mod params;

pub use error::ScenarioError;

use serde::{Deserialize, Serialize};

/// Everything that determines a run: with the same scenario the model
/// produces the same numbers on every platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Scenario {
    /// A label for charts and exports; it does not affect the run.
    pub name: String,
    /// Seed of the model's random generator.
    pub seed: u64,
    /// Length of the run in months.
    pub months: u32,
    /// How many agents of each kind there are at the start.
    pub population: Population,
    /// Household money and the exchange submodel.
    pub households: Households,
}

/// Sizes of the agent populations at the start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Population {
    pub citizens: u32,
}

/// Household money and the kinetic exchange submodel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Households {
    /// Money each citizen holds at the start.
    pub initial_money: f64,
    /// λ: the share of its money a household keeps out of each exchange.
    pub saving_propensity: f64,
    /// Pairwise exchanges each citizen takes part in per month, on average.
    pub exchanges_per_month: f64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "kinetic-exchange".into(),
            seed: 1,
            months: 240,
            population: Population::default(),
            households: Households::default(),
        }
    }
}

impl Default for Population {
    fn default() -> Self {
        Population { citizens: 2_000 }
    }
}

impl Default for Households {
    fn default() -> Self {
        Households { initial_money: 100.0, saving_propensity: 0.0, exchanges_per_month: 1.0 }
    }
}

impl Scenario {
    /// Parses and validates a scenario from JSON.
    pub fn from_json(json: &str) -> Result<Scenario, ScenarioError> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let scenario: Scenario = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            ScenarioError::new(e.path().to_string().trim_start_matches('.'), e.inner().to_string())
        })?;
        deserializer
            .end()
            .map_err(|e| ScenarioError::new("", format!("trailing characters after the scenario: {e}")))?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The scenario as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Checks every numeric field against its allowed range.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let value = serde_json::to_value(self).expect("a scenario always serialises");
        params::check_all(&value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scenario_round_trips_through_json() {
        let scenario = Scenario::default();
        let parsed = Scenario::from_json(&scenario.to_json_pretty()).unwrap();
        assert_eq!(parsed, scenario);
    }

    #[test]
    fn unknown_fields_are_named() {
        let err = Scenario::from_json(r#"{"households": {"savings": 0.5}}"#).unwrap_err();
        assert_eq!(err.field, "households.savings");
        assert!(err.message.contains("unknown field `savings`"), "{err}");
    }

    #[test]
    fn out_of_range_values_name_the_field_and_range() {
        let err = Scenario::from_json(r#"{"households": {"saving_propensity": 1.5}}"#).unwrap_err();
        assert_eq!(err.field, "households.saving_propensity");
        assert!(err.message.contains("0 to 0.99"), "{err}");
    }

    #[test]
    fn wrong_types_and_negative_sizes_are_named() {
        let err = Scenario::from_json(r#"{"population": {"citizens": -5}}"#).unwrap_err();
        assert_eq!(err.field, "population.citizens");
        let err = Scenario::from_json(r#"{"months": "many"}"#).unwrap_err();
        assert_eq!(err.field, "months");
    }
}
