//! Contributing to the commons: who, where, how much, and the maintainers' review.

use crate::model::Model;
use crate::model::citizens::{Kind, flags};
use crate::model::ids::ProjectId;
use crate::model::kernels::{self, CountedSum, ReadAhead, write_if_changed};
use crate::model::num::Bounds;
use crate::model::projects::NewProject;
use crate::model::rng::whole_power;
use crate::scenario::Scenario;

/// What this month's contributing decisions share: the scenario's
/// parameters and the levers, read once.
struct ContributingMonth {
    /// Share of others last seen contributing (none before the first month).
    observed: Option<f64>,
    belief_update: f64,
    /// A full appeal's effect on willingness, from a fully trusted state.
    appeal: f64,
    keep_grievance: f64,
    fork_threshold: f64,
    time_budget: f64,
    work_hours: f64,
    claim_hours: f64,
    training_hours: f64,
    min_free_hours: f64,
    free_span: f64,
    contribution_hours: f64,
    paid_share: f64,
    dues_rate: f64,
    tools_cover: f64,
}

/// A volunteer's time this month.
#[derive(Clone, Copy)]
struct Time {
    /// Free hours left after work, claims, training and overwork.
    free: f64,
    /// How far free time allows contributing, 0–1.
    time_factor: f64,
}

/// What the month's contributing adds up to.
#[derive(Default)]
struct ContributingTally {
    contributors: u32,
    tools_users: u32,
    conditional: CountedSum,
}

impl Model {
    /// Distribution of tasks: each citizen decides from their own free time
    /// whether to contribute — altruists always would, free riders never,
    /// conditional cooperators as much as they believe others do — and where,
    /// seeing what projects others work on; employees of reciprocal firms also
    /// contribute in paid time. Dues go to the project's association (claims 3, 5, 6).
    pub(in crate::model) fn contribute_to_the_commons(&mut self) {
        self.open_contributing_month();
        let month = self.contributing_month();
        let mut tally = ContributingTally::default();
        kernels::for_each_citizen(self, ReadAhead::Contributing, |model, i| {
            model.contribute_or_idle(i, &month, &mut tally);
        });
        std::mem::swap(&mut self.tallies.contributors, &mut self.tallies.contributors_next);
        let n = self.citizens.len().max(1) as f64;
        self.tallies.contributors_share = Some(f64::from(tally.contributors) / n);
        self.tallies.conditional_willingness = tally.conditional.mean();
        self.tallies.tools_users = tally.tools_users;
    }

    /// Clears the month's contribution counters, dues and lists.
    fn open_contributing_month(&mut self) {
        self.projects.clear_monthly();
        self.associations.members.fill(0);
        self.associations.dues.fill(0.0);
        self.tallies.fork_candidates.clear();
        self.tallies.contributors_next.clear();
    }

    fn contributing_month(&self) -> ContributingMonth {
        let s = &self.scenario;
        let (cooperation, levers) = (&s.cooperation, &self.state.levers);
        ContributingMonth {
            observed: self.tallies.contributors_share,
            belief_update: cooperation.belief_update,
            appeal: levers.civic_appeal * s.programmes.appeal_effect,
            keep_grievance: 1.0 - s.commons.dissatisfaction_decay,
            fork_threshold: s.commons.fork_threshold,
            time_budget: s.households.time_budget,
            work_hours: s.households.work_hours * self.market.hours_share,
            claim_hours: levers.conditionality_hours,
            training_hours: s.programmes.training_hours,
            min_free_hours: cooperation.min_free_hours,
            free_span: cooperation.comfortable_free_hours - cooperation.min_free_hours,
            contribution_hours: cooperation.contribution_hours,
            paid_share: s.market.paid_contribution_share,
            dues_rate: s.associations.dues_rate,
            tools_cover: levers.shared_tools * self.state.spending_scale,
        }
    }

