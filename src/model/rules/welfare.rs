//! What the state gives: transfers, training, grants and matching.

use crate::model::Model;
use crate::model::citizens::flags;
use crate::model::num::Bounds;

impl Model {
    /// Basic security: claimants receive the guaranteed share of the cost of
    /// basic needs, withdrawn at the means-testing rate as their own income
    /// rises; only those whose draw is below take-up claim (claims 7, 9, 10).
    pub(in crate::model) fn pay_transfers(&mut self) {
        let levers = &self.state.levers;
        let guarantee = levers.basic_security * self.market.price;
        let (taper, take_up) = (levers.means_testing, levers.take_up);
        let scale = self.state.spending_scale;
        let mut paid = 0.0;
        // Columns bound once, cut to one length: the loop keeps them in
        // registers and needs no bounds checks (see ARCHITECTURE.md).
        let n = self.citizens.len();
        let c = &mut self.citizens;
        let (income, bits, market_income) =
            (&mut c.income[..n], &mut c.flags[..n], &mut c.market_income[..n]);
        let (tax_paid, claim_draw, money) = (&mut c.tax_paid[..n], &c.claim_draw[..n], &mut c.money[..n]);
        for i in 0..n {
            // A new month's books: this pass reads last month's market
            // income, then clears it and the tax paid for firms to fill anew.
            income[i] = 0.0;
            bits[i] &= !flags::CLAIMING;
            let entitlement = guarantee - taper * market_income[i];
            market_income[i] = 0.0;
            tax_paid[i] = 0.0;
            if entitlement > 0.0 && claim_draw[i] < take_up {
                let transfer = entitlement * scale;
                money[i] += transfer;
                income[i] += transfer;
                bits[i] |= flags::CLAIMING;
                paid += transfer;
            }
        }
        self.state.money -= paid;
        self.state.spending.transfers = paid;
    }

    /// Training: each month a twelfth of the lever's yearly share of citizens
    /// take a course that closes part of their skill gap, while everyone's
    /// skill slowly goes out of date (claim 10: Brest invested heavily in training).
    pub(in crate::model) fn train_citizens(&mut self) {
        let households = &self.scenario.households;
        let programme = &self.scenario.programmes;
        let chance = self.state.levers.training / 12.0 * self.state.spending_scale;
        let keep = 1.0 - households.skill_obsolescence;
        for (bits, skill) in self.citizens.flags.iter_mut().zip(self.citizens.skill.iter_mut()) {
            *bits &= !flags::TRAINING;
            *skill *= keep;
        }
        // Each citizen takes a course with chance `chance`: visit only those
        // who do, skipping geometric gaps between them.
        let mut trainees = 0u32;
        let mut i = self.rng.failures_before_success(chance);
        while i < self.citizens.len() {
            let skill = &mut self.citizens.skill[i];
            *skill += programme.training_gain * (1.0 - *skill);
            self.citizens.flags[i] |= flags::TRAINING;
            trainees += 1;
            i = i.saturating_add(1).saturating_add(self.rng.failures_before_success(chance));
        }
        self.tallies.trainees = trainees;
    }

    /// Grants to the infrastructure of cooperation: the state pays each
    /// association the lever's share of its projects' infrastructure need
    /// (claim 10: the partner state funds the infrastructure commons rest on).
    pub(in crate::model) fn grant_infrastructure_funds(&mut self) {
        let rate = self.state.levers.infrastructure_grants * self.state.spending_scale * self.market.price;
        let mut granted = 0.0;
        for a in 0..self.associations.len() {
            let grant = rate * self.associations.need[a];
            self.associations.money[a] += grant;
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
        for a in 0..self.associations.len() {
            let amount = ratio * self.associations.dues[a];
            self.associations.money[a] += amount;
            matched += amount;
        }
        self.state.money -= matched;
        self.state.spending.matching = matched;
    }

    /// Pays citizen `i` a gross market income (a wage or a dividend) with
    /// income tax withheld; what is evaded depends on the citizen's trust in
    /// the state (claim 11).
    pub(in crate::model) fn pay_market_income(&mut self, i: usize, gross: f64) {
        let (rate, max_evasion) = (self.state.levers.income_tax, self.scenario.legitimacy.max_tax_evasion);
        let tax = self.citizens.receive_market_income(i, gross, rate, max_evasion);
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
        for ((money, income), &tax) in c.money.iter_mut().zip(c.income.iter_mut()).zip(&c.tax_paid) {
            let amount = tax * per_unit;
            *money += amount;
            *income += amount;
        }
        self.state.money -= rebate;
        self.state.revenue -= rebate;
    }
}
