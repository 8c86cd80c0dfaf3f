//! The code lists with their French labels, for forms and screens: those
//! of the case model and those of the results. At the top of the layers: it
//! names the codes of every module.

use crate::codes::{list, CodeList};

/// Every code list of the case model with its French labels: what a form
/// needs to fill its drop-down lists. [`result_code_lists`] has the codes
/// of the results (stages, statuses, visit obligations…).
///
/// ```
/// let lists = cme_core::lists::case_code_lists();
/// let kinds: Vec<&str> = lists.iter().map(|l| l.kind).collect();
/// assert!(kinds.contains(&"event_type") && kinds.contains(&"requester"));
/// let events = lists.iter().find(|l| l.kind == "event_type").unwrap();
/// assert_eq!(events.entries[0].label, "Premier contact du travailleur avec la cellule");
/// ```
pub fn case_code_lists() -> Vec<CodeList> {
    use crate::case::*;
    vec![
        list::<Nomenclature>(),
        list::<EmployerKind>(),
        list::<RqthStatus>(),
        list::<PathologyGroup>(),
        list::<SickLeaveCause>(),
        list::<SourceVisit>(),
        list::<Signaller>(),
        list::<Requester>(),
        list::<Partner>(),
        list::<EventType>(),
        list::<CellRole>(),
        list::<Expertise>(),
        list::<ExitResult>(),
        list::<Category>(),
        list::<Professional>(),
        list::<ExchangeKind>(),
        list::<ReferralDirection>(),
        list::<ReferralDocument>(),
        list::<ReferralOutcome>(),
    ]
}

/// Every code list of the results with French labels: stages, statuses,
/// inclusion, criteria, visit rules and obligations, alert levels, measures,
/// problem types. What a screen needs to show a result in words.
///
/// ```
/// let lists = cme_core::lists::result_code_lists();
/// let status = lists.iter().find(|l| l.kind == "status").unwrap();
/// assert!(status.entries.iter().any(|e| e.code == "sortie_positive"));
/// ```
pub fn result_code_lists() -> Vec<CodeList> {
    vec![
        list::<crate::pathway::Stage>(),
        list::<crate::evaluate::Status>(),
        list::<crate::inclusion::InclusionValue>(),
        list::<crate::inclusion::CriterionStatus>(),
        list::<crate::legal::VisitRule>(),
        list::<crate::legal::Obligation>(),
        list::<crate::deadlines::AlertLevel>(),
        list::<crate::measures::Measure>(),
        list::<crate::orientation::ProblemType>(),
    ]
}
