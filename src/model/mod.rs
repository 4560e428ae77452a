//! The simulation core: agents, their rules, and one month's step.
//!
//! This module knows nothing of the browser, plotting, files or clocks: it
//! takes a validated [`Scenario`], owns one seeded generator, and produces an
//! [`OutcomeRow`] per month. Everything it computes is reproducible bit for
//! bit from the scenario alone.

pub mod rng;
pub mod stats;

use crate::outcomes::{COUNT, Outcome, OutcomeRow};
use crate::scenario::{Scenario, ScenarioError};
use rng::SimRng;

/// A running model.
#[derive(Clone, Debug)]
pub struct Model {
    scenario: Scenario,
    rng: SimRng,
    month: u32,
    /// Money held by each citizen, indexed by citizen id.
    money: Vec<f64>,
    /// Money each citizen received this month.
    income: Vec<f64>,
    /// Reused buffer for statistics that sort.
    scratch: Vec<f64>,
    outcomes: OutcomeRow,
}

impl Model {
    /// Builds the initial population of a scenario, after validating it.
    pub fn new(scenario: &Scenario) -> Result<Model, ScenarioError> {
        scenario.validate()?;
        let citizens = scenario.population.citizens as usize;
        let mut model = Model {
            scenario: scenario.clone(),
            rng: SimRng::seed_from(scenario.seed),
            month: 0,
            money: vec![scenario.households.initial_money; citizens],
            income: vec![0.0; citizens],
            scratch: Vec::with_capacity(citizens),
            outcomes: [0.0; COUNT],
        };
        model.record_outcomes();
        Ok(model)
    }

    /// The scenario this model runs.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Months simulated so far.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// Whether the run has reached its scenario's length.
    pub fn finished(&self) -> bool {
        self.month >= self.scenario.months
    }

    /// This month's outcomes.
    pub fn outcomes(&self) -> &OutcomeRow {
        &self.outcomes
    }

    /// Each citizen's money, indexed by citizen id.
    pub fn money(&self) -> &[f64] {
        &self.money
    }

    /// Total money held by every holder.
    pub fn total_money(&self) -> f64 {
        self.money.iter().sum()
    }

    /// Advances one month and records its outcomes.
    pub fn step(&mut self) {
        self.income.fill(0.0);
        self.exchange_between_households();
        self.month += 1;
        self.record_outcomes();
    }

    /// Households exchange money in random pairs, each keeping a share λ of
    /// what it had and splitting the rest of the pair's money at random
    /// (Chakraborti & Chakrabarti 2000). Money is conserved in every trade.
    fn exchange_between_households(&mut self) {
        let n = self.money.len();
        let households = &self.scenario.households;
        let pairs = households.exchanges_per_month * n as f64 / 2.0;
        // The fractional part of the expected number of pairs is drawn, so
        // any non-integer rate is honoured on average.
        let whole = pairs.floor();
        let count = whole as usize + usize::from(self.rng.chance(pairs - whole));
        let keep = households.saving_propensity;
        for _ in 0..count {
            let i = self.rng.below(n);
            let j = (i + 1 + self.rng.below(n - 1)) % n;
            let pot = (1.0 - keep) * (self.money[i] + self.money[j]);
            let epsilon = self.rng.uniform();
            let to_i = epsilon * pot;
            let new_i = keep * self.money[i] + to_i;
            let gained = new_i - self.money[i];
            self.money[i] = new_i;
            // What i gains, j loses, to the last bit: conservation is exact.
            self.money[j] -= gained;
            if gained > 0.0 {
                self.income[i] += gained;
            } else {
                self.income[j] -= gained;
            }
        }
    }

    fn record_outcomes(&mut self) {
        let mut row = [0.0; COUNT];
        self.scratch.clear();
        self.scratch.extend_from_slice(&self.money);
        row[Outcome::GiniWealth as usize] = stats::gini(&mut self.scratch);
        self.scratch.clear();
        self.scratch.extend_from_slice(&self.income);
        row[Outcome::MedianIncome as usize] = stats::median(&mut self.scratch);
        row[Outcome::GiniIncome as usize] = stats::gini(&mut self.scratch);
        self.outcomes = row;
    }
}
