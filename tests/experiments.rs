//! Docking tests of the experiment estimators on functions whose indices are
//! known analytically: Ishigami and Sobol's G function for Sobol indices, a
//! linear model for Morris's μ*, planted boxes with noise for PRIM.

use commons_sim::experiments::problem::Parameter;
use commons_sim::experiments::random::Random;
use commons_sim::experiments::{elementary_effects, latin, morris, prim, saltelli, sobol_indices};
use std::f64::consts::PI;

fn parameters(ranges: &[(f64, f64)]) -> Vec<Parameter> {
    ranges
        .iter()
        .enumerate()
        .map(|(i, &(lower, upper))| Parameter { name: format!("x{}", i + 1), lower, upper, line: i + 1 })
        .collect()
}

fn ishigami(x: &[f64]) -> f64 {
    let (a, b) = (7.0, 0.1);
    let (s1, s2, x3) = (libm::sin(x[0]), libm::sin(x[1]), x[2]);
    s1 + a * s2 * s2 + b * x3 * x3 * x3 * x3 * s1
}

/// Sobol's G function with coefficients `a` on the unit cube.
fn g_function(x: &[f64], a: &[f64]) -> f64 {
    x.iter().zip(a).map(|(&xi, &ai)| ((4.0 * xi - 2.0).abs() + ai) / (1.0 + ai)).product()
}

/// The G function's analytic S1 and ST.
fn g_indices(a: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let v: Vec<f64> = a.iter().map(|ai| 1.0 / (3.0 * (1.0 + ai) * (1.0 + ai))).collect();
    let total = v.iter().map(|vi| 1.0 + vi).product::<f64>() - 1.0;
    let s1 = v.iter().map(|vi| vi / total).collect();
    let st =
        v.iter().map(|vi| vi * v.iter().map(|vk| 1.0 + vk).product::<f64>() / (1.0 + vi) / total).collect();
    (s1, st)
}

#[test]
fn ishigami_indices_match_the_analytic_values() {
    let p = parameters(&[(-PI, PI); 3]);
    let design = saltelli::sample(&p, 4096, true, 11).unwrap();
    let y: Vec<f64> = design.iter().map(|x| ishigami(x)).collect();
    let analysis = sobol_indices::analyze(&y, 3, true, 100, 5);
    let (s1, st) = ([0.3139, 0.4424, 0.0], [0.5576, 0.4424, 0.2437]);
    for (j, got) in analysis.indices.iter().enumerate() {
        assert!((got.s1 - s1[j]).abs() < 0.04, "S1[{j}] = {} (± {})", got.s1, got.s1_conf);
        assert!((got.st - st[j]).abs() < 0.04, "ST[{j}] = {} (± {})", got.st, got.st_conf);
        // The bootstrap interval is an honest measure of that error.
        assert!(got.s1_conf > 0.0 && got.s1_conf < 0.1 && got.st_conf > 0.0 && got.st_conf < 0.1);
        assert!((got.s1 - s1[j]).abs() < 3.0 * got.s1_conf + 0.015, "S1[{j}] within its interval");
    }
    // Only x1 and x3 interact: S2_13 = ST_3 (0.2437); the others are 0.
    let s2 = analysis.second_order.unwrap();
    assert_eq!(s2.iter().map(|&(j, k, _, _)| (j, k)).collect::<Vec<_>>(), vec![(0, 1), (0, 2), (1, 2)]);
    assert!((s2[1].2 - 0.2437).abs() < 0.08, "S2_13 = {}", s2[1].2);
    assert!(s2[0].2.abs() < 0.08 && s2[2].2.abs() < 0.08, "{s2:?}");
}

#[test]
fn g_function_indices_match_the_analytic_values() {
    let a = [0.0, 1.0, 4.5, 9.0, 99.0, 99.0];
    let p = parameters(&[(0.0, 1.0); 6]);
    let design = saltelli::sample(&p, 2048, false, 3).unwrap();
    assert_eq!(design.len(), 2048 * 8);
    let y: Vec<f64> = design.iter().map(|x| g_function(x, &a)).collect();
    let analysis = sobol_indices::analyze(&y, 6, false, 50, 1);
    assert!(analysis.second_order.is_none());
    let (s1, st) = g_indices(&a);
    for (j, got) in analysis.indices.iter().enumerate() {
        assert!((got.s1 - s1[j]).abs() < 0.04, "S1[{j}] = {}, analytic {}", got.s1, s1[j]);
        assert!((got.st - st[j]).abs() < 0.04, "ST[{j}] = {}, analytic {}", got.st, st[j]);
    }
}

