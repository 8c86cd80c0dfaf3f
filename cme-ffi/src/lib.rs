//! Host-language bindings of cme (uniffi, proc-macros): Kotlin/Java, Swift,
//! Python, C# (uniffi-bindgen-cs). No rule lives here: conversions only
//! (`convert.rs`) and the error mapping (`error.rs`).
//!
//! Cases cross the boundary as JSON texts in the interchange format (its
//! `format_version` and JSON Schema are the contract); issues and errors
//! are records with `code`, `path` and messages in French and English.

use std::collections::HashMap;
use std::sync::Arc;

mod convert;
mod date;
mod enums;
mod error;
mod policy;
mod records;

pub use date::IsoDate;
pub use policy::Policy;

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
    /// An argument is invalid (e.g. `as_of` is not a `YYYY-MM-DD` date; a
    /// service's document templates that do not load, `issues` saying
    /// where).
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
        /// The problems inside the argument, when it has several (an export
        /// profile's, templates'); empty otherwise.
        issues: Vec<Issue>,
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

fn options(as_of: Option<IsoDate>) -> Result<cme_pdp::validate::ValidateOptions, CmeError> {
    let as_of = as_of.map(|d| as_of_date(&d)).transpose()?;
    Ok(cme_pdp::validate::ValidateOptions::as_of(as_of))
}

/// The evaluation date of a call (`invalid_as_of` at `as_of`).
fn as_of_date(date: &IsoDate) -> Result<chrono::NaiveDate, CmeError> {
    Ok(cme_pdp::error::parse_as_of(date.as_str())?)
}

/// Options of the legal calendar with a branch agreement's age, read by the
/// core (a negative or too large age is `integer_out_of_range` at
/// `options.branch_agreement_age`).
fn legal_options(
    branch_agreement_age: Option<i32>,
) -> Result<cme_pdp::legal::LegalOptions, CmeError> {
    match branch_agreement_age {
        None => Ok(cme_pdp::legal::LegalOptions::default()),
        Some(age) => Ok(cme_pdp::legal::LegalOptions::from_value(
            &serde_json::json!({ "branch_agreement_age": age }),
        )?),
    }
}

/// A publication threshold or protection width given by a host: judged by
/// the core (`integer_out_of_range` at its name below its minimum).
fn threshold_arg(threshold: i64) -> Result<u64, CmeError> {
    Ok(cme_pdp::publish::check_threshold(i128::from(threshold))?)
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
    cme_pdp::VERSION.to_string()
}

/// Every problem of a case given as a JSON text (malformed JSON is an issue
/// too); an empty list means the case is valid.
#[uniffi::export]
pub fn validate(case_json: String, as_of: Option<IsoDate>) -> Result<Vec<Issue>, CmeError> {
    let options = options(as_of)?;
    Ok(convert::issues(&cme_pdp::validate::validate_json(
        &case_json, &options,
    )))
}

/// The case in its normalized interchange form (a JSON text), or
/// `CmeError::Validation` with every issue.
#[uniffi::export]
pub fn parse_case(case_json: String, as_of: Option<IsoDate>) -> Result<String, CmeError> {
    let options = options(as_of)?;
    let case = cme_pdp::validate::parse_case_json(&case_json, &options)
        .map_err(cme_pdp::error::CmeError::from)?;
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
    pub stage: cme_pdp::pathway::Stage,
    /// Its stable code (`analyse`…), for storage.
    pub stage_code: String,
    /// The service's name for the stage, if any.
    pub service_stage: Option<String>,
    /// Status.
    pub status: cme_pdp::evaluate::Status,
    /// Its stable code (`en_cours`…).
    pub status_code: String,
    /// Category, or none while undetermined.
    pub category: Option<cme_pdp::case::Category>,
    /// Its stable code.
    pub category_code: Option<String>,
    /// Inclusion decision.
    pub inclusion: cme_pdp::inclusion::InclusionValue,
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
        _ => Err(CmeError::from(cme_pdp::error::CmeError::InvalidCase(
            cme_pdp::validate::ValidationError {
                issues: vec![cme_pdp::issue::Issue::new(
                    cme_pdp::issue::IssueCode::ArrayType,
                    cme_pdp::issue::Path::root().key("cases"),
                )],
            },
        ))),
    }
}

fn read_json(text: &str, what: &str) -> Result<serde_json::Value, CmeError> {
    cme_pdp::validate::read_json(text).map_err(|issue| {
        let err = if what == "policy" {
            cme_pdp::error::CmeError::InvalidPolicy(cme_pdp::policy::PolicyError {
                issues: vec![issue],
            })
        } else {
            cme_pdp::error::CmeError::InvalidCase(cme_pdp::validate::ValidationError {
                issues: vec![issue],
            })
        };
        CmeError::from(err)
    })
}

