//! Docking: the household exchange submodel run alone is the saving-propensity
//! kinetic exchange model (Chakraborti & Chakrabarti 2000), whose stationary
//! wealth distribution is known (Dragulescu & Yakovenko 2000 at λ = 0;
//! Patriarca, Chakraborti & Kaski 2004 for λ > 0).

use crate::support::{run, scenario};
use commons_sim::outcomes::Outcome;

/// Equilibrated Gini and variance/mean² of wealth: 5,000 citizens, 300
/// months of 10 exchanges each; averaged over the second half of the run,
/// whose snapshots are 1,500 exchanges per citizen apart at most.
fn equilibrium(lambda: f64) -> (f64, f64) {
    let history = run(&scenario("kinetic-exchange", 7, &[("households.saving_propensity", lambda)]));
    let half = history.len() / 2;
    let average = |o: Outcome| {
        let tail = &history.column(o)[half..];
        tail.iter().sum::<f64>() / tail.len() as f64
    };
    (average(Outcome::GiniWealth), average(Outcome::WealthVarianceRatio))
}

#[test]
fn without_saving_wealth_is_exponential() {
    let (gini, variance_ratio) = equilibrium(0.0);
    assert!((gini - 0.50).abs() <= 0.02, "Gini {gini}, expected 0.50 ± 0.02");
    assert!((variance_ratio - 1.00).abs() <= 0.06, "variance/mean² {variance_ratio}, expected 1.00 ± 0.06");
}

#[test]
fn with_half_saved_wealth_matches_the_gamma_law() {
    let (gini, variance_ratio) = equilibrium(0.5);
    // n = (1 + 2λ)/(1 − λ) = 4: variance/mean² = 1/n, Gini = Γ(4.5)/(√π Γ(5)) ≈ 0.2734.
    assert!((gini - 0.273).abs() <= 0.02, "Gini {gini}, expected 0.273 ± 0.02");
    assert!((variance_ratio - 0.25).abs() <= 0.03, "variance/mean² {variance_ratio}, expected 0.25 ± 0.03");
}

#[test]
fn the_docking_case_has_no_other_actors() {
    let history = run(&scenario("kinetic-exchange", 7, &[("households.saving_propensity", 0.0)]));
    for outcome in
        [Outcome::FirmsAlive, Outcome::ProjectsAlive, Outcome::ContributorsShare, Outcome::PrecarityRate]
    {
        assert!(history.column(outcome).iter().all(|&v| v == 0.0), "{} moved", outcome.name());
    }
}
