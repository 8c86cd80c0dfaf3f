//! Every legal boundary vector passes against cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{failures, load_legal_vectors, run_legal};

#[test]
fn legal_vectors_pass_in_rust() {
    let vectors = load_legal_vectors().unwrap();
    assert!(vectors.len() >= 30, "only {} vectors", vectors.len());
    let f = failures(&vectors, |v| &v.name, run_legal, |v| v.expected.clone());
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
