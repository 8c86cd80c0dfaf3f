//! Conversions between JS values and the JSON tree cme-core reads.
//!
//! The case keeps the interchange format's snake_case keys (the same JSON
//! in every binding); the library's own objects (issues, errors) use
//! camelCase names, as JS expects.

use cme_core::issue::Issue;
use serde::Serialize;
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;

/// An issue as JS sees it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsIssue<'a> {
    code: &'static str,
    path: &'a str,
    params: &'a BTreeMap<String, String>,
    message: &'a str,
    message_en: &'a str,
}

impl<'a> From<&'a Issue> for JsIssue<'a> {
    fn from(i: &'a Issue) -> Self {
        JsIssue {
            code: i.code.code(),
            path: i.path.as_str(),
            params: &i.params,
            message: &i.message,
            message_en: &i.message_en,
        }
    }
}

/// Reads a JS value as a JSON tree (`undefined` counts as `null`).
pub fn js_to_json(value: JsValue) -> Result<serde_json::Value, serde_wasm_bindgen::Error> {
    if value.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    serde_wasm_bindgen::from_value(value)
}

/// Any serializable value as plain JS objects (objects, not `Map`s).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// Issues as a JS array of camelCase objects.
pub fn issues_to_js(issues: &[Issue]) -> Result<JsValue, serde_wasm_bindgen::Error> {
    let js: Vec<JsIssue<'_>> = issues.iter().map(JsIssue::from).collect();
    to_js(&js)
}
