//! The scenario: every parameter of a run, as one serde type.
//!
//! The same JSON is the format of scenario files, permalinks, the page's
//! sliders, the command line's `--set` and the tests. Parsing ([`strict`])
//! rejects duplicate keys, sections that are not objects and unknown fields,
//! and checks every number's type; [`Scenario::validate`] rejects
//! out-of-range values and broken relations between fields, naming the field
//! and its allowed range from the table in [`params`]. Missing fields take
//! the default scenario's values.
//!
//! Regimes are nothing but presets of the policy levers in [`Levers`]
//! ([`presets`]); the model never learns which regime a lever value came from.

mod error;
pub mod params;
pub mod presets;
mod strict;

pub use error::{ScenarioError, one_line};
pub use presets::{PRESETS, Preset, Regime};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

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
    pub population: Population,
    pub households: Households,
    pub cooperation: Cooperation,
    pub commons: Commons,
    pub market: Market,
    pub associations: Associations,
    pub programmes: Programmes,
    /// The state's policy levers at the start of the run.
    pub state: Levers,
    pub legitimacy: LegitimacyParams,
    /// Policy changes at given months (a regime switch or single levers).
    pub schedule: Vec<PolicyChange>,
}

/// Sizes of the agent populations at the start.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Population {
    pub citizens: u32,
    pub projects: u32,
    pub firms: u32,
    pub associations: u32,
}

/// Household money, time, needs and the kinetic exchange submodel.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Households {
    pub initial_money: f64,
    pub saving_propensity: f64,
    pub exchanges_per_month: f64,
    pub consumption_propensity: f64,
    pub time_budget: f64,
    pub work_hours: f64,
    pub max_overwork_hours: f64,
    pub home_production: f64,
    pub skill_mean: f64,
    pub skill_spread: f64,
    pub skill_obsolescence: f64,
    pub on_the_job_learning: f64,
    pub career_months: f64,
    pub labour_supply_elasticity: f64,
}

/// Who contributes to the commons, and why.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Cooperation {
    pub share_free_riders: f64,
    pub share_altruists: f64,
    pub initial_belief: f64,
    pub belief_spread: f64,
    pub conditional_slope: f64,
    pub slope_spread: f64,
    pub belief_update: f64,
    pub min_free_hours: f64,
    pub comfortable_free_hours: f64,
    pub contribution_hours: f64,
    pub zeal_spread: f64,
}

/// Projects, maintainers, forks and infrastructure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Commons {
    pub hours_per_contribution: f64,
    pub quality_noise: f64,
    pub review_tolerance: f64,
    pub maintainer_unfairness: f64,
    pub insider_tenure: f64,
    pub learning_by_doing: f64,
    pub talent_spread: f64,
    pub dissatisfaction_decay: f64,
    pub leave_threshold: f64,
    pub merit_grievance: f64,
    pub fork_threshold: f64,
    pub fork_min_group: u32,
    pub fork_propensity: f64,
    pub fork_lesson: f64,
    pub new_project_chance: f64,
    pub explore_chance: f64,
    pub abandon_months: u32,
    pub knowledge_depreciation: f64,
    pub infra_base_cost: f64,
    pub infra_cost_per_user: f64,
    pub infra_cost_per_knowledge: f64,
    pub health_repair: f64,
    pub health_decay: f64,
    pub volunteer_upkeep: f64,
    pub failure_hazard: f64,
    pub failure_loss: f64,
    pub drift_months: u32,
    pub standard_speed: f64,
    pub fork_health: f64,
    pub degraded_speed: f64,
}

/// Firms, wages, prices and reciprocity.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Market {
    pub productivity: f64,
    pub productivity_spread: f64,
    pub returns_to_labour: f64,
    pub reference_labour: f64,
    pub knowledge_elasticity: f64,
    pub knowledge_scale: f64,
    pub projects_per_firm: u32,
    pub fixed_cost: f64,
    pub wage_flexibility: f64,
    pub target_employment: f64,
    pub hiring_speed: f64,
    pub dividend_payout: f64,
    pub outside_return: f64,
    pub outside_return_spread: f64,
    pub relocation_rate: f64,
    pub entry_rate: f64,
    pub startup_capital: f64,
    pub share_reciprocal_firms: f64,
    pub reciprocity_rate: f64,
    pub paid_contribution_share: f64,
    pub grace_months: u32,
    pub founder_candidates: u32,
    pub applicants: u32,
    pub hiring_threshold: f64,
    pub firing_threshold: f64,
    pub reserve_months: f64,
    pub margin_smoothing: f64,
}

