//! Criterion benchmark of the indicator report over 1,000,000 synthetic
//! cases: the full report in one pass, and by sector × pathology.
//!
//! Run: `cargo bench -p cme-pdp --bench indicators`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use cme_pdp::indicators::{Accumulator, Dimension, Period, ReportSpec};
use cme_pdp::policy::preset;
use cme_pdp::synthetic::{population, PopulationOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let n = 1_000_000;
    let cases = population(n, 2026, &PopulationOptions::default());
    let policy = preset("aismt13").unwrap();
    let mut group = c.benchmark_group("indicators_1M");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    for (name, by) in [
        ("full_report", vec![]),
        (
            "by_sector_x_pathology",
            vec![Dimension::Sector, Dimension::Pathology],
        ),
    ] {
        let spec = ReportSpec::new(Period::year(2023), by);
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut acc = Accumulator::new(spec.clone(), policy.clone());
                for case in &cases {
                    acc.add(case);
                }
                acc.finish()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
