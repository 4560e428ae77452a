//! How the cost of a month per citizen grows from 10,000 to 100,000
//! citizens, measured in pairs: `cargo bench --bench scaling`.
//!
//! criterion times each population on its own, a minute apart, and on a
//! shared host the neighbours' load moves one more than the other: the ratio
//! of two such medians wandered from 1.24 to 1.43 within an hour. Here the
//! two alternate every 12 months at 100,000 citizens (about 0.14 s) and 120
//! months at 10,000 (about 0.1 s), so the host's noise falls on both alike;
//! each pass over the run gives one ratio, and the median of the ratios is
//! reported, as the wasm/native script does. (Alternating month by month
//! would be unfair to the small model: each of its months would start with
//! its data evicted by the large one. A block of 120 months pays that once.)
//!
//! The months are those `month_step` times: 25 to 240 of the partner-state
//! preset, projects and firms scaled with the population.

mod common;

use common::{print_machine, warmed_model};
use commons_sim::model::Model;
use std::time::{Duration, Instant};

/// Passes over months 25–240 at 100,000 citizens, each giving one ratio.
const PASSES: usize = 7;

/// Months in a block at each size: similar times, long enough for a block's
/// first month (which finds the other model's data in the caches) not to count.
const LARGE_BLOCK: u32 = 12;
const SMALL_BLOCK: u32 = 120;

fn timed_step(model: &mut Model) -> Duration {
    let start = Instant::now();
    model.step();
    start.elapsed()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    print_machine();
    let (small, large) = (warmed_model(10_000), warmed_model(100_000));
    let per_citizen = |time: Duration, model: &Model, months: u32| {
        time.as_secs_f64() * 1e9 / (f64::from(months) * f64::from(model.scenario().population.citizens))
    };
    let (mut small_ns, mut large_ns, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for pass in 1..=PASSES {
        let (mut a, mut b) = (small.clone(), large.clone());
        let (mut small_time, mut large_time) = (Duration::ZERO, Duration::ZERO);
        let (mut small_months, mut large_months) = (0, 0);
        while !b.finished() {
            for _ in 0..LARGE_BLOCK {
                if !b.finished() {
                    large_time += timed_step(&mut b);
                    large_months += 1;
                }
            }
            for _ in 0..SMALL_BLOCK {
                if a.finished() {
                    a = small.clone();
                }
                small_time += timed_step(&mut a);
                small_months += 1;
            }
        }
        let (s, l) = (per_citizen(small_time, &a, small_months), per_citizen(large_time, &b, large_months));
        println!(
            "pass {pass}: 10,000 citizens {s:.1} ns, 100,000 citizens {l:.1} ns per citizen-month, ratio {:.3}",
            l / s
        );
        small_ns.push(s);
        large_ns.push(l);
        ratios.push(l / s);
    }
    let ratio = median(&mut ratios);
    let (low, high) = (ratios[0], ratios[PASSES - 1]); // sorted by `median`
    println!(
        "months 25-240 of partner-state, {PASSES} passes: 10,000 citizens {:.1} ns, 100,000 citizens {:.1} ns per citizen-month (medians); ratio {:.3} (median of paired ratios; {low:.3}-{high:.3}; target <= 1.3)",
        median(&mut small_ns),
        median(&mut large_ns),
        ratio
    );
}
