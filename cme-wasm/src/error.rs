//! Core errors → thrown JS `Error` objects carrying `code`, `path`,
//! `messageEn` and `issues`, with `name` telling the kind
//! (`ValidationError`, `InvalidArgumentError`, `InputError`).

use cme_core::error::CmeError;
use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

use crate::convert::issues_to_js;

fn build(name: &str, code: &str, path: &str, fr: &str, en: &str, issues: JsValue) -> JsValue {
    let err = Error::new(fr);
    err.set_name(name);
    let obj: &JsValue = err.as_ref();
    // Setting properties on a fresh Error object cannot fail.
    let _ = Reflect::set(obj, &"code".into(), &code.into());
    let _ = Reflect::set(obj, &"path".into(), &path.into());
    let _ = Reflect::set(obj, &"messageEn".into(), &en.into());
    let _ = Reflect::set(obj, &"issues".into(), &issues);
    err.into()
}

/// A core error as a JS `Error`.
pub fn to_js_error(err: &CmeError) -> JsValue {
    let name = err.kind();
    let issues = issues_to_js(err.issues()).unwrap_or_else(|_| js_sys::Array::new().into());
    build(
        name,
        err.code(),
        err.path(),
        &err.message_fr(),
        &err.message_en(),
        issues,
    )
}

/// The JS value cannot be read as JSON (a function, a symbol, a BigInt…).
pub fn input_error() -> JsValue {
    build(
        "InputError",
        "unsupported_type",
        "",
        "La valeur JavaScript ne peut pas être lue comme un document JSON.",
        "The JavaScript value cannot be read as a JSON document.",
        js_sys::Array::new().into(),
    )
}

/// The result could not be converted to JS (should not happen).
pub fn output_error() -> JsValue {
    build(
        "CmeError",
        "output_conversion",
        "",
        "Le résultat n'a pas pu être converti en objet JavaScript.",
        "The result could not be converted to a JavaScript object.",
        js_sys::Array::new().into(),
    )
}
