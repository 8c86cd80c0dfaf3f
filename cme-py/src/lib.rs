//! `cme._cme`: the pyo3 extension of the Python package `cme`.
//!
//! Thin: converts Python objects to the JSON tree and back, maps errors
//! (`error.rs`), and delegates every rule to `cme-core`. The Pythonic API is
//! the pure-Python layer `python/cme/__init__.py`.

use cme_pdp::error::{parse_as_of, CmeError};
use cme_pdp::validate::{parse_case as core_parse_case, ValidateOptions};
use pyo3::prelude::*;

mod convert;
mod error;
mod table;
mod typed;

use convert::{py_to_json, to_py};
use error::to_py_err;

fn options(py: Python<'_>, as_of: Option<&str>) -> PyResult<ValidateOptions> {
    let as_of = match as_of {
        Some(text) => Some(parse_as_of(text).map_err(|e| to_py_err(py, &e))?),
        None => None,
    };
    Ok(ValidateOptions::as_of(as_of))
}

/// Panics on purpose: shows what a panic of Rust code becomes in Python
/// (`pyo3_runtime.PanicException`, a `BaseException`; the interpreter lives
/// on). The core is written so that no input can make it panic (clippy
/// denies unwrap, expect, panic and indexing; fuzzing); this is the test of
/// the boundary itself.
#[pyfunction]
#[allow(clippy::panic)]
fn _boundary_panic() {
    panic!("cme: panic on purpose (boundary test)");
}

/// The `cme.InputError` of a code of the core's catalogue at a path, with
/// parameters (its messages rendered by the core): for the errors the pure
/// Python layer finds (a table another library cannot convert). Returned,
/// not raised.
#[pyfunction]
fn _input_error<'py>(
    py: Python<'py>,
    code: &str,
    path: &str,
    params: std::collections::BTreeMap<String, String>,
) -> PyResult<Bound<'py, PyAny>> {
    let code = cme_pdp::issue::IssueCode::from_code(code)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("cme: unknown issue code"))?;
    let params: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let err = error::input_issue(py, code, path, &params);
    Ok(err.into_value(py).into_bound(py).into_any())
}

/// The version of the library.
#[pyfunction]
fn version() -> &'static str {
    cme_pdp::VERSION
}

/// Every issue of a case given as Python objects (a list of dicts); with
/// `labels`, each also has its field's label and its message in a form's
/// words.
#[pyfunction]
#[pyo3(signature = (case, as_of=None, labels=false))]
fn validate<'py>(
    py: Python<'py>,
    case: &Bound<'py, PyAny>,
    as_of: Option<&str>,
    labels: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(py, as_of)?;
    let value = py_to_json(case)?;
    let issues = py.detach(|| cme_pdp::validate::validate(&value, &options));
    issues_to_py(py, &issues, labels)
}

/// Every issue of a case given as a JSON text.
#[pyfunction]
#[pyo3(signature = (text, as_of=None, labels=false))]
fn validate_json<'py>(
    py: Python<'py>,
    text: &str,
    as_of: Option<&str>,
    labels: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(py, as_of)?;
    let issues = py.detach(|| cme_pdp::validate::validate_json(text, &options));
    issues_to_py(py, &issues, labels)
}

fn issues_to_py<'py>(
    py: Python<'py>,
    issues: &[cme_pdp::issue::Issue],
    labels: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if labels {
        let labelled: Vec<_> = issues.iter().map(cme_pdp::labels::labelled).collect();
        to_py(py, &labelled)
    } else {
        to_py(py, &issues)
    }
}

/// The French and English label of every field of the interchange format
/// (`path` with its list indexes left out: `events[].date`).
#[pyfunction]
fn field_labels(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &cme_pdp::labels::field_labels())
}

/// The case in its normalized JSON form, or `cme.ValidationError`.
#[pyfunction]
#[pyo3(signature = (case, as_of=None))]
fn parse_case<'py>(
    py: Python<'py>,
    case: &Bound<'py, PyAny>,
    as_of: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(py, as_of)?;
    let value = py_to_json(case)?;
    match core_parse_case(&value, &options) {
        Ok(case) => to_py(py, &case),
        Err(e) => Err(to_py_err(py, &CmeError::from(e))),
    }
}

/// The JSON Schema of the interchange format.
#[pyfunction]
fn case_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &cme_pdp::schema::case_schema())
}

