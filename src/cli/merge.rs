//! `commons-sim merge`: joins the CSV files of `run --shard` or `sweep
//! --shard` into the file one machine would have written.
//!
//! Every run lies whole in one shard's file, as consecutive rows with the
//! same grid point and seed. Merge reads those blocks from every input, sorts
//! them by (point, seed) — the unsharded order — and writes them unchanged
//! under the shared header, so the result is byte for byte the unsharded
//! output. It refuses inputs with different headers or scenarios, a run that
//! appears twice, and a run missing between the first and the last.

use super::args::MergeArgs;
use super::error::{CliError, Result};
use super::output::Output;
use commons_sim::export::csv_header;
use commons_sim::outcomes::COUNT;
use std::collections::BTreeMap;

/// A checked `merge`: the inputs' rows, grouped into runs.
pub struct Plan {
    header: String,
    runs: BTreeMap<(u64, u64), Run>,
    out: Output,
}

/// One run's rows, as they were in its file.
struct Run {
    rows: String,
    file: usize,
}

/// Where a run's key and scenario are in a row.
#[derive(Debug)]
struct Columns {
    /// A sweep's `point`; runs of `run` have none.
    point: Option<usize>,
    scenario: usize,
    seed: usize,
}

impl Plan {
    pub fn new(args: &MergeArgs) -> Result<Plan> {
        let mut header: Option<(String, Columns)> = None;
        let mut scenario: Option<(String, usize)> = None;
        let mut runs = BTreeMap::new();
        for (file, path) in args.inputs.iter().enumerate() {
            let text = std::fs::read_to_string(path)
                .map_err(|e| CliError::new(format!("cannot read `{path}`: {e}")))?;
            let mut records = Records { text: &text };
            let Some((first, _)) = records.next() else {
                return Err(CliError::new(format!(
                    "`{path}` is empty; expected a CSV written by run or sweep"
                )));
            };
            let columns = match &header {
                None => {
                    let columns =
                        columns_of(first).map_err(|why| CliError::new(format!("`{path}` {why}")))?;
                    &header.insert((first.to_string(), columns)).1
                }
                Some((expected, _)) if expected != first => {
                    return Err(CliError::new(format!(
                        "`{path}` has another header than `{}`; merge only shards of one command",
                        args.inputs[0]
                    )));
                }
                Some((_, columns)) => columns,
            };
            let mut current: Option<((u64, u64), String)> = None;
            for (row, fields) in records {
                let at = |i: usize| fields.get(i).map(String::as_str).unwrap_or("");
                let number = |i: usize| {
                    at(i).parse::<u64>().map_err(|_| {
                        CliError::new(format!(
                            "`{path}` has a row with `{}` where a whole number belongs",
                            at(i)
                        ))
                    })
                };
                let key = (columns.point.map_or(Ok(0), number)?, number(columns.seed)?);
                match &scenario {
                    None => scenario = Some((at(columns.scenario).to_string(), file)),
                    Some((name, from)) if name != at(columns.scenario) => {
                        return Err(CliError::new(format!(
                            "the inputs come from different scenarios: `{name}` in `{}`, `{}` in `{path}`",
                            args.inputs[*from],
                            at(columns.scenario)
                        )));
                    }
                    Some(_) => {}
                }
                match &mut current {
                    Some((k, rows)) if *k == key => rows.push_str(row),
                    _ => {
                        if let Some((k, rows)) = current.replace((key, row.to_string())) {
                            insert(&mut runs, k, Run { rows, file }, args, columns.point.is_some())?;
                        }
                    }
                }
            }
            if let Some((k, rows)) = current {
                insert(&mut runs, k, Run { rows, file }, args, columns.point.is_some())?;
            }
        }
        let (header, columns) = header.ok_or_else(|| CliError::new("merge needs at least one input"))?;
        check_complete(&runs, columns.point.is_some())?;
        let out = Output::file_or_stdout(args.out.path.as_deref())?;
        Ok(Plan { header, runs, out })
    }

    pub fn execute(self) -> Result<()> {
        let Plan { header, runs, mut out } = self;
        out.write(header)?;
        for run in runs.values() {
            out.write(&run.rows)?;
        }
        out.commit()
    }
}

