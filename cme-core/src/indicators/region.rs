//! Reporting over several services: each service's cases counted under its
//! own policy, then added up, every figure saying whether it means the same
//! for every service ([`Basis::Harmonise`]) or adds up what each policy
//! decided ([`Basis::SelonPolitique`]), and the report saying which
//! policies it combines and where their classifications of exit results
//! differ. Merging [`Accumulator`]s of different policies is refused
//! ([`Accumulator::merge`]); a [`Region`] keeps one per service instead.
//!
//! ```
//! use cme_pdp::indicators::{region::Region, Period, ReportSpec};
//! let mut region = Region::with_presets(ReportSpec::new(Period::year(2024), vec![]));
//! for case in cme_pdp::sample::sample_cases().unwrap() {
//!     region.add(&case).unwrap();
//! }
//! let r = region.report().unwrap();
//! // AIST 43 counts an invalidité as neither positive nor negative, the others as negative.
//! let invalidite = r.divergences.iter().find(|d| d.result.code() == "invalidite").unwrap();
//! assert_eq!(invalidite.class_of("aist43").unwrap().code(), "neutre");
//! # use cme_pdp::codes::Code;
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    spec_of, too_many_cells, values, Accumulator, Basis, Cell, Counters, IndicatorSet,
    IndicatorValue, MergeError, Period, Report, ReportSpec,
};
use crate::case::{Case, ExitResult};
use crate::codes::Code;
use crate::error::CmeError;
use crate::evaluate::PolicyRef;
use crate::issue::{Issue, IssueCode, Path};
use crate::policy::{Outcome, Policy};

/// The cases of several services, each counted under its own policy.
///
/// ```
/// use cme_pdp::indicators::{region::Region, Period, ReportSpec};
/// let spec = ReportSpec::new(Period::year(2024), vec![]);
/// let cases = cme_pdp::sample::sample_cases().unwrap();
/// let (a, b) = cases.split_at(20);
/// let mut left = Region::with_presets(spec.clone());
/// a.iter().for_each(|c| left.add(c).unwrap());
/// let mut right = Region::with_presets(spec.clone());
/// b.iter().for_each(|c| right.add(c).unwrap());
/// left.merge(&right).unwrap();
/// let mut whole = Region::with_presets(spec);
/// cases.iter().for_each(|c| whole.add(c).unwrap());
/// assert_eq!(left.report().unwrap(), whole.report().unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Region {
    /// What is computed.
    pub spec: ReportSpec,
    /// The policy of each service, by the service code cases carry.
    pub policies: BTreeMap<String, Policy>,
    /// The accumulator of each service that has cases.
    pub services: BTreeMap<String, Accumulator>,
}

impl Region {
    /// A region of the given services and their policies.
    pub fn new(spec: ReportSpec, policies: BTreeMap<String, Policy>) -> Region {
        Region {
            spec,
            policies,
            services: BTreeMap::new(),
        }
    }

    /// A region of the seven services of the presets, each under its
    /// preset (a case's `service` is the preset's code).
    pub fn with_presets(spec: ReportSpec) -> Region {
        let policies = crate::policy::preset_codes()
            .into_iter()
            .filter_map(|code| Some((code.to_string(), crate::policy::preset(code).ok()?)))
            .collect();
        Region::new(spec, policies)
    }

    /// Counts a (valid) case under its service's policy; `unknown_code` at
    /// `service` when the region has no policy for it (the case is not
    /// counted).
    ///
    /// ```
    /// use cme_pdp::indicators::{region::Region, Period, ReportSpec};
    /// let mut region = Region::with_presets(ReportSpec::new(Period::year(2024), vec![]));
    /// let mut case = cme_pdp::sample::sample_cases().unwrap().remove(0);
    /// case.service = "ailleurs".into();
    /// assert_eq!(region.add(&case).unwrap_err().code.code(), "unknown_code");
    /// # use cme_pdp::codes::Code;
    /// ```
    pub fn add(&mut self, case: &Case) -> Result<(), Issue> {
        let Some(policy) = self.policies.get(&case.service) else {
            return Err(
                Issue::new(IssueCode::UnknownCode, Path::root().key("service"))
                    .with("kind", "service")
                    .with(
                        "allowed",
                        self.policies.keys().cloned().collect::<Vec<_>>().join(", "),
                    ),
            );
        };
        let spec = &self.spec;
        self.services
            .entry(case.service.clone())
            .or_insert_with(|| Accumulator::new(spec.clone(), policy.clone()))
            .add(case);
        Ok(())
    }

