//! Firms leaving and firms being founded.

use crate::model::Model;
use crate::model::citizens::{NONE, flags};
use crate::model::num::Bounds;

/// Months a new firm is given before it may relocate for low margins.
const GRACE_MONTHS: u32 = 12;

impl Model {
    /// Exit and entry: a firm that cannot pay its wages closes, and one that
    /// earns less than capital earns elsewhere may relocate; its money goes
    /// to its owner and its employees lose their jobs. New firms are founded
    /// by citizens who can afford the start-up capital, at a rate that rises
    /// with the margins firms earn (claims 5, 8).
    pub(in crate::model) fn close_and_open_firms(&mut self) {
        let market = &self.scenario.market;
        let (outside, relocation) = (market.outside_return, market.relocation_rate);
        let mut closed = false;
        for f in 0..self.firms.len() {
            if !self.firms.alive[f] {
                continue;
            }
            let bankrupt = self.market.open && !self.firms.paid_in_full[f];
            let relocates = self.firms.age[f] > GRACE_MONTHS
                && self.firms.margin[f] < outside
                && self.rng.chance(relocation);
            if bankrupt || relocates {
                self.firms.close(f);
                let owner = self.firms.owner[f] as usize;
                let money = self.firms.money[f];
                self.firms.money[f] = 0.0;
                self.citizens.money[owner] += money;
                self.citizens.owned_firm[owner] = NONE;
                self.citizens.flags[owner] &= !flags::OWNER;
                closed = true;
            }
        }
        if closed {
            for i in 0..self.citizens.len() {
                let employer = self.citizens.employer[i];
                if employer != NONE && !self.firms.alive[employer as usize] {
                    self.citizens.employer[i] = NONE;
                    self.citizens.flags[i] &= !flags::EMPLOYED;
                }
            }
            if self.firms.len() > 2 * self.firms.alive_count() + 16 {
                self.compact_firms();
            }
        }
        self.open_firms();
    }

    fn open_firms(&mut self) {
        let market = &self.scenario.market;
        let attractiveness = self.firm_attractiveness();
        let expected = market.entry_rate * self.citizens.len() as f64 / 1000.0 * attractiveness;
        let capital = market.startup_capital * self.market.price;
        let (sigma, reciprocal_share, outside) =
            (market.productivity_spread, market.share_reciprocal_firms, market.outside_return);
        let n = self.citizens.len();
        let founders = self.rng.poisson(expected);
        if founders == 0 {
            return;
        }
        let mut cumulative = std::mem::take(&mut self.scratch);
        self.projects.cumulative_usable(&mut cumulative);
        for _ in 0..founders {
            // A few citizens consider it; the first who can afford it founds the firm.
            let founder = (0..10)
                .map(|_| self.rng.below(n))
                .find(|&i| self.citizens.owned_firm[i] == NONE && self.citizens.money[i] >= capital);
            let Some(founder) = founder else { continue };
            let base = self.rng.lognormal(-0.5 * sigma * sigma, sigma);
            let projects = self.pick_projects_for_firm(&cumulative);
            let reciprocal = self.rng.chance(reciprocal_share);
            self.citizens.money[founder] -= capital;
            let id = self.firms.push(founder as u32, base, projects, reciprocal, capital, outside);
            self.citizens.owned_firm[founder] = id;
            self.citizens.flags[founder] |= flags::OWNER;
            if self.citizens.employer[founder] != NONE {
                self.citizens.employer[founder] = NONE;
                self.citizens.flags[founder] &= !flags::EMPLOYED;
            }
        }
        self.scratch = cumulative;
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

    /// Drops closed firms and renumbers employers and owners.
    fn compact_firms(&mut self) {
        let map = self.firms.compact();
        for id in self.citizens.employer.iter_mut().chain(self.citizens.owned_firm.iter_mut()) {
            if *id != NONE {
                *id = map[*id as usize];
            }
        }
    }
}
