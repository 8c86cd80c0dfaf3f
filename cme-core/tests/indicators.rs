//! Indicators: the synthetic population is valid; merging partial
//! accumulators in any order equals one pass; publication never shows a
//! small or recoverable cell; the catalogue covers every figure; the
//! renderings of AIST 43's bilan are snapshots.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use cme_pdp::codes::Code;
use cme_pdp::indicators::region::Region;
use cme_pdp::indicators::{
    basis, catalogue, report_from_values, Accumulator, Basis, Dimension, IndicatorValue, Period,
    ReportSpec,
};
use cme_pdp::pathway::replay;
use cme_pdp::policy::preset;
use cme_pdp::publish::{publish, Hidden};
use cme_pdp::synthetic::{population, PopulationOptions};
use cme_pdp::validate::ValidateOptions;
use proptest::prelude::*;

#[test]
fn synthetic_cases_are_valid_and_accepted_by_the_pathway() {
    let policy = preset("aismt13").unwrap();
    for case in population(3000, 42, &PopulationOptions::default()) {
        let issues = case.check(&ValidateOptions::default());
        assert!(issues.is_empty(), "{}: {issues:?}", case.id);
        assert!(replay(&case, &policy).refused.is_empty(), "{}", case.id);
    }
}

#[test]
fn the_catalogue_defines_every_figure_of_a_report() {
    let r = report_from_values(
        &cme_pdp::sample::sample_json_values().unwrap(),
        &serde_json::json!("aist43"),
        Period::year(2024),
        &[],
    )
    .unwrap();
    let reported: BTreeSet<&str> = r.total.0.iter().map(|v| v.id.as_str()).collect();
    let defs = catalogue();
    let defined: BTreeSet<&str> = defs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(reported, defined);
    for d in &defs {
        assert!(
            !d.source.is_empty()
                && !d.source.contains("seed ")
                && !d.source.contains("DOMAIN")
                && !d.source.contains("LEGAL"),
            "{}",
            d.id
        );
        assert!(!d.label.is_empty() && !d.numerator.is_empty());
        if d.unit != cme_pdp::indicators::Unit::Nombre {
            assert!(d.denominator.is_some(), "{} needs a denominator", d.id);
        }
    }
}

