//! Reading scenario JSON strictly, before serde maps it onto [`Scenario`]:
//!
//! - [`parse`] refuses duplicate keys in any object (serde_json keeps the
//!   last silently) and names the line, the column and the section being
//!   read in every syntax error.
//! - [`normalise`] checks the shape (the scenario and each section are
//!   objects, `schedule` a list of objects; serde would read an array by
//!   position) and every number against the parameter table, so that a type
//!   error, NaN or Infinity is told the allowed range; a whole-number
//!   parameter given as an exact float (`3.0`, `1e3`, `-0`) becomes that
//!   whole number, and `-0` becomes 0 everywhere.
//!
//! [`Scenario`]: super::Scenario

use super::ScenarioError;
use super::params;
use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// Parses JSON text into a value, refusing duplicate keys.
pub fn parse(text: &str) -> Result<Value, ScenarioError> {
    parse_at(text, "")
}

/// Parses the JSON text of the field `base` (a whole scenario for ""), as
/// [`parse`] does; errors name fields from `base` on.
pub fn parse_at(text: &str, base: &str) -> Result<Value, ScenarioError> {
    let path = RefCell::new(if base.is_empty() { Vec::new() } else { vec![base.to_string()] });
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value =
        Strict { path: &path }.deserialize(&mut deserializer).and_then(|v| deserializer.end().map(|()| v));
    value.map_err(|e| {
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |at| &message[..at]);
        let field = dotted(&path.borrow());
        let place = if field.is_empty() { "at the top level" } else { "in this section" };
        let kind = if e.is_data() { "" } else { "JSON syntax error " };
        // NaN, Infinity and 1e999 are syntax errors in JSON: say what is allowed.
        let spec = spec_of(&field);
        let allowed = spec.map_or(String::new(), |spec| format!("; allowed {}", params::range(&spec)));
        let place = if spec.is_some() { "in this value" } else { place };
        ScenarioError::new(
            field,
            format!("{kind}at line {}, column {} ({place}): {message}{allowed}", e.line(), e.column()),
        )
    })
}

/// The spec of a numeric field: a parameter, or in `schedule[i]` a lever
/// (`levers.income_tax` as `state.income_tax`) or the `month`.
fn spec_of(field: &str) -> Option<params::ParamSpec> {
    if let Some(spec) = params::spec(field) {
        return Some(*spec);
    }
    let (_, rest) = field.strip_prefix("schedule[")?.split_once("].")?;
    match rest.strip_prefix("levers.") {
        Some(lever) => params::spec(&format!("state.{lever}")).copied(),
        None if rest == "month" => Some(month_spec()),
        None => None,
    }
}

/// A schedule's `month`: 0 to the longest run.
fn month_spec() -> params::ParamSpec {
    params::ParamSpec { min: 0.0, ..*params::spec("months").expect("months is a parameter") }
}

/// `["schedule", "[0]", "levers"]` as `schedule[0].levers`.
fn dotted(path: &[String]) -> String {
    let mut out = String::new();
    for part in path {
        if !out.is_empty() && !part.starts_with('[') {
            out.push('.');
        }
        out.push_str(part);
    }
    out
}

/// Builds a [`Value`], keeping the path it is reading in `path` (left at the
/// failing place when an error returns).
struct Strict<'a> {
    path: &'a RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            self.path.borrow_mut().push(format!("[{}]", items.len()));
            let Some(item) = seq.next_element_seed(Strict { path: self.path })? else {
                self.path.borrow_mut().pop();
                return Ok(Value::Array(items));
            };
            self.path.borrow_mut().pop();
            items.push(item);
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(A::Error::custom(format!("duplicate key `{key}`; give each key once")));
            }
            self.path.borrow_mut().push(key.clone());
            let value = map.next_value_seed(Strict { path: self.path })?;
            self.path.borrow_mut().pop();
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// The sections of a scenario: each must be a JSON object.
const SECTIONS: &[&str] = &[
    "population",
    "households",
    "cooperation",
    "commons",
    "market",
    "associations",
    "programmes",
    "state",
    "legitimacy",
];

/// Checks the shape and every number of a scenario's JSON, and makes exact
/// whole numbers whole (see the module's documentation).
pub fn normalise(value: &mut Value) -> Result<(), ScenarioError> {
    let Value::Object(scenario) = value else {
        return Err(ScenarioError::new(
            "",
            format!("a scenario is a JSON object {{…}}, not {}", kind(value)),
        ));
    };
    for section in SECTIONS {
        if let Some(v) = scenario.get(*section).filter(|v| !v.is_object()) {
            return Err(ScenarioError::new(*section, format!("must be an object {{…}}, not {}", kind(v))));
        }
    }
    if let Some(name) = scenario.get("name").filter(|v| !v.is_string()) {
        return Err(ScenarioError::new("name", format!("must be text in quotes, not {}", kind(name))));
    }
    for spec in params::PARAMS {
        let mut slot = Some(&mut *value);
        for key in spec.path.split('.') {
            slot = slot.and_then(|v| v.get_mut(key));
        }
        if let Some(slot) = slot {
            check_number(spec, spec.path, slot)?;
        }
    }
    if let Some(schedule) = value.get_mut("schedule") {
        normalise_schedule(schedule)?;
    }
    Ok(())
}