#[test]
fn morris_mu_star_of_a_linear_model_is_coefficient_times_range() {
    let ranges = [(0.0, 1.0), (-2.0, 2.0), (10.0, 20.0), (0.0, 0.5)];
    let coefficients = [3.0, -1.5, 0.2, 0.0];
    let p = parameters(&ranges);
    for levels in [4, 6] {
        let design = morris::sample(&p, 20, levels, 7);
        let y: Vec<f64> =
            design.iter().map(|x| x.iter().zip(&coefficients).map(|(x, c)| x * c).sum()).collect();
        let result = elementary_effects::analyze(&design, &y, levels, 200, 2);
        for (j, m) in result.iter().enumerate() {
            let expected = coefficients[j] * (ranges[j].1 - ranges[j].0);
            assert!((m.mu - expected).abs() < 1e-9, "mu[{j}] = {}, expected {expected}", m.mu);
            assert!((m.mu_star - expected.abs()).abs() < 1e-9, "mu*[{j}] = {}", m.mu_star);
            assert!(m.sigma.abs() < 1e-9 && m.mu_star_conf.abs() < 1e-9, "a linear model has no spread");
        }
    }
}

#[test]
fn morris_ranks_ishigami_parameters_and_sees_the_interaction() {
    let p = parameters(&[(-PI, PI); 3]);
    let design = morris::sample(&p, 200, 4, 1);
    let y: Vec<f64> = design.iter().map(|x| ishigami(x)).collect();
    let m = elementary_effects::analyze(&design, &y, 4, 100, 1);
    assert!(m[0].mu_star > 0.0 && m[1].mu_star > 0.0 && m[2].mu_star > 0.0);
    // x3 acts only through its interaction with x1: μ ≈ 0 but σ > 0.
    assert!(m[2].sigma > 3.0 * m[2].mu.abs(), "{:?}", m[2]);
}

#[test]
fn prim_finds_a_planted_box_through_noise() {
    // Outcome 1 in 0.2 ≤ x1 ≤ 0.5 and x3 ≥ 0.6 (x2, x4 irrelevant), with 5%
    // of labels flipped.
    let p = parameters(&[(0.0, 1.0); 4]);
    let x = latin::sample(&p, 4000, 2);
    let mut noise = Random::new(9);
    let y: Vec<bool> = x
        .iter()
        .map(|r| {
            let planted = (0.2..=0.5).contains(&r[0]) && r[2] >= 0.6;
            if noise.uniform() < 0.05 { !planted } else { planted }
        })
        .collect();
    let ranges = vec![(0.0, 1.0); 4];
    let found = prim::discover(&x, &y, &ranges, &prim::Settings::default());
    assert_eq!(found.len(), 1);
    let b = &found[0];
    assert_eq!(b.restricted, vec![true, false, true, false], "{b:?}");
    assert!((b.bounds[0].0 - 0.2).abs() < 0.05 && (b.bounds[0].1 - 0.5).abs() < 0.05, "{:?}", b.bounds);
    assert!((b.bounds[2].0 - 0.6).abs() < 0.05, "{:?}", b.bounds);
    // 28% of the 1s are noise outside the box: coverage near 0.72 is all there is.
    assert!(b.quality.density > 0.85 && b.quality.coverage > 0.6, "{:?}", b.quality);
    // The trajectory starts from the whole space and trades coverage for density.
    let first = &b.trajectory[0];
    assert_eq!((first.quality.coverage, first.quality.mass, first.restricted), (1.0, 1.0, 0));
    let last = b.trajectory.last().unwrap();
    assert!(last.quality.density > first.quality.density && last.quality.coverage < 1.0);
}

#[test]
fn prim_covers_two_planted_boxes_one_after_the_other() {
    let p = parameters(&[(0.0, 1.0); 3]);
    let x = latin::sample(&p, 4000, 4);
    let y: Vec<bool> = x.iter().map(|r| (r[0] < 0.25 && r[1] < 0.4) || (r[0] > 0.7 && r[2] > 0.7)).collect();
    let settings = prim::Settings { boxes: 3, ..prim::Settings::default() };
    let found = prim::discover(&x, &y, &[(0.0, 1.0); 3], &settings);
    assert!(found.len() >= 2, "{found:?}");
    let total: f64 = found.iter().take(2).map(|b| b.quality.coverage).sum();
    assert!(total > 0.8, "two boxes cover most 1s: {total}");
    assert!(found.iter().take(2).all(|b| b.quality.density > 0.9), "{found:?}");
}

