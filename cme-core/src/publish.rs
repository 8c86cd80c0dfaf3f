//! Publishing indicators safely: suppression over every linked figure,
//! checked by an attacker's audit, with a receipt that a reader can verify.
//!
//! Health statistics hide small cells: every count of people under a
//! threshold (default 11, as ATIH, CASD and the Health Data Hub do) is
//! hidden, zero included. A reader of the published tables knows more than
//! each number: the definitions tie them (statuses add up to the entries,
//! results to the exits, cells to their margins, a sector to its sector ×
//! pathology cells; [`figures`](self) lists every relation), so a hidden
//! count could be recomputed, or narrowed, from what is shown. Publication
//! therefore works on the **whole system of linked figures** of every
//! report published from the same cases (a *bundle*: by sector, by
//! pathology, by sector × pathology, the whole bilan):
//!
//! 1. primary suppression: every count of people under the threshold;
//! 2. the **attacker's audit**: for each hidden count, the least and the
//!    greatest value consistent with everything published (a linear program
//!    over the shown figures, the relations and non-negativity, solved by
//!    the `microlp` crate);
//! 3. while a hidden count's interval is narrower than the **protection
//!    width** (default: the threshold), one more count is hidden: the
//!    smallest shown count in a relation of the narrow one (ties: a
//!    breakdown's figure before a headline count — signalements, entries,
//!    exits, cases handled, pré-reprise visits, cohorts —, then the first in
//!    the bundle's order), so that the same input always hides the same
//!    cells and a headline is kept when a part of the same size can go;
//!    then the audit runs again.
//!
//! Every hidden value carries one mark, `secret_statistique`, whatever the
//! reason: a mark that said « under the threshold » would itself bound the
//! value. A sum of days (a mean's numerator) is hidden with its count, a
//! rate or a mean with either part. The publication carries a
//! [`Receipt`]: engine and method, policy and catalogue hashes, threshold,
//! protection width, the digest of the figures and of the audit;
//! [`verify`] recomputes it, and any changed figure fails.
//!
//! ```
//! use cme_pdp::indicators::{Accumulator, Dimension, Period, ReportSpec};
//! use cme_pdp::publish::{audit, publish};
//! let spec = ReportSpec::new(Period::year(2024), vec![Dimension::Service]);
//! let mut acc = Accumulator::new(spec, cme_pdp::policy::preset("aismt13").unwrap());
//! for c in cme_pdp::sample::sample_cases().unwrap() { acc.add(&c); }
//! let published = publish(&acc.finish(), 11).unwrap();
//! for cell in &published.cells {
//!     for v in &cell.values {
//!         assert!(v.numerator.is_none_or(|n| n >= 11) || v.denominator.is_some() && v.hidden.is_none());
//!     }
//! }
//! let a = audit(std::slice::from_ref(&published)).unwrap();
//! assert!(a.passed && a.hidden.iter().all(|h| h.max.is_none_or(|m| m - h.min >= 11)));
//! ```

mod audit;
pub mod company;
mod figures;
pub mod tables;
#[cfg(feature = "xlsx")]
#[cfg_attr(docsrs, doc(cfg(feature = "xlsx")))]
pub mod workbook;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::case::ExitResult;
use crate::codes::{code_enum, Code};
use crate::error::CmeError;
use crate::evaluate::PolicyRef;
use crate::indicators::{
    catalogue, Dimension, IndicatorValue, Period, Report, ReportSpec, TargetsReport, Unit,
};
use crate::issue::{Issue, IssueCode, Path};
use crate::policy::Outcome;
use crate::texts::{Text, TextCode};

use audit::{bounds, components, membership, AuditFailure, Bounds, Found};
use figures::{
    counts_people, is_headline, q, slot, sums_over, var, Layout, Op, Part, Relation, System,
};

/// The default threshold: counts below 11 are hidden (LEGAL.md).
pub const DEFAULT_THRESHOLD: u64 = 11;

/// The lowest threshold a publication accepts: under 2 nothing is hidden,
/// not even a count of one person. A service may choose any threshold from
/// there (the health statistics producers hide counts below 11, the
/// default).
pub const MIN_THRESHOLD: u64 = 2;

/// The most reports one bundle protects together.
pub const MAX_BUNDLE: usize = 16;

/// The most cells one publication protects together (the cells of its
/// reports, each report's total counted as a cell). The attacker's audit
/// grows faster than the square of the hidden cells tied together (a
/// breakdown of tiny cells hides them all): at this size the worst case
/// takes minutes (BENCHMARKS.md), past it hours; a larger breakdown is
/// refused with `too_many_cells` rather than left running.
pub const MAX_PUBLISHED_CELLS: usize = 200;

/// The version of the publication method a receipt names: threshold,
/// suppression over the linked figures, the linear-programming audit.
pub const METHOD: &str = "seuil-figures-liees-audit-pl/1";

/// Checks a publication threshold given by a caller (as a signed integer,
/// so that a negative one is refused with the same issue): at least
/// [`MIN_THRESHOLD`], else `integer_out_of_range` at `threshold`.
///
/// ```
/// use cme_pdp::publish::check_threshold;
/// assert_eq!(check_threshold(11).unwrap(), 11);
/// for bad in [1, 0, -1] {
///     let e = check_threshold(bad).unwrap_err();
///     assert_eq!((e.issues()[0].code.code(), e.issues()[0].path.as_str()), ("integer_out_of_range", "threshold"));
/// }
/// # use cme_pdp::codes::Code;
/// ```
pub fn check_threshold(threshold: i128) -> Result<u64, CmeError> {
    check_at_least(threshold, MIN_THRESHOLD, "threshold")
}

/// Checks a protection width given by a caller: at least 1, else
/// `integer_out_of_range` at `protection_width`.
///
/// ```
/// use cme_pdp::publish::check_protection_width;
/// assert_eq!(check_protection_width(11).unwrap(), 11);
/// assert!(check_protection_width(0).is_err() && check_protection_width(-3).is_err());
/// ```
pub fn check_protection_width(width: i128) -> Result<u64, CmeError> {
    check_at_least(width, 1, "protection_width")
}

fn check_at_least(n: i128, min: u64, field: &str) -> Result<u64, CmeError> {
    u64::try_from(n).ok().filter(|t| *t >= min).ok_or_else(|| {
        invalid(
            Issue::new(IssueCode::IntegerOutOfRange, Path::root().key(field))
                .with("min", min)
                .with("max", u64::MAX),
        )
    })
}

fn invalid(issue: Issue) -> CmeError {
    CmeError::InvalidCase(crate::validate::ValidationError {
        issues: vec![issue],
    })
}

