//! Basic needs, and the overwork precarity forces.

use crate::model::Model;
use crate::model::citizens::flags;
use crate::model::num::Bounds;

/// A shortfall smaller than this (in baskets) is not felt: households round
/// their budgets, and prices move a little between planning and buying.
const NOTICEABLE_SHORTFALL: f64 = 0.02;

/// How a household met its basic needs this month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(in crate::model) struct Needs {
    /// Hours of overwork (home production) spent making up a shortfall.
    pub overwork: f64,
    /// Precarious: needs met only by overwork, or not at all.
    pub precarious: bool,
    /// Needs unmet even after overwork.
    pub unmet: bool,
}

impl Model {
    /// Basic needs: what a household bought plus what public services
    /// provide in kind; a shortfall is made up by overwork at a low yield,
    /// and what overwork cannot cover goes unmet. Either way the citizen is
    /// precarious, and overwork eats the free time contributing needs
    /// (claims 7, 9).
    pub(in crate::model) fn meet_basic_needs(&mut self) {
        let households = &self.scenario.households;
        let (max_hours, yield_per_hour) = (households.max_overwork_hours, households.home_production);
        let (price, services, open) = (self.market.price, self.market.services_share, self.market.open);
        // The household submodel alone has no goods at all: nothing to assess.
        // An economy whose firms have all gone has goods nobody makes, and
        // every household must fend for itself.
        let has_goods_market = self.scenario.population.firms > 0 || self.scenario.market.entry_rate > 0.0;
        let c = &mut self.citizens;
        for ((bits, overwork), &spending) in c.flags.iter_mut().zip(c.overwork.iter_mut()).zip(&c.spending) {
            let shortfall = if has_goods_market {
                let bought = if open { spending / price } else { 0.0 };
                1.0 - bought - services
            } else {
                0.0
            };
            let needs = make_up_shortfall(shortfall, yield_per_hour, max_hours);
            *overwork = needs.overwork;
            let mut citizen_flags = *bits & !(flags::PRECARIOUS | flags::UNMET);
            citizen_flags |= if needs.precarious { flags::PRECARIOUS } else { 0 };
            citizen_flags |= if needs.unmet { flags::UNMET } else { 0 };
            *bits = citizen_flags;
        }
    }
}

/// A household short of `shortfall` baskets of its basic needs works extra
/// hours at home at `yield_per_hour` baskets an hour, up to `max_hours`;
/// a shortfall too small to notice is ignored.
#[inline]
pub(in crate::model) fn make_up_shortfall(shortfall: f64, yield_per_hour: f64, max_hours: f64) -> Needs {
    if shortfall <= NOTICEABLE_SHORTFALL {
        return Needs { overwork: 0.0, precarious: false, unmet: false };
    }
    let hours = if yield_per_hour > 0.0 { (shortfall / yield_per_hour).at_most(max_hours) } else { 0.0 };
    let unmet = hours * yield_per_hour < shortfall - NOTICEABLE_SHORTFALL;
    Needs { overwork: hours, precarious: true, unmet }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overwork_covers_what_it_can_and_the_rest_goes_unmet() {
        let none = make_up_shortfall(0.01, 0.01, 100.0);
        assert_eq!(none, Needs { overwork: 0.0, precarious: false, unmet: false });
        let covered = make_up_shortfall(0.5, 0.01, 100.0);
        assert_eq!(covered, Needs { overwork: 50.0, precarious: true, unmet: false });
        let short = make_up_shortfall(0.5, 0.001, 100.0);
        assert!(short.precarious && short.unmet && short.overwork == 100.0);
        let no_home_production = make_up_shortfall(0.5, 0.0, 100.0);
        assert!(no_home_production.unmet && no_home_production.overwork == 0.0);
    }
}
