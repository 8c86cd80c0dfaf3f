//! The cell's worklists over a set of cases as of a date: what to bring to
//! the next COPIL and plenary commission, whom to call back, which
//! follow-ups and return-to-work visits fall due, and the pré-reprise
//! visits of the last half-month for each médecin du travail.
//!
//! Nothing here is a rule of its own: every item is read from the case's
//! evaluation under its service's policy ([`crate::evaluate`]), so a list
//! says exactly what the case's explanation says, with the same text and
//! sources:
//!
//! | list | from the evaluation |
//! |---|---|
//! | `analyse_demande` (the COPIL's agenda at AISMT 13) | the next step `analyser_la_demande` of the service's process |
//! | `pleniere` | the next step `commission_pleniere` (the included cases, [`crate::process::plenary_commission`]) and, in such a service, `recueillir_accord` (a plan awaiting the worker's answer) |
//! | `contact_en_retard` | the alert `contact_en_retard` (the policy's first-contact deadline) |
//! | `a_rappeler` | the next step `relancer_ou_sortie` (a worker who entered and stopped answering) |
//! | `suivi_a_faire` | the alert `suivi_a_echeance` (the window is open), and a follow-up to come whose date falls in the month |
//! | `suivi_en_retard` | the alert `suivi_en_retard` |
//! | `visite_reprise` | the legal calendar: a mandatory reprise visit not recorded, due within 8 days (R4624-31), or overdue while the case is in the cell |
//! | `pre_reprise_quinzaine` | the pré-reprise visits recorded in the last half-month (AST BTP sends each doctor the list twice a month) |
//!
//! A case signalled after the date is not in any list yet. Items are
//! sorted by list, date, service and case; they can be filtered and grouped
//! by doctor, référent or service, and the lists of several cells merged.
//!
//! ```
//! use cme_pdp::{codes::Code, worklists::{worklists_json, ListKind}};
//! let cases = cme_pdp::sample::sample_json_values().unwrap();
//! let out = worklists_json(&cases, &serde_json::Value::Null, "2024-06-30", &serde_json::json!({})).unwrap();
//! assert_eq!(out["half_month"]["start"], "2024-06-01");
//! for item in out["items"].as_array().unwrap() {
//!     assert!(ListKind::from_code(item["list"].as_str().unwrap()).is_some());
//!     assert!(!item["reason"]["sources"].as_array().unwrap().is_empty());
//! }
//! ```

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use crate::case::{Case, VisitRule};
use crate::codes::{code_enum, Code};
use crate::error::CmeError;
use crate::evaluate::Evaluation;
use crate::explain::{Reason, Source};
use crate::issue::{Issue, IssueCode, Lang, Path};
use crate::legal::Obligation;
use crate::policy::{Loaded, Policy};
use crate::texts::{Text, TextCode};

code_enum! {
    /// A worklist of the cell, in the order the lists are given.
    ///
    /// ```
    /// use cme_pdp::{codes::Code, worklists::ListKind};
    /// assert_eq!(ListKind::Pleniere.code(), "pleniere");
    /// assert_eq!(ListKind::ALL.len(), 8);
    /// ```
    pub enum ListKind: "worklist" {
        AnalyseDemande = "analyse_demande", "Demandes à analyser, référents à désigner (COPIL)", "Requests to analyse, référents to assign (steering committee)";
        Pleniere = "pleniere", "Ordre du jour de la commission plénière", "Agenda of the plenary commission";
        ContactEnRetard = "contact_en_retard", "Premiers contacts en retard", "Overdue first contacts";
        ARappeler = "a_rappeler", "Travailleurs à rappeler", "Workers to call back";
        SuiviAFaire = "suivi_a_faire", "Suivis à faire (fenêtre ouverte ou échéance dans le mois)", "Follow-ups to do (window open, or due this month)";
        SuiviEnRetard = "suivi_en_retard", "Suivis en retard", "Overdue follow-ups";
        VisiteReprise = "visite_reprise", "Visites de reprise à organiser (8 jours)", "Return-to-work visits to arrange (8 days)";
        PreRepriseQuinzaine = "pre_reprise_quinzaine", "Visites de pré-reprise de la quinzaine, par médecin", "Pré-reprise visits of the half-month, by doctor";
    }
}