fn inconsistent(path: Path) -> CmeError {
    invalid(Issue::new(IssueCode::InconsistentPublication, path))
}

code_enum! {
    /// Why a value is hidden: one mark for every hidden value, so that the
    /// mark itself says nothing of the value (a mark « under the
    /// threshold » would bound it).
    ///
    /// ```
    /// use cme_pdp::{publish::Hidden, codes::Code};
    /// assert_eq!(Hidden::SecretStatistique.code(), "secret_statistique");
    /// ```
    pub enum Hidden: "hidden" {
        SecretStatistique = "secret_statistique", "Masqué (secret statistique : effectif sous le seuil, ou case masquée pour qu'aucune case masquée ne puisse être retrouvée)", "Hidden (statistical confidentiality: a count under the threshold, or a cell hidden so that no hidden cell can be recovered)";
    }
}

code_enum! {
    /// Which part of an indicator a figure is.
    ///
    /// ```
    /// use cme_pdp::{publish::FigurePart, codes::Code};
    /// assert_eq!(FigurePart::Denominateur.code(), "denominateur");
    /// ```
    pub enum FigurePart: "figure_part" {
        Numerateur = "numerateur", "Numérateur", "Numerator";
        Denominateur = "denominateur", "Dénominateur", "Denominator";
    }
}

/// A published value: hidden parts are `None` and marked.
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &["secteur".to_string()]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// // 50 sample cases over the sectors: some counts are hidden, and a
/// // hidden value shows neither its numerator nor its value
/// let hidden: Vec<_> = p.cells.iter().flat_map(|c| &c.values).filter(|v| v.hidden.is_some()).collect();
/// assert!(!hidden.is_empty());
/// assert!(hidden.iter().all(|v| v.numerator.is_none() && v.value.is_none()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &["secteur".to_string()]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// // one key per dimension: the sector
/// assert!(p.cells.iter().all(|c| c.key.len() == 1 && c.key[0].starts_with("naf_")));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublishedCell {
    /// Dimension values.
    pub key: Vec<String>,
    /// Its values.
    pub values: Vec<PublishedValue>,
}

/// A report fit for publication.
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// assert_eq!((p.threshold, p.protection_width), (11, 11));
/// assert!(p.receipt.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublishedReport {
    /// What was computed.
    pub spec: ReportSpec,
    /// The policy used.
    pub policy: PolicyRef,
    /// The threshold applied.
    pub threshold: u64,
    /// The least width of a hidden count's interval, as an attacker
    /// computes it from everything published.
    #[serde(default)]
    pub protection_width: u64,
    /// How the policy classes each exit result (a reader needs it: the
    /// results classed positive add up to the positive exits).
    #[serde(default)]
    pub classification: BTreeMap<ExitResult, Outcome>,
    /// Totals.
    pub total: Vec<PublishedValue>,
    /// Cells.
    pub cells: Vec<PublishedCell>,
    /// Targets versus achieved (achieved counts hidden like any count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<TargetsReport>,
    /// The publication's receipt (the same for every report of a bundle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<Receipt>,
}

/// What a publication was made with, and digests of what it published:
/// [`verify`] recomputes it. A receipt is a check of integrity, not a
/// signature: it has no key, so whoever changes figures can compute a new
/// one; kept by the service beside what it sent, it shows any later change.
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// let receipt = cme_pdp::publish::publish(&r, 11).unwrap().receipt.unwrap();
/// assert_eq!(receipt.method, cme_pdp::publish::METHOD);
/// assert_eq!(receipt.figures_digest.len(), 64);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Receipt {
    /// The engine: `cme-core` and its version.
    pub engine: String,
    /// The publication method ([`METHOD`]).
    pub method: String,
    /// The policy: id, name, SHA-256 of its canonical JSON.
    pub policy: PolicyRef,
    /// SHA-256 of the indicator catalogue's JSON (the definitions used).
    pub catalogue_hash: String,
    /// The period.
    pub period: Period,
    /// The breakdowns of the bundle, in its order.
    pub breakdowns: Vec<Vec<Dimension>>,
    /// The threshold.
    pub threshold: u64,
    /// The protection width.
    pub protection_width: u64,
    /// The number of cases counted, given when it is at least the
    /// protection width (the audit then uses it: each case counts once at
    /// most among the signalements, the entries and the cases handled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<u64>,
    /// Numbers shown (numerators and denominators, over every report).
    pub figures_shown: u64,
    /// Numbers hidden.
    pub figures_hidden: u64,
    /// SHA-256 of the published reports without their receipts.
    pub figures_digest: String,
    /// SHA-256 of the audit.
    pub audit_digest: String,
}

/// How to publish.
///
/// ```
/// let o = cme_pdp::publish::PublishOptions::new(11);
/// assert_eq!(o.width(), 11);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublishOptions {
    /// Counts of people under it are hidden.
    pub threshold: u64,
    /// The least width of a hidden count's interval; `None`: the threshold
    /// (a hidden count could be anything from 0 to the threshold or more).
    pub protection_width: Option<u64>,
}

impl PublishOptions {
    /// Options with a threshold and the default protection width.
    pub fn new(threshold: u64) -> PublishOptions {
        PublishOptions {
            threshold,
            protection_width: None,
        }
    }

    /// The protection width in force.
    pub fn width(&self) -> u64 {
        self.protection_width.unwrap_or(self.threshold)
    }
}

/// One hidden figure in an audit: where it is, and the interval an attacker
/// computes for it from everything published.
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &["secteur".to_string()]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// let audit = cme_pdp::publish::audit(&[p]).unwrap();
/// // every hidden count: what an attacker can narrow it to, and protected
/// assert!(audit.hidden.iter().all(|h| h.protected && h.max.is_none_or(|max| h.min <= max)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HiddenFigure {
    /// The report of the bundle (its index).
    pub report: usize,
    /// The cell's key (empty: the total).
    pub cell: Vec<String>,
    /// The indicator.
    pub id: String,
    /// Its numerator or denominator.
    pub part: FigurePart,
    /// The least value consistent with what is published.
    pub min: u64,
    /// The greatest (`None`: nothing bounds it).
    pub max: Option<u64>,
    /// `true`: `min` and `max` are the least and greatest values consistent
    /// with what is published (two linear programs); `false`: every value
    /// from `min` to `max` is consistent with it (solutions of the programs
    /// reach both), and they are at least the protection width apart, so
    /// the exact interval, which contains them, is protected too.
    pub exact: bool,
    /// Whether the interval is at least the protection width.
    pub protected: bool,
}

