//! Publishing indicators safely (LEGAL.md, "Publishing statistics").
//!
//! Health statistics hide small cells: every count under a threshold
//! (default 11, as ATIH, CASD and the Health Data Hub do) is hidden —
//! numerators and denominators alike, zero included — and **secondary
//! suppression** hides more cells so that no hidden one can be recomputed
//! from the margins: for an additive count, the cells of a report add up to
//! its total, so in that group (cells and total) either nothing is hidden
//! or at least two values are. The extra cells are the smallest visible
//! ones (ties broken by key), so the same table always gives the same
//! result. A rate or a mean is hidden when its numerator or denominator is.
//! Hidden values are marked (`hidden`), never shown as zero.
//!
//! Scope: the margins protected are those of the report itself (its
//! total). Publishing several reports of the same cases (by sector, and by
//! sector × pathology) lets a reader combine them; publish the finest one,
//! or check the combination.
//!
//! ```
//! use cme_core::indicators::{Accumulator, Dimension, Period, ReportSpec};
//! use cme_core::publish::publish;
//! let spec = ReportSpec { period: Period::year(2024), by: vec![Dimension::Service] };
//! let mut acc = Accumulator::new(spec, cme_core::policy::preset("aismt13").unwrap());
//! for c in cme_core::sample::sample_cases().unwrap() { acc.add(&c); }
//! let published = publish(&acc.finish(), 11);
//! for cell in &published.cells {
//!     for v in &cell.values {
//!         assert!(v.numerator.is_none_or(|n| n >= 11));
//!     }
//! }
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::code_enum;
use crate::evaluate::PolicyRef;
use crate::indicators::{catalogue, IndicatorValue, Report, ReportSpec, TargetsReport};

/// The default threshold: counts below 11 are hidden (LEGAL.md).
pub const DEFAULT_THRESHOLD: u64 = 11;

/// The lowest threshold a publication accepts: under 2 nothing is hidden,
/// not even a count of one person. A service may choose any threshold from
/// there (the health statistics producers hide counts below 11, the
/// default).
pub const MIN_THRESHOLD: u64 = 2;

/// Checks a publication threshold given by a caller (as a signed integer,
/// so that a negative one is refused with the same issue): at least
/// [`MIN_THRESHOLD`], else `integer_out_of_range` at `threshold`.
///
/// ```
/// use cme_core::publish::check_threshold;
/// assert_eq!(check_threshold(11).unwrap(), 11);
/// for bad in [1, 0, -1] {
///     let e = check_threshold(bad).unwrap_err();
///     assert_eq!((e.issues()[0].code.code(), e.issues()[0].path.as_str()), ("integer_out_of_range", "threshold"));
/// }
/// # use cme_core::codes::Code;
/// ```
pub fn check_threshold(threshold: i128) -> Result<u64, crate::error::CmeError> {
    u64::try_from(threshold)
        .ok()
        .filter(|t| *t >= MIN_THRESHOLD)
        .ok_or_else(|| {
            crate::error::CmeError::InvalidCase(crate::validate::ValidationError {
                issues: vec![crate::issue::Issue::new(
                    crate::issue::IssueCode::IntegerOutOfRange,
                    crate::issue::Path::root().key("threshold"),
                )
                .with("min", MIN_THRESHOLD)
                .with("max", u64::MAX)],
            })
        })
}

code_enum! {
    /// Why a value is hidden.
    ///
    /// ```
    /// use cme_core::{publish::Hidden, codes::Code};
    /// assert_eq!(Hidden::Secondaire.code(), "secondaire");
    /// ```
    pub enum Hidden: "hidden" {
        Primaire = "primaire", "Effectif inférieur au seuil de publication", "Count below the publication threshold";
        Secondaire = "secondaire", "Masqué pour qu'une case masquée ne puisse être recalculée par les marges", "Hidden so that a hidden cell cannot be recomputed from the margins";
    }
}

