//! The outcomes the model records every month, and their names.
//!
//! These names are the project's shared vocabulary: the page's charts, the
//! command line's CSV columns and every export use exactly them, in this order.

/// One outcome series. The discriminant is its column in an [`OutcomeRow`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    CommonsKnowledge,
    ContributorsShare,
    MarketOutput,
    MedianIncome,
    GiniWealth,
    GiniIncome,
    PrecarityRate,
    InfrastructureHealth,
    ProjectsAlive,
    ForksTotal,
    AcceptanceRate,
    ContributionGini,
    FirmsAlive,
    StateBalance,
    Legitimacy,
    EmploymentRate,
    UnmetNeedsRate,
    TopContributorsShare,
    ProjectSizeMedian,
    ProjectSizeMean,
    InfrastructureFailures,
    StateDebt,
    WealthVarianceRatio,
    ConditionalCooperation,
    CommonsKnowledgeStock,
}

/// The chart panel an outcome belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// Commons and participation.
    Commons,
    /// Market and income.
    Market,
    /// Inequality and precarity.
    Inequality,
    /// Infrastructure, legitimacy and forks.
    Institutions,
}

impl Panel {
    pub const ALL: [Panel; 4] = [Panel::Commons, Panel::Market, Panel::Inequality, Panel::Institutions];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Commons => "Commons and participation",
            Panel::Market => "Market and income",
            Panel::Inequality => "Inequality and precarity",
            Panel::Institutions => "Infrastructure, legitimacy and forks",
        }
    }
}

/// Number of outcomes.
pub const COUNT: usize = 25;

/// One month's value of every outcome, indexed by `Outcome as usize`.
pub type OutcomeRow = [f64; COUNT];

impl Outcome {
    /// Every outcome, in column order.
    pub const ALL: [Outcome; COUNT] = [
        Outcome::CommonsKnowledge,
        Outcome::ContributorsShare,
        Outcome::MarketOutput,
        Outcome::MedianIncome,
        Outcome::GiniWealth,
        Outcome::GiniIncome,
        Outcome::PrecarityRate,
        Outcome::InfrastructureHealth,
        Outcome::ProjectsAlive,
        Outcome::ForksTotal,
        Outcome::AcceptanceRate,
        Outcome::ContributionGini,
        Outcome::FirmsAlive,
        Outcome::StateBalance,
        Outcome::Legitimacy,
        Outcome::EmploymentRate,
        Outcome::UnmetNeedsRate,
        Outcome::TopContributorsShare,
        Outcome::ProjectSizeMedian,
        Outcome::ProjectSizeMean,
        Outcome::InfrastructureFailures,
        Outcome::StateDebt,
        Outcome::WealthVarianceRatio,
        Outcome::ConditionalCooperation,
        Outcome::CommonsKnowledgeStock,
    ];

