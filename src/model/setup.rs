//! Initialisation: the population at month 0, near the market's equilibrium.
//!
//! Citizens start with equal money and no projects; projects with some
//! history; firms with owners, the projects they build on, and the
//! workforce they would choose at the wage that employs the target share of
//! workers; the price level starts where households would spend a quarter of
//! their money a month.

use super::citizens::Citizens;
use super::institutions::{Associations, State};
use super::projects::{NewProject, Projects};
use super::rng::SimRng;
use super::{Market, Model, Tallies};
use crate::model::num::Bounds;
use crate::outcomes::{COUNT, Outcome};
use crate::scenario::Scenario;

pub(super) fn initial_model(scenario: &Scenario) -> Model {
    let mut rng = SimRng::seed_from(scenario.seed);
    let citizens = Citizens::new(scenario, &mut rng);
    let projects = initial_projects(scenario, &mut rng);
    let associations = Associations::new(scenario.population.associations as usize, 0.0);
    let state = State::new(scenario.state, scenario.legitimacy.initial_trust);
    let mut model = Model {
        scenario: scenario.clone(),
        rng,
        month: 0,
        citizens,
        projects,
        firms: Default::default(),
        associations,
        state,
        market: Market::default(),
        tallies: Tallies::default(),
        money_stock: 0.0,
        scratch: Vec::new(),
        scratch_ids: Vec::new(),
        buffers: Default::default(),
        outcomes: [0.0; COUNT],
        measuring: Default::default(),
    };
    model.choose_working_hours();
    model.found_initial_firms();
    model.update_productivity();
    model.staff_initial_firms();
    model.set_initial_prices();
    model.money_stock = model.total_money();
    model.tallies.conditional_willingness = model.initial_conditional_willingness();
    model.assess_infrastructure_need();
    model.outcomes = model.measure();
    model.outcomes[Outcome::Legitimacy as usize] = model.state.legitimacy;
    model
}

/// The initial projects: some knowledge each (right-skewed: projects that
/// already exist have some history), healthy infrastructure, spread over
/// the associations.
fn initial_projects(scenario: &Scenario, rng: &mut SimRng) -> Projects {
    let mut projects = Projects::default();
    let associations = scenario.population.associations.max(1);
    for _ in 0..scenario.population.projects {
        let association = rng.below(associations as usize) as u32;
        let unfairness = super::rules::unfairness_draw(scenario, rng);
        let own = rng.lognormal(libm::log(10.0), 1.0);
        let standard = scenario.households.skill_mean;
        let visibility = super::rules::visibility_draw(scenario, rng);
        projects.push(NewProject::founded(own, association, unfairness, standard, visibility));
    }
    projects
}

impl Model {
    /// Conditional cooperators' mean willingness before anyone has seen
    /// anyone contribute: from their own beliefs and slopes, and the appeal
    /// as far as they trust the state.
    fn initial_conditional_willingness(&self) -> f64 {
        let appeal = self.scenario.state.civic_appeal * self.scenario.programmes.appeal_effect;
        let c = &self.citizens;
        let (mut total, mut count) = (0.0, 0usize);
        for i in 0..c.len() {
            if c.kind[i] == super::citizens::Kind::Conditional {
                total += super::rules::conditional_willingness(c.slope[i], c.belief[i], appeal * c.trust[i]);
                count += 1;
            }
        }
        if count > 0 { total / count as f64 } else { 0.0 }
    }

    /// Each initial firm gets an owner, a productivity and the projects it builds on.
    fn found_initial_firms(&mut self) {
        let n = self.citizens.len();
        let firms = (self.scenario.population.firms as usize).min(n / 2);
        let mut cumulative = std::mem::take(&mut self.scratch);
        self.projects.cumulative_usable(&mut cumulative);
        for _ in 0..firms {
            let owner = loop {
                let candidate = self.rng.below(n);
                if self.citizens.owned_firm[candidate].is_none() {
                    break candidate;
                }
            };
            self.found_firm(owner, 0.0, &cumulative);
        }
        self.scratch = cumulative;
    }

    /// Chooses the real wage that employs the target share of workers when
    /// every firm hires its profitable size, then staffs the firms with
    /// randomly chosen citizens.
    fn staff_initial_firms(&mut self) {
        let market = &self.scenario.market;
        let alpha = market.returns_to_labour;
        let exponent = 1.0 / (1.0 - alpha).at_least(1e-6);
        let workers: Vec<u32> = (0..self.citizens.len() as u32)
            .filter(|&i| self.citizens.owned_firm[i as usize].is_none())
            .collect();
        let target_skill =
            market.target_employment * workers.len() as f64 * self.scenario.households.skill_mean;
        let weight_sum: f64 =
            (0..self.firms.len()).map(|f| libm::pow(alpha * self.firms.productivity[f], exponent)).sum();
        // Firms' profitable skill at wage w is (α A h^(α−1) / (w (1 − s)))^(1/(1−α))
        // for hours share h and subsidy s: the wage at which it adds up to the target.
        let (hours, subsidy) = (self.market.hours_share, self.subsidy_rate());
        self.market.real_wage = if weight_sum > 0.0 && target_skill > 0.0 {
            libm::pow(weight_sum / target_skill, 1.0 - alpha) * libm::pow(hours, alpha - 1.0)
                / (1.0 - subsidy)
        } else {
            1.0
        };
        let mut pool = workers;
        self.rng.shuffle(&mut pool);
        let mut next = pool.into_iter();
        for f in 0..self.firms.len() {
            let wanted = self.profitable_skill(f);
            while self.firms.skill[f] < wanted {
                let Some(i) = next.next() else { break };
                self.hire(i as usize, f);
            }
        }
        // Nobody is due to be let go yet: this only counts each firm's staff.
        let (employed, workers) = self.let_workers_go(false);
        self.set_employment_rate(employed, workers);
    }

    /// The starting price: households spend about a quarter of their money a
    /// month, and that spending buys the initial output.
    fn set_initial_prices(&mut self) {
        let alpha = self.scenario.market.returns_to_labour;
        let hours = self.market.hours_share;
        let output: f64 = (0..self.firms.len())
            .map(|f| self.firms.productivity[f] * libm::pow(hours * self.firms.skill[f], alpha))
            .sum();
        let money: f64 = self.citizens.money.iter().sum();
        self.market.price = if output > 0.0 { 0.25 * money / output } else { 1.0 };
        self.market.output = output;
        let capital = self.scenario.market.startup_capital * self.market.price;
        self.firms.money.fill(capital);
        // Employees start with the market income their job pays (after tax),
        // so that the first month's means tests see them as earning.
        let wage_per_skill = self.market.real_wage * self.market.price * hours;
        let keep = 1.0 - self.scenario.state.income_tax;
        for i in 0..self.citizens.len() {
            if self.citizens.employer[i].is_some() {
                self.citizens.market_income[i] = wage_per_skill * self.citizens.skill[i] * keep;
            }
        }
    }
}