/// The bundled sample of 50 synthetic cases, as dicts.
#[pyfunction]
fn sample_cases(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let values = cme_pdp::sample::sample_json_values().map_err(|issue| {
        to_py_err(
            py,
            &CmeError::InvalidCase(cme_pdp::validate::ValidationError {
                issues: vec![issue],
            }),
        )
    })?;
    to_py(py, &values)
}

/// The evaluation date the sample is consistent with.
#[pyfunction]
fn sample_as_of() -> String {
    cme_pdp::sample::SAMPLE_AS_OF.to_string()
}

/// The catalogue of issue codes: code, parameters, French and English
/// templates.
#[pyfunction]
fn issue_codes(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &cme_pdp::issue::catalogue())
}

/// Every code list with its French labels: those of the case model, of
/// the results, and the NAF sections.
#[pyfunction]
fn code_lists(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &cme_pdp::lists::code_lists())
}

/// The French and English labels of a value of a report's dimension and
/// its rank in the dimension's natural order (`Dimension::value_label`,
/// `Dimension::value_rank`).
#[pyfunction]
fn dimension_value(
    py: Python<'_>,
    dimension: &str,
    value: &str,
) -> PyResult<(String, String, (u8, usize, String))> {
    use cme_pdp::codes::Code;
    let dim = cme_pdp::indicators::Dimension::from_code(dimension).ok_or_else(|| {
        crate::error::input_error(
            py,
            "unknown_code",
            "dimension",
            &format!(
                "Dimension inconnue. Codes admis : {}.",
                cme_pdp::indicators::Dimension::codes_joined()
            ),
            &format!(
                "Unknown dimension. Allowed codes: {}.",
                cme_pdp::indicators::Dimension::codes_joined()
            ),
        )
    })?;
    let (fr, en) = dim.value_label(value);
    Ok((fr, en, dim.value_rank(value)))
}

fn policy_of(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<cme_pdp::policy::Policy> {
    let value = py_to_json(policy)?;
    cme_pdp::policy::resolve_policy(&value).map_err(|e| to_py_err(py, &e))
}

fn required_as_of(py: Python<'_>, as_of: &str) -> PyResult<chrono::NaiveDate> {
    parse_as_of(as_of).map_err(|e| to_py_err(py, &e))
}

/// A policy argument loaded for evaluations: a preset by its code is
/// parsed and hashed once per process (`Loaded::preset`), a policy dict
/// once per call.
enum LoadedArg {
    Preset(&'static cme_pdp::policy::Loaded),
    Own(Box<cme_pdp::policy::Loaded>),
}

impl LoadedArg {
    fn get(&self) -> &cme_pdp::policy::Loaded {
        match self {
            LoadedArg::Preset(p) => p,
            LoadedArg::Own(p) => p,
        }
    }
}

fn loaded_policy_of(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<LoadedArg> {
    if let Ok(code) = policy.cast::<pyo3::types::PyString>() {
        let code = code.to_cow()?;
        return cme_pdp::policy::Loaded::preset(&code)
            .map(LoadedArg::Preset)
            .map_err(|e| to_py_err(py, &e));
    }
    let policy = policy_of(py, policy)?;
    Ok(LoadedArg::Own(Box::new(cme_pdp::policy::Loaded::new(
        policy,
    ))))
}

/// An evaluation kept in Rust: its decisions (stage, status, category,
/// inclusion, alerts) are computed at once by the decisions-only path
/// (`decide`, the same rules) and read as codes; the whole evaluation
/// (reasons, sources, the legal calendar) is computed the first time it is
/// asked (`to_dict`, `text_fr`), from the case checked once.
#[pyclass(frozen, module = "cme._cme")]
struct EvaluationData {
    case: cme_pdp::evaluate::EvaluableCase,
    policy: LoadedArg,
    as_of: chrono::NaiveDate,
    decisions: cme_pdp::evaluate::Decisions,
    full: std::sync::OnceLock<cme_pdp::evaluate::Evaluation>,
}

impl EvaluationData {
    fn full(&self, py: Python<'_>) -> PyResult<&cme_pdp::evaluate::Evaluation> {
        if let Some(e) = self.full.get() {
            return Ok(e);
        }
        let e = py
            .detach(|| self.case.evaluate(self.policy.get(), self.as_of))
            .map_err(|e| to_py_err(py, &e))?;
        Ok(self.full.get_or_init(|| e))
    }
}

#[pymethods]
impl EvaluationData {
    /// The case's id.
    fn case_id(&self) -> &str {
        &self.case.case().id
    }

    /// The canonical stage's code.
    fn stage(&self) -> &'static str {
        use cme_pdp::codes::Code;
        self.decisions.stage.code()
    }

    /// The status's code.
    fn status(&self) -> &'static str {
        use cme_pdp::codes::Code;
        self.decisions.status.code()
    }

    /// The category's code, if decided.
    fn category(&self) -> Option<&'static str> {
        use cme_pdp::codes::Code;
        self.decisions.category.map(Code::code)
    }

    /// The inclusion decision's code.
    fn inclusion(&self) -> &'static str {
        use cme_pdp::codes::Code;
        self.decisions.inclusion.code()
    }

    /// The alerts' codes.
    fn alert_codes(&self) -> Vec<&str> {
        self.decisions
            .alerts
            .iter()
            .map(|a| a.code.as_str())
            .collect()
    }

    /// The decisions as plain data (codes and dates, no texts).
    fn decisions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.decisions)
    }

    /// The whole evaluation as plain data (reasons, sources, texts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let full = self.full(py)?;
        to_py(py, full)
    }

    /// The evaluation as French text.
    fn text_fr(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.full(py)?.to_text_fr())
    }
}

