//! Declaring an entity's columns once.
//!
//! Projects and firms are stored as structures of arrays: one `Vec` per
//! attribute, indexed by id. Listing each column by hand in the struct, in
//! `push`, in the monthly reset and in compaction let a column be forgotten
//! in one of them, which misaligns every column after it without an error.
//! [`entity_columns!`] takes the list once and writes all four, plus the
//! living count that `alive` keeps.
//!
//! Columns come in three groups:
//! - `born`: given by the record a new entity is pushed with;
//! - `starting`: set at birth to an expression, which may read the record;
//! - `monthly`: this month's tallies, zero at birth and at each
//!   `clear_monthly`.

/// Declares an entity table: see the [module documentation](self).
macro_rules! entity_columns {
    (
        $(#[$meta:meta])*
        pub struct $table:ident {
            id: $id:ident,
            born from $record:ident as $r:ident {
                $( $(#[$born_meta:meta])* $born:ident : $born_ty:ty, )*
            }
            starting {
                $( $(#[$start_meta:meta])* $start:ident : $start_ty:ty = $start_init:expr, )*
            }
            monthly {
                $( $(#[$monthly_meta:meta])* $monthly:ident : $monthly_ty:ty, )*
            }
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default)]
        pub struct $table {
            /// Whether each one is alive; change it only through `remove`.
            pub alive: Vec<bool>,
            /// How many are alive, kept up to date rather than counted.
            living: usize,
            $( $(#[$born_meta])* pub $born: Vec<$born_ty>, )*
            $( $(#[$start_meta])* pub $start: Vec<$start_ty>, )*
            $( $(#[$monthly_meta])* pub $monthly: Vec<$monthly_ty>, )*
        }

        /// What a new one is born with (the other columns start as declared).
        #[derive(Clone, Debug)]
        pub struct $record {
            $( $(#[$born_meta])* pub $born: $born_ty, )*
        }

        impl $table {
            /// Adds one, alive, and returns its id.
            pub fn push(&mut self, $r: $record) -> $id {
                let id = $id::new(self.alive.len());
                $( self.$start.push($start_init); )*
                self.alive.push(true);
                self.living += 1;
                $( self.$born.push($r.$born); )*
                $( self.$monthly.push(Default::default()); )*
                id
            }

            /// How many slots there are, alive or not.
            pub fn len(&self) -> usize {
                self.alive.len()
            }

            pub fn is_empty(&self) -> bool {
                self.alive.is_empty()
            }

            /// How many are alive.
            pub fn alive_count(&self) -> usize {
                self.living
            }

            /// It dies; its slot stays (ids are stable) until compaction.
            pub fn remove(&mut self, index: usize) {
                if self.alive[index] {
                    self.alive[index] = false;
                    self.living -= 1;
                }
            }

            /// Zeroes this month's tallies.
            #[allow(dead_code)]
            pub fn clear_monthly(&mut self) {
                $( self.$monthly.fill(Default::default()); )*
            }

            /// Drops the dead, keeping the living in order, and returns the
            /// map from each old index to its new id (`None` for the dropped).
            fn retain_alive(&mut self) -> Vec<Option<$id>> {
                let keep = std::mem::take(&mut self.alive);
                let map = $crate::model::columns::compaction_map::<$id>(&keep);
                $( $crate::model::columns::retain(&mut self.$born, &keep); )*
                $( $crate::model::columns::retain(&mut self.$start, &keep); )*
                $( $crate::model::columns::retain(&mut self.$monthly, &keep); )*
                self.alive = vec![true; self.living];
                map
            }
        }
    };
}

pub(crate) use entity_columns;

/// An id type made from an index (see [`super::ids`]).
pub trait FromIndex: Copy {
    fn new(index: usize) -> Self;
}

/// Where each item goes when only those whose `keep` flag is set remain,
/// in order: its new id, or `None` if it is dropped.
pub fn compaction_map<Id: FromIndex>(keep: &[bool]) -> Vec<Option<Id>> {
    let mut next = 0;
    keep.iter()
        .map(|&kept| {
            kept.then(|| {
                next += 1;
                Id::new(next - 1)
            })
        })
        .collect()
}

/// Keeps the items whose `keep` flag is set, in order.
pub fn retain<T>(items: &mut Vec<T>, keep: &[bool]) {
    debug_assert_eq!(items.len(), keep.len(), "one flag per item");
    let mut flags = keep.iter();
    items.retain(|_| *flags.next().expect("one flag per item"));
}