/// One line of a worklist: a case, why it is there and where that comes
/// from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct WorkItem {
    /// The list.
    pub list: ListKind,
    /// The case's pseudonymous id.
    pub case_id: String,
    /// Its service.
    pub service: String,
    /// The médecin du travail who follows the worker (pseudonymous id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doctor: Option<String>,
    /// The case's référent (pseudonymous id), the last one designated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referent: Option<String>,
    /// The date the item is about: a deadline, a visit, or since when the
    /// case waits at its stage.
    pub date: NaiveDate,
    /// Days past that date when it is a deadline passed (positive), days
    /// left before it (negative); none when the date is not a deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
    /// Why the case is on the list, with its sources.
    pub reason: Reason,
}

/// What to list, and how.
///
/// ```
/// let o = cme_pdp::worklists::WorklistOptions::default();
/// assert_eq!(o.reprise_within_days, 8);
/// assert!(o.lists.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorklistOptions {
    /// The lists wanted (all when empty).
    pub lists: Vec<ListKind>,
    /// Only the cases of this service.
    pub service: Option<String>,
    /// Only the cases of this médecin du travail.
    pub doctor: Option<String>,
    /// Only the cases of this référent.
    pub referent: Option<String>,
    /// A reprise visit is listed this many days before its deadline
    /// (8: the visit takes place within 8 days of the return, R4624-31).
    pub reprise_within_days: u32,
}

impl Default for WorklistOptions {
    fn default() -> Self {
        WorklistOptions {
            lists: Vec::new(),
            service: None,
            doctor: None,
            referent: None,
            reprise_within_days: 8,
        }
    }
}

/// How the items are grouped.
///
/// ```
/// use cme_pdp::{codes::Code, worklists::Grouping};
/// assert_eq!(Grouping::from_code("doctor"), Some(Grouping::Doctor));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Grouping {
    /// By médecin du travail.
    Doctor,
    /// By référent.
    Referent,
    /// By service.
    Service,
}

impl Grouping {
    /// The grouping of a code (`doctor`, `referent`, `service`).
    pub fn from_code(code: &str) -> Option<Grouping> {
        match code {
            "doctor" => Some(Grouping::Doctor),
            "referent" => Some(Grouping::Referent),
            "service" => Some(Grouping::Service),
            _ => None,
        }
    }

    fn key(self, item: &WorkItem) -> Option<&str> {
        match self {
            Grouping::Doctor => item.doctor.as_deref(),
            Grouping::Referent => item.referent.as_deref(),
            Grouping::Service => Some(&item.service),
        }
    }
}

/// The half-month whose pré-reprise visits are listed on a date: the one
/// that ended last (from the 16th to the end of the previous month on the
/// 1st to the 15th; from the 1st to the 15th afterwards).
///
/// ```
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(cme_pdp::worklists::last_half_month(d(2024, 3, 15)), (d(2024, 2, 16), d(2024, 2, 29)));
/// assert_eq!(cme_pdp::worklists::last_half_month(d(2024, 3, 16)), (d(2024, 3, 1), d(2024, 3, 15)));
/// assert_eq!(cme_pdp::worklists::last_half_month(d(2024, 1, 2)), (d(2023, 12, 16), d(2023, 12, 31)));
/// ```
pub fn last_half_month(as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = as_of.with_day(1).unwrap_or(as_of);
    if as_of.day() > 15 {
        return (first, first.with_day(15).unwrap_or(first));
    }
    let end = first.pred_opt().unwrap_or(first);
    (end.with_day(16).unwrap_or(end), end)
}

/// The worklists of a set of cases as of a date.
///
/// ```
/// use cme_pdp::worklists::{Worklists, WorklistOptions};
/// let w = Worklists::new(chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(), WorklistOptions::default());
/// assert!(w.items.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Worklists {
    /// The date of the lists.
    pub as_of: NaiveDate,
    /// The half-month of the pré-reprise visits listed.
    pub half_month: (NaiveDate, NaiveDate),
    /// The cases looked at (those signalled by the date).
    pub cases: u64,
    /// The items, sorted by list, date, service, case.
    pub items: Vec<WorkItem>,
    #[serde(skip)]
    options: WorklistOptions,
}