fn insert(
    runs: &mut BTreeMap<(u64, u64), Run>,
    key: (u64, u64),
    run: Run,
    args: &MergeArgs,
    sweep: bool,
) -> Result<()> {
    if let Some(earlier) = runs.get(&key) {
        let files = if earlier.file == run.file {
            format!("twice in `{}`", args.inputs[run.file])
        } else {
            format!("in both `{}` and `{}`", args.inputs[earlier.file], args.inputs[run.file])
        };
        return Err(CliError::new(format!(
            "{} appears {files}; pass each shard's file once",
            describe(key, sweep)
        )));
    }
    runs.insert(key, run);
    Ok(())
}

/// Checks that the runs form a full grid: points from 0, the same
/// consecutive seeds at each.
fn check_complete(runs: &BTreeMap<(u64, u64), Run>, sweep: bool) -> Result<()> {
    let (Some(&(last_point, _)), Some(first_seed), Some(last_seed)) =
        (runs.keys().next_back(), runs.keys().map(|k| k.1).min(), runs.keys().map(|k| k.1).max())
    else {
        return Ok(());
    };
    for point in 0..=last_point {
        for seed in first_seed..=last_seed {
            if !runs.contains_key(&(point, seed)) {
                return Err(CliError::new(format!(
                    "no rows for {}; pass every shard's file",
                    describe((point, seed), sweep)
                )));
            }
        }
    }
    Ok(())
}

/// "the run of seed 3", or "of grid point 2 and seed 3" in a sweep.
fn describe((point, seed): (u64, u64), sweep: bool) -> String {
    if sweep {
        format!("the run of grid point {point} and seed {seed}")
    } else {
        format!("the run of seed {seed}")
    }
}

/// Finds the key columns from a header line, or says why it is not a
/// `run` or `sweep` CSV.
fn columns_of(header: &str) -> std::result::Result<Columns, String> {
    let header = header.trim_end_matches(['\n', '\r']);
    let run_header = csv_header();
    if header == run_header {
        return Ok(Columns { point: None, scenario: 0, seed: 1 });
    }
    match header.strip_suffix(run_header.as_str()) {
        Some(prefix) if prefix.starts_with("point,") => {
            let columns = header.split(',').count();
            Ok(Columns { point: Some(0), scenario: columns - COUNT - 3, seed: columns - COUNT - 2 })
        }
        _ => Err(format!(
            "is not a CSV written by `commons-sim run` or `sweep`: its header should end in `{}`",
            run_header
        )),
    }
}

/// The records of a CSV text: each with its text (line break included) and
/// its fields unquoted. Quoted fields may hold commas, quotes and line breaks.
struct Records<'a> {
    text: &'a str,
}

impl<'a> Iterator for Records<'a> {
    type Item = (&'a str, Vec<String>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.text.is_empty() {
            return None;
        }
        let mut fields = vec![String::new()];
        let mut quoted = false;
        let mut chars = self.text.char_indices().peekable();
        let mut end = self.text.len();
        while let Some((i, c)) = chars.next() {
            let field = fields.last_mut().expect("there is always a field");
            match (quoted, c) {
                (true, '"') if chars.peek().is_some_and(|&(_, c)| c == '"') => {
                    field.push('"');
                    chars.next();
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => fields.push(String::new()),
                (false, '\n') => {
                    end = i + 1;
                    break;
                }
                (false, '\r') => {}
                (false, c) => field.push(c),
            }
        }
        let (record, rest) = self.text.split_at(end);
        self.text = rest;
        Some((record, fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_unquote_fields_and_keep_their_text() {
        let text = "a,\"b, \"\"c\"\"\nd\",e\nf,g";
        let records: Vec<(&str, Vec<String>)> = Records { text }.collect();
        assert_eq!(records[0].0, "a,\"b, \"\"c\"\"\nd\",e\n");
        assert_eq!(records[0].1, vec!["a", "b, \"c\"\nd", "e"]);
        assert_eq!(records[1], ("f,g", vec!["f".to_string(), "g".to_string()]));
    }

    #[test]
    fn headers_of_runs_and_sweeps_locate_their_keys() {
        let run = columns_of(&csv_header()).unwrap();
        assert_eq!((run.point, run.scenario, run.seed), (None, 0, 1));
        let sweep = columns_of(&format!("point,state.income_tax,months,{}\n", csv_header())).unwrap();
        assert_eq!((sweep.point, sweep.scenario, sweep.seed), (Some(0), 3, 4));
        assert!(columns_of("a,b,c").unwrap_err().contains("is not a CSV written by"));
    }
}
