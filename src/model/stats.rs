//! Summary statistics the outcomes need: Gini, median, shares of the top.
//!
//! Each function takes a scratch buffer it may reorder, so the model can call
//! them every month without allocating.

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

/// Sorts values that are all at least +0 (callers make them so, see
/// [`at_least_zero`]) ascending, exactly, in about linear time: an LSD radix
/// sort on the leading bits of their IEEE patterns (which order like the
/// values) brings every value to within a few per mille of its place, then
/// an insertion sort finishes the job, moving values only within the runs
/// that share those bits. `buffer` is scratch space reused between calls, so
/// sorting allocates nothing; the two vectors may trade their storage (give
/// each array its own buffer and neither is ever cleared or regrown).
///
/// The radix part takes two passes, on keys chosen by size (each measured
/// faster than the others there): below 4,096 values two 8-bit digits of a
/// key that spans only the patterns the values use ([`RadixKey::spanning`]),
/// so that sixteen bits tell apart what a fixed key needs twenty-four for;
/// then two 12-bit digits of the top 24 bits of the pattern, whose top digit
/// is nearly all exponent and so scatters into few, cache-friendly places;
/// from 32,768 values two 11-bit digits of a spanning key, where fixed top
/// bits would need a third pass to leave runs short.
pub fn sort_non_negative(values: &mut Vec<f64>, buffer: &mut Vec<f64>) {
    match values.len() {
        0..64 => values.sort_unstable_by(f64::total_cmp),
        64..4096 => {
            let key = RadixKey::spanning(values, 16);
            radix_sort::<8, 256, 2>(values, buffer, key);
            finish_nearly_sorted(values);
        }
        4096..32768 => {
            radix_sort::<12, 4096, 2>(values, buffer, Some(RadixKey::top_bits(24)));
            finish_nearly_sorted(values);
        }
        _ => {
            let key = RadixKey::spanning(values, 22);
            radix_sort::<11, 2048, 2>(values, buffer, key);
            finish_nearly_sorted(values);
        }
    }
}

/// The radix key of a value: its pattern less an offset (zero if below it),
/// shifted right. Spanning values ([`RadixKey::spanning`]), zero is key 0,
/// the smallest positive value key 1, and the shift is as small as lets the
/// largest fit: for values over twenty binades (a typical spread of wealth)
/// a 22-bit key keeps about 18 bits of each pattern below the exponent, and
/// a 16-bit key about 12, where the top 22 or 16 bits of the pattern would
/// keep 10 or 4 (the sign and the exponent take the other twelve).
#[derive(Clone, Copy)]
struct RadixKey {
    offset: u64,
    shift: u32,
}

impl RadixKey {
    /// The key for `values` in `bits` bits, or None if all are zero (nothing to sort).
    fn spanning(values: &[f64], bits: u32) -> Option<RadixKey> {
        // Zero's pattern is 0: one below it wraps to the largest, so the
        // smallest of the patterns less one is the smallest positive's.
        let (mut largest, mut smallest_less_one) = (0u64, u64::MAX);
        for &v in values {
            let pattern = v.to_bits();
            largest = largest.max(pattern);
            smallest_less_one = smallest_less_one.min(pattern.wrapping_sub(1));
        }
        if largest == 0 {
            return None;
        }
        let smallest_positive = smallest_less_one + 1;
        // The largest key is at most (range >> shift) + 1, below 2^bits.
        let range = largest - smallest_positive;
        let mut shift = (u64::BITS - range.leading_zeros()).saturating_sub(bits);
        if (range >> shift) + 1 >= 1 << bits {
            shift += 1;
        }
        // Zero keeps key 0 unless the smallest positive pattern is too small
        // to offset by a whole step (values down to the least subnormals):
        // then a few share key 0 with it, and the insertion sort orders them.
        let offset = smallest_positive.saturating_sub(1 << shift);
        Some(RadixKey { offset, shift })
    }

