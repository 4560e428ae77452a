//! Where scenarios come from: a preset name or a JSON file, then the changes
//! given with `--set`, `--months` and `--seed`.
//!
//! An argument ending in `.json` or holding a `/` is a file; anything else is
//! a preset name. Every change goes through `Scenario::set`, so a value is
//! checked exactly as in a scenario file.

use super::args::Changes;
use super::error::{CliError, Result, whole_number};
use commons_sim::scenario::{Scenario, params};
use serde_json::Value;
use std::path::Path;

/// Most seeds one command may run per scenario or grid point.
pub const MAX_SEEDS: u64 = 1_000_000;

/// Loads a preset or a scenario file. A file without a `name` is named
/// after the file, so outputs can tell scenarios apart.
pub fn load(argument: &str) -> Result<Scenario> {
    if !is_file(argument) {
        return Scenario::preset(argument)
            .map_err(|e| CliError::new(format!("{e}, or a scenario file ending in .json")));
    }
    let text = std::fs::read_to_string(argument)
        .map_err(|e| CliError::new(format!("cannot read scenario file `{argument}`: {e}")))?;
    let in_file = |e| CliError::from(e).context(format_args!("scenario file `{argument}`"));
    let mut scenario = Scenario::from_json(&text).map_err(in_file)?;
    let named = serde_json::from_str::<Value>(&text).is_ok_and(|v| v.get("name").is_some());
    if !named {
        let stem = Path::new(argument).file_stem().and_then(|s| s.to_str()).unwrap_or(argument);
        scenario.set("name", Value::from(stem)).map_err(in_file)?;
    }
    Ok(scenario)
}

fn is_file(argument: &str) -> bool {
    argument.to_ascii_lowercase().ends_with(".json") || argument.contains('/') || argument.contains('\\')
}

/// Applies `--set`, `--months` and `--seed`, in that order.
pub fn apply(scenario: &mut Scenario, changes: &Changes) -> Result<()> {
    for assignment in &changes.set {
        let (path, value) = assignment.split_once('=').ok_or_else(|| {
            CliError::new(format!("--set takes PATH=VALUE, e.g. state.income_tax=0.3, not `{assignment}`"))
        })?;
        set(scenario, path.trim(), value).map_err(|e| e.context(format_args!("--set {assignment}")))?;
    }
    if let Some(months) = &changes.months {
        set(scenario, "months", months).map_err(|e| e.context("--months"))?;
    }
    if let Some(seed) = &changes.seed {
        set(scenario, "seed", seed).map_err(|e| e.context("--seed"))?;
    }
    Ok(())
}

/// Sets one parameter from text: JSON if it parses (numbers, `"quoted"`
/// strings, booleans), otherwise the text as a string; for a field that
/// holds text (`name`), the text itself, so `--set name=2030` is a name.
/// `Scenario::set` checks the value against the parameter table.
pub fn set(scenario: &mut Scenario, path: &str, text: &str) -> Result<()> {
    let current = serde_json::to_value(&*scenario).ok();
    let holds_text =
        current.as_ref().and_then(|tree| params::lookup(tree, path)).is_some_and(Value::is_string);
    let value = match serde_json::from_str::<Value>(text) {
        Ok(value) if value.is_string() || !holds_text => value,
        _ => Value::from(text),
    };
    Ok(scenario.set(path, value)?)
}

/// The number of seeds given to `--seeds`, checked so that the last seed is
/// still a valid seed of `scenario`.
pub fn seed_count(text: Option<&str>, scenario: &Scenario) -> Result<u32> {
    let count = match text {
        Some(text) => whole_number("--seeds", text, (1, MAX_SEEDS))?,
        None => 1,
    };
    let last = scenario.seed.checked_add(count - 1);
    let mut probe = scenario.clone();
    let valid = last.is_some_and(|last| probe.set("seed", Value::from(last)).is_ok());
    if !valid {
        return Err(CliError::new(format!(
            "--seeds {count} from seed {} passes the largest seed, {}; choose a smaller --seed",
            scenario.seed,
            params::spec("seed").map_or(f64::NAN, |s| s.max),
        )));
    }
    // MAX_SEEDS fits in u32.
    Ok(count as u32)
}

/// Loads one scenario and applies the changes: what every running command starts from.
pub fn load_with(argument: &str, changes: &Changes) -> Result<Scenario> {
    let mut scenario = load(argument)?;
    apply(&mut scenario, changes)?;
    Ok(scenario)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(set: &[&str], months: Option<&str>, seed: Option<&str>) -> Changes {
        Changes {
            set: set.iter().map(|s| s.to_string()).collect(),
            months: months.map(str::to_string),
            seed: seed.map(str::to_string),
        }
    }

    fn error(argument: &str, set: &[&str], months: Option<&str>) -> String {
        load_with(argument, &changes(set, months, None)).unwrap_err().to_string()
    }

    #[test]
    fn presets_load_and_changes_apply_in_order() {
        let s = load_with(
            "partner-state",
            &changes(&["state.income_tax=0.3", "months=50", "name=taxed run"], Some("24"), Some("7")),
        )
        .unwrap();
        assert_eq!((s.state.income_tax, s.months, s.seed), (0.3, 24, 7));
        assert_eq!(s.name, "taxed run");
        let numbered = load_with("partner-state", &changes(&["name=2030"], None, None)).unwrap();
        assert_eq!(numbered.name, "2030", "a name may look like a number");
    }

    #[test]
    fn errors_name_the_option_field_and_range() {
        let range = params::range(params::spec("state.income_tax").unwrap());
        assert_eq!(
            error("partner-state", &["state.income_tax=3"], None),
            format!("--set state.income_tax=3: state.income_tax: 3 is out of range; allowed {range}")
        );
        assert!(error("partner-state", &["income_tax"], None).starts_with("--set takes PATH=VALUE"));
        assert!(error("partner-state", &["state.bogus=1"], None).contains("state.bogus: is not a parameter"));
        assert!(error("partner-state", &[], Some("0")).starts_with("--months: months: 0 is out of range"));
        let fraction = error("partner-state", &["population.citizens=10.5"], None);
        assert!(fraction.contains("population.citizens: 10.5 must be a whole number from"), "{fraction}");
        let text = error("partner-state", &["state.income_tax=high"], None);
        assert!(text.contains("state.income_tax: must be a number from 0 to"), "{text}");
        assert!(error("utopia", &[], None).contains("the presets are welfare-state"));
        assert!(error("missing.json", &[], None).starts_with("cannot read scenario file `missing.json`"));
    }

    #[test]
    fn the_last_seed_must_be_a_valid_seed() {
        let mut s = Scenario::default();
        assert_eq!(seed_count(None, &s), Ok(1));
        assert_eq!(seed_count(Some("20"), &s), Ok(20));
        s.seed = 9_007_199_254_740_990;
        assert!(seed_count(Some("2"), &s).is_ok());
        assert!(seed_count(Some("3"), &s).unwrap_err().to_string().contains("largest seed"));
    }
}
