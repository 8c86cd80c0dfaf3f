//! Errors of a call (as opposed to issues of an input).
//!
//! "The input is invalid" is data: a list of [`crate::issue::Issue`]s.
//! "The call itself failed" is a [`CmeError`]: a bad argument (an evaluation
//! date that is not a date), or a case that had to be valid and was not.
//! Every variant has a stable [`CmeError::code`], a [`CmeError::path`] and
//! messages in French and English; none carries a value of the input.
//! Bindings map each variant to their idiom (a Python exception class, a JS
//! `Error` with `code`, a uniffi error enum).
//!
//! ```
//! use cme_core::error::{parse_as_of, CmeError};
//! let err = parse_as_of("31/12/2024").unwrap_err();
//! assert_eq!(err.code(), "invalid_as_of");
//! assert_eq!(err.path(), "as_of");
//! assert!(!err.message_fr().contains("31/12"));
//! ```

use chrono::NaiveDate;

use crate::issue::Issue;
use crate::validate::{parse_iso_date, ValidationError};

/// A failed call.
///
/// ```
/// use cme_core::error::CmeError;
/// let e = CmeError::InvalidAsOf;
/// assert_eq!(e.to_string(), e.message_fr());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CmeError {
    /// The evaluation date is not a `YYYY-MM-DD` calendar date.
    #[error("{}", self.message_fr())]
    InvalidAsOf,
    /// The case had to be valid and was not: every issue is attached.
    #[error("{}", self.message_fr())]
    InvalidCase(ValidationError),
}

impl CmeError {
    /// The stable code.
    ///
    /// ```
    /// assert_eq!(cme_core::error::CmeError::InvalidAsOf.code(), "invalid_as_of");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CmeError::InvalidAsOf => "invalid_as_of",
            CmeError::InvalidCase(_) => "invalid_case",
        }
    }

    /// The path of the argument or field at fault (`""` for the whole case).
    ///
    /// ```
    /// assert_eq!(cme_core::error::CmeError::InvalidAsOf.path(), "as_of");
    /// ```
    pub fn path(&self) -> &'static str {
        match self {
            CmeError::InvalidAsOf => "as_of",
            CmeError::InvalidCase(_) => "",
        }
    }

    /// The message in French.
    ///
    /// ```
    /// let m = cme_core::error::CmeError::InvalidAsOf.message_fr();
    /// assert!(m.contains("AAAA-MM-JJ"));
    /// ```
    pub fn message_fr(&self) -> String {
        match self {
            CmeError::InvalidAsOf => {
                "La date d'évaluation doit être une date au format AAAA-MM-JJ.".to_string()
            }
            CmeError::InvalidCase(e) => {
                let first = e.issues.first().map(|i| {
                    if i.path.as_str().is_empty() {
                        format!(" Premier problème : {}", i.message)
                    } else {
                        format!(" Premier problème ({}) : {}", i.path, i.message)
                    }
                });
                format!(
                    "Dossier invalide : {} problème(s).{}",
                    e.issues.len(),
                    first.unwrap_or_default()
                )
            }
        }
    }

    /// The message in English.
    ///
    /// ```
    /// let m = cme_core::error::CmeError::InvalidAsOf.message_en();
    /// assert!(m.contains("YYYY-MM-DD"));
    /// ```
    pub fn message_en(&self) -> String {
        match self {
            CmeError::InvalidAsOf => "The evaluation date must be a YYYY-MM-DD date.".to_string(),
            CmeError::InvalidCase(e) => {
                let first = e
                    .issues
                    .first()
                    .map(|i| format!(" First issue ({}): {}", i.path, i.message_en));
                format!(
                    "Invalid case: {} issue(s).{}",
                    e.issues.len(),
                    first.unwrap_or_default()
                )
            }
        }
    }

    /// The issues of an invalid case (empty for other errors).
    ///
    /// ```
    /// assert!(cme_core::error::CmeError::InvalidAsOf.issues().is_empty());
    /// ```
    pub fn issues(&self) -> &[Issue] {
        match self {
            CmeError::InvalidCase(e) => &e.issues,
            CmeError::InvalidAsOf => &[],
        }
    }
}

impl From<ValidationError> for CmeError {
    fn from(e: ValidationError) -> Self {
        CmeError::InvalidCase(e)
    }
}

/// Reads an evaluation date given as text by a binding.
///
/// ```
/// let d = cme_core::error::parse_as_of("2024-02-29").unwrap();
/// assert_eq!(d.to_string(), "2024-02-29");
/// ```
pub fn parse_as_of(text: &str) -> Result<NaiveDate, CmeError> {
    parse_iso_date(text).ok_or(CmeError::InvalidAsOf)
}
