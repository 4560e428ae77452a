//! Named presets: the four regimes of the essay and the docking case.
//!
//! A regime is nothing but a setting of the policy levers: the same base
//! scenario with different [`Levers`]. A custom scenario with the same lever
//! values runs identically (a test checks it). The lever values are
//! stylised, chosen to express each regime's description in the essay; the
//! ODD (docs/ODD.md) gives the reasoning for each.

use super::{
    Associations, Commons, Cooperation, Households, LegitimacyParams, Levers, Market, Population, Programmes,
    Scenario, ScenarioError,
};
use serde::{Deserialize, Serialize};

/// The four regimes of the essay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Regime {
    WelfareState,
    CorporateWelfare,
    BigSociety,
    PartnerState,
}

impl Regime {
    pub const ALL: [Regime; 4] =
        [Regime::WelfareState, Regime::CorporateWelfare, Regime::BigSociety, Regime::PartnerState];

    /// The preset name, as used in scenario files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Regime::WelfareState => "welfare-state",
            Regime::CorporateWelfare => "corporate-welfare",
            Regime::BigSociety => "big-society",
            Regime::PartnerState => "partner-state",
        }
    }

    /// The regime's lever settings.
    pub fn levers(self) -> Levers {
        match self {
            // Solidarity through means-tested transfers, with overhead,
            // incomplete take-up and conditions that cost claimants time;
            // strong public services; little for the commons.
            Regime::WelfareState => Levers {
                income_tax: 0.35,
                corporate_tax: 0.25,
                basic_security: 0.6,
                means_testing: 1.0,
                take_up: 0.7,
                admin_overhead: 0.15,
                conditionality_hours: 20.0,
                public_services: 0.3,
                infrastructure_grants: 0.05,
                training: 0.05,
                shared_tools: 0.0,
                team_matching: 0.0,
                firm_subsidy: 0.0,
                civic_appeal: 0.0,
            },
            // Low taxes on firms, subsidies that flow to their owners, thin
            // and hard-to-claim transfers.
            Regime::CorporateWelfare => Levers {
                income_tax: 0.25,
                corporate_tax: 0.08,
                basic_security: 0.3,
                means_testing: 1.0,
                take_up: 0.5,
                admin_overhead: 0.2,
                conditionality_hours: 30.0,
                public_services: 0.15,
                infrastructure_grants: 0.0,
                training: 0.02,
                shared_tools: 0.0,
                team_matching: 0.0,
                firm_subsidy: 0.08,
                civic_appeal: 0.0,
            },
            // Transfers and public provision cut, the commons' infrastructure
            // left to itself, and a loud appeal to volunteer.
            Regime::BigSociety => Levers {
                income_tax: 0.3,
                corporate_tax: 0.2,
                basic_security: 0.4,
                means_testing: 1.0,
                take_up: 0.6,
                admin_overhead: 0.15,
                conditionality_hours: 30.0,
                public_services: 0.15,
                infrastructure_grants: 0.0,
                training: 0.02,
                shared_tools: 0.0,
                team_matching: 0.0,
                firm_subsidy: 0.0,
                civic_appeal: 1.0,
            },
            // Commonfare: basic security with low friction (near-universal
            // take-up, no conditions, withdrawn more slowly than a pure
            // top-up), grants to the infrastructure of cooperation, training,
            // shared tools and matching support for citizen teams (Brest),
            // paid for by the highest income tax.
            Regime::PartnerState => Levers {
                income_tax: 0.45,
                corporate_tax: 0.25,
                basic_security: 0.6,
                means_testing: 0.6,
                take_up: 0.95,
                admin_overhead: 0.04,
                conditionality_hours: 0.0,
                public_services: 0.3,
                infrastructure_grants: 0.5,
                training: 0.15,
                shared_tools: 0.5,
                team_matching: 1.0,
                firm_subsidy: 0.0,
                civic_appeal: 0.3,
            },
        }
    }
}

/// A named preset with its plain-language explanation.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// The name used in files, links and on the command line.
    pub name: &'static str,
    /// A title for the page.
    pub title: &'static str,
    /// One line: what it is.
    pub summary: &'static str,
    /// A short paragraph linking the preset to the essay's argument.
    pub explanation: &'static str,
}

