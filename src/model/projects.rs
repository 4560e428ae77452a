//! Projects: the commons. Knowledge that is non-rival, resting on
//! infrastructure that is not.
//!
//! A project's knowledge is split into what it produced itself (`own`) and
//! what it copied whole from its parent when it forked (`inherited`), so that
//! the commons counts forked knowledge once while firms still use all of it.

use super::columns::entity_columns;
use super::ids::ProjectId;

entity_columns! {
    /// Every project's state, column by column. Dead projects stay in place
    /// (ids are stable) until [`Projects::compact`] removes them.
    pub struct Projects {
        id: ProjectId,
        born from NewProject as project {
            /// Knowledge this project produced (knowledge units).
            own: f64,
            /// Knowledge copied from the parent at the fork, while the parent lives.
            inherited: f64,
            /// Infrastructure health, 0–1.
            health: f64,
            /// The project this one forked from, while it lives.
            parent: Option<ProjectId>,
            /// The association that funds its infrastructure.
            association: u32,
            /// Chance its maintainers turn away a deserving outsider's contribution.
            unfairness: f64,
            /// The quality its maintainers expect: the recent mean skill of its contributors.
            standard: f64,
            /// How the state's funder sees its need: a fixed factor, log-normal
            /// around 1 (1 for everyone when the funder sees need perfectly).
            visibility: f64,
        }
        starting {
            /// Months since a contribution was last accepted.
            months_since_accepted: u32 = 0,
            /// Infrastructure need this month (baskets).
            need: f64 = 0.0,
            /// Infrastructure bought for it this month (baskets; the market
            /// clears and fills it).
            funding: f64 = 0.0,
            /// The state's grant for its infrastructure this month (money):
            /// also the record next month's grants partly follow.
            grant: f64 = 0.0,
        }
        monthly {
            /// Contributors this month.
            contributors: u32,
            /// Contributions submitted this month.
            submitted: u32,
            /// Contributions accepted this month.
            accepted: u32,
            /// Hours given to it this month.
            hours: f64,
            /// Sum of submitters' skill this month (to update the standard).
            skill_sum: f64,
            /// Workers of firms building on the project, this month.
            users: f64,
        }
    }
}

impl NewProject {
    /// A project that is nobody's fork: `own` knowledge, healthy
    /// infrastructure, hosted by `association`.
    pub fn founded(
        own: f64,
        association: u32,
        unfairness: f64,
        standard: f64,
        visibility: f64,
    ) -> NewProject {
        NewProject {
            own,
            inherited: 0.0,
            health: 1.0,
            parent: None,
            association,
            unfairness,
            standard,
            visibility,
        }
    }
}

impl Projects {
    /// All the project's knowledge, its own and what it inherited.
    pub fn knowledge(&self, p: usize) -> f64 {
        self.own[p] + self.inherited[p]
    }

    /// Everything a firm can use: all the project's knowledge, as usable as
    /// its infrastructure is healthy.
    pub fn usable(&self, p: usize) -> f64 {
        if self.alive[p] { self.knowledge(p) * self.health[p] } else { 0.0 }
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

    /// Whether `p` names a living project.
    pub fn lives(&self, p: Option<ProjectId>) -> bool {
        p.is_some_and(|p| self.alive[p.index()])
    }

    /// Removes dead projects and returns the map from old ids to new ones
    /// (`None` for removed), for the holders of project ids to follow.
    pub fn compact(&mut self) -> Vec<Option<ProjectId>> {
        let map = self.retain_alive();
        for parent in &mut self.parent {
            *parent = parent.and_then(|p| map[p.index()]);
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(own: f64, parent: Option<ProjectId>) -> NewProject {
        NewProject {
            own,
            inherited: 0.0,
            health: 1.0,
            parent,
            association: 0,
            unfairness: 0.0,
            standard: 0.5,
            visibility: 1.0,
        }
    }

    #[test]
    fn compact_keeps_living_projects_in_order_and_remaps_parents() {
        let mut p = Projects::default();
        p.push(project(1.0, None));
        let second = p.push(project(2.0, None));
        p.push(project(3.0, Some(second)));
        let orphan = p.push(project(4.0, Some(ProjectId::new(0))));
        p.remove(0);
        assert_eq!(p.alive_count(), 3);
        let map = p.compact();
        assert_eq!(
            map,
            vec![None, Some(ProjectId::new(0)), Some(ProjectId::new(1)), Some(ProjectId::new(2))]
        );
        assert_eq!(p.own, vec![2.0, 3.0, 4.0]);
        assert_eq!(p.parent, vec![None, Some(ProjectId::new(0)), None], "a dead parent is forgotten");
        assert_eq!(p.alive, vec![true; 3]);
        assert_eq!(p.alive_count(), 3);
        assert_eq!(orphan.index(), 3);
    }

    #[test]
    fn every_column_has_one_entry_per_project_after_push_and_compact() {
        let mut p = Projects::default();
        for k in 0..10 {
            p.push(project(f64::from(k), None));
        }
        for k in [1, 4, 5, 9] {
            p.remove(k);
        }
        p.compact();
        let lengths = [
            p.own.len(),
            p.inherited.len(),
            p.health.len(),
            p.parent.len(),
            p.association.len(),
            p.unfairness.len(),
            p.standard.len(),
            p.visibility.len(),
            p.grant.len(),
            p.months_since_accepted.len(),
            p.need.len(),
            p.funding.len(),
            p.contributors.len(),
            p.submitted.len(),
            p.accepted.len(),
            p.hours.len(),
            p.skill_sum.len(),
            p.users.len(),
        ];
        assert!(lengths.iter().all(|&l| l == 6), "{lengths:?}");
        assert_eq!(p.own, vec![0.0, 2.0, 3.0, 6.0, 7.0, 8.0]);
    }
}
