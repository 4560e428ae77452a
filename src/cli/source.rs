//! Where scenarios come from: a preset name or a JSON file, then the changes
//! given with `--set`, `--months` and `--seed`.
//!
//! An argument ending in `.json` or holding a `/` is a file (read with a
//! size limit); anything else is a preset name. The changes go through
//! `Scenario::set_all` together, so a value is checked exactly as in a
//! scenario file and their order never matters.

use super::args::Changes;
use super::error::{CliError, Result, quote};
use super::input;
use commons_sim::scenario::{Scenario, ScenarioError, params};
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

/// Loads a preset or a scenario file. A file without a `name` is named
/// after the file, so outputs can tell scenarios apart.
pub fn load(argument: &str) -> Result<Scenario> {
    if !is_file(argument) {
        return Scenario::preset(argument)
            .map_err(|e| CliError::new(format!("{e}, or a scenario file ending in .json")));
    }
    let text = input::read_limited(Path::new(argument), "scenario file")?;
    // A byte-order mark, as some editors save, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let in_file = |e| CliError::from(e).context(format_args!("scenario file {}", quote(argument)));
    let mut scenario = Scenario::from_json(text).map_err(in_file)?;
    let named = serde_json::from_str::<Value>(text).is_ok_and(|v| v.get("name").is_some());
    if !named {
        let stem = Path::new(argument).file_stem().and_then(|s| s.to_str()).unwrap_or(argument);
        scenario.set("name", Value::from(stem)).map_err(in_file)?;
    }
    Ok(scenario)
}

fn is_file(argument: &str) -> bool {
    argument.to_ascii_lowercase().ends_with(".json") || argument.contains('/') || argument.contains('\\')
}

/// Applies `--set`, `--months` and `--seed` together (a later change of the
/// same path wins), validating the result once. An error about one of the
/// changed fields names the option that changed it.
pub fn apply(scenario: &mut Scenario, changes: &Changes) -> Result<()> {
    let mut given: Vec<(String, &str, String)> = Vec::new();
    for assignment in &changes.set {
        let (path, value) = assignment.split_once('=').ok_or_else(|| {
            CliError::new(format!(
                "--set takes PATH=VALUE, e.g. state.income_tax=0.3, not {}",
                quote(assignment)
            ))
        })?;
        given.push((format!("--set {assignment}"), path.trim(), value.to_string()));
    }
    if let Some(months) = &changes.months {
        given.push(("--months".into(), "months", months.clone()));
    }
    if let Some(seed) = &changes.seed {
        given.push(("--seed".into(), "seed", chosen_seed(seed)?));
    }
    let values = given
        .iter()
        .map(|(option, path, text)| {
            let value = value_of(scenario, path, text).map_err(|e| CliError::from(e).context(option))?;
            Ok((*path, value))
        })
        .collect::<Result<Vec<(&str, Value)>>>()?;
    scenario.set_all(&values).map_err(|e| {
        let option = given.iter().rev().find(|(_, path, _)| {
            e.field == *path
                || e.field.starts_with(&format!("{path}."))
                || e.field.starts_with(&format!("{path}["))
        });
        let option = option.map_or_else(
            || given.iter().map(|(option, ..)| option.as_str()).collect::<Vec<_>>().join(" "),
            |(option, ..)| option.clone(),
        );
        CliError::from(e).context(option)
    })
}

/// The seed `--seed` names: a number as given, or for `random` a fresh one
/// drawn from the operating system (32 bits, short enough to read out and
/// type again). It is drawn once per command, so every scenario of a
/// comparison shares it, and announced on standard error so that the run
/// can be replayed; the CSV's `seed` column and the manifest record it too.
fn chosen_seed(text: &str) -> Result<String> {
    static DRAWN: OnceLock<std::result::Result<u32, String>> = OnceLock::new();
    if !text.trim().eq_ignore_ascii_case("random") {
        return Ok(text.to_string());
    }
    let drawn = DRAWN.get_or_init(|| {
        let seed = getrandom::u32().map_err(|e| format!("--seed random: no random seed to be had: {e}"))?;
        eprintln!("seed {seed} (drawn at random; --seed {seed} replays this run)");
        Ok(seed)
    });
    drawn.clone().map(|seed| seed.to_string()).map_err(CliError::new)
}

/// Sets one parameter from text (see [`value_of`]); `Scenario::set`
/// checks the value against the parameter table.
pub fn set(scenario: &mut Scenario, path: &str, text: &str) -> Result<()> {
    let value = value_of(scenario, path, text)?;
    Ok(scenario.set(path, value)?)
}

/// A value typed after `PATH=`: JSON if it parses (numbers, `"quoted"`
/// strings, booleans), otherwise the text as a string; for a field that
/// holds text (`name`), the text itself, so `--set name=2030` is a name.
/// JSON is read as in a scenario file: a duplicate key, or a list or
/// object that does not parse (`[{"month": NaN}]`), is refused naming the
/// field and its range, not taken for text.
pub fn value_of(scenario: &Scenario, path: &str, text: &str) -> std::result::Result<Value, ScenarioError> {
    let current = serde_json::to_value(scenario).ok();
    let holds_text =
        current.as_ref().and_then(|tree| params::lookup(tree, path)).is_some_and(Value::is_string);
    match Scenario::parse_field(path, text) {
        Ok(value) if value.is_string() || !holds_text => Ok(value),
        Err(e)
            if !holds_text
                && (text.trim_start().starts_with(['[', '{'])
                    || serde_json::from_str::<Value>(text).is_ok()) =>
        {
            Err(e)
        }
        _ => Ok(Value::from(text)),
    }
}

/// The number of seeds given to `--seeds`, checked so that the last seed is
/// still a valid seed of `scenario`.
pub fn seed_count(count: Option<u64>, scenario: &Scenario) -> Result<u32> {
    let count = count.unwrap_or(1).max(1);
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
    // --seeds is at most MAX_SEEDS, which fits in u32.
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
        assert_eq!(seed_count(Some(20), &s), Ok(20));
        s.seed = 9_007_199_254_740_990;
        assert!(seed_count(Some(2), &s).is_ok());
        assert!(seed_count(Some(3), &s).unwrap_err().to_string().contains("largest seed"));
    }
}
