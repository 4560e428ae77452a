//! Contributing to the commons: who, where, how much, and the maintainers' review.

use crate::model::Model;
use crate::model::citizens::{Kind, NONE, flags};
use crate::model::num::Bounds;
use crate::model::prefetch;
use crate::model::projects::draw_unfairness;
use crate::model::rng::whole_power;

/// Months without submitting after which a contributor drifts away from their project.
const DRIFT_AWAY_MONTHS: u32 = 6;

/// Weight of this month's submitters in a project's quality standard.
const STANDARD_UPDATE: f64 = 0.1;

impl Model {
    /// Distribution of tasks: each citizen decides from their own free time
    /// whether to contribute — altruists always would, free riders never,
    /// conditional cooperators as much as they believe others do — and where,
    /// seeing what projects others work on; employees of reciprocal firms also
    /// contribute in paid time. Dues go to the project's association (claims 3, 5, 6).
    pub(in crate::model) fn contribute_to_the_commons(&mut self) {
        self.projects.reset_contributions();
        for a in 0..self.associations.len() {
            self.associations.members[a] = 0;
            self.associations.dues[a] = 0.0;
        }
        self.tallies.fork_candidates.clear();
        self.tallies.contributors_next.clear();

        let households = self.scenario.households;
        let cooperation = self.scenario.cooperation;
        let commons = self.scenario.commons;
        let levers = self.state.levers;
        let (time_budget, work_hours) = (households.time_budget, households.work_hours);
        let observed = self.tallies.contributors_share;
        let free_span = cooperation.comfortable_free_hours - cooperation.min_free_hours;
        let claim_hours = levers.conditionality_hours;
        let training_hours = self.scenario.programmes.training_hours;
        let keep_grievance = 1.0 - commons.dissatisfaction_decay;
        let paid_share = self.scenario.market.paid_contribution_share;
        let dues_rate = self.scenario.associations.dues_rate;
        let tools_cover = levers.shared_tools * self.state.spending_scale;
        let mut contributors = 0u32;
        let mut tools_users = 0u32;
        let (mut conditional_willing, mut conditional_count) = (0.0, 0u32);
        let appeal = levers.civic_appeal * self.scenario.programmes.appeal_effect;

        let hint = prefetch::worthwhile(self.citizens.len());
        for i in 0..self.citizens.len() {
            if hint && prefetch::starts_line(i) {
                self.citizens.prefetch_for_contributing(i + prefetch::AHEAD);
            }
            let kind = self.citizens.kind[i];
            if kind == Kind::FreeRider && self.citizens.employer[i] == NONE {
                // Neither willing nor paid to contribute: only what changes
                // is touched (the same as the full path would do).
                if self.citizens.flags[i] & flags::CONTRIBUTING != 0 {
                    self.citizens.flags[i] &= !flags::CONTRIBUTING;
                }
                if self.citizens.dissatisfaction[i] != 0.0 {
                    self.citizens.dissatisfaction[i] *= keep_grievance;
                }
                if self.citizens.project[i] != NONE {
                    self.idle_month(i);
                }
                continue;
            }
            self.citizens.flags[i] &= !flags::CONTRIBUTING;
            self.citizens.dissatisfaction[i] *= keep_grievance;
            // Every citizen's belief about others follows what they saw,
            // though only conditional cooperators act on it: computing it for
            // all, and counting conditional cooperators by arithmetic, keeps
            // a branch on each citizen's kind (random, so often mispredicted)
            // off this path; only the final choice of willingness depends on it.
            let belief = &mut self.citizens.belief[i];
            if let Some(observed) = observed {
                *belief += cooperation.belief_update * (observed - *belief);
            }
            let willing = conditional_willingness(cooperation.conditional_slope, *belief, appeal);
            let conditional = kind == Kind::Conditional;
            conditional_willing += willing * f64::from(u8::from(conditional));
            conditional_count += u32::from(conditional);
            let willingness = if conditional {
                willing
            } else if kind == Kind::Altruist {
                1.0
            } else {
                0.0
            };
            let employed = self.citizens.employer[i] != NONE;
            // Paid contribution: reciprocal employers have some of their staff
            // contribute to their projects in working time.
            let mut paid_project = NONE;
            if employed && self.citizens.job_draw[i] < paid_share {
                let f = self.citizens.employer[i] as usize;
                if self.firms.reciprocal[f] {
                    paid_project = self
                        .firms
                        .projects_of(f)
                        .find(|&p| self.projects.alive[p])
                        .map_or(NONE, |p| p as u32);
                }
            }
            let (volunteers, free, time_factor, zeal) = if willingness > 0.0 {
                let citizen_flags = self.citizens.flags[i];
                let working = employed || self.citizens.owned_firm[i] != NONE;
                let mut busy = self.citizens.overwork[i];
                if working {
                    busy += work_hours;
                }
                if citizen_flags & flags::CLAIMING != 0 {
                    busy += claim_hours;
                }
                if citizen_flags & flags::TRAINING != 0 {
                    busy += training_hours;
                }
                let free = (time_budget - busy).at_least(0.0);
                let time_factor = ((free - cooperation.min_free_hours) / free_span).clamp(0.0, 1.0);
                // Zeal sets how often, as well as how much, a citizen
                // contributes: a few nearly every month, most now and then.
                let zeal = self.citizens.zeal[i];
                let chance = willingness * time_factor * self.citizens.zeal_frequency[i];
                (chance > 0.0 && self.rng.chance(chance), free, time_factor, zeal)
            } else {
                (false, 0.0, 0.0, 0.0)
            };
            if !volunteers && paid_project == NONE {
                self.idle_month(i);
                continue;
            }
            let citizen_flags = self.citizens.flags[i];

            let has_tools = self.citizens.tools_draw[i] < tools_cover;
            let mut submitted_any = false;
            if volunteers {
                let project = match self.citizens.project[i] {
                    p if p != NONE && self.projects.alive[p as usize] => Some(p),
                    _ => self.choose_project(i),
                };
                if let Some(p) = project {
                    let hours = (cooperation.contribution_hours * zeal * time_factor).at_most(free);
                    submitted_any |= self.submit_contributions(i, p as usize, hours, has_tools);
                    self.tallies.contributors_next.push(i as u32);
                    self.citizens.tenure[i] += 1.0;
                    // Members who can afford it pay dues to the project's association.
                    if citizen_flags & flags::PRECARIOUS == 0 && self.citizens.kind[i] != Kind::FreeRider {
                        let a = self.projects.association[p as usize] as usize;
                        let dues = dues_rate * self.citizens.income[i].at_least(0.0);
                        let dues = dues.at_most(self.citizens.money[i].at_least(0.0));
                        self.citizens.money[i] -= dues;
                        self.associations.money[a] += dues;
                        self.associations.dues[a] += dues;
                        self.associations.members[a] += 1;
                    }
                }
            }
            if paid_project != NONE {
                let hours = cooperation.contribution_hours;
                submitted_any |= self.submit_contributions(i, paid_project as usize, hours, has_tools);
            }
            if submitted_any {
                self.citizens.flags[i] |= flags::CONTRIBUTING;
                self.citizens.idle_months[i] = 0;
                contributors += 1;
                tools_users += u32::from(has_tools);
            } else {
                self.citizens.idle_months[i] += 1;
            }

            // Grievances: the dissatisfied stand ready to fork together; those
            // who find no group to fork with and are fed up leave after the
            // forks are decided (see `fork_projects`).
            let project = self.citizens.project[i];
            if project != NONE && self.citizens.dissatisfaction[i] > commons.fork_threshold {
                self.tallies.fork_candidates.push((project, i as u32));
            }
        }
        std::mem::swap(&mut self.tallies.contributors, &mut self.tallies.contributors_next);
        let n = self.citizens.len().max(1) as f64;
        self.tallies.contributors_share = Some(contributors as f64 / n);
        self.tallies.conditional_willingness =
            if conditional_count > 0 { conditional_willing / f64::from(conditional_count) } else { 0.0 };
        self.tallies.tools_users = tools_users;
    }

