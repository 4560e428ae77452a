//! The CSV format shared by the command line and the page's export:
//! `scenario,seed,month,` then every outcome name, one row per run and month.
//!
//! Values are written with Rust's shortest round-trip formatting, so a
//! number read back from the file is bit-identical to the one computed.

use crate::history::History;
use crate::outcomes::Outcome;
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

/// Appends one line per recorded month of `history` to `out`, each ending in `\n`.
pub fn write_csv_rows(out: &mut String, scenario: &str, seed: u64, history: &History) {
    let name = csv_field(scenario);
    for i in 0..history.len() {
        write_row(out, &name, seed, history, i);
    }
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

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
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
