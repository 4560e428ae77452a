//! The household exchange submodel.

use crate::model::Model;
use crate::model::num::Bounds;

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
        let money = &mut self.citizens.money;
        let income = &mut self.citizens.income;
        for _ in 0..count {
            let i = self.rng.below(n);
            // A partner other than i, uniformly (no division: it is slow).
            let mut j = i + 1 + self.rng.below(n - 1);
            if j >= n {
                j -= n;
            }
            let total = money[i] + money[j];
            let share = self.rng.uniform();
            let new_i = (keep * money[i] + share * (1.0 - keep) * total).at_most(total);
            let gain_i = new_i - money[i];
            money[i] = new_i;
            money[j] = total - new_i;
            // What one gains the other loses: the gainer's income rises. Both
            // sides are written, one adding zero, by arithmetic rather than a
            // branch the processor would guess wrong half the time (nor a
            // select, which WebAssembly engines may turn back into a branch):
            // (g + |g|) / 2 is exactly g when g > 0 and 0 otherwise.
            let size = libm::fabs(gain_i);
            income[i] += (gain_i + size) * 0.5;
            income[j] += (size - gain_i) * 0.5;
        }
    }
}
