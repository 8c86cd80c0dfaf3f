//! Every indicator vector (AIST 43's bilan, AISMT 13's rates, period
//! boundaries, breakdowns) passes against cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{failures, load_indicator_vectors, run_indicators};

#[test]
fn indicator_vectors_pass_in_rust() {
    let vectors = load_indicator_vectors().unwrap();
    assert!(!vectors.is_empty());
    let f = failures(
        &vectors,
        |v| &v.name,
        run_indicators,
        |v| v.expected.clone(),
    );
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
