//! Flat tables of cases: a row per case, read through the case validation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::table::{case_row, read_rows, TableRead, COLUMNS};

/// The problems of a read table as (row, column, code).
fn problems(read: &TableRead) -> Vec<(usize, &str, &str)> {
    read.issues
        .iter()
        .map(|i| (i.row, i.column.as_str(), i.issue.code.code()))
        .collect()
}

#[test]
fn sample_cases_round_trip_through_rows() {
    let cases = cme_pdp::sample::sample_cases().unwrap();
    let policy = cme_pdp::policy::preset("aist43").unwrap();
    let as_of = cme_pdp::sample::SAMPLE_AS_OF;
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
        let ea = cme_pdp::evaluate::evaluate(case, &policy, as_of).unwrap();
        let eb = cme_pdp::evaluate::evaluate(back, &policy, as_of).unwrap();
        // the same stages on the same dates (a row orders the events its
        // own way: the event indices differ)
        let steps = |e: &cme_pdp::evaluate::Evaluation| {
            e.stage
                .value
                .history
                .iter()
                .map(|s| (s.stage, s.date))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            (ea.stage.value.stage, ea.stage.value.since, steps(&ea)),
            (eb.stage.value.stage, eb.stage.value.since, steps(&eb))
        );
        assert_eq!(ea.status.value, eb.status.value);
    }
    // Up to three expert opinions and partner actions fit a row (repeated
    // columns); the others (several sick leaves or consents, more
    // opinions) go in the interchange format, not in a flat row.
    assert!(
        flat >= 45,
        "only {flat} of the sample's cases fit a flat row"
    );
}

#[test]
fn every_problem_names_its_row_and_column_and_nothing_is_dropped() {
    let cases = cme_pdp::sample::sample_cases().unwrap();
    let mut rows: Vec<serde_json::Value> = cases.iter().filter_map(case_row).take(10).collect();
    rows[2]["birth_year"] = serde_json::json!(1850);
    rows[5]["sortie_result"] = serde_json::json!("licenciement");
    rows[5]["sortie_date"] = serde_json::json!("2024-06-01");
    rows[7]["service"] = serde_json::json!(42);
    rows[8] = serde_json::json!("pas un objet");
    rows[9].as_object_mut().unwrap().remove("signalement_date");
    let read = read_rows(&rows, None);
    assert_eq!(
        problems(&read),
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
    let cases = cme_pdp::sample::sample_cases().unwrap();
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
    let whole = cme_pdp::table::read_columns(&columns, 0..rows.len(), 0, None);
    assert_eq!(whole.cases, by_rows.cases);
    assert_eq!(whole.rows, by_rows.rows);
    assert_eq!(whole.issues, by_rows.issues);
    let mid = rows.len() / 2;
    let mut a = cme_pdp::table::read_columns(&columns, 0..mid, 0, None);
    let b = cme_pdp::table::read_columns(&columns, mid..rows.len(), 0, None);
    a.cases.extend(b.cases);
    a.rows.extend(b.rows);
    a.issues.extend(b.issues);
    assert_eq!(a.cases, whole.cases);
    assert_eq!(a.rows, whole.rows);
    assert_eq!(a.issues, whole.issues);
    assert_eq!(whole.issues.len(), 3);
}

/// JSON rows given as typed cells, as a binding reads an Arrow table: dates
/// as dates, integers as integers (or as integral floats, as pandas stores
/// an integer column with missing values), booleans, texts.
struct Typed<'a> {
    rows: &'a [serde_json::Value],
    float_integers: bool,
}

