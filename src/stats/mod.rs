//! Summary statistics the outcomes and ensembles need: Gini, median,
//! quantiles, shares of the top, mean and variance.
//!
//! Functions named `…_of_sorted` take values already sorted ascending (the
//! model sorts each month's buffers once with [`sort_non_negative`] and
//! derives every statistic from them); the others take a buffer they may
//! reorder, so the model can call them every month without allocating.

mod sort;

pub use sort::{PatternRange, SortScratch, sort_non_negative, sort_non_negative_within};

use crate::model::num::Bounds;

/// Gini coefficient of non-negative values (0 = equal, →1 = one holds all).
/// Sorts `values` in place. Returns 0 for an empty slice or a zero total.
pub fn gini(values: &mut [f64]) -> f64 {
    let n = values.len();
    if n < 2 {
        return 0.0;
    }
    values.sort_unstable_by(f64::total_cmp);
    gini_of_sorted(values)
}

/// The value, or +0 if it is below zero or a negative zero: what
/// [`sort_non_negative`] needs.
#[inline]
pub fn at_least_zero(value: f64) -> f64 {
    if value > 0.0 { value } else { 0.0 }
}

/// Gini of values already sorted ascending:
/// G = Σ (2i − n − 1) x_i / (n Σ x_i), i = 1..n.
pub fn gini_of_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n < 2 {
        return 0.0;
    }
    let mut weighted = 0.0;
    let mut total = 0.0;
    // 2i − n − 1 for i = 1, 2, …: whole numbers, exact in an f64.
    let mut rank = 1.0 - n as f64;
    for &x in sorted {
        weighted += rank * x;
        total += x;
        rank += 2.0;
    }
    if total <= 0.0 { 0.0 } else { (weighted / (n as f64 * total)).clamp(0.0, 1.0) }
}

/// Median; reorders `values`. Returns 0 for an empty slice.
pub fn median(values: &mut [f64]) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let (below, &mut upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        upper
    } else {
        let lower = below.iter().copied().fold(f64::NEG_INFINITY, f64::at_least);
        0.5 * (lower + upper)
    }
}

/// Values sorted ascending whose leading zeros are counted, not stored:
/// `zeros` values of +0 followed by `positive`. Most months most citizens
/// of some economies (the docking case's informal incomes, say) earn
/// nothing, and sorting only the positive values is then a fraction of the
/// work. The statistics equal those of the whole array bit for bit: a zero
/// adds exactly nothing to every sum below, so skipping one only moves the
/// ranks of the values after it.
#[derive(Clone, Copy, Debug)]
pub struct ZeroPrefixed<'a> {
    pub zeros: usize,
    pub positive: &'a [f64],
}

impl ZeroPrefixed<'_> {
    fn len(&self) -> usize {
        self.zeros + self.positive.len()
    }

    /// The `k`-th smallest value (from 0).
    fn at(&self, k: usize) -> f64 {
        if k < self.zeros { 0.0 } else { self.positive[k - self.zeros] }
    }

    /// [`gini_of_sorted`] of the whole array.
    pub fn gini(&self) -> f64 {
        let n = self.len();
        if n < 2 {
            return 0.0;
        }
        let mut weighted = 0.0;
        let mut total = 0.0;
        // The rank of the first positive value: 2i − n − 1 with i = zeros + 1.
        let mut rank = 1.0 - n as f64 + 2.0 * self.zeros as f64;
        for &x in self.positive {
            weighted += rank * x;
            total += x;
            rank += 2.0;
        }
        if total <= 0.0 { 0.0 } else { (weighted / (n as f64 * total)).clamp(0.0, 1.0) }
    }

    /// [`median_of_sorted`] of the whole array.
    pub fn median(&self) -> f64 {
        let n = self.len();
        match n {
            0 => 0.0,
            _ if n % 2 == 1 => self.at(n / 2),
            _ => 0.5 * (self.at(n / 2 - 1) + self.at(n / 2)),
        }
    }
}

/// Median of ascending `sorted` values; 0 for an empty slice.
pub fn median_of_sorted(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]),
    }
}

