//! No disclosure: a sentinel put in the strings and dates of cases never
//! comes back in an issue, an error, an explanation or a report. The one
//! place a value is echoed on purpose is the evaluation's `case_id` (the
//! pseudonymous id of the case the evaluation is about).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::sample::{sample_json_values, SAMPLE_AS_OF};
use cme_pdp::validate::ValidateOptions;
use serde_json::json;

mod common;
use common::{poison, SENTINEL};

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(SENTINEL), "{what} discloses a value: {text}");
}

/// Every string and date poisoned: the case is refused everywhere, and no
/// refusal carries a value.
#[test]
fn errors_of_poisoned_cases_carry_no_value() {
    let policy = cme_pdp::policy::preset("aismt13").unwrap();
    let options = ValidateOptions::as_of(Some(SAMPLE_AS_OF));
    let mut rows = Vec::new();
    for mut case in sample_json_values().unwrap() {
        if let Some(row) = cme_pdp::table::case_row(
            &cme_pdp::validate::parse_case(&case, &ValidateOptions::default()).unwrap(),
        ) {
            let mut row = row;
            poison(&mut row);
            rows.push(row);
        }
        poison(&mut case);
        let err = cme_pdp::validate::parse_case(&case, &options).unwrap_err();
        assert_clean("parse_case", &serde_json::to_string(&err.issues).unwrap());
        let err = cme_pdp::evaluate::evaluate_value(&case, &policy, SAMPLE_AS_OF).unwrap_err();
        assert_clean(
            "evaluate",
            &format!("{} {} {}", err.message_fr(), err.message_en(), err.path()),
        );
        assert_clean(
            "evaluate issues",
            &serde_json::to_string(err.issues()).unwrap(),
        );
        let err = cme_pdp::json::visit_report_value(&case, SAMPLE_AS_OF, &Default::default())
            .unwrap_err();
        assert_clean(
            "visit report",
            &serde_json::to_string(err.issues()).unwrap(),
        );
        let err = cme_pdp::json::orient_value(&case, None, SAMPLE_AS_OF).unwrap_err();
        assert_clean("orient", &serde_json::to_string(err.issues()).unwrap());
        let err = cme_pdp::publish::report_json(
            &[case.clone()],
            &[],
            &json!("aismt13"),
            "2024",
            &[],
            None,
        )
        .unwrap_err();
        assert_clean("indicators", &serde_json::to_string(err.issues()).unwrap());
    }
    let read = cme_pdp::table::read_rows(&rows, Some(SAMPLE_AS_OF));
    assert!(read.cases.is_empty());
    assert_clean("table", &serde_json::to_string(&read.issues).unwrap());
}

/// Valid cases whose free text (the team's justification) and id are
/// sentinels: explanations never quote the justification, reports hold
/// neither.
#[test]
fn explanations_and_reports_quote_no_free_text() {
    let mut cases = sample_json_values().unwrap();
    for (i, case) in cases.iter_mut().enumerate() {
        case["id"] = json!(format!("{SENTINEL}{i}"));
        case["category_override"] = json!({
            "category": "ingenierie",
            "justification": format!("{SENTINEL} situation de M. Dupont"),
            "decided_on": case["signalement"]["date"],
        });
    }
    for code in cme_pdp::policy::preset_codes() {
        let policy = cme_pdp::policy::preset(code).unwrap();
        for case in &cases {
            let e = cme_pdp::evaluate::evaluate_value(case, &policy, SAMPLE_AS_OF).unwrap();
            let id = case["id"].as_str().unwrap();
            let text = e.to_text_fr().replace(id, "");
            assert_clean("explanation text", &text);
            let mut value = serde_json::to_value(&e).unwrap();
            assert_eq!(value["case_id"], json!(id));
            value["case_id"] = json!("");
            assert_clean("evaluation", &value.to_string());
        }
        for by in [vec![], vec!["secteur".to_string(), "categorie".to_string()]] {
            let report = cme_pdp::publish::report_json(
                &cases,
                &[],
                &json!(code),
                "2022-01-01/2025-06-30",
                &by,
                None,
            )
            .unwrap();
            assert_clean("report", &report.to_string());
            let published = cme_pdp::publish::publish_json(&report, 11).unwrap();
            assert_clean("published", &published.to_string());
            for format in ["csv", "markdown"] {
                assert_clean(
                    "rendering",
                    &cme_pdp::publish::render_json(&published, format).unwrap(),
                );
            }
        }
    }
}