    /// Merges another region of the same spec: each service's counts are
    /// merged ([`Accumulator::merge`]: a service under two different
    /// policies is a mismatch). Nothing is merged on an error.
    pub fn merge(&mut self, other: &Region) -> Result<(), MergeError> {
        if self.spec != other.spec {
            return Err(MergeError::Mismatch);
        }
        let mut services = self.services.clone();
        for (service, acc) in &other.services {
            match services.get_mut(service) {
                Some(mine) => mine.merge(acc)?,
                None => {
                    services.insert(service.clone(), acc.clone());
                }
            }
        }
        let mut policies = self.policies.clone();
        for (service, policy) in &other.policies {
            match policies.get(service) {
                Some(mine) if mine != policy => return Err(MergeError::Mismatch),
                Some(_) => {}
                None => {
                    policies.insert(service.clone(), policy.clone());
                }
            }
        }
        self.services = services;
        self.policies = policies;
        Ok(())
    }

    /// The regional report: each service's own report, and their sum, each
    /// figure with its basis; `too_many_cells` at `by` when a service's or
    /// the region's breakdown has more than [`crate::limits::MAX_CELLS`]
    /// cells.
    pub fn report(&self) -> Result<RegionalReport, CmeError> {
        let mut services = Vec::new();
        let mut cells: BTreeMap<Vec<String>, Counters> = BTreeMap::new();
        let mut cases = 0u64;
        let mut participations = 0u64;
        for acc in self.services.values() {
            services.push(acc.report()?);
            cases = cases.saturating_add(acc.cases);
            participations = participations.saturating_add(acc.participations);
            for (key, counters) in &acc.cells {
                if !cells.contains_key(key) && cells.len() >= crate::limits::MAX_CELLS {
                    return Err(too_many_cells());
                }
                let cell = cells.entry(key.clone()).or_default();
                cell.try_merge(counters).map_err(|name| {
                    CmeError::InvalidCase(crate::validate::ValidationError {
                        issues: vec![Issue::new(
                            IssueCode::CounterOverflow,
                            Path::root().key("services").key(&acc.policy.id).key(name),
                        )],
                    })
                })?;
            }
        }
        let mut total = Counters::default();
        for c in cells.values() {
            // cannot fail: each service's total was computable, and the
            // region's cases are at most the sum of theirs (saturating)
            let _ = total.try_merge(c);
        }
        let mut total = values(&total);
        total.push(IndicatorValue {
            id: "participations_partenaires".into(),
            numerator: participations,
            denominator: None,
            value: Some(participations as f64),
        });
        let cells = if self.spec.by.is_empty() {
            Vec::new()
        } else {
            cells
                .into_iter()
                .map(|(key, c)| Cell {
                    key,
                    values: values(&c),
                })
                .collect()
        };
        let policies: Vec<ServicePolicy> = self
            .services
            .iter()
            .map(|(service, acc)| ServicePolicy {
                service: service.clone(),
                policy: PolicyRef::of(&acc.policy),
                classification: classification(&acc.policy),
            })
            .collect();
        Ok(RegionalReport {
            spec: self.spec.clone(),
            cases,
            divergences: divergences(&policies),
            bases: super::catalogue()
                .into_iter()
                .map(|d| IndicatorBasis {
                    id: d.id,
                    basis: d.basis,
                })
                .collect(),
            policies,
            total: IndicatorSet(total),
            cells,
            services,
        })
    }
}

fn classification(policy: &Policy) -> BTreeMap<ExitResult, Outcome> {
    ExitResult::ALL
        .iter()
        .map(|r| (*r, policy.outcome(*r)))
        .collect()
}

/// The exit results the policies combined do not all class alike.
fn divergences(policies: &[ServicePolicy]) -> Vec<Divergence> {
    ExitResult::ALL
        .iter()
        .filter_map(|r| {
            let classes: Vec<ServiceClass> = policies
                .iter()
                .filter_map(|p| {
                    Some(ServiceClass {
                        service: p.service.clone(),
                        class: *p.classification.get(r)?,
                    })
                })
                .collect();
            let mut distinct: Vec<Outcome> = classes.iter().map(|c| c.class).collect();
            distinct.sort();
            distinct.dedup();
            (distinct.len() > 1).then_some(Divergence {
                result: *r,
                classes,
            })
        })
        .collect()
}

/// A service of a region and the policy its cases were counted under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServicePolicy {
    /// The service code the cases carry.
    pub service: String,
    /// Its policy.
    pub policy: PolicyRef,
    /// How that policy classes each exit result.
    pub classification: BTreeMap<ExitResult, Outcome>,
}

/// An exit result the policies of a region class differently: the sums of
/// positive or negative exits add up different things.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Divergence {
    /// The exit result.
    pub result: ExitResult,
    /// Its class under each service's policy, by service.
    pub classes: Vec<ServiceClass>,
}

impl Divergence {
    /// The class of the result under a service's policy.
    pub fn class_of(&self, service: &str) -> Option<Outcome> {
        self.classes
            .iter()
            .find(|c| c.service == service)
            .map(|c| c.class)
    }
}

