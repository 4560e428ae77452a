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
            .env_remove("RAYON_NUM_THREADS")
            .envs(env.iter().copied())
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
    assert!(sandbox.read("runs.svg.meta.json").contains("\"command\": \"run\""), "a chart has its manifest");
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
        let one = sandbox.ok(&[&command[..], &["--threads", "1"]].concat());
        let two = sandbox.ok(&[&command[..], &["--threads", "2"]].concat());
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
    sandbox.fails(&["merge", "s1.csv", "s3.csv"], &["shard 2/3 is missing", "every shard"]);
    sandbox.fails(&["merge", "s2.csv", "s3.csv"], &["shard 1/3 is missing"]);
    sandbox.fails(&["merge", "s1.csv", "s2.csv"], &["shard 3/3 is missing"]);
    sandbox.fails(
        &["merge", "s1.csv", "s2.csv", "s3.csv", "s2.csv"],
        &["shard 2/3 is given twice, as `s2.csv` and `s2.csv`"],
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
    sandbox.fails(
        &["merge", "s1.csv", "sweep.csv"],
        &["`sweep.csv` is not a shard of the same experiment as `s1.csv`", "command"],
    );
    sandbox.ok(&small(&["run", "--scenario", "welfare-state", "--seed", "3", "--out", "other.csv"]));
    sandbox.fails(
        &["merge", "s1.csv", "other.csv"],
        &["`other.csv` is not a shard of the same experiment", "scenario field"],
    );
    sandbox.write("junk.csv", "a,b,c\n1,2,3\n");
    sandbox.fails(&["merge", "junk.csv"], &["`junk.csv` has no manifest `junk.csv.meta.json`"]);
    sandbox.fails(&["merge", "absent.csv"], &["`absent.csv` has no manifest"]);
    assert!(!sandbox.files().iter().any(|f| f.contains("merged")));
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
    sandbox.fails(
        &["run", "--scenario", "welfare-state", "--threads", "0"],
        &["--threads takes a whole number from 1 to 1024, not `0`"],
    );
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

// ── outputs, as coreutils treat them ────────────────────────────────────

const QUICK_RUN: [&str; 7] =
    ["run", "--scenario", "welfare-state", "--set", "population.citizens=50", "--months", "3"];

fn quick<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    QUICK_RUN.iter().copied().chain(extra.iter().copied()).collect()
}

#[cfg(unix)]
#[test]
fn out_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let sandbox = Sandbox::new();
    sandbox.write("target.csv", "old\n");
    std::os::unix::fs::symlink("target.csv", sandbox.path("link.csv")).unwrap();
    sandbox.ok(&quick(&["--out", "link.csv"]));
    assert!(std::fs::symlink_metadata(sandbox.path("link.csv")).unwrap().file_type().is_symlink());
    assert!(sandbox.read("target.csv").starts_with("scenario,seed,month"));
    assert!(sandbox.path("target.csv.meta.json").exists(), "the manifest is beside the file written");
    // Merge finds a linked shard's manifest beside the link's target.
    let command = quick(&["--seeds", "2"]);
    sandbox.ok(&[&command[..], &["--shard", "1/2", "--out", "s1.csv"]].concat());
    std::os::unix::fs::symlink("t2.csv", sandbox.path("s2.csv")).unwrap();
    sandbox.ok(&[&command[..], &["--shard", "2/2", "--out", "s2.csv"]].concat());
    assert_eq!(sandbox.ok(&["merge", "s1.csv", "s2.csv"]), sandbox.ok(&command));
}

#[cfg(unix)]
#[test]
fn out_keeps_an_existing_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    for mode in [0o600, 0o640] {
        sandbox.write("private.csv", "old\n");
        std::fs::set_permissions(sandbox.path("private.csv"), std::fs::Permissions::from_mode(mode)).unwrap();
        sandbox.ok(&quick(&["--out", "private.csv"]));
        let kept = std::fs::metadata(sandbox.path("private.csv")).unwrap().permissions().mode() & 0o777;
        assert_eq!(kept, mode);
    }
    use std::os::unix::fs::MetadataExt;
    let root = std::fs::metadata(sandbox.path("private.csv")).unwrap().uid() == 0;
    if root {
        // Root may give files away, so it keeps another user's file theirs.
        std::os::unix::fs::chown(sandbox.path("private.csv"), Some(4321), Some(4321)).unwrap();
        sandbox.ok(&quick(&["--out", "private.csv"]));
        let meta = std::fs::metadata(sandbox.path("private.csv")).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    } else {
        std::fs::set_permissions(sandbox.path("private.csv"), std::fs::Permissions::from_mode(0o444))
            .unwrap();
        sandbox.fails(&quick(&["--out", "private.csv"]), &["cannot write `private.csv`", "ermission denied"]);
    }
}

#[cfg(unix)]
#[test]
fn out_keeps_setuid_setgid_and_sticky_bits_and_the_manifest_only_rwx() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let mode = |name: &str| std::fs::metadata(sandbox.path(name)).unwrap().permissions().mode() & 0o7777;
    for wanted in [0o4755, 0o2750, 0o1644, 0o6711] {
        sandbox.write("tool.csv", "old\n");
        std::fs::set_permissions(sandbox.path("tool.csv"), std::fs::Permissions::from_mode(wanted)).unwrap();
        if mode("tool.csv") != wanted {
            continue; // The system does not let this user set these bits at all.
        }
        sandbox.ok(&quick(&["--out", "tool.csv"]));
        assert!(sandbox.read("tool.csv").starts_with("scenario,seed,month"));
        assert_eq!(mode("tool.csv"), wanted, "{wanted:o} kept, as `cp -p` keeps it for the file's owner");
        assert_eq!(mode("tool.csv.meta.json"), wanted & 0o777, "the manifest takes only rwx of {wanted:o}");
        std::fs::remove_file(sandbox.path("tool.csv.meta.json")).unwrap();
    }
    use std::os::unix::fs::MetadataExt;
    if std::fs::metadata(sandbox.path("tool.csv")).unwrap().uid() == 0 {
        // Root keeps another user's setuid file theirs, and setuid.
        std::os::unix::fs::chown(sandbox.path("tool.csv"), Some(4321), Some(4321)).unwrap();
        std::fs::set_permissions(sandbox.path("tool.csv"), std::fs::Permissions::from_mode(0o4755)).unwrap();
        sandbox.ok(&quick(&["--out", "tool.csv"]));
        let meta = std::fs::metadata(sandbox.path("tool.csv")).unwrap();
        assert_eq!((meta.uid(), meta.gid(), meta.mode() & 0o7777), (4321, 4321, 0o4755));
    }
}

