//! Infrastructure: what the commons rests on, its cost, health and failures.

use crate::model::Model;
use crate::model::ids::ProjectId;
use crate::model::num::Bounds;

impl Model {
    /// Every abundance creates its own scarcity: each project's knowledge
    /// slowly ages; funded infrastructure recovers, unfunded infrastructure
    /// degrades slowly, and degraded infrastructure fails more often, losing
    /// knowledge; a project nobody adds to is abandoned (claims 1, 2).
    pub(in crate::model) fn maintain_infrastructure(&mut self) {
        let commons = &self.scenario.commons;
        let keep = 1.0 - commons.knowledge_depreciation;
        let (repair, decay) = (commons.health_repair, commons.health_decay);
        let (hazard, loss) = (commons.failure_hazard, commons.failure_loss);
        let (upkeep, abandon) = (commons.volunteer_upkeep, commons.abandon_months);
        self.tallies.projects_abandoned = false;
        for p in 0..self.projects.len() {
            if !self.projects.alive[p] {
                continue;
            }
            let projects = &mut self.projects;
            projects.own[p] *= keep;
            projects.inherited[p] *= keep;
            // What it was given this month against what it needs.
            let need = projects.need[p];
            // Volunteers keep up what their association's culture of voluntary effort keeps them to.
            let effort =
                self.associations.effort.get(projects.association[p] as usize).copied().unwrap_or(1.0);
            let funded = projects.funding[p] + upkeep * effort * projects.hours[p];
            let coverage = if need > 0.0 { funded / need } else { 1.0 };
            projects.health[p] = next_health(projects.health[p], coverage, repair, decay);
            if hazard > 0.0 && self.rng.chance(failure_chance(hazard, projects.health[p])) {
                projects.own[p] *= 1.0 - loss;
                projects.inherited[p] *= 1.0 - loss;
                self.tallies.failures_total += 1;
            }
            if projects.accepted[p] > 0 {
                projects.months_since_accepted[p] = 0;
            } else {
                projects.months_since_accepted[p] += 1;
                if projects.months_since_accepted[p] >= abandon {
                    projects.remove(p);
                    self.tallies.projects_abandoned = true;
                }
            }
        }
    }

    /// When a project is abandoned, its forks become the carriers of the
    /// knowledge they copied from it: it now counts as theirs (claim 1).
    /// Once dead slots outnumber the living, they are dropped.
    pub(in crate::model) fn inherit_from_abandoned_projects(&mut self) {
        if !self.tallies.projects_abandoned {
            return;
        }
        let projects = &mut self.projects;
        for p in 0..projects.len() {
            if let Some(parent) = projects.parent[p]
                && !projects.alive[parent.index()]
            {
                projects.own[p] += projects.inherited[p];
                projects.inherited[p] = 0.0;
                projects.parent[p] = None;
            }
        }
        if self.projects.len() > 2 * self.projects.alive_count() + 64 {
            self.compact_projects();
        }
    }

    /// Drops dead projects and renumbers every reference to the living ones.
    fn compact_projects(&mut self) {
        let map = self.projects.compact();
        let follow = |id: &mut Option<ProjectId>| *id = id.and_then(|p| map[p.index()]);
        self.citizens.project.iter_mut().for_each(follow);
        for projects in &mut self.firms.projects {
            projects.iter_mut().for_each(follow);
            // Keep the living references first: the first `None` ends the list.
            projects.sort_unstable_by_key(|p| p.map_or(u32::MAX, |p| p.index() as u32));
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
                for p in self.firms.projects_of(f) {
                    self.projects.users[p] += users;
                }
            }
        }
        let commons = &self.scenario.commons;
        let (projects, associations) = (&mut self.projects, &mut self.associations);
        associations.need.fill(0.0);
        for p in 0..projects.len() {
            if !projects.alive[p] {
                projects.need[p] = 0.0;
                continue;
            }
            let users = projects.users[p] + f64::from(projects.contributors[p]);
            let need = commons.infra_base_cost
                + commons.infra_cost_per_user * users
                + commons.infra_cost_per_knowledge * projects.knowledge(p);
            projects.need[p] = need;
            if let Some(total) = associations.need.get_mut(projects.association[p] as usize) {
                *total += need;
            }
        }
    }
}

/// Infrastructure health moves toward what its funding covers: quickly up
/// (`repair`) when funded beyond its state, slowly down (`decay`) when not.
#[inline]
pub(in crate::model) fn next_health(health: f64, coverage: f64, repair: f64, decay: f64) -> f64 {
    if coverage >= health {
        health + repair * (coverage.at_most(1.0) - health)
    } else {
        health - decay * (health - coverage)
    }
}

/// The chance degraded infrastructure fails this month: the hazard times
/// the square of its damage.
#[inline]
pub(in crate::model) fn failure_chance(hazard: f64, health: f64) -> f64 {
    let damage = 1.0 - health;
    hazard * damage * damage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funded_infrastructure_recovers_faster_than_unfunded_decays() {
        let up = next_health(0.5, 1.0, 0.2, 0.05);
        let down = next_health(0.5, 0.0, 0.2, 0.05);
        assert!((up - 0.6).abs() < 1e-12 && (down - 0.475).abs() < 1e-12);
        assert_eq!(next_health(0.9, 3.0, 1.0, 0.05), 1.0, "health never exceeds 1");
        assert_eq!(failure_chance(0.1, 1.0), 0.0);
        assert!((failure_chance(0.1, 0.5) - 0.025).abs() < 1e-12);
    }
}
