//! The legal calendar: versions cover every day without gap or overlap;
//! employer-requested pré-reprises are refused; orientation is never
//! actionable without consent; every outcome cites its article.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Days, NaiveDate};
use cme_pdp::case::{Consent, Partner, Requester, SickLeave, SickLeaveCause, Worker};
use cme_pdp::codes::Code;
use cme_pdp::explain::SourceKind;
use cme_pdp::legal::{
    visit_obligations, visit_obligations_for_leave, LegalOptions, Obligation, RulePart, VisitRule,
    VERSIONS,
};
use cme_pdp::orientation::{orient, ProblemType};
use cme_pdp::sample::{sample_cases, SAMPLE_AS_OF};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every day from 2012 to 2030 (and a margin), each rule has exactly one
/// version: no gap, no overlap (the Catala-style temporal coverage test).
#[test]
fn rule_versions_have_neither_gap_nor_overlap() {
    let mut day = d(2011, 1, 1);
    while day <= d(2031, 12, 31) {
        for rule in RulePart::ALL {
            let n = VERSIONS
                .iter()
                .filter(|v| v.part == *rule && v.covers(day))
                .count();
            assert_eq!(n, 1, "{rule} on {day}: {n} versions");
        }
        day = day + Days::new(1);
    }
    // Versions of a rule are contiguous: each one ends where the next begins.
    for rule in RulePart::ALL {
        let mut versions: Vec<_> = VERSIONS.iter().filter(|v| v.part == *rule).collect();
        versions.sort_by_key(|v| v.from);
        assert!(versions[0].from.is_none(), "{rule} has a start");
        assert!(versions.last().unwrap().to.is_none(), "{rule} has an end");
        for pair in versions.windows(2) {
            assert_eq!(
                pair[0].to, pair[1].from,
                "{rule}: {} / {}",
                pair[0].id, pair[1].id
            );
        }
    }
}

#[test]
fn the_version_follows_the_start_of_the_leave_not_the_evaluation_date() {
    let leave = |start| {
        let mut l = SickLeave::new(start, SickLeaveCause::MaladieNonProfessionnelle);
        l.end = Some(start + Days::new(44));
        l
    };
    let w = Worker::default();
    for as_of in [d(2022, 6, 1), d(2030, 1, 1)] {
        let old = visit_obligations_for_leave(
            &leave(d(2022, 3, 31)),
            &w,
            None,
            as_of,
            &LegalOptions::default(),
        );
        let new = visit_obligations_for_leave(
            &leave(d(2022, 4, 1)),
            &w,
            None,
            as_of,
            &LegalOptions::default(),
        );
        let reprise = |v: &Vec<cme_pdp::legal::VisitOutcome>| {
            v.iter()
                .find(|o| o.rule == VisitRule::Reprise)
                .unwrap()
                .clone()
        };
        assert_eq!(
            (reprise(&old).version.id.as_str(), reprise(&old).obligation),
            ("reprise_2017", Obligation::Obligatoire)
        );
        assert_eq!(
            (reprise(&new).version.id.as_str(), reprise(&new).obligation),
            ("reprise_2022", Obligation::NonApplicable)
        );
    }
}

#[test]
fn an_employer_can_never_ask_for_a_pre_reprise() {
    for start in [d(2015, 5, 4), d(2024, 5, 6)] {
        let leave = SickLeave::new(start, SickLeaveCause::AccidentDuTravail);
        let out = visit_obligations_for_leave(
            &leave,
            &Worker::default(),
            Some(Requester::Employeur),
            start + Days::new(200),
            &LegalOptions::default(),
        );
        let pre = out
            .iter()
            .find(|o| o.rule == VisitRule::PreReprise)
            .unwrap();
        assert_eq!(pre.obligation, Obligation::DemandeIrrecevable);
        assert_eq!(pre.code, "pre_reprise_demandee_par_employeur");
    }
    // and the médecin du travail only since the 2022 version
    let leave = |start| SickLeave::new(start, SickLeaveCause::AccidentDuTravail);
    let pre = |start: NaiveDate| {
        visit_obligations_for_leave(
            &leave(start),
            &Worker::default(),
            Some(Requester::MedecinDuTravail),
            start + Days::new(200),
            &LegalOptions::default(),
        )
        .into_iter()
        .find(|o| o.rule == VisitRule::PreReprise)
        .unwrap()
        .obligation
    };
    assert_eq!(pre(d(2021, 1, 4)), Obligation::DemandeIrrecevable);
    assert_eq!(pre(d(2023, 1, 4)), Obligation::Possible);
}