/// The attacker's audit of a publication.
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &["secteur".into()]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// let a = cme_pdp::publish::audit(&[p]).unwrap();
/// assert!(a.passed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Audit {
    /// The threshold of the publication.
    pub threshold: u64,
    /// The protection width required.
    pub protection_width: u64,
    /// Whether every hidden count is protected.
    pub passed: bool,
    /// Every hidden count of people, with its interval.
    pub hidden: Vec<HiddenFigure>,
}

/// The system of one bundle and where each published number sits in it.
struct Bundle {
    system: System,
    member: Vec<Vec<usize>>,
}

fn layout_of<'a>(
    reports: impl Iterator<Item = (&'a [Dimension], Vec<&'a [String]>)>,
) -> Layout<'a> {
    Layout {
        reports: reports.collect(),
    }
}

/// The numbers of a report's value: (part, number or `None` when hidden or
/// absent, is it present).
fn parts(
    id: &str,
    numerator: Option<u64>,
    denominator: Option<u64>,
    has_den: bool,
) -> Vec<(Part, Option<u64>, usize)> {
    let mut out = Vec::new();
    if let Some(v) = slot(id, Part::Numerator) {
        out.push((Part::Numerator, numerator, v));
    }
    if has_den {
        if let Some(v) = slot(id, Part::Denominator) {
            out.push((Part::Denominator, denominator, v));
        }
    }
    out
}

/// Whether a report publishes a figure that a policy decides (its
/// classification of exit results is then needed to protect it).
fn decided_by_policy<'a>(mut ids: impl Iterator<Item = &'a str>) -> bool {
    ids.any(|id| crate::indicators::basis(id) == crate::indicators::Basis::SelonPolitique)
}

/// The head of each report of a bundle (its spec, policy, classification
/// of exit results, and whether it publishes a figure a policy decides):
/// the same period, policy and classification for all; a classification
/// of every exit result, or none for a report of harmonised figures only
/// (a region's, [`crate::indicators::region::RegionalReport::harmonised`]).
fn check_bundle_head<'a>(
    specs: impl Iterator<
        Item = (
            &'a ReportSpec,
            &'a PolicyRef,
            &'a BTreeMap<ExitResult, Outcome>,
            bool,
        ),
    >,
) -> Result<(), CmeError> {
    let mut first: Option<(&ReportSpec, &PolicyRef, &BTreeMap<ExitResult, Outcome>)> = None;
    for (i, (spec, policy, classes, needs_classes)) in specs.enumerate() {
        let path = Path::root().key("reports").index(i);
        if spec.by.len() > 2 || spec.by.iter().collect::<BTreeSet<_>>().len() != spec.by.len() {
            return Err(inconsistent(path.key("spec").key("by")));
        }
        let harmonised_only = classes.is_empty() && !needs_classes;
        if !harmonised_only && ExitResult::ALL.iter().any(|r| !classes.contains_key(r)) {
            return Err(invalid(
                Issue::new(IssueCode::MissingField, path.clone().key("classification"))
                    .with("field", "classification"),
            ));
        }
        match first {
            None => first = Some((spec, policy, classes)),
            Some((s, p, c)) => {
                if s.period != spec.period {
                    return Err(inconsistent(path.key("spec").key("period")));
                }
                if p.content_hash != policy.content_hash || c != classes {
                    return Err(inconsistent(path.key("policy")));
                }
            }
        }
    }
    Ok(())
}

/// Publishes one report with a threshold (use [`DEFAULT_THRESHOLD`]) and
/// the default protection width: a bundle of one.
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// assert!(p.total.iter().all(|v| v.hidden.is_some() || v.numerator.is_none_or(|n| n >= 11) || v.id.starts_with("duree") || v.id.starts_with("delai")));
/// ```
pub fn publish(report: &Report, threshold: u64) -> Result<PublishedReport, CmeError> {
    let mut out = publish_bundle(
        std::slice::from_ref(report),
        &PublishOptions::new(threshold),
    )?;
    out.pop()
        .ok_or_else(|| inconsistent(Path::root().key("reports")))
}