    /// The column name used everywhere (CSV headers, the page, exports).
    pub fn name(self) -> &'static str {
        self.meta().0
    }

    /// A short human label for chart legends.
    pub fn label(self) -> &'static str {
        self.meta().1
    }

    /// The unit of the value.
    pub fn unit(self) -> &'static str {
        self.meta().2
    }

    /// Which chart panel shows it.
    pub fn panel(self) -> Panel {
        self.meta().3
    }

    /// What it measures and how it is computed.
    pub fn description(self) -> &'static str {
        self.meta().4
    }

    /// Whether the value is a share or index bounded by [0, 1].
    pub fn is_unit_interval(self) -> bool {
        matches!(
            self,
            Outcome::ContributorsShare
                | Outcome::GiniWealth
                | Outcome::GiniIncome
                | Outcome::PrecarityRate
                | Outcome::InfrastructureHealth
                | Outcome::AcceptanceRate
                | Outcome::ContributionGini
                | Outcome::Legitimacy
                | Outcome::EmploymentRate
                | Outcome::UnmetNeedsRate
                | Outcome::TopContributorsShare
                | Outcome::ConditionalCooperation
        )
    }

    /// Finds an outcome by its column name.
    pub fn from_name(name: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.name() == name)
    }

    fn meta(self) -> (&'static str, &'static str, &'static str, Panel, &'static str) {
        use Panel::*;
        match self {
            Outcome::CommonsKnowledge => (
                "commons_knowledge",
                "Commons knowledge (usable)",
                "knowledge units",
                Commons,
                "Derived: the knowledge stock of each living project weighted by its infrastructure health (commons_knowledge_stock × health, project by project); knowledge a fork copied is counted once.",
            ),
            Outcome::ContributorsShare => (
                "contributors_share",
                "Citizens contributing",
                "share of citizens",
                Commons,
                "Share of citizens who submitted at least one contribution this month.",
            ),
            Outcome::MarketOutput => (
                "market_output",
                "Market output",
                "goods per citizen per month",
                Market,
                "Real output of all firms this month, per citizen.",
            ),
            Outcome::MedianIncome => (
                "median_income",
                "Median income",
                "baskets per month",
                Market,
                "Median over citizens of this month's income from every source, after tax, in baskets (a basket is a month of basic needs at this month's price).",
            ),
            Outcome::GiniWealth => (
                "gini_wealth",
                "Gini of wealth",
                "index 0–1",
                Inequality,
                "Gini coefficient of citizens' wealth (money plus the money of the firms they own).",
            ),
            Outcome::GiniIncome => (
                "gini_income",
                "Gini of income",
                "index 0–1",
                Inequality,
                "Gini coefficient of citizens' income this month.",
            ),
            Outcome::PrecarityRate => (
                "precarity_rate",
                "In precarity",
                "share of citizens",
                Inequality,
                "Share of citizens whose basic needs went unmet or were met only by overwork this month.",
            ),
            Outcome::InfrastructureHealth => (
                "infrastructure_health",
                "Infrastructure health",
                "index 0–1",
                Institutions,
                "Mean infrastructure health of living projects, weighted by their knowledge.",
            ),
            Outcome::ProjectsAlive => (
                "projects_alive",
                "Projects alive",
                "projects",
                Commons,
                "Number of projects that are not abandoned.",
            ),
            Outcome::ForksTotal => (
                "forks_total",
                "Forks so far",
                "forks",
                Institutions,
                "Number of forks since the start of the run.",
            ),
            Outcome::AcceptanceRate => (
                "acceptance_rate",
                "Contributions accepted",
                "share of contributions",
                Commons,
                "Share of this month's contributions that maintainers accepted.",
            ),
            Outcome::ContributionGini => (
                "contribution_gini",
                "Gini of contributions",
                "index 0–1",
                Inequality,
                "Gini coefficient of accepted contributions since the start, among citizens with at least one.",
            ),
            Outcome::FirmsAlive => {
                ("firms_alive", "Firms alive", "firms", Market, "Number of firms operating.")
            }
            Outcome::StateBalance => (
                "state_balance",
                "State budget balance",
                "share of market output",
                Institutions,
                "State revenue minus spending this month, as a share of this month's nominal market output.",
            ),
            Outcome::Legitimacy => (
                "legitimacy",
                "Legitimacy of the state",
                "index 0–1",
                Institutions,
                "Mean trust of citizens in the state.",
            ),
            Outcome::EmploymentRate => (
                "employment_rate",
                "Employed",
                "share of citizens who own no firm",
                Market,
                "Share of citizens who do not own a firm that have a job this month.",
            ),
            Outcome::UnmetNeedsRate => (
                "unmet_needs_rate",
                "Needs unmet",
                "share of citizens",
                Inequality,
                "Share of citizens whose basic needs went unmet even after overwork this month.",
            ),
            Outcome::TopContributorsShare => (
                "top5_contribution_share",
                "Share of the top 5% of contributors",
                "share of accepted contributions",
                Commons,
                "Share of all accepted contributions since the start made by the top 5% of contributors.",
            ),
            Outcome::ProjectSizeMedian => (
                "project_size_median",
                "Median project team",
                "regular contributors",
                Commons,
                "Median team among projects with a team: a project's team is the citizens who contributed to it within the last commons.drift_months months (regular contributors over a window, as Krishnamurthy 2002 counts a project's developers).",
            ),
            Outcome::ProjectSizeMean => (
                "project_size_mean",
                "Mean project team",
                "regular contributors",
                Commons,
                "Mean team among projects with a team (a team as for the median).",
            ),
            Outcome::InfrastructureFailures => (
                "infrastructure_failures",
                "Infrastructure failures so far",
                "failures",
                Institutions,
                "Number of infrastructure failures (each losing part of a project's knowledge) since the start.",
            ),
            Outcome::StateDebt => (
                "state_debt",
                "State debt",
                "multiple of the money stock",
                Institutions,
                "The state's debt (its negative money) as a multiple of all the money in the economy, which never changes.",
            ),
            Outcome::WealthVarianceRatio => (
                "wealth_variance_ratio",
                "Variance of wealth / mean²",
                "ratio",
                Inequality,
                "Variance of citizens' wealth divided by its squared mean: 1 for an exponential distribution.",
            ),
            Outcome::ConditionalCooperation => (
                "conditional_cooperation",
                "Conditional cooperators' willingness",
                "share of capacity",
                Commons,
                "Mean willingness of conditional cooperators to contribute (their slope times their belief about others, plus the appeal as far as they trust the state), before time limits.",
            ),
            Outcome::CommonsKnowledgeStock => (
                "commons_knowledge_stock",
                "Commons knowledge (stock)",
                "knowledge units",
                Commons,
                "Knowledge in living projects, whatever the state of their infrastructure; knowledge a fork copied is counted once.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_order_matches_discriminants_and_names_are_unique() {
        for (i, outcome) in Outcome::ALL.into_iter().enumerate() {
            assert_eq!(outcome as usize, i);
            assert_eq!(Outcome::from_name(outcome.name()), Some(outcome));
        }
    }

    #[test]
    fn every_panel_has_outcomes() {
        for panel in Panel::ALL {
            assert!(Outcome::ALL.iter().any(|o| o.panel() == panel), "{panel:?}");
        }
    }
}
