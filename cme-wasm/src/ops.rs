//! The operations of the browser package, on JSON values.
//!
//! Data in the interchange formats (a case, an event, a policy) keeps its
//! snake_case keys: it is the same JSON in every binding. The library's own
//! result objects (issues, evaluations, visit reports, suggestions, reports)
//! use camelCase keys, as JS expects; message parameters keep their names
//! (they are template names).

use cme_pdp::error::{parse_as_of, CmeError};
use cme_pdp::issue::Issue;
use cme_pdp::validate::ValidateOptions;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Why a call failed: a core error, or a misuse of the boundary itself.
#[derive(Debug)]
pub enum Failure {
    /// An error of the core (its kind, code, path, messages and issues).
    Core(CmeError),
    /// The arguments are not a JSON object, or an argument has the wrong
    /// JSON type (`path` names it).
    Input {
        /// The argument at fault (empty for the whole call).
        path: &'static str,
    },
    /// No operation has this name.
    UnknownOperation,
    /// The result could not be written as JSON (should not happen).
    Output,
}

impl From<CmeError> for Failure {
    fn from(e: CmeError) -> Self {
        Failure::Core(e)
    }
}

type Out = Result<Value, Failure>;

fn ser<T: Serialize + ?Sized>(value: &T) -> Out {
    serde_json::to_value(value).map_err(|_| Failure::Output)
}

/// A library result object with camelCase keys.
fn result<T: Serialize + ?Sized>(value: &T) -> Out {
    ser(value).map(camel_keys)
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

/// Keys whose object is keyed by codes or template names, kept as they
/// are: message parameters, and the classes of exit results (keyed by
/// `amenagement_poste`…, codes a JS user compares with the code lists).
const CODE_KEYED: [&str; 3] = ["params", "classification", "classes"];

/// Renames object keys to camelCase, except below `params` and the objects
/// keyed by codes.
///
/// ```
/// let v = serde_json::json!({"as_of": 1, "params": {"max_len": 2},
///                            "classification": {"amenagement_poste": "positive"}});
/// assert_eq!(cme_wasm::ops::camel_keys(v), serde_json::json!({"asOf": 1, "params": {"max_len": 2},
///            "classification": {"amenagement_poste": "positive"}}));
/// ```
pub fn camel_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if CODE_KEYED.contains(&k.as_str()) {
                        v
                    } else {
                        camel_keys(v)
                    };
                    (camel(&k), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(camel_keys).collect()),
        other => other,
    }
}

/// A result object given back in camelCase, its keys in snake_case again
/// (a published report passed to `audit` or `verify`).
pub fn snake_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if CODE_KEYED.contains(&k.as_str()) {
                        v
                    } else {
                        snake_keys(v)
                    };
                    let mut out = String::with_capacity(k.len() + 4);
                    for c in k.chars() {
                        if c.is_ascii_uppercase() {
                            out.push('_');
                            out.push(c.to_ascii_lowercase());
                        } else {
                            out.push(c);
                        }
                    }
                    (out, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(snake_keys).collect()),
        other => other,
    }
}

/// The arguments of a call, read by name.
struct Args(Map<String, Value>);

