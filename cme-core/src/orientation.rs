//! Orientation to partners: the common grid of problem types → partners
//! (DOMAIN.md §7; seed 000, ASMT 65's map of actors; seed 004, MT2i's
//! "tronc commun d'orientation, selon des problématiques types").
//!
//! The grid is data ([`GRID`]): each line names a problem type, a partner,
//! a condition (always; private or public employer; young worker) and its
//! source. Every suggestion says why. **Consent gates sharing**: a
//! suggestion is actionable only if, on the evaluation date, a consent in
//! force lets the cell share with that partner (seed 004, AIST 63: "votre
//! accord est indispensable"); otherwise it is marked blocked, with the
//! reason. A withdrawal takes effect on its date.
//!
//! ```
//! use cme_pdp::orientation::{orient, ProblemType};
//! let case = cme_pdp::sample::sample_cases().unwrap().remove(11);
//! let s = orient(&case, Some(&[ProblemType::Reconversion]), cme_pdp::sample::SAMPLE_AS_OF);
//! assert!(s.iter().all(|x| x.actionable == x.blocked.is_none()));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Case, EmployerKind, Partner, RqthStatus};
use crate::codes::code_enum;
use crate::explain::{MissingFact, Reason, Source};
use crate::texts::{Text, TextCode};

code_enum! {
    /// Problem types of the orientation grid (DOMAIN.md §7).
    ///
    /// ```
    /// use cme_pdp::{orientation::ProblemType, codes::Code};
    /// assert_eq!(ProblemType::Reconversion.code(), "reconversion");
    /// ```
    pub enum ProblemType: "problem_type" {
        ReconnaissanceHandicap = "reconnaissance_handicap", "Reconnaissance de la qualité de travailleur handicapé", "Recognition as a disabled worker";
        CompensationHandicap = "compensation_handicap", "Accompagnement et aides liés au handicap", "Disability support and aids";
        Reconversion = "reconversion", "Reconversion, formation, évolution professionnelle", "Retraining, training, career development";
        ArretInvaliditeSocial = "arret_invalidite_social", "Arrêt de travail, invalidité et questions sociales", "Sick leave, invalidity and social questions";
        RechercheEmploi = "recherche_emploi", "Recherche d'emploi", "Job search";
        EmployeurPublic = "employeur_public", "Employeur du secteur public", "Public-sector employer";
        RessourcesFamiliales = "ressources_familiales", "Ressources de la famille", "Family resources";
    }
}

/// When a line of the grid applies.
///
/// ```
/// use cme_pdp::orientation::Condition;
/// assert_ne!(Condition::PrivateEmployer, Condition::PublicEmployer);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Condition {
    /// Always.
    Always,
    /// The employer is private (AGEFIPH).
    PrivateEmployer,
    /// The employer is public (FIPHFP, centre de gestion).
    PublicEmployer,
    /// The worker is under [`YOUNG_WORKER_AGE`] (Mission locale).
    YoungWorker,
}

/// Mission locale serves people under 26.
pub const YOUNG_WORKER_AGE: i32 = 26;

/// A line of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GridLine {
    /// The problem type.
    pub problem: ProblemType,
    /// The partner.
    pub partner: Partner,
    /// When it applies.
    pub condition: Condition,
    /// Where it comes from: a document of the bibliography (id) and what
    /// it says.
    pub source: (&'static str, &'static str),
}

const S000: (&str, &str) = ("asmt65_plaquette", "acteurs du maintien en emploi");
const S004: (&str, &str) = ("mt2i38_pdp_2020", "tronc commun d'orientation");