/// A published value: hidden parts are `None` and marked.
///
/// ```
/// use cme_core::publish::{Hidden, PublishedValue};
/// let v = PublishedValue { id: "entrees".into(), numerator: None, denominator: None, value: None, hidden: Some(Hidden::Primaire) };
/// assert!(v.numerator.is_none() && v.hidden.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedValue {
    /// Indicator id.
    pub id: String,
    /// The count, unless hidden.
    pub numerator: Option<u64>,
    /// The denominator, unless hidden (or absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    /// The value, unless hidden.
    pub value: Option<f64>,
    /// Why hidden, when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

/// A published cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedCell {
    /// Dimension values.
    pub key: Vec<String>,
    /// Its values.
    pub values: Vec<PublishedValue>,
}

/// A report fit for publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedReport {
    /// What was computed.
    pub spec: ReportSpec,
    /// The policy used.
    pub policy: PolicyRef,
    /// The threshold applied.
    pub threshold: u64,
    /// Totals.
    pub total: Vec<PublishedValue>,
    /// Cells.
    pub cells: Vec<PublishedCell>,
    /// Targets versus achieved (achieved counts hidden like any count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<TargetsReport>,
}

/// Which part of an indicator value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Numerator,
    Denominator,
}

fn part(v: &IndicatorValue, p: Part) -> Option<u64> {
    match p {
        Part::Numerator => Some(v.numerator),
        Part::Denominator => v.denominator,
    }
}

/// Hides the values of one quantity (one part of one indicator) across the
/// total (index `None`) and the cells; returns the hidden positions.
fn suppress(
    total: Option<u64>,
    cells: &[Option<u64>],
    keys: &[Vec<String>],
    threshold: u64,
    additive: bool,
) -> (Option<Hidden>, Vec<Option<Hidden>>) {
    let small = |q: Option<u64>| q.is_some_and(|n| n < threshold);
    let mut total_h = small(total).then_some(Hidden::Primaire);
    let mut cell_h: Vec<Option<Hidden>> = cells
        .iter()
        .map(|q| small(*q).then_some(Hidden::Primaire))
        .collect();
    if additive && !cells.is_empty() {
        loop {
            let hidden =
                usize::from(total_h.is_some()) + cell_h.iter().filter(|h| h.is_some()).count();
            if hidden != 1 {
                break;
            }
            // Hide the smallest visible cell (ties: by key); if every cell is
            // hidden but one… the total is the only one left.
            let candidate = cells
                .iter()
                .enumerate()
                .filter(|(i, q)| q.is_some() && cell_h.get(*i).is_some_and(|h| h.is_none()))
                .min_by(|(i, a), (j, b)| a.cmp(b).then_with(|| keys.get(*i).cmp(&keys.get(*j))))
                .map(|(i, _)| i);
            match candidate {
                Some(i) => {
                    if let Some(h) = cell_h.get_mut(i) {
                        *h = Some(Hidden::Secondaire);
                    }
                }
                None if total_h.is_none() => total_h = Some(Hidden::Secondaire),
                None => break,
            }
        }
    }
    (total_h, cell_h)
}

