//! Policy changes and the state's budget constraint.

use crate::model::Model;
use crate::model::num::Bounds;

impl Model {
    /// Policy shocks: at the months the scenario names, the levers switch to
    /// a regime's presets or single levers change (the brief's interventions).
    pub(in crate::model) fn apply_policy_schedule(&mut self) {
        for change in self.scenario.schedule.iter().filter(|c| c.month == self.month) {
            // Validated with the scenario, so an unknown lever cannot reach here.
            if let Ok(levers) = self.state.levers.with_change(change) {
                self.state.levers = levers;
            }
        }
    }

    /// The budget constraint: as debt approaches its limit (a multiple of the
    /// economy's money stock), the state scales every programme down alike;
    /// nothing is cut while there is room (claims 9, 11). The limit is not
    /// set in years of output because, in a closed economy, output measured
    /// in money grows with the state's own borrowing and would never bind.
    pub(in crate::model) fn plan_state_budget(&mut self) {
        let state = &mut self.state;
        // The plan: what last month's programmes would have cost without
        // cuts, carried to this month's prices.
        if state.spending_scale > 1e-9 {
            state.full_cost = state.spending.total() / state.spending_scale;
        }
        let inflation = if state.cost_price > 0.0 { self.market.price / state.cost_price } else { 1.0 };
        let planned = state.full_cost * inflation;
        state.cost_price = self.market.price;
        let limit = self.scenario.legitimacy.debt_limit * self.money_stock;
        let headroom = state.money + limit;
        state.spending_scale =
            if planned <= 0.0 { 1.0 } else { (headroom / planned.at_least(0.25 * limit)).clamp(0.0, 1.0) };
        self.state.revenue = 0.0;
        self.state.spending = Default::default();
    }
}
