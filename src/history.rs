//! The outcome series of a run, kept column by column for charts and exports.
//!
//! A model reports one [`OutcomeRow`] per month; a `History` stores them as
//! one column per outcome, which is what a chart draws and what a typed-array
//! view in the page reads without copying.
//!
//! A bounded history ([`History::bounded`]) keeps memory fixed however long
//! the run: when it is full it keeps every other point and from then on
//! records every second month, doubling that stride each time it fills.

use crate::digest::Fnv64;
use crate::outcomes::{COUNT, Outcome, OutcomeRow};

/// Months and the value of every outcome at each.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    months: Vec<f64>,
    columns: [Vec<f64>; COUNT],
    /// Most points kept (None: every month, however many).
    capacity: Option<usize>,
    /// Months between recorded points (a power of two; 1 until first full).
    stride: u32,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// A history that records every month.
    pub fn new() -> Self {
        History {
            months: Vec::new(),
            columns: std::array::from_fn(|_| Vec::new()),
            capacity: None,
            stride: 1,
        }
    }

    /// A history that keeps at most `capacity` points (at least 2), thinning
    /// itself to every second, fourth, … month as the run grows.
    pub fn bounded(capacity: usize) -> Self {
        History { capacity: Some(capacity.max(2)), ..History::new() }
    }

    /// Months between recorded points: 1 unless a bounded history has thinned.
    pub fn stride(&self) -> u32 {
        self.stride
    }

    /// Appends one month's outcomes (months come in order from 0); a thinned
    /// bounded history records only months that are multiples of its stride.
    pub fn push(&mut self, month: u32, row: &OutcomeRow) {
        if !month.is_multiple_of(self.stride) {
            return;
        }
        if self.capacity.is_some_and(|capacity| self.len() >= capacity) {
            self.thin();
            if !month.is_multiple_of(self.stride) {
                return;
            }
        }
        self.months.push(month as f64);
        for (column, &value) in self.columns.iter_mut().zip(row) {
            column.push(value);
        }
    }

    /// Keeps every other point (those at multiples of twice the stride) and
    /// doubles the stride.
    fn thin(&mut self) {
        let keep = |values: &mut Vec<f64>| {
            let mut i = 0;
            values.retain(|_| {
                i += 1;
                i % 2 == 1
            });
        };
        keep(&mut self.months);
        self.columns.iter_mut().for_each(keep);
        self.stride *= 2;
    }

    /// Number of recorded months.
    pub fn len(&self) -> usize {
        self.months.len()
    }

    pub fn is_empty(&self) -> bool {
        self.months.is_empty()
    }

    /// The month of each recorded point.
    pub fn months(&self) -> &[f64] {
        &self.months
    }

    /// One outcome's values, aligned with [`History::months`].
    pub fn column(&self, outcome: Outcome) -> &[f64] {
        &self.columns[outcome as usize]
    }

    /// The last recorded row.
    pub fn last(&self) -> Option<OutcomeRow> {
        let i = self.len().checked_sub(1)?;
        Some(std::array::from_fn(|o| self.columns[o][i]))
    }

    /// A 64-bit FNV-1a digest of every month and value, bit for bit: two
    /// runs have the same digest only if they produced identical series.
    pub fn digest(&self) -> u64 {
        let mut hash = Fnv64::new();
        for i in 0..self.len() {
            hash.write(&self.months[i].to_bits().to_le_bytes());
            for column in &self.columns {
                hash.write(&column[i].to_bits().to_le_bytes());
            }
        }
        hash.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_changes_with_any_bit() {
        let mut a = History::new();
        let mut row = [0.5; COUNT];
        a.push(0, &row);
        let mut b = a.clone();
        assert_eq!(a.digest(), b.digest());
        row[3] = f64::from_bits(0.5f64.to_bits() + 1);
        a.push(1, &[0.5; COUNT]);
        b.push(1, &row);
        assert_ne!(a.digest(), b.digest());
    }

    #[test]
    fn a_bounded_history_keeps_its_size_and_evenly_spaced_months() {
        let mut h = History::bounded(64);
        for month in 0..100_000u32 {
            h.push(month, &[f64::from(month); COUNT]);
            assert!(h.len() <= 64);
        }
        let months = h.months();
        let step = months[1] - months[0];
        assert_eq!(step, f64::from(h.stride()));
        assert!(months.windows(2).all(|w| w[1] - w[0] == step), "evenly spaced");
        assert_eq!(months[0], 0.0);
        assert!(*months.last().unwrap() > 99_000.0 - step, "reaches the end of the run");
        assert_eq!(h.column(Outcome::MarketOutput), months, "values stay with their months");
    }

    #[test]
    fn an_unbounded_history_records_every_month() {
        let mut h = History::new();
        for month in 0..10_000u32 {
            h.push(month, &[0.0; COUNT]);
        }
        assert_eq!(h.len(), 10_000);
        assert_eq!(h.stride(), 1);
    }

    #[test]
    fn columns_follow_outcome_order() {
        let mut h = History::new();
        let row: OutcomeRow = std::array::from_fn(|i| i as f64);
        h.push(7, &row);
        assert_eq!(h.months(), &[7.0]);
        assert_eq!(h.column(Outcome::GiniWealth), &[Outcome::GiniWealth as usize as f64]);
        assert_eq!(h.last(), Some(row));
    }
}