/// Publishes a report with a threshold (use [`DEFAULT_THRESHOLD`]).
pub fn publish(report: &Report, threshold: u64) -> PublishedReport {
    let additive: BTreeMap<String, bool> = catalogue()
        .into_iter()
        .map(|d| (d.id, d.additive))
        .collect();
    let keys: Vec<Vec<String>> = report.cells.iter().map(|c| c.key.clone()).collect();
    let mut total: Vec<PublishedValue> = Vec::new();
    let mut cells: Vec<PublishedCell> = report
        .cells
        .iter()
        .map(|c| PublishedCell {
            key: c.key.clone(),
            values: Vec::new(),
        })
        .collect();
    for (k, tv) in report.total.0.iter().enumerate() {
        let cell_values: Vec<Option<&IndicatorValue>> =
            report.cells.iter().map(|c| c.values.get(k)).collect();
        let is_additive = additive.get(&tv.id).copied().unwrap_or(false);
        let mut hidden_total = [None, None];
        let mut hidden_cells = vec![[None, None]; cells.len()];
        for (slot, p) in [Part::Numerator, Part::Denominator].into_iter().enumerate() {
            // Sums of days (means' numerators) are protected through their
            // count (the denominator), not on their own.
            if p == Part::Numerator && tv.denominator.is_some() && !is_additive {
                continue;
            }
            let quantities: Vec<Option<u64>> = cell_values
                .iter()
                .map(|v| v.and_then(|v| part(v, p)))
                .collect();
            // Counts add up across cells: numerators of additive indicators,
            // and every denominator (a number of cases).
            let adds = is_additive || p == Part::Denominator;
            let (th, ch) = suppress(part(tv, p), &quantities, &keys, threshold, adds);
            if let Some(h) = hidden_total.get_mut(slot) {
                *h = th;
            }
            for (i, h) in ch.into_iter().enumerate() {
                if let Some(cell) = hidden_cells.get_mut(i) {
                    if let Some(s) = cell.get_mut(slot) {
                        *s = h;
                    }
                }
            }
        }
        let mean = tv.denominator.is_some() && !is_additive;
        total.push(mask(tv, hidden_total, mean));
        for (i, cell) in cells.iter_mut().enumerate() {
            if let (Some(Some(v)), Some(h)) = (cell_values.get(i), hidden_cells.get(i)) {
                cell.values.push(mask(v, *h, mean));
            }
        }
    }
    // Targets versus achieved are shown only when the achieved counts can
    // be published.
    let rate_counts_ok = report
        .total
        .get("taux_sorties_positives")
        .is_some_and(|v| v.numerator >= threshold && v.denominator.is_some_and(|d| d >= threshold));
    let targets = report
        .targets
        .clone()
        .filter(|t| t.signalements.1 >= threshold && t.dossiers.1 >= threshold)
        .map(|mut t| {
            if !rate_counts_ok {
                t.maintien_percent.1 = None;
            }
            t
        });
    PublishedReport {
        spec: report.spec.clone(),
        policy: report.policy.clone(),
        threshold,
        total,
        cells,
        targets,
    }
}

/// Masks a value: each part follows its own suppression (hiding a part
/// only because another is hidden could make it recoverable), except a
/// mean's sum of days, which hides with its count; the value (a rate or a
/// mean) hides with either part.
fn mask(v: &IndicatorValue, hidden: [Option<Hidden>; 2], mean: bool) -> PublishedValue {
    let [num_h, den_h] = hidden;
    let num_h = if mean { den_h } else { num_h };
    let any = match (num_h, den_h) {
        (Some(Hidden::Primaire), _) | (_, Some(Hidden::Primaire)) => Some(Hidden::Primaire),
        (a, b) => a.or(b),
    };
    PublishedValue {
        id: v.id.clone(),
        numerator: if num_h.is_some() {
            None
        } else {
            Some(v.numerator)
        },
        denominator: if den_h.is_some() { None } else { v.denominator },
        value: if any.is_some() { None } else { v.value },
        hidden: any,
    }
}

fn fr_number(x: f64) -> String {
    let s = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    };
    s.replace('.', ",")
}

/// A value in French: percentages always with two decimals ("75,00"), as
/// the services write them; other values without useless decimals.
fn fr_value(x: f64, unit: Option<crate::indicators::Unit>) -> String {
    match unit {
        Some(crate::indicators::Unit::Pourcentage) => format!("{x:.2}").replace('.', ","),
        _ => fr_number(x),
    }
}

