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
/// worst case is O(n log n), never quadratic. `scratch` is space reused between calls, so
/// sorting allocates nothing; its storage and the values' may trade places
/// (give each array its own scratch and neither is ever cleared or regrown).
///
/// The radix part takes two passes on a key that spans only the patterns
/// the values use ([`RadixKey::spanning`]), so that sixteen bits tell apart
/// what the patterns' fixed top bits need twenty-four for: below
/// [`SIXTEEN_BIT_KEY_BELOW`] values two 8-bit digits of a 16-bit key, from
/// there two 11-bit digits of a 22-bit key (docs/PERFORMANCE.md, "The
/// Intel host, measured whole", has the measurements behind the sizes,
/// made on the Intel host, and "The AMD host, again" why they serve AMD's
/// processors too: there the former fixed key sorts 10,000 values faster
/// alone but made a whole month no faster).
///
/// A spanning key needs the range of the values' patterns, which this
/// finds in a pass of its own; a caller that fills the array in a loop can
/// gather the range there and call [`sort_non_negative_within`] instead.
pub fn sort_non_negative(values: &mut Vec<f64>, scratch: &mut SortScratch) {
    sort(values, scratch, None);
}

/// [`sort_non_negative`] of values whose patterns `range` covers (every
/// value was [`PatternRange::include`]d; others may have been too): the
/// same result without the pass that finds the range. The range must cover
/// the values (debug builds check). Were it to miss one, the result would
/// still be sorted, only more slowly: the value's key would be wrong, and
/// the insertion sort places whatever the radix passes leave out of order.
pub fn sort_non_negative_within(values: &mut Vec<f64>, scratch: &mut SortScratch, range: PatternRange) {
    debug_assert!(range.covers(values), "the range must cover every value");
    sort(values, scratch, Some(range));
}

/// Below this many values the radix key is 16 bits in two 8-bit digits;
/// from it, 22 bits in two 11-bit digits. On most of the model's wealth
/// and income buffers (the presets and the docking case, 6,000 to 10,000
/// citizens) the 16-bit key sorted about as fast as the 22-bit one at
/// 6,000 values and slower beyond, where it leaves runs too long for the
/// insertion sort to finish cheaply; the docking case's wealth, spread
/// over more binades, was the exception (faster with 16 bits at 10,000).
pub(crate) const SIXTEEN_BIT_KEY_BELOW: usize = 6144;

/// Scratch space for [`sort_non_negative`]: the radix passes' destination
/// for the values, and for arrays below [`SIXTEEN_BIT_KEY_BELOW`] values
/// their keys (each value's key computed once and carried beside it, see
/// [`radix_sort_16`]).
#[derive(Clone, Debug, Default)]
pub struct SortScratch {
    values: Vec<f64>,
    keys: Vec<u16>,
    moved_keys: Vec<u16>,
}

/// The range of the bit patterns in an array of values at least zero: the
/// largest pattern, and the smallest positive one (kept less one, see
/// [`PatternRange::include`]). What a spanning key needs to know.
#[derive(Clone, Copy, Debug)]
pub struct PatternRange {
    largest: u64,
    smallest_less_one: u64,
}

impl PatternRange {
    /// The range of no values, to [`include`](Self::include) values into.
    pub const EMPTY: PatternRange = PatternRange { largest: 0, smallest_less_one: u64::MAX };

    /// Widens the range to take in `value` (at least zero, or −0): two
    /// integer comparisons and no branch, cheap enough for the loop that
    /// fills an array to call for every value it writes. (Comparing the
    /// values as floats instead cost more instructions in measuring's
    /// loops, callgrind.)
    #[inline(always)]
    pub fn include(&mut self, value: f64) {
        // Zero's pattern is 0: one below it wraps to the largest, so the
        // smallest of the patterns less one is the smallest positive's,
        // and zeros change neither end.
        let pattern = magnitude_bits(value);
        self.largest = self.largest.max(pattern);
        self.smallest_less_one = self.smallest_less_one.min(pattern.wrapping_sub(1));
    }

    /// The range of `values`, in a pass of its own.
    pub fn of(values: &[f64]) -> PatternRange {
        let mut range = PatternRange::EMPTY;
        for &v in values {
            range.include(v);
        }
        range
    }

    /// Whether every one of `values` lies in the range (for debug checks).
    fn covers(self, values: &[f64]) -> bool {
        let actual = PatternRange::of(values);
        actual.largest <= self.largest && actual.smallest_less_one >= self.smallest_less_one
    }
}