/// Publishes several reports of the same cases (same period, policy and
/// cases; each broken down by at most two dimensions) together: a hidden
/// figure of one cannot be recovered with the others.
///
/// ```
/// use cme_pdp::indicators::report_from_values;
/// use cme_pdp::publish::{publish_bundle, verify, PublishOptions};
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let policy = serde_json::json!("aist43");
/// let period = cme_pdp::indicators::Period::year(2024);
/// let reports: Vec<_> = [vec![], vec!["secteur".to_string()], vec!["pathologie".to_string()], vec!["secteur".to_string(), "pathologie".to_string()]]
///     .iter().map(|by| report_from_values(&cases, &policy, period, by).unwrap()).collect();
/// let bundle = publish_bundle(&reports, &PublishOptions::new(11)).unwrap();
/// assert_eq!(bundle.len(), 4);
/// assert!(verify(&bundle).unwrap().valid);
/// ```
pub fn publish_bundle(
    reports: &[Report],
    options: &PublishOptions,
) -> Result<Vec<PublishedReport>, CmeError> {
    if reports.is_empty() || reports.len() > MAX_BUNDLE {
        return Err(invalid(
            Issue::new(IssueCode::TooManyItems, Path::root().key("reports"))
                .with("max", MAX_BUNDLE),
        ));
    }
    let cells = reports.iter().fold(0usize, |n, r| {
        n.saturating_add(r.cells.len()).saturating_add(1)
    });
    if cells > MAX_PUBLISHED_CELLS {
        return Err(invalid(
            Issue::new(IssueCode::TooManyCells, Path::root().key("reports"))
                .with("max", MAX_PUBLISHED_CELLS),
        ));
    }
    let threshold = options.threshold;
    let width = options.width();
    check_bundle_head(reports.iter().map(|r| {
        let ids = r
            .total
            .0
            .iter()
            .chain(r.cells.iter().flat_map(|c| c.values.iter()))
            .map(|v| v.id.as_str());
        (
            &r.spec,
            &r.policy,
            &r.classification,
            decided_by_policy(ids),
        )
    }))?;
    let cases = reports.first().map_or(0, |r| r.cases);
    for (i, r) in reports.iter().enumerate() {
        if r.cases != cases {
            return Err(inconsistent(
                Path::root().key("reports").index(i).key("cases"),
            ));
        }
    }
    let first = reports
        .first()
        .ok_or_else(|| inconsistent(Path::root().key("reports")))?;
    let cases_bound = (cases >= width).then_some(cases);
    let keys: Vec<Vec<&[String]>> = reports
        .iter()
        .map(|r| r.cells.iter().map(|c| c.key.as_slice()).collect())
        .collect();
    let layout = layout_of(
        reports
            .iter()
            .zip(keys)
            .map(|(r, k)| (r.spec.by.as_slice(), k)),
    );
    let system = System::build(
        &layout,
        &first.classification,
        &first.spec.period,
        cases_bound,
    );
    let member = membership(&system.relations, system.len());
    let bundle = Bundle { system, member };
    // The value of every variable, the same wherever it is published.
    let mut values: Vec<Option<u64>> = vec![None; bundle.system.len()];
    for (r, report) in reports.iter().enumerate() {
        let cells = bundle
            .system
            .report_cells
            .get(r)
            .cloned()
            .unwrap_or_default();
        let rows = std::iter::once((
            0usize,
            &report.total.0,
            Path::root().key("reports").index(r).key("total"),
        ))
        .chain(report.cells.iter().enumerate().map(|(c, cell)| {
            (
                cells.get(c).copied().unwrap_or(0),
                &cell.values,
                Path::root()
                    .key("reports")
                    .index(r)
                    .key("cells")
                    .index(c)
                    .key("values"),
            )
        }));
        for (cell, vals, path) in rows {
            for (k, v) in vals.iter().enumerate() {
                if slot(&v.id, Part::Numerator).is_none() {
                    return Err(inconsistent(path.index(k).key("id")));
                }
                for (_, n, quantity) in parts(
                    &v.id,
                    Some(v.numerator),
                    v.denominator,
                    v.denominator.is_some(),
                ) {
                    let Some(n) = n else { continue };
                    let slot_var = var(cell, quantity);
                    match values.get_mut(slot_var) {
                        Some(existing @ None) => *existing = Some(n),
                        Some(Some(x)) if *x == n => {}
                        _ => return Err(inconsistent(path.index(k))),
                    }
                }
            }
        }
    }
    // Genuine reports satisfy every relation.
    for rel in &bundle.system.relations {
        let mut sum = 0.0;
        let mut complete = true;
        for (v, c) in &rel.terms {
            match values.get(*v).copied().flatten() {
                Some(x) => sum += c * x as f64,
                None => complete = false,
            }
        }
        let holds = match rel.op {
            Op::Eq => (sum - rel.rhs).abs() < 0.5,
            Op::Le => sum <= rel.rhs + 0.5,
        };
        if complete && !holds {
            return Err(inconsistent(Path::root().key("reports")));
        }
    }
    let hidden = suppress(&bundle, &values, threshold, width)?;
    let mut published: Vec<PublishedReport> = reports
        .iter()
        .enumerate()
        .map(|(r, report)| mask_report(report, r, &bundle.system, &hidden, threshold, width))
        .collect();
    let audit = audit_with(&published, cases_bound)?;
    if !audit.passed {
        return Err(invalid(Issue::new(
            IssueCode::PublicationNotProtected,
            Path::root().key("reports"),
        )));
    }
    let receipt = receipt(&published, &audit, cases_bound)?;
    for p in &mut published {
        p.receipt = Some(receipt.clone());
    }
    Ok(published)
}

/// Primary suppression, then one more count at a time until the audit
/// passes. Returns which variables are hidden.
fn suppress(
    bundle: &Bundle,
    values: &[Option<u64>],
    threshold: u64,
    width: u64,
) -> Result<Vec<bool>, CmeError> {
    let system = &bundle.system;
    let n = system.len();
    let quantity_of = |v: usize| v % q::COUNT;
    let mut hidden = vec![false; n];
    let hide = |hidden: &mut Vec<bool>, v: usize| {
        if let Some(h) = hidden.get_mut(v) {
            *h = true;
        }
        let cell = v / q::COUNT;
        for s in sums_over(quantity_of(v)) {
            if let Some(h) = hidden.get_mut(var(cell, *s)) {
                *h = true;
            }
        }
    };
    for v in 0..n {
        if counts_people(quantity_of(v))
            && values
                .get(v)
                .copied()
                .flatten()
                .is_some_and(|x| x < threshold)
        {
            hide(&mut hidden, v);
        }
    }
    // Hiding more only widens an interval (a figure that becomes unknown
    // lets every earlier solution stand, with that figure at its value):
    // a count found wide stays wide, and is not solved again.
    let mut wide: BTreeSet<usize> = BTreeSet::new();
    // Each round hides one more variable: at most n rounds.
    for _ in 0..=n {
        // Absent figures (not published anywhere) are unknown too.
        let unknown: Vec<bool> = (0..n)
            .map(|v| {
                hidden.get(v).copied().unwrap_or(false)
                    || values.get(v).copied().flatten().is_none()
            })
            .collect();
        let known: Vec<Option<f64>> = (0..n)
            .map(|v| {
                if unknown.get(v).copied().unwrap_or(true) {
                    None
                } else {
                    values.get(v).copied().flatten().map(|x| x as f64)
                }
            })
            .collect();
        // Every narrow count of this round, with its component.
        let mut narrow: Vec<(usize, Vec<usize>)> = Vec::new();
        for comp in components(&system.relations, &unknown) {
            let mut targets: Vec<usize> = comp
                .iter()
                .copied()
                .filter(|v| {
                    counts_people(quantity_of(*v))
                        && hidden.get(*v).copied().unwrap_or(false)
                        && !wide.contains(v)
                })
                .collect();
            if targets.is_empty() {
                continue;
            }
            targets.sort_by_key(|v| (values.get(*v).copied().flatten(), *v));
            let found = bounds(
                &system.relations,
                &bundle.member,
                &known,
                &comp,
                &targets,
                width,
                Some(values),
                false,
            )
            .map_err(audit_error)?;
            for (v, f) in &found {
                if f.bounds.wide(width) {
                    wide.insert(*v);
                } else {
                    narrow.push((*v, comp.clone()));
                }
            }
        }
        if narrow.is_empty() {
            return Ok(hidden);
        }
        // For each narrow count, the smallest shown count in a relation of
        // it, else in a relation of its component; all hidden at once.
        let mut chosen: BTreeSet<usize> = BTreeSet::new();
        for (v, comp) in &narrow {
            // A count hidden this round in a relation of this one may
            // already widen it: the next round tells.
            let near_chosen = bundle.member.get(*v).into_iter().flatten().any(|r| {
                system
                    .relations
                    .get(*r)
                    .is_some_and(|rel| rel.terms.iter().any(|(w, _)| chosen.contains(w)))
            });
            if near_chosen {
                continue;
            }
            let shown_count = |w: &usize| {
                counts_people(quantity_of(*w))
                    && !unknown.get(*w).copied().unwrap_or(true)
                    && !chosen.contains(w)
            };
            let pick = |rels: &mut dyn Iterator<Item = usize>| -> Option<usize> {
                rels.filter_map(|r| system.relations.get(r))
                    .flat_map(|rel| rel.terms.iter().map(|(w, _)| *w))
                    .filter(shown_count)
                    .min_by_key(|w| {
                        (
                            values.get(*w).copied().flatten(),
                            is_headline(quantity_of(*w)),
                            *w,
                        )
                    })
            };
            let direct = pick(&mut bundle.member.get(*v).into_iter().flatten().copied());
            let candidate = direct.or_else(|| {
                pick(
                    &mut comp
                        .iter()
                        .flat_map(|c| bundle.member.get(*c).into_iter().flatten().copied()),
                )
            });
            if let Some(c) = candidate {
                chosen.insert(c);
            }
        }
        if chosen.is_empty() {
            // Nothing left to hide around counts not certified: their exact
            // intervals decide.
            for (v, comp) in &narrow {
                let found = bounds(
                    &system.relations,
                    &bundle.member,
                    &known,
                    comp,
                    &[*v],
                    width,
                    Some(values),
                    true,
                )
                .map_err(audit_error)?;
                if found.iter().all(|(_, f)| f.bounds.wide(width)) {
                    wide.insert(*v);
                } else {
                    return Err(invalid(Issue::new(
                        IssueCode::PublicationNotProtected,
                        Path::root().key("reports"),
                    )));
                }
            }
            continue;
        }
        for c in chosen {
            hide(&mut hidden, c);
        }
    }
    Err(invalid(Issue::new(
        IssueCode::PublicationNotProtected,
        Path::root().key("reports"),
    )))
}

