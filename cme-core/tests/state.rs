//! Accumulator states are untrusted input: an attacker who edits the
//! numbers of a state (to inflate a service's figures, or to make a
//! merge wrap around) is refused with a typed error at the counter, and a
//! merge that would overflow changes nothing. The forgeries below are
//! written from what a state means (statuses of the entered cases, results
//! of the exits, parts of a whole), not from the library's checks.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::codes::Code;
use cme_pdp::error::CmeError;
use cme_pdp::indicators::{Accumulator, Dimension, MergeError, Period, ReportSpec};
use cme_pdp::policy::{preset, PRESET_FILES};
use cme_pdp::synthetic::{population, PopulationOptions};
use proptest::prelude::*;
use serde_json::Value;

fn genuine(n: usize, seed: u64, policy: &str, by: Vec<Dimension>, year: i32) -> Accumulator {
    let mut acc = Accumulator::new(
        ReportSpec::new(Period::year(year), by),
        preset(policy).unwrap(),
    );
    for c in &population(n, seed, &PopulationOptions::default()) {
        acc.add(c);
    }
    acc
}

fn refused(state: &Value) -> (String, String) {
    match Accumulator::from_state_json(&state.to_string()) {
        Ok(_) => panic!("a forged state was accepted"),
        Err(CmeError::InvalidCase(e)) => {
            let i = &e.issues[0];
            (i.code.code().to_string(), i.path.to_string())
        }
        Err(other) => panic!("not a typed issue: {other}"),
    }
}

/// The first cell that has entries, exits and follow-ups to play with.
fn busy_cell(state: &Value) -> usize {
    state["cells"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| {
            let k = &c["counters"];
            k["entrees"].as_u64().unwrap() > 0 && k["sorties_par_issue"][1].as_u64().unwrap() > 0
        })
        .expect("a busy cell")
}

fn bump(v: &mut Value, by: i64) {
    let n = v.as_u64().unwrap() as i64 + by;
    *v = Value::from(n.max(0) as u64);
}

