//! Host-language bindings of cme (uniffi, proc-macros): Kotlin/Java, Swift,
//! Python, C# (uniffi-bindgen-cs). No rule lives here: conversions only
//! (`convert.rs`) and the error mapping (`error.rs`).
//!
//! Cases cross the boundary as JSON texts in the interchange format (its
//! `format_version` and JSON Schema are the contract); issues and errors
//! are records with `code`, `path` and messages in French and English.

use std::collections::HashMap;

mod convert;
mod enums;
mod error;
mod records;

pub use records::{
    Case, CategoryOverride, CodeEntry, CodeList, Consent, Event, IndicatorAccumulator, Sector,
    SickLeave, Signalement, Worker,
};

uniffi::setup_scaffolding!();

/// One problem of an input (never the value of a field).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Issue {
    /// Stable issue code.
    pub code: String,
    /// `error` (the input is rejected) or `warning` (refused by a form, kept
    /// and reported by an import; docs/issue-codes.md).
    pub severity: String,
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
    #[error("{message_fr}")]
    InvalidArgument {
        /// Stable code.
        code: String,
        /// The argument at fault.
        path: String,
        /// Message in French.
        message_fr: String,
        /// Message in English.
        message_en: String,
    },
    /// The case is invalid; `issues` lists every problem.
    #[error("{message_fr}")]
    Validation {
        /// Stable code (`invalid_case`).
        code: String,
        /// `""`: the whole case.
        path: String,
        /// Message in French.
        message_fr: String,
        /// Message in English.
        message_en: String,
        /// Every problem.
        issues: Vec<Issue>,
    },
    /// The policy is invalid; `issues` lists every problem.
    #[error("{message_fr}")]
    Policy {
        /// Stable code (`invalid_policy`).
        code: String,
        /// `""`: the whole policy.
        path: String,
        /// Message in French.
        message_fr: String,
        /// Message in English.
        message_en: String,
        /// Every problem.
        issues: Vec<Issue>,
    },
    /// No preset has this code.
    #[error("{message_fr}")]
    UnknownPreset {
        /// Stable code (`unknown_preset`).
        code: String,
        /// `policy`.
        path: String,
        /// Message in French.
        message_fr: String,
        /// Message in English.
        message_en: String,
    },
    /// The pathway refused the event; the case is unchanged. `issues` holds
    /// the refusal (its code, e.g. `follow_up_without_exit`).
    #[error("{message_fr}")]
    EventRefused {
        /// Stable code (`event_refused`).
        code: String,
        /// Path of the refused event.
        path: String,
        /// Message in French.
        message_fr: String,
        /// Message in English.
        message_en: String,
        /// The refusal.
        issues: Vec<Issue>,
    },
    /// An error kind added to the core after this binding was built.
    #[error("{message_fr}")]
    Internal {
        /// Stable code.
        code: String,
        /// Path at fault.
        path: String,
        /// Message in French.
        message_fr: String,
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

/// Panics on purpose: shows what a panic of Rust code becomes in a host
/// (uniffi catches it and raises its internal error; the process lives on).
/// No input can make the core panic; this tests the boundary itself.
#[uniffi::export]
#[allow(clippy::panic)]
pub fn boundary_panic() {
    panic!("cme: panic on purpose (boundary test)");
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
        message_fr: "Le dossier n'a pas pu être converti en JSON.".into(),
        message_en: "The case could not be converted to JSON.".into(),
    })
}

/// The main outcome of an evaluation, as a record, with the whole
/// evaluation as JSON (`json`) and its French text (`text_fr`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EvaluationResult {
    /// Canonical stage.
    pub stage: cme_core::pathway::Stage,
    /// Its stable code (`analyse`…), for storage.
    pub stage_code: String,
    /// The service's name for the stage, if any.
    pub service_stage: Option<String>,
    /// Status.
    pub status: cme_core::evaluate::Status,
    /// Its stable code (`en_cours`…).
    pub status_code: String,
    /// Category, or none while undetermined.
    pub category: Option<cme_core::case::Category>,
    /// Its stable code.
    pub category_code: Option<String>,
    /// Inclusion decision.
    pub inclusion: cme_core::inclusion::InclusionValue,
    /// Its stable code (`incluse`…).
    pub inclusion_code: String,
    /// Codes of the alerts.
    pub alert_codes: Vec<String>,
    /// Refused events (code and path).
    pub refused_events: Vec<Issue>,
    /// The policy's content hash.
    pub policy_hash: String,
    /// The whole evaluation (reasons, sources, deadlines) as JSON.
    pub json: String,
    /// The evaluation as readable French text.
    pub text_fr: String,
}

