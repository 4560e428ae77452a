//! Productivity, wages and the workforce of firms.

use crate::model::Model;
use crate::model::citizens::{NONE, flags};
use crate::model::num::{Bounds, positive_power};

impl Model {
    /// Firms' productivity rises with the usable knowledge of the commons
    /// projects they build on; a project that died is replaced by another
    /// (claim 5; claim 1: knowledge is non-rival, any number of firms use it).
    pub(in crate::model) fn update_productivity(&mut self) {
        let market = &self.scenario.market;
        let (productivity, elasticity, scale) =
            (market.productivity, market.knowledge_elasticity, market.knowledge_scale);
        for f in 0..self.firms.len() {
            if !self.firms.alive[f] {
                continue;
            }
            let mut usable = 0.0;
            for slot in 0..self.firms.projects[f].len() {
                let p = self.firms.projects[f][slot];
                if p == NONE {
                    break;
                }
                if !self.projects.alive[p as usize] {
                    let replacement = self.random_alive_project().unwrap_or(NONE);
                    self.firms.projects[f][slot] = if self.firms.projects[f].contains(&replacement) {
                        p // keep the dead one (usable 0) rather than a duplicate
                    } else {
                        replacement
                    };
                    if replacement == NONE {
                        continue;
                    }
                }
                let p = self.firms.projects[f][slot];
                if p != NONE {
                    usable += self.projects.usable(p as usize);
                }
            }
            let gain = 1.0 + elasticity * libm::log1p(usable / scale);
            self.firms.productivity[f] = productivity * self.firms.base_productivity[f] * gain;
        }
    }

    /// The skill a firm would employ at the going real wage: where the last
    /// unit of skilled labour adds as much output as it costs.
    pub(in crate::model) fn profitable_skill(&self, f: usize) -> f64 {
        let alpha = self.scenario.market.returns_to_labour;
        let ratio = alpha * self.firms.productivity[f] / self.market.real_wage.at_least(1e-9);
        let skill = positive_power(ratio, 1.0 / (1.0 - alpha).at_least(1e-6));
        skill.at_most(self.citizens.len() as f64)
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
    /// they hire the most skilled of a few unemployed applicants, and let a
    /// random few go when too large (claim 5).
    pub(in crate::model) fn adjust_workforces(&mut self) {
        if self.firms.alive_count() == 0 {
            // No firm, no job: nobody to hire or let go (closing firms have
            // already let their employees go).
            self.market.employment_rate = 0.0;
            return;
        }
        let skill_unit = self.scenario.households.skill_mean.at_least(0.05);
        let speed = self.scenario.market.hiring_speed;
        let mut vacancies = std::mem::take(&mut self.scratch_ids);
        vacancies.clear();
        for f in 0..self.firms.len() {
            self.firms.to_fire[f] = 0;
            if !self.firms.alive[f] {
                continue;
            }
            let gap = self.profitable_skill(f) - self.firms.skill[f];
            if gap > 0.5 * skill_unit {
                let hires = (speed * gap / skill_unit).ceil() as u32;
                vacancies.extend(std::iter::repeat_n(f as u32, hires as usize));
            } else if gap < -skill_unit {
                let fires = (speed * -gap / skill_unit).ceil() as u32;
                self.firms.to_fire[f] = fires.min(self.firms.employees[f]);
            }
        }
        let (mut employed, workers) = self.let_workers_go(!vacancies.is_empty());
        // Vacancies are filled in random order so no firm always chooses first.
        self.rng.shuffle(&mut vacancies);
        for &f in &vacancies {
            if self.tallies.unemployed.is_empty() {
                break;
            }
            // The most skilled of three applicants (the first on a tie).
            let mut best = self.rng.below(self.tallies.unemployed.len());
            for _ in 0..2 {
                let other = self.rng.below(self.tallies.unemployed.len());
                if self.citizen_skill_in_pool(other) > self.citizen_skill_in_pool(best) {
                    best = other;
                }
            }
            let i = self.tallies.unemployed.swap_remove(best) as usize;
            self.citizens.employer[i] = f;
            self.citizens.flags[i] |= flags::EMPLOYED;
            self.firms.employees[f as usize] += 1;
            self.firms.skill[f as usize] += self.citizens.skill[i];
            employed += 1;
        }
        self.scratch_ids = vacancies;
        self.set_employment_rate(employed, workers);
    }

    /// The employment rate: the employed among citizens who own no firm.
    pub(in crate::model) fn set_employment_rate(&mut self, employed: usize, workers: usize) {
        self.market.employment_rate = if workers > 0 { employed as f64 / workers as f64 } else { 0.0 };
    }

    fn citizen_skill_in_pool(&self, index: usize) -> f64 {
        self.citizens.skill[self.tallies.unemployed[index] as usize]
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
        let (mut employed, mut workers) = (0usize, 0usize);
        let (c, firms, rng, pool) =
            (&mut self.citizens, &mut self.firms, &mut self.rng, &mut self.tallies.unemployed);
        let n = c.len();
        let (owned_firm, employers, bits, skills) =
            (&c.owned_firm[..n], &mut c.employer[..n], &mut c.flags[..n], &c.skill[..n]);
        let (to_fire, employees, firm_skill) =
            (&mut firms.to_fire[..], &mut firms.employees[..], &mut firms.skill[..]);
        for i in 0..n {
            if owned_firm[i] != NONE {
                continue;
            }
            workers += 1;
            let employer = employers[i];
            if employer != NONE {
                let f = employer as usize;
                if to_fire[f] > 0 && remaining[f] > 0.0 {
                    if rng.chance(f64::from(to_fire[f]) / remaining[f]) {
                        to_fire[f] -= 1;
                        employers[i] = NONE;
                        bits[i] &= !flags::EMPLOYED;
                    }
                    remaining[f] -= 1.0;
                }
            }
            match employers[i] {
                NONE if gather_pool => pool.push(i as u32),
                NONE => {}
                f => {
                    employees[f as usize] += 1;
                    firm_skill[f as usize] += skills[i];
                    employed += 1;
                }
            }
        }
        self.scratch = remaining;
        (employed, workers)
    }
}
