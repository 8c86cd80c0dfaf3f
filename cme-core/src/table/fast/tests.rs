//! The fast path against the rules: on random rows, whenever the rules
//! accept a row the fast path gives the same case, and it never accepts a
//! row the rules refuse.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::{json, Value};

use super::super::{read_by_rules, Cell, CellSource, ColumnKind, TableRead, COLUMNS};
use crate::case::Case;

/// An owned cell of a test table.
#[derive(Debug, Clone)]
enum Owned {
    Null,
    Text(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Date(NaiveDate),
    Json(Value),
}

/// One row, as typed cells (an Arrow table) or JSON cells (rows of JSON).
struct OneRow(Vec<Owned>);

impl CellSource for OneRow {
    fn cell(&self, column: usize, _row: usize) -> Cell<'_> {
        match self.0.get(column) {
            None | Some(Owned::Null) => Cell::Null,
            Some(Owned::Text(s)) => Cell::Text(s),
            Some(Owned::Integer(n)) => Cell::Integer(*n),
            Some(Owned::Float(x)) => Cell::Float(*x),
            Some(Owned::Boolean(b)) => Cell::Boolean(*b),
            Some(Owned::Date(d)) => Cell::Date(*d),
            Some(Owned::Json(v)) => Cell::Json(v),
        }
    }
    fn unknown_columns(&self, _row: usize, _found: &mut dyn FnMut(&str)) {}
}

fn date(s: &str) -> NaiveDate {
    crate::validate::parse_iso_date(s).unwrap()
}

/// Rows of the synthetic population, as JSON objects.
fn base_rows() -> Vec<Value> {
    let options = crate::synthetic::PopulationOptions::default();
    crate::synthetic::population(400, 7, &options)
        .iter()
        .filter_map(super::super::case_row)
        .take(200)
        .collect()
}

/// A row's cells: typed as an Arrow table gives them, or JSON values.
fn cells(row: &Value, typed: bool) -> Vec<Owned> {
    COLUMNS
        .iter()
        .map(|c| match row.get(c.name) {
            None | Some(Value::Null) => Owned::Null,
            Some(v) if !typed => Owned::Json(v.clone()),
            Some(Value::String(s)) if c.kind == ColumnKind::Date => {
                crate::validate::parse_iso_date(s).map_or(Owned::Text(s.clone()), Owned::Date)
            }
            Some(Value::String(s)) => Owned::Text(s.clone()),
            Some(Value::Bool(b)) => Owned::Boolean(*b),
            Some(Value::Number(n)) => n
                .as_i64()
                .map_or_else(|| Owned::Float(n.as_f64().unwrap()), Owned::Integer),
            Some(v) => Owned::Json(v.clone()),
        })
        .collect()
}

/// Texts a cell may hold: every code of the case, dates in and out of
/// range or badly written, identifiers and non-identifiers, lists of
/// partners, long texts.
fn texts() -> Vec<String> {
    let mut out: Vec<String> = crate::lists::case_code_lists()
        .iter()
        .flat_map(|l| l.entries.iter().map(|e| e.code.to_string()))
        .collect();
    out.extend(
        [
            "",
            " ",
            "A",
            "U",
            "V",
            "Z",
            "AB",
            "f",
            "aismt13",
            "AISMT13",
            "ast_btp",
            "C-1",
            "Jean Dupont",
            "é",
            "2024-02-29",
            "2023-02-29",
            "2024-2-9",
            "29/02/2024",
            "1899-12-31",
            "1900-01-01",
            "2100-12-31",
            "2101-01-01",
            "2024-06-30",
            "2024-07-01",
            "2030-05-05",
            "1970-01-01",
            "2019-05-06",
            "cap_emploi;agefiph",
            "cap_emploi;cap_emploi",
            " ; ",
            ";cap_emploi; ",
            "cap_emploi;inconnu",
            "Décision collégiale",
            "hors-limites",
        ]
        .map(str::to_string),
    );
    out.push("x".repeat(65));
    out.push("a".repeat(33));
    out.push("é".repeat(2001));
    out
}

