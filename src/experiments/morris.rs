//! Morris's trajectories (Morris 1991), as SALib's `morris` sampler builds
//! them without optimisation: r trajectories of D+1 points on a p-level grid
//! of the unit cube, each step moving one parameter, in random order, by
//! Δ = p / (2(p − 1)) up or down. Rows are scaled to the parameters' ranges.

use super::problem::Parameter;
use super::random::Random;

/// The step Δ on a `levels`-level grid (SALib's `_compute_delta`).
pub fn delta(levels: usize) -> f64 {
    levels as f64 / (2.0 * (levels as f64 - 1.0))
}

/// `trajectories` × (D + 1) rows. `levels` must be even and at least 2.
pub fn sample(parameters: &[Parameter], trajectories: usize, levels: usize, seed: u64) -> Vec<Vec<f64>> {
    let d = parameters.len();
    let step = delta(levels);
    // Starting values x*: the first p/2 levels, so that x* + Δ is on the grid.
    let starts = levels / 2;
    let level = |k: usize| if starts > 1 { k as f64 * (1.0 - step) / (starts - 1) as f64 } else { 0.0 };
    let mut random = Random::new(seed);
    let mut rows = Vec::with_capacity(trajectories * (d + 1));
    for _ in 0..trajectories {
        let mut order: Vec<usize> = (0..d).collect();
        random.shuffle(&mut order);
        let up: Vec<bool> = (0..d).map(|_| random.coin()).collect();
        let base: Vec<f64> = (0..d).map(|_| level(random.below(starts))).collect();
        // A parameter that moves down starts Δ above its base point.
        let mut point: Vec<f64> = base.iter().zip(&up).map(|(&x, &u)| if u { x } else { x + step }).collect();
        rows.push(point.clone());
        for &j in &order {
            point[j] = if up[j] { base[j] + step } else { base[j] };
            rows.push(point.clone());
        }
    }
    for row in &mut rows {
        for (value, p) in row.iter_mut().zip(parameters) {
            *value = p.scale(*value);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_moves_one_parameter_by_delta_on_the_grid() {
        let p: Vec<Parameter> = (0..5)
            .map(|i| Parameter { name: format!("x{i}"), lower: 0.0, upper: 1.0, line: i + 1 })
            .collect();
        let levels = 4;
        let rows = sample(&p, 10, levels, 9);
        assert_eq!(rows.len(), 60);
        let step = delta(levels);
        assert!((step - 2.0 / 3.0).abs() < 1e-15);
        for trajectory in rows.chunks(6) {
            let mut moved = [false; 5];
            for pair in trajectory.windows(2) {
                let changed: Vec<usize> = (0..5).filter(|&j| pair[0][j] != pair[1][j]).collect();
                assert_eq!(changed.len(), 1);
                let j = changed[0];
                assert!(((pair[1][j] - pair[0][j]).abs() - step).abs() < 1e-12);
                moved[j] = true;
            }
            assert!(moved.iter().all(|&m| m), "every parameter moves once");
            for x in trajectory.iter().flatten() {
                let k = x * (levels - 1) as f64;
                assert!((k - k.round()).abs() < 1e-9 && (0.0..=1.0).contains(x), "{x} is on the grid");
            }
        }
    }
}
