//! The cell's worklists on a portfolio written by hand: every expected
//! item comes from the policy's rules and the articles, worked out below
//! case by case, never from the library's output.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::codes::Code;
use cme_pdp::worklists::{worklists_json, ListKind};
use serde_json::{json, Value};

const AS_OF: &str = "2024-06-17";

fn case(id: &str, service: &str, doctor: Option<&str>, signalement: &str, extra: Value) -> Value {
    let mut c = json!({
        "format_version": 2, "id": id, "service": service,
        "worker": {"birth_year": 1975},
        "signalement": {"date": signalement, "source_visit": "a_la_demande",
                        "signalled_by": "medecin_du_travail", "requested_by": "salarie"},
    });
    if let Some(d) = doctor {
        c["doctor"] = json!(d);
    }
    if let (Some(map), Some(extra)) = (c.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            map.insert(k.clone(), v.clone());
        }
    }
    c
}

fn consent(date: &str) -> Value {
    json!([{"given_on": date, "accompaniment": true}])
}

/// A case contacted on 5 April, analysed on 8 April without a simple
/// solution, its référent designated that day, qualified with two opinions
/// expected on 15 April; then `more` events.
fn included(referent: Value, more: &[Value]) -> Value {
    let mut designation = json!({"type": "referent_designe", "date": "2024-04-08"});
    for (k, v) in referent.as_object().unwrap() {
        designation[k] = v.clone();
    }
    let mut events = vec![
        json!({"type": "contact", "date": "2024-04-05"}),
        json!({"type": "analyse_demande", "date": "2024-04-08", "simple_solution": false}),
        designation,
        json!({"type": "entretien_qualification", "date": "2024-04-15"}),
        json!({"type": "avis_attendu", "date": "2024-04-15", "expertise": "ergonome"}),
        json!({"type": "avis_attendu", "date": "2024-04-15", "expertise": "psychologue"}),
    ];
    events.extend(more.iter().cloned());
    json!({"consents": consent("2024-04-05"), "events": events})
}

/// The portfolio, AISMT 13 but for H (AST BTP). AISMT 13: first contact
/// within 15 days of the signalement; the COPIL analyses the request and
/// assigns the référent before the first contact; inclusion with two
/// expected opinions and no simple solution; the included cases go to the
/// plenary commission; follow-ups at 6 and 12 months, 30 days of
/// tolerance either side.
fn portfolio() -> Vec<Value> {
    vec![
        // A: signalled a week ago, nothing since: to the COPIL; contact due
        // 25 June (10 + 15), not late.
        case("WL-A", "aismt13", Some("MT-1"), "2024-06-10", json!({})),
        // B: signalled 2 May, never contacted: to the COPIL, and the contact
        // was due 17 May (2 + 15): 31 days late on 17 June.
        case("WL-B", "aismt13", Some("MT-2"), "2024-05-02", json!({})),
        // C: contacted, analysed without a simple solution, référent R-7,
        // qualified and two opinions expected on 15 April: included, to
        // the plenary since 15 April.
        case(
            "WL-C",
            "aismt13",
            Some("MT-1"),
            "2024-04-02",
            included(json!({"referent": "R-7", "role": "charge_maintien"}), &[]),
        ),
        // D: as C, then the plenary of 22 April proposed a plan that the
        // worker has not answered: back to the plenary's agenda (a plan
        // awaiting an answer) since 22 April.
        case(
            "WL-D",
            "aismt13",
            Some("MT-1"),
            "2024-04-02",
            included(
                json!({"referent": "R-8"}),
                &[
                    json!({"type": "commission_pleniere", "date": "2024-04-22"}),
                    json!({"type": "plan_propose", "date": "2024-04-22"}),
                ],
            ),
        ),
        // E: out on 20 December 2023: the 6-month follow-up is due 20 June
        // 2024, its window open from 21 May to 20 July: to do, 33 days
        // left on 17 June.
        case(
            "WL-E",
            "aismt13",
            Some("MT-3"),
            "2023-09-28",
            json!({
            "consents": consent("2023-10-02"),
            "events": [
                {"type": "contact", "date": "2023-10-02"},
                {"type": "analyse_demande", "date": "2023-10-03", "simple_solution": false},
                {"type": "entretien_qualification", "date": "2023-10-10"},
                {"type": "commission_pleniere", "date": "2023-10-17"},
                {"type": "plan_propose", "date": "2023-10-17"},
                {"type": "plan_accepte", "date": "2023-10-20"},
                {"type": "sortie", "date": "2023-12-20", "result": "amenagement_poste"},
            ]}),
        ),
        // F: entered on 5 March, stopped answering on 1 May: to call back.
        case(
            "WL-F",
            "aismt13",
            None,
            "2024-03-01",
            json!({
            "consents": consent("2024-03-05"),
            "events": [
                {"type": "contact", "date": "2024-03-05"},
                {"type": "analyse_demande", "date": "2024-03-06", "simple_solution": true},
                {"type": "absence_reponse", "date": "2024-05-01"},
            ]}),
        ),
        // G: off sick (illness, not work-related) from 1 March to 14 June,
        // 106 days (≥ 60): the reprise visit is mandatory (R4624-31), the
        // worker returns on 15 June, the visit is due within 8 days: by 23
        // June, 6 days left on 17 June, within the 8 days listed. Signalled
        // 15 May and not contacted: to the COPIL, and the contact due 30
        // May is 18 days late.
        case(
            "WL-G",
            "aismt13",
            Some("MT-2"),
            "2024-05-15",
            json!({
                "sick_leaves": [{"start": "2024-03-01", "end": "2024-06-14", "cause": "maladie_non_professionnelle"}],
            }),
        ),
        // H (AST BTP): pré-reprise visits on 31 May and 5 June; on 17 June
        // the last half-month is 1–15 June: the visit of 5 June is on the
        // list for MT-2. No COPIL at AST BTP; contact due 20 June.
        case(
            "WL-H",
            "astbtp01",
            Some("MT-2"),
            "2024-06-05",
            json!({
            "visits": [
                {"kind": "pre_reprise", "date": "2024-05-31", "done_by": "medecin_du_travail"},
                {"kind": "pre_reprise", "date": "2024-06-05", "done_by": "medecin_du_travail"},
            ]}),
        ),
        // I: signalled after the date: on no list.
        case("WL-I", "aismt13", Some("MT-1"), "2024-06-20", json!({})),
    ]
}

