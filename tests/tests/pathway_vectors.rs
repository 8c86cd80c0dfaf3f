//! Every pathway vector passes against cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{failures, load_pathway_vectors, run_pathway};

#[test]
fn pathway_vectors_pass_in_rust() {
    let vectors = load_pathway_vectors().unwrap();
    assert!(vectors.len() >= 30, "only {} vectors", vectors.len());
    let f = failures(&vectors, |v| &v.name, run_pathway, |v| v.expected.clone());
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
