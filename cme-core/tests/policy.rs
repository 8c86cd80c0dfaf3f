//! Policies: the seven presets load and cite their sources; loading reports
//! every problem; TOML and JSON give the same policy; the hash is canonical.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::codes::Code;
use cme_pdp::issue::IssueCode;
use cme_pdp::policy::{preset, preset_codes, presets, Policy, PRESET_FILES};

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
                .all(|s| cme_pdp::sources::document(s).is_some()),
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
    for code in cme_pdp::case::ExitResult::ALL {
        assert!(p.results.classes.contains_key(code));
    }
}

#[test]
fn each_preset_describes_its_process() {
    use cme_pdp::pathway::Stage;
    use cme_pdp::policy::ProcessOrder;
    for p in presets().unwrap() {
        let process = p.process.as_ref().expect("every preset states its process");
        assert!(cites(&process.source), "{}", p.id);
    }
    // seed 001: the COPIL analyses the request before the first contact
    let order = preset("aismt13").unwrap().stage_order();
    assert!(order.rank(Stage::Analyse) < order.rank(Stage::Contact));
    // seed 004: AST BTP has a chargée de mission, no plenary commission
    let astbtp = preset("astbtp01").unwrap();
    assert!(!astbtp.has_stage(Stage::Commission));
    assert!(astbtp
        .process
        .unwrap()
        .source
        .contains("pas de commission plénière"));
    // seed 000: the worker calls « s'il le souhaite »: no contact deadline
    let asmt65 = preset("asmt65").unwrap();
    assert!(asmt65.first_contact.is_none());
    assert!(asmt65.process.unwrap().source.contains("s'il le souhaite"));
    // seed 004: MT2i's stages are a circle
    assert_eq!(
        preset("mt2i38").unwrap().process.unwrap().order,
        ProcessOrder::Libre
    );
}

/// What each service's own document says of an exit result, in its words,
/// and the class those words give (DOMAIN.md §5: a departure to retirement,
/// an invalidity pension or « toute autre solution sociale » is not a
/// maintien en emploi, so neutral unless the service's source counts it
/// otherwise). The test reads both the preset's classification and the
/// source text it cites, which must quote those words.
#[test]
fn each_preset_classification_agrees_with_its_own_source_text() {
    use cme_pdp::case::ExitResult as R;
    use cme_pdp::policy::Outcome as O;
    // (preset, words its source quotes, result, class)
    let said: &[(&str, &str, R, O)] = &[
        // ASMT 65's flyer lists it among the paths « le champ des possibles »
        // keeps open, not among the solutions of maintien
        (
            "asmt65",
            "« toute autre solution sociale », qui n'est pas un maintien en emploi (neutre)",
            R::AutreSolutionSociale,
            O::Neutre,
        ),
        ("asmt65", "reconversion", R::Reconversion, O::Positive),
        (
            "asmt65",
            "création d'entreprise (positifs)",
            R::CreationEntreprise,
            O::Positive,
        ),
        // AIST 43's bilan: 9 positive and 2 negative exits of 12, among
        // them inaptitude 2 and invalidité 1: invalidity is not negative
        (
            "aist43",
            "l'invalidité n'y est donc pas une sortie négative (classée neutre)",
            R::Invalidite,
            O::Neutre,
        ),
        ("aist43", "négatif : inaptitude", R::Inaptitude, O::Negative),
    ];
    for (code, words, result, outcome) in said {
        let p = preset(code).unwrap();
        assert!(
            p.results.source.contains(words),
            "{code}: the source of the classification does not say « {words} »"
        );
        assert_eq!(
            p.results.classes[result],
            *outcome,
            "{code}: {}",
            result.code()
        );
    }
    // No preset counts as a maintien what is not one, unless its own source
    // says so (none does).
    for p in presets().unwrap() {
        for r in [
            R::Retraite,
            R::AutreSolutionSociale,
            R::PerduDeVue,
            R::Invalidite,
        ] {
            assert_ne!(p.results.classes[&r], O::Positive, "{}: {}", p.id, r.code());
        }
    }
}