impl cme_pdp::table::CellSource for Typed<'_> {
    fn cell(&self, column: usize, row: usize) -> cme_pdp::table::Cell<'_> {
        use cme_pdp::table::{Cell, ColumnKind};
        let c = &COLUMNS[column];
        let Some(v) = self.rows[row].get(c.name).filter(|v| !v.is_null()) else {
            return Cell::Null;
        };
        match (c.kind, v) {
            (ColumnKind::Date, serde_json::Value::String(s)) => {
                match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Ok(d) => Cell::Date(d),
                    Err(_) => Cell::Text(s),
                }
            }
            (ColumnKind::Integer, serde_json::Value::Number(n)) if n.is_i64() => {
                if self.float_integers {
                    Cell::Float(n.as_f64().unwrap())
                } else {
                    Cell::Integer(n.as_i64().unwrap())
                }
            }
            (_, serde_json::Value::Bool(b)) => Cell::Boolean(*b),
            (_, serde_json::Value::String(s)) => Cell::Text(s),
            _ => Cell::Json(v),
        }
    }
    fn unknown_columns(&self, row: usize, found: &mut dyn FnMut(&str)) {
        for key in self.rows[row].as_object().unwrap().keys() {
            if !COLUMNS.iter().any(|c| c.name == key) {
                found(key);
            }
        }
    }
}

fn broken_rows() -> Vec<serde_json::Value> {
    let cases = cme_pdp::sample::sample_cases().unwrap();
    let mut rows: Vec<serde_json::Value> = cases.iter().filter_map(case_row).collect();
    rows[1]["birth_year"] = serde_json::json!(1850);
    rows[2]["birth_year"] = serde_json::json!(1970.5);
    rows[3]["couleur"] = serde_json::json!("bleu");
    rows[4]["sortie_date"] = serde_json::json!("2024-02-30");
    rows[5]["consent_sharing_with"] = serde_json::json!("cap_emploi;inconnu;;cap_emploi");
    rows[6]["sick_leave_end_is_expected"] = serde_json::json!("oui");
    rows[7]["category_override"] = serde_json::json!("categorie_2");
    rows[8]["contact_date"] = serde_json::json!(20240301);
    rows
}

#[test]
fn typed_cells_read_exactly_as_their_json_rows() {
    let rows = broken_rows();
    let by_rows = read_rows(&rows, None);
    for float_integers in [false, true] {
        let typed = Typed {
            rows: &rows,
            float_integers,
        };
        let read = cme_pdp::table::read_cells(&typed, 0..rows.len(), 0, None);
        assert_eq!(read.cases, by_rows.cases);
        assert_eq!(read.rows, by_rows.rows);
        assert_eq!(read.issues, by_rows.issues);
    }
    assert_eq!(
        problems(&by_rows),
        [
            (1, "birth_year", "integer_out_of_range"),
            (2, "birth_year", "integer_out_of_range"),
            (3, "couleur", "unknown_field"),
            (4, "sortie_date", "invalid_date"),
            (5, "consent_sharing_with", "unknown_code"),
            (5, "consent_sharing_with", "duplicate_item"),
            (6, "sick_leave_end_is_expected", "boolean_type"),
            (7, "category_override", "unknown_code"),
            (7, "category_override_justification", "missing_field"),
            (7, "category_override_date", "missing_field"),
            (8, "contact_date", "invalid_date"),
        ]
    );
}

/// A fact of an event or of a consent given without its date is reported
/// at the date's column, never silently dropped with the event.
#[test]
fn facts_without_their_date_are_reported_not_dropped() {
    let row = serde_json::json!({
        "id": "T-9", "service": "aist43", "signalement_date": "2024-03-04",
        "source_visit": "pre_reprise", "signalled_by": "medecin_du_travail",
        "contact_date": "2024-03-05",
        "sortie_result": "amenagement_poste",
        "suivi_12_mois_employed": true,
        "consent_sharing_with": "cap_emploi",
    });
    let read = read_rows(&[row], None);
    let got: Vec<(&str, &str)> = read
        .issues
        .iter()
        .map(|i| (i.column.as_str(), i.issue.code.code()))
        .collect();
    assert_eq!(
        got,
        [
            ("consent_date", "missing_field"),
            ("sortie_date", "missing_field"),
            ("suivi_12_mois_date", "missing_field"),
        ]
    );
}

