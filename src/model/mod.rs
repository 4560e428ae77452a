//! The simulation core: agents, their rules, and one month's step.
//!
//! This module knows nothing of the browser, plotting, files or clocks: it
//! takes a validated [`Scenario`], owns one seeded generator, and produces an
//! [`OutcomeRow`] per month. Everything it computes is reproducible bit for
//! bit from the scenario alone.
//!
//! [`Model::step`] is the whole list of rules, one month in order; each rule
//! lives in `rules/` with a doc comment that states it and names the claim
//! of the essay it models (see docs/ODD.md, section 7). How their loops run
//! fast is the business of `kernels/`, not of the rules.

pub mod citizens;
mod columns;
pub mod firms;
pub mod ids;
pub mod institutions;
mod kernels;
mod measure;
pub mod num;
pub mod projects;
pub mod rng;
mod rules;
mod setup;

use crate::outcomes::{Outcome, OutcomeRow};
use crate::scenario::{Scenario, ScenarioError};
use citizens::Citizens;
use firms::Firms;
use ids::ProjectId;
use institutions::{Associations, State};
use projects::Projects;
use rng::SimRng;

/// The goods and labour market's aggregate state.
#[derive(Clone, Debug, Default)]
struct Market {
    /// Money per basket this month (a basket is a month of basic needs).
    price: f64,
    /// Real wage per unit of skill per month (baskets).
    real_wage: f64,
    /// Real output this month (baskets).
    output: f64,
    /// Money spent on goods this month.
    nominal_output: f64,
    /// Whether goods were traded this month (there was output to buy).
    open: bool,
    /// Share of citizens who are not owners that are employed.
    employment_rate: f64,
    /// Share of basic needs public services provided in kind this month.
    services_share: f64,
    /// Whether every citizen's spending is already zero (no trade since).
    spending_cleared: bool,
    /// Hours an employee works this month, as a share of the untaxed
    /// `households.work_hours` (labour supply).
    hours_share: f64,
}

/// Running counts and lists the rules share from month to month.
#[derive(Clone, Debug, Default)]
struct Tallies {
    forks_total: u64,
    failures_total: u64,
    /// Accepted / submitted contributions this month (kept when none were submitted).
    acceptance_rate: f64,
    /// Share of citizens who contributed last month, as conditional
    /// cooperators see it (none before the first month).
    contributors_share: Option<f64>,
    /// Citizens who contributed of their own accord last month: new
    /// contributors follow them to their projects.
    contributors: Vec<u32>,
    contributors_next: Vec<u32>,
    /// (project, citizen) pairs of dissatisfied contributors this month.
    fork_candidates: Vec<(ProjectId, u32)>,
    /// Whether a project was abandoned this month.
    projects_abandoned: bool,
    /// Mean willingness of conditional cooperators this month.
    conditional_willingness: f64,
    /// Contributors with access to shared tools last month (what tools cost).
    tools_users: u32,
    /// Training courses given this month.
    trainees: u32,
    /// Citizens without a job or a firm, this month (the hiring pool).
    unemployed: Vec<u32>,
}

/// A running model.
#[derive(Clone, Debug)]
pub struct Model {
    scenario: Scenario,
    rng: SimRng,
    month: u32,
    citizens: Citizens,
    projects: Projects,
    firms: Firms,
    associations: Associations,
    state: State,
    market: Market,
    tallies: Tallies,
    /// All the money there is: the economy is closed, so this never changes.
    money_stock: f64,
    /// Reused buffers, so that a month allocates nothing in steady state.
    scratch: Vec<f64>,
    scratch_ids: Vec<u32>,
    buffers: measure::Buffers,
    outcomes: OutcomeRow,
    /// What the end of a month measures (see [`Model::advance_to`]).
    measuring: Measuring,
}

/// What the end of a month measures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Measuring {
    /// Every outcome: what [`Model::step`] does.
    #[default]
    Everything,
    /// Only what next month's rules read, in the months
    /// [`Model::advance_to`] passes through.
    WhatTheRulesRead,
}

