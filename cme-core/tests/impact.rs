//! The impact of a change of rules: the thresholds of décret n° 2022-372
//! imposed on every leave against the earlier ones separate exactly the
//! cases the article says (R4624-31: a reprise after at least 60 days
//! instead of 30 for a non-occupational illness or accident; R4624-29: a
//! pré-reprise after more than 30 days instead of more than 3 months);
//! identical scenarios give nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use chrono::{Days, Months, NaiveDate};
use cme_pdp::impact::{impact, Aspect, Scenario};
use cme_pdp::legal::{LegalOptions, Thresholds};
use cme_pdp::policy::Loaded;
use cme_pdp::validate::{parse_case, ValidateOptions};
use serde_json::json;

const CAUSES: [&str; 4] = [
    "maladie_non_professionnelle",
    "accident_non_professionnel",
    "accident_du_travail",
    "maladie_professionnelle",
];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const STARTS: [(i32, u32, u32); 4] = [(2021, 1, 31), (2021, 11, 30), (2023, 11, 30), (2024, 5, 15)];

/// One case per cause and length for a leave starting on `start`, its end
/// expected (the worker is still on leave ten days after its start, when
/// the cases are evaluated: a pré-reprise is for a worker on leave).
fn population(
    start: NaiveDate,
) -> Vec<(cme_pdp::case::Case, &'static str, NaiveDate, NaiveDate, u64)> {
    let lengths: Vec<u64> = [12, 15, 150, 200].into_iter().chain(25..=100).collect();
    let mut out = Vec::new();
    for cause in CAUSES {
        for &len in &lengths {
            let end = start + Days::new(len - 1);
            let id = format!("T-{cause}-{start}-{len}");
            let case = parse_case(
                &json!({
                    "format_version": 1, "id": id, "service": "aist43",
                    "worker": {"birth_year": 1975},
                    "sick_leaves": [{"start": start.to_string(), "end": end.to_string(), "end_is_expected": true, "cause": cause}],
                    "signalement": {"date": (start + Days::new(3)).to_string(), "source_visit": "a_la_demande",
                                    "signalled_by": "medecin_du_travail"},
                    "events": []
                }),
                &ValidateOptions::default(),
            )
            .unwrap();
            out.push((case, cause, start, end, len));
        }
    }
    out
}

fn scenario(thresholds: Option<Thresholds>) -> Scenario {
    let mut legal = LegalOptions::default();
    legal.thresholds = thresholds;
    Scenario::new(Loaded::preset("aist43").unwrap().clone(), legal)
}

#[test]
fn the_2022_thresholds_separate_exactly_the_cases_the_articles_name() {
    for (y, m, day) in STARTS {
        let start = d(y, m, day);
        let population = population(start);
        let cases: Vec<_> = population.iter().map(|(c, ..)| c.clone()).collect();
        let as_of = start + Days::new(10);
        let r = impact(
            &cases,
            &scenario(Some(Thresholds::Avant2022)),
            &scenario(Some(Thresholds::Depuis2022)),
            as_of,
        )
        .unwrap();
        // By hand, from the articles: the reprise changes for a
        // non-occupational illness or accident of 30 to 59 days; the
        // pré-reprise for a leave of more than 30 days that does not last
        // more than 3 months (its end before the day 3 months after its start).
        let mut expected = BTreeSet::new();
        for (case, cause, start, end, len) in &population {
            let non_occupational =
                cause.ends_with("non_professionnelle") || cause.ends_with("non_professionnel");
            if non_occupational && (30..=59).contains(len) {
                expected.insert((case.id.clone(), "absences[0].reprise".to_string()));
            }
            if *len > 30 && *end < *start + Months::new(3) {
                expected.insert((case.id.clone(), "absences[0].pre_reprise".to_string()));
            }
        }
        let got: BTreeSet<(String, String)> = r
            .impacts
            .iter()
            .flat_map(|i| {
                i.changes
                    .iter()
                    .filter(|c| c.aspect == Aspect::Obligation)
                    .map(|c| (i.case_id.clone(), c.at.clone()))
            })
            .collect();
        let missing: Vec<_> = expected.difference(&got).collect();
        let extra: Vec<_> = got.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{start}: missing {missing:?}\nextra {extra:?}"
        );
        // the boundaries are in the population: 30 and 59 days change the
        // reprise, 29 and 60 do not; 30 and 31 days the pré-reprise
        for (len, reprise, pre_reprise) in [
            (29, false, false),
            (30, true, false),
            (31, true, true),
            (59, true, true),
            (60, false, true),
        ] {
            let id = format!("T-maladie_non_professionnelle-{start}-{len}");
            assert_eq!(
                got.contains(&(id.clone(), "absences[0].reprise".to_string())),
                reprise,
                "{id}"
            );
            assert_eq!(
                got.contains(&(id.clone(), "absences[0].pre_reprise".to_string())),
                pre_reprise,
                "{id}"
            );
        }
        // each change comes with both explanations, which say the version imposed
        for i in &r.impacts {
            for c in &i.changes {
                for reasons in [&c.reasons_before, &c.reasons_after] {
                    assert!(
                        reasons.iter().any(|x| x.code == "version_imposee"),
                        "{}",
                        i.case_id
                    );
                    assert!(reasons
                        .iter()
                        .all(|x| !x.sources.is_empty() && !x.text.is_empty()));
                }
            }
        }
        assert_eq!(r.changed as usize, r.impacts.len());
        assert_eq!(r.cases as usize, cases.len());
    }
}

