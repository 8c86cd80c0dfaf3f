//! A publication as an Excel workbook (`rust_xlsxwriter`, written in
//! memory: the caller saves the bytes): a sheet per table of the
//! publication, in French, with the codes in their own columns and the
//! hidden values marked; the definitions of the indicators; and the
//! publication's receipt (what it was made with, digests of what it
//! published), so that the file carries what a reader needs to check it.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::codes::Code;
use crate::error::CmeError;

use super::tables::{breakdown_fr, definitions, shown, title_fr, LongTable};
use super::PublishedReport;

/// The name of the sheet of definitions.
pub const DEFINITIONS_SHEET: &str = "Définitions";
/// The name of the sheet of the receipt.
pub const RECEIPT_SHEET: &str = "Publication";

/// A publication (one report, or a bundle) as the bytes of an `.xlsx`
/// workbook: a sheet per report (« Ensemble », « Par secteur d'activité
/// … »: a value per row, its dimensions' codes and labels, numerator,
/// denominator, value, unit, and « masqué » in grey where a value is
/// hidden), « Définitions » and « Publication » (the receipt).
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &["secteur".to_string()]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// let bytes = cme_pdp::publish::workbook::to_xlsx(&[p]).unwrap();
/// assert_eq!(&bytes[..2], b"PK"); // a zip archive, as every .xlsx
/// assert_eq!(cme_pdp::publish::workbook::to_xlsx(&[]).unwrap_err().code(), "invalid_format");
/// ```
pub fn to_xlsx(reports: &[PublishedReport]) -> Result<Vec<u8>, CmeError> {
    if reports.is_empty() {
        return Err(CmeError::InvalidFormat);
    }
    build(reports).map_err(|_| CmeError::InvalidFormat)
}

/// [`to_xlsx`] for a publication given in its JSON form (one published
/// report, or the array of a bundle): what a binding calls.
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let p = cme_pdp::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], Some(11)).unwrap();
/// assert_eq!(&cme_pdp::publish::workbook::xlsx_json(&p).unwrap()[..2], b"PK");
/// ```
pub fn xlsx_json(published: &serde_json::Value) -> Result<Vec<u8>, CmeError> {
    let reports: Vec<PublishedReport> = super::read_many(published, "published")?;
    to_xlsx(&reports)
}

/// The sheet name of a report: its breakdown, cut to Excel's 31
/// characters, made unique with a number.
fn sheet_name(report: &PublishedReport, taken: &[String]) -> String {
    use crate::indicators::Dimension;
    let short = |d: &Dimension| match d {
        Dimension::Sector => "secteur",
        Dimension::Pathology => "pathologie",
        Dimension::Requester => "demandeur",
        Dimension::SourceVisit => "visite d'origine",
        Dimension::Category => "catégorie",
        Dimension::AgeBand => "tranche d'âge",
        Dimension::Service => "service",
    };
    let named = if report.spec.by.is_empty() {
        super::tables::ALL_LABEL.to_string()
    } else {
        let parts: Vec<&str> = report.spec.by.iter().map(short).collect();
        format!("Par {}", parts.join(" et "))
    };
    let base: String = named
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(28)
        .collect();
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}

