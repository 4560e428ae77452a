//! Numerics for the hot loops: bounds on floats by comparison, powers, and
//! the square root each target does fastest with the same bits.
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

/// The square root of `x`, correctly rounded (IEEE 754 defines it exactly,
/// so every implementation gives the same bits). In WebAssembly the
/// platform's is one instruction, where libm's (on stable Rust) is a
/// software routine with 128-bit multiplies: 2.6% of a wasm month. Natively
/// libm's is the processor's instruction already, and keeping it leaves the
/// native build byte for byte as it was (with the platform's there, the
/// scaling bench's ratio read 1.27–1.30 in four runs against 1.22–1.25 for
/// the unchanged build: not separated from noise, and not worth a doubt).
#[inline(always)]
pub fn sqrt(x: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        x.sqrt()
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(clippy::disallowed_methods)]
    {
        libm::sqrt(x)
    }
}

/// `x` if it is positive, else +0: (x + |x|) / 2, by arithmetic rather
/// than a comparison. Where the sign is random (a trade's gain, say, half
/// the time either way) a branch would be guessed wrong half the time, and
/// WebAssembly engines may turn a select back into a branch.
#[inline(always)]
pub fn positive_part(x: f64) -> f64 {
    (x + libm::fabs(x)) * 0.5
}

/// `base` (≥ 0) to a positive power, as e^(power · ln base): two of libm's
/// portable functions, less than half the work of its `pow`, which also
/// handles negative bases and rounds more carefully than the model needs.
/// Firms' output and their profitable size use it every month.
#[inline]
pub fn positive_power(base: f64, power: f64) -> f64 {
    debug_assert!(base >= 0.0 && power > 0.0);
    libm::exp(power * libm::log(base))
}

#[cfg(test)]
mod tests {
    use super::{Bounds, positive_power};

    #[test]
    fn positive_powers_match_pow_closely() {
        for base in [0.0, 1e-9, 0.3, 1.0, 2.5, 400.0, 1e12] {
            for power in [0.1, 0.5, 0.7, 1.0, 3.333_333, 10.0] {
                let (expected, got) = (libm::pow(base, power), positive_power(base, power));
                assert!(
                    (got - expected).abs() <= 1e-12 * expected.abs(),
                    "{base}^{power}: {got} vs {expected}"
                );
            }
        }
    }

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