/// The orientation grid.
pub const GRID: [GridLine; 16] = [
    GridLine {
        problem: ProblemType::ReconnaissanceHandicap,
        partner: Partner::Mdph,
        condition: Condition::Always,
        source: S000,
    },
    GridLine {
        problem: ProblemType::CompensationHandicap,
        partner: Partner::CapEmploi,
        condition: Condition::Always,
        source: S000,
    },
    GridLine {
        problem: ProblemType::CompensationHandicap,
        partner: Partner::Agefiph,
        condition: Condition::PrivateEmployer,
        source: S000,
    },
    GridLine {
        problem: ProblemType::CompensationHandicap,
        partner: Partner::Fiphfp,
        condition: Condition::PublicEmployer,
        source: S000,
    },
    GridLine {
        problem: ProblemType::CompensationHandicap,
        partner: Partner::Oeth,
        condition: Condition::PrivateEmployer,
        source: S000,
    },
    GridLine {
        problem: ProblemType::Reconversion,
        partner: Partner::Cep,
        condition: Condition::Always,
        source: S004,
    },
    GridLine {
        problem: ProblemType::Reconversion,
        partner: Partner::TransitionPro,
        condition: Condition::Always,
        source: S000,
    },
    GridLine {
        problem: ProblemType::Reconversion,
        partner: Partner::Opco,
        condition: Condition::Always,
        source: S000,
    },
    GridLine {
        problem: ProblemType::Reconversion,
        partner: Partner::BilanCompetences,
        condition: Condition::Always,
        source: S000,
    },
    GridLine {
        problem: ProblemType::ArretInvaliditeSocial,
        partner: Partner::ServiceMedicalAm,
        condition: Condition::Always,
        source: S000,
    },
    GridLine {
        problem: ProblemType::ArretInvaliditeSocial,
        partner: Partner::Cpam,
        condition: Condition::Always,
        source: S000,
    },
    GridLine {
        problem: ProblemType::ArretInvaliditeSocial,
        partner: Partner::CarsatServiceSocial,
        condition: Condition::Always,
        source: S000,
    },
    GridLine {
        problem: ProblemType::RechercheEmploi,
        partner: Partner::FranceTravail,
        condition: Condition::Always,
        source: S004,
    },
    GridLine {
        problem: ProblemType::RechercheEmploi,
        partner: Partner::MissionLocale,
        condition: Condition::YoungWorker,
        source: ("aismt13_fonctionnement", "partenariats (Mission locale)"),
    },
    GridLine {
        problem: ProblemType::EmployeurPublic,
        partner: Partner::CentreDeGestion,
        condition: Condition::PublicEmployer,
        source: S000,
    },
    GridLine {
        problem: ProblemType::RessourcesFamiliales,
        partner: Partner::Caf,
        condition: Condition::Always,
        source: S000,
    },
];

/// A suggested partner, actionable or blocked.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// for s in cme_pdp::orientation::orient(&case, None, cme_pdp::sample::SAMPLE_AS_OF) {
///     assert!(!s.sources.is_empty());
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Suggestion {
    /// The problem type.
    pub problem: ProblemType,
    /// The partner.
    pub partner: Partner,
    /// Whether the cell may act now: a consent in force allows sharing.
    pub actionable: bool,
    /// Why not, when blocked: `sans_consentement` or `consentement_retire`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<String>,
    /// Why this partner, and why blocked.
    pub reasons: Vec<Reason>,
    /// Where the grid line and the consent rule come from.
    pub sources: Vec<Source>,
    /// Facts needed to be sure the line applies.
    pub missing: Vec<MissingFact>,
}

/// The problem types a case shows by itself, with the reason for each.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let p = cme_pdp::orientation::infer_problems(&case, cme_pdp::sample::SAMPLE_AS_OF);
/// assert!(p.iter().all(|(_, why)| !why.fr().is_empty() && !why.en().is_empty()));
/// ```
pub fn infer_problems(case: &Case, as_of: NaiveDate) -> Vec<(ProblemType, Text)> {
    let mut out = Vec::new();
    match case.worker.rqth {
        Some(RqthStatus::Reconnue) => out.push((
            ProblemType::CompensationHandicap,
            Text::new(TextCode::ProblemeRqthReconnue),
        )),
        Some(RqthStatus::DemandeEnCours) => out.push((
            ProblemType::ReconnaissanceHandicap,
            Text::new(TextCode::ProblemeRqthDemande),
        )),
        _ => {}
    }
    if case
        .sick_leaves
        .iter()
        .any(|l| l.start <= as_of && l.end.is_none_or(|e| as_of <= e))
    {
        out.push((
            ProblemType::ArretInvaliditeSocial,
            Text::new(TextCode::ProblemeEnArret),
        ));
    }
    if case.worker.employer == Some(EmployerKind::Public) {
        out.push((
            ProblemType::EmployeurPublic,
            Text::new(TextCode::ProblemeEmployeurPublic),
        ));
    }
    out
}