    /// One citizen's month: grievances fade, beliefs follow what others did,
    /// and the citizen volunteers, contributes in paid time, or neither.
    fn contribute_or_idle(&mut self, i: usize, month: &ContributingMonth, tally: &mut ContributingTally) {
        let kind = self.citizens.kind[i];
        if kind == Kind::FreeRider && self.citizens.employer[i].is_none() {
            self.sit_out(i, month);
            return;
        }
        self.citizens.flags[i] &= !flags::CONTRIBUTING;
        self.citizens.dissatisfaction[i] *= month.keep_grievance;
        // Everyone's belief about others follows what they saw, though only
        // conditional cooperators act on it.
        let belief = &mut self.citizens.belief[i];
        if let Some(observed) = month.observed {
            *belief += month.belief_update * (observed - *belief);
        }
        // An appeal is heard as far as its speaker is trusted.
        let appeal = month.appeal * self.citizens.trust[i];
        let conditional = conditional_willingness(self.citizens.slope[i], *belief, appeal);
        tally.conditional.add_where(kind == Kind::Conditional, conditional);
        let intrinsic = match kind {
            Kind::Conditional => conditional,
            Kind::Altruist => 1.0,
            Kind::FreeRider => 0.0,
        };
        // Where the state pays for a project's upkeep, its volunteers give
        // less of their own time: motivation crowding (Frey & Jegen 2001).
        let willingness = intrinsic * self.voluntary_effort_around(i);
        let paid_project = self.paid_contribution_project(i, month);
        let volunteering =
            if willingness > 0.0 { self.volunteering_time(i, willingness, month) } else { None };
        if volunteering.is_none() && paid_project.is_none() {
            self.idle_month(i);
            return;
        }
        let has_tools = self.citizens.tools_draw[i] < month.tools_cover;
        let mut submitted = false;
        if let Some(time) = volunteering {
            submitted |= self.volunteer(i, time, has_tools, month);
        }
        if let Some(p) = paid_project {
            submitted |= self.submit_contributions(i, p, month.contribution_hours, has_tools);
        }
        if submitted {
            self.citizens.flags[i] |= flags::CONTRIBUTING;
            self.citizens.idle_months[i] = 0;
            tally.contributors += 1;
            tally.tools_users += u32::from(has_tools);
        } else {
            self.citizens.idle_months[i] += 1;
        }
        // The dissatisfied stand ready to fork together; those who find no
        // group to fork with and are fed up leave (see `fork_projects`).
        if let Some(p) = self.citizens.project[i]
            && self.citizens.dissatisfaction[i] > month.fork_threshold
        {
            self.tallies.fork_candidates.push((p, i as u32));
        }
    }

    /// A free rider with no employer to pay them for it contributes nothing:
    /// their month is only grievances fading (and drifting from a project,
    /// should they have one). The full path would also move their belief
    /// about others and count an idle month; neither can matter, because a
    /// citizen's kind never changes and a free rider never acts on beliefs,
    /// and the idle count only decides drifting from a project, which a free
    /// rider never joins (only volunteers choose one).
    fn sit_out(&mut self, i: usize, month: &ContributingMonth) {
        let c = &mut self.citizens;
        let (bits, grievance) =
            (c.flags[i] & !flags::CONTRIBUTING, c.dissatisfaction[i] * month.keep_grievance);
        write_if_changed(&mut c.flags[i], bits);
        write_if_changed(&mut c.dissatisfaction[i], grievance);
        if c.project[i].is_some() {
            self.idle_month(i);
        }
    }

    /// The voluntary effort of the association hosting citizen `i`'s
    /// project (1 when they have none yet).
    fn voluntary_effort_around(&self, i: usize) -> f64 {
        match self.citizens.project[i] {
            Some(p) if self.projects.alive[p.index()] => {
                let a = self.projects.association[p.index()] as usize;
                self.associations.effort.get(a).copied().unwrap_or(1.0)
            }
            _ => 1.0,
        }
    }

    /// Paid contribution: reciprocal employers have some of their staff
    /// contribute to the firm's first living project in working time.
    fn paid_contribution_project(&self, i: usize, month: &ContributingMonth) -> Option<usize> {
        let f = self.citizens.employer[i]?.index();
        if self.citizens.job_draw[i] >= month.paid_share || !self.firms.reciprocal[f] {
            return None;
        }
        self.firms.projects_of(f).find(|&p| self.projects.alive[p])
    }

