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
    /// what they live — their own hardship and insecurity this month, the
    /// inequality they see, and how far the state's spending passes people
    /// like them by (see [`trust_target`]); legitimacy is mean trust
    /// (claims 8, 11).
    pub(in crate::model) fn update_trust_in_the_state(&mut self) {
        let shared = self.shared_trust_target();
        let reach = self.spending_reach();
        let params = &self.scenario.legitimacy;
        let mut total_trust = 0.0;
        let mut trust = std::mem::take(&mut self.citizens.trust);
        for (i, trust) in trust.iter_mut().enumerate() {
            let experience = Experience {
                citizen_flags: self.citizens.flags[i],
                shortfall: reach.shortfall(|| self.received_from_the_state(i, &reach)),
            };
            *trust = updated_trust(*trust, trust_target(shared, experience, params), params.trust_speed);
            total_trust += *trust;
        }
        self.citizens.trust = trust;
        let n = self.citizens.len();
        self.state.legitimacy = if n == 0 { 0.0 } else { total_trust / n as f64 };
    }

    /// The part of every citizen's trust target that is the same for all:
    /// lowered by income inequality beyond what citizens tolerate, as they
    /// saw it last month.
    fn shared_trust_target(&self) -> f64 {
        let params = &self.scenario.legitimacy;
        let gini_income = self.outcomes[Outcome::GiniIncome as usize];
        params.baseline_trust
            - params.weight_inequality * (gini_income - params.inequality_tolerance).at_least(0.0)
    }

    /// What this month's spending gives per head, and to whom.
    fn spending_reach(&self) -> SpendingReach {
        let n = self.citizens.len().max(1) as f64;
        let spending = &self.state.spending;
        let contributors = (self.tallies.contributors_share.unwrap_or(0.0) * n).at_least(1.0);
        SpendingReach {
            per_head: spending.total() / n,
            services_per_head: spending.services / n,
            course: self.scenario.programmes.training_cost * self.market.price,
            per_contributor: (spending.tools + spending.infrastructure + spending.matching) / contributors,
        }
    }

    /// What citizen `i` got from the state this month: the services everyone
    /// gets, their transfer, a course if they took one, the commons
    /// programmes' share if they contribute, their firm's subsidy if they own one.
    fn received_from_the_state(&self, i: usize, reach: &SpendingReach) -> f64 {
        let c = &self.citizens;
        let bits = c.flags[i];
        let mut received = reach.services_per_head + c.benefit[i];
        if bits & flags::TRAINING != 0 {
            received += reach.course;
        }
        if bits & flags::CONTRIBUTING != 0 {
            received += reach.per_contributor;
        }
        if let Some(f) = c.owned_firm[i] {
            received += self.firms.subsidy[f.index()];
        }
        received
    }
}

/// This month's spending per head, and what its parts give those they reach.
struct SpendingReach {
    per_head: f64,
    services_per_head: f64,
    course: f64,
    per_contributor: f64,
}

impl SpendingReach {
    /// The share by which what a citizen received falls short of the
    /// spending per head, 0–1. A state that spends nothing passes nobody
    /// by (0), and what each received is then not asked: asking only reads
    /// the agents' state, so not asking changes no result.
    fn shortfall(&self, received: impl FnOnce() -> f64) -> f64 {
        if self.per_head > 0.0 { (1.0 - received() / self.per_head).clamp(0.0, 1.0) } else { 0.0 }
    }
}

/// What a citizen lived this month, as far as it bears on their trust.
#[derive(Clone, Copy, Debug)]
pub(in crate::model) struct Experience {
    pub citizen_flags: u8,
    /// How far the state's spending passed them by (see [`SpendingReach`]).
    pub shortfall: f64,
}

/// Share of its tax a taxpayer pays, given their trust in the state: full
/// trust pays all, no trust evades `max_evasion` of it (claim 11).
#[inline]
pub(in crate::model) fn tax_compliance(trust: f64, max_evasion: f64) -> f64 {
    1.0 - max_evasion * (1.0 - trust)
}

/// What a citizen's trust tends to: the shared target, less the weight of
/// their own hardship (unmet needs count fully, needs met only by overwork
/// half), of being out of work, and of spending that passed them by, within
/// 0 and 1.
#[inline]
pub(in crate::model) fn trust_target(
    shared_target: f64,
    lived: Experience,
    params: &LegitimacyParams,
) -> f64 {
    let bits = lived.citizen_flags;
    let hardship = if bits & flags::UNMET != 0 {
        1.0
    } else if bits & flags::PRECARIOUS != 0 {
        0.5
    } else {
        0.0
    };
    let out_of_work = if bits & (flags::EMPLOYED | flags::OWNER) == 0 { 1.0 } else { 0.0 };
    (shared_target
        - params.weight_needs * hardship
        - params.weight_insecurity * out_of_work
        - params.weight_spending * lived.shortfall)
        .clamp(0.0, 1.0)
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
        let lived = |citizen_flags, shortfall| Experience { citizen_flags, shortfall };
        let secure = trust_target(0.7, lived(flags::EMPLOYED, 0.0), &params);
        let precarious = trust_target(0.7, lived(flags::EMPLOYED | flags::PRECARIOUS, 0.0), &params);
        let unmet =
            trust_target(0.7, lived(flags::EMPLOYED | flags::PRECARIOUS | flags::UNMET, 0.0), &params);
        assert!(secure > precarious && precarious >= unmet, "{secure} {precarious} {unmet}");
        let jobless = trust_target(0.7, lived(0, 0.0), &params);
        let passed_by = trust_target(0.7, lived(flags::EMPLOYED, 0.8), &params);
        assert!(jobless < secure && passed_by < secure, "{jobless} {passed_by} {secure}");
        assert_eq!(trust_target(5.0, lived(flags::OWNER, 0.0), &params), 1.0, "targets stay within 0 and 1");
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
