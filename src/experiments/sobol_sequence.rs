//! The Sobol low-discrepancy sequence (Joe & Kuo 2008 direction numbers),
//! optionally scrambled by a random linear matrix scramble plus a digital
//! shift (Matoušek 1998; Owen 2003) — the construction of
//! scipy.stats.qmc.Sobol, which SALib's `sobol` sampler draws from.
//!
//! Unscrambled, the points equal scipy's bit for bit (a test checks the
//! first ones); scrambled, they differ in the random bits drawn, not in the
//! kind of randomisation. Points are generated in Gray-code order, as scipy
//! does, with 30 bits per coordinate.

use super::random::Random;
use super::sobol_directions::{DIRECTIONS, MAX_DIMENSIONS};

/// Bits per coordinate (scipy's default).
const BITS: usize = 30;

/// A Sobol sequence in `dimensions` dimensions, drawn point by point.
pub struct Sobol {
    /// Direction numbers, `BITS` per dimension, scaled to integers.
    directions: Vec<[u32; BITS]>,
    /// The current point as integers (the next one to hand out).
    current: Vec<u32>,
    /// How many points have been handed out.
    index: u64,
}

impl Sobol {
    /// The sequence; `scramble` gives the seed of a scrambled one. Errors if
    /// there are more dimensions than the direction numbers cover.
    pub fn new(dimensions: usize, scramble: Option<u64>) -> Result<Sobol, String> {
        if dimensions == 0 || dimensions > MAX_DIMENSIONS {
            return Err(format!("a Sobol sequence has 1 to {MAX_DIMENSIONS} dimensions, not {dimensions}"));
        }
        let mut directions: Vec<[u32; BITS]> = (0..dimensions).map(unscaled_directions).collect();
        for v in &mut directions {
            for (j, value) in v.iter_mut().enumerate() {
                *value <<= BITS - 1 - j;
            }
        }
        let mut current = vec![0u32; dimensions];
        if let Some(seed) = scramble {
            let mut random = Random::new(seed);
            for (v, start) in directions.iter_mut().zip(&mut current) {
                *start = (random.bits() >> (64 - BITS)) as u32;
                scramble_directions(v, &mut random);
            }
        }
        Ok(Sobol { directions, current, index: 0 })
    }

    /// The next point, each coordinate in [0, 1).
    pub fn next_point(&mut self) -> Vec<f64> {
        let scale = 1.0 / (1u64 << BITS) as f64;
        let point = self.current.iter().map(|&x| f64::from(x) * scale).collect();
        // Gray code: the next point differs in the direction of the lowest zero bit.
        let bit = (!self.index).trailing_zeros() as usize;
        if bit < BITS {
            for (x, v) in self.current.iter_mut().zip(&self.directions) {
                *x ^= v[bit];
            }
        }
        self.index += 1;
        point
    }
}

/// Direction numbers m_1…m_BITS of one dimension, by Bratley & Fox's recurrence.
fn unscaled_directions(dimension: usize) -> [u32; BITS] {
    let mut m = [1u32; BITS];
    if dimension == 0 {
        return m;
    }
    let (poly, initial) = DIRECTIONS[dimension];
    let degree = initial.len();
    m[..degree].copy_from_slice(initial);
    for j in degree..BITS {
        let mut value = m[j - degree];
        let mut pow2 = 1u32;
        for k in 0..degree {
            pow2 <<= 1;
            if (poly >> (degree - 1 - k)) & 1 == 1 {
                value ^= pow2.wrapping_mul(m[j - k - 1]);
            }
        }
        m[j] = value;
    }
    m
}

/// Multiplies one dimension's direction numbers, as digit vectors, by a
/// random lower-triangular binary matrix with a unit diagonal: the linear
/// matrix scramble. Digit i of a number (counted from the most significant)
/// becomes itself plus a random combination of the more significant digits,
/// so every dyadic interval maps onto one of the same size and the
/// sequence keeps its stratification. The map is linear, so scrambling the
/// direction numbers scrambles every point.
fn scramble_directions(v: &mut [u32; BITS], random: &mut Random) {
    let all = (1u32 << BITS) - 1;
    // masks[b]: the input bits that output bit b sums (bit b and above).
    let masks: Vec<u32> = (0..BITS)
        .map(|b| {
            let above = all & !((2u32 << b) - 1);
            (random.bits() as u32 & above) | (1 << b)
        })
        .collect();
    for value in v.iter_mut() {
        let input = *value;
        *value = (0..BITS).fold(0, |out, b| out | (((masks[b] & input).count_ones() & 1) << b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unscrambled_points_are_scipys() {
        // scipy.stats.qmc.Sobol(d=4, scramble=False).random(8)
        let expected = [
            [0.0, 0.0, 0.0, 0.0],
            [0.5, 0.5, 0.5, 0.5],
            [0.75, 0.25, 0.25, 0.25],
            [0.25, 0.75, 0.75, 0.75],
            [0.375, 0.375, 0.625, 0.875],
            [0.875, 0.875, 0.125, 0.375],
            [0.625, 0.125, 0.875, 0.625],
            [0.125, 0.625, 0.375, 0.125],
        ];
        let mut sobol = Sobol::new(4, None).unwrap();
        for row in expected {
            assert_eq!(sobol.next_point(), row.to_vec());
        }
    }

    #[test]
    fn high_dimensions_are_scipys_too() {
        // scipy.stats.qmc.Sobol(d=512, scramble=False).random(1000): per
        // dimension, the sum of the 1000 points and the last point, × 2^30.
        let dims = [5, 17, 63, 99, 250, 511];
        let sums = [537114181632u64, 536577310720, 536107548672, 536359206912, 535855890432, 536342429696];
        let last = [907018240u64, 705691648, 680525824, 535822336, 556793856, 491782144];
        let mut sobol = Sobol::new(512, None).unwrap();
        let points: Vec<Vec<f64>> = (0..1000).map(|_| sobol.next_point()).collect();
        let scale = (1u64 << BITS) as f64;
        for (i, &d) in dims.iter().enumerate() {
            let sum: f64 = points.iter().map(|p| p[d] * scale).sum();
            assert_eq!((sum as u64, (points[999][d] * scale) as u64), (sums[i], last[i]), "dimension {d}");
        }
    }

    #[test]
    fn scrambled_points_stay_stratified() {
        // Any 2^m consecutive points from the start put one point in each of
        // the 2^m equal intervals of every coordinate (a (0,m,1)-net).
        for seed in [1, 2, 3] {
            let mut sobol = Sobol::new(6, Some(seed)).unwrap();
            let points: Vec<Vec<f64>> = (0..64).map(|_| sobol.next_point()).collect();
            for d in 0..6 {
                let mut cells: Vec<usize> = points.iter().map(|p| (p[d] * 64.0) as usize).collect();
                cells.sort_unstable();
                assert_eq!(cells, (0..64).collect::<Vec<_>>(), "seed {seed} dimension {d}");
            }
        }
        assert!(Sobol::new(0, None).is_err());
        assert!(Sobol::new(MAX_DIMENSIONS + 1, None).is_err());
    }
}
