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

use convert::{issues_to_js, js_to_json, result_to_js, to_js};
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

/** Where a rule comes from. */
export interface Source { kind: "seed" | "article" | "policy" | "domain"; reference: string; version?: string }
/** One reason of a decision. */
export interface Reason { code: string; text: string; sources: Source[] }
/** A decision with its reasons, their sources and the evaluation date. */
export interface Decision<T> { value: T; reasons: Reason[]; sources: Source[]; asOf: string }
/** A fact needed for an open decision. */
export interface MissingFact { fact: string; neededFor: string; text: string }
/** An alert: due, overdue, or a refused event. */
export interface Alert {
  code: string; level: "information" | "a_echeance" | "en_retard" | "refus";
  due?: string; daysOverdue?: number; path?: string; text: string; sources: Source[];
}
/** A step to come. */
export interface NextStep { code: string; text: string; due?: string; sources: Source[] }
/** Everything cme decides about a case as of a date. */
export interface Evaluation {
  caseId: string; asOf: string; engineVersion: string;
  policy: { id: string; name: string; contentHash: string };
  stage: Decision<{ stage: string; label: string; serviceLabel?: string; since: string }>;
  status: Decision<"en_cours" | "refus_integration" | "sortie_negative" | "sortie_positive" | "sortie_neutre">;
  category: { decision: Decision<string | null>; derived: string | null;
              teamOverride?: { category: string; justification: string; decidedOn: string }; missing: MissingFact[] };
  inclusion: { decision: Decision<"incluse" | "non_incluse" | "indeterminee">;
               criteria: { code: string; status: string; text: string }[]; missing: MissingFact[] };
  targeting?: Decision<boolean | null>;
  alerts: Alert[]; nextSteps: NextStep[]; refusedEvents: Issue[]; laterEvents: number;
  missingFacts: MissingFact[];
  visits: VisitReport;
  measures: MeasureOutcome[];
  orientation: Suggestion[];
  /** The evaluation as readable French text. */
  textFr: string;
}
/** The outcome of one visit rule. */
export interface VisitOutcome {
  rule: "rendez_vous_liaison" | "pre_reprise" | "reprise" | "mi_carriere";
  obligation: "obligatoire" | "possible" | "non_applicable" | "indeterminee" | "demande_irrecevable";
  version: { id: string; from?: string; to?: string };
  factDate: string; due?: string; windowStart?: string; code: string;
  reasons: Reason[]; sources: Source[]; missing: MissingFact[];
}
/** The legal calendar of a case. */
export interface VisitReport {
  asOf: string;
  leaves: { leaveIndex: number; outcomes: VisitOutcome[] }[];
  miCarriere?: VisitOutcome;
}
/** A measure to consider. */
export interface MeasureOutcome {
  measure: string; eligible: boolean | null;
  dates: { code: string; label: string; date: string }[];
  conditions: string[]; reasons: Reason[]; sources: Source[]; missing: MissingFact[];
}
/** A partner suggested by the orientation grid. */
export interface Suggestion {
  problem: string; partner: string; actionable: boolean;
  blocked?: "sans_consentement" | "consentement_retire";
  reasons: Reason[]; sources: Source[]; missing: MissingFact[];
}
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

fn policy_of(policy: JsValue) -> Result<cme_core::policy::Policy, JsValue> {
    let value = js_to_json(policy).map_err(|_| input_error())?;
    cme_core::policy::resolve_policy(&value).map_err(|e| to_js_error(&e))
}

/// Evaluates a case under a policy (a preset code such as `"aismt13"`, or a
/// policy object) as of a date (`YYYY-MM-DD`): stage, status, category,
/// inclusion, alerts, next steps, each with reasons and sources, and the
/// French text (`textFr`).
#[wasm_bindgen(unchecked_return_type = "Evaluation")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>")] policy: JsValue,
    #[wasm_bindgen(js_name = asOf)] as_of: &str,
) -> Result<JsValue, JsValue> {
    let as_of = parse_as_of(as_of).map_err(|e| to_js_error(&e))?;
    let policy = policy_of(policy)?;
    let value = js_to_json(input).map_err(|_| input_error())?;
    let evaluation =
        cme_core::evaluate::evaluate_value(&value, &policy, as_of).map_err(|e| to_js_error(&e))?;
    let mut json = serde_json::to_value(&evaluation).map_err(|_| output_error())?;
    if let Some(obj) = json.as_object_mut() {
        obj.insert("text_fr".into(), evaluation.to_text_fr().into());
    }
    result_to_js(&json).map_err(|_| output_error())
}

/// Adds an event to a case if the pathway accepts it: the new case, or an
/// `EventRefusedError` (code, path) and nothing changes.
#[wasm_bindgen(js_name = tryAddEvent, unchecked_return_type = "Case")]
pub fn try_add_event(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] event: JsValue,
) -> Result<JsValue, JsValue> {
    let case = js_to_json(input).map_err(|_| input_error())?;
    let event = js_to_json(event).map_err(|_| input_error())?;
    let added = cme_core::pathway::add_event_value(&case, &event).map_err(|e| to_js_error(&e))?;
    to_js(&added).map_err(|_| output_error())
}

fn legal_options(options: JsValue) -> Result<cme_core::legal::LegalOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(cme_core::legal::LegalOptions::default());
    }
    let value = js_to_json(options).map_err(|_| input_error())?;
    let value = convert::snake_keys(value);
    serde_json::from_value(value).map_err(|_| input_error())
}

