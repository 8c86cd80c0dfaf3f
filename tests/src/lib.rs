//! Cross-binding conformance vectors of cme.
//!
//! `tests/vectors/<family>/*.json` hold one input and its expected output
//! each, readable by a domain expert. This crate loads them and runs them
//! against `cme-core`; pytest, the Node tests and the uniffi-Python tests run
//! the same files through their bindings.
//!
//! A validation vector:
//!
//! ```json
//! { "name": "arret_fin_avant_debut",
//!   "description": "L'arrêt se termine avant de commencer.",
//!   "as_of": "2025-06-30",
//!   "input": { "format_version": 1, "...": "..." },
//!   "expected": [{"code": "sick_leave_end_before_start", "path": "sick_leaves[0].end"}] }
//! ```
//!
//! `input_json` (a JSON text) replaces `input` for malformed documents.
//! `expected` lists every issue (code and path, any order); an empty list
//! means the case is valid.
//!
//! ```
//! let vectors = cme_conformance::load_validation_vectors().unwrap();
//! assert!(vectors.len() >= 30);
//! ```

use std::path::{Path, PathBuf};

use cme_pdp::validate::{validate, validate_json, ValidateOptions};
use serde::Deserialize;

/// An expected issue: code and path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
pub struct ExpectedIssue {
    /// Stable issue code.
    pub code: String,
    /// Field path.
    pub path: String,
}

/// One validation vector.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidationVector {
    /// File stem, unique.
    pub name: String,
    /// What the vector shows, in French.
    pub description: String,
    /// Evaluation date, if any.
    #[serde(default)]
    pub as_of: Option<chrono::NaiveDate>,
    /// The case as JSON.
    #[serde(default)]
    pub input: Option<serde_json::Value>,
    /// The case as a JSON text (for malformed documents).
    #[serde(default)]
    pub input_json: Option<String>,
    /// Every expected issue.
    pub expected: Vec<ExpectedIssue>,
}

/// The directory of the vectors.
pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Loads every vector of a family, sorted by file name.
fn load<T: for<'de> Deserialize<'de>>(family: &str) -> Result<Vec<(PathBuf, T)>, String> {
    let dir = vectors_dir().join(family);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let v = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok((p, v))
        })
        .collect()
}

/// Loads every validation vector, checking that each file is named after
/// its vector.
pub fn load_validation_vectors() -> Result<Vec<ValidationVector>, String> {
    load::<ValidationVector>("validation")?
        .into_iter()
        .map(|(path, v)| {
            let stem = Path::new(&path)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            if stem != v.name {
                return Err(format!("{}: name is {:?}", path.display(), v.name));
            }
            if v.input.is_some() == v.input_json.is_some() {
                return Err(format!(
                    "{}: give exactly one of input, input_json",
                    path.display()
                ));
            }
            Ok(v)
        })
        .collect()
}

/// Runs a validation vector through `cme-core`: the issues found, sorted.
pub fn run_validation(v: &ValidationVector) -> Vec<ExpectedIssue> {
    let options = ValidateOptions::as_of(v.as_of);
    let issues = match (&v.input, &v.input_json) {
        (Some(input), _) => validate(input, &options),
        (None, Some(text)) => validate_json(text, &options),
        (None, None) => Vec::new(),
    };
    let mut out: Vec<ExpectedIssue> = issues
        .into_iter()
        .map(|i| ExpectedIssue {
            code: i.code.code().to_string(),
            path: i.path.as_str().to_string(),
        })
        .collect();
    out.sort();
    out
}

/// The outcome of a pathway vector: what a cell expects to read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathwayOutcome {
    /// Canonical stage code.
    pub stage: String,
    /// Status code.
    pub status: String,
    /// Category code, or `null` while undetermined.
    pub category: Option<String>,
    /// Inclusion decision code.
    pub inclusion: String,
    /// Alert codes, sorted.
    pub alerts: Vec<String>,
    /// Refused events (code and path), sorted.
    pub refused: Vec<ExpectedIssue>,
    /// When the vector gives it: every suggested partner as
    /// `problem:partner:state` (`actionable`, or why it is blocked), sorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientation: Option<Vec<String>>,
    /// When the vector gives it: the stages reached, in the order of the
    /// history (each the first time it was reached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<String>>,
    /// When the vector gives it: the codes of the next steps, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<Vec<String>>,
}

