//! The JSON entry points the bindings call: a JSON value in, validated
//! into the case model ([`crate::validate`]), then the rule, its typed result
//! out. At the top of the layers, so that no rule imports the validation
//! that calls it (validation runs the pathway's own timeline rules).
//!
//! ```
//! let case = cme_pdp::sample::sample_json_values().unwrap().remove(0);
//! let report = cme_pdp::json::visit_report_value(&case, cme_pdp::sample::SAMPLE_AS_OF, &Default::default()).unwrap();
//! assert_eq!(report.as_of, cme_pdp::sample::SAMPLE_AS_OF);
//! ```

use chrono::NaiveDate;

use crate::case::Case;
use crate::codes::Code;
use crate::legal::{
    calendar, visit_obligations, visit_obligations_for_leave, LegalOptions, VisitOutcome,
    VisitReport,
};
use crate::orientation::{orient, ProblemType, Suggestion};
use crate::pathway::try_add_event;

impl LegalOptions {
    /// Reads options from JSON (path `options`), every problem at once:
    /// unknown fields, types, ranges. `null` is the default.
    ///
    /// ```
    /// use serde_json::json;
    /// let err = cme_pdp::legal::LegalOptions::from_value(&json!({"branch_agreement_age": 4000000000u64})).unwrap_err();
    /// assert_eq!(err.issues()[0].code.code(), "integer_out_of_range");
    /// ```
    pub fn from_value(value: &serde_json::Value) -> Result<LegalOptions, crate::error::CmeError> {
        crate::validate::parse_legal_options(value).map_err(crate::error::CmeError::from)
    }
}

/// [`try_add_event`] for JSON input, as bindings receive it: the case and
/// the event are validated first (the event's problems have paths
/// `events[n]…`, `n` being its index once added), then the pathway decides.
///
/// ```
/// use serde_json::json;
/// let case = cme_pdp::sample::sample_json_values().unwrap().remove(0);
/// let err = cme_pdp::json::add_event_value(&case, &json!({"type": "suivi", "date": "2024-12-01"})).unwrap_err();
/// assert_eq!(err.code(), "event_refused");
/// assert_eq!(err.issues()[0].code.code(), "follow_up_without_exit");
/// let added = cme_pdp::json::add_event_value(&case, &json!({"type": "contact", "date": "2024-12-01"})).unwrap();
/// assert_eq!(added.events.len(), 2);
/// ```
pub fn add_event_value(
    case: &serde_json::Value,
    event: &serde_json::Value,
) -> Result<Case, crate::error::CmeError> {
    use crate::validate::{parse_case, parse_event, ValidateOptions};
    let mut case = parse_case(case, &ValidateOptions::default())?;
    let event = parse_event(event, case.events.len(), &ValidateOptions::default())?;
    try_add_event(&mut case, event).map_err(crate::error::CmeError::EventRefused)?;
    Ok(case)
}

/// [`calendar`] for JSON input, as bindings receive it: the calendar input
/// (paths from the root) and the options (path `options`) are validated
/// first, every problem at once.
///
/// ```
/// use serde_json::json;
/// let r = cme_pdp::json::calendar_value(
///     &json!({"leaves": [{"start": "2021-12-01", "end": "2022-06-30", "end_is_expected": true,
///                         "cause": "maladie_non_professionnelle"}],
///             "pre_reprise_request": {"requested_by": "medecin_du_travail", "date": "2022-04-15"}}),
///     chrono::NaiveDate::from_ymd_opt(2022, 4, 15).unwrap(), &json!(null)).unwrap();
/// // The law lets the médecin du travail ask from 31 March 2022; the 3-month threshold of a 2021 leave is met.
/// assert_eq!(r.absences[0].outcomes[1].obligation.code(), "possible");
/// # use cme_pdp::codes::Code;
/// ```
pub fn calendar_value(
    input: &serde_json::Value,
    as_of: NaiveDate,
    options: &serde_json::Value,
) -> Result<VisitReport, crate::error::CmeError> {
    let (input, options) = crate::validate::parse_calendar(input, options)?;
    Ok(calendar(&input, as_of, &options))
}

