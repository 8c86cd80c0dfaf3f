//! Host-language bindings of cme (uniffi, proc-macros): Kotlin/Java, Swift,
//! Python, C# (uniffi-bindgen-cs). No rule lives here: conversions only
//! (`convert.rs`) and the error mapping (`error.rs`).
//!
//! Cases cross the boundary as JSON texts in the interchange format (its
//! `format_version` and JSON Schema are the contract); issues and errors
//! are records with `code`, `path` and messages in French and English.

use std::collections::HashMap;

mod convert;
mod error;

uniffi::setup_scaffolding!();

/// One problem of an input (never the value of a field).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Issue {
    /// Stable issue code.
    pub code: String,
    /// Path of the field, e.g. `sick_leaves[0].end`.
    pub path: String,
    /// Parameters of the message.
    pub params: HashMap<String, String>,
    /// Message in French.
    pub message: String,
    /// Message in English.
    pub message_en: String,
}

/// A failed call: every variant carries a stable code and a path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum CmeError {
    /// An argument is invalid (e.g. `as_of` is not a `YYYY-MM-DD` date).
    #[error("{message}")]
    InvalidArgument {
        /// Stable code.
        code: String,
        /// The argument at fault.
        path: String,
        /// Message in French.
        message: String,
        /// Message in English.
        message_en: String,
    },
    /// The case is invalid; `issues` lists every problem.
    #[error("{message}")]
    Validation {
        /// Stable code (`invalid_case`).
        code: String,
        /// `""`: the whole case.
        path: String,
        /// Message in French.
        message: String,
        /// Message in English.
        message_en: String,
        /// Every problem.
        issues: Vec<Issue>,
    },
    /// An error kind added to the core after this binding was built.
    #[error("{message}")]
    Internal {
        /// Stable code.
        code: String,
        /// Path at fault.
        path: String,
        /// Message in French.
        message: String,
        /// Message in English.
        message_en: String,
    },
}

fn options(as_of: Option<String>) -> Result<cme_core::validate::ValidateOptions, CmeError> {
    let as_of = as_of
        .map(|text| cme_core::error::parse_as_of(&text))
        .transpose()?;
    Ok(cme_core::validate::ValidateOptions { as_of })
}

/// The version of the library.
#[uniffi::export]
pub fn version() -> String {
    cme_core::VERSION.to_string()
}

/// Every problem of a case given as a JSON text (malformed JSON is an issue
/// too); an empty list means the case is valid.
#[uniffi::export]
pub fn validate(case_json: String, as_of: Option<String>) -> Result<Vec<Issue>, CmeError> {
    let options = options(as_of)?;
    Ok(convert::issues(&cme_core::validate::validate_json(
        &case_json, &options,
    )))
}

/// The case in its normalized interchange form (a JSON text), or
/// `CmeError::Validation` with every issue.
#[uniffi::export]
pub fn parse_case(case_json: String, as_of: Option<String>) -> Result<String, CmeError> {
    let options = options(as_of)?;
    let case = cme_core::validate::parse_case_json(&case_json, &options)
        .map_err(cme_core::error::CmeError::from)?;
    serde_json::to_string(&case).map_err(|_| CmeError::Internal {
        code: "output_conversion".into(),
        path: String::new(),
        message: "Le dossier n'a pas pu être converti en JSON.".into(),
        message_en: "The case could not be converted to JSON.".into(),
    })
}

/// The JSON Schema of the interchange format, as a JSON text.
#[uniffi::export]
pub fn case_schema_json() -> String {
    cme_core::schema::case_schema().to_string()
}

/// The bundled sample of 50 synthetic cases, as a JSON text (an array).
#[uniffi::export]
pub fn sample_cases_json() -> String {
    cme_core::sample::SAMPLE_JSON.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_with_code_and_path() {
        let err = validate("{}".into(), Some("31/12/2024".into())).unwrap_err();
        match err {
            CmeError::InvalidArgument { code, path, .. } => {
                assert_eq!(code, "invalid_as_of");
                assert_eq!(path, "as_of");
            }
            other => panic!("{other:?}"),
        }
        match parse_case("{}".into(), None).unwrap_err() {
            CmeError::Validation { code, issues, .. } => {
                assert_eq!(code, "invalid_case");
                assert_eq!(issues.len(), 5);
            }
            other => panic!("{other:?}"),
        }
    }
}