/// The legal calendar of a case as of a date: for each sick leave the
/// rendez-vous de liaison, the pré-reprise and the reprise, and the
/// mi-carrière visit, each with the rule version chosen by the start of the
/// leave, its deadline, reasons and articles. `options`:
/// `{ branchAgreementAge }`.
#[wasm_bindgen(js_name = visitObligations, unchecked_return_type = "VisitReport")]
pub fn visit_obligations(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(js_name = asOf)] as_of: &str,
    #[wasm_bindgen(unchecked_param_type = "{ branchAgreementAge?: number } | undefined")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of = parse_as_of(as_of).map_err(|e| to_js_error(&e))?;
    let options = legal_options(options)?;
    let case = js_to_json(input).map_err(|_| input_error())?;
    let report =
        cme_core::legal::visit_report_value(&case, as_of, &options).map_err(|e| to_js_error(&e))?;
    result_to_js(&report).map_err(|_| output_error())
}

/// The visit rules for one sick leave and the worker; `requestedBy` is who
/// asks for the pré-reprise (`"employeur"` is always refused).
#[wasm_bindgen(js_name = visitObligationsForLeave, unchecked_return_type = "VisitOutcome[]")]
pub fn visit_obligations_for_leave(
    #[wasm_bindgen(unchecked_param_type = "unknown")] leave: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] worker: JsValue,
    #[wasm_bindgen(js_name = asOf)] as_of: &str,
    #[wasm_bindgen(js_name = requestedBy)] requested_by: Option<String>,
    #[wasm_bindgen(unchecked_param_type = "{ branchAgreementAge?: number } | undefined")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of = parse_as_of(as_of).map_err(|e| to_js_error(&e))?;
    let options = legal_options(options)?;
    let leave = js_to_json(leave).map_err(|_| input_error())?;
    let worker = js_to_json(worker).map_err(|_| input_error())?;
    let out = cme_core::legal::visit_obligations_value(
        &leave,
        &worker,
        requested_by.as_deref(),
        as_of,
        &options,
    )
    .map_err(|e| to_js_error(&e))?;
    result_to_js(&out).map_err(|_| output_error())
}

/// Partners for problem types (given, or inferred from the case), each
/// with why, and `actionable` only with the worker's consent that day.
#[wasm_bindgen(unchecked_return_type = "Suggestion[]")]
pub fn orient(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(js_name = asOf)] as_of: &str,
    problems: Option<Vec<String>>,
) -> Result<JsValue, JsValue> {
    let as_of = parse_as_of(as_of).map_err(|e| to_js_error(&e))?;
    let case = js_to_json(input).map_err(|_| input_error())?;
    let out = cme_core::orientation::orient_value(&case, problems.as_deref(), as_of)
        .map_err(|e| to_js_error(&e))?;
    result_to_js(&out).map_err(|_| output_error())
}

/// Indicators of cases under a policy for a period (`"2024"`, `"2024-S1"`,
/// `"2024-T2"`, `"2024-01-01/2024-06-30"`), broken down by up to two
/// dimensions, published (small and recoverable cells hidden) when a
/// threshold is given.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn indicators(
    #[wasm_bindgen(unchecked_param_type = "unknown[]")] cases: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Record<string, unknown>")] policy: JsValue,
    period: &str,
    by: Option<Vec<String>>,
    threshold: Option<u32>,
    #[wasm_bindgen(unchecked_param_type = "{ date: string; kind: string }[] | undefined")]
    activities: JsValue,
) -> Result<JsValue, JsValue> {
    let cases = match js_to_json(cases).map_err(|_| input_error())? {
        serde_json::Value::Array(items) => items,
        _ => return Err(input_error()),
    };
    let activities = match js_to_json(activities).map_err(|_| input_error())? {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Null => Vec::new(),
        _ => return Err(input_error()),
    };
    let policy = js_to_json(policy).map_err(|_| input_error())?;
    let report = cme_core::publish::report_json(
        &cases,
        &activities,
        &policy,
        period,
        &by.unwrap_or_default(),
        threshold.map(u64::from),
    )
    .map_err(|e| to_js_error(&e))?;
    result_to_js(&report).map_err(|_| output_error())
}

/// The catalogue of indicators with their definitions and sources.
#[wasm_bindgen(js_name = indicatorCatalogue, unchecked_return_type = "Record<string, unknown>[]")]
pub fn indicator_catalogue() -> Result<JsValue, JsValue> {
    result_to_js(&cme_core::indicators::catalogue()).map_err(|_| output_error())
}

/// The codes of the seven preset policies.
#[wasm_bindgen(js_name = presetCodes, unchecked_return_type = "string[]")]
pub fn preset_codes() -> Result<JsValue, JsValue> {
    to_js(&cme_core::policy::preset_codes()).map_err(|_| output_error())
}

/// A preset policy (in the policy format, snake_case keys).
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn preset(code: &str) -> Result<JsValue, JsValue> {
    let policy = cme_core::policy::preset(code).map_err(|e| to_js_error(&e))?;
    to_js(&policy).map_err(|_| output_error())
}

/// Checks a policy object: the normalized policy, or a `PolicyError` whose
/// `issues` lists every problem.
#[wasm_bindgen(js_name = loadPolicy, unchecked_return_type = "Record<string, unknown>")]
pub fn load_policy(
    #[wasm_bindgen(unchecked_param_type = "unknown")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    let value = js_to_json(policy).map_err(|_| input_error())?;
    let policy = cme_core::policy::Policy::from_value(&value)
        .map_err(|e| to_js_error(&CmeError::InvalidPolicy(e)))?;
    to_js(&policy).map_err(|_| output_error())
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
