//! Firms leaving and firms being founded.

use crate::model::Model;
use crate::model::citizens::flags;
use crate::model::firms::{MAX_PROJECTS, NewFirm, ProjectSlots};
use crate::model::ids::{FirmId, ProjectId};
use crate::model::num::Bounds;

impl Model {
    /// Exit: a firm that cannot pay its wages closes, and one that earns
    /// less than its owner's capital could earn elsewhere may relocate, the
    /// more likely the further it falls short — and owners differ in how
    /// footloose they are — so that taxes drive firms away gradually rather
    /// than at a threshold; its money goes to its owner and its
    /// employees lose their jobs (claims 5, 8).
    pub(in crate::model) fn close_firms(&mut self) {
        let market = &self.scenario.market;
        let (relocation, grace) = (market.relocation_rate, market.grace_months);
        let mut closed = false;
        for f in 0..self.firms.len() {
            if !self.firms.alive[f] {
                continue;
            }
            let bankrupt = self.market.open && !self.firms.paid_in_full[f];
            let outside = self.firms.outside_return[f];
            let relocates = self.firms.age[f] > grace
                && self.firms.margin[f] < outside
                && self.rng.chance(relocation_chance(self.firms.margin[f], outside, relocation));
            if bankrupt || relocates {
                self.close_firm(f);
                closed = true;
            }
        }
        if closed {
            for i in 0..self.citizens.len() {
                if self.citizens.employer[i].is_some_and(|f| !self.firms.alive[f.index()]) {
                    self.citizens.employer[i] = None;
                    self.citizens.flags[i] &= !flags::EMPLOYED;
                }
            }
            if self.firms.len() > 2 * self.firms.alive_count() + 16 {
                self.compact_firms();
            }
        }
    }

    /// Firm `f` closes: its owner takes its money.
    fn close_firm(&mut self, f: usize) {
        self.firms.remove(f);
        let owner = self.firms.owner[f] as usize;
        self.citizens.money[owner] += self.firms.money[f];
        self.firms.money[f] = 0.0;
        self.citizens.owned_firm[owner] = None;
        self.citizens.flags[owner] &= !flags::OWNER;
    }

    /// Entry: new firms are founded by citizens who can afford the start-up
    /// capital, at a rate that rises with the margins firms earn; each
    /// builds on projects picked for their usable knowledge (claims 5, 8).
    pub(in crate::model) fn open_firms(&mut self) {
        let market = &self.scenario.market;
        let expected = market.entry_rate * self.citizens.len() as f64 / 1000.0 * self.firm_attractiveness();
        let capital = market.startup_capital * self.market.price;
        let founders = self.rng.poisson(expected);
        if founders == 0 {
            return;
        }
        let mut cumulative = std::mem::take(&mut self.scratch);
        self.projects.cumulative_usable(&mut cumulative);
        for _ in 0..founders {
            let n = self.citizens.len();
            let founder = (0..self.scenario.market.founder_candidates)
                .map(|_| self.rng.below(n))
                .find(|&i| self.citizens.owned_firm[i].is_none() && self.citizens.money[i] >= capital);
            let Some(founder) = founder else { continue };
            self.citizens.money[founder] -= capital;
            self.found_firm(founder, capital, &cumulative);
            if self.citizens.employer[founder].take().is_some() {
                self.citizens.flags[founder] &= !flags::EMPLOYED;
            }
        }
        self.scratch = cumulative;
    }

    /// Citizen `owner` founds a firm with `money`: a productivity of its own,
    /// the projects it builds on and whether it gives back are drawn.
    pub(in crate::model) fn found_firm(&mut self, owner: usize, money: f64, cumulative_usable: &[f64]) {
        let market = &self.scenario.market;
        let sigma = market.productivity_spread;
        let (reciprocal_share, margin) = (market.share_reciprocal_firms, market.outside_return);
        let base_productivity = self.rng.lognormal(-0.5 * sigma * sigma, sigma);
        // Owners differ in where else their capital could go: some are
        // rooted, some footloose, so taxes drive firms out one by one.
        let mobility = market.outside_return_spread;
        let outside_return = market.outside_return * self.rng.lognormal(-0.5 * mobility * mobility, mobility);
        let projects = self.pick_projects_for_firm(cumulative_usable);
        let reciprocal = self.rng.chance(reciprocal_share);
        let firm = NewFirm {
            owner: owner as u32,
            base_productivity,
            projects,
            reciprocal,
            money,
            margin,
            outside_return,
        };
        self.citizens.owned_firm[owner] = Some(self.firms.push(firm));
        self.citizens.flags[owner] |= flags::OWNER;
    }