fn audit_error(f: AuditFailure) -> CmeError {
    match f {
        AuditFailure::Inconsistent => inconsistent(Path::root().key("reports")),
        AuditFailure::Solver => invalid(Issue::new(
            IssueCode::AuditFailed,
            Path::root().key("reports"),
        )),
    }
}

fn mask_report(
    report: &Report,
    r: usize,
    system: &System,
    hidden: &[bool],
    threshold: u64,
    width: u64,
) -> PublishedReport {
    let cells = system.report_cells.get(r).cloned().unwrap_or_default();
    let is_hidden =
        |cell: usize, quantity: usize| hidden.get(var(cell, quantity)).copied().unwrap_or(false);
    let mask = |cell: usize, v: &IndicatorValue| -> PublishedValue {
        let num_h = slot(&v.id, Part::Numerator).is_some_and(|x| is_hidden(cell, x));
        let den_h = v.denominator.is_some()
            && slot(&v.id, Part::Denominator).is_some_and(|x| is_hidden(cell, x));
        let any = num_h || den_h;
        PublishedValue {
            id: v.id.clone(),
            numerator: (!num_h).then_some(v.numerator),
            denominator: if den_h { None } else { v.denominator },
            value: if any { None } else { v.value },
            hidden: any.then_some(Hidden::SecretStatistique),
        }
    };
    let total: Vec<PublishedValue> = report.total.0.iter().map(|v| mask(0, v)).collect();
    let out_cells = report
        .cells
        .iter()
        .enumerate()
        .map(|(c, cell)| {
            let sc = cells.get(c).copied().unwrap_or(0);
            PublishedCell {
                key: cell.key.clone(),
                values: cell.values.iter().map(|v| mask(sc, v)).collect(),
            }
        })
        .collect();
    // Targets versus achieved: the achieved counts are the total's
    // signalements and entries, shown only when those are.
    let targets = report
        .targets
        .clone()
        .filter(|_| !is_hidden(0, q::SIGNALEMENTS) && !is_hidden(0, q::ENTREES))
        .map(|mut t| {
            if is_hidden(0, q::POSITIVES) || is_hidden(0, q::SORTIES) {
                t.maintien_percent.1 = None;
            }
            t
        });
    PublishedReport {
        spec: report.spec.clone(),
        policy: report.policy.clone(),
        threshold,
        protection_width: width,
        classification: report.classification.clone(),
        total,
        cells: out_cells,
        targets,
        receipt: None,
    }
}

/// The audit from what is published, as an attacker would compute it.
///
/// Every shown figure is known wherever it is shown; a rate or a mean shown
/// while a part is hidden bounds that part (the value is rounded to two
/// decimals); the receipt's number of cases, when given, bounds the
/// total's signalements, entries and cases handled.
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// let p = cme_pdp::publish::publish(&r, 11).unwrap();
/// let a = cme_pdp::publish::audit(std::slice::from_ref(&p)).unwrap();
/// assert!(a.hidden.iter().all(|h| h.protected));
/// ```
pub fn audit(published: &[PublishedReport]) -> Result<Audit, CmeError> {
    let cases = published
        .first()
        .and_then(|p| p.receipt.as_ref())
        .and_then(|r| r.cases);
    audit_with(published, cases)
}