/// The sort itself; `range` is found here, where a key needs it, if the
/// caller did not gather it.
fn sort(values: &mut Vec<f64>, scratch: &mut SortScratch, range: Option<PatternRange>) {
    let range = |values: &[f64]| range.unwrap_or_else(|| PatternRange::of(values));
    match values.len() {
        0..64 => values.sort_unstable_by(f64::total_cmp),
        64..SIXTEEN_BIT_KEY_BELOW => {
            let key = RadixKey::spanning(range(values), 16);
            radix_sort_16(values, scratch, key);
            finish_nearly_sorted(values);
        }
        _ => {
            let key = RadixKey::spanning(range(values), 22);
            radix_sort::<11, 2048, 2>(values, &mut scratch.values, key);
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
    /// The key for values in `range` in `bits` bits, or None if all are
    /// zero (nothing to sort).
    fn spanning(range: PatternRange, bits: u32) -> Option<RadixKey> {
        let PatternRange { largest, smallest_less_one } = range;
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
    // Every value shares its digit exactly when the first value's bucket
    // holds them all: one look rather than a search of the buckets.
    let first = key.of(from[0]);
    for (pass, histogram) in counts.iter_mut().enumerate() {
        let shift = pass as u32 * BITS;
        if histogram[((first >> shift) as usize) & (BUCKETS - 1)] as usize == n {
            continue;
        }
        starts_of_buckets(histogram);
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

/// [`radix_sort`] for a 16-bit key in two 8-bit digits, below
/// [`SIXTEEN_BIT_KEY_BELOW`] values. There the passes, not the memory,
/// are the cost, and computing a key (mask, offset, shift) was a third of
/// each: so each value's key is computed once, while the digits are
/// counted, and travels beside the value through the first pass (on the
/// model's own buffers at 2,000 citizens, 14% fewer instructions than
/// recomputing it, callgrind). A pass whose digit every value shares is
/// skipped; values sharing a key keep their input order.
fn radix_sort_16(values: &mut Vec<f64>, scratch: &mut SortScratch, key: Option<RadixKey>) {
    debug_assert!(values.iter().all(|&v| v >= 0.0), "values must be at least zero");
    let n = values.len();
    let Some(key) = key else { return };
    let SortScratch { values: buffer, keys, moved_keys } = scratch;
    // Every slot is written before it is read: only scratch of the wrong
    // length needs resizing (which fills it).
    if buffer.len() != n {
        buffer.resize(n, 0.0);
    }
    if keys.len() != n {
        keys.resize(n, 0);
        moved_keys.resize(n, 0);
    }
    let (mut low, mut high) = ([0u32; 256], [0u32; 256]);
    for (k, &v) in keys.iter_mut().zip(values.iter()) {
        // The spanning key fits in 16 bits (debug builds check; in a
        // release build a range that missed a value would wrap its key
        // here, and the insertion sort would place it).
        debug_assert!(key.of(v) <= u64::from(u16::MAX), "a spanning key of 16 bits fits in 16 bits");
        let digits = key.of(v) as u16;
        *k = digits;
        low[usize::from(digits & 0xff)] += 1;
        high[usize::from(digits >> 8)] += 1;
    }
    // Every value shares a digit exactly when the first value's bucket
    // holds them all: one look rather than a search of the buckets.
    let first = keys[0];
    let sort_low = low[usize::from(first & 0xff)] as usize != n;
    let sort_high = high[usize::from(first >> 8)] as usize != n;
    let from_keys: &[u16] = if sort_low {
        starts_of_buckets(&mut low);
        for (&k, &v) in keys.iter().zip(values.iter()) {
            let place = &mut low[usize::from(k & 0xff)];
            buffer[*place as usize] = v;
            moved_keys[*place as usize] = k;
            *place += 1;
        }
        // The values are in the buffer: trade storage rather than copy.
        std::mem::swap(values, buffer);
        moved_keys
    } else {
        keys
    };
    if sort_high {
        starts_of_buckets(&mut high);
        for (&k, &v) in from_keys.iter().zip(values.iter()) {
            let place = &mut high[usize::from(k >> 8)];
            buffer[*place as usize] = v;
            *place += 1;
        }
        std::mem::swap(values, buffer);
    }
}

/// Turns each bucket's count into the place where its first value goes.
fn starts_of_buckets(counts: &mut [u32]) {
    let mut offset = 0u32;
    for count in counts.iter_mut() {
        let here = *count;
        *count = offset;
        offset += here;
    }
}

/// Finishes a radix sort: one branch-free bubble pass (which sets right
/// most values out of order), and an insertion sort in the same loop, each
/// value inserted as soon as the bubble pass leaves it behind (one pass over
/// the values rather than two; the same moves, so the same result). Values
/// out of order share their radix key, so each moves only within its run:
/// one comparison per value plus a move per inversion, and ties (zeros,
/// whole counts) cost nothing. Should the moves exceed a few per value (many
/// distinct near-equal values), a comparison sort finishes instead, so no
/// input is quadratic. Values must not be NaN.
///
/// The bubble pass carries the larger of each neighbouring pair to the
/// right, leaving the smaller behind. After a radix sort most values out of
/// order sit next to their place (a run of two equal keys in the wrong
/// order), and this sets them right without the processor guessing at each
/// comparison, which it gets wrong as often as the values are out of order;
/// what is left for the insertion's branch is rare.
fn finish_nearly_sorted(values: &mut [f64]) {
    const MOVES_PER_VALUE: usize = 8;
    let n = values.len();
    if n < 2 {
        return;
    }
    let budget = MOVES_PER_VALUE * n;
    let mut moves = 0usize;
    // Before step i, values[..i - 1] are sorted, `carried` is the bubble
    // pass's larger value so far, and values[i - 1] is free; `last` is
    // values[i - 2], the largest sorted so far, kept out of memory.
    let mut carried = values[0];
    let mut last = f64::NEG_INFINITY;
    for i in 1..n {
        let (smaller, larger) = smaller_first(values[i], carried);
        carried = larger;
        if smaller < last {
            // Inserting `smaller` before `last` leaves `last` the largest.
            moves += insert(values, i - 1, smaller);
            if moves > budget {
                // values[i] was read into the pair: its slot is free.
                values[i] = carried;
                values.sort_unstable_by(f64::total_cmp);
                return;
            }
        } else {
            values[i - 1] = smaller;
            last = smaller;
        }
    }
    // The bubble pass's carried value is the largest of all.
    values[n - 1] = carried;
}

/// Inserts `value` into the sorted `values[..free]`, whose last is larger,
/// using the free slot `values[free]`; returns the number of values moved.
#[inline(always)]
fn insert(values: &mut [f64], free: usize, value: f64) -> usize {
    let mut j = free;
    while j > 0 && value < values[j - 1] {
        values[j] = values[j - 1];
        j -= 1;
    }
    values[j] = value;
    free - j
}

/// The smaller and the larger of two values (`b` first if they are equal),
/// without a branch: compiled to selects natively and in WebAssembly. (Until
/// 4 December 2026 WebAssembly chose by masks on the values' bit patterns,
/// for engines that compiled a select between floats into a branch; in
/// Chromium 156 the select made a whole run 4% faster, at 1,000 and at
/// 2,000 citizens, and in Node 20 no different: docs/PERFORMANCE.md.)
#[inline(always)]
fn smaller_first(a: f64, b: f64) -> (f64, f64) {
    if a < b { (a, b) } else { (b, a) }
}

#[cfg(test)]
mod tests {
    use super::{PatternRange, SortScratch, sort_non_negative, sort_non_negative_within};
    use crate::model::num::Bounds;
    use crate::model::rng::SimRng;

    /// Sorts with the standard library and with [`sort_non_negative`] and
    /// asserts the same values in the same order (−0 and +0 as equals).
    fn assert_sorts_like_std(original: &[f64], label: &str) {
        let mut expected = original.to_vec();
        expected.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
        let mut sorted = original.to_vec();
        sort_non_negative(&mut sorted, &mut SortScratch::default());
        assert_same(&sorted, &expected, label);
        // With the range gathered by the caller, as measuring does.
        let mut within = original.to_vec();
        sort_non_negative_within(&mut within, &mut SortScratch::default(), PatternRange::of(original));
        assert_same(&within, &expected, &format!("{label}, range given"));
    }

    fn assert_same(sorted: &[f64], expected: &[f64], label: &str) {
        assert_eq!(sorted.len(), expected.len(), "{label}");
        for (k, (got, want)) in sorted.iter().zip(expected).enumerate() {
            assert!(got == want, "{label}: at {k}, {got} where the standard sort has {want}");
        }
    }

    /// Lengths on each side of every threshold between the sort's paths
    /// (the comparison sort below 64, the 16-bit spanning key with its keys
    /// kept below 6,144, the 22-bit spanning key), and within each.
    const SIZES: [usize; 14] = [0, 1, 2, 63, 64, 65, 1000, 4095, 6143, 6144, 6145, 20_000, 40_000, 120_000];

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
    fn a_range_wider_than_the_values_sorts_like_the_standard_library() {
        // A caller's range may take in values it did not keep (zeros, or
        // values larger and smaller than any kept): the key spans more than
        // it needs, and the order is the same.
        let mut rng = SimRng::seed_from(41);
        for n in [64, 700, 2000, 6143, 6144, 10_000, 40_000] {
            let values: Vec<f64> = (0..n).map(|_| rng.lognormal(2.0, 1.0)).collect();
            let mut range = PatternRange::of(&values);
            for extra in [0.0, -0.0, 1e-300, 1e300] {
                range.include(extra);
            }
            let mut expected = values.clone();
            expected.sort_by(f64::total_cmp);
            let mut sorted = values.clone();
            sort_non_negative_within(&mut sorted, &mut SortScratch::default(), range);
            assert_same(&sorted, &expected, &format!("wide range, n = {n}"));
        }
    }

    #[test]
    fn keys_that_share_a_digit_sort_like_the_standard_library() {
        // A radix pass is skipped when every key shares its
        // digit. Neighbouring patterns share the high digit (the key is the
        // pattern less an offset, under 256), with zero too; patterns 256
        // apart share the low one, unless a zero is among them. Shuffled.
        let mut rng = SimRng::seed_from(43);
        let base = 1.5f64.to_bits();
        for (n, step, zero) in
            [(200u64, 1u64, true), (200, 1, false), (250, 256, false), (250, 256, true), (3000, 1, true)]
        {
            let mut values: Vec<f64> = (0..n).map(|k| f64::from_bits(base + k * step)).collect();
            if zero {
                values.push(0.0);
            }
            for i in (1..values.len()).rev() {
                let j = rng.below(i + 1);
                values.swap(i, j);
            }
            assert_sorts_like_std(&values, &format!("shared digit, n = {n}, step = {step}, zero: {zero}"));
        }
    }

    #[test]
    fn keys_that_share_the_high_digit_of_the_wide_key_sort_like_the_standard_library() {
        // From 6,144 values the 22-bit key's high digit (its top 11 bits) is
        // shared when the values span fewer than 2,048 neighbouring
        // patterns: that pass is skipped. Repeats, a zero, shuffled.
        let mut rng = SimRng::seed_from(53);
        let base = 2.5f64.to_bits();
        let mut values: Vec<f64> = (0..7000u64).map(|k| f64::from_bits(base + k % 2000)).collect();
        values.push(0.0);
        for i in (1..values.len()).rev() {
            let j = rng.below(i + 1);
            values.swap(i, j);
        }
        assert_sorts_like_std(&values, "shared high digit, n = 7001");
    }

    #[test]
    fn a_spanning_key_fits_its_bits_and_keeps_zero_apart() {
        use super::RadixKey;
        let mut rng = SimRng::seed_from(59);
        for bits in [16, 22] {
            for _ in 0..200 {
                let (centre, spread) = (rng.uniform() * 20.0 - 10.0, rng.uniform() * 8.0);
                let values: Vec<f64> = (0..50).map(|_| rng.lognormal(centre, spread)).collect();
                let range = PatternRange::of(&values);
                let key = RadixKey::spanning(range, bits).expect("positive values");
                let largest = values.iter().copied().fold(0.0, f64::at_least);
                let smallest = values.iter().copied().fold(f64::INFINITY, f64::at_most);
                assert!(key.of(largest) < 1 << bits, "{bits} bits: {}", key.of(largest));
                assert!(key.of(smallest) >= 1, "{bits} bits: the smallest positive keeps a key above zero's");
                assert_eq!(key.of(0.0), 0);
            }
        }
        assert!(
            RadixKey::spanning(PatternRange::of(&[0.0, -0.0]), 16).is_none(),
            "all zeros: nothing to sort"
        );
    }

    #[test]
    fn one_scratch_serves_arrays_of_changing_lengths() {
        // Measuring sorts each buffer with its own scratch month after
        // month, the buffer's length changing: every path after every other.
        let mut rng = SimRng::seed_from(47);
        let mut scratch = SortScratch::default();
        for n in [3000, 100, 5000, 64, 40_000, 4095, 2, 1000, 33_000, 3999] {
            let values = mixed(&mut rng, n);
            let mut expected = values.clone();
            expected.sort_by(f64::total_cmp);
            let mut sorted = values;
            sort_non_negative(&mut sorted, &mut scratch);
            assert_same(&sorted, &expected, &format!("shared scratch, n = {n}"));
        }
    }

    #[test]
    fn many_near_equal_values_fall_back_without_error() {
        // Distinct values closer together than any key tells apart: the
        // insertion sort's budget runs out and the comparison sort finishes.
        let mut rng = SimRng::seed_from(31);
        for n in [65, 1000, 4095, 10_000, 50_000] {
            let values: Vec<f64> = (0..n).map(|_| 1.0 + rng.uniform() * 1e-12).collect();
            assert_sorts_like_std(&values, &format!("near-equal, n = {n}"));
        }
    }
}
