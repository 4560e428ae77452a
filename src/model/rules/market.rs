//! The goods market: buying, producing, pricing, and firms' accounts.

use crate::model::Model;
use crate::model::ids::FirmId;
use crate::model::num::{Bounds, positive_power};

impl Model {
    /// The goods market: firms produce; households buy their basic needs and
    /// part of what they have beyond, the state buys public services and
    /// programmes, associations buy infrastructure, firms buy their fixed
    /// inputs; the price is what makes that spending buy exactly this
    /// month's output, and each firm's revenue is its share of output (claim 5).
    pub(in crate::model) fn trade_goods(&mut self) {
        self.produce_goods();
        self.projects.funding.fill(0.0);
        if !self.market.open {
            self.trade_nothing();
            return;
        }
        let expected_price = self.market.price;
        self.market.spending_cleared = false;
        // Every buyer's spending, added up in the order they buy.
        let mut demand = self.buy_public_services(expected_price);
        self.buy_infrastructure(expected_price, &mut demand);
        self.buy_fixed_inputs(expected_price, &mut demand);
        self.buy_household_goods(expected_price, &mut demand);
        let price = demand / self.market.output;
        self.market.price = price;
        self.market.nominal_output = demand;
        self.share_out_revenue(demand);
        self.deliver_infrastructure(price);
    }

    /// Each firm's output from the skill it employs, working this month's
    /// hours: Y = A (h S)^α.
    fn produce_goods(&mut self) {
        let alpha = self.scenario.market.returns_to_labour;
        let hours = self.market.hours_share;
        let firms = &mut self.firms;
        let mut output = 0.0;
        for f in 0..firms.len() {
            let producing = firms.alive[f] && firms.skill[f] > 0.0;
            let y = if producing {
                firms.productivity[f] * positive_power(hours * firms.skill[f], alpha)
            } else {
                0.0
            };
            firms.output[f] = y;
            firms.revenue[f] = 0.0;
            output += y;
        }
        self.market.output = output;
        self.market.open = output > 0.0;
    }

    /// Nothing to buy: nobody spends, the price stays where it was, and no
    /// grant is spent.
    fn trade_nothing(&mut self) {
        self.projects.grant.fill(0.0);
        self.associations.state_funds.fill(0.0);
        self.state.spending.infrastructure = 0.0;
        self.state.spending.grant_administration = 0.0;
        if !self.market.spending_cleared {
            self.citizens.spending.fill(0.0);
            self.market.spending_cleared = true;
        }
        self.market.nominal_output = 0.0;
        self.market.services_share = 0.0;
        self.associations.dues.fill(0.0);
    }

    /// The state buys services in kind for everyone, then its programmes'
    /// inputs: claims' administration, training courses, shared tools, and
    /// the infrastructure its grants pay for, with their administration.
    /// Returns what it spent.
    fn buy_public_services(&mut self, price: f64) -> f64 {
        let levers = &self.state.levers;
        let programmes = &self.scenario.programmes;
        let scale = self.state.spending_scale;
        let services_share = levers.public_services * scale;
        let spending = &mut self.state.spending;
        spending.services = services_share * self.citizens.len() as f64 * price;
        spending.overhead = levers.admin_overhead * spending.transfers;
        spending.training = self.tallies.trainees as f64 * programmes.training_cost * price;
        spending.tools =
            levers.shared_tools * scale * self.tallies.tools_users as f64 * programmes.tools_cost * price;
        let purchases = spending.services
            + spending.overhead
            + spending.training
            + spending.tools
            + spending.infrastructure
            + spending.grant_administration;
        self.state.money -= purchases;
        self.market.services_share = services_share;
        purchases
    }

    /// Associations spend a share of their money on infrastructure, up to
    /// what their projects need beyond the state's grants; what each spends
    /// is kept (in `scratch`) to be delivered once the price is known.
    fn buy_infrastructure(&mut self, price: f64, demand: &mut f64) {
        let share = self.scenario.associations.spending_share;
        self.scratch.clear();
        let a = &mut self.associations;
        for ((money, &need), &granted) in a.money.iter_mut().zip(&a.need).zip(&a.state_funds) {
            let budget = (*money * share).at_most(need * price - granted).at_least(0.0);
            *money -= budget;
            self.scratch.push(budget);
            *demand += budget;
        }
    }

    /// Firms buy their fixed inputs, as far as their money goes.
    fn buy_fixed_inputs(&mut self, price: f64, demand: &mut f64) {
        let fixed = self.scenario.market.fixed_cost * price;
        let firms = &mut self.firms;
        for f in 0..firms.len() {
            if firms.alive[f] {
                let paid = fixed.at_most(firms.money[f].at_least(0.0));
                firms.money[f] -= paid;
                firms.fixed_costs[f] = paid;
                *demand += paid;
            }
        }
    }