/// Evaluates a case under a policy (a preset code or a policy dict) as of
/// a date, kept in Rust (`EvaluationData`).
#[pyfunction]
fn evaluate(
    py: Python<'_>,
    case: &Bound<'_, PyAny>,
    policy: &Bound<'_, PyAny>,
    as_of: &str,
) -> PyResult<EvaluationData> {
    let as_of = required_as_of(py, as_of)?;
    let policy = loaded_policy_of(py, policy)?;
    let value = py_to_json(case)?;
    let (case, decisions) = py
        .detach(|| {
            let case = cme_pdp::evaluate::EvaluableCase::from_value(&value)?;
            let decisions = case.decide(policy.get(), as_of)?;
            Ok::<_, CmeError>((case, decisions))
        })
        .map_err(|e| to_py_err(py, &e))?;
    Ok(EvaluationData {
        case,
        policy,
        as_of,
        decisions,
        full: std::sync::OnceLock::new(),
    })
}

/// Adds an event to a case if the pathway accepts it: the new case, or
/// `cme.EventRefusedError` (the case given is not modified).
#[pyfunction]
fn try_add_event<'py>(
    py: Python<'py>,
    case: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let case = py_to_json(case)?;
    let event = py_to_json(event)?;
    let added = cme_pdp::json::add_event_value(&case, &event).map_err(|e| to_py_err(py, &e))?;
    to_py(py, &added)
}

/// A preset policy by service code, as a dict.
#[pyfunction]
fn preset<'py>(py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
    let policy = cme_pdp::policy::preset(code).map_err(|e| to_py_err(py, &e))?;
    to_py(py, &policy)
}

/// The codes of the seven presets.
#[pyfunction]
fn preset_codes() -> Vec<&'static str> {
    cme_pdp::policy::preset_codes()
}

/// Checks a policy given as a dict; the normalized policy, or
/// `cme.PolicyError` with every problem.
#[pyfunction]
fn load_policy<'py>(py: Python<'py>, policy: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = py_to_json(policy)?;
    let policy = cme_pdp::policy::Policy::from_value(&value)
        .map_err(|e| to_py_err(py, &CmeError::InvalidPolicy(e)))?;
    to_py(py, &policy)
}

/// Checks a policy given as a JSON or TOML text (`format` is `"json"` or
/// `"toml"`).
#[pyfunction]
fn load_policy_text<'py>(py: Python<'py>, text: &str, format: &str) -> PyResult<Bound<'py, PyAny>> {
    let loaded = match format {
        "toml" => cme_pdp::policy::Policy::from_toml_str(text),
        _ => cme_pdp::policy::Policy::from_json_str(text),
    };
    let policy = loaded.map_err(|e| to_py_err(py, &CmeError::InvalidPolicy(e)))?;
    to_py(py, &policy)
}

/// The content hash (SHA-256) of a policy given as a dict or preset code.
#[pyfunction]
fn policy_hash(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(policy_of(py, policy)?.content_hash())
}

