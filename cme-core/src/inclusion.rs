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
//! use cme_core::inclusion::{inclusion, InclusionValue};
//! use cme_core::pathway::replay;
//! use cme_core::policy::preset;
//!
//! let case = cme_core::sample::sample_cases().unwrap().remove(11);
//! let policy = preset("aismt13").unwrap();
//! let d = inclusion(&replay(&case, &policy).state, &policy, cme_core::sample::SAMPLE_AS_OF);
//! assert_ne!(d.decision.value, InclusionValue::Undetermined);
//! assert_eq!(d.criteria.len(), 2);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{code_enum, Code};
use crate::explain::{Decision, MissingFact, Reason, Source};
use crate::pathway::PathwayState;
use crate::policy::Policy;

code_enum! {
    /// The inclusion decision.
    ///
    /// ```
    /// use cme_core::{inclusion::InclusionValue, codes::Code};
    /// assert_eq!(InclusionValue::Included.code(), "incluse");
    /// ```
    pub enum InclusionValue: "inclusion" {
        Included = "incluse", "Inclusion dans l'accompagnement pluridisciplinaire complet";
        NotIncluded = "non_incluse", "Pas d'inclusion (accompagnement simple)";
        Undetermined = "indeterminee", "Inclusion indéterminée : des faits manquent";
    }
}

code_enum! {
    /// Whether a criterion held.
    ///
    /// ```
    /// use cme_core::{inclusion::CriterionStatus, codes::Code};
    /// assert_eq!(CriterionStatus::Unknown.code(), "inconnu");
    /// ```
    pub enum CriterionStatus: "criterion_status" {
        Held = "rempli", "Critère rempli";
        NotHeld = "non_rempli", "Critère non rempli";
        Unknown = "inconnu", "Critère inconnu (fait manquant)";
    }
}

/// One criterion and whether it held.
///
/// ```
/// use cme_core::inclusion::{Criterion, CriterionStatus};
/// let c = Criterion { code: "avis_attendus".into(), status: CriterionStatus::Held, text: "…".into() };
/// assert_eq!(c.status, CriterionStatus::Held);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// `avis_attendus` or `absence_solution_simple`.
    pub code: String,
    /// Whether it held.
    pub status: CriterionStatus,
    /// Why, in French.
    pub text: String,
}

/// The inclusion decision with its criteria and missing facts.
///
/// ```
/// let case = cme_core::sample::sample_cases().unwrap().remove(0);
/// let policy = cme_core::policy::preset("aismt13").unwrap();
/// let state = cme_core::pathway::replay(&case, &policy).state;
/// let d = cme_core::inclusion::inclusion(&state, &policy, cme_core::sample::SAMPLE_AS_OF);
/// assert!(!d.decision.sources.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
/// let case = cme_core::sample::sample_cases().unwrap().remove(11);
/// let state = cme_core::pathway::replay(&case, &cme_core::policy::preset("aismt13").unwrap()).state;
/// let (opinions, simple) = cme_core::inclusion::criteria_statuses(&state, 2);
/// assert_eq!(simple, cme_core::inclusion::CriterionStatus::Held);
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
/// let case = cme_core::sample::sample_cases().unwrap().remove(0);
/// let state = cme_core::pathway::replay(&case, &cme_core::policy::preset("aismt13").unwrap()).state;
/// assert_eq!(cme_core::inclusion::inclusion_value(&state, 2), cme_core::inclusion::InclusionValue::Undetermined);
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
    let hash = policy.content_hash();
    let rule_source = Source::cited(&policy.id, &policy.inclusion.source, &hash);
    let policy_source = Source::policy(&policy.id, "inclusion.min_expected_opinions", &hash);
    let n = policy.inclusion.min_expected_opinions;
    let expected = u32::try_from(state.expected_opinions.len()).unwrap_or(u32::MAX);
    let mut missing = Vec::new();

    let (opinions_status, simple_status) = criteria_statuses(state, n);
    let opinions = Criterion {
        code: "avis_attendus".into(),
        status: opinions_status,
        text: match opinions_status {
            CriterionStatus::Held => {
                format!("{expected} avis d'experts distincts attendus (seuil : au moins {n}).")
            }
            CriterionStatus::Unknown => format!(
                "{expected} avis attendu(s) à ce jour (seuil : au moins {n}) ; l'entretien de qualification n'a pas encore eu lieu."
            ),
            CriterionStatus::NotHeld => {
                format!("{expected} avis d'experts distincts attendus, moins que le seuil de {n}.")
            }
        },
    };
    if opinions_status == CriterionStatus::Unknown {
        missing.push(MissingFact::new(
            "events.avis_attendu",
            "inclusion",
            "Les avis d'experts attendus se décident au recueil d'informations : enregistrer l'entretien de qualification et les avis attendus.",
        ));
    }
    let simple = Criterion {
        code: "absence_solution_simple".into(),
        status: simple_status,
        text: match simple_status {
            CriterionStatus::Held => "L'analyse de la demande n'a pas identifié de solution simple.".into(),
            CriterionStatus::NotHeld => "L'analyse de la demande a identifié une solution simple.".into(),
            CriterionStatus::Unknown => "On ne sait pas encore si une solution simple existe (analyse de la demande non renseignée).".into(),
        },
    };
    if simple_status == CriterionStatus::Unknown {
        missing.push(MissingFact::new(
            "events.analyse_demande.simple_solution",
            "inclusion",
            "Indiquer, à l'analyse de la demande, si une solution simple a été identifiée.",
        ));
    }
    let criteria = vec![opinions, simple];
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
    for c in &criteria {
        decision.push(
            Reason::new(
                &format!("{}_{}", c.code, c.status.code()),
                c.text.clone(),
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