#[test]
fn every_outcome_cites_an_article_with_its_version() {
    for case in sample_cases().unwrap() {
        let report = visit_obligations(&case, SAMPLE_AS_OF, &LegalOptions::default());
        for o in report
            .absences
            .iter()
            .flat_map(|l| l.outcomes.iter())
            .chain(report.mi_carriere.iter())
        {
            assert!(!o.reasons.is_empty());
            for s in &o.sources {
                cme_pdp::sources::resolve(s).unwrap();
            }
            if !o.version.id.ends_with("non_encodee") && !o.version.id.contains("inexistant") {
                assert!(
                    o.sources
                        .iter()
                        .any(|s| s.kind == SourceKind::Article && s.version.is_some()),
                    "{} {}",
                    case.id,
                    o.version.id
                );
            }
        }
        for m in cme_pdp::measures::suggested_measures(&case, SAMPLE_AS_OF) {
            for s in &m.sources {
                cme_pdp::sources::resolve(s).unwrap();
            }
            assert!(
                m.sources.iter().any(|s| s.kind == SourceKind::Article),
                "{}",
                m.measure
            );
        }
    }
}

fn arb_consents() -> impl Strategy<Value = Vec<Consent>> {
    prop::collection::vec(
        (
            0u64..400,
            any::<bool>(),
            prop::collection::vec(prop::sample::select(Partner::ALL.to_vec()), 0..6),
            prop::option::of(0u64..400),
        ),
        0..3,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(given, accompaniment, mut sharing_with, withdrawn)| {
                sharing_with.sort();
                sharing_with.dedup();
                let given_on = d(2023, 1, 1) + Days::new(given);
                let mut c = Consent::new(given_on, accompaniment);
                c.sharing_with = sharing_with;
                c.withdrawn_on = withdrawn.map(|w| given_on + Days::new(w));
                c
            })
            .collect()
    })
}

proptest! {
    /// Orientation is never actionable without a consent in force on the
    /// evaluation date; withdrawal blocks from its date.
    #[test]
    fn orientation_without_consent_is_never_actionable(consents in arb_consents(), as_of in 0u64..900) {
        let mut case = sample_cases().unwrap().remove(11);
        case.consents = consents;
        let as_of = d(2023, 1, 1) + Days::new(as_of);
        let all: Vec<ProblemType> = ProblemType::ALL.to_vec();
        for s in orient(&case, Some(&all), as_of) {
            let allowed = case.consents.iter().any(|c| c.allows_sharing_with(s.partner, as_of));
            prop_assert_eq!(s.actionable, allowed);
            prop_assert_eq!(s.blocked.is_some(), !allowed);
            if let Some(reason) = &s.blocked {
                prop_assert!(reason == "sans_consentement" || reason == "consentement_retire");
            }
        }
    }
}

/// docs/sources.md names every document and every article of the
/// bibliography, so that every source an output cites can be looked up.
#[test]
fn the_bibliography_page_lists_every_source() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/sources.md"))
        .unwrap();
    for d in cme_pdp::sources::DOCUMENTS {
        assert!(page.contains(&format!("`{}`", d.id)), "{}", d.id);
    }
    for a in cme_pdp::sources::ARTICLES {
        assert!(page.contains(&format!("| {} |", a.number)), "{}", a.number);
    }
    // Every version of every rule cites only what resolves.
    for v in VERSIONS {
        for s in v.sources() {
            cme_pdp::sources::resolve(&s).unwrap();
        }
    }
}

/// A case in format version 2 records its visits: the reprise done on
/// 2 May 2024 (due 9 May: 114 days of non-professional illness started in
/// 2024, R4624-31) is "réalisée", with no overdue left; the same case in
/// version 1 without visits is still "obligatoire" and overdue.
#[test]
fn a_case_in_format_2_records_its_visits() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/pathway/visite_de_reprise_realisee_format_2.json"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let policy = cme_pdp::policy::preset("aismt13").unwrap();
    let as_of = d(2025, 8, 1);
    let reprise = |case: &serde_json::Value| {
        let e = cme_pdp::evaluate::evaluate_value(case, &policy, as_of).unwrap();
        e.visits.absences[0]
            .outcomes
            .iter()
            .find(|o| o.rule == VisitRule::Reprise)
            .unwrap()
            .clone()
    };
    let done = reprise(&v["input"]);
    assert_eq!(done.obligation, Obligation::Realisee);
    assert_eq!(done.due, Some(d(2024, 5, 9)));
    assert_eq!(done.done_on, Some(d(2024, 5, 2)));
    assert!(done
        .reasons
        .iter()
        .any(|r| r.code == "realisee_dans_le_delai"));
    let mut v1 = v["input"].clone();
    v1["format_version"] = serde_json::json!(1);
    v1.as_object_mut().unwrap().remove("visits");
    let open = reprise(&v1);
    assert_eq!(open.obligation, Obligation::Obligatoire);
    assert!(open
        .reasons
        .iter()
        .any(|r| r.text.contains("échéance est passée")));
}