fn unit_suffix(unit: crate::indicators::Unit) -> &'static str {
    match unit {
        crate::indicators::Unit::Nombre => "",
        crate::indicators::Unit::Pourcentage => " %",
        crate::indicators::Unit::Jours => " j",
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

impl PublishedReport {
    /// CSV in the French convention (`;` separator, decimal comma), one row
    /// per cell and indicator, with French labels; hidden values are empty
    /// with their reason in the `masque` column.
    ///
    /// ```
    /// let r = cme_core::indicators::report_from_values(
    ///     &cme_core::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
    ///     cme_core::indicators::Period::year(2024), &[]).unwrap();
    /// let csv = cme_core::publish::publish(&r, 11).to_csv();
    /// assert!(csv.starts_with("cellule;indicateur;libelle;numerateur;denominateur;valeur;unite;masque\n"));
    /// ```
    pub fn to_csv(&self) -> String {
        use crate::codes::Code;
        let defs: BTreeMap<String, crate::indicators::Definition> =
            catalogue().into_iter().map(|d| (d.id.clone(), d)).collect();
        let mut out = String::from(
            "cellule;indicateur;libelle;numerateur;denominateur;valeur;unite;masque\n",
        );
        let rows = std::iter::once(("total".to_string(), &self.total))
            .chain(self.cells.iter().map(|c| (c.key.join(" × "), &c.values)));
        for (cell, values) in rows {
            for v in values {
                let def = defs.get(&v.id);
                out.push_str(&format!(
                    "{};{};{};{};{};{};{};{}\n",
                    csv_field(&cell),
                    v.id,
                    csv_field(def.map(|d| d.label.as_str()).unwrap_or(&v.id)),
                    v.numerator.map(|n| n.to_string()).unwrap_or_default(),
                    v.denominator.map(|n| n.to_string()).unwrap_or_default(),
                    v.value
                        .map(|x| fr_value(x, def.map(|d| d.unit)))
                        .unwrap_or_default(),
                    def.map(|d| d.unit.code()).unwrap_or_default(),
                    v.hidden.map(|h| h.code()).unwrap_or_default(),
                ));
            }
        }
        out
    }

    /// A Markdown table with French labels: one row per indicator, one
    /// column for the total and one per cell; hidden values read « masqué ».
    ///
    /// ```
    /// let r = cme_core::indicators::report_from_values(
    ///     &cme_core::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
    ///     cme_core::indicators::Period::year(2024), &[]).unwrap();
    /// let md = cme_core::publish::publish(&r, 11).to_markdown();
    /// assert!(md.contains("| Indicateur | Total |"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let defs: BTreeMap<String, crate::indicators::Definition> =
            catalogue().into_iter().map(|d| (d.id.clone(), d)).collect();
        let mut out = format!(
            "Période du {} au {} — politique {} — seuil de publication : {}\n\n",
            self.spec.period.start, self.spec.period.end, self.policy.id, self.threshold
        );
        out.push_str("| Indicateur | Total |");
        for c in &self.cells {
            out.push_str(&format!(" {} |", c.key.join(" × ")));
        }
        out.push_str("\n|---|---:|");
        for _ in &self.cells {
            out.push_str("---:|");
        }
        out.push('\n');
        let show = |v: &PublishedValue| -> String {
            let unit = defs.get(&v.id).map(|d| d.unit);
            match (v.hidden, v.value, unit) {
                (Some(_), _, _) => "masqué".to_string(),
                (None, None, _) => "—".to_string(),
                (None, Some(x), Some(crate::indicators::Unit::Pourcentage)) => format!(
                    "{} / {} ({}{})",
                    v.numerator.unwrap_or(0),
                    v.denominator.unwrap_or(0),
                    fr_value(x, unit),
                    unit_suffix(crate::indicators::Unit::Pourcentage)
                ),
                (None, Some(x), Some(u)) => format!("{}{}", fr_number(x), unit_suffix(u)),
                (None, Some(x), None) => fr_number(x),
            }
        };
        for (k, v) in self.total.iter().enumerate() {
            let label = defs.get(&v.id).map(|d| d.label.as_str()).unwrap_or(&v.id);
            out.push_str(&format!("| {label} | {} |", show(v)));
            for c in &self.cells {
                out.push_str(&format!(
                    " {} |",
                    c.values.get(k).map(show).unwrap_or_default()
                ));
            }
            out.push('\n');
        }
        if let Some(t) = &self.targets {
            out.push_str(&format!(
                "\nObjectifs ({}) : {} signalements (réalisé : {}), {} dossiers (réalisé : {}), {} % de maintien (réalisé : {}).\n",
                t.source,
                t.signalements.0,
                t.signalements.1,
                t.dossiers.0,
                t.dossiers.1,
                fr_number(t.maintien_percent.0),
                t.maintien_percent.1
                    .map(|x| format!("{} %", fr_value(x, Some(crate::indicators::Unit::Pourcentage))))
                    .unwrap_or_else(|| "—".into())
            ));
        }
        out
    }
}

