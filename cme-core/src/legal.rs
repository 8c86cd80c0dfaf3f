//! The legal calendar around a sick leave: rendez-vous de liaison, visite de
//! pré-reprise, visite de reprise, visite de mi-carrière and the entretien
//! de parcours professionnel that follows it.
//!
//! **Each rule is dated by its own fact** ([`versions`]): the thresholds of
//! R4624-29 and R4624-31 by the start of the (continuous) absence, who may
//! ask for a pré-reprise by the date of the request (L4624-2-4), the
//! rendez-vous de liaison by the date of the meeting, who performs a visit
//! by the date of the visit; each outcome lists in `dated_by` every version
//! it applied with the fact and the date that chose it. The evaluation date
//! only says what is still possible, due, done or past. A test sweeps every
//! day from 2011 to 2031: exactly one version of each rule part applies.
//!
//! **Continuous absences.** An initial prescription and its prolongations
//! (successive prescriptions with no day of work between them) are one
//! absence for every threshold ([`continuous_absences`]); the outcome says
//! that it joined them and counts the joined length.
//!
//! **Counting days**: calendar days, both ends included (1 to 30 April = 30
//! days). "More than 30 days" is 31 or more; "at least 60 days" is 60 or
//! more; "more than 3 months" means the leave still runs on the same day
//! three months after its start (1 January → still off on 1 April).
//!
//! ```
//! use cme_pdp::legal::{visit_obligations_for_leave, LegalOptions, Obligation, VisitRule};
//! use cme_pdp::case::{SickLeave, SickLeaveCause, Worker};
//! use chrono::NaiveDate;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let leave = SickLeave::between(d(2022, 4, 1), d(2022, 5, 29), SickLeaveCause::MaladieNonProfessionnelle);
//! let out = visit_obligations_for_leave(&leave, &Worker::default(), None, d(2022, 6, 15), &LegalOptions::default());
//! let reprise = out.iter().find(|o| o.rule == VisitRule::Reprise).unwrap();
//! // 59 days of non-professional illness, leave started after 31 March 2022: not mandatory (60 needed)
//! assert_eq!(reprise.obligation, Obligation::NonApplicable);
//! assert_eq!(reprise.version.id, "reprise_2022");
//! ```

mod absences;
pub mod measures;
mod rules;
pub mod versions;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Case, EmployerKind, Requester, SickLeave, SourceVisit, Worker};
pub use crate::case::{Professional, VisitRecord, VisitRule};
use crate::codes::code_enum;
use crate::explain::{MissingFact, Reason, Source};
use crate::issue::{Issue, IssueCode, Path};
use crate::measures::MeasureOutcome;
use crate::texts::TextCode;

pub use absences::{continuous_absences, Absence};
pub use rules::{pre_reprise_requester, RequesterRule};
pub use versions::{
    pinned_version, version_for, DatedVersion, FactDate, RulePart, RuleVersion, Thresholds,
    VersionRef, DELEGATION_FROM, ENCODED_FROM, ENTRETIEN_PARCOURS_DEFAULT_FROM,
    ENTRETIEN_PARCOURS_LATEST_FROM, MULTI_EMPLOYERS_FROM, NEW_THRESHOLDS_FROM, PDP_IN_FORCE,
    RENUMBERED_FROM, VERSIONS,
};

code_enum! {
    /// The outcome of a visit rule.
    ///
    /// ```
    /// use cme_pdp::{legal::Obligation, codes::Code};
    /// assert_eq!(Obligation::DemandeIrrecevable.code(), "demande_irrecevable");
    /// ```
    pub enum Obligation: "visit_obligation" {
        Obligatoire = "obligatoire", "Obligatoire", "Mandatory";
        Possible = "possible", "Possible", "Possible";
        Realisee = "realisee", "Réalisée", "Done";
        NonApplicable = "non_applicable", "Ne s'applique pas", "Does not apply";
        Indeterminee = "indeterminee", "Indéterminée (fait manquant ou règle non encodée)", "Undetermined (missing fact or rule not encoded)";
        DemandeIrrecevable = "demande_irrecevable", "Demande irrecevable (demandeur non habilité)", "Request inadmissible (requester not entitled)";
    }
}

