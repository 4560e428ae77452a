//! Typed ids for the entities other columns point at: projects and firms.
//!
//! A citizen's employer and a project's parent are ids of different kinds,
//! and "none" is a value of its own (`Option`), not a sentinel number that
//! three id spaces once shared. Each id stores its index plus one in a
//! `NonZeroU32`, so `Option<ProjectId>` is as small as a `u32` and a column
//! of them costs what a column of plain indices did.

use std::num::NonZeroU32;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(NonZeroU32);

        impl $name {
            /// The id of the entity at `index` (below `u32::MAX`).
            #[inline(always)]
            pub fn new(index: usize) -> Self {
                debug_assert!(index < u32::MAX as usize);
                $name(NonZeroU32::MIN.saturating_add(index as u32))
            }

            /// The entity's index in its columns.
            #[inline(always)]
            pub fn index(self) -> usize {
                (self.0.get() - 1) as usize
            }
        }

        impl super::columns::FromIndex for $name {
            fn new(index: usize) -> Self {
                $name::new(index)
            }
        }
    };
}

typed_id!(
    /// A project: an index into [`Projects`](super::projects::Projects)' columns.
    ProjectId
);
typed_id!(
    /// A firm: an index into [`Firms`](super::firms::Firms)' columns.
    FirmId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_none_costs_nothing() {
        for index in [0, 1, 41, 1 << 20, u32::MAX as usize - 1] {
            assert_eq!(ProjectId::new(index).index(), index);
            assert_eq!(FirmId::new(index).index(), index);
        }
        assert_eq!(std::mem::size_of::<Option<ProjectId>>(), 4);
        assert!(ProjectId::new(2) < ProjectId::new(3));
    }
}
