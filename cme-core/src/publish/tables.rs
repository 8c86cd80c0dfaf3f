//! Publishable tables: a publication (one report, or a bundle published
//! together, whose one-way reports are the margins of its two-way one) as
//! one long table: a row per cell and indicator, one column per dimension
//! (its code, and its French label beside it), the margins and the total
//! marked « Ensemble », the values of each dimension in their natural
//! order (age bands from the youngest, NAF sections by letter, « Non
//! renseigné » last). CSV, Markdown, an Excel workbook and charts are made
//! from it, so that they all say the same.

use std::collections::BTreeMap;

use crate::codes::Code;
use crate::indicators::{catalogue, Definition, Dimension, Unit};

use super::{fr_number, fr_value, unit_suffix, PublishedReport, PublishedValue};

/// The code and label standing for every value of a dimension (a margin,
/// the total).
pub const ALL_CODE: &str = "ensemble";
/// The French label of [`ALL_CODE`].
pub const ALL_LABEL: &str = "Ensemble";

/// One row of a long table.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Row {
    /// For each dimension of the table, the value of this row's cell, or
    /// `None` for all of them (a margin, the total).
    pub keys: Vec<Option<String>>,
    /// The indicator's published value.
    pub value: PublishedValue,
}

/// A publication as one long table.
///
/// ```
/// use cme_pdp::indicators::{report_from_values, Period};
/// use cme_pdp::publish::{publish_bundle, tables::LongTable, PublishOptions};
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let by = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// let reports: Vec<_> = [by(&["secteur"]), by(&["tranche_age"]), by(&["secteur", "tranche_age"])]
///     .iter().map(|b| report_from_values(&cases, &serde_json::json!("aist43"), Period::year(2024), b).unwrap())
///     .collect();
/// let bundle = publish_bundle(&reports, &PublishOptions::new(11)).unwrap();
/// let table = LongTable::of(&bundle);
/// assert_eq!(table.dimensions.len(), 2);
/// // the total once, then each report's cells: margins, then the crossing
/// assert!(table.rows[0].keys.iter().all(Option::is_none));
/// assert!(table.rows.iter().any(|r| r.keys[0].is_some() && r.keys[1].is_none()));
/// assert!(table.rows.iter().any(|r| r.keys.iter().all(Option::is_some)));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LongTable {
    /// The dimensions, in the order they first appear in the reports.
    pub dimensions: Vec<Dimension>,
    /// The rows: the total's indicators, then each report's cells in the
    /// natural order of their values.
    pub rows: Vec<Row>,
}

impl LongTable {
    /// The long table of a publication (one report, or a bundle).
    pub fn of(reports: &[PublishedReport]) -> LongTable {
        let mut dimensions: Vec<Dimension> = Vec::new();
        for r in reports {
            for d in &r.spec.by {
                if !dimensions.contains(d) {
                    dimensions.push(*d);
                }
            }
        }
        let mut rows = Vec::new();
        if let Some(first) = reports.first() {
            for v in &first.total {
                rows.push(Row {
                    keys: vec![None; dimensions.len()],
                    value: v.clone(),
                });
            }
        }
        for r in reports {
            let mut cells: Vec<&super::PublishedCell> = r.cells.iter().collect();
            cells.sort_by_key(|c| {
                r.spec
                    .by
                    .iter()
                    .zip(&c.key)
                    .map(|(d, v)| d.value_rank(v))
                    .collect::<Vec<_>>()
            });
            for c in cells {
                let keys: Vec<Option<String>> = dimensions
                    .iter()
                    .map(|d| {
                        r.spec
                            .by
                            .iter()
                            .position(|x| x == d)
                            .and_then(|i| c.key.get(i).cloned())
                    })
                    .collect();
                for v in &c.values {
                    rows.push(Row {
                        keys: keys.clone(),
                        value: v.clone(),
                    });
                }
            }
        }
        LongTable { dimensions, rows }
    }

    /// The French label of the value of dimension `k` among a row's
    /// `keys`: the value's label, or « Ensemble ».
    pub fn key_label(&self, keys: &[Option<String>], k: usize) -> String {
        match (self.dimensions.get(k), keys.get(k)) {
            (Some(d), Some(Some(v))) => d.value_label(v).0,
            _ => ALL_LABEL.to_string(),
        }
    }