/// (list, case, date, days overdue) of each item, in the library's order.
fn lines(out: &Value) -> Vec<(String, String, String, Option<i64>)> {
    out["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["list"].as_str().unwrap_or_default().to_string(),
                i["case_id"].as_str().unwrap_or_default().to_string(),
                i["date"].as_str().unwrap_or_default().to_string(),
                i["days_overdue"].as_i64(),
            )
        })
        .collect()
}

fn s(
    list: &str,
    case: &str,
    date: &str,
    days: Option<i64>,
) -> (String, String, String, Option<i64>) {
    (list.into(), case.into(), date.into(), days)
}

#[test]
fn the_portfolio_gives_the_hand_written_lists() {
    let out =
        worklists_json(&portfolio(), &Value::Null, AS_OF, &json!({})).expect("valid portfolio");
    assert_eq!(out["cases"], 8, "I is signalled after the date");
    assert_eq!(
        out["half_month"],
        json!({"start": "2024-06-01", "end": "2024-06-15"})
    );
    assert_eq!(
        lines(&out),
        vec![
            // by list, then date
            s("analyse_demande", "WL-B", "2024-05-02", None),
            s("analyse_demande", "WL-G", "2024-05-15", None),
            s("analyse_demande", "WL-A", "2024-06-10", None),
            s("pleniere", "WL-C", "2024-04-15", None),
            s("pleniere", "WL-D", "2024-04-22", None),
            s("contact_en_retard", "WL-B", "2024-05-17", Some(31)),
            s("contact_en_retard", "WL-G", "2024-05-30", Some(18)),
            s("a_rappeler", "WL-F", "2024-05-01", None),
            s("suivi_a_faire", "WL-E", "2024-07-20", Some(-33)),
            s("visite_reprise", "WL-G", "2024-06-23", Some(-6)),
            s("pre_reprise_quinzaine", "WL-H", "2024-06-05", None),
        ]
    );
    let items = out["items"].as_array().expect("items");
    let of = |list: &str, case: &str| {
        items
            .iter()
            .find(|i| i["list"] == list && i["case_id"] == case)
            .expect("item")
    };
    // the reasons in French, with their sources
    assert_eq!(
        of("visite_reprise", "WL-G")["reason"]["text"],
        "Visite de reprise à organiser au plus tard le 23 juin 2024 (6 jours restants)."
    );
    assert!(of("visite_reprise", "WL-G")["reason"]["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .any(|s| s["id"] == "ct:R4624-31"));
    assert_eq!(
        of("pre_reprise_quinzaine", "WL-H")["reason"]["text"],
        "Visite de pré-reprise du 5 juin 2024, dans la liste de la quinzaine du 1er juin 2024 au 15 juin 2024 à transmettre au médecin du travail."
    );
    assert!(of("analyse_demande", "WL-A")["reason"]["text"]
        .as_str()
        .expect("text")
        .contains("COPIL"));
    assert_eq!(
        of("pleniere", "WL-C")["reason"]["code"],
        "commission_pleniere"
    );
    assert_eq!(
        of("pleniere", "WL-D")["reason"]["code"],
        "recueillir_accord"
    );
    assert_eq!(
        of("suivi_a_faire", "WL-E")["reason"]["text"],
        "Suivi à 6 mois : à réaliser maintenant (33 jours restants avant l'échéance)."
    );
    // who follows each case
    assert_eq!(of("pleniere", "WL-C")["referent"], "R-7");
    assert_eq!(of("pleniere", "WL-C")["doctor"], "MT-1");
    assert!(of("a_rappeler", "WL-F").get("doctor").is_none());
    // every item has its list's labels and at least one source
    for i in items {
        let list = ListKind::from_code(i["list"].as_str().expect("list")).expect("known list");
        assert_eq!(i["list_label"], list.label_fr());
        assert!(!i["reason"]["sources"]
            .as_array()
            .expect("sources")
            .is_empty());
    }
}

#[test]
fn lists_are_filtered_grouped_and_merged() {
    let all = portfolio();
    let mt2 = worklists_json(&all, &Value::Null, AS_OF, &json!({"doctor": "MT-2"})).expect("ok");
    let cases: Vec<String> = lines(&mt2).into_iter().map(|l| l.1).collect();
    assert_eq!(cases, ["WL-B", "WL-G", "WL-B", "WL-G", "WL-G", "WL-H"]);
    let r7 = worklists_json(&all, &Value::Null, AS_OF, &json!({"referent": "R-7"})).expect("ok");
    assert_eq!(lines(&r7), vec![s("pleniere", "WL-C", "2024-04-15", None)]);
    let only = worklists_json(
        &all,
        &Value::Null,
        AS_OF,
        &json!({"lists": ["contact_en_retard"], "service": "aismt13"}),
    )
    .expect("ok");
    assert_eq!(lines(&only).len(), 2);
    // grouped by doctor: MT-1, MT-2, MT-3, then the case without a doctor
    let grouped = worklists_json(&all, &Value::Null, AS_OF, &json!({"by": "doctor"})).expect("ok");
    let keys: Vec<Value> = grouped["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["key"].clone())
        .collect();
    assert_eq!(
        keys,
        [json!("MT-1"), json!("MT-2"), json!("MT-3"), Value::Null]
    );
    let sizes: Vec<usize> = grouped["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["items"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [3, 6, 1, 1]);
    // two cells' lists merged are the lists of both
    use cme_pdp::policy::Loaded;
    use cme_pdp::worklists::{WorklistOptions, Worklists};
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 17).expect("date");
    let read = |v: &Value| {
        cme_pdp::validate::parse_case_json(&v.to_string(), &Default::default()).expect("case")
    };
    let build = |cases: &[Value]| {
        let mut w = Worklists::new(as_of, WorklistOptions::default());
        for c in cases {
            let c = read(c);
            w.add(&c, Loaded::preset(&c.service).expect("preset"))
                .expect("added");
        }
        w
    };
    let whole = build(&all);
    let (a, b) = all.split_at(4);
    let mut merged = build(b);
    merged.merge(build(a)).expect("same date");
    assert_eq!(merged, whole);
    let other = Worklists::new(as_of.succ_opt().expect("date"), WorklistOptions::default());
    assert_eq!(
        merged.clone().merge(other).map_err(|e| e.code()),
        Err("merge_mismatch")
    );
}

#[test]
fn bad_input_is_refused_with_every_problem_at_its_path() {
    let mut cases = portfolio();
    cases[1]["doctor"] = json!("Dr Jean Dupont");
    cases[3]["service"] = json!("inconnu");
    let err = worklists_json(
        &cases,
        &json!({"aismt13": "aismt13"}),
        AS_OF,
        &json!({"lists": ["copil"], "by": "medecin", "reprise_within_days": 90, "x": 1}),
    )
    .expect_err("refused");
    let mut got: Vec<(String, &str)> = err
        .issues()
        .iter()
        .map(|i| (i.path.to_string(), i.code.code()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("cases[1].doctor".to_string(), "invalid_id"),
            ("cases[3].service".to_string(), "unknown_code"),
            ("cases[7].service".to_string(), "unknown_code"),
            ("options.by".to_string(), "unknown_code"),
            ("options.lists[0]".to_string(), "unknown_code"),
            (
                "options.reprise_within_days".to_string(),
                "integer_out_of_range"
            ),
            ("options.x".to_string(), "unknown_field"),
        ]
    );
    // the value of a field is never echoed
    assert!(!format!("{err}").contains("Dupont"));
    assert!(err.issues().iter().all(|i| !i.message.contains("Dupont")));
}

#[test]
fn the_lists_are_exactly_those_the_evaluation_gives() {
    // One statement of each rule: on the sample cases under their presets,
    // every next step and alert of a listed kind is on its list, and
    // nothing else is.
    let cases = cme_pdp::sample::sample_cases().expect("sample");
    let as_of = cme_pdp::sample::SAMPLE_AS_OF;
    for case in &cases {
        let policy = cme_pdp::policy::Loaded::preset(&case.service).expect("preset");
        let mut w = cme_pdp::worklists::Worklists::new(as_of, Default::default());
        w.add(case, policy).expect("added");
        let e = cme_pdp::evaluate::evaluate_loaded(case, policy, as_of).expect("evaluated");
        let codes: Vec<&str> = w.items.iter().map(|i| i.reason.code.as_str()).collect();
        for a in &e.alerts {
            if ["contact_en_retard", "suivi_a_echeance", "suivi_en_retard"]
                .contains(&a.code.as_str())
            {
                assert!(codes.contains(&a.code.as_str()), "{}: {}", case.id, a.code);
            }
        }
        for step in &e.next_steps {
            if [
                "analyser_la_demande",
                "commission_pleniere",
                "relancer_ou_sortie",
            ]
            .contains(&step.code.as_str())
            {
                assert!(
                    codes.contains(&step.code.as_str()),
                    "{}: {}",
                    case.id,
                    step.code
                );
            }
        }
        for i in &w.items {
            let from_evaluation = e.alerts.iter().any(|a| a.code == i.reason.code)
                || e.next_steps.iter().any(|s| s.code == i.reason.code);
            assert!(
                from_evaluation
                    || matches!(
                        i.list,
                        ListKind::VisiteReprise | ListKind::PreRepriseQuinzaine
                    ),
                "{}: {:?} from nowhere",
                case.id,
                i.list
            );
        }
    }
}

#[test]
fn an_overdue_reprise_visit_is_listed_only_while_the_case_is_in_the_cell() {
    // Off sick (illness) from 1 January to 31 March 2024, 91 days (≥ 60):
    // the reprise visit is mandatory and due within 8 days of the return
    // on 1 April, by 9 April; on 17 June it is 69 days overdue.
    let leave = json!([{"start": "2024-01-01", "end": "2024-03-31", "cause": "maladie_non_professionnelle"}]);
    let open = case(
        "WL-O",
        "aismt13",
        None,
        "2024-03-15",
        json!({"sick_leaves": leave}),
    );
    let closed = case(
        "WL-X",
        "aismt13",
        None,
        "2024-03-15",
        json!({
        "sick_leaves": leave, "consents": consent("2024-03-18"),
        "events": [{"type": "contact", "date": "2024-03-18"},
                   {"type": "sortie", "date": "2024-05-02", "result": "amenagement_poste"}]}),
    );
    let only = json!({"lists": ["visite_reprise"]});
    let out = worklists_json(&[open, closed], &Value::Null, AS_OF, &only).unwrap();
    assert_eq!(
        lines(&out),
        vec![s("visite_reprise", "WL-O", "2024-04-09", Some(69))]
    );
    assert_eq!(
        out["items"][0]["reason"]["text"],
        "Aucune visite de reprise enregistrée : l'échéance du 9 avril 2024 est dépassée de 69 jours."
    );
}
