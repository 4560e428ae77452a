//! Trust in the state, legitimacy, and the tax compliance they bring.

use crate::model::Model;
use crate::model::citizens::flags;
use crate::model::num::Bounds;
use crate::outcomes::Outcome;
use crate::scenario::LegitimacyParams;

impl Model {
    /// Tax morale: each citizen pays the share of the tax due on their
    /// market income that their trust in the state warrants, and firms the
    /// share the state's legitimacy warrants (claim 11). Trust is as citizens
    /// left it last month.
    pub(in crate::model) fn decide_tax_compliance(&mut self) {
        let max_evasion = self.scenario.legitimacy.max_tax_evasion;
        let c = &mut self.citizens;
        for (compliance, &trust) in c.compliance.iter_mut().zip(&c.trust) {
            *compliance = tax_compliance(trust, max_evasion);
        }
        self.state.corporate_compliance = tax_compliance(self.state.legitimacy, max_evasion);
    }

    /// A state keeps legitimacy only as far as it is seen to manage the
    /// common good: each citizen's trust moves toward a target lowered by
    /// the inequality they see, by favours to firm owners and by their own
    /// hardship this month (see [`trust_target`]); legitimacy is mean trust
    /// (claims 8, 11).
    pub(in crate::model) fn update_trust_in_the_state(&mut self) {
        let shared = self.shared_trust_target();
        let params = &self.scenario.legitimacy;
        let c = &mut self.citizens;
        let mut total_trust = 0.0;
        for (trust, &citizen_flags) in c.trust.iter_mut().zip(&c.flags) {
            *trust = updated_trust(*trust, trust_target(shared, citizen_flags, params), params.trust_speed);
            total_trust += *trust;
        }
        self.state.legitimacy = if c.is_empty() { 0.0 } else { total_trust / c.len() as f64 };
    }

    /// The part of every citizen's trust target that is the same for all:
    /// lowered by income inequality beyond what citizens tolerate (as they
    /// saw it last month) and by the share of the state's spending this
    /// month that went to firm owners.
    fn shared_trust_target(&self) -> f64 {
        let params = &self.scenario.legitimacy;
        let spending = self.state.spending.total();
        let favouritism = if spending > 0.0 { self.state.spending.subsidies / spending } else { 0.0 };
        let gini_income = self.outcomes[Outcome::GiniIncome as usize];
        params.baseline_trust
            - params.weight_inequality * (gini_income - params.inequality_tolerance).at_least(0.0)
            - params.weight_favouritism * favouritism
    }
}

/// Share of its tax a taxpayer pays, given their trust in the state: full
/// trust pays all, no trust evades `max_evasion` of it (claim 11).
#[inline]
pub(in crate::model) fn tax_compliance(trust: f64, max_evasion: f64) -> f64 {
    1.0 - max_evasion * (1.0 - trust)
}

/// What a citizen's trust tends to: the shared target, less the weight of
/// their own hardship (unmet needs count fully, needs met only by overwork
/// half), within 0 and 1.
#[inline]
pub(in crate::model) fn trust_target(
    shared_target: f64,
    citizen_flags: u8,
    params: &LegitimacyParams,
) -> f64 {
    let hardship = if citizen_flags & flags::UNMET != 0 {
        1.0
    } else if citizen_flags & flags::PRECARIOUS != 0 {
        0.5
    } else {
        0.0
    };
    (shared_target - params.weight_needs * hardship).clamp(0.0, 1.0)
}

/// Trust moves part of the way (`speed`) toward its target each month.
#[inline]
pub(in crate::model) fn updated_trust(trust: f64, target: f64, speed: f64) -> f64 {
    trust + speed * (target - trust)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn hardship_lowers_the_trust_target_and_trust_follows_it() {
        let params = Scenario::default().legitimacy;
        let secure = trust_target(0.7, 0, &params);
        let precarious = trust_target(0.7, flags::PRECARIOUS, &params);
        let unmet = trust_target(0.7, flags::PRECARIOUS | flags::UNMET, &params);
        assert!(secure > precarious && precarious >= unmet, "{secure} {precarious} {unmet}");
        assert_eq!(trust_target(5.0, 0, &params), 1.0, "targets stay within 0 and 1");
        let moved = updated_trust(0.2, 0.6, 0.25);
        assert!((moved - 0.3).abs() < 1e-12);
    }

    #[test]
    fn distrust_evades_up_to_the_maximum() {
        assert_eq!(tax_compliance(1.0, 0.3), 1.0);
        assert!((tax_compliance(0.0, 0.3) - 0.7).abs() < 1e-12);
        assert!((tax_compliance(0.5, 0.3) - 0.85).abs() < 1e-12);
    }
}