/// For-benefit associations.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Associations {
    pub dues_rate: f64,
    pub spending_share: f64,
    pub crowding_out: f64,
    pub crowding_months: f64,
}

/// What the state's programmes cost and do (their scale is set by the levers).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Programmes {
    pub training_cost: f64,
    pub training_gain: f64,
    pub training_hours: f64,
    pub tools_cost: f64,
    pub tools_time_saving: f64,
    pub appeal_effect: f64,
    pub grant_overhead: f64,
    pub grant_capture: f64,
    pub grant_noise: f64,
}

/// The state's policy levers: every one a plain number and a slider.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Levers {
    pub income_tax: f64,
    pub corporate_tax: f64,
    pub basic_security: f64,
    pub means_testing: f64,
    pub take_up: f64,
    pub admin_overhead: f64,
    pub conditionality_hours: f64,
    pub public_services: f64,
    pub infrastructure_grants: f64,
    pub training: f64,
    pub shared_tools: f64,
    pub team_matching: f64,
    pub firm_subsidy: f64,
    pub civic_appeal: f64,
}

/// How citizens judge the state, and what their trust changes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LegitimacyParams {
    pub initial_trust: f64,
    pub baseline_trust: f64,
    pub weight_needs: f64,
    pub weight_inequality: f64,
    pub inequality_tolerance: f64,
    pub weight_insecurity: f64,
    pub weight_spending: f64,
    pub trust_speed: f64,
    pub max_tax_evasion: f64,
    pub debt_limit: f64,
    pub state_reserve_months: f64,
}

/// A policy change at a month: first the regime's levers (if any), then the
/// single levers listed (by their names in [`Levers`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyChange {
    /// The month at whose start the change takes effect.
    pub month: u32,
    /// Switch every lever to a regime's preset values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime: Option<Regime>,
    /// Set single levers, e.g. `{"income_tax": 0.3}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levers: BTreeMap<String, f64>,
}

impl Levers {
    /// These levers with a policy change applied: the regime's presets first,
    /// then each named lever. Fails on an unknown lever name.
    pub fn with_change(&self, change: &PolicyChange) -> Result<Levers, ScenarioError> {
        let base = change.regime.map_or_else(|| *self, Regime::levers);
        if change.levers.is_empty() {
            return Ok(base);
        }
        let mut value = serde_json::to_value(base).expect("levers always serialise");
        for (name, &number) in &change.levers {
            let slot = value
                .get_mut(name)
                .ok_or_else(|| ScenarioError::new(format!("levers.{name}"), unknown_lever(name)))?;
            *slot = Value::from(number);
        }
        serde_json::from_value(value).map_err(|e| ScenarioError::new("levers", e.to_string()))
    }
}

fn unknown_lever(name: &str) -> String {
    let known: Vec<&str> = params::PARAMS.iter().filter_map(|p| p.path.strip_prefix("state.")).collect();
    format!("unknown lever `{name}`; the levers are {}", known.join(", "))
}

impl Scenario {
    /// Parses and validates a scenario from JSON.
    pub fn from_json(json: &str) -> Result<Scenario, ScenarioError> {
        Scenario::from_value(strict::parse(json)?)
    }

    /// Parses the JSON text of one field (`schedule`, `state.income_tax`) as
    /// a scenario file's text is parsed: duplicate keys refused, errors
    /// naming the field from `path` on and its range.
    pub fn parse_field(path: &str, json: &str) -> Result<Value, ScenarioError> {
        strict::parse_at(json, path)
    }