    /// Households buy their basic needs first (less what public services
    /// provide), then a share of what is left.
    fn buy_household_goods(&mut self, price: f64, demand: &mut f64) {
        let need_cost = (1.0 - self.market.services_share).at_least(0.0) * price;
        let propensity = self.scenario.households.consumption_propensity;
        for (money, spending) in self.citizens.money.iter_mut().zip(self.citizens.spending.iter_mut()) {
            let spend = household_spending(*money, need_cost, propensity);
            *money -= spend;
            *spending = spend;
            *demand += spend;
        }
    }

    /// Revenue in proportion to output; the last firm takes the rounding,
    /// so exactly the money spent is received.
    fn share_out_revenue(&mut self, demand: f64) {
        let output = self.market.output;
        let firms = &mut self.firms;
        let mut distributed = 0.0;
        let last = (0..firms.len()).rev().find(|&f| firms.output[f] > 0.0);
        for f in 0..firms.len() {
            if firms.output[f] > 0.0 {
                let revenue =
                    if Some(f) == last { demand - distributed } else { demand * firms.output[f] / output };
                distributed += revenue;
                firms.money[f] += revenue;
                firms.revenue[f] = revenue;
            }
        }
    }

    /// Infrastructure bought, in baskets: each project's grant, and what its
    /// association bought spread over its projects in proportion to their need.
    fn deliver_infrastructure(&mut self, price: f64) {
        let (projects, associations, budgets) = (&mut self.projects, &self.associations, &self.scratch);
        for p in 0..projects.len() {
            let a = projects.association[p] as usize;
            if !projects.alive[p] {
                continue;
            }
            projects.funding[p] += projects.grant[p] / price;
            if a < associations.len() && associations.need[a] > 0.0 {
                projects.funding[p] += budgets[a] / price * projects.need[p] / associations.need[a];
            }
        }
    }

    /// Firms settle their accounts: subsidy in, wages out (income tax
    /// withheld), corporate tax, a share of profit given back to the commons
    /// by reciprocal firms, dividends to the owner, the rest kept
    /// (claims 5, 8, 11).
    pub(in crate::model) fn settle_firm_accounts(&mut self) {
        if !self.market.open {
            return;
        }
        self.pay_subsidies();
        self.pay_wages();
        for f in 0..self.firms.len() {
            if self.firms.alive[f] {
                self.distribute_profit(f);
            }
        }
    }

    /// The state pays firms its employment subsidy, a share of their wage
    /// bill; each firm then knows what share of the bill it can pay (in
    /// `scratch`).
    fn pay_subsidies(&mut self) {
        let wage_per_skill = self.market.real_wage * self.market.price * self.market.hours_share;
        let subsidy_rate = self.subsidy_rate();
        let firms = &mut self.firms;
        self.scratch.clear();
        let mut subsidies = 0.0;
        for f in 0..firms.len() {
            let mut payable = 0.0;
            firms.wages[f] = 0.0;
            firms.subsidy[f] = 0.0;
            if firms.alive[f] {
                let bill = wage_per_skill * firms.skill[f];
                let subsidy = subsidy_rate * bill;
                firms.money[f] += subsidy;
                firms.subsidy[f] = subsidy;
                subsidies += subsidy;
                payable = payable_share(firms.money[f], bill);
            }
            firms.paid_in_full[f] = payable >= 1.0;
            self.scratch.push(payable);
        }
        self.state.money -= subsidies;
        self.state.spending.subsidies = subsidies;
    }

    /// Wages by skill and hours; a firm short of money pays every employee
    /// the same share (capped at what it holds, so rounding in the shares
    /// cannot take it below zero). Income tax is withheld.
    fn pay_wages(&mut self) {
        let wage_per_skill = self.market.real_wage * self.market.price * self.market.hours_share;
        let rate = self.state.levers.income_tax;
        let (citizens, firms, payable) = (&mut self.citizens, &mut self.firms, &self.scratch);
        let mut withheld = 0.0;
        for i in 0..citizens.len() {
            let Some(f) = citizens.employer[i].map(FirmId::index) else { continue };
            let gross =
                (wage_per_skill * citizens.skill[i] * payable[f]).at_most(firms.money[f].at_least(0.0));
            firms.money[f] -= gross;
            firms.wages[f] += gross;
            withheld += citizens.receive_market_income(i, gross, rate);
        }
        self.state.money += withheld;
        self.state.revenue += withheld;
    }