/// The audit, with the number of cases the receipt gives (or will give).
fn audit_with(published: &[PublishedReport], cases: Option<u64>) -> Result<Audit, CmeError> {
    let first = published
        .first()
        .ok_or_else(|| inconsistent(Path::root().key("reports")))?;
    if published.len() > MAX_BUNDLE {
        return Err(invalid(
            Issue::new(IssueCode::TooManyItems, Path::root().key("reports"))
                .with("max", MAX_BUNDLE),
        ));
    }
    check_bundle_head(published.iter().map(|r| {
        let ids = r
            .total
            .iter()
            .chain(r.cells.iter().flat_map(|c| c.values.iter()))
            .map(|v| v.id.as_str());
        (
            &r.spec,
            &r.policy,
            &r.classification,
            decided_by_policy(ids),
        )
    }))?;
    let width = first.protection_width;
    for (i, p) in published.iter().enumerate() {
        if p.threshold != first.threshold || p.protection_width != width {
            return Err(inconsistent(
                Path::root().key("reports").index(i).key("threshold"),
            ));
        }
    }
    let keys: Vec<Vec<&[String]>> = published
        .iter()
        .map(|r| r.cells.iter().map(|c| c.key.as_slice()).collect())
        .collect();
    let layout = layout_of(
        published
            .iter()
            .zip(keys)
            .map(|(r, k)| (r.spec.by.as_slice(), k)),
    );
    let mut system = System::build(&layout, &first.classification, &first.spec.period, cases);
    let n = system.len();
    let mut known: Vec<Option<f64>> = vec![None; n];
    // Where each hidden count is published: (report, cell key, id, part).
    let mut places: Vec<(usize, usize, Vec<String>, String, FigurePart)> = Vec::new();
    let units: BTreeMap<String, Unit> = catalogue().into_iter().map(|d| (d.id, d.unit)).collect();
    for (r, report) in published.iter().enumerate() {
        let cells = system.report_cells.get(r).cloned().unwrap_or_default();
        let rows = std::iter::once((0usize, Vec::new(), &report.total)).chain(
            report.cells.iter().enumerate().map(|(c, cell)| {
                (
                    cells.get(c).copied().unwrap_or(0),
                    cell.key.clone(),
                    &cell.values,
                )
            }),
        );
        for (cell, key, vals) in rows {
            for v in vals {
                if slot(&v.id, Part::Numerator).is_none() {
                    return Err(inconsistent(Path::root().key("reports").index(r)));
                }
                let has_den = slot(&v.id, Part::Denominator).is_some();
                let mut vars = Vec::new();
                for (part, n, quantity) in parts(&v.id, v.numerator, v.denominator, has_den) {
                    let x = var(cell, quantity);
                    vars.push(x);
                    match n {
                        Some(n) => {
                            if let Some(k) = known.get_mut(x) {
                                *k = Some(n as f64);
                            }
                        }
                        None => {
                            if counts_people(quantity) {
                                let part = match part {
                                    Part::Numerator => FigurePart::Numerateur,
                                    Part::Denominator => FigurePart::Denominateur,
                                };
                                places.push((x, r, key.clone(), v.id.clone(), part));
                            }
                        }
                    }
                }
                // A value shown beside a hidden part bounds it.
                if let (Some(value), [num, den]) = (v.value, vars.as_slice()) {
                    if v.numerator.is_none() || v.denominator.is_none() {
                        let scale = if units.get(&v.id) == Some(&Unit::Pourcentage) {
                            100.0
                        } else {
                            1.0
                        };
                        let slack = 0.005 + 1e-9;
                        system.relations.push(Relation {
                            terms: vec![(*num, scale), (*den, -(value + slack))],
                            op: Op::Le,
                            rhs: 0.0,
                        });
                        system.relations.push(Relation {
                            terms: vec![(*num, -scale), (*den, value - slack)],
                            op: Op::Le,
                            rhs: 0.0,
                        });
                    }
                }
            }
        }
    }
    // A figure shown in one place is known everywhere.
    places.retain(|(x, ..)| known.get(*x).copied().flatten().is_none());
    let member = membership(&system.relations, n);
    let unknown: Vec<bool> = known.iter().map(Option::is_none).collect();
    let mut found: BTreeMap<usize, Found> = BTreeMap::new();
    let targets: BTreeSet<usize> = places.iter().map(|p| p.0).collect();
    for comp in components(&system.relations, &unknown) {
        let t: Vec<usize> = comp
            .iter()
            .copied()
            .filter(|v| targets.contains(v))
            .collect();
        if t.is_empty() {
            continue;
        }
        for (v, f) in bounds(
            &system.relations,
            &member,
            &known,
            &comp,
            &t,
            width,
            None,
            false,
        )
        .map_err(audit_error)?
        {
            found.insert(v, f);
        }
    }
    // A hidden count in no relation at all is bounded by nothing.
    let unbounded = Found {
        bounds: Bounds { min: 0, max: None },
        exact: true,
    };
    let hidden: Vec<HiddenFigure> = places
        .into_iter()
        .map(|(x, report, cell, id, part)| {
            let f = found.get(&x).copied().unwrap_or(unbounded);
            HiddenFigure {
                report,
                cell,
                id,
                part,
                min: f.bounds.min,
                max: f.bounds.max,
                exact: f.exact,
                protected: f.bounds.wide(width),
            }
        })
        .collect();
    Ok(Audit {
        threshold: first.threshold,
        protection_width: width,
        passed: hidden.iter().all(|h| h.protected),
        hidden,
    })
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// SHA-256 of the indicator catalogue's JSON.
///
/// ```
/// assert_eq!(cme_pdp::publish::catalogue_hash().len(), 64);
/// ```
pub fn catalogue_hash() -> String {
    sha256_hex(&serde_json::to_string(&catalogue()).unwrap_or_default())
}

fn figures_digest(published: &[PublishedReport]) -> Result<String, CmeError> {
    let bare: Vec<PublishedReport> = published
        .iter()
        .map(|p| PublishedReport {
            receipt: None,
            ..p.clone()
        })
        .collect();
    serde_json::to_string(&bare)
        .map(|t| sha256_hex(&t))
        .map_err(|_| inconsistent(Path::root().key("reports")))
}

fn audit_digest(audit: &Audit) -> Result<String, CmeError> {
    serde_json::to_string(audit)
        .map(|t| sha256_hex(&t))
        .map_err(|_| inconsistent(Path::root().key("reports")))
}

fn counts(published: &[PublishedReport]) -> (u64, u64) {
    let mut shown = 0u64;
    let mut hidden = 0u64;
    for p in published {
        for v in p
            .total
            .iter()
            .chain(p.cells.iter().flat_map(|c| c.values.iter()))
        {
            for (n, present) in [
                (v.numerator, true),
                (v.denominator, slot(&v.id, Part::Denominator).is_some()),
            ] {
                if !present {
                    continue;
                }
                if n.is_some() {
                    shown += 1;
                } else if v.hidden.is_some() {
                    hidden += 1;
                }
            }
        }
    }
    (shown, hidden)
}

fn receipt(
    published: &[PublishedReport],
    audit: &Audit,
    cases: Option<u64>,
) -> Result<Receipt, CmeError> {
    let first = published
        .first()
        .ok_or_else(|| inconsistent(Path::root().key("reports")))?;
    let (figures_shown, figures_hidden) = counts(published);
    Ok(Receipt {
        engine: format!("cme-core {}", env!("CARGO_PKG_VERSION")),
        method: METHOD.to_string(),
        policy: first.policy.clone(),
        catalogue_hash: catalogue_hash(),
        period: first.spec.period,
        breakdowns: published.iter().map(|p| p.spec.by.clone()).collect(),
        threshold: first.threshold,
        protection_width: first.protection_width,
        cases,
        figures_shown,
        figures_hidden,
        figures_digest: figures_digest(published)?,
        audit_digest: audit_digest(audit)?,
    })
}

code_enum! {
    /// A check of [`verify`].
    ///
    /// ```
    /// use cme_pdp::{publish::Check, codes::Code};
    /// assert_eq!(Check::Chiffres.code(), "chiffres");
    /// ```
    pub enum Check: "publication_check" {
        Recu = "recu", "Chaque tableau porte le même reçu", "Every table carries the same receipt";
        Methode = "methode", "Méthode de publication connue de ce moteur", "Publication method known to this engine";
        Catalogue = "catalogue", "Définitions des indicateurs identiques", "Same indicator definitions";
        Chiffres = "chiffres", "Chiffres publiés inchangés", "Published figures unchanged";
        Seuil = "seuil", "Aucun effectif affiché sous le seuil", "No count shown under the threshold";
        Audit = "audit", "Audit recalculé identique et réussi", "Audit recomputed, identical and passed";
    }
}

/// One check of a verification.
///
/// ```
/// use cme_pdp::publish::{Check, CheckResult};
/// let c = CheckResult::new(Check::Chiffres, true);
/// assert!(c.text.contains("inchangés"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CheckResult {
    /// What was checked.
    pub check: Check,
    /// Whether it holds.
    pub passed: bool,
    /// In French.
    pub text: String,
    /// In English.
    pub text_en: String,
}

