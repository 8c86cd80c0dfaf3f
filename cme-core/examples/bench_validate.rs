//! Time of one validation of a sample case, natively (the figure
//! BENCHMARKS.md compares with the browser's).
//!
//!     cargo run --release -p cme-pdp --example bench_validate [iterations]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("iterations"))
        .unwrap_or(200_000);
    let cases = cme_pdp::sample::sample_json_values().expect("sample");
    let texts: Vec<String> = cases.iter().map(|c| c.to_string()).collect();
    let options = cme_pdp::validate::ValidateOptions::as_of(Some(cme_pdp::sample::SAMPLE_AS_OF));
    let t = std::time::Instant::now();
    for i in 0..n {
        let v: serde_json::Value = serde_json::from_str(&texts[i % texts.len()]).unwrap();
        std::hint::black_box(v);
    }
    let parse = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    let t = std::time::Instant::now();
    for i in 0..n {
        std::hint::black_box(cme_pdp::validate::validate(
            &cases[i % cases.len()],
            &options,
        ));
    }
    let validate = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("{n} validations of the 50 sample cases: JSON parsing {parse:.2} µs, validation {validate:.2} µs per case");
}
