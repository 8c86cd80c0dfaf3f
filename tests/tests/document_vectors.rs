//! Every document vector (a document of the cell filled from a case as of
//! a date, or its refusal) passes against cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{failures, load_document_vectors, run_document};

#[test]
fn document_vectors_pass_in_rust() {
    let vectors = load_document_vectors().unwrap();
    assert!(vectors.len() >= 12);
    let f = failures(&vectors, |v| &v.name, run_document, |v| v.expected.clone());
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
