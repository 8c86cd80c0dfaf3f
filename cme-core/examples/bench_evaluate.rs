//! Time of one evaluation natively: the 50 sample cases under each of the
//! seven presets, round after round (BENCHMARKS.md, "Evaluation").
//!
//!     cargo run --release -p cme-pdp --example bench_evaluate [rounds]
//!
//! Prints, per evaluation: `evaluate` of a parsed case under a loaded
//! policy, the French text of the result on top, and loading a preset by
//! its code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cme_pdp::evaluate::evaluate;
use cme_pdp::policy::{preset, preset_codes};
use cme_pdp::sample::{sample_cases, SAMPLE_AS_OF};

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("rounds"))
        .unwrap_or(40);
    let cases = sample_cases().expect("sample");
    let policies: Vec<_> = preset_codes()
        .into_iter()
        .map(|c| preset(c).expect("preset"))
        .collect();
    let n = rounds * cases.len() * policies.len();

    let t = std::time::Instant::now();
    for _ in 0..rounds {
        for p in &policies {
            for c in &cases {
                std::hint::black_box(evaluate(c, p, SAMPLE_AS_OF).expect("evaluate"));
            }
        }
    }
    let eval = t.elapsed().as_secs_f64() * 1e6 / n as f64;

    let t = std::time::Instant::now();
    for _ in 0..rounds {
        for p in &policies {
            for c in &cases {
                let e = evaluate(c, p, SAMPLE_AS_OF).expect("evaluate");
                std::hint::black_box(e.to_text_fr());
            }
        }
    }
    let text = t.elapsed().as_secs_f64() * 1e6 / n as f64 - eval;

    let loads = rounds * 50;
    let t = std::time::Instant::now();
    for i in 0..loads {
        let code = preset_codes()[i % 7];
        std::hint::black_box(preset(code).expect("preset"));
    }
    let load = t.elapsed().as_secs_f64() * 1e6 / loads as f64;

    println!(
        "{n} evaluations (50 sample cases x 7 presets x {rounds}): evaluate {eval:.2} µs \
         ({:.0} per second), French text +{text:.2} µs; preset by code {load:.2} µs",
        1e6 / eval
    );
}