    /// A month without contributing: after a while, a citizen drifts away
    /// from their project.
    fn idle_month(&mut self, i: usize) {
        self.citizens.idle_months[i] += 1;
        if self.citizens.idle_months[i] > DRIFT_AWAY_MONTHS {
            self.citizens.project[i] = NONE;
            self.citizens.tenure[i] = 0.0;
        }
    }

    /// Where a citizen contributes: now and then a project of their own,
    /// sometimes one picked at random, and mostly the project of someone who
    /// contributed last month — which is how a few projects grow large while
    /// most stay small (claim 3).
    fn choose_project(&mut self, i: usize) -> Option<u32> {
        let commons = &self.scenario.commons;
        let draw = self.rng.uniform();
        let chosen = if draw < commons.new_project_chance || self.projects.alive_count() == 0 {
            self.found_project(i)
        } else if draw < commons.new_project_chance + commons.explore_chance
            || self.tallies.contributors.is_empty()
        {
            self.random_alive_project()
        } else {
            let leader = self.tallies.contributors[self.rng.below(self.tallies.contributors.len())] as usize;
            match self.citizens.project[leader] {
                p if p != NONE && self.projects.alive[p as usize] => Some(p),
                _ => self.random_alive_project(),
            }
        };
        if let Some(p) = chosen {
            self.citizens.project[i] = p;
            self.citizens.tenure[i] = 0.0;
        }
        chosen
    }