/// [`visit_obligations_for_leave`] for JSON input: the leave (path
/// `leave`), the worker (path `worker`) and the pré-reprise requester code
/// (path `requested_by`) are validated first, every problem at once.
///
/// ```
/// use serde_json::json;
/// let out = cme_pdp::json::visit_obligations_value(
///     &json!({"start": "2024-01-08", "end": "2024-03-31", "cause": "accident_du_travail"}),
///     &json!({"birth_year": 1979}), Some("employeur"),
///     chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(), &Default::default()).unwrap();
/// assert_eq!(out[1].code, "pre_reprise_demandee_par_employeur");
/// let err = cme_pdp::json::visit_obligations_value(&json!({"start": "2024-13-01"}), &json!({}), None,
///     chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(), &Default::default()).unwrap_err();
/// assert_eq!(err.issues().len(), 2);
/// ```
pub fn visit_obligations_value(
    leave: &serde_json::Value,
    worker: &serde_json::Value,
    requested_by: Option<&str>,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> Result<Vec<VisitOutcome>, crate::error::CmeError> {
    options.checked()?;
    let (leave, worker, requester) =
        crate::validate::parse_leave_inputs(leave, worker, requested_by)?;
    Ok(visit_obligations_for_leave(
        &leave, &worker, requester, as_of, options,
    ))
}

/// [`visit_obligations`] for a case given as JSON (validated first).
///
/// ```
/// let value = cme_pdp::sample::sample_json_values().unwrap().remove(0);
/// let r = cme_pdp::json::visit_report_value(&value, cme_pdp::sample::SAMPLE_AS_OF, &Default::default()).unwrap();
/// assert_eq!(r.absences.len(), 1);
/// ```
pub fn visit_report_value(
    case: &serde_json::Value,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> Result<VisitReport, crate::error::CmeError> {
    options.checked()?;
    let case = crate::validate::parse_case_for_pathway(
        case,
        &crate::validate::ValidateOptions::default(),
    )?;
    Ok(visit_obligations(&case, as_of, options))
}

/// The budget of the problem codes given to the orientation, checked
/// before any is read (bindings call it with the length of their list):
/// more than [`crate::limits::MAX_PROBLEMS`] is `too_many_items` at
/// `problems`.
///
/// ```
/// assert!(cme_pdp::json::check_problem_count(7).is_ok());
/// assert_eq!(cme_pdp::json::check_problem_count(1_000_000).unwrap_err().issues()[0].path.as_str(), "problems");
/// ```
pub fn check_problem_count(n: usize) -> Result<(), crate::error::CmeError> {
    use crate::issue::{Issue, IssueCode, Path};
    if n <= crate::limits::MAX_PROBLEMS {
        return Ok(());
    }
    Err(crate::error::CmeError::InvalidCase(
        crate::validate::ValidationError {
            issues: vec![
                Issue::new(IssueCode::TooManyItems, Path::root().key("problems"))
                    .with("max", crate::limits::MAX_PROBLEMS),
            ],
        },
    ))
}

/// [`orient`] for a case given as JSON and problem codes (validated first:
/// more than [`crate::limits::MAX_PROBLEMS`] codes is `too_many_items` at
/// `problems`, an unknown code an issue at `problems[i]`).
///
/// ```
/// let value = cme_pdp::sample::sample_json_values().unwrap().remove(11);
/// let s = cme_pdp::json::orient_value(&value, Some(&["reconversion".to_string()]),
///                                             cme_pdp::sample::SAMPLE_AS_OF).unwrap();
/// assert!(s.iter().any(|x| x.partner == cme_pdp::case::Partner::Cep));
/// let err = cme_pdp::json::orient_value(&value, Some(&["logement".to_string()]),
///                                               cme_pdp::sample::SAMPLE_AS_OF).unwrap_err();
/// assert_eq!(err.issues()[0].path.as_str(), "problems[0]");
/// // a problem given twice is oriented once; more than MAX_PROBLEMS codes
/// // are refused before they are read
/// let twice = ["reconversion".to_string(), "reconversion".to_string()];
/// let t = cme_pdp::json::orient_value(&value, Some(&twice), cme_pdp::sample::SAMPLE_AS_OF).unwrap();
/// assert_eq!(t.len(), s.len());
/// let many = vec!["reconversion".to_string(); 1_000_000];
/// let err = cme_pdp::json::orient_value(&value, Some(&many), cme_pdp::sample::SAMPLE_AS_OF).unwrap_err();
/// assert_eq!((err.issues().len(), err.issues()[0].path.as_str()), (1, "problems"));
/// ```
pub fn orient_value(
    case: &serde_json::Value,
    problems: Option<&[String]>,
    as_of: NaiveDate,
) -> Result<Vec<Suggestion>, crate::error::CmeError> {
    use crate::issue::{Issue, IssueCode, Path};
    check_problem_count(problems.map_or(0, <[String]>::len))?;
    let case = crate::validate::parse_case_for_pathway(
        case,
        &crate::validate::ValidateOptions::default(),
    )?;
    let mut issues = Vec::new();
    let parsed: Option<Vec<ProblemType>> = problems.map(|list| {
        list.iter()
            .enumerate()
            .filter_map(|(i, code)| {
                let p = ProblemType::from_code(code);
                if p.is_none() {
                    issues.push(
                        Issue::new(
                            IssueCode::UnknownCode,
                            Path::root().key("problems").index(i),
                        )
                        .with("kind", ProblemType::KIND)
                        .with("allowed", ProblemType::codes_joined()),
                    );
                }
                p
            })
            .collect()
    });
    if !issues.is_empty() {
        return Err(crate::error::CmeError::InvalidCase(
            crate::validate::ValidationError { issues },
        ));
    }
    // a problem listed twice is oriented once
    let parsed = parsed.map(|mut list| {
        let mut seen = Vec::new();
        list.retain(|p| {
            let new = !seen.contains(p);
            seen.push(*p);
            new
        });
        list
    });
    Ok(orient(&case, parsed.as_deref(), as_of))
}