/// The pré-reprise request: who asked, and when (the date chooses which
/// requesters the law allows, L4624-2-4).
///
/// ```
/// use cme_pdp::{case::Requester, legal::PreRepriseRequest};
/// let r = PreRepriseRequest::new(Requester::MedecinDuTravail);
/// assert!(r.date.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PreRepriseRequest {
    /// Who asked.
    pub requested_by: Requester,
    /// The date of the request, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl PreRepriseRequest {
    /// A request by someone, its date unknown.
    ///
    /// ```
    /// use cme_pdp::{case::Requester, legal::PreRepriseRequest};
    /// assert_eq!(PreRepriseRequest::new(Requester::Salarie).requested_by, Requester::Salarie);
    /// ```
    pub fn new(requested_by: Requester) -> Self {
        PreRepriseRequest {
            requested_by,
            date: None,
        }
    }
}

/// Facts the measures need, each recorded or not (never presumed).
///
/// ```
/// let f = cme_pdp::legal::MeasureFacts::default();
/// assert!(f.inaptitude_risk_identified.is_none());
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MeasureFacts {
    /// The worker is declared unfit (an avis d'inaptitude), or the médecin
    /// du travail has identified a risk of inaptitude (CRPE, L5213-3-1); a
    /// case's exit for inaptitude records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inaptitude_risk_identified: Option<bool>,
    /// The sick leave gives rise to daily allowances (CRPE, essai encadré).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_allowances: Option<bool>,
    /// The worker asked for an essai encadré (L323-3-1 CSS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essai_requested_by_worker: Option<bool>,
    /// The Carsat social service has evaluated the essai encadré
    /// beforehand (D323-6-3 CSS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carsat_evaluation_done: Option<bool>,
    /// The worker is under the régime général (salarié, intérimaire,
    /// apprenti): the essai encadré's scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regime_general: Option<bool>,
    /// Re-employed after a dismissal for inaptitude without training in
    /// between (L6323-17-2 I: no seniority condition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reemployed_after_inaptitude_dismissal: Option<bool>,
    /// The date the measure starts or is asked for (CRPE, essai encadré,
    /// transition professionnelle); the evaluation date when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_date: Option<NaiveDate>,
}

/// What the legal calendar reads: the sick-leave prescriptions (joined into
/// continuous absences), the worker, the pré-reprise request, the
/// rendez-vous de liaison, the visits that took place, whether the worker
/// has several employers, and the facts the measures need.
///
/// ```
/// let input = cme_pdp::legal::CalendarInput::default();
/// assert!(input.leaves.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CalendarInput {
    /// The sick-leave prescriptions, in any order.
    #[serde(default)]
    pub leaves: Vec<SickLeave>,
    /// The worker.
    #[serde(default)]
    pub worker: Worker,
    /// The pré-reprise request, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_reprise_request: Option<PreRepriseRequest>,
    /// The date of a rendez-vous de liaison held or planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liaison_date: Option<NaiveDate>,
    /// The visits that took place.
    #[serde(default)]
    pub visits: Vec<VisitRecord>,
    /// Whether the worker has several employers (décret n° 2023-547).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub several_employers: Option<bool>,
    /// Facts for the measures.
    #[serde(default)]
    pub facts: MeasureFacts,
}

