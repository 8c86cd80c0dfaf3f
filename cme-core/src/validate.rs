//! Validation of untrusted input: every problem at once, as data.
//!
//! [`validate`] walks a JSON document against the interchange format and
//! returns every [`Issue`] it finds: missing fields, unknown fields and
//! codes, malformed dates, dates out of order, inconsistencies. Invalid input
//! is a list of issues, never a panic. [`parse_case`] returns the typed
//! [`Case`] when there is no issue.
//!
//! Checks, in order: the structure and types of each field; then the
//! consistency between fields (a sick leave ending before it starts, an
//! event before the signalement, a follow-up before the exit or without one,
//! more than one exit, an exit without a result, a date after the evaluation
//! date, a consent withdrawn before it was given, a birth year contradicting
//! the birth date, an implausible age). Consistency checks run on every part
//! that could be read, so a broken field does not hide the other problems.
//!
//! ```
//! use cme_pdp::validate::{validate, ValidateOptions};
//! use chrono::NaiveDate;
//!
//! let input = serde_json::json!({
//!     "format_version": 1,
//!     "id": "D-0002",
//!     "service": "aist43",
//!     "worker": {},
//!     "sick_leaves": [{"start": "2024-05-10", "end": "2024-05-01",
//!                      "cause": "maladie_non_professionnelle"}],
//!     "signalement": {"date": "2024-05-20", "source_visit": "pre_reprise",
//!                     "signalled_by": "medecin_du_travail"},
//!     "events": [{"type": "sortie", "date": "2024-06-01"}]
//! });
//! let options = ValidateOptions::as_of(NaiveDate::from_ymd_opt(2024, 12, 31));
//! let found: Vec<(String, String)> = validate(&input, &options)
//!     .into_iter()
//!     .map(|i| (i.code.to_string(), i.path.to_string()))
//!     .collect();
//! assert_eq!(found, [
//!     ("sick_leave_end_before_start".to_string(), "sick_leaves[0].end".to_string()),
//!     ("exit_without_result".to_string(), "events[0].result".to_string()),
//! ]);
//! ```

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use crate::reader::{At, Fields, Node, Obj, Reader};

use crate::case::{
    Case, CategoryOverride, Consent, Event, EventType, ExitResult, Nomenclature, Sector, SickLeave,
    Signalement, Worker, FORMAT_VERSION,
};
use crate::codes::Code;
use crate::issue::{Issue, IssueCode, Path};

/// Documented input limits ([`crate::limits`]).
pub use crate::limits;

pub(crate) use crate::dates::date_in_range;
pub use crate::dates::{age_on, parse_iso_date};

/// Options of a validation.
///
/// ```
/// use cme_pdp::validate::ValidateOptions;
/// let o = ValidateOptions::default();
/// assert!(o.as_of.is_none());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValidateOptions {
    /// The evaluation date: no date of the case may be after it (except the
    /// expected end of a running sick leave). `None` skips that check.
    pub as_of: Option<NaiveDate>,
}

impl ValidateOptions {
    /// Options checking that no date of the case is after `as_of` (none:
    /// that check is skipped). The struct is `#[non_exhaustive]`: outside
    /// this crate, build it here or from `Default` and set its fields.
    ///
    /// ```
    /// use cme_pdp::validate::ValidateOptions;
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 30);
    /// assert_eq!(ValidateOptions::as_of(day).as_of, day);
    /// ```
    pub fn as_of(as_of: Option<NaiveDate>) -> Self {
        ValidateOptions { as_of }
    }
}

pub use crate::error::ValidationError;
pub use crate::reader::read_json;

/// Every problem of a JSON value read as a case.
///
/// ```
/// use cme_pdp::validate::{validate, ValidateOptions};
/// let issues = validate(&serde_json::json!([]), &ValidateOptions::default());
/// assert_eq!(issues[0].code.code(), "object_type");
/// ```
pub fn validate(input: &Value, options: &ValidateOptions) -> Vec<Issue> {
    let mut v = Reader::new(options.as_of);
    v.case(input);
    v.into_issues()
}

/// Every problem of a JSON text read as a case (malformed JSON and
/// oversized documents are issues too).
///
/// ```
/// use cme_pdp::validate::{validate_json, ValidateOptions};
/// let issues = validate_json("{\"id\": ", &ValidateOptions::default());
/// assert_eq!(issues[0].code.code(), "invalid_json");
/// ```
pub fn validate_json(text: &str, options: &ValidateOptions) -> Vec<Issue> {
    match read_json(text) {
        Ok(value) => validate(&value, options),
        Err(issue) => vec![issue],
    }
}

/// The typed case, or every problem of the input.
///
/// ```
/// use cme_pdp::validate::{parse_case, ValidateOptions};
/// let value = cme_pdp::sample::sample_json_values().unwrap().remove(0);
/// let case = parse_case(&value, &ValidateOptions::default()).unwrap();
/// // The sample is in format version 1: read and migrated to version 2.
/// assert_eq!((value["format_version"].as_u64(), case.format_version), (Some(1), 2));
/// ```
pub fn parse_case(input: &Value, options: &ValidateOptions) -> Result<Case, ValidationError> {
    let mut v = Reader::new(options.as_of);
    let case = v.case(input);
    let issues = v.into_issues();
    match case {
        Some(case) if issues.is_empty() => Ok(case),
        _ => Err(ValidationError { issues }),
    }
}

// The check of a typed case lives with the rules it runs: the case model
// does not import its validation.
impl Case {
    /// Every problem of this case, as [`crate::validate::validate`] would
    /// report for its JSON form (one implementation for typed and untrusted
    /// input).
    ///
    /// ```
    /// use cme_pdp::validate::ValidateOptions;
    /// let mut case = cme_pdp::sample::sample_cases().unwrap().remove(0);
    /// assert!(case.check(&ValidateOptions::default()).is_empty());
    /// case.id = "Jean Dupont".into();
    /// let issues = case.check(&ValidateOptions::default());
    /// assert_eq!(issues[0].code.code(), "invalid_id");
    /// assert!(!issues[0].message.contains("Dupont"));
    /// ```
    pub fn check(&self, options: &ValidateOptions) -> Vec<crate::issue::Issue> {
        match serde_json::to_value(self) {
            Ok(value) => validate(&value, options),
            // Serializing plain structs with string keys cannot fail; report
            // it as data all the same rather than panic.
            Err(_) => vec![crate::issue::Issue::new(
                crate::issue::IssueCode::InvalidJson,
                crate::issue::Path::root(),
            )],
        }
    }
}

/// The consistency codes that are pathway rules too: the evaluation leaves
/// them to the pathway, which refuses the event and reports it, rather than
/// rejecting the whole case.
pub const PATHWAY_CODES: [IssueCode; 11] = [
    IssueCode::EventBeforeSignalement,
    IssueCode::FollowUpBeforeExit,
    IssueCode::FollowUpWithoutExit,
    IssueCode::DuplicateExit,
    IssueCode::ExitWithoutResult,
    IssueCode::EventAfterClosure,
    IssueCode::PlanWithoutConsent,
    IssueCode::PlanNotProposed,
    IssueCode::ActionBeforePlanAccepted,
    IssueCode::PartnerWithoutConsent,
    IssueCode::ReopeningWithoutExit,
];

