//! Inclusion in the full pluridisciplinary treatment (seed 001, AISMT 13:
//! "Critères d'inclusion : > 2 avis attendus ; absence de solution
//! simple").
//!
//! Two criteria, both required: at least N distinct expert opinions
//! expected (N from the policy, default 2 — the slide says "> 2", the
//! project owner states "≥ 2", DOMAIN.md §3), and no simple solution
//! identified at the analysis of the request. The decision lists which
//! criteria held, which did not, and which facts are missing: it never
//! guesses.
//!
//! ```
//! use cme_pdp::inclusion::{inclusion, InclusionValue};
//! use cme_pdp::pathway::replay;
//! use cme_pdp::policy::preset;
//!
//! let case = cme_pdp::sample::sample_cases().unwrap().remove(11);
//! let policy = preset("aismt13").unwrap();
//! let d = inclusion(&replay(&case, &policy).state, &policy, cme_pdp::sample::SAMPLE_AS_OF);
//! assert_ne!(d.decision.value, InclusionValue::Undetermined);
//! assert_eq!(d.criteria.len(), 2);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{code_enum, Code};
use crate::explain::{Decision, MissingFact, Reason, Source};
use crate::pathway::PathwayState;
use crate::policy::Policy;
use crate::texts::{Text, TextCode};

code_enum! {
    /// The inclusion decision.
    ///
    /// ```
    /// use cme_pdp::{inclusion::InclusionValue, codes::Code};
    /// assert_eq!(InclusionValue::Included.code(), "incluse");
    /// ```
    pub enum InclusionValue: "inclusion" {
        Included = "incluse", "Inclusion dans l'accompagnement pluridisciplinaire complet", "Inclusion in the full multidisciplinary accompaniment";
        NotIncluded = "non_incluse", "Pas d'inclusion (accompagnement simple)", "Not included (simple accompaniment)";
        Undetermined = "indeterminee", "Inclusion indéterminée : des faits manquent", "Inclusion undetermined: facts are missing";
    }
}

code_enum! {
    /// Whether a criterion held.
    ///
    /// ```
    /// use cme_pdp::{inclusion::CriterionStatus, codes::Code};
    /// assert_eq!(CriterionStatus::Unknown.code(), "inconnu");
    /// ```
    pub enum CriterionStatus: "criterion_status" {
        Held = "rempli", "Critère rempli", "Criterion met";
        NotHeld = "non_rempli", "Critère non rempli", "Criterion not met";
        Unknown = "inconnu", "Critère inconnu (fait manquant)", "Criterion unknown (missing fact)";
    }
}

/// One criterion and whether it held.
///
/// ```
/// use cme_pdp::{evaluate::evaluate, policy::preset, sample};
/// let case = &sample::sample_cases().unwrap()[0];
/// let e = evaluate(case, &preset("aismt13").unwrap(), sample::SAMPLE_AS_OF).unwrap();
/// // every criterion of the policy is listed with its status and French text
/// assert!(!e.inclusion.criteria.is_empty());
/// assert!(e.inclusion.criteria.iter().all(|c| !c.code.is_empty() && !c.text.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Criterion {
    /// `avis_attendus` or `absence_solution_simple`.
    pub code: String,
    /// Whether it held.
    pub status: CriterionStatus,
    /// Why, in French.
    pub text: String,
    /// Why, in English.
    #[serde(default)]
    pub text_en: String,
}

impl Criterion {
    fn new(code: &str, status: CriterionStatus, text: Text) -> (Criterion, Text) {
        let c = Criterion {
            code: code.to_string(),
            status,
            text: text.fr(),
            text_en: text.en(),
        };
        (c, text)
    }
}

/// The inclusion decision with its criteria and missing facts.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let policy = cme_pdp::policy::preset("aismt13").unwrap();
/// let state = cme_pdp::pathway::replay(&case, &policy).state;
/// let d = cme_pdp::inclusion::inclusion(&state, &policy, cme_pdp::sample::SAMPLE_AS_OF);
/// assert!(!d.decision.sources.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InclusionDecision {
    /// The decision, its reasons and sources.
    pub decision: Decision<InclusionValue>,
    /// Each criterion.
    pub criteria: Vec<Criterion>,
    /// Facts needed to decide.
    pub missing: Vec<MissingFact>,
}

