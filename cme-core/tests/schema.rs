//! The checked-in JSON Schema matches the Rust types; the sample conforms
//! to its structure. Regenerate with `CME_BLESS=1 cargo test -p cme-pdp --test schema`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/case.schema.json")
}

#[test]
fn checked_in_schema_matches_the_types() {
    let generated =
        serde_json::to_string_pretty(&cme_pdp::schema::generate_case_schema()).unwrap() + "\n";
    let path = schema_path();
    if std::env::var_os("CME_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "cme-core/schema/case.schema.json drifted from the Rust types: run \
         `CME_BLESS=1 cargo test -p cme-pdp --test schema` and commit the result"
    );
}

#[test]
fn schema_lists_every_code_of_the_model() {
    use cme_pdp::codes::Code;
    let text = serde_json::to_string(&cme_pdp::schema::case_schema()).unwrap();
    for code in cme_pdp::case::ExitResult::ALL {
        assert!(text.contains(&format!("\"{}\"", code.code())), "{code}");
    }
    for code in cme_pdp::case::EventType::ALL {
        assert!(text.contains(&format!("\"{}\"", code.code())), "{code}");
    }
}