    /// Whether a citizen with this willingness volunteers this month, and
    /// with what time: free time beyond work, claims, training and overwork
    /// sets how much, and zeal how often (a few nearly every month, most now
    /// and then).
    fn volunteering_time(&mut self, i: usize, willingness: f64, month: &ContributingMonth) -> Option<Time> {
        let c = &self.citizens;
        let working = c.employer[i].is_some() || c.owned_firm[i].is_some();
        let citizen_flags = c.flags[i];
        let mut busy = c.overwork[i];
        if working {
            busy += month.work_hours;
        }
        if citizen_flags & flags::CLAIMING != 0 {
            busy += month.claim_hours;
        }
        if citizen_flags & flags::TRAINING != 0 {
            busy += month.training_hours;
        }
        let free = (month.time_budget - busy).at_least(0.0);
        let time_factor = ((free - month.min_free_hours) / month.free_span).clamp(0.0, 1.0);
        let chance = willingness * time_factor * c.zeal_frequency[i];
        (chance > 0.0 && self.rng.chance(chance)).then_some(Time { free, time_factor })
    }

    /// A volunteer contributes to their project, or chooses one; the hours
    /// they give grow with their zeal. Members who can afford it pay dues to
    /// the project's association. Returns whether anything was submitted.
    fn volunteer(&mut self, i: usize, time: Time, has_tools: bool, month: &ContributingMonth) -> bool {
        let citizen_flags = self.citizens.flags[i];
        let current = self.citizens.project[i];
        let project = if self.projects.lives(current) { current } else { self.choose_project(i) };
        let Some(p) = project.map(ProjectId::index) else { return false };
        let hours = (month.contribution_hours * self.citizens.zeal[i] * time.time_factor).at_most(time.free);
        let submitted = self.submit_contributions(i, p, hours, has_tools);
        self.tallies.contributors_next.push(i as u32);
        self.citizens.tenure[i] += 1.0;
        if citizen_flags & flags::PRECARIOUS == 0 && self.citizens.kind[i] != Kind::FreeRider {
            let a = self.projects.association[p] as usize;
            self.pay_dues(i, a, month.dues_rate * self.associations.effort[a]);
        }
        submitted
    }

    /// A member pays the dues rate of their income to an association, as far
    /// as their money goes.
    fn pay_dues(&mut self, i: usize, a: usize, rate: f64) {
        let dues =
            (rate * self.citizens.income[i].at_least(0.0)).at_most(self.citizens.money[i].at_least(0.0));
        self.citizens.money[i] -= dues;
        self.associations.money[a] += dues;
        self.associations.dues[a] += dues;
        self.associations.voluntary[a] += dues;
        self.associations.members[a] += 1;
    }

    /// A month without contributing: after a while, a citizen drifts away
    /// from their project.
    fn idle_month(&mut self, i: usize) {
        self.citizens.idle_months[i] += 1;
        if self.citizens.idle_months[i] > self.scenario.commons.drift_months {
            self.citizens.project[i] = None;
            self.citizens.tenure[i] = 0.0;
        }
    }

    /// Where a citizen contributes: now and then a project of their own,
    /// sometimes one picked at random, and mostly the project of someone who
    /// contributed last month — which is how a few projects grow large while
    /// most stay small (claim 3).
    fn choose_project(&mut self, i: usize) -> Option<ProjectId> {
        let commons = &self.scenario.commons;
        let (found_chance, explore_chance) = (commons.new_project_chance, commons.explore_chance);
        let founder_tenure = commons.insider_tenure;
        let draw = self.rng.uniform();
        // A founder maintains their project from the start; a joiner must
        // earn their tenure.
        let (chosen, tenure) = if draw < found_chance || self.projects.alive_count() == 0 {
            (self.found_project(i), founder_tenure)
        } else if draw < found_chance + explore_chance || self.tallies.contributors.is_empty() {
            (self.random_alive_project(), 0.0)
        } else {
            let leader = self.tallies.contributors[self.rng.below(self.tallies.contributors.len())] as usize;
            match self.citizens.project[leader] {
                p if self.projects.lives(p) => (p, 0.0),
                _ => (self.random_alive_project(), 0.0),
            }
        };
        if chosen.is_some() {
            self.citizens.project[i] = chosen;
            self.citizens.tenure[i] = tenure;
        }
        chosen
    }

