//! Canonical outputs of every vector, written by the Rust runner to
//! `target/conformance/rust/<family>/<name>.json`; the Python (pyo3), Node
//! (wasm) and uniffi-Python runners write theirs beside it, and
//! `tests/tools/compare_conformance.py` fails the test run on any difference
//! (see tests/vectors/README.md for the canonical form).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use serde_json::{json, Value};

fn out_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/conformance/rust")
}

/// Integral floats as integers (JS cannot tell 100.0 from 100); keys sorted
/// (serde_json's map is ordered); compact.
fn canonical(v: &Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(x) if n.is_f64() && x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
            _ => v.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), canonical(v))).collect())
        }
        other => other.clone(),
    }
}

/// Every source in an output resolves to an article cme knows (in a version
/// in force on the cited date), a document of docs/sources.md or a policy;
/// no text names a file the user does not have.
fn check_sources(at: &str, v: &Value) {
    match v {
        Value::Object(map) => {
            if map.contains_key("kind") && map.contains_key("reference") {
                let source: cme_pdp::explain::Source = serde_json::from_value(v.clone())
                    .unwrap_or_else(|e| panic!("{at}: not a source ({e}): {v}"));
                if let Err(e) = cme_pdp::sources::resolve(&source) {
                    panic!("{at}: {e}");
                }
            }
            for (k, x) in map {
                check_sources(&format!("{at}.{k}"), x);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                check_sources(&format!("{at}[{i}]"), x);
            }
        }
        Value::String(s) => {
            for bad in ["seed 00", "DOMAIN.md", "LEGAL.md"] {
                assert!(!s.contains(bad), "{at} cites {bad}: {s}");
            }
        }
        _ => {}
    }
}

fn write(family: &str, name: &str, value: &Value) {
    check_sources(&format!("{family}/{name}"), value);
    let dir = out_dir().join(family);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(format!("{name}.json")),
        canonical(value).to_string() + "\n",
    )
    .unwrap();
}

