//! Statistics over seeds for `compare`: mean, quantiles, and the Student t
//! interval of a mean (for paired differences), with the t quantile of
//! [`commons_sim::student_t`].

use commons_sim::stats::quantile_of_sorted;
use commons_sim::student_t::mean_interval;

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
    /// mean ± t(0.975, n−1) · s / √n, with s the sample standard deviation
    /// (the library's [`mean_interval`] at 95%).
    pub fn of(values: &[f64]) -> MeanInterval {
        match mean_interval(values, 0.95) {
            Some((mean, lower, upper)) => MeanInterval { mean, interval: Some((lower, upper)) },
            None => MeanInterval { mean: mean(values), interval: None },
        }
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

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
