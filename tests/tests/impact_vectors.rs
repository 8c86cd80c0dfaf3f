//! Every impact vector (a population under two scenarios) passes against
//! cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{failures, load_impact_vectors, run_impact};

#[test]
fn impact_vectors_pass_in_rust() {
    let vectors = load_impact_vectors().unwrap();
    assert!(vectors.len() >= 3);
    let f = failures(&vectors, |v| &v.name, run_impact, |v| v.expected.clone());
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
