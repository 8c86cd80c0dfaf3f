//! The impact of a change of rules or of policy: one population evaluated
//! under two scenarios (a policy and the options of the legal calendar,
//! such as the thresholds of décret n° 2022-372 imposed on every leave),
//! and every case whose stage, status, category, inclusion, visit
//! obligations or alerts differ, each change with the reasons of both
//! decisions and their sources (not whole evaluations: a million cases
//! would hold gigabytes). Identical scenarios give no difference.
//!
//! ```
//! use cme_pdp::impact::{impact, Scenario};
//! use cme_pdp::legal::{LegalOptions, Thresholds};
//! let cases = cme_pdp::sample::sample_cases().unwrap();
//! let same = Scenario::preset("aist43").unwrap();
//! let r = impact(&cases, &same, &same, cme_pdp::sample::SAMPLE_AS_OF).unwrap();
//! assert_eq!((r.cases, r.changed), (50, 0));
//! // AIST 43's policy against AISMT 13's: an invalidité is no longer neutral.
//! let other = Scenario::preset("aismt13").unwrap();
//! let r = impact(&cases, &same, &other, cme_pdp::sample::SAMPLE_AS_OF).unwrap();
//! assert!(r.impacts.iter().all(|i| !i.changes.is_empty()));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::codes::{code_enum, Code};
use crate::error::CmeError;
use crate::evaluate::{evaluate_loaded_with, Evaluation, PolicyRef};
use crate::explain::Reason;
use crate::issue::{Issue, IssueCode, Path};
use crate::legal::{LegalOptions, VisitReport};
use crate::policy::Loaded;

/// A set of rules to evaluate under: a policy (hashed once) and the
/// options of the legal calendar.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Scenario {
    /// The policy.
    pub policy: Loaded,
    /// The options of the legal calendar.
    pub legal: LegalOptions,
}

impl Scenario {
    /// A scenario of a policy and legal options.
    pub fn new(policy: Loaded, legal: LegalOptions) -> Scenario {
        Scenario { policy, legal }
    }

    /// A preset with the default legal options.
    ///
    /// ```
    /// assert!(cme_pdp::impact::Scenario::preset("nulle_part").is_err());
    /// ```
    pub fn preset(code: &str) -> Result<Scenario, CmeError> {
        Ok(Scenario::new(
            Loaded::preset(code)?.clone(),
            LegalOptions::default(),
        ))
    }

    /// A scenario from JSON: `{"policy": <preset code or policy>,
    /// "options": <legal options>}`, problems at `<at>.policy…` and
    /// `<at>.options…`, every one at once.
    ///
    /// ```
    /// use serde_json::json;
    /// let s = cme_pdp::impact::Scenario::from_value(&json!({"policy": "aist43", "options": {"thresholds": "avant_2022"}}), "before").unwrap();
    /// assert_eq!(s.legal.thresholds.map(|t| cme_pdp::codes::Code::code(t)), Some("avant_2022"));
    /// let err = cme_pdp::impact::Scenario::from_value(&json!({"policy": "aist43", "options": {"thresholds": "1990"}}), "after").unwrap_err();
    /// assert_eq!(err.issues()[0].path.as_str(), "after.options.thresholds");
    /// ```
    pub fn from_value(value: &serde_json::Value, at: &str) -> Result<Scenario, CmeError> {
        let root = Path::root().key(at);
        let invalid =
            |issues: Vec<Issue>| CmeError::InvalidCase(crate::validate::ValidationError { issues });
        let Some(obj) = value.as_object() else {
            return Err(invalid(vec![Issue::new(IssueCode::ObjectType, root)]));
        };
        let mut issues = Vec::new();
        for key in obj.keys() {
            if key != "policy" && key != "options" {
                issues.push(Issue::new(IssueCode::UnknownField, root.key(key)));
            }
        }
        let prefixed = |e: &CmeError, key: &str| -> Vec<Issue> {
            let prefix = root.key(key);
            e.issues()
                .iter()
                .map(|i| {
                    let mut i = i.clone();
                    let rest = i.path.as_str();
                    // options' issues are already at `options…`
                    let rest = rest.strip_prefix(key).unwrap_or(rest);
                    let rest = rest.strip_prefix('.').unwrap_or(rest);
                    i.path = if rest.is_empty() {
                        prefix.clone()
                    } else {
                        Path::from_rendered(&format!("{prefix}.{rest}"))
                    };
                    i
                })
                .collect()
        };
        let policy = match obj.get("policy") {
            None => {
                issues.push(
                    Issue::new(IssueCode::MissingField, root.key("policy")).with("field", "policy"),
                );
                None
            }
            Some(p) => match crate::policy::resolve_policy(p).map(Loaded::new) {
                Ok(p) => Some(p),
                Err(e) if e.issues().is_empty() => {
                    issues.push(
                        Issue::new(IssueCode::UnknownCode, root.key("policy"))
                            .with("kind", "preset")
                            .with("allowed", crate::policy::preset_codes().join(", ")),
                    );
                    None
                }
                Err(e) => {
                    issues.extend(prefixed(&e, "policy"));
                    None
                }
            },
        };
        let legal = match LegalOptions::from_value(
            obj.get("options").unwrap_or(&serde_json::Value::Null),
        ) {
            Ok(o) => Some(o),
            Err(e) => {
                issues.extend(prefixed(&e, "options"));
                None
            }
        };
        match (policy, legal) {
            (Some(policy), Some(legal)) if issues.is_empty() => Ok(Scenario::new(policy, legal)),
            _ => Err(invalid(issues)),
        }
    }