proptest::proptest! {
    /// Any value in any column of a valid row: no panic, the row is either
    /// read or reported, every problem names a column of the row (or none),
    /// and typed cells read as the JSON row does.
    #[test]
    fn any_cell_value_is_read_or_reported(
        base in 0usize..30,
        changes in proptest::collection::vec((0usize..COLUMNS.len(), 0u8..9, -3i64..3000), 0..5),
    ) {
        let cases = cme_pdp::sample::sample_cases().unwrap();
        let rows: Vec<serde_json::Value> = cases.iter().filter_map(case_row).collect();
        let mut row = rows[base % rows.len()].clone();
        for (column, kind, n) in changes {
            let value = match kind {
                0 => serde_json::Value::Null,
                1 => serde_json::json!(n),
                2 => serde_json::json!(n as f64 / 7.0),
                3 => serde_json::json!(n % 2 == 0),
                4 => serde_json::json!(format!("2024-{:02}-{:02}", n % 14, n % 33)),
                5 => serde_json::json!("cap_emploi;mdph"),
                6 => serde_json::json!(["cap_emploi", n]),
                7 => serde_json::json!({"k": n}),
                _ => serde_json::json!("x".repeat((n.unsigned_abs() % 300) as usize)),
            };
            row[COLUMNS[column].name] = value;
        }
        let rows = [row];
        let read = read_rows(&rows, None);
        proptest::prop_assert_eq!(read.cases.len() + usize::from(!read.issues.is_empty()), 1);
        for issue in &read.issues {
            proptest::prop_assert!(
                issue.column.is_empty() || rows[0].get(&issue.column).is_some()
                    || ["consent_date", "sortie_date", "suivi_6_mois_date", "suivi_12_mois_date",
                        "category_override_justification", "category_override_date",
                        "category_override", "signalement_date", "id", "service",
                        "source_visit", "signalled_by", "sick_leave_start", "sick_leave_cause",
                        "sector_nomenclature", "sector_section"].contains(&issue.column.as_str())
                        || issue.column.ends_with("_date") || issue.column.ends_with("_expertise")
                        || issue.column.ends_with("_partner"),
                "{:?}", issue
            );
        }
        let typed = Typed { rows: &rows, float_integers: false };
        let again = cme_pdp::table::read_cells(&typed, 0..1, 0, None);
        proptest::prop_assert_eq!(again.cases, read.cases);
        proptest::prop_assert_eq!(again.issues, read.issues);
    }
}

/// Floats as pandas gives them: NaN is a missing value, integral floats are
/// integers where an integer is expected, an infinite value is refused at
/// its row and column.
#[test]
fn pandas_floats_are_read_by_the_core() {
    use cme_pdp::table::{read_cells, Cell, CellSource};
    /// `birth_year` and `cim10_chapter` as floats.
    struct Floats(f64, f64);
    impl CellSource for Floats {
        fn cell(&self, column: usize, _row: usize) -> Cell<'_> {
            match COLUMNS[column].name {
                "id" => Cell::Text("F-1"),
                "service" => Cell::Text("aist43"),
                "signalement_date" => Cell::Text("2024-03-04"),
                "source_visit" => Cell::Text("reprise"),
                "signalled_by" => Cell::Text("idest"),
                "birth_year" => Cell::Float(self.0),
                "cim10_chapter" => Cell::Float(self.1),
                _ => Cell::Null,
            }
        }
        fn unknown_columns(&self, _row: usize, _found: &mut dyn FnMut(&str)) {}
    }
    let nan = read_cells(&Floats(f64::NAN, f64::NAN), 0..1, 0, None);
    assert!(nan.issues.is_empty());
    assert_eq!(
        (
            nan.cases[0].worker.birth_year,
            nan.cases[0].worker.cim10_chapter
        ),
        (None, None)
    );
    let integral = read_cells(&Floats(1970.0, 13.0), 0..1, 0, None);
    assert!(integral.issues.is_empty());
    assert_eq!(
        (
            integral.cases[0].worker.birth_year,
            integral.cases[0].worker.cim10_chapter
        ),
        (Some(1970), Some(13))
    );
    let odd = read_cells(&Floats(f64::INFINITY, 13.5), 0..1, 0, None);
    assert_eq!(
        problems(&odd),
        [
            (0, "birth_year", "integer_out_of_range"),
            (0, "cim10_chapter", "integer_out_of_range")
        ]
    );
}

