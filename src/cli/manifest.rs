//! The manifest written beside every output file: `FILE.meta.json`.
//!
//! It records what made the file (program version, the model's fingerprint,
//! the command and its arguments, every scenario in full, seeds, months and
//! any other settings as key/value pairs), which share of the experiment it
//! holds (`shard` i/n) and what it holds (row count and the digest of its
//! data), so that a file can be checked on its own and `merge` can refuse
//! shards that do not belong together. Any command that writes a file uses
//! [`Manifest::new`], adds its own settings with [`Manifest::setting`] and
//! hands it to [`Output::commit_with`](super::output::Output::commit_with).
//!
//! The *settings* are everything two shards of one experiment share; the
//! arguments as typed, the shard and the contents are not among them.

use super::error::{CliError, Result, quote};
use super::input;
use super::shard::Shard;
use commons_sim::scenario::Scenario;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the first line of every manifest says it is.
pub const FORMAT: &str = "commons-sim manifest 1";

/// A file's record of how it was made and what it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    /// `commons-sim 0.1.0`.
    pub program: String,
    /// [`commons_sim::fingerprint::model_fingerprint`]: which model ran.
    pub model_fingerprint: String,
    /// The command: `run`, `sweep`, `compare`, …
    pub command: String,
    /// The whole command line as typed, for the record (not compared).
    pub arguments: Vec<String>,
    /// Every scenario in full, as run (before a sweep's per-point changes).
    pub scenarios: Vec<Value>,
    pub first_seed: u64,
    /// Seeds per scenario or grid point.
    pub seeds: u64,
    pub months: u32,
    /// Anything else that shapes the output (a sweep's axes, `--every-month`,
    /// a design's digest), as text.
    pub settings: BTreeMap<String, String>,
    /// Digest of every field above but `arguments`: equal settings, equal digest.
    pub settings_digest: String,
    /// Which share of the runs the file holds (`1/1` for all).
    pub shard: String,
    /// Records in the file after its header (0 for a chart).
    pub rows: u64,
    /// Digest of the file's bytes as written (see `merge` for CSV variants).
    pub data_digest: String,
}

