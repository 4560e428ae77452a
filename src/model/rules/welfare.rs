//! What the state gives: transfers, training, grants and matching, and the
//! income tax and rebates that pay for them.

use crate::model::Model;
use crate::model::citizens::flags;
use crate::model::num::Bounds;
use itertools::izip;

impl Model {
    /// Basic security: claimants receive the guaranteed share of the cost of
    /// basic needs, withdrawn at the means-testing rate as their own income
    /// rises; only those whose draw is below take-up claim (claims 7, 9, 10).
    /// This pass also opens each citizen's books for the month: last month's
    /// market income is read, then it and the tax paid are cleared.
    pub(in crate::model) fn pay_transfers(&mut self) {
        let levers = &self.state.levers;
        let guarantee = levers.basic_security * self.market.price;
        let (taper, take_up, scale) = (levers.means_testing, levers.take_up, self.state.spending_scale);
        let c = &mut self.citizens;
        let mut paid = 0.0;
        let books = izip!(&mut c.money, &mut c.income, &mut c.market_income, &mut c.tax_paid, &mut c.flags);
        for ((money, income, market_income, tax_paid, bits), &claim_draw) in books.zip(&c.claim_draw) {
            let entitlement = entitlement(guarantee, taper, *market_income);
            (*income, *market_income, *tax_paid) = (0.0, 0.0, 0.0);
            *bits &= !flags::CLAIMING;
            if entitlement > 0.0 && claim_draw < take_up {
                let transfer = entitlement * scale;
                *money += transfer;
                *income += transfer;
                *bits |= flags::CLAIMING;
                paid += transfer;
            }
        }
        self.state.money -= paid;
        self.state.spending.transfers = paid;
    }

    /// Training: everyone's skill slowly goes out of date, and each month a
    /// twelfth of the lever's yearly share of citizens take a course that
    /// closes part of their skill gap (claim 10: Brest invested heavily in
    /// training).
    pub(in crate::model) fn train_citizens(&mut self) {
        let keep = 1.0 - self.scenario.households.skill_obsolescence;
        for (bits, skill) in self.citizens.flags.iter_mut().zip(self.citizens.skill.iter_mut()) {
            *bits &= !flags::TRAINING;
            *skill *= keep;
        }
        let chance = self.state.levers.training / 12.0 * self.state.spending_scale;
        let gain = self.scenario.programmes.training_gain;
        let mut trainees = 0u32;
        let mut next = self.rng.failures_before_success(chance);
        while next < self.citizens.len() {
            let skill = &mut self.citizens.skill[next];
            *skill += gain * (1.0 - *skill);
            self.citizens.flags[next] |= flags::TRAINING;
            trainees += 1;
            // Whoever is next to take a course: a geometric gap away.
            next = next.saturating_add(1).saturating_add(self.rng.failures_before_success(chance));
        }
        self.tallies.trainees = trainees;
    }

    /// Grants to the infrastructure of cooperation: the state pays each
    /// association the lever's share of its projects' infrastructure need
    /// (claim 10: the partner state funds the infrastructure commons rest on).
    pub(in crate::model) fn grant_infrastructure_funds(&mut self) {
        let rate = self.state.levers.infrastructure_grants * self.state.spending_scale * self.market.price;
        let mut granted = 0.0;
        for (money, &need) in self.associations.money.iter_mut().zip(&self.associations.need) {
            let grant = rate * need;
            *money += grant;
            granted += grant;
        }
        self.state.money -= granted;
        self.state.spending.infrastructure = granted;
    }

    /// Matching support for citizen teams: the state adds the lever's
    /// multiple of what members gave their associations this month (claim 10).
    pub(in crate::model) fn match_team_funds(&mut self) {
        let ratio = self.state.levers.team_matching * self.state.spending_scale;
        let mut matched = 0.0;
        for (money, &dues) in self.associations.money.iter_mut().zip(&self.associations.dues) {
            let amount = ratio * dues;
            *money += amount;
            matched += amount;
        }
        self.state.money -= matched;
        self.state.spending.matching = matched;
    }

    /// Pays citizen `i` a gross market income (a wage or a dividend) with
    /// income tax withheld, as far as they comply (claim 11).
    pub(in crate::model) fn pay_market_income(&mut self, i: usize, gross: f64) {
        let tax = self.citizens.receive_market_income(i, gross, self.state.levers.income_tax);
        self.state.money += tax;
        self.state.revenue += tax;
    }

    /// States do not hoard: money beyond three months of the state's spending is
    /// returned to taxpayers in proportion to the income tax they paid this
    /// month, as a tax cut would (an assumption of the model; see the ODD).
    pub(in crate::model) fn rebate_surplus(&mut self) {
        let reserve = 3.0 * self.state.spending.total();
        let surplus = self.state.money - reserve;
        let paid: f64 = self.citizens.tax_paid.iter().sum();
        if surplus <= 0.0 || paid <= 0.0 {
            return;
        }
        let rebate = surplus.at_most(paid);
        let per_unit = rebate / paid;
        let c = &mut self.citizens;
        for (money, income, &tax) in izip!(&mut c.money, &mut c.income, &c.tax_paid) {
            let amount = tax * per_unit;
            *money += amount;
            *income += amount;
        }
        self.state.money -= rebate;
        self.state.revenue -= rebate;
    }
}

/// A means-tested entitlement: the guarantee, withdrawn at `taper` per unit
/// of the claimant's own market income (negative when income exceeds it).
#[inline]
pub(in crate::model) fn entitlement(guarantee: f64, taper: f64, market_income: f64) -> f64 {
    guarantee - taper * market_income
}

#[cfg(test)]
mod tests {
    use super::entitlement;

    #[test]
    fn the_entitlement_is_withdrawn_as_income_rises() {
        assert_eq!(entitlement(10.0, 0.5, 0.0), 10.0);
        assert_eq!(entitlement(10.0, 0.5, 8.0), 6.0);
        assert!(entitlement(10.0, 1.0, 12.0) < 0.0);
    }
}