    fn reference(&self) -> ScenarioRef {
        ScenarioRef {
            policy: PolicyRef::of(self.policy.policy()),
            options: self.legal,
        }
    }
}

/// A scenario as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScenarioRef {
    /// The policy.
    pub policy: PolicyRef,
    /// The options of the legal calendar.
    pub options: LegalOptions,
}

code_enum! {
    /// What of an evaluation a change of rules changed.
    ///
    /// ```
    /// use cme_pdp::{impact::Aspect, codes::Code};
    /// assert_eq!(Aspect::Obligation.code(), "obligation");
    /// ```
    pub enum Aspect: "impact_aspect" {
        Stage = "etape", "Étape du parcours", "Stage of the pathway";
        Status = "statut", "Statut du dossier", "Status of the case";
        Category = "categorie", "Catégorie d'accompagnement", "Accompaniment category";
        Inclusion = "inclusion", "Inclusion dans l'accompagnement pluridisciplinaire", "Inclusion in the pluridisciplinary accompaniment";
        Obligation = "obligation", "Obligation d'une visite du calendrier légal", "Obligation of a visit of the legal calendar";
        DueDate = "echeance", "Échéance d'une visite du calendrier légal (même obligation)", "Due date of a visit of the legal calendar (same obligation)";
        Alerts = "alertes", "Alertes", "Alerts";
    }
}

/// One thing a change of rules changed in a case's evaluation, with the
/// reasons of the decision under each scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Change {
    /// What changed.
    pub aspect: Aspect,
    /// Where, for a visit (`absences[0].reprise`, `mi_carriere`); empty
    /// otherwise.
    pub at: String,
    /// The code before (alerts: their codes, sorted, joined by `,`).
    pub before: String,
    /// The code after.
    pub after: String,
    /// Why, under the first scenario: the decision's reasons, each with
    /// its sources (alerts: each alert as a reason).
    pub reasons_before: Vec<Reason>,
    /// Why, under the second.
    pub reasons_after: Vec<Reason>,
}

/// A case that a change of rules changed: what changed, each with both
/// explanations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CaseImpact {
    /// The case's pseudonymous id.
    pub case_id: String,
    /// What changed.
    pub changes: Vec<Change>,
}

/// How many cases changed in an aspect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AspectCount {
    /// The aspect.
    pub aspect: Aspect,
    /// Cases with a change in it.
    pub cases: u64,
}

/// The impact of a change of rules on a population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImpactReport {
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// The first scenario.
    pub before: ScenarioRef,
    /// The second.
    pub after: ScenarioRef,
    /// Cases evaluated.
    pub cases: u64,
    /// Cases with a change.
    pub changed: u64,
    /// Cases with a change, by aspect (every aspect, in order).
    pub by_aspect: Vec<AspectCount>,
    /// Every case with a change, in the order given, each change with both
    /// explanations.
    pub impacts: Vec<CaseImpact>,
}

/// What differs between two evaluations of a case, in aspect order, each
/// with the reasons of both decisions.
///
/// ```
/// use cme_pdp::{impact::changes, evaluate::evaluate, policy::preset, sample};
/// let case = &sample::sample_cases().unwrap()[0];
/// let e = evaluate(case, &preset("aist43").unwrap(), sample::SAMPLE_AS_OF).unwrap();
/// assert!(changes(&e, &e).is_empty());
/// ```
pub fn changes(before: &Evaluation, after: &Evaluation) -> Vec<Change> {
    changes_with(before, after, true)
}

