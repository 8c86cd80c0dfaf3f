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
//! use cme_pdp::error::{parse_as_of, CmeError};
//! let err = parse_as_of("31/12/2024").unwrap_err();
//! assert_eq!(err.code(), "invalid_as_of");
//! assert_eq!(err.path(), "as_of");
//! assert!(!err.message_fr().contains("31/12"));
//! ```

use chrono::NaiveDate;

use crate::dates::parse_iso_date;
use crate::issue::Issue;

/// A case that did not pass validation: its issues.
///
/// ```
/// use cme_pdp::validate::{parse_case_json, ValidateOptions};
/// let err = parse_case_json("{}", &ValidateOptions::default()).unwrap_err();
/// assert!(err.issues.iter().any(|i| i.path.as_str() == "signalement"));
/// assert!(err.to_string().starts_with("Dossier invalide"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Dossier invalide : {} problème(s) / invalid case: {} issue(s)", issues.len(), issues.len())]
pub struct ValidationError {
    /// Every problem found.
    pub issues: Vec<Issue>,
}

/// A policy that did not load: every problem, with its path.
///
/// ```
/// let err = cme_pdp::policy::Policy::from_json_str("{}").unwrap_err();
/// assert!(err.issues.iter().any(|i| i.path.as_str() == "results"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Politique invalide : {} problème(s) / invalid policy: {} issue(s)", issues.len(), issues.len())]
pub struct PolicyError {
    /// Every problem found.
    pub issues: Vec<Issue>,
}

fn summary_fr(what: &str, issues: &[Issue]) -> String {
    let first = issues.first().map(|i| {
        if i.path.as_str().is_empty() {
            format!(" Premier problème : {}", i.message)
        } else {
            format!(" Premier problème ({}) : {}", i.path, i.message)
        }
    });
    format!(
        "{what} : {} problème(s).{}",
        issues.len(),
        first.unwrap_or_default()
    )
}

fn summary_en(what: &str, issues: &[Issue]) -> String {
    let first = issues
        .first()
        .map(|i| format!(" First issue ({}): {}", i.path, i.message_en));
    format!(
        "{what}: {} issue(s).{}",
        issues.len(),
        first.unwrap_or_default()
    )
}

/// A failed call.
///
/// ```
/// use cme_pdp::error::CmeError;
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
    /// The policy did not load: every issue is attached.
    #[error("{}", self.message_fr())]
    InvalidPolicy(PolicyError),
    /// No preset has that code.
    #[error("{}", self.message_fr())]
    UnknownPreset,
    /// The pathway refused an event; the case is unchanged.
    #[error("{}", self.message_fr())]
    EventRefused(Issue),
    /// A reporting period that cannot be read.
    #[error("{}", self.message_fr())]
    InvalidPeriod,
    /// No built-in export profile has that name.
    #[error("{}", self.message_fr())]
    UnknownProfile,
    /// An export profile that did not load: every issue, with its path.
    #[error("{}", self.message_fr())]
    InvalidProfile(Vec<Issue>),
    /// An output format that is not one of those offered.
    #[error("{}", self.message_fr())]
    InvalidFormat,
    /// A service's document templates that did not load: every issue, with
    /// its path (`templates[0].body`).
    #[error("{}", self.message_fr())]
    InvalidTemplates(Vec<Issue>),
}

