//! Time of one evaluation natively: the 50 sample cases under each of the
//! seven presets, round after round (BENCHMARKS.md, "Evaluation").
//!
//!     cargo run --release -p cme-pdp --example bench_evaluate [rounds]
//!
//! Prints, per evaluation: `evaluate` of a parsed case under a policy,
//! `evaluate_loaded` under a loaded one (its hash computed once), `decide`
//! (the decisions only, the case checked as `evaluate` checks it), the
//! French text of the result on top, and loading a preset by its code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cme_pdp::evaluate::{decide, evaluate, evaluate_loaded, EvaluableCase};
use cme_pdp::policy::{preset, preset_codes, Loaded};
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

    let loaded: Vec<&Loaded> = preset_codes()
        .into_iter()
        .map(|c| Loaded::preset(c).expect("preset"))
        .collect();
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        for p in &loaded {
            for c in &cases {
                std::hint::black_box(evaluate_loaded(c, p, SAMPLE_AS_OF).expect("evaluate"));
            }
        }
    }
    let eval_loaded = t.elapsed().as_secs_f64() * 1e6 / n as f64;

    // the decisions only, many more rounds (they are fast)
    let d_rounds = rounds * 20;
    let t = std::time::Instant::now();
    for _ in 0..d_rounds {
        for p in &loaded {
            for c in &cases {
                std::hint::black_box(decide(c, p, SAMPLE_AS_OF).expect("decide"));
            }
        }
    }
    let decisions = t.elapsed().as_secs_f64() * 1e6 / (n * 20) as f64;

    // the decisions of cases checked once (EvaluableCase)
    let checked: Vec<EvaluableCase> = cases
        .iter()
        .map(|c| EvaluableCase::new(c.clone()).expect("evaluable"))
        .collect();
    let t = std::time::Instant::now();
    for _ in 0..d_rounds {
        for p in &loaded {
            for c in &checked {
                std::hint::black_box(c.decide(p, SAMPLE_AS_OF).expect("decide"));
            }
        }
    }
    let decisions_checked = t.elapsed().as_secs_f64() * 1e6 / (n * 20) as f64;

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
         ({:.0} per second), evaluate_loaded {eval_loaded:.2} µs, decide {decisions:.3} µs \
         ({:.0} decisions per second), decide on a case checked once {decisions_checked:.3} µs \
         ({:.0} per second), French text +{text:.2} µs; preset by code {load:.2} µs",
        1e6 / eval,
        1e6 / decisions,
        1e6 / decisions_checked
    );
}