    /// A citizen founds a project, hosted by a random association; they are
    /// its first maintainer (claim 3: participation is open, without permission).
    fn found_project(&mut self, i: usize) -> Option<u32> {
        let associations = self.associations.len();
        if associations == 0 {
            return None;
        }
        let association = self.rng.below(associations) as u32;
        let unfairness = draw_unfairness(&self.scenario, &mut self.rng);
        let skill = self.citizens.skill[i];
        let p = self.projects.push(0.0, 0.0, 1.0, NONE, association, unfairness, skill);
        self.citizens.tenure[i] = self.scenario.commons.insider_tenure;
        Some(p)
    }

    /// Review on merit: the citizen submits as many contributions as their
    /// hours allow (fewer when infrastructure is degraded, more with shared
    /// tools); maintainers accept those good enough for the project's
    /// standard, and turn some deserving ones away from outsiders as unfair
    /// as they are; rejections breed dissatisfaction (claims 2, 4, 10).
    /// Returns whether anything was submitted.
    fn submit_contributions(&mut self, i: usize, p: usize, hours: f64, has_tools: bool) -> bool {
        // The project's columns are read and written below, between draws
        // that depend on each other: fetched together now, not one by one.
        self.projects.prefetch_for_review(p);
        let commons = &self.scenario.commons;
        let saving = if has_tools { self.scenario.programmes.tools_time_saving } else { 0.0 };
        // Degraded infrastructure slows contributing down; shared tools and
        // talent speed it up.
        let infrastructure = 0.5 + 0.5 * self.projects.health[p];
        let hours_each =
            commons.hours_per_contribution * (1.0 - saving) / (infrastructure * self.citizens.talent[i]);
        let submitted = self.rng.poisson(hours / hours_each);
        self.projects.hours[p] += hours;
        if submitted == 0 {
            return false;
        }
        let skill = self.citizens.skill[i];
        let merit_chance = if commons.quality_noise > 0.0 {
            normal_cdf((skill - self.projects.standard[p]) / commons.quality_noise + commons.review_tolerance)
        } else if skill >= self.projects.standard[p] {
            1.0
        } else {
            0.0
        };
        let deserving = self.rng.binomial(submitted, merit_chance);
        let insider =
            self.citizens.tenure[i] >= commons.insider_tenure && self.citizens.project[i] == p as u32;
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
        self.projects.contributors[p] += 1;
        self.projects.submitted[p] += submitted;
        self.projects.accepted[p] += accepted;
        self.projects.skill_sum[p] += skill * submitted as f64;
        true
    }

    /// Each project's quality standard drifts toward the skill of those who
    /// submit to it: maintainers expect what their contributors usually deliver.
    pub(in crate::model) fn update_standards(&mut self) {
        for p in 0..self.projects.len() {
            if self.projects.submitted[p] > 0 {
                let mean = self.projects.skill_sum[p] / self.projects.submitted[p] as f64;
                self.projects.standard[p] += STANDARD_UPDATE * (mean - self.projects.standard[p]);
            }
        }
    }
}

/// How much of their capacity a conditional cooperator would give: as much
/// as they believe others give (times their slope), nudged by a civic appeal
/// (Fischbacher, Gächter & Fehr 2001).
pub(in crate::model) fn conditional_willingness(slope: f64, belief: f64, appeal: f64) -> f64 {
    (slope * (belief + appeal)).clamp(0.0, 1.0)
}

/// The standard normal distribution function, Φ(x), from libm's erfc.
fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

#[cfg(test)]
mod tests {
    use super::normal_cdf;

    #[test]
    fn normal_cdf_matches_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-12);
        assert!((normal_cdf(0.8) - 0.788_144_6).abs() < 1e-6);
        assert!((normal_cdf(-1.959_964) - 0.025).abs() < 1e-6);
    }
}
