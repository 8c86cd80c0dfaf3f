//! The browser package of cme (wasm-bindgen): validate a case in the page
//! with the very rules the server uses.
//!
//! Thin: converts JS values (`convert.rs`), maps errors (`error.rs`) and
//! delegates to `cme-core`. Invalid input returns issues; a misuse (a bad
//! evaluation date, a value that is not JSON) throws an `Error` carrying
//! `code` and `path`.

use cme_core::error::{parse_as_of, CmeError};
use cme_core::validate::ValidateOptions;
use wasm_bindgen::prelude::*;

mod convert;
mod error;

use convert::{issues_to_js, js_to_json, to_js};
use error::{input_error, output_error, to_js_error};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One problem of an input: a stable code, the path of the field, the
 * message parameters and the messages in French and English. Never the
 * value of the field. */
export interface Issue {
  code: string;
  path: string;
  params: Record<string, string>;
  message: string;
  messageEn: string;
}

/** An entry of the issue catalogue. */
export interface IssueCodeInfo {
  code: string;
  params: string[];
  templateFr: string;
  templateEn: string;
}

/** Thrown on misuse: `name` is ValidationError, InvalidArgumentError or
 * InputError. */
export interface CmeError extends Error {
  code: string;
  path: string;
  messageEn: string;
  issues: Issue[];
}

/** A case in the interchange format (see case.d.ts, generated from the JSON Schema). */
export type { Case } from "./case";
"#;

fn options(as_of: Option<String>) -> Result<ValidateOptions, JsValue> {
    let as_of = match as_of {
        Some(text) => Some(parse_as_of(&text).map_err(|e| to_js_error(&e))?),
        None => None,
    };
    Ok(ValidateOptions { as_of })
}

/// The version of the library.
#[wasm_bindgen]
pub fn version() -> String {
    cme_core::VERSION.to_string()
}

/// Every problem of a case given as a JS object (an empty array means the
/// case is valid). `asOf` is the evaluation date (`YYYY-MM-DD`).
#[wasm_bindgen(unchecked_return_type = "Issue[]")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
) -> Result<JsValue, JsValue> {
    let options = options(as_of)?;
    let value = js_to_json(input).map_err(|_| input_error())?;
    let issues = cme_core::validate::validate(&value, &options);
    issues_to_js(&issues).map_err(|_| output_error())
}

/// Every problem of a case given as a JSON text.
#[wasm_bindgen(js_name = validateJson, unchecked_return_type = "Issue[]")]
pub fn validate_json(
    text: &str,
    #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
) -> Result<JsValue, JsValue> {
    let options = options(as_of)?;
    let issues = cme_core::validate::validate_json(text, &options);
    issues_to_js(&issues).map_err(|_| output_error())
}

/// The case in its normalized interchange form; throws a `ValidationError`
/// whose `issues` lists every problem.
#[wasm_bindgen(js_name = parseCase, unchecked_return_type = "Case")]
pub fn parse_case(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
) -> Result<JsValue, JsValue> {
    let options = options(as_of)?;
    let value = js_to_json(input).map_err(|_| input_error())?;
    match cme_core::validate::parse_case(&value, &options) {
        Ok(case) => to_js(&case).map_err(|_| output_error()),
        Err(e) => Err(to_js_error(&CmeError::from(e))),
    }
}

/// The JSON Schema of the interchange format.
#[wasm_bindgen(js_name = caseSchema, unchecked_return_type = "Record<string, unknown>")]
pub fn case_schema() -> Result<JsValue, JsValue> {
    to_js(&cme_core::schema::case_schema()).map_err(|_| output_error())
}

/// The catalogue of issue codes with their French and English templates.
#[wasm_bindgen(js_name = issueCodes, unchecked_return_type = "IssueCodeInfo[]")]
pub fn issue_codes() -> Result<JsValue, JsValue> {
    use cme_core::issue::{IssueCode, Lang};
    let entries: Vec<serde_json::Value> = IssueCode::ALL
        .iter()
        .map(|c| {
            serde_json::json!({
                "code": c.code(),
                "params": c.params(),
                "templateFr": c.template(Lang::Fr),
                "templateEn": c.template(Lang::En),
            })
        })
        .collect();
    to_js(&entries).map_err(|_| output_error())
}