/// [`parse_case`] for evaluation: the problems in [`PATHWAY_CODES`] are
/// left to the pathway (the event is refused and reported), warnings
/// ([`crate::issue::Severity::Warning`]) to the rule they concern; every
/// other problem still rejects the case.
///
/// ```
/// use cme_pdp::validate::{parse_case_for_pathway, ValidateOptions};
/// let mut value = cme_pdp::sample::sample_json_values().unwrap().remove(11);
/// value["events"].as_array_mut().unwrap().push(serde_json::json!({"type": "sortie", "date": "2025-01-02"}));
/// assert!(cme_pdp::validate::parse_case(&value, &ValidateOptions::default()).is_err());
/// assert!(parse_case_for_pathway(&value, &ValidateOptions::default()).is_ok());
/// ```
pub fn parse_case_for_pathway(
    input: &Value,
    options: &ValidateOptions,
) -> Result<Case, ValidationError> {
    read_for_pathway(input, options, limits::MAX_ISSUES)
}

/// [`parse_case_for_pathway`] listing at most `cap` problems.
fn read_for_pathway(
    input: &Value,
    options: &ValidateOptions,
    cap: usize,
) -> Result<Case, ValidationError> {
    let mut v = Reader::with_cap(options.as_of, cap);
    let case = v.case(input);
    // Pathway codes are the pathway's to refuse; warnings do not reject a
    // case that is being evaluated (the legal calendar judges the fact).
    let mut issues = v.into_issues();
    issues.retain(|i| !PATHWAY_CODES.contains(&i.code) && i.severity.is_error());
    match case {
        Some(case) if issues.is_empty() => Ok(case),
        _ => Err(ValidationError { issues }),
    }
}

/// The problems of the items of a list (cases, rows), gathered item after
/// item with their paths `cases[i]…`: at most
/// [`limits::MAX_ROW_ISSUES`] for an item and [`limits::MAX_ISSUES`] for
/// the list, the others counted in `more_issues` problems (memory bounded
/// whatever the list holds).
///
/// ```
/// use cme_pdp::validate::{ListIssues, ValidateOptions};
/// let mut list = ListIssues::new("cases");
/// for i in 0..2000 {
///     // each item is read as a case: `{}` misses its required fields
///     list.read_case(i, &serde_json::json!({}), &ValidateOptions::default());
/// }
/// let issues = list.finish();
/// assert_eq!(issues.len(), cme_pdp::limits::MAX_ISSUES + 1);
/// assert_eq!(issues.last().unwrap().code.code(), "more_issues");
/// assert_eq!(issues.last().unwrap().path.as_str(), "cases");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ListIssues {
    key: &'static str,
    issues: Vec<Issue>,
    omitted: usize,
}

impl ListIssues {
    /// No problem yet, for the list at `key` (`cases`, `rows`).
    pub fn new(key: &'static str) -> ListIssues {
        ListIssues {
            key,
            issues: Vec::new(),
            omitted: 0,
        }
    }

    /// Reads item `i` as a case for the pathway
    /// ([`parse_case_for_pathway`]): the case, or `None` and its problems
    /// recorded at `cases[i]…`.
    pub fn read_case(
        &mut self,
        i: usize,
        input: &Value,
        options: &ValidateOptions,
    ) -> Option<Case> {
        match read_for_pathway(input, options, limits::MAX_ROW_ISSUES) {
            Ok(case) => Some(case),
            Err(e) => {
                self.add(i, e.issues);
                None
            }
        }
    }

    /// Records the problems of item `i` (paths relative to the item).
    pub fn add(&mut self, i: usize, mut item: Vec<Issue>) {
        let prefix = Path::root().key(self.key).index(i);
        crate::issue::cap_issues(&mut item, limits::MAX_ROW_ISSUES, 0, Path::root());
        for mut issue in item {
            if self.issues.len() >= limits::MAX_ISSUES {
                self.omitted = self.omitted.saturating_add(1);
                continue;
            }
            issue.path = if issue.path.as_str().is_empty() {
                prefix.clone()
            } else {
                Path::from_rendered(&format!("{}.{}", prefix.as_str(), issue.path.as_str()))
            };
            self.issues.push(issue);
        }
    }

    /// Records a problem of the list itself (its path as given).
    pub fn push(&mut self, issue: Issue) {
        if self.issues.len() < limits::MAX_ISSUES {
            self.issues.push(issue);
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
    }

    /// Whether no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// Every problem recorded, the count of those not listed in a last
    /// `more_issues` problem at the list.
    pub fn finish(self) -> Vec<Issue> {
        let mut issues = self.issues;
        crate::issue::cap_issues(
            &mut issues,
            limits::MAX_ISSUES,
            self.omitted,
            Path::root().key(self.key),
        );
        issues
    }
}

/// [`parse_case_for_pathway`] for a list of cases: all of them, or every
/// problem of every case with the path `cases[i]…` (nothing is added when
/// one is invalid; problems listed as [`ListIssues`] lists them).
///
/// ```
/// use cme_pdp::validate::{parse_cases_for_pathway, ValidateOptions};
/// let mut cases = cme_pdp::sample::sample_json_values().unwrap();
/// assert_eq!(parse_cases_for_pathway(&cases, &ValidateOptions::default()).unwrap().len(), 50);
/// cases[3]["id"] = "Jean Dupont".into();
/// let err = parse_cases_for_pathway(&cases, &ValidateOptions::default()).unwrap_err();
/// assert_eq!(err.issues[0].path.as_str(), "cases[3].id");
/// ```
pub fn parse_cases_for_pathway(
    items: &[Value],
    options: &ValidateOptions,
) -> Result<Vec<Case>, ValidationError> {
    let mut cases = Vec::with_capacity(items.len());
    let mut issues = ListIssues::new("cases");
    for (i, value) in items.iter().enumerate() {
        if let Some(case) = issues.read_case(i, value, options) {
            cases.push(case);
        }
    }
    if issues.is_empty() {
        Ok(cases)
    } else {
        Err(ValidationError {
            issues: issues.finish(),
        })
    }
}

/// [`parse_case`] from a JSON text.
///
/// ```
/// use cme_pdp::validate::{parse_case_json, ValidateOptions};
/// assert!(parse_case_json("[1, 2]", &ValidateOptions::default()).is_err());
/// ```
pub fn parse_case_json(text: &str, options: &ValidateOptions) -> Result<Case, ValidationError> {
    let value = read_json(text).map_err(|issue| ValidationError {
        issues: vec![issue],
    })?;
    parse_case(&value, options)
}

/// Reads one event structurally (types, codes, dates, fields of its type),
/// with paths under `events[index]`. Whether the pathway accepts it is the
/// pathway's decision ([`crate::pathway::try_add_event`]): an exit without
/// a result is read here and refused there.
///
/// ```
/// use cme_pdp::validate::{parse_event, ValidateOptions};
/// let e = parse_event(&serde_json::json!({"type": "contact", "date": "2024-01-02"}), 3,
///                     &ValidateOptions::default()).unwrap();
/// assert_eq!(e.date().to_string(), "2024-01-02");
/// let err = parse_event(&serde_json::json!({"type": "contact"}), 3, &ValidateOptions::default()).unwrap_err();
/// assert_eq!(err.issues[0].path.as_str(), "events[3].date");
/// ```
pub fn parse_event(
    input: &Value,
    index: usize,
    options: &ValidateOptions,
) -> Result<Event, ValidationError> {
    let mut v = Reader::new(options.as_of);
    let event = v.event(input, Path::root().key("events").index(index).into());
    let mut issues = v.into_issues();
    issues.retain(|i| i.code != IssueCode::ExitWithoutResult);
    match event {
        Some(event) if issues.is_empty() => Ok(event),
        _ => Err(ValidationError { issues }),
    }
}

/// Reads the inputs of the legal calendar for one leave: a sick leave
/// (path `leave`), a worker (path `worker`) and an optional requester code
/// (path `requested_by`), reporting every problem at once.
pub fn parse_leave_inputs(
    leave: &Value,
    worker: &Value,
    requested_by: Option<&str>,
) -> Result<
    (
        crate::case::SickLeave,
        Worker,
        Option<crate::case::Requester>,
    ),
    ValidationError,
> {
    let mut v = Reader::new(None);
    let leave = v.sick_leave(leave, Path::root().key("leave").into());
    let worker = v.worker(worker, Path::root().key("worker").into());
    let requester = requested_by.and_then(|code| {
        v.code::<crate::case::Requester>(
            &Value::String(code.to_string()),
            Path::root().key("requested_by").into(),
        )
    });
    let issues = v.into_issues();
    match (leave, worker) {
        (Some(leave), Some(worker)) if issues.is_empty() => Ok((leave, worker, requester)),
        _ => Err(ValidationError { issues }),
    }
}

/// Reads the options of the legal calendar (path `options`): unknown
/// fields, types and ranges ([`crate::legal::LegalOptions::check`]), every
/// problem at once; `null` is the default.
pub fn parse_legal_options(value: &Value) -> Result<crate::legal::LegalOptions, ValidationError> {
    let mut v = Reader::new(None);
    let options = v.legal_options(value, Path::root().key("options").into());
    let issues = v.into_issues();
    match options {
        Some(o) if issues.is_empty() => Ok(o),
        _ => Err(ValidationError { issues }),
    }
}

/// Reads a calendar input (paths from the root: `leaves[0].start`,
/// `visits[1].done_by`, …) and its options (path `options`), every problem
/// at once.
///
/// ```
/// use serde_json::json;
/// let err = cme_pdp::validate::parse_calendar(
///     &json!({"visits": [{"kind": "reprise", "date": "2022-01-10", "done_by": "infirmier_delegation"}]}),
///     &json!({"branch_agreement_age": 4000000000u64})).unwrap_err();
/// let found: Vec<(&str, &str)> = err.issues.iter().map(|i| (i.code.code(), i.path.as_str())).collect();
/// assert_eq!(found, [("visit_by_nurse_before_delegation", "visits[0].done_by"),
///                    ("integer_out_of_range", "options.branch_agreement_age")]);
/// ```
pub fn parse_calendar(
    input: &Value,
    options: &Value,
) -> Result<(crate::legal::CalendarInput, crate::legal::LegalOptions), ValidationError> {
    let mut v = Reader::new(None);
    let calendar = v.calendar_input(input, Path::root().into());
    let options = v.legal_options(options, Path::root().key("options").into());
    let issues = v.into_issues();
    match (calendar, options) {
        (Some(c), Some(o)) if issues.is_empty() => Ok((c, o)),
        _ => Err(ValidationError { issues }),
    }
}

impl Reader {
    // ---- the case ---------------------------------------------------

