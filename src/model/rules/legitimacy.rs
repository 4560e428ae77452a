//! Trust in the state, and legitimacy.

use crate::model::Model;
use crate::model::citizens::flags;

impl Model {
    /// A state keeps legitimacy only as far as it is seen to manage the
    /// common good: each citizen's trust moves toward a level lowered by
    /// their own unmet needs, by income inequality beyond what they tolerate
    /// and by the share of state spending that goes to firm owners; trust
    /// feeds back into tax compliance (claims 8, 11).
    pub(in crate::model) fn update_trust(&mut self, gini_income: f64) {
        let params = &self.scenario.legitimacy;
        let spending = self.state.spending.total();
        let favouritism = if spending > 0.0 { self.state.spending.subsidies / spending } else { 0.0 };
        let common = params.baseline_trust
            - params.weight_inequality * (gini_income - params.inequality_tolerance).max(0.0)
            - params.weight_favouritism * favouritism;
        let mut total = 0.0;
        for i in 0..self.citizens.len() {
            let citizen_flags = self.citizens.flags[i];
            let hardship = if citizen_flags & flags::UNMET != 0 {
                1.0
            } else if citizen_flags & flags::PRECARIOUS != 0 {
                0.5
            } else {
                0.0
            };
            let target = (common - params.weight_needs * hardship).clamp(0.0, 1.0);
            let trust = &mut self.citizens.trust[i];
            *trust += params.trust_speed * (target - *trust);
            total += *trust;
        }
        self.state.legitimacy =
            if self.citizens.is_empty() { 0.0 } else { total / self.citizens.len() as f64 };
    }
}