impl Worklists {
    /// Empty lists as of a date.
    pub fn new(as_of: NaiveDate, options: WorklistOptions) -> Worklists {
        Worklists {
            as_of,
            half_month: last_half_month(as_of),
            cases: 0,
            items: Vec::new(),
            options,
        }
    }

    /// Adds a valid case under its policy: its items, in place.
    ///
    /// ```
    /// use cme_pdp::{policy::Loaded, worklists::{Worklists, WorklistOptions}};
    /// let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    /// let mut w = Worklists::new(as_of, WorklistOptions::default());
    /// for case in cme_pdp::sample::sample_cases().unwrap() {
    ///     w.add(&case, Loaded::preset(&case.service).unwrap()).unwrap();
    /// }
    /// assert!(w.cases > 0);
    /// ```
    pub fn add(&mut self, case: &Case, policy: &Loaded) -> Result<(), CmeError> {
        if case.signalement.date > self.as_of {
            return Ok(());
        }
        let o = &self.options;
        let referent = case.referent_on(self.as_of);
        // a doctor's case: the one who follows the worker, or who held one
        // of their visits (its items only are kept below)
        let doctor_of = |d: &Option<String>| o.doctor.is_none() || *d == o.doctor;
        if o.service.as_ref().is_some_and(|s| *s != case.service)
            || !(doctor_of(&case.doctor)
                || case
                    .visits
                    .iter()
                    .any(|v| v.doctor.is_some() && doctor_of(&v.doctor)))
            || o.referent.is_some() && o.referent != referent
        {
            return Ok(());
        }
        self.cases += 1;
        let e = crate::evaluate::evaluate_loaded(case, policy, self.as_of)?;
        let mut items = Vec::new();
        let line = Line {
            case,
            referent: referent.as_deref(),
            items: &mut items,
        };
        collect(line, &e, policy.policy(), self.as_of, self.half_month, o);
        let keep = |i: &WorkItem| {
            (o.lists.is_empty() || o.lists.contains(&i.list)) && doctor_of(&i.doctor)
        };
        self.items.extend(items.into_iter().filter(keep));
        self.sort();
        Ok(())
    }

    /// The lists of another set of cases as of the same date (another
    /// cell): the items of both, sorted.
    ///
    /// ```
    /// use cme_pdp::worklists::{Worklists, WorklistOptions};
    /// let d = |day| chrono::NaiveDate::from_ymd_opt(2024, 6, day).unwrap();
    /// let mut a = Worklists::new(d(30), WorklistOptions::default());
    /// assert!(a.merge(Worklists::new(d(30), WorklistOptions::default())).is_ok());
    /// assert!(a.merge(Worklists::new(d(29), WorklistOptions::default())).is_err());
    /// ```
    pub fn merge(&mut self, other: Worklists) -> Result<(), AsOfMismatch> {
        if other.as_of != self.as_of {
            return Err(AsOfMismatch);
        }
        self.cases = self.cases.saturating_add(other.cases);
        self.items.extend(other.items);
        self.sort();
        Ok(())
    }

    /// The items grouped by doctor, référent or service, in the order of
    /// their keys (the items without one last), each group in list order.
    ///
    /// ```
    /// use cme_pdp::worklists::{Grouping, Worklists, WorklistOptions};
    /// let w = Worklists::new(chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(), WorklistOptions::default());
    /// assert!(w.grouped(Grouping::Doctor).is_empty());
    /// ```
    pub fn grouped(&self, by: Grouping) -> Vec<(Option<&str>, Vec<&WorkItem>)> {
        let mut groups: BTreeMap<(bool, Option<&str>), Vec<&WorkItem>> = BTreeMap::new();
        for item in &self.items {
            let key = by.key(item);
            groups.entry((key.is_none(), key)).or_default().push(item);
        }
        groups.into_iter().map(|((_, k), v)| (k, v)).collect()
    }

    fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (
                list_index(a.list),
                a.date,
                &a.service,
                &a.case_id,
                &a.reason.code,
            )
                .cmp(&(
                    list_index(b.list),
                    b.date,
                    &b.service,
                    &b.case_id,
                    &b.reason.code,
                ))
        });
    }
}