#[cfg(unix)]
#[test]
fn writing_a_hard_linked_output_leaves_its_other_links_with_the_old_content() {
    use std::os::unix::fs::MetadataExt;
    let sandbox = Sandbox::new();
    sandbox.write("out.csv", "old\n");
    std::fs::hard_link(sandbox.path("out.csv"), sandbox.path("alias.csv")).unwrap();
    sandbox.ok(&quick(&["--out", "out.csv"]));
    assert!(sandbox.read("out.csv").starts_with("scenario,seed,month"));
    assert_eq!(sandbox.read("alias.csv"), "old\n", "the other link keeps the old file, as docs/CLI.md says");
    let inode = |name: &str| std::fs::metadata(sandbox.path(name)).unwrap().ino();
    assert_ne!(inode("out.csv"), inode("alias.csv"), "the output is a new inode");
    assert_eq!(std::fs::metadata(sandbox.path("alias.csv")).unwrap().nlink(), 1);
}

#[cfg(unix)]
#[test]
fn out_refuses_a_socket() {
    let sandbox = Sandbox::new();
    let _listener = std::os::unix::net::UnixListener::bind(sandbox.path("sock")).unwrap();
    sandbox.fails(&quick(&["--out", "sock"]), &["neither a file, a FIFO nor a character device"]);
}

#[cfg(unix)]
#[test]
fn out_to_a_fifo_or_a_device_streams_into_it() {
    let sandbox = Sandbox::new();
    let fifo = sandbox.path("pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    if made {
        let reader = std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap());
        sandbox.ok(&quick(&["--out", "pipe.csv"]));
        assert!(reader.join().unwrap().starts_with("scenario,seed,month"));
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(sandbox.path("pipe.csv")).unwrap().file_type().is_fifo(), "still a FIFO");
        assert!(!sandbox.path("pipe.csv.meta.json").exists(), "no manifest beside a stream");
    }
    // A character device: a copy of /dev/null made here (never the real
    // one), where the system lets us make one.
    if let Some(null) = null_device(&sandbox) {
        sandbox.ok(&quick(&["--out", &null]));
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&null).unwrap().file_type().is_char_device(), "still a device");
        assert!(!sandbox.path("null.meta.json").exists(), "no manifest beside a device");
    }
    assert!(sandbox.files().iter().all(|f| !f.ends_with(".tmp")));
}

/// A character device like /dev/null (major 1, minor 3) made in the
/// sandbox, so no test writes to the real one; `None` where `mknod` is not
/// permitted.
#[cfg(unix)]
fn null_device(sandbox: &Sandbox) -> Option<String> {
    let path = sandbox.path("null");
    let made = Command::new("mknod").args(["-m", "666"]).arg(&path).args(["c", "1", "3"]).status();
    made.is_ok_and(|s| s.success()).then(|| path.to_string_lossy().into_owned())
}

#[cfg(unix)]
#[test]
fn out_dev_stdout_writes_to_standard_output_like_a_dash() {
    let sandbox = Sandbox::new();
    let expected = sandbox.ok(&quick(&[]));
    for name in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
        // Into a pipe (as `| head`).
        assert_eq!(sandbox.ok(&quick(&["--out", name])), expected, "{name} into a pipe");
        assert!(sandbox.files().is_empty(), "{name}: no file and no manifest: {:?}", sandbox.files());
        // Into a file opened by the shell for appending (`>>`): written
        // through the descriptor, after what the file held.
        sandbox.write("log.csv", "kept\n");
        let log = std::fs::OpenOptions::new().append(true).open(sandbox.path("log.csv")).unwrap();
        let status = Command::new(env!("CARGO_BIN_EXE_commons-sim"))
            .args(quick(&["--out", name]))
            .current_dir(sandbox.dir.path())
            .stdout(log)
            .status()
            .unwrap();
        assert!(status.success(), "{name} into a file");
        assert_eq!(sandbox.read("log.csv"), format!("kept\n{expected}"), "{name} >>");
        assert_eq!(sandbox.files(), vec!["log.csv"], "{name}: no manifest beside a stream");
        std::fs::remove_file(sandbox.path("log.csv")).unwrap();
    }
    // A chart is a file: standard output is refused, as docs/CLI.md says.
    for chart in ["-", "/dev/stdout"] {
        sandbox.fails(&quick(&["--chart", chart]), &["--chart takes a file ending in .svg or .png"]);
    }
}

#[cfg(unix)]
#[test]
fn out_dev_stderr_or_a_descriptor_on_a_pipe_streams_into_the_pipe() {
    let sandbox = Sandbox::new();
    let expected = sandbox.ok(&quick(&[]));
    std::os::unix::fs::symlink("/dev/stderr", sandbox.path("err.csv")).unwrap();
    for name in ["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2", "err.csv"] {
        // `output()` gives the child a pipe for its standard error.
        let finished = sandbox.run(&quick(&["--out", name]));
        assert_eq!(finished.status, 0, "{name}: {}", finished.stderr);
        assert_eq!(finished.stderr, expected, "{name} into a pipe");
        assert!(finished.stdout.is_empty(), "{name}");
        assert_eq!(sandbox.files(), vec!["err.csv"], "{name}: no file replaced, no manifest");
    }
    // Another descriptor on a pipe: `/proc/self/fd/3` reads `pipe:[N]`, no path.
    let output = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" --out /proc/self/fd/3 3>&1 1>&2")
        .arg(env!("CARGO_BIN_EXE_commons-sim"))
        .args(quick(&[]))
        .current_dir(sandbox.dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected, "/proc/self/fd/3 into a pipe");
    assert_eq!(sandbox.files(), vec!["err.csv"], "no file made for /proc/self/fd/3");
}

#[cfg(unix)]
#[test]
fn two_outputs_on_standard_output_are_refused_before_running() {
    let sandbox = Sandbox::new();
    std::os::unix::fs::symlink("/dev/stdout", sandbox.path("out.svg")).unwrap();
    std::os::unix::fs::symlink("/dev/fd/1", sandbox.path("fd.svg")).unwrap();
    std::os::unix::fs::symlink("/dev/stderr", sandbox.path("err.svg")).unwrap();
    refused_before_running(
        &sandbox,
        &["--out", "-", "--chart", "out.svg"],
        &["`-` and `out.svg` are both standard output"],
    );
    refused_before_running(
        &sandbox,
        &["--out", "/proc/self/fd/1", "--chart", "fd.svg"],
        &["`/proc/self/fd/1` and `fd.svg` are both standard output"],
    );
    refused_before_running(
        &sandbox,
        &["--out", "/dev/fd/2", "--chart", "err.svg"],
        &["`/dev/fd/2` and `err.svg` are both standard error"],
    );
    assert_eq!(sandbox.files(), vec!["err.svg", "fd.svg", "out.svg"], "nothing written");
    // A command of several tables: analyze's indices (standard output
    // without --out) and its --s2.
    sandbox.write("p.txt", "a 0 1\nb 0 1\n");
    sandbox.ok(&[
        "sample",
        "--method",
        "sobol",
        "--params",
        "p.txt",
        "-n",
        "8",
        "--any-names",
        "--out",
        "d.txt",
    ]);
    let design = sandbox.read("d.txt");
    let outputs: String = design.lines().map(|row| format!("{}\n", row.len())).collect();
    sandbox.write("y.txt", &outputs);
    let before = sandbox.files();
    let analyze =
        ["analyze", "--method", "sobol", "--params", "p.txt", "--design", "d.txt", "--outputs", "y.txt"];
    sandbox.fails(&[&analyze[..], &["--s2", "-"]].concat(), &["`-` and `-` are both standard output"]);
    sandbox.fails(
        &[&analyze[..], &["--out", "/dev/stdout", "--s2", "/dev/fd/1"]].concat(),
        &["`/dev/stdout` and `/dev/fd/1` are both standard output"],
    );
    assert_eq!(sandbox.files(), before, "nothing written");
}