/// A service and how its policy classes an exit result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceClass {
    /// The service code.
    pub service: String,
    /// The class.
    pub class: Outcome,
}

/// An indicator and its basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IndicatorBasis {
    /// The indicator id.
    pub id: String,
    /// Its basis.
    pub basis: Basis,
}

/// The report of a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegionalReport {
    /// What was computed.
    pub spec: ReportSpec,
    /// Cases added, all services.
    pub cases: u64,
    /// The policies combined, one per service with cases.
    pub policies: Vec<ServicePolicy>,
    /// The exit results the policies class differently.
    pub divergences: Vec<Divergence>,
    /// Every indicator's basis, in the catalogue's order: a figure
    /// [`Basis::SelonPolitique`] adds up what each service's policy decided.
    pub bases: Vec<IndicatorBasis>,
    /// The region's figures: the sum of the services' counts.
    pub total: IndicatorSet,
    /// By cell (empty without dimensions).
    pub cells: Vec<Cell>,
    /// Each service's own report, under its policy.
    pub services: Vec<Report>,
}

impl RegionalReport {
    /// The region's harmonised figures as a [`Report`], the indicators a
    /// policy decides left out: what can be published
    /// ([`crate::publish::publish`]) for the region. Its policy is the
    /// region (`id` `region`, the services and their policies as its name,
    /// a hash of their content hashes), with no classification of exit
    /// results (no figure left depends on one).
    ///
    /// ```
    /// use cme_pdp::indicators::{region::Region, Period, ReportSpec};
    /// let mut region = Region::with_presets(ReportSpec::new(Period::year(2024), vec![]));
    /// cme_pdp::sample::sample_cases().unwrap().iter().for_each(|c| region.add(c).unwrap());
    /// let r = region.report().unwrap().harmonised();
    /// assert!(r.total.get("cohorte_6_mois").is_some() && r.total.get("taux_sorties_positives").is_none());
    /// assert!(cme_pdp::publish::publish(&r, 11).is_ok());
    /// ```
    pub fn harmonised(&self) -> Report {
        let keep = |set: &[IndicatorValue]| {
            set.iter()
                .filter(|v| super::basis(&v.id) == Basis::Harmonise)
                .cloned()
                .collect::<Vec<_>>()
        };
        let hashes: String = self
            .policies
            .iter()
            .map(|p| format!("{}={};", p.service, p.policy.content_hash))
            .collect();
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(hashes.as_bytes());
        Report {
            spec: self.spec.clone(),
            policy: PolicyRef {
                id: "region".into(),
                name: self
                    .policies
                    .iter()
                    .map(|p| format!("{} ({})", p.service, p.policy.id))
                    .collect::<Vec<_>>()
                    .join(" + "),
                content_hash: digest.iter().map(|b| format!("{b:02x}")).collect(),
            },
            cases: self.cases,
            total: IndicatorSet(keep(&self.total.0)),
            cells: self
                .cells
                .iter()
                .map(|c| Cell {
                    key: c.key.clone(),
                    values: keep(&c.values),
                })
                .collect(),
            targets: None,
            classification: BTreeMap::new(),
        }
    }
}

/// A regional report from cases given as JSON (validated first: a problem
/// of case `i` has the path `cases[i].…`, a service without a policy
/// `unknown_code` at `cases[i].service`), the services' policies (`null`:
/// the seven presets, each service by its preset code; else an object of
/// service code → preset code or policy object, problems at
/// `policies.<service>…`), a period and dimension codes.
///
/// ```
/// use serde_json::json;
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let r = cme_pdp::indicators::region::regional_report_json(&cases, &json!(null), "2024", &[]).unwrap();
/// assert_eq!(r["cases"], 50);
/// let err = cme_pdp::indicators::region::regional_report_json(&cases, &json!({"aist43": "aist43"}), "2024", &[]).unwrap_err();
/// assert_eq!(err.issues()[0].path.as_str(), "cases[0].service");
/// ```
pub fn regional_report_json(
    cases: &[serde_json::Value],
    policies: &serde_json::Value,
    period: &str,
    by: &[String],
) -> Result<serde_json::Value, CmeError> {
    super::check_case_count(cases.len())?;
    let mut builder = RegionBuilder::new(policies, Period::parse(period)?, by)?;
    cases.iter().for_each(|c| builder.add_case(c));
    Ok(regional_report_value(&builder.finish()?))
}