fn dates() -> Vec<NaiveDate> {
    [
        "1899-12-31",
        "1900-01-01",
        "1960-05-05",
        "1987-03-01",
        "2008-01-01",
        "2012-06-01",
        "2022-05-01",
        "2022-09-15",
        "2023-03-01",
        "2024-02-29",
        "2024-06-30",
        "2024-07-01",
        "2100-12-31",
        "2101-01-01",
    ]
    .map(date)
    .to_vec()
}

/// A value of the column's own kind (a date for a date column…): the
/// values that pass each cell's check and may break a rule between cells.
fn of_kind(column: usize) -> BoxedStrategy<Owned> {
    if COLUMNS[column].name == "category_override_justification" {
        return proptest::sample::select(vec!["", " ", "Décision collégiale", "\t\n"])
            .prop_map(|s| Owned::Text(s.to_string()))
            .boxed();
    }
    if COLUMNS[column].name == "consent_sharing_with" {
        return proptest::sample::select(vec![
            "cap_emploi;agefiph",
            "cap_emploi; cap_emploi",
            "agefiph;cap_emploi;agefiph",
            ";;",
            "cap_emploi;Cap_emploi",
        ])
        .prop_map(|s| Owned::Text(s.to_string()))
        .boxed();
    }
    match COLUMNS[column].kind {
        ColumnKind::Date => prop_oneof![
            proptest::sample::select(dates()).prop_map(Owned::Date),
            proptest::sample::select(dates()).prop_map(|d| Owned::Text(d.to_string())),
        ]
        .boxed(),
        ColumnKind::Integer => prop_oneof![
            proptest::sample::select(vec![0, 1, 13, 22, 23, 1900, 1942, 1960, 1987, 2008, 2010])
                .prop_map(Owned::Integer),
            proptest::sample::select(vec![13.0, 13.5, 1960.0, 1960.25, 1e15, f64::NAN])
                .prop_map(Owned::Float),
        ]
        .boxed(),
        ColumnKind::Boolean => any::<bool>().prop_map(Owned::Boolean).boxed(),
        ColumnKind::Text => {
            // The column's own codes (from the code list of the field it
            // holds), and now and then any text.
            let own = column_codes(column);
            if own.is_empty() {
                proptest::sample::select(texts())
                    .prop_map(Owned::Text)
                    .boxed()
            } else {
                prop_oneof![
                    4 => proptest::sample::select(own).prop_map(Owned::Text),
                    1 => proptest::sample::select(texts()).prop_map(Owned::Text),
                ]
                .boxed()
            }
        }
    }
}

/// The codes a text column holds: those of the code list named after the
/// field it holds (`sick_leave_cause`, `category`…).
fn column_codes(column: usize) -> Vec<String> {
    let kind = match COLUMNS[column].name {
        "sick_leave_cause" => "sick_leave_cause",
        "source_visit" => "source_visit",
        "signalled_by" => "signaller",
        "requested_by" => "requester",
        "employer" => "employer_kind",
        "rqth" => "rqth_status",
        "sector_nomenclature" => "nomenclature",
        "referent_role" => "cell_role",
        "avis_attendu_expertise" | "avis_recu_expertise" => "expertise",
        "action_partenaire_partner" => "partner",
        "sortie_result" => "exit_result",
        "category_override" => "category",
        "sector_section" => return ["A", "F", "U", "V", "Q"].map(str::to_string).to_vec(),
        "id" | "policy" => return ["C-1", "p.2", "aismt13"].map(str::to_string).to_vec(),
        "service" => return ["aismt13", "aist43", "x_1"].map(str::to_string).to_vec(),
        _ => return Vec::new(),
    };
    let lists = crate::lists::case_code_lists();
    let list = lists.iter().find(|l| l.kind == kind).unwrap();
    list.entries.iter().map(|e| e.code.to_string()).collect()
}