/// The status of the two criteria (expected opinions, no simple solution)
/// without explanations: the same rule as [`inclusion`], for indicators.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(11);
/// let state = cme_pdp::pathway::replay(&case, &cme_pdp::policy::preset("aismt13").unwrap()).state;
/// let (opinions, simple) = cme_pdp::inclusion::criteria_statuses(&state, 2);
/// assert_eq!(simple, cme_pdp::inclusion::CriterionStatus::Held);
/// # let _ = opinions;
/// ```
pub fn criteria_statuses(
    state: &PathwayState,
    min_opinions: u32,
) -> (CriterionStatus, CriterionStatus) {
    let expected = u32::try_from(state.expected_opinions.len()).unwrap_or(u32::MAX);
    let opinions = if expected >= min_opinions {
        CriterionStatus::Held
    } else if state.qualification.is_none() && state.exit.is_none() {
        CriterionStatus::Unknown
    } else {
        CriterionStatus::NotHeld
    };
    let simple = match state.simple_solution {
        Some(false) => CriterionStatus::Held,
        Some(true) => CriterionStatus::NotHeld,
        None => CriterionStatus::Unknown,
    };
    (opinions, simple)
}

/// The inclusion decision without explanations (for indicators).
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let state = cme_pdp::pathway::replay(&case, &cme_pdp::policy::preset("aismt13").unwrap()).state;
/// assert_eq!(cme_pdp::inclusion::inclusion_value(&state, 2), cme_pdp::inclusion::InclusionValue::Undetermined);
/// ```
pub fn inclusion_value(state: &PathwayState, min_opinions: u32) -> InclusionValue {
    let (a, b) = criteria_statuses(state, min_opinions);
    if a == CriterionStatus::NotHeld || b == CriterionStatus::NotHeld {
        InclusionValue::NotIncluded
    } else if a == CriterionStatus::Held && b == CriterionStatus::Held {
        InclusionValue::Included
    } else {
        InclusionValue::Undetermined
    }
}

/// Decides inclusion from the state of a case under a policy.
pub fn inclusion(state: &PathwayState, policy: &Policy, as_of: NaiveDate) -> InclusionDecision {
    inclusion_with(state, policy, &policy.content_hash(), as_of)
}

/// [`inclusion`] with the policy's content hash already computed (an
/// evaluation computes it once).
pub(crate) fn inclusion_with(
    state: &PathwayState,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
) -> InclusionDecision {
    let rule_source = Source::cited(&policy.id, &policy.inclusion.source, hash);
    let policy_source = Source::policy(&policy.id, "inclusion.min_expected_opinions", hash);
    let n = policy.inclusion.min_expected_opinions;
    let expected = u32::try_from(state.expected_opinions.len()).unwrap_or(u32::MAX);
    let mut missing = Vec::new();

    let (opinions_status, simple_status) = criteria_statuses(state, n);
    let opinions = Criterion::new(
        "avis_attendus",
        opinions_status,
        Text::new(match opinions_status {
            CriterionStatus::Held => TextCode::AvisAttendusRempli,
            CriterionStatus::Unknown => TextCode::AvisAttendusInconnu,
            CriterionStatus::NotHeld => TextCode::AvisAttendusNonRempli,
        })
        .with("expected", expected)
        .with("min", n),
    );
    if opinions_status == CriterionStatus::Unknown {
        missing.push(MissingFact::new(
            "events.avis_attendu",
            "inclusion",
            TextCode::ManqueAvisAttendus,
        ));
    }
    let simple = Criterion::new(
        "absence_solution_simple",
        simple_status,
        Text::new(match simple_status {
            CriterionStatus::Held => TextCode::SansSolutionSimpleRempli,
            CriterionStatus::NotHeld => TextCode::SansSolutionSimpleNonRempli,
            CriterionStatus::Unknown => TextCode::SansSolutionSimpleInconnu,
        }),
    );
    if simple_status == CriterionStatus::Unknown {
        missing.push(MissingFact::new(
            "events.analyse_demande.simple_solution",
            "inclusion",
            TextCode::ManqueSolutionSimple,
        ));
    }
    let texts = [opinions.1, simple.1];
    let criteria = vec![opinions.0, simple.0];
    let value = if criteria
        .iter()
        .any(|c| c.status == CriterionStatus::NotHeld)
    {
        InclusionValue::NotIncluded
    } else if criteria.iter().all(|c| c.status == CriterionStatus::Held) {
        InclusionValue::Included
    } else {
        InclusionValue::Undetermined
    };
    let mut decision = Decision::new(value, as_of);
    for (c, text) in criteria.iter().zip(texts) {
        decision.push(
            Reason::new(
                &format!("{}_{}", c.code, c.status.code()),
                text,
                rule_source.clone(),
            )
            .and(policy_source.clone()),
        );
    }
    InclusionDecision {
        decision,
        criteria,
        missing,
    }
}