    pub(crate) fn case<'v>(&mut self, input: impl Node<'v>) -> Option<Case> {
        let obj = self.object(
            input,
            Path::root().into(),
            &[
                "format_version",
                "id",
                "service",
                "policy",
                "doctor",
                "worker",
                "sick_leaves",
                "signalement",
                "consents",
                "events",
                "category_override",
                "visits",
                "employer_exchanges",
                "referrals",
                "meetings",
                "measures",
            ],
        )?;
        let read_version = self.required(&obj, "format_version", |v, value, path| {
            let n = v.integer(value, path.clone(), 0, i64::from(u32::MAX))?;
            match crate::case::FORMAT_VERSIONS_READ
                .iter()
                .find(|r| i64::from(**r) == n)
            {
                Some(r) => Some(*r),
                None => {
                    v.push(
                        Issue::new(IssueCode::UnsupportedFormatVersion, path.path())
                            .with("supported", "1, 2"),
                    );
                    None
                }
            }
        });
        // A version 1 document is migrated to the current version; the
        // fields of version 2 are refused in it.
        let format_version = read_version.map(|_| FORMAT_VERSION);
        self.version = read_version;
        let id = self.required(&obj, "id", |v, value, path| {
            v.identifier(value, path, limits::MAX_ID_LEN, IssueCode::InvalidId)
        });
        let service = self.required(&obj, "service", |v, value, path| {
            let s = v.string(value, path.clone(), limits::MAX_SERVICE_LEN)?;
            if !is_service_code(s) {
                v.push(
                    Issue::new(IssueCode::InvalidServiceCode, path.path())
                        .with("max", limits::MAX_SERVICE_LEN),
                );
                return None;
            }
            Some(s.to_string())
        });
        let policy = self.optional(&obj, "policy", |v, value, path| {
            v.identifier(
                value,
                path,
                limits::MAX_POLICY_ID_LEN,
                IssueCode::InvalidPolicyId,
            )
        });
        self.v2_only(&obj, "doctor");
        let doctor = self.optional(&obj, "doctor", |v, value, path| {
            v.identifier(value, path, limits::MAX_ID_LEN, IssueCode::InvalidId)
        });
        let worker = self.required(&obj, "worker", |v, value, path| v.worker(value, path));
        let (sick_leaves, sick_leaves_ok) = self.list(
            &obj,
            "sick_leaves",
            limits::MAX_SICK_LEAVES,
            |v, value, path| v.sick_leave(value, path),
        );
        let (signalement, signalement_date) = self
            .required(&obj, "signalement", |v, value, path| {
                Some(v.signalement(value, path))
            })
            .unwrap_or((None, None));
        let (consents, consents_ok) =
            self.list(&obj, "consents", limits::MAX_CONSENTS, |v, value, path| {
                v.consent(value, path)
            });
        let (events, events_ok) =
            self.list(&obj, "events", limits::MAX_EVENTS, |v, value, path| {
                v.event(value, path)
            });
        let category_override = self.optional(&obj, "category_override", |v, value, path| {
            v.category_override(value, path)
        });
        if read_version == Some(1) && obj.get("visits").is_some() {
            self.push(
                Issue::new(IssueCode::FieldRequiresFormatVersion, obj.key("visits"))
                    .with("field", "visits")
                    .with("version", 2),
            );
        }
        let (visits, visits_ok) =
            self.list(&obj, "visits", limits::MAX_EVENTS, |v, value, path| {
                v.visit_record(value, path)
            });
        for field in ["employer_exchanges", "referrals", "meetings", "measures"] {
            self.v2_only(&obj, field);
        }
        let (exchanges, exchanges_ok) = self.list(
            &obj,
            "employer_exchanges",
            limits::MAX_EVENTS,
            |v, value, path| v.employer_exchange(value, path, signalement_date),
        );
        let (referrals, referrals_ok) =
            self.list(&obj, "referrals", limits::MAX_EVENTS, |v, value, path| {
                v.referral(value, path, signalement_date)
            });
        let (meetings, meetings_ok) =
            self.list(&obj, "meetings", limits::MAX_EVENTS, |v, value, path| {
                v.meeting(value, path, signalement_date)
            });
        let (measures, measures_ok) =
            self.list(&obj, "measures", limits::MAX_EVENTS, |v, value, path| {
                v.measure_record(value, path, signalement_date)
            });
        if read_version == Some(1) {
            for (i, e) in &events {
                if e.event_type() == EventType::Reouverture {
                    self.push(
                        Issue::new(
                            IssueCode::FieldRequiresFormatVersion,
                            obj.key("events").index(*i).key("type"),
                        )
                        .with("field", "reouverture")
                        .with("version", 2),
                    );
                }
            }
        }
        // Sharing with a partner needs the worker's consent that day
        // (seed 004, AIST 63: « votre accord est indispensable »).
        if consents_ok {
            let all: Vec<&crate::case::Consent> = consents.iter().map(|(_, c)| c).collect();
            for (i, r) in &referrals {
                if r.direction == crate::case::ReferralDirection::VersPartenaire
                    && !all.iter().any(|c| c.allows_sharing_with(r.partner, r.sent))
                {
                    self.push(Issue::new(
                        IssueCode::PartnerWithoutConsent,
                        obj.key("referrals").index(*i).key("partner"),
                    ));
                }
            }
        }

        // Consistency between parts that could be read.
        if let (Some(worker), Some(date)) = (&worker, signalement_date) {
            self.check_age(worker, date, &At::Key(&obj.at, "worker"));
        }
        self.check_timeline(
            &At::Key(&obj.at, "events"),
            signalement_date,
            &events,
            &consents,
            events_ok && consents_ok && {
                // A consent or an event with a problem of its own (other
                // than a pathway rule) would make the replay refuse events
                // for want of it.
                let events_path = obj.key("events");
                let consents_path = obj.key("consents");
                !self.issues.iter().any(|i| {
                    !PATHWAY_CODES.contains(&i.code)
                        && (i.path.starts_with(&events_path) || i.path.starts_with(&consents_path))
                })
            },
        );

        Some(Case {
            format_version: format_version?,
            id: id?,
            service: service?,
            policy,
            doctor,
            worker: worker?,
            sick_leaves: complete(sick_leaves, sick_leaves_ok)?,
            signalement: signalement?,
            consents: complete(consents, consents_ok)?,
            events: complete(events, events_ok)?,
            category_override,
            visits: complete(visits, visits_ok)?,
            employer_exchanges: complete(exchanges, exchanges_ok)?,
            referrals: complete(referrals, referrals_ok)?,
            meetings: complete(meetings, meetings_ok)?,
            measures: complete(measures, measures_ok)?,
        })
    }