/// A change of one cell: any value, or one of the column's kind.
fn change() -> impl Strategy<Value = (usize, Owned)> {
    (0..COLUMNS.len()).prop_flat_map(|column| {
        (
            Just(column),
            prop_oneof![owned(), of_kind(column), of_kind(column)],
        )
    })
}

/// Changes of the cells of one part of the case together (the category
/// override, the sick leave, the consent, the exit, the birth, the
/// sector): what it takes to reach a rule between cells of one part.
fn group_change() -> impl Strategy<Value = Vec<(usize, Owned)>> {
    let groups: [&[&str]; 6] = [
        &[
            "category_override",
            "category_override_justification",
            "category_override_date",
        ],
        &[
            "sick_leave_start",
            "sick_leave_end",
            "sick_leave_end_is_expected",
            "sick_leave_cause",
        ],
        &[
            "consent_date",
            "consent_accompaniment",
            "consent_withdrawn_on",
            "consent_sharing_with",
        ],
        &[
            "sortie_date",
            "sortie_result",
            "sortie_dismissal",
            "sortie_prepared",
        ],
        &["birth_date", "birth_year"],
        &["sector_nomenclature", "sector_section"],
    ];
    proptest::sample::select(groups.to_vec()).prop_flat_map(|group| {
        group
            .iter()
            .map(|name| {
                let column = COLUMNS.iter().position(|c| c.name == *name).unwrap();
                (
                    Just(column),
                    prop_oneof![3 => of_kind(column), 1 => owned()],
                )
            })
            .collect::<Vec<_>>()
    })
}

fn owned() -> BoxedStrategy<Owned> {
    let texts = texts();
    let dates = dates();
    prop_oneof![
        Just(Owned::Null),
        proptest::sample::select(texts.clone()).prop_map(Owned::Text),
        proptest::sample::select(vec![
            -1,
            0,
            1,
            14,
            22,
            23,
            1899,
            1900,
            1950,
            1970,
            2012,
            2100,
            2101,
            i64::MAX
        ])
        .prop_map(Owned::Integer),
        proptest::sample::select(vec![
            f64::NAN,
            1970.0,
            1970.5,
            f64::INFINITY,
            1e16,
            22.0,
            3.0,
            -0.0
        ])
        .prop_map(Owned::Float),
        any::<bool>().prop_map(Owned::Boolean),
        proptest::sample::select(dates).prop_map(Owned::Date),
        proptest::sample::select(texts).prop_map(|s| Owned::Json(Value::String(s))),
        proptest::sample::select(vec![
            Value::Null,
            json!(true),
            json!(1970),
            json!(1970.0),
            json!(["cap_emploi"]),
            json!({"a": 1}),
            json!(18_446_744_073_709_551_615_u64),
        ])
        .prop_map(Owned::Json),
    ]
    .boxed()
}

/// The case the rules accept for this row, if they do.
/// The case the rules read for this row when they report nothing about it
/// (a row kept with a warning is reported: the fast path must leave it to
/// the rules).
fn by_rules(src: &OneRow, as_of: Option<NaiveDate>) -> Option<Case> {
    let mut out = TableRead::default();
    read_by_rules(src, 0, 0, as_of, Vec::new(), 0, &mut out);
    if out.issues.is_empty() {
        out.cases.pop()
    } else {
        None
    }
}

/// The case the fast path reads for this row, if it does: into a case
/// that held another row before (its room is reused, nothing of it must
/// remain).
fn read(src: &OneRow, as_of: Option<NaiveDate>) -> Option<Case> {
    let mut case = super::blank();
    let full = OneRow(cells(&FULL.with(Clone::clone), true));
    assert!(super::fill(&full, 0, None, &mut case));
    super::fill(src, 0, as_of, &mut case).then_some(case)
}