    /// A citizen founds a project, hosted by a random association; they are
    /// its first maintainer (claim 3: participation is open, without permission).
    fn found_project(&mut self, i: usize) -> Option<ProjectId> {
        let associations = self.associations.len();
        if associations == 0 {
            return None;
        }
        let association = self.rng.below(associations) as u32;
        let unfairness = self.draw_unfairness();
        let standard = self.citizens.skill[i];
        let visibility = self.draw_visibility();
        Some(self.projects.push(NewProject::founded(0.0, association, unfairness, standard, visibility)))
    }

    /// A uniformly random living project, if any.
    pub(in crate::model) fn random_alive_project(&mut self) -> Option<ProjectId> {
        if self.projects.is_empty() {
            return None;
        }
        // Compaction keeps at least half the slots alive, so this rarely loops.
        for _ in 0..64 {
            let p = self.rng.below(self.projects.len());
            if self.projects.alive[p] {
                return Some(ProjectId::new(p));
            }
        }
        self.projects.alive.iter().position(|&a| a).map(ProjectId::new)
    }

    /// How the state's funder will see a new project's need (see [`visibility_draw`]).
    pub(in crate::model) fn draw_visibility(&mut self) -> f64 {
        visibility_draw(&self.scenario, &mut self.rng)
    }

    /// A new project's maintainer unfairness (see [`unfairness_draw`]).
    pub(in crate::model) fn draw_unfairness(&mut self) -> f64 {
        unfairness_draw(&self.scenario, &mut self.rng)
    }

    /// Review on merit: the citizen submits as many contributions as their
    /// hours allow (fewer when infrastructure is degraded, more with shared
    /// tools and talent); maintainers accept those good enough for the
    /// project's standard, and turn some deserving ones away from outsiders
    /// as unfair as they are; rejections breed dissatisfaction, acceptances
    /// teach (claims 2, 4, 10). Returns whether anything was submitted.
    fn submit_contributions(&mut self, i: usize, p: usize, hours: f64, has_tools: bool) -> bool {
        kernels::expect_review(&self.projects, p);
        let commons = &self.scenario.commons;
        let saving = if has_tools { self.scenario.programmes.tools_time_saving } else { 0.0 };
        let hours_each = hours_per_contribution(
            commons.hours_per_contribution,
            saving,
            commons.degraded_speed,
            self.projects.health[p],
            self.citizens.talent[i],
        );
        let submitted = self.rng.poisson(hours / hours_each);
        self.projects.hours[p] += hours;
        if submitted == 0 {
            return false;
        }
        let skill = self.citizens.skill[i];
        let merit =
            merit_chance(skill, self.projects.standard[p], commons.quality_noise, commons.review_tolerance);
        let deserving = self.rng.binomial(submitted, merit);
        let insider = self.citizens.tenure[i] >= commons.insider_tenure
            && self.citizens.project[i] == Some(ProjectId::new(p));
        let unjust = if insider { 0 } else { self.rng.binomial(deserving, self.projects.unfairness[p]) };
        let accepted = deserving - unjust;
        self.citizens.dissatisfaction[i] +=
            unjust as f64 + commons.merit_grievance * (submitted - deserving) as f64;
        self.citizens.accepted_total[i] += accepted as f64;
        let skill_mean = self.scenario.households.skill_mean.at_least(0.05);
        self.projects.own[p] += accepted as f64 * skill / skill_mean;
        // Learning by doing: each accepted contribution closes part of the skill gap.
        let learning = 1.0 - whole_power(1.0 - commons.learning_by_doing, accepted);
        self.citizens.skill[i] += learning * (1.0 - skill);
        let projects = &mut self.projects;
        projects.contributors[p] += 1;
        projects.submitted[p] += submitted;
        projects.accepted[p] += accepted;
        projects.skill_sum[p] += skill * submitted as f64;
        true
    }

    /// Each project's quality standard drifts toward the skill of those who
    /// submit to it: maintainers expect what their contributors usually deliver.
    pub(in crate::model) fn update_standards(&mut self) {
        let speed = self.scenario.commons.standard_speed;
        let projects = &mut self.projects;
        for p in 0..projects.len() {
            if projects.submitted[p] > 0 {
                let mean = projects.skill_sum[p] / f64::from(projects.submitted[p]);
                projects.standard[p] += speed * (mean - projects.standard[p]);
            }
        }
    }
}