/// Refuses a long run (sixteen runs would take many seconds) with `extra`
/// at once, before any run.
fn refused_before_running(sandbox: &Sandbox, extra: &[&str], expected: &[&str]) {
    let long = ["run", "--scenario", "welfare-state", "--seeds", "16", "--months", "2400"];
    let started = std::time::Instant::now();
    sandbox.fails(&[&long[..], extra].concat(), expected);
    assert!(started.elapsed().as_secs() < 5, "{extra:?} refused before any run");
}

#[test]
fn out_refuses_a_directory_an_empty_path_and_the_same_file_twice_before_running() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path("dir")).unwrap();
    for (out, expected) in [
        ("dir", "it is a directory"),
        (".", "it is a directory"),
        ("/", "it is a directory"),
        ("", "an output path is empty"),
    ] {
        refused_before_running(&sandbox, &["--out", out], &[expected]);
    }
    refused_before_running(
        &sandbox,
        &["--out", "same.svg", "--chart", "same.svg"],
        &["`same.svg` and `same.svg` are the same file"],
    );
    assert_eq!(sandbox.files(), vec!["dir"]);
}

#[test]
fn the_manifests_place_is_checked_before_the_first_run() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path("late.csv.meta.json")).unwrap();
    refused_before_running(
        &sandbox,
        &["--out", "late.csv"],
        &["cannot write `late.csv.meta.json`", "it is a directory"],
    );
    // An output may not be another output's manifest.
    refused_before_running(
        &sandbox,
        &["--out", "c.svg.meta.json", "--chart", "c.svg"],
        &["`c.svg.meta.json` and the manifest of `c.svg` are the same file"],
    );
    assert_eq!(sandbox.files(), vec!["late.csv.meta.json"], "nothing written, no temporary file");
}

/// Starts a run of many seconds writing `out`, and waits (at most 30 s)
/// until the sandbox holds `files` files.
fn start_long_run(sandbox: &Sandbox, out: &str, files: usize) -> std::process::Child {
    let child = Command::new(env!("CARGO_BIN_EXE_commons-sim"))
        .args(["run", "--scenario", "welfare-state", "--seeds", "64", "--months", "2400", "--out", out])
        .current_dir(sandbox.dir.path())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while sandbox.files().len() < files && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

#[cfg(unix)]
#[test]
fn a_stopped_run_leaves_no_temporary_file() {
    for signal in ["INT", "TERM", "HUP"] {
        let sandbox = Sandbox::new();
        let mut child = start_long_run(&sandbox, "out.csv", 2);
        assert_eq!(
            sandbox.files().len(),
            2,
            "the temporary files (the CSV's, its manifest's) exist while running"
        );
        let killed =
            Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "SIG{signal}");
        assert!(sandbox.files().is_empty(), "SIG{signal} left {:?}", sandbox.files());
    }
}

// ── merge that cannot be wrong ──────────────────────────────────────────

/// Writes shards `1..=n` of `command` as `NAME-I.csv` and returns their names.
fn shards(sandbox: &Sandbox, command: &[&str], name: &str, n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| {
            let file = format!("{name}-{i}.csv");
            sandbox.ok(&[command, &["--shard", &format!("{i}/{n}"), "--out", &file]].concat());
            file
        })
        .collect()
}

fn merge(files: &[String]) -> Vec<&str> {
    ["merge"].into_iter().chain(files.iter().map(String::as_str)).collect()
}

fn sweep3() -> Vec<&'static str> {
    small(&["sweep", "--scenario", "partner-state", "--vary", "state.income_tax=0.1:0.5:2", "--seeds", "3"])
}

#[test]
fn merge_refuses_a_missing_first_or_last_shard() {
    let sandbox = Sandbox::new();
    let files = shards(&sandbox, &sweep3(), "s", 3);
    sandbox.fails(&merge(&files[1..]), &["shard 1/3 is missing"]);
    sandbox.fails(&merge(&files[..2]), &["shard 3/3 is missing"]);
    assert_eq!(sandbox.ok(&merge(&files)), sandbox.ok(&sweep3()));
}

#[test]
fn merge_refuses_a_truncated_or_cut_shard() {
    let sandbox = Sandbox::new();
    let files = shards(&sandbox, &sweep3(), "s", 3);
    let text = sandbox.read(&files[1]);
    // The last row cut off.
    let cut: String = text.lines().take(text.lines().count() - 1).map(|l| format!("{l}\n")).collect();
    sandbox.write(&files[1], &cut);
    sandbox.fails(&merge(&files), &["`s-2.csv` holds 1 rows where its manifest records 2"]);
    // A row cut halfway.
    sandbox.write(&files[1], &text[..text.len() - 40]);
    sandbox.fails(&merge(&files), &["`s-2.csv`"]);
    // One value changed.
    sandbox.write(&files[1], &text.replacen(",0.", ",9.", 1));
    sandbox.fails(&merge(&files), &["`s-2.csv` does not hold what its manifest records"]);
    // Not a shard at all: one endless line.
    sandbox.write(&files[1], &"x".repeat(2 * 1024 * 1024));
    sandbox.fails(&merge(&files), &["`s-2.csv` is cut or damaged", "longer than 1 MB"]);
}

#[test]
fn merge_refuses_a_damaged_manifest_without_panicking() {
    let sandbox = Sandbox::new();
    let files = shards(&sandbox, &sweep3(), "s", 2);
    for file in &files {
        let name = format!("{file}.meta.json");
        let text = sandbox.read(&name);
        assert!(text.contains("\"points\": \"2\""), "{text}");
        sandbox.write(&name, &text.replace("\"points\": \"2\"", "\"points\": \"18446744073709551615\""));
    }
    sandbox.fails(&merge(&files), &["the manifest of `s-1.csv` records 18446744073709551615 grid points"]);
}