    /// CSV in the French convention (`;`, decimal comma): a column per
    /// dimension with its code and one with its label (`secteur`,
    /// `secteur_libelle`), then `indicateur;libelle;numerateur;
    /// denominateur;valeur;unite;masque`; a hidden value is empty with the
    /// reason in `masque`. `bom` puts a UTF-8 byte-order mark first, which
    /// Excel needs to read the accents of a CSV file it opens.
    ///
    /// ```
    /// let r = cme_pdp::indicators::report_from_values(
    ///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
    ///     cme_pdp::indicators::Period::year(2024), &["tranche_age".to_string()]).unwrap();
    /// let p = cme_pdp::publish::publish(&r, 11).unwrap();
    /// let csv = cme_pdp::publish::tables::LongTable::of(&[p]).to_csv(true);
    /// assert!(csv.starts_with("\u{feff}tranche_age;tranche_age_libelle;indicateur;libelle;"));
    /// assert!(csv.lines().nth(1).unwrap().starts_with("ensemble;Ensemble;signalements;"));
    /// // age bands in their order, youngest first, each with its label
    /// let mut bands: Vec<&str> = Vec::new();
    /// for line in csv.lines().skip(1) {
    ///     let band = line.split(';').next().unwrap();
    ///     if bands.last() != Some(&band) { bands.push(band); }
    /// }
    /// let natural = ["ensemble", "moins_de_25", "25_34", "35_44", "45_54", "55_et_plus", "inconnu"];
    /// let expected: Vec<&str> = natural.iter().copied().filter(|b| bands.contains(b)).collect();
    /// assert_eq!(bands, expected);
    /// assert!(bands.len() > 3);
    /// assert!(csv.contains("\n45_54;45 à 54 ans;"));
    /// ```
    pub fn to_csv(&self, bom: bool) -> String {
        let defs = definitions();
        let mut out = String::new();
        if bom {
            out.push('\u{feff}');
        }
        for d in &self.dimensions {
            out.push_str(&format!("{0};{0}_libelle;", d.code()));
        }
        out.push_str("indicateur;libelle;numerateur;denominateur;valeur;unite;masque\n");
        for row in &self.rows {
            for (k, key) in row.keys.iter().enumerate() {
                let code = key.as_deref().unwrap_or(ALL_CODE);
                out.push_str(&format!(
                    "{};{};",
                    csv_field(code),
                    csv_field(&self.key_label(&row.keys, k))
                ));
            }
            let v = &row.value;
            let def = defs.get(&v.id);
            out.push_str(&format!(
                "{};{};{};{};{};{};{}\n",
                v.id,
                csv_field(def.map_or(v.id.as_str(), |d| d.label.as_str())),
                v.numerator.map(|n| n.to_string()).unwrap_or_default(),
                v.denominator.map(|n| n.to_string()).unwrap_or_default(),
                v.value
                    .map(|x| fr_value(x, def.map(|d| d.unit)))
                    .unwrap_or_default(),
                def.map(|d| d.unit.code()).unwrap_or_default(),
                v.hidden.map(|h| h.code()).unwrap_or_default(),
            ));
        }
        out
    }
}

/// The breakdowns a table by `by` is published with: by one dimension (or
/// none), that table; by two, each dimension alone (the margins) and the
/// crossing, to be published together ([`super::publish_bundle`]) so that
/// no hidden figure of the crossing is recovered from its margins, and read
/// as one table ([`LongTable::of`]).
///
/// ```
/// use cme_pdp::publish::tables::with_margins;
/// let by = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert_eq!(with_margins(&by(&["secteur"])), [by(&["secteur"])]);
/// assert_eq!(with_margins(&by(&["secteur", "tranche_age"])),
///     [by(&["secteur"]), by(&["tranche_age"]), by(&["secteur", "tranche_age"])]);
/// ```
pub fn with_margins(by: &[String]) -> Vec<Vec<String>> {
    match by {
        [a, b] => vec![vec![a.clone()], vec![b.clone()], by.to_vec()],
        _ => vec![by.to_vec()],
    }
}

/// The indicators' definitions by id.
pub(crate) fn definitions() -> BTreeMap<String, Definition> {
    catalogue().into_iter().map(|d| (d.id.clone(), d)).collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A published value as a reader sees it in French: « masqué », « — »
/// (no value), a percentage with its numerator and denominator, a number
/// with its unit.
///
/// ```
/// use cme_pdp::publish::tables::shown_fr;
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &["secteur".to_string()]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 1_000).unwrap();
/// assert_eq!(shown_fr(&p.total[0]), "masqué");
/// ```
pub fn shown_fr(v: &PublishedValue) -> String {
    let unit = definitions().get(&v.id).map(|d| d.unit);
    shown(v, unit)
}