fn build(reports: &[PublishedReport]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(13);
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDE5F0))
        .set_border_bottom(FormatBorder::Thin);
    let hidden = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x595959))
        .set_background_color(Color::RGB(0xEDEDED))
        .set_align(FormatAlign::Right);
    let number = Format::new().set_num_format("#,##0");
    let decimal = Format::new().set_num_format("#,##0.00");
    let defs = definitions();
    let mut taken: Vec<String> = Vec::new();
    for report in reports {
        let name = sheet_name(report, &taken);
        taken.push(name.clone());
        let sheet: &mut Worksheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        sheet.write_with_format(0, 0, title_fr(report), &title)?;
        sheet.write(1, 0, breakdown_fr(report))?;
        let table = LongTable::of(std::slice::from_ref(report));
        let mut columns: Vec<String> = Vec::new();
        for d in &table.dimensions {
            columns.push(d.label_fr().to_string());
            columns.push(format!("Code ({})", d.code()));
        }
        for c in [
            "Indicateur",
            "Numérateur",
            "Dénominateur",
            "Valeur",
            "Unité",
            "Affiché",
            "Code de l'indicateur",
        ] {
            columns.push(c.to_string());
        }
        let top = 3u32;
        for (k, c) in columns.iter().enumerate() {
            sheet.write_with_format(top, col(k), c, &header)?;
        }
        for (i, row) in table.rows.iter().enumerate() {
            let r = top + 1 + u32::try_from(i).unwrap_or(u32::MAX - top - 1);
            let mut k = 0usize;
            for (d, _) in table.dimensions.iter().enumerate() {
                sheet.write(r, col(k), table.key_label(&row.keys, d))?;
                let code = row
                    .keys
                    .get(d)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| super::tables::ALL_CODE.to_string());
                sheet.write(r, col(k + 1), code)?;
                k += 2;
            }
            let v = &row.value;
            let def = defs.get(&v.id);
            sheet.write(r, col(k), def.map_or(v.id.as_str(), |d| d.label.as_str()))?;
            if v.hidden.is_some() {
                for j in 1..=3 {
                    sheet.write_with_format(r, col(k + j), "masqué", &hidden)?;
                }
            } else {
                if let Some(n) = v.numerator {
                    sheet.write_with_format(r, col(k + 1), n as f64, &number)?;
                }
                if let Some(n) = v.denominator {
                    sheet.write_with_format(r, col(k + 2), n as f64, &number)?;
                }
                if let Some(x) = v.value {
                    let format = if x.fract() == 0.0 { &number } else { &decimal };
                    sheet.write_with_format(r, col(k + 3), x, format)?;
                }
            }
            sheet.write(r, col(k + 4), def.map_or("", |d| d.unit.label_fr()))?;
            sheet.write(r, col(k + 5), shown(v, def.map(|d| d.unit)))?;
            sheet.write(r, col(k + 6), v.id.as_str())?;
        }
        let last = top + u32::try_from(table.rows.len()).unwrap_or(0);
        sheet.autofilter(top, 0, last, col(columns.len().saturating_sub(1)))?;
        sheet.set_freeze_panes(top + 1, 0)?;
        for (k, c) in columns.iter().enumerate() {
            let width = if c == "Indicateur" {
                48.0
            } else {
                16.0_f64.max(c.len() as f64)
            };
            sheet.set_column_width(col(k), width)?;
        }
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(DEFINITIONS_SHEET)?;
    for (k, c) in [
        "Code",
        "Indicateur",
        "Unité",
        "Ce qui est compté",
        "Rapporté à",
        "Date qui place un dossier dans la période",
        "Source",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_with_format(0, col(k), *c, &header)?;
    }
    for (i, d) in crate::indicators::catalogue().iter().enumerate() {
        let r = 1 + u32::try_from(i).unwrap_or(0);
        sheet.write(r, 0, d.id.as_str())?;
        sheet.write(r, 1, d.label.as_str())?;
        sheet.write(r, 2, d.unit.label_fr())?;
        sheet.write(r, 3, d.numerator.as_str())?;
        sheet.write(r, 4, d.denominator.as_deref().unwrap_or(""))?;
        sheet.write(r, 5, d.placed_by.label_fr())?;
        sheet.write(r, 6, d.source.as_str())?;
    }
    for (k, w) in [24.0, 48.0, 14.0, 60.0, 40.0, 36.0, 40.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(col(k), *w)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(RECEIPT_SHEET)?;
    let mut r = 0u32;
    let mut line = |sheet: &mut Worksheet, key: &str, value: String| -> Result<(), XlsxError> {
        sheet.write_with_format(r, 0, key, &bold)?;
        sheet.write(r, 1, value)?;
        r += 1;
        Ok(())
    };
    let first = reports.first();
    if let Some(p) = first {
        line(sheet, "Publication", title_fr(p))?;
        line(
            sheet,
            "Masqué",
            crate::publish::Hidden::SecretStatistique
                .label_fr()
                .to_string(),
        )?;
        line(sheet, "Seuil", p.threshold.to_string())?;
        line(
            sheet,
            "Largeur de protection",
            p.protection_width.to_string(),
        )?;
        line(
            sheet,
            "Politique",
            format!("{} ({})", p.policy.name, p.policy.id),
        )?;
        line(
            sheet,
            "Empreinte de la politique",
            p.policy.content_hash.clone(),
        )?;
        match &p.receipt {
            Some(receipt) => {
                line(sheet, "Reçu : moteur", receipt.engine.clone())?;
                line(sheet, "Reçu : méthode", receipt.method.clone())?;
                line(sheet, "Reçu : catalogue", receipt.catalogue_hash.clone())?;
                line(
                    sheet,
                    "Reçu : chiffres affichés",
                    receipt.figures_shown.to_string(),
                )?;
                line(
                    sheet,
                    "Reçu : chiffres masqués",
                    receipt.figures_hidden.to_string(),
                )?;
                line(
                    sheet,
                    "Reçu : empreinte des chiffres",
                    receipt.figures_digest.clone(),
                )?;
                line(
                    sheet,
                    "Reçu : empreinte de l'audit",
                    receipt.audit_digest.clone(),
                )?;
            }
            None => line(sheet, "Reçu", "aucun".to_string())?,
        }
        line(
            sheet,
            "Vérifier",
            "cme.verify(…) ou cme_pdp::publish::verify avec le JSON publié".to_string(),
        )?;
    }
    sheet.set_column_width(0, 32.0)?;
    sheet.set_column_width(1, 90.0)?;
    workbook.save_to_buffer()
}

/// A column number for rust_xlsxwriter (at most 16,384 columns: the
/// tables here have fewer than twenty).
fn col(k: usize) -> u16 {
    u16::try_from(k).unwrap_or(u16::MAX)
}