#[test]
fn merge_refuses_shards_with_other_settings_naming_what_differs() {
    let sandbox = Sandbox::new();
    let base = shards(&sandbox, &sweep3(), "a", 2);
    let months: Vec<&str> = sweep3().into_iter().map(|a| if a == "12" { "6" } else { a }).collect();
    let other_months = shards(&sandbox, &months, "m", 2);
    sandbox.fails(
        &merge(&[base[0].clone(), other_months[1].clone()]),
        &["`m-2.csv` is not a shard of the same experiment as `a-1.csv`", "months"],
    );
    let set = [&sweep3()[..], &["--set", "state.corporate_tax=0.33"]].concat();
    let other_set = shards(&sandbox, &set, "t", 2);
    sandbox.fails(&merge(&[base[0].clone(), other_set[1].clone()]), &["scenario field state.corporate_tax"]);
    let vary: Vec<&str> = sweep3()
        .into_iter()
        .map(|a| if a.starts_with("state.income_tax=") { "state.income_tax=0.1:0.6:2" } else { a })
        .collect();
    let other_vary = shards(&sandbox, &vary, "v", 2);
    sandbox.fails(&merge(&[base[0].clone(), other_vary[1].clone()]), &["vary"]);
    let every = [&sweep3()[..], &["--every-month"]].concat();
    let other_every = shards(&sandbox, &every, "e", 2);
    sandbox.fails(&merge(&[base[0].clone(), other_every[1].clone()]), &["every_month"]);
    let split3 = shards(&sandbox, &sweep3(), "n", 3);
    sandbox.fails(&merge(&[base[0].clone(), split3[1].clone()]), &["split differently"]);
}