/// The experiment commands as a user runs them: formats, determinism,
/// shards and every error path.
#[cfg(not(target_arch = "wasm32"))]
mod commands {
    use super::ishigami;
    use std::path::Path;
    use std::process::Command;

    /// Small and short, so a run takes milliseconds in the test build.
    const SMALL: [&str; 4] = ["--set", "population.citizens=150", "--months", "14"];
    const RANGES: &str = "# a comment line\nstate.income_tax 0.1 0.5\ncommons.fork_threshold, 0.2, 0.8\npopulation.firms 5 20\n";

    struct Finished {
        status: i32,
        stdout: String,
        stderr: String,
    }

    fn run(dir: &Path, args: &[&str]) -> Finished {
        let output = Command::new(env!("CARGO_BIN_EXE_commons-sim"))
            .args(args)
            .env_remove("RAYON_NUM_THREADS")
            .current_dir(dir)
            .output()
            .expect("the binary starts");
        let finished = Finished {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        };
        assert!(!finished.stderr.contains("panicked"), "{args:?} panicked: {}", finished.stderr);
        finished
    }

    fn ok(dir: &Path, args: &[&str]) -> String {
        let finished = run(dir, args);
        assert_eq!(finished.status, 0, "{args:?} failed: {}", finished.stderr);
        finished.stdout
    }

    /// Fails with status 2 and one line holding every one of `expected`.
    fn fails(dir: &Path, args: &[&str], expected: &[&str]) {
        let finished = run(dir, args);
        assert_eq!(finished.status, 2, "{args:?} should exit 2: {}", finished.stderr);
        let message = finished.stderr.trim_end();
        assert!(message.starts_with("error: ") && !message.contains('\n'), "{message}");
        for part in expected {
            assert!(message.contains(part), "{args:?}: `{message}` lacks `{part}`");
        }
    }

    /// For each `(text, expected)`: `name` holding `text` makes `args` fail with `expected`.
    fn each_fails(dir: &Path, name: &str, cases: &[(&str, &[&str])], args: &[&str]) {
        for (text, expected) in cases {
            std::fs::write(dir.join(name), text).unwrap();
            fails(dir, args, expected);
        }
    }

    fn read(dir: &Path, name: &str) -> String {
        std::fs::read_to_string(dir.join(name)).unwrap()
    }

    fn rows(text: &str) -> Vec<Vec<f64>> {
        text.lines().map(|l| l.split_whitespace().map(|v| v.parse().unwrap()).collect()).collect()
    }

