//! Publication against an attacker: the five attacks of the publication
//! issue, each written as the attacker computes it from the published
//! tables alone, then run through the attacker's audit; a property over
//! generated populations, every preset and bundles of linked breakdowns;
//! receipts that fail on any changed figure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use cme_pdp::case::ExitResult;
use cme_pdp::codes::Code;
use cme_pdp::evaluate::PolicyRef;
use cme_pdp::indicators::{
    report_from_values, Accumulator, Cell, Dimension, IndicatorSet, IndicatorValue, Period, Report,
    ReportSpec,
};
use cme_pdp::policy::preset;
use cme_pdp::publish::{
    audit, publish, publish_bundle, verify, Hidden, PublishOptions, PublishedReport, PublishedValue,
};
use cme_pdp::synthetic::{population, PopulationOptions};
use proptest::prelude::*;

const T: u64 = 11;

fn count(id: &str, n: u64) -> IndicatorValue {
    IndicatorValue {
        id: id.into(),
        numerator: n,
        denominator: None,
        value: Some(n as f64),
    }
}

fn pct(id: &str, n: u64, d: u64) -> IndicatorValue {
    IndicatorValue {
        id: id.into(),
        numerator: n,
        denominator: Some(d),
        value: (d > 0).then(|| (10000.0 * n as f64 / d as f64).round() / 100.0),
    }
}

/// A report written by hand: the figures an attack is about, nothing else.
fn report(
    by: Vec<Dimension>,
    total: Vec<IndicatorValue>,
    cells: Vec<(Vec<&str>, Vec<IndicatorValue>)>,
) -> Report {
    let policy = preset("aismt13").unwrap();
    Report {
        spec: ReportSpec::new(Period::year(2024), by),
        policy: PolicyRef::of(&policy),
        cases: 1000,
        total: IndicatorSet(total),
        cells: cells
            .into_iter()
            .map(|(key, values)| Cell {
                key: key.into_iter().map(String::from).collect(),
                values,
            })
            .collect(),
        targets: None,
        classification: ExitResult::ALL
            .iter()
            .map(|r| (*r, policy.outcome(*r)))
            .collect(),
    }
}

fn find<'a>(values: &'a [PublishedValue], id: &str) -> &'a PublishedValue {
    values.iter().find(|v| v.id == id).unwrap()
}

fn cell<'a>(p: &'a PublishedReport, key: &[&str]) -> &'a [PublishedValue] {
    &p.cells.iter().find(|c| c.key == key).unwrap().values
}

/// The audit passes and every hidden count's interval is at least the
/// threshold wide.
fn assert_protected(published: &[PublishedReport]) {
    let a = audit(published).unwrap();
    assert!(
        a.passed,
        "{:?}",
        a.hidden.iter().filter(|h| !h.protected).collect::<Vec<_>>()
    );
    for h in &a.hidden {
        assert!(h.max.is_none_or(|m| m - h.min >= T), "{h:?}");
    }
}

/// Attack 1: AIST 43's own bilan showed `statut_en_cours` 30 and
/// `statut_aist43_en_cours` 31 (= en cours + neutral): the hidden neutral
/// exit was 31 − 30 = 1.
#[test]
fn attack_1_aist43_en_cours_minus_en_cours() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/indicators/aist43_bilan_intermediaire.json"
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let period = Period::range(
        chrono::NaiveDate::from_ymd_opt(2020, 6, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2020, 11, 12).unwrap(),
    )
    .unwrap();
    let r = report_from_values(
        v["cases"].as_array().unwrap(),
        &serde_json::json!("aist43"),
        period,
        &[],
    )
    .unwrap();
    assert_eq!(r.total.get("statut_sortie_neutre").unwrap().numerator, 1);
    let p = publish(&r, T).unwrap();
    let (en_cours, aist43, neutre) = (
        find(&p.total, "statut_en_cours").numerator,
        find(&p.total, "statut_aist43_en_cours").numerator,
        find(&p.total, "statut_sortie_neutre").numerator,
    );
    assert_eq!(neutre, None);
    // the attack: aist43 − en cours
    assert!(
        en_cours.is_none() || aist43.is_none(),
        "the neutral exit is recoverable"
    );
    assert_protected(&[p]);
}

