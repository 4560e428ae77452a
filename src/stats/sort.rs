//! The exact sort behind the monthly Ginis, medians and top shares.
//!
//! The model sorts three buffers of up to one value per citizen every month,
//! which made the standard library's comparison sort the largest single cost
//! of measuring a month. Values that are all at least zero order like their
//! IEEE 754 bit patterns, so a radix sort on those patterns, finished by an
//! insertion sort, gives the same order in about linear time. It is written
//! here rather than taken from a crate because it must give bit-identical
//! results natively and in WebAssembly, and because its keys are chosen for
//! the spread of the model's values (docs/PERFORMANCE.md has the figures),
//! which a general-purpose sort cannot assume. A crate such as `radsort`
//! has not been measured against it here.

/// Every bit of an `f64` but the sign: −0 becomes the pattern of +0.
const MAGNITUDE: u64 = u64::MAX >> 1;

/// The pattern of a value at least zero, with −0 read as +0; such patterns
/// order like the values.
#[inline(always)]
fn magnitude_bits(value: f64) -> u64 {
    value.to_bits() & MAGNITUDE
}

/// Sorts values that are all at least zero (+0 or −0, never NaN) ascending,
/// exactly: the result is the standard library's sort of the same values
/// (−0 and +0 compare equal, so their order among the zeros may differ).
/// It takes about linear time on the model's buffers: an LSD radix
/// sort on the leading bits of their IEEE patterns (which order like the
/// values) brings every value to within a few per mille of its place, then
/// an insertion sort finishes the job, moving values only within the runs
/// that share those bits. Where those runs are long (many distinct values
/// closer than the key can tell apart) a comparison sort takes over, so the
/// worst case is O(n log n), never quadratic. `buffer` is scratch space reused between calls, so
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
            let pattern = magnitude_bits(v);
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
        magnitude_bits(value).saturating_sub(self.offset) >> self.shift
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
    debug_assert!(values.iter().all(|&v| v >= 0.0), "values must be at least zero");
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
/// branch: the values are at least zero, so their patterns without the sign
/// order like them, and masks choose between two. The same result, bit for bit.
#[cfg(target_arch = "wasm32")]
fn bubble_once(values: &mut [f64]) {
    let Some(&first) = values.first() else { return };
    let mut carried = first.to_bits();
    for i in 1..values.len() {
        let next = values[i].to_bits();
        let below = (next & MAGNITUDE) < (carried & MAGNITUDE);
        let next_smaller = 0u64.wrapping_sub(u64::from(below));
        let smaller = (next & next_smaller) | (carried & !next_smaller);
        carried ^= next ^ smaller;
        values[i - 1] = f64::from_bits(smaller);
    }
    let last = values.len() - 1;
    values[last] = f64::from_bits(carried);
}

#[cfg(test)]
mod tests {
    use super::sort_non_negative;
    use crate::model::rng::SimRng;

    /// Sorts with the standard library and with [`sort_non_negative`] and
    /// asserts the same values in the same order (−0 and +0 as equals).
    fn assert_sorts_like_std(original: &[f64], label: &str) {
        let mut expected = original.to_vec();
        expected.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
        let mut sorted = original.to_vec();
        sort_non_negative(&mut sorted, &mut Vec::new());
        assert_eq!(sorted.len(), expected.len(), "{label}");
        for (k, (got, want)) in sorted.iter().zip(&expected).enumerate() {
            assert!(got == want, "{label}: at {k}, {got} where the standard sort has {want}");
        }
    }

    /// One length for each of the sort's paths: the comparison sort below
    /// 64, the 16-bit spanning key, the fixed 24-bit key, the 22-bit spanning key.
    const SIZES: [usize; 9] = [0, 1, 63, 64, 1000, 5000, 20_000, 40_000, 120_000];

    fn mixed(rng: &mut SimRng, n: usize) -> Vec<f64> {
        (0..n)
            .map(|i| match i % 7 {
                0 | 1 => 0.0,
                2 => rng.lognormal(0.0, 3.0),
                3 => 1.0,
                // Near-equal values, to exercise the runs the radix part leaves.
                4 => 100.0 + rng.uniform() * 1e-3,
                _ => rng.uniform() * 1e6,
            })
            .collect()
    }

    #[test]
    fn random_values_sort_like_the_standard_library() {
        let mut rng = SimRng::seed_from(5);
        for n in SIZES {
            assert_sorts_like_std(&mixed(&mut rng, n), &format!("random, n = {n}"));
        }
    }

    #[test]
    fn sorted_and_reversed_values_sort_like_the_standard_library() {
        let mut rng = SimRng::seed_from(17);
        for n in SIZES {
            let mut values = mixed(&mut rng, n);
            values.sort_by(|a, b| a.partial_cmp(b).unwrap());
            assert_sorts_like_std(&values, &format!("sorted, n = {n}"));
            values.reverse();
            assert_sorts_like_std(&values, &format!("reversed, n = {n}"));
        }
    }

    #[test]
    fn all_equal_values_and_signed_zeros_sort_like_the_standard_library() {
        let mut rng = SimRng::seed_from(23);
        for n in SIZES {
            assert_sorts_like_std(&vec![0.0; n], &format!("all +0, n = {n}"));
            assert_sorts_like_std(&vec![-0.0; n], &format!("all -0, n = {n}"));
            assert_sorts_like_std(&vec![3.25; n], &format!("all equal, n = {n}"));
            // +0 and −0 mixed among positive values.
            let values: Vec<f64> = (0..n)
                .map(|i| match i % 3 {
                    0 => 0.0,
                    1 => -0.0,
                    _ => rng.lognormal(0.0, 1.0),
                })
                .collect();
            assert_sorts_like_std(&values, &format!("signed zeros, n = {n}"));
        }
    }

    #[test]
    fn extreme_ranges_sort_like_the_standard_library() {
        let mut rng = SimRng::seed_from(11);
        for n in [100, 10_000, 40_000] {
            // The smallest positive and the largest finite value in one array:
            // the key spans every pattern, and the insertion sort does the rest.
            let mut values: Vec<f64> = (0..n).map(|_| rng.lognormal(0.0, 2.0)).collect();
            values[n / 3] = f64::from_bits(1);
            values[n / 2] = f64::MAX;
            values[n / 4] = 0.0;
            assert_sorts_like_std(&values, &format!("extreme, n = {n}"));
        }
    }

    #[test]
    fn many_near_equal_values_fall_back_without_error() {
        // Distinct values closer together than any key tells apart: the
        // insertion sort's budget runs out and the comparison sort finishes.
        let mut rng = SimRng::seed_from(31);
        for n in [1000, 10_000, 50_000] {
            let values: Vec<f64> = (0..n).map(|_| 1.0 + rng.uniform() * 1e-12).collect();
            assert_sorts_like_std(&values, &format!("near-equal, n = {n}"));
        }
    }
}