    /// The key that keeps the top `bits` bits of every pattern, whatever
    /// the values: no pass over them to find their range.
    fn top_bits(bits: u32) -> RadixKey {
        RadixKey { offset: 0, shift: u64::BITS - bits }
    }

    #[inline(always)]
    fn of(self, value: f64) -> u64 {
        value.to_bits().saturating_sub(self.offset) >> self.shift
    }
}

/// LSD radix sort on `key` in `PASSES` digits of `BITS` bits (`BUCKETS` =
/// 2^BITS); the key must fit in `BITS × PASSES` bits, and None means all
/// values are zero (nothing to do). A pass in which every value shares its
/// digit is skipped; all histograms are counted in one read. Values sharing
/// a key keep their input order.
fn radix_sort<const BITS: u32, const BUCKETS: usize, const PASSES: usize>(
    values: &mut Vec<f64>,
    buffer: &mut Vec<f64>,
    key: Option<RadixKey>,
) {
    debug_assert!(BUCKETS == 1 << BITS);
    debug_assert!(values.iter().all(|v| v.is_sign_positive()), "values must be at least +0");
    let n = values.len();
    let Some(key) = key else { return };
    let mut counts = [[0u32; BUCKETS]; PASSES];
    for &v in values.iter() {
        let k = key.of(v);
        for (pass, histogram) in counts.iter_mut().enumerate() {
            histogram[((k >> (pass as u32 * BITS)) as usize) & (BUCKETS - 1)] += 1;
        }
    }
    // Every slot is written before it is read: only a buffer of the wrong
    // length needs resizing (which fills it).
    if buffer.len() != n {
        buffer.resize(n, 0.0);
    }
    let (mut from, mut to): (&mut [f64], &mut [f64]) = (values.as_mut_slice(), buffer.as_mut_slice());
    let mut in_buffer = false;
    for (pass, histogram) in counts.iter_mut().enumerate() {
        if histogram.iter().any(|&c| c as usize == n) {
            continue;
        }
        let mut offset = 0u32;
        for count in histogram.iter_mut() {
            let here = *count;
            *count = offset;
            offset += here;
        }
        let shift = pass as u32 * BITS;
        for &v in from.iter() {
            let bucket = ((key.of(v) >> shift) as usize) & (BUCKETS - 1);
            to[histogram[bucket] as usize] = v;
            histogram[bucket] += 1;
        }
        std::mem::swap(&mut from, &mut to);
        in_buffer = !in_buffer;
    }
    if in_buffer {
        // The sorted values are in the buffer: trade storage rather than copy.
        std::mem::swap(values, buffer);
    }
}

/// Finishes a radix sort on the top bits: one branch-free bubble pass (which
/// sets right most values out of order), then an insertion sort. Values out
/// of order share their top bits, so each moves only within its run: one
/// comparison per value plus a move per inversion, and ties (zeros, whole
/// counts) cost nothing. Should the moves exceed a few per value (many
/// distinct near-equal values), a comparison sort finishes instead, so no
/// input is quadratic.
fn finish_nearly_sorted(values: &mut [f64]) {
    bubble_once(values);
    const MOVES_PER_VALUE: usize = 8;
    let budget = MOVES_PER_VALUE * values.len();
    let mut moves = 0usize;
    for i in 1..values.len() {
        let v = values[i];
        if v < values[i - 1] {
            let mut j = i;
            while j > 0 && v < values[j - 1] {
                values[j] = values[j - 1];
                j -= 1;
            }
            values[j] = v;
            moves += i - j;
            if moves > budget {
                values.sort_unstable_by(f64::total_cmp);
                return;
            }
        }
    }
}

