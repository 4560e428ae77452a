//! The model's one random generator, and the few distributions it draws from.
//!
//! Xoshiro256++ (rand_xoshiro) is portable: the same seed gives the same
//! stream on every platform and in every version of the crate, and it uses
//! only 64-bit integer operations, which wasm32 executes natively.
//!
//! Uniform numbers, ranges, booleans and shuffles come from `rand`'s value
//! methods, which draw the same on 32- and 64-bit targets (a `usize` range
//! below 2^32 is sampled as a `u32` range everywhere). The distributions that
//! need a logarithm or an exponential (normal, log-normal, Poisson, binomial,
//! geometric) are written here instead: `rand_distr` would call the
//! platform's `ln`/`exp`, which differ in the last bit between native code and
//! WebAssembly, so these use `libm`, and their algorithms cannot change under us.

use crate::model::num::{self, Bounds};
use rand::RngExt;
use rand::seq::SliceRandom;
use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The seeded generator owned by a model run.
#[derive(Clone, Debug)]
pub struct SimRng(Xoshiro256PlusPlus);

impl SimRng {
    /// A generator seeded from a 64-bit seed (expanded with SplitMix64).
    pub fn seed_from(seed: u64) -> Self {
        SimRng(Xoshiro256PlusPlus::seed_from_u64(seed))
    }

    /// The next raw 64 bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1), with 53 random bits.
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// True with probability `p` (p ≤ 0 or NaN never, p ≥ 1 always).
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        // `random_bool` insists on a probability; rules pass any rate.
        if p >= 1.0 {
            true
        } else if p > 0.0 {
            self.0.random_bool(p)
        } else {
            false
        }
    }

    /// Uniform integer in `0..n` (`n` must be in 1..2^32, which every
    /// population a scenario allows is).
    #[inline]
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0 && n as u64 <= u64::from(u32::MAX));
        self.0.random_range(0..n)
    }

    /// Uniform integer in `0..n` other than `i` (`n` ≥ 2): one draw of
    /// `below(n - 1)` counted on from `i + 1`, wrapping, with no division
    /// and no branch.
    #[inline]
    pub fn below_other_than(&mut self, i: usize, n: usize) -> usize {
        let j = i + 1 + self.below(n - 1);
        j - n * usize::from(j >= n)
    }

    /// `expected` rounded to a whole number at random, up with the chance
    /// of its fractional part, so that any non-integer rate is honoured on
    /// average (`expected` ≥ 0).
    #[inline]
    pub fn round_randomly(&mut self, expected: f64) -> usize {
        let whole = expected.floor();
        whole as usize + usize::from(self.chance(expected - whole))
    }

    /// Standard normal, by the Box–Muller transform (one of the pair is used,
    /// which keeps the generator's state the only state).
    pub fn normal(&mut self) -> f64 {
        // 1 - uniform() is in (0, 1], so the logarithm is finite.
        let radius = num::sqrt(-2.0 * libm::log(1.0 - self.uniform()));
        radius * libm::cos(std::f64::consts::TAU * self.uniform())
    }

    /// Log-normal with the given parameters of the underlying normal.
    pub fn lognormal(&mut self, mu: f64, sigma: f64) -> f64 {
        libm::exp(mu + sigma * self.normal())
    }

    /// Poisson-distributed count with mean `lambda` (≥ 0): by inversion for
    /// small means (one uniform draw, then a walk up the distribution from
    /// P(0) = e^−λ, so a draw costs one random number rather than one per
    /// event), a rounded normal approximation above 30, where its error is
    /// far below the model's other approximations.
    pub fn poisson(&mut self, lambda: f64) -> u32 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda > 30.0 {
            let draw = lambda + num::sqrt(lambda) * self.normal();
            return libm::round(draw.at_least(0.0)) as u32;
        }
        let mut probability = libm::exp(-lambda);
        let mut cumulative = probability;
        let draw = self.uniform();
        let mut count = 0u32;
        // The walk ends where the cumulative passes the draw; the second test
        // stops it in the far tail, where rounding could keep the cumulative
        // a hair below a draw close to 1.
        while draw >= cumulative && probability > 0.0 {
            count += 1;
            probability *= lambda / f64::from(count);
            cumulative += probability;
        }
        count
    }

    /// Binomial count of successes in `n` trials of probability `p`:
    /// exact (by inversion) for small `n`, normal approximation for large.
    pub fn binomial(&mut self, n: u32, p: f64) -> u32 {
        if n == 0 || p <= 0.0 {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        if n <= 24 {
            return if p > 0.5 { n - self.small_binomial(n, 1.0 - p) } else { self.small_binomial(n, p) };
        }
        let mean = n as f64 * p;
        let sd = num::sqrt(mean * (1.0 - p));
        libm::round((mean + sd * self.normal()).clamp(0.0, n as f64)) as u32
    }

    /// Binomial by inversion for small `n` and `p` ≤ ½: one uniform draw,
    /// then walk the distribution up from P(0) = (1 − p)^n.
    fn small_binomial(&mut self, n: u32, p: f64) -> u32 {
        let q = 1.0 - p;
        let ratio = p / q;
        let mut probability = whole_power(q, n);
        let mut cumulative = probability;
        let draw = self.uniform();
        let mut k = 0;
        while draw >= cumulative && k < n {
            probability *= ratio * f64::from(n - k) / f64::from(k + 1);
            k += 1;
            cumulative += probability;
        }
        k
    }

    /// How many trials fail before the first success, each succeeding with
    /// chance `p` (geometric): visiting only the successes of a long run of
    /// trials costs one draw per success instead of one per trial.
    pub fn failures_before_success(&mut self, p: f64) -> usize {
        if p >= 1.0 {
            return 0;
        }
        if p <= 0.0 {
            return usize::MAX;
        }
        // 1 - uniform() is in (0, 1], so the logarithm is finite.
        let gap = libm::log(1.0 - self.uniform()) / libm::log1p(-p);
        if gap >= usize::MAX as f64 { usize::MAX } else { gap as usize }
    }

    /// A uniformly random permutation of `items`.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        items.shuffle(&mut self.0);
    }
}

