//! Validation never panics and never discloses a value.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::issue::IssueCode;
use cme_pdp::sample::{sample_json_values, SAMPLE_AS_OF};
use cme_pdp::validate::{limits, validate, validate_json, ValidateOptions};
use proptest::prelude::*;
use serde_json::Value;

mod common;
use common::{poison, SENTINEL};

#[test]
fn no_issue_discloses_a_string_or_date_value() {
    let options = ValidateOptions::as_of(Some(SAMPLE_AS_OF));
    for mut case in sample_json_values().unwrap() {
        poison(&mut case);
        let issues = validate(&case, &options);
        assert!(!issues.is_empty());
        let text = serde_json::to_string(&issues).unwrap();
        // Paths hold field names only; params and messages never a value.
        assert!(!text.contains(SENTINEL), "disclosed: {text}");
    }
}

#[test]
fn messages_do_not_echo_wrong_numbers_or_dates() {
    let mut case = sample_json_values().unwrap().remove(0);
    case["worker"]["cim10_chapter"] = 9731.into();
    case["signalement"]["date"] = "2031-12-31".into();
    let issues = validate(&case, &ValidateOptions::as_of(Some(SAMPLE_AS_OF)));
    let text = serde_json::to_string(&issues).unwrap();
    assert!(!text.contains("9731"));
    assert!(!text.contains("2031-12-31"));
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    let text = format!("\"{}\"", "a".repeat(limits::MAX_JSON_BYTES));
    let issues = validate_json(&text, &ValidateOptions::default());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code, IssueCode::DocumentTooLarge);
}

#[test]
fn deeply_nested_json_is_an_issue_not_a_crash() {
    let text = "[".repeat(100_000);
    let issues = validate_json(&text, &ValidateOptions::default());
    assert_eq!(issues[0].code, IssueCode::InvalidJson);
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z_]{0,12}".prop_map(Value::from),
        "(19|20|21)[0-9]{2}-[0-1][0-9]-[0-3][0-9]".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "format_version",
                    "id",
                    "service",
                    "policy",
                    "worker",
                    "sick_leaves",
                    "signalement",
                    "consents",
                    "events",
                    "category_override",
                    "type",
                    "date",
                    "start",
                    "end",
                    "cause",
                    "result",
                    "birth_date",
                    "birth_year",
                    "sector",
                    "section",
                    "nomenclature",
                    "given_on",
                    "withdrawn_on",
                    "sharing_with",
                    "still_employed",
                    "expertise",
                    "partner",
                    "source_visit",
                    "signalled_by",
                ])
                .prop_map(str::to_string),
                inner,
                0..8
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn any_json_gives_issues_never_a_panic(value in arb_json()) {
        let _ = validate(&value, &ValidateOptions::as_of(Some(SAMPLE_AS_OF)));
    }

    /// The strict reader reads what serde_json reads when no key repeats.
    #[test]
    fn the_strict_reader_agrees_with_serde_json(value in arb_json()) {
        let text = serde_json::to_string(&value).unwrap();
        let strict = cme_pdp::validate::read_json(&text);
        prop_assert_eq!(strict.ok(), serde_json::from_str::<Value>(&text).ok());
    }

    /// A key repeated anywhere is found at its path; serde_json would have
    /// kept the last value.
    #[test]
    fn a_repeated_key_is_found_where_it_is(value in arb_json(), depth in 0usize..4) {
        // the object reached by following first children, down to `depth`
        let mut path = String::new();
        let mut node = &value;
        for _ in 0..depth {
            match node {
                Value::Array(a) if !a.is_empty() => { path.push_str("[0]"); node = &a[0]; }
                Value::Object(m) if !m.is_empty() => {
                    let (k, v) = m.iter().next().unwrap();
                    if !path.is_empty() { path.push('.'); }
                    path.push_str(k);
                    node = v;
                }
                _ => break,
            }
        }
        let Value::Object(m) = node else { return Ok(()); };
        let Some((k, _)) = m.iter().next() else { return Ok(()); };
        // the text of `value` with that object's first member written twice
        let marker = serde_json::to_string(&Value::String("\u{1}dup".into())).unwrap();
        let mut doubled = value.clone();
        let mut target = &mut doubled;
        for part in path_parts(&path) {
            target = match part {
                Part::Index(i) => &mut target[i],
                Part::Key(k) => &mut target[k.as_str()],
            };
        }
        let first = target.as_object().unwrap().iter().next().map(|(k, v)| (k.clone(), v.clone())).unwrap();
        let pair = format!("{}:{}", serde_json::to_string(&first.0).unwrap(), serde_json::to_string(&first.1).unwrap());
        target.as_object_mut().unwrap().insert(first.0.clone(), Value::String("\u{1}dup".into()));
        let text = serde_json::to_string(&doubled).unwrap();
        let text = text.replacen(&format!("{}:{}", serde_json::to_string(&first.0).unwrap(), marker), &format!("{pair},{pair}"), 1);
        let original = serde_json::to_string(&value).unwrap();
        prop_assert!(text != original);
        prop_assert_eq!(serde_json::from_str::<Value>(&text).ok(), serde_json::from_str::<Value>(&original).ok(), "the forged text repeats a key");
        let issue = cme_pdp::validate::read_json(&text).unwrap_err();
        prop_assert_eq!(issue.code, IssueCode::DuplicateKey);
        let expected = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        prop_assert_eq!(issue.path.to_string(), expected);
    }

    #[test]
    fn removing_any_field_of_a_valid_case_never_panics(case_index in 0usize..50, field in 0usize..10) {
        let mut case = sample_json_values().unwrap().remove(case_index);
        let key = case.as_object().unwrap().keys().nth(field).cloned();
        if let Some(key) = key {
            case.as_object_mut().unwrap().remove(&key);
        }
        let issues = validate(&case, &ValidateOptions::default());
        for issue in issues {
            prop_assert!(!issue.message.contains('{'), "unrendered template: {}", issue.message);
        }
    }
}

enum Part {
    Index(usize),
    Key(String),
}

/// `a.b[0].c` as its parts (the keys of `arb_json` have no dots or brackets).
fn path_parts(path: &str) -> Vec<Part> {
    let mut out = Vec::new();
    for piece in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = piece;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Part::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(end) = rest.find(']') {
                out.push(Part::Index(rest[1..end].parse().unwrap()));
                rest = &rest[end + 1..];
            }
        } else {
            out.push(Part::Key(rest.to_string()));
        }
    }
    out
}

/// The date reader written by hand agrees with a plain reading of the
/// format: ten characters, digits around two dashes, a real calendar day.
fn reference_iso_date(s: &str) -> Option<chrono::NaiveDate> {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(
        s[0..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    )
}

proptest::proptest! {
    #[test]
    fn iso_dates_are_read_as_the_format_says(s in "[0-9/+é -]{8,11}", y in 0i32..10000, m in 0u32..14, d in 0u32..33) {
        proptest::prop_assert_eq!(cme_pdp::validate::parse_iso_date(&s), reference_iso_date(&s));
        let t = format!("{y:04}-{m:02}-{d:02}");
        proptest::prop_assert_eq!(cme_pdp::validate::parse_iso_date(&t), reference_iso_date(&t));
    }
}
