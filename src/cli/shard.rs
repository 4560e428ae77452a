//! `--shard I/N`: a deterministic share of a command's runs, so that N
//! machines (a Slurm job array, GNU parallel) can split one experiment.
//!
//! Runs are numbered in output order (grid point, then seed); shard I takes
//! runs I−1, I−1+N, I−1+2N, …. Dealing runs out in turn spreads slow and fast
//! grid points over every shard. `commons-sim merge` puts the rows back in order.

use super::error::quote;

/// Share I of N (1 ≤ I ≤ N).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

/// Most shards an experiment may be split into.
const MAX_SHARDS: u64 = 1_000_000;

impl Shard {
    /// Every run: what no `--shard` means.
    pub const ALL: Shard = Shard { index: 1, count: 1 };

    /// Parses `I/N`; the error is a value parser's message (after `--shard`).
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || {
            format!("takes I/N with whole numbers 1 ≤ I ≤ N ≤ {MAX_SHARDS} (e.g. 3/8), not {}", quote(text))
        };
        let (index, count) = text.split_once('/').ok_or_else(bad)?;
        let index: u64 = index.trim().parse().map_err(|_| bad())?;
        let count: u64 = count.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count || count > MAX_SHARDS {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Whether this is a share of the runs rather than all of them.
    pub fn is_partial(self) -> bool {
        self.count > 1
    }

    /// I, from 1.
    pub fn index(self) -> u64 {
        self.index
    }

    /// N, the number of shards.
    pub fn count(self) -> u64 {
        self.count
    }

    /// The numbers of this shard's runs among `total`, ascending.
    pub fn runs(self, total: u64) -> impl Iterator<Item = u64> + Clone {
        (self.index - 1..total).step_by(self.count as usize)
    }

    /// This shard's consecutive block of `total` items (`evaluate` splits a
    /// design so: its outputs have no row numbers, and blocks concatenated in
    /// shard order are the whole).
    pub fn block(self, total: u64) -> std::ops::Range<u64> {
        let edge = |i: u64| (u128::from(total) * u128::from(i) / u128::from(self.count)) as u64;
        edge(self.index - 1)..edge(self.index)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_runs() {
        let total = 10;
        let mut seen: Vec<u64> = (1..=3).flat_map(|i| Shard { index: i, count: 3 }.runs(total)).collect();
        assert_eq!(Shard { index: 2, count: 3 }.runs(total).collect::<Vec<_>>(), vec![1, 4, 7]);
        seen.sort_unstable();
        assert_eq!(seen, (0..total).collect::<Vec<_>>());
        assert_eq!(Shard::ALL.runs(3).count(), 3);
        assert_eq!(Shard { index: 5, count: 5 }.runs(3).count(), 0, "more shards than runs");
        let blocks: Vec<_> = (1..=3).map(|i| Shard { index: i, count: 3 }.block(10)).collect();
        assert_eq!(blocks, vec![0..3, 3..6, 6..10]);
        assert_eq!(Shard::ALL.block(7), 0..7);
    }

    #[test]
    fn parses_i_of_n_and_rejects_the_rest() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "4", "a/b", "1/0", "-1/2", "1/2000000"] {
            let error = Shard::parse(bad).unwrap_err();
            assert!(error.starts_with("takes I/N") && error.contains(bad), "{error}");
        }
    }
}
