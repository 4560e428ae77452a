//! The documentation's tables are generated from the code and must match it:
//! every parameter (meaning, unit, range, default, source), the lever values
//! of each regime preset, and every outcome (name, unit, how computed).
//!
//! After changing a parameter, a preset or an outcome, refresh the tables
//! with `UPDATE_DOCS=1 cargo test --test docs` and review the diff.
#![cfg(not(target_arch = "wasm32"))]

use commons_sim::outcomes::Outcome;
use commons_sim::scenario::params::{PARAMS, lookup};
use commons_sim::scenario::{Regime, Scenario};
use std::path::Path;

const ODD: &str = "docs/ODD.md";

/// A number as the table shows it: whole numbers without decimals, others
/// with up to four significant decimals.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn parameter_table() -> String {
    let defaults = serde_json::to_value(Scenario::default()).unwrap();
    let mut table = String::from(
        "| parameter | meaning | unit | range | default | source or reasoning |\n|---|---|---|---|---|---|\n",
    );
    for spec in PARAMS {
        let default = lookup(&defaults, spec.path).and_then(|v| v.as_f64()).unwrap();
        let default = if spec.path.starts_with("state.") { "by preset".to_string() } else { number(default) };
        table.push_str(&format!(
            "| `{}` | {} | {} | {} – {} | {} | {} |\n",
            spec.path,
            spec.description,
            spec.unit,
            number(spec.min),
            number(spec.max),
            default,
            spec.source
        ));
    }
    table
}

fn preset_table() -> String {
    let mut table = String::from("| lever |");
    for regime in Regime::ALL {
        table.push_str(&format!(" `{}` |", regime.name()));
    }
    table.push_str("\n|---|");
    table.push_str(&"---|".repeat(Regime::ALL.len()));
    table.push('\n');
    let levers: Vec<serde_json::Value> =
        Regime::ALL.iter().map(|r| serde_json::to_value(r.levers()).unwrap()).collect();
    for spec in PARAMS.iter().filter(|p| p.path.starts_with("state.")) {
        let name = spec.path.trim_start_matches("state.");
        table.push_str(&format!("| `{name}` ({}) |", spec.unit));
        for values in &levers {
            table.push_str(&format!(" {} |", number(values[name].as_f64().unwrap())));
        }
        table.push('\n');
    }
    table
}

fn outcome_table() -> String {
    let mut table =
        String::from("| outcome | what it measures and how | unit | panel |\n|---|---|---|---|\n");
    for outcome in Outcome::ALL {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            outcome.name(),
            outcome.description(),
            outcome.unit(),
            outcome.panel().title()
        ));
    }
    table
}

/// Replaces the text between `<!-- BEGIN name -->` and `<!-- END name -->`.
fn splice(document: &str, name: &str, content: &str) -> String {
    let begin = format!("<!-- BEGIN {name} -->\n");
    let end = format!("<!-- END {name} -->");
    let start =
        document.find(&begin).unwrap_or_else(|| panic!("{ODD} lacks the marker {begin}")) + begin.len();
    let stop = document[start..].find(&end).unwrap_or_else(|| panic!("{ODD} lacks the marker {end}")) + start;
    format!("{}{}{}", &document[..start], content, &document[stop..])
}

#[test]
fn the_odd_tables_match_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(ODD);
    let document = std::fs::read_to_string(&path).expect("docs/ODD.md exists");
    let mut expected = splice(&document, "parameters", &parameter_table());
    expected = splice(&expected, "presets", &preset_table());
    expected = splice(&expected, "outcomes", &outcome_table());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    } else {
        assert!(
            document == expected,
            "{ODD}'s generated tables are out of date: run `UPDATE_DOCS=1 cargo test --test docs`"
        );
    }
}

#[test]
fn every_parameter_and_outcome_is_documented() {
    let document = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ODD)).unwrap();
    for spec in PARAMS {
        assert!(document.contains(&format!("`{}`", spec.path)), "{} is not in the ODD", spec.path);
    }
    for outcome in Outcome::ALL {
        assert!(document.contains(&format!("`{}`", outcome.name())), "{} is not in the ODD", outcome.name());
    }
}