impl CheckResult {
    /// A check and its outcome, with its text.
    pub fn new(check: Check, passed: bool) -> CheckResult {
        let t = Text::new(if passed {
            TextCode::VerificationReussie
        } else {
            TextCode::VerificationEchouee
        })
        .with_code("check", check);
        CheckResult {
            check,
            passed,
            text: t.fr(),
            text_en: t.en(),
        }
    }
}

/// The verification of a publication's receipt.
///
/// ```
/// let r = cme_pdp::indicators::report_from_values(
///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// let mut p = cme_pdp::publish::publish(&r, 11).unwrap();
/// assert!(cme_pdp::publish::verify(std::slice::from_ref(&p)).unwrap().valid);
/// p.total[0].numerator = p.total[0].numerator.map(|n| n + 1);
/// assert!(!cme_pdp::publish::verify(&[p]).unwrap().valid);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Verification {
    /// Whether every check holds.
    pub valid: bool,
    /// Each check.
    pub checks: Vec<CheckResult>,
}

/// Verifies a publication (its reports, in the bundle's order) against its
/// receipt: the figures' digest, the threshold, the method and catalogue,
/// and the audit recomputed from the published figures alone.
///
/// See [`Verification`] for an example.
pub fn verify(published: &[PublishedReport]) -> Result<Verification, CmeError> {
    if published.is_empty() || published.len() > MAX_BUNDLE {
        return Err(invalid(
            Issue::new(IssueCode::TooManyItems, Path::root().key("reports"))
                .with("max", MAX_BUNDLE),
        ));
    }
    let receipt = published.first().and_then(|p| p.receipt.clone());
    let same = receipt.is_some() && published.iter().all(|p| p.receipt == receipt);
    let mut checks = vec![CheckResult::new(Check::Recu, same)];
    let Some(receipt) = receipt.filter(|_| same) else {
        return Ok(Verification {
            valid: false,
            checks,
        });
    };
    checks.push(CheckResult::new(Check::Methode, receipt.method == METHOD));
    checks.push(CheckResult::new(
        Check::Catalogue,
        receipt.catalogue_hash == catalogue_hash(),
    ));
    let digest_ok = figures_digest(published).is_ok_and(|d| d == receipt.figures_digest)
        && counts(published) == (receipt.figures_shown, receipt.figures_hidden)
        && published.iter().all(|p| {
            p.threshold == receipt.threshold && p.protection_width == receipt.protection_width
        });
    checks.push(CheckResult::new(Check::Chiffres, digest_ok));
    let threshold_ok = published.iter().all(|p| {
        p.total
            .iter()
            .chain(p.cells.iter().flat_map(|c| c.values.iter()))
            .all(|v| {
                [
                    (v.numerator, Part::Numerator),
                    (v.denominator, Part::Denominator),
                ]
                .into_iter()
                .all(|(n, part)| match (n, slot(&v.id, part)) {
                    (Some(n), Some(x)) if counts_people(x) => n >= receipt.threshold,
                    _ => true,
                })
            })
    });
    checks.push(CheckResult::new(Check::Seuil, threshold_ok));
    let audit_ok = match audit(published) {
        Ok(a) => a.passed && audit_digest(&a).is_ok_and(|d| d == receipt.audit_digest),
        Err(_) => false,
    };
    checks.push(CheckResult::new(Check::Audit, audit_ok));
    Ok(Verification {
        valid: checks.iter().all(|c| c.passed),
        checks,
    })
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

impl PublishedReport {
    /// CSV in the French convention (`;` separator, decimal comma): a row
    /// per cell and indicator, a column per dimension with its code and one
    /// with its French label, values in their natural order; hidden values
    /// are empty with their reason in the `masque` column
    /// ([`tables::LongTable::to_csv`]; a bundle's margins together:
    /// [`tables::LongTable::of`]).
    ///
    /// ```
    /// let r = cme_pdp::indicators::report_from_values(
    ///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
    ///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
    /// let csv = cme_pdp::publish::publish(&r, 11).unwrap().to_csv();
    /// assert!(csv.starts_with("indicateur;libelle;numerateur;denominateur;valeur;unite;masque\n"));
    /// ```
    pub fn to_csv(&self) -> String {
        tables::LongTable::of(std::slice::from_ref(self)).to_csv(false)
    }

    /// A Markdown table with French labels: one row per indicator, one
    /// column for the total and one per cell; hidden values read « masqué »
    /// ([`tables::to_markdown`]).
    ///
    /// ```
    /// let r = cme_pdp::indicators::report_from_values(
    ///     &cme_pdp::sample::sample_json_values().unwrap(), &serde_json::json!("aist43"),
    ///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
    /// let md = cme_pdp::publish::publish(&r, 11).unwrap().to_markdown();
    /// assert!(md.contains("| Indicateur | Ensemble |"));
    /// ```
    pub fn to_markdown(&self) -> String {
        tables::to_markdown(std::slice::from_ref(self))
    }
}

/// A report, published when a threshold is given, from the inputs bindings
/// receive (cases as JSON, a policy, a period written as text, dimension
/// codes): the JSON form of a [`Report`] or of a [`PublishedReport`].
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let r = cme_pdp::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], Some(11)).unwrap();
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
    report_json_of(cases, activities, policy, period, by, threshold, &[])
}