pub(crate) fn shown(v: &PublishedValue, unit: Option<Unit>) -> String {
    match (v.hidden, v.value, unit) {
        (Some(_), _, _) => "masqué".to_string(),
        (None, None, _) => "—".to_string(),
        (None, Some(x), Some(Unit::Pourcentage)) => format!(
            "{} / {} ({}{})",
            v.numerator.unwrap_or(0),
            v.denominator.unwrap_or(0),
            fr_value(x, unit),
            unit_suffix(Unit::Pourcentage)
        ),
        (None, Some(x), Some(u)) => format!("{}{}", fr_number(x), unit_suffix(u)),
        (None, Some(x), None) => fr_number(x),
    }
}

/// What a chart's bar says of a value, published or not (given in its JSON
/// form: `numerator`, `denominator`, `value`, `hidden`): « masqué », a rate
/// with one decimal and its numerator and denominator, a mean of days with
/// its count, or a count.
///
/// ```
/// use cme_pdp::indicators::Unit;
/// use cme_pdp::publish::tables::bar_label_fr;
/// use serde_json::json;
/// assert_eq!(bar_label_fr(&json!({"numerator": 12, "value": 12.0}), Unit::Nombre), "n = 12");
/// assert_eq!(bar_label_fr(&json!({"numerator": 5, "denominator": 12, "value": 41.666}), Unit::Pourcentage),
///            "41,7 % (5 / 12)");
/// assert_eq!(bar_label_fr(&json!({"numerator": 2967, "denominator": 43, "value": 69.0}), Unit::Jours),
///            "69 j (n = 43)");
/// assert_eq!(bar_label_fr(&json!({"numerator": null, "value": null, "hidden": "secret_statistique"}), Unit::Nombre),
///            "masqué");
/// assert_eq!(bar_label_fr(&json!({"numerator": null, "value": null}), Unit::Jours), "—");
/// ```
pub fn bar_label_fr(value: &serde_json::Value, unit: Unit) -> String {
    let int = |k: &str| value.get(k).and_then(serde_json::Value::as_u64);
    let x = value.get("value").and_then(serde_json::Value::as_f64);
    if value.get("hidden").is_some_and(|h| !h.is_null()) {
        return "masqué".to_string();
    }
    match (unit, x) {
        (Unit::Pourcentage, Some(x)) => format!(
            "{} % ({} / {})",
            format!("{x:.1}").replace('.', ","),
            int("numerator").unwrap_or(0),
            int("denominator").unwrap_or(0)
        ),
        (Unit::Jours, Some(x)) => format!(
            "{} j (n = {})",
            fr_number((x * 10.0).round() / 10.0),
            int("denominator").unwrap_or(0)
        ),
        _ => int("numerator").map_or_else(|| "—".to_string(), |n| format!("n = {n}")),
    }
}

/// The title of a publication in French: its period, its service's
/// policy, and the threshold: « Du 1er janvier 2024 au 31 décembre 2024 —
/// AIST Haute-Loire (aist43) — effectifs inférieurs à 11 masqués ».
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// assert_eq!(cme_pdp::publish::tables::title_fr(&p),
///     "Du 1er janvier 2024 au 31 décembre 2024 — AIST Haute-Loire (aist43) — effectifs inférieurs à 11 masqués");
/// ```
pub fn title_fr(report: &PublishedReport) -> String {
    title_parts_fr(&report.spec.period, &report.policy, Some(report.threshold))
}

/// [`title_fr`] from its parts; `threshold` is `None` for a report that
/// is not published (« non publié : aucun effectif masqué »).
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// assert!(cme_pdp::publish::tables::title_parts_fr(&r.spec.period, &r.policy, None)
///     .ends_with("AIST Haute-Loire (aist43) — non publié : aucun effectif masqué"));
/// ```
pub fn title_parts_fr(
    period: &crate::indicators::Period,
    policy: &crate::evaluate::PolicyRef,
    threshold: Option<u64>,
) -> String {
    // A threshold of 0 or 1 hides nothing: the service's own tables.
    let hidden = match threshold {
        None => "non publié : aucun effectif masqué".to_string(),
        Some(t) if t <= 1 => "aucun effectif masqué".to_string(),
        Some(t) => format!("effectifs inférieurs à {t} masqués"),
    };
    format!(
        "Du {} au {} — {} ({}) — {hidden}",
        crate::texts::date_fr(period.start),
        crate::texts::date_fr(period.end),
        policy.name,
        policy.id,
    )
}