fn vectors(family: &str) -> Vec<Value> {
    let dir = cme_conformance::vectors_dir().join(family);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// A vector's period as `start/end`.
fn period_of(v: &Value) -> String {
    format!(
        "{}/{}",
        v["period"]["start"].as_str().unwrap(),
        v["period"]["end"].as_str().unwrap()
    )
}

/// A vector's dimension codes.
fn by_of(v: &Value) -> Vec<String> {
    v["by"]
        .as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn date(v: &Value) -> Option<chrono::NaiveDate> {
    v.as_str().and_then(cme_pdp::validate::parse_iso_date)
}

#[test]
fn write_canonical_outputs() {
    for v in vectors("validation") {
        let options = cme_pdp::validate::ValidateOptions::as_of(date(&v["as_of"]));
        let issues = match v.get("input_json").and_then(Value::as_str) {
            Some(text) => cme_pdp::validate::validate_json(text, &options),
            None => cme_pdp::validate::validate(&v["input"], &options),
        };
        write(
            "validation",
            v["name"].as_str().unwrap(),
            &json!({ "issues": issues }),
        );
    }
    for v in vectors("pathway") {
        let policy = cme_pdp::policy::resolve_policy(&v["policy"]).unwrap();
        let e = cme_pdp::evaluate::evaluate_value(&v["input"], &policy, date(&v["as_of"]).unwrap())
            .unwrap();
        write(
            "pathway",
            v["name"].as_str().unwrap(),
            &json!({ "evaluation": e, "text_fr": e.to_text_fr() }),
        );
    }
    for v in vectors("legal") {
        let out = match cme_pdp::json::calendar_value(
            &v["input"],
            date(&v["as_of"]).unwrap(),
            &v["options"],
        ) {
            Ok(report) => json!({ "report": report }),
            Err(e) => json!({ "issues": e.issues() }),
        };
        write("legal", v["name"].as_str().unwrap(), &out);
    }
    for v in vectors("indicators") {
        let (period, by) = (period_of(&v), by_of(&v));
        let ids: Vec<String> = v["indicators"]
            .as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        let report = cme_pdp::publish::report_json_of(
            v["cases"].as_array().unwrap(),
            &[],
            &v["policy"],
            &period,
            &by,
            None,
            &ids,
        )
        .unwrap();
        // The publication of the bundle: the total, each dimension, their cross.
        let mut bys: Vec<Vec<String>> = vec![vec![]];
        if by.len() == 2 {
            bys.extend(by.iter().map(|d| vec![d.clone()]));
        }
        if !by.is_empty() {
            bys.push(by.clone());
        }
        let reports: Vec<Value> = bys
            .iter()
            .map(|b| {
                cme_pdp::publish::report_json_of(
                    v["cases"].as_array().unwrap(),
                    &[],
                    &v["policy"],
                    &period,
                    b,
                    None,
                    &ids,
                )
                .unwrap()
            })
            .collect();
        let published =
            cme_pdp::publish::publish_bundle_json(&Value::Array(reports), 11, None).unwrap();
        write(
            "indicators",
            v["name"].as_str().unwrap(),
            &json!({
                "report": report,
                "publication": published,
                "audit": cme_pdp::publish::audit_json(&published).unwrap(),
                "verification": cme_pdp::publish::verify_json(&published).unwrap(),
            }),
        );
    }
    for v in vectors("regions") {
        let (period, by) = (period_of(&v), by_of(&v));
        let out = match cme_pdp::indicators::region::regional_report_json(
            v["cases"].as_array().unwrap(),
            &v["policies"],
            &period,
            &by,
        ) {
            Ok(report) => {
                // the region's harmonised figures, published
                let published = cme_pdp::publish::publish_bundle_json(
                    &Value::Array(vec![report["harmonised"].clone()]),
                    11,
                    None,
                )
                .unwrap();
                json!({ "report": report, "publication": published })
            }
            Err(e) => json!({ "issues": e.issues() }),
        };
        write("regions", v["name"].as_str().unwrap(), &out);
    }
    for v in vectors("companies") {
        let request: cme_pdp::publish::company::CompanyRequest =
            serde_json::from_value(v["request"].clone()).unwrap();
        let out = match cme_pdp::publish::company::company_report_json(
            v["cases"].as_array().unwrap(),
            &v["policy"],
            &request,
        ) {
            Ok(report) => json!({ "report": report }),
            Err(e) => json!({ "issues": e.issues() }),
        };
        write("companies", v["name"].as_str().unwrap(), &out);
    }
    for v in vectors("worklists") {
        let out = match cme_pdp::worklists::worklists_json(
            v["cases"].as_array().unwrap(),
            &v["policies"],
            v["as_of"].as_str().unwrap(),
            &v["options"],
        ) {
            Ok(lists) => json!({ "worklists": lists }),
            Err(e) => json!({ "issues": e.issues() }),
        };
        write("worklists", v["name"].as_str().unwrap(), &out);
    }
    for v in vectors("documents") {
        let out = match cme_pdp::documents::document_json(
            &v["case"],
            v["kind"].as_str().unwrap(),
            v["as_of"].as_str().unwrap(),
            &v["options"],
        ) {
            Ok(document) => json!({ "document": document }),
            Err(e) => json!({ "issues": e.issues() }),
        };
        write("documents", v["name"].as_str().unwrap(), &out);
    }
    for v in vectors("impacts") {
        let out = match cme_pdp::impact::impact_json(
            v["cases"].as_array().unwrap(),
            &v["before"],
            &v["after"],
            v["as_of"].as_str().unwrap(),
        ) {
            Ok(report) => json!({ "report": report }),
            Err(e) => json!({ "issues": e.issues() }),
        };
        write("impacts", v["name"].as_str().unwrap(), &out);
    }
}
