//! Lower and upper bounds on floats, by comparison.
//!
//! `f64::max` and `f64::min` follow IEEE 754's maxNum and minNum, which
//! WebAssembly has no instruction for: there each compiles to a call of a
//! software routine, and the model's hot loops use them often. The model
//! never holds NaN (its invariants are tested every month), so a comparison
//! gives the same answer, in one or two instructions on every platform, and
//! resolves a tie between +0 and −0 the same way everywhere. Clippy holds the
//! crate to these (see clippy.toml).

/// Bounds for `f64`, by comparison (see the module's documentation).
pub trait Bounds {
    /// `self`, or `lower` if `self` is below it.
    fn at_least(self, lower: f64) -> f64;
    /// `self`, or `upper` if `self` is above it.
    fn at_most(self, upper: f64) -> f64;
}

impl Bounds for f64 {
    #[inline(always)]
    fn at_least(self, lower: f64) -> f64 {
        if self < lower { lower } else { self }
    }

    #[inline(always)]
    fn at_most(self, upper: f64) -> f64 {
        if self > upper { upper } else { self }
    }
}

#[cfg(test)]
mod tests {
    use super::Bounds;

    #[test]
    fn bounds_agree_with_max_and_min_on_numbers() {
        let values = [-3.5, -0.0, 0.0, 1e-300, 2.0, 7.25, f64::INFINITY, f64::NEG_INFINITY];
        for &a in &values {
            for &b in &values {
                #[allow(clippy::disallowed_methods)]
                let (max, min) = (a.max(b), a.min(b));
                // Equal as numbers (a tie of +0 and −0 may pick either sign).
                assert_eq!(a.at_least(b), max, "{a} at least {b}");
                assert_eq!(a.at_most(b), min, "{a} at most {b}");
            }
        }
    }
}
