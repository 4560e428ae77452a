//! The few statistics the estimators share, with numpy's conventions
//! (`var` divides by n, `std(ddof=1)` by n − 1), so that our indices are
//! SALib's to rounding.

/// The standard normal's 97.5% quantile: a 95% interval is ± Z95 · sd.
pub const Z95: f64 = 1.959_963_984_540_054;

pub fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

/// Variance dividing by n (numpy's `var`).
pub fn variance(x: &[f64]) -> f64 {
    let m = mean(x);
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / x.len() as f64
}

/// Standard deviation dividing by n − 1 (numpy's `std(ddof=1)`); NaN for
/// fewer than two values.
pub fn sd(x: &[f64]) -> f64 {
    if x.len() < 2 {
        return f64::NAN;
    }
    let m = mean(x);
    (x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (x.len() - 1) as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_conventions() {
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(mean(&x), 2.5);
        assert_eq!(variance(&x), 1.25);
        assert!((sd(&x) - (5.0f64 / 3.0).sqrt()).abs() < 1e-15);
        assert!(sd(&[1.0]).is_nan());
    }
}