    pub(crate) fn identifier<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
        max: usize,
        code: IssueCode,
    ) -> Option<String> {
        let Some(s) = value.as_str() else {
            self.push(Issue::new(IssueCode::StringType, path.path()));
            return None;
        };
        if !is_identifier(s, max) {
            self.push(Issue::new(code, path.path()).with("max", max));
            return None;
        }
        Some(s.to_string())
    }

    pub(crate) fn worker<'v>(&mut self, value: impl Node<'v>, path: At<'_>) -> Option<Worker> {
        let obj = self.object(
            value,
            path,
            &[
                "id",
                "birth_date",
                "birth_year",
                "company",
                "sector",
                "employer",
                "rqth",
                "cim10_chapter",
            ],
        )?;
        self.v2_only(&obj, "id");
        self.v2_only(&obj, "company");
        let id = self.optional(&obj, "id", |v, value, path| {
            v.identifier(value, path, limits::MAX_ID_LEN, IssueCode::InvalidId)
        });
        let company = self.optional(&obj, "company", |v, value, path| {
            v.identifier(value, path, limits::MAX_ID_LEN, IssueCode::InvalidId)
        });
        let birth_date = self.optional(&obj, "birth_date", |v, value, path| {
            v.past_date(value, path)
        });
        let birth_year = self.optional(&obj, "birth_year", |v, value, path| {
            v.integer(
                value,
                path,
                i64::from(limits::MIN_YEAR),
                i64::from(limits::MAX_YEAR),
            )
            .and_then(|n| i32::try_from(n).ok())
        });
        if let (Some(date), Some(year)) = (birth_date, birth_year) {
            if date.year() != year {
                self.push(Issue::new(
                    IssueCode::BirthYearMismatch,
                    obj.key("birth_year"),
                ));
            }
        }
        let sector = self.optional(&obj, "sector", |v, value, path| v.sector(value, path));
        let employer = self.optional(&obj, "employer", |v, value, path| v.code(value, path));
        let rqth = self.optional(&obj, "rqth", |v, value, path| v.code(value, path));
        let cim10_chapter = self.optional(&obj, "cim10_chapter", |v, value, path| {
            v.integer(value, path, 1, 22)
                .and_then(|n| u8::try_from(n).ok())
        });
        Some(Worker {
            id,
            birth_date,
            birth_year,
            company,
            sector,
            employer,
            rqth,
            cim10_chapter,
        })
    }

    pub(crate) fn legal_options<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
    ) -> Option<crate::legal::LegalOptions> {
        if value.is_null() {
            return Some(crate::legal::LegalOptions::default());
        }
        let obj = self.object(
            value,
            path,
            &[
                "branch_agreement_age",
                "liaison_absences_discontinues",
                "entretien_parcours_from",
                "thresholds",
            ],
        )?;
        let before = self.issues.len();
        let age = self.optional(&obj, "branch_agreement_age", |v, value, path| {
            v.integer(
                value,
                path,
                i64::from(crate::legal::BRANCH_AGE_MIN),
                i64::from(crate::legal::BRANCH_AGE_MAX),
            )
        });
        let discontinues = self
            .optional(&obj, "liaison_absences_discontinues", |v, value, path| {
                v.boolean(value, path)
            })
            .unwrap_or(false);
        let entretien = self.optional(&obj, "entretien_parcours_from", |v, value, path| {
            v.date(value, path, true)
        });
        let thresholds = self.optional(&obj, "thresholds", |v, value, path| v.code(value, path));
        let options = crate::legal::LegalOptions {
            branch_agreement_age: age.and_then(|a| u32::try_from(a).ok()),
            liaison_absences_discontinues: discontinues,
            entretien_parcours_from: entretien,
            thresholds,
        };
        if self.issues.len() == before {
            self.issues.extend(options.check());
        }
        Some(options)
    }

    pub(crate) fn calendar_input<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
    ) -> Option<crate::legal::CalendarInput> {
        let obj = self.object(
            value,
            path,
            &[
                "leaves",
                "worker",
                "pre_reprise_request",
                "liaison_date",
                "visits",
                "several_employers",
                "facts",
            ],
        )?;
        let (leaves, leaves_ok) =
            self.list(&obj, "leaves", limits::MAX_SICK_LEAVES, |v, value, path| {
                v.sick_leave(value, path)
            });
        let worker = self
            .optional(&obj, "worker", |v, value, path| {
                v.worker(value, path).map(Some)
            })
            .unwrap_or(Some(Worker::default()));
        let request = self.optional(&obj, "pre_reprise_request", |v, value, path| {
            let o = v.object(value, path, &["requested_by", "date"])?;
            let requested_by = v.required(&o, "requested_by", |v, value, path| v.code(value, path));
            let date = v.optional(&o, "date", |v, value, path| v.date(value, path, true));
            Some(crate::legal::PreRepriseRequest {
                requested_by: requested_by?,
                date,
            })
        });
        let liaison_date = self.optional(&obj, "liaison_date", |v, value, path| {
            v.date(value, path, true)
        });
        let (visits, visits_ok) =
            self.list(&obj, "visits", limits::MAX_EVENTS, |v, value, path| {
                v.visit_record(value, path)
            });
        let several_employers = self.optional(&obj, "several_employers", |v, value, path| {
            v.boolean(value, path)
        });
        let facts = self
            .optional(&obj, "facts", |v, value, path| v.measure_facts(value, path))
            .unwrap_or_default();
        Some(crate::legal::CalendarInput {
            leaves: complete(leaves, leaves_ok)?,
            worker: worker?,
            pre_reprise_request: request,
            liaison_date,
            visits: complete(visits, visits_ok)?,
            several_employers,
            facts,
        })
    }

    pub(crate) fn visit_record<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
    ) -> Option<crate::legal::VisitRecord> {
        use crate::legal::{Professional, VisitRule, DELEGATION_FROM};
        let obj = self.object(
            value,
            path,
            &[
                "kind",
                "date",
                "done_by",
                "requested_by",
                "remote",
                "avis_inaptitude",
                "objection_on",
                "doctor",
            ],
        )?;
        let kind: Option<VisitRule> =
            self.required(&obj, "kind", |v, value, path| v.code(value, path));
        let date = self.required(&obj, "date", |v, value, path| v.date(value, path, false));
        let done_by: Option<Professional> =
            self.optional(&obj, "done_by", |v, value, path| v.code(value, path));
        let requested_by: Option<crate::case::Requester> =
            self.optional(&obj, "requested_by", |v, value, path| v.code(value, path));
        if let Some(requester) = requested_by {
            if kind.is_some_and(|k| k != VisitRule::PreReprise) {
                self.push(Issue::new(
                    IssueCode::RequesterNotPreReprise,
                    obj.key("requested_by"),
                ));
            } else if let Some(code) =
                date.and_then(|d| pre_reprise_requester_issue(requester, Some(d)))
            {
                // the rule of the signalement's requester, at the visit's day
                self.push(Issue::new(code, obj.key("requested_by")));
            }
        }
        let remote = self
            .optional(&obj, "remote", |v, value, path| v.boolean(value, path))
            .unwrap_or(false);
        let avis = self
            .optional(&obj, "avis_inaptitude", |v, value, path| {
                v.boolean(value, path)
            })
            .unwrap_or(false);
        if kind == Some(VisitRule::RendezVousLiaison) && done_by.is_some() {
            self.push(Issue::new(
                IssueCode::DoneByNotForLiaison,
                obj.key("done_by"),
            ));
        }
        if done_by == Some(Professional::InfirmierDelegation)
            && date.is_some_and(|d| d < DELEGATION_FROM)
        {
            self.push(Issue::new(
                IssueCode::VisitByNurseBeforeDelegation,
                obj.key("done_by"),
            ));
        }
        if avis && done_by != Some(Professional::MedecinDuTravail) {
            self.push(Issue::new(
                IssueCode::AvisInaptitudeNotByDoctor,
                obj.key("avis_inaptitude"),
            ));
        }
        // R4624-30: at the pré-reprise visit, the worker may object to the
        // recommendations being sent to the employer: an objection belongs
        // to a pré-reprise visit, on or after its day.
        let objection = self.optional(&obj, "objection_on", |v, value, path| {
            v.date(value, path, false)
        });
        let doctor = self.optional(&obj, "doctor", |v, value, path| {
            v.identifier(value, path, limits::MAX_ID_LEN, IssueCode::InvalidId)
        });
        if objection.is_some() && kind.is_some_and(|k| k != VisitRule::PreReprise) {
            self.push(Issue::new(
                IssueCode::ObjectionNotPreReprise,
                obj.key("objection_on"),
            ));
        } else if let (Some(o), Some(d)) = (objection, date) {
            if o < d {
                self.push(Issue::new(
                    IssueCode::ObjectionBeforeVisit,
                    obj.key("objection_on"),
                ));
            }
        }
        Some(crate::legal::VisitRecord {
            kind: kind?,
            date: date?,
            done_by,
            requested_by,
            remote,
            avis_inaptitude: avis,
            objection_on: objection,
            doctor,
        })
    }

    pub(crate) fn employer_exchange<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
        signalement: Option<NaiveDate>,
    ) -> Option<crate::case::EmployerExchange> {
        use crate::case::ExchangeKind;
        let obj = self.object(
            value,
            path,
            &["kind", "date", "doctor_agreed", "worker_agreed"],
        )?;
        let kind: Option<ExchangeKind> =
            self.required(&obj, "kind", |v, value, path| v.code(value, path));
        let date = self.required(&obj, "date", |v, value, path| v.past_date(value, path));
        let doctor = self.optional(&obj, "doctor_agreed", |v, value, path| {
            v.boolean(value, path)
        });
        let worker = self.optional(&obj, "worker_agreed", |v, value, path| {
            v.boolean(value, path)
        });
        self.after_signalement(&obj, "date", date, signalement);
        // seed 004, AST BTP: « prise de contact avec l'entreprise avec
        // accord du médecin et du salarié »
        if kind == Some(ExchangeKind::Contact) {
            for (field, agreed) in [("doctor_agreed", doctor), ("worker_agreed", worker)] {
                if agreed != Some(true) {
                    self.push(
                        Issue::new(IssueCode::EmployerContactWithoutAgreement, obj.key(field))
                            .with("field", field),
                    );
                }
            }
        }
        Some(crate::case::EmployerExchange {
            kind: kind?,
            date: date?,
            doctor_agreed: doctor,
            worker_agreed: worker,
        })
    }

    pub(crate) fn referral<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
        signalement: Option<NaiveDate>,
    ) -> Option<crate::case::Referral> {
        use crate::case::{ReferralDirection, ReferralDocument, ReferralOutcome};
        let obj = self.object(
            value,
            path,
            &[
                "partner",
                "direction",
                "document",
                "sent",
                "answered",
                "outcome",
            ],
        )?;
        let partner = self.required(&obj, "partner", |v, value, path| v.code(value, path));
        let direction: ReferralDirection = self
            .optional(&obj, "direction", |v, value, path| v.code(value, path))
            .unwrap_or(ReferralDirection::VersPartenaire);
        let document: Option<ReferralDocument> =
            self.optional(&obj, "document", |v, value, path| v.code(value, path));
        let sent = self.required(&obj, "sent", |v, value, path| v.past_date(value, path));
        let answered = self.optional(&obj, "answered", |v, value, path| v.past_date(value, path));
        let outcome: Option<ReferralOutcome> =
            self.optional(&obj, "outcome", |v, value, path| v.code(value, path));
        // A partner's own signalement may come before the cell's.
        if direction == ReferralDirection::VersPartenaire {
            self.after_signalement(&obj, "sent", sent, signalement);
        }
        if let (Some(s), Some(a)) = (sent, answered) {
            if a < s {
                self.push(Issue::new(
                    IssueCode::AnswerBeforeReferral,
                    obj.key("answered"),
                ));
            }
        }
        if outcome.is_some() && obj.get("answered").is_none() {
            self.push(
                Issue::new(IssueCode::MissingField, obj.key("answered")).with("field", "answered"),
            );
        }
        Some(crate::case::Referral {
            partner: partner?,
            direction,
            document,
            sent: sent?,
            answered,
            outcome,
        })
    }

    pub(crate) fn meeting<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
        signalement: Option<NaiveDate>,
    ) -> Option<crate::case::Meeting> {
        let obj = self.object(value, path, &["date", "action_plan"])?;
        let date = self.required(&obj, "date", |v, value, path| v.past_date(value, path));
        let action_plan = self
            .optional(&obj, "action_plan", |v, value, path| v.boolean(value, path))
            .unwrap_or(false);
        self.after_signalement(&obj, "date", date, signalement);
        Some(crate::case::Meeting {
            date: date?,
            action_plan,
        })
    }

    pub(crate) fn measure_record<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
        signalement: Option<NaiveDate>,
    ) -> Option<crate::case::MeasureRecord> {
        let obj = self.object(value, path, &["measure", "start", "end"])?;
        let measure: Option<crate::case::MeasureKind> =
            self.required(&obj, "measure", |v, value, path| v.code(value, path));
        let start = self.required(&obj, "start", |v, value, path| v.past_date(value, path));
        let end = self.optional(&obj, "end", |v, value, path| v.past_date(value, path));
        self.after_signalement(&obj, "start", start, signalement);
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                self.push(Issue::new(IssueCode::MeasureEndBeforeStart, obj.key("end")));
            }
        }
        Some(crate::case::MeasureRecord {
            measure: measure?,
            start: start?,
            end,
        })
    }

    /// The rule of a dated fact against the signalement, the pathway's own
    /// ([`crate::pathway::before_signalement`]), at the fact's date.
    fn after_signalement<'v, F: Fields<'v>>(
        &mut self,
        obj: &Obj<'_, F>,
        field: &str,
        date: Option<NaiveDate>,
        signalement: Option<NaiveDate>,
    ) {
        if let (Some(date), Some(signalement)) = (date, signalement) {
            if let Some(code) = crate::pathway::before_signalement(date, signalement) {
                self.push(Issue::new(code, obj.key(field)));
            }
        }
    }

    pub(crate) fn measure_facts<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
    ) -> Option<crate::legal::MeasureFacts> {
        let obj = self.object(
            value,
            path,
            &[
                "inaptitude_risk_identified",
                "daily_allowances",
                "essai_requested_by_worker",
                "carsat_evaluation_done",
                "regime_general",
                "reemployed_after_inaptitude_dismissal",
                "measure_date",
            ],
        )?;
        let flag = |v: &mut Self, name: &str| {
            v.optional(&obj, name, |v, value, path| v.boolean(value, path))
        };
        let inaptitude_risk_identified = flag(self, "inaptitude_risk_identified");
        let daily_allowances = flag(self, "daily_allowances");
        let essai_requested_by_worker = flag(self, "essai_requested_by_worker");
        let carsat_evaluation_done = flag(self, "carsat_evaluation_done");
        let regime_general = flag(self, "regime_general");
        let reemployed_after_inaptitude_dismissal =
            flag(self, "reemployed_after_inaptitude_dismissal");
        let measure_date = self.optional(&obj, "measure_date", |v, value, path| {
            v.date(value, path, true)
        });
        Some(crate::legal::MeasureFacts {
            inaptitude_risk_identified,
            daily_allowances,
            essai_requested_by_worker,
            carsat_evaluation_done,
            regime_general,
            reemployed_after_inaptitude_dismissal,
            measure_date,
        })
    }

    pub(crate) fn sector<'v>(&mut self, value: impl Node<'v>, path: At<'_>) -> Option<Sector> {
        let obj = self.object(value, path, &["nomenclature", "section"])?;
        let nomenclature: Option<Nomenclature> =
            self.required(&obj, "nomenclature", |v, value, path| v.code(value, path));
        let section = self.required(&obj, "section", |v, value, path| {
            v.string(value, path, limits::MAX_SECTION_LEN)
                .map(str::to_string)
        })?;
        let nomenclature = nomenclature?;
        if !nomenclature.sections().contains(&section.as_str()) {
            self.push(
                Issue::new(IssueCode::UnknownCode, obj.key("section"))
                    .with("kind", format!("naf_section ({})", nomenclature.code()))
                    .with("allowed", nomenclature.sections().join(", ")),
            );
            return None;
        }
        Some(Sector {
            nomenclature,
            section,
        })
    }

    pub(crate) fn sick_leave<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
    ) -> Option<SickLeave> {
        let obj = self.object(value, path, &["start", "end", "end_is_expected", "cause"])?;
        let start = self.required(&obj, "start", |v, value, path| v.past_date(value, path));
        let end_is_expected = self
            .optional(&obj, "end_is_expected", |v, value, path| {
                v.boolean(value, path)
            })
            .unwrap_or(false);
        let end = self.optional(&obj, "end", |v, value, path| {
            v.date(value, path, end_is_expected)
        });
        let cause = self.required(&obj, "cause", |v, value, path| v.code(value, path));
        let start = start?;
        if let Some(end) = end {
            if end < start {
                self.push(Issue::new(
                    IssueCode::SickLeaveEndBeforeStart,
                    obj.key("end"),
                ));
            }
        }
        Some(SickLeave {
            start,
            end,
            end_is_expected,
            cause: cause?,
        })
    }

    /// The signalement, and its date alone when another field is broken
    /// (the date is enough for the consistency checks).
    pub(crate) fn signalement<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
    ) -> (Option<Signalement>, Option<NaiveDate>) {
        let Some(obj) = self.object(
            value,
            path,
            &[
                "date",
                "source_visit",
                "signalled_by",
                "requested_by",
                "worker_agreed",
            ],
        ) else {
            return (None, None);
        };
        let date = self.required(&obj, "date", |v, value, path| v.past_date(value, path));
        let source_visit =
            self.required(&obj, "source_visit", |v, value, path| v.code(value, path));
        let signalled_by =
            self.required(&obj, "signalled_by", |v, value, path| v.code(value, path));
        let requested_by =
            self.optional(&obj, "requested_by", |v, value, path| v.code(value, path));
        self.v2_only(&obj, "worker_agreed");
        let worker_agreed = self.optional(&obj, "worker_agreed", |v, value, path| {
            v.boolean(value, path)
        });
        if let (Some(crate::case::SourceVisit::PreReprise), Some(requester)) =
            (source_visit, requested_by)
        {
            // The visit was asked for on the signalement's date at the
            // latest; the requesters only widened with time (L4624-2-4), so
            // one not allowed on that date was not allowed before.
            if let Some(code) = pre_reprise_requester_issue(requester, date) {
                self.push(Issue::new(code, obj.key("requested_by")));
            }
        }
        let signalement = match (date, source_visit, signalled_by) {
            (Some(date), Some(source_visit), Some(signalled_by)) => Some(Signalement {
                date,
                source_visit,
                signalled_by,
                requested_by,
                worker_agreed,
            }),
            _ => None,
        };
        (signalement, date)
    }

    pub(crate) fn consent<'v>(&mut self, value: impl Node<'v>, path: At<'_>) -> Option<Consent> {
        let obj = self.object(
            value,
            path,
            &["given_on", "accompaniment", "sharing_with", "withdrawn_on"],
        )?;
        let given_on = self.required(&obj, "given_on", |v, value, path| v.past_date(value, path));
        let accompaniment = self
            .optional(&obj, "accompaniment", |v, value, path| {
                v.boolean(value, path)
            })
            .unwrap_or(false);
        let (partners, partners_ok) = self.list(
            &obj,
            "sharing_with",
            limits::MAX_PARTNERS,
            |v, value, path| v.code(value, path),
        );
        let mut sharing_with = Vec::with_capacity(partners.len());
        for (i, partner) in partners {
            if sharing_with.contains(&partner) {
                self.push(Issue::new(
                    IssueCode::DuplicateItem,
                    obj.key("sharing_with").index(i),
                ));
            } else {
                sharing_with.push(partner);
            }
        }
        let withdrawn_on = self.optional(&obj, "withdrawn_on", |v, value, path| {
            v.past_date(value, path)
        });
        let given_on = given_on?;
        if let Some(withdrawn) = withdrawn_on {
            if withdrawn < given_on {
                self.push(Issue::new(
                    IssueCode::ConsentWithdrawnBeforeGiven,
                    obj.key("withdrawn_on"),
                ));
            }
        }
        if !partners_ok {
            return None;
        }
        Some(Consent {
            given_on,
            accompaniment,
            sharing_with,
            withdrawn_on,
        })
    }

    pub(crate) fn event<'v>(&mut self, value: impl Node<'v>, path: At<'_>) -> Option<Event> {
        let Some(map) = value.as_object() else {
            self.push(Issue::new(IssueCode::ObjectType, path.path()));
            return None;
        };
        let obj = Obj { map, at: path };
        let kind: Option<EventType> =
            self.required(&obj, "type", |v, value, path| v.code(value, path));
        let specific: &[&str] = match kind {
            Some(EventType::AnalyseDemande) => &["simple_solution"],
            Some(EventType::ReferentDesigne) => &["role", "referent"],
            Some(EventType::AvisAttendu | EventType::AvisRecu) => &["expertise"],
            Some(EventType::ActionPartenaire) => &["partner"],
            Some(EventType::Sortie) => &["result", "dismissal", "prepared"],
            Some(EventType::Suivi) => &["still_employed"],
            _ => &[],
        };
        if kind.is_some() {
            let known: Vec<&str> = ["type", "date"].iter().chain(specific).copied().collect();
            self.unknown_fields(map, &obj.at, &known);
        }
        let date = self.required(&obj, "date", |v, value, path| v.past_date(value, path));
        let event = match kind? {
            EventType::Contact => Event::Contact { date: date? },
            EventType::AbsenceReponse => Event::AbsenceReponse { date: date? },
            EventType::RefusAccompagnement => Event::RefusAccompagnement { date: date? },
            EventType::AnalyseDemande => {
                let simple_solution = self.optional(&obj, "simple_solution", |v, value, path| {
                    v.boolean(value, path)
                });
                Event::AnalyseDemande {
                    date: date?,
                    simple_solution,
                }
            }
            EventType::ReferentDesigne => {
                let role = self.optional(&obj, "role", |v, value, path| v.code(value, path));
                self.v2_only(&obj, "referent");
                let referent = self.optional(&obj, "referent", |v, value, path| {
                    v.identifier(value, path, limits::MAX_ID_LEN, IssueCode::InvalidId)
                });
                Event::ReferentDesigne {
                    date: date?,
                    role,
                    referent,
                }
            }
            EventType::EntretienQualification => Event::EntretienQualification { date: date? },
            EventType::AvisAttendu => {
                let expertise =
                    self.required(&obj, "expertise", |v, value, path| v.code(value, path));
                Event::AvisAttendu {
                    date: date?,
                    expertise: expertise?,
                }
            }
            EventType::AvisRecu => {
                let expertise =
                    self.required(&obj, "expertise", |v, value, path| v.code(value, path));
                Event::AvisRecu {
                    date: date?,
                    expertise: expertise?,
                }
            }
            EventType::CommissionPleniere => Event::CommissionPleniere { date: date? },
            EventType::PlanPropose => Event::PlanPropose { date: date? },
            EventType::PlanAccepte => Event::PlanAccepte { date: date? },
            EventType::PlanRefuse => Event::PlanRefuse { date: date? },
            EventType::ActionPartenaire => {
                let partner = self.required(&obj, "partner", |v, value, path| v.code(value, path));
                Event::ActionPartenaire {
                    date: date?,
                    partner: partner?,
                }
            }
            EventType::Sortie => self.exit(&obj, date)?,
            EventType::Reouverture => Event::Reouverture { date: date? },
            EventType::Suivi => {
                let still_employed = self.optional(&obj, "still_employed", |v, value, path| {
                    v.boolean(value, path)
                });
                Event::Suivi {
                    date: date?,
                    still_employed,
                }
            }
        };
        Some(event)
    }

    pub(crate) fn exit<'v, F: Fields<'v>>(
        &mut self,
        obj: &Obj<'_, F>,
        date: Option<NaiveDate>,
    ) -> Option<Event> {
        let result: Option<ExitResult> = match obj.get("result") {
            // A result that cannot be read leaves the event unread (its
            // problem is reported).
            Some(value) => Some(self.code(value, At::Key(&obj.at, "result"))?),
            None => {
                self.push(Issue::new(IssueCode::ExitWithoutResult, obj.key("result")));
                None
            }
        };
        let dismissal = self.optional(obj, "dismissal", |v, value, path| v.boolean(value, path));
        let prepared = self.optional(obj, "prepared", |v, value, path| v.boolean(value, path));
        if let Some(result) = result {
            if result != ExitResult::Inaptitude {
                for (name, given) in [("dismissal", dismissal), ("prepared", prepared)] {
                    if given.is_some() {
                        self.push(
                            Issue::new(IssueCode::NotApplicableToResult, obj.key(name))
                                .with("field", name),
                        );
                    }
                }
            }
        }
        Some(Event::Sortie {
            date: date?,
            result,
            dismissal,
            prepared,
        })
    }

    pub(crate) fn category_override<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
    ) -> Option<CategoryOverride> {
        let obj = self.object(value, path, &["category", "justification", "decided_on"])?;
        let category = self.required(&obj, "category", |v, value, path| v.code(value, path));
        let justification = self.required(&obj, "justification", |v, value, path| {
            let s = v.string(value, path.clone(), limits::MAX_JUSTIFICATION_LEN)?;
            if s.trim().is_empty() {
                v.push(Issue::new(IssueCode::EmptyString, path.path()));
                return None;
            }
            Some(s.to_string())
        });
        let decided_on = self.required(&obj, "decided_on", |v, value, path| {
            v.past_date(value, path)
        });
        Some(CategoryOverride {
            category: category?,
            justification: justification?,
            decided_on: decided_on?,
        })
    }

    // ---- consistency --------------------------------------------------

    pub(crate) fn check_age(&mut self, worker: &Worker, at: NaiveDate, path: &At<'_>) {
        let field = if worker.birth_date.is_some() {
            "birth_date"
        } else {
            "birth_year"
        };
        let Some(age) = worker.age_on(at) else {
            return;
        };
        if !(limits::MIN_AGE..=limits::MAX_AGE).contains(&age) {
            self.push(
                Issue::new(IssueCode::ImplausibleAge, path.path().key(field))
                    .with("min", limits::MIN_AGE)
                    .with("max", limits::MAX_AGE),
            );
        }
    }

    /// The timeline rules, stated once in [`crate::pathway`]: the events
    /// that could be read are replayed, and every event the pathway refuses
    /// is reported with the pathway's code and path (so validation reports
    /// a problem exactly when the pathway refuses an event).
    pub(crate) fn check_timeline(
        &mut self,
        path: &At<'_>,
        signalement: Option<NaiveDate>,
        events: &[(usize, Event)],
        consents: &[(usize, crate::case::Consent)],
        complete: bool,
    ) {
        if !complete {
            // Some event or consent could not be read: replaying the others
            // would refuse events for want of them. Only the rule of each
            // event on its own is checked.
            if let Some(signalement) = signalement {
                for (i, e) in events {
                    if let Some(code) = crate::pathway::before_signalement(e.date(), signalement) {
                        self.push(Issue::new(code, path.path().index(*i).key("date")));
                    }
                }
            }
            return;
        }
        let list: Vec<Event> = events.iter().map(|(_, e)| e.clone()).collect();
        let consents: Vec<crate::case::Consent> = consents.iter().map(|(_, c)| c.clone()).collect();
        // Without a signalement date, every rule but the signalement's.
        let replayed = crate::pathway::replay_events(
            signalement.unwrap_or(NaiveDate::MIN),
            &list,
            &consents,
            0,
        );
        for refusal in replayed.refused {
            let Some((k, field)) = crate::pathway::refused_event(&refusal.path) else {
                continue;
            };
            let Some((i, _)) = events.get(k) else {
                continue;
            };
            let mut at = path.path().index(*i);
            if !field.is_empty() {
                at = at.key(field);
            }
            let issue = Issue::new(refusal.code, at);
            if !self
                .issues
                .iter()
                .any(|x| x.code == issue.code && x.path == issue.path)
            {
                self.push(issue);
            }
        }
    }
}