/// Options of the legal calendar, each within a documented range
/// ([`LegalOptions::check`]).
///
/// ```
/// let mut o = cme_pdp::legal::LegalOptions::default();
/// o.branch_agreement_age = Some(50);
/// assert!(o.check().is_empty());
/// let mut bad = cme_pdp::legal::LegalOptions::default();
/// bad.branch_agreement_age = Some(2147483647);
/// assert_eq!(bad.check()[0].path.as_str(), "options.branch_agreement_age");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LegalOptions {
    /// The age of the mi-carrière visit set by a branch agreement (default:
    /// 45, L4624-2-2), from [`BRANCH_AGE_MIN`] to [`BRANCH_AGE_MAX`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_agreement_age: Option<u32>,
    /// Whether the rendez-vous de liaison counts the absences of the input
    /// together, continuous or not (a ministry Q&A says so; *to confirm*,
    /// off by default: the decree speaks of "l'absence").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub liaison_absences_discontinues: bool,
    /// The entry into force of the entretien de parcours professionnel
    /// (loi n° 2025-989; *to confirm*: 26 October 2025, the default, or
    /// 1 October 2026); between those two dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entretien_parcours_from: Option<NaiveDate>,
    /// To compare the rules: the thresholds of the pré-reprise and of the
    /// reprise from before décret n° 2022-372, or from it, applied to every
    /// leave whatever its start (by default, none: each leave has the
    /// version its start chooses, décret n° 2022-372, art. 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Thresholds>,
}

/// The lowest age a branch agreement may set for the mi-carrière visit in
/// cme (a mid-career visit: a bound of the project, `docs/limits.md`).
pub const BRANCH_AGE_MIN: u32 = 30;
/// The highest.
pub const BRANCH_AGE_MAX: u32 = 60;

impl LegalOptions {
    /// The problems of these options (paths `options.…`), empty when they
    /// are within their ranges.
    pub fn check(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        let options = Path::root().key("options");
        if let Some(age) = self.branch_agreement_age {
            if !(BRANCH_AGE_MIN..=BRANCH_AGE_MAX).contains(&age) {
                out.push(
                    Issue::new(
                        IssueCode::IntegerOutOfRange,
                        options.key("branch_agreement_age"),
                    )
                    .with("min", BRANCH_AGE_MIN)
                    .with("max", BRANCH_AGE_MAX),
                );
            }
        }
        if let Some(d) = self.entretien_parcours_from {
            if !(ENTRETIEN_PARCOURS_DEFAULT_FROM..=ENTRETIEN_PARCOURS_LATEST_FROM).contains(&d) {
                out.push(
                    Issue::new(
                        IssueCode::DateOutOfRange,
                        options.key("entretien_parcours_from"),
                    )
                    .with("min", ENTRETIEN_PARCOURS_DEFAULT_FROM)
                    .with("max", ENTRETIEN_PARCOURS_LATEST_FROM),
                );
            }
        }
        out
    }

    /// [`LegalOptions::check`] as a result: the options given as typed
    /// values by a caller (not read from JSON) are checked the same way.
    pub fn checked(&self) -> Result<(), crate::error::CmeError> {
        let issues = self.check();
        if issues.is_empty() {
            Ok(())
        } else {
            Err(crate::error::ValidationError { issues }.into())
        }
    }
}

/// The outcome of one visit rule for one absence (or for the worker, for
/// the mi-carrière visit).
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let report = cme_pdp::legal::visit_obligations(&case, cme_pdp::sample::SAMPLE_AS_OF,
///                                                 &cme_pdp::legal::LegalOptions::default());
/// assert!(report.absences[0].outcomes.iter().all(|o| !o.sources.is_empty()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VisitOutcome {
    /// The rule.
    pub rule: VisitRule,
    /// Its outcome.
    pub obligation: Obligation,
    /// The main version applied (the threshold's, for the pré-reprise and
    /// the reprise).
    pub version: VersionRef,
    /// The date of the fact that chose the main version.
    pub fact_date: NaiveDate,
    /// Every version applied, each with the fact and the date that chose
    /// it.
    pub dated_by: Vec<DatedVersion>,
    /// Deadline (reprise: 8 days after the return; mi-carrière: end of the
    /// year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Start of the period (mi-carrière: 1 January of the year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_start: Option<NaiveDate>,
    /// The date the visit took place, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// Who must ask for the visit, when the texts say (`employeur`,
    /// `employeur_principal`, `employeur_declarant_accident`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<String>,
    /// A stable code for the decisive reason (e.g.
    /// `pre_reprise_demandee_par_employeur`).
    pub code: String,
    /// Why, in French.
    pub reasons: Vec<Reason>,
    /// The articles (with their version dates) and documents applied.
    pub sources: Vec<Source>,
    /// Facts needed to decide.
    pub missing: Vec<MissingFact>,
}

