//! The text of a validation call written straight from its issues
//! (`ops::call_text`) is the text of its JSON value (`ops::envelope` of
//! `ops::run`, the issues through `serde_json::Value` and its camelCase
//! keys), byte for byte, on the sample cases spoiled in many ways.

#![allow(clippy::indexing_slicing)]

use cme_wasm::ops::{call_text, envelope, run};
use proptest::prelude::*;
use serde_json::{json, Value};

fn samples() -> Vec<Value> {
    let text = include_str!("../../cme-core/data/sample_cases.json");
    match serde_json::from_str(text) {
        Ok(Value::Array(cases)) => cases,
        _ => Vec::new(),
    }
}

/// Places of a case a fault is written to.
const PLACES: &[&[&str]] = &[
    &["id"],
    &["format_version"],
    &["worker", "birth_year"],
    &["worker", "nom"],
    &["worker", "sector"],
    &["worker", "cim10_chapter"],
    &["signalement", "date"],
    &["signalement", "source_visit"],
    &["signalement", "signalled_by"],
    &["signalement", "requested_by"],
    &["events"],
    &["unknown_field"],
];

fn values() -> Vec<Value> {
    vec![
        Value::Null,
        json!("Jean Dupont"),
        json!("employeur"),
        json!("2024-02-30"),
        json!("2023-05-04"),
        json!("pre_reprise"),
        json!(1850),
        json!(23),
        json!(3),
        json!(-1),
        json!(true),
        json!([]),
        json!([{"type": "rdv", "date": "2024-01-01"}]),
        json!({"nomenclature": "naf_rev2", "section": "V"}),
        json!({"a": {"b": [1, "«é»\u{7f}\"\\"]}}),
        json!("x".repeat(70)),
    ]
}

/// The case with each fault written: (place, value, removed instead).
fn spoil(mut case: Value, faults: &[(usize, usize, bool)]) -> Value {
    let values = values();
    for &(place, value, remove) in faults {
        let path = PLACES[place % PLACES.len()];
        let (last, parents) = match path.split_last() {
            Some(split) => split,
            None => continue,
        };
        let mut at = &mut case;
        for key in parents {
            at = &mut at[*key];
        }
        if let Some(obj) = at.as_object_mut() {
            if remove {
                obj.remove(*last);
            } else {
                obj.insert((*last).to_string(), values[value % values.len()].clone());
            }
        }
    }
    case
}

fn same(op: &str, args: &str) {
    assert_eq!(call_text(op, args), envelope(run(op, args)), "{op} {args}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn a_validation_is_written_as_its_value_is(
        case in 0usize..50,
        faults in proptest::collection::vec((0usize..64, 0usize..64, proptest::bool::weighted(0.2)), 0..4),
        as_of in prop_oneof![Just(json!("2025-06-30")), Just(Value::Null), Just(json!("2025-13-01")), Just(json!(7))],
        labels in prop_oneof![Just(Value::Null), Just(json!(false)), Just(json!(true)), Just(json!("oui"))],
        cut in 0usize..400,
    ) {
        let samples = samples();
        prop_assume!(!samples.is_empty());
        let spoiled = spoil(samples[case % samples.len()].clone(), &faults);
        let args = json!({"case": spoiled, "as_of": as_of, "labels": labels}).to_string();
        same("validate", &args);
        // the case as a JSON text, whole and cut short
        let text = spoiled.to_string();
        let short = text
            .char_indices()
            .map(|(i, _)| i)
            .find(|i| *i >= text.len().saturating_sub(cut))
            .unwrap_or(0);
        for text in [text.as_str(), &text[..short]] {
            same("validate_json", &json!({"text": text, "as_of": as_of, "labels": labels}).to_string());
        }
    }
}

#[test]
fn warnings_errors_and_other_calls_are_written_alike() {
    let samples = samples();
    assert_eq!(samples.len(), 50);
    // a warning (its severity written) next to an error, in one call
    let spoiled = spoil(samples[0].clone(), &[(9, 2, false), (0, 1, false)]);
    let args = json!({"case": spoiled, "as_of": "2025-06-30"}).to_string();
    let text = call_text("validate", &args);
    assert!(
        text.contains(r#""severity":"warning""#) && text.contains(r#""code":"invalid_id""#),
        "{text}"
    );
    same("validate", &args);
    // no issue: the empty list
    let args = json!({"case": samples[1]}).to_string();
    assert_eq!(call_text("validate", &args), r#"{"ok":[]}"#);
    same("validate", &args);
    // arguments that are not an object, a text that is not a string, a
    // labels flag that is not a flag, other operations
    for (op, args) in [
        ("validate", "[1]"),
        ("validate", "{"),
        ("validate_json", r#"{"text": 3}"#),
        ("validate", r#"{"case": {}, "labels": 1}"#),
        ("version", "{}"),
        ("nope", "{}"),
        ("field_labels", "{}"),
    ] {
        same(op, args);
    }
}
