//! Productivity, wages and the workforce of firms.

use crate::model::Model;
use crate::model::citizens::flags;
use crate::model::ids::FirmId;
use crate::model::num::{Bounds, positive_power};

impl Model {
    /// Labour supply: employees work fewer hours the more of their pay the
    /// income tax takes, with the elasticity of taxable income in the
    /// net-of-tax rate (Saez, Slemrod & Giertz 2012). Fewer hours mean less
    /// output and more free time (claims 3, 7).
    pub(in crate::model) fn choose_working_hours(&mut self) {
        let elasticity = self.scenario.households.labour_supply_elasticity;
        self.market.hours_share = hours_share(self.state.levers.income_tax, elasticity);
    }

    /// A project a firm builds on that was abandoned is replaced by a living
    /// one picked at random (claim 1: knowledge is non-rival, any number of
    /// firms use it), unless the firm already builds on that one.
    pub(in crate::model) fn replace_lost_projects(&mut self) {
        for f in 0..self.firms.len() {
            if !self.firms.alive[f] {
                continue;
            }
            for slot in 0..self.firms.projects[f].len() {
                let Some(p) = self.firms.projects[f][slot] else { break };
                if !self.projects.alive[p.index()] {
                    let replacement = self.random_alive_project();
                    let slots = &mut self.firms.projects[f];
                    // A duplicate is not taken: the dead one stays (usable 0).
                    slots[slot] = if slots.contains(&replacement) { Some(p) } else { replacement };
                }
            }
        }
    }

    /// Firms' productivity rises with the usable knowledge of the commons
    /// projects they build on (claim 5). Productivity is stated per unit of
    /// skilled labour at the reference size, so that output is
    /// A L₀ (h S / L₀)^α: the returns to labour shape how output bends with
    /// size, not its level.
    pub(in crate::model) fn update_productivity(&mut self) {
        let market = &self.scenario.market;
        let reference = market.reference_labour;
        let level = reference * positive_power(1.0 / reference, market.returns_to_labour);
        for f in 0..self.firms.len() {
            if !self.firms.alive[f] {
                continue;
            }
            let usable = self.firms.projects_of(f).fold(0.0, |sum, p| sum + self.projects.usable(p));
            let gain = knowledge_gain(usable, market.knowledge_elasticity, market.knowledge_scale);
            self.firms.productivity[f] = level * market.productivity * self.firms.base_productivity[f] * gain;
        }
    }

    /// The skill a firm would employ at the going real wage, less any
    /// employment subsidy: where the last unit of skilled labour, working
    /// this month's hours, adds as much output as it costs the firm.
    pub(in crate::model) fn profitable_skill(&self, f: usize) -> f64 {
        let alpha = self.scenario.market.returns_to_labour;
        let hours = self.market.hours_share;
        // Output A (h S)^α; a unit of skill costs the wage for its hours, h w (1 − s).
        let cost = hours * self.market.real_wage * (1.0 - self.subsidy_rate());
        let marginal_product = alpha * self.firms.productivity[f] * positive_power(hours, alpha);
        let skill =
            positive_power(marginal_product / cost.at_least(1e-9), 1.0 / (1.0 - alpha).at_least(1e-6));
        skill.at_most(self.citizens.len() as f64)
    }

    /// The employment subsidy this month, as a share of the wage bill
    /// (claim 8; Criscuolo et al. 2019).
    pub(in crate::model) fn subsidy_rate(&self) -> f64 {
        self.state.levers.firm_subsidy * self.state.spending_scale
    }

    /// A wage curve: real wages rise when employment is above its target and
    /// fall when below (claim 5: firms hire citizens and pay wages).
    pub(in crate::model) fn adjust_wages(&mut self) {
        if self.firms.alive_count() == 0 {
            return;
        }
        let market = &self.scenario.market;
        let gap = self.market.employment_rate - market.target_employment;
        self.market.real_wage =
            (self.market.real_wage * (1.0 + market.wage_flexibility * gap)).at_least(1e-6);
    }

