//! Conversions between JS values and the JSON tree cme-core reads.
//!
//! Data in the interchange formats (a case, a policy) keeps its snake_case
//! keys: it is the same JSON in every binding. The library's own result
//! objects (issues, evaluations, errors) use camelCase keys, as JS expects;
//! message parameters keep their names (they are template names).

use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::JsValue;

/// Reads a JS value as a JSON tree (`undefined` counts as `null`).
pub fn js_to_json(value: JsValue) -> Result<Value, serde_wasm_bindgen::Error> {
    if value.is_undefined() {
        return Ok(Value::Null);
    }
    serde_wasm_bindgen::from_value(value)
}

/// Any serializable value as plain JS objects (objects, not `Map`s).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Renames object keys to camelCase, except below `params`.
pub fn camel_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let v = if k == "params" { v } else { camel_keys(v) };
                out.insert(camel(&k), v);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(camel_keys).collect()),
        other => other,
    }
}

fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Renames the keys of a JS options object to snake_case.
pub fn snake_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (snake(&k), snake_keys(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(snake_keys).collect()),
        other => other,
    }
}

/// A library result object as JS (camelCase keys).
pub fn result_to_js<T: Serialize + ?Sized>(
    value: &T,
) -> Result<JsValue, serde_wasm_bindgen::Error> {
    let json =
        serde_json::to_value(value).map_err(|e| serde_wasm_bindgen::Error::new(e.to_string()))?;
    to_js(&camel_keys(json))
}

/// Issues as a JS array of camelCase objects.
pub fn issues_to_js(
    issues: &[cme_core::issue::Issue],
) -> Result<JsValue, serde_wasm_bindgen::Error> {
    result_to_js(issues)
}