/// How much of their capacity a conditional cooperator would give: as much
/// as they believe others give, times their slope (Fischbacher, Gächter &
/// Fehr 2001), raised by a civic appeal in proportion: an appeal mobilises
/// where others are seen to take part, and adds little where nobody does.
pub(in crate::model) fn conditional_willingness(slope: f64, belief: f64, appeal: f64) -> f64 {
    (slope * belief * (1.0 + appeal)).clamp(0.0, 1.0)
}

/// Hours one contribution takes: the scenario's hours, less what shared
/// tools save, slower on degraded infrastructure (at `degraded_speed` of
/// full speed at health 0) and faster for the talented.
#[inline]
fn hours_per_contribution(
    hours: f64,
    tools_saving: f64,
    degraded_speed: f64,
    health: f64,
    talent: f64,
) -> f64 {
    let infrastructure = degraded_speed + (1.0 - degraded_speed) * health;
    hours * (1.0 - tools_saving) / (infrastructure * talent)
}

/// The chance a contribution is good enough for a project's standard:
/// quality is the contributor's skill plus normal noise, judged with some
/// tolerance; without noise, skill alone decides.
#[inline]
fn merit_chance(skill: f64, standard: f64, noise: f64, tolerance: f64) -> f64 {
    if noise > 0.0 {
        normal_cdf((skill - standard) / noise + tolerance)
    } else if skill >= standard {
        1.0
    } else {
        0.0
    }
}

/// A project's maintainer unfairness: the scenario's level, varying between
/// projects (log-normal, σ = 0.5, mean 1), capped at 1.
pub(in crate::model) fn unfairness_draw(scenario: &Scenario, rng: &mut crate::model::rng::SimRng) -> f64 {
    (scenario.commons.maintainer_unfairness * rng.lognormal(-0.125, 0.5)).at_most(1.0)
}

/// How the state's funder sees a project's need: a fixed log-normal factor
/// with mean 1 and the scenario's σ (1 exactly when σ is 0).
pub(in crate::model) fn visibility_draw(scenario: &Scenario, rng: &mut crate::model::rng::SimRng) -> f64 {
    let sigma = scenario.programmes.grant_noise;
    if sigma > 0.0 { rng.lognormal(-0.5 * sigma * sigma, sigma) } else { 1.0 }
}

/// The standard normal distribution function, Φ(x), from libm's erfc.
fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-12);
        assert!((normal_cdf(0.8) - 0.788_144_6).abs() < 1e-6);
        assert!((normal_cdf(-1.959_964) - 0.025).abs() < 1e-6);
    }

    #[test]
    fn willingness_follows_belief_and_stays_a_share() {
        assert!((conditional_willingness(0.8, 0.5, 0.0) - 0.4).abs() < 1e-12);
        assert!(
            (conditional_willingness(0.8, 0.5, 0.25) - 0.5).abs() < 1e-12,
            "an appeal raises it in proportion"
        );
        assert_eq!(
            conditional_willingness(0.8, 0.0, 1.0),
            0.0,
            "an appeal mobilises nobody where nobody takes part"
        );
        assert_eq!(conditional_willingness(2.0, 0.9, 0.5), 1.0);
    }

    #[test]
    fn degraded_infrastructure_and_no_tools_slow_contributing() {
        let healthy = hours_per_contribution(10.0, 0.0, 0.5, 1.0, 1.0);
        let degraded = hours_per_contribution(10.0, 0.0, 0.5, 0.0, 1.0);
        let tooled = hours_per_contribution(10.0, 0.3, 0.5, 1.0, 1.0);
        assert_eq!(
            hours_per_contribution(10.0, 0.0, 1.0, 0.0, 1.0),
            10.0,
            "no slowdown at full degraded speed"
        );
        assert_eq!(healthy, 10.0);
        assert_eq!(degraded, 20.0);
        assert!(tooled < healthy);
    }

    #[test]
    fn skill_above_the_standard_is_more_likely_accepted() {
        assert!(merit_chance(0.8, 0.5, 0.2, 0.0) > merit_chance(0.4, 0.5, 0.2, 0.0));
        assert_eq!(merit_chance(0.5, 0.5, 0.0, 0.0), 1.0);
        assert_eq!(merit_chance(0.4, 0.5, 0.0, 0.0), 0.0);
    }
}