/// A pré-reprise requested by the employer (never allowed, L4624-2-4) is a
/// warning: a form refuses it (validation reports it), an import keeps the
/// row and reports it at its column, and the evaluation judges the request
/// "demande irrecevable".
#[test]
fn an_employer_requested_pre_reprise_is_kept_by_an_import_and_reported() {
    let row = serde_json::json!({
        "id": "D-EMP", "service": "aismt13", "birth_year": 1975,
        "sick_leave_start": "2024-01-08", "sick_leave_end": "2024-06-30",
        "sick_leave_end_is_expected": true, "sick_leave_cause": "maladie_non_professionnelle",
        "signalement_date": "2024-03-01", "source_visit": "pre_reprise",
        "signalled_by": "medecin_du_travail", "requested_by": "employeur",
    });
    let read = read_rows(std::slice::from_ref(&row), None);
    assert_eq!(read.cases.len(), 1, "the row is kept");
    assert_eq!(
        problems(&read),
        [(0, "requested_by", "pre_reprise_requested_by_employer")]
    );
    assert_eq!(
        read.issues[0].issue.severity,
        cme_pdp::issue::Severity::Warning
    );
    // The same row with a real error is still rejected, with both problems.
    let mut bad = row;
    bad["id"] = serde_json::json!("Jean Dupont");
    let read = read_rows(&[bad], None);
    assert!(read.cases.is_empty());
    assert_eq!(read.issues.len(), 2);
    // A form refuses it: validation reports it, and parse_case rejects.
    let case = read_rows(
        &[serde_json::json!({
            "id": "D-EMP", "service": "aismt13", "birth_year": 1975,
            "sick_leave_start": "2024-01-08", "sick_leave_end": "2024-06-30",
            "sick_leave_end_is_expected": true, "sick_leave_cause": "maladie_non_professionnelle",
            "signalement_date": "2024-03-01", "source_visit": "pre_reprise",
            "signalled_by": "medecin_du_travail", "requested_by": "employeur",
        })],
        None,
    )
    .cases
    .remove(0);
    let value = serde_json::to_value(&case).unwrap();
    let options = cme_pdp::validate::ValidateOptions::default();
    let issues = cme_pdp::validate::validate(&value, &options);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path.as_str(), "signalement.requested_by");
    assert!(cme_pdp::validate::parse_case(&value, &options).is_err());
    // The evaluation goes on: the calendar says the request is inadmissible.
    let policy = cme_pdp::policy::preset("aismt13").unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
    let e = cme_pdp::evaluate::evaluate_value(&value, &policy, as_of).unwrap();
    let pre = e.visits.absences[0]
        .outcomes
        .iter()
        .find(|o| o.rule == cme_pdp::legal::VisitRule::PreReprise)
        .unwrap();
    assert_eq!(
        pre.obligation,
        cme_pdp::legal::Obligation::DemandeIrrecevable
    );
}