#[test]
fn the_same_scenario_changes_nothing_and_dated_rules_follow_the_leave_start() {
    for (y, m, day) in STARTS {
        let start = d(y, m, day);
        let cases: Vec<_> = population(start).into_iter().map(|(c, ..)| c).collect();
        let as_of = start + Days::new(10);
        let same = impact(&cases, &scenario(None), &scenario(None), as_of).unwrap();
        assert_eq!((same.changed, same.impacts.len()), (0, 0));
        // The dated rules are the old thresholds for a leave that starts on
        // or before 31 March 2022 (décret n° 2022-372, art. 6): the old
        // thresholds imposed change only the leaves starting later, the new
        // ones only the leaves starting before.
        let old = impact(
            &cases,
            &scenario(None),
            &scenario(Some(Thresholds::Avant2022)),
            as_of,
        )
        .unwrap();
        let new = impact(
            &cases,
            &scenario(None),
            &scenario(Some(Thresholds::Depuis2022)),
            as_of,
        )
        .unwrap();
        let later = start > d(2022, 3, 31);
        assert_eq!(
            (old.changed > 0, new.changed > 0),
            (later, !later),
            "{start}"
        );
    }
}

/// Holds an impact to comparing two whole evaluations of each case: the
/// same changes for every changed case, none for the others; at least one
/// case changed (the population exercises the change).
fn assert_impact_equals_two_evaluations(
    cases: &[cme_pdp::case::Case],
    before: &Scenario,
    after: &Scenario,
    as_of: NaiveDate,
) {
    use cme_pdp::evaluate::evaluate_loaded_with;
    let r = impact(cases, before, after, as_of).unwrap();
    let mut changed = 0;
    for c in cases {
        let b = evaluate_loaded_with(c, &before.policy, as_of, &before.legal).unwrap();
        let a = evaluate_loaded_with(c, &after.policy, as_of, &after.legal).unwrap();
        let found = cme_pdp::impact::changes(&b, &a);
        match r.impacts.iter().find(|i| i.case_id == c.id) {
            Some(i) => {
                changed += 1;
                assert_eq!(&i.changes, &found, "{as_of} {}", c.id);
            }
            None => assert!(found.is_empty(), "{as_of} {}: {found:?}", c.id),
        }
    }
    assert_eq!(changed, r.impacts.len());
    assert!(
        changed > 0,
        "{as_of}: the population must exercise the change"
    );
}

/// Under the same policy, the impact compares the two calendars only: it
/// must equal evaluating twice, case by case (synthetic cases, both
/// threshold options, several dates).
#[test]
fn impact_under_the_same_policy_equals_two_evaluations() {
    use cme_pdp::synthetic::{population, PopulationOptions};
    let cases = population(1500, 11, &PopulationOptions::default());
    let before = scenario(Some(Thresholds::Avant2022));
    let after = scenario(Some(Thresholds::Depuis2022));
    for as_of in [d(2022, 6, 1), d(2023, 3, 1), d(2025, 1, 1)] {
        let valid: Vec<_> = cases
            .iter()
            .filter(|c| c.signalement.date <= as_of)
            .cloned()
            .collect();
        assert_impact_equals_two_evaluations(&valid, &before, &after, as_of);
    }
}

/// Under the same options, the second evaluation computes only the
/// decisions (the calendar is the same): the impact of a change of policy
/// must equal comparing two whole evaluations, case by case.
#[test]
fn impact_of_a_policy_equals_two_evaluations() {
    use cme_pdp::synthetic::{population, PopulationOptions};
    let cases = population(1500, 12, &PopulationOptions::default());
    let before = Scenario::preset("aist43").unwrap();
    for other in ["aismt13", "astbtp01", "mt2i38"] {
        let after = Scenario::preset(other).unwrap();
        assert_impact_equals_two_evaluations(&cases, &before, &after, d(2025, 1, 1));
    }
}

/// A branch agreement moving the mi-carrière visit from 45 (L4624-2-2) to
/// 50 does not change its obligation, only its due date: the change is an
/// `echeance` (the year of the 45th and of the 50th birthday), not an
/// `obligation`.
#[test]
fn a_due_date_moved_by_a_branch_agreement_is_an_echeance() {
    let case = parse_case(
        &json!({
            "format_version": 1, "id": "MI-1", "service": "aist43",
            "worker": {"birth_date": "1982-06-15"},
            "signalement": {"date": "2024-03-04", "source_visit": "visite_periodique",
                            "signalled_by": "medecin_du_travail"},
            "events": []
        }),
        &ValidateOptions::default(),
    )
    .unwrap();
    let mut branch = LegalOptions::default();
    branch.branch_agreement_age = Some(50);
    let before = scenario(None);
    let after = Scenario::new(Loaded::preset("aist43").unwrap().clone(), branch);
    let report = impact(&[case], &before, &after, d(2024, 6, 30)).unwrap();
    let changes = &report.impacts[0].changes;
    let due: Vec<_> = changes
        .iter()
        .filter(|c| c.aspect == Aspect::DueDate)
        .collect();
    assert_eq!(due.len(), 1, "{changes:?}");
    assert_eq!(due[0].at, "mi_carriere");
    // « durant l'année civile du quarante-cinquième anniversaire »: due by
    // the end of that year
    assert_eq!(
        (due[0].before.as_str(), due[0].after.as_str()),
        ("2027-12-31", "2032-12-31")
    );
    assert!(
        changes.iter().all(|c| c.aspect != Aspect::Obligation),
        "{changes:?}"
    );
}
