//! The company report (Code du travail, art. D4622-54): only the company's
//! cases count, the headcount boundary is the article's (more than 300),
//! the article's date decides `in_force`, every problem of a request comes
//! at once, and nothing small is shown. Expected values are counted by
//! hand from the cases written here.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::publish::company::{company_report, CompanyRequest};
use serde_json::{json, Value};

/// A case of a company, signalled on a day, entered three days later.
fn case(i: usize, company: Option<&str>, signalled: &str) -> Value {
    let mut worker =
        json!({"birth_year": 1970, "sector": {"nomenclature": "naf_rev2", "section": "C"}});
    if let Some(c) = company {
        worker["company"] = json!(c);
    }
    json!({
        "format_version": 2, "id": format!("ENT-CASE-{i:03}"), "service": "aist43",
        "worker": worker,
        "signalement": {"date": signalled, "source_visit": "visite_periodique", "signalled_by": "medecin_du_travail"},
    })
}

/// 14 cases of ENT-1 signalled in 2024, 3 of ENT-2, 5 without a company,
/// one of ENT-1 signalled in 2023.
fn population() -> Vec<Value> {
    let mut out = Vec::new();
    for i in 0..14 {
        out.push(case(
            i,
            Some("ENT-1"),
            &format!("2024-{:02}-10", 1 + i % 12),
        ));
    }
    for i in 14..17 {
        out.push(case(i, Some("ENT-2"), "2024-05-02"));
    }
    for i in 17..22 {
        out.push(case(i, None, "2024-06-03"));
    }
    out.push(case(22, Some("ENT-1"), "2023-12-01"));
    out
}

fn total(report: &cme_pdp::publish::company::CompanyReport, id: &str) -> Option<u64> {
    let v = report.published.total.iter().find(|v| v.id == id).unwrap();
    v.numerator
}

#[test]
fn only_the_company_s_cases_are_counted() {
    let cases = population();
    let r = company_report(
        &cases,
        &json!("aist43"),
        &CompanyRequest::new("ENT-1", 450, "2024"),
    )
    .unwrap();
    // 15 cases name ENT-1, 14 of them signalled in 2024
    assert_eq!(r.cases, 15);
    assert_eq!(total(&r, "signalements"), Some(14));
    assert_eq!(r.company, "ENT-1");
    assert_eq!(r.headcount, 450);
    assert!(r.audit.passed);
    // ENT-2's three cases: every count of people is under the threshold
    let r2 = company_report(
        &cases,
        &json!("aist43"),
        &CompanyRequest::new("ENT-2", 800, "2024"),
    )
    .unwrap();
    assert_eq!(r2.cases, 3);
    assert_eq!(total(&r2, "signalements"), None);
    assert!(r2.audit.passed);
}

#[test]
fn nothing_under_the_threshold_is_shown() {
    let r = company_report(
        &population(),
        &json!("aist43"),
        &CompanyRequest::new("ENT-1", 450, "2024"),
    )
    .unwrap();
    let counts_people = |id: &str| {
        !(id.starts_with("duree") || id.starts_with("delai") || id == "participations_partenaires")
    };
    for v in &r.published.total {
        if let (Some(n), true) = (v.numerator, counts_people(&v.id)) {
            assert!(n >= 11, "{} shows {n}", v.id);
        }
    }
    // the 14 signalements all come from the médecin du travail: the
    // breakdown by origin is hidden, the headline shown
    assert_eq!(total(&r, "signalements_origine_medecin_du_travail"), None);
}

#[test]
fn the_headcount_boundary_is_the_article_s() {
    let cases = population();
    let at = |n: u64| {
        company_report(
            &cases,
            &json!("aist43"),
            &CompanyRequest::new("ENT-1", n, "2024"),
        )
    };
    let err = at(300).unwrap_err();
    let issue = &err.issues()[0];
    assert_eq!(
        (issue.code.code(), issue.path.as_str()),
        ("company_not_covered", "headcount")
    );
    assert!(issue.message.contains("plus de 300 salariés"));
    assert!(issue.message.contains("D4622-54"));
    assert!(at(301).is_ok());
}

#[test]
fn every_problem_of_a_request_comes_at_once_without_its_value() {
    let mut request = CompanyRequest::new("Dupont SA", 12, "2024");
    request.threshold = 1;
    let err = company_report(&population(), &json!("aist43"), &request).unwrap_err();
    let found: Vec<(&str, &str)> = err
        .issues()
        .iter()
        .map(|i| (i.code.code(), i.path.as_str()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[0], ("invalid_id", "company"));
    assert_eq!(found[1], ("company_not_covered", "headcount"));
    assert_eq!(found[2].1, "threshold");
    assert!(err.issues().iter().all(|i| !i.message.contains("Dupont")));
}

#[test]
fn the_article_applies_from_17_november_2022() {
    let cases = population();
    let on = |period: &str| {
        company_report(
            &cases,
            &json!("aist43"),
            &CompanyRequest::new("ENT-1", 450, period),
        )
        .unwrap()
        .in_force
    };
    assert!(!on("2022-11-01/2022-11-16"));
    assert!(on("2022-11-01/2022-11-17"));
    assert!(on("2024"));
    let r = company_report(
        &cases,
        &json!("aist43"),
        &CompanyRequest::new("ENT-1", 450, "2024"),
    )
    .unwrap();
    assert_eq!(r.sources[0].reference, "Code du travail, art. D4622-54");
    assert_eq!(r.sources[0].version.as_deref(), Some("2022-11-17"));
    for s in &r.sources {
        cme_pdp::sources::resolve(s).unwrap();
    }
}

#[test]
fn a_case_of_another_company_with_a_problem_still_refuses_the_report() {
    let mut cases = population();
    cases[15]["signalement"]["date"] = json!("2024-13-40");
    let err = company_report(
        &cases,
        &json!("aist43"),
        &CompanyRequest::new("ENT-1", 450, "2024"),
    )
    .unwrap_err();
    assert_eq!(err.issues()[0].path.as_str(), "cases[15].signalement.date");
}
