//! Statistics over seeds for `compare`: mean, quantiles, and the Student t
//! interval of a mean (for paired differences).
//!
//! The t quantile is computed, not tabulated: the t distribution's CDF from
//! the regularised incomplete beta function (a continued fraction, Numerical
//! Recipes §6.4), inverted by bisection. Transcendental functions come from
//! `libm`, like everywhere in the crate.

use commons_sim::stats::quantile_of_sorted;

/// Mean, median and the 2.5% and 97.5% quantiles of some values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub median: f64,
    pub lower: f64,
    pub upper: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Spread {
        let mut sorted = values.to_vec();
        sorted.sort_unstable_by(f64::total_cmp);
        Spread {
            mean: mean(values),
            median: quantile_of_sorted(&sorted, 0.5),
            lower: quantile_of_sorted(&sorted, 0.025),
            upper: quantile_of_sorted(&sorted, 0.975),
        }
    }
}

/// A mean and its 95% interval; the interval is `None` for fewer than two values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeanInterval {
    pub mean: f64,
    pub interval: Option<(f64, f64)>,
}

impl MeanInterval {
    /// mean ± t(0.975, n−1) · s / √n, with s the sample standard deviation.
    pub fn of(values: &[f64]) -> MeanInterval {
        let n = values.len();
        let mean = mean(values);
        if n < 2 {
            return MeanInterval { mean, interval: None };
        }
        let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64;
        let half = student_t_quantile(0.975, (n - 1) as f64) * variance.sqrt() / (n as f64).sqrt();
        MeanInterval { mean, interval: Some((mean - half, mean + half)) }
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// The `p`-quantile (0.5 ≤ p < 1) of Student's t distribution with `df`
/// degrees of freedom.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    let (mut lo, mut hi) = (0.0, 1.0);
    while student_t_cdf(hi, df) < p {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if student_t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// P(T ≤ t) for t ≥ 0.
fn student_t_cdf(t: f64, df: f64) -> f64 {
    1.0 - 0.5 * incomplete_beta(df / (df + t * t), 0.5 * df, 0.5)
}

/// The regularised incomplete beta function I_x(a, b).
fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let log_front =
        libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b) + a * libm::log(x) + b * libm::log(1.0 - x);
    let front = libm::exp(log_front);
    // The continued fraction converges fast for x below the mean a/(a+b);
    // above it, use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(x, a, b) / a
    } else {
        1.0 - front * beta_fraction(1.0 - x, b, a) / b
    }
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    let mut h = d;
    for m in 1..=300 {
        let m = m as f64;
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_the_tables() {
        for (df, expected) in [
            (1.0, 12.706_204_736),
            (2.0, 4.302_652_730),
            (5.0, 2.570_581_836),
            (9.0, 2.262_157_163),
            (29.0, 2.045_229_642),
            (1000.0, 1.962_339_067),
        ] {
            let t = student_t_quantile(0.975, df);
            assert!((t - expected).abs() < 1e-6, "df {df}: {t} vs {expected}");
        }
    }

    #[test]
    fn spread_gives_mean_median_and_quantiles() {
        let values: Vec<f64> = (0..=40).map(f64::from).rev().collect();
        let s = Spread::of(&values);
        assert_eq!((s.mean, s.median, s.lower, s.upper), (20.0, 20.0, 1.0, 39.0));
    }

    #[test]
    fn intervals_need_two_values() {
        assert_eq!(MeanInterval::of(&[3.0]), MeanInterval { mean: 3.0, interval: None });
        let m = MeanInterval::of(&[1.0, 2.0, 3.0]);
        let half = 4.302_652_730 / 3f64.sqrt();
        let (lo, hi) = m.interval.unwrap();
        assert!((lo - (2.0 - half)).abs() < 1e-6 && (hi - (2.0 + half)).abs() < 1e-6);
        let flat = MeanInterval::of(&[0.5, 0.5]);
        assert_eq!(flat.interval, Some((0.5, 0.5)));
    }
}
