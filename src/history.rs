//! The outcome series of a run, kept column by column for charts and exports.
//!
//! A model reports one [`OutcomeRow`] per month; a `History` stores them as
//! one column per outcome, which is what a chart draws and what a typed-array
//! view in the page reads without copying.

use crate::outcomes::{COUNT, Outcome, OutcomeRow};

/// Months and the value of every outcome at each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    months: Vec<f64>,
    columns: [Vec<f64>; COUNT],
}

impl History {
    pub fn new() -> Self {
        History::default()
    }

    /// Appends one month's outcomes.
    pub fn push(&mut self, month: u32, row: &OutcomeRow) {
        self.months.push(month as f64);
        for (column, &value) in self.columns.iter_mut().zip(row) {
            column.push(value);
        }
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
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |value: f64| {
            for byte in value.to_bits().to_le_bytes() {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        for i in 0..self.len() {
            feed(self.months[i]);
            for column in &self.columns {
                feed(column[i]);
            }
        }
        hash
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
    fn columns_follow_outcome_order() {
        let mut h = History::new();
        let row: OutcomeRow = std::array::from_fn(|i| i as f64);
        h.push(7, &row);
        assert_eq!(h.months(), &[7.0]);
        assert_eq!(h.column(Outcome::GiniWealth), &[Outcome::GiniWealth as usize as f64]);
        assert_eq!(h.last(), Some(row));
    }
}