impl Args {
    fn value(&self, name: &str) -> &Value {
        self.0.get(name).unwrap_or(&Value::Null)
    }
    fn opt_str(&self, name: &'static str) -> Result<Option<&str>, Failure> {
        match self.value(name) {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            _ => Err(Failure::Input { path: name }),
        }
    }
    fn str(&self, name: &'static str) -> Result<&str, Failure> {
        self.opt_str(name)?.ok_or(Failure::Input { path: name })
    }
    fn as_of(&self) -> Result<chrono::NaiveDate, Failure> {
        match self.value("as_of") {
            Value::String(s) => Ok(parse_as_of(s)?),
            // Not a string: the core's own error for a bad evaluation date.
            _ => Ok(parse_as_of("")?),
        }
    }
    fn opt_as_of(&self) -> Result<ValidateOptions, Failure> {
        let as_of = match self.value("as_of") {
            Value::Null => None,
            _ => Some(self.as_of()?),
        };
        Ok(ValidateOptions::as_of(as_of))
    }
    #[cfg(feature = "analysis")]
    fn array(&self, name: &'static str, default_empty: bool) -> Result<&[Value], Failure> {
        match self.value(name) {
            Value::Array(items) => Ok(items),
            Value::Null if default_empty => Ok(&[]),
            _ => Err(Failure::Input { path: name }),
        }
    }
    #[cfg(any(feature = "evaluation", feature = "analysis"))]
    fn strings(&self, name: &'static str) -> Result<Option<Vec<String>>, Failure> {
        match self.value(name) {
            Value::Null => Ok(None),
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or(Failure::Input { path: name }),
            _ => Err(Failure::Input { path: name }),
        }
    }
    fn flag(&self, name: &'static str) -> Result<bool, Failure> {
        match self.value(name) {
            Value::Null => Ok(false),
            Value::Bool(b) => Ok(*b),
            _ => Err(Failure::Input { path: name }),
        }
    }
    #[cfg(feature = "evaluation")]
    fn legal_options(&self) -> Result<cme_pdp::legal::LegalOptions, cme_pdp::error::CmeError> {
        cme_pdp::legal::LegalOptions::from_value(self.value("options"))
    }
}

/// Runs one operation on its JSON arguments.
///
/// ```
/// let out = cme_wasm::ops::run("validate", r#"{"case": {}}"#).unwrap();
/// assert_eq!(out[0]["code"], "missing_field");
/// ```
pub fn run(op: &str, args: &str) -> Out {
    dispatch(op, &parse_args(args)?)
}

fn parse_args(args: &str) -> Result<Args, Failure> {
    match serde_json::from_str::<Value>(args) {
        Ok(Value::Object(map)) => Ok(Args(map)),
        _ => Err(Failure::Input { path: "" }),
    }
}

/// The issues of a validation call (`validate`, `validate_json`) and
/// whether they are asked with their labels; `None` for another
/// operation. The one reading of these calls, whichever way their result
/// is written.
fn validation(op: &str, args: &Args) -> Option<Result<(Vec<Issue>, bool), Failure>> {
    let issues = |options: &ValidateOptions| -> Result<Vec<Issue>, Failure> {
        match op {
            "validate" => Ok(cme_pdp::validate::validate(args.value("case"), options)),
            _ => Ok(cme_pdp::validate::validate_json(args.str("text")?, options)),
        }
    };
    matches!(op, "validate" | "validate_json").then(|| {
        let options = args.opt_as_of()?;
        Ok((issues(&options)?, args.flag("labels")?))
    })
}

/// An issue as a result object (camelCase keys, written in the order of
/// their names, as a JSON object of the library is).
#[derive(Serialize)]
struct IssueOut<'a> {
    code: cme_pdp::issue::IssueCode,
    message: &'a str,
    #[serde(rename = "messageEn")]
    message_en: &'a str,
    params: &'a std::collections::BTreeMap<String, String>,
    path: &'a cme_pdp::issue::Path,
    #[serde(skip_serializing_if = "cme_pdp::issue::Severity::is_error")]
    severity: cme_pdp::issue::Severity,
}

/// `{"ok": [issues]}` written straight from the issues.
#[derive(Serialize)]
struct IssuesOk<'a> {
    ok: Vec<IssueOut<'a>>,
}

