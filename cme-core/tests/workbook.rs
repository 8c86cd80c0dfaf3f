//! The workbook of a publication read back with calamine: its sheets, the
//! hidden values marked, every row of the long table, the receipt.
#![cfg(feature = "xlsx")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use cme_pdp::publish::tables::LongTable;
use cme_pdp::publish::workbook::{to_xlsx, DEFINITIONS_SHEET, RECEIPT_SHEET};
use cme_pdp::publish::PublishedReport;

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

fn bundle() -> Vec<PublishedReport> {
    let cases = cme_pdp::sample::sample_json_values().unwrap_or_default();
    let by = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let reports: Vec<_> = [
        by(&["secteur"]),
        by(&["tranche_age"]),
        by(&["secteur", "tranche_age"]),
    ]
    .iter()
    .filter_map(|b| {
        cme_pdp::indicators::report_from_values(
            &cases,
            &serde_json::json!("aist43"),
            cme_pdp::indicators::Period::year(2024),
            b,
        )
        .ok()
    })
    .collect();
    cme_pdp::publish::publish_bundle(&reports, &cme_pdp::publish::PublishOptions::new(11))
        .unwrap_or_default()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(x) => x.to_string(),
        Data::Int(x) => x.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_bundle_reads_back_as_its_tables_with_hidden_values_marked() {
    let reports = bundle();
    assert_eq!(reports.len(), 3);
    let bytes = to_xlsx(&reports).unwrap_or_default();
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap_or_else(|e| unreachable!("{e}"));
    let names = book.sheet_names();
    assert_eq!(
        names,
        [
            "Par secteur",
            "Par tranche d'âge",
            "Par secteur et tranche d'âge",
            DEFINITIONS_SHEET,
            RECEIPT_SHEET
        ]
        .map(String::from)
    );
    // the crossing: every row of the long table, the hidden ones marked
    let table = LongTable::of(std::slice::from_ref(&reports[2]));
    let range = book.worksheet_range(&names[2]).unwrap_or_default();
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    assert!(rows[0][0].starts_with("Du 1er janvier 2024 au 31 décembre 2024 — AIST Haute-Loire"));
    assert_eq!(
        rows[1][0],
        "Par secteur d'activité (section NAF) et par tranche d'âge au signalement"
    );
    let header = &rows[3];
    assert_eq!(
        &header[..4],
        [
            "Secteur d'activité (section NAF)",
            "Code (secteur)",
            "Tranche d'âge au signalement",
            "Code (tranche_age)"
        ]
    );
    let body = &rows[4..];
    assert_eq!(body.len(), table.rows.len());
    let mut hidden = 0;
    for (row, expected) in body.iter().zip(&table.rows) {
        assert_eq!(row[10], expected.value.id);
        if expected.value.hidden.is_some() {
            hidden += 1;
            assert_eq!(&row[5..8], ["masqué", "masqué", "masqué"]);
        } else if let Some(n) = expected.value.numerator {
            assert_eq!(row[5], (n as f64).to_string());
        }
    }
    assert!(hidden > 0, "the sample's crossing hides values");
    // the total first, as « Ensemble » in both dimensions
    assert_eq!(
        &body[0][..4],
        ["Ensemble", "ensemble", "Ensemble", "ensemble"]
    );
    // a section by its name
    assert!(body
        .iter()
        .any(|r| r[0].ends_with("Santé humaine et action sociale") && r[1] == "naf_rev2:Q"));
    // the receipt carries the digests of what was published
    let receipt = book.worksheet_range(RECEIPT_SHEET).unwrap_or_default();
    let digest = reports[0]
        .receipt
        .as_ref()
        .map(|r| r.figures_digest.clone())
        .unwrap_or_default();
    assert!(receipt
        .rows()
        .any(|r| r.iter().map(text).any(|c| c == digest)));
    let defs = book.worksheet_range(DEFINITIONS_SHEET).unwrap_or_default();
    assert_eq!(
        defs.rows().count(),
        cme_pdp::indicators::catalogue().len() + 1
    );
}