#[test]
fn merge_refuses_another_program_fingerprint_first_seed_or_seed_count() {
    let sandbox = Sandbox::new();
    let base = shards(&sandbox, &sweep3(), "a", 2);
    let with = |extra: &[&'static str]| [&sweep3()[..], extra].concat();
    let other_seed = shards(&sandbox, &with(&["--seed", "5"]), "f", 2);
    sandbox.fails(
        &merge(&[base[0].clone(), other_seed[1].clone()]),
        &["`f-2.csv` is not a shard of the same experiment as `a-1.csv`", "seed", "`5`"],
    );
    let seeds: Vec<&str> = sweep3().into_iter().map(|a| if a == "3" { "4" } else { a }).collect();
    let other_seeds = shards(&sandbox, &seeds, "k", 2);
    sandbox.fails(
        &merge(&[base[0].clone(), other_seeds[1].clone()]),
        &["seeds: `3` in `a-1.csv`, `4` in `k-2.csv`"],
    );
    // A shard written by another version of the program, or another model.
    for (key, what) in [("program", "program version"), ("model_fingerprint", "model fingerprint")] {
        let copy = [format!("{key}-1.csv"), format!("{key}-2.csv")];
        for (from, to) in base.iter().zip(&copy) {
            std::fs::copy(sandbox.path(from), sandbox.path(to)).unwrap();
            let mut manifest: serde_json::Value =
                serde_json::from_str(&sandbox.read(&format!("{from}.meta.json"))).unwrap();
            manifest[key] = format!("{} (other)", manifest[key].as_str().unwrap()).into();
            sandbox.write(&format!("{to}.meta.json"), &serde_json::to_string_pretty(&manifest).unwrap());
        }
        sandbox.fails(&merge(&[base[0].clone(), copy[1].clone()]), &[what, "(other)"]);
        // The altered pair alone still merges: only the mix is refused.
        assert_eq!(sandbox.ok(&merge(&copy)), sandbox.ok(&sweep3()), "{key}");
    }
}

#[test]
fn a_shard_with_no_runs_holds_only_its_header_and_merges() {
    let sandbox = Sandbox::new();
    let command = quick(&["--seeds", "2"]);
    let files = shards(&sandbox, &command, "e", 3);
    assert_eq!(sandbox.read(&files[2]), format!("{}\n", csv_header()), "shard 3/3 of 2 runs has none");
    let manifest: serde_json::Value = serde_json::from_str(&sandbox.read("e-3.csv.meta.json")).unwrap();
    assert_eq!(manifest["rows"], 0);
    assert_eq!(sandbox.ok(&merge(&files)), sandbox.ok(&command));
    // Every shard empty but one: a grid of one point, one seed, over 4 shards.
    let single = small(&[
        "sweep",
        "--scenario",
        "partner-state",
        "--vary",
        "state.income_tax=0.2:0.2:1",
        "--seeds",
        "1",
    ]);
    let files = shards(&sandbox, &single, "o", 4);
    assert_eq!(sandbox.ok(&merge(&files)), sandbox.ok(&single));
}

#[test]
fn merge_accepts_crlf_and_bom_copies_of_a_valid_shard() {
    let sandbox = Sandbox::new();
    let files = shards(&sandbox, &sweep3(), "s", 2);
    let whole = sandbox.ok(&sweep3());
    let text = sandbox.read(&files[0]);
    sandbox.write(&files[0], &text.replace('\n', "\r\n"));
    let text = sandbox.read(&files[1]);
    sandbox.write(&files[1], &format!("\u{feff}{text}"));
    assert_eq!(sandbox.ok(&merge(&files)), whole);
}

#[test]
fn a_sweep_over_the_name_merges_and_the_merged_manifest_matches_one_machines() {
    let sandbox = Sandbox::new();
    let command = small(&["sweep", "--scenario", "partner-state", "--vary", "name=1:3:3", "--seeds", "2"]);
    let files = shards(&sandbox, &command, "n", 2);
    sandbox.ok(&[&command[..], &["--out", "whole.csv"]].concat());
    sandbox.ok(&[&merge(&files)[..], &["--out", "merged.csv"]].concat());
    assert_eq!(sandbox.read("merged.csv"), sandbox.read("whole.csv"));
    let manifest = |name: &str| -> serde_json::Value { serde_json::from_str(&sandbox.read(name)).unwrap() };
    let (whole, merged) = (manifest("whole.csv.meta.json"), manifest("merged.csv.meta.json"));
    for key in
        ["settings_digest", "data_digest", "rows", "shard", "scenarios", "model_fingerprint", "program"]
    {
        assert_eq!(whole[key], merged[key], "{key}");
    }
    assert_eq!(whole["shard"], "1/1");
}

// ── bounded inputs ──────────────────────────────────────────────────────

#[test]
fn huge_inputs_are_refused_quickly() {
    let sandbox = Sandbox::new();
    let started = std::time::Instant::now();
    sandbox.fails(
        &["scenario", "/dev/zero"],
        &["cannot read scenario file `/dev/zero`: it is larger than 16 MB"],
    );
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(17 * 1024 * 1024));
    sandbox.write("big.json", &big);
    sandbox.fails(&["scenario", "big.json"], &["larger than 16 MB"]);
    sandbox.write("zero.csv", "");
    sandbox.write("zero.csv.meta.json", "");
    std::fs::remove_file(sandbox.path("zero.csv.meta.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", sandbox.path("zero.csv.meta.json")).unwrap();
    sandbox.fails(&["merge", "zero.csv"], &["larger than 16 MB"]);
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn thread_counts_are_validated_wherever_they_come_from() {
    let sandbox = Sandbox::new();
    for bad in ["5000", "0", "many", "-1"] {
        let finished = sandbox.run_with_env(&quick(&[]), &[("RAYON_NUM_THREADS", bad)]);
        assert_eq!(finished.status, 2, "{bad}");
        assert!(
            finished.stderr.starts_with("error: RAYON_NUM_THREADS takes a whole number from 1 to 1024"),
            "{}",
            finished.stderr
        );
    }
    sandbox.fails(
        &quick(&["--threads", "5000"]),
        &["--threads takes a whole number from 1 to 1024, not `5000`"],
    );
}

#[test]
fn a_large_grids_shard_touches_only_its_points() {
    let sandbox = Sandbox::new();
    let started = std::time::Instant::now();
    let out = sandbox.ok(&[
        "sweep",
        "--scenario",
        "welfare-state",
        "--set",
        "population.citizens=50",
        "--months",
        "1",
        "--vary",
        "state.income_tax=0:0.9:1000",
        "--vary",
        "state.take_up=0:1:1000",
        "--vary",
        "state.training=0:1:10",
        "--seeds",
        "1",
        "--shard",
        "1/1000000",
    ]);
    assert_eq!(data_rows(&out).len(), 10, "10,000,000 points over 1,000,000 shards: 10 here");
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn a_long_runs_chart_keeps_at_most_2400_points_per_series() {
    let sandbox = Sandbox::new();
    let points = |months: &str| -> Vec<usize> {
        let args =
            ["run", "--scenario", "welfare-state", "--set", "population.citizens=20", "--months", months];
        sandbox.ok(&[&args[..], &["--chart", "c.svg"]].concat());
        let svg = sandbox.read("c.svg");
        svg.split("<polyline")
            .skip(1)
            .map(|p| {
                let element = &p[..p.find('>').unwrap()];
                let points = &element[element.find("points=\"").unwrap() + 8..];
                points[..points.find('"').unwrap()].split_whitespace().count()
            })
            .collect()
    };
    // The longest polylines are the series (the others are axes and ticks).
    let long = points("6000").into_iter().max().unwrap();
    assert!((1200..=2400).contains(&long), "6,000 months drawn with {long} points");
    // Below the cap, every month is a point: the count above is the cap's doing.
    assert_eq!(points("2000").into_iter().max(), Some(2001));
}

#[cfg(target_os = "linux")]
#[test]
fn memory_does_not_grow_with_seeds_times_months() {
    let sandbox = Sandbox::new();
    // 128 runs of 2,400 months: a CSV of about 95 MB.
    let mut child = Command::new(env!("CARGO_BIN_EXE_commons-sim"))
        .args(["run", "--scenario", "welfare-state", "--set", "population.citizens=20", "--seeds", "128"])
        .args(["--months", "2400", "--threads", "2", "--quiet", "--out", "big.csv"])
        .current_dir(sandbox.dir.path())
        .spawn()
        .unwrap();
    // The child's peak resident memory (VmHWM), read until it ends.
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    while child.try_wait().unwrap().is_none() {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(line) = text.lines().find(|l| l.starts_with("VmHWM:"))
        {
            peak_kb = peak_kb.max(line.split_whitespace().nth(1).unwrap().parse().unwrap());
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(child.wait().unwrap().success());
    let size = std::fs::metadata(sandbox.path("big.csv")).unwrap().len();
    assert!(size > 90_000_000, "{size} bytes written");
    assert!(peak_kb > 0, "the peak was read");
    // Holding the rows would take twice this; the runs hold one batch.
    assert!(peak_kb < 48 * 1024, "peak {peak_kb} kB for a {size}-byte CSV");
}

#[test]
fn long_runs_spill_to_tmpdir_and_an_unwritable_one_fails_in_one_line() {
    let sandbox = Sandbox::new();
    // One run of 2,400 months: rows beyond the 256 kB kept in memory.
    let long = ["run", "--scenario", "welfare-state", "--set", "population.citizens=20", "--months", "2400"];
    let missing = sandbox.path("missing");
    let finished = sandbox
        .run_with_env(&[&long[..], &["--out", "o.csv"]].concat(), &[("TMPDIR", missing.to_str().unwrap())]);
    assert_eq!(finished.status, 2, "{}", finished.stderr);
    let message = finished.stderr.trim_end();
    assert!(message.starts_with("error: cannot write a temporary file in `"), "{message}");
    assert!(
        message.contains("missing` (the temporary directory, $TMPDIR)") && message.lines().count() == 1,
        "{message}"
    );
    assert!(sandbox.files().is_empty(), "no output and no temporary file: {:?}", sandbox.files());
    // A short run never spills, so it needs no temporary directory.
    let short = ["run", "--scenario", "welfare-state", "--set", "population.citizens=20", "--months", "24"];
    let finished = sandbox
        .run_with_env(&[&short[..], &["--out", "o.csv"]].concat(), &[("TMPDIR", missing.to_str().unwrap())]);
    assert_eq!(finished.status, 0, "{}", finished.stderr);
}

// ── validation that names field and range ───────────────────────────────

#[test]
fn sections_must_be_objects_and_keys_unique() {
    let sandbox = Sandbox::new();
    sandbox.write("array.json", r#"{"population": [50, 3, 2, 1]}"#);
    sandbox.fails(&["scenario", "array.json"], &["population: must be an object", "not an array"]);
    sandbox.write("empty.json", "[]");
    sandbox.fails(&["scenario", "empty.json"], &["a scenario is a JSON object"]);
    sandbox.write(
        "twice.json",
        r#"{"schedule": [{"month": 1, "levers": {"income_tax": 0.1, "income_tax": 0.2}}]}"#,
    );
    sandbox.fails(&["scenario", "twice.json"], &["schedule[0].levers", "duplicate key `income_tax`"]);
}

#[test]
fn whole_number_floats_and_minus_zero_are_accepted() {
    let sandbox = Sandbox::new();
    sandbox.write("floats.json", r#"{"months": 3.0, "seed": -0, "population": {"citizens": 1e3}}"#);
    let scenario = Scenario::from_json(&sandbox.ok(&["scenario", "floats.json"])).unwrap();
    assert_eq!((scenario.months, scenario.seed, scenario.population.citizens), (3, 0, 1000));
    let json = sandbox.ok(&["scenario", "welfare-state", "--set", "population.citizens=1e3", "--seed", "-0"]);
    assert!(json.contains("\"citizens\": 1000"));
}

#[test]
fn type_errors_nan_and_syntax_errors_say_what_is_allowed_and_where() {
    let sandbox = Sandbox::new();
    sandbox.write("nan.json", r#"{"state": {"income_tax": NaN}}"#);
    sandbox.fails(&["scenario", "nan.json"], &["state.income_tax", "allowed 0 to 0.9"]);
    sandbox.write("type.json", r#"{"population": {"citizens": true}}"#);
    sandbox.fails(&["scenario", "type.json"], &["population.citizens: must be a number from 2 to 200000"]);
    sandbox.write("syntax.json", "{\n  \"households\": {\"saving_propensity\": 0.5,,\n}");
    sandbox.fails(&["scenario", "syntax.json"], &["households: JSON syntax error at line 2, column"]);
    sandbox.fails(
        &["run", "--scenario", "welfare-state", "--set", "state.income_tax=Infinity"],
        &["from 0 to 0.9"],
    );
}

#[test]
fn long_values_are_shortened_and_control_characters_escaped() {
    let sandbox = Sandbox::new();
    let long = "z".repeat(100_000);
    let finished = sandbox.run(&["run", "--scenario", &format!("{long}.json")]);
    assert_eq!(finished.status, 2);
    assert!(finished.stderr.len() < 400, "{} bytes", finished.stderr.len());
    assert!(finished.stderr.contains(&format!("{}…", "z".repeat(60))));
    sandbox.fails(&["run", "--scenario", "a\nb\u{1b}[31m.json"], &["a\\nb\\u{1b}[31m.json"]);
    sandbox.write("name.json", &format!("{{\"regime\": \"{long}\"}}"));
    sandbox.fails(&["scenario", "name.json"], &["unknown field"]);
    sandbox.write("key.json", &format!("{{\"households\": {{\"{long}\": 1}}}}"));
    let finished = sandbox.run(&["scenario", "key.json"]);
    assert!(finished.status == 2 && finished.stderr.len() < 2000, "{} bytes", finished.stderr.len());
}

#[test]
fn line_and_paragraph_separators_are_escaped_in_messages() {
    let sandbox = Sandbox::new();
    let finished = sandbox.run(&["run", "--scenario", "a\u{2028}b\u{2029}c.json"]);
    assert_eq!(finished.status, 2);
    assert!(finished.stderr.contains("a\\u{2028}b\\u{2029}c.json"), "{}", finished.stderr);
    assert!(!finished.stderr.contains(['\u{2028}', '\u{2029}']), "{}", finished.stderr);
}

#[test]
fn a_scenario_file_with_a_byte_order_mark_is_read() {
    let sandbox = Sandbox::new();
    let json = sandbox.ok(&["scenario", "welfare-state"]);
    sandbox.write("plain.json", &json);
    sandbox.write("bom.json", &format!("\u{feff}{json}"));
    assert_eq!(sandbox.ok(&["scenario", "bom.json"]), sandbox.ok(&["scenario", "plain.json"]));
}

#[cfg(unix)]
#[test]
fn temporary_files_and_manifests_take_the_data_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |sandbox: &Sandbox, name: &str| {
        std::fs::metadata(sandbox.path(name)).unwrap().permissions().mode() & 0o777
    };
    let sandbox = Sandbox::new();
    sandbox.write("private.csv", "old\n");
    std::fs::set_permissions(sandbox.path("private.csv"), std::fs::Permissions::from_mode(0o600)).unwrap();
    // While a long run is under way, its temporary files are already private.
    let mut child = start_long_run(&sandbox, "private.csv", 3);
    let temporaries: Vec<String> = sandbox.files().into_iter().filter(|f| f.ends_with(".tmp")).collect();
    let modes: Vec<u32> = temporaries.iter().map(|f| mode(&sandbox, f)).collect();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(temporaries.len(), 2, "{temporaries:?}");
    assert_eq!(modes, vec![0o600, 0o600], "{temporaries:?}");
    // The manifest written beside a private file is private too.
    sandbox.ok(&quick(&["--out", "private.csv"]));
    assert_eq!((mode(&sandbox, "private.csv"), mode(&sandbox, "private.csv.meta.json")), (0o600, 0o600));
}

#[test]
fn set_json_values_are_read_strictly_like_scenario_files() {
    let sandbox = Sandbox::new();
    let run = |set: &'static str| small(&["run", "--scenario", "welfare-state", "--set", set]);
    sandbox.fails(
        &run(r#"schedule=[{"month": 6, "levers": {"income_tax": 0.1, "income_tax": 0.2}}]"#),
        &["--set schedule=", "schedule[0].levers", "duplicate key `income_tax`"],
    );
    sandbox.fails(
        &run(r#"schedule=[{"month": 1, "month": 6, "regime": "big-society"}]"#),
        &["schedule[0]", "duplicate key `month`"],
    );
    let range = commons_sim::scenario::params::range(
        commons_sim::scenario::params::spec("state.income_tax").unwrap(),
    );
    sandbox.fails(
        &run(r#"schedule=[{"month": 6, "levers": {"income_tax": NaN}}]"#),
        &["schedule[0].levers.income_tax", &format!("allowed {range}")],
    );
    sandbox.ok(&run(r#"schedule=[{"month": 6, "levers": {"income_tax": 0.2}}]"#));
    sandbox.ok(&run("name={\"a\": 1, \"a\": 1}"));
}

#[test]
fn set_values_apply_together_in_any_order() {
    let sandbox = Sandbox::new();
    let a = [
        "scenario",
        "kinetic-exchange",
        "--set",
        "population.projects=8",
        "--set",
        "population.associations=1",
    ];
    let b = [
        "scenario",
        "kinetic-exchange",
        "--set",
        "population.associations=1",
        "--set",
        "population.projects=8",
    ];
    assert_eq!(sandbox.ok(&a), sandbox.ok(&b));
    // The same path twice: the later value wins, and --months comes after every --set.
    let json = sandbox.ok(&["scenario", "welfare-state", "--set", "months=5", "--set", "months=7"]);
    assert_eq!(Scenario::from_json(&json).unwrap().months, 7);
    let json = sandbox.ok(&["scenario", "welfare-state", "--months", "9", "--set", "months=5"]);
    assert_eq!(Scenario::from_json(&json).unwrap().months, 9);
}

/// Runs `commons-sim ARGS` (no argument may need quoting) on a pseudo
/// terminal made by `script`, in the sandbox, and returns whether it
/// succeeded and what the terminal showed; `None` without `script`. The
/// typescript goes to a file in the sandbox, never to /dev/null.
#[cfg(unix)]
fn on_a_terminal(sandbox: &Sandbox, args: &[&str]) -> Option<(bool, String)> {
    if Command::new("script").arg("--version").output().is_err() {
        return None; // No way to give the command a terminal here.
    }
    let command = format!("{} {}", env!("CARGO_BIN_EXE_commons-sim"), args.join(" "));
    let typescript = sandbox.path("typescript");
    let output = Command::new("script")
        .args(["-qec", &command])
        .arg(&typescript)
        .current_dir(sandbox.dir.path())
        .output()
        .unwrap();
    std::fs::remove_file(&typescript).unwrap();
    Some((output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned()))
}

#[cfg(unix)]
#[test]
fn a_progress_bar_appears_on_a_terminal_after_a_second() {
    let sandbox = Sandbox::new();
    // Runs of two centuries of the preset: four took 0.9 s in the test
    // build on an AMD EPYC, less than the second the bar waits. So sixteen,
    // and sixty-four where sixteen were still too quick to earn a bar; the
    // bar is asked for wherever a run took over 1.5 s.
    let mut command = Vec::new();
    for seeds in ["16", "64"] {
        command = vec![
            "run",
            "--scenario",
            "welfare-state",
            "--seeds",
            seeds,
            "--months",
            "2400",
            "--out",
            "o.csv",
        ];
        let started = std::time::Instant::now();
        let Some((ok, screen)) = on_a_terminal(&sandbox, &command) else { return };
        assert!(ok, "{screen}");
        if started.elapsed() > std::time::Duration::from_millis(1500) {
            assert!(screen.contains("months simulated"), "{screen}");
            break;
        }
    }
    let (_, quiet) = on_a_terminal(&sandbox, &[&command[..], &["--quiet"]].concat()).unwrap();
    assert!(!quiet.contains("months simulated"), "{quiet}");
    // Data on the terminal, through standard output or error: no bar mixed in.
    for out in ["-", "/dev/stderr"] {
        let to_terminal: Vec<&str> = command.iter().map(|&a| if a == "o.csv" { out } else { a }).collect();
        let (ok, screen) = on_a_terminal(&sandbox, &to_terminal).unwrap();
        assert!(ok && screen.contains("welfare-state,4,2400,"), "{out}: the data reached the terminal");
        assert!(!screen.contains("months simulated"), "{out}: no bar");
    }
}

#[cfg(unix)]
#[test]
fn checking_a_large_grid_and_merging_show_progress_bars() {
    let sandbox = Sandbox::new();
    let sweep = |a: &'static str, b: &'static str, extra: &[&'static str]| {
        let base =
            ["sweep", "--scenario", "welfare-state", "--months", "1", "--seeds", "1", "--out", "o.csv"];
        [&base[..], &["--vary", a, "--vary", b], extra].concat()
    };
    // 40,250 axis values, checked one by one before any run: seconds.
    let axes = sweep("state.income_tax=0:0.9:40000", "state.take_up=0:1:250", &["--shard", "1/1000000"]);
    let Some((ok, screen)) = on_a_terminal(&sandbox, &axes) else { return };
    assert!(ok, "{screen}");
    assert!(screen.contains("axis values checked"), "{screen}");
    // About 50,400 grid points checked before the first that breaks a rule
    // (free riders and altruists above 1): seconds, then a refusal. The bar
    // appears only after a second, and a fast host checks 12,600 points in
    // half of one (0.56 s on an AMD EPYC), so the grid is four times that,
    // and the bar is asked for only where the check took long enough.
    let points =
        sweep("cooperation.share_free_riders=0:0.6:100", "cooperation.share_altruists=0:0.5:600", &[]);
    let started = std::time::Instant::now();
    let (ok, screen) = on_a_terminal(&sandbox, &points).unwrap();
    assert!(!ok && screen.contains("error: --vary cooperation.share_free_riders="), "{screen}");
    if started.elapsed() > std::time::Duration::from_millis(1500) {
        assert!(screen.contains("grid points checked"), "{screen}");
    }
    // Merging two large shards.
    let run = [
        "run",
        "--scenario",
        "welfare-state",
        "--set",
        "population.citizens=20",
        "--seeds",
        "128",
        "--months",
        "2400",
    ];
    let files = shards(&sandbox, &run, "s", 2);
    let started = std::time::Instant::now();
    let (ok, screen) = on_a_terminal(&sandbox, &[&merge(&files)[..], &["--out", "m.csv"]].concat()).unwrap();
    assert!(ok, "{screen}");
    // The bar appears only after a second: a machine fast enough to merge
    // in less has nothing to show. The margin is wide: a release build
    // merges these in well under a second, and with the other tests loading
    // both cores, its wall time once passed 1.5 s with nothing on the screen.
    if started.elapsed() > std::time::Duration::from_secs(3) {
        assert!(screen.contains("rows checked") || screen.contains("runs merged"), "{screen}");
    }
    let (_, quiet) =
        on_a_terminal(&sandbox, &[&merge(&files)[..], &["--quiet", "--out", "m.csv"]].concat()).unwrap();
    assert!(!quiet.contains("checked") && !quiet.contains("merged"), "{quiet}");
}

#[test]
fn number_arguments_are_refused_in_one_line() {
    let sandbox = Sandbox::new();
    sandbox.fails(&quick(&["--shard", "-1/2"]), &["--shard takes I/N", "`-1/2`"]);
    sandbox.fails(&quick(&["--seeds", "-3"]), &["--seeds takes a whole number from 1 to"]);
    sandbox.fails(
        &["compare", "welfare-state", "big-society", "--seeds", "x"],
        &["--seeds takes a whole number"],
    );
    sandbox.fails(&["presets", "--threads", "2"], &["--threads"]);
    sandbox.fails(&["merge", "--threads", "2", "a.csv"], &["--threads"]);
    sandbox.fails(&["run"], &["--scenario"]);
    sandbox.fails(&[], &["a command is needed: presets, scenario, run"]);
    sandbox.fails(&["run", "--scenario", "welfare-state", "--bogus"], &["unexpected argument '--bogus'"]);
}

// ── CSV safe in every reader ────────────────────────────────────────────

#[test]
fn names_a_reader_would_misread_are_prefixed() {
    let sandbox = Sandbox::new();
    for (name, written) in [("NA", "\"'NA\""), ("1e5", "\"'1e5\""), ("=HYPERLINK(1)", "\"'=HYPERLINK(1)\"")] {
        let out = sandbox.ok(&quick(&["--set", &format!("name={name}")]));
        let row = data_rows(&out)[0];
        assert!(row.starts_with(&format!("{written},1,0,")), "{row}");
    }
}

#[test]
fn formula_number_and_missing_value_names_are_prefixed_and_quoted() {
    let sandbox = Sandbox::new();
    // Set as JSON strings, so `null` and ` 12 ` stay text.
    for name in
        ["+x", "-x", "@x", "\tx", "\rx", "NaN", "inf", "-inf", "TRUE", "null", " 12 ", "0x1F", "'x", ""]
    {
        let json = serde_json::to_string(name).unwrap();
        let out = sandbox.ok(&quick(&["--set", &format!("name={json}")]));
        let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[0], format!("'{name}"), "{name:?}: written with a leading '");
        let row = data_rows(&out)[0];
        assert!(row.starts_with(&format!("\"'{name}\",")), "{name:?}: quoted, not {row:?}");
    }
    // Plain names stay as they are.
    let out = sandbox.ok(&quick(&["--set", "name=taxed x"]));
    assert!(data_rows(&out)[0].starts_with("taxed x,1,0,"));
}

// ── fuzz: mutated scenarios and arguments ───────────────────────────────

/// A small deterministic generator, so a failure replays.
struct Mutator(u64);

impl Mutator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One random edit of `text`: delete, duplicate or replace a span, or
    /// insert something that often breaks a parser or a range.
    fn mutate(&mut self, text: &str) -> String {
        const PIECES: &[&str] = &[
            "-0",
            "3.0",
            "1e3",
            "1e999",
            "NaN",
            "Infinity",
            "-1",
            "0.5",
            "\"x\"",
            "null",
            "true",
            "[]",
            "{}",
            ",",
            "\"",
            "}",
            "]",
            ":",
            "\n",
            "\u{1b}",
            "\"population\": [1, 2]",
            "\"state\": {\"income_tax\": 0.1}",
            "\"months\": 1",
            "\"seed\": 1",
            "\"schedule\": [{\"month\": 1, \"levers\": {\"training\": 2}}]",
        ];
        let chars: Vec<char> = text.chars().collect();
        let (a, b) = (self.below(chars.len() + 1), self.below(chars.len() + 1));
        let (start, end) = (a.min(b), a.max(b).min(a.min(b) + 12));
        let head: String = chars[..start].iter().collect();
        let middle: String = chars[start..end].iter().collect();
        let tail: String = chars[end..].iter().collect();
        match self.below(4) {
            0 => format!("{head}{tail}"),
            1 => format!("{head}{middle}{middle}{tail}"),
            _ => format!("{head}{}{tail}", PIECES[self.below(PIECES.len())]),
        }
    }
}

/// A small, short scenario text to mutate: every section present.
fn corpus() -> Vec<String> {
    let mut texts: Vec<String> = PRESETS
        .iter()
        .map(|p| {
            let mut s = Scenario::preset(p.name).unwrap();
            s.population.citizens = 40;
            s.population.projects = s.population.projects.min(2);
            s.population.firms = s.population.firms.min(2);
            s.months = 2;
            s.to_json_pretty()
        })
        .collect();
    texts.push(r#"{"months": 2, "population": {"citizens": 30}, "schedule": [{"month": 1, "regime": "big-society"}]}"#.into());
    texts
}

#[test]
fn fuzz_scenarios_through_the_parser_never_panic_and_errors_stay_one_line() {
    let corpus = corpus();
    let mut rng = Mutator(0x5eed_2026);
    let mut parsed = 0;
    for case in 0..4000 {
        let mut text = corpus[case % corpus.len()].clone();
        for _ in 0..rng.below(4) {
            text = rng.mutate(&text);
        }
        let result = Scenario::from_json(&text);
        parsed += usize::from(result.is_ok());
        if let Err(error) = result {
            let message = error.to_string();
            assert!(
                !message.is_empty() && !message.contains('\n') && !message.contains('\u{1b}'),
                "{text}: {message}"
            );
            assert!(message.len() < 2000, "{message}");
        }
    }
    assert!((400..3600).contains(&parsed), "the cases reach both outcomes: {parsed} of 4000 parsed");
}

/// Arguments the command-line fuzz appends, some valid, some not.
const FUZZ_ARGS: &[&str] = &[
    "--seeds",
    "2",
    "0",
    "-1",
    "--shard",
    "1/2",
    "3/2",
    "--set",
    "state.income_tax=0.2",
    "name==x",
    "months=1.5",
    "--months",
    "1",
    "--seed",
    "-0",
    "--out",
    "o.csv",
    "",
    ".",
    "--chart",
    "c.svg",
    "o.csv",
    "--every-month",
    "--vary",
    "state.training=0:1:2",
    "x=1:2",
    "--threads",
    "1",
    "99999",
    "-q",
    "-",
];

/// One fuzz case: a mutated scenario file and an argument list around it.
fn fuzz_case(rng: &mut Mutator, corpus: &[String], case: usize) -> (String, Vec<&'static str>) {
    let mut text = corpus[case % corpus.len()].clone();
    for _ in 0..rng.below(3) {
        text = rng.mutate(&text);
    }
    let mut args: Vec<&str> = match case % 3 {
        0 => vec!["scenario", "f.json"],
        1 => vec!["run", "--scenario", "f.json", "--months", "1"],
        _ => vec![
            "sweep",
            "--scenario",
            "f.json",
            "--seeds",
            "1",
            "--months",
            "1",
            "--vary",
            "state.take_up=0:1:2",
        ],
    };
    for _ in 0..rng.below(3) {
        args.push(FUZZ_ARGS[rng.below(FUZZ_ARGS.len())]);
    }
    (text, args)
}

#[test]
fn fuzz_the_command_line_exits_0_or_2_with_one_line_and_writes_nothing_on_refusal() {
    const CASES: usize = 2400;
    const WORKERS: usize = 4;
    let corpus = corpus();
    let mut rng = Mutator(0xc0ff_ee16);
    let cases: Vec<(String, Vec<&str>)> = (0..CASES).map(|case| fuzz_case(&mut rng, &corpus, case)).collect();
    // Each worker runs every WORKERS-th case in a sandbox of its own.
    let outcomes: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let cases = &cases;
                scope.spawn(move || {
                    let sandbox = Sandbox::new();
                    let (mut ran, mut refused) = (0, 0);
                    for (text, args) in cases.iter().skip(worker).step_by(WORKERS) {
                        sandbox.write("f.json", text);
                        let before = sandbox.files();
                        let finished = sandbox.run(args);
                        assert!(
                            finished.status == 0 || finished.status == 2,
                            "{args:?} exited {}: {}",
                            finished.status,
                            finished.stderr
                        );
                        if finished.status == 0 {
                            ran += 1;
                        } else {
                            refused += 1;
                            let message = finished.stderr.trim_end();
                            assert!(
                                message.starts_with("error: ") && message.lines().count() == 1,
                                "{args:?}: {message}"
                            );
                            assert!(finished.stdout.is_empty(), "{args:?} printed on refusal");
                            assert_eq!(
                                sandbox.files(),
                                before,
                                "{args:?} wrote a file on refusal: {message}"
                            );
                        }
                        for file in sandbox.files() {
                            if file != "f.json" {
                                std::fs::remove_file(sandbox.path(&file)).unwrap();
                            }
                        }
                    }
                    (ran, refused)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let (ran, refused) = outcomes.iter().fold((0, 0), |(a, b), (r, f)| (a + r, b + f));
    assert_eq!(ran + refused, CASES);
    assert!(ran >= 150 && refused >= 240, "the cases reach both outcomes: {ran} ran, {refused} refused");
}

#[test]
fn a_random_seed_is_announced_recorded_and_replays_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.csv");
    let again = dir.path().join("again.csv");
    let output = Command::new(env!("CARGO_BIN_EXE_commons-sim"))
        .args(["run", "--scenario", "kinetic-exchange", "--months", "3", "--seed", "random", "--out"])
        .arg(&first)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let seed: u64 = stderr
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no seed announced in {stderr:?}"));
    let csv = std::fs::read_to_string(&first).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert_eq!(row.split(',').nth(1), Some(seed.to_string().as_str()), "the CSV records the seed drawn");
    let replay = Command::new(env!("CARGO_BIN_EXE_commons-sim"))
        .args([
            "run",
            "--scenario",
            "kinetic-exchange",
            "--months",
            "3",
            "--seed",
            &seed.to_string(),
            "--out",
        ])
        .arg(&again)
        .output()
        .unwrap();
    assert!(replay.status.success());
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&first).unwrap(), "--seed N replays the run");
}