    fn sandbox() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ranges.txt"), RANGES).unwrap();
        dir
    }

    #[test]
    fn every_experiment_command_has_help_with_an_example() {
        let dir = sandbox();
        for command in ["sample", "evaluate", "analyze", "discover"] {
            let help = ok(dir.path(), &[command, "--help"]);
            assert!(help.contains("Example") && help.contains(&format!("commons-sim {command}")), "{help}");
        }
    }

    #[test]
    fn sample_writes_salibs_layouts_deterministically() {
        let dir = sandbox();
        let d = dir.path();
        let sobol =
            ok(d, &["sample", "--method", "sobol", "--params", "ranges.txt", "-n", "8", "--seed", "4"]);
        assert_eq!(rows(&sobol).len(), 8 * (2 * 3 + 2));
        assert_eq!(
            sobol,
            ok(d, &["sample", "--method", "sobol", "--params", "ranges.txt", "-n", "8", "--seed", "4"])
        );
        assert_ne!(
            sobol,
            ok(d, &["sample", "--method", "sobol", "--params", "ranges.txt", "-n", "8", "--seed", "5"])
        );
        let first =
            ok(d, &["sample", "--method", "sobol", "--params", "ranges.txt", "-n", "8", "--no-second-order"]);
        assert_eq!(rows(&first).len(), 8 * (3 + 2));
        let morris =
            ok(d, &["sample", "--method", "morris", "--params", "ranges.txt", "-n", "5", "--levels", "6"]);
        assert_eq!(rows(&morris).len(), 5 * 4);
        ok(d, &["sample", "--method", "lhs", "--params", "ranges.txt", "-n", "7", "--out", "lhs.txt"]);
        let lhs = rows(&read(d, "lhs.txt"));
        assert_eq!(lhs.len(), 7);
        for row in rows(&sobol).iter().chain(&lhs) {
            assert_eq!(row.len(), 3);
            assert!(
                (0.1..=0.5).contains(&row[0])
                    && (0.2..=0.8).contains(&row[1])
                    && (5.0..=20.0).contains(&row[2])
            );
        }
    }

    #[test]
    fn bad_ranges_name_the_file_line_and_field_and_write_nothing() {
        let dir = sandbox();
        let d = dir.path();
        let cases: [(&str, &[&str]); 6] = [
            (
                "state.income_tax 0.1 0.5\nstate.bogus 0 1\n",
                &["`bad.txt` line 2, state.bogus", "not a parameter"],
            ),
            ("state.income_tax 0.5 0.1\n", &["line 1, lower", "must be below"]),
            ("state.income_tax 0.1 7\n", &["line 1, state.income_tax", "leaves the allowed range"]),
            ("population.firms 5.5 20\n", &["line 1, population.firms", "whole numbers"]),
            ("state.income_tax 0.1 high\n", &["line 1, upper", "`high` is not a number"]),
            ("seed 1 10\n", &["line 1, seed", "--seeds"]),
        ];
        let args = ["sample", "--method", "lhs", "--params", "bad.txt", "-n", "4", "--out", "design.txt"];
        each_fails(d, "bad.txt", &cases, &args);
        assert!(!d.join("design.txt").exists(), "nothing partial is written");
        fails(
            d,
            &["sample", "--method", "fast", "--params", "ranges.txt", "-n", "4"],
            &["--method", "sobol, morris or lhs"],
        );
        fails(
            d,
            &["sample", "--method", "morris", "--params", "ranges.txt", "-n", "4", "--levels", "5"],
            &["even"],
        );
        fails(
            d,
            &["sample", "--method", "lhs", "--params", "none.txt", "-n", "4"],
            &["cannot read parameter file `none.txt`"],
        );
        let ten: String = (1..=10).map(|i| format!("x{i} 0 1\n")).collect();
        std::fs::write(d.join("ten.txt"), ten).unwrap();
        let huge = ["sample", "--method", "sobol", "--any-names", "--params", "ten.txt", "-n", "1000000"];
        fails(d, &huge, &["22000000 rows of 10 parameters", "sample fewer"]);
    }

    fn evaluate_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec![
            "evaluate",
            "--scenario",
            "partner-state",
            "--params",
            "ranges.txt",
            "--design",
            "design.txt",
        ];
        args.extend(SMALL);
        args.extend([
            "--seeds",
            "2",
            "--outcome",
            "commons_knowledge",
            "--outcome",
            "gini_wealth",
            "--final-months",
            "6",
        ]);
        args.extend_from_slice(extra);
        args
    }

    #[test]
    fn evaluate_is_the_same_for_any_thread_count_and_shards_concatenate() {
        let dir = sandbox();
        let d = dir.path();
        ok(d, &["sample", "--method", "lhs", "--params", "ranges.txt", "-n", "7", "--out", "design.txt"]);
        ok(d, &evaluate_args(&["--out", "outputs.txt"]));
        let outputs = read(d, "outputs.txt");
        let table = rows(&outputs);
        assert_eq!(table.len(), 7);
        assert!(table.iter().all(|r| r.len() == 2 && r.iter().all(|v| v.is_finite())));
        assert!(table.iter().all(|r| (0.0..=1.0).contains(&r[1])), "the Gini is a share");
        assert_eq!(ok(d, &evaluate_args(&["--threads", "1"])), outputs, "one thread writes the same bytes");
        let shards: String = (1..=3)
            .map(|i| ok(d, &evaluate_args(&["--shard", &format!("{i}/3")])))
            .collect::<Vec<_>>()
            .concat();
        assert_eq!(shards, outputs, "shards in order are the whole");
    }

    #[test]
    fn evaluate_versus_writes_paired_differences() {
        let dir = sandbox();
        let d = dir.path();
        ok(d, &["sample", "--method", "lhs", "--params", "ranges.txt", "-n", "3", "--out", "design.txt"]);
        let a = rows(&ok(d, &evaluate_args(&[])));
        let mut b_args = evaluate_args(&[]);
        b_args[2] = "big-society";
        let b = rows(&ok(d, &b_args));
        let diff = rows(&ok(d, &evaluate_args(&["--versus", "big-society"])));
        for ((a, b), diff) in a.iter().zip(&b).zip(&diff) {
            for k in 0..2 {
                assert!(
                    (a[k] - b[k] - diff[k]).abs() <= 1e-9 * (1.0 + a[k].abs()),
                    "{a:?} − {b:?} ≠ {diff:?}"
                );
            }
        }
    }

    #[test]
    fn evaluate_reports_a_bad_row_before_running_and_writes_nothing() {
        let dir = sandbox();
        let d = dir.path();
        let bad_rows: [(&str, &[&str]); 3] = [
            (
                "0.2 0.5 10\n0.3 0.5 12\n\n0.9 0.5 12\n",
                &["`design.txt` line 4", "state.income_tax: 0.9 is outside its range"],
            ),
            ("0.2 0.5 10\n0.3 0.5\n", &["`design.txt` line 2, row", "expected 3"]),
            ("0.2 0.5 10\n0.3 x 10\n", &["`design.txt` line 2, column 2", "`x` is not a number"]),
        ];
        each_fails(d, "design.txt", &bad_rows, &evaluate_args(&["--out", "out.txt"]));
        std::fs::write(d.join("design.txt"), "0.2 0.5 10\n").unwrap();
        fails(d, &evaluate_args(&["--outcome", "happiness"]), &["--outcome happiness", "commons_knowledge"]);
        let mut long = evaluate_args(&[]);
        let w = long.iter().position(|&a| a == "--final-months").unwrap() + 1;
        long[w] = "40";
        fails(d, &long, &["line 1", "--final-months 40 is longer than the run"]);
        assert!(!d.join("out.txt").exists());
    }

    /// Writes Ishigami's outputs for a design file.
    fn ishigami_outputs(dir: &Path, design: &str, outputs: &str) {
        let text: String = rows(&read(dir, design)).iter().map(|x| format!("{}\n", ishigami(x))).collect();
        std::fs::write(dir.join(outputs), text).unwrap();
    }

    #[test]
    fn analyze_docks_on_ishigami_through_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("ishigami.txt"), "x1 -3.141592653589793 3.141592653589793\nx2 -3.141592653589793 3.141592653589793\nx3 -3.141592653589793 3.141592653589793\n").unwrap();
        let files = ["--params", "ishigami.txt", "--design", "design.txt", "--outputs", "y.txt"];
        ok(
            d,
            &[
                "sample",
                "--method",
                "sobol",
                "--any-names",
                "--params",
                "ishigami.txt",
                "-n",
                "1024",
                "--out",
                "design.txt",
            ],
        );
        ishigami_outputs(d, "design.txt", "y.txt");
        let mut args = vec!["analyze", "--method", "sobol", "--s2", "s2.csv", "--out", "indices.csv"];
        args.extend(files);
        ok(d, &args);
        let indices = read(d, "indices.csv");
        let mut lines = indices.lines();
        assert_eq!(lines.next(), Some("parameter,S1,S1_conf,ST,ST_conf"));
        let (s1, st) = ([0.3139, 0.4424, 0.0], [0.5576, 0.4424, 0.2437]);
        for (j, line) in lines.enumerate() {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(f[0], format!("x{}", j + 1));
            let v: Vec<f64> = f[1..].iter().map(|x| x.parse().unwrap()).collect();
            assert!((v[0] - s1[j]).abs() < 0.06 && (v[2] - st[j]).abs() < 0.06, "{line}");
        }
        assert_eq!(read(d, "s2.csv").lines().count(), 4);
        let mut charted = args.clone();
        charted.extend(["--chart", "sobol.png"]);
        ok(d, &charted);
        assert!(std::fs::read(d.join("sobol.png")).unwrap().starts_with(b"\x89PNG"));
        assert_eq!(read(d, "indices.csv"), indices, "a chart changes no index");
        args[3] = "--seed";
        args[4] = "1";
        assert_eq!(ok(d, &args[..]).len(), 0, "an --out run prints nothing");
        // A row out of Saltelli's place is named.
        let mut design = read(d, "design.txt").lines().map(str::to_string).collect::<Vec<_>>();
        design.swap(9, 10);
        std::fs::write(d.join("design.txt"), design.join("\n") + "\n").unwrap();
        let mut bad = vec!["analyze", "--method", "sobol"];
        bad.extend(files);
        fails(d, &bad, &["`design.txt` line 10", "Saltelli"]);
        std::fs::write(d.join("y.txt"), "1\n2\n").unwrap();
        fails(d, &bad, &["`y.txt` has 2 rows", "8192"]);
    }

    #[test]
    fn morris_and_discover_through_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("r.txt"), "a 0 1\nb -2 2\nc 10 20\n").unwrap();
        ok(
            d,
            &[
                "sample",
                "--method",
                "morris",
                "--any-names",
                "--params",
                "r.txt",
                "-n",
                "10",
                "--out",
                "m.txt",
            ],
        );
        let y: String =
            rows(&read(d, "m.txt")).iter().map(|x| format!("{} 1\n", 3.0 * x[0] - 1.5 * x[1])).collect();
        std::fs::write(d.join("y.txt"), y).unwrap();
        let out = ok(
            d,
            &[
                "analyze",
                "--method",
                "morris",
                "--params",
                "r.txt",
                "--design",
                "m.txt",
                "--outputs",
                "y.txt",
            ],
        );
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("parameter,mu,mu_star,sigma,mu_star_conf"));
        let mu_star: Vec<f64> = lines.map(|l| l.split(',').nth(2).unwrap().parse().unwrap()).collect();
        for (got, expected) in mu_star.iter().zip([3.0, 6.0, 0.0]) {
            assert!((got - expected).abs() < 1e-9, "{mu_star:?}");
        }
        let mut broken = read(d, "m.txt");
        broken = broken.replacen('\n', "\n9 9 9\n", 1);
        std::fs::write(d.join("broken.txt"), broken.lines().take(40).collect::<Vec<_>>().join("\n") + "\n")
            .unwrap();
        fails(
            d,
            &[
                "analyze",
                "--method",
                "morris",
                "--params",
                "r.txt",
                "--design",
                "broken.txt",
                "--outputs",
                "y.txt",
            ],
            &["`broken.txt` line 2", "several"],
        );

        // A planted box: the output is high for a < 0.3 and c > 15.
        ok(
            d,
            &[
                "sample",
                "--method",
                "lhs",
                "--any-names",
                "--params",
                "r.txt",
                "-n",
                "2000",
                "--out",
                "x.txt",
            ],
        );
        let y: String = rows(&read(d, "x.txt"))
            .iter()
            .map(|x| format!("{}\n", if x[0] < 0.3 && x[2] > 15.0 { 5.0 } else { -1.0 }))
            .collect();
        std::fs::write(d.join("out.txt"), y).unwrap();
        let files = ["--params", "r.txt", "--design", "x.txt", "--outputs", "out.txt"];
        let mut args = vec!["discover", "--threshold", "0", "--trajectory", "t.csv", "--out", "boxes.csv"];
        args.extend(files);
        ok(d, &args);
        let boxes = read(d, "boxes.csv");
        let lines: Vec<Vec<&str>> = boxes.lines().skip(1).map(|l| l.split(',').collect()).collect();
        assert_eq!(boxes.lines().next(), Some("box,coverage,density,mass,parameter,lower,upper"));
        assert_eq!(lines.iter().map(|l| l[4]).collect::<Vec<_>>(), vec!["a", "c"], "{boxes}");
        let (a_upper, c_lower): (f64, f64) = (lines[0][6].parse().unwrap(), lines[1][5].parse().unwrap());
        assert!((a_upper - 0.3).abs() < 0.02 && (c_lower - 15.0).abs() < 0.2, "{boxes}");
        let density: f64 = lines[0][2].parse().unwrap();
        assert!(density > 0.95, "{boxes}");
        assert!(read(d, "t.csv").starts_with("box,step,coverage,density,mass,restricted\n1,0,1,"));
        args.extend(["--chart", "peeling.svg"]);
        ok(d, &args);
        assert!(read(d, "peeling.svg").contains("<svg"));
        let mut morris = vec!["analyze", "--method", "morris", "--params", "r.txt", "--design", "m.txt"];
        morris.extend(["--outputs", "y.txt", "--chart", "m.svg"]);
        ok(d, &morris);
        assert!(read(d, "m.svg").contains("<svg"));
        let mut no_threshold = vec!["discover"];
        no_threshold.extend(files);
        fails(d, &no_threshold, &["`out.txt` line 1", "not 0 or 1", "--threshold"]);
    }

    fn manifest(dir: &Path, name: &str) -> serde_json::Value {
        serde_json::from_str(&read(dir, &format!("{name}.meta.json"))).unwrap()
    }

    #[test]
    fn every_experiment_file_has_its_manifest() {
        let dir = sandbox();
        let d = dir.path();
        ok(d, &["sample", "--method", "sobol", "--params", "ranges.txt", "-n", "4", "--out", "design.txt"]);
        let sample = manifest(d, "design.txt");
        assert_eq!(sample["command"], "sample");
        assert_eq!(sample["rows"], 4 * 8);
        assert_eq!(sample["settings"]["method"], "sobol");
        assert_eq!(sample["settings"]["sampler_seed"], "1");
        let ranges_digest = sample["settings"]["ranges_digest"].clone();
        assert!(sample["program"].as_str().unwrap().starts_with("commons-sim "));
        assert!(sample["arguments"].as_array().unwrap().iter().any(|a| a == "--method"));
        ok(d, &evaluate_args(&["--out", "outputs.txt", "--shard", "1/1"]));
        let evaluate = manifest(d, "outputs.txt");
        assert_eq!(evaluate["command"], "evaluate");
        assert_eq!(evaluate["rows"], 32);
        assert_eq!(evaluate["seeds"], 2);
        assert_eq!(evaluate["months"], 14);
        assert_eq!(evaluate["shard"], "1/1");
        assert_eq!(evaluate["scenarios"][0]["population"]["citizens"], 150, "the scenario in full");
        assert_eq!(evaluate["settings"]["ranges_digest"], ranges_digest);
        assert_eq!(evaluate["settings"]["design_digest"], sample["data_digest"]);
        assert_eq!(evaluate["settings"]["outcomes"], "commons_knowledge,gini_wealth");
        assert_eq!(evaluate["model_fingerprint"].as_str().map(str::len), Some(16));
        let files = ["--params", "ranges.txt", "--design", "design.txt", "--outputs", "outputs.txt"];
        let mut analyze = vec!["analyze", "--method", "sobol", "--s2", "s2.csv", "--chart", "s.svg"];
        analyze.extend(files);
        analyze.extend(["--out", "indices.csv"]);
        ok(d, &analyze);
        for (name, rows) in [("indices.csv", 3), ("s2.csv", 3), ("s.svg", 0)] {
            let m = manifest(d, name);
            assert_eq!((m["command"].as_str(), m["rows"].as_u64()), (Some("analyze"), Some(rows)), "{name}");
            assert_eq!(m["settings"]["outputs_digest"], evaluate["data_digest"], "{name}");
        }
        let mut discover = vec!["discover", "--threshold", "0.5", "--trajectory", "t.csv", "--out", "b.csv"];
        discover.extend(files);
        ok(d, &discover);
        for name in ["b.csv", "t.csv"] {
            let m = manifest(d, name);
            assert_eq!(m["command"], "discover");
            assert_eq!(m["settings"]["threshold"], "0.5");
            assert_eq!(m["settings"]["design_digest"], sample["data_digest"]);
        }
    }

    #[test]
    fn merge_joins_evaluate_shards_into_the_unsharded_file() {
        let dir = sandbox();
        let d = dir.path();
        ok(d, &["sample", "--method", "lhs", "--params", "ranges.txt", "-n", "7", "--out", "design.txt"]);
        ok(d, &evaluate_args(&["--out", "whole.txt"]));
        for i in 1..=3 {
            let (shard, out) = (format!("{i}/3"), format!("part{i}.txt"));
            ok(d, &evaluate_args(&["--shard", &shard, "--out", &out, "--threads", "1"]));
        }
        ok(d, &["merge", "--out", "merged.txt", "part3.txt", "part1.txt", "part2.txt"]);
        assert_eq!(read(d, "merged.txt"), read(d, "whole.txt"), "byte for byte");
        let (merged, whole) = (manifest(d, "merged.txt"), manifest(d, "whole.txt"));
        for key in ["settings_digest", "data_digest", "rows", "shard", "settings", "scenarios"] {
            assert_eq!(merged[key], whole[key], "{key}");
        }
        assert_eq!(ok(d, &["merge", "part1.txt", "part2.txt", "part3.txt"]), read(d, "whole.txt"));

        fails(d, &["merge", "part1.txt", "part3.txt"], &["shard 2/3 is missing"]);
        fails(
            d,
            &["merge", "part1.txt", "part2.txt", "part2.txt", "part3.txt"],
            &["shard 2/3 is given twice"],
        );
        fails(d, &["merge", "part1.txt", "whole.txt"], &["split differently"]);
        std::fs::copy(d.join("part2.txt"), d.join("cut.txt")).unwrap();
        std::fs::copy(d.join("part2.txt.meta.json"), d.join("cut.txt.meta.json")).unwrap();
        let text = read(d, "part2.txt");
        std::fs::write(d.join("cut.txt"), &text[..text.len() - 3]).unwrap();
        fails(d, &["merge", "part1.txt", "cut.txt", "part3.txt"], &["`cut.txt`", "cut or changed"]);
        let mut lines: Vec<&str> = text.lines().collect();
        lines.pop();
        std::fs::write(d.join("cut.txt"), lines.iter().map(|l| format!("{l}\n")).collect::<String>())
            .unwrap();
        fails(
            d,
            &["merge", "part1.txt", "cut.txt", "part3.txt"],
            &["`cut.txt`", "whole rows where its manifest"],
        );
        std::fs::write(d.join("cut.txt"), text.replacen('1', "2", 1)).unwrap();
        fails(d, &["merge", "part1.txt", "cut.txt", "part3.txt"], &["`cut.txt`", "does not hold what"]);
        std::fs::remove_file(d.join("cut.txt.meta.json")).unwrap();
        fails(d, &["merge", "part1.txt", "cut.txt", "part3.txt"], &["`cut.txt` has no manifest"]);

        // Shards of other experiments, each refused naming what differs.
        let other = |name: &str, extra: &[&str]| {
            let mut args = evaluate_args(&["--shard", "2/3", "--out", name]);
            args.extend_from_slice(extra);
            ok(d, &args);
        };
        let mut months = evaluate_args(&["--shard", "2/3", "--out", "months.txt"]);
        let at = months.iter().position(|&a| a == "--final-months").unwrap() + 1;
        months[at] = "5";
        ok(d, &months);
        fails(d, &["merge", "part1.txt", "months.txt", "part3.txt"], &["final_months", "`6`", "`5`"]);
        other("versus.txt", &["--versus", "big-society"]);
        fails(d, &["merge", "part1.txt", "versus.txt", "part3.txt"], &["number of scenarios"]);
        other("scenario.txt", &["--set", "state.civic_appeal=0.25"]);
        fails(
            d,
            &["merge", "part1.txt", "scenario.txt", "part3.txt"],
            &["scenario field state.civic_appeal"],
        );
        std::fs::write(d.join("wide.txt"), RANGES.replace("0.1 0.5", "0.05 0.5")).unwrap();
        let mut wide = evaluate_args(&["--shard", "2/3", "--out", "ranges2.txt"]);
        wide[4] = "wide.txt";
        ok(d, &wide);
        fails(d, &["merge", "part1.txt", "ranges2.txt", "part3.txt"], &["ranges_digest"]);
        ok(
            d,
            &[
                "sample",
                "--method",
                "lhs",
                "--params",
                "ranges.txt",
                "-n",
                "7",
                "--seed",
                "2",
                "--out",
                "design.txt",
            ],
        );
        other("design2.txt", &[]);
        fails(d, &["merge", "part1.txt", "design2.txt", "part3.txt"], &["design_digest"]);
        let meta = read(d, "part2.txt.meta.json");
        std::fs::copy(d.join("part2.txt"), d.join("old.txt")).unwrap();
        let program = format!("\"program\": \"commons-sim {}\"", env!("CARGO_PKG_VERSION"));
        std::fs::write(
            d.join("old.txt.meta.json"),
            meta.replace(&program, "\"program\": \"commons-sim 0.0.1\""),
        )
        .unwrap();
        fails(d, &["merge", "part1.txt", "old.txt", "part3.txt"], &["program version", "commons-sim 0.0.1"]);
    }
}