/// The visit rules of one continuous absence.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let report = cme_pdp::legal::visit_obligations(&case, cme_pdp::sample::SAMPLE_AS_OF, &Default::default());
/// assert_eq!(report.absences[0].outcomes.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AbsenceVisits {
    /// The absence (its prescriptions, dates and joined length).
    pub absence: Absence,
    /// Outcome of each rule.
    pub outcomes: Vec<VisitOutcome>,
}

/// The legal calendar as of a date.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(3);
/// let report = cme_pdp::legal::visit_obligations(&case, cme_pdp::sample::SAMPLE_AS_OF, &Default::default());
/// assert!(report.mi_carriere.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VisitReport {
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// One entry per continuous absence, in date order.
    pub absences: Vec<AbsenceVisits>,
    /// The mi-carrière visit of the worker (and the entretien de parcours
    /// professionnel that follows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mi_carriere: Option<VisitOutcome>,
    /// The measures a cell may mobilise, with their conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureOutcome>,
    /// The scope of the rules, when it must be checked (a public employer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Reason>,
}

/// The reason given when the employer is public: the rules applied are the
/// Code du travail's, to be checked for a titular civil servant.
pub(crate) fn public_scope(worker: &Worker) -> Option<Reason> {
    (worker.employer == Some(EmployerKind::Public)).then(|| {
        Reason::new(
            "secteur_public_a_verifier",
            TextCode::SecteurPublicAVerifier,
            Source::reading("champ des règles"),
        )
    })
}

/// The legal calendar of a calendar input as of a date: each continuous
/// absence's rules, the mi-carrière visit, the measures, the scope.
///
/// ```
/// use cme_pdp::legal::{calendar, CalendarInput, Obligation};
/// use cme_pdp::case::{SickLeave, SickLeaveCause};
/// let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// // 40 + 25 days of non-professional illness, no day of work between: one absence of 65 days.
/// let leaves = vec![
///     SickLeave::between(d(2024, 1, 1), d(2024, 2, 9), SickLeaveCause::MaladieNonProfessionnelle),
///     SickLeave::between(d(2024, 2, 10), d(2024, 3, 5), SickLeaveCause::MaladieNonProfessionnelle),
/// ];
/// let mut input = CalendarInput::default();
/// input.leaves = leaves;
/// let r = calendar(&input, d(2024, 3, 6), &Default::default());
/// assert_eq!(r.absences.len(), 1);
/// assert_eq!(r.absences[0].absence.length_days, Some(65));
/// assert_eq!(r.absences[0].outcomes[2].obligation, Obligation::Obligatoire);
/// ```
pub fn calendar(input: &CalendarInput, as_of: NaiveDate, options: &LegalOptions) -> VisitReport {
    let absences = continuous_absences(&input.leaves);
    let scope = public_scope(&input.worker);
    let mut out = Vec::with_capacity(absences.len());
    for (i, absence) in absences.iter().enumerate() {
        let earlier: i64 = absences
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .filter(|a| a.is_illness_or_accident())
            .map(|a| a.known_length(as_of).0)
            .sum();
        let mut outcomes = vec![
            rules::liaison(absence, input, earlier, as_of, options),
            rules::pre_reprise(absence, input, i + 1 == absences.len(), as_of, options),
            rules::reprise(absence, input, absences.get(i + 1), as_of, options),
        ];
        for o in &mut outcomes {
            add_scope(o, scope.as_ref());
        }
        out.push(AbsenceVisits {
            absence: absence.clone(),
            outcomes,
        });
    }
    let mut mi_carriere = rules::mi_carriere(input, as_of, options);
    if let Some(o) = &mut mi_carriere {
        add_scope(o, scope.as_ref());
    }
    let measures = crate::measures::measures_for(input, &absences, as_of);
    VisitReport {
        as_of,
        absences: out,
        mi_carriere,
        measures,
        scope,
    }
}

