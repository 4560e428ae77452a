//! The one format in which months cross between the page's threads: flat
//! rows of `f64`, each the month and then every outcome in column order.
//! The ensemble worker sends whole runs in it, and the stepping worker
//! (see [`Stepper`](super::Stepper)) the months it has just stepped.

use crate::history::History;
use crate::outcomes::{COUNT, Outcome, OutcomeRow};

/// Numbers in one row: the month, then every outcome.
pub const WIDTH: usize = COUNT + 1;

/// Appends one month's row to `flat`.
pub fn push(flat: &mut Vec<f64>, month: u32, outcomes: &OutcomeRow) {
    flat.push(f64::from(month));
    flat.extend_from_slice(outcomes);
}

/// A history, one row after another.
pub fn of_history(history: &History) -> Vec<f64> {
    let mut flat = Vec::with_capacity(history.len() * WIDTH);
    for i in 0..history.len() {
        flat.push(history.months()[i]);
        flat.extend(Outcome::ALL.iter().map(|&o| history.column(o)[i]));
    }
    flat
}

/// The rows of `flat` as months and outcomes, or `None` if the rows are
/// ragged or a month is not a whole number.
pub fn parse(flat: &[f64]) -> Option<Vec<(u32, OutcomeRow)>> {
    if !flat.len().is_multiple_of(WIDTH) {
        return None;
    }
    flat.chunks_exact(WIDTH)
        .map(|row| {
            let month = row[0];
            let whole = (0.0..=f64::from(u32::MAX)).contains(&month) && month.fract() == 0.0;
            whole.then(|| (month as u32, std::array::from_fn(|o| row[o + 1])))
        })
        .collect()
}