fn legal_options(
    py: Python<'_>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<cme_pdp::legal::LegalOptions> {
    match options {
        None => Ok(cme_pdp::legal::LegalOptions::default()),
        Some(o) => {
            cme_pdp::legal::LegalOptions::from_value(&py_to_json(o)?).map_err(|e| to_py_err(py, &e))
        }
    }
}

/// The legal calendar of a calendar input (dict: `leaves`, `worker`,
/// `pre_reprise_request`, `liaison_date`, `visits`, `several_employers`,
/// `facts`) as of a date (dict).
#[pyfunction]
#[pyo3(signature = (input, as_of, options=None))]
fn legal_calendar<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
    as_of: &str,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let as_of = required_as_of(py, as_of)?;
    let options = match options {
        None => serde_json::Value::Null,
        Some(o) => py_to_json(o)?,
    };
    let report = cme_pdp::json::calendar_value(&py_to_json(input)?, as_of, &options)
        .map_err(|e| to_py_err(py, &e))?;
    to_py(py, &report)
}

/// The legal calendar of a case as of a date (dict).
#[pyfunction]
#[pyo3(signature = (case, as_of, options=None))]
fn visit_obligations<'py>(
    py: Python<'py>,
    case: &Bound<'py, PyAny>,
    as_of: &str,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let as_of = required_as_of(py, as_of)?;
    let options = legal_options(py, options)?;
    let report = cme_pdp::json::visit_report_value(&py_to_json(case)?, as_of, &options)
        .map_err(|e| to_py_err(py, &e))?;
    to_py(py, &report)
}

/// The visit rules for one sick leave and the worker (list of dicts).
#[pyfunction]
#[pyo3(signature = (leave, worker, as_of, requested_by=None, options=None))]
fn visit_obligations_for_leave<'py>(
    py: Python<'py>,
    leave: &Bound<'py, PyAny>,
    worker: &Bound<'py, PyAny>,
    as_of: &str,
    requested_by: Option<&str>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let as_of = required_as_of(py, as_of)?;
    let options = legal_options(py, options)?;
    let out = cme_pdp::json::visit_obligations_value(
        &py_to_json(leave)?,
        &py_to_json(worker)?,
        requested_by,
        as_of,
        &options,
    )
    .map_err(|e| to_py_err(py, &e))?;
    to_py(py, &out)
}

/// Partners suggested for problem types (given, or inferred), gated by
/// consent (list of dicts).
#[pyfunction]
#[pyo3(signature = (case, as_of, problems=None))]
fn orient<'py>(
    py: Python<'py>,
    case: &Bound<'py, PyAny>,
    as_of: &str,
    problems: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let as_of = required_as_of(py, as_of)?;
    // the count before any item is converted (the core refuses a longer
    // list with the same issue)
    let problems = match problems {
        Some(list) => {
            cme_pdp::json::check_problem_count(list.len()?).map_err(|e| to_py_err(py, &e))?;
            Some(list.extract::<Vec<String>>()?)
        }
        None => None,
    };
    let out = cme_pdp::json::orient_value(&py_to_json(case)?, problems.as_deref(), as_of)
        .map_err(|e| to_py_err(py, &e))?;
    to_py(py, &out)
}

fn json_list(py: Python<'_>, items: &Bound<'_, PyAny>) -> PyResult<Vec<serde_json::Value>> {
    match py_to_json(items)? {
        serde_json::Value::Array(items) => Ok(items),
        _ => Err(not_a_list(py)),
    }
}

fn not_a_list(py: Python<'_>) -> PyErr {
    error::input_issue(py, cme_pdp::issue::IssueCode::NotAList, "cases", &[])
}

/// Rows converted at a time from a list of cases: the conversion needs
/// the GIL, the reading does not.
const CASES_PART: usize = 4096;