    /// Parses and validates a scenario from a JSON value.
    pub fn from_value(mut value: Value) -> Result<Scenario, ScenarioError> {
        strict::normalise(&mut value)?;
        let scenario: Scenario = serde_path_to_error::deserialize(value).map_err(field_error)?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// The named preset (see [`PRESETS`]).
    pub fn preset(name: &str) -> Result<Scenario, ScenarioError> {
        presets::scenario(name)
    }

    /// The scenario as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Sets one parameter by its dotted path (`state.income_tax`), with the
    /// same validation as a scenario file; `schedule` takes a whole list of
    /// policy changes. A numeric parameter is checked against its row of the
    /// parameter table first, so a wrong type or a fraction for a whole
    /// number is told its allowed range. On error nothing changes.
    pub fn set(&mut self, path: &str, value: Value) -> Result<(), ScenarioError> {
        self.set_all(&[(path, value)])
    }

    /// Sets several parameters together, then validates the result once,
    /// so the order of the changes never matters (a rule between two
    /// fields is judged on both new values). On error nothing changes.
    pub fn set_all(&mut self, changes: &[(&str, Value)]) -> Result<(), ScenarioError> {
        let mut tree = serde_json::to_value(&*self).expect("a scenario always serialises");
        for (path, value) in changes {
            if let Some(spec) = params::spec(path) {
                params::check(spec, path, value)?;
            }
            let mut slot = &mut tree;
            for key in path.split('.') {
                slot = slot.get_mut(key).ok_or_else(|| unknown_path(path))?;
            }
            if slot.is_object() || (slot.is_array() && *path != "schedule") {
                return Err(unknown_path(path));
            }
            *slot = value.clone();
        }
        *self = Scenario::from_value(tree)?;
        Ok(())
    }

    /// Checks every numeric field against its allowed range, and the
    /// relations between fields.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let value = serde_json::to_value(self).expect("a scenario always serialises");
        params::check_all(&value)?;
        let c = &self.cooperation;
        if c.share_free_riders + c.share_altruists > 1.0 {
            return Err(ScenarioError::new(
                "cooperation.share_altruists",
                format!(
                    "free riders ({}) and altruists ({}) together exceed 1; the rest are conditional cooperators",
                    c.share_free_riders, c.share_altruists
                ),
            ));
        }
        if c.comfortable_free_hours <= c.min_free_hours {
            return Err(ScenarioError::new(
                "cooperation.comfortable_free_hours",
                format!("must be above cooperation.min_free_hours ({})", c.min_free_hours),
            ));
        }
        if self.households.work_hours > self.households.time_budget {
            return Err(ScenarioError::new(
                "households.work_hours",
                format!("cannot exceed households.time_budget ({})", self.households.time_budget),
            ));
        }
        if self.population.projects > 0 && self.population.associations == 0 {
            return Err(ScenarioError::new(
                "population.associations",
                "must be at least 1 when there are projects: associations fund their infrastructure",
            ));
        }
        for (i, change) in self.schedule.iter().enumerate() {
            let field = |rest: &str| format!("schedule[{i}].{rest}");
            if change.month > self.months {
                return Err(ScenarioError::new(
                    field("month"),
                    format!("{} is after the run's last month ({})", change.month, self.months),
                ));
            }
            for (name, &number) in &change.levers {
                let spec = params::spec(&format!("state.{name}")).ok_or_else(|| {
                    ScenarioError::new(field(&format!("levers.{name}")), unknown_lever(name))
                })?;
                params::check(spec, &field(&format!("levers.{name}")), &Value::from(number))?;
            }
        }
        Ok(())
    }
}

/// A deserialisation error as the field it is about and serde's message.
fn field_error<E: std::fmt::Display>(error: serde_path_to_error::Error<E>) -> ScenarioError {
    let path = error.path().to_string();
    let field = if path == "." { String::new() } else { path };
    ScenarioError::new(field, error::plain_serde_message(&error.inner().to_string()))
}