/// The problem, if any, with the requester of the pré-reprise visit at the
/// origin of a signalement made on `signalement` (the latest possible date
/// of the request): the rule of [`crate::legal::pre_reprise_requester`],
/// for validation and the table fast path.
///
/// ```
/// use cme_pdp::{case::Requester, issue::IssueCode, validate::pre_reprise_requester_issue};
/// let d = chrono::NaiveDate::from_ymd_opt(2021, 6, 1);
/// assert_eq!(pre_reprise_requester_issue(Requester::MedecinDuTravail, d), Some(IssueCode::PreRepriseRequesterNotAllowed));
/// assert_eq!(pre_reprise_requester_issue(Requester::Salarie, d), None);
/// ```
pub fn pre_reprise_requester_issue(
    requester: crate::case::Requester,
    signalement: Option<NaiveDate>,
) -> Option<IssueCode> {
    use crate::legal::{pre_reprise_requester, RequesterRule};
    match (requester, pre_reprise_requester(requester, signalement)) {
        (crate::case::Requester::Employeur, _) => Some(IssueCode::PreRepriseRequestedByEmployer),
        (_, RequesterRule::Never | RequesterRule::NotYet) => {
            Some(IssueCode::PreRepriseRequesterNotAllowed)
        }
        (_, RequesterRule::Allowed | RequesterRule::DateNeeded) => None,
    }
}