/// One pass of bubble sort without branches: carries the larger of each
/// neighbouring pair to the right, leaving a smaller one behind. After a
/// radix sort most values out of order sit next to their place (a run of two
/// equal keys in the wrong order), and this sets them right without the
/// processor guessing at each comparison, which it gets wrong as often as
/// the values are out of order. Values must not be NaN.
#[cfg(not(target_arch = "wasm32"))]
fn bubble_once(values: &mut [f64]) {
    let Some(&first) = values.first() else { return };
    let mut carried = first;
    for i in 1..values.len() {
        let next = values[i];
        let (smaller, larger) = if next < carried { (next, carried) } else { (carried, next) };
        values[i - 1] = smaller;
        carried = larger;
    }
    let last = values.len() - 1;
    values[last] = carried;
}

/// The same pass for WebAssembly, whose engines may compile a select into a
/// branch: the values are at least +0, so their patterns order like them,
/// and masks choose between two. The same result, bit for bit.
#[cfg(target_arch = "wasm32")]
fn bubble_once(values: &mut [f64]) {
    let Some(&first) = values.first() else { return };
    let mut carried = first.to_bits();
    for i in 1..values.len() {
        let next = values[i].to_bits();
        let next_smaller = 0u64.wrapping_sub(u64::from(next < carried));
        let smaller = (next & next_smaller) | (carried & !next_smaller);
        carried ^= next ^ smaller;
        values[i - 1] = f64::from_bits(smaller);
    }
    let last = values.len() - 1;
    values[last] = f64::from_bits(carried);
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
    fn radix_sort_orders_exactly_like_a_comparison_sort() {
        let mut rng = crate::model::rng::SimRng::seed_from(5);
        for n in [0, 1, 63, 64, 1000, 5000, 20_000, 40_000, 120_000] {
            let original: Vec<f64> = (0..n)
                .map(|i| match i % 7 {
                    0 | 1 => 0.0,
                    2 => rng.lognormal(0.0, 3.0),
                    3 => 1.0,
                    // Near-equal values, to exercise the runs the radix part leaves.
                    4 => 100.0 + rng.uniform() * 1e-3,
                    _ => rng.uniform() * 1e6,
                })
                .collect();
            let mut expected = original.clone();
            expected.sort_unstable_by(f64::total_cmp);
            let mut sorted = original.clone();
            sort_non_negative(&mut sorted, &mut Vec::new());
            assert_eq!(sorted, expected, "n = {n}");
        }
    }

    #[test]
    fn radix_sort_handles_zeros_alone_and_extreme_ranges() {
        let mut rng = crate::model::rng::SimRng::seed_from(11);
        // One size for each key: spanning 16 bits, the fixed top 24, spanning 22.
        for n in [100, 10_000, 40_000] {
            let zeros = vec![0.0; n];
            let mut sorted = zeros.clone();
            sort_non_negative(&mut sorted, &mut Vec::new());
            assert_eq!(sorted, zeros);
            // The smallest positive and the largest finite value in one array:
            // the key spans every pattern, and the insertion sort does the rest.
            let mut original: Vec<f64> = (0..n).map(|_| rng.lognormal(0.0, 2.0)).collect();
            original[n / 3] = f64::from_bits(1);
            original[n / 2] = f64::MAX;
            original[n / 4] = 0.0;
            let mut expected = original.clone();
            expected.sort_unstable_by(f64::total_cmp);
            let mut sorted = original;
            sort_non_negative(&mut sorted, &mut Vec::new());
            assert_eq!(sorted, expected, "n = {n}");
        }
    }

    #[test]
    fn radix_sorted_statistics_match_exact_ones() {
        let mut rng = crate::model::rng::SimRng::seed_from(9);
        let values: Vec<f64> = (0..50_000).map(|_| rng.lognormal(3.0, 1.0)).collect();
        let mut exact = values.clone();
        let exact_gini = gini(&mut exact);
        let mut radix = values.clone();
        sort_non_negative(&mut radix, &mut Vec::new());
        assert_eq!(gini_of_sorted(&radix), exact_gini);
        assert_eq!(median_of_sorted(&radix), median_of_sorted(&exact));
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