/// A report, published when a threshold is given, from the inputs bindings
/// receive (cases as JSON, a policy, a period written as text, dimension
/// codes): the JSON form of a [`Report`] or of a [`PublishedReport`].
///
/// ```
/// let cases = cme_core::sample::sample_json_values().unwrap();
/// let r = cme_core::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], Some(11)).unwrap();
/// assert_eq!(r["threshold"], 11);
/// ```
pub fn report_json(
    cases: &[serde_json::Value],
    activities: &[serde_json::Value],
    policy: &serde_json::Value,
    period: &str,
    by: &[String],
    threshold: Option<u64>,
) -> Result<serde_json::Value, crate::error::CmeError> {
    if let Some(t) = threshold {
        check_threshold(i128::from(t))?;
    }
    let period = crate::indicators::Period::parse(period)?;
    let report = crate::indicators::report_with_activities(cases, activities, policy, period, by)?;
    let value = match threshold {
        Some(t) => serde_json::to_value(publish(&report, t)),
        None => serde_json::to_value(&report),
    };
    Ok(value.unwrap_or(serde_json::Value::Null))
}

/// Publishes a report given in its JSON form.
///
/// ```
/// let cases = cme_core::sample::sample_json_values().unwrap();
/// let r = cme_core::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], None).unwrap();
/// let p = cme_core::publish::publish_json(&r, 11).unwrap();
/// assert_eq!(p["threshold"], 11);
/// ```
pub fn publish_json(
    report: &serde_json::Value,
    threshold: u64,
) -> Result<serde_json::Value, crate::error::CmeError> {
    check_threshold(i128::from(threshold))?;
    let report: Report = serde_json::from_value(report.clone()).map_err(|_| {
        crate::error::CmeError::InvalidCase(crate::validate::ValidationError {
            issues: vec![crate::issue::Issue::new(
                crate::issue::IssueCode::ObjectType,
                crate::issue::Path::root().key("report"),
            )],
        })
    })?;
    Ok(serde_json::to_value(publish(&report, threshold)).unwrap_or(serde_json::Value::Null))
}

/// Renders a published report given in its JSON form as `csv` or
/// `markdown`.
///
/// ```
/// let cases = cme_core::sample::sample_json_values().unwrap();
/// let p = cme_core::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], Some(11)).unwrap();
/// assert!(cme_core::publish::render_json(&p, "markdown").unwrap().contains("| Indicateur |"));
/// ```
pub fn render_json(
    published: &serde_json::Value,
    format: &str,
) -> Result<String, crate::error::CmeError> {
    let report: PublishedReport = serde_json::from_value(published.clone()).map_err(|_| {
        crate::error::CmeError::InvalidCase(crate::validate::ValidationError {
            issues: vec![crate::issue::Issue::new(
                crate::issue::IssueCode::ObjectType,
                crate::issue::Path::root().key("report"),
            )],
        })
    })?;
    Ok(if format == "csv" {
        report.to_csv()
    } else {
        report.to_markdown()
    })
}