/// Evaluates a case (JSON text) under a policy as of a date.
#[uniffi::export]
pub fn evaluate(
    case_json: String,
    policy: Arc<Policy>,
    as_of: IsoDate,
) -> Result<EvaluationResult, CmeError> {
    evaluate_value(&read_json(&case_json, "case")?, &policy, &as_of)
}

/// [`evaluate`] of a case already read as JSON.
fn evaluate_value(
    case: &serde_json::Value,
    policy: &Policy,
    as_of: &IsoDate,
) -> Result<EvaluationResult, CmeError> {
    use cme_pdp::codes::Code;
    let as_of = as_of_date(as_of)?;
    let e = cme_pdp::evaluate::evaluate_value_loaded(case, policy.loaded(), as_of)?;
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
    let added = cme_pdp::json::add_event_value(&case, &event)?;
    Ok(serde_json::to_string(&added).unwrap_or_default())
}

/// The outcome of one visit rule, as a record (the whole outcome, with
/// reasons and sources, is in `json`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisitOutcome {
    /// The visit rule.
    pub rule: cme_pdp::legal::VisitRule,
    /// Its stable code (`rendez_vous_liaison`, `pre_reprise`, `reprise`,
    /// `mi_carriere`).
    pub rule_code: String,
    /// The obligation.
    pub obligation: cme_pdp::legal::Obligation,
    /// Its stable code (`obligatoire`…).
    pub obligation_code: String,
    /// Id of the main version (the thresholds', chosen by the start of the
    /// absence); every version applied and the fact that chose it are in
    /// `json` (`dated_by`).
    pub version: String,
    /// Deadline, if any.
    pub due: Option<IsoDate>,
    /// Code of the decisive reason.
    pub code: String,
    /// The outcome as JSON.
    pub json: String,
}