/// A regional report in its JSON form, what every binding gives: the
/// report, and its publishable part under `harmonised`
/// ([`RegionalReport::harmonised`]).
///
/// ```
/// use cme_pdp::indicators::{region::{regional_report_value, Region}, Period, ReportSpec};
/// let r = Region::with_presets(ReportSpec::new(Period::year(2024), vec![])).report().unwrap();
/// let v = regional_report_value(&r);
/// assert_eq!(v["harmonised"]["policy"]["id"], "region");
/// ```
pub fn regional_report_value(report: &RegionalReport) -> serde_json::Value {
    let mut value = serde_json::to_value(report).unwrap_or(serde_json::Value::Null);
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "harmonised".into(),
            serde_json::to_value(report.harmonised()).unwrap_or(serde_json::Value::Null),
        );
    }
    value
}

/// A regional report built case after case from JSON, for callers that
/// convert cases part after part (the bindings).
///
/// ```
/// use cme_pdp::indicators::{region::RegionBuilder, Period};
/// let mut b = RegionBuilder::new(&serde_json::json!(null), Period::year(2024), &["service".into()]).unwrap();
/// for case in cme_pdp::sample::sample_json_values().unwrap() { b.add_case(&case); }
/// let r = b.finish().unwrap();
/// assert_eq!(r.services.iter().map(|s| s.cases).sum::<u64>(), 50);
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct RegionBuilder {
    region: Region,
    setup: Vec<Issue>,
    cases: crate::validate::ListIssues,
    added: usize,
}

impl RegionBuilder {
    /// A region of no case yet: its policies (`null` or an object, see
    /// [`regional_report_json`]), the period, the dimension codes. Every
    /// problem of the arguments is given at once by [`RegionBuilder::finish`].
    pub fn new(
        policies: &serde_json::Value,
        period: Period,
        by: &[String],
    ) -> Result<RegionBuilder, CmeError> {
        let (spec, mut setup) = spec_of(period, by);
        let region = match service_policies(policies, &mut setup) {
            None => Region::with_presets(spec),
            Some(map) => Region::new(spec, map),
        };
        Ok(RegionBuilder {
            region,
            setup,
            cases: crate::validate::ListIssues::new("cases"),
            added: 0,
        })
    }

    /// Reads the next case (its problems at `cases[i]…`) and counts it
    /// under its service's policy when valid. Past
    /// [`crate::limits::MAX_ROWS`] cases, `too_many_items` at `cases`.
    pub fn add_case(&mut self, case: &serde_json::Value) {
        let Some(i) = super::next_case(&mut self.added, &mut self.setup) else {
            return;
        };
        let options = crate::validate::ValidateOptions::default();
        if let Some(case) = self.cases.read_case(i, case, &options) {
            if let Err(issue) = self.region.add(&case) {
                self.cases.add(i, vec![issue]);
            }
        }
    }

    /// The regional report, or every problem met.
    pub fn finish(self) -> Result<RegionalReport, CmeError> {
        let mut issues = self.setup;
        if !self.cases.is_empty() {
            issues.extend(self.cases.finish());
        }
        if !issues.is_empty() {
            return Err(CmeError::InvalidCase(crate::validate::ValidationError {
                issues,
            }));
        }
        self.region.report()
    }
}

/// The policies of several services given as JSON: `None` for `null` (each
/// service under its preset), or service code → policy (a preset code or a
/// policy object); each problem at `policies.<service>…` in `setup`.
pub(crate) fn service_policies(
    policies: &serde_json::Value,
    setup: &mut Vec<Issue>,
) -> Option<BTreeMap<String, Policy>> {
    let map = match policies {
        serde_json::Value::Null => return None,
        serde_json::Value::Object(map) => map,
        _ => {
            setup.push(Issue::new(
                IssueCode::ObjectType,
                Path::root().key("policies"),
            ));
            return Some(BTreeMap::new());
        }
    };
    let mut out = BTreeMap::new();
    if map.len() > crate::limits::MAX_CELLS {
        setup.push(
            Issue::new(IssueCode::TooManyItems, Path::root().key("policies"))
                .with("max", crate::limits::MAX_CELLS),
        );
    }
    for (service, value) in map.iter().take(crate::limits::MAX_CELLS) {
        match crate::policy::resolve_policy(value) {
            Ok(p) => {
                out.insert(service.clone(), p);
            }
            Err(e) => setup.extend(policy_issues(service, &e)),
        }
    }
    Some(out)
}

/// The problems of a service's policy, at `policies.<service>…`.
fn policy_issues(service: &str, e: &CmeError) -> Vec<Issue> {
    let prefix = Path::root().key("policies").key(service);
    if e.issues().is_empty() {
        return vec![Issue::new(IssueCode::UnknownCode, prefix)
            .with("kind", "preset")
            .with("allowed", crate::policy::preset_codes().join(", "))];
    }
    e.issues()
        .iter()
        .map(|i| {
            let mut i = i.clone();
            i.path = if i.path.as_str().is_empty() {
                prefix.clone()
            } else {
                Path::from_rendered(&format!("{prefix}.{}", i.path))
            };
            i
        })
        .collect()
}