fn dims() -> impl Strategy<Value = Vec<Dimension>> {
    prop::collection::vec(prop::sample::select(Dimension::ALL.to_vec()), 0..=2).prop_map(|mut v| {
        v.dedup();
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// Any partition of any case set, merged in any order (through serde),
    /// gives exactly the report of one pass.
    #[test]
    fn merging_partitions_equals_one_pass(
        seed in any::<u64>(),
        n in 0usize..400,
        parts in 1usize..6,
        assignment_seed in any::<u64>(),
        by in dims(),
        year in 2022i32..2025,
    ) {
        let cases = population(n, seed, &PopulationOptions::default());
        let spec = ReportSpec::new(Period::year(year), by);
        let policy = preset("aist43").unwrap();
        let mut whole = Accumulator::new(spec.clone(), policy.clone());
        let mut partial: Vec<Accumulator> = (0..parts).map(|_| Accumulator::new(spec.clone(), policy.clone())).collect();
        let mut x = assignment_seed;
        for case in &cases {
            whole.add(case);
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let k = (x >> 33) as usize % parts;
            partial[k].add(case);
        }
        // serialize each partial state, as a distributed engine would
        let mut partial: Vec<Accumulator> = partial
            .iter()
            .map(|a| serde_json::from_str(&serde_json::to_string(a).unwrap()).unwrap())
            .collect();
        // merge in a shuffled order
        let rot = (assignment_seed as usize) % parts;
        partial.rotate_left(rot);
        let mut merged = partial.remove(0);
        for p in partial.iter().rev() {
            merged.merge(p).unwrap();
        }
        prop_assert_eq!(merged.finish(), whole.finish());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// Every harmonised indicator (the cohort among them) is the same
    /// under the seven presets, in the total and in every cell of a
    /// breakdown that no policy decides; in every cell a cohort's answers,
    /// lost to follow-up and not yet due make the cohort.
    #[test]
    fn harmonised_indicators_are_the_same_under_every_preset(
        seed in any::<u64>(),
        n in 0usize..300,
        by in dims().prop_filter("no policy-made dimension", |d| !d.contains(&Dimension::Category)),
        year in 2022i32..2026,
    ) {
        let cases = population(n, seed, &PopulationOptions::default());
        let harmonised_of = |code: &str| {
            let mut acc = Accumulator::new(ReportSpec::new(Period::year(year), by.clone()), preset(code).unwrap());
            cases.iter().for_each(|c| acc.add(c));
            let r = acc.finish();
            let pick = |set: &[IndicatorValue]| {
                set.iter().filter(|v| basis(&v.id) == Basis::Harmonise).cloned().collect::<Vec<_>>()
            };
            let mut out = vec![(Vec::new(), pick(&r.total.0))];
            out.extend(r.cells.iter().map(|c| (c.key.clone(), pick(&c.values))));
            out
        };
        let first = harmonised_of("aismt13");
        for code in cme_pdp::policy::preset_codes() {
            prop_assert_eq!(&harmonised_of(code), &first, "{}", code);
        }
        for (_, values) in &first {
            for months in [6, 12] {
                let get = |suffix: &str| values.iter().find(|v| v.id == format!("cohorte_{months}_mois{suffix}")).unwrap().clone();
                let whole = get("").numerator;
                let parts = ["_reponses", "_perdus_de_vue", "_non_echus"].map(&get);
                prop_assert!(parts.iter().all(|p| p.denominator == Some(whole)));
                prop_assert_eq!(parts.iter().map(|p| p.numerator).sum::<u64>(), whole);
                let employed = get("_en_emploi");
                prop_assert_eq!(employed.denominator, Some(parts[0].numerator));
                prop_assert!(employed.numerator <= parts[0].numerator);
            }
        }
    }

    /// A region of the seven services: its harmonised figures are those of
    /// all its cases under any one policy; a figure a policy decides is the
    /// sum of each service's own figure; merging regions built on parts
    /// equals one pass.
    #[test]
    fn a_region_adds_each_service_under_its_own_policy(
        seed in any::<u64>(),
        n in 0usize..300,
        by in dims().prop_filter("at most one dimension", |d| d.len() <= 1),
        year in 2022i32..2025,
    ) {
        let cases = population(n, seed, &PopulationOptions::default());
        let spec = ReportSpec::new(Period::year(year), by.clone());
        let mut region = Region::with_presets(spec.clone());
        let mut left = Region::with_presets(spec.clone());
        let mut right = Region::with_presets(spec.clone());
        for (i, c) in cases.iter().enumerate() {
            region.add(c).unwrap();
            if i % 3 == 0 { left.add(c).unwrap() } else { right.add(c).unwrap() }
        }
        left.merge(&right).unwrap();
        let r = region.report().unwrap();
        prop_assert_eq!(&left.report().unwrap(), &r);
        prop_assert_eq!(r.cases, n as u64);
        let mut one = Accumulator::new(spec.clone(), preset("aist43").unwrap());
        cases.iter().for_each(|c| one.add(c));
        let one = one.finish();
        if !by.contains(&Dimension::Category) {
            let harmonised = r.harmonised();
            let pick = |set: &[IndicatorValue]| set.iter().filter(|v| basis(&v.id) == Basis::Harmonise).cloned().collect::<Vec<_>>();
            prop_assert_eq!(&harmonised.total.0, &pick(&one.total.0));
        }
        for v in &r.total.0 {
            let sum: u64 = r.services.iter().map(|s| s.total.get(&v.id).unwrap().numerator).sum();
            prop_assert_eq!(v.numerator, sum, "{}", v.id);
        }
    }
}

fn aist43_report() -> cme_pdp::indicators::Report {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/indicators/aist43_bilan_intermediaire.json"
    ))
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = v["cases"].as_array().unwrap().clone();
    let period = Period::range(
        chrono::NaiveDate::from_ymd_opt(2020, 6, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2020, 11, 12).unwrap(),
    )
    .unwrap();
    report_from_values(
        &cases,
        &serde_json::json!("aist43"),
        period,
        &["secteur".to_string()],
    )
    .unwrap()
}

#[test]
fn aist43_bilan_renders_in_french() {
    let r = aist43_report();
    insta::assert_snapshot!(
        "aist43_bilan_markdown_non_publie",
        publish(&r, 0).unwrap().to_markdown()
    );
    insta::assert_snapshot!(
        "aist43_bilan_markdown_publie",
        publish(&r, 11).unwrap().to_markdown()
    );
    insta::assert_snapshot!("aist43_bilan_csv_publie", publish(&r, 11).unwrap().to_csv());
}

#[test]
fn both_aist43_tables_arise_from_explicit_definitions() {
    // Status table (seed 004): 2 negative exits; results table: inaptitude 2
    // + invalidité 1. AIST 43 does not count an invalidité as a negative exit
    // (its policy classifies it neutral), and its status table has no line
    // for neutral exits: they stand with the cases in progress.
    let r = aist43_report();
    let t = |id: &str| r.total.get(id).unwrap().numerator;
    assert_eq!(t("statut_sortie_negative"), 2);
    assert_eq!(t("resultat_inaptitude") + t("resultat_invalidite"), 3);
    assert_eq!(t("statut_sortie_neutre"), 1);
    assert_eq!(
        t("statut_aist43_en_cours"),
        t("statut_en_cours") + t("statut_sortie_neutre")
    );
    assert_eq!(t("statut_aist43_en_cours"), 31);
    let hidden: Vec<Hidden> = publish(&r, 11)
        .unwrap()
        .total
        .iter()
        .filter_map(|v| v.hidden)
        .collect();
    assert!(hidden.contains(&Hidden::SecretStatistique));
}

/// A case that left the cell in June, was re-opened in September and left
/// again in November counts two exits in 2024, each with its result (the
/// re-opening keeps the first exit); its status is that of the last exit.
#[test]
fn a_reopened_case_counts_each_of_its_exits() {
    let case = serde_json::json!({
        "format_version": 2, "id": "P-reouvert", "service": "aismt13",
        "worker": {"birth_year": 1972, "employer": "prive"},
        "signalement": {"date": "2024-03-04", "source_visit": "pre_reprise", "signalled_by": "medecin_du_travail"},
        "consents": [{"given_on": "2024-03-04", "accompaniment": true, "sharing_with": []}],
        "events": [
            {"type": "contact", "date": "2024-03-11"},
            {"type": "sortie", "date": "2024-06-28", "result": "amenagement_poste"},
            {"type": "reouverture", "date": "2024-09-02"},
            {"type": "sortie", "date": "2024-11-15", "result": "inaptitude"}
        ]
    });
    let period = Period::range(
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
    )
    .unwrap();
    let r = report_from_values(&[case], &serde_json::json!("aismt13"), period, &[]).unwrap();
    let t = |id: &str| r.total.get(id).unwrap().numerator;
    assert_eq!(t("sorties"), 2);
    assert_eq!(t("resultat_amenagement_poste"), 1);
    assert_eq!(t("resultat_inaptitude"), 1);
    assert_eq!(t("statut_sortie_negative"), 1);
    assert_eq!(t("statut_sortie_positive"), 0);
}

#[test]
fn a_regions_harmonised_figures_publish_without_a_classification_and_others_do_not() {
    use cme_pdp::publish::{publish_bundle, verify, PublishOptions};
    let cases = population(600, 7, &PopulationOptions::default());
    let mut region =
        Region::with_presets(ReportSpec::new(Period::year(2023), vec![Dimension::Sector]));
    cases.iter().for_each(|c| region.add(c).unwrap());
    let r = region.report().unwrap();
    let h = r.harmonised();
    assert!(h.classification.is_empty());
    assert!(h.total.0.iter().all(|v| basis(&v.id) == Basis::Harmonise));
    let published = publish_bundle(&[h], &PublishOptions::new(11)).unwrap();
    let check = verify(&published).unwrap();
    assert!(check.valid, "{check:?}");
    // every check passed, among them « seuil » (no count shown under the
    // threshold) and « audit » (no hidden count recoverable)
    assert!(check
        .checks
        .iter()
        .any(|c| c.check.code() == "seuil" && c.passed));
    // 600 cases over 21 sectors: small cells exist, and are hidden
    assert!(published[0]
        .cells
        .iter()
        .flat_map(|c| c.values.iter())
        .any(|v| v.numerator.is_none()));
    // a report with a figure a policy decides needs its classification
    let mut own = r.services[0].clone();
    own.classification.clear();
    let err = publish_bundle(&[own], &PublishOptions::new(11)).unwrap_err();
    assert_eq!(err.issues()[0].path.as_str(), "reports[0].classification");
}
