//! Flat tables of cases: a row per case, read through the case validation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_core::table::{case_row, read_rows, COLUMNS};

#[test]
fn sample_cases_round_trip_through_rows() {
    let cases = cme_core::sample::sample_cases().unwrap();
    let policy = cme_core::policy::preset("aist43").unwrap();
    let as_of = cme_core::sample::SAMPLE_AS_OF;
    let mut flat = 0;
    for case in &cases {
        let Some(row) = case_row(case) else { continue };
        flat += 1;
        let read = read_rows(std::slice::from_ref(&row), None);
        assert!(read.issues.is_empty(), "{}: {:?}", case.id, read.issues);
        let back = &read.cases[0];
        let mut a = case.clone();
        let mut b = back.clone();
        a.events.sort_by_key(|e| (e.date(), e.event_type()));
        b.events.sort_by_key(|e| (e.date(), e.event_type()));
        assert_eq!(a, b, "{}", case.id);
        let ea = cme_core::evaluate::evaluate(case, &policy, as_of).unwrap();
        let eb = cme_core::evaluate::evaluate(back, &policy, as_of).unwrap();
        assert_eq!(ea.stage.value, eb.stage.value);
        assert_eq!(ea.status.value, eb.status.value);
    }
    // The others hold two expert opinions or two partner actions: they go
    // in the interchange format, not in a flat row.
    assert!(
        flat >= 30,
        "only {flat} of the sample's cases fit a flat row"
    );
}

#[test]
fn every_problem_names_its_row_and_column_and_nothing_is_dropped() {
    let cases = cme_core::sample::sample_cases().unwrap();
    let mut rows: Vec<serde_json::Value> = cases.iter().filter_map(case_row).take(10).collect();
    rows[2]["birth_year"] = serde_json::json!(1850);
    rows[5]["sortie_result"] = serde_json::json!("licenciement");
    rows[5]["sortie_date"] = serde_json::json!("2024-06-01");
    rows[7]["service"] = serde_json::json!(42);
    rows[8] = serde_json::json!("pas un objet");
    rows[9].as_object_mut().unwrap().remove("signalement_date");
    let read = read_rows(&rows, None);
    let got: Vec<(usize, &str, &str)> = read
        .issues
        .iter()
        .map(|i| (i.row, i.column.as_str(), i.issue.code.code()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "birth_year", "integer_out_of_range"),
            (5, "sortie_result", "unknown_code"),
            (7, "service", "string_type"),
            (8, "", "object_type"),
            (9, "signalement_date", "missing_field"),
        ]
    );
    assert_eq!(read.rows, [0, 1, 3, 4, 6]);
    assert_eq!(read.cases.len() + 5, rows.len());
    for i in &read.issues {
        let expected = if i.column.is_empty() {
            format!("rows[{}]", i.row)
        } else {
            format!("rows[{}].{}", i.row, i.column)
        };
        assert_eq!(i.issue.path.as_str(), expected);
    }
}

#[test]
fn columns_are_unique_and_documented() {
    let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), COLUMNS.len());
    assert!(COLUMNS.iter().all(|c| !c.description.is_empty()));
}

#[test]
fn columns_and_rows_read_the_same_and_ranges_join_up() {
    let cases = cme_core::sample::sample_cases().unwrap();
    let mut rows: Vec<serde_json::Value> = cases.iter().filter_map(case_row).collect();
    rows[1]["birth_year"] = serde_json::json!(1850);
    rows[4]["couleur"] = serde_json::json!("bleu");
    rows[7]["sortie_date"] = serde_json::json!("2024-02-30");
    let names: Vec<String> = {
        let mut n: Vec<String> = rows
            .iter()
            .flat_map(|r| r.as_object().unwrap().keys().cloned())
            .collect();
        n.sort();
        n.dedup();
        n
    };
    let columns: Vec<(String, Vec<serde_json::Value>)> = names
        .iter()
        .map(|name| {
            let values = rows
                .iter()
                .map(|r| r.get(name).cloned().unwrap_or(serde_json::Value::Null))
                .collect();
            (name.clone(), values)
        })
        .collect();
    let by_rows = read_rows(&rows, None);
    let whole = cme_core::table::read_columns(&columns, 0..rows.len(), 0, None);
    assert_eq!(whole.cases, by_rows.cases);
    assert_eq!(whole.rows, by_rows.rows);
    assert_eq!(whole.issues, by_rows.issues);
    let mid = rows.len() / 2;
    let mut a = cme_core::table::read_columns(&columns, 0..mid, 0, None);
    let b = cme_core::table::read_columns(&columns, mid..rows.len(), 0, None);
    a.cases.extend(b.cases);
    a.rows.extend(b.rows);
    a.issues.extend(b.issues);
    assert_eq!(a.cases, whole.cases);
    assert_eq!(a.rows, whole.rows);
    assert_eq!(a.issues, whole.issues);
    assert_eq!(whole.issues.len(), 3);
}
