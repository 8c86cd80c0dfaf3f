//! Every validation vector passes against cme-core, and every issue code of
//! the catalogue is exercised by at least one vector or listed as reachable
//! only from elsewhere.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use cme_conformance::{failures, load_pathway_vectors, load_validation_vectors, run_validation};
use cme_pdp::issue::IssueCode;

#[test]
fn validation_vectors_pass_in_rust() {
    let vectors = load_validation_vectors().unwrap();
    assert!(vectors.len() >= 30, "only {} vectors", vectors.len());
    let sorted = |v: &cme_conformance::ValidationVector| {
        let mut e = v.expected.clone();
        e.sort();
        e
    };
    let f = failures(
        &vectors,
        |v| &v.name,
        |v| Ok::<_, String>(run_validation(v)),
        sorted,
    );
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn every_issue_code_has_a_vector() {
    let vectors = load_validation_vectors().unwrap();
    let mut covered: BTreeSet<String> = vectors
        .iter()
        .flat_map(|v| v.expected.iter().map(|e| e.code.clone()))
        .collect();
    for v in load_pathway_vectors().unwrap() {
        covered.extend(v.expected.refused.iter().map(|r| r.code.clone()));
    }
    // Codes of the legal calendar's input, in legal vectors' `error`.
    for v in cme_conformance::load_legal_vectors().unwrap() {
        if let Some(errors) = v.expected.get("error").and_then(|e| e.as_array()) {
            covered.extend(
                errors
                    .iter()
                    .filter_map(|e| e["code"].as_str().map(str::to_string)),
            );
        }
    }
    // Tested in cme-core: a document over 1 MiB, policy files
    // (cme-core/tests/policy.rs), accumulator states (cme-core/tests/state.rs).
    let elsewhere = [
        "document_too_large",
        "inconsistent_counters",
        "counter_overflow",
        "invalid_toml",
        "follow_ups_not_increasing",
        "results_incomplete",
        // publication: inconsistent_publication in cme-core/tests/publication.rs;
        // the other two are the refusal when suppression or the solver fails,
        // which no genuine input reaches
        "inconsistent_publication",
        "publication_not_protected",
        "audit_failed",
        // budgets: the cells of a breakdown (a vector would need 10,001
        // cells), in the core's doctests and tests/python/test_abuse.py
        "too_many_cells",
        // what a binding refuses while converting a host value (Python,
        // JS), in tests/python and tests/node: no JSON text carries them
        "non_finite_number",
        "integer_too_large",
        "input_too_deep",
        "unsupported_key",
        "unsupported_type",
        "invalid_text",
        "not_a_list",
        "unreadable_table",
        "synthetic_shortfall",
        // reading a CSV export (the core's export module): no JSON case
        // carries them; cme-core/src/export/tests.rs, the CLI's tests and
        // tests/python/test_read_csv.py read files that give each
        "empty_file",
        "invalid_encoding",
        "malformed_csv",
        "field_count",
        "ignored_column",
        "unknown_column",
        "duplicate_column",
        "missing_column",
        // the company report's request (not a case): the vectors of
        // tests/vectors/companies/ give it
        "company_not_covered",
        // the cell's documents (a template, a letter's recipient, not a
        // case): cme-core/tests/documents.rs gives each, and
        // tests/python/test_documents.py and the CLI's tests the refusals
        "document_without_consent",
        "unknown_template_field",
        "invalid_template",
        "missing_document_fact",
    ];
    let missing: Vec<&str> = IssueCode::ALL
        .iter()
        .map(|c| c.code())
        .filter(|c| !covered.contains(*c) && !elsewhere.contains(c))
        .collect();
    assert!(missing.is_empty(), "codes without a vector: {missing:?}");
}