impl CmeError {
    /// The stable code.
    ///
    /// ```
    /// assert_eq!(cme_pdp::error::CmeError::InvalidAsOf.code(), "invalid_as_of");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            CmeError::InvalidAsOf => "invalid_as_of",
            CmeError::InvalidCase(_) => "invalid_case",
            CmeError::InvalidPolicy(_) => "invalid_policy",
            CmeError::UnknownPreset => "unknown_preset",
            CmeError::EventRefused(_) => "event_refused",
            CmeError::InvalidPeriod => "invalid_period",
            CmeError::UnknownProfile => "unknown_profile",
            CmeError::InvalidProfile(_) => "invalid_profile",
            CmeError::InvalidFormat => "invalid_format",
            CmeError::InvalidTemplates(_) => "invalid_templates",
        }
    }

    /// The name of the error kind, the same in every binding (the Python
    /// exception class, the JS `Error`'s `name`).
    ///
    /// ```
    /// assert_eq!(cme_pdp::error::CmeError::InvalidAsOf.kind(), "InvalidArgumentError");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            CmeError::InvalidAsOf
            | CmeError::InvalidPeriod
            | CmeError::UnknownProfile
            | CmeError::InvalidProfile(_)
            | CmeError::InvalidFormat
            | CmeError::InvalidTemplates(_) => "InvalidArgumentError",
            CmeError::InvalidCase(_) => "ValidationError",
            CmeError::InvalidPolicy(_) => "PolicyError",
            CmeError::UnknownPreset => "UnknownPresetError",
            CmeError::EventRefused(_) => "EventRefusedError",
        }
    }

    /// The path of the argument or field at fault (`""` for the whole case).
    ///
    /// ```
    /// assert_eq!(cme_pdp::error::CmeError::InvalidAsOf.path(), "as_of");
    /// ```
    pub fn path(&self) -> &str {
        match self {
            CmeError::InvalidAsOf => "as_of",
            CmeError::InvalidCase(_) | CmeError::InvalidPolicy(_) => "",
            CmeError::UnknownPreset => "policy",
            CmeError::EventRefused(issue) => issue.path.as_str(),
            CmeError::InvalidPeriod => "period",
            CmeError::UnknownProfile | CmeError::InvalidProfile(_) => "profile",
            CmeError::InvalidFormat => "format",
            CmeError::InvalidTemplates(_) => "templates",
        }
    }

    /// The message in French.
    ///
    /// ```
    /// let m = cme_pdp::error::CmeError::InvalidAsOf.message_fr();
    /// assert!(m.contains("AAAA-MM-JJ"));
    /// ```
    pub fn message_fr(&self) -> String {
        match self {
            CmeError::InvalidAsOf => {
                "La date d'évaluation doit être une date au format AAAA-MM-JJ.".to_string()
            }
            CmeError::InvalidCase(e) => summary_fr("Dossier invalide", &e.issues),
            CmeError::InvalidPolicy(e) => summary_fr("Politique invalide", &e.issues),
            CmeError::UnknownPreset => {
                "Aucune politique prédéfinie ne porte ce code (codes : asmt65, aismt13, acismt, aist63, astbtp01, mt2i38, aist43).".to_string()
            }
            CmeError::EventRefused(issue) => {
                format!("Événement refusé ({}) : {}", issue.path, issue.message)
            }
            CmeError::InvalidPeriod => "Période invalide : écrire 2024, 2024-S1, 2024-T3 ou 2024-01-01/2024-06-30.".to_string(),
            CmeError::UnknownProfile => "Aucun profil d'export prédéfini ne porte ce nom (profils : cme, fr).".to_string(),
            CmeError::InvalidProfile(issues) => summary_fr("Profil d'export invalide", issues),
            CmeError::InvalidFormat => "Format de sortie inconnu : csv, csv_bom, markdown (et xlsx pour un classeur).".to_string(),
            CmeError::InvalidTemplates(issues) => summary_fr("Modèles de documents invalides", issues),
        }
    }

    /// The message in English.
    ///
    /// ```
    /// let m = cme_pdp::error::CmeError::InvalidAsOf.message_en();
    /// assert!(m.contains("YYYY-MM-DD"));
    /// ```
    pub fn message_en(&self) -> String {
        match self {
            CmeError::InvalidAsOf => "The evaluation date must be a YYYY-MM-DD date.".to_string(),
            CmeError::InvalidCase(e) => summary_en("Invalid case", &e.issues),
            CmeError::InvalidPolicy(e) => summary_en("Invalid policy", &e.issues),
            CmeError::UnknownPreset => {
                "No preset policy has this code (codes: asmt65, aismt13, acismt, aist63, astbtp01, mt2i38, aist43).".to_string()
            }
            CmeError::EventRefused(issue) => {
                format!("Event refused ({}): {}", issue.path, issue.message_en)
            }
            CmeError::InvalidPeriod => "Invalid period: write 2024, 2024-S1, 2024-T3 or 2024-01-01/2024-06-30.".to_string(),
            CmeError::UnknownProfile => "No built-in export profile has this name (profiles: cme, fr).".to_string(),
            CmeError::InvalidProfile(issues) => summary_en("Invalid export profile", issues),
            CmeError::InvalidFormat => "Unknown output format: csv, csv_bom, markdown (and xlsx for a workbook).".to_string(),
            CmeError::InvalidTemplates(issues) => summary_en("Invalid document templates", issues),
        }
    }

    /// The issues of an invalid case (empty for other errors).
    ///
    /// ```
    /// assert!(cme_pdp::error::CmeError::InvalidAsOf.issues().is_empty());
    /// ```
    pub fn issues(&self) -> &[Issue] {
        match self {
            CmeError::InvalidCase(e) => &e.issues,
            CmeError::InvalidPolicy(e) => &e.issues,
            CmeError::EventRefused(issue) => std::slice::from_ref(issue),
            CmeError::InvalidProfile(issues) | CmeError::InvalidTemplates(issues) => issues,
            CmeError::InvalidAsOf
            | CmeError::UnknownPreset
            | CmeError::InvalidPeriod
            | CmeError::UnknownProfile
            | CmeError::InvalidFormat => &[],
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
/// let d = cme_pdp::error::parse_as_of("2024-02-29").unwrap();
/// assert_eq!(d.to_string(), "2024-02-29");
/// ```
pub fn parse_as_of(text: &str) -> Result<NaiveDate, CmeError> {
    parse_iso_date(text).ok_or(CmeError::InvalidAsOf)
}
