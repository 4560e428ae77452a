//! Citizens: households that earn, spend, exchange, contribute and judge the state.
//!
//! Stored as parallel vectors indexed by citizen id (structure of arrays): a
//! rule touches only the columns it needs, and nothing is boxed.

use super::ids::{FirmId, ProjectId};
use super::rng::SimRng;
use crate::scenario::Scenario;

/// Bits of a citizen's state this month, for the page's picture of society.
pub mod flags {
    /// Employed by a firm.
    pub const EMPLOYED: u8 = 1;
    /// Submitted at least one contribution this month.
    pub const CONTRIBUTING: u8 = 2;
    /// Basic needs unmet or met only by overwork.
    pub const PRECARIOUS: u8 = 4;
    /// Owns a firm.
    pub const OWNER: u8 = 8;
    /// Receives a transfer from the state.
    pub const CLAIMING: u8 = 16;
    /// Basic needs unmet even after overwork.
    pub const UNMET: u8 = 32;
    /// Took a training course this month.
    pub const TRAINING: u8 = 64;
}

/// How a citizen decides whether to contribute (Fischbacher, Gächter & Fehr 2001).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// Contributes as much as they believe others do, or a little less.
    Conditional = 0,
    /// Never contributes of their own accord.
    FreeRider = 1,
    /// Contributes whatever others do.
    Altruist = 2,
}

/// A newcomer's skill: normal around the mean, within 0.02 and 1.
fn entrant_skill(scenario: &Scenario, rng: &mut SimRng) -> f64 {
    let h = &scenario.households;
    (h.skill_mean + h.skill_spread * rng.normal()).clamp(0.02, 1.0)
}

/// A newcomer's belief about how many others contribute and their slope as
/// a conditional cooperator, each normal around the scenario's value
/// (Fischbacher, Gächter & Fehr 2001; Fischbacher & Gächter 2010).
fn cooperative_outlook(scenario: &Scenario, rng: &mut SimRng) -> (f64, f64) {
    let c = &scenario.cooperation;
    let belief = (c.initial_belief + c.belief_spread * rng.normal()).clamp(0.0, 1.0);
    let slope = (c.conditional_slope + c.slope_spread * rng.normal()).clamp(0.0, 1.5);
    (belief, slope)
}

/// Every citizen's state, column by column.
#[derive(Clone, Debug, Default)]
pub struct Citizens {
    pub money: Vec<f64>,
    /// Income received this month from every source, after tax (money).
    pub income: Vec<f64>,
    /// Wages and dividends after tax last month: what means tests look at.
    pub market_income: Vec<f64>,
    pub skill: Vec<f64>,
    pub kind: Vec<Kind>,
    /// Belief about the share of others contributing (followed by every
    /// citizen, acted on only by conditional cooperators).
    pub belief: Vec<f64>,
    /// How closely a conditional cooperator matches what they believe others
    /// give (their slope; drawn for everyone, used by conditional cooperators).
    pub slope: Vec<f64>,
    /// Intensity of contributing relative to a typical contributor (log-normal).
    pub zeal: Vec<f64>,
    /// How often a fully willing citizen with time to spare contributes:
    /// zeal² / (1 + zeal²), computed once (a few nearly every month, most
    /// now and then).
    pub zeal_frequency: Vec<f64>,
    /// Contributions completed per hour relative to a typical contributor (log-normal).
    pub talent: Vec<f64>,
    /// A fixed uniform draw: the citizen claims benefits while it is below take-up.
    pub claim_draw: Vec<f64>,
    /// A fixed uniform draw: the citizen can use shared tools while it is below coverage.
    pub tools_draw: Vec<f64>,
    /// A fixed uniform draw: at a reciprocal firm, the citizen's job includes
    /// contributing while it is below the firm's share of such jobs.
    pub job_draw: Vec<f64>,
    /// The transfer received from the state this month (money).
    pub benefit: Vec<f64>,
    /// Income tax paid this month (what a surplus rebate is shared by).
    pub tax_paid: Vec<f64>,
    /// Share of the tax due on market income the citizen pays this month,
    /// as far as they trust the state (see [`compliance`]).
    pub compliance: Vec<f64>,
    /// The firm employing the citizen.
    pub employer: Vec<Option<FirmId>>,
    /// The firm the citizen owns.
    pub owned_firm: Vec<Option<FirmId>>,
    /// The project the citizen contributes to.
    pub project: Vec<Option<ProjectId>>,
    /// Months spent contributing to the current project.
    pub tenure: Vec<f64>,
    /// Months since the citizen last submitted a contribution.
    pub idle_months: Vec<u32>,
    pub dissatisfaction: Vec<f64>,
    /// Accepted contributions since the start of the run.
    pub accepted_total: Vec<f64>,
    pub trust: Vec<f64>,
    /// Money spent on goods this month.
    pub spending: Vec<f64>,
    /// Hours of overwork this month.
    pub overwork: Vec<f64>,
    pub flags: Vec<u8>,
}