/// A JSON array of cases (their items are read later); anything else is
/// `array_type` at path `cases`.
fn read_cases_json(text: &str) -> Result<Vec<serde_json::Value>, CmeError> {
    match read_json(text, "case")? {
        serde_json::Value::Array(items) => Ok(items),
        _ => Err(CmeError::from(cme_core::error::CmeError::InvalidCase(
            cme_core::validate::ValidationError {
                issues: vec![cme_core::issue::Issue::new(
                    cme_core::issue::IssueCode::ArrayType,
                    cme_core::issue::Path::root().key("cases"),
                )],
            },
        ))),
    }
}

fn read_json(text: &str, what: &str) -> Result<serde_json::Value, CmeError> {
    cme_core::validate::read_json(text).map_err(|issue| {
        let err = if what == "policy" {
            cme_core::error::CmeError::InvalidPolicy(cme_core::policy::PolicyError {
                issues: vec![issue],
            })
        } else {
            cme_core::error::CmeError::InvalidCase(cme_core::validate::ValidationError {
                issues: vec![issue],
            })
        };
        CmeError::from(err)
    })
}

/// Evaluates a case (JSON text) under a policy (JSON text: a preset code as
/// a JSON string such as `"aismt13"`, or a policy object) as of a date.
#[uniffi::export]
pub fn evaluate(
    case_json: String,
    policy_json: String,
    as_of: String,
) -> Result<EvaluationResult, CmeError> {
    use cme_core::codes::Code;
    let as_of = cme_core::error::parse_as_of(&as_of)?;
    let policy = cme_core::policy::resolve_policy(&read_json(&policy_json, "policy")?)?;
    let e = cme_core::evaluate::evaluate_value(&read_json(&case_json, "case")?, &policy, as_of)?;
    Ok(EvaluationResult {
        stage: e.stage.value.stage,
        stage_code: e.stage.value.stage.code().to_string(),
        service_stage: e.stage.value.service_label.clone(),
        status: e.status.value,
        status_code: e.status.value.code().to_string(),
        category: e.category.decision.value,
        category_code: e.category.decision.value.map(|c| c.code().to_string()),
        inclusion: e.inclusion.decision.value,
        inclusion_code: e.inclusion.decision.value.code().to_string(),
        alert_codes: e.alerts.iter().map(|a| a.code.clone()).collect(),
        refused_events: convert::issues(&e.refused_events),
        policy_hash: e.policy.content_hash.clone(),
        json: serde_json::to_string(&e).unwrap_or_default(),
        text_fr: e.to_text_fr(),
    })
}

/// Adds an event (JSON text) to a case (JSON text) if the pathway accepts
/// it: the new case as JSON, or `CmeError::EventRefused`.
#[uniffi::export]
pub fn try_add_event(case_json: String, event_json: String) -> Result<String, CmeError> {
    let case = read_json(&case_json, "case")?;
    let event = read_json(&event_json, "case")?;
    let added = cme_core::json::add_event_value(&case, &event)?;
    Ok(serde_json::to_string(&added).unwrap_or_default())
}

/// The outcome of one visit rule, as a record (the whole outcome, with
/// reasons and sources, is in `json`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisitOutcome {
    /// The visit rule.
    pub rule: cme_core::legal::VisitRule,
    /// Its stable code (`rendez_vous_liaison`, `pre_reprise`, `reprise`,
    /// `mi_carriere`).
    pub rule_code: String,
    /// The obligation.
    pub obligation: cme_core::legal::Obligation,
    /// Its stable code (`obligatoire`…).
    pub obligation_code: String,
    /// Id of the main version (the thresholds', chosen by the start of the
    /// absence); every version applied and the fact that chose it are in
    /// `json` (`dated_by`).
    pub version: String,
    /// Deadline, if any (`YYYY-MM-DD`).
    pub due: Option<String>,
    /// Code of the decisive reason.
    pub code: String,
    /// The outcome as JSON.
    pub json: String,
}

