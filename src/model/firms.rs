//! Firms: the entrepreneurial coalition that builds market value on the commons.

use super::citizens::NONE;
use super::projects::{compaction_map, retain};

/// Most projects one firm builds on (the range of `market.projects_per_firm`).
pub const MAX_PROJECTS: usize = 10;

/// Every firm's state, column by column. Firms that left stay in place until
/// [`Firms::compact`] removes them.
#[derive(Clone, Debug, Default)]
pub struct Firms {
    /// Whether each firm operates; change it only through [`Firms::close`].
    pub alive: Vec<bool>,
    living: usize,
    /// The citizen who owns it.
    pub owner: Vec<u32>,
    /// Its own productivity factor (log-normal around 1).
    pub base_productivity: Vec<f64>,
    /// Productivity this month, with the commons knowledge it builds on.
    pub productivity: Vec<f64>,
    /// The projects it builds on (NONE where fewer than MAX_PROJECTS).
    pub projects: Vec<[u32; MAX_PROJECTS]>,
    /// Whether it gives back to the commons.
    pub reciprocal: Vec<bool>,
    pub money: Vec<f64>,
    /// Employees and the sum of their skills, this month.
    pub employees: Vec<u32>,
    pub skill: Vec<f64>,
    /// Employees to let go this month (decided before the citizens' pass).
    pub to_fire: Vec<u32>,
    /// Real output and money revenue this month.
    pub output: Vec<f64>,
    pub revenue: Vec<f64>,
    /// Subsidy received, fixed inputs bought and wages paid this month.
    pub subsidy: Vec<f64>,
    pub fixed_costs: Vec<f64>,
    pub wages: Vec<f64>,
    /// Whether it could pay its whole wage bill this month.
    pub paid_in_full: Vec<bool>,
    /// Smoothed after-tax profit margin.
    pub margin: Vec<f64>,
    /// Months since founding.
    pub age: Vec<u32>,
}

impl Firms {
    /// Adds a firm and returns its id.
    pub fn push(
        &mut self,
        owner: u32,
        base_productivity: f64,
        projects: [u32; MAX_PROJECTS],
        reciprocal: bool,
        money: f64,
        margin: f64,
    ) -> u32 {
        let id = self.alive.len() as u32;
        self.alive.push(true);
        self.living += 1;
        self.owner.push(owner);
        self.base_productivity.push(base_productivity);
        self.productivity.push(base_productivity);
        self.projects.push(projects);
        self.reciprocal.push(reciprocal);
        self.money.push(money);
        self.employees.push(0);
        self.skill.push(0.0);
        self.to_fire.push(0);
        self.output.push(0.0);
        self.revenue.push(0.0);
        self.subsidy.push(0.0);
        self.fixed_costs.push(0.0);
        self.wages.push(0.0);
        self.paid_in_full.push(true);
        self.margin.push(margin);
        self.age.push(0);
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

    /// The firm closes (bankrupt or relocated); its slot stays until compaction.
    pub fn close(&mut self, id: usize) {
        if self.alive[id] {
            self.alive[id] = false;
            self.living -= 1;
        }
    }

    /// The projects a firm builds on.
    pub fn projects_of(&self, f: usize) -> impl Iterator<Item = usize> + '_ {
        self.projects[f].iter().take_while(|&&p| p != NONE).map(|&p| p as usize)
    }

    /// Removes firms that left; returns the map from old ids to new (NONE for removed).
    pub fn compact(&mut self) -> Vec<u32> {
        let keep = self.alive.clone();
        let map = compaction_map(&keep);
        retain(&mut self.alive, &keep);
        retain(&mut self.owner, &keep);
        retain(&mut self.base_productivity, &keep);
        retain(&mut self.productivity, &keep);
        retain(&mut self.projects, &keep);
        retain(&mut self.reciprocal, &keep);
        retain(&mut self.money, &keep);
        retain(&mut self.employees, &keep);
        retain(&mut self.skill, &keep);
        retain(&mut self.to_fire, &keep);
        retain(&mut self.output, &keep);
        retain(&mut self.revenue, &keep);
        retain(&mut self.subsidy, &keep);
        retain(&mut self.fixed_costs, &keep);
        retain(&mut self.wages, &keep);
        retain(&mut self.paid_in_full, &keep);
        retain(&mut self.margin, &keep);
        retain(&mut self.age, &keep);
        map
    }
}