/// [`changes`], the visit obligations compared or not (an evaluation of
/// the decisions only has no calendar).
fn changes_with(before: &Evaluation, after: &Evaluation, obligations: bool) -> Vec<Change> {
    let mut out = Vec::new();
    let mut push = |aspect: Aspect, b: String, a: String, rb: &[Reason], ra: &[Reason]| {
        if b != a {
            out.push(Change {
                aspect,
                at: String::new(),
                before: b,
                after: a,
                reasons_before: rb.to_vec(),
                reasons_after: ra.to_vec(),
            });
        }
    };
    push(
        Aspect::Stage,
        before.stage.value.stage.code().into(),
        after.stage.value.stage.code().into(),
        &before.stage.reasons,
        &after.stage.reasons,
    );
    push(
        Aspect::Status,
        before.status.value.code().into(),
        after.status.value.code().into(),
        &before.status.reasons,
        &after.status.reasons,
    );
    let category = |e: &Evaluation| {
        e.category
            .decision
            .value
            .map_or_else(|| "indeterminee".to_string(), |c| c.code().to_string())
    };
    push(
        Aspect::Category,
        category(before),
        category(after),
        &before.category.decision.reasons,
        &after.category.decision.reasons,
    );
    push(
        Aspect::Inclusion,
        before.inclusion.decision.value.code().into(),
        after.inclusion.decision.value.code().into(),
        &before.inclusion.decision.reasons,
        &after.inclusion.decision.reasons,
    );
    if obligations {
        out.extend(obligation_changes(&before.visits, &after.visits));
    }
    let alerts = |e: &Evaluation| {
        let mut codes: Vec<&str> = e.alerts.iter().map(|a| a.code.as_str()).collect();
        codes.sort_unstable();
        codes.join(",")
    };
    let (b, a) = (alerts(before), alerts(after));
    if b != a {
        let reasons = |e: &Evaluation| -> Vec<Reason> {
            e.alerts
                .iter()
                .map(|x| Reason {
                    code: x.code.clone(),
                    text: x.text.clone(),
                    text_en: x.text_en.clone(),
                    params: x.params.clone(),
                    sources: x.sources.clone(),
                })
                .collect()
        };
        out.push(Change {
            aspect: Aspect::Alerts,
            at: String::new(),
            before: b,
            after: a,
            reasons_before: reasons(before),
            reasons_after: reasons(after),
        });
    }
    out
}

/// The visits whose obligation differs between two calendars, or whose
/// obligation is the same but due on another day, with the reasons of each
/// outcome.
fn obligation_changes(before: &VisitReport, after: &VisitReport) -> Vec<Change> {
    let (ob, oa) = (outcomes(before), outcomes(after));
    let mut out = Vec::new();
    for (at, b) in &ob {
        let a = oa.iter().find(|(x, _)| x == at).map(|(_, a)| *a);
        let day = |d: Option<chrono::NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
        if let Some(a) = a.filter(|a| a.obligation == b.obligation && a.due != b.due) {
            // the same obligation, due on another day
            out.push(Change {
                aspect: Aspect::DueDate,
                at: at.clone(),
                before: day(b.due),
                after: day(a.due),
                reasons_before: b.reasons.clone(),
                reasons_after: a.reasons.clone(),
            });
        }
        if a.map(|a| a.obligation) != Some(b.obligation) {
            out.push(Change {
                aspect: Aspect::Obligation,
                at: at.clone(),
                before: b.obligation.code().into(),
                after: a.map_or_else(String::new, |a| a.obligation.code().into()),
                reasons_before: b.reasons.clone(),
                reasons_after: a.map(|a| a.reasons.clone()).unwrap_or_default(),
            });
        }
    }
    for (at, a) in &oa {
        if !ob.iter().any(|(x, _)| x == at) {
            out.push(Change {
                aspect: Aspect::Obligation,
                at: at.clone(),
                before: String::new(),
                after: a.obligation.code().into(),
                reasons_before: Vec::new(),
                reasons_after: a.reasons.clone(),
            });
        }
    }
    out
}