impl From<&cme_pdp::legal::VisitOutcome> for VisitOutcome {
    fn from(o: &cme_pdp::legal::VisitOutcome) -> Self {
        use cme_pdp::codes::Code;
        VisitOutcome {
            rule: o.rule,
            rule_code: o.rule.code().to_string(),
            obligation: o.obligation,
            obligation_code: o.obligation.code().to_string(),
            version: o.version.id.clone(),
            due: o.due.map(IsoDate::of),
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
    as_of: IsoDate,
    requested_by: Option<String>,
    branch_agreement_age: Option<i32>,
) -> Result<Vec<VisitOutcome>, CmeError> {
    let as_of = as_of_date(&as_of)?;
    let options = legal_options(branch_agreement_age)?;
    let out = cme_pdp::json::visit_obligations_value(
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
    as_of: IsoDate,
    branch_agreement_age: Option<i32>,
) -> Result<String, CmeError> {
    let as_of = as_of_date(&as_of)?;
    let options = legal_options(branch_agreement_age)?;
    let report =
        cme_pdp::json::visit_report_value(&read_json(&case_json, "case")?, as_of, &options)?;
    Ok(serde_json::to_string(&report).unwrap_or_default())
}

/// The legal calendar of a calendar input (JSON: `leaves`, `worker`,
/// `pre_reprise_request`, `liaison_date`, `visits`, `several_employers`,
/// `facts`) as of a date, with options (JSON, path `options`), as JSON.
#[uniffi::export]
pub fn legal_calendar(
    input_json: String,
    as_of: IsoDate,
    options_json: Option<String>,
) -> Result<String, CmeError> {
    let as_of = as_of_date(&as_of)?;
    let options = match options_json {
        Some(text) => read_json(&text, "options")?,
        None => serde_json::Value::Null,
    };
    let report = cme_pdp::json::calendar_value(&read_json(&input_json, "case")?, as_of, &options)?;
    Ok(serde_json::to_string(&report).unwrap_or_default())
}

/// A partner suggested by the orientation grid.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Suggestion {
    /// Problem type.
    pub problem: cme_pdp::orientation::ProblemType,
    /// Its stable code.
    pub problem_code: String,
    /// Partner.
    pub partner: cme_pdp::case::Partner,
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
    as_of: IsoDate,
    problems: Option<Vec<String>>,
) -> Result<Vec<Suggestion>, CmeError> {
    use cme_pdp::codes::Code;
    let as_of = as_of_date(&as_of)?;
    let out =
        cme_pdp::json::orient_value(&read_json(&case_json, "case")?, problems.as_deref(), as_of)?;
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

/// Indicators of cases (a JSON array) under a policy for a period (`2024`, `2024-S1`, `2024-T2`,
/// `2024-01-01/2024-06-30`), by up to two dimensions, published when a
/// threshold is given: the report as JSON. `indicators` (ids of the
/// catalogue; empty, the default: all of them) limits the report to those
/// figures; an unknown id is `unknown_code` at `indicators[i]`.
#[uniffi::export(default(indicators = []))]
pub fn indicators_json(
    cases_json: String,
    policy: Arc<Policy>,
    period: String,
    by: Vec<String>,
    threshold: Option<i64>,
    activities_json: Option<String>,
    indicators: Vec<String>,
) -> Result<String, CmeError> {
    let threshold = threshold.map(threshold_arg).transpose()?;
    let cases = read_cases_json(&cases_json)?;
    let activities = match activities_json {
        Some(text) => match read_json(&text, "case")? {
            serde_json::Value::Array(items) => items,
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    let report = cme_pdp::publish::report_json_of(
        &cases,
        &activities,
        policy.value(),
        &period,
        &by,
        threshold,
        &indicators,
    )?;
    Ok(report.to_string())
}

/// The report of one member company of more than 300 employees for its
/// CSE (Code du travail, art. D4622-54), as JSON: the cases (a JSON array)
/// of the service, of which only those whose `worker.company` is `company`
/// count, under the policy, for a period, by up to two dimensions;
/// published with the threshold (`None`: 11) and audited.
#[uniffi::export]
pub fn company_report_json(
    cases_json: String,
    policy: Arc<Policy>,
    company: String,
    headcount: i64,
    period: String,
    by: Vec<String>,
    threshold: Option<i64>,
) -> Result<String, CmeError> {
    let mut request = cme_pdp::publish::company::CompanyRequest::new(
        &company,
        // a negative headcount covers no company
        u64::try_from(headcount).unwrap_or(0),
        &period,
    );
    request.by = by;
    if let Some(t) = threshold {
        request.threshold = threshold_arg(t)?;
    }
    let cases = read_cases_json(&cases_json)?;
    let report = cme_pdp::publish::company::company_report_json(&cases, policy.value(), &request)?;
    Ok(report.to_string())
}

/// The impact of a change of rules (JSON): the cases (a JSON array)
/// evaluated as of a date under two scenarios (JSON objects `{"policy": …,
/// "options": …}`), every case whose decisions change with both
/// evaluations.
#[uniffi::export]
pub fn impact_json(
    cases_json: String,
    before_json: String,
    after_json: String,
    as_of: String,
) -> Result<String, CmeError> {
    let cases = read_cases_json(&cases_json)?;
    let before = read_json(&before_json, "before")?;
    let after = read_json(&after_json, "after")?;
    Ok(cme_pdp::impact::impact_json(&cases, &before, &after, &as_of)?.to_string())
}

/// The report of a region (JSON): the cases (a JSON array) of several
/// services, each counted under its service's policy (`policies_json`: a
/// JSON object of service code → preset code or policy; `None` for the
/// seven presets, each service by its preset code), for a period, by up to
/// two dimensions; with its publishable part under `harmonised`.
#[uniffi::export]
pub fn regional_report_json(
    cases_json: String,
    period: String,
    by: Vec<String>,
    policies_json: Option<String>,
) -> Result<String, CmeError> {
    let cases = read_cases_json(&cases_json)?;
    let policies = match policies_json {
        Some(text) => read_json(&text, "policies")?,
        None => serde_json::Value::Null,
    };
    let report =
        cme_pdp::indicators::region::regional_report_json(&cases, &policies, &period, &by)?;
    Ok(report.to_string())
}

/// The cell's worklists as of a date (JSON): the cases (a JSON array), the
/// policies (`None`: each case under its service's preset; or a JSON object
/// of service code → preset code or policy), the date, the options (a JSON
/// object: `lists`, `service`, `doctor`, `referent`, `by`,
/// `reprise_within_days`; `None` for every list). Each item is read from
/// the case's evaluation, with its reason in French and English and its
/// sources.
#[uniffi::export]
pub fn worklists_json(
    cases_json: String,
    as_of: String,
    policies_json: Option<String>,
    options_json: Option<String>,
) -> Result<String, CmeError> {
    let cases = read_cases_json(&cases_json)?;
    let policies = match policies_json {
        Some(text) => read_json(&text, "policies")?,
        None => serde_json::Value::Null,
    };
    let options = match options_json {
        Some(text) => read_json(&text, "options")?,
        None => serde_json::Value::Null,
    };
    let lists = cme_pdp::worklists::worklists_json(&cases, &policies, &as_of, &options)?;
    Ok(lists.to_string())
}

/// A document of the cell filled from a case as of a date (JSON: `kind`,
/// `title`, `text`, `html` to print, `placeholders`, `sources`): the case
/// (JSON), the document's code (`convocation_employeur`,
/// `attestation_presence`, `invitation_pre_reprise`,
/// `livret_accompagnement`, `fiche_relais`, `synthese_cloture`), the date,
/// the options (a JSON object: `identity`, the names and addresses used for
/// this document only and never kept; `partner`; `policy`; `templates`).
/// A letter to the employer or a partner without the worker's agreement in
/// force that day is refused (`document_without_consent`).
#[uniffi::export]
pub fn document_json(
    case_json: String,
    kind: String,
    as_of: String,
    options_json: Option<String>,
) -> Result<String, CmeError> {
    let (case, options) = document_args(&case_json, options_json.as_deref())?;
    Ok(cme_pdp::documents::document_json(&case, &kind, &as_of, &options)?.to_string())
}

/// The same document as a Word file to edit (`.docx` bytes), its
/// placeholders highlighted.
#[uniffi::export]
pub fn document_docx(
    case_json: String,
    kind: String,
    as_of: String,
    options_json: Option<String>,
) -> Result<Vec<u8>, CmeError> {
    let (case, options) = document_args(&case_json, options_json.as_deref())?;
    let doc = cme_pdp::documents::document_of_json(&case, &kind, &as_of, &options)?;
    Ok(doc.to_docx()?)
}

/// The fields a document template may use (JSON: `name`, `identity`,
/// `label`).
#[uniffi::export]
pub fn document_fields_json() -> String {
    serde_json::to_string(&cme_pdp::documents::FIELDS).unwrap_or_else(|_| "[]".to_string())
}

fn document_args(
    case_json: &str,
    options_json: Option<&str>,
) -> Result<(serde_json::Value, serde_json::Value), CmeError> {
    let case = read_json(case_json, "case")?;
    let options = match options_json {
        Some(text) => read_json(text, "options")?,
        None => serde_json::Value::Null,
    };
    Ok((case, options))
}

/// Publishes several reports of the same cases together (a JSON array of
/// reports as `indicators_json` gives them without a threshold), with a
/// threshold and a protection width (`None`: the threshold): the JSON array
/// of the published reports, each with the bundle's receipt.
#[uniffi::export]
pub fn publish_bundle_json(
    reports_json: String,
    threshold: i64,
    protection_width: Option<i64>,
) -> Result<String, CmeError> {
    let threshold = threshold_arg(threshold)?;
    let protection_width = protection_width
        .map(|w| cme_pdp::publish::check_protection_width(i128::from(w)))
        .transpose()?;
    let reports = read_json(&reports_json, "reports")?;
    Ok(cme_pdp::publish::publish_bundle_json(&reports, threshold, protection_width)?.to_string())
}

/// The attacker's audit of a publication (a published report, or the JSON
/// array of a bundle): each hidden count's interval, as JSON.
#[uniffi::export]
pub fn audit_json(published_json: String) -> Result<String, CmeError> {
    let published = read_json(&published_json, "published")?;
    Ok(cme_pdp::publish::audit_json(&published)?.to_string())
}

/// Checks a publication (a published report, or the JSON array of a
/// bundle) against its receipt: the verification as JSON.
#[uniffi::export]
pub fn verify_json(published_json: String) -> Result<String, CmeError> {
    let published = read_json(&published_json, "published")?;
    Ok(cme_pdp::publish::verify_json(&published)?.to_string())
}

/// The catalogue of indicators as JSON.
#[uniffi::export]
pub fn indicator_catalogue_json() -> String {
    serde_json::to_string(&cme_pdp::indicators::catalogue()).unwrap_or_default()
}

/// The codes of the seven preset policies.
#[uniffi::export]
pub fn preset_codes() -> Vec<String> {
    cme_pdp::policy::preset_codes()
        .into_iter()
        .map(String::from)
        .collect()
}

/// A preset policy as a JSON text.
#[uniffi::export]
pub fn preset_json(code: String) -> Result<String, CmeError> {
    let policy = cme_pdp::policy::preset(&code)?;
    Ok(serde_json::to_string(&policy).unwrap_or_default())
}

/// Checks a policy given as a JSON or TOML text (`format`: `"json"` or
/// `"toml"`): the normalized policy as JSON, or `CmeError::Policy`.
#[uniffi::export]
pub fn load_policy(text: String, format: String) -> Result<String, CmeError> {
    let loaded = if format == "toml" {
        cme_pdp::policy::Policy::from_toml_str(&text)
    } else {
        cme_pdp::policy::Policy::from_json_str(&text)
    };
    let policy = loaded.map_err(cme_pdp::error::CmeError::InvalidPolicy)?;
    Ok(serde_json::to_string(&policy).unwrap_or_default())
}

/// The JSON Schema of the interchange format, as a JSON text.
#[uniffi::export]
pub fn case_schema_json() -> String {
    cme_pdp::schema::case_schema().to_string()
}

/// The bundled sample of 50 synthetic cases, as a JSON text (an array).
#[uniffi::export]
pub fn sample_cases_json() -> String {
    cme_pdp::sample::SAMPLE_JSON.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_with_code_and_path() {
        let err = validate("{}".into(), Some(IsoDate("31/12/2024".into()))).unwrap_err();
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
