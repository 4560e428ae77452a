//! Firms: the entrepreneurial coalition that builds market value on the commons.

use super::columns::entity_columns;
use super::ids::{FirmId, ProjectId};

/// Most projects one firm builds on (the range of `market.projects_per_firm`).
pub const MAX_PROJECTS: usize = 10;

/// The projects a firm builds on: the first `None` ends the list.
pub type ProjectSlots = [Option<ProjectId>; MAX_PROJECTS];

entity_columns! {
    /// Every firm's state, column by column. Firms that left stay in place
    /// until [`Firms::compact`] removes them.
    pub struct Firms {
        id: FirmId,
        born from NewFirm as firm {
            /// The citizen who owns it.
            owner: u32,
            /// Its own productivity factor (log-normal around 1).
            base_productivity: f64,
            /// The projects it builds on.
            projects: ProjectSlots,
            /// Whether it gives back to the commons.
            reciprocal: bool,
            /// Its money.
            money: f64,
            /// Smoothed after-tax profit margin.
            margin: f64,
            /// The margin its owner could earn elsewhere (how footloose it is).
            outside_return: f64,
        }
        starting {
            /// Productivity this month, with the commons knowledge it builds on.
            productivity: f64 = firm.base_productivity,
            /// Whether it could pay its whole wage bill this month.
            paid_in_full: bool = true,
            /// Months since founding.
            age: u32 = 0,
            /// Employees this month.
            employees: u32 = 0,
            /// The sum of its employees' skills this month.
            skill: f64 = 0.0,
            /// Employees to let go this month (decided before the citizens' pass).
            to_fire: u32 = 0,
            /// Real output this month.
            output: f64 = 0.0,
            /// Money revenue this month.
            revenue: f64 = 0.0,
            /// Subsidy received this month.
            subsidy: f64 = 0.0,
            /// Fixed inputs bought this month.
            fixed_costs: f64 = 0.0,
            /// Wages paid this month.
            wages: f64 = 0.0,
        }
        monthly {}
    }
}

impl Firms {
    /// The projects a firm builds on, as indices.
    pub fn projects_of(&self, f: usize) -> impl Iterator<Item = usize> + '_ {
        self.projects[f].iter().map_while(|p| p.map(ProjectId::index))
    }

    /// Removes firms that left; returns the map from old ids to new (`None` for removed).
    pub fn compact(&mut self) -> Vec<Option<FirmId>> {
        self.retain_alive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_keeps_every_column_aligned() {
        let mut firms = Firms::default();
        for k in 0..5 {
            let mut projects = [None; MAX_PROJECTS];
            projects[0] = Some(ProjectId::new(k));
            firms.push(NewFirm {
                owner: k as u32,
                base_productivity: k as f64,
                projects,
                reciprocal: k % 2 == 0,
                money: 10.0 * k as f64,
                margin: 0.1,
                outside_return: 0.1,
            });
        }
        firms.remove(1);
        firms.remove(3);
        let map = firms.compact();
        assert_eq!(map, vec![Some(FirmId::new(0)), None, Some(FirmId::new(1)), None, Some(FirmId::new(2))]);
        assert_eq!(firms.owner, vec![0, 2, 4]);
        assert_eq!(firms.productivity, vec![0.0, 2.0, 4.0], "productivity starts at the base");
        assert_eq!(firms.money, vec![0.0, 20.0, 40.0]);
        assert_eq!(firms.projects_of(1).collect::<Vec<_>>(), vec![2]);
        assert_eq!(firms.age.len(), 3);
        assert_eq!(firms.alive_count(), 3);
    }
}
