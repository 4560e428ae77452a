//! Random pairs of households, drawn a batch at a time.

use super::prefetch::{self, prefetch};
use crate::model::rng::SimRng;

/// Pairs drawn ahead of trading.
const BATCH: usize = 64;

/// The columns a pair's visit reads and writes, which the batch hints.
pub trait PairColumns {
    /// Hints that household `i`'s entries will soon be read.
    fn expect(&self, i: usize);
}

impl PairColumns for (&mut [f64], &mut [f64]) {
    #[inline(always)]
    fn expect(&self, i: usize) {
        prefetch(&*self.0, i);
        prefetch(&*self.1, i);
    }
}

/// Calls `visit(columns, i, j, u)` for `count` pairs of distinct households
/// `i`, `j` drawn uniformly from `0..n` (n ≥ 2), each with a uniform draw
/// `u` in [0, 1), in the order one pair at a time would draw and visit them.
///
/// In a large population a pair's two households are far apart in memory:
/// drawing a batch first, then visiting it, lets the processor fetch many
/// at once, and in populations beyond the core's cache each pair's entries
/// are hinted as it is drawn. The draws and visits happen in the same order
/// as one pair at a time, so the run is the same.
#[inline(always)]
pub fn for_each_random_pair<C: PairColumns>(
    rng: &mut SimRng,
    n: usize,
    count: usize,
    columns: &mut C,
    mut visit: impl FnMut(&mut C, usize, usize, f64),
) {
    debug_assert!(n >= 2);
    let hint = prefetch::worthwhile(n);
    let mut batch = [(0u32, 0u32, 0.0f64); BATCH];
    let mut left = count;
    while left > 0 {
        let size = left.min(BATCH);
        left -= size;
        for pair in &mut batch[..size] {
            let i = rng.below(n);
            let j = rng.below_other_than(i, n);
            *pair = (i as u32, j as u32, rng.uniform());
            if hint {
                columns.expect(i);
                columns.expect(j);
            }
        }
        for &(i, j, share) in &batch[..size] {
            visit(columns, i as usize, j as usize, share);
        }
    }
}