/// A pseudonymous identifier (a case id, a policy id): 1 to `max`
/// characters among ASCII letters, digits, `-`, `_` and `.` (never a name
/// with spaces or accents). Shared by the reader's rules and the table's
/// fast path ([`crate::table`]).
pub(crate) fn is_identifier(s: &str, max: usize) -> bool {
    is_identifier_bytes(s.as_bytes(), max)
}

/// [`is_identifier`] of the bytes of a text (an identifier is ASCII: any
/// other byte refuses it).
#[inline]
pub(crate) fn is_identifier_bytes(s: &[u8], max: usize) -> bool {
    // Every accepted character is one byte: the length in bytes is the
    // number of characters of an accepted text. Every byte is looked at,
    // without an early exit; a short text (most ids) is looked at as 16
    // bytes at once, padded with an accepted byte (a million-row table has
    // a million ids).
    if s.is_empty() || s.len() > max {
        return false;
    }
    let mut block = [b'a'; 16];
    match block.get_mut(..s.len()) {
        Some(head) => {
            head.copy_from_slice(s);
            block.iter().fold(true, |ok, c| ok & identifier_byte(*c))
        }
        None => s.iter().fold(true, |ok, c| ok & identifier_byte(*c)),
    }
}

/// [`is_identifier`] of a text of at most 12 bytes held inline in an
/// Arrow string view (its length in the low 4 bytes, then the text, read
/// little-endian): the same rule, with the text checked where it lies
/// rather than copied. Whatever the view holds past the text is not read;
/// a view of a longer text is refused (its text is in a buffer).
#[inline]
pub(crate) fn is_identifier_inline(view: u128, max: usize) -> bool {
    let len = (view as u32) as usize;
    if len == 0 || len > 12 || len > max {
        return false;
    }
    // bytes 4 to 4 + len are the text; every one of the 16 is looked at
    // (a byte outside the text passes), as one vector
    let end = u8::try_from(len).unwrap_or(u8::MAX);
    view.to_le_bytes()
        .iter()
        .zip(0u8..)
        .fold(true, |ok, (c, i)| {
            ok & ((i.wrapping_sub(4) >= end) | identifier_byte(*c))
        })
}

