//! Morris's elementary effects and their statistics, computed as SALib's
//! `morris.analyze` does on a design and its outputs: the design is cut into
//! trajectories of D+1 rows; at each step the one parameter that changed
//! gets the effect (y_after − y_before)/Δ if it went up and
//! (y_before − y_after)/Δ if it went down, with Δ the step on the unit grid
//! (so an effect is in output units per whole range). Then μ, μ* (mean of
//! |effect|), σ (standard deviation, n − 1) and a bootstrap interval for μ*.

use super::random::Random;
use super::stats::{Z95, mean, sd};

/// One parameter's Morris statistics.
#[derive(Clone, Debug, PartialEq)]
pub struct Morris {
    pub mu: f64,
    pub mu_star: f64,
    pub sigma: f64,
    /// Half-width of the 95% bootstrap interval of μ*.
    pub mu_star_conf: f64,
}

/// The elementary effects `effects[j][t]` of parameter j in trajectory t.
/// Rows must be a whole number of trajectories of D+1 rows.
pub fn effects(design: &[Vec<f64>], y: &[f64], delta: f64) -> Vec<Vec<f64>> {
    let d = design.first().map_or(0, Vec::len);
    let size = d + 1;
    let trajectories = design.len() / size;
    let mut effects = vec![vec![0.0; trajectories]; d];
    for t in 0..trajectories {
        for k in 0..d {
            let (before, after) = (&design[t * size + k], &design[t * size + k + 1]);
            let (y0, y1) = (y[t * size + k], y[t * size + k + 1]);
            // As SALib: every parameter that rose or fell in this step is
            // credited (one, in a Morris design).
            for j in 0..d {
                if after[j] > before[j] {
                    effects[j][t] += (y1 - y0) / delta;
                } else if after[j] < before[j] {
                    effects[j][t] += (y0 - y1) / delta;
                }
            }
        }
    }
    effects
}

/// The statistics of every parameter's effects; `resamples` bootstrap
/// resamples of the trajectories, drawn from `seed`.
pub fn analyze(design: &[Vec<f64>], y: &[f64], levels: usize, resamples: usize, seed: u64) -> Vec<Morris> {
    let effects = effects(design, y, super::morris::delta(levels));
    let mut random = Random::new(seed);
    effects
        .iter()
        .map(|ee| {
            let absolute: Vec<f64> = ee.iter().map(|e| e.abs()).collect();
            let resampled: Vec<f64> = (0..resamples)
                .map(|_| {
                    (0..ee.len()).map(|_| absolute[random.below(ee.len())]).sum::<f64>() / ee.len() as f64
                })
                .collect();
            Morris {
                mu: mean(ee),
                mu_star: mean(&absolute),
                sigma: sd(ee),
                mu_star_conf: Z95 * sd(&resampled),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_down_counts_as_the_effect_of_going_up() {
        // One trajectory in 2 parameters: x0 up by Δ, then x1 down by Δ.
        let design = vec![vec![0.0, 1.0], vec![0.5, 1.0], vec![0.5, 0.5]];
        let y = vec![0.0, 1.0, 0.0]; // y = 2 x0 + 2 (x1 − 1): both effects 1 per Δ = 0.5
        let e = effects(&design, &y, 0.5);
        assert_eq!(e, vec![vec![2.0], vec![2.0]]);
    }
}