/// The title of a report or of a published report given in its JSON form
/// (what a binding draws a chart of), or `None` when it is neither.
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let p = cme_pdp::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], Some(11)).unwrap();
/// assert!(cme_pdp::publish::tables::title_of_json(&p).unwrap().ends_with("effectifs inférieurs à 11 masqués"));
/// assert!(cme_pdp::publish::tables::title_of_json(&serde_json::json!({})).is_none());
/// ```
pub fn title_of_json(report: &serde_json::Value) -> Option<String> {
    let period: crate::indicators::Period =
        serde_json::from_value(report.get("spec")?.get("period")?.clone()).ok()?;
    let policy: crate::evaluate::PolicyRef =
        serde_json::from_value(report.get("policy")?.clone()).ok()?;
    let threshold = report.get("threshold").and_then(serde_json::Value::as_u64);
    Some(title_parts_fr(&period, &policy, threshold))
}

/// What a report is broken down by, in French: « Ensemble », « Par
/// secteur d'activité (section NAF) », « Par … et par … ».
pub fn breakdown_fr(report: &PublishedReport) -> String {
    if report.spec.by.is_empty() {
        return ALL_LABEL.to_string();
    }
    let parts: Vec<String> = report
        .spec
        .by
        .iter()
        .map(|d| {
            let label = d.label_fr();
            let mut chars = label.chars();
            let first = chars.next().map(|c| c.to_lowercase().to_string());
            format!("par {}{}", first.unwrap_or_default(), chars.as_str())
        })
        .collect();
    let text = parts.join(" et ");
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// A publication in Markdown with French labels: its title, then for each
/// report a heading (what it is broken down by) and a table with a row per
/// indicator, a column for the total and one per cell in the natural order
/// of their values; a hidden value reads « masqué ».
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &["secteur".to_string()]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// let md = cme_pdp::publish::tables::to_markdown(&[p]);
/// assert!(md.starts_with("Du 1er janvier 2024 au 31 décembre 2024 — AIST Haute-Loire"));
/// assert!(md.contains("| Indicateur | Ensemble |"));
/// assert!(!md.contains("naf_rev2:"));
/// ```
pub fn to_markdown(reports: &[PublishedReport]) -> String {
    let defs = definitions();
    let mut out = String::new();
    let Some(first) = reports.first() else {
        return out;
    };
    out.push_str(&title_fr(first));
    out.push('\n');
    for r in reports {
        if reports.len() > 1 {
            out.push_str(&format!("\n## {}\n", breakdown_fr(r)));
        }
        let table = LongTable::of(std::slice::from_ref(r));
        // the columns: the total, then each cell in order
        let mut columns: Vec<Vec<Option<String>>> = Vec::new();
        for row in &table.rows {
            if !columns.contains(&row.keys) {
                columns.push(row.keys.clone());
            }
        }
        out.push_str("\n| Indicateur |");
        for keys in &columns {
            let label = if keys.iter().all(Option::is_none) {
                ALL_LABEL.to_string()
            } else {
                (0..keys.len())
                    .map(|k| table.key_label(keys, k))
                    .collect::<Vec<_>>()
                    .join(" × ")
            };
            out.push_str(&format!(" {} |", label.replace('|', "/")));
        }
        out.push_str("\n|---|");
        for _ in &columns {
            out.push_str("---:|");
        }
        out.push('\n');
        // each (cell, indicator) once, not searched for at every column
        let by_cell: BTreeMap<(&[Option<String>], &str), &Row> = table
            .rows
            .iter()
            .map(|row| ((row.keys.as_slice(), row.value.id.as_str()), row))
            .collect();
        for v in &r.total {
            let label = defs.get(&v.id).map_or(v.id.as_str(), |d| d.label.as_str());
            out.push_str(&format!("| {label} |"));
            for keys in &columns {
                let cell = by_cell.get(&(keys.as_slice(), v.id.as_str()));
                let text = cell.map_or_else(String::new, |row| {
                    shown(&row.value, defs.get(&v.id).map(|d| d.unit))
                });
                out.push_str(&format!(" {text} |"));
            }
            out.push('\n');
        }
        if let Some(t) = &r.targets {
            out.push_str(&format!(
                "\nObjectifs ({}) : {} signalements (réalisé : {}), {} dossiers (réalisé : {}), {} % de maintien (réalisé : {}).\n",
                t.source,
                t.signalements.0,
                t.signalements.1,
                t.dossiers.0,
                t.dossiers.1,
                fr_number(t.maintien_percent.0),
                t.maintien_percent
                    .1
                    .map(|x| format!("{} %", fr_value(x, Some(Unit::Pourcentage))))
                    .unwrap_or_else(|| "—".into())
            ));
        }
    }
    out
}