/// Share of the total held by the top `fraction` of values (at least one
/// value); `sorted` must be ascending. Returns 0 for a zero total.
pub fn top_share_of_sorted(sorted: &[f64], fraction: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let top = ((n as f64 * fraction).ceil() as usize).clamp(1, n);
    let total: f64 = sorted.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    sorted[n - top..].iter().sum::<f64>() / total
}

/// The `q`-quantile of ascending `sorted` values, interpolating linearly
/// between order statistics (the default of R and NumPy, "type 7").
/// Returns NaN for an empty slice.
pub fn quantile_of_sorted(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let position = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let below = position.floor() as usize;
            let above = (below + 1).min(n - 1);
            let weight = position - below as f64;
            sorted[below] + weight * (sorted[above] - sorted[below])
        }
    }
}

/// Mean and variance (population, divided by n).
pub fn mean_variance(values: &[f64]) -> (f64, f64) {
    let n = values.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let var = values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
    (mean, var)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_of_equal_values_is_zero_and_of_one_holder_is_near_one() {
        assert_eq!(gini(&mut [5.0; 10]), 0.0);
        let mut one_holds_all = [0.0; 100];
        one_holds_all[7] = 1.0;
        // With n holders the maximum is (n-1)/n.
        assert!((gini(&mut one_holds_all) - 0.99).abs() < 1e-12);
    }

    #[test]
    fn gini_matches_the_pairwise_definition() {
        let values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let pairwise: f64 = values.iter().flat_map(|a| values.iter().map(move |b| (a - b).abs())).sum();
        let expected = pairwise / (2.0 * n * n * mean);
        assert!((gini(&mut values.clone()) - expected).abs() < 1e-12);
    }

    #[test]
    fn radix_sorted_statistics_match_exact_ones() {
        let mut rng = crate::model::rng::SimRng::seed_from(9);
        let values: Vec<f64> = (0..50_000).map(|_| rng.lognormal(3.0, 1.0)).collect();
        let mut exact = values.clone();
        let exact_gini = gini(&mut exact);
        let mut radix = values.clone();
        sort_non_negative(&mut radix, &mut SortScratch::default());
        assert_eq!(gini_of_sorted(&radix), exact_gini);
        assert_eq!(median_of_sorted(&radix), median_of_sorted(&exact));
    }

    #[test]
    fn zero_prefixed_statistics_equal_the_whole_arrays_bit_for_bit() {
        let mut rng = crate::model::rng::SimRng::seed_from(23);
        for (n, zero_chance) in
            [(0, 0.5), (1, 1.0), (2, 0.5), (7, 0.9), (100, 0.6), (5_001, 0.55), (20_000, 0.2)]
        {
            let mut whole: Vec<f64> =
                (0..n).map(|_| if rng.chance(zero_chance) { 0.0 } else { rng.lognormal(1.0, 1.5) }).collect();
            whole.sort_unstable_by(f64::total_cmp);
            let zeros = whole.iter().take_while(|&&x| x == 0.0).count();
            let prefixed = ZeroPrefixed { zeros, positive: &whole[zeros..] };
            assert_eq!(prefixed.gini().to_bits(), gini_of_sorted(&whole).to_bits(), "Gini, n = {n}");
            assert_eq!(prefixed.median().to_bits(), median_of_sorted(&whole).to_bits(), "median, n = {n}");
        }
    }

    #[test]
    fn median_of_odd_and_even_lengths() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut []), 0.0);
    }

    #[test]
    fn quantiles_interpolate_like_r_type_7() {
        let sorted = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_of_sorted(&sorted, 0.5), 2.5);
        assert_eq!(quantile_of_sorted(&sorted, 0.0), 1.0);
        assert_eq!(quantile_of_sorted(&sorted, 1.0), 4.0);
        assert!((quantile_of_sorted(&sorted, 0.9) - 3.7).abs() < 1e-12);
        assert!(quantile_of_sorted(&[], 0.5).is_nan());
    }

    #[test]
    fn top_share_counts_the_largest_values() {
        let sorted: Vec<f64> = (1..=20).map(f64::from).collect();
        // Top 5% of 20 values is the single largest: 20 / 210.
        assert!((top_share_of_sorted(&sorted, 0.05) - 20.0 / 210.0).abs() < 1e-12);
    }
}