/// Runs one operation on its JSON arguments and writes its envelope
/// ([`envelope`]): the issues of a validation (a form's call at each
/// keystroke) are written straight as JSON text, every other result through
/// its JSON value; the same text either way.
///
/// ```
/// use cme_wasm::ops::{call_text, envelope, run};
/// let args = r#"{"case": {"id": "Jean Dupont"}, "as_of": "2025-06-30"}"#;
/// assert_eq!(call_text("validate", args), envelope(run("validate", args)));
/// assert!(call_text("validate", args).starts_with(r#"{"ok":[{"code":"#));
/// ```
pub fn call_text(op: &str, args: &str) -> String {
    let parsed = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(e) => return envelope(Err(e)),
    };
    match validation(op, &parsed) {
        // the issues of one validation, never validated again
        Some(Err(e)) => envelope(Err(e)),
        Some(Ok((issues, true))) => envelope(issues_out(&issues, true)),
        Some(Ok((issues, false))) => {
            let ok = IssuesOk {
                ok: issues
                    .iter()
                    .map(|i| IssueOut {
                        code: i.code,
                        message: &i.message,
                        message_en: &i.message_en,
                        params: &i.params,
                        path: &i.path,
                        severity: i.severity,
                    })
                    .collect(),
            };
            serde_json::to_string(&ok).unwrap_or_else(|_| envelope(Err(Failure::Output)))
        }
        None => envelope(dispatch(op, &parsed)),
    }
}

