//! Projects: the commons. Knowledge that is non-rival, resting on
//! infrastructure that is not.
//!
//! A project's knowledge is split into what it produced itself (`own`) and
//! what it copied whole from its parent when it forked (`inherited`), so that
//! the commons counts forked knowledge once while firms still use all of it.

use super::citizens::NONE;
use super::prefetch::prefetch;
use super::rng::SimRng;
use crate::model::num::Bounds;
use crate::scenario::Scenario;

/// Every project's state, column by column. Dead projects stay in place
/// (ids are stable) until [`Projects::compact`] removes them.
#[derive(Clone, Debug, Default)]
pub struct Projects {
    /// Whether each project lives; change it only through [`Projects::kill`].
    pub alive: Vec<bool>,
    living: usize,
    /// Knowledge this project produced (knowledge units).
    pub own: Vec<f64>,
    /// Knowledge copied from the parent at the fork, while the parent lives.
    pub inherited: Vec<f64>,
    /// Infrastructure health, 0–1.
    pub health: Vec<f64>,
    /// The project this one forked from, or NONE.
    pub parent: Vec<u32>,
    /// The association that funds its infrastructure.
    pub association: Vec<u32>,
    /// Chance its maintainers turn away a deserving outsider's contribution.
    pub unfairness: Vec<f64>,
    /// The quality its maintainers expect: the recent mean skill of its contributors.
    pub standard: Vec<f64>,
    pub months_since_accepted: Vec<u32>,
    /// This month: contributors, submissions, acceptances, hours given.
    pub contributors: Vec<u32>,
    pub submitted: Vec<u32>,
    pub accepted: Vec<u32>,
    pub hours: Vec<f64>,
    /// Sum of submitters' skill this month (to update the standard).
    pub skill_sum: Vec<f64>,
    /// Workers of firms building on the project, this month.
    pub users: Vec<f64>,
    /// Infrastructure need this month (baskets).
    pub need: Vec<f64>,
    /// Infrastructure bought for it this month (baskets).
    pub funding: Vec<f64>,
}

impl Projects {
    /// The initial projects: some knowledge each, healthy infrastructure,
    /// spread over the associations.
    pub fn new(scenario: &Scenario, rng: &mut SimRng) -> Projects {
        let mut projects = Projects::default();
        let associations = scenario.population.associations.max(1);
        for _ in 0..scenario.population.projects {
            let association = rng.below(associations as usize) as u32;
            let unfairness = draw_unfairness(scenario, rng);
            // Projects that already exist have some history: right-skewed knowledge.
            let knowledge = rng.lognormal(libm::log(10.0), 1.0);
            projects.push(knowledge, 0.0, 1.0, NONE, association, unfairness, scenario.households.skill_mean);
        }
        projects
    }