/// Converts a list (or tuple) of cases part after part and gives each part
/// to `each`: counted first (`too_many_items` at `cases` past
/// `cme_pdp::limits::MAX_ROWS`, before any is converted), each case a
/// document of at most `cme_pdp::limits::MAX_JSON_BYTES` with paths
/// `cases[i]…`; only one part's JSON is held at a time.
pub(crate) fn for_each_case_part(
    py: Python<'_>,
    cases: &Bound<'_, PyAny>,
    mut each: impl FnMut(&[serde_json::Value]),
) -> PyResult<()> {
    if !(cases.is_instance_of::<pyo3::types::PyList>()
        || cases.is_instance_of::<pyo3::types::PyTuple>())
    {
        return Err(not_a_list(py));
    }
    let n = cases.len()?;
    cme_pdp::indicators::check_case_count(n).map_err(|e| to_py_err(py, &e))?;
    let mut start = 0;
    while start < n {
        let end = start.saturating_add(CASES_PART).min(n);
        let mut part = Vec::with_capacity(end - start);
        for i in start..end {
            let at = ["cases".to_string(), format!("[{i}]")];
            part.push(convert::py_to_json_within(
                &cases.get_item(i)?,
                cme_pdp::limits::MAX_JSON_BYTES,
                &at,
            )?);
        }
        each(&part);
        start = end;
    }
    Ok(())
}

/// Indicators of cases (a list of dicts) under a policy for a period
/// (`2024`, `2024-S1`, `2024-T2`, `2024-01-01/2024-06-30`), broken down by
/// up to two dimensions; published with a threshold when given. The cases
/// are converted and counted part after part, never all held as JSON.
#[pyfunction]
#[pyo3(signature = (cases, policy, period, by=Vec::new(), threshold=None, activities=None))]
fn indicators<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    policy: &Bound<'py, PyAny>,
    period: &str,
    by: Vec<String>,
    threshold: Option<&Bound<'py, PyAny>>,
    activities: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let threshold = threshold.map(|t| threshold_arg(py, t)).transpose()?;
    let policy = py_to_json(policy)?;
    let period = cme_pdp::indicators::Period::parse(period).map_err(|e| to_py_err(py, &e))?;
    let mut builder = cme_pdp::indicators::ReportBuilder::new(&policy, period, &by)
        .map_err(|e| to_py_err(py, &e))?;
    for_each_case_part(py, cases, |part| {
        py.detach(|| part.iter().for_each(|c| builder.add_case(c)));
    })?;
    if let Some(a) = activities {
        builder.add_activities(&json_list(py, a)?);
    }
    let report = py
        .detach(|| {
            builder
                .finish()
                .and_then(|r| cme_pdp::publish::report_value(&r, threshold))
        })
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &report)
}

/// The regional report of cases (a list of dicts) of several services,
/// each counted under its own policy (`policies`: `None` for the seven
/// presets, each service by its preset code, or a dict of service code →
/// preset code or policy), for a period, by up to two dimensions. The cases
/// are converted and counted part after part.
#[pyfunction]
#[pyo3(signature = (cases, period, by=Vec::new(), policies=None))]
fn regional_report<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    period: &str,
    by: Vec<String>,
    policies: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let policies = match policies {
        Some(p) => py_to_json(p)?,
        None => serde_json::Value::Null,
    };
    let period = cme_pdp::indicators::Period::parse(period).map_err(|e| to_py_err(py, &e))?;
    let mut builder = cme_pdp::indicators::region::RegionBuilder::new(&policies, period, &by)
        .map_err(|e| to_py_err(py, &e))?;
    for_each_case_part(py, cases, |part| {
        py.detach(|| part.iter().for_each(|c| builder.add_case(c)));
    })?;
    let report = py
        .detach(|| {
            builder
                .finish()
                .map(|r| cme_pdp::indicators::region::regional_report_value(&r))
        })
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &report)
}

/// The cell's worklists as of a date (`cme_pdp::worklists`): the cases (a
/// list of dicts), the policies (`None`: each case under its service's
/// preset; or a dict of service code → preset code or policy), the options
/// (`lists`, `service`, `doctor`, `referent`, `by`,
/// `reprise_within_days`). The cases are converted and read part after
/// part.
#[pyfunction]
#[pyo3(signature = (cases, as_of, policies=None, options=None))]
fn worklists<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    as_of: &str,
    policies: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let policies = match policies {
        Some(p) => py_to_json(p)?,
        None => serde_json::Value::Null,
    };
    let options = match options {
        Some(o) => py_to_json(o)?,
        None => serde_json::Value::Null,
    };
    let mut builder = cme_pdp::worklists::WorklistsBuilder::new(&policies, as_of, &options)
        .map_err(|e| to_py_err(py, &e))?;
    for_each_case_part(py, cases, |part| {
        py.detach(|| part.iter().for_each(|c| builder.add_case(c)));
    })?;
    let out = py
        .detach(|| builder.finish())
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &out)
}

