//! The browser package of cme (wasm-bindgen): validate and evaluate a case
//! in the page with the very rules the server uses.
//!
//! The boundary is JSON text, in both directions: the hand-written ES
//! module `js/cme.js` (the package's entry point) turns JS values into JSON
//! with `JSON.stringify`, calls [`call`] with the name of an operation, and
//! reads back an envelope, `{"ok": …}` or `{"error": …}`; on an error it
//! throws a `CmeError` (a subclass of `Error`) carrying the code, the path,
//! the messages and the issues. Going through text keeps the module small
//! (no serializer for JS objects is compiled in) and makes the browser read
//! exactly the JSON every other binding reads.
//!
//! Thin: [`ops`] names the operations, converts keys and errors, and
//! delegates to `cme-core`.

use wasm_bindgen::prelude::*;

pub mod ops;

/// Runs the operation `op` on its arguments (a JSON object) and returns the
/// envelope as JSON text: `{"ok": result}` or `{"error": {name, code, path,
/// message, messageEn, issues}}`. Never throws.
///
/// ```
/// let out = cme_wasm::call("version", "{}");
/// assert!(out.starts_with(r#"{"ok":""#));
/// ```
#[wasm_bindgen]
pub fn call(op: &str, args: &str) -> String {
    ops::call_text(op, args)
}
