//! The parameter table: for every numeric field of a scenario, its meaning,
//! unit, allowed range and where its value comes from.
//!
//! One table serves validation (the error names the field and this range),
//! the page's sliders, the command line's `--set` and the documentation; a
//! test checks that every number in a scenario has a row here.

use super::ScenarioError;
use super::error::shown_number;
use serde_json::Value;

/// One parameter of the scenario.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    /// Dotted path in the scenario JSON, e.g. `households.saving_propensity`.
    pub path: &'static str,
    /// A short label for a slider.
    pub label: &'static str,
    /// Unit of the value ("share", "months", "money", ...).
    pub unit: &'static str,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Whether only whole numbers are allowed.
    pub integer: bool,
    /// A key parameter, shown first (the others are "advanced").
    pub key: bool,
    /// What the parameter means, in a sentence.
    pub description: &'static str,
    /// Where the default comes from: a citation or the reasoning.
    pub source: &'static str,
}

impl ParamSpec {
    /// The section of the scenario it belongs to: the first part of its path
    /// ("state", "commons", …), or "run" for top-level fields.
    pub fn section(&self) -> &'static str {
        match self.path.split_once('.') {
            Some((section, _)) => section,
            None => "run",
        }
    }

    const fn key(self) -> Self {
        ParamSpec { key: true, ..self }
    }
}

const fn real(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    (min, max): (f64, f64),
    description: &'static str,
    source: &'static str,
) -> ParamSpec {
    ParamSpec { path, label, unit, min, max, integer: false, key: false, description, source }
}

const fn whole(
    path: &'static str,
    label: &'static str,
    unit: &'static str,
    (min, max): (f64, f64),
    description: &'static str,
    source: &'static str,
) -> ParamSpec {
    ParamSpec { integer: true, ..real(path, label, unit, (min, max), description, source) }
}

const SHARE: (f64, f64) = (0.0, 1.0);
const CALIBRATED: &str =
    "Calibrated so that the model reproduces the patterns of the brief; see docs/ODD.md.";
const STYLISED: &str =
    "Stylised lever value; each regime sets its own (see the preset table in docs/ODD.md).";

