//! The freedom to fork.

use crate::model::Model;
use crate::model::citizens::NONE;
use crate::model::projects::draw_unfairness;

/// Infrastructure health a fork starts with: it must set up its own.
const FORK_STARTING_HEALTH: f64 = 0.5;

impl Model {
    /// Forking or leaving: a large enough group of dissatisfied contributors
    /// of one project may copy its knowledge whole and continue under
    /// maintainers of their own, and the parent's maintainers, having seen
    /// what unjust decisions cost, become fairer; dissatisfied contributors
    /// who do not fork and are fed up leave — the fork and the bleeding out
    /// balance the maintainers' power (claims 1, 4).
    pub(in crate::model) fn fork_projects(&mut self) {
        let min_group = self.scenario.commons.fork_min_group as usize;
        let propensity = self.scenario.commons.fork_propensity;
        let insider_tenure = self.scenario.commons.insider_tenure;
        let leave_threshold = self.scenario.commons.leave_threshold;
        let mut candidates = std::mem::take(&mut self.tallies.fork_candidates);
        candidates.sort_unstable();
        let mut start = 0;
        while start < candidates.len() {
            let parent = candidates[start].0;
            let end = start + candidates[start..].iter().take_while(|c| c.0 == parent).count();
            let group = &candidates[start..end];
            start = end;
            if group.len() < min_group || !self.rng.chance(propensity) {
                for &(_, i) in group {
                    let i = i as usize;
                    if self.citizens.dissatisfaction[i] > leave_threshold {
                        self.citizens.project[i] = NONE;
                        self.citizens.tenure[i] = 0.0;
                    }
                }
                continue;
            }
            let p = parent as usize;
            let knowledge = self.projects.own[p] + self.projects.inherited[p];
            let health = self.projects.health[p] * FORK_STARTING_HEALTH;
            let association = self.projects.association[p];
            let unfairness = draw_unfairness(&self.scenario, &mut self.rng);
            let standard =
                group.iter().map(|&(_, i)| self.citizens.skill[i as usize]).sum::<f64>() / group.len() as f64;
            let fork = self.projects.push(0.0, knowledge, health, parent, association, unfairness, standard);
            for &(_, i) in group {
                let i = i as usize;
                self.citizens.project[i] = fork;
                // The founders of a fork are its maintainers.
                self.citizens.tenure[i] = insider_tenure;
                self.citizens.dissatisfaction[i] = 0.0;
            }
            self.projects.unfairness[p] *= 1.0 - self.scenario.commons.fork_lesson;
            self.tallies.forks_total += 1;
        }
        self.tallies.fork_candidates = candidates;
    }
}
