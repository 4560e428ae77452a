//! Basic needs, and the overwork precarity forces.

use super::legitimacy::update_trust;
use crate::model::Model;
use crate::model::citizens::flags;
use crate::model::num::Bounds;

/// A shortfall smaller than this (in baskets) is not felt: households round
/// their budgets, and prices move a little between planning and buying.
const NOTICEABLE_SHORTFALL: f64 = 0.02;

impl Model {
    /// Basic needs: what a household bought plus what public services
    /// provide in kind; a shortfall is made up by overwork at a low yield,
    /// and what overwork cannot cover goes unmet. Either way the citizen is
    /// precarious, and overwork eats the free time contributing needs
    /// (claims 7, 9). Knowing their needs, citizens update their trust in the
    /// state in the same pass (`update_trust`).
    pub(in crate::model) fn meet_basic_needs(&mut self) {
        let households = &self.scenario.households;
        let (max_hours, yield_per_hour) = (households.max_overwork_hours, households.home_production);
        let price = self.market.price;
        let services = self.market.services_share;
        // The household submodel alone has no goods at all: nothing to assess.
        // An economy whose firms have all gone has goods nobody makes, and
        // every household must fend for itself.
        let has_goods_market = self.scenario.population.firms > 0 || self.scenario.market.entry_rate > 0.0;
        let shared_trust = self.shared_trust_target();
        let legitimacy = &self.scenario.legitimacy;
        let open = self.market.open;
        let mut total_trust = 0.0;
        let c = &mut self.citizens;
        let n = c.len();
        let (bits, overwork, spending, trust) =
            (&mut c.flags[..n], &mut c.overwork[..n], &c.spending[..n], &mut c.trust[..n]);
        for i in 0..n {
            let mut citizen_flags = bits[i] & !(flags::PRECARIOUS | flags::UNMET);
            let shortfall = if has_goods_market {
                let bought = if open { spending[i] / price } else { 0.0 };
                1.0 - bought - services
            } else {
                0.0
            };
            let mut hours = 0.0;
            if shortfall > NOTICEABLE_SHORTFALL {
                hours =
                    if yield_per_hour > 0.0 { (shortfall / yield_per_hour).at_most(max_hours) } else { 0.0 };
                citizen_flags |= flags::PRECARIOUS;
                if hours * yield_per_hour < shortfall - NOTICEABLE_SHORTFALL {
                    citizen_flags |= flags::UNMET;
                }
            }
            overwork[i] = hours;
            bits[i] = citizen_flags;
            total_trust += update_trust(&mut trust[i], citizen_flags, shared_trust, legitimacy);
        }
        self.state.legitimacy =
            if self.citizens.is_empty() { 0.0 } else { total_trust / self.citizens.len() as f64 };
    }
}