    /// How attractive founding a firm looks: the revenue-weighted after-tax
    /// margin of existing firms relative to the outside return (1 with no
    /// firms to judge by), between 0 and 3.
    fn firm_attractiveness(&self) -> f64 {
        let (mut weighted, mut revenue) = (0.0, 0.0);
        for f in 0..self.firms.len() {
            if self.firms.alive[f] && self.firms.revenue[f] > 0.0 {
                weighted += self.firms.margin[f] * self.firms.revenue[f];
                revenue += self.firms.revenue[f];
            }
        }
        let outside = self.scenario.market.outside_return.at_least(1e-6);
        if revenue > 0.0 { (weighted / revenue / outside).clamp(0.0, 3.0) } else { 1.0 }
    }

    /// Up to `projects_per_firm` distinct living projects, chosen with
    /// probability proportional to their usable knowledge (firms build on
    /// what is useful), or uniformly when no knowledge is usable yet.
    /// `cumulative` holds each project's running total of usable knowledge
    /// ([`Projects::cumulative_usable`](crate::model::projects::Projects::cumulative_usable)),
    /// so that a pick is a binary search rather than a walk over every project.
    pub(in crate::model) fn pick_projects_for_firm(&mut self, cumulative: &[f64]) -> ProjectSlots {
        let mut chosen = [None; MAX_PROJECTS];
        let wanted = (self.scenario.market.projects_per_firm as usize).min(MAX_PROJECTS);
        let total = cumulative.last().copied().unwrap_or(0.0);
        let alive = self.projects.alive_count();
        let (mut count, mut tries) = (0, 0);
        while count < wanted.min(alive) && tries < 8 * MAX_PROJECTS {
            tries += 1;
            let pick = if total > 0.0 {
                // The first project whose running total passes the target:
                // each is picked with chance usable / total (dead ones, with
                // nothing usable, never).
                let target = self.rng.uniform() * total;
                let p = cumulative.partition_point(|&sum| sum <= target);
                (p < cumulative.len()).then(|| ProjectId::new(p))
            } else {
                self.random_alive_project()
            };
            if pick.is_some() && !chosen[..count].contains(&pick) {
                chosen[count] = pick;
                count += 1;
            }
        }
        chosen
    }

    /// Drops closed firms and renumbers employers and owners.
    fn compact_firms(&mut self) {
        let map = self.firms.compact();
        for id in self.citizens.employer.iter_mut().chain(self.citizens.owned_firm.iter_mut()) {
            *id = id.and_then(|f: FirmId| map[f.index()]);
        }
    }
}

/// The monthly chance a firm with smoothed margin `margin` relocates: the
/// full `rate` at a margin of zero or less, none at the outside return, and
/// in proportion to the shortfall between.
#[inline]
pub(in crate::model) fn relocation_chance(margin: f64, outside: f64, rate: f64) -> f64 {
    if outside <= 0.0 {
        return if margin < outside { rate } else { 0.0 };
    }
    rate * ((outside - margin) / outside).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::relocation_chance;

    #[test]
    fn firms_leave_more_often_the_further_their_margin_falls_short() {
        assert_eq!(relocation_chance(0.1, 0.1, 0.05), 0.0);
        assert_eq!(relocation_chance(-0.3, 0.1, 0.05), 0.05);
        let (near, far) = (relocation_chance(0.08, 0.1, 0.05), relocation_chance(0.02, 0.1, 0.05));
        assert!(0.0 < near && near < far && far < 0.05, "{near} {far}");
    }
}
