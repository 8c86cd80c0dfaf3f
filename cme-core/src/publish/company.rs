//! The company report: the cell's figures for one adherent company of more
//! than 300 employees, sent to its comité social et économique (Code du
//! travail, art. D4622-54, décret n° 2022-1435 du 15 novembre 2022).
//!
//! A company's cases are few, and its CSE knows its people: the report is
//! never given raw. It is published with the suppression of the
//! publication (every count of people under the threshold hidden, zero
//! included, and as many more as the attacker's audit needs) and carries
//! its audit. The cases of the company are those whose `worker.company`
//! is its pseudonymous id; every other case given is checked and left
//! out.
//!
//! ```
//! use cme_pdp::publish::company::{company_report_json, CompanyRequest};
//! let mut cases = cme_pdp::sample::sample_json_values().unwrap();
//! for c in cases.iter_mut().take(30) {
//!     c["format_version"] = 2.into();
//!     c["worker"]["company"] = "ENT-7".into();
//! }
//! let request = CompanyRequest::new("ENT-7", 450, "2024");
//! let r = company_report_json(&cases, &serde_json::json!("aist43"), &request).unwrap();
//! assert_eq!(r["cases"], 30);
//! assert_eq!(r["audit"]["passed"], true);
//! // under 301 employees, the article does not apply
//! let small = CompanyRequest::new("ENT-7", 300, "2024");
//! let err = company_report_json(&cases, &serde_json::json!("aist43"), &small).unwrap_err();
//! assert_eq!(err.issues()[0].path.as_str(), "headcount");
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{audit, publish_bundle, Audit, PublishOptions, PublishedReport};
use crate::error::CmeError;
use crate::explain::Source;
use crate::indicators::{Period, ReportBuilder};
use crate::issue::{Issue, IssueCode, Path};

/// The least headcount of a company the article covers: « plus de 300
/// salariés ».
pub const MIN_HEADCOUNT: u64 = 301;

/// The day the article applies from (décret n° 2022-1435, in force on
/// 17 November 2022).
pub const IN_FORCE_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2022, 11, 17) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// What a company report is asked for: the company's pseudonymous id, its
/// headcount, the period (`2024`, `2024-S1`, `2024-T2` or `start/end`), the
/// dimensions (up to two codes) and the threshold of the publication.
///
/// ```
/// let r = cme_pdp::publish::company::CompanyRequest::new("ENT-7", 450, "2024");
/// assert_eq!((r.threshold, r.by.len()), (11, 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompanyRequest {
    /// The company's pseudonymous id (as in `worker.company`).
    pub company: String,
    /// Its headcount (more than 300).
    pub headcount: u64,
    /// The period, as text (`2024`, `2024-S1`, `2024-T2`, `2024-03-01/2024-06-30`).
    pub period: String,
    /// The dimensions of the breakdown (none: the company's totals).
    #[serde(default)]
    pub by: Vec<String>,
    /// Counts of people under it are hidden (11 by default; at least
    /// [`super::MIN_THRESHOLD`]).
    #[serde(default = "default_threshold")]
    pub threshold: u64,
}

fn default_threshold() -> u64 {
    11
}

impl CompanyRequest {
    /// A request for a company's totals over a period, with the default
    /// threshold (11).
    pub fn new(company: &str, headcount: u64, period: &str) -> CompanyRequest {
        CompanyRequest {
            company: company.to_string(),
            headcount,
            period: period.to_string(),
            by: Vec::new(),
            threshold: default_threshold(),
        }
    }
}

/// The company report: who it is for, what asks for it and since when,
/// how many of the company's cases it counts, the published figures and
/// the audit that checked them.
///
/// ```
/// use cme_pdp::publish::company::{company_report, CompanyRequest};
/// let r = company_report(&cme_pdp::sample::sample_json_values().unwrap(),
///     &serde_json::json!("aist43"), &CompanyRequest::new("ENT-7", 450, "2024")).unwrap();
/// assert_eq!(r.cases, 0); // no sample case names a company: every count hidden
/// assert!(r.in_force && r.audit.passed);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CompanyReport {
    /// The company's pseudonymous id.
    pub company: String,
    /// Its headcount.
    pub headcount: u64,
    /// Whether the article applies over the period (it ends on or after
    /// 17 November 2022); a report of an earlier period is made all the
    /// same, and says so.
    pub in_force: bool,
    /// The article and the reading it follows.
    pub sources: Vec<Source>,
    /// The company's cases counted (the other cases given are left out).
    pub cases: u64,
    /// The published figures (suppression over every linked figure).
    pub published: PublishedReport,
    /// The attacker's audit of the published figures.
    pub audit: Audit,
}

