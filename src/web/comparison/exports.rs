//! What a comparison exports for an analyst to cite, beside the charts:
//! CSV whose `scenario` column is each scenario's unique label (its letter
//! and its name, so two scenarios from one preset never share a name), the
//! manifest beside it in the command line's format (`FILE.meta.json`: every
//! scenario in full, seeds, the model's fingerprint and the data's digest),
//! the ensemble's quantiles month by month.
//!
//! A child of `comparison`, so it reads the runs without widening their API.

use super::Comparison;
use crate::digest;
use crate::ensemble;
use crate::export;
use crate::history::History;
use crate::outcomes::COUNT;
use crate::stats::quantile_of_sorted;
use crate::web::js_error;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

/// The quantiles of the ensemble export, per month and outcome.
pub const QUANTILES: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// What the manifest's first line says it is (as `src/cli/manifest.rs`).
const FORMAT: &str = "commons-sim manifest 1";

#[wasm_bindgen]
impl Comparison {
    /// The runs as CSV in the command line's columns, each scenario named by
    /// its label (`A welfare-state`): the runs so far, or with `bands` every
    /// run of every ensemble.
    #[wasm_bindgen(js_name = labelledCsv)]
    pub fn labelled_csv(&self, bands: bool) -> String {
        let mut out = export::csv_header();
        out.push('\n');
        for run in &self.runs {
            if bands && run.summary.is_some() {
                for (seed, history) in &run.ensemble {
                    export::write_csv_rows(&mut out, &run.label, *seed, history);
                }
            } else {
                export::write_csv_rows(&mut out, &run.label, run.scenario.seed, &run.history);
            }
        }
        out
    }

    /// The ensembles' quantiles (5%, 25%, 50%, 75%, 95%) of every outcome,
    /// month by month: `scenario,first_seed,seeds,month,quantile,` then the
    /// outcomes.
    /// Empty (the header only) for scenarios without an ensemble.
    #[wasm_bindgen(js_name = quantileCsv)]
    pub fn quantile_csv(&self) -> String {
        let mut out = export::quantile_header();
        out.push('\n');
        for run in &self.runs {
            let histories: Vec<&History> = run.ensemble.iter().map(|(_, h)| h).collect();
            let Some(first) = histories.first() else { continue };
            let first_seed = run.ensemble.iter().map(|(s, _)| *s).min().unwrap_or(0);
            let seeds = (first_seed, histories.len());
            // Each month's rows, one per quantile, filled outcome by outcome.
            let mut rows = vec![[[0.0; COUNT]; QUANTILES.len()]; first.len()];
            ensemble::for_each_sorted_cross_section(&histories, |outcome, month, values| {
                for (q, row) in QUANTILES.iter().zip(rows[month].iter_mut()) {
                    row[outcome as usize] = quantile_of_sorted(values, *q);
                }
            });
            for (&month, quantiles) in first.months().iter().zip(&rows) {
                for (q, row) in QUANTILES.iter().zip(quantiles) {
                    export::write_quantile_row(&mut out, &run.label, seeds, month as u32, *q, row);
                }
            }
        }
        out
    }

    /// The manifest of an exported file `data` (the bytes as downloaded):
    /// the command line's manifest format, with `command` "page", every
    /// scenario in full, the first seed and the number of seeds, the model's
    /// fingerprint, the row count and the digest of the data.
    pub fn manifest(&self, data: &str, file: &str, bands: bool) -> Result<String, JsError> {
        let first = self.runs.first().ok_or_else(|| js_error("nothing to export"))?;
        let ensemble = bands && self.has_bands();
        let (first_seed, seeds) = if ensemble {
            let seeds: Vec<u64> = first.ensemble.iter().map(|(s, _)| *s).collect();
            (seeds.iter().copied().min().unwrap_or(0), seeds.len() as u64)
        } else {
            (first.scenario.seed, 1)
        };
        let scenarios: Vec<Value> =
            self.runs.iter().map(|r| serde_json::to_value(&r.scenario).unwrap_or(Value::Null)).collect();
        let labels: Vec<&str> = self.runs.iter().map(|r| r.label.as_str()).collect();
        let mut settings = serde_json::Map::new();
        settings.insert("file".into(), json!(file));
        settings.insert("labels".into(), json!(labels.join(" | ")));
        settings.insert("runs".into(), json!(if ensemble { "ensemble" } else { "one run per scenario" }));
        let mut manifest = json!({
            "format": FORMAT,
            "program": concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION")),
            "model_fingerprint": crate::web::fingerprint(),
            "command": "page",
            "arguments": [],
            "scenarios": scenarios,
            "first_seed": first_seed,
            "seeds": seeds,
            "months": self.length(),
            "settings": settings,
            "settings_digest": "",
            "shard": "",
            "rows": 0,
            "data_digest": "",
        });
        // As the command line does: the digest of every field but the
        // arguments, the shard and the contents.
        manifest["settings_digest"] = json!(digest::hex_of(manifest.to_string().as_bytes()));
        manifest["shard"] = json!("1/1");
        manifest["rows"] = json!(data.lines().count().saturating_sub(1));
        manifest["data_digest"] = json!(digest::hex_of(data.as_bytes()));
        serde_json::to_string_pretty(&manifest).map(|s| s + "\n").map_err(js_error)
    }
}
