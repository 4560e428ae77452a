//! PRIM, the patient rule induction method (Friedman & Fisher 1999), as
//! scenario discovery uses it (Bryant & Lempert 2010): find boxes in the
//! space of uncertain parameters where a 0/1 outcome is mostly 1.
//!
//! Peeling: starting from the whole range, repeatedly cut away the fraction
//! α of the points in the box from the low or high side of one parameter,
//! the cut that leaves the densest box, until the box holds less than the
//! minimum mass. Every step is a point on the peeling trajectory, a
//! trade-off between coverage (the share of all 1s inside the box) and
//! density (the share of 1s among the points inside). The box chosen is the
//! one with the best balance of the two: the highest coverage × lift, lift
//! being the share of the possible gain in density over the data's own
//! (among boxes with at least the minimum coverage). The last peels of a
//! noisy outcome buy a little density with much coverage; the first ones,
//! when most points are 1s, much coverage with no gain. Pasting then widens it one side at a time while that raises
//! its density, and restrictions that buy almost no density are dropped, for
//! a box a reader can interpret (Bryant & Lempert's third criterion).
//! Covering: later boxes are found among the points outside the earlier ones.

/// PRIM's settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Share of the box's points cut away by one peel.
    pub peel_alpha: f64,
    /// Share of the box's points added by one paste.
    pub paste_alpha: f64,
    /// Smallest share of all points a box may hold.
    pub mass_min: f64,
    /// Smallest coverage (of the 1s not in an earlier box) of a chosen box.
    pub min_coverage: f64,
    /// A restriction is dropped if the box without it is less dense by at
    /// most this much.
    pub drop_tolerance: f64,
    /// Most boxes to find.
    pub boxes: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            peel_alpha: 0.05,
            paste_alpha: 0.05,
            mass_min: 0.05,
            min_coverage: 0.0,
            drop_tolerance: 0.01,
            boxes: 1,
        }
    }
}

/// How good a box is, over every point of the data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quality {
    /// Share of all 1s that lie in the box.
    pub coverage: f64,
    /// Share of the points in the box that are 1s.
    pub density: f64,
    /// Share of all points that lie in the box.
    pub mass: f64,
}

/// Bounds per parameter, lower and upper.
type Bounds = Vec<(f64, f64)>;

/// One step of a peeling trajectory.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub quality: Quality,
    /// How many parameters the box restricts.
    pub restricted: usize,
}

/// A box found: its bounds per parameter, its quality and its trajectory.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub bounds: Vec<(f64, f64)>,
    pub quality: Quality,
    /// Which parameters it restricts (bounds narrower than the range).
    pub restricted: Vec<bool>,
    pub trajectory: Vec<Step>,
}

/// Runs PRIM on points `x` (rows), outcomes `y` and the parameters' full
/// `ranges`. Returns the boxes, box 1 first; none when `y` has no 1s.
pub fn discover(x: &[Vec<f64>], y: &[bool], ranges: &[(f64, f64)], settings: &Settings) -> Vec<Found> {
    let data = Data { x, y, ranges, total: x.len(), positives: y.iter().filter(|&&v| v).count() };
    let mut active: Vec<usize> = (0..x.len()).collect();
    let mut found = Vec::new();
    while found.len() < settings.boxes && active.iter().any(|&i| y[i]) {
        let (bounds, trajectory) = data.peel(&active, settings);
        let bounds = data.paste(&active, bounds, settings);
        let bounds = data.simplify(&active, bounds, settings.drop_tolerance);
        let inside: Vec<usize> = active.iter().copied().filter(|&i| data.contains(&bounds, i)).collect();
        if inside.is_empty() {
            break;
        }
        let quality = data.quality(&inside);
        // A later box that is no denser than what is left is no finding.
        if !found.is_empty() && quality.density <= data.density(&active) {
            break;
        }
        let restricted = data.restricted(&bounds);
        active.retain(|i| !inside.contains(i));
        found.push(Found { bounds, quality, restricted, trajectory });
    }
    found
}