/// Every preset, in the order the page and `commons-sim presets` list them.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "welfare-state",
        title: "Welfare state",
        summary: "Means-tested transfers and strong public services; little for the commons.",
        explanation: "The post-war compromise: solidarity through the state. Transfers are means-tested, \
            so some who are eligible never claim, administration costs money, and claimants spend \
            hours meeting conditions. The essay credits its solidarity but finds it paternalistic \
            and blind to precarious knowledge and service workers.",
    },
    Preset {
        name: "corporate-welfare",
        title: "Corporate welfare (neoliberal)",
        summary: "Low taxes and subsidies for firms; thin, hard-to-claim transfers.",
        explanation: "The state that followed the welfare state: it \"only helps the privileged, guts \
            social solidarity mechanisms, and impoverishes the majority\". Subsidies flow to firm \
            owners, corporate taxes are low, transfers are thin and conditional. The essay expects \
            it to lose legitimacy.",
    },
    Preset {
        name: "big-society",
        title: "Big Society cuts",
        summary: "Provision cut under the language of civic action; a loud appeal to volunteer.",
        explanation: "The United Kingdom's Big Society programme: \"a superficially similar language of \
            civic autonomy and action\" used to weaken the welfare state. Transfers and public \
            services are cut, the commons' infrastructure gets nothing, and citizens are urged to \
            volunteer. The essay argues this throws people \"to fend for themselves\".",
    },
    Preset {
        name: "partner-state",
        title: "Partner state (commonfare)",
        summary: "Basic security with low friction plus support for the infrastructure of cooperation.",
        explanation: "The essay's proposal, after Brest: keep solidarity and also enable citizens to \
            create value. Basic security is easy to claim and withdrawn slowly, the state funds the \
            infrastructure commons rest on, trains citizens, lends shared tools and matches what \
            citizen teams raise. It \"transcends and includes the best of the welfare state\".",
    },
    Preset {
        name: "kinetic-exchange",
        title: "Kinetic exchange (docking)",
        summary: "Households exchanging money alone: the Chakraborti–Chakrabarti model.",
        explanation: "No firms, no state, no commons: only random pairwise exchanges in which each \
            household keeps a share λ of its money. Money is conserved exactly; the wealth \
            distribution settles to a known shape (exponential, Gini 1/2, when λ = 0). It checks \
            the household submodel against published results.",
    },
];

/// The scenario of a named preset.
pub fn scenario(name: &str) -> Result<Scenario, ScenarioError> {
    let regime = Regime::ALL.into_iter().find(|r| r.name() == name);
    match (regime, name) {
        (Some(regime), _) => {
            Ok(Scenario { name: name.to_string(), state: regime.levers(), ..Scenario::default() })
        }
        (None, "kinetic-exchange") => Ok(kinetic_exchange()),
        (None, _) => {
            let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
            Err(ScenarioError::new(
                "",
                format!("unknown preset `{name}`; the presets are {}", names.join(", ")),
            ))
        }
    }
}

/// The docking case: the exchange submodel alone, long enough to settle.
/// No firms are founded and nobody contributes, so no other rule moves money.
fn kinetic_exchange() -> Scenario {
    Scenario {
        name: "kinetic-exchange".into(),
        months: 300,
        population: Population { citizens: 5_000, projects: 0, firms: 0, associations: 0 },
        households: Households { saving_propensity: 0.0, exchanges_per_month: 10.0, ..Households::default() },
        cooperation: Cooperation { share_free_riders: 1.0, share_altruists: 0.0, ..Cooperation::default() },
        market: Market { entry_rate: 0.0, ..Market::default() },
        state: Levers::none(),
        ..Scenario::default()
    }
}

impl Levers {
    /// Every lever at zero: no taxes, no transfers, no programmes.
    pub fn none() -> Levers {
        Levers {
            income_tax: 0.0,
            corporate_tax: 0.0,
            basic_security: 0.0,
            means_testing: 0.0,
            take_up: 0.0,
            admin_overhead: 0.0,
            conditionality_hours: 0.0,
            public_services: 0.0,
            infrastructure_grants: 0.0,
            training: 0.0,
            shared_tools: 0.0,
            team_matching: 0.0,
            firm_subsidy: 0.0,
            civic_appeal: 0.0,
        }
    }
}

// The defaults of every parameter. Their meaning, unit, range and source are
// in params.rs (and in the ODD); keep the two together when changing one.

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: Regime::WelfareState.name().into(),
            seed: 1,
            months: 240,
            population: Population::default(),
            households: Households::default(),
            cooperation: Cooperation::default(),
            commons: Commons::default(),
            market: Market::default(),
            associations: Associations::default(),
            programmes: Programmes::default(),
            state: Regime::WelfareState.levers(),
            legitimacy: LegitimacyParams::default(),
            schedule: Vec::new(),
        }
    }
}

impl Default for Population {
    fn default() -> Self {
        Population { citizens: 2_000, projects: 100, firms: 80, associations: 5 }
    }
}

impl Default for Households {
    fn default() -> Self {
        Households {
            initial_money: 100.0,
            saving_propensity: 0.5,
            exchanges_per_month: 0.0,
            consumption_propensity: 0.2,
            time_budget: 250.0,
            work_hours: 180.0,
            max_overwork_hours: 120.0,
            home_production: 0.00625,
            skill_mean: 0.5,
            skill_spread: 0.15,
            skill_obsolescence: 0.002,
            on_the_job_learning: 0.003,
            career_months: 480.0,
            labour_supply_elasticity: 0.25,
        }
    }
}