impl From<&cme_core::legal::VisitOutcome> for VisitOutcome {
    fn from(o: &cme_core::legal::VisitOutcome) -> Self {
        use cme_core::codes::Code;
        VisitOutcome {
            rule: o.rule,
            rule_code: o.rule.code().to_string(),
            obligation: o.obligation,
            obligation_code: o.obligation.code().to_string(),
            version: o.version.id.clone(),
            due: o.due.map(|d| d.to_string()),
            code: o.code.clone(),
            json: serde_json::to_string(o).unwrap_or_default(),
        }
    }
}

/// The visit rules for one sick leave (JSON) and the worker (JSON);
/// `requested_by` is who asks for the pré-reprise.
#[uniffi::export]
pub fn visit_obligations_for_leave(
    leave_json: String,
    worker_json: String,
    as_of: String,
    requested_by: Option<String>,
    branch_agreement_age: Option<u32>,
) -> Result<Vec<VisitOutcome>, CmeError> {
    let as_of = cme_core::error::parse_as_of(&as_of)?;
    let options = cme_core::legal::LegalOptions {
        branch_agreement_age,
        ..Default::default()
    };
    let out = cme_core::json::visit_obligations_value(
        &read_json(&leave_json, "case")?,
        &read_json(&worker_json, "case")?,
        requested_by.as_deref(),
        as_of,
        &options,
    )?;
    Ok(out.iter().map(VisitOutcome::from).collect())
}

/// The legal calendar of a case (JSON) as of a date, as JSON.
#[uniffi::export]
pub fn visit_obligations(
    case_json: String,
    as_of: String,
    branch_agreement_age: Option<u32>,
) -> Result<String, CmeError> {
    let as_of = cme_core::error::parse_as_of(&as_of)?;
    let options = cme_core::legal::LegalOptions {
        branch_agreement_age,
        ..Default::default()
    };
    let report =
        cme_core::json::visit_report_value(&read_json(&case_json, "case")?, as_of, &options)?;
    Ok(serde_json::to_string(&report).unwrap_or_default())
}

/// The legal calendar of a calendar input (JSON: `leaves`, `worker`,
/// `pre_reprise_request`, `liaison_date`, `visits`, `several_employers`,
/// `facts`) as of a date, with options (JSON, path `options`), as JSON.
#[uniffi::export]
pub fn legal_calendar(
    input_json: String,
    as_of: String,
    options_json: Option<String>,
) -> Result<String, CmeError> {
    let as_of = cme_core::error::parse_as_of(&as_of)?;
    let options = match options_json {
        Some(text) => read_json(&text, "options")?,
        None => serde_json::Value::Null,
    };
    let report = cme_core::json::calendar_value(&read_json(&input_json, "case")?, as_of, &options)?;
    Ok(serde_json::to_string(&report).unwrap_or_default())
}

/// A partner suggested by the orientation grid.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Suggestion {
    /// Problem type.
    pub problem: cme_core::orientation::ProblemType,
    /// Its stable code.
    pub problem_code: String,
    /// Partner.
    pub partner: cme_core::case::Partner,
    /// Its stable code.
    pub partner_code: String,
    /// Whether the cell may act now (consent in force).
    pub actionable: bool,
    /// Why blocked (`sans_consentement`, `consentement_retire`).
    pub blocked: Option<String>,
    /// Why, in French.
    pub reasons: Vec<String>,
}