fn unknown_path(path: &str) -> ScenarioError {
    ScenarioError::new(
        path,
        "is not a parameter; parameters are dotted paths such as state.income_tax (see `commons-sim scenario NAME`)",
    )
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
    fn any_number_round_trips_exactly_through_json() {
        let mut scenario = Scenario::default();
        scenario.state.income_tax = 0.1 + 0.2; // 0.30000000000000004
        scenario.households.skill_spread = 0.123_456_789_012_345_67;
        let parsed = Scenario::from_json(&scenario.to_json_pretty()).unwrap();
        assert_eq!(parsed.state.income_tax.to_bits(), scenario.state.income_tax.to_bits());
        assert_eq!(parsed.households.skill_spread.to_bits(), scenario.households.skill_spread.to_bits());
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
        let err = Scenario::from_json(r#"{"population": {"citizens": 100000000}}"#).unwrap_err();
        assert_eq!(err.field, "population.citizens");
    }

    #[test]
    fn huge_and_non_finite_numbers_are_rejected() {
        let err = Scenario::from_json(r#"{"state": {"income_tax": 1e999}}"#).unwrap_err();
        assert_eq!(err.field, "state.income_tax");
        assert!(Scenario::from_json(r#"{"state": {"income_tax": NaN}}"#).is_err());
    }

    #[test]
    fn set_changes_one_parameter_with_validation() {
        let mut s = Scenario::default();
        s.set("state.income_tax", Value::from(0.3)).unwrap();
        assert_eq!(s.state.income_tax, 0.3);
        let err = s.set("state.income_tax", Value::from(3.0)).unwrap_err();
        assert_eq!(err.field, "state.income_tax");
        assert_eq!(s.state.income_tax, 0.3, "a failed set changes nothing");
        let err = s.set("state.no_such_lever", Value::from(1.0)).unwrap_err();
        assert_eq!(err.field, "state.no_such_lever");
        let err = s.set("state", Value::from(1.0)).unwrap_err();
        assert_eq!(err.field, "state");
        let err = s.set("population.citizens", Value::from(133.3)).unwrap_err();
        assert_eq!(err.field, "population.citizens");
        assert!(err.message.contains("whole number from 2 to 200000"), "{err}");
        assert!(!err.message.contains("line 1"), "no position inside internal JSON: {err}");
    }

    #[test]
    fn set_replaces_the_schedule_as_a_whole() {
        let mut s = Scenario::default();
        s.set("schedule", serde_json::json!([{"month": 60, "regime": "big-society"}])).unwrap();
        assert_eq!(s.schedule.len(), 1);
        assert_eq!(s.schedule[0].regime, Some(Regime::BigSociety));
        let err = s.set("schedule", serde_json::json!([{"month": 5000}])).unwrap_err();
        assert_eq!(err.field, "schedule[0].month");
        assert_eq!(s.schedule.len(), 1, "a failed set changes nothing");
    }

    #[test]
    fn schedule_entries_are_validated_by_lever_name_and_month() {
        let err =
            Scenario::from_json(r#"{"months": 10, "schedule": [{"month": 20, "regime": "big-society"}]}"#)
                .unwrap_err();
        assert_eq!(err.field, "schedule[0].month");
        let err =
            Scenario::from_json(r#"{"schedule": [{"month": 5, "levers": {"income_tax": 2}}]}"#).unwrap_err();
        assert_eq!(err.field, "schedule[0].levers.income_tax");
        let err =
            Scenario::from_json(r#"{"schedule": [{"month": 5, "levers": {"bogus": 0.1}}]}"#).unwrap_err();
        assert_eq!(err.field, "schedule[0].levers.bogus");
        let err = Scenario::from_json(r#"{"schedule": [{"month": 5, "regime": "anarchy"}]}"#).unwrap_err();
        assert_eq!(err.field, "schedule[0].regime");
    }

    #[test]
    fn a_policy_change_sets_the_regime_then_single_levers() {
        let change = PolicyChange {
            month: 3,
            regime: Some(Regime::BigSociety),
            levers: BTreeMap::from([("income_tax".to_string(), 0.11)]),
        };
        let levers = Regime::WelfareState.levers().with_change(&change).unwrap();
        assert_eq!(levers.income_tax, 0.11);
        assert_eq!(levers.public_services, Regime::BigSociety.levers().public_services);
    }

    #[test]
    fn changes_set_together_do_not_depend_on_their_order() {
        let mut s = Scenario::preset("kinetic-exchange").unwrap();
        let projects = ("population.projects", Value::from(8));
        let associations = ("population.associations", Value::from(1));
        assert!(s.clone().set_all(&[projects.clone(), associations.clone()]).is_ok());
        s.set_all(&[associations, projects]).unwrap();
        assert_eq!((s.population.projects, s.population.associations), (8, 1));
    }

    #[test]
    fn whole_number_floats_and_minus_zero_are_accepted_exactly() {
        let s =
            Scenario::from_json(r#"{"months": 3.0, "seed": -0, "population": {"citizens": 1e3}}"#).unwrap();
        assert_eq!((s.months, s.seed, s.population.citizens), (3, 0, 1000));
        let err = Scenario::from_json(r#"{"months": 3.5}"#).unwrap_err();
        assert!(err.message.contains("whole number from 1 to"), "{err}");
        let err = Scenario::from_json(r#"{"state": {"income_tax": NaN}}"#).unwrap_err();
        assert_eq!(err.field, "state.income_tax");
        assert!(err.message.contains("allowed 0 to 0.9"), "{err}");
    }

    #[test]
    fn shares_of_types_must_leave_room_for_conditional_cooperators() {
        let err =
            Scenario::from_json(r#"{"cooperation": {"share_free_riders": 0.7, "share_altruists": 0.5}}"#)
                .unwrap_err();
        assert_eq!(err.field, "cooperation.share_altruists");
    }
}
