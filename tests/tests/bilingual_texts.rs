//! Every decision explains itself in French and in English, from the one
//! catalogue: walks the whole output of every pathway vector's evaluation
//! and every legal vector's calendar, and checks each text it carries.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_conformance::{load_legal_vectors, load_pathway_vectors};
use serde_json::Value;

/// Every object with a French `text` (reasons, missing facts, criteria,
/// next steps, alerts) must have its English `text_en`, both rendered
/// (no placeholder left), each in its own typography.
fn check(where_: &str, value: &Value, path: &str, seen: &mut usize, bad: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(fr)) = map.get("text") {
                *seen += 1;
                match map.get("text_en") {
                    Some(Value::String(en)) => {
                        let mut problems = Vec::new();
                        if fr.is_empty() || en.is_empty() {
                            problems.push("empty");
                        }
                        if fr.contains('{') || en.contains('{') {
                            problems.push("placeholder left");
                        }
                        // French quotes in English, English quotes in French;
                        // a French label or date left in English
                        if en.contains('«') || fr.contains('“') {
                            problems.push("quotes of the other language");
                        }
                        // a service's own names are quoted as they are
                        let own = quoted_removed(en);
                        for french in [
                            " jours",
                            " janvier ",
                            " février ",
                            " mars ",
                            " avril ",
                            " mai ",
                            " juin ",
                            " juillet ",
                            " août ",
                            " septembre ",
                            " octobre ",
                            " novembre ",
                            " décembre ",
                            "(J+",
                        ] {
                            if own.contains(french) {
                                problems.push("French word in English");
                            }
                        }
                        if !problems.is_empty() {
                            bad.push(format!(
                                "{where_} {path}: {problems:?}\n  fr: {fr}\n  en: {en}"
                            ));
                        }
                    }
                    _ => bad.push(format!("{where_} {path}: no text_en\n  fr: {fr}")),
                }
            }
            // a measure's dated step: its label in both languages
            if let (Some(Value::String(fr)), Some(Value::String(en))) =
                (map.get("label"), map.get("label_en"))
            {
                if fr.is_empty() || en.is_empty() || fr == en {
                    bad.push(format!("{where_} {path}: label\n  fr: {fr}\n  en: {en}"));
                }
            }
            for (k, v) in map {
                check(where_, v, &format!("{path}.{k}"), seen, bad);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check(where_, v, &format!("{path}[{i}]"), seen, bad);
            }
        }
        _ => {}
    }
}

/// The text without what it quotes (“…”).
fn quoted_removed(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn every_explanation_is_in_french_and_english() {
    let mut seen = 0;
    let mut bad = Vec::new();
    for v in load_pathway_vectors().unwrap() {
        let policy = cme_pdp::policy::resolve_policy(&v.policy).unwrap();
        let Ok(e) = cme_pdp::evaluate::evaluate_value(&v.input, &policy, v.as_of) else {
            continue;
        };
        let json = serde_json::to_value(&e).unwrap();
        check(&v.name, &json, "", &mut seen, &mut bad);
    }
    for v in load_legal_vectors().unwrap() {
        if let Ok(report) = cme_pdp::json::calendar_value(&v.input, v.as_of, &v.options) {
            let json = serde_json::to_value(&report).unwrap();
            check(&v.name, &json, "", &mut seen, &mut bad);
        }
    }
    // the vectors reach hundreds of explained decisions
    assert!(seen > 1000, "only {seen} texts");
    assert!(bad.is_empty(), "{} texts:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn the_check_catches_a_text_left_in_french() {
    // planted faults: the walk must report each
    let mut seen = 0;
    let mut bad = Vec::new();
    let planted = serde_json::json!({
        "reasons": [
            {"code": "a", "text": "Le 6 mai 2024.", "text_en": "On 6 mai 2024."},
            {"code": "b", "text": "Seuil de {n}.", "text_en": "Threshold of {n}."},
            {"code": "c", "text": "Sans anglais."},
            {"code": "d", "text": "« Sans suite »", "text_en": "« Sans suite »"},
            {"code": "e", "text": "Bon.", "text_en": "Good."}
        ]
    });
    check("planted", &planted, "", &mut seen, &mut bad);
    assert_eq!(seen, 5);
    assert_eq!(bad.len(), 4, "{bad:?}");
}
