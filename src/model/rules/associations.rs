//! For-benefit associations' voluntary effort, and how state money crowds it out.

use crate::model::Model;

impl Model {
    /// Crowding-out: where the state provides much of an association's
    /// income, members pay less of their dues, firms give less and
    /// volunteers do less upkeep — fundraising slackens and intrinsic
    /// motivation gives way to the external reward (Andreoni & Payne 2011;
    /// De Wit & Bekkers 2017; Frey & Jegen 2001). Each association's
    /// voluntary effort moves, over `crowding_months`, toward one less
    /// `crowding_out` times the state's share of this month's income; a
    /// commons that leaned on grants is exposed when they stop (claim 6).
    pub(in crate::model) fn adapt_voluntary_effort(&mut self) {
        let params = &self.scenario.associations;
        let speed = 1.0 / params.crowding_months;
        let a = &mut self.associations;
        for ((effort, &state), &voluntary) in a.effort.iter_mut().zip(&a.state_funds).zip(&a.voluntary) {
            let target = effort_target(state, voluntary, params.crowding_out);
            *effort += speed * (target - *effort);
        }
    }
}

/// The voluntary effort an association tends to when the state gives it
/// `state` and volunteers and firms `voluntary` this month.
#[inline]
pub(in crate::model) fn effort_target(state: f64, voluntary: f64, crowding_out: f64) -> f64 {
    let income = state + voluntary;
    let state_share = if income > 0.0 { state / income } else { 0.0 };
    1.0 - crowding_out * state_share
}

#[cfg(test)]
mod tests {
    use super::effort_target;

    #[test]
    fn state_money_crowds_out_voluntary_effort_as_far_as_the_parameter_says() {
        assert_eq!(effort_target(0.0, 10.0, 0.3), 1.0);
        assert_eq!(effort_target(0.0, 0.0, 0.3), 1.0, "no income: nothing to crowd out");
        assert!((effort_target(30.0, 10.0, 0.4) - 0.7).abs() < 1e-12);
        assert_eq!(effort_target(30.0, 10.0, 0.0), 1.0, "no crowding-out at 0");
    }
}
