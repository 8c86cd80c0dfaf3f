//! Every company vector (the report of one company of more than 300
//! employees, D4622-54) passes against cme-core.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{failures, load_company_vectors, run_company};

#[test]
fn company_vectors_pass_in_rust() {
    let vectors = load_company_vectors().unwrap();
    assert!(vectors.len() >= 3);
    let f = failures(&vectors, |v| &v.name, run_company, |v| v.expected.clone());
    assert!(f.is_empty(), "{} failures:\n{}", f.len(), f.join("\n"));
}
