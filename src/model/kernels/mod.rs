//! The speed layer: how the rules' loops run fast, kept apart from what
//! they mean.
//!
//! Rules (`super::rules`) state the economics; when one of their loops
//! needed a trick to run at the speed docs/PERFORMANCE.md records, the trick
//! lives here, behind a name that says what the loop does:
//!
//! - [`for_each_citizen`]: visit every citizen in order, with the columns a
//!   rule will read fetched ahead in large populations ([`ReadAhead`]);
//! - [`expect_review`]: fetch the columns reviewing a contribution to a
//!   project reads, as soon as the project is known;
//! - [`for_each_random_pair`]: households paired at random, drawn a batch
//!   at a time so that their memory is fetched together;
//! - [`write_if_changed`]: store a value only where it differs, so that a
//!   pass touching few citizens does not dirty every cache line;
//! - [`CountedSum`]: a conditional sum and count without a branch.
//!
//! Nothing here changes a result: every kernel gives the same numbers, bit
//! for bit, as the plain loop it replaces (the digest tests are the judge).

mod pairs;
mod prefetch;

pub use pairs::for_each_random_pair;

use super::Model;
use super::citizens::Citizens;
use super::projects::Projects;

/// Which columns [`for_each_citizen`] fetches ahead of the visit.
#[derive(Clone, Copy, Debug)]
pub enum ReadAhead {
    /// Those contributing reads: what a citizen willing to contribute
    /// reads, and the columns every visit reads.
    Contributing,
}

/// Calls `visit(model, i)` for every citizen `i` in order. In a population
/// whose columns outgrow the core's cache, the columns `ahead` names are
/// hinted [`prefetch::AHEAD`] citizens in advance: contributing reads a
/// dozen columns for only about one citizen in ten, too irregular for the
/// processor to foresee, and follows about twenty streams, more than it tracks.
#[inline(always)]
pub fn for_each_citizen(model: &mut Model, ahead: ReadAhead, mut visit: impl FnMut(&mut Model, usize)) {
    let n = model.citizens.len();
    let hint = prefetch::worthwhile(n);
    for i in 0..n {
        if hint && prefetch::starts_line(i) {
            match ahead {
                ReadAhead::Contributing => hint_contributing(&model.citizens, i + prefetch::AHEAD),
            }
        }
        visit(model, i);
    }
}

/// Hints citizen `i`'s columns that contributing reads (see
/// [`prefetch`]). Columns narrower than a line are hinted more often than
/// they need, which costs next to nothing.
#[inline(always)]
fn hint_contributing(c: &Citizens, i: usize) {
    use prefetch::prefetch;
    for column in [
        &c.belief,
        &c.overwork,
        &c.zeal,
        &c.zeal_frequency,
        &c.job_draw,
        &c.tools_draw,
        &c.talent,
        &c.skill,
        &c.tenure,
        &c.accepted_total,
        &c.dissatisfaction,
        &c.income,
        &c.money,
    ] {
        prefetch(column, i);
    }
    prefetch(&c.kind, i);
    prefetch(&c.flags, i);
    prefetch(&c.employer, i);
    prefetch(&c.project, i);
    prefetch(&c.idle_months, i);
}

/// Hints that a contribution to project `p` is about to be reviewed: the
/// ten columns review reads and writes, and the association its dues go
/// to. At 100,000 citizens `p` is a random one of some 18,000 slots; read
/// one after another, with dependent draws between them, each read waited
/// for memory in turn.
#[inline(always)]
pub fn expect_review(projects: &Projects, p: usize) {
    use prefetch::prefetch;
    prefetch(&projects.health, p);
    prefetch(&projects.hours, p);
    prefetch(&projects.standard, p);
    prefetch(&projects.unfairness, p);
    prefetch(&projects.own, p);
    prefetch(&projects.contributors, p);
    prefetch(&projects.submitted, p);
    prefetch(&projects.accepted, p);
    prefetch(&projects.skill_sum, p);
    prefetch(&projects.association, p);
}

/// Stores `value` in `slot` only if it differs. For passes over every
/// citizen that change few of them (free riders' flags and grievances):
/// an unchanged cache line need not be written back to memory.
#[inline(always)]
pub fn write_if_changed<T: PartialEq + Copy>(slot: &mut T, value: T) {
    if *slot != value {
        *slot = value;
    }
}

/// A sum and a count over the visits that meet a condition, for a mean.
#[derive(Clone, Copy, Debug, Default)]
pub struct CountedSum {
    sum: f64,
    count: u32,
}

impl CountedSum {
    /// Adds `value` if `condition` holds. The condition is applied by
    /// arithmetic (adding `value × 0` when it fails, an exact +0), not by a
    /// branch: it depends on the citizen's kind, which is random, so a
    /// branch would often be guessed wrong.
    #[inline(always)]
    pub fn add_where(&mut self, condition: bool, value: f64) {
        self.sum += value * f64::from(u8::from(condition));
        self.count += u32::from(condition);
    }

    /// The mean of what was added, or 0 if nothing was.
    pub fn mean(&self) -> f64 {
        if self.count > 0 { self.sum / f64::from(self.count) } else { 0.0 }
    }
}
