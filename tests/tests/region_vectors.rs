//! Every region vector (services each under its own policy, added up)
//! passes against cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{failures, load_region_vectors, run_region};

#[test]
fn region_vectors_pass_in_rust() {
    let vectors = load_region_vectors().unwrap();
    assert!(vectors.len() >= 3);
    let f = failures(&vectors, |v| &v.name, run_region, |v| v.expected.clone());
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