/// Attack 2: 60 entries, statuses 20 / 11 / 11 / 11 shown, refusals hidden:
/// 60 − 53 = 7; and the hidden exit results at 0 were all recovered from
/// `sorties` minus the visible results.
#[test]
fn attack_2_statuses_and_results_from_their_totals() {
    let mut total = vec![count("entrees", 60)];
    for (id, n) in [
        ("statut_en_cours", 20),
        ("statut_refus_integration", 7),
        ("statut_sortie_negative", 11),
        ("statut_sortie_positive", 11),
        ("statut_sortie_neutre", 11),
    ] {
        total.push(pct(id, n, 60));
    }
    total.push(count("sorties", 40));
    let mut results = BTreeMap::new();
    results.insert(ExitResult::AmenagementPoste, 15);
    results.insert(ExitResult::ChangementPosteInterne, 12);
    results.insert(ExitResult::Reconversion, 13);
    let policy = preset("aismt13").unwrap();
    let mut pos = 0;
    for r in ExitResult::ALL {
        let n = results.get(r).copied().unwrap_or(0);
        if policy.outcome(*r) == cme_pdp::policy::Outcome::Positive {
            pos += n;
        }
        total.push(pct(&format!("resultat_{}", r.code()), n, 40));
    }
    assert_eq!(pos, 40);
    total.push(count("maintiens_realises", pos));
    total.push(count("maintiens_non_realises", 0));
    let p = publish(&report(vec![], total, vec![]), T).unwrap();
    // the attack on the statuses: entries minus the shown statuses
    let shown: u64 = [
        "statut_en_cours",
        "statut_refus_integration",
        "statut_sortie_negative",
        "statut_sortie_positive",
        "statut_sortie_neutre",
    ]
    .iter()
    .filter_map(|id| find(&p.total, id).numerator)
    .sum();
    let hidden = [
        "statut_en_cours",
        "statut_refus_integration",
        "statut_sortie_negative",
        "statut_sortie_positive",
        "statut_sortie_neutre",
    ]
    .iter()
    .filter(|id| find(&p.total, id).numerator.is_none())
    .count();
    assert!(hidden >= 2, "one hidden status is 60 minus the others");
    assert!(
        60 - shown >= T,
        "the hidden statuses together are {}",
        60 - shown
    );
    // the attack on the results: exits minus the shown results
    let shown_results: u64 = ExitResult::ALL
        .iter()
        .filter_map(|r| find(&p.total, &format!("resultat_{}", r.code())).numerator)
        .sum();
    assert!(
        40 - shown_results >= T,
        "the hidden results together are {}",
        40 - shown_results
    );
    assert_protected(&[p]);
}

fn by_sector(cells: &[(&str, u64)]) -> Report {
    let total: u64 = cells.iter().map(|c| c.1).sum();
    report(
        vec![Dimension::Sector],
        vec![count("signalements", total)],
        cells
            .iter()
            .map(|(k, n)| (vec![*k], vec![count("signalements", *n)]))
            .collect(),
    )
}

/// Attack 3: by sector, F = 10 and C = 10 hidden as « primaire », total 50,
/// Q = 30 shown: F + C = 20 and each at most 10, so both are 10.
#[test]
fn attack_3_two_primary_cells_bounded_by_their_mark() {
    let p = publish(&by_sector(&[("F", 10), ("C", 10), ("Q", 30)]), T).unwrap();
    let f = find(cell(&p, &["F"]), "signalements");
    let c = find(cell(&p, &["C"]), "signalements");
    assert_eq!((f.numerator, c.numerator), (None, None));
    // one mark for every hidden value: it bounds nothing
    assert_eq!(f.hidden, Some(Hidden::SecretStatistique));
    assert_eq!(Hidden::ALL.len(), 1);
    let a = audit(std::slice::from_ref(&p)).unwrap();
    let fa = a.hidden.iter().find(|h| h.cell == ["F"]).unwrap();
    assert_eq!((fa.min, fa.max), (0, Some(20)));
    assert_protected(&[p]);
}

