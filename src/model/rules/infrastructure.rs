//! Infrastructure: what the commons rests on, its cost, health and failures.

use crate::model::Model;
use crate::model::citizens::NONE;
use crate::model::num::Bounds;

impl Model {
    /// Every abundance creates its own scarcity: each project's knowledge
    /// slowly ages; its infrastructure costs more the more it is used and the
    /// more it holds; funded infrastructure recovers, unfunded infrastructure
    /// degrades slowly, and degraded infrastructure fails more often; a
    /// project nobody adds to is abandoned (claims 1, 2).
    pub(in crate::model) fn maintain_infrastructure(&mut self) {
        self.update_standards();
        let commons = &self.scenario.commons;
        let keep = 1.0 - commons.knowledge_depreciation;
        let (repair, decay) = (commons.health_repair, commons.health_decay);
        let (hazard, loss) = (commons.failure_hazard, commons.failure_loss);
        let (upkeep, abandon) = (commons.volunteer_upkeep, commons.abandon_months as u32);
        let mut any_died = false;
        for p in 0..self.projects.len() {
            if !self.projects.alive[p] {
                continue;
            }
            self.projects.own[p] *= keep;
            self.projects.inherited[p] *= keep;
            let need = self.projects.need[p];
            let funded = self.projects.funding[p] + upkeep * self.projects.hours[p];
            let coverage = if need > 0.0 { funded / need } else { 1.0 };
            let health = self.projects.health[p];
            self.projects.health[p] = if coverage >= health {
                health + repair * (coverage.at_most(1.0) - health)
            } else {
                health - decay * (health - coverage)
            };
            let damage = 1.0 - self.projects.health[p];
            if hazard > 0.0 && self.rng.chance(hazard * damage * damage) {
                self.projects.own[p] *= 1.0 - loss;
                self.projects.inherited[p] *= 1.0 - loss;
                self.tallies.failures_total += 1;
            }
            if self.projects.accepted[p] > 0 {
                self.projects.months_since_accepted[p] = 0;
            } else {
                self.projects.months_since_accepted[p] += 1;
                if self.projects.months_since_accepted[p] >= abandon {
                    self.projects.kill(p);
                    any_died = true;
                }
            }
        }
        if any_died {
            self.orphan_forks();
            if self.projects.len() > 2 * self.projects.alive_count() + 64 {
                self.compact_projects();
            }
        }
        self.assess_infrastructure_need();
    }

    /// When a project dies, its forks become the carriers of the knowledge
    /// they copied from it: it now counts as theirs (claim 1).
    fn orphan_forks(&mut self) {
        for p in 0..self.projects.len() {
            let parent = self.projects.parent[p];
            if parent != NONE && !self.projects.alive[parent as usize] {
                self.projects.own[p] += self.projects.inherited[p];
                self.projects.inherited[p] = 0.0;
                self.projects.parent[p] = NONE;
            }
        }
    }

    /// Drops dead projects and renumbers every reference to the living ones.
    fn compact_projects(&mut self) {
        let map = self.projects.compact();
        let follow = |id: &mut u32| {
            if *id != NONE {
                *id = map[*id as usize];
            }
        };
        self.citizens.project.iter_mut().for_each(follow);
        for projects in &mut self.firms.projects {
            projects.iter_mut().for_each(follow);
            // Keep the living references first: NONE ends the list.
            projects.sort_unstable();
        }
        self.tallies.fork_candidates.clear();
    }

    /// Each project's infrastructure need for next month, and each
    /// association's total: a base cost, a cost per user (workers of the
    /// firms building on it, and its contributors) and a cost per unit of
    /// knowledge (claim 2).
    pub(in crate::model) fn assess_infrastructure_need(&mut self) {
        for f in 0..self.firms.len() {
            if self.firms.alive[f] {
                let users = f64::from(self.firms.employees[f]) + 1.0;
                for slot in 0..self.firms.projects[f].len() {
                    let p = self.firms.projects[f][slot];
                    if p == NONE {
                        break;
                    }
                    self.projects.users[p as usize] += users;
                }
            }
        }
        let commons = &self.scenario.commons;
        self.associations.need.fill(0.0);
        for p in 0..self.projects.len() {
            if !self.projects.alive[p] {
                self.projects.need[p] = 0.0;
                continue;
            }
            let users = self.projects.users[p] + f64::from(self.projects.contributors[p]);
            let knowledge = self.projects.own[p] + self.projects.inherited[p];
            let need = commons.infra_base_cost
                + commons.infra_cost_per_user * users
                + commons.infra_cost_per_knowledge * knowledge;
            self.projects.need[p] = need;
            let a = self.projects.association[p] as usize;
            if a < self.associations.len() {
                self.associations.need[a] += need;
            }
        }
    }
}
