//! Every indicator vector (AIST 43's bilan, AISMT 13's rates, period
//! boundaries, breakdowns) passes against cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{load_indicator_vectors, run_indicators};

#[test]
fn indicator_vectors_pass_in_rust() {
    let vectors = load_indicator_vectors().unwrap();
    assert!(!vectors.is_empty());
    let mut failures = Vec::new();
    for v in &vectors {
        match run_indicators(v) {
            Ok(got) if got == v.expected => {}
            Ok(got) => failures.push(format!(
                "{}:\n  expected {}\n  got      {}",
                v.name,
                serde_json::to_string(&v.expected).unwrap(),
                serde_json::to_string(&got).unwrap()
            )),
            Err(e) => failures.push(format!("{}: {e}", v.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