/// Attack 4: F = 0 (« primaire ») and C = 11 (« secondaire ») with F + C =
/// 11: the marks said F ≤ 10 and C ≥ 11, so F = 0 and C = 11.
#[test]
fn attack_4_primary_and_secondary_marks() {
    let p = publish(&by_sector(&[("F", 0), ("C", 11), ("Q", 30)]), T).unwrap();
    let f = find(cell(&p, &["F"]), "signalements");
    let c = find(cell(&p, &["C"]), "signalements");
    assert_eq!((f.numerator, c.numerator), (None, None));
    assert_eq!(f.hidden, c.hidden);
    let a = audit(std::slice::from_ref(&p)).unwrap();
    for h in &a.hidden {
        assert_eq!((h.min, h.max), (0, Some(11)), "{h:?}");
    }
    assert_protected(&[p]);
}

fn two_way_and_margin() -> (Report, Report) {
    let cells = [
        ("F", "tms", 5u64),
        ("F", "sante_mentale", 20),
        ("C", "tms", 30),
        ("C", "sante_mentale", 40),
    ];
    let total = cells.iter().map(|c| c.2).sum();
    let two_way = report(
        vec![Dimension::Sector, Dimension::Pathology],
        vec![count("signalements", total)],
        cells
            .iter()
            .map(|(s, q, n)| (vec![*s, *q], vec![count("signalements", *n)]))
            .collect(),
    );
    let margin = report(
        vec![Dimension::Pathology],
        vec![count("signalements", total)],
        vec![
            (vec!["tms"], vec![count("signalements", 35)]),
            (vec!["sante_mentale"], vec![count("signalements", 60)]),
        ],
    );
    (two_way, margin)
}

/// Attack 5: sector × pathology with (F, TMS) = 5 hidden and its secondary
/// (F, SM) = 20 in the same row; the by-pathology report of the same cases
/// gives TMS 35 and SM 60: (F, TMS) = 35 − 30 and (F, SM) = 60 − 40.
#[test]
fn attack_5_a_second_report_of_the_same_cases() {
    let (two_way, margin) = two_way_and_margin();
    // Published one by one, each passes its own audit…
    let alone = [publish(&two_way, T).unwrap(), publish(&margin, T).unwrap()];
    assert!(audit(&alone[..1]).unwrap().passed && audit(&alone[1..]).unwrap().passed);
    // …but the attacker reads both: (F, TMS) comes back exactly.
    let combined = audit(&alone).unwrap();
    let ftms = combined
        .hidden
        .iter()
        .find(|h| h.cell == ["F", "tms"])
        .unwrap();
    assert_eq!((ftms.min, ftms.max), (5, Some(5)));
    assert!(!combined.passed);
    // Published together, nothing narrows.
    let bundle = publish_bundle(&[two_way, margin], &PublishOptions::new(T)).unwrap();
    assert_protected(&bundle);
    assert!(verify(&bundle).unwrap().valid);
}

