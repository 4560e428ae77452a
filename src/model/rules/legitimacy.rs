//! Trust in the state, and legitimacy.

use crate::model::Model;
use crate::model::citizens::flags;
use crate::model::num::Bounds;
use crate::outcomes::Outcome;
use crate::scenario::LegitimacyParams;

impl Model {
    /// The part of every citizen's trust target that is the same for all:
    /// lowered by income inequality beyond what citizens tolerate (as they
    /// saw it last month) and by the share of the state's spending so far
    /// this month that went to firm owners.
    pub(in crate::model) fn shared_trust_target(&self) -> f64 {
        let params = &self.scenario.legitimacy;
        let spending = self.state.spending.total();
        let favouritism = if spending > 0.0 { self.state.spending.subsidies / spending } else { 0.0 };
        let gini_income = self.outcomes[Outcome::GiniIncome as usize];
        params.baseline_trust
            - params.weight_inequality * (gini_income - params.inequality_tolerance).at_least(0.0)
            - params.weight_favouritism * favouritism
    }
}

/// A state keeps legitimacy only as far as it is seen to manage the
/// common good: a citizen's trust moves toward the shared target lowered
/// further by their own hardship (unmet needs, or overwork); trust feeds
/// back into tax compliance, and legitimacy is its mean (claims 8, 11).
/// Called for each citizen once their needs are known (`citizen_flags` are
/// this month's); returns the new trust.
#[inline]
pub(in crate::model) fn update_trust(
    trust: &mut f64,
    citizen_flags: u8,
    shared_target: f64,
    params: &LegitimacyParams,
) -> f64 {
    let hardship = if citizen_flags & flags::UNMET != 0 {
        1.0
    } else if citizen_flags & flags::PRECARIOUS != 0 {
        0.5
    } else {
        0.0
    };
    let target = (shared_target - params.weight_needs * hardship).clamp(0.0, 1.0);
    *trust += params.trust_speed * (target - *trust);
    *trust
}