/// Every numeric parameter of a scenario.
pub const PARAMS: &[ParamSpec] = &[
    // ── The run ──────────────────────────────────────────────────────────
    // JSON numbers are exact in JavaScript up to 2^53 − 1, so seeds stay below it.
    whole("seed", "Seed", "integer", (0.0, 9_007_199_254_740_991.0),
        "Seed of the model's random generator: the same scenario and seed replay the same run.",
        "Any value; scenarios compared on the same seeds share their random numbers.").key(),
    whole("months", "Months", "months", (1.0, 1_200_000.0),
        "Length of the run; one step is one month.",
        "Twenty years (240 months) by default, as the model brief suggests.").key(),
    // ── Population ───────────────────────────────────────────────────────
    whole("population.citizens", "Citizens", "citizens", (2.0, 200_000.0),
        "Number of citizens (households).",
        "Thousands by default, as the brief asks; 100,000 stays fast.").key(),
    whole("population.projects", "Projects at start", "projects", (0.0, 100_000.0),
        "Commons projects existing at the start; more are founded and forked during the run.",
        "One project per 20 citizens: most projects are small (Krishnamurthy 2002).").key(),
    whole("population.firms", "Firms at start", "firms", (0.0, 50_000.0),
        "Firms existing at the start; firms enter and leave during the run.",
        "About 25 citizens per firm, a typical mean firm size (OECD structural business statistics)."),
    whole("population.associations", "For-benefit associations", "associations", (0.0, 1_000.0),
        "For-benefit associations; each project belongs to one, which funds its infrastructure.",
        "A handful, as foundations such as Apache, Linux or Wikimedia each host many projects."),
    // ── Households ───────────────────────────────────────────────────────
    real("households.initial_money", "Initial money", "money", (1.0, 1.0e6),
        "Money each citizen holds at the start; it sets the scale of every money amount.",
        "An arbitrary unit; 100 by the convention of kinetic exchange models."),
    real("households.saving_propensity", "Saving propensity λ", "share", (0.0, 0.99),
        "Share of its money a household keeps out of each pairwise exchange.",
        "Chakraborti & Chakrabarti (2000); λ = 0 is Dragulescu & Yakovenko (2000). 0.5 in the full model."),
    real("households.exchanges_per_month", "Exchanges per month", "exchanges per citizen per month", (0.0, 1_000.0),
        "Pairwise money exchanges (informal trade, gifts, lending) each citizen takes part in per month.",
        "0 in the full model: random pairwise transfers are not how mutual aid works, so the market economy runs without them; 10 in the docking case, where they are the whole model (Dragulescu & Yakovenko 2000)."),
    real("households.consumption_propensity", "Spending beyond needs", "share of money per month", (0.0, 1.0),
        "Share of the money left after buying basic needs that a household spends each month.",
        "Buffer-stock saving: households spend a fifth of their liquid wealth a month (Carroll 1997, stylised)."),
    real("households.time_budget", "Time budget", "hours per month", (50.0, 500.0),
        "Hours a month a citizen can give to paid work, overwork, claims, training and contributing.",
        "About 8 hours a day beyond sleep, care, chores and travel (time-use surveys, stylised)."),
    real("households.work_hours", "Working hours", "hours per month", (0.0, 400.0),
        "Hours a month an employee or owner would work with no income tax (taxed, they work fewer: see the labour supply elasticity).",
        "About 160 hours a month at the default tax rates (a 37-hour week), so 180 untaxed at ε = 0.25."),
    real("households.max_overwork_hours", "Most overwork", "hours per month", (0.0, 400.0),
        "Most hours a month a citizen will spend in extra work to meet basic needs.",
        "Stylised: up to 30 hours a week of informal or gig work on top of anything else (120 a month), so that overwork can leave needs unmet."),
    real("households.home_production", "Overwork yield", "baskets per hour", (0.0, 1.0),
        "Basic needs one hour of overwork covers (one basket is a month of basic needs).",
        "160 hours of informal work (a full-time month) cover a month of basic needs: the low pay of precarious work."),
    real("households.skill_mean", "Mean skill", "index 0–1", SHARE,
        "Average initial skill of citizens, which sets their wages and the quality of their contributions.",
        "Mid-scale by convention; only differences in skill matter."),
    real("households.skill_spread", "Skill spread", "index 0–1", (0.0, 0.5),
        "Standard deviation of initial skill.",
        CALIBRATED),
    real("households.skill_obsolescence", "Skill obsolescence", "per month", (0.0, 0.1),
        "Share of skill lost each month without training or practice.",
        "Knowledge skills lose about 2% a year (de Grip & van Loo 2002, stylised)."),
    real("households.on_the_job_learning", "Learning at work", "share of skill gap per month", (0.0, 0.1),
        "Share of the gap to full skill an employee or owner closes each month by working (experience).",
        "Earnings rise steeply with experience early in a career (Mincer 1974); 0.003 balances the default obsolescence at about 0.6 skill for a worker who stays employed."),
    real("households.career_months", "Working life", "months", (12.0, 2_400.0),
        "Mean length of a working life: each month one citizen in this many retires and a newcomer with a fresh skill draw takes their place (inheriting their money and any firm).",
        "About 40 years of working life (OECD, Pensions at a Glance 2023: labour-market entry near 20, exit near 64)."),
    real("households.labour_supply_elasticity", "Labour supply elasticity", "elasticity", (0.0, 2.0),
        "Elasticity of hours worked in the net-of-tax rate: employees work work_hours × (1 − income tax)^ε.",
        "The elasticity of taxable income is about 0.12–0.40 in the literature's middle range (Saez, Slemrod & Giertz 2012); 0.25."),
    // ── Cooperation ──────────────────────────────────────────────────────
    real("cooperation.share_free_riders", "Free riders", "share of citizens", SHARE,
        "Citizens who never contribute of their own accord.",
        "About 30% in public-goods experiments (Fischbacher, Gächter & Fehr 2001)."),
    real("cooperation.share_altruists", "Altruists", "share of citizens", SHARE,
        "Citizens who contribute whatever others do; the rest are conditional cooperators.",
        "The intrinsically motivated minority; 15% leaves about 55% conditional cooperators (Fischbacher et al. 2001: 50% plus 14% hump-shaped)."),
    real("cooperation.initial_belief", "Initial belief", "share", SHARE,
        "What conditional cooperators first believe others contribute.",
        "Voluntary contributions start at 40–60% of endowments (Fehr & Gächter 2000)."),
    real("cooperation.belief_spread", "Spread of beliefs", "sd of a share", (0.0, 0.5),
        "Standard deviation of citizens' initial beliefs about how many others contribute (clamped to 0–1).",
        "Beliefs about others' contributions vary widely between subjects (Fischbacher & Gächter 2010); stylised."),
    real("cooperation.conditional_slope", "Conditional slope", "ratio", (0.0, 1.5),
        "How strongly a conditional cooperator matches what others contribute; below 1 means a little less.",
        "Imperfect conditional cooperation drives the decay of contributions (Fischbacher & Gächter 2010)."),
    real("cooperation.slope_spread", "Spread of slopes", "sd of a ratio", (0.0, 1.0),
        "Standard deviation of conditional cooperators' slopes (clamped to 0–1.5).",
        "Conditional cooperators differ in how closely they match others, most below one for one (Fischbacher, Gächter & Fehr 2001); stylised."),
    real("cooperation.belief_update", "Belief update", "share per month", SHARE,
        "Weight of this month's observed participation in a conditional cooperator's belief.",
        "Stylised: beliefs adjust over a few months."),
    real("cooperation.min_free_hours", "Free hours needed", "hours per month", (0.0, 300.0),
        "Below this much free time a citizen does not contribute at all.",
        "Stylised: an evening a week."),
    real("cooperation.comfortable_free_hours", "Comfortable free hours", "hours per month", (1.0, 500.0),
        "Free time at which time no longer limits contributing.",
        "Stylised: about a quarter of waking time."),
    real("cooperation.contribution_hours", "Hours offered", "hours per month", (0.0, 300.0),
        "Hours a month a contributor of typical zeal spends on the commons.",
        "A few hours a week, as surveyed volunteers report (UK Community Life Survey)."),
    real("cooperation.zeal_spread", "Spread of zeal", "log-normal σ", (0.0, 4.0),
        "How unequal citizens are in the intensity of their contributing (σ of a log-normal).",
        "Calibrated to participation inequality: contribution Gini 0.85–0.95 (Ortega et al. 2008; Mockus et al. 2002)."),
    // ── Commons ──────────────────────────────────────────────────────────
    real("commons.hours_per_contribution", "Hours per contribution", "hours", (0.5, 200.0),
        "Time one contribution (a patch, an edit, a design) takes with healthy infrastructure and no shared tools.",
        "Stylised: a working day."),
    real("commons.quality_noise", "Quality noise", "index 0–1", (0.0, 1.0),
        "Spread of a contribution's quality around its author's skill.",
        CALIBRATED),
    real("commons.review_tolerance", "Review tolerance", "standard deviations", (-3.0, 3.0),
        "How far below a project's usual quality maintainers still accept a contribution.",
        "Fair maintainers accept 70–85% of contributions (GitHub pull requests 75–79%, Terrell et al. 2017)."),
    real("commons.maintainer_unfairness", "Maintainer unfairness", "share", SHARE,
        "Chance that maintainers reject a deserving contribution from someone outside their circle.",
        "Stylised lever of the essay's claim 4; 0 is perfectly fair."),
    real("commons.insider_tenure", "Insider tenure", "months", (0.0, 240.0),
        "Months of contributing to a project after which maintainers treat one as an insider.",
        "Stylised: a year."),
    real("commons.learning_by_doing", "Learning by doing", "skill per contribution", (0.0, 0.2),
        "Share of the gap to full skill closed by each accepted contribution.",
        "Stylised."),
    real("commons.talent_spread", "Spread of talent", "log-normal σ", (0.0, 3.0),
        "How much contributors differ in the contributions they complete per hour (σ of a log-normal around 1).",
        "Programmers differ in productivity by ten to one (Sackman, Erikson & Grant 1968); calibrated to participation inequality (Mockus et al. 2002)."),
    real("commons.dissatisfaction_decay", "Grievances fade", "share per month", SHARE,
        "Share of a contributor's dissatisfaction that fades each month.",
        "Stylised: grievances fade over a few months."),
    real("commons.leave_threshold", "Leave at", "dissatisfaction", (0.1, 100.0),
        "Dissatisfaction at which a contributor leaves a project.",
        "Stylised: a few unjust rejections in a row."),
    real("commons.merit_grievance", "Grievance per rejection", "dissatisfaction", (0.0, 10.0),
        "Dissatisfaction a rejection on merit adds; an unjust rejection (a deserving contribution turned away) adds 1.",
        "Stylised: a fair rejection stings a quarter as much as an unfair one."),
    real("commons.fork_threshold", "Ready to fork at", "dissatisfaction", (0.1, 100.0),
        "Dissatisfaction at which a contributor would join a fork.",
        "Stylised; below the threshold for leaving, so a group can fork before it scatters."),
    whole("commons.fork_min_group", "Smallest fork", "contributors", (1.0, 100.0),
        "How many dissatisfied contributors it takes to fork a project together.",
        "Stylised: forks are made by groups (Robles & González-Barahona 2012)."),
    real("commons.fork_propensity", "Fork propensity", "chance per month", SHARE,
        "Chance a month that a large enough dissatisfied group forks.",
        "Stylised: forking is costly and rare (Robles & González-Barahona 2012)."),
    real("commons.fork_lesson", "Lesson of a fork", "share of unfairness", SHARE,
        "Share of their unfairness a project's maintainers shed after a group forks away from them.",
        "The essay: maintainers know unjust decisions lead to a bleeding out or a fork; stylised."),
    real("commons.new_project_chance", "New projects", "chance per choice", SHARE,
        "Chance that a citizen choosing where to contribute founds a new project.",
        "Calibrated to right-skewed project sizes with mode 1 (Krishnamurthy 2002)."),
    real("commons.explore_chance", "Exploration", "chance per choice", SHARE,
        "Chance that a citizen picks a project at random rather than following other contributors.",
        "Calibrated to right-skewed project sizes (Krishnamurthy 2002)."),
    whole("commons.abandon_months", "Abandoned after", "months", (1.0, 600.0),
        "Months without an accepted contribution after which a project is abandoned.",
        "Stylised: two years of silence."),
    real("commons.knowledge_depreciation", "Knowledge decay", "share per month", (0.0, 0.2),
        "Share of a project's knowledge that goes out of date each month without maintenance.",
        "Software and documentation age: about 6% a year (stylised)."),
    real("commons.infra_base_cost", "Infrastructure base cost", "baskets per month", (0.0, 100.0),
        "Monthly infrastructure cost of any living project (hosting, domains, build machines).",
        "Stylised; one basket is a month of a citizen's basic needs."),
    real("commons.infra_cost_per_user", "Cost per user", "baskets per month per user", (0.0, 1.0),
        "Extra infrastructure cost for each person who uses a project (each worker of a firm built on it, each contributor).",
        "Claim 2: every abundance creates its own scarcity; cost grows with use."),
    real("commons.infra_cost_per_knowledge", "Cost per knowledge", "baskets per month per unit", (0.0, 1.0),
        "Extra infrastructure cost for each unit of knowledge a project holds.",
        "Claim 2: bigger commons need more storage, review and build capacity."),
    real("commons.health_repair", "Repair speed", "share per month", SHARE,
        "How fast funded infrastructure recovers toward its funded level.",
        "Stylised: a few months."),
    real("commons.health_decay", "Decay speed", "share per month", SHARE,
        "How fast underfunded infrastructure degrades toward its funded level.",
        "Slow by design: widely used commons run on almost nothing for years (OpenSSL before 2014)."),
    real("commons.volunteer_upkeep", "Volunteer upkeep", "baskets per hour", (0.0, 1.0),
        "Infrastructure need that each hour contributors give to a project covers (volunteer administration).",
        "Stylised: volunteers keep small projects running."),
    real("commons.failure_hazard", "Failure hazard", "chance per month", SHARE,
        "Monthly chance of an infrastructure failure at zero health; it falls with the square of health.",
        "Stylised after Heartbleed (2014): a failure of neglected infrastructure."),
    real("commons.failure_loss", "Failure loss", "share of knowledge", SHARE,
        "Share of a project's knowledge lost or unusable after an infrastructure failure.",
        "Stylised."),
    whole("commons.drift_months", "Drift away after", "months", (1.0, 120.0),
        "Months without submitting after which a contributor drifts away from their project (and no longer counts in its team).",
        "Stylised: half a year; open-source studies count a developer as active within a window of months (e.g. Avelino et al. 2016)."),
    real("commons.standard_speed", "Standard speed", "share per month", SHARE,
        "Share of the gap between a project's quality standard and its submitters' mean skill closed each month.",
        "Stylised: maintainers' expectations adapt over about ten months."),
    real("commons.fork_health", "Fork's starting health", "share of parent's", SHARE,
        "Infrastructure health a fork starts with, as a share of its parent's: it must set up its own.",
        "Stylised: a fork inherits the code, not the servers."),
    real("commons.degraded_speed", "Speed on degraded infrastructure", "share of full speed", (0.05, 1.0),
        "How fast contributing goes on infrastructure of health 0, relative to healthy infrastructure.",
        "Claim 2: unfunded infrastructure makes contributing harder; stylised at half speed."),
    // ── Market ───────────────────────────────────────────────────────────
    real("market.productivity", "Productivity", "baskets per month", (0.0, 1_000.0),
        "Output per unit of skilled labour of a firm of average productivity at the reference size, with no commons knowledge.",
        CALIBRATED),
    real("market.productivity_spread", "Productivity spread", "log-normal σ", (0.0, 2.0),
        "How much firms differ in productivity (σ of a log-normal).",
        "Firm productivity is widely dispersed (Syverson 2011); stylised."),
    real("market.returns_to_labour", "Returns to labour", "elasticity", (0.1, 1.0),
        "Elasticity of a firm's output in its labour; below 1, each worker adds a little less.",
        "Labour share of about two thirds to four fifths (Cobb–Douglas convention)."),
    real("market.reference_labour", "Reference firm size", "units of skilled labour", (0.1, 1_000.0),
        "Skilled labour (skill × share of full hours) at which a firm's output per unit of labour is its productivity: output is A L₀ (labour / L₀)^α.",
        "About twenty workers of mean skill, near the typical firm of the default population (80 firms, 2,000 citizens)."),
    real("market.knowledge_elasticity", "Knowledge elasticity", "ratio", (0.0, 5.0),
        "How strongly usable commons knowledge raises the productivity of the firms that build on it.",
        "Claim 5; stylised: doubling usable knowledge raises productivity by about a fifth at the default."),
    real("market.knowledge_scale", "Knowledge scale", "knowledge units", (0.1, 1.0e6),
        "Usable knowledge at which the productivity gain from the commons starts to matter.",
        "Stylised."),
    whole("market.projects_per_firm", "Projects per firm", "projects", (0.0, 10.0),
        "How many commons projects a firm builds on.",
        "Stylised: firms build on a few open-source dependencies they care about."),
    real("market.fixed_cost", "Fixed cost", "baskets per month", (0.0, 1_000.0),
        "What a firm spends each month whatever its size (rent, equipment), bought from other firms.",
        CALIBRATED),
    real("market.wage_flexibility", "Wage flexibility", "per month", (0.0, 1.0),
        "How fast real wages rise when employment is above its target level and fall when below.",
        "A wage curve (Blanchflower & Oswald 1994), stylised."),
    real("market.target_employment", "Target employment", "share of citizens", SHARE,
        "Employment rate at which real wages neither rise nor fall.",
        "Stylised: about 90% of those seeking work."),
    real("market.hiring_speed", "Hiring speed", "share per month", SHARE,
        "Share of the gap to its profitable size that a firm closes each month.",
        "Stylised."),
    real("market.dividend_payout", "Dividend payout", "share of profit", SHARE,
        "Share of after-tax profit paid to the owner; the rest stays in the firm.",
        "Stylised."),
    real("market.outside_return", "Outside return", "share of revenue", (0.0, 1.0),
        "Mean after-tax profit margin below which a firm considers relocating elsewhere (each firm draws its own; see the mobility spread).",
        "Stylised: the margin capital can earn in other jurisdictions."),
    real("market.outside_return_spread", "Mobility spread", "log-normal σ", (0.0, 2.0),
        "How much owners differ in the margin their capital could earn elsewhere (each firm's outside return is log-normal around the mean, with this σ).",
        "Firms' location responds to taxes gradually, not at one threshold (brief; de Mooij & Ederveen 2003 survey the dispersion of tax effects on location); stylised."),
    real("market.relocation_rate", "Relocation rate", "chance per month", SHARE,
        "Monthly chance that a firm earning no margin at all leaves; a firm short of the outside return by a share of it leaves with that share of this chance.",
        "Stylised."),
    real("market.entry_rate", "Firm entry", "firms per month per 1,000 citizens", (0.0, 100.0),
        "How many firms are founded a month when profits equal the outside return.",
        "Stylised: about 6 new firms a year per 1,000 people (Eurostat business demography)."),
    real("market.startup_capital", "Start-up capital", "baskets", (0.0, 10_000.0),
        "Money a founder puts into a new firm, in months of basic needs.",
        "Stylised."),
    real("market.share_reciprocal_firms", "Reciprocal firms", "share of firms", SHARE,
        "Share of firms that give back to the commons they use.",
        "Claim 5: firms may or may not give back; stylised."),
    real("market.reciprocity_rate", "Give-back rate", "share of profit", SHARE,
        "Share of after-tax profit a reciprocal firm gives to the associations of the projects it uses.",
        "Stylised: a few percent."),
    real("market.paid_contribution_share", "Paid contributors", "share of employees", SHARE,
        "Share of a reciprocal firm's employees whose job includes contributing to its projects (the typical contributor's hours, paid).",
        "Most Linux kernel changes come from paid developers (Corbet & Kroah-Hartman 2017); stylised."),
    whole("market.grace_months", "Grace for new firms", "months", (0.0, 120.0),
        "Months a new firm is given before it may relocate for low margins.",
        "Stylised: a year to break even."),
    whole("market.founder_candidates", "Founder candidates", "citizens", (1.0, 1_000.0),
        "Citizens who consider founding each new firm: the first who can afford the start-up capital does.",
        "Stylised: nascent entrepreneurs are a small share of adults (Global Entrepreneurship Monitor)."),
    whole("market.applicants", "Applicants per vacancy", "citizens", (1.0, 100.0),
        "Unemployed citizens a vacancy sees; the most skilled is hired.",
        "Stylised: a short list of candidates."),
    real("market.hiring_threshold", "Hiring threshold", "workers", (0.0, 10.0),
        "Gap to its profitable size, in typical workers, above which a firm hires.",
        "Stylised: half a worker (hiring has a fixed cost)."),
    real("market.firing_threshold", "Firing threshold", "workers", (0.0, 10.0),
        "Excess over its profitable size, in typical workers, above which a firm lets workers go.",
        "Stylised: one worker; letting go costs more than hiring (employment protection)."),
    real("market.reserve_months", "Firm reserve", "months of costs", (0.0, 24.0),
        "Months of wages and fixed costs a firm keeps before paying out everything beyond as dividends.",
        "Stylised: about a quarter of costs in cash."),
    real("market.margin_smoothing", "Margin smoothing", "weight of this month", (0.01, 1.0),
        "Weight of this month's margin in the smoothed margin firms judge their prospects by.",
        "Stylised: firms look at about the last five months."),
    // ── Associations ─────────────────────────────────────────────────────
    real("associations.dues_rate", "Member dues", "share of income", (0.0, 0.5),
        "Share of income contributors who are not precarious give to their project's association.",
        "Stylised: about 1% of income."),
    real("associations.spending_share", "Association spending", "share of reserve per month", SHARE,
        "Most of its reserve an association spends on its projects' infrastructure in a month.",
        "Stylised: associations keep a reserve of a couple of months."),
    real("associations.crowding_out", "Crowding-out", "share", SHARE,
        "How far voluntary effort for an association (members' dues, firms' gifts, volunteers' upkeep) falls with the share of its income the state provides: effort tends to 1 − this × state share.",
        "Government grants crowd out private giving, mostly through less fundraising (Andreoni & Payne 2011); small on average in the meta-analysis of De Wit & Bekkers 2017; external rewards crowd out intrinsic motivation (Frey & Jegen 2001). 0.5, between the two, set by judgement (see the ODD's calibration); 0 is no crowding-out."),
    real("associations.crowding_months", "Crowding adapts over", "months", (1.0, 240.0),
        "Months over which voluntary effort adapts to the state's share: effort lost to grants comes back only slowly when they stop.",
        "Stylised: two years."),
    // ── Programmes ───────────────────────────────────────────────────────
    real("programmes.training_cost", "Cost of a course", "baskets", (0.0, 1_000.0),
        "What one training course costs the state, in months of basic needs.",
        "Stylised: a short vocational course."),
    real("programmes.training_gain", "Skill gain", "share of gap", SHARE,
        "Share of the gap to full skill a course closes.",
        "Stylised."),
    real("programmes.training_hours", "Hours of a course", "hours", (0.0, 300.0),
        "Time a course takes in the month it is taken.",
        "Stylised: a week of full-time study."),
    real("programmes.tools_cost", "Cost of shared tools", "baskets per contributor per month", (0.0, 100.0),
        "What giving one contributor access to shared tools and spaces costs a month.",
        "Stylised: a share of a makerspace or hackerspace (Brest's lending library of production material)."),
    real("programmes.tools_time_saving", "Time saved by tools", "share of hours", (0.0, 0.95),
        "Share of the time a contribution takes that shared tools save.",
        "Stylised."),
    real("programmes.appeal_effect", "Effect of an appeal", "share", SHARE,
        "By what share a full civic appeal from a fully trusted state raises what conditional cooperators are willing to give (in proportion to what they would give anyway).",
        "Being asked is a main reason people volunteer (Freeman 1997; Bekkers & Wiepking 2011), but a public appeal is weaker than a personal ask, and moral suasion's effect on contributions fades within a few rounds (Dal Bó & Dal Bó 2014): 0.1. It reaches only citizens with free time, as far as they trust the state, and mobilises only where others take part."),
    real("programmes.grant_overhead", "Grant overhead", "share of grants", (0.0, 0.5),
        "Share of infrastructure grants spent on applying for and administering them rather than on infrastructure.",
        "Preparing grant proposals costs applicants weeks of work (Herbert, Barnett & Graves 2013); stylised at a tenth."),
    real("programmes.grant_capture", "Grant capture", "share of grants", SHARE,
        "Share of grants allocated by past grants rather than by need: funding follows past funding.",
        "A Matthew effect in grant funding (Bol, de Vaan & van de Rijt 2018); stylised at 0.3; 0 is allocation by need alone."),
    real("programmes.grant_noise", "Grant misallocation", "log-normal σ", (0.0, 2.0),
        "How poorly the funder sees each project's need: each project's need is seen through a fixed log-normal factor of this σ.",
        "Stylised: funders judge need from applications, not use; 0 is perfect sight."),
    // ── State levers ─────────────────────────────────────────────────────
    real("state.income_tax", "Income tax", "share of income", (0.0, 0.9),
        "Flat tax on wages and dividends.", STYLISED).key(),
    real("state.corporate_tax", "Corporate tax", "share of profit", (0.0, 0.9),
        "Tax on firms' profits.", STYLISED).key(),
    real("state.basic_security", "Basic security", "share of basic needs", (0.0, 2.0),
        "The income the state guarantees, as a share of the cost of basic needs.", STYLISED).key(),
    real("state.means_testing", "Means testing", "withdrawal rate", SHARE,
        "How much of the benefit is withdrawn per unit of own income: 0 is unconditional, 1 a pure top-up.",
        STYLISED).key(),
    real("state.take_up", "Take-up", "share of eligible", SHARE,
        "Share of citizens who claim what they are entitled to (stigma and complexity keep the rest away).",
        "Means-tested benefits are claimed by 60–80% of those eligible (UK DWP take-up statistics).").key(),
    real("state.admin_overhead", "Administrative overhead", "share of transfers", (0.0, 1.0),
        "Cost of administering transfers, as a share of what is paid out.", STYLISED),
    real("state.conditionality_hours", "Conditionality", "hours per month", (0.0, 200.0),
        "Hours a month claimants of means-tested benefits spend meeting conditions.", STYLISED).key(),
    real("state.public_services", "Public services", "share of basic needs", SHARE,
        "Share of every citizen's basic needs the state provides in kind (health, schooling, transport).",
        STYLISED).key(),
    real("state.infrastructure_grants", "Infrastructure grants", "share of need", (0.0, 2.0),
        "Share of the commons' infrastructure need the state funds through the associations.", STYLISED).key(),
    real("state.training", "Training", "share of citizens per year", SHARE,
        "Share of citizens offered a training course each year (Brest's heavy investment in training).",
        STYLISED).key(),
    real("state.shared_tools", "Shared tools", "coverage 0–1", SHARE,
        "Shared production material and spaces open to contributors; it cuts the time a contribution takes.",
        STYLISED).key(),
    real("state.team_matching", "Matching for citizen teams", "money per money of dues", (0.0, 5.0),
        "Money the state adds to each unit citizens give to their associations.", STYLISED).key(),
    real("state.firm_subsidy", "Subsidies to firms", "share of revenue", (0.0, 0.5),
        "Employment subsidy paid to firms as a share of their wage bill: it lowers what hiring costs them, and what they save flows to their owners.", STYLISED).key(),
    real("state.civic_appeal", "Civic appeal", "intensity 0–1", SHARE,
        "An exhortation to volunteer; it costs nothing and nudges what conditional cooperators expect of others.",
        STYLISED).key(),
    // ── Legitimacy ───────────────────────────────────────────────────────
    real("legitimacy.initial_trust", "Initial trust", "index 0–1", SHARE,
        "Each citizen's trust in the state at the start.",
        "About half of OECD citizens trust their government (OECD Trust Survey 2021)."),
    real("legitimacy.baseline_trust", "Trust when all is well", "index 0–1", SHARE,
        "Trust a citizen settles at when needs are met, inequality is tolerable and spending is fair.",
        "Stylised: the most trusting OECD countries reach about 0.8."),
    real("legitimacy.weight_needs", "Weight of unmet needs", "index", (0.0, 5.0),
        "How much a citizen's own unmet needs lower their trust.",
        "Claim 11; stylised."),
    real("legitimacy.weight_inequality", "Weight of inequality", "index", (0.0, 5.0),
        "How much income inequality above the tolerated level lowers everyone's trust.",
        "Claim 11; trust falls with inequality (Uslaner & Brown 2005); stylised."),
    real("legitimacy.inequality_tolerance", "Tolerated inequality", "Gini", SHARE,
        "Income Gini that citizens accept without losing trust.",
        "Stylised: about the Gini of the more equal OECD countries."),
    real("legitimacy.weight_insecurity", "Weight of insecurity", "index", (0.0, 5.0),
        "How much being out of work (neither employed nor owning a firm) lowers a citizen's trust.",
        "Unemployment lowers trust in institutions (e.g. OECD Trust Survey 2021); stylised."),
    real("legitimacy.weight_spending", "Weight of spending not for me", "index", (0.0, 5.0),
        "How much a citizen's trust falls when the state's spending does not reach people like them: by this weight times the share by which what they receive falls short of the spending per head.",
        "Claims 8, 11; universal programmes keep wider support than targeted ones (Korpi & Palme 1998; Rothstein 1998); stylised."),
    real("legitimacy.trust_speed", "Trust speed", "share per month", SHARE,
        "Share of the gap to its target a citizen's trust closes each month.",
        "Stylised: trust moves over years."),
    real("legitimacy.max_tax_evasion", "Most tax evasion", "share of tax", SHARE,
        "Share of tax evaded by a citizen or firm with no trust at all; full trust means none.",
        "Claim 11: legitimacy feeds back into tax compliance; stylised."),
    real("legitimacy.debt_limit", "Debt limit", "multiple of the money stock", (0.0, 10.0),
        "Debt beyond which the state must cut its spending, as a multiple of all the money in the economy (which never changes).",
        "Stylised: at the default the state can owe about as much as households and firms hold; see the ODD for why not years of output."),
    real("legitimacy.state_reserve_months", "State reserve", "months of spending", (0.0, 120.0),
        "Months of its own spending the state keeps before returning any surplus to taxpayers, in proportion to the income tax they paid this month.",
        "An assumption: states do not hoard; see the ODD."),
];

