//! The household exchange submodel.

use crate::model::Model;
use crate::model::num::Bounds;
use crate::model::prefetch::{self, prefetch};

/// Pairs drawn ahead of trading (see `exchange_between_households`).
const EXCHANGE_BATCH: usize = 64;

impl Model {
    /// Households exchange money in random pairs, each keeping a share λ of
    /// what it had and splitting the rest of the pair's money at random
    /// (Chakraborti & Chakrabarti 2000; λ = 0 is Dragulescu & Yakovenko 2000).
    /// Money is conserved in every trade; what a household gains counts as
    /// informal income.
    pub(in crate::model) fn exchange_between_households(&mut self) {
        let n = self.citizens.len();
        if n < 2 {
            return;
        }
        let pairs = self.scenario.households.exchanges_per_month * n as f64 / 2.0;
        // The fractional part of the expected number of pairs is drawn, so
        // any non-integer rate is honoured on average.
        let whole = pairs.floor();
        let count = whole as usize + usize::from(self.rng.chance(pairs - whole));
        let keep = self.scenario.households.saving_propensity;
        let (money, income, rng) =
            (&mut self.citizens.money[..n], &mut self.citizens.income[..n], &mut self.rng);
        // Pairs are drawn a batch at a time, then traded: in a large
        // population each trade's two households are far apart in memory,
        // and knowing a batch's addresses in advance lets the processor fetch
        // many at once (and hints that it will need them, see
        // `model::prefetch`). The draws and trades happen in the same order as
        // one pair at a time, so the run is the same.
        let hint = prefetch::worthwhile(n);
        let mut batch = [(0u32, 0u32, 0.0f64); EXCHANGE_BATCH];
        let mut left = count;
        while left > 0 {
            let size = left.min(EXCHANGE_BATCH);
            left -= size;
            for pair in &mut batch[..size] {
                let i = rng.below(n);
                // A partner other than i, uniformly (no division, no branch).
                let j = i + 1 + rng.below(n - 1);
                let j = j - n * usize::from(j >= n);
                *pair = (i as u32, j as u32, rng.uniform());
                if hint {
                    for column in [&*money, &*income] {
                        prefetch(column, i);
                        prefetch(column, j);
                    }
                }
            }
            for &(i, j, share) in &batch[..size] {
                let (i, j) = (i as usize, j as usize);
                let total = money[i] + money[j];
                let new_i = (keep * money[i] + share * (1.0 - keep) * total).at_most(total);
                let gain_i = new_i - money[i];
                money[i] = new_i;
                money[j] = total - new_i;
                // What one gains the other loses: the gainer's income rises. Both
                // sides are written, one adding zero, by arithmetic rather than a
                // branch the processor would guess wrong half the time (nor a
                // select, which WebAssembly engines may turn back into a branch):
                // (g + |g|) / 2 is exactly g when g > 0 and 0 otherwise.
                let magnitude = libm::fabs(gain_i);
                income[i] += (gain_i + magnitude) * 0.5;
                income[j] += (magnitude - gain_i) * 0.5;
            }
        }
    }
}
