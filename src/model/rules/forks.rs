//! The freedom to fork.

use crate::model::Model;
use crate::model::ids::ProjectId;
use crate::model::projects::NewProject;

impl Model {
    /// Forking or leaving: a large enough group of dissatisfied contributors
    /// of one project may copy its knowledge whole and continue under
    /// maintainers of their own, and the parent's maintainers, having seen
    /// what unjust decisions cost, become fairer; dissatisfied contributors
    /// who do not fork and are fed up leave — the fork and the bleeding out
    /// balance the maintainers' power (claims 1, 4).
    pub(in crate::model) fn fork_projects(&mut self) {
        let commons = &self.scenario.commons;
        let (min_group, propensity) = (commons.fork_min_group as usize, commons.fork_propensity);
        let mut candidates = std::mem::take(&mut self.tallies.fork_candidates);
        candidates.sort_unstable();
        for group in candidates.chunk_by(|a, b| a.0 == b.0) {
            let parent = group[0].0;
            if group.len() >= min_group && self.rng.chance(propensity) {
                self.fork(parent, group);
            } else {
                self.leave_if_fed_up(group);
            }
        }
        self.tallies.fork_candidates = candidates;
    }

    /// A group of dissatisfied contributors forks `parent`: the fork copies
    /// its knowledge, starts with part of its infrastructure, and its
    /// founders are its maintainers; the parent's maintainers learn.
    fn fork(&mut self, parent: ProjectId, group: &[(ProjectId, u32)]) {
        let p = parent.index();
        let skill_sum: f64 = group.iter().map(|&(_, i)| self.citizens.skill[i as usize]).sum();
        let unfairness = self.draw_unfairness();
        let visibility = self.draw_visibility();
        let fork = self.projects.push(NewProject {
            own: 0.0,
            inherited: self.projects.knowledge(p),
            // A fork inherits the knowledge, not the servers: it must set up its own.
            health: self.projects.health[p] * self.scenario.commons.fork_health,
            parent: Some(parent),
            association: self.projects.association[p],
            unfairness,
            standard: skill_sum / group.len() as f64,
            visibility,
        });
        for &(_, i) in group {
            let i = i as usize;
            self.citizens.project[i] = Some(fork);
            self.citizens.tenure[i] = self.scenario.commons.insider_tenure;
            self.citizens.dissatisfaction[i] = 0.0;
        }
        self.projects.unfairness[p] *= 1.0 - self.scenario.commons.fork_lesson;
        self.tallies.forks_total += 1;
    }

    /// Dissatisfied contributors who could not fork leave their project
    /// once they are fed up.
    fn leave_if_fed_up(&mut self, group: &[(ProjectId, u32)]) {
        for &(_, i) in group {
            let i = i as usize;
            if self.citizens.dissatisfaction[i] > self.scenario.commons.leave_threshold {
                self.citizens.project[i] = None;
                self.citizens.tenure[i] = 0.0;
            }
        }
    }
}