#[test]
fn a_changed_figure_or_receipt_fails_verification() {
    let p = publish(&by_sector(&[("F", 10), ("C", 12), ("Q", 30)]), T).unwrap();
    assert!(verify(std::slice::from_ref(&p)).unwrap().valid);
    // a shown figure changed
    let mut changed = p.clone();
    changed.cells[2].values[0].numerator = Some(31);
    let v = verify(&[changed]).unwrap();
    assert!(!v.valid);
    assert!(v
        .checks
        .iter()
        .any(|c| c.check.code() == "chiffres" && !c.passed));
    // a hidden figure revealed
    let mut revealed = p.clone();
    let i = revealed
        .cells
        .iter()
        .position(|c| c.values[0].numerator.is_none())
        .unwrap();
    revealed.cells[i].values[0].numerator = Some(10);
    revealed.cells[i].values[0].hidden = None;
    assert!(!verify(&[revealed]).unwrap().valid);
    // the threshold lowered in the receipt
    let mut lowered = p.clone();
    lowered.receipt.as_mut().unwrap().threshold = 2;
    assert!(!verify(&[lowered]).unwrap().valid);
    // no receipt
    let mut none = p;
    none.receipt = None;
    assert!(!verify(&[none]).unwrap().valid);
}

#[test]
fn reports_of_other_cases_are_not_a_bundle() {
    let (two_way, mut margin) = two_way_and_margin();
    margin.spec.period = Period::year(2023);
    let e = publish_bundle(&[two_way.clone(), margin], &PublishOptions::new(T)).unwrap_err();
    assert_eq!(e.issues()[0].code.code(), "inconsistent_publication");
    assert_eq!(e.issues()[0].path.as_str(), "reports[1].spec.period");
    // a margin that contradicts its cells
    let (_, mut margin) = two_way_and_margin();
    margin.cells[0].values[0].numerator = 36;
    let e = publish_bundle(&[two_way, margin], &PublishOptions::new(T)).unwrap_err();
    assert_eq!(e.issues()[0].code.code(), "inconsistent_publication");
}

#[test]
fn the_same_input_hides_the_same_cells() {
    let (two_way, margin) = two_way_and_margin();
    let a = publish_bundle(&[two_way.clone(), margin.clone()], &PublishOptions::new(T)).unwrap();
    let b = publish_bundle(&[two_way, margin], &PublishOptions::new(T)).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

/// Property cases: 4 in the test run, `CME_PUBLICATION_CASES` for more.
fn cases() -> u32 {
    std::env::var("CME_PUBLICATION_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4)
}

fn bundle_of(
    cases: &[cme_pdp::case::Case],
    policy: &str,
    d1: Dimension,
    d2: Dimension,
) -> Vec<Report> {
    [vec![], vec![d1], vec![d1, d2]]
        .into_iter()
        .map(|by| {
            let mut acc = Accumulator::new(
                ReportSpec::new(Period::year(2023), by),
                preset(policy).unwrap(),
            );
            for c in cases {
                acc.add(c);
            }
            acc.finish()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), .. ProptestConfig::default() })]

    /// Genuine bundles of every preset satisfy every relation (publication
    /// refuses one that does not) and come out protected: no count under
    /// the threshold shown, every hidden count wide in the audit, the
    /// receipt valid.
    #[test]
    fn every_bundle_is_protected(
        seed in any::<u64>(),
        n in 1000usize..2500,
        policy in prop::sample::select(vec!["aismt13", "aist43", "asmt65", "acismt", "aist63", "astbtp01", "mt2i38"]),
        dims in prop::sample::subsequence(vec![Dimension::Requester, Dimension::Category, Dimension::AgeBand, Dimension::SourceVisit], 2),
    ) {
        let cases = population(n, seed, &PopulationOptions::default());
        let reports = bundle_of(&cases, policy, dims[0], dims[1]);
        let published = publish_bundle(&reports, &PublishOptions::new(T)).unwrap();
        for p in &published {
            for v in p.total.iter().chain(p.cells.iter().flat_map(|c| c.values.iter())) {
                if !v.id.starts_with("duree") && !v.id.starts_with("delai") {
                    prop_assert!(v.numerator.is_none_or(|x| x >= T), "{}", v.id);
                }
                prop_assert!(v.denominator.is_none_or(|x| x >= T), "{}", v.id);
                if v.hidden.is_some() { prop_assert!(v.value.is_none()); }
            }
        }
        let a = audit(&published).unwrap();
        prop_assert!(a.passed);
        prop_assert!(verify(&published).unwrap().valid);
    }
}