#[test]
fn forged_counters_are_refused_at_the_counter() {
    let acc = genuine(3000, 7, "aismt13", vec![Dimension::Sector], 2023);
    let state: Value = serde_json::from_str(&acc.to_state_json()).unwrap();
    // the genuine state passes: the control of every forgery below
    assert!(Accumulator::from_state_json(&state.to_string()).is_ok());
    let i = busy_cell(&state);
    let cell = format!("state.cells[{i}].counters");
    // index of the exit result with exits, and of its outcome
    let sorties = state["cells"][i]["counters"]["sorties"]
        .as_array()
        .unwrap()
        .clone();
    let r = sorties
        .iter()
        .position(|x| x.as_u64().unwrap() > 0)
        .unwrap();

    type Forgery = (&'static str, Box<dyn Fn(&mut Value)>, String);
    let forgeries: Vec<Forgery> = vec![
        (
            "more entries than the statuses of the entered cases",
            Box::new(move |v| bump(&mut v["cells"][i]["counters"]["entrees"], 5)),
            format!("{cell}.statuts"),
        ),
        (
            "a status added without its entry",
            Box::new(move |v| bump(&mut v["cells"][i]["counters"]["statuts"][3], 1)),
            format!("{cell}.statuts"),
        ),
        (
            "an exit hidden from its result but kept in its outcome",
            Box::new(move |v| bump(&mut v["cells"][i]["counters"]["sorties"][r], -1)),
            format!("{cell}.sorties_par_issue"),
        ),
        (
            "negative exits re-labelled positive",
            Box::new(move |v| {
                let k = &mut v["cells"][i]["counters"]["sorties_par_issue"];
                bump(&mut k[0], 1);
                bump(&mut k[1], -1);
            }),
            format!("{cell}.sorties_par_issue"),
        ),
        (
            "more pré-reprise signalements than signalements",
            Box::new(move |v| {
                let n = v["cells"][i]["counters"]["signalements"].as_u64().unwrap();
                v["cells"][i]["counters"]["signalements_pre_reprise"] = Value::from(n + 1);
            }),
            format!("{cell}.signalements_pre_reprise"),
        ),
        (
            "an origin added without its signalement",
            Box::new(move |v| {
                bump(
                    &mut v["cells"][i]["counters"]["signalements_par_origine"][4],
                    1,
                )
            }),
            format!("{cell}.signalements_par_origine"),
        ),
        (
            "a signalement moved from one moment of detection to none",
            Box::new(move |v| {
                let k = &mut v["cells"][i]["counters"]["detection"];
                let j = (0..3).find(|j| k[*j].as_u64().unwrap() > 0).unwrap();
                bump(&mut k[j], -1);
            }),
            format!("{cell}.detection"),
        ),
        (
            "a state saved before the origins were counted",
            Box::new(move |v| {
                v["cells"][i]["counters"]
                    .as_object_mut()
                    .unwrap()
                    .remove("signalements_par_origine");
            }),
            format!("{cell}.signalements_par_origine"),
        ),
        (
            "more still employed at 6 months than answered",
            Box::new(move |v| {
                let k = &mut v["cells"][i]["counters"]["emploi_6_mois"];
                let n = k[0].as_u64().unwrap();
                k[1] = Value::from(n + 1);
            }),
            format!("{cell}.emploi_6_mois"),
        ),
        (
            "a category added without its case",
            Box::new(move |v| bump(&mut v["cells"][i]["counters"]["categories"][3], 1)),
            format!("{cell}.categories"),
        ),
        (
            "more included than handled",
            Box::new(move |v| {
                let n = v["cells"][i]["counters"]["dossiers_traites"]
                    .as_u64()
                    .unwrap();
                v["cells"][i]["counters"]["inclus"] = Value::from(n + 1);
            }),
            format!("{cell}.inclus"),
        ),
        (
            "more days in the cell than the year holds for its entries",
            Box::new(move |v| {
                let n = v["cells"][i]["counters"]["entrees"].as_u64().unwrap();
                v["cells"][i]["counters"]["jours_dans_la_cellule"] = Value::from(n * 366);
            }),
            format!("{cell}.jours_dans_la_cellule"),
        ),
        (
            "fewer cases than the cells count",
            Box::new(|v| v["cases"] = Value::from(1u64)),
            "state.cases".to_string(),
        ),
        (
            "a cell key with a value too many",
            Box::new(move |v| {
                v["cells"][i]["key"]
                    .as_array_mut()
                    .unwrap()
                    .push(Value::from("x"));
            }),
            format!("state.cells[{i}].key"),
        ),
    ];
    for (what, forge, path) in &forgeries {
        let mut v = state.clone();
        forge(&mut v);
        assert!(v != state, "{what}: nothing forged");
        let (code, at) = refused(&v);
        assert!(
            code == "inconsistent_counters" || code == "object_type",
            "{what}: {code}"
        );
        assert_eq!(&at, path, "{what}");
    }
    // every code has its French and English message
    let mut v = state.clone();
    bump(&mut v["cells"][i]["counters"]["entrees"], 5);
    match Accumulator::from_state_json(&v.to_string()) {
        Err(CmeError::InvalidCase(e)) => {
            assert!(e.issues[0].message.starts_with("Ce compteur contredit"));
            assert!(e.issues[0]
                .message_en
                .starts_with("This counter contradicts"));
        }
        _ => panic!("accepted"),
    }
}

#[test]
fn counters_at_the_maximum_are_refused_when_their_sum_overflows() {
    let acc = genuine(200, 3, "aist43", vec![Dimension::Sector], 2024);
    let mut state: Value = serde_json::from_str(&acc.to_state_json()).unwrap();
    let cells = state["cells"].as_array().unwrap().len();
    assert!(cells >= 2);
    // two cells whose consistent counters are each at the maximum
    state["cases"] = Value::from(u64::MAX);
    for i in 0..2 {
        let k = &mut state["cells"][i]["counters"];
        k["signalements"] = Value::from(u64::MAX);
        // a signalement has one origin and one moment of detection
        k["signalements_par_origine"] = serde_json::json!([u64::MAX, 0, 0, 0, 0, 0]);
        k["detection"] = serde_json::json!([0, u64::MAX, 0]);
    }
    let (code, path) = refused(&state);
    assert_eq!(code, "counter_overflow");
    assert_eq!(path, "state.cells[1].counters.signalements");
}

#[test]
fn a_merge_that_would_overflow_changes_nothing() {
    let acc = genuine(200, 3, "aist43", vec![], 2024);
    let mut state: Value = serde_json::from_str(&acc.to_state_json()).unwrap();
    // a consistent state near the maximum: accepted alone
    state["cases"] = Value::from(u64::MAX - 1);
    let half = u64::MAX / 2 + 1;
    state["cells"][0]["counters"]["signalements"] = Value::from(half);
    state["cells"][0]["counters"]["signalements_par_origine"] =
        serde_json::json!([half, 0, 0, 0, 0, 0]);
    state["cells"][0]["counters"]["detection"] = serde_json::json!([0, half, 0]);
    let mut big = Accumulator::from_state_json(&state.to_string()).unwrap();
    let before = big.clone();
    let other = big.clone();
    // merged with itself: `cases` first
    assert_eq!(
        big.merge(&other),
        Err(MergeError::Overflow {
            path: "cases".into()
        })
    );
    assert_eq!(big, before);
    // with room for the cases, the counter is named
    let mut small = before.clone();
    small.cases = 1;
    let mut big2 = before.clone();
    big2.cases = 1;
    assert_eq!(
        big2.merge(&small),
        Err(MergeError::Overflow {
            path: "cells[0].counters.signalements".into()
        })
    );
    assert_eq!(big2.cells, before.cells);
    let e = MergeError::Overflow {
        path: "cases".into(),
    };
    assert_eq!((e.code(), e.path()), ("counter_overflow", "cases"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// No genuine state is refused: every preset, period and breakdown.
    #[test]
    fn genuine_states_pass_the_checks(
        seed in any::<u64>(),
        n in 0usize..1500,
        policy in prop::sample::select(PRESET_FILES.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
        year in 2021i32..2026,
        by in prop::collection::vec(prop::sample::select(Dimension::ALL.to_vec()), 0..=2),
    ) {
        let mut by = by;
        by.dedup();
        let acc = genuine(n, seed, policy, by, year);
        let back = Accumulator::from_state_json(&acc.to_state_json());
        prop_assert!(back.is_ok(), "{:?}", back.err().map(|e| e.to_string()));
        let back = back.unwrap();
        prop_assert_eq!(&back, &acc);
        // and merging two genuine states gives a genuine state
        let mut twice = back.clone();
        twice.merge(&acc).unwrap();
        prop_assert!(Accumulator::from_state_json(&twice.to_state_json()).is_ok());
    }
}