/// Two expert opinions in one row (repeated columns): with a threshold of
/// two, a case read from a table can be included (seed 001: « > 2 avis
/// attendus », the policy's threshold 2); a bad value in a repeated column
/// is reported at that column.
#[test]
fn a_row_holds_several_opinions_and_partner_actions() {
    use cme_pdp::inclusion::InclusionValue;
    let row = serde_json::json!({
        "id": "T-avis", "service": "aismt13", "birth_year": 1972,
        "signalement_date": "2024-03-04", "source_visit": "pre_reprise",
        "signalled_by": "medecin_du_travail",
        "consent_date": "2024-03-04", "consent_accompaniment": true,
        "consent_sharing_with": "cap_emploi;mdph",
        "contact_date": "2024-03-11",
        "analyse_date": "2024-03-14", "analyse_simple_solution": false,
        "entretien_date": "2024-03-20",
        "avis_attendu_date": "2024-03-20", "avis_attendu_expertise": "ergonome",
        "avis_attendu_2_date": "2024-03-21", "avis_attendu_2_expertise": "assistant_social",
        "plan_propose_date": "2024-04-02", "plan_accepte_date": "2024-04-05",
        "action_partenaire_date": "2024-04-10", "action_partenaire_partner": "cap_emploi",
        "action_partenaire_2_date": "2024-04-12", "action_partenaire_2_partner": "mdph",
    });
    let read = read_rows(std::slice::from_ref(&row), None);
    assert!(read.issues.is_empty(), "{:?}", read.issues);
    let case = &read.cases[0];
    assert_eq!(case.events.len(), 9);
    let policy = cme_pdp::policy::preset("aismt13").unwrap();
    let e = cme_pdp::evaluate::evaluate(case, &policy, cme_pdp::sample::SAMPLE_AS_OF).unwrap();
    assert_eq!(e.inclusion.decision.value, InclusionValue::Included);
    assert_eq!(
        e.category.decision.value,
        Some(cme_pdp::case::Category::Ingenierie)
    );
    // and back: the case fits a row again, with the same columns
    assert_eq!(case_row(case).unwrap(), row);

    let mut bad = row.clone();
    bad["avis_attendu_2_expertise"] = serde_json::json!("astrologue");
    bad["action_partenaire_3_date"] = serde_json::json!("2024-13-01");
    let read = read_rows(&[bad], None);
    let problems: Vec<(&str, &str)> = read
        .issues
        .iter()
        .map(|i| (i.column.as_str(), i.issue.code.code()))
        .collect();
    assert_eq!(
        problems,
        [
            ("avis_attendu_2_expertise", "unknown_code"),
            ("action_partenaire_3_date", "invalid_date"),
            // an action needs its partner
            ("action_partenaire_3_partner", "missing_field")
        ]
    );
}

#[test]
fn an_unknown_column_is_echoed_cut_however_long_its_name() {
    // a 100 KB column name over 200 rows: each issue echoes 64 characters,
    // not the name (20 MB of issues, a gigabyte for 1 MB over 1,000 rows)
    let name = "n".repeat(100_000);
    let forged = "nom\nERREUR";
    let mut rows: Vec<serde_json::Value> = cme_pdp::sample::sample_cases()
        .unwrap()
        .iter()
        .filter_map(cme_pdp::table::case_row)
        .collect();
    rows.truncate(10);
    let rows: Vec<serde_json::Value> = (0..200)
        .map(|i| {
            let mut r = rows[i % rows.len()].clone();
            r[name.as_str()] = serde_json::json!(1);
            r[forged] = serde_json::json!(2);
            r
        })
        .collect();
    let read = cme_pdp::table::read_rows(&rows, None);
    assert_eq!(read.issues.len(), 400);
    for i in &read.issues {
        assert!(i.column.chars().count() <= 65, "{}", i.column.len());
        assert!(i.issue.path.as_str().len() < 100);
        assert!(!i.column.contains('\n') && !i.issue.path.as_str().contains('\n'));
    }
    assert!(read.issues.iter().any(|i| i.column == "nom\\u{a}ERREUR"));
}

/// The company column: read into `worker.company` (the company report
/// counts by it), refused at its cell when it is a name, and written back
/// by `case_row`.
#[test]
fn the_company_column_is_read_checked_and_written_back() {
    let row = |company: &str| {
        serde_json::json!({
            "id": "T-ENT", "service": "aist43", "birth_year": 1970, "worker_company": company,
            "signalement_date": "2024-03-04", "source_visit": "reprise", "signalled_by": "idest",
        })
    };
    let read = read_rows(&[row("ENT-42")], None);
    assert!(read.issues.is_empty(), "{:?}", read.issues);
    assert_eq!(read.cases[0].worker.company.as_deref(), Some("ENT-42"));
    let back = case_row(&read.cases[0]).unwrap();
    assert_eq!(back["worker_company"], "ENT-42");
    let bad = read_rows(&[row("Dupont SA")], None);
    assert_eq!(problems(&bad), [(0, "worker_company", "invalid_id")]);
    assert!(COLUMNS.iter().any(|c| c.name == "worker_company"));
    // the worker's own id is its column too, not the case's `id`
    let mut named = row("ENT-42");
    named["worker_id"] = serde_json::json!("Jean Dupont");
    assert_eq!(
        problems(&read_rows(&[named], None)),
        [(0, "worker_id", "invalid_id")]
    );
}