    /// Adds a project and returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        own: f64,
        inherited: f64,
        health: f64,
        parent: u32,
        association: u32,
        unfairness: f64,
        standard: f64,
    ) -> u32 {
        let id = self.alive.len() as u32;
        self.alive.push(true);
        self.living += 1;
        self.own.push(own);
        self.inherited.push(inherited);
        self.health.push(health);
        self.parent.push(parent);
        self.association.push(association);
        self.unfairness.push(unfairness);
        self.standard.push(standard);
        self.months_since_accepted.push(0);
        self.contributors.push(0);
        self.submitted.push(0);
        self.accepted.push(0);
        self.hours.push(0.0);
        self.skill_sum.push(0.0);
        self.users.push(0.0);
        self.need.push(0.0);
        self.funding.push(0.0);
        id
    }

    pub fn len(&self) -> usize {
        self.alive.len()
    }

    pub fn is_empty(&self) -> bool {
        self.alive.is_empty()
    }

    /// How many are alive, kept up to date rather than counted.
    pub fn alive_count(&self) -> usize {
        self.living
    }

    /// The project dies (is abandoned); its slot stays until compaction.
    pub fn kill(&mut self, id: usize) {
        if self.alive[id] {
            self.alive[id] = false;
            self.living -= 1;
        }
    }

    /// Everything a firm can use: all the project's knowledge, as usable as
    /// its infrastructure is healthy.
    pub fn usable(&self, p: usize) -> f64 {
        if self.alive[p] { (self.own[p] + self.inherited[p]) * self.health[p] } else { 0.0 }
    }

    /// Each project's usable knowledge added up in id order: entry `p` is the
    /// total of projects `0..=p`, for picking projects in proportion to it.
    pub fn cumulative_usable(&self, into: &mut Vec<f64>) {
        into.clear();
        let mut total = 0.0;
        into.extend((0..self.len()).map(|p| {
            total += self.usable(p);
            total
        }));
    }

    /// Hints that a contribution to project `p` will soon be reviewed: the
    /// columns review reads and writes, and the association its dues go to
    /// (see [`super::prefetch`]).
    #[inline(always)]
    pub fn prefetch_for_review(&self, p: usize) {
        prefetch(&self.health, p);
        prefetch(&self.hours, p);
        prefetch(&self.standard, p);
        prefetch(&self.unfairness, p);
        prefetch(&self.own, p);
        prefetch(&self.contributors, p);
        prefetch(&self.submitted, p);
        prefetch(&self.accepted, p);
        prefetch(&self.skill_sum, p);
        prefetch(&self.association, p);
    }

    /// Clears this month's contribution counters (funding is cleared by the
    /// market, which fills it earlier in the month).
    pub fn reset_contributions(&mut self) {
        self.contributors.fill(0);
        self.submitted.fill(0);
        self.accepted.fill(0);
        self.hours.fill(0.0);
        self.skill_sum.fill(0.0);
        self.users.fill(0.0);
    }

    /// Removes dead projects and returns the map from old ids to new ones
    /// (NONE for removed), for the holders of project ids to follow.
    pub fn compact(&mut self) -> Vec<u32> {
        let keep: Vec<bool> = self.alive.clone();
        let map = compaction_map(&keep);
        retain(&mut self.alive, &keep);
        retain(&mut self.own, &keep);
        retain(&mut self.inherited, &keep);
        retain(&mut self.health, &keep);
        retain(&mut self.parent, &keep);
        retain(&mut self.association, &keep);
        retain(&mut self.unfairness, &keep);
        retain(&mut self.standard, &keep);
        retain(&mut self.months_since_accepted, &keep);
        retain(&mut self.contributors, &keep);
        retain(&mut self.submitted, &keep);
        retain(&mut self.accepted, &keep);
        retain(&mut self.hours, &keep);
        retain(&mut self.skill_sum, &keep);
        retain(&mut self.users, &keep);
        retain(&mut self.need, &keep);
        retain(&mut self.funding, &keep);
        for parent in &mut self.parent {
            if *parent != NONE {
                *parent = map[*parent as usize];
            }
        }
        map
    }
}

/// Where each item goes when only those whose `keep` flag is set remain,
/// in order: its new index, or NONE if it is dropped.
pub(super) fn compaction_map(keep: &[bool]) -> Vec<u32> {
    let mut next = 0u32;
    keep.iter()
        .map(|&kept| {
            if kept {
                next += 1;
                next - 1
            } else {
                NONE
            }
        })
        .collect()
}

/// Keeps the items whose `keep` flag is set, in order.
pub(super) fn retain<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| *flags.next().expect("one flag per item"));
}

/// A project's maintainer unfairness: the scenario's level, varying between
/// projects (log-normal, σ = 0.5), capped at 1.
pub fn draw_unfairness(scenario: &Scenario, rng: &mut SimRng) -> f64 {
    (scenario.commons.maintainer_unfairness * rng.lognormal(-0.125, 0.5)).at_most(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_keeps_living_projects_in_order_and_remaps_parents() {
        let mut p = Projects::default();
        p.push(1.0, 0.0, 1.0, NONE, 0, 0.0, 0.5);
        p.push(2.0, 0.0, 1.0, NONE, 0, 0.0, 0.5);
        p.push(3.0, 2.0, 1.0, 1, 0, 0.0, 0.5);
        p.kill(0);
        assert_eq!(p.alive_count(), 2);
        let map = p.compact();
        assert_eq!(map, vec![NONE, 0, 1]);
        assert_eq!(p.own, vec![2.0, 3.0]);
        assert_eq!(p.parent, vec![NONE, 0]);
        assert_eq!(p.alive_count(), 2);
    }
}
