//! Policy changes and the state's budget constraint.

use crate::model::Model;

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

    /// The budget constraint: as debt approaches its limit (years of market
    /// output), the state scales every programme down alike; nothing is cut
    /// while there is room (claims 9, 11).
    pub(in crate::model) fn plan_state_budget(&mut self) {
        let limit = self.scenario.legitimacy.debt_limit * 12.0 * self.market.nominal_output;
        let planned = self.state.spending.total();
        let headroom = self.state.money + limit;
        self.state.spending_scale =
            if planned <= 0.0 { 1.0 } else { (headroom / planned.max(0.25 * limit)).clamp(0.0, 1.0) };
        self.state.revenue = 0.0;
        self.state.spending = Default::default();
    }
}