/// Lists of two dates cannot be merged.
///
/// ```
/// let e = cme_pdp::worklists::AsOfMismatch;
/// assert_eq!(e.code(), "merge_mismatch");
/// assert!(e.message_fr().starts_with("Les listes"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Les listes de travail ne sont pas à la même date : rien n'a été fusionné.")]
pub struct AsOfMismatch;

impl AsOfMismatch {
    /// The stable code (that of [`crate::indicators::MergeError::Mismatch`]).
    pub fn code(&self) -> &'static str {
        crate::indicators::MergeError::CODE
    }

    /// The message in French.
    pub fn message_fr(&self) -> &'static str {
        "Les listes de travail ne sont pas à la même date : rien n'a été fusionné."
    }

    /// The message in English.
    pub fn message_en(&self) -> &'static str {
        "The worklists are not of the same date: nothing was merged."
    }
}

fn list_index(l: ListKind) -> usize {
    ListKind::ALL
        .iter()
        .position(|k| *k == l)
        .unwrap_or(usize::MAX)
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// The case an item is about, and where items go.
struct Line<'a> {
    case: &'a Case,
    referent: Option<&'a str>,
    items: &'a mut Vec<WorkItem>,
}

impl Line<'_> {
    fn push(&mut self, list: ListKind, date: NaiveDate, days: Option<i64>, reason: Reason) {
        self.push_for(self.case.doctor.clone(), list, date, days, reason);
    }

    /// An item for a doctor other than the one who follows the worker (the
    /// doctor who held a visit).
    fn push_for(
        &mut self,
        doctor: Option<String>,
        list: ListKind,
        date: NaiveDate,
        days: Option<i64>,
        reason: Reason,
    ) {
        self.items.push(WorkItem {
            list,
            case_id: self.case.id.clone(),
            service: self.case.service.clone(),
            doctor,
            referent: self.referent.map(str::to_string),
            date,
            days_overdue: days,
            reason,
        });
    }
}

fn reason(
    code: &str,
    text: &str,
    text_en: &str,
    params: &BTreeMap<String, String>,
    sources: &[Source],
) -> Reason {
    Reason {
        code: code.to_string(),
        text: text.to_string(),
        text_en: text_en.to_string(),
        params: params.clone(),
        sources: sources.to_vec(),
    }
}

/// A reason whose code is its text's, with its sources.
fn text_reason(text: Text, sources: Vec<Source>) -> Reason {
    let (fr, en) = text.rendered();
    Reason {
        code: text.code.code().to_string(),
        text: fr,
        text_en: en,
        params: text.params,
        sources,
    }
}

fn same_month(a: NaiveDate, b: NaiveDate) -> bool {
    (a.year(), a.month()) == (b.year(), b.month())
}

