//! The code lists with their French labels, for forms and screens: those
//! of the case model and those of the results. At the top of the layers: it
//! names the codes of every module.

use crate::codes::{list, CodeList};

/// Every code list of the case model with its French labels: what a form
/// needs to fill its drop-down lists. [`result_code_lists`] has the codes
/// of the results (stages, statuses, visit obligations…).
///
/// ```
/// let lists = cme_pdp::lists::case_code_lists();
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
        list::<MeasureKind>(),
    ]
}

/// Every code list of the results with French labels: stages, statuses,
/// inclusion, criteria, visit rules and obligations, alert levels, measures,
/// problem types. What a screen needs to show a result in words.
///
/// ```
/// let lists = cme_pdp::lists::result_code_lists();
/// let status = lists.iter().find(|l| l.kind == "status").unwrap();
/// assert!(status.entries.iter().any(|e| e.code == "sortie_positive"));
/// ```
pub fn result_code_lists() -> Vec<CodeList> {
    #[allow(unused_mut)] // the documents' kinds with the feature
    let mut lists = vec![
        list::<crate::pathway::Stage>(),
        list::<crate::evaluate::Status>(),
        list::<crate::inclusion::InclusionValue>(),
        list::<crate::inclusion::CriterionStatus>(),
        list::<crate::legal::VisitRule>(),
        list::<crate::legal::Obligation>(),
        list::<crate::deadlines::AlertLevel>(),
        list::<crate::measures::Measure>(),
        list::<crate::orientation::ProblemType>(),
        list::<crate::indicators::Dimension>(),
        list::<crate::indicators::AgeBand>(),
        list::<crate::indicators::Basis>(),
        list::<crate::deadlines::CohortState>(),
        list::<crate::worklists::ListKind>(),
    ];
    #[cfg(feature = "documents")]
    lists.push(list::<crate::documents::DocumentKind>());
    lists
}

/// Every code list with its French labels, in one call: the case model's
/// ([`case_code_lists`]), the results' ([`result_code_lists`]: with the
/// dimensions of a report and the age bands) and the NAF sections
/// ([`naf_section_lists`]). What every binding's `code_lists` returns.
///
/// ```
/// let kinds: Vec<&str> = cme_pdp::lists::code_lists().iter().map(|l| l.kind).collect();
/// for kind in ["source_visit", "status", "dimension", "age_band", "naf_rev2_section"] {
///     assert!(kinds.contains(&kind), "{kind}");
/// }
/// ```
pub fn code_lists() -> Vec<CodeList> {
    let mut lists = case_code_lists();
    lists.extend(result_code_lists());
    lists.extend(naf_section_lists());
    lists
}

/// The sections of each NAF nomenclature with their French names, as code
/// lists (`naf_rev2_section`, `naf_2025_section`): what a form or a table
/// shows for the sector (the letters shift from J between the two).
///
/// ```
/// let lists = cme_pdp::lists::naf_section_lists();
/// assert_eq!(lists[0].kind, "naf_rev2_section");
/// assert_eq!(lists[0].entries.len(), 21);
/// assert_eq!(lists[0].entries[5].code, "F");
/// assert_eq!(lists[0].entries[5].label, "Construction");
/// assert_eq!(lists[1].entries.len(), 22);
/// ```
pub fn naf_section_lists() -> Vec<CodeList> {
    use crate::case::Nomenclature;
    use crate::codes::CodeEntry;
    [
        (Nomenclature::NafRev2, "naf_rev2_section"),
        (Nomenclature::Naf2025, "naf_2025_section"),
    ]
    .into_iter()
    .map(|(n, kind)| CodeList {
        kind,
        entries: n
            .sections()
            .iter()
            .map(|letter| CodeEntry {
                code: letter,
                label: n.section_label(letter).map_or(letter, |(fr, _)| fr),
            })
            .collect(),
    })
    .collect()
}