/// [`report_json`] showing only `indicators` (ids of the catalogue; empty:
/// all of them; an unknown id is `unknown_code` at `indicators[i]`): the
/// bindings' `indicators` option ([`crate::indicators::report_of`]).
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let ids = ["entrees".to_string()];
/// let r = cme_pdp::publish::report_json_of(&cases, &[], &serde_json::json!("aist43"), "2024", &[], None, &ids).unwrap();
/// assert_eq!(r["total"].as_array().unwrap().len(), 1);
/// assert_eq!(r["spec"]["indicators"][0], "entrees");
/// ```
pub fn report_json_of(
    cases: &[serde_json::Value],
    activities: &[serde_json::Value],
    policy: &serde_json::Value,
    period: &str,
    by: &[String],
    threshold: Option<u64>,
    indicators: &[String],
) -> Result<serde_json::Value, crate::error::CmeError> {
    if let Some(t) = threshold {
        check_threshold(i128::from(t))?;
    }
    let period = crate::indicators::Period::parse(period)?;
    let report = crate::indicators::report_of(cases, activities, policy, period, by, indicators)?;
    report_value(&report, threshold)
}

/// A report in its JSON form, published when a threshold is given: the
/// end of [`report_json`], for a report built otherwise (case after case
/// by [`crate::indicators::ReportBuilder`]).
///
/// ```
/// let cases = cme_pdp::sample::sample_cases().unwrap();
/// let mut acc = cme_pdp::indicators::accumulator(&serde_json::json!("aist43"),
///     cme_pdp::indicators::Period::year(2024), &[]).unwrap();
/// cases.iter().for_each(|c| acc.add(c));
/// let v = cme_pdp::publish::report_value(&acc.report().unwrap(), Some(11)).unwrap();
/// assert_eq!(v["threshold"], 11);
/// assert!(cme_pdp::publish::report_value(&acc.report().unwrap(), Some(1)).is_err());
/// ```
pub fn report_value(
    report: &Report,
    threshold: Option<u64>,
) -> Result<serde_json::Value, crate::error::CmeError> {
    let value = match threshold {
        Some(t) => {
            check_threshold(i128::from(t))?;
            serde_json::to_value(publish(report, t)?)
        }
        None => serde_json::to_value(report),
    };
    Ok(value.unwrap_or(serde_json::Value::Null))
}

/// Publishes a report given in its JSON form.
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let r = cme_pdp::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], None).unwrap();
/// let p = cme_pdp::publish::publish_json(&r, 11).unwrap();
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
    Ok(serde_json::to_value(publish(&report, threshold)?).unwrap_or(serde_json::Value::Null))
}

/// Reads the reports of a bundle from their JSON form (`key` names the
/// field in paths): an array, or one report.
fn read_many<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    key: &str,
) -> Result<Vec<T>, CmeError> {
    let items: Vec<&serde_json::Value> = match value {
        serde_json::Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    if items.is_empty() || items.len() > MAX_BUNDLE {
        return Err(invalid(
            Issue::new(IssueCode::TooManyItems, Path::root().key(key)).with("max", MAX_BUNDLE),
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value(v.clone()).map_err(|_| {
                invalid(Issue::new(
                    IssueCode::ObjectType,
                    Path::root().key(key).index(i),
                ))
            })
        })
        .collect()
}

/// Publishes a bundle of reports given in their JSON form (an array of
/// reports of the same cases), with a threshold and a protection width
/// (`None`: the threshold): the JSON array of the published reports.
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let by = |d: &[&str]| d.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// let reports: Vec<_> = [by(&[]), by(&["secteur"])].iter()
///     .map(|b| cme_pdp::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", b, None).unwrap())
///     .collect();
/// let p = cme_pdp::publish::publish_bundle_json(&serde_json::Value::Array(reports), 11, None).unwrap();
/// assert_eq!(p.as_array().unwrap().len(), 2);
/// ```
pub fn publish_bundle_json(
    reports: &serde_json::Value,
    threshold: u64,
    protection_width: Option<u64>,
) -> Result<serde_json::Value, CmeError> {
    check_threshold(i128::from(threshold))?;
    if let Some(w) = protection_width {
        check_protection_width(i128::from(w))?;
    }
    let reports: Vec<Report> = read_many(reports, "reports")?;
    let options = PublishOptions {
        threshold,
        protection_width,
    };
    Ok(
        serde_json::to_value(publish_bundle(&reports, &options)?)
            .unwrap_or(serde_json::Value::Null),
    )
}

/// The attacker's audit of a publication given in its JSON form (one
/// published report, or the array of a bundle).
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let p = cme_pdp::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &["secteur".into()], Some(11)).unwrap();
/// assert_eq!(cme_pdp::publish::audit_json(&p).unwrap()["passed"], true);
/// ```
pub fn audit_json(published: &serde_json::Value) -> Result<serde_json::Value, CmeError> {
    let reports: Vec<PublishedReport> = read_many(published, "published")?;
    Ok(serde_json::to_value(audit(&reports)?).unwrap_or(serde_json::Value::Null))
}

/// Verifies a publication given in its JSON form against its receipt.
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let mut p = cme_pdp::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], Some(11)).unwrap();
/// assert_eq!(cme_pdp::publish::verify_json(&p).unwrap()["valid"], true);
/// p["total"][0]["numerator"] = serde_json::json!(1000);
/// assert_eq!(cme_pdp::publish::verify_json(&p).unwrap()["valid"], false);
/// ```
pub fn verify_json(published: &serde_json::Value) -> Result<serde_json::Value, CmeError> {
    let reports: Vec<PublishedReport> = read_many(published, "published")?;
    Ok(serde_json::to_value(verify(&reports)?).unwrap_or(serde_json::Value::Null))
}

/// Renders a publication given in its JSON form (one published report,
/// or the array of a bundle) as `csv`, `csv_bom` (with the byte-order mark
/// Excel needs) or `markdown` ([`tables`]).
///
/// ```
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let p = cme_pdp::publish::report_json(&cases, &[], &serde_json::json!("aist43"), "2024", &[], Some(11)).unwrap();
/// assert!(cme_pdp::publish::render_json(&p, "markdown").unwrap().contains("| Indicateur |"));
/// assert!(cme_pdp::publish::render_json(&p, "csv_bom").unwrap().starts_with('\u{feff}'));
/// assert_eq!(cme_pdp::publish::render_json(&p, "pdf").unwrap_err().code(), "invalid_format");
/// ```
pub fn render_json(
    published: &serde_json::Value,
    format: &str,
) -> Result<String, crate::error::CmeError> {
    let reports: Vec<PublishedReport> = read_many(published, "published")?;
    match format {
        "csv" => Ok(tables::LongTable::of(&reports).to_csv(false)),
        "csv_bom" => Ok(tables::LongTable::of(&reports).to_csv(true)),
        "markdown" => Ok(tables::to_markdown(&reports)),
        _ => Err(CmeError::InvalidFormat),
    }
}
