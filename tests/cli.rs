//! The command line, run as a user would: every command's happy path, the
//! CSV formats, determinism across thread counts, shards and merge, and every
//! error path with its exit status and message.
#![cfg(not(target_arch = "wasm32"))]

use commons_sim::export::csv_header;
use commons_sim::outcomes::{COUNT, Outcome};
use commons_sim::scenario::{PRESETS, Scenario};
use std::path::PathBuf;
use std::process::Command;

/// Small and short, so a run takes milliseconds in the test build.
const SMALL: [&str; 4] = ["--set", "population.citizens=200", "--months", "12"];
const MONTHS: usize = 12;

/// A scratch directory and the binary run inside it.
struct Sandbox {
    dir: tempfile::TempDir,
}

/// What a finished command left.
struct Finished {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().expect("a temporary directory") }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.path(name), text).unwrap();
    }

    /// Runs `commons-sim ARGS` with the given extra environment.
    fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Finished {
        let output = Command::new(env!("CARGO_BIN_EXE_commons-sim"))
            .args(args)
            .envs(env.iter().copied())
            .env_remove("RAYON_NUM_THREADS")
            .current_dir(self.dir.path())
            .output()
            .expect("the binary starts");
        let finished = Finished {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 errors"),
        };
        assert!(!finished.stderr.contains("panicked"), "{args:?} panicked: {}", finished.stderr);
        finished
    }

    fn run(&self, args: &[&str]) -> Finished {
        self.run_with_env(args, &[])
    }

    /// Runs a command that must succeed; returns its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let finished = self.run(args);
        assert_eq!(finished.status, 0, "{args:?} failed: {}", finished.stderr);
        finished.stdout
    }

    /// Runs a command that must fail with status 2 and a one-line message
    /// holding every one of `expected`.
    fn fails(&self, args: &[&str], expected: &[&str]) {
        let finished = self.run(args);
        assert_eq!(finished.status, 2, "{args:?} should exit 2; stderr: {}", finished.stderr);
        let message = finished.stderr.trim_end();
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert_eq!(message.lines().count(), 1, "{args:?}: one line, not {message}");
        for part in expected {
            assert!(message.contains(part), "{args:?}: `{part}` missing from {message}");
        }
        assert!(finished.stdout.is_empty(), "{args:?} printed {}", finished.stdout);
    }

    /// Every file in the sandbox, to check that failures leave none.
    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// `args` followed by the small-scenario options.
fn small<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter().copied().chain(SMALL).collect()
}

fn data_rows(csv: &str) -> Vec<&str> {
    csv.lines().skip(1).collect()
}

// ── presets and scenario ────────────────────────────────────────────────

#[test]
fn presets_lists_every_preset_with_its_summary() {
    let out = Sandbox::new().ok(&["presets"]);
    assert_eq!(out.lines().count(), PRESETS.len());
    for (line, preset) in out.lines().zip(PRESETS) {
        assert!(line.starts_with(preset.name) && line.ends_with(preset.summary), "{line}");
    }
}

#[test]
fn scenario_prints_every_parameter_and_the_file_runs_like_the_preset() {
    let sandbox = Sandbox::new();
    let json = sandbox.ok(&["scenario", "partner-state"]);
    assert_eq!(Scenario::from_json(&json).unwrap(), Scenario::preset("partner-state").unwrap());
    sandbox.write("mine.json", &json);
    let from_file = sandbox.ok(&small(&["run", "--scenario", "mine.json"]));
    let from_preset = sandbox.ok(&small(&["run", "--scenario", "partner-state"]));
    assert_eq!(from_file, from_preset);
}