impl Model {
    /// Builds the initial population of a scenario, after validating it.
    pub fn new(scenario: &Scenario) -> Result<Model, ScenarioError> {
        scenario.validate()?;
        Ok(setup::initial_model(scenario))
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

    /// One outcome this month.
    pub fn outcome(&self, outcome: Outcome) -> f64 {
        self.outcomes[outcome as usize]
    }

    /// Advances one month: every rule, in order, then the outcomes.
    pub fn step(&mut self) {
        // The state sets its course and its budget; taxpayers decide how
        // much of their tax to pay.
        self.apply_policy_schedule();
        self.plan_state_budget();
        self.decide_tax_compliance();
        self.choose_working_hours();
        // Skills, generations, knowledge and jobs.
        self.age_skills();
        self.train_citizens();
        self.renew_generations();
        self.replace_lost_projects();
        self.update_productivity();
        self.adjust_wages();
        self.adjust_workforces();
        // The state pays out; goods are made, bought and paid for.
        self.pay_transfers();
        self.grant_infrastructure_funds();
        self.trade_goods();
        self.settle_firm_accounts();
        // Households' needs, and what they make of the state.
        self.meet_basic_needs();
        self.update_trust_in_the_state();
        // The commons: contributing, forking, standards, infrastructure.
        self.contribute_to_the_commons();
        self.fork_projects();
        self.update_standards();
        self.maintain_infrastructure();
        self.inherit_from_abandoned_projects();
        self.assess_infrastructure_need();
        self.match_team_funds();
        self.adapt_voluntary_effort();
        self.rebate_surplus();
        // Firms leave and are founded; households exchange.
        self.close_firms();
        self.open_firms();
        self.exchange_between_households();
        self.month += 1;
        self.measure_the_month();
    }

    /// Advances to `month` (at most the run's last), measuring in the
    /// months between only what the rules read (the income Gini, with the
    /// median from the same sort, and the acceptance rate) and every outcome
    /// in the last: the same model and
    /// outcomes as calling [`Model::step`] month by month, without the cost
    /// of measuring months nobody reads — for a caller that wants one
    /// month's outcomes, not a history (the page's map runs 512 of them).
    pub fn advance_to(&mut self, month: u32) {
        let last = month.min(self.scenario.months);
        while self.month < last {
            self.measuring =
                if self.month + 1 < last { Measuring::WhatTheRulesRead } else { Measuring::Everything };
            self.step();
        }
        self.measuring = Measuring::Everything;
    }

    fn measure_the_month(&mut self) {
        match self.measuring {
            Measuring::Everything => self.outcomes = self.measure(),
            Measuring::WhatTheRulesRead => self.measure_what_the_rules_read(),
        }
    }

    /// Every citizen's state bits this month (see [`citizens::flags`]).
    pub fn citizen_flags(&self) -> &[u8] {
        &self.citizens.flags
    }

    /// The project each citizen contributes to, if any.
    pub fn citizen_projects(&self) -> &[Option<ProjectId>] {
        &self.citizens.project
    }

    /// Each citizen's money.
    pub fn citizen_money(&self) -> &[f64] {
        &self.citizens.money
    }

    /// Each firm's money (firms that left hold none).
    pub fn firm_money(&self) -> &[f64] {
        &self.firms.money
    }

    /// The state's money: negative when it is in debt.
    pub fn state_money(&self) -> f64 {
        self.state.money
    }

    /// All the money there is, fixed at month 0 (the economy is closed).
    pub fn money_stock(&self) -> f64 {
        self.money_stock
    }

    /// Each project's knowledge (own and inherited) and whether it is alive.
    /// Ids are stable between compactions; a fork's parent is in `project_parents`.
    pub fn project_knowledge(&self) -> impl Iterator<Item = f64> + '_ {
        (0..self.projects.len()).map(|p| self.projects.knowledge(p))
    }

    /// Each project's infrastructure health.
    pub fn project_health(&self) -> &[f64] {
        &self.projects.health
    }

    /// Each project's parent: set for a fork whose parent lives.
    pub fn project_parents(&self) -> &[Option<ProjectId>] {
        &self.projects.parent
    }

    /// Whether each project is alive.
    pub fn project_alive(&self) -> &[bool] {
        &self.projects.alive
    }

    /// Contributors of each project this month.
    pub fn project_contributors(&self) -> &[u32] {
        &self.projects.contributors
    }

    /// Total money held by every holder: citizens, firms, associations and
    /// the state (whose money is negative when it is in debt). The economy
    /// is closed, so this never changes during a run.
    pub fn total_money(&self) -> f64 {
        let citizens: f64 = self.citizens.money.iter().sum();
        let firms: f64 = self.firms.money.iter().sum();
        let associations: f64 = self.associations.money.iter().sum();
        citizens + firms + associations + self.state.money
    }
}