fn add_scope(o: &mut VisitOutcome, scope: Option<&Reason>) {
    if let Some(r) = scope {
        push_reason(&mut o.reasons, &mut o.sources, r);
    }
}

/// Adds a reason to an outcome's reasons, and its sources to the outcome's
/// sources (without duplicates).
pub(crate) fn push_reason(reasons: &mut Vec<Reason>, sources: &mut Vec<Source>, r: &Reason) {
    for s in &r.sources {
        if !sources.contains(s) {
            sources.push(s.clone());
        }
    }
    reasons.push(r.clone());
}

/// The calendar input of a case: its sick leaves, its worker, the visits it
/// records (format version 2), and the pré-reprise request of its
/// signalement (the signalement's date stands for the request's, the visit
/// being the signalement's source).
pub fn calendar_input_of(case: &Case) -> CalendarInput {
    let request = (case.signalement.source_visit == SourceVisit::PreReprise)
        .then_some(case.signalement.requested_by)
        .flatten()
        .map(|requested_by| PreRepriseRequest {
            requested_by,
            date: Some(case.signalement.date),
        });
    let avis = case.events.iter().find_map(|e| match e {
        crate::case::Event::Sortie {
            result: Some(crate::case::ExitResult::Inaptitude),
            ..
        } => Some(true),
        _ => None,
    });
    CalendarInput {
        leaves: case.sick_leaves.clone(),
        worker: case.worker.clone(),
        pre_reprise_request: request,
        visits: case.visits.clone(),
        facts: MeasureFacts {
            inaptitude_risk_identified: avis,
            ..MeasureFacts::default()
        },
        ..CalendarInput::default()
    }
}

/// The legal calendar of a case as of a date.
pub fn visit_obligations(case: &Case, as_of: NaiveDate, options: &LegalOptions) -> VisitReport {
    calendar(&calendar_input_of(case), as_of, options)
}

/// Every visit rule for one sick leave and the worker: the rendez-vous de
/// liaison, the pré-reprise (judged for `pre_reprise_requested_by` when
/// given, the request dated on the evaluation date), the reprise, and the
/// worker's mi-carrière visit.
pub fn visit_obligations_for_leave(
    leave: &SickLeave,
    worker: &Worker,
    pre_reprise_requested_by: Option<Requester>,
    as_of: NaiveDate,
    options: &LegalOptions,
) -> Vec<VisitOutcome> {
    let input = CalendarInput {
        leaves: vec![leave.clone()],
        worker: worker.clone(),
        pre_reprise_request: pre_reprise_requested_by.map(|requested_by| PreRepriseRequest {
            requested_by,
            date: Some(as_of),
        }),
        ..CalendarInput::default()
    };
    let report = calendar(&input, as_of, options);
    let mut out: Vec<VisitOutcome> = report
        .absences
        .into_iter()
        .flat_map(|a| a.outcomes)
        .collect();
    out.extend(report.mi_carriere);
    out
}

/// The year a worker's mi-carrière visit is due (default age 45; an age
/// outside [`BRANCH_AGE_MIN`]..=[`BRANCH_AGE_MAX`] gives `None`).
///
/// ```
/// use cme_pdp::case::Worker;
/// let mut w = Worker::default();
/// w.birth_year = Some(1980);
/// assert_eq!(cme_pdp::legal::mi_carriere_year(&w, None), Some(2025));
/// assert_eq!(cme_pdp::legal::mi_carriere_year(&w, Some(50)), Some(2030));
/// assert_eq!(cme_pdp::legal::mi_carriere_year(&w, Some(2147483647)), None);
/// ```
pub fn mi_carriere_year(worker: &Worker, branch_agreement_age: Option<u32>) -> Option<i32> {
    let age = branch_agreement_age.unwrap_or(45);
    if !(BRANCH_AGE_MIN..=BRANCH_AGE_MAX).contains(&age) {
        return None;
    }
    let age = i32::try_from(age).ok()?;
    worker.year_of_birth().and_then(|y| y.checked_add(age))
}