/// Evaluates every case under both scenarios as of a date and lists the
/// cases whose evaluation changed. Fails as [`crate::evaluate::evaluate`]
/// does on an invalid case (its problems at `cases[i]…`).
pub fn impact(
    cases: &[Case],
    before: &Scenario,
    after: &Scenario,
    as_of: NaiveDate,
) -> Result<ImpactReport, CmeError> {
    let mut report = ImpactReport {
        as_of,
        before: before.reference(),
        after: after.reference(),
        cases: 0,
        changed: 0,
        by_aspect: Aspect::ALL
            .iter()
            .map(|a| AspectCount {
                aspect: *a,
                cases: 0,
            })
            .collect(),
        impacts: Vec::new(),
    };
    // What can differ decides what is computed. Under the same policy only
    // the legal calendar can differ: the calendars under both options are
    // compared, the decisions not computed at all. Under the same options
    // the calendar (with the measures and the orientation) is the same: the
    // second evaluation computes only the decisions. Tests hold each path
    // equal to comparing two whole evaluations.
    let same_policy = before.policy.content_hash() == after.policy.content_hash();
    let same_legal = before.legal == after.legal;
    for (i, case) in cases.iter().enumerate() {
        let at = |e: CmeError| at_case(e, i);
        let found = match (same_policy, same_legal) {
            (true, true) => {
                crate::evaluate::check_evaluable(case, as_of).map_err(at)?;
                Vec::new()
            }
            (true, false) => {
                crate::evaluate::check_evaluable(case, as_of).map_err(at)?;
                let b = crate::legal::visit_obligations(case, as_of, &before.legal);
                let a = crate::legal::visit_obligations(case, as_of, &after.legal);
                obligation_changes(&b, &a)
            }
            (false, true) => {
                let b =
                    evaluate_loaded_with(case, &before.policy, as_of, &before.legal).map_err(at)?;
                let a =
                    crate::evaluate::evaluate_decisions(case, &after.policy, as_of).map_err(at)?;
                changes_with(&b, &a, false)
            }
            (false, false) => {
                let b =
                    evaluate_loaded_with(case, &before.policy, as_of, &before.legal).map_err(at)?;
                let a =
                    evaluate_loaded_with(case, &after.policy, as_of, &after.legal).map_err(at)?;
                changes(&b, &a)
            }
        };
        report.cases += 1;
        if found.is_empty() {
            continue;
        }
        report.changed += 1;
        for count in &mut report.by_aspect {
            if found.iter().any(|c| c.aspect == count.aspect) {
                count.cases += 1;
            }
        }
        report.impacts.push(CaseImpact {
            case_id: case.id.clone(),
            changes: found,
        });
    }
    Ok(report)
}

/// Every visit outcome of a calendar, with where it is.
fn outcomes(r: &VisitReport) -> Vec<(String, &crate::legal::VisitOutcome)> {
    let mut list: Vec<(String, &crate::legal::VisitOutcome)> = Vec::new();
    for (i, a) in r.absences.iter().enumerate() {
        for o in &a.outcomes {
            list.push((format!("absences[{i}].{}", o.rule.code()), o));
        }
    }
    if let Some(o) = &r.mi_carriere {
        list.push(("mi_carriere".into(), o));
    }
    list
}

/// An error of case `i`, its problems at `cases[i]…`.
fn at_case(e: CmeError, i: usize) -> CmeError {
    match e {
        CmeError::InvalidCase(v) => {
            let mut list = crate::validate::ListIssues::new("cases");
            list.add(i, v.issues);
            CmeError::InvalidCase(crate::validate::ValidationError {
                issues: list.finish(),
            })
        }
        other => other,
    }
}

/// [`impact`] for JSON input, as bindings receive it: the cases (validated
/// first, problems at `cases[i]…`), the two scenarios (`{"policy": …,
/// "options": …}`, problems at `before…` and `after…`) and the date.
///
/// ```
/// use serde_json::json;
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let as_of = cme_pdp::sample::SAMPLE_AS_OF.to_string();
/// let r = cme_pdp::impact::impact_json(&cases, &json!({"policy": "aist43"}),
///     &json!({"policy": "aist43", "options": {"thresholds": "depuis_2022"}}), &as_of).unwrap();
/// assert_eq!(r["cases"], 50);
/// // a case signalled after the date is refused, at its path
/// let err = cme_pdp::impact::impact_json(&cases, &json!({"policy": "aist43"}),
///     &json!({"policy": "aist43"}), "2020-01-01").unwrap_err();
/// assert_eq!(err.issues()[0].path.as_str(), "cases[0].signalement.date");
/// ```
pub fn impact_json(
    cases: &[serde_json::Value],
    before: &serde_json::Value,
    after: &serde_json::Value,
    as_of: &str,
) -> Result<serde_json::Value, CmeError> {
    crate::indicators::check_case_count(cases.len())?;
    let as_of = crate::error::parse_as_of(as_of)?;
    let scenarios = (
        Scenario::from_value(before, "before"),
        Scenario::from_value(after, "after"),
    );
    let (before, after) = match scenarios {
        (Ok(b), Ok(a)) => (b, a),
        (b, a) => {
            let mut issues = Vec::new();
            for e in [b.err(), a.err()].into_iter().flatten() {
                issues.extend(e.issues().iter().cloned());
            }
            return Err(CmeError::InvalidCase(crate::validate::ValidationError {
                issues,
            }));
        }
    };
    let mut list = crate::validate::ListIssues::new("cases");
    let options = crate::validate::ValidateOptions::default();
    let parsed: Vec<Case> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, v)| list.read_case(i, v, &options))
        .collect();
    if !list.is_empty() {
        return Err(CmeError::InvalidCase(crate::validate::ValidationError {
            issues: list.finish(),
        }));
    }
    let report = impact(&parsed, &before, &after, as_of)?;
    Ok(serde_json::to_value(report).unwrap_or(serde_json::Value::Null))
}