/// A document of the cell filled from a case (`cme_pdp::documents`): the
/// case (a dict), the document's code, the date, the options as every
/// binding gives them (`identity`: names, addresses, the appointment, never
/// kept; `partner` of a fiche relais; `policy`, a preset code or a policy
/// dict, by default the case's service's preset; `templates`, the
/// service's own as a dict or JSON text), and whether to make the Word file
/// too. A dict: `kind`, `title`, `text`, `html`, `placeholders`, `sources`
/// (and `docx`, bytes).
#[pyfunction]
#[pyo3(signature = (case, kind, as_of, options=None, docx=false))]
fn document<'py>(
    py: Python<'py>,
    case: &Bound<'py, PyAny>,
    kind: &str,
    as_of: &str,
    options: Option<&Bound<'py, PyAny>>,
    docx: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let value = py_to_json(case)?;
    let options = match options {
        Some(o) => py_to_json(o)?,
        None => serde_json::Value::Null,
    };
    let doc = py
        .detach(|| cme_pdp::documents::document_of_json(&value, kind, as_of, &options))
        .map_err(|e| to_py_err(py, &e))?;
    let dict = convert::json_to_py(py, &cme_pdp::documents::document_value(&doc))?;
    if docx {
        let bytes = doc.to_docx().map_err(|e| to_py_err(py, &e))?;
        dict.set_item("docx", pyo3::types::PyBytes::new(py, &bytes))?;
    }
    Ok(dict)
}

/// The fields a document template may use (`cme_pdp::documents::FIELDS`).
#[pyfunction]
fn document_fields(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    convert::to_py(py, &cme_pdp::documents::FIELDS)
}

/// The report of one company of more than 300 employees (D4622-54): the
/// cases (a list of dicts) of the service, of which only those whose
/// `worker.company` is `company` count, under the service's policy, for a
/// period, published with the threshold and carrying its audit. The cases
/// are converted and counted part after part.
#[pyfunction]
#[pyo3(signature = (cases, policy, company, headcount, period, by=Vec::new(), threshold=None))]
#[allow(clippy::too_many_arguments)]
fn company_report<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    policy: &Bound<'py, PyAny>,
    company: &str,
    headcount: &Bound<'py, PyAny>,
    period: &str,
    by: Vec<String>,
    threshold: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    use cme_pdp::publish::company::{company_report_from, CompanyRequest};
    // a negative or non-integer headcount is one of no company covered
    let headcount = if headcount.is_instance_of::<pyo3::types::PyBool>() {
        0
    } else {
        headcount.extract::<u64>().unwrap_or(0)
    };
    let mut request = CompanyRequest::new(company, headcount, period);
    request.by = by.clone();
    // without a threshold, the core's default
    if let Some(t) = threshold {
        request.threshold = threshold_arg(py, t)?;
    }
    let policy = py_to_json(policy)?;
    let parsed = cme_pdp::indicators::Period::parse(period).map_err(|e| to_py_err(py, &e))?;
    let mut builder = cme_pdp::indicators::ReportBuilder::new(&policy, parsed, &by)
        .map_err(|e| to_py_err(py, &e))?
        .of_company(company);
    for_each_case_part(py, cases, |part| {
        py.detach(|| part.iter().for_each(|c| builder.add_case(c)));
    })?;
    let report = py
        .detach(|| {
            company_report_from(builder, &request)
                .map(|r| serde_json::to_value(r).unwrap_or(serde_json::Value::Null))
        })
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &report)
}

/// The impact of a change of rules: cases (a list of dicts) evaluated as of
/// a date under two scenarios (`{"policy": …, "options": …}`), every case
/// whose decisions change with both evaluations.
#[pyfunction]
fn impact<'py>(
    py: Python<'py>,
    cases: &Bound<'py, PyAny>,
    before: &Bound<'py, PyAny>,
    after: &Bound<'py, PyAny>,
    as_of: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let (before, after) = (py_to_json(before)?, py_to_json(after)?);
    let mut all = Vec::new();
    for_each_case_part(py, cases, |part| all.extend_from_slice(part))?;
    let report = py
        .detach(|| cme_pdp::impact::impact_json(&all, &before, &after, as_of))
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &report)
}

