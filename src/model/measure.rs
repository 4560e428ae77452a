//! Measuring the month's outcomes from the agents' state.

use super::Model;
use super::citizens::{Kind, NONE, flags};
use super::stats;
use crate::outcomes::{COUNT, Outcome, OutcomeRow};

impl Model {
    /// Every outcome of this month (see `outcomes.rs` for what each means).
    /// Legitimacy is filled in after trust is updated.
    pub(super) fn measure(&mut self) -> OutcomeRow {
        let mut row = [0.0; COUNT];
        let mut set = |outcome: Outcome, value: f64| row[outcome as usize] = value;
        let n = self.citizens.len().max(1) as f64;
        let (mut contributing, mut precarious, mut unmet) = (0usize, 0usize, 0usize);
        for &f in &self.citizens.flags {
            contributing += usize::from(f & flags::CONTRIBUTING != 0);
            precarious += usize::from(f & flags::PRECARIOUS != 0);
            unmet += usize::from(f & flags::UNMET != 0);
        }
        set(Outcome::ContributorsShare, contributing as f64 / n);
        set(Outcome::PrecarityRate, precarious as f64 / n);
        set(Outcome::UnmetNeedsRate, unmet as f64 / n);
        set(Outcome::MarketOutput, self.market.output / n);
        set(Outcome::EmploymentRate, self.market.employment_rate);
        set(Outcome::FirmsAlive, self.firms.alive_count() as f64);
        set(Outcome::ForksTotal, self.tallies.forks_total as f64);
        set(Outcome::InfrastructureFailures, self.tallies.failures_total as f64);

        // The commons: knowledge counted once (a fork's inherited knowledge
        // is its living parent's), weighted by infrastructure health.
        let (mut knowledge, mut weighted_health, mut weight, mut submitted, mut accepted) =
            (0.0, 0.0, 0.0, 0u64, 0u64);
        let mut alive = 0;
        for p in 0..self.projects.len() {
            if self.projects.alive[p] {
                alive += 1;
                knowledge += self.projects.own[p] * self.projects.health[p];
                let size = self.projects.own[p] + self.projects.inherited[p];
                weighted_health += size * self.projects.health[p];
                weight += size;
                submitted += u64::from(self.projects.submitted[p]);
                accepted += u64::from(self.projects.accepted[p]);
            }
        }
        set(Outcome::CommonsKnowledge, knowledge);
        set(Outcome::ProjectsAlive, alive as f64);
        set(Outcome::InfrastructureHealth, if weight > 0.0 { weighted_health / weight } else { 0.0 });
        if submitted > 0 {
            self.tallies.acceptance_rate = accepted as f64 / submitted as f64;
        }
        set(Outcome::AcceptanceRate, self.tallies.acceptance_rate);

        // Project teams: among projects with at least one contributor.
        self.scratch.clear();
        for p in 0..self.projects.len() {
            if self.projects.alive[p] && self.projects.contributors[p] > 0 {
                self.scratch.push(f64::from(self.projects.contributors[p]));
            }
        }
        let (mean_team, _) = stats::mean_variance(&self.scratch);
        set(Outcome::ProjectSizeMean, mean_team);
        set(Outcome::ProjectSizeMedian, stats::median(&mut self.scratch));

        // Contributions among those who ever had one accepted.
        self.scratch.clear();
        self.scratch.extend(self.citizens.accepted_total.iter().copied().filter(|&a| a > 0.0));
        stats::sort_non_negative(&mut self.scratch, &mut self.sort_buffer);
        set(Outcome::ContributionGini, stats::gini_of_sorted(&self.scratch));
        set(Outcome::TopContributorsShare, stats::top_share_of_sorted(&self.scratch, 0.05));

        // Income, in baskets, so that runs with different price levels compare.
        let price = if self.market.price > 0.0 { self.market.price } else { 1.0 };
        self.scratch.clear();
        self.scratch.extend(self.citizens.income.iter().map(|&y| y / price));
        stats::sort_non_negative(&mut self.scratch, &mut self.sort_buffer);
        set(Outcome::MedianIncome, stats::median_of_sorted(&self.scratch));
        set(Outcome::GiniIncome, stats::gini_of_sorted(&self.scratch));

        // Wealth: money, plus the money of the firm a citizen owns.
        self.scratch.clear();
        for i in 0..self.citizens.len() {
            let firm = self.citizens.owned_firm[i];
            let equity = if firm != NONE { self.firms.money[firm as usize].max(0.0) } else { 0.0 };
            self.scratch.push(self.citizens.money[i].max(0.0) + equity);
        }
        let (mean_wealth, var_wealth) = stats::mean_variance(&self.scratch);
        set(
            Outcome::WealthVarianceRatio,
            if mean_wealth > 0.0 { var_wealth / (mean_wealth * mean_wealth) } else { 0.0 },
        );
        stats::sort_non_negative(&mut self.scratch, &mut self.sort_buffer);
        set(Outcome::GiniWealth, stats::gini_of_sorted(&self.scratch));

        // The state's books, relative to the size of the economy.
        let nominal = self.market.nominal_output;
        let balance = self.state.revenue - self.state.spending.total();
        set(Outcome::StateBalance, if nominal > 0.0 { balance / nominal } else { 0.0 });
        let debt = if self.state.money < 0.0 { -self.state.money } else { 0.0 };
        set(Outcome::StateDebt, if self.money_stock > 0.0 { debt / self.money_stock } else { 0.0 });
        set(Outcome::Legitimacy, self.state.legitimacy);

        let (mut willing, mut conditional) = (0.0, 0usize);
        for i in 0..self.citizens.len() {
            if self.citizens.kind[i] == Kind::Conditional {
                willing += self.conditional_willingness(i);
                conditional += 1;
            }
        }
        set(
            Outcome::ConditionalCooperation,
            if conditional > 0 { willing / conditional as f64 } else { 0.0 },
        );
        // One zero: `max` and `min` may return either −0 or +0 for a signed
        // pair, and native code and wasm choose differently. Adding +0 makes
        // every zero +0, so exports match byte for byte on every platform.
        row.map(|value| value + 0.0)
    }
}
