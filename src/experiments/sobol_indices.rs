//! Sobol sensitivity indices from the outputs of a Saltelli design, with
//! SALib's `sobol.analyze` estimators and conventions: outputs standardised
//! first (mean 0, sd 1 over all rows); first order S1 by Saltelli et al.
//! (2010), mean(B·(AB_j − A)) / var(A ∪ B); total ST by Jansen (1999),
//! mean((A − AB_j)²) / 2 var(A ∪ B); second order S2_jk from BA_j and AB_k;
//! 95% intervals ± 1.96 · sd over bootstrap resamples of the base points.

use super::random::Random;
use super::saltelli::{Blocks, separate};
use super::stats::{Z95, mean, sd, variance};

/// One parameter's indices and the half-widths of their 95% intervals.
#[derive(Clone, Debug, PartialEq)]
pub struct Indices {
    pub s1: f64,
    pub s1_conf: f64,
    pub st: f64,
    pub st_conf: f64,
}

/// The indices of every parameter, and S2 `[(j, k, S2, S2_conf)]` for j < k
/// when the design has second-order rows.
pub struct Analysis {
    pub indices: Vec<Indices>,
    pub second_order: Option<Vec<(usize, usize, f64, f64)>>,
}

/// Analyses outputs `y` of a Saltelli design of `d` parameters; `y.len()`
/// must be a multiple of its block size.
pub fn analyze(y: &[f64], d: usize, second_order: bool, resamples: usize, seed: u64) -> Analysis {
    let m = mean(y);
    let s = variance(y).sqrt();
    let standard: Vec<f64> = y.iter().map(|v| if s > 0.0 { (v - m) / s } else { 0.0 }).collect();
    let blocks = separate(&standard, d, second_order);
    let n = blocks.a.len();
    let all: Vec<usize> = (0..n).collect();
    let mut random = Random::new(seed);
    // One set of resampled base points for every index, as SALib.
    let draws: Vec<Vec<usize>> = (0..resamples).map(|_| (0..n).map(|_| random.below(n)).collect()).collect();
    let conf = |estimate: &dyn Fn(&[usize]) -> f64| {
        let values: Vec<f64> = draws.iter().map(|r| estimate(r)).collect();
        if resamples < 2 { f64::NAN } else { Z95 * sd(&values) }
    };
    let b = &blocks;
    let indices = (0..d)
        .map(|j| Indices {
            s1: first_order(b, j, &all),
            s1_conf: conf(&|r| first_order(b, j, r)),
            st: total_order(b, j, &all),
            st_conf: conf(&|r| total_order(b, j, r)),
        })
        .collect();
    let second_order = second_order.then(|| {
        let mut pairs = Vec::new();
        for j in 0..d {
            for k in j + 1..d {
                pairs.push((j, k, second(b, j, k, &all), conf(&|r| second(b, j, k, r))));
            }
        }
        pairs
    });
    Analysis { indices, second_order }
}

/// var(A ∪ B) over base points `rows`, or None when the outputs are
/// constant (SALib then gives 0).
fn pooled_variance(b: &Blocks, rows: &[usize]) -> Option<f64> {
    let pooled: Vec<f64> = rows.iter().map(|&i| b.a[i]).chain(rows.iter().map(|&i| b.b[i])).collect();
    let v = variance(&pooled);
    (v > f64::EPSILON).then_some(v)
}

/// The mean of `term(i)` over base points `rows`.
fn mean_over(rows: &[usize], term: impl Fn(usize) -> f64) -> f64 {
    rows.iter().map(|&i| term(i)).sum::<f64>() / rows.len() as f64
}

fn first_order(b: &Blocks, j: usize, rows: &[usize]) -> f64 {
    let Some(v) = pooled_variance(b, rows) else { return 0.0 };
    mean_over(rows, |i| b.b[i] * (b.ab[j][i] - b.a[i])) / v
}

fn total_order(b: &Blocks, j: usize, rows: &[usize]) -> f64 {
    let Some(v) = pooled_variance(b, rows) else { return 0.0 };
    0.5 * mean_over(rows, |i| {
        let diff = b.a[i] - b.ab[j][i];
        diff * diff
    }) / v
}

fn second(b: &Blocks, j: usize, k: usize, rows: &[usize]) -> f64 {
    let (Some(v), Some(ba)) = (pooled_variance(b, rows), &b.ba) else { return 0.0 };
    mean_over(rows, |i| ba[j][i] * b.ab[k][i] - b.a[i] * b.b[i]) / v
        - first_order(b, j, rows)
        - first_order(b, k, rows)
}