    /// A firm's profit is taxed (as far as firms comply), reciprocal firms
    /// give a share back, the owner takes dividends, and the margin the firm
    /// judges its prospects by is updated.
    fn distribute_profit(&mut self, f: usize) {
        let market = &self.scenario.market;
        let (payout, give_rate) = (market.dividend_payout, market.reciprocity_rate);
        let (reserve_months, smoothing) = (market.reserve_months, market.margin_smoothing);
        let corporate_rate = self.state.levers.corporate_tax * self.state.corporate_compliance;
        let firms = &mut self.firms;
        let profit = firms.revenue[f] + firms.subsidy[f] - firms.wages[f] - firms.fixed_costs[f];
        let tax = (corporate_rate * profit.at_least(0.0)).at_most(firms.money[f].at_least(0.0));
        firms.money[f] -= tax;
        self.state.money += tax;
        self.state.revenue += tax;
        let after_tax = profit - tax;
        let mut kept = after_tax;
        if self.firms.reciprocal[f] && after_tax > 0.0 {
            kept -= self.give_back(f, give_rate * after_tax);
        }
        let firms = &mut self.firms;
        let reserve = reserve_months * (firms.wages[f] + firms.fixed_costs[f]);
        let dividend = dividend(payout * kept, firms.money[f] - reserve, firms.money[f]);
        if dividend > 0.0 {
            firms.money[f] -= dividend;
            let owner = firms.owner[f] as usize;
            self.pay_market_income(owner, dividend);
        }
        let firms = &mut self.firms;
        let revenue = firms.revenue[f];
        let margin = if revenue > 0.0 { after_tax / revenue } else { -1.0 };
        firms.margin[f] += smoothing * (margin - firms.margin[f]);
        firms.age[f] += 1;
    }

    /// Reciprocity: a firm sets aside `amount` for the associations of the
    /// projects it builds on, in equal parts, and gives each part as far as
    /// the association's voluntary effort goes (a firm asked less often, or
    /// seeing the state pay, gives less: crowding-out); returns what it
    /// gave (claim 5).
    fn give_back(&mut self, f: usize, amount: f64) -> f64 {
        let amount = amount.at_most(self.firms.money[f].at_least(0.0));
        let alive = self.firms.projects_of(f).filter(|&p| self.projects.alive[p]).count();
        if alive == 0 || amount <= 0.0 {
            return 0.0;
        }
        let part = amount / alive as f64;
        let mut given = 0.0;
        for p in self.firms.projects_of(f) {
            if self.projects.alive[p] {
                let a = self.projects.association[p] as usize;
                let gift = part * self.associations.effort[a];
                self.associations.money[a] += gift;
                self.associations.voluntary[a] += gift;
                given += gift;
            }
        }
        self.firms.money[f] -= given;
        given
    }
}

/// What a household holding `held` spends: everything, if that does not
/// cover its basic needs (`need_cost`); otherwise its needs and a
/// `propensity` share of the rest. The cap guards against rounding up past
/// what is held when the propensity is 1.
#[inline]
pub(in crate::model) fn household_spending(held: f64, need_cost: f64, propensity: f64) -> f64 {
    if held <= need_cost { held } else { (need_cost + propensity * (held - need_cost)).at_most(held) }
}

/// The share of its wage `bill` a firm holding `money` can pay, at most 1.
#[inline]
pub(in crate::model) fn payable_share(money: f64, bill: f64) -> f64 {
    if bill > 0.0 { (money.at_least(0.0) / bill).at_most(1.0) } else { 1.0 }
}

/// Dividends: the payout share of what is kept, or any money beyond the
/// reserve if that is more (firms do not hoard), never more than the firm holds.
#[inline]
pub(in crate::model) fn dividend(payout_of_kept: f64, beyond_reserve: f64, money: f64) -> f64 {
    payout_of_kept.at_least(beyond_reserve).clamp(0.0, money.at_least(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn households_cover_needs_first_and_never_spend_more_than_they_hold() {
        assert_eq!(household_spending(5.0, 10.0, 0.3), 5.0);
        assert_eq!(household_spending(20.0, 10.0, 0.5), 15.0);
        assert_eq!(household_spending(20.0, 10.0, 1.0), 20.0);
    }

    #[test]
    fn a_firm_short_of_money_pays_a_share_and_keeps_no_hoard() {
        assert_eq!(payable_share(50.0, 100.0), 0.5);
        assert_eq!(payable_share(500.0, 100.0), 1.0);
        assert_eq!(payable_share(-5.0, 100.0), 0.0);
        assert_eq!(dividend(3.0, 10.0, 40.0), 10.0, "money beyond the reserve is paid out");
        assert_eq!(dividend(3.0, -10.0, 40.0), 3.0);
        assert_eq!(dividend(80.0, 0.0, 40.0), 40.0, "never more than the firm holds");
    }
}