/// Partners for problem types (given, or inferred from the case when
/// none), gated by the worker's consent on `as_of`.
#[uniffi::export]
pub fn orient(
    case_json: String,
    as_of: String,
    problems: Option<Vec<String>>,
) -> Result<Vec<Suggestion>, CmeError> {
    use cme_core::codes::Code;
    let as_of = cme_core::error::parse_as_of(&as_of)?;
    let out =
        cme_core::json::orient_value(&read_json(&case_json, "case")?, problems.as_deref(), as_of)?;
    Ok(out
        .iter()
        .map(|s| Suggestion {
            problem: s.problem,
            problem_code: s.problem.code().to_string(),
            partner: s.partner,
            partner_code: s.partner.code().to_string(),
            actionable: s.actionable,
            blocked: s.blocked.clone(),
            reasons: s.reasons.iter().map(|r| r.text.clone()).collect(),
        })
        .collect())
}

/// Indicators of cases (a JSON array) under a policy (JSON: preset code
/// string or object) for a period (`2024`, `2024-S1`, `2024-T2`,
/// `2024-01-01/2024-06-30`), by up to two dimensions, published when a
/// threshold is given: the report as JSON.
#[uniffi::export]
pub fn indicators_json(
    cases_json: String,
    policy_json: String,
    period: String,
    by: Vec<String>,
    threshold: Option<u64>,
    activities_json: Option<String>,
) -> Result<String, CmeError> {
    let cases = read_cases_json(&cases_json)?;
    let policy = read_json(&policy_json, "policy")?;
    let activities = match activities_json {
        Some(text) => match read_json(&text, "case")? {
            serde_json::Value::Array(items) => items,
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    let report =
        cme_core::publish::report_json(&cases, &activities, &policy, &period, &by, threshold)?;
    Ok(report.to_string())
}

/// Publishes several reports of the same cases together (a JSON array of
/// reports as `indicators_json` gives them without a threshold), with a
/// threshold and a protection width (`None`: the threshold): the JSON array
/// of the published reports, each with the bundle's receipt.
#[uniffi::export]
pub fn publish_bundle_json(
    reports_json: String,
    threshold: u64,
    protection_width: Option<u64>,
) -> Result<String, CmeError> {
    let reports = read_json(&reports_json, "reports")?;
    Ok(cme_core::publish::publish_bundle_json(&reports, threshold, protection_width)?.to_string())
}

/// The attacker's audit of a publication (a published report, or the JSON
/// array of a bundle): each hidden count's interval, as JSON.
#[uniffi::export]
pub fn audit_json(published_json: String) -> Result<String, CmeError> {
    let published = read_json(&published_json, "published")?;
    Ok(cme_core::publish::audit_json(&published)?.to_string())
}

/// Checks a publication (a published report, or the JSON array of a
/// bundle) against its receipt: the verification as JSON.
#[uniffi::export]
pub fn verify_json(published_json: String) -> Result<String, CmeError> {
    let published = read_json(&published_json, "published")?;
    Ok(cme_core::publish::verify_json(&published)?.to_string())
}

/// The catalogue of indicators as JSON.
#[uniffi::export]
pub fn indicator_catalogue_json() -> String {
    serde_json::to_string(&cme_core::indicators::catalogue()).unwrap_or_default()
}

/// The codes of the seven preset policies.
#[uniffi::export]
pub fn preset_codes() -> Vec<String> {
    cme_core::policy::preset_codes()
        .into_iter()
        .map(String::from)
        .collect()
}

/// A preset policy as a JSON text.
#[uniffi::export]
pub fn preset_json(code: String) -> Result<String, CmeError> {
    let policy = cme_core::policy::preset(&code)?;
    Ok(serde_json::to_string(&policy).unwrap_or_default())
}

/// Checks a policy given as a JSON or TOML text (`format`: `"json"` or
/// `"toml"`): the normalized policy as JSON, or `CmeError::Policy`.
#[uniffi::export]
pub fn load_policy(text: String, format: String) -> Result<String, CmeError> {
    let loaded = if format == "toml" {
        cme_core::policy::Policy::from_toml_str(&text)
    } else {
        cme_core::policy::Policy::from_json_str(&text)
    };
    let policy = loaded.map_err(cme_core::error::CmeError::InvalidPolicy)?;
    Ok(serde_json::to_string(&policy).unwrap_or_default())
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