#[test]
fn scenario_applies_changes_and_names_an_unnamed_file_after_itself() {
    let sandbox = Sandbox::new();
    sandbox.write("taxed.json", r#"{"state": {"income_tax": 0.2}}"#);
    let json = sandbox.ok(&["scenario", "taxed.json", "--set", "state.corporate_tax=0.1", "--months", "30"]);
    let scenario = Scenario::from_json(&json).unwrap();
    assert_eq!(scenario.name, "taxed");
    assert_eq!((scenario.state.income_tax, scenario.state.corporate_tax, scenario.months), (0.2, 0.1, 30));
}

// ── run ─────────────────────────────────────────────────────────────────

#[test]
fn run_writes_one_row_per_seed_and_month_under_the_shared_header() {
    let sandbox = Sandbox::new();
    sandbox.ok(&small(&[
        "run",
        "--scenario",
        "welfare-state",
        "--seed",
        "7",
        "--seeds",
        "3",
        "--out",
        "runs.csv",
    ]));
    let csv = sandbox.read("runs.csv");
    assert_eq!(csv.lines().next(), Some(csv_header().as_str()));
    let rows = data_rows(&csv);
    assert_eq!(rows.len(), 3 * (MONTHS + 1));
    let keys: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            let mut f = r.split(',');
            (f.next().unwrap(), f.next().unwrap(), f.next().unwrap())
        })
        .collect();
    assert_eq!(keys[0], ("welfare-state", "7", "0"));
    assert_eq!(keys[MONTHS], ("welfare-state", "7", "12"));
    assert_eq!(keys[MONTHS + 1], ("welfare-state", "8", "0"));
    assert_eq!(keys.last(), Some(&("welfare-state", "9", "12")));
    assert!(rows.iter().all(|r| r.split(',').count() == 3 + COUNT));
}

#[test]
fn run_writes_to_standard_output_without_out() {
    let out = Sandbox::new().ok(&small(&["run", "--scenario", "big-society"]));
    assert_eq!(out.lines().next(), Some(csv_header().as_str()));
    assert_eq!(data_rows(&out).len(), MONTHS + 1);
}