/// The items of one case, from its evaluation.
fn collect(
    mut line: Line<'_>,
    e: &Evaluation,
    policy: &Policy,
    as_of: NaiveDate,
    half: (NaiveDate, NaiveDate),
    options: &WorklistOptions,
) {
    let since = e.stage.value.since;
    let open = e.status.value == crate::evaluate::Status::EnCours;
    let plenary = crate::process::plenary_commission(policy);
    for step in &e.next_steps {
        let r = || {
            reason(
                &step.code,
                &step.text,
                &step.text_en,
                &step.params,
                &step.sources,
            )
        };
        match step.code.as_str() {
            "analyser_la_demande" => line.push(ListKind::AnalyseDemande, since, None, r()),
            "commission_pleniere" => line.push(ListKind::Pleniere, since, None, r()),
            "recueillir_accord" if plenary => {
                line.push(ListKind::Pleniere, since, None, r());
            }
            "relancer_ou_sortie" => {
                // dated since the worker stopped answering (the pathway's
                // reading, carried by the step)
                line.push(ListKind::ARappeler, step.due.unwrap_or(since), None, r());
            }
            "suivi_a_venir" => {
                if let Some(due) = step.due.filter(|d| same_month(*d, as_of)) {
                    let days = days_between(due, as_of);
                    line.push(ListKind::SuiviAFaire, due, Some(days), r());
                }
            }
            _ => {}
        }
    }
    for alert in &e.alerts {
        let list = match alert.code.as_str() {
            "contact_en_retard" => ListKind::ContactEnRetard,
            "suivi_a_echeance" => ListKind::SuiviAFaire,
            "suivi_en_retard" => ListKind::SuiviEnRetard,
            _ => continue,
        };
        let r = reason(
            &alert.code,
            &alert.text,
            &alert.text_en,
            &alert.params,
            &alert.sources,
        );
        line.push(list, alert.due.unwrap_or(since), alert.days_overdue, r);
    }
    let horizon = as_of
        .checked_add_days(Days::new(u64::from(options.reprise_within_days)))
        .unwrap_or(as_of);
    for outcome in e.visits.absences.iter().flat_map(|a| &a.outcomes) {
        let Some(due) = outcome.due else { continue };
        // A visit due within the horizon; one overdue only while the case
        // is in the cell (a cell that does not record the visits would
        // otherwise list every return of its closed cases).
        if outcome.rule != VisitRule::Reprise
            || outcome.obligation != Obligation::Obligatoire
            || outcome.done_on.is_some()
            || due > horizon
            || (due < as_of && !open)
        {
            continue;
        }
        let late = days_between(due, as_of);
        let text = if late > 0 {
            Text::new(TextCode::VisiteRepriseEnRetard)
                .with("due", due)
                .with("late", late)
        } else {
            Text::new(TextCode::VisiteRepriseAOrganiser)
                .with("due", due)
                .with("left", -late)
        };
        let r = text_reason(text, outcome.sources.clone());
        line.push(ListKind::VisiteReprise, due, Some(late), r);
    }
    let (start, end) = half;
    for visit in &line.case.visits {
        if visit.kind != VisitRule::PreReprise || visit.date < start || visit.date > end {
            continue;
        }
        let text = Text::new(TextCode::PreRepriseDeLaQuinzaine)
            .with("date", visit.date)
            .with("start", start)
            .with("end", end);
        let r = text_reason(
            text,
            vec![Source::document(
                "astbtp01_pdp_2020",
                "envoi deux fois par mois à chaque médecin du travail de la liste des visites de pré-reprise qu'il a effectuées",
            )],
        );
        // to the doctor who held the visit, else the one who follows the
        // worker
        let doctor = visit.doctor.clone().or_else(|| line.case.doctor.clone());
        line.push_for(doctor, ListKind::PreRepriseQuinzaine, visit.date, None, r);
    }
}

/// The options of [`worklists_json`] from their JSON form: `lists` (codes
/// of [`ListKind`]), `service`, `doctor`, `referent` (filters),
/// `reprise_within_days` (0 to 31), `by` (`doctor`, `referent`,
/// `service`). Every problem at `options.…`.
fn options_of(value: &Value) -> Result<(WorklistOptions, Option<Grouping>), Vec<Issue>> {
    let mut o = WorklistOptions::default();
    let mut by = None;
    let mut issues = Vec::new();
    let at = |k: &str| Path::root().key("options").key(k);
    let Some(map) = value.as_object() else {
        if !value.is_null() {
            issues.push(Issue::new(
                IssueCode::ObjectType,
                Path::root().key("options"),
            ));
        }
        return if issues.is_empty() {
            Ok((o, by))
        } else {
            Err(issues)
        };
    };
    for (key, v) in map {
        match key.as_str() {
            "lists" => match v.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        match item.as_str().and_then(ListKind::from_code) {
                            Some(l) if !o.lists.contains(&l) => o.lists.push(l),
                            Some(_) => {}
                            None => issues.push(
                                Issue::new(IssueCode::UnknownCode, at("lists").index(i))
                                    .with("kind", ListKind::KIND)
                                    .with("allowed", ListKind::codes_joined()),
                            ),
                        }
                    }
                }
                None => issues.push(Issue::new(IssueCode::ArrayType, at("lists"))),
            },
            "service" | "doctor" | "referent" => match v.as_str() {
                Some(s) if crate::validate::is_identifier(s, crate::limits::MAX_ID_LEN) => {
                    let slot = match key.as_str() {
                        "service" => &mut o.service,
                        "doctor" => &mut o.doctor,
                        _ => &mut o.referent,
                    };
                    *slot = Some(s.to_string());
                }
                _ => issues.push(
                    Issue::new(IssueCode::InvalidId, at(key))
                        .with("max", crate::limits::MAX_ID_LEN),
                ),
            },
            "reprise_within_days" => match v.as_u64().filter(|n| *n <= 31) {
                Some(n) => o.reprise_within_days = u32::try_from(n).unwrap_or(8),
                None => issues.push(
                    Issue::new(IssueCode::IntegerOutOfRange, at(key))
                        .with("min", 0)
                        .with("max", 31),
                ),
            },
            "by" => match v.as_str().and_then(Grouping::from_code) {
                Some(g) => by = Some(g),
                None if v.is_null() => {}
                None => issues.push(
                    Issue::new(IssueCode::UnknownCode, at("by"))
                        .with("kind", "grouping")
                        .with("allowed", "doctor, referent, service"),
                ),
            },
            other => issues.push(Issue::new(
                IssueCode::UnknownField,
                Path::root().key("options").key(other),
            )),
        }
    }
    if issues.is_empty() {
        Ok((o, by))
    } else {
        Err(issues)
    }
}

