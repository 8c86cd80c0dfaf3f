//! The datasets shipped with the library say what they claim: the AIST 43
//! bilan is the conformance vector's, and the French export reads with the
//! three problems planted in it, each once at its line.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

#[test]
fn the_aist43_dataset_is_the_vector_it_was_taken_from() {
    let vector: serde_json::Value = serde_json::from_str(include_str!(
        "../../tests/vectors/indicators/aist43_bilan_intermediaire.json"
    ))
    .unwrap();
    let (period, cases) = cme_pdp::sample::aist43_bilan().unwrap();
    assert_eq!(serde_json::Value::Array(cases), vector["cases"]);
    assert_eq!(period.start.to_string(), vector["period"]["start"]);
    assert_eq!(period.end.to_string(), vector["period"]["end"]);
}

#[cfg(feature = "export")]
#[test]
fn the_french_export_reads_with_its_three_planted_problems() {
    use cme_pdp::export::{read_csv, CsvOptions, Profile, TextEncoding};
    let read = read_csv(
        cme_pdp::sample::EXPORT_FR,
        &CsvOptions::new(Profile::builtin("fr").unwrap()),
    );
    assert_eq!(read.encoding, TextEncoding::Windows1252);
    // every column but the names is read
    let unread: Vec<&str> = read
        .headers
        .iter()
        .filter(|h| h.column.is_none())
        .map(|h| h.header.as_str())
        .collect();
    assert_eq!(unread, ["Nom du salarié"]);
    let problems: Vec<(usize, Option<u64>, &str, &str)> = read
        .table
        .issues
        .iter()
        .map(|p| {
            (
                p.row,
                read.line(p.row),
                p.column.as_str(),
                p.issue.code.code(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (3, Some(5), "signalement_date", "invalid_date"),
            (7, Some(9), "birth_year", "integer_type"),
            (10, Some(12), "", "field_count"),
        ]
    );
    // the other rows are the sample's one-row cases: the same rows once
    // the labels, French dates and oui/non are read back
    let cases = cme_pdp::sample::sample_cases().unwrap();
    let expected: Vec<_> = cases
        .iter()
        .filter_map(cme_pdp::table::case_row)
        .enumerate()
        .filter(|(i, _)| ![3, 7, 10].contains(i))
        .map(|(_, row)| row)
        .collect();
    let read_rows: Vec<_> = read
        .table
        .cases
        .iter()
        .filter_map(cme_pdp::table::case_row)
        .collect();
    assert_eq!(read_rows.len(), expected.len());
    for (got, want) in read_rows.iter().zip(&expected) {
        assert_eq!(got, want, "{}", want["id"]);
    }
}