/// `base` to a whole power by repeated squaring: only multiplications, so the
/// result is the same on every platform, and cheaper than a general power.
/// Exponents below 32 (nearly all the model asks for) take five fixed steps
/// that multiply by 1 for a clear bit: the same product, with no branch for
/// the processor to mispredict.
pub fn whole_power(mut base: f64, mut exponent: u32) -> f64 {
    let mut result = 1.0;
    if exponent < 32 {
        const ONE: u64 = 0x3FF0_0000_0000_0000; // 1.0
        for bit in 0..5 {
            // All ones where the bit is set: picks `base`, else 1, by masks.
            let mask = 0u64.wrapping_sub(u64::from((exponent >> bit) & 1));
            result *= f64::from_bits((base.to_bits() & mask) | (ONE & !mask));
            base *= base;
        }
        return result;
    }
    while exponent > 0 {
        if exponent & 1 == 1 {
            result *= base;
        }
        base *= base;
        exponent >>= 1;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_and_variance(draws: &[f64]) -> (f64, f64) {
        let n = draws.len() as f64;
        let mean = draws.iter().sum::<f64>() / n;
        let var = draws.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
        (mean, var)
    }

    #[test]
    fn same_seed_same_stream_and_different_seeds_differ() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = SimRng::seed_from(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = SimRng::seed_from(7);
                move |_| r.next_u64()
            })
            .collect();
        let c = SimRng::seed_from(8).next_u64();
        assert_eq!(a, b);
        assert_ne!(a[0], c);
    }

    #[test]
    fn uniform_and_below_stay_in_range() {
        let mut r = SimRng::seed_from(1);
        for _ in 0..10_000 {
            let u = r.uniform();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(7) < 7);
        }
    }

    #[test]
    fn normal_has_mean_zero_and_unit_variance() {
        let mut r = SimRng::seed_from(2);
        let draws: Vec<f64> = (0..200_000).map(|_| r.normal()).collect();
        let (mean, var) = mean_and_variance(&draws);
        assert!(mean.abs() < 0.01, "mean {mean}");
        assert!((var - 1.0).abs() < 0.01, "variance {var}");
    }

    #[test]
    fn poisson_mean_and_variance_match_lambda() {
        let mut r = SimRng::seed_from(3);
        for lambda in [0.3, 4.0, 25.0, 80.0] {
            let draws: Vec<f64> = (0..100_000).map(|_| r.poisson(lambda) as f64).collect();
            let (mean, var) = mean_and_variance(&draws);
            // P(0) = e^−λ: 0.741 at λ = 0.3, σ of the frequency ≈ 0.0014.
            let zeros = draws.iter().filter(|&&d| d == 0.0).count() as f64 / draws.len() as f64;
            assert!((zeros - libm::exp(-lambda)).abs() < 0.006, "λ={lambda} P(0) {zeros}");
            assert!((mean / lambda - 1.0).abs() < 0.02, "λ={lambda} mean {mean}");
            assert!((var / lambda - 1.0).abs() < 0.05, "λ={lambda} var {var}");
        }
    }

    #[test]
    fn geometric_gaps_have_mean_one_over_p_minus_one() {
        let mut r = SimRng::seed_from(6);
        for p in [0.01, 0.3] {
            let draws: Vec<f64> = (0..100_000).map(|_| r.failures_before_success(p) as f64).collect();
            let (mean, _) = mean_and_variance(&draws);
            let expected = (1.0 - p) / p;
            assert!((mean / expected - 1.0).abs() < 0.03, "p={p} mean {mean}");
        }
        assert_eq!(r.failures_before_success(1.0), 0);
        assert_eq!(r.failures_before_success(0.0), usize::MAX);
    }

    #[test]
    fn whole_powers_match_repeated_multiplication() {
        for exponent in 0..40 {
            let expected = (0..exponent).fold(1.0, |acc, _| acc * 0.99);
            assert!((whole_power(0.99, exponent) - expected).abs() < 1e-14, "exponent {exponent}");
        }
    }

    #[test]
    fn binomial_mean_matches_np() {
        let mut r = SimRng::seed_from(4);
        for (n, p) in [(10, 0.3), (20, 0.9), (3, 0.05), (200, 0.75)] {
            let draws: Vec<f64> = (0..50_000).map(|_| r.binomial(n, p) as f64).collect();
            let (mean, _) = mean_and_variance(&draws);
            let expected = n as f64 * p;
            assert!((mean / expected - 1.0).abs() < 0.02, "n={n} p={p} mean {mean}");
        }
    }
}