#[test]
fn run_draws_every_outcome_as_svg_and_png() {
    let sandbox = Sandbox::new();
    let args = small(&["run", "--scenario", "partner-state", "--seeds", "3", "--chart", "runs.svg"]);
    assert!(sandbox.ok(&args).is_empty(), "a chart alone writes no CSV to standard output");
    let svg = sandbox.read("runs.svg");
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("</svg>").count(), 1, "one document");
    assert!(svg.contains("median and 90% band of 3 runs"));
    for outcome in Outcome::ALL {
        // As the SVG writes it: XML-escaped.
        let label = outcome.label().replace('&', "&amp;").replace('\'', "&apos;");
        assert!(svg.contains(&label), "{} missing", outcome.label());
    }
    sandbox.ok(&small(&["run", "--scenario", "partner-state", "--chart", "run.png", "--out", "run.csv"]));
    let png = std::fs::read(sandbox.path("run.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    assert!(png.len() > 50_000, "a full figure, not a blank image: {} bytes", png.len());
    assert_eq!(data_rows(&sandbox.read("run.csv")).len(), MONTHS + 1);
}

// ── determinism ─────────────────────────────────────────────────────────

#[test]
fn output_is_identical_whatever_the_number_of_threads() {
    let sandbox = Sandbox::new();
    let ensemble = small(&["run", "--scenario", "partner-state", "--seeds", "6"]);
    let sweep =
        small(&["sweep", "--scenario", "welfare-state", "--vary", "state.take_up=0.2:1:3", "--seeds", "2"]);
    let compare = small(&["compare", "welfare-state", "partner-state", "--seeds", "4"]);
    for command in [ensemble, sweep, compare] {
        let one = sandbox.ok(&[&["--threads", "1"], &command[..]].concat());
        let two = sandbox.ok(&[&["--threads", "2"], &command[..]].concat());
        let env = sandbox.run_with_env(&command, &[("RAYON_NUM_THREADS", "3")]);
        assert_eq!(env.status, 0, "{}", env.stderr);
        assert!(data_rows(&one).len() > 1);
        assert_eq!(one, two, "{command:?}: 1 and 2 threads differ");
        assert_eq!(one, env.stdout, "{command:?}: RAYON_NUM_THREADS=3 differs");
    }
}

// ── compare ─────────────────────────────────────────────────────────────

#[test]
fn compare_summarises_each_scenario_and_outcome_with_paired_differences() {
    let sandbox = Sandbox::new();
    let args = small(&[
        "compare",
        "welfare-state",
        "partner-state",
        "big-society",
        "--seeds",
        "4",
        "--out",
        "c.csv",
    ]);
    sandbox.ok(&args);
    let csv = sandbox.read("c.csv");
    let header = "scenario,outcome,month,seeds,mean,median,q025,q975,diff_mean,diff_lower95,diff_upper95";
    assert_eq!(csv.lines().next(), Some(header));
    let rows: Vec<Vec<&str>> = data_rows(&csv).iter().map(|r| r.split(',').collect()).collect();
    assert_eq!(rows.len(), 3 * COUNT);
    for (i, row) in rows.iter().enumerate() {
        let scenario = ["welfare-state", "partner-state", "big-society"][i / COUNT];
        assert_eq!(&row[..4], &[scenario, Outcome::ALL[i % COUNT].name(), "12", "4"]);
        let numbers: Vec<f64> = row[4..].iter().map(|v| v.parse().unwrap()).collect();
        let [mean, median, q025, q975, diff, lower, upper] = numbers[..] else { panic!("{row:?}") };
        assert!(q025 <= median && median <= q975 && q025 <= mean && mean <= q975, "{row:?}");
        assert!(lower <= diff && diff <= upper, "{row:?}");
        if i < COUNT {
            assert_eq!((diff, lower, upper), (0.0, 0.0, 0.0), "the first scenario against itself");
        }
    }
}

#[test]
fn compare_with_one_seed_leaves_the_intervals_empty() {
    let out = Sandbox::new().ok(&small(&["compare", "welfare-state", "partner-state", "--seeds", "1"]));
    for row in data_rows(&out) {
        assert!(row.ends_with(",,"), "{row}");
        assert_eq!(row.split(',').count(), 11);
    }
}

// ── sweep ───────────────────────────────────────────────────────────────

#[test]
fn sweep_writes_a_row_per_grid_point_and_seed() {
    let sandbox = Sandbox::new();
    let args = small(&[
        "sweep",
        "--scenario",
        "partner-state",
        "--vary",
        "state.income_tax=0.1:0.3:3",
        "--vary",
        "state.basic_security=0:1:2",
        "--seeds",
        "2",
    ]);
    sandbox.ok(&[&args[..], &["--out", "sweep.csv"]].concat());
    let csv = sandbox.read("sweep.csv");
    assert_eq!(
        csv.lines().next().unwrap(),
        format!("point,state.income_tax,state.basic_security,{}", csv_header())
    );
    let rows = data_rows(&csv);
    assert_eq!(rows.len(), 3 * 2 * 2);
    let keys: Vec<String> = rows.iter().map(|r| r.split(',').take(6).collect::<Vec<_>>().join(",")).collect();
    assert_eq!(keys[0], "0,0.1,0,partner-state,1,12");
    assert_eq!(keys[1], "0,0.1,0,partner-state,2,12");
    assert_eq!(keys[2], "1,0.1,1,partner-state,1,12");
    assert_eq!(keys[11], "5,0.3,1,partner-state,2,12");

    let every = sandbox.ok(&[&args[..], &["--every-month"]].concat());
    assert_eq!(data_rows(&every).len(), 3 * 2 * 2 * (MONTHS + 1));
    let finals: Vec<&str> = data_rows(&every).into_iter().skip(MONTHS).step_by(MONTHS + 1).collect();
    assert_eq!(finals, rows, "the final rows of --every-month are the default rows");
}

// ── shards and merge ────────────────────────────────────────────────────

#[test]
fn sharded_then_merged_equals_unsharded() {
    let sandbox = Sandbox::new();
    let ensemble = small(&["run", "--scenario", "partner-state", "--seeds", "5"]);
    let sweep =
        small(&["sweep", "--scenario", "big-society", "--vary", "state.civic_appeal=0:1:3", "--seeds", "2"]);
    for (name, command) in [("run", ensemble), ("sweep", sweep)] {
        let whole = sandbox.ok(&command);
        let mut shards = Vec::new();
        for i in 1..=4 {
            let file = format!("{name}-{i}.csv");
            let shard = format!("{i}/4");
            sandbox.ok(&[&command[..], &["--shard", &shard, "--out", &file]].concat());
            shards.push(file);
        }
        assert!(sandbox.read(&shards[0]).len() < whole.len(), "a shard holds part of the runs");
        // In any order, to a file or standard output.
        let shuffled = [&shards[2], &shards[0], &shards[3], &shards[1]].map(|s| s.as_str());
        assert_eq!(sandbox.ok(&[&["merge"], &shuffled[..]].concat()), whole, "{name}");
        let out = format!("{name}-merged.csv");
        sandbox.ok(&[&["merge", "--out", &out], &shuffled[..]].concat());
        assert_eq!(sandbox.read(&out), whole, "{name}");
    }
}

#[test]
fn merge_refuses_missing_duplicate_and_foreign_inputs() {
    let sandbox = Sandbox::new();
    let command = small(&["run", "--scenario", "partner-state", "--seeds", "6"]);
    for i in 1..=3 {
        sandbox.ok(&[&command[..], &["--shard", &format!("{i}/3"), "--out", &format!("s{i}.csv")]].concat());
    }
    sandbox.fails(&["merge", "s1.csv", "s3.csv"], &["no rows for the run of seed 2", "every shard"]);
    sandbox.fails(
        &["merge", "s1.csv", "s2.csv", "s3.csv", "s2.csv"],
        &["seed 2", "in both `s2.csv` and `s2.csv`"],
    );
    sandbox.ok(&small(&[
        "sweep",
        "--scenario",
        "partner-state",
        "--vary",
        "months=6:12:2",
        "--seeds",
        "1",
        "--out",
        "sweep.csv",
    ]));
    sandbox.fails(&["merge", "s1.csv", "sweep.csv"], &["`sweep.csv` has another header than `s1.csv`"]);
    sandbox.ok(&small(&["run", "--scenario", "welfare-state", "--seed", "3", "--out", "other.csv"]));
    sandbox.fails(
        &["merge", "s1.csv", "other.csv"],
        &["different scenarios", "`partner-state`", "`welfare-state`"],
    );
    sandbox.write("junk.csv", "a,b,c\n1,2,3\n");
    sandbox
        .fails(&["merge", "junk.csv"], &["`junk.csv` is not a CSV written by `commons-sim run` or `sweep`"]);
    sandbox.fails(&["merge", "absent.csv"], &["cannot read `absent.csv`"]);
}

// ── errors ──────────────────────────────────────────────────────────────

#[test]
fn an_unknown_preset_lists_the_presets() {
    let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
    let sandbox = Sandbox::new();
    sandbox.fails(&["run", "--scenario", "utopia"], &["`utopia`", &names.join(", ")]);
    sandbox.fails(&["scenario", "utopia"], &["unknown preset `utopia`"]);
    sandbox.fails(&["compare", "welfare-state", "utopia", "--seeds", "2"], &["unknown preset `utopia`"]);
}

#[test]
fn a_bad_set_names_the_field_and_what_is_allowed() {
    let sandbox = Sandbox::new();
    fn run(set: &str) -> Vec<&str> {
        vec!["run", "--scenario", "welfare-state", "--set", set]
    }
    sandbox.fails(&run("state.income_tax=3"), &["--set state.income_tax=3", "out of range; allowed 0 to"]);
    sandbox.fails(
        &run("state.no_such_lever=1"),
        &["state.no_such_lever: is not a parameter", "state.income_tax"],
    );
    sandbox.fails(&run("state.income_tax=lots"), &["state.income_tax: must be a number from 0 to"]);
    sandbox.fails(&run("population.citizens=10.5"), &["10.5 must be a whole number from"]);
    sandbox.fails(&run("income_tax"), &["--set takes PATH=VALUE"]);
    sandbox.fails(
        &["run", "--scenario", "welfare-state", "--months", "0"],
        &["--months: months: 0 is out of range"],
    );
    sandbox.fails(&["run", "--scenario", "welfare-state", "--seed", "-1"], &["--seed: seed:"]);
    sandbox.fails(
        &["run", "--scenario", "welfare-state", "--seeds", "0"],
        &["--seeds takes a whole number from 1 to"],
    );
    sandbox.fails(&["--threads", "0", "presets"], &["--threads takes a whole number from 1 to"]);
}

#[test]
fn unreadable_and_invalid_files_are_named() {
    let sandbox = Sandbox::new();
    sandbox.fails(&["run", "--scenario", "missing.json"], &["cannot read scenario file `missing.json`"]);
    sandbox.write("broken.json", "{\"months\": 12,");
    sandbox.fails(&["run", "--scenario", "broken.json"], &["scenario file `broken.json`"]);
    sandbox.write("unknown.json", r#"{"households": {"savings": 0.5}}"#);
    sandbox.fails(
        &["run", "--scenario", "unknown.json"],
        &["households.savings", "unknown field `savings`", "saving_propensity"],
    );
    sandbox.write("range.json", r#"{"months": 0}"#);
    sandbox.fails(
        &["run", "--scenario", "range.json"],
        &["scenario file `range.json`: months: 0 is out of range"],
    );
}

#[test]
fn bad_ranges_shards_and_charts_say_what_is_expected() {
    let sandbox = Sandbox::new();
    fn sweep(vary: &str) -> Vec<&str> {
        vec!["sweep", "--scenario", "welfare-state", "--seeds", "1", "--vary", vary]
    }
    sandbox.fails(&sweep("state.income_tax=0.1:0.5"), &["--vary takes PATH=FROM:TO:STEPS"]);
    sandbox.fails(&sweep("state.income_tax=0.1:0.5:0"), &["STEPS a whole number from 1 to"]);
    sandbox.fails(
        &sweep("state.income_tax=0.5:2:4"),
        &["--vary state.income_tax=1", "out of range; allowed 0 to"],
    );
    sandbox.fails(&sweep("state.bogus=0:1:2"), &["state.bogus: is not a parameter"]);
    sandbox.fails(&sweep("seed=1:5:5"), &["--vary seed is not allowed"]);
    let run = ["run", "--scenario", "welfare-state", "--seeds", "4"];
    sandbox.fails(&[&run[..], &["--shard", "5/4"]].concat(), &["--shard takes I/N", "`5/4`"]);
    sandbox.fails(&[&run[..], &["--shard", "2/4", "--chart", "a.svg"]].concat(), &["--chart", "--shard"]);
    sandbox
        .fails(&[&run[..], &["--chart", "a.jpg"]].concat(), &["--chart takes a file ending in .svg or .png"]);
    sandbox.fails(
        &["compare", "welfare-state", "welfare-state", "--seeds", "2"],
        &["two scenarios are named `welfare-state`"],
    );
    sandbox.fails(
        &["compare", "welfare-state", "kinetic-exchange", "--seeds", "2"],
        &["different lengths", "--months"],
    );
}

#[test]
fn failures_leave_outputs_untouched_and_no_temporary_files() {
    let sandbox = Sandbox::new();
    sandbox.write("out.csv", "old\n");
    sandbox
        .fails(&["run", "--scenario", "welfare-state", "--set", "months=0", "--out", "out.csv"], &["months"]);
    sandbox
        .fails(&["run", "--scenario", "welfare-state", "--out", "out.csv", "--chart", "x.gif"], &["--chart"]);
    sandbox.fails(
        &["run", "--scenario", "welfare-state", "--out", "no/such/dir/out.csv"],
        &["cannot write `no/such/dir/out.csv`"],
    );
    assert_eq!(sandbox.read("out.csv"), "old\n");
    assert_eq!(sandbox.files(), vec!["out.csv"]);
}

#[test]
fn usage_errors_exit_2_and_help_shows_an_example() {
    let sandbox = Sandbox::new();
    let finished = sandbox.run(&["run"]);
    assert_eq!(finished.status, 2);
    assert!(finished.stderr.contains("--scenario"), "{}", finished.stderr);
    for command in ["presets", "scenario", "run", "compare", "sweep", "merge"] {
        let help = sandbox.ok(&[command, "--help"]);
        assert!(help.contains("Example"), "{command} --help has no example");
        assert!(help.contains(&format!("commons-sim {command}")), "{command} --help");
    }
    assert!(sandbox.ok(&["--help"]).contains("Examples:"));
}

#[test]
fn a_closed_standard_output_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_commons-sim"))
        .args(["run", "--scenario", "welfare-state", "--set", "population.citizens=200", "--seeds", "3"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe closes here, as `| head` would.
    let output = child.wait_with_output().unwrap();
    assert_eq!(&first, b"scenario,s");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty());
}
