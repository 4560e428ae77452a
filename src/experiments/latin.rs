//! Latin hypercube samples, as SALib's `latin` sampler: each parameter's
//! range cut into N equal strata, one uniform point in each, the strata
//! shuffled independently per parameter.

use super::problem::Parameter;
use super::random::Random;

/// N rows, scaled to the parameters' ranges.
pub fn sample(parameters: &[Parameter], n: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut random = Random::new(seed);
    let mut rows = vec![vec![0.0; parameters.len()]; n];
    let width = 1.0 / n as f64;
    for (j, p) in parameters.iter().enumerate() {
        let mut strata: Vec<usize> = (0..n).collect();
        random.shuffle(&mut strata);
        for (row, stratum) in rows.iter_mut().zip(strata) {
            row[j] = p.scale((stratum as f64 + random.uniform()) * width);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_point_per_stratum_in_every_column() {
        let p = vec![
            Parameter { name: "a".into(), lower: 0.0, upper: 1.0, line: 1 },
            Parameter { name: "b".into(), lower: 10.0, upper: 20.0, line: 2 },
        ];
        let rows = sample(&p, 50, 3);
        for (j, param) in p.iter().enumerate() {
            let mut strata: Vec<usize> =
                rows.iter().map(|r| ((r[j] - param.lower) / param.width() * 50.0) as usize).collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..50).collect::<Vec<_>>());
        }
        assert_eq!(rows, sample(&p, 50, 3));
    }
}