/// The worklists of cases in the interchange format, in their JSON form:
/// what every binding gives. `policies` is `null` (each case under its
/// service's preset) or an object service → preset code or policy;
/// `as_of` a date; `options` as [`WorklistOptions`] (`null` or `{}` for
/// all the lists), with `by` to group the items (`groups`: `key` and
/// `items`) instead of listing them (`items`). Each item has its list's
/// French and English labels. Every problem of the cases (`cases[i]…`), of
/// the policies (`policies.<service>…`) and of the options is given at
/// once.
///
/// ```
/// use cme_pdp::worklists::worklists_json;
/// let cases = cme_pdp::sample::sample_json_values().unwrap();
/// let by_doctor = worklists_json(&cases, &serde_json::Value::Null, "2024-06-30",
///     &serde_json::json!({"by": "doctor", "lists": ["pleniere"]})).unwrap();
/// assert!(by_doctor.get("items").is_none() && by_doctor["groups"].is_array());
/// let err = worklists_json(&cases, &serde_json::Value::Null, "2024-06-30",
///     &serde_json::json!({"lists": ["copil"]})).unwrap_err();
/// assert_eq!(err.issues()[0].path.as_str(), "options.lists[0]");
/// ```
pub fn worklists_json(
    cases: &[Value],
    policies: &Value,
    as_of: &str,
    options: &Value,
) -> Result<Value, CmeError> {
    crate::indicators::check_case_count(cases.len())?;
    let mut builder = WorklistsBuilder::new(policies, as_of, options)?;
    cases.iter().for_each(|c| builder.add_case(c));
    builder.finish()
}

/// Worklists built case after case from JSON, for callers that convert
/// cases part after part (the bindings): [`worklists_json`] in steps.
///
/// ```
/// use cme_pdp::worklists::WorklistsBuilder;
/// let mut b = WorklistsBuilder::new(&serde_json::Value::Null, "2024-06-30", &serde_json::json!({})).unwrap();
/// for case in cme_pdp::sample::sample_json_values().unwrap() { b.add_case(&case); }
/// assert!(b.finish().unwrap()["cases"].as_u64().unwrap() > 0);
/// assert!(WorklistsBuilder::new(&serde_json::Value::Null, "30/06/2024", &serde_json::json!({})).is_err());
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct WorklistsBuilder {
    worklists: Worklists,
    by: Option<Grouping>,
    presets: bool,
    policies: BTreeMap<String, Loaded>,
    setup: Vec<Issue>,
    cases: crate::validate::ListIssues,
    added: usize,
}

