//! The two institutions: for-benefit associations and the state.

use crate::scenario::Levers;

/// For-benefit associations, column by column.
#[derive(Clone, Debug, Default)]
pub struct Associations {
    pub money: Vec<f64>,
    /// Contributors paying dues this month.
    pub members: Vec<u32>,
    /// Dues received this month (what the state's matching doubles).
    pub dues: Vec<f64>,
    /// Infrastructure need of its living projects last month (baskets).
    pub need: Vec<f64>,
    /// What the state gives it this month (money): grants to its projects,
    /// set before the market, and later matching of its dues.
    pub state_funds: Vec<f64>,
    /// Voluntary effort for it, 0–1: how much of their usual dues members
    /// pay, of their usual gifts firms give and of their usual upkeep
    /// volunteers do (1 when the state provides nothing).
    pub effort: Vec<f64>,
    /// Voluntary income this month: dues and firms' gifts (money).
    pub voluntary: Vec<f64>,
}

impl Associations {
    pub fn new(count: usize, initial_money: f64) -> Associations {
        Associations {
            money: vec![initial_money; count],
            members: vec![0; count],
            dues: vec![0.0; count],
            need: vec![0.0; count],
            state_funds: vec![0.0; count],
            effort: vec![1.0; count],
            voluntary: vec![0.0; count],
        }
    }

    pub fn len(&self) -> usize {
        self.money.len()
    }

    pub fn is_empty(&self) -> bool {
        self.money.is_empty()
    }
}

/// What the state spent this month, by purpose (money).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spending {
    pub transfers: f64,
    pub overhead: f64,
    pub services: f64,
    pub infrastructure: f64,
    pub training: f64,
    pub tools: f64,
    pub matching: f64,
    pub subsidies: f64,
    /// Applying for and administering infrastructure grants.
    pub grant_administration: f64,
}

impl Spending {
    pub fn total(&self) -> f64 {
        self.transfers
            + self.overhead
            + self.services
            + self.infrastructure
            + self.training
            + self.tools
            + self.matching
            + self.subsidies
            + self.grant_administration
    }
}

/// The state: its levers, money (negative when in debt) and this month's books.
#[derive(Clone, Debug)]
pub struct State {
    pub levers: Levers,
    pub money: f64,
    /// Taxes collected this month.
    pub revenue: f64,
    pub spending: Spending,
    /// Share of planned spending the budget allows this month (1 = no cuts).
    pub spending_scale: f64,
    /// What the programmes cost last month before any cuts, and the price
    /// level they were planned at: the basis of this month's plan.
    pub full_cost: f64,
    pub cost_price: f64,
    /// Mean trust of citizens in the state.
    pub legitimacy: f64,
    /// Share of corporate tax firms pay this month, as far as the state is
    /// trusted (see `rules::legitimacy`).
    pub corporate_compliance: f64,
}

impl State {
    pub fn new(levers: Levers, legitimacy: f64) -> State {
        State {
            levers,
            money: 0.0,
            revenue: 0.0,
            spending: Spending::default(),
            spending_scale: 1.0,
            full_cost: 0.0,
            cost_price: 0.0,
            legitimacy,
            corporate_compliance: 1.0,
        }
    }
}
