//! Every worklist vector (the cell's lists over a portfolio as of a date)
//! passes against cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{failures, load_worklist_vectors, run_worklist};

#[test]
fn worklist_vectors_pass_in_rust() {
    let vectors = load_worklist_vectors().unwrap();
    assert!(vectors.len() >= 10);
    let f = failures(&vectors, |v| &v.name, run_worklist, |v| v.expected.clone());
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