/// The spec for a dotted path, if there is one.
pub fn spec(path: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|p| p.path == path)
}

/// Looks up a dotted path in a JSON value.
pub fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// Checks one value against its spec; `field` is the path to report.
pub fn check(spec: &ParamSpec, field: &str, value: &Value) -> Result<(), ScenarioError> {
    let number = value
        .as_f64()
        .ok_or_else(|| ScenarioError::new(field, format!("must be a number from {}", range(spec))))?;
    if !number.is_finite() || number < spec.min || number > spec.max {
        return Err(ScenarioError::new(
            field,
            format!("{} is out of range; allowed {}", shown_number(number), range(spec)),
        ));
    }
    if spec.integer && number.fract() != 0.0 {
        return Err(ScenarioError::new(
            field,
            format!("{} must be a whole number from {}", shown_number(number), range(spec)),
        ));
    }
    Ok(())
}

/// "0 to 0.99 (share)": the allowed range in words.
pub fn range(spec: &ParamSpec) -> String {
    format!("{} to {} ({})", spec.min, spec.max, spec.unit)
}

/// Checks every parameter of a serialised scenario.
pub fn check_all(scenario: &Value) -> Result<(), ScenarioError> {
    for spec in PARAMS {
        let value = lookup(scenario, spec.path).ok_or_else(|| ScenarioError::new(spec.path, "is missing"))?;
        check(spec, spec.path, value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    /// Every numeric leaf of the default scenario, as dotted paths.
    fn numeric_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    numeric_paths(v, &path, out);
                }
            }
            Value::Number(_) => out.push(prefix.to_string()),
            _ => {}
        }
    }

    #[test]
    fn every_number_in_a_scenario_has_a_documented_range() {
        let value = serde_json::to_value(Scenario::default()).unwrap();
        let mut paths = Vec::new();
        numeric_paths(&value, "", &mut paths);
        for path in &paths {
            assert!(spec(path).is_some(), "{path} has no row in PARAMS");
        }
        assert_eq!(paths.len(), PARAMS.len(), "PARAMS lists a field the scenario lacks");
    }

    #[test]
    fn every_default_lies_in_its_range() {
        let value = serde_json::to_value(Scenario::default()).unwrap();
        check_all(&value).unwrap();
    }

    #[test]
    fn ranges_are_sensible() {
        for p in PARAMS {
            assert!(p.min <= p.max, "{}", p.path);
            assert!(!p.description.is_empty() && !p.source.is_empty(), "{}", p.path);
        }
    }
}
