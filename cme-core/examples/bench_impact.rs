//! The cost of an impact comparison next to one evaluation pass over the
//! same population (BENCHMARKS.md, "Impact of a change of rules").
//!
//!     cargo run --release -p cme-pdp --example bench_impact [cases]
//!
//! Generates `cases` synthetic cases (1,000,000 by default), then times, in
//! one run: one evaluation pass (every case evaluated once under AIST 43's
//! policy; run twice, the faster kept), and the impact of imposing the thresholds of décret
//! n° 2022-372 against the earlier ones (the same policy: the calendar of
//! each case computed again under the other options, compared), and of
//! AIST 43's policy against AISMT 13's (every case evaluated twice); the
//! changed cases are kept with the reasons of both decisions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cme_pdp::evaluate::evaluate_loaded;
use cme_pdp::impact::{impact, Scenario};
use cme_pdp::legal::{LegalOptions, Thresholds};
use cme_pdp::policy::Loaded;
use cme_pdp::synthetic::{population, PopulationOptions};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("cases"))
        .unwrap_or(1_000_000);
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let t = std::time::Instant::now();
    let cases = population(n, 2024, &PopulationOptions::default());
    let generated = t.elapsed().as_secs_f64();
    let loaded = Loaded::preset("aist43").unwrap();

    // the pass twice, the faster kept (the first warms the allocator)
    let mut pass = f64::INFINITY;
    let mut evaluated = 0usize;
    for _ in 0..2 {
        let t = std::time::Instant::now();
        evaluated = 0;
        for c in &cases {
            std::hint::black_box(evaluate_loaded(c, loaded, as_of).expect("evaluate"));
            evaluated += 1;
        }
        pass = pass.min(t.elapsed().as_secs_f64());
    }

    let scenario = |thresholds| {
        let mut legal = LegalOptions::default();
        legal.thresholds = Some(thresholds);
        Scenario::new(loaded.clone(), legal)
    };
    let (before, after) = (
        scenario(Thresholds::Avant2022),
        scenario(Thresholds::Depuis2022),
    );
    let t = std::time::Instant::now();
    let r = impact(&cases, &before, &after, as_of).expect("impact");
    let compared = t.elapsed().as_secs_f64();

    let other = Scenario::new(
        Loaded::preset("aismt13").unwrap().clone(),
        LegalOptions::default(),
    );
    let same = Scenario::new(loaded.clone(), LegalOptions::default());
    let t = std::time::Instant::now();
    let p = impact(&cases, &same, &other, as_of).expect("impact");
    let policies = t.elapsed().as_secs_f64();

    println!(
        "{n} synthetic cases (generated in {generated:.1} s), as of {as_of}:\n  \
         one evaluation pass: {pass:.2} s ({:.2} µs a case, {evaluated} cases)\n  \
         impact, thresholds before vs since 2022: {compared:.2} s ({:.2}x the pass), \
         {} cases changed ({} in their visit obligations)\n  \
         impact, AIST 43's policy vs AISMT 13's: {policies:.2} s ({:.2}x the pass), {} cases changed",
        pass * 1e6 / n as f64,
        compared / pass,
        r.changed,
        r.by_aspect
            .iter()
            .find(|a| cme_pdp::codes::Code::code(a.aspect) == "obligation")
            .map_or(0, |a| a.cases),
        policies / pass,
        p.changed,
    );
}
