//! Student's t distribution: its quantile, for the 95% interval of a mean
//! over seeds (`commons-sim compare` and the model's tests use this one
//! function), and the t interval of a mean at any level (the page's map of
//! paired differences).
//!
//! The quantile is computed, not tabulated: the t distribution's CDF from
//! the regularised incomplete beta function (a continued fraction, Numerical
//! Recipes §6.4), inverted by bisection. Transcendental functions come from
//! `libm`, like everywhere in the crate.

/// The `p`-quantile (0.5 ≤ p < 1) of Student's t distribution with `df`
/// degrees of freedom.
pub fn quantile(p: f64, df: f64) -> f64 {
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

/// The mean of `values` and its two-sided t interval at `level` (0.9 for a
/// 90% interval): mean ± t((1 + level) / 2, n − 1) · s / √n, with s the
/// sample standard deviation. `None` for fewer than two values or a level
/// outside (0, 1).
pub fn mean_interval(values: &[f64], level: f64) -> Option<(f64, f64, f64)> {
    let n = values.len();
    if n < 2 || !(level > 0.0 && level < 1.0) {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64;
    let half = quantile(0.5 + 0.5 * level, (n - 1) as f64) * variance.sqrt() / (n as f64).sqrt();
    Some((mean, mean - half, mean + half))
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
            let t = quantile(0.975, df);
            assert!((t - expected).abs() < 1e-6, "df {df}: {t} vs {expected}");
        }
    }

    #[test]
    fn mean_intervals_use_the_t_quantile_of_their_level() {
        // Differences 1, 2, 3, 6: mean 3, s = √(14/3), t(0.95, 3) = 2.353363435.
        let (mean, lo, hi) = mean_interval(&[1.0, 2.0, 3.0, 6.0], 0.9).unwrap();
        let half = 2.353_363_435 * (14.0_f64 / 3.0).sqrt() / 2.0;
        assert!((mean - 3.0).abs() < 1e-12);
        assert!((lo - (3.0 - half)).abs() < 1e-6 && (hi - (3.0 + half)).abs() < 1e-6, "{lo} {hi}");
        // Identical values: an interval of width zero.
        assert_eq!(mean_interval(&[2.0, 2.0, 2.0], 0.9), Some((2.0, 2.0, 2.0)));
        assert_eq!(mean_interval(&[1.0], 0.9), None);
        assert_eq!(mean_interval(&[1.0, 2.0], 1.0), None);
    }
}