/// A report or publication given back from Python: a document of at most
/// `cme_pdp::limits::MAX_REPORT_BYTES`.
fn report_arg(value: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    convert::py_to_json_within(value, cme_pdp::limits::MAX_REPORT_BYTES, &[])
}

/// A publication threshold given from Python: any integer, judged by the
/// core (a negative one, or one too large for Python's own conversion, is
/// the same `integer_out_of_range` as 0 or 1, never an `OverflowError`).
fn threshold_arg(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<u64> {
    let n = if value.is_instance_of::<pyo3::types::PyBool>() {
        -1
    } else {
        value.extract::<i128>().unwrap_or(-1)
    };
    cme_pdp::publish::check_threshold(n).map_err(|e| to_py_err(py, &e))
}

/// Publishes a report dict with a threshold.
#[pyfunction]
fn publish<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
    threshold: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let threshold = threshold_arg(py, threshold)?;
    let out = cme_pdp::publish::publish_json(&report_arg(report)?, threshold)
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &out)
}

/// Publishes several report dicts of the same cases together (a bundle),
/// with a threshold and a protection width (`None`: the threshold).
#[pyfunction]
#[pyo3(signature = (reports, threshold, protection_width=None))]
fn publish_bundle<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
    threshold: &Bound<'py, PyAny>,
    protection_width: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let threshold = threshold_arg(py, threshold)?;
    let width = match protection_width {
        None => None,
        Some(w) if w.is_none() => None,
        Some(w) => Some(
            cme_pdp::publish::check_protection_width(w.extract::<i128>().unwrap_or(-1))
                .map_err(|e| to_py_err(py, &e))?,
        ),
    };
    let reports = report_arg(reports)?;
    let out = py
        .detach(|| cme_pdp::publish::publish_bundle_json(&reports, threshold, width))
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &out)
}

/// The AIST 43 bilan dataset: its period (start, end) and its cases.
#[pyfunction]
fn dataset_aist43(py: Python<'_>) -> PyResult<(String, String, Bound<'_, PyAny>)> {
    let (period, cases) =
        cme_pdp::sample::aist43_bilan().map_err(|i| crate::error::input_error_issue(py, &i))?;
    Ok((
        period.start.to_string(),
        period.end.to_string(),
        convert::json_to_py(py, &serde_json::Value::Array(cases))?,
    ))
}

/// The French-convention export dataset, as bytes.
#[pyfunction]
fn dataset_export_fr(py: Python<'_>) -> Bound<'_, pyo3::types::PyBytes> {
    pyo3::types::PyBytes::new(py, cme_pdp::sample::EXPORT_FR)
}

/// What a chart's bar says of a value dict, in the unit of its indicator
/// (`cme_pdp::publish::tables::bar_label_fr`).
#[pyfunction]
fn bar_label(py: Python<'_>, value: &Bound<'_, PyAny>, unit: &str) -> PyResult<String> {
    use cme_pdp::codes::Code;
    let unit = cme_pdp::indicators::Unit::from_code(unit).ok_or_else(|| {
        crate::error::input_error(
            py,
            "unknown_code",
            "unit",
            "Unité inconnue (nombre, pourcentage, jours).",
            "Unknown unit (nombre, pourcentage, jours).",
        )
    })?;
    Ok(cme_pdp::publish::tables::bar_label_fr(
        &report_arg(value)?,
        unit,
    ))
}

/// The breakdowns a table by `by` is published with (its margins first).
#[pyfunction]
fn with_margins(by: Vec<String>) -> Vec<Vec<String>> {
    cme_pdp::publish::tables::with_margins(&by)
}

/// The French title of a report or published report dict: its period, its
/// service, its threshold.
#[pyfunction]
fn report_title(report: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    Ok(cme_pdp::publish::tables::title_of_json(&report_arg(
        report,
    )?))
}

/// A published report dict (or the list of a bundle) as the bytes of an
/// Excel workbook (`cme_pdp::publish::workbook`).
#[pyfunction]
fn workbook<'py>(
    py: Python<'py>,
    published: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let published = report_arg(published)?;
    let bytes = py
        .detach(|| cme_pdp::publish::workbook::xlsx_json(&published))
        .map_err(|e| to_py_err(py, &e))?;
    Ok(pyo3::types::PyBytes::new(py, &bytes))
}

/// The attacker's audit of a published report dict, or of the list of a
/// bundle.
#[pyfunction]
fn audit<'py>(py: Python<'py>, published: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let published = report_arg(published)?;
    let out = py
        .detach(|| cme_pdp::publish::audit_json(&published))
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &out)
}