impl Default for Cooperation {
    fn default() -> Self {
        Cooperation {
            share_free_riders: 0.3,
            share_altruists: 0.15,
            initial_belief: 0.6,
            belief_spread: 0.2,
            conditional_slope: 0.8,
            slope_spread: 0.3,
            belief_update: 0.2,
            min_free_hours: 20.0,
            comfortable_free_hours: 100.0,
            contribution_hours: 10.0,
            zeal_spread: 2.5,
        }
    }
}

impl Default for Commons {
    fn default() -> Self {
        Commons {
            hours_per_contribution: 8.0,
            quality_noise: 0.15,
            review_tolerance: 0.7,
            maintainer_unfairness: 0.05,
            insider_tenure: 12.0,
            learning_by_doing: 0.01,
            talent_spread: 1.0,
            dissatisfaction_decay: 0.3,
            leave_threshold: 3.0,
            merit_grievance: 0.25,
            fork_threshold: 2.0,
            fork_min_group: 3,
            fork_propensity: 0.2,
            fork_lesson: 0.5,
            new_project_chance: 0.03,
            explore_chance: 0.2,
            abandon_months: 24,
            knowledge_depreciation: 0.005,
            infra_base_cost: 0.05,
            infra_cost_per_user: 0.002,
            infra_cost_per_knowledge: 0.0002,
            health_repair: 0.2,
            health_decay: 0.03,
            volunteer_upkeep: 0.006,
            failure_hazard: 0.02,
            failure_loss: 0.3,
            drift_months: 6,
            standard_speed: 0.1,
            fork_health: 0.5,
            degraded_speed: 0.5,
        }
    }
}

impl Default for Market {
    fn default() -> Self {
        Market {
            productivity: 2.6,
            productivity_spread: 0.2,
            returns_to_labour: 0.7,
            reference_labour: 10.0,
            knowledge_elasticity: 0.3,
            knowledge_scale: 200.0,
            projects_per_firm: 2,
            fixed_cost: 1.0,
            wage_flexibility: 0.05,
            target_employment: 0.9,
            hiring_speed: 0.1,
            dividend_payout: 0.8,
            outside_return: 0.1,
            outside_return_spread: 0.5,
            relocation_rate: 0.05,
            entry_rate: 0.5,
            startup_capital: 20.0,
            share_reciprocal_firms: 0.3,
            reciprocity_rate: 0.05,
            paid_contribution_share: 0.1,
            grace_months: 12,
            founder_candidates: 10,
            applicants: 3,
            hiring_threshold: 0.5,
            firing_threshold: 1.0,
            reserve_months: 3.0,
            margin_smoothing: 0.2,
        }
    }
}

impl Default for Associations {
    fn default() -> Self {
        Associations { dues_rate: 0.01, spending_share: 0.9, crowding_out: 0.5, crowding_months: 24.0 }
    }
}

impl Default for Programmes {
    fn default() -> Self {
        Programmes {
            training_cost: 3.0,
            training_gain: 0.1,
            training_hours: 30.0,
            tools_cost: 0.05,
            tools_time_saving: 0.3,
            appeal_effect: 0.1,
            grant_overhead: 0.1,
            grant_capture: 0.3,
            grant_noise: 0.5,
        }
    }
}

impl Default for Levers {
    fn default() -> Self {
        Regime::WelfareState.levers()
    }
}

impl Default for LegitimacyParams {
    fn default() -> Self {
        LegitimacyParams {
            initial_trust: 0.6,
            baseline_trust: 0.8,
            weight_needs: 0.5,
            weight_inequality: 1.0,
            inequality_tolerance: 0.3,
            weight_insecurity: 0.2,
            weight_spending: 0.5,
            trust_speed: 0.05,
            max_tax_evasion: 0.3,
            debt_limit: 1.0,
            state_reserve_months: 3.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_named_after_itself() {
        for preset in PRESETS {
            let scenario = scenario(preset.name).unwrap();
            scenario.validate().unwrap();
            assert_eq!(scenario.name, preset.name);
        }
    }

    #[test]
    fn regimes_differ_only_in_their_levers() {
        let welfare = scenario("welfare-state").unwrap();
        for regime in Regime::ALL {
            let mut other = scenario(regime.name()).unwrap();
            assert_eq!(other.state, regime.levers());
            other.state = welfare.state;
            other.name = welfare.name.clone();
            assert_eq!(other, welfare, "{} differs in more than its levers", regime.name());
        }
    }

    #[test]
    fn unknown_presets_list_the_known_ones() {
        let err = scenario("utopia").unwrap_err();
        assert!(err.message.contains("partner-state") && err.message.contains("kinetic-exchange"));
    }
}