/// An ASCII letter or digit, `-`, `_` or `.`.
#[inline(always)]
fn identifier_byte(c: u8) -> bool {
    let lower = c | 0x20;
    (c.wrapping_sub(b'0') < 10)
        | (lower.wrapping_sub(b'a') < 26)
        | (c == b'-')
        | (c == b'_')
        | (c == b'.')
}

/// A service code: 1 to [`limits::MAX_SERVICE_LEN`] characters among
/// lowercase ASCII letters, digits and `_` (`aismt13`, `ast_btp`).
pub(crate) fn is_service_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= limits::MAX_SERVICE_LEN
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

/// The list, if every item could be read.
fn complete<T>(items: Vec<(usize, T)>, ok: bool) -> Option<Vec<T>> {
    ok.then(|| items.into_iter().map(|(_, t)| t).collect())
}

#[cfg(test)]
mod identifier_tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::{is_identifier_bytes, is_identifier_inline};
    use proptest::prelude::*;

    /// The rule as the interchange format states it, written apart:
    /// 1 to `max` characters among ASCII letters, digits, `-`, `_`, `.`.
    fn stated(text: &[u8], max: usize) -> bool {
        !text.is_empty()
            && text.len() <= max
            && text
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(c))
    }

    /// A view holding `text` inline, with `after` in the bytes past it.
    fn view(text: &[u8], after: u8) -> u128 {
        let mut bytes = [after; 16];
        bytes[..4].copy_from_slice(&u32::try_from(text.len()).unwrap().to_le_bytes());
        bytes[4..4 + text.len()].copy_from_slice(text);
        u128::from_le_bytes(bytes)
    }

    #[test]
    fn identifiers_held_in_a_view() {
        for (text, ok) in [
            (&b"SYN-0000001"[..], true),
            (b"a", true),
            (b"A.b_c-9", true),
            (b"123456789012", true),
            (b"C 1", false),
            (b"", false),
            (b"SYN-\xc3\xa9", false),
            (b"abc\0", false),
            (b"x/y", false),
        ] {
            for after in [0u8, b'a', b' ', 0xff] {
                assert_eq!(is_identifier_inline(view(text, after), 64), ok, "{text:?}");
            }
        }
        // the length decides, whatever follows the text
        assert!(!is_identifier_inline(view(b"abcdef", b'z'), 5));
        assert!(is_identifier_inline(view(b"abcde", b' '), 5));
        // a view of 13 bytes or more holds no text inline
        let long = (view(b"abcdefghijkl", b'a') & !0xffff_ffff) | 13;
        assert!(!is_identifier_inline(long, 64));
    }

    proptest! {
        #[test]
        fn the_rule_on_bytes_and_in_a_view(
            text in proptest::collection::vec(
                prop_oneof![
                    4 => proptest::sample::select(b"aZ09-_.".to_vec()),
                    1 => any::<u8>(),
                ],
                0..20,
            ),
            after in any::<u8>(),
            max in 0usize..20,
        ) {
            let expected = stated(&text, max);
            prop_assert_eq!(is_identifier_bytes(&text, max), expected);
            if text.len() <= 12 {
                prop_assert_eq!(is_identifier_inline(view(&text, after), max), expected);
            }
        }
    }
}