impl WorklistsBuilder {
    /// Lists of no case yet: the policies (`null`: each case under its
    /// service's preset; or an object service → preset code or policy),
    /// the date, the options. A date that cannot be read is refused at
    /// once; every other problem is given by [`WorklistsBuilder::finish`].
    pub fn new(
        policies: &Value,
        as_of: &str,
        options: &Value,
    ) -> Result<WorklistsBuilder, CmeError> {
        let as_of = crate::error::parse_as_of(as_of)?;
        let mut setup = Vec::new();
        let (options, by) = options_of(options).unwrap_or_else(|found| {
            setup.extend(found);
            (WorklistOptions::default(), None)
        });
        let loaded: BTreeMap<String, Loaded> =
            crate::indicators::region::service_policies(policies, &mut setup)
                .unwrap_or_default()
                .into_iter()
                .map(|(service, p)| (service, Loaded::new(p)))
                .collect();
        Ok(WorklistsBuilder {
            worklists: Worklists::new(as_of, options),
            by,
            presets: policies.is_null(),
            policies: loaded,
            setup,
            cases: crate::validate::ListIssues::new("cases"),
            added: 0,
        })
    }

    /// Reads the next case (its problems at `cases[i]…`) and adds its items
    /// when valid. Past [`crate::limits::MAX_ROWS`] cases, `too_many_items`
    /// at `cases`.
    pub fn add_case(&mut self, value: &Value) {
        let i = self.added;
        self.added = self.added.saturating_add(1);
        if i >= crate::limits::MAX_ROWS {
            if i == crate::limits::MAX_ROWS {
                if let Err(e) = crate::indicators::check_case_count(self.added) {
                    self.setup.extend(e.issues().iter().cloned());
                }
            }
            return;
        }
        let options = crate::validate::ValidateOptions::default();
        let Some(case) = self.cases.read_case(i, value, &options) else {
            return;
        };
        let policy = match self.policies.get(&case.service) {
            Some(p) => Some(p),
            None if self.presets => Loaded::preset(&case.service).ok(),
            None => None,
        };
        let Some(policy) = policy else {
            self.cases.add(
                i,
                vec![
                    Issue::new(IssueCode::UnknownCode, Path::root().key("service"))
                        .with("kind", "policy")
                        .with("allowed", self.services()),
                ],
            );
            return;
        };
        if let Err(e) = self.worklists.add(&case, policy) {
            self.cases.add(i, e.issues().to_vec());
        }
    }

    /// The services that have a policy, for an error message.
    fn services(&self) -> String {
        if self.presets {
            crate::policy::preset_codes().join(", ")
        } else {
            self.policies.keys().cloned().collect::<Vec<_>>().join(", ")
        }
    }

    /// The lists in their JSON form, or every problem met.
    pub fn finish(self) -> Result<Value, CmeError> {
        let (w, by) = self.finish_lists()?;
        Ok(worklists_value(&w, by))
    }

    /// The lists and the grouping asked for, or every problem met.
    pub fn finish_lists(self) -> Result<(Worklists, Option<Grouping>), CmeError> {
        let mut issues = self.setup;
        if !self.cases.is_empty() {
            issues.extend(self.cases.finish());
        }
        if !issues.is_empty() {
            return Err(CmeError::InvalidCase(crate::validate::ValidationError {
                issues,
            }));
        }
        Ok((self.worklists, self.by))
    }
}

