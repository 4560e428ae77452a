//! The CSV format shared by the command line and the page's export:
//! `scenario,seed,month,` then every outcome name, one row per run and month.
//!
//! Values are written with Rust's shortest round-trip formatting, so a
//! number read back from the file is bit-identical to the one computed.
//!
//! Text (a scenario's name) is written so that no reader mistakes it: a name
//! that pandas, R or a spreadsheet would read as a number, a missing value,
//! a boolean or a formula gets a leading `'` and quotes (OWASP's advice on
//! CSV injection), e.g. `"'1e5"`, `"'NA"`, `"'=SUM(A1)"`. [`csv_field`] is
//! the one way text goes into a CSV.

use crate::history::History;
use crate::outcomes::{Outcome, OutcomeRow};
use std::fmt::Write;

/// The header line (without a line break).
pub fn csv_header() -> String {
    let mut header = String::from("scenario,seed,month");
    for outcome in Outcome::ALL {
        header.push(',');
        header.push_str(outcome.name());
    }
    header
}

/// The header of an ensemble's quantiles (without a line break):
/// `scenario,first_seed,seeds,month,quantile,` then every outcome name.
pub fn quantile_header() -> String {
    let mut header = String::from("scenario,first_seed,seeds,month,quantile");
    for outcome in Outcome::ALL {
        header.push(',');
        header.push_str(outcome.name());
    }
    header
}

/// Appends the line of one quantile `q` of an ensemble of `seeds.1` runs
/// from seed `seeds.0` at `month` (`row` holds every outcome's quantile).
pub fn write_quantile_row(
    out: &mut String,
    scenario: &str,
    seeds: (u64, usize),
    month: u32,
    q: f64,
    row: &OutcomeRow,
) {
    let _ = write!(out, "{},{},{},{month},{q}", csv_field(scenario), seeds.0, seeds.1);
    for value in row {
        let _ = write!(out, ",{value}");
    }
    out.push('\n');
}

/// Appends one line per recorded month of `history` to `out`, each ending in `\n`.
pub fn write_csv_rows(out: &mut String, scenario: &str, seed: u64, history: &History) {
    let name = csv_field(scenario);
    for i in 0..history.len() {
        write_row(out, &name, seed, history, i);
    }
}

/// Appends one line for a month's outcomes `row`; `name` is already a CSV
/// field (see [`csv_field`]).
pub fn write_outcome_row(out: &mut String, name: &str, seed: u64, month: u32, row: &OutcomeRow) {
    let _ = write!(out, "{name},{seed},{month}");
    for value in row {
        let _ = write!(out, ",{value}");
    }
    out.push('\n');
}

/// Appends the line of the `i`-th recorded month of `history` (the last is
/// a run's final state), ending in `\n`. Panics if there is no such month.
pub fn write_csv_row(out: &mut String, scenario: &str, seed: u64, history: &History, i: usize) {
    write_row(out, &csv_field(scenario), seed, history, i);
}

/// One line: `name` is already a CSV field, `i` the index of the month.
fn write_row(out: &mut String, name: &str, seed: u64, history: &History, i: usize) {
    let _ = write!(out, "{name},{seed},{}", history.months()[i]);
    for outcome in Outcome::ALL {
        let _ = write!(out, ",{}", history.column(outcome)[i]);
    }
    out.push('\n');
}

/// Text as a CSV field that every reader reads back as that text: prefixed
/// with `'` when it would read as something else ([`reads_as_other`]), then
/// quoted as [`csv_quote`] says.
pub fn csv_field(text: &str) -> String {
    if reads_as_other(text) { csv_quote(&format!("'{text}")) } else { csv_quote(text) }
}

/// A field as RFC 4180 writes it: quoted when it holds a comma, quote or
/// line break, and also when it starts with `'` (so a prefixed name is
/// always quoted). Writing a field read back from our files this way gives
/// the same bytes, which is how `merge` rewrites shards.
pub fn csv_quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) || field.starts_with('\'') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Missing-value and boolean words of pandas' and R's readers.
const READ_AS_VALUES: &[&str] = &[
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
    "NA", "NULL", "NaN", "None", "n/a", "nan", "null", "TRUE", "FALSE", "True", "False", "true", "false",
    "T", "F",
];

/// Whether a reader would take `text` for something other than text: a
/// number (also hexadecimal, as R reads it), a missing value or boolean, a
/// formula (a leading `=`, `+`, `-`, `@`, tab or carriage return), or text
/// that already starts with the `'` prefix.
pub fn reads_as_other(text: &str) -> bool {
    let trimmed = text.trim();
    let hex = trimmed.strip_prefix("0x").or_else(|| trimmed.strip_prefix("0X"));
    text.starts_with(['=', '+', '-', '@', '\t', '\r', '\''])
        || READ_AS_VALUES.contains(&trimmed)
        || trimmed.parse::<f64>().is_ok()
        || hex.is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcomes::COUNT;

    #[test]
    fn header_names_every_outcome_in_order() {
        let header = csv_header();
        let columns: Vec<&str> = header.split(',').collect();
        assert_eq!(&columns[..3], &["scenario", "seed", "month"]);
        assert_eq!(columns.len(), 3 + COUNT);
        assert_eq!(columns[3], "commons_knowledge");
    }

    #[test]
    fn rows_round_trip_values_exactly_and_quote_names() {
        let mut history = History::new();
        let row: [f64; COUNT] = std::array::from_fn(|i| 0.1 * i as f64 + 1.0 / 3.0);
        history.push(7, &row);
        let mut out = String::new();
        write_csv_rows(&mut out, "a, \"b\"", 42, &history);
        assert!(out.starts_with("\"a, \"\"b\"\"\",42,7,"));
        let last: f64 = out.trim_end().rsplit(',').next().unwrap().parse().unwrap();
        assert_eq!(last.to_bits(), row[COUNT - 1].to_bits());
    }

    #[test]
    fn names_a_reader_would_misread_are_prefixed_and_quoted() {
        for name in
            ["1e5", "NA", "", "nan", "inf", "TRUE", "0x1F", " 42", "=SUM(A1)", "+1", "-x", "@cmd", "'x"]
        {
            assert_eq!(csv_field(name), format!("\"'{}\"", name.replace('"', "\"\"")), "{name:?}");
        }
        for name in ["welfare-state", "2030 plan", "n/a plan", "x=1"] {
            assert_eq!(csv_field(name), name);
        }
        // Rewriting a field read back gives the same bytes.
        assert_eq!(csv_quote("'1e5"), csv_field("1e5"));
    }

    #[test]
    fn quantile_rows_follow_their_header() {
        let header = quantile_header();
        let mut out = String::new();
        write_quantile_row(&mut out, "A welfare-state", (1, 20), 12, 0.25, &[0.5; COUNT]);
        assert_eq!(out.trim_end().split(',').count(), header.split(',').count());
        assert!(out.starts_with("A welfare-state,1,20,12,0.25,0.5,"), "{out}");
    }

    #[test]
    fn a_single_row_is_that_line_of_all_rows() {
        let mut history = History::new();
        for month in 0..3 {
            history.push(month, &[month as f64 + 0.5; COUNT]);
        }
        let (mut all, mut last) = (String::new(), String::new());
        write_csv_rows(&mut all, "s", 9, &history);
        write_csv_row(&mut last, "s", 9, &history, 2);
        assert_eq!(all.lines().count(), 3);
        assert_eq!(all.lines().last(), last.strip_suffix('\n'));
        assert!(last.starts_with("s,9,2,2.5,"));
    }
}
