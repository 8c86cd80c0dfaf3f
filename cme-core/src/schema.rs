//! The JSON Schema of the interchange format, generated from the Rust types.
//!
//! The checked-in copy is `schema/case.schema.json` at the root of the
//! repository; a test fails when it drifts from the types (regenerate with
//! `CME_BLESS=1 cargo test -p cme-core --test schema`).
//!
//! The schema describes the shape; [`crate::validate`] also checks what a
//! schema cannot say (dates in order, consistency), and reports every
//! problem with a stable code.
//!
//! ```
//! let schema = cme_core::schema::case_schema();
//! assert_eq!(schema["title"], "Case");
//! assert_eq!(schema["additionalProperties"], false);
//! ```

use serde_json::Value;

/// The JSON Schema (draft 2020-12) of a [`crate::case::Case`].
///
/// ```
/// let schema = cme_core::schema::case_schema();
/// let required = schema["required"].as_array().unwrap();
/// assert!(required.iter().any(|f| f == "signalement"));
/// ```
pub fn case_schema() -> Value {
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
