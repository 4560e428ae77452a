//! Working lives: skills that age and are learnt at work, and generations
//! that follow one another.

use crate::model::Model;
use crate::model::citizens::flags;

impl Model {
    /// Skills go out of date for everyone and are learnt on the job by
    /// those who work: each month a worker closes part of the gap to full
    /// skill, so that experience raises skill early in a working life and
    /// obsolescence caps it later (Mincer 1974).
    pub(in crate::model) fn age_skills(&mut self) {
        let households = &self.scenario.households;
        let (obsolescence, learning) = (households.skill_obsolescence, households.on_the_job_learning);
        for (skill, &bits) in self.citizens.skill.iter_mut().zip(&self.citizens.flags) {
            let working = bits & (flags::EMPLOYED | flags::OWNER) != 0;
            *skill = next_skill(*skill, working, obsolescence, learning);
        }
    }

    /// Citizens leave working life and newcomers take their place: each
    /// month one citizen in `career_months` retires, and a newcomer with a
    /// skill and outlook of their own inherits the household's money, any
    /// firm and its cooperation type; their job goes back to the firm. With
    /// it, an economy's skills settle instead of drifting for a century.
    pub(in crate::model) fn renew_generations(&mut self) {
        let chance = 1.0 / self.scenario.households.career_months;
        let mut next = self.rng.failures_before_success(chance);
        while next < self.citizens.len() {
            self.citizens.succeed(next, &self.scenario, &mut self.rng);
            // Whoever retires next: a geometric gap away.
            next = next.saturating_add(1).saturating_add(self.rng.failures_before_success(chance));
        }
    }
}

/// Next month's skill: obsolescence takes its share, and a worker learns
/// `learning` of the gap to full skill.
#[inline]
pub(in crate::model) fn next_skill(skill: f64, working: bool, obsolescence: f64, learning: f64) -> f64 {
    let kept = skill * (1.0 - obsolescence);
    if working { kept + learning * (1.0 - kept) } else { kept }
}

#[cfg(test)]
mod tests {
    use super::next_skill;

    #[test]
    fn workers_learn_toward_a_ceiling_and_the_idle_only_forget() {
        // A worker's skill settles where learning balances obsolescence.
        let (o, l) = (0.002, 0.003);
        let settled = (0..20_000).fold(0.1, |s, _| next_skill(s, true, o, l));
        let fixed_point = l / (l + o - l * o);
        assert!((settled - fixed_point).abs() < 1e-9, "{settled} vs {fixed_point}");
        assert!(next_skill(0.5, false, o, l) < 0.5);
        assert!(next_skill(0.2, true, o, l) > 0.2);
        assert_eq!(next_skill(0.5, true, 0.0, 0.0), 0.5);
    }
}