/// Verifies a published report dict (or the list of a bundle) against its
/// receipt.
#[pyfunction]
fn verify<'py>(py: Python<'py>, published: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let published = report_arg(published)?;
    let out = py
        .detach(|| cme_pdp::publish::verify_json(&published))
        .map_err(|e| to_py_err(py, &e))?;
    convert::json_to_py(py, &out)
}

/// Renders a published report dict as `"csv"` or `"markdown"`.
#[pyfunction]
fn render(py: Python<'_>, published: &Bound<'_, PyAny>, format: &str) -> PyResult<String> {
    cme_pdp::publish::render_json(&report_arg(published)?, format).map_err(|e| to_py_err(py, &e))
}

/// The catalogue of indicators with their definitions and sources.
#[pyfunction]
fn indicator_catalogue(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &cme_pdp::indicators::catalogue())
}

/// The extension module.
#[pymodule]
fn _cme(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(_boundary_panic, m)?)?;
    m.add_function(wrap_pyfunction!(_input_error, m)?)?;
    m.add_function(wrap_pyfunction!(table::read_table, m)?)?;
    m.add_function(wrap_pyfunction!(table::read_csv, m)?)?;
    m.add_function(wrap_pyfunction!(code_lists, m)?)?;
    m.add_function(wrap_pyfunction!(field_labels, m)?)?;
    m.add_function(wrap_pyfunction!(dimension_value, m)?)?;
    m.add_function(wrap_pyfunction!(workbook, m)?)?;
    m.add_function(wrap_pyfunction!(report_title, m)?)?;
    m.add_function(wrap_pyfunction!(with_margins, m)?)?;
    m.add_function(wrap_pyfunction!(bar_label, m)?)?;
    m.add_function(wrap_pyfunction!(dataset_aist43, m)?)?;
    m.add_function(wrap_pyfunction!(dataset_export_fr, m)?)?;
    m.add_function(wrap_pyfunction!(table::table_columns, m)?)?;
    m.add_function(wrap_pyfunction!(table::flow_indicators, m)?)?;
    m.add_function(wrap_pyfunction!(table::case_row, m)?)?;
    m.add_function(wrap_pyfunction!(table::synthetic_columns, m)?)?;
    m.add_class::<table::CaseTable>()?;
    m.add_class::<EvaluationData>()?;
    m.add_class::<table::IndicatorAccumulator>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(parse_case, m)?)?;
    m.add_function(wrap_pyfunction!(case_schema, m)?)?;
    m.add_function(wrap_pyfunction!(sample_cases, m)?)?;
    m.add_function(wrap_pyfunction!(sample_as_of, m)?)?;
    m.add_function(wrap_pyfunction!(issue_codes, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(try_add_event, m)?)?;
    m.add_function(wrap_pyfunction!(preset, m)?)?;
    m.add_function(wrap_pyfunction!(preset_codes, m)?)?;
    m.add_function(wrap_pyfunction!(load_policy, m)?)?;
    m.add_function(wrap_pyfunction!(load_policy_text, m)?)?;
    m.add_function(wrap_pyfunction!(policy_hash, m)?)?;
    m.add_function(wrap_pyfunction!(visit_obligations, m)?)?;
    m.add_function(wrap_pyfunction!(legal_calendar, m)?)?;
    m.add_function(wrap_pyfunction!(visit_obligations_for_leave, m)?)?;
    m.add_function(wrap_pyfunction!(orient, m)?)?;
    m.add_function(wrap_pyfunction!(indicators, m)?)?;
    m.add_function(wrap_pyfunction!(regional_report, m)?)?;
    m.add_function(wrap_pyfunction!(worklists, m)?)?;
    m.add_function(wrap_pyfunction!(document, m)?)?;
    m.add_function(wrap_pyfunction!(document_fields, m)?)?;
    m.add_function(wrap_pyfunction!(company_report, m)?)?;
    m.add_function(wrap_pyfunction!(impact, m)?)?;
    m.add_function(wrap_pyfunction!(publish, m)?)?;
    m.add_function(wrap_pyfunction!(publish_bundle, m)?)?;
    m.add_function(wrap_pyfunction!(audit, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(indicator_catalogue, m)?)?;
    Ok(())
}