fn dispatch(op: &str, args: &Args) -> Out {
    if let Some(found) = validation(op, args) {
        let (issues, labels) = found?;
        return issues_out(&issues, labels);
    }
    match op {
        "version" => Ok(Value::String(cme_pdp::VERSION.to_string())),
        // A panic on purpose, to test the boundary: in wasm (panic = abort)
        // it traps; cme.js turns the trap into an InternalError and asks
        // for the module to be loaded again.
        #[allow(clippy::panic)]
        "boundary_panic" => panic!("cme: panic on purpose (boundary test)"),
        // The budgets cme.js checks while it writes the arguments (the
        // core's numbers, never copied into the JS).
        "limits" => Ok(json!({
            "max_json_bytes": cme_pdp::limits::MAX_JSON_BYTES,
            "max_report_bytes": cme_pdp::limits::MAX_REPORT_BYTES,
            "max_rows": cme_pdp::limits::MAX_ROWS,
        })),
        // A problem cme.js found before the call (a budget of the
        // arguments): the core's issue for it, with its messages from the
        // one catalogue.
        "refuse" => {
            let code = cme_pdp::issue::IssueCode::from_code(args.str("code")?)
                .ok_or(Failure::Input { path: "code" })?;
            let mut issue =
                Issue::new(code, cme_pdp::issue::Path::from_rendered(args.str("path")?));
            if let Value::Object(params) = args.value("params") {
                for (k, v) in params {
                    issue = match v {
                        Value::String(s) => issue.with(k, s),
                        other => issue.with(k, other),
                    };
                }
            }
            Err(Failure::Core(CmeError::InvalidCase(
                cme_pdp::validate::ValidationError {
                    issues: vec![issue],
                },
            )))
        }
        "field_labels" => result(cme_pdp::labels::field_labels()),
        // A date in running French (« 9 novembre 2024 ») and English, by
        // the core's one helper.
        "date_text" => {
            let date = cme_pdp::dates::parse_iso_date(args.str("date")?)
                .ok_or(Failure::Input { path: "date" })?;
            Ok(json!({
                "fr": cme_pdp::texts::date_fr(date),
                "en": cme_pdp::texts::date_en(date),
            }))
        }
        "parse_case" => {
            let options = args.opt_as_of()?;
            let case = cme_pdp::validate::parse_case(args.value("case"), &options)
                .map_err(CmeError::from)?;
            ser(&case)
        }
        #[cfg(feature = "evaluation")]
        "evaluate" => {
            let as_of = args.as_of()?;
            let policy = cme_pdp::policy::resolve_policy(args.value("policy"))?;
            let evaluation = cme_pdp::evaluate::evaluate_value(args.value("case"), &policy, as_of)?;
            let mut json = ser(&evaluation)?;
            if let Some(obj) = json.as_object_mut() {
                obj.insert("text_fr".into(), evaluation.to_text_fr().into());
            }
            Ok(camel_keys(json))
        }
        #[cfg(feature = "evaluation")]
        "try_add_event" => ser(&cme_pdp::json::add_event_value(
            args.value("case"),
            args.value("event"),
        )?),
        #[cfg(feature = "evaluation")]
        "visit_obligations" => {
            let as_of = args.as_of()?;
            let options = args.legal_options()?;
            let report = cme_pdp::json::visit_report_value(args.value("case"), as_of, &options)?;
            result(&report)
        }
        #[cfg(feature = "evaluation")]
        "visit_obligations_for_leave" => {
            let as_of = args.as_of()?;
            let options = args.legal_options()?;
            let out = cme_pdp::json::visit_obligations_value(
                args.value("leave"),
                args.value("worker"),
                args.opt_str("requested_by")?,
                as_of,
                &options,
            )?;
            result(&out)
        }
        #[cfg(feature = "evaluation")]
        "legal_calendar" => {
            let as_of = args.as_of()?;
            let report =
                cme_pdp::json::calendar_value(args.value("input"), as_of, args.value("options"))?;
            result(&report)
        }
        #[cfg(feature = "evaluation")]
        "orient" => {
            let as_of = args.as_of()?;
            let problems = args.strings("problems")?;
            let out = cme_pdp::json::orient_value(args.value("case"), problems.as_deref(), as_of)?;
            result(&out)
        }
        #[cfg(feature = "analysis")]
        "indicators" => {
            let by = args.strings("by")?.unwrap_or_default();
            let threshold = match args.value("threshold") {
                Value::Null => None,
                v => Some(v.as_u64().ok_or(Failure::Input { path: "threshold" })?),
            };
            let ids = args.strings("indicators")?.unwrap_or_default();
            let report = cme_pdp::publish::report_json_of(
                args.array("cases", false)?,
                args.array("activities", true)?,
                args.value("policy"),
                args.str("period")?,
                &by,
                threshold,
                &ids,
            )?;
            result(&report)
        }
        #[cfg(feature = "analysis")]
        "impact" => {
            let report = cme_pdp::impact::impact_json(
                args.array("cases", false)?,
                args.value("before"),
                args.value("after"),
                args.str("as_of")?,
            )?;
            result(&report)
        }
        #[cfg(feature = "analysis")]
        "worklists" => {
            let lists = cme_pdp::worklists::worklists_json(
                args.array("cases", false)?,
                args.value("policies"),
                args.str("as_of")?,
                args.value("options"),
            )?;
            result(&lists)
        }
        #[cfg(feature = "analysis")]
        "document" => {
            let doc = cme_pdp::documents::document_json(
                args.value("case"),
                args.str("kind")?,
                args.str("as_of")?,
                args.value("options"),
            )?;
            result(&doc)
        }
        #[cfg(feature = "analysis")]
        "document_fields" => result(&cme_pdp::documents::FIELDS),
        #[cfg(feature = "analysis")]
        "company_report" => {
            let mut request = cme_pdp::publish::company::CompanyRequest::new(
                args.str("company")?,
                // a headcount that is not a whole number covers no company
                args.value("headcount").as_u64().unwrap_or(0),
                args.str("period")?,
            );
            request.by = args.strings("by")?.unwrap_or_default();
            if let v @ Value::Number(_) = args.value("threshold") {
                request.threshold = v.as_u64().ok_or(Failure::Input { path: "threshold" })?;
            } else if !args.value("threshold").is_null() {
                return Err(Failure::Input { path: "threshold" });
            }
            let report = cme_pdp::publish::company::company_report_json(
                args.array("cases", false)?,
                args.value("policy"),
                &request,
            )?;
            result(&report)
        }
        #[cfg(feature = "analysis")]
        "regional_report" => {
            let by = args.strings("by")?.unwrap_or_default();
            let report = cme_pdp::indicators::region::regional_report_json(
                args.array("cases", false)?,
                args.value("policies"),
                args.str("period")?,
                &by,
            )?;
            result(&report)
        }
        #[cfg(feature = "analysis")]
        "publish_bundle" => {
            let threshold = args
                .value("threshold")
                .as_u64()
                .ok_or(Failure::Input { path: "threshold" })?;
            let width = match args.value("protection_width") {
                Value::Null => None,
                v => Some(v.as_u64().ok_or(Failure::Input {
                    path: "protection_width",
                })?),
            };
            let reports = snake_keys(args.value("reports").clone());
            result(&cme_pdp::publish::publish_bundle_json(
                &reports, threshold, width,
            )?)
        }
        #[cfg(feature = "analysis")]
        "audit" => result(&cme_pdp::publish::audit_json(&snake_keys(
            args.value("published").clone(),
        ))?),
        #[cfg(feature = "analysis")]
        "verify" => result(&cme_pdp::publish::verify_json(&snake_keys(
            args.value("published").clone(),
        ))?),
        "code_lists" => ser(&cme_pdp::lists::code_lists()),
        #[cfg(feature = "analysis")]
        "indicator_catalogue" => result(&cme_pdp::indicators::catalogue()),
        #[cfg(feature = "evaluation")]
        "preset_codes" => ser(&cme_pdp::policy::preset_codes()),
        #[cfg(feature = "evaluation")]
        "preset" => ser(&cme_pdp::policy::preset(args.str("code")?)?),
        #[cfg(feature = "evaluation")]
        "load_policy" => {
            let policy = cme_pdp::policy::Policy::from_value(args.value("policy"))
                .map_err(CmeError::InvalidPolicy)?;
            ser(&policy)
        }
        "issue_codes" => result(&cme_pdp::issue::catalogue()),
        _ => Err(Failure::UnknownOperation),
    }
}

