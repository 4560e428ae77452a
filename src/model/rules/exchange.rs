//! The household exchange submodel.

use crate::model::Model;
use crate::model::kernels::for_each_random_pair;
use crate::model::num::{Bounds, positive_part};

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
        let households = &self.scenario.households;
        let pairs = self.rng.round_randomly(households.exchanges_per_month * n as f64 / 2.0);
        let keep = households.saving_propensity;
        let mut books = (&mut self.citizens.money[..n], &mut self.citizens.income[..n]);
        for_each_random_pair(&mut self.rng, n, pairs, &mut books, |(money, income), i, j, share| {
            let gain = kinetic_exchange(money, i, j, keep, share);
            income[i] += positive_part(gain);
            income[j] += positive_part(-gain);
        });
    }
}

/// One trade of the kinetic exchange model: `i` keeps `keep` of its money
/// and takes `share` of the rest of the pair's, `j` holds what is left.
/// Returns what `i` gained (negative when it lost).
#[inline(always)]
fn kinetic_exchange(money: &mut [f64], i: usize, j: usize, keep: f64, share: f64) -> f64 {
    let total = money[i] + money[j];
    let new_i = (keep * money[i] + share * (1.0 - keep) * total).at_most(total);
    let gain = new_i - money[i];
    money[i] = new_i;
    money[j] = total - new_i;
    gain
}