struct Data<'a> {
    x: &'a [Vec<f64>],
    y: &'a [bool],
    ranges: &'a [(f64, f64)],
    total: usize,
    positives: usize,
}

impl Data<'_> {
    fn contains(&self, bounds: &[(f64, f64)], i: usize) -> bool {
        self.x[i].iter().zip(bounds).all(|(&v, &(lo, hi))| lo <= v && v <= hi)
    }

    fn density(&self, points: &[usize]) -> f64 {
        points.iter().filter(|&&i| self.y[i]).count() as f64 / points.len().max(1) as f64
    }

    fn quality(&self, points: &[usize]) -> Quality {
        let ones = points.iter().filter(|&&i| self.y[i]).count() as f64;
        Quality {
            coverage: ones / self.positives.max(1) as f64,
            density: ones / points.len().max(1) as f64,
            mass: points.len() as f64 / self.total.max(1) as f64,
        }
    }

    fn restricted(&self, bounds: &[(f64, f64)]) -> Vec<bool> {
        bounds.iter().zip(self.ranges).map(|(b, r)| b.0 > r.0 || b.1 < r.1).collect()
    }

    /// Peels from the whole range; returns the chosen box and the trajectory.
    fn peel(&self, active: &[usize], settings: &Settings) -> (Vec<(f64, f64)>, Vec<Step>) {
        let ones_left = active.iter().filter(|&&i| self.y[i]).count().max(1) as f64;
        let mut bounds = self.ranges.to_vec();
        let mut inside = active.to_vec();
        let mut boxes = vec![bounds.clone()];
        let mut trajectory = vec![Step { quality: self.quality(&inside), restricted: 0 }];
        let min_points = (settings.mass_min * self.total as f64).ceil() as usize;
        while self.density(&inside) < 1.0 {
            let Some((next_bounds, next_inside)) =
                self.best_peel(&bounds, &inside, settings.peel_alpha, min_points)
            else {
                break;
            };
            bounds = next_bounds;
            inside = next_inside;
            boxes.push(bounds.clone());
            let restricted = self.restricted(&bounds).iter().filter(|&&r| r).count();
            trajectory.push(Step { quality: self.quality(&inside), restricted });
        }
        // The best balance of coverage (of the 1s left) and density: coverage
        // times the share of the possible gain in density over the data's
        // own, the earliest (widest) of equals, with enough coverage.
        let base = trajectory[0].quality.density;
        let balance = |step: &Step| {
            let covered = step.quality.coverage * self.positives as f64 / ones_left;
            let gain = if base < 1.0 { (step.quality.density - base) / (1.0 - base) } else { 0.0 };
            (covered + 1e-12 >= settings.min_coverage, covered * gain)
        };
        let mut chosen = 0;
        for (k, step) in trajectory.iter().enumerate() {
            let (enough, score) = balance(step);
            if enough && score > balance(&trajectory[chosen]).1 + 1e-12 {
                chosen = k;
            }
        }
        (boxes.swap_remove(chosen), trajectory)
    }

    /// The peel that leaves the densest box of at least `min_points`.
    fn best_peel(
        &self,
        bounds: &[(f64, f64)],
        inside: &[usize],
        alpha: f64,
        min_points: usize,
    ) -> Option<(Bounds, Vec<usize>)> {
        let mut best: Option<(f64, Bounds, Vec<usize>)> = None;
        let cut = ((alpha * inside.len() as f64).floor() as usize).max(1);
        for j in 0..bounds.len() {
            let mut values: Vec<f64> = inside.iter().map(|&i| self.x[i][j]).collect();
            values.sort_unstable_by(f64::total_cmp);
            if cut >= values.len() {
                continue;
            }
            for low_side in [true, false] {
                let mut candidate = bounds.to_vec();
                if low_side {
                    candidate[j].0 = values[cut];
                } else {
                    candidate[j].1 = values[values.len() - 1 - cut];
                }
                let kept: Vec<usize> = inside
                    .iter()
                    .copied()
                    .filter(|&i| candidate[j].0 <= self.x[i][j] && self.x[i][j] <= candidate[j].1)
                    .collect();
                if kept.len() == inside.len() || kept.len() < min_points.max(1) {
                    continue;
                }
                let density = self.density(&kept);
                if best.as_ref().is_none_or(|(d, _, k)| {
                    density > *d + 1e-12 || (density >= *d - 1e-12 && kept.len() > k.len())
                }) {
                    best = Some((density, candidate, kept));
                }
            }
        }
        best.map(|(_, b, k)| (b, k))
    }

    /// Drops, one at a time, the restriction whose removal costs the least
    /// density, while that cost is at most `tolerance`.
    fn simplify(&self, active: &[usize], mut bounds: Vec<(f64, f64)>, tolerance: f64) -> Vec<(f64, f64)> {
        let density_of = |b: &[(f64, f64)]| {
            let inside: Vec<usize> = active.iter().copied().filter(|&i| self.contains(b, i)).collect();
            self.density(&inside)
        };
        loop {
            let current = density_of(&bounds);
            let mut best: Option<(f64, Vec<(f64, f64)>)> = None;
            for (j, restricted) in self.restricted(&bounds).into_iter().enumerate() {
                if !restricted {
                    continue;
                }
                let mut candidate = bounds.clone();
                candidate[j] = self.ranges[j];
                let density = density_of(&candidate);
                if density >= current - tolerance && best.as_ref().is_none_or(|(d, _)| density > *d) {
                    best = Some((density, candidate));
                }
            }
            match best {
                Some((_, wider)) => bounds = wider,
                None => return bounds,
            }
        }
    }

    /// Widens `bounds` one side at a time while that raises the density.
    fn paste(&self, active: &[usize], mut bounds: Vec<(f64, f64)>, settings: &Settings) -> Vec<(f64, f64)> {
        loop {
            let inside: Vec<usize> = active.iter().copied().filter(|&i| self.contains(&bounds, i)).collect();
            let current = self.density(&inside);
            let step = ((settings.paste_alpha * inside.len() as f64).ceil() as usize).max(1);
            let mut best: Option<(f64, Vec<(f64, f64)>)> = None;
            for j in 0..bounds.len() {
                for low_side in [true, false] {
                    // Points just outside this side, inside on every other parameter.
                    let mut outside: Vec<f64> = active
                        .iter()
                        .filter(|&&i| {
                            let v = self.x[i][j];
                            let beyond = if low_side { v < bounds[j].0 } else { v > bounds[j].1 };
                            beyond
                                && self.x[i]
                                    .iter()
                                    .zip(&bounds)
                                    .enumerate()
                                    .all(|(k, (&w, &(lo, hi)))| k == j || (lo <= w && w <= hi))
                        })
                        .map(|&i| self.x[i][j])
                        .collect();
                    if outside.is_empty() {
                        continue;
                    }
                    outside.sort_unstable_by(f64::total_cmp);
                    let mut candidate = bounds.clone();
                    if low_side {
                        candidate[j].0 = outside[outside.len().saturating_sub(step)];
                    } else {
                        candidate[j].1 = outside[(step - 1).min(outside.len() - 1)];
                    }
                    let kept: Vec<usize> =
                        active.iter().copied().filter(|&i| self.contains(&candidate, i)).collect();
                    let density = self.density(&kept);
                    if density > current + 1e-12 && best.as_ref().is_none_or(|(d, _)| density > *d) {
                        best = Some((density, candidate));
                    }
                }
            }
            match best {
                Some((_, widened)) => bounds = widened,
                None => return bounds,
            }
        }
    }
}