impl Citizens {
    /// The initial population: equal money, skills around the mean, types
    /// in the scenario's shares, no jobs, no projects.
    pub fn new(scenario: &Scenario, rng: &mut SimRng) -> Citizens {
        let n = scenario.population.citizens as usize;
        let h = &scenario.households;
        let c = &scenario.cooperation;
        let mut citizens = Citizens {
            money: vec![h.initial_money; n],
            income: vec![0.0; n],
            market_income: vec![0.0; n],
            employer: vec![None; n],
            owned_firm: vec![None; n],
            project: vec![None; n],
            tenure: vec![0.0; n],
            idle_months: vec![0; n],
            dissatisfaction: vec![0.0; n],
            accepted_total: vec![0.0; n],
            trust: vec![scenario.legitimacy.initial_trust; n],
            spending: vec![0.0; n],
            overwork: vec![0.0; n],
            tax_paid: vec![0.0; n],
            benefit: vec![0.0; n],
            compliance: vec![1.0; n],
            flags: vec![0; n],
            ..Citizens::default()
        };
        for _ in 0..n {
            citizens.skill.push(entrant_skill(scenario, rng));
            let draw = rng.uniform();
            citizens.kind.push(if draw < c.share_free_riders {
                Kind::FreeRider
            } else if draw < c.share_free_riders + c.share_altruists {
                Kind::Altruist
            } else {
                Kind::Conditional
            });
            // Median zeal is 1: a typical contributor offers the scenario's hours.
            let zeal = rng.lognormal(0.0, c.zeal_spread);
            citizens.zeal.push(zeal);
            citizens.zeal_frequency.push(zeal * zeal / (1.0 + zeal * zeal));
            citizens.talent.push(rng.lognormal(0.0, scenario.commons.talent_spread));
            citizens.claim_draw.push(rng.uniform());
            citizens.tools_draw.push(rng.uniform());
            citizens.job_draw.push(rng.uniform());
            let (belief, slope) = cooperative_outlook(scenario, rng);
            citizens.belief.push(belief);
            citizens.slope.push(slope);
        }
        citizens
    }

    /// Citizen `i` retires and a newcomer takes their place in the
    /// household: a fresh skill and outlook, no job, no project, no record
    /// of contributions; the household's money, any firm it owns, its
    /// cooperation type and its trust carry over.
    pub fn succeed(&mut self, i: usize, scenario: &Scenario, rng: &mut SimRng) {
        self.skill[i] = entrant_skill(scenario, rng);
        let (belief, slope) = cooperative_outlook(scenario, rng);
        (self.belief[i], self.slope[i]) = (belief, slope);
        self.employer[i] = None;
        self.flags[i] &= !flags::EMPLOYED;
        self.project[i] = None;
        self.tenure[i] = 0.0;
        self.idle_months[i] = 0;
        self.dissatisfaction[i] = 0.0;
        self.accepted_total[i] = 0.0;
    }

    pub fn len(&self) -> usize {
        self.money.len()
    }

    pub fn is_empty(&self) -> bool {
        self.money.is_empty()
    }

    /// Citizen `i` receives a gross market income (a wage or a dividend)
    /// with income tax at `rate` withheld, less what they evade this month
    /// (their `compliance`). Returns the tax withheld, for the caller to hand
    /// to the state.
    #[inline(always)]
    pub fn receive_market_income(&mut self, i: usize, gross: f64, rate: f64) -> f64 {
        let tax = rate * gross * self.compliance[i];
        let net = gross - tax;
        self.money[i] += net;
        self.income[i] += net;
        self.market_income[i] += net;
        self.tax_paid[i] += tax;
        tax
    }
}
