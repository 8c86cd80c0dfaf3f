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

use cme_core::codes::Code;
use cme_core::indicators::{
    catalogue, report_from_values, Accumulator, Dimension, Period, ReportSpec,
};
use cme_core::pathway::replay;
use cme_core::policy::preset;
use cme_core::publish::{publish, Hidden};
use cme_core::synthetic::{population, PopulationOptions};
use cme_core::validate::ValidateOptions;
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
        &cme_core::sample::sample_json_values().unwrap(),
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
        if d.unit != cme_core::indicators::Unit::Nombre {
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
        let spec = ReportSpec { period: Period::year(year), by };
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

fn aist43_report() -> cme_core::indicators::Report {
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