/// Issues as JSON; with `labels`, each also carries the label of its field
/// (`label`, `labelEn`, when the format has that field) and its message in
/// the form's words (`formMessage`, `formMessageEn`): `labels::labelled`.
fn issues_out(issues: &[Issue], labels: bool) -> Out {
    if labels {
        let labelled: Vec<_> = issues.iter().map(cme_pdp::labels::labelled).collect();
        result(&labelled)
    } else {
        result(issues)
    }
}

fn issues_json(issues: &[Issue]) -> Value {
    result(issues).unwrap_or_else(|_| Value::Array(Vec::new()))
}

fn error_json(name: &str, code: &str, path: &str, fr: &str, en: &str, issues: Value) -> Value {
    json!({"error": {
        "name": name, "code": code, "path": path,
        "message": fr, "messageEn": en, "issues": issues,
    }})
}

/// The envelope of a result, as JSON text: `{"ok": …}` or `{"error": …}`.
///
/// ```
/// use cme_wasm::ops::{envelope, run};
/// let text = envelope(run("preset", r#"{"code": "nope"}"#));
/// let v: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(v["error"]["name"], "UnknownPresetError");
/// assert_eq!(v["error"]["code"], "unknown_preset");
/// ```
pub fn envelope(out: Out) -> String {
    let value = match out {
        Ok(v) => json!({ "ok": v }),
        Err(Failure::Core(e)) => error_json(
            e.kind(),
            e.code(),
            e.path(),
            &e.message_fr(),
            &e.message_en(),
            issues_json(e.issues()),
        ),
        Err(Failure::Input { path }) => error_json(
            "InputError",
            "unsupported_type",
            path,
            "La valeur JavaScript ne peut pas être lue comme un document JSON du type attendu.",
            "The JavaScript value cannot be read as a JSON document of the expected type.",
            Value::Array(Vec::new()),
        ),
        Err(Failure::UnknownOperation) => error_json(
            "CmeError",
            "unknown_operation",
            "",
            "Cette opération n'existe pas.",
            "No such operation.",
            Value::Array(Vec::new()),
        ),
        Err(Failure::Output) => error_json(
            "CmeError",
            "output_conversion",
            "",
            "Le résultat n'a pas pu être écrit en JSON.",
            "The result could not be written as JSON.",
            Value::Array(Vec::new()),
        ),
    };
    value.to_string()
}
