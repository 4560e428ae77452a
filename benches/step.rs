//! Speed goals, measured (never asserted in tests): the cost of one model
//! month per citizen at 1k, 10k and 100k citizens with every rule and every
//! outcome; the docking case per agent-step; the ensemble path; a job of the
//! page's map; and the sort that measuring rests on, on the model's own
//! money columns.
//!
//! `cargo bench --bench step` — results and the machine they were measured
//! on are in docs/PERFORMANCE.md.

mod common;

use common::{print_machine, warmed_model};
use commons_sim::ensemble::{self, Summary};
use commons_sim::model::Model;
use commons_sim::scenario::Scenario;
use commons_sim::stats::{self, SortScratch};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A month of the presets' twenty-year run: months 25 to 240, over and over
/// (the warmed model is cloned afresh, untimed, when a run ends). Months of
/// far longer runs cost more as firms accumulate (see docs/PERFORMANCE.md).
fn month_step(c: &mut Criterion) {
    let mut group = c.benchmark_group("month_step");
    for citizens in [1_000u32, 10_000, 100_000] {
        let warmed = warmed_model(citizens);
        group.throughput(Throughput::Elements(u64::from(citizens)));
        if citizens >= 100_000 {
            group.sample_size(20);
        }
        group.bench_function(BenchmarkId::from_parameter(citizens), |b| {
            b.iter_custom(|months| {
                let mut model = warmed.clone();
                let mut total = Duration::ZERO;
                for _ in 0..months {
                    if model.finished() {
                        model = warmed.clone();
                    }
                    let start = Instant::now();
                    model.step();
                    total += start.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

/// The docking case (household exchange alone) at 10,000 citizens, one
/// exchange per citizen per month: a month is one agent-step per citizen, as
/// in Mesa's BoltzmannWealth example.
fn docking(c: &mut Criterion) {
    let mut scenario = docking_scenario(10_000);
    scenario.months = 1_200_000;
    let mut model = Model::new(&scenario).expect("valid");
    let mut group = c.benchmark_group("docking_agent_step");
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("10000", |b| b.iter(|| model.step()));
    group.finish();
}

/// The docking case: the kinetic-exchange preset at `citizens`, one
/// exchange per citizen a month.
fn docking_scenario(citizens: u32) -> Scenario {
    let mut scenario = Scenario::preset("kinetic-exchange").expect("preset");
    scenario.population.citizens = citizens;
    scenario.households.exchanges_per_month = 1.0;
    scenario
}

/// One run of a default preset to its end (2,000 citizens, 240 months), and
/// the summary of 20 such runs: the units of every ensemble.
fn ensemble_path(c: &mut Criterion) {
    let scenario = Scenario::preset("partner-state").expect("preset");
    let mut group = c.benchmark_group("ensemble");
    group.sample_size(10);
    group.bench_function("run_2000_citizens_240_months", |b| b.iter(|| ensemble::run(black_box(&scenario))));
    let runs: Vec<_> =
        (1..=20).map(|seed| ensemble::run(&Scenario { seed, ..scenario.clone() }).expect("valid")).collect();
    group.bench_function("summarise_20_runs", |b| b.iter(|| Summary::new(black_box(&runs), 0.05, 0.95)));
    group.finish();
}

/// One job of the page's map (1,000 citizens to month 240, one outcome
/// read at the end), stepped and measured month by month against
/// `advance_to`, which measures in the months between only what the rules
/// read.
fn map_job(c: &mut Criterion) {
    let mut scenario = Scenario::preset("partner-state").expect("preset");
    scenario.population.citizens = 1_000;
    let mut group = c.benchmark_group("map_job_1000_citizens_240_months");
    group.sample_size(20);
    group.bench_function("step_month_by_month", |b| {
        b.iter(|| {
            let mut model = Model::new(black_box(&scenario)).expect("valid");
            while !model.finished() {
                model.step();
            }
            model.outcomes()[0]
        })
    });
    group.bench_function("advance_to", |b| {
        b.iter(|| {
            let mut model = Model::new(black_box(&scenario)).expect("valid");
            model.advance_to(240);
            model.outcomes()[0]
        })
    });
    group.finish();
}

/// The outcomes' sort (`stats::sort_non_negative`) on citizens' money as
/// the model leaves it: the docking case's after 300 months (exponential,
/// as the exchange makes it) and the partner state's after two years, at
/// 6,000 citizens (the 16-bit key, just below where the 22-bit one takes
/// over), 10,000 and, for the partner state, 100,000. Money is the bulk of
/// the wealth that measuring sorts; the key sizes were chosen on the
/// wealth and incomes themselves (docs/PERFORMANCE.md). To check a choice
/// on another processor, run this on two commits (a commit before this
/// benchmark existed takes this file: `git checkout OLD && git checkout
/// NEW -- benches/step.rs`).
fn outcome_sort(c: &mut Criterion) {
    let money = |model: &Model| -> Vec<f64> {
        model.citizen_money().iter().map(|&m| stats::at_least_zero(m)).collect()
    };
    let docking = |citizens: u32| {
        let mut model = Model::new(&docking_scenario(citizens)).expect("valid");
        for _ in 0..300 {
            model.step();
        }
        model
    };
    let buffers = [
        ("docking_6000", money(&docking(6_000))),
        ("docking_10000", money(&docking(10_000))),
        ("partner_state_6000", money(&warmed_model(6_000))),
        ("partner_state_10000", money(&warmed_model(10_000))),
        ("partner_state_100000", money(&warmed_model(100_000))),
    ];
    let mut group = c.benchmark_group("outcome_sort");
    for (name, values) in &buffers {
        let mut scratch = SortScratch::default();
        group.throughput(Throughput::Elements(values.len() as u64));
        group.bench_function(*name, |b| {
            b.iter_batched(
                || values.clone(),
                |mut v| {
                    stats::sort_non_negative(&mut v, &mut scratch);
                    v
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

/// Not a measurement: names the processor above the figures.
fn machine(_: &mut Criterion) {
    print_machine();
}

criterion_group!(benches, machine, month_step, docking, ensemble_path, map_job, outcome_sort);
criterion_main!(benches);