    /// Firms move part of the way toward their profitable size each month:
    /// they let a random few go when too large, and fill vacancies, in random
    /// order, with the most skilled of a few unemployed applicants (claim 5).
    pub(in crate::model) fn adjust_workforces(&mut self) {
        if self.firms.alive_count() == 0 {
            // No firm, no job: nobody to hire or let go (closing firms have
            // already let their employees go).
            self.market.employment_rate = 0.0;
            return;
        }
        let mut vacancies = std::mem::take(&mut self.scratch_ids);
        self.plan_workforces(&mut vacancies);
        let (mut employed, workers) = self.let_workers_go(!vacancies.is_empty());
        // Vacancies are filled in random order so no firm always chooses first.
        self.rng.shuffle(&mut vacancies);
        for &f in &vacancies {
            if self.tallies.unemployed.is_empty() {
                break;
            }
            let chosen = self.best_of_applicants();
            let i = self.tallies.unemployed.swap_remove(chosen) as usize;
            self.hire(i, f as usize);
            employed += 1;
        }
        self.scratch_ids = vacancies;
        self.set_employment_rate(employed, workers);
    }

    /// Each firm's decision for the month: vacancies (one entry per hire,
    /// into `vacancies`) or how many to let go (`to_fire`).
    fn plan_workforces(&mut self, vacancies: &mut Vec<u32>) {
        let skill_unit = self.scenario.households.skill_mean.at_least(0.05);
        let market = &self.scenario.market;
        let thresholds = (market.hiring_threshold, market.firing_threshold);
        let speed = market.hiring_speed;
        vacancies.clear();
        for f in 0..self.firms.len() {
            self.firms.to_fire[f] = 0;
            if !self.firms.alive[f] {
                continue;
            }
            let gap = self.profitable_skill(f) - self.firms.skill[f];
            match workforce_change(gap, skill_unit, speed, thresholds) {
                Change::Hire(hires) => vacancies.extend(std::iter::repeat_n(f as u32, hires as usize)),
                Change::LetGo(fires) => self.firms.to_fire[f] = fires.min(self.firms.employees[f]),
                Change::Keep => {}
            }
        }
    }

    /// The most skilled of `market.applicants` drawn from the hiring pool
    /// (the first drawn on a tie): their place in the pool.
    fn best_of_applicants(&mut self) -> usize {
        let pool = self.tallies.unemployed.len();
        let mut best = self.rng.below(pool);
        for _ in 1..self.scenario.market.applicants {
            let other = self.rng.below(pool);
            if self.pool_skill(other) > self.pool_skill(best) {
                best = other;
            }
        }
        best
    }

    fn pool_skill(&self, place: usize) -> f64 {
        self.citizens.skill[self.tallies.unemployed[place] as usize]
    }

    /// Firm `f` employs citizen `i`.
    pub(in crate::model) fn hire(&mut self, i: usize, f: usize) {
        self.citizens.employer[i] = Some(FirmId::new(f));
        self.citizens.flags[i] |= flags::EMPLOYED;
        self.firms.employees[f] += 1;
        self.firms.skill[f] += self.citizens.skill[i];
    }

    /// The employment rate: the employed among citizens who own no firm.
    pub(in crate::model) fn set_employment_rate(&mut self, employed: usize, workers: usize) {
        self.market.employment_rate = if workers > 0 { employed as f64 / workers as f64 } else { 0.0 };
    }

    /// Lets go the employees firms decided to shed (a random sample per
    /// firm, by selection sampling in one pass), gathers the unemployed into
    /// the hiring pool if anyone is hiring, and recounts each firm's
    /// employees and their skill on the way. Returns the employed and the
    /// workers (citizens who own no firm).
    pub(in crate::model) fn let_workers_go(&mut self, gather_pool: bool) -> (usize, usize) {
        // Employees of each firm not yet seen in this pass.
        let mut remaining = std::mem::take(&mut self.scratch);
        remaining.clear();
        remaining.extend(self.firms.employees.iter().map(|&e| f64::from(e)));
        self.firms.employees.fill(0);
        self.firms.skill.fill(0.0);
        self.tallies.unemployed.clear();
        let (mut employed, mut workers) = (0, 0);
        let (c, firms, rng) = (&mut self.citizens, &mut self.firms, &mut self.rng);
        for i in 0..c.len() {
            if c.owned_firm[i].is_some() {
                continue;
            }
            workers += 1;
            if let Some(f) = c.employer[i].map(FirmId::index)
                && firms.to_fire[f] > 0
                && remaining[f] > 0.0
            {
                // Selection sampling: of the `remaining` not yet seen, each
                // is let go with the chance that leaves `to_fire` to go.
                if rng.chance(f64::from(firms.to_fire[f]) / remaining[f]) {
                    firms.to_fire[f] -= 1;
                    c.employer[i] = None;
                    c.flags[i] &= !flags::EMPLOYED;
                }
                remaining[f] -= 1.0;
            }
            match c.employer[i] {
                None if gather_pool => self.tallies.unemployed.push(i as u32),
                None => {}
                Some(f) => {
                    firms.employees[f.index()] += 1;
                    firms.skill[f.index()] += c.skill[i];
                    employed += 1;
                }
            }
        }
        self.scratch = remaining;
        (employed, workers)
    }
}

