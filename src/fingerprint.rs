//! A fingerprint of the model's behaviour: the combined digest of a short run
//! of every preset. Any change to the rules, the defaults or the presets that
//! changes what a scenario produces changes it, so a link (or any record of
//! a run) can say which model made it, and a reader can be told when the
//! model they run is not that one.

use crate::digest::Fnv64;
use crate::ensemble;
use crate::scenario::{PRESETS, Scenario};

/// Citizens and months of each preset's fingerprint run: small and short,
/// yet every rule is at work.
const CITIZENS: u32 = 200;
const MONTHS: u32 = 24;

/// The fingerprint, as 16 hex digits.
pub fn model_fingerprint() -> String {
    let mut hash = Fnv64::new();
    for preset in PRESETS {
        let mut scenario = Scenario::preset(preset.name).expect("every preset exists");
        scenario.population.citizens = CITIZENS;
        scenario.population.projects = scenario.population.projects.min(CITIZENS / 20);
        scenario.population.firms = scenario.population.firms.min(CITIZENS / 25);
        scenario.months = MONTHS;
        let digest = ensemble::run(&scenario).expect("every preset runs").digest();
        hash.write(&digest.to_le_bytes());
    }
    hash.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_stable_and_sensitive_to_presets() {
        let fingerprint = model_fingerprint();
        assert_eq!(fingerprint.len(), 16);
        assert_eq!(model_fingerprint(), fingerprint, "the same model, the same fingerprint");
    }
}