thread_local! {
    /// A row filling every column: a case with a policy, a sector, a sick
    /// leave, a consent with partners, every event and a category
    /// override.
    static FULL: Value = serde_json::from_str(r#"{
        "id": "FULL-1", "service": "aismt13", "policy": "p.1", "birth_date": "1970-05-06",
        "birth_year": 1970, "sector_nomenclature": "naf_2025", "sector_section": "V",
        "employer": "public", "rqth": "reconnue", "cim10_chapter": 5,
        "sick_leave_start": "2023-01-02", "sick_leave_end": "2023-02-01",
        "sick_leave_end_is_expected": false, "sick_leave_cause": "accident_du_travail",
        "signalement_date": "2023-01-10", "source_visit": "pre_reprise",
        "signalled_by": "medecin_du_travail", "requested_by": "salarie",
        "consent_date": "2023-01-11", "consent_accompaniment": true,
        "consent_withdrawn_on": "2023-06-01", "consent_sharing_with": "cap_emploi;agefiph",
        "contact_date": "2023-01-11", "absence_reponse_date": "2023-01-12",
        "refus_accompagnement_date": "2023-01-13", "analyse_date": "2023-01-14",
        "analyse_simple_solution": false, "referent_date": "2023-01-15",
        "referent_role": "charge_maintien", "entretien_date": "2023-01-16",
        "avis_attendu_date": "2023-01-17", "avis_attendu_expertise": "ergonome",
        "avis_recu_date": "2023-01-18", "avis_recu_expertise": "ergonome",
        "commission_date": "2023-01-19", "plan_propose_date": "2023-01-20",
        "plan_accepte_date": "2023-01-21", "plan_refuse_date": "2023-01-22",
        "action_partenaire_date": "2023-01-23", "action_partenaire_partner": "cap_emploi",
        "sortie_date": "2023-02-01", "sortie_result": "inaptitude", "sortie_dismissal": true,
        "sortie_prepared": true, "suivi_6_mois_date": "2023-08-01",
        "suivi_6_mois_employed": true, "suivi_12_mois_date": "2024-02-01",
        "suivi_12_mois_employed": false, "category_override": "ingenierie",
        "category_override_justification": "Décision collégiale",
        "category_override_date": "2023-01-25"
    }"#).unwrap();
}

fn check(src: &OneRow, as_of: Option<NaiveDate>) -> Result<(), TestCaseError> {
    let rules = by_rules(src, as_of);
    let fast = read(src, as_of);
    // A list cell is left to the rules.
    let lists = src
        .0
        .iter()
        .any(|c| matches!(c, Owned::Json(Value::Array(_))));
    match (&fast, &rules) {
        (Some(f), Some(r)) => prop_assert_eq!(f, r),
        (Some(_), None) => prop_assert!(false, "the fast path accepts a row the rules refuse"),
        (None, Some(_)) => prop_assert!(lists, "the fast path refuses a row the rules accept"),
        (None, None) => {}
    }
    Ok(())
}

#[test]
fn every_synthetic_row_is_read_by_the_fast_path_as_the_rules_read_it() {
    for row in base_rows() {
        for typed in [false, true] {
            let src = OneRow(cells(&row, typed));
            let rules = by_rules(&src, None);
            assert!(rules.is_some(), "a synthetic row is valid");
            assert_eq!(read(&src, None), rules);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8000))]

    #[test]
    fn the_fast_path_agrees_with_the_rules(
        pick in 0usize..200,
        typed in any::<bool>(),
        changes in proptest::collection::vec(change(), 0..4),
        group in proptest::option::of(group_change()),
        as_of in proptest::option::of(proptest::sample::select(vec![
            "2023-12-31", "2024-06-30", "2025-01-01", "2100-12-31",
        ])),
    ) {
        thread_local! {
            static ROWS: Vec<Value> = base_rows();
        }
        let row = ROWS.with(|rows| rows[pick % rows.len()].clone());
        let mut cells = cells(&row, typed);
        for (column, cell) in changes.into_iter().chain(group.into_iter().flatten()) {
            cells[column] = cell;
        }
        check(&OneRow(cells), as_of.map(date))?;
    }
}
