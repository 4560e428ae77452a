//! Saltelli's cross-sampled design for Sobol indices, laid out exactly as
//! SALib's `sobol` sampler: for each base point, the rows A, AB₁…AB_D,
//! BA₁…BA_D (second order only) and B — N·(2D+2) rows, or N·(D+2) without
//! second order. A and B are the two halves of a 2D-dimensional scrambled
//! Sobol point; AB_j is A with column j from B, BA_j is B with column j
//! from A.

use super::problem::Parameter;
use super::sobol_sequence::Sobol;

/// Rows per base point.
pub fn block_size(parameters: usize, second_order: bool) -> usize {
    if second_order { 2 * parameters + 2 } else { parameters + 2 }
}

/// The design of `n` base points, scaled to the parameters' ranges.
pub fn sample(
    parameters: &[Parameter],
    n: usize,
    second_order: bool,
    seed: u64,
) -> Result<Vec<Vec<f64>>, String> {
    let d = parameters.len();
    let mut sobol = Sobol::new(2 * d, Some(seed))?;
    let mut rows = Vec::with_capacity(n * block_size(d, second_order));
    for _ in 0..n {
        let point = sobol.next_point();
        let (a, b) = point.split_at(d);
        rows.push(a.to_vec());
        for j in 0..d {
            let mut ab = a.to_vec();
            ab[j] = b[j];
            rows.push(ab);
        }
        if second_order {
            for j in 0..d {
                let mut ba = b.to_vec();
                ba[j] = a[j];
                rows.push(ba);
            }
        }
        rows.push(b.to_vec());
    }
    for row in &mut rows {
        for (value, p) in row.iter_mut().zip(parameters) {
            *value = p.scale(*value);
        }
    }
    Ok(rows)
}

/// The outputs of a Saltelli design split into its parts.
pub struct Blocks {
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    /// `ab[j][i]`: the output of AB_j of base point i.
    pub ab: Vec<Vec<f64>>,
    /// `ba[j][i]`, with second order only.
    pub ba: Option<Vec<Vec<f64>>>,
}

/// Splits outputs by their place in the layout (SALib's
/// `separate_output_values`). `y.len()` must be a multiple of the block size.
pub fn separate(y: &[f64], d: usize, second_order: bool) -> Blocks {
    let step = block_size(d, second_order);
    let column = |offset: usize| y.iter().skip(offset).step_by(step).copied().collect::<Vec<f64>>();
    Blocks {
        a: column(0),
        b: column(step - 1),
        ab: (0..d).map(|j| column(j + 1)).collect(),
        ba: second_order.then(|| (0..d).map(|j| column(j + 1 + d)).collect()),
    }
}

/// Checks that a design has Saltelli's layout: every AB_j row is its A row
/// with only column j changed (and BA_j its B row). Returns the 0-based
/// index of the first row that breaks it.
pub fn check_layout(design: &[Vec<f64>], second_order: bool) -> Result<(), usize> {
    let Some(d) = design.first().map(Vec::len) else { return Ok(()) };
    let step = block_size(d, second_order);
    if !design.len().is_multiple_of(step) {
        return Err(design.len() - design.len() % step);
    }
    let differs_only_in = |row: &[f64], base: &[f64], j: usize| {
        row.iter().zip(base).enumerate().all(|(k, (x, y))| k == j || x == y)
    };
    for (block, rows) in design.chunks(step).enumerate() {
        let start = block * step;
        let (a, b) = (&rows[0], &rows[step - 1]);
        for j in 0..d {
            if !differs_only_in(&rows[1 + j], a, j) || rows[1 + j][j] != b[j] {
                return Err(start + 1 + j);
            }
            if second_order && (!differs_only_in(&rows[1 + d + j], b, j) || rows[1 + d + j][j] != a[j]) {
                return Err(start + 1 + d + j);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(d: usize) -> Vec<Parameter> {
        (0..d).map(|i| Parameter { name: format!("x{i}"), lower: 0.0, upper: 1.0, line: i + 1 }).collect()
    }

    #[test]
    fn the_layout_is_salibs() {
        let rows = sample(&unit(3), 4, true, 1).unwrap();
        assert_eq!(rows.len(), 4 * 8);
        assert_eq!(check_layout(&rows, true), Ok(()));
        let (a, b) = (&rows[0], &rows[7]);
        assert_eq!(rows[2], vec![a[0], b[1], a[2]], "AB_2");
        assert_eq!(rows[5], vec![b[0], a[1], b[2]], "BA_2");
        let first = sample(&unit(3), 4, false, 1).unwrap();
        assert_eq!(first.len(), 4 * 5);
        assert_eq!(check_layout(&first, false), Ok(()));
        assert_eq!(check_layout(&first[..19], false), Err(15));
        let y: Vec<f64> = (0..10).map(f64::from).collect();
        let blocks = separate(&y, 3, false);
        assert_eq!(
            (blocks.a, blocks.b, blocks.ab[2].clone()),
            (vec![0.0, 5.0], vec![4.0, 9.0], vec![3.0, 8.0])
        );
    }
}
