//! Regime contrasts emerge from the levers, over 20 seeds with common random
//! numbers and 95% intervals on paired differences — and one reverses in a
//! documented region (a partner state whose taxes drive firms out).

use crate::support::{paired, per_seed};
use commons_sim::outcomes::Outcome;

const SEEDS: u64 = 20;

/// The paired difference `b − a` of an outcome between two scenarios,
/// asserted to be positive (`sign` 1) or negative (`sign` −1) with 95% confidence.
fn assert_difference(a: (&str, &[(&str, f64)]), b: (&str, &[(&str, f64)]), outcome: Outcome, sign: f64) {
    let (mean, half) = paired(&per_seed(a.0, a.1, SEEDS, outcome), &per_seed(b.0, b.1, SEEDS, outcome));
    assert!(
        sign * mean - half > 0.0,
        "{} − {} in {}: {mean:+.4} ± {half:.4}, expected {}",
        b.0,
        a.0,
        outcome.name(),
        if sign > 0.0 { "above zero" } else { "below zero" }
    );
}

#[test]
fn the_partner_state_grows_the_commons_and_cuts_precarity_against_big_society() {
    let (partner, cuts) = (("partner-state", &[][..]), ("big-society", &[][..]));
    assert_difference(cuts, partner, Outcome::CommonsKnowledge, 1.0);
    assert_difference(cuts, partner, Outcome::PrecarityRate, -1.0);
}

#[test]
fn corporate_welfare_has_the_most_unequal_wealth_and_the_least_legitimacy() {
    let corporate = ("corporate-welfare", &[][..]);
    for other in ["welfare-state", "big-society", "partner-state"] {
        assert_difference((other, &[]), corporate, Outcome::GiniWealth, 1.0);
        assert_difference((other, &[]), corporate, Outcome::Legitimacy, -1.0);
    }
}

/// The region where the contrast reverses: a partner state that taxes
/// profits at 80% drives firms to relocate; market output, median income
/// and legitimacy then fall below Big Society's, and its lead in the
/// commons all but vanishes (docs/ODD.md, "things to try").
#[test]
fn a_partner_state_that_drives_firms_out_loses_to_big_society() {
    let cuts = ("big-society", &[][..]);
    let overtaxed = ("partner-state", &[("state.corporate_tax", 0.8)][..]);
    assert_difference(cuts, overtaxed, Outcome::FirmsAlive, -1.0);
    assert_difference(cuts, overtaxed, Outcome::MarketOutput, -1.0);
    assert_difference(cuts, overtaxed, Outcome::MedianIncome, -1.0);
    assert_difference(cuts, overtaxed, Outcome::Legitimacy, -1.0);
    let lead = |partner: &[(&str, f64)]| {
        paired(
            &per_seed("big-society", &[], SEEDS, Outcome::CommonsKnowledge),
            &per_seed("partner-state", partner, SEEDS, Outcome::CommonsKnowledge),
        )
        .0
    };
    let (usual, overtaxed_lead) = (lead(&[]), lead(&[("state.corporate_tax", 0.8)]));
    assert!(overtaxed_lead < 0.25 * usual, "the commons lead only shrinks from {usual} to {overtaxed_lead}");
}
