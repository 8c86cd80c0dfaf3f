//! The JSON Schema of the interchange format.
//!
//! The schema is generated from the Rust types by schemars (feature
//! `schema`, on by default) and checked in as `cme-core/schema/case.schema.json`;
//! a test fails when the two drift apart (regenerate with
//! `CME_BLESS=1 cargo test -p cme-pdp --test schema`). At run time the
//! library serves the checked-in text, embedded at compile time, so that the
//! bindings (the browser package above all) carry no schema generator.
//!
//! The schema describes the shape; [`crate::validate`] also checks what a
//! schema cannot say (dates in order, consistency), and reports every
//! problem with a stable code.
//!
//! ```
//! let schema = cme_pdp::schema::case_schema();
//! assert_eq!(schema["title"], "Case");
//! assert_eq!(schema["additionalProperties"], false);
//! ```

use serde_json::Value;

/// The checked-in JSON Schema (draft 2020-12) of a [`crate::case::Case`], as text.
///
/// ```
/// assert!(cme_pdp::schema::CASE_SCHEMA_JSON.contains("\"signalement\""));
/// ```
pub const CASE_SCHEMA_JSON: &str = include_str!("../schema/case.schema.json");

/// The JSON Schema (draft 2020-12) of a [`crate::case::Case`].
///
/// ```
/// let schema = cme_pdp::schema::case_schema();
/// let required = schema["required"].as_array().unwrap();
/// assert!(required.iter().any(|f| f == "signalement"));
/// ```
pub fn case_schema() -> Value {
    // The text is checked in and tested (it parses and matches the types);
    // `Null` cannot happen but keeps the library free of panics.
    serde_json::from_str(CASE_SCHEMA_JSON).unwrap_or(Value::Null)
}

/// Generates the JSON Schema from the Rust types (what the checked-in copy
/// must equal).
///
/// ```
/// assert_eq!(cme_pdp::schema::generate_case_schema(), cme_pdp::schema::case_schema());
/// ```
#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub fn generate_case_schema() -> Value {
    let mut schema = schemars::schema_for!(crate::case::Case).to_value();
    strip_examples(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            Value::String(format!(
                "https://cme.invalid/schema/case-v{}.json",
                crate::case::FORMAT_VERSION
            )),
        );
    }
    schema
}

#[cfg(feature = "schema")]
/// Keeps the prose of doc comments in `description`s and drops their code
/// examples, which are doctests for Rust readers, not schema documentation.
fn strip_examples(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "description" {
                    if let Value::String(text) = v {
                        if let Some(at) = text.find("```") {
                            text.truncate(at);
                        }
                        let trimmed = text.trim_end().replace('\n', " ");
                        *text = trimmed;
                    }
                } else {
                    strip_examples(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_examples),
        _ => {}
    }
}
