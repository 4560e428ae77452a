//! Measuring the month's outcomes from the agents' state.
//!
//! Three passes over the citizens gather every count and fill three buffers
//! (contributions, positive incomes, wealth); each is sorted once, in linear
//! time, straight after its pass, for its Gini, median and top share. The
//! income and wealth passes also gather their values' range, which the
//! sort's key needs, so that the sort need not pass over them for it. The
//! buffers are reused, so a month's measurement allocates nothing.

use super::Model;
use super::citizens::flags;
use crate::model::num::Bounds;
use crate::outcomes::{COUNT, Outcome, OutcomeRow};
use crate::stats;

/// The buffers `measure` fills and sorts each month.
#[derive(Clone, Debug, Default)]
pub(super) struct Buffers {
    contributions: Vec<f64>,
    incomes: Vec<f64>,
    wealth: Vec<f64>,
    teams: Vec<f64>,
    /// Each project's team this month.
    members: Vec<u32>,
    /// Each sorted array's scratch: the same length as its array from month
    /// to month, so sorting never clears or regrows one.
    contributions_scratch: stats::SortScratch,
    incomes_scratch: stats::SortScratch,
    wealth_scratch: stats::SortScratch,
}

impl Model {
    /// Every outcome of this month (see `outcomes.rs` for what each means).
    pub(super) fn measure(&mut self) -> OutcomeRow {
        let mut row = [0.0; COUNT];
        let mut set = |outcome: Outcome, value: f64| row[outcome as usize] = value;
        let n = self.citizens.len().max(1) as f64;

        // Citizens: three buffers, each filled in its own pass and sorted
        // straight after, while it is still in the cache (at 100,000
        // citizens three buffers and their scratch outgrow it: filling all
        // three before sorting any had each sort fetch its buffer anew).
        let b = &mut self.buffers;
        let citizens = &self.citizens;
        let len = citizens.len();

        // Counts, and contributions among those who ever had one accepted.
        // Contributions are written at the next free place whether or not
        // they count, and the place advances only for those that do: no
        // branch to mispredict.
        let (mut contributing, mut precarious, mut unmet) = (0usize, 0usize, 0usize);
        b.contributions.resize(len, 0.0);
        let mut with_contributions = 0usize;
        let (bits, accepted_total) = (&citizens.flags[..len], &citizens.accepted_total[..len]);
        let contributions = &mut b.contributions[..len];
        for i in 0..len {
            let f = bits[i];
            contributing += usize::from(f & flags::CONTRIBUTING != 0);
            precarious += usize::from(f & flags::PRECARIOUS != 0);
            unmet += usize::from(f & flags::UNMET != 0);
            let accepted = accepted_total[i];
            contributions[with_contributions] = accepted;
            with_contributions += usize::from(accepted > 0.0);
        }
        b.contributions.truncate(with_contributions);
        set(Outcome::ContributorsShare, contributing as f64 / n);
        set(Outcome::PrecarityRate, precarious as f64 / n);
        set(Outcome::UnmetNeedsRate, unmet as f64 / n);
        set(Outcome::ConditionalCooperation, self.tallies.conditional_willingness);
        // The sort finds the range of these values itself: most citizens
        // have none accepted, and gathering it here would visit them all.
        stats::sort_non_negative(&mut b.contributions, &mut b.contributions_scratch);
        set(Outcome::ContributionGini, stats::gini_of_sorted(&b.contributions));
        set(Outcome::TopContributorsShare, stats::top_share_of_sorted(&b.contributions, 0.05));

        let (median_income, gini_income) = self.measure_incomes();
        set(Outcome::MedianIncome, median_income);
        set(Outcome::GiniIncome, gini_income);

        // Wealth: money, plus the money of the firm a citizen owns. Its mean
        // and variance in the same pass, about a shift (the starting money)
        // that keeps the sums of squares well conditioned.
        let shift = self.scenario.households.initial_money;
        let b = &mut self.buffers;
        let citizens = &self.citizens;
        let (mut shifted_sum, mut shifted_squares) = (0.0, 0.0);
        b.wealth.resize(len, 0.0);
        let (owned_firm, money, firm_money) =
            (&citizens.owned_firm[..len], &citizens.money[..len], &self.firms.money[..]);
        let wealths = &mut b.wealth[..len];
        // The range gathered as for the incomes (see `measure_incomes`).
        let mut range = stats::PatternRange::EMPTY;
        for i in 0..len {
            let firm = owned_firm[i];
            let equity = firm.map_or(0.0, |f| firm_money[f.index()]);
            let wealth = money[i] + equity;
            wealths[i] = stats::at_least_zero(wealth);
            range.include(wealths[i]);
            shifted_sum += wealth - shift;
            shifted_squares += (wealth - shift) * (wealth - shift);
        }
        let count = len.max(1) as f64;
        let mean_shifted = shifted_sum / count;
        let mean_wealth = shift + mean_shifted;
        let var_wealth = (shifted_squares / count - mean_shifted * mean_shifted).at_least(0.0);
        set(
            Outcome::WealthVarianceRatio,
            if mean_wealth > 0.0 { var_wealth / (mean_wealth * mean_wealth) } else { 0.0 },
        );
        stats::sort_non_negative_within(&mut b.wealth, &mut b.wealth_scratch, range);
        set(Outcome::GiniWealth, stats::gini_of_sorted(&b.wealth));

        // The commons: knowledge counted once (a fork's inherited knowledge
        // is its living parent's), weighted by infrastructure health.
        let projects = &self.projects;
        // Teams: the citizens each project counts as its own (they leave
        // it after `drift_months` without contributing).
        b.members.clear();
        b.members.resize(projects.len(), 0);
        for p in self.citizens.project.iter().flatten() {
            b.members[p.index()] += 1;
        }
        let (mut knowledge, mut stock, mut weighted_health, mut weight) = (0.0, 0.0, 0.0, 0.0);
        b.teams.clear();
        for p in 0..projects.len() {
            if projects.alive[p] {
                knowledge += projects.own[p] * projects.health[p];
                stock += projects.own[p];
                let size = projects.own[p] + projects.inherited[p];
                weighted_health += size * projects.health[p];
                weight += size;
                if b.members[p] > 0 {
                    b.teams.push(f64::from(b.members[p]));
                }
            }
        }
        set(Outcome::CommonsKnowledge, knowledge);
        set(Outcome::CommonsKnowledgeStock, stock);
        set(Outcome::ProjectsAlive, projects.alive_count() as f64);
        set(Outcome::InfrastructureHealth, if weight > 0.0 { weighted_health / weight } else { 0.0 });
        // Project teams: among projects with a team.
        let (mean_team, _) = stats::mean_variance(&b.teams);
        set(Outcome::ProjectSizeMean, mean_team);
        set(Outcome::ProjectSizeMedian, stats::median(&mut b.teams));
        self.tally_acceptance_rate();
        set(Outcome::AcceptanceRate, self.tallies.acceptance_rate);

        set(Outcome::MarketOutput, self.market.output / n);
        set(Outcome::EmploymentRate, self.market.employment_rate);
        set(Outcome::FirmsAlive, self.firms.alive_count() as f64);
        set(Outcome::ForksTotal, self.tallies.forks_total as f64);
        set(Outcome::InfrastructureFailures, self.tallies.failures_total as f64);

        // The state's books, relative to the size of the economy.
        let nominal = self.market.nominal_output;
        let balance = self.state.revenue - self.state.spending.total();
        set(Outcome::StateBalance, if nominal > 0.0 { balance / nominal } else { 0.0 });
        let debt = if self.state.money < 0.0 { -self.state.money } else { 0.0 };
        set(Outcome::StateDebt, if self.money_stock > 0.0 { debt / self.money_stock } else { 0.0 });
        set(Outcome::Legitimacy, self.state.legitimacy);

        // One zero: an outcome can come out as −0 (a negative number times
        // zero, say), which prints as "-0". Adding +0 makes every zero +0,
        // so every export writes zero one way.
        row.map(|value| value + 0.0)
    }