/// The orientation of an evaluation in the vectors' form: every suggestion
/// as `problem:partner:state`, sorted.
pub fn orientation_of(e: &cme_pdp::evaluate::Evaluation) -> Vec<String> {
    use cme_pdp::codes::Code;
    let mut out: Vec<String> = e
        .orientation
        .iter()
        .map(|s| {
            let state = s.blocked.as_deref().unwrap_or(if s.actionable {
                "actionable"
            } else {
                "non_actionable"
            });
            format!("{}:{}:{}", s.problem.code(), s.partner.code(), state)
        })
        .collect();
    out.sort();
    out
}

/// One pathway vector.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathwayVector {
    /// File stem, unique.
    pub name: String,
    /// What the vector shows, in French.
    pub description: String,
    /// A preset code, or a whole policy object.
    pub policy: serde_json::Value,
    /// Evaluation date.
    pub as_of: chrono::NaiveDate,
    /// The case.
    pub input: serde_json::Value,
    /// The expected outcome.
    pub expected: PathwayOutcome,
}

/// Loads every pathway vector.
pub fn load_pathway_vectors() -> Result<Vec<PathwayVector>, String> {
    Ok(load::<PathwayVector>("pathway")?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// The outcome of an evaluation, in the vectors' form (the same extraction
/// every binding's runner does on its evaluation output).
pub fn outcome_of(e: &cme_pdp::evaluate::Evaluation) -> PathwayOutcome {
    use cme_pdp::codes::Code;
    let mut alerts: Vec<String> = e.alerts.iter().map(|a| a.code.clone()).collect();
    alerts.sort();
    let mut refused: Vec<ExpectedIssue> = e
        .refused_events
        .iter()
        .map(|i| ExpectedIssue {
            code: i.code.code().to_string(),
            path: i.path.to_string(),
        })
        .collect();
    refused.sort();
    PathwayOutcome {
        stage: e.stage.value.stage.code().to_string(),
        status: e.status.value.code().to_string(),
        category: e.category.decision.value.map(|c| c.code().to_string()),
        inclusion: e.inclusion.decision.value.code().to_string(),
        alerts,
        refused,
        orientation: None,
        history: None,
        next_steps: None,
    }
}

/// Runs a pathway vector through `cme-core`.
pub fn run_pathway(v: &PathwayVector) -> Result<PathwayOutcome, String> {
    let policy = cme_pdp::policy::resolve_policy(&v.policy).map_err(|e| e.to_string())?;
    let e =
        cme_pdp::evaluate::evaluate_value(&v.input, &policy, v.as_of).map_err(|e| e.to_string())?;
    let mut outcome = outcome_of(&e);
    if v.expected.orientation.is_some() {
        outcome.orientation = Some(orientation_of(&e));
    }
    if v.expected.history.is_some() {
        use cme_pdp::codes::Code;
        outcome.history = Some(
            e.stage
                .value
                .history
                .iter()
                .map(|s| s.stage.code().to_string())
                .collect(),
        );
    }
    if v.expected.next_steps.is_some() {
        outcome.next_steps = Some(e.next_steps.iter().map(|s| s.code.clone()).collect());
    }
    Ok(outcome)
}

/// One legal vector: a calendar input (the prescriptions of a sick leave,
/// the worker, the pré-reprise request, the visits done, the facts of the
/// measures), options, and what the articles give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalVector {
    /// File stem, unique.
    pub name: String,
    /// What the vector shows and the article it comes from, in French.
    pub description: String,
    /// Evaluation date.
    pub as_of: chrono::NaiveDate,
    /// The calendar input.
    pub input: serde_json::Value,
    /// Options (`branch_agreement_age`, `liaison_absences_discontinues`,
    /// `entretien_parcours_from`).
    #[serde(default)]
    pub options: serde_json::Value,
    /// Which absence the rule outcomes are read from (default 0).
    #[serde(default)]
    pub absence_index: usize,
    /// Expected: by rule code (the fields given are compared), `measures`
    /// (code → eligible), `absence` (`prescriptions`, `length_days`), or
    /// `error` (the issues `{code, path}` of a refused input).
    pub expected: std::collections::BTreeMap<String, serde_json::Value>,
}

/// Loads every legal vector.
pub fn load_legal_vectors() -> Result<Vec<LegalVector>, String> {
    Ok(load::<LegalVector>("legal")?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// The parts of a legal report (as JSON) that a vector's `expected` names:
/// the same selection in every runner.
// serde_json's `Value[...]` gives `Null` for a missing key or index, it
// never panics.
#[allow(clippy::indexing_slicing)]
pub fn select_legal(
    report: &serde_json::Value,
    expected: &std::collections::BTreeMap<String, serde_json::Value>,
    absence_index: usize,
) -> std::collections::BTreeMap<String, serde_json::Value> {
    use serde_json::{json, Value};
    let mut out = std::collections::BTreeMap::new();
    let absence = &report["absences"][absence_index];
    for (key, want) in expected {
        let got = match key.as_str() {
            "measures" => {
                let mut m = serde_json::Map::new();
                for code in want.as_object().into_iter().flat_map(|o| o.keys()) {
                    let found = report["measures"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|x| x["measure"] == code.as_str());
                    m.insert(
                        code.clone(),
                        found.map_or(json!("absente"), |x| x["eligible"].clone()),
                    );
                }
                Value::Object(m)
            }
            "absence" => {
                let mut m = serde_json::Map::new();
                for k in want.as_object().into_iter().flat_map(|o| o.keys()) {
                    m.insert(k.clone(), absence["absence"][k].clone());
                }
                Value::Object(m)
            }
            "error" => Value::Null,
            rule => {
                let outcome = if rule == "mi_carriere" {
                    report["mi_carriere"].clone()
                } else {
                    absence["outcomes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|o| o["rule"] == rule)
                        .cloned()
                        .unwrap_or(Value::Null)
                };
                let mut m = serde_json::Map::new();
                for k in want.as_object().into_iter().flat_map(|o| o.keys()) {
                    let v = match k.as_str() {
                        "version" => outcome["version"]["id"].clone(),
                        "dated_by" => Value::Array(
                            outcome["dated_by"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .map(|d| {
                                    json!(format!(
                                        "{}:{}",
                                        d["part"].as_str().unwrap_or(""),
                                        d["version"]["id"].as_str().unwrap_or("")
                                    ))
                                })
                                .collect(),
                        ),
                        "reasons" => Value::Array(
                            outcome["reasons"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .map(|r| r["code"].clone())
                                .filter(|c| {
                                    want["reasons"].as_array().is_some_and(|w| w.contains(c))
                                })
                                .collect(),
                        ),
                        other => outcome[other].clone(),
                    };
                    m.insert(k.clone(), v);
                }
                Value::Object(m)
            }
        };
        out.insert(key.clone(), got);
    }
    out
}

/// The issues of a refused input as `{code, path}`.
pub fn error_of(err: &cme_pdp::error::CmeError) -> serde_json::Value {
    serde_json::Value::Array(
        err.issues()
            .iter()
            .map(|i| serde_json::json!({"code": i.code.code(), "path": i.path.as_str()}))
            .collect(),
    )
}

/// Runs a legal vector through `cme-core`.
pub fn run_legal(
    v: &LegalVector,
) -> Result<std::collections::BTreeMap<String, serde_json::Value>, String> {
    match cme_pdp::json::calendar_value(&v.input, v.as_of, &v.options) {
        Ok(report) => {
            let json = serde_json::to_value(&report).map_err(|e| e.to_string())?;
            Ok(select_legal(&json, &v.expected, v.absence_index))
        }
        Err(e) => Ok([("error".to_string(), error_of(&e))].into_iter().collect()),
    }
}

/// One expected indicator value.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedValue {
    /// Count (or sum of days).
    pub numerator: u64,
    /// Denominator, for rates and means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    /// Value in the indicator's unit.
    pub value: Option<f64>,
}

/// An expected cell.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedCell {
    /// Dimension values.
    pub key: Vec<String>,
    /// Indicator values checked.
    pub values: std::collections::BTreeMap<String, ExpectedValue>,
}

/// Expected figures of an indicator vector (only those listed are checked).
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedReport {
    /// Totals.
    pub total: std::collections::BTreeMap<String, ExpectedValue>,
    /// Cells.
    #[serde(default)]
    pub cells: Vec<ExpectedCell>,
    /// Targets: `[target, achieved]` pairs.
    #[serde(default)]
    pub targets: Option<serde_json::Value>,
    /// The ids shown, in order, in the total and in every cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown: Option<Vec<String>>,
}

/// One indicator vector.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorVector {
    /// File stem.
    pub name: String,
    /// What the vector shows, in French.
    pub description: String,
    /// A preset code or a policy object.
    pub policy: serde_json::Value,
    /// The period.
    pub period: cme_pdp::indicators::Period,
    /// Dimension codes.
    pub by: Vec<String>,
    /// The cases.
    pub cases: Vec<serde_json::Value>,
    /// The figures asked for (empty: the whole catalogue).
    #[serde(default)]
    pub indicators: Vec<String>,
    /// The expected figures.
    pub expected: ExpectedReport,
}

/// Loads every indicator vector.
pub fn load_indicator_vectors() -> Result<Vec<IndicatorVector>, String> {
    Ok(load::<IndicatorVector>("indicators")?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// The figures of a report that a vector checks, in the vector's form.
pub fn checked_figures(v: &IndicatorVector, r: &cme_pdp::indicators::Report) -> ExpectedReport {
    let pick = |values: &[cme_pdp::indicators::IndicatorValue],
                wanted: &std::collections::BTreeMap<String, ExpectedValue>| {
        values
            .iter()
            .filter(|x| wanted.contains_key(&x.id))
            .map(|x| {
                (
                    x.id.clone(),
                    ExpectedValue {
                        numerator: x.numerator,
                        denominator: x.denominator,
                        value: x.value,
                    },
                )
            })
            .collect()
    };
    let cells = v
        .expected
        .cells
        .iter()
        .map(|want| ExpectedCell {
            key: want.key.clone(),
            values: r
                .cells
                .iter()
                .find(|c| c.key == want.key)
                .map(|c| pick(&c.values, &want.values))
                .unwrap_or_default(),
        })
        .collect();
    let ids = |values: &[cme_pdp::indicators::IndicatorValue]| -> Vec<String> {
        values.iter().map(|x| x.id.clone()).collect()
    };
    ExpectedReport {
        // the total's ids when every cell shows the same, else every list
        shown: v.expected.shown.as_ref().map(|_| {
            let total = ids(&r.total.0);
            if r.cells.iter().all(|c| ids(&c.values) == total) {
                total
            } else {
                r.cells.iter().flat_map(|c| ids(&c.values)).collect()
            }
        }),
        total: pick(&r.total.0, &v.expected.total),
        cells,
        targets: v
            .expected
            .targets
            .as_ref()
            .and(r.targets.as_ref())
            .map(|t| {
                serde_json::json!({
                    "signalements": [t.signalements.0, t.signalements.1],
                    "dossiers": [t.dossiers.0, t.dossiers.1],
                    "maintien_percent": [t.maintien_percent.0, t.maintien_percent.1],
                })
            }),
    }
}

/// Runs an indicator vector through `cme-core`.
pub fn run_indicators(v: &IndicatorVector) -> Result<ExpectedReport, String> {
    let r =
        cme_pdp::indicators::report_of(&v.cases, &[], &v.policy, v.period, &v.by, &v.indicators)
            .map_err(|e| e.to_string())?;
    Ok(checked_figures(v, &r))
}

/// Runs every vector of a family and lists the differences, readable for a
/// domain expert: `name`, expected and got as JSON. An empty list means all
/// passed.
pub fn failures<V, O, E>(
    vectors: &[V],
    name: impl Fn(&V) -> &str,
    run: impl Fn(&V) -> Result<O, E>,
    expected: impl Fn(&V) -> O,
) -> Vec<String>
where
    O: PartialEq + serde::Serialize,
    E: std::fmt::Display,
{
    let json = |o: &O| serde_json::to_string(o).unwrap_or_default();
    vectors
        .iter()
        .filter_map(|v| match run(v) {
            Ok(got) if got == expected(v) => None,
            Ok(got) => Some(format!(
                "{}:\n  expected {}\n  got      {}",
                name(v),
                json(&expected(v)),
                json(&got)
            )),
            Err(e) => Some(format!("{}: {e}", name(v))),
        })
        .collect()
}

/// The project README's Rust snippet, run as a doctest so that it cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// One region vector: cases of several services, each counted under its
/// own policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionVector {
    /// File stem.
    pub name: String,
    /// What the vector shows, in French.
    pub description: String,
    /// `null` (the presets) or service code → preset code or policy.
    pub policies: serde_json::Value,
    /// The period.
    pub period: cme_pdp::indicators::Period,
    /// Dimension codes.
    #[serde(default)]
    pub by: Vec<String>,
    /// The cases.
    pub cases: Vec<serde_json::Value>,
    /// What the report must say (only what is listed is checked).
    pub expected: serde_json::Value,
}

/// Loads every region vector.
pub fn load_region_vectors() -> Result<Vec<RegionVector>, String> {
    Ok(load::<RegionVector>("regions")?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// What a regional report (its JSON, snake_case keys) says of what the
/// vector's `expected` lists, in the vector's form: the checked figures of
/// the total and cells, the policy of each service, the divergences, the
/// bases asked for; or, for a refused report, its problems (`error`).
// Indexing a `serde_json::Value` by key gives `Null` for a missing key or a
// value of another type: it never panics.
#[allow(clippy::indexing_slicing)]
pub fn region_observed(
    expected: &serde_json::Value,
    outcome: Result<&serde_json::Value, Vec<(String, String)>>,
) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let report = match outcome {
        Ok(r) => r,
        Err(issues) => return json!({"total": {}, "error": error_list(issues)}),
    };
    let pick = |values: &Value, wanted: &Value| -> Value {
        let mut out = Map::new();
        for v in values.as_array().into_iter().flatten() {
            let Some(id) = v["id"].as_str() else { continue };
            if wanted.get(id).is_none() {
                continue;
            }
            let mut e = Map::new();
            e.insert("numerator".into(), v["numerator"].clone());
            if !v["denominator"].is_null() {
                e.insert("denominator".into(), v["denominator"].clone());
            }
            if !v["value"].is_null() {
                e.insert("value".into(), v["value"].clone());
            }
            out.insert(id.to_string(), Value::Object(e));
        }
        Value::Object(out)
    };
    let mut out = Map::new();
    out.insert("total".into(), pick(&report["total"], &expected["total"]));
    if let Some(cells) = expected.get("cells").and_then(Value::as_array) {
        let got: Vec<Value> = cells
            .iter()
            .map(|want| {
                let found = report["cells"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|c| c["key"] == want["key"]);
                json!({
                    "key": want["key"],
                    "values": found.map(|c| pick(&c["values"], &want["values"])).unwrap_or(json!({})),
                })
            })
            .collect();
        out.insert("cells".into(), Value::Array(got));
    }
    if expected.get("policies").is_some() {
        let mut m = Map::new();
        for p in report["policies"].as_array().into_iter().flatten() {
            if let Some(s) = p["service"].as_str() {
                m.insert(s.to_string(), p["policy"]["id"].clone());
            }
        }
        out.insert("policies".into(), Value::Object(m));
    }
    if expected.get("divergences").is_some() {
        let mut m = Map::new();
        for d in report["divergences"].as_array().into_iter().flatten() {
            let mut classes = Map::new();
            for c in d["classes"].as_array().into_iter().flatten() {
                if let Some(s) = c["service"].as_str() {
                    classes.insert(s.to_string(), c["class"].clone());
                }
            }
            if let Some(r) = d["result"].as_str() {
                m.insert(r.to_string(), Value::Object(classes));
            }
        }
        out.insert("divergences".into(), Value::Object(m));
    }
    if let Some(wanted) = expected.get("bases").and_then(Value::as_object) {
        let mut m = Map::new();
        for b in report["bases"].as_array().into_iter().flatten() {
            if let Some(id) = b["id"].as_str() {
                if wanted.contains_key(id) {
                    m.insert(id.to_string(), b["basis"].clone());
                }
            }
        }
        out.insert("bases".into(), Value::Object(m));
    }
    Value::Object(out)
}

/// Runs a region vector through `cme-core`.
pub fn run_region(v: &RegionVector) -> Result<serde_json::Value, String> {
    let period = format!("{}/{}", v.period.start, v.period.end);
    let out =
        cme_pdp::indicators::region::regional_report_json(&v.cases, &v.policies, &period, &v.by);
    Ok(region_observed(
        &v.expected,
        out.as_ref().map_err(code_and_path),
    ))
}

/// One company vector: the report of one company of more than 300
/// employees (D4622-54), published and audited.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyVector {
    /// File stem.
    pub name: String,
    /// What the vector shows, in French.
    pub description: String,
    /// The service's policy (a preset code or a policy object).
    pub policy: serde_json::Value,
    /// The company, its headcount, the period, the breakdown, the threshold.
    pub request: cme_pdp::publish::company::CompanyRequest,
    /// The cases of the service.
    pub cases: Vec<serde_json::Value>,
    /// What the report must say.
    pub expected: serde_json::Value,
}

/// Loads every company vector.
pub fn load_company_vectors() -> Result<Vec<CompanyVector>, String> {
    Ok(load::<CompanyVector>("companies")?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// What a company report (its JSON, snake_case keys) says in a vector's
/// form: the company's cases counted, whether the article applies, the
/// numerator shown of each total listed in `shown` (`null` when hidden),
/// which of the totals listed in `hidden` are hidden, whether the audit
/// passed; or a refused report's problems (`error`).
// Indexing a `serde_json::Value` by key gives `Null` for a missing key or a
// value of another type: it never panics.
#[allow(clippy::indexing_slicing)]
pub fn company_observed(
    expected: &serde_json::Value,
    outcome: Result<&serde_json::Value, Vec<(String, String)>>,
) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let report = match outcome {
        Ok(r) => r,
        Err(issues) => return json!({ "error": error_list(issues) }),
    };
    let total = report["published"]["total"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let find = |id: &str| total.iter().find(|v| v["id"] == id).cloned();
    let mut shown = Map::new();
    for id in expected["shown"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        shown.insert(
            id.clone(),
            find(id)
                .map(|v| v["numerator"].clone())
                .unwrap_or(Value::Null),
        );
    }
    let hidden: Vec<Value> = expected["hidden"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|id| {
            id.as_str()
                .and_then(find)
                .is_some_and(|v| v["numerator"].is_null() && !v["hidden"].is_null())
        })
        .cloned()
        .collect();
    json!({
        "cases": report["cases"],
        "in_force": report["in_force"],
        "shown": shown,
        "hidden": hidden,
        "audit_passed": report["audit"]["passed"],
    })
}

/// Runs a company vector through `cme-core`.
pub fn run_company(v: &CompanyVector) -> Result<serde_json::Value, String> {
    let out = cme_pdp::publish::company::company_report_json(&v.cases, &v.policy, &v.request);
    Ok(company_observed(
        &v.expected,
        out.as_ref().map_err(code_and_path),
    ))
}

/// One worklist vector: the cell's lists over a portfolio as of a date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorklistVector {
    /// File stem.
    pub name: String,
    /// What the vector shows, in French.
    pub description: String,
    /// The cases.
    pub cases: Vec<serde_json::Value>,
    /// `null` (each case under its service's preset) or service → policy.
    pub policies: serde_json::Value,
    /// The date of the lists.
    pub as_of: String,
    /// The options (lists, filters, grouping).
    pub options: serde_json::Value,
    /// What the lists must say.
    pub expected: serde_json::Value,
}

/// Loads every worklist vector.
pub fn load_worklist_vectors() -> Result<Vec<WorklistVector>, String> {
    Ok(load::<WorklistVector>("worklists")?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// What worklists (their JSON, snake_case keys) say in a vector's form:
/// the cases looked at, the half-month, each item as `[list, case, date,
/// days_overdue]` in order (or each group as `[key, number of items]`), the
/// French text of the items listed in `texts` (`list:case`); or a refusal's
/// problems (`error`), sorted by path.
// Indexing a `serde_json::Value` by key gives `Null` for a missing key or a
// value of another type: it never panics.
#[allow(clippy::indexing_slicing)]
pub fn worklist_observed(
    expected: &serde_json::Value,
    outcome: Result<&serde_json::Value, Vec<(String, String)>>,
) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let out = match outcome {
        Ok(o) => o,
        Err(mut issues) => {
            issues.sort_by(|a, b| a.1.cmp(&b.1));
            return json!({ "error": error_list(issues) });
        }
    };
    let line = |i: &Value| json!([i["list"], i["case_id"], i["date"], i["days_overdue"]]);
    let mut o = Map::new();
    o.insert("cases".into(), out["cases"].clone());
    o.insert("half_month".into(), out["half_month"].clone());
    let items: Vec<&Value> = out["items"].as_array().into_iter().flatten().collect();
    if let Some(groups) = out["groups"].as_array() {
        let g: Vec<Value> = groups
            .iter()
            .map(|g| json!([g["key"], g["items"].as_array().map_or(0, Vec::len)]))
            .collect();
        o.insert("groups".into(), g.into());
    } else {
        o.insert("items".into(), items.iter().map(|i| line(i)).collect());
    }
    if let Some(wanted) = expected["texts"].as_object() {
        let mut texts = Map::new();
        for key in wanted.keys() {
            let text = items
                .iter()
                .find(|i| {
                    format!(
                        "{}:{}",
                        i["list"].as_str().unwrap_or_default(),
                        i["case_id"].as_str().unwrap_or_default()
                    ) == *key
                })
                .map_or(Value::Null, |i| i["reason"]["text"].clone());
            texts.insert(key.clone(), text);
        }
        o.insert("texts".into(), texts.into());
    }
    Value::Object(o)
}

/// Runs a worklist vector through `cme-core`.
pub fn run_worklist(v: &WorklistVector) -> Result<serde_json::Value, String> {
    let out = cme_pdp::worklists::worklists_json(&v.cases, &v.policies, &v.as_of, &v.options);
    Ok(worklist_observed(
        &v.expected,
        out.as_ref().map_err(code_and_path),
    ))
}

/// One document vector: a document of the cell filled from a case as of a
/// date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentVector {
    /// File stem.
    pub name: String,
    /// What the vector shows, in French.
    pub description: String,
    /// The case.
    pub case: serde_json::Value,
    /// The document's code.
    pub kind: String,
    /// Its date.
    pub as_of: String,
    /// The options (identity, partner, policy, templates).
    pub options: serde_json::Value,
    /// What the document must say.
    pub expected: serde_json::Value,
}

/// Loads every document vector.
pub fn load_document_vectors() -> Result<Vec<DocumentVector>, String> {
    Ok(load::<DocumentVector>("documents")?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// What a document (its JSON) says in a vector's form: its title, its
/// text, the placeholders, the ids of its sources in order; or a refusal's
/// problems (`error`), sorted by path.
// Indexing a `serde_json::Value` by key gives `Null` for a missing key or a
// value of another type: it never panics.
#[allow(clippy::indexing_slicing)]
pub fn document_observed(
    outcome: Result<&serde_json::Value, Vec<(String, String)>>,
) -> serde_json::Value {
    use serde_json::json;
    match outcome {
        Ok(d) => json!({
            "title": d["title"], "text": d["text"], "placeholders": d["placeholders"],
            "sources": d["sources"].as_array().into_iter().flatten().map(|s| s["id"].clone()).collect::<Vec<_>>(),
        }),
        Err(mut issues) => {
            issues.sort_by(|a, b| a.1.cmp(&b.1));
            json!({ "error": error_list(issues) })
        }
    }
}

/// Runs a document vector through `cme-core`.
pub fn run_document(v: &DocumentVector) -> Result<serde_json::Value, String> {
    let out = cme_pdp::documents::document_json(&v.case, &v.kind, &v.as_of, &v.options);
    Ok(document_observed(out.as_ref().map_err(code_and_path)))
}

/// One impact vector: a population under two scenarios.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactVector {
    /// File stem.
    pub name: String,
    /// What the vector shows, in French.
    pub description: String,
    /// The cases.
    pub cases: Vec<serde_json::Value>,
    /// The first scenario.
    pub before: serde_json::Value,
    /// The second.
    pub after: serde_json::Value,
    /// The evaluation date.
    pub as_of: String,
    /// What the comparison must say.
    pub expected: serde_json::Value,
}

/// Loads every impact vector.
pub fn load_impact_vectors() -> Result<Vec<ImpactVector>, String> {
    Ok(load::<ImpactVector>("impacts")?
        .into_iter()
        .map(|(_, v)| v)
        .collect())
}

/// What an impact report (its JSON, snake_case keys) says in a vector's
/// form: the cases, the cases changed, the aspects with changes, each
/// changed case's changes (aspect, where, before, after: their reasons
/// are compared across runtimes by the canonical outputs); or a refused
/// comparison's problems (`error`).
// Indexing a `serde_json::Value` by key gives `Null` for a missing key or a
// value of another type: it never panics.
#[allow(clippy::indexing_slicing)]
pub fn impact_observed(
    outcome: Result<&serde_json::Value, Vec<(String, String)>>,
) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let report = match outcome {
        Ok(r) => r,
        Err(issues) => return json!({ "error": error_list(issues) }),
    };
    let mut by_aspect = Map::new();
    for a in report["by_aspect"].as_array().into_iter().flatten() {
        if a["cases"].as_u64().unwrap_or(0) > 0 {
            if let Some(name) = a["aspect"].as_str() {
                by_aspect.insert(name.to_string(), a["cases"].clone());
            }
        }
    }
    let mut changes = Map::new();
    for i in report["impacts"].as_array().into_iter().flatten() {
        if let Some(id) = i["case_id"].as_str() {
            let list: Vec<Value> = i["changes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    json!({"aspect": c["aspect"], "at": c["at"], "before": c["before"], "after": c["after"]})
                })
                .collect();
            changes.insert(id.to_string(), Value::Array(list));
        }
    }
    json!({
        "cases": report["cases"],
        "changed": report["changed"],
        "by_aspect": by_aspect,
        "changes": changes,
    })
}

/// Runs an impact vector through `cme-core`.
pub fn run_impact(v: &ImpactVector) -> Result<serde_json::Value, String> {
    let out = cme_pdp::impact::impact_json(&v.cases, &v.before, &v.after, &v.as_of);
    Ok(impact_observed(out.as_ref().map_err(code_and_path)))
}

/// The code and path of each problem of an error.
fn code_and_path(e: &cme_pdp::error::CmeError) -> Vec<(String, String)> {
    e.issues()
        .iter()
        .map(|i| (i.code.code().to_string(), i.path.as_str().to_string()))
        .collect()
}

/// Problems as a vector's `error` list.
fn error_list(issues: Vec<(String, String)>) -> Vec<serde_json::Value> {
    issues
        .into_iter()
        .map(|(code, path)| serde_json::json!({"code": code, "path": path}))
        .collect()
}
