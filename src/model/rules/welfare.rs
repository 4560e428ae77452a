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
        let books = izip!(&mut c.money, &mut c.income, &mut c.market_income, &mut c.tax_paid, &mut c.benefit);
        for ((money, income, market_income, tax_paid, benefit), (bits, &claim_draw)) in
            books.zip(c.flags.iter_mut().zip(&c.claim_draw))
        {
            let entitlement = entitlement(guarantee, taper, *market_income);
            (*income, *market_income, *tax_paid, *benefit) = (0.0, 0.0, 0.0, 0.0);
            *bits &= !flags::CLAIMING;
            if entitlement > 0.0 && claim_draw < take_up {
                let transfer = entitlement * scale;
                *money += transfer;
                *income += transfer;
                *benefit = transfer;
                *bits |= flags::CLAIMING;
                paid += transfer;
            }
        }
        self.state.money -= paid;
        self.state.spending.transfers = paid;
    }

    /// Training: each month a twelfth of the lever's yearly share of
    /// citizens take a course that closes part of their skill gap (claim 10:
    /// Brest invested heavily in training).
    pub(in crate::model) fn train_citizens(&mut self) {
        for bits in &mut self.citizens.flags {
            *bits &= !flags::TRAINING;
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

    /// Grants to the infrastructure of cooperation: the state budgets the
    /// lever's share of the commons' infrastructure need, loses part of it
    /// to applying and administering, and allocates the rest to projects —
    /// mostly by need as its funder sees it (imperfectly), partly by past
    /// grants (funding follows funding: Bol, de Vaan & van de Rijt 2018).
    /// The infrastructure is bought in the market (claim 10: the partner
    /// state funds the infrastructure commons rest on). This also opens the
    /// associations' books for the month.
    pub(in crate::model) fn grant_infrastructure_funds(&mut self) {
        self.associations.state_funds.fill(0.0);
        self.associations.voluntary.fill(0.0);
        let programmes = &self.scenario.programmes;
        let total_need: f64 = self.associations.need.iter().sum();
        let budget = self.state.levers.infrastructure_grants
            * self.state.spending_scale
            * self.market.price
            * total_need;
        let to_projects = budget * (1.0 - programmes.grant_overhead);
        let projects = &mut self.projects;
        let (mut seen_need, mut record) = (0.0, 0.0);
        for p in 0..projects.len() {
            if projects.alive[p] {
                seen_need += projects.visibility[p] * projects.need[p];
                record += projects.grant[p];
            }
        }
        let (per_seen_need, per_record) =
            grant_rates(to_projects, programmes.grant_capture, seen_need, record);
        let mut granted = 0.0;
        for p in 0..projects.len() {
            let grant = if projects.alive[p] {
                per_seen_need * projects.visibility[p] * projects.need[p] + per_record * projects.grant[p]
            } else {
                0.0
            };
            projects.grant[p] = grant;
            granted += grant;
            if let Some(funds) = self.associations.state_funds.get_mut(projects.association[p] as usize) {
                *funds += grant;
            }
        }
        self.state.spending.infrastructure = granted;
        self.state.spending.grant_administration = budget - to_projects;
    }

    /// Matching support for citizen teams: the state adds the lever's
    /// multiple of what members gave their associations this month (claim 10).
    pub(in crate::model) fn match_team_funds(&mut self) {
        let ratio = self.state.levers.team_matching * self.state.spending_scale;
        let mut matched = 0.0;
        let a = &mut self.associations;
        for ((money, funds), &dues) in a.money.iter_mut().zip(a.state_funds.iter_mut()).zip(&a.dues) {
            let amount = ratio * dues;
            *money += amount;
            *funds += amount;
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

    /// States do not hoard: money beyond `state_reserve_months` of the
    /// state's spending is returned to taxpayers in proportion to the income
    /// tax they paid this month, as a tax cut would (an assumption of the
    /// model; see the ODD). Hours respond to the statutory rate, which is
    /// what people see on their pay, not to a rebate that comes later (tax
    /// salience: Chetty, Looney & Kroft 2009).
    pub(in crate::model) fn rebate_surplus(&mut self) {
        let reserve = self.scenario.legitimacy.state_reserve_months * self.state.spending.total();
        let surplus = self.state.money - reserve;
        if surplus <= 0.0 {
            return;
        }
        let paid: f64 = self.citizens.tax_paid.iter().sum();
        if paid <= 0.0 {
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

/// What the state's grants give per unit of need as the funder sees it and
/// per unit of last month's grant: `capture` of the money follows past
/// grants, the rest seen need; all of it follows seen need when there is no
/// record yet, and none is given when no need is seen.
#[inline]
pub(in crate::model) fn grant_rates(money: f64, capture: f64, seen_need: f64, record: f64) -> (f64, f64) {
    if seen_need <= 0.0 {
        (0.0, 0.0)
    } else if record <= 0.0 {
        (money / seen_need, 0.0)
    } else {
        ((1.0 - capture) * money / seen_need, capture * money / record)
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
    use super::{entitlement, grant_rates};

    #[test]
    fn grants_follow_seen_need_and_partly_past_grants() {
        assert_eq!(grant_rates(100.0, 0.3, 50.0, 0.0), (2.0, 0.0), "no record: all by need");
        let (per_need, per_record) = grant_rates(100.0, 0.3, 50.0, 80.0);
        assert!((per_need * 50.0 - 70.0).abs() < 1e-12 && (per_record * 80.0 - 30.0).abs() < 1e-12);
        assert_eq!(grant_rates(100.0, 0.3, 0.0, 80.0), (0.0, 0.0), "no need seen, nothing given");
    }

    #[test]
    fn the_entitlement_is_withdrawn_as_income_rises() {
        assert_eq!(entitlement(10.0, 0.5, 0.0), 10.0);
        assert_eq!(entitlement(10.0, 0.5, 8.0), 6.0);
        assert!(entitlement(10.0, 1.0, 12.0) < 0.0);
    }
}
