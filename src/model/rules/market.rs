//! The goods market: buying, producing, pricing, and firms' accounts.

use crate::model::Model;
use crate::model::citizens::{NONE, compliance};
use crate::model::num::{Bounds, positive_power};

/// Months of wages and fixed costs a firm keeps in reserve before paying
/// out everything beyond it.
const FIRM_RESERVE_MONTHS: f64 = 3.0;

impl Model {
    /// The goods market: households buy their basic needs and part of what
    /// they have beyond, the state buys public services and programmes,
    /// associations buy infrastructure, firms buy their fixed inputs; the
    /// price is what makes that spending buy exactly this month's output, and
    /// each firm's revenue is its share of output (claim 5).
    pub(in crate::model) fn trade_goods(&mut self) {
        let alpha = self.scenario.market.returns_to_labour;
        let mut output = 0.0;
        for f in 0..self.firms.len() {
            let y = if self.firms.alive[f] && self.firms.skill[f] > 0.0 {
                self.firms.productivity[f] * positive_power(self.firms.skill[f], alpha)
            } else {
                0.0
            };
            self.firms.output[f] = y;
            self.firms.revenue[f] = 0.0;
            output += y;
        }
        self.market.output = output;
        self.market.open = output > 0.0;
        self.projects.funding.fill(0.0);
        if !self.market.open {
            // Nothing to buy: nobody spends, the price stays where it was.
            if !self.market.spending_cleared {
                self.citizens.spending.fill(0.0);
                self.market.spending_cleared = true;
            }
            self.market.nominal_output = 0.0;
            self.market.services_share = 0.0;
            for a in 0..self.associations.len() {
                self.associations.dues[a] = 0.0;
            }
            return;
        }
        let expected_price = self.market.price;
        let mut demand = 0.0;
        self.market.spending_cleared = false;

        // The state: services in kind for everyone, then its programmes.
        let levers = &self.state.levers;
        let scale = self.state.spending_scale;
        let services_share = levers.public_services * scale;
        let n = self.citizens.len() as f64;
        let spending = &mut self.state.spending;
        spending.services = services_share * n * expected_price;
        spending.overhead = levers.admin_overhead * spending.transfers;
        spending.training =
            self.tallies.trainees as f64 * self.scenario.programmes.training_cost * expected_price;
        spending.tools = levers.shared_tools
            * scale
            * self.tallies.tools_users as f64
            * self.scenario.programmes.tools_cost
            * expected_price;
        let state_purchases = spending.services + spending.overhead + spending.training + spending.tools;
        self.state.money -= state_purchases;
        demand += state_purchases;
        self.market.services_share = services_share;

        // Associations: infrastructure for their projects, up to their need.
        self.scratch.clear();
        let share = self.scenario.associations.spending_share;
        for a in 0..self.associations.len() {
            let budget = (self.associations.money[a] * share)
                .at_most(self.associations.need[a] * expected_price)
                .at_least(0.0);
            self.associations.money[a] -= budget;
            self.scratch.push(budget);
            demand += budget;
        }

        // Firms: fixed inputs, as far as their money goes.
        let fixed = self.scenario.market.fixed_cost * expected_price;
        for f in 0..self.firms.len() {
            if self.firms.alive[f] {
                let paid = fixed.at_most(self.firms.money[f].at_least(0.0));
                self.firms.money[f] -= paid;
                self.firms.fixed_costs[f] = paid;
                demand += paid;
            }
        }

        // Households: basic needs first, then a share of what is left.
        let need_cost = (1.0 - services_share).at_least(0.0) * expected_price;
        let propensity = self.scenario.households.consumption_propensity;
        for (money, spending) in self.citizens.money.iter_mut().zip(self.citizens.spending.iter_mut()) {
            let held = *money;
            // The cap guards against rounding up past what is held when the propensity is 1.
            let spend = if held <= need_cost {
                held
            } else {
                (need_cost + propensity * (held - need_cost)).at_most(held)
            };
            *money -= spend;
            *spending = spend;
            demand += spend;
        }

        let price = demand / output;
        self.market.price = price;
        self.market.nominal_output = demand;

        // Revenue in proportion to output; the last firm takes the rounding,
        // so exactly the money spent is received.
        let mut distributed = 0.0;
        let last = (0..self.firms.len()).rev().find(|&f| self.firms.output[f] > 0.0);
        for f in 0..self.firms.len() {
            if self.firms.output[f] > 0.0 {
                let revenue = if Some(f) == last {
                    demand - distributed
                } else {
                    demand * self.firms.output[f] / output
                };
                distributed += revenue;
                self.firms.money[f] += revenue;
                self.firms.revenue[f] = revenue;
            }
        }

        // Infrastructure bought, in baskets, spread over each association's
        // projects in proportion to their need.
        for p in 0..self.projects.len() {
            if !self.projects.alive[p] {
                continue;
            }
            let a = self.projects.association[p] as usize;
            if a < self.associations.len() && self.associations.need[a] > 0.0 {
                self.projects.funding[p] +=
                    self.scratch[a] / price * self.projects.need[p] / self.associations.need[a];
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
        let price = self.market.price;
        let wage_per_skill = self.market.real_wage * price;
        let subsidy_rate = self.state.levers.firm_subsidy * self.state.spending_scale;

        // Subsidies, and the share of its wage bill each firm can pay.
        self.scratch.clear();
        let mut subsidies = 0.0;
        for f in 0..self.firms.len() {
            let mut payable = 0.0;
            self.firms.wages[f] = 0.0;
            self.firms.subsidy[f] = 0.0;
            if self.firms.alive[f] {
                let subsidy = subsidy_rate * self.firms.revenue[f];
                self.firms.money[f] += subsidy;
                self.firms.subsidy[f] = subsidy;
                subsidies += subsidy;
                let bill = wage_per_skill * self.firms.skill[f];
                payable =
                    if bill > 0.0 { (self.firms.money[f].at_least(0.0) / bill).at_most(1.0) } else { 1.0 };
            }
            self.firms.paid_in_full[f] = payable >= 1.0;
            self.scratch.push(payable);
        }
        self.state.money -= subsidies;
        self.state.spending.subsidies = subsidies;

        // Wages: a firm short of money pays every employee the same share.
        let (rate, max_evasion) = (self.state.levers.income_tax, self.scenario.legitimacy.max_tax_evasion);
        let (citizens, firms, payable) = (&mut self.citizens, &mut self.firms, &self.scratch[..]);
        let (firm_money, firm_wages) = (&mut firms.money[..], &mut firms.wages[..]);
        let mut withheld = 0.0;
        for i in 0..citizens.len() {
            let employer = citizens.employer[i];
            if employer == NONE {
                continue;
            }
            let f = employer as usize;
            // Capped at what the firm holds, so rounding in the shares cannot
            // take it below zero.
            let gross =
                (wage_per_skill * citizens.skill[i] * payable[f]).at_most(firm_money[f].at_least(0.0));
            firm_money[f] -= gross;
            firm_wages[f] += gross;
            withheld += citizens.receive_market_income(i, gross, rate, max_evasion);
        }
        self.state.money += withheld;
        self.state.revenue += withheld;

        // Profit, tax, give-back, dividends.
        let corporate_rate = self.state.levers.corporate_tax
            * compliance(self.state.legitimacy, self.scenario.legitimacy.max_tax_evasion);
        let market = &self.scenario.market;
        let (payout, give_rate) = (market.dividend_payout, market.reciprocity_rate);
        for f in 0..self.firms.len() {
            if !self.firms.alive[f] {
                continue;
            }
            let firms = &self.firms;
            let profit = firms.revenue[f] + firms.subsidy[f] - firms.wages[f] - firms.fixed_costs[f];
            let tax = (corporate_rate * profit.at_least(0.0)).at_most(self.firms.money[f].at_least(0.0));
            self.firms.money[f] -= tax;
            self.state.money += tax;
            self.state.revenue += tax;
            let after_tax = profit - tax;
            let mut kept = after_tax;
            if self.firms.reciprocal[f] && after_tax > 0.0 {
                kept -= self.give_back(f, give_rate * after_tax);
            }
            // Dividends: the payout share of what is kept, and any money beyond
            // a reserve of a few months' costs (firms do not hoard).
            let reserve = FIRM_RESERVE_MONTHS * (self.firms.wages[f] + self.firms.fixed_costs[f]);
            let excess = self.firms.money[f] - reserve;
            let dividend = (payout * kept).at_least(excess).clamp(0.0, self.firms.money[f].at_least(0.0));
            if dividend > 0.0 {
                let owner = self.firms.owner[f] as usize;
                self.firms.money[f] -= dividend;
                self.pay_market_income(owner, dividend);
            }
            let revenue = self.firms.revenue[f];
            let margin = if revenue > 0.0 { after_tax / revenue } else { -1.0 };
            self.firms.margin[f] = 0.8 * self.firms.margin[f] + 0.2 * margin;
            self.firms.age[f] += 1;
        }
    }

    /// Reciprocity: a firm gives `amount` to the associations of the
    /// projects it builds on, in equal parts; returns what it gave (claim 5).
    fn give_back(&mut self, f: usize, amount: f64) -> f64 {
        let amount = amount.at_most(self.firms.money[f].at_least(0.0));
        let alive = self.firms.projects_of(f).filter(|&p| self.projects.alive[p]).count();
        if alive == 0 || amount <= 0.0 {
            return 0.0;
        }
        let part = amount / alive as f64;
        for p in self.firms.projects_of(f) {
            if self.projects.alive[p] {
                self.associations.money[self.projects.association[p] as usize] += part;
            }
        }
        self.firms.money[f] -= amount;
        amount
    }
}