/// The partners suggested for problem types (given, or inferred from the
/// case when `None`), as of a date, gated by consent.
pub fn orient(case: &Case, problems: Option<&[ProblemType]>, as_of: NaiveDate) -> Vec<Suggestion> {
    let problems: Vec<(ProblemType, Text)> = match problems {
        Some(list) => list
            .iter()
            .map(|p| {
                (
                    *p,
                    Text::new(TextCode::ProblematiqueSignalee).with_code("problem", *p),
                )
            })
            .collect(),
        None => infer_problems(case, as_of),
    };
    let age = case.worker.age_on(as_of);
    let consent_rule = Source::document(
        "aist63_cme_2020",
        "formulaire de consentement : « votre accord est indispensable »",
    );
    let mut out = Vec::new();
    for (problem, why) in problems {
        for line in GRID.iter().filter(|l| l.problem == problem) {
            let mut missing = Vec::new();
            let (applies, condition_text) = match line.condition {
                Condition::Always => (true, None),
                Condition::PrivateEmployer | Condition::PublicEmployer => {
                    let wanted = if line.condition == Condition::PrivateEmployer {
                        EmployerKind::Prive
                    } else {
                        EmployerKind::Public
                    };
                    match case.worker.employer {
                        Some(kind) => (
                            kind == wanted,
                            Some(Text::new(if wanted == EmployerKind::Prive {
                                TextCode::ConditionEmployeurPrive
                            } else {
                                TextCode::ConditionEmployeurPublic
                            })),
                        ),
                        None => {
                            missing.push(MissingFact::new(
                                "worker.employer",
                                "orientation",
                                TextCode::ManqueEmployeurOrientation,
                            ));
                            (
                                true,
                                Some(Text::new(TextCode::ConditionEmployeurAConfirmer)),
                            )
                        }
                    }
                }
                Condition::YoungWorker => match age {
                    Some(a) => (
                        a < YOUNG_WORKER_AGE,
                        Some(
                            Text::new(TextCode::ConditionJeuneTravailleur)
                                .with("age", YOUNG_WORKER_AGE),
                        ),
                    ),
                    None => {
                        missing.push(MissingFact::new(
                            "worker.birth_date",
                            "orientation",
                            TextCode::ManqueNaissanceOrientation,
                        ));
                        (true, Some(Text::new(TextCode::ConditionAgeAConfirmer)))
                    }
                },
            };
            if !applies {
                continue;
            }
            let grid_source = Source::document(line.source.0, line.source.1);
            let text = match condition_text {
                Some(c) => {
                    Text::new(TextCode::GrilleOrientationCondition).with_text("condition", c)
                }
                None => Text::new(TextCode::GrilleOrientation),
            };
            let mut reasons = vec![Reason::new(
                "grille_orientation",
                text.with_text("why", why.clone())
                    .with_code("partner", line.partner),
                grid_source.clone(),
            )];
            let allowed = case
                .consents
                .iter()
                .any(|c| c.allows_sharing_with(line.partner, as_of));
            let withdrawn = case.consents.iter().any(|c| {
                c.sharing_with.contains(&line.partner) && c.withdrawn_on.is_some_and(|w| w <= as_of)
            });
            let blocked = if allowed {
                reasons.push(Reason::new(
                    "consentement",
                    TextCode::Consentement,
                    consent_rule.clone(),
                ));
                None
            } else if withdrawn {
                reasons.push(Reason::new(
                    "consentement_retire",
                    TextCode::ConsentementRetire,
                    consent_rule.clone(),
                ));
                Some("consentement_retire".to_string())
            } else {
                reasons.push(Reason::new(
                    "sans_consentement",
                    TextCode::SansConsentement,
                    consent_rule.clone(),
                ));
                Some("sans_consentement".to_string())
            };
            out.push(Suggestion {
                problem,
                partner: line.partner,
                actionable: blocked.is_none(),
                blocked,
                reasons,
                sources: vec![
                    grid_source,
                    Source::reading("orientation"),
                    consent_rule.clone(),
                ],
                missing,
            });
        }
    }
    out
}