/// What a firm does about the gap between the skill it would profitably
/// employ and the skill it has, in units of a typical worker's skill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::model) enum Change {
    Hire(u32),
    LetGo(u32),
    Keep,
}

/// Closes `speed` of the gap each month; gaps under the hiring threshold
/// (in typical workers) or, the other way, the firing threshold are left alone.
#[inline]
pub(in crate::model) fn workforce_change(
    gap: f64,
    skill_unit: f64,
    speed: f64,
    (hire_above, fire_above): (f64, f64),
) -> Change {
    if gap > hire_above * skill_unit {
        Change::Hire((speed * gap / skill_unit).ceil().at_least(1.0) as u32)
    } else if gap < -fire_above * skill_unit {
        Change::LetGo((speed * -gap / skill_unit).ceil().at_least(1.0) as u32)
    } else {
        Change::Keep
    }
}

/// Hours worked as a share of untaxed hours: (1 − tax)^ε.
#[inline]
pub(in crate::model) fn hours_share(income_tax: f64, elasticity: f64) -> f64 {
    if elasticity > 0.0 { positive_power((1.0 - income_tax).at_least(0.0), elasticity) } else { 1.0 }
}

/// How much the commons raises a firm's productivity: 1 + ε ln(1 + K / scale),
/// for K the usable knowledge it builds on.
#[inline]
pub(in crate::model) fn knowledge_gain(usable: f64, elasticity: f64, scale: f64) -> f64 {
    1.0 + elasticity * libm::log1p(usable / scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firms_close_part_of_the_gap_and_ignore_small_ones() {
        let thresholds = (0.5, 1.0);
        assert_eq!(workforce_change(0.2, 0.5, 0.3, thresholds), Change::Keep);
        assert_eq!(workforce_change(-0.4, 0.5, 0.3, thresholds), Change::Keep);
        assert_eq!(workforce_change(5.0, 0.5, 0.3, thresholds), Change::Hire(3));
        assert_eq!(workforce_change(-5.0, 0.5, 0.3, thresholds), Change::LetGo(3));
        assert_eq!(workforce_change(0.2, 0.5, 0.3, (0.0, 0.0)), Change::Hire(1), "no threshold: any gap");
    }

    #[test]
    fn higher_taxes_mean_fewer_hours_smoothly() {
        assert_eq!(hours_share(0.3, 0.0), 1.0, "no elasticity, no response");
        let (low, mid, high) = (hours_share(0.2, 0.25), hours_share(0.4, 0.25), hours_share(0.6, 0.25));
        assert!(1.0 > low && low > mid && mid > high && high > 0.7, "{low} {mid} {high}");
        // ε is the elasticity in the net-of-tax rate: 1% less of it, ε% fewer hours.
        let (a, b) = (hours_share(0.3, 0.25), hours_share(1.0 - 0.7 * 0.99, 0.25));
        assert!(((a - b) / a - 0.0025).abs() < 1e-4);
    }

    #[test]
    fn knowledge_raises_productivity_with_diminishing_returns() {
        assert_eq!(knowledge_gain(0.0, 0.3, 100.0), 1.0);
        let (a, b) = (knowledge_gain(100.0, 0.3, 100.0), knowledge_gain(200.0, 0.3, 100.0));
        assert!(a > 1.0 && b > a && b - a < a - 1.0);
    }
}