fn refused(issues: Vec<Issue>) -> CmeError {
    CmeError::InvalidCase(crate::validate::ValidationError { issues })
}

/// The problems of a request, every one at once: a company id that is not
/// a pseudonymous id (`invalid_id` at `company`), a headcount of 300 or
/// less (`company_not_covered` at `headcount`), a threshold under the least one.
fn check(request: &CompanyRequest) -> Vec<Issue> {
    let mut issues = Vec::new();
    if !crate::validate::is_identifier(&request.company, crate::limits::MAX_ID_LEN) {
        issues.push(
            Issue::new(IssueCode::InvalidId, Path::root().key("company"))
                .with("max", crate::limits::MAX_ID_LEN),
        );
    }
    if request.headcount < MIN_HEADCOUNT {
        issues.push(
            Issue::new(IssueCode::CompanyNotCovered, Path::root().key("headcount"))
                .with("min", MIN_HEADCOUNT),
        );
    }
    if let Err(e) = super::check_threshold(i128::from(request.threshold)) {
        issues.extend(e.issues().iter().cloned());
    }
    issues
}

/// The company report from cases given as JSON (checked first: a problem
/// of case `i` has the path `cases[i].…`), the service's policy (a preset
/// code or a policy object) and the request.
pub fn company_report(
    cases: &[serde_json::Value],
    policy: &serde_json::Value,
    request: &CompanyRequest,
) -> Result<CompanyReport, CmeError> {
    let issues = check(request);
    if !issues.is_empty() {
        return Err(refused(issues));
    }
    crate::indicators::check_case_count(cases.len())?;
    let period = Period::parse(&request.period)?;
    let mut builder = ReportBuilder::new(policy, period, &request.by)?.of_company(&request.company);
    cases.iter().for_each(|c| builder.add_case(c));
    report_of(builder, request, period)
}

/// The end of [`company_report`] for a builder fed case after case (the
/// bindings convert cases part after part); the builder must count only
/// the request's company ([`ReportBuilder::of_company`]).
///
/// ```
/// use cme_pdp::indicators::{Period, ReportBuilder};
/// use cme_pdp::publish::company::{company_report_from, CompanyRequest};
/// let request = CompanyRequest::new("ENT-7", 450, "2024");
/// let b = ReportBuilder::new(&serde_json::json!("aist43"), Period::year(2024), &[]).unwrap().of_company("ENT-7");
/// assert_eq!(company_report_from(b, &request).unwrap().cases, 0);
/// ```
pub fn company_report_from(
    builder: ReportBuilder,
    request: &CompanyRequest,
) -> Result<CompanyReport, CmeError> {
    let issues = check(request);
    if !issues.is_empty() {
        return Err(refused(issues));
    }
    let period = Period::parse(&request.period)?;
    report_of(builder, request, period)
}

fn report_of(
    builder: ReportBuilder,
    request: &CompanyRequest,
    period: Period,
) -> Result<CompanyReport, CmeError> {
    let report = builder.finish()?;
    let options = PublishOptions::new(request.threshold);
    let published = publish_bundle(std::slice::from_ref(&report), &options)?
        .into_iter()
        .next()
        .ok_or_else(|| {
            refused(vec![Issue::new(
                IssueCode::PublicationNotProtected,
                Path::root().key("reports"),
            )])
        })?;
    let audit = audit(std::slice::from_ref(&published))?;
    Ok(CompanyReport {
        company: request.company.clone(),
        headcount: request.headcount,
        in_force: period.end >= IN_FORCE_FROM,
        sources: vec![
            Source::ct("D4622-54", "2022-11-17"),
            Source::reading("rapport par entreprise"),
        ],
        cases: report.cases,
        published,
        audit,
    })
}

/// [`company_report`] in its JSON form, what every binding gives.
pub fn company_report_json(
    cases: &[serde_json::Value],
    policy: &serde_json::Value,
    request: &CompanyRequest,
) -> Result<serde_json::Value, CmeError> {
    let report = company_report(cases, policy, request)?;
    Ok(serde_json::to_value(report).unwrap_or(serde_json::Value::Null))
}