fn normalise_schedule(schedule: &mut Value) -> Result<(), ScenarioError> {
    let Value::Array(changes) = schedule else {
        return Err(ScenarioError::new(
            "schedule",
            format!("must be a list [{{\"month\": …}}, …] of policy changes, not {}", kind(schedule)),
        ));
    };
    let month = month_spec();
    for (i, change) in changes.iter_mut().enumerate() {
        let field = |rest: &str| format!("schedule[{i}]{rest}");
        let Value::Object(change) = change else {
            return Err(ScenarioError::new(
                field(""),
                format!("must be an object {{…}}, not {}", kind(change)),
            ));
        };
        if let Some(slot) = change.get_mut("month") {
            check_number(&month, &field(".month"), slot)?;
        }
        if let Some(regime) = change.get("regime").filter(|v| !v.is_string()) {
            return Err(ScenarioError::new(
                field(".regime"),
                format!("must be a regime's name, not {}", kind(regime)),
            ));
        }
        match change.get_mut("levers") {
            None => {}
            Some(Value::Object(levers)) => {
                for (name, slot) in levers.iter_mut() {
                    let path = format!("state.{name}");
                    if let Some(spec) = params::spec(&path) {
                        check_number(spec, &field(&format!(".levers.{name}")), slot)?;
                    }
                }
            }
            Some(other) => {
                return Err(ScenarioError::new(
                    field(".levers"),
                    format!("must be an object {{\"income_tax\": …}}, not {}", kind(other)),
                ));
            }
        }
    }
    Ok(())
}

/// Checks one number against its spec, then writes an exact whole number
/// as an integer and −0 as 0.
fn check_number(spec: &params::ParamSpec, field: &str, slot: &mut Value) -> Result<(), ScenarioError> {
    params::check(spec, field, slot)?;
    let number = slot.as_f64().unwrap_or(0.0);
    if spec.integer {
        // In range and whole (just checked), so the cast is exact.
        *slot = Value::from(number as u64);
    } else if number == 0.0 {
        *slot = Value::from(0.0);
    }
    Ok(())
}

/// "an array", "text", …: what a value is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array [...]",
        Value::Object(_) => "an object {...}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_refused_where_they_are() {
        let err = parse(r#"{"schedule": [{"month": 1, "levers": {"income_tax": 0.1, "income_tax": 0.2}}]}"#)
            .unwrap_err();
        assert_eq!(err.field, "schedule[0].levers");
        assert!(
            err.message.contains("duplicate key `income_tax`") && err.message.contains("line 1"),
            "{err}"
        );
        assert_eq!(parse(r#"{"a": 1, "a": 2}"#).unwrap_err().field, "");
        let err = parse_at(r#"[{"month": 1, "month": 60}]"#, "schedule").unwrap_err();
        assert_eq!(err.field, "schedule[0]");
    }

    #[test]
    fn nan_in_a_schedule_names_the_levers_range() {
        let err = parse_at(r#"[{"month": 1, "levers": {"income_tax": NaN}}]"#, "schedule").unwrap_err();
        assert_eq!(err.field, "schedule[0].levers.income_tax");
        let range = params::range(params::spec("state.income_tax").unwrap());
        assert!(err.message.ends_with(&format!("; allowed {range}")), "{err}");
    }

    #[test]
    fn syntax_errors_name_line_column_and_section() {
        let err = parse("{\n \"population\": {\"citizens\": 5,\n }").unwrap_err();
        assert_eq!(err.field, "population");
        assert!(err.message.starts_with("JSON syntax error at line 3, column 2 (in this section)"), "{err}");
    }

    #[test]
    fn shapes_and_numbers_are_checked_and_whole_numbers_made_whole() {
        let mut v = parse(r#"{"population": [50, 3]}"#).unwrap();
        assert_eq!(normalise(&mut v).unwrap_err().field, "population");
        assert!(normalise(&mut parse("[]").unwrap()).unwrap_err().message.contains("not an array"));
        let mut v = parse(
            r#"{"months": 1e3, "seed": -0, "population": {"citizens": 3.0}, "state": {"income_tax": -0.0}}"#,
        )
        .unwrap();
        normalise(&mut v).unwrap();
        assert_eq!(v["months"], Value::from(1000u64));
        assert_eq!(v["seed"], Value::from(0u64));
        assert_eq!(v["population"]["citizens"], Value::from(3u64));
        assert!(v["state"]["income_tax"].as_f64().unwrap().is_sign_positive());
        let err = normalise(&mut parse(r#"{"months": "many"}"#).unwrap()).unwrap_err();
        assert!(err.message.contains("must be a number from 1 to 1200000"), "{err}");
        let err = normalise(&mut parse(r#"{"schedule": [{"month": 2.5}]}"#).unwrap()).unwrap_err();
        assert_eq!(err.field, "schedule[0].month");
    }
}
