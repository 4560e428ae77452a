//! Prefetch hints: asking the processor to fetch what a loop will soon read.
//!
//! Some rules visit every citizen in order but read some columns only for a
//! few of them: who contributes, say, about one citizen in ten. Such reads
//! are too irregular for the processor's own prefetcher to follow, and at
//! 100,000 citizens, when the columns no longer fit in the core's cache,
//! each of them waits for memory. A hint issued a few dozen citizens ahead
//! lets the fetch overlap the work in between: measured month by month with
//! hints on and off in turn, contributing at 100,000 citizens took about
//! 5 ns less per citizen (55 instead of 60), a fifth of what a
//! citizen-month there costs over one at 10,000. Hinting the columns every
//! citizen's visit reads as well (the loop follows about twenty streams,
//! more than the processor tracks) saved 1.6–1.9 ns more.
//!
//! The other kind of hint is for a read whose address is known a little
//! before it is needed: review reads and writes ten columns of the project
//! a contribution goes to, a random one of some 18,000 slots at 100,000
//! citizens. Read one after another, with the draws of the review between
//! them, each waited for memory in turn; hinted together as soon as the
//! project is known, they arrive together: 3.1–3.3 ns less per citizen at
//! 100,000, 0.1 at 10,000.
//!
//! A hint changes no result. WebAssembly has no such instruction, so there
//! (and on other targets) hints do nothing.

/// Whether hints ahead of a loop over citizens pay for a population of
/// `citizens`: only when its columns outgrow the core's own (L2) cache, as
/// they do at 100,000 citizens (800 KB a column) but not at 10,000 (80 KB).
/// Below that the data is at hand, and hints gained nothing in the same
/// measurement. (Review's hints, one set per contribution rather than per
/// citizen, are issued at every size: at 10,000 they measured 0.1 ns a
/// citizen faster, not slower.)
pub fn worthwhile(citizens: usize) -> bool {
    citizens >= 32_768
}

/// How many citizens ahead of the loop hints are issued: far enough for the
/// fetch to arrive in time, near enough for it still to be in the cache
/// (32 measured 0.4–1.1 ns a citizen faster than 64, which beat 128; 16
/// was no faster).
pub const AHEAD: usize = 32;

/// Whether a loop hints at citizen `i`: every eighth citizen, as eight
/// values of an 8-byte column fill a 64-byte cache line, so each line is
/// hinted once.
#[inline(always)]
pub fn starts_line(i: usize) -> bool {
    i.is_multiple_of(8)
}

/// Hints that `column[index]` will soon be read. Out of range, nothing happens.
#[inline(always)]
pub fn prefetch<T>(column: &[T], index: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(value) = column.get(index) {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch reads nothing the program sees and cannot
        // fault; the pointer is to a live element besides.
        #[allow(unsafe_code)]
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast::<i8>())
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (column, index);
}
