//! Helpers shared by the integration tests.

use serde_json::Value;

/// A value that must never come back in an issue, an error, an explanation
/// or a report.
pub const SENTINEL: &str = "ZQXSENTINEL";

/// Replaces every string leaf of a document (dates included) with the
/// sentinel followed by the old text.
pub fn poison(value: &mut Value) {
    match value {
        Value::String(s) => *s = format!("{SENTINEL}-{s}"),
        Value::Array(items) => items.iter_mut().for_each(poison),
        Value::Object(map) => map.values_mut().for_each(poison),
        _ => {}
    }
}