    /// Only what next month's rules read of this month's measurement: the
    /// income Gini (citizens' trust, see `update_trust_in_the_state`; the
    /// median income comes from the same sort, so it is kept too) and the
    /// acceptance rate (kept from month to month). Every other outcome keeps
    /// the value last measured, so this serves only callers that measure
    /// everything again before anyone reads the outcomes
    /// ([`Model::advance_to`]). A rule that comes to read another outcome
    /// must have it measured here too (`advance_to`'s test compares every
    /// outcome with month-by-month stepping).
    pub(super) fn measure_what_the_rules_read(&mut self) {
        let (median_income, gini_income) = self.measure_incomes();
        self.outcomes[Outcome::MedianIncome as usize] = median_income;
        self.outcomes[Outcome::GiniIncome as usize] = gini_income;
        self.tally_acceptance_rate();
    }

    /// The median and Gini of citizens' incomes this month, in baskets so
    /// that runs with different price levels compare. Only positive incomes
    /// are kept and sorted; the zeros are counted (written in place, like
    /// the contributions in `measure`).
    fn measure_incomes(&mut self) -> (f64, f64) {
        let price = if self.market.price > 0.0 { self.market.price } else { 1.0 };
        let per_price = 1.0 / price;
        let b = &mut self.buffers;
        let len = self.citizens.len();
        b.incomes.resize(len, 0.0);
        let mut earning = 0usize;
        let incomes = &mut b.incomes[..len];
        // The range of the values written, for the sort's key (see
        // `stats::PatternRange`): gathered here, where every value passes
        // anyway, rather than in a pass of the sort's own (zeros written
        // but not kept change neither end).
        let mut range = stats::PatternRange::EMPTY;
        for &income in &self.citizens.income[..len] {
            let basket_income = stats::at_least_zero(income * per_price);
            incomes[earning] = basket_income;
            range.include(basket_income);
            earning += usize::from(basket_income > 0.0);
        }
        b.incomes.truncate(earning);
        stats::sort_non_negative_within(&mut b.incomes, &mut b.incomes_scratch, range);
        let all_incomes = stats::ZeroPrefixed { zeros: len - earning, positive: &b.incomes };
        (all_incomes.median(), all_incomes.gini())
    }

    /// Accepted over submitted contributions this month, among living
    /// projects; kept from last month when none were submitted.
    fn tally_acceptance_rate(&mut self) {
        let projects = &self.projects;
        let (mut submitted, mut accepted) = (0u64, 0u64);
        for p in 0..projects.len() {
            if projects.alive[p] {
                submitted += u64::from(projects.submitted[p]);
                accepted += u64::from(projects.accepted[p]);
            }
        }
        if submitted > 0 {
            self.tallies.acceptance_rate = accepted as f64 / submitted as f64;
        }
    }
}