impl Manifest {
    /// A manifest for `command` over `scenarios`, seeds `first_seed…` (`seeds`
    /// of them) and `months`; contents are filled in when the file is written.
    pub fn new(command: &str, scenarios: &[&Scenario], first_seed: u64, seeds: u64, months: u32) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            program: format!("{} {}", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
            model_fingerprint: String::new(),
            command: command.into(),
            arguments: arguments(),
            scenarios: scenarios.iter().map(|s| serde_json::to_value(s).unwrap_or(Value::Null)).collect(),
            first_seed,
            seeds,
            months,
            settings: BTreeMap::new(),
            settings_digest: String::new(),
            shard: "1/1".into(),
            rows: 0,
            data_digest: String::new(),
        }
    }

    /// Adds a setting that shards of one experiment must share.
    pub fn setting(mut self, key: &str, value: impl ToString) -> Manifest {
        self.settings.insert(key.into(), value.to_string());
        self
    }

    pub fn shard(mut self, shard: Shard) -> Manifest {
        self.shard = shard.to_string();
        self
    }

    /// Fills in the model's fingerprint, the settings digest and the
    /// contents: what is known only once the file is written.
    pub fn finish(mut self, rows: u64, data_digest: String) -> Manifest {
        if self.model_fingerprint.is_empty() {
            // Short runs of every preset: computed once however many files a command writes.
            static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
            self.model_fingerprint =
                FINGERPRINT.get_or_init(commons_sim::fingerprint::model_fingerprint).clone();
        }
        self.settings_digest = self.digest_of_settings();
        self.rows = rows;
        self.data_digest = data_digest;
        self
    }

    fn digest_of_settings(&self) -> String {
        let settings = Manifest {
            arguments: Vec::new(),
            settings_digest: String::new(),
            shard: String::new(),
            rows: 0,
            data_digest: String::new(),
            ..self.clone()
        };
        commons_sim::digest::hex_of(serde_json::to_string(&settings).unwrap_or_default().as_bytes())
    }

    /// The manifest's place beside a file: `FILE.meta.json`.
    pub fn path_beside(file: &Path) -> PathBuf {
        let mut name = file.as_os_str().to_os_string();
        name.push(".meta.json");
        PathBuf::from(name)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads the manifest of `file` (as the user named it), refusing one
    /// that is missing, too large or not a manifest.
    pub fn read_beside(file: &str) -> Result<Manifest> {
        let path = Manifest::path_beside(Path::new(file));
        let shown = path.to_string_lossy().into_owned();
        if !path.exists() {
            return Err(CliError::new(format!(
                "{} has no manifest {} beside it; merge takes files written by run, sweep or evaluate with \
                 --shard, each with its manifest",
                quote(file),
                quote(&shown)
            )));
        }
        let text = input::read_limited(&path, "manifest")?;
        serde_json::from_str::<Manifest>(&text)
            .ok()
            .filter(|m| m.format == FORMAT)
            .ok_or_else(|| CliError::new(format!("{} is not a commons-sim manifest", quote(&shown))))
    }

    /// The first setting in which `other` differs from `self`, in words:
    /// "months: 12 in `a.csv`, 24 in `b.csv`".
    pub fn difference(&self, other: &Manifest, (mine, theirs): (&str, &str)) -> Option<String> {
        let say = |what: &str, a: &dyn std::fmt::Display, b: &dyn std::fmt::Display| {
            Some(format!(
                "{what}: {} in {}, {} in {}",
                quote(&a.to_string()),
                quote(mine),
                quote(&b.to_string()),
                quote(theirs)
            ))
        };
        let fields = |m: &Manifest| {
            [
                ("program version", m.program.clone()),
                ("model fingerprint", m.model_fingerprint.clone()),
                ("command", m.command.clone()),
                ("number of scenarios", m.scenarios.len().to_string()),
                ("first seed", m.first_seed.to_string()),
                ("seeds", m.seeds.to_string()),
                ("months", m.months.to_string()),
            ]
        };
        // The program and command first, then the scenarios field by field
        // (they hold the seed and months too), then the rest.
        let (mine_fields, their_fields) = (fields(self), fields(other));
        let pairs = mine_fields.iter().zip(their_fields.iter());
        for ((what, a), (_, b)) in pairs.clone().take(4) {
            if a != b {
                return say(what, a, b);
            }
        }
        for (a, b) in self.scenarios.iter().zip(&other.scenarios) {
            if let Some((path, a, b)) = first_difference(a, b, String::new()) {
                return say(&format!("scenario field {path}"), &a, &b);
            }
        }
        for ((what, a), (_, b)) in pairs.skip(4) {
            if a != b {
                return say(what, a, b);
            }
        }
        let keys: std::collections::BTreeSet<&String> =
            self.settings.keys().chain(other.settings.keys()).collect();
        for key in keys {
            let (a, b) = (self.settings.get(key), other.settings.get(key));
            if a != b {
                let none = "(none)".to_string();
                return say(key, a.unwrap_or(&none), b.unwrap_or(&none));
            }
        }
        if self.settings_digest != other.settings_digest {
            return say("settings digest", &self.settings_digest, &other.settings_digest);
        }
        None
    }
}

/// The command line as typed, for the record. Lossy rather than
/// `std::env::args`, which panics on an argument that is not UTF-8.
pub fn arguments() -> Vec<String> {
    std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect()
}

/// The first place where two JSON values differ: its dotted path and both values.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<(String, String, String)> {
    let join = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                first_difference(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), join(k))
            })
        }
        (x, y) if x == y => None,
        (x, y) => Some((if path.is_empty() { "(whole)".into() } else { path }, x.to_string(), y.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_name_what_differs() {
        let a = Scenario::default();
        let mut b = a.clone();
        b.state.income_tax = 0.5;
        let m1 = Manifest::new("run", &[&a], 1, 3, 12).finish(3, "x".into());
        let m2 = Manifest::new("run", &[&b], 1, 3, 12).finish(3, "y".into());
        let why = m1.difference(&m2, ("a.csv", "b.csv")).unwrap();
        assert!(why.starts_with("scenario field state.income_tax: "), "{why}");
        assert!(why.contains("in `b.csv`"), "{why}");
        assert_ne!(m1.settings_digest, m2.settings_digest);
        let m3 = Manifest::new("run", &[&a], 1, 3, 12).setting("every_month", true).finish(3, "x".into());
        assert!(m1.difference(&m3, ("a", "b")).unwrap().starts_with("every_month: `(none)`"));
        let same =
            Manifest::new("run", &[&a], 1, 3, 12).shard(Shard::parse("2/2").unwrap()).finish(1, "z".into());
        assert_eq!(m1.difference(&same, ("a", "b")), None, "shard and contents are not settings");
        let back: Manifest = serde_json::from_str(&m1.to_json()).unwrap();
        assert_eq!(back, m1);
    }
}
