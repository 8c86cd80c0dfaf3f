//! Times the full indicator report over a synthetic population, single
//! pass, then by sector × pathology, and prints cases per second and the
//! peak memory of the process (VmHWM, Linux).
//!
//! Run: `cargo run --release -p cme-pdp --example bench_indicators -- 1000000`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Instant;

use cme_pdp::indicators::{Accumulator, Dimension, Period, ReportSpec};
use cme_pdp::policy::preset;
use cme_pdp::synthetic::{population, PopulationOptions};

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let cases = population(n, 2026, &PopulationOptions::default());
    println!("generated {n} cases in {:.2} s", t.elapsed().as_secs_f64());
    let policy = preset("aismt13").unwrap();
    for (label, by) in [
        ("full report, single pass", vec![]),
        (
            "by sector x pathology",
            vec![Dimension::Sector, Dimension::Pathology],
        ),
    ] {
        let spec = ReportSpec::new(Period::year(2023), by);
        let t = Instant::now();
        let mut acc = Accumulator::new(spec, policy.clone());
        for c in &cases {
            acc.add(c);
        }
        let report = acc.finish();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{label}: {n} cases in {secs:.3} s = {:.2} M cases/s ({} cells, signalements {})",
            n as f64 / secs / 1e6,
            report.cells.len().max(1),
            report
                .total
                .get("signalements")
                .map(|v| v.numerator)
                .unwrap_or(0)
        );
    }
    if let Some(mib) = peak_rss_mib() {
        println!("peak memory (VmHWM, cases included): {mib:.0} MiB");
    }
}
