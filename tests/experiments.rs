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