impl Worklists {
    /// The lists as a text to read or print, in French or English: a
    /// heading per list with its number of items, a line per item (case,
    /// service, doctor, référent, date, reason); grouped by doctor,
    /// référent or service when asked.
    ///
    /// ```
    /// use cme_pdp::{issue::Lang, worklists::{Grouping, Worklists, WorklistOptions}};
    /// let w = Worklists::new(chrono::NaiveDate::from_ymd_opt(2024, 6, 17).unwrap(), WorklistOptions::default());
    /// assert_eq!(w.to_text(None, Lang::Fr), "Listes de travail au 17 juin 2024 : 0 dossier, aucune ligne.\n");
    /// assert!(w.to_text(Some(Grouping::Doctor), Lang::En).starts_with("Worklists on 17 June 2024"));
    /// ```
    pub fn to_text(&self, by: Option<Grouping>, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let date = |d: NaiveDate| {
            if fr {
                crate::texts::date_fr(d)
            } else {
                crate::texts::date_en(d)
            }
        };
        let mut out = if fr {
            format!(
                "Listes de travail au {} : {} dossier{}, ",
                date(self.as_of),
                self.cases,
                if self.cases > 1 { "s" } else { "" }
            )
        } else {
            format!(
                "Worklists on {}: {} case{}, ",
                date(self.as_of),
                self.cases,
                if self.cases == 1 { "" } else { "s" }
            )
        };
        out.push_str(&match (self.items.len(), fr) {
            (0, true) => "aucune ligne.\n".to_string(),
            (1, true) => "1 ligne.\n".to_string(),
            (n, true) => format!("{n} lignes.\n"),
            (1, false) => "1 line.\n".to_string(),
            (n, false) => format!("{n} lines.\n"),
        });
        let groups: Vec<(Option<String>, Vec<&WorkItem>)> = match by {
            None => vec![(None, self.items.iter().collect())],
            Some(g) => self
                .grouped(g)
                .into_iter()
                .map(|(key, items)| {
                    let name = match (g, key, fr) {
                        (Grouping::Doctor, Some(k), true) => format!("Médecin du travail {k}"),
                        (Grouping::Doctor, Some(k), false) => format!("Doctor {k}"),
                        (Grouping::Doctor, None, true) => "Sans médecin du travail indiqué".into(),
                        (Grouping::Doctor, None, false) => "No médecin du travail recorded".into(),
                        (Grouping::Referent, Some(k), _) => format!("Référent {k}"),
                        (Grouping::Referent, None, true) => "Sans référent désigné".into(),
                        (Grouping::Referent, None, false) => "No référent assigned".into(),
                        (Grouping::Service, k, _) => format!("Service {}", k.unwrap_or("")),
                    };
                    (Some(name), items)
                })
                .collect(),
        };
        for (name, items) in groups {
            if let Some(name) = name {
                out.push_str(&format!("\n{name}\n"));
            }
            for list in ListKind::ALL {
                let lines: Vec<&&WorkItem> = items.iter().filter(|i| i.list == *list).collect();
                if lines.is_empty() {
                    continue;
                }
                let label = if fr { list.label_fr() } else { list.label_en() };
                out.push_str(&format!("\n{label} ({})\n", lines.len()));
                for i in lines {
                    let mut who = vec![i.service.clone()];
                    if let Some(d) = &i.doctor {
                        who.push(if fr {
                            format!("médecin {d}")
                        } else {
                            format!("doctor {d}")
                        });
                    }
                    if let Some(r) = &i.referent {
                        who.push(format!("référent {r}"));
                    }
                    let reason = if fr {
                        &i.reason.text
                    } else {
                        &i.reason.text_en
                    };
                    out.push_str(&format!(
                        "  - {} ({}), {}{}{}\n",
                        i.case_id,
                        who.join(", "),
                        date(i.date),
                        if fr { " : " } else { ": " },
                        reason
                    ));
                }
            }
        }
        out
    }
}

/// Lists in their JSON form ([`worklists_json`]).
///
/// ```
/// use cme_pdp::worklists::{worklists_value, Worklists, WorklistOptions};
/// let w = Worklists::new(chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(), WorklistOptions::default());
/// assert_eq!(worklists_value(&w, None)["cases"], 0);
/// ```
pub fn worklists_value(w: &Worklists, by: Option<Grouping>) -> Value {
    let item = |i: &WorkItem| {
        let mut v = serde_json::to_value(i).unwrap_or(Value::Null);
        if let Some(map) = v.as_object_mut() {
            map.insert("list_label".into(), i.list.label_fr().into());
            map.insert("list_label_en".into(), i.list.label_en().into());
        }
        v
    };
    let mut out = serde_json::json!({
        "as_of": w.as_of,
        "half_month": {"start": w.half_month.0, "end": w.half_month.1},
        "cases": w.cases,
    });
    if let Some(map) = out.as_object_mut() {
        match by {
            None => {
                map.insert("items".into(), w.items.iter().map(item).collect());
            }
            Some(g) => {
                let groups: Vec<Value> = w
                    .grouped(g)
                    .into_iter()
                    .map(|(key, items)| {
                        serde_json::json!({
                            "key": key,
                            "items": items.into_iter().map(item).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                map.insert("by".into(), serde_json::to_value(g).unwrap_or(Value::Null));
                map.insert("groups".into(), groups.into());
            }
        }
    }
    out
}
