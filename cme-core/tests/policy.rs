//! Policies: the seven presets load and cite their sources; loading reports
//! every problem; TOML and JSON give the same policy; the hash is canonical.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_core::codes::Code;
use cme_core::issue::IssueCode;
use cme_core::policy::{preset, preset_codes, presets, Policy, PRESET_FILES};

/// A preset's citation names a document of docs/sources.md by its short
/// name (never a file the user does not have).
fn cites(text: &str) -> bool {
    const NAMES: [&str; 8] = [
        "ASMT 65 (",
        "AISMT 13 (",
        "ACISMT (",
        "AIST 63 (",
        "AIST 43 (",
        "AST BTP 01 (",
        "MT2i (",
        "séminaire PRC",
    ];
    NAMES.iter().any(|n| text.starts_with(n)) && !text.contains("seed ") && !text.contains(".md")
}

#[test]
fn the_seven_presets_load_and_cite_their_sources() {
    let all = presets().unwrap();
    assert_eq!(
        preset_codes(),
        ["asmt65", "aismt13", "acismt", "aist63", "astbtp01", "mt2i38", "aist43"]
    );
    for (p, code) in all.iter().zip(preset_codes()) {
        assert_eq!(p.id, code);
        assert!(!p.seeds.is_empty(), "{code}: no seed");
        assert!(
            p.seeds
                .iter()
                .all(|s| cme_core::sources::document(s).is_some()),
            "{code}"
        );
        assert!(cites(&p.inclusion.source), "{code}");
        assert!(cites(&p.results.source), "{code}");
        assert!(p.first_contact.iter().all(|r| cites(&r.source)), "{code}");
        assert!(p.follow_ups.iter().all(|r| cites(&r.source)), "{code}");
        assert!(p.targeting.iter().all(|r| cites(&r.source)), "{code}");
        assert!(p.targets.iter().all(|r| cites(&r.source)), "{code}");
        assert!(!p.stages.is_empty(), "{code}: no stage names");
    }
}

#[test]
fn presets_reproduce_the_services() {
    let follow = |code: &str| {
        preset(code)
            .unwrap()
            .follow_ups
            .iter()
            .map(|f| (f.months, f.until_months))
            .collect::<Vec<_>>()
    };
    assert_eq!(follow("aismt13"), [(6, None), (12, None)]); // seed 002
    assert_eq!(follow("astbtp01"), [(12, None)]); // seed 004, questionnaire à un an
    assert_eq!(follow("mt2i38"), [(12, Some(24))]); // seed 004, 12-24 mois
    assert_eq!(preset("aist63").unwrap().first_contact.unwrap().days, 15); // seed 004
    let t = preset("aist43").unwrap().targets.unwrap();
    assert_eq!(
        (
            t.signalements_per_year,
            t.cases_per_year,
            t.maintien_rate_percent
        ),
        (100, 80, 50)
    );
    let targeting = &preset("astbtp01").unwrap().targeting[0];
    assert_eq!(
        (targeting.min_age, targeting.until.to_string()),
        (50, "2020-01-01".to_string())
    );
    assert!(preset("aismt13")
        .unwrap()
        .stages
        .iter()
        .any(|s| s.name == "Commission plénière"));
}

#[test]
fn loading_reports_every_problem_with_its_path() {
    let text = r#"{
        "id": "mauvaise politique",
        "name": "",
        "seeds": ["seed 001"],
        "stages": [{"stage": "comission", "name": "Commission"}],
        "inclusion": {"min_expected_opinions": -1, "source": "seed 001"},
        "follow_ups": [
            {"months": 12, "label": "1 an", "source": "seed 002"},
            {"months": 6, "label": "6 mois", "source": "seed 002"},
            {"months": 24, "until_months": 18, "label": "2 ans", "source": "seed 004"}
        ],
        "follow_up_tolerance_days": 30,
        "results": {"classes": {"amenagement_poste": "positif"}, "source": "seed 004"},
        "targeting": [{"min_age": 50, "until": "31/12/2019", "source": "seed 004"}],
        "extra": true
    }"#;
    let err = Policy::from_json_str(text).unwrap_err();
    let found: Vec<(&str, &str)> = err
        .issues
        .iter()
        .map(|i| (i.code.code(), i.path.as_str()))
        .collect();
    for expected in [
        ("unknown_field", "extra"),
        ("invalid_policy_id", "id"),
        ("empty_string", "name"),
        ("unknown_code", "stages[0].stage"),
        ("integer_out_of_range", "inclusion.min_expected_opinions"),
        ("follow_ups_not_increasing", "follow_ups[2].until_months"),
        ("follow_ups_not_increasing", "follow_ups[1].months"),
        ("unknown_code", "results.classes.amenagement_poste"),
        ("invalid_date", "targeting[0].until"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
}

#[test]
fn every_exit_result_must_be_classified() {
    let mut value: serde_json::Value = serde_json::from_str(PRESET_FILES[1].1).unwrap();
    value["results"]["classes"]
        .as_object_mut()
        .unwrap()
        .remove("retraite");
    let err = Policy::from_value(&value).unwrap_err();
    assert_eq!(err.issues.len(), 1);
    assert_eq!(err.issues[0].code, IssueCode::ResultsIncomplete);
    assert_eq!(err.issues[0].path.as_str(), "results.classes");
    assert_eq!(err.issues[0].params["missing"], "retraite");
}

#[test]
fn toml_and_json_give_the_same_policy() {
    for p in presets().unwrap() {
        let toml_text = toml::to_string(&serde_json::to_value(&p).unwrap()).unwrap();
        let from_toml = Policy::from_toml_str(&toml_text).unwrap();
        assert_eq!(from_toml, p);
        assert_eq!(from_toml.content_hash(), p.content_hash());
    }
}

#[test]
fn invalid_toml_is_located_without_quoting_it() {
    let err = Policy::from_toml_str("id = \"x\"\nname = SECRET_VALUE\n").unwrap_err();
    assert_eq!(err.issues[0].code, IssueCode::InvalidToml);
    assert_eq!(err.issues[0].params["line"], "2");
    assert!(!err.issues[0].message.contains("SECRET_VALUE"));
}

#[test]
fn the_hash_depends_on_content_not_on_layout() {
    let p = preset("aismt13").unwrap();
    let mut value: serde_json::Value = serde_json::from_str(PRESET_FILES[1].1).unwrap();
    // Same content, other key order and layout.
    let obj = value.as_object_mut().unwrap();
    let name = obj.remove("name").unwrap();
    obj.insert("name".into(), name);
    let compact = serde_json::to_string(&value).unwrap();
    assert_eq!(
        Policy::from_json_str(&compact).unwrap().content_hash(),
        p.content_hash()
    );
    for code in cme_core::case::ExitResult::ALL {
        assert!(p.results.classes.contains_key(code));
    }
}
