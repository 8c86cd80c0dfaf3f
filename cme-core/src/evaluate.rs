//! `evaluate(case, policy, as_of)`: where a case stands, and why.
//!
//! One [`Evaluation`] holds the stage, the status, the accompaniment
//! category, the inclusion decision, the targeting decision, the alerts,
//! the next steps, the refused events and the missing facts. Each item has
//! its reasons and sources; the whole names the evaluation date, the engine
//! version and the policy (id and content hash). [`Evaluation::to_text_fr`]
//! renders it as readable French.
//!
//! Evaluating "as of" a date uses only what was known then: events dated
//! after `as_of` are left out (and counted), and a case signalled after
//! `as_of` did not exist yet (an error).
//!
//! ```
//! use cme_pdp::evaluate::{evaluate, Status};
//! use cme_pdp::policy::preset;
//!
//! let case = cme_pdp::sample::sample_cases().unwrap().remove(9);
//! let e = evaluate(&case, &preset("aist43").unwrap(), cme_pdp::sample::SAMPLE_AS_OF).unwrap();
//! assert!(matches!(e.status.value, Status::SortiePositive | Status::SortieNegative | Status::SortieNeutre));
//! assert!(e.to_text_fr().contains("Statut"));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Case, ExitResult};
use crate::category::{category, CategoryDecision};
use crate::codes::{code_enum, Code};
use crate::deadlines::{self, Alert, NextStep};
use crate::error::CmeError;
use crate::explain::{Decision, MissingFact, Reason, Source};
use crate::inclusion::InclusionDecision;
use crate::issue::{Issue, IssueCode, Path};
use crate::legal::{visit_obligations, LegalOptions, Obligation, VisitReport};
use crate::measures::{suggested_measures, MeasureOutcome};
use crate::orientation::{orient, Suggestion};
use crate::pathway::{replay_until, PathwayState, Stage};
use crate::policy::{Loaded, Outcome, Policy};
use crate::texts::{Text, TextCode};
use crate::validate::{parse_case_for_pathway, ValidateOptions, PATHWAY_CODES};

code_enum! {
    /// The status of a case (seed 004, AIST 43's four statuses; a neutral
    /// exit, such as a retirement under most policies, is the fifth).
    ///
    /// ```
    /// use cme_pdp::{evaluate::Status, codes::Code};
    /// assert_eq!(Status::RefusIntegration.label_fr(), "Refus d'intégration");
    /// ```
    pub enum Status: "status" {
        EnCours = "en_cours", "En cours", "Ongoing";
        RefusIntegration = "refus_integration", "Refus d'intégration", "Refused to join";
        SortieNegative = "sortie_negative", "Sortie négative", "Negative exit";
        SortiePositive = "sortie_positive", "Sortie positive", "Positive exit";
        SortieNeutre = "sortie_neutre", "Sortie ni positive ni négative", "Exit neither positive nor negative";
    }
}

/// The stage, with the service's own name for it.
///
/// ```
/// use cme_pdp::{evaluate::{evaluate, StageValue}, policy::preset, sample};
/// let case = &sample::sample_cases().unwrap()[0];
/// let e = evaluate(case, &preset("aismt13").unwrap(), sample::SAMPLE_AS_OF).unwrap();
/// let s: &StageValue = &e.stage.value;
/// // the stage is the last step of its history, reached on `since`
/// assert_eq!(s.history.last().map(|step| (step.stage, step.date)), Some((s.stage, s.since)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StageValue {
    /// The canonical stage.
    pub stage: Stage,
    /// Its canonical French label.
    pub label: String,
    /// The service's name for it, if the policy names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_label: Option<String>,
    /// Since when.
    pub since: NaiveDate,
    /// Every stage reached, the first time, in date order (with the
    /// service's order of stages, a stage may be reached after a later one).
    #[serde(default)]
    pub history: Vec<crate::pathway::StageStep>,
}

/// The policy an evaluation applied.
///
/// ```
/// let p = cme_pdp::policy::preset("aist43").unwrap();
/// let r = cme_pdp::evaluate::PolicyRef::of(&p);
/// assert_eq!(r.content_hash, p.content_hash());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyRef {
    /// Policy id.
    pub id: String,
    /// Policy name.
    pub name: String,
    /// SHA-256 of the policy's canonical JSON.
    pub content_hash: String,
}

impl PolicyRef {
    /// The reference of a policy.
    pub fn of(policy: &Policy) -> PolicyRef {
        PolicyRef::with_hash(policy, &policy.content_hash())
    }

    /// The reference of a policy whose content hash is already computed.
    fn with_hash(policy: &Policy, hash: &str) -> PolicyRef {
        PolicyRef {
            id: policy.id.clone(),
            name: policy.name.clone(),
            content_hash: hash.to_string(),
        }
    }
}

/// Everything the library decides about a case as of a date.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let e = cme_pdp::evaluate::evaluate(&case, &cme_pdp::policy::preset("asmt65").unwrap(),
///                                       cme_pdp::sample::SAMPLE_AS_OF).unwrap();
/// assert_eq!(e.case_id, "S-001");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evaluation {
    /// The case's pseudonymous id.
    pub case_id: String,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// Version of cme that evaluated.
    pub engine_version: String,
    /// The policy applied.
    pub policy: PolicyRef,
    /// Where the case stands.
    pub stage: Decision<StageValue>,
    /// Its status.
    pub status: Decision<Status>,
    /// Its accompaniment category.
    pub category: CategoryDecision,
    /// Inclusion in the full pluridisciplinary treatment.
    pub inclusion: InclusionDecision,
    /// Whether the case is within the service's targeting rules, when a
    /// rule applies on the signalement date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targeting: Option<Decision<Option<bool>>>,
    /// What is due, overdue, or refused.
    pub alerts: Vec<Alert>,
    /// What comes next.
    pub next_steps: Vec<NextStep>,
    /// Events the pathway refused (left out of the state).
    pub refused_events: Vec<Issue>,
    /// Events dated after `as_of`, left out.
    pub later_events: usize,
    /// Facts needed for an open decision.
    pub missing_facts: Vec<MissingFact>,
    /// The legal calendar of the case's sick leaves and the mi-carrière
    /// visit (LEGAL.md).
    pub visits: VisitReport,
    /// Measures worth considering, with their dates and conditions.
    pub measures: Vec<MeasureOutcome>,
    /// Partners suggested for the problems the case shows, gated by consent.
    pub orientation: Vec<Suggestion>,
}

/// Evaluates a valid case under a policy as of a date.
///
/// ```
/// use cme_pdp::{evaluate::{evaluate, Status}, pathway::Stage, policy::preset};
/// use cme_pdp::validate::{parse_case_json, ValidateOptions};
///
/// // Signalled at a pré-reprise visit, contacted on 11 March, the request
/// // analysed on 14 March without a simple solution.
/// let case = parse_case_json(r#"{
///     "format_version": 2, "id": "EX-1", "service": "aismt13",
///     "worker": {"birth_year": 1972},
///     "sick_leaves": [{"start": "2024-01-08", "end": "2024-04-30", "cause": "maladie_non_professionnelle"}],
///     "signalement": {"date": "2024-03-04", "source_visit": "pre_reprise", "signalled_by": "medecin_du_travail"},
///     "events": [{"type": "contact", "date": "2024-03-11"},
///                {"type": "analyse_demande", "date": "2024-03-14", "simple_solution": false}]
/// }"#, &ValidateOptions::default()).unwrap();
/// let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
/// let e = evaluate(&case, &preset("aismt13").unwrap(), as_of).unwrap();
/// // AISMT 13's COPIL analyses a request before the first contact: the
/// // analysis of 14 March does not move the case past its contact.
/// assert_eq!((e.stage.value.stage, e.status.value), (Stage::Contact, Status::EnCours));
/// // Every decision carries its reasons, each with its sources.
/// assert!(!e.stage.reasons.is_empty());
/// assert!(e.stage.reasons.iter().all(|r| !r.text.is_empty() && !r.sources.is_empty()));
/// // The same, as French text for the médecin du travail.
/// assert!(e.to_text_fr().contains("aismt13"));
/// ```
///
/// Fails with [`CmeError::InvalidCase`] when the case is invalid or was
/// signalled after `as_of`. Inconsistencies that are pathway rules
/// ([`PATHWAY_CODES`]: an exit without a result, a follow-up before the
/// exit…) do not fail: the pathway refuses the event and the evaluation
/// reports it.
pub fn evaluate(case: &Case, policy: &Policy, as_of: NaiveDate) -> Result<Evaluation, CmeError> {
    check_for_evaluation(case)?;
    evaluate_checked(case, policy, &policy.content_hash(), as_of)
}

/// [`evaluate`] under a policy loaded once ([`Loaded`]): its content hash
/// is not computed again for each case. The evaluation is the same.
///
/// ```
/// use cme_pdp::{evaluate::{evaluate, evaluate_loaded}, policy::Loaded, sample};
/// let loaded = Loaded::preset("aist43").unwrap();
/// for case in &sample::sample_cases().unwrap() {
///     let once = evaluate_loaded(case, loaded, sample::SAMPLE_AS_OF).unwrap();
///     assert_eq!(once, evaluate(case, loaded.policy(), sample::SAMPLE_AS_OF).unwrap());
/// }
/// ```
pub fn evaluate_loaded(
    case: &Case,
    policy: &Loaded,
    as_of: NaiveDate,
) -> Result<Evaluation, CmeError> {
    check_for_evaluation(case)?;
    evaluate_checked(case, policy.policy(), policy.content_hash(), as_of)
}

/// A case's problems that stop an evaluation (those of [`PATHWAY_CODES`]
/// do not: the pathway refuses the event and the evaluation reports it).
fn check_for_evaluation(case: &Case) -> Result<(), CmeError> {
    let mut issues = case.check(&ValidateOptions::default());
    issues.retain(|i| !PATHWAY_CODES.contains(&i.code));
    if issues.is_empty() {
        Ok(())
    } else {
        Err(CmeError::InvalidCase(crate::validate::ValidationError {
            issues,
        }))
    }
}

/// Validates a JSON case and evaluates it.
///
/// ```
/// let value = cme_pdp::sample::sample_json_values().unwrap().remove(5);
/// let p = cme_pdp::policy::preset("mt2i38").unwrap();
/// let e = cme_pdp::evaluate::evaluate_value(&value, &p, cme_pdp::sample::SAMPLE_AS_OF).unwrap();
/// assert_eq!(e.policy.id, "mt2i38");
/// ```
pub fn evaluate_value(
    value: &serde_json::Value,
    policy: &Policy,
    as_of: NaiveDate,
) -> Result<Evaluation, CmeError> {
    let case = parse_case_for_pathway(value, &ValidateOptions::default())?;
    evaluate_checked(&case, policy, &policy.content_hash(), as_of)
}

/// [`evaluate_value`] under a policy loaded once ([`Loaded`]).
///
/// ```
/// let value = cme_pdp::sample::sample_json_values().unwrap().remove(5);
/// let p = cme_pdp::policy::Loaded::preset("mt2i38").unwrap();
/// let e = cme_pdp::evaluate::evaluate_value_loaded(&value, p, cme_pdp::sample::SAMPLE_AS_OF).unwrap();
/// assert_eq!(e.policy.content_hash, p.content_hash());
/// ```
pub fn evaluate_value_loaded(
    value: &serde_json::Value,
    policy: &Loaded,
    as_of: NaiveDate,
) -> Result<Evaluation, CmeError> {
    let case = parse_case_for_pathway(value, &ValidateOptions::default())?;
    evaluate_checked(&case, policy.policy(), policy.content_hash(), as_of)
}

/// Every evaluation: `hash` is the policy's content hash, computed once
/// by the caller (it was computed seven times per evaluation before).
fn evaluate_checked(
    case: &Case,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
) -> Result<Evaluation, CmeError> {
    evaluate_checked_with(case, policy, hash, as_of, &LegalOptions::default())
}

/// [`evaluate_loaded`] with options of the legal calendar (a branch
/// agreement's mi-carrière age, the thresholds imposed to compare the
/// rules…): what the visits, the alerts that follow from them and the
/// measures are computed with.
///
/// ```
/// use cme_pdp::{evaluate::{evaluate_loaded, evaluate_loaded_with}, legal::{LegalOptions, Thresholds}, policy::Loaded, sample};
/// let loaded = Loaded::preset("aist43").unwrap();
/// let case = &sample::sample_cases().unwrap()[0];
/// let same = evaluate_loaded_with(case, loaded, sample::SAMPLE_AS_OF, &LegalOptions::default()).unwrap();
/// assert_eq!(same, evaluate_loaded(case, loaded, sample::SAMPLE_AS_OF).unwrap());
/// let mut old = LegalOptions::default();
/// old.thresholds = Some(Thresholds::Avant2022);
/// let e = evaluate_loaded_with(case, loaded, sample::SAMPLE_AS_OF, &old).unwrap();
/// assert!(e.visits.absences.iter().flat_map(|a| a.outcomes.iter())
///     .filter(|o| o.rule.code() == "reprise").all(|o| o.version.id == "reprise_2017"));
/// # use cme_pdp::codes::Code;
/// ```
pub fn evaluate_loaded_with(
    case: &Case,
    policy: &Loaded,
    as_of: NaiveDate,
    legal: &LegalOptions,
) -> Result<Evaluation, CmeError> {
    check_for_evaluation(case)?;
    evaluate_checked_with(case, policy.policy(), policy.content_hash(), as_of, legal)
}

/// The decisions of an evaluation (stage, status, category, inclusion,
/// targeting, alerts, next steps, missing facts) without the legal
/// calendar, the measures and the orientation, which depend on neither the
/// policy nor anything else the decisions read: for a comparison of two
/// policies ([`crate::impact`]), which takes them from the first
/// evaluation. Never given out: its calendar is empty.
pub(crate) fn evaluate_decisions(
    case: &Case,
    policy: &Loaded,
    as_of: NaiveDate,
) -> Result<Evaluation, CmeError> {
    check_for_evaluation(case)?;
    evaluate_parts(
        case,
        policy.policy(),
        policy.content_hash(),
        as_of,
        &LegalOptions::default(),
        false,
    )
}

/// The checks every evaluation makes before anything: a valid case (but
/// the events the pathway refuses), signalled on or before `as_of`.
pub(crate) fn check_evaluable(case: &Case, as_of: NaiveDate) -> Result<(), CmeError> {
    check_for_evaluation(case)?;
    if case.signalement.date > as_of {
        return Err(signalled_after(as_of));
    }
    Ok(())
}

fn signalled_after(as_of: NaiveDate) -> CmeError {
    CmeError::InvalidCase(crate::validate::ValidationError {
        issues: vec![Issue::new(
            IssueCode::DateAfterAsOf,
            Path::root().key("signalement").key("date"),
        )
        .with("as_of", as_of)],
    })
}

fn evaluate_checked_with(
    case: &Case,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
    legal: &LegalOptions,
) -> Result<Evaluation, CmeError> {
    evaluate_parts(case, policy, hash, as_of, legal, true)
}

fn evaluate_parts(
    case: &Case,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
    legal: &LegalOptions,
    calendar: bool,
) -> Result<Evaluation, CmeError> {
    if case.signalement.date > as_of {
        return Err(signalled_after(as_of));
    }
    // Only what was known on `as_of`: later events are left out (and
    // counted); refusals keep the case's event indices.
    let later_events = case.events.iter().filter(|e| e.date() > as_of).count();
    let replayed = replay_for(case, policy, as_of);
    let state = replayed.state;

    let stage = stage_decision(&state, policy, hash, as_of, later_events);
    let status = status_decision(&state, policy, hash, as_of);
    let category = category(case, &state, policy, as_of);
    let inclusion = crate::inclusion::inclusion_with(&state, policy, hash, as_of);
    let targeting = targeting(case, policy, hash, as_of);

    let mut alerts = Vec::new();
    let mut next_steps = Vec::new();
    deadlines::refusals(&replayed.refused, &mut alerts);
    deadlines::first_contact_with(&state, policy, hash, as_of, &mut alerts, &mut next_steps);
    deadlines::follow_ups_with(&state, policy, hash, as_of, &mut alerts, &mut next_steps);
    if let Some(t) = &targeting {
        if t.value == Some(false) {
            let min_age = policy
                .targeting
                .iter()
                .find(|r| case.signalement.date < r.until)
                .map_or(0, |r| r.min_age);
            alerts.push(Alert::new(
                "hors_cible",
                deadlines::AlertLevel::Information,
                crate::texts::Text::new(crate::texts::TextCode::HorsCible).with("min_age", min_age),
                t.sources.clone(),
            ));
        }
    }
    crate::process::next_steps(
        &state,
        policy,
        inclusion.decision.value == crate::inclusion::InclusionValue::Included,
        &case
            .meetings
            .iter()
            .filter(|m| m.date <= as_of)
            .copied()
            .collect::<Vec<_>>(),
        hash,
        &mut next_steps,
    );

    // One entry per fact, naming every decision that needs it.
    let mut missing_facts: Vec<MissingFact> = Vec::new();
    for m in inclusion.missing.iter().chain(category.missing.iter()) {
        match missing_facts.iter_mut().find(|x| x.fact == m.fact) {
            Some(x) if !x.needed_for.split(',').any(|n| n.trim() == m.needed_for) => {
                x.needed_for = format!("{}, {}", x.needed_for, m.needed_for);
            }
            Some(_) => {}
            None => missing_facts.push(m.clone()),
        }
    }
    if let Some(t) = &targeting {
        if t.value.is_none() {
            missing_facts.push(MissingFact::new(
                "worker.birth_date",
                "targeting",
                TextCode::ManqueNaissanceCiblage,
            ));
        }
    }

    let (visits, measures, orientation) = if calendar {
        (
            visit_obligations(case, as_of, legal),
            suggested_measures(case, as_of),
            orient(case, None, as_of),
        )
    } else {
        let empty = VisitReport {
            as_of,
            absences: Vec::new(),
            mi_carriere: None,
            measures: Vec::new(),
            scope: None,
        };
        (empty, Vec::new(), Vec::new())
    };

    Ok(Evaluation {
        case_id: case.id.clone(),
        as_of,
        engine_version: crate::VERSION.to_string(),
        policy: PolicyRef::with_hash(policy, hash),
        stage,
        status,
        category,
        inclusion,
        targeting,
        alerts,
        next_steps,
        refused_events: replayed.refused,
        later_events,
        missing_facts,
        visits,
        measures,
        orientation,
    })
}

fn stage_decision(
    state: &PathwayState,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
    later_events: usize,
) -> Decision<StageValue> {
    let since = state.stage_since;
    let value = StageValue {
        stage: state.stage,
        label: state.stage.label_fr().to_string(),
        service_label: policy.stage_name(state.stage),
        since,
        history: state.history.clone(),
    };
    let mut d = Decision::new(value, as_of);
    let day =
        |s: &crate::pathway::StageStep| s.date.signed_duration_since(state.signalement).num_days();
    let joined = |f: &dyn Fn(&crate::pathway::StageStep) -> String| {
        state.history.iter().map(f).collect::<Vec<_>>().join(" → ")
    };
    let steps = Text::new(TextCode::EtapesFranchies).with_label(
        "steps",
        &joined(&|s| format!("{}+{}", s.stage.code(), day(s))),
        &joined(&|s| format!("{} (J+{})", s.stage.label_fr(), day(s))),
        &joined(&|s| format!("{} (D+{})", s.stage.label_en(), day(s))),
    );
    d.push(Reason::of(steps, Source::reading("étapes canoniques")));
    if let Some(name) = policy.stage_name(state.stage) {
        d.push(
            Reason::of(
                Text::new(TextCode::NomDuService).with("name", name),
                Source::policy(&policy.id, "stages", hash),
            )
            .and(
                policy
                    .seeds
                    .first()
                    .map(|s| match crate::sources::document(s) {
                        Some(d) => Source::document(d.id, ""),
                        None => Source::cited(&policy.id, s, hash),
                    })
                    .unwrap_or_else(|| Source::reading("services")),
            ),
        );
    }
    if later_events > 0 {
        d.push(Reason::of(
            Text::new(TextCode::EvenementsPosterieurs).with("events", later_events),
            Source::reading("évaluation à une date"),
        ));
    }
    d
}

/// The status of a case without explanations (for indicators): the same
/// rule as the evaluation's status.
///
/// ```
/// use cme_pdp::evaluate::{status_value, Status};
/// let policy = cme_pdp::policy::preset("aist43").unwrap();
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let state = cme_pdp::pathway::replay(&case, &policy).state;
/// assert_eq!(status_value(&state, &policy), Status::RefusIntegration);
/// ```
pub fn status_value(state: &PathwayState, policy: &Policy) -> Status {
    if let Some(exit) = &state.exit {
        return status_of_outcome(policy.outcome(exit.result));
    }
    if state.refusal.is_some() || (state.no_answer.is_some() && state.first_contact.is_none()) {
        Status::RefusIntegration
    } else if state.stopped_answering().is_some() {
        // Entered, then stopped answering: the worker has left the cell
        // (DOMAIN.md §5), an exit the policy classifies.
        status_of_outcome(policy.outcome(ExitResult::PerduDeVue))
    } else {
        Status::EnCours
    }
}

fn status_of_outcome(outcome: Outcome) -> Status {
    match outcome {
        Outcome::Positive => Status::SortiePositive,
        Outcome::Negative => Status::SortieNegative,
        Outcome::Neutre => Status::SortieNeutre,
    }
}

fn status_decision(
    state: &PathwayState,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
) -> Decision<Status> {
    let seed = Source::document("aist43_bilan_2020", "statuts des dossiers");
    let status = status_value(state, policy);
    let reason = match (&state.exit, status) {
        (Some(exit), _) => {
            let outcome = policy.outcome(exit.result);
            Reason::of(
                Text::new(TextCode::ResultatDeSortie)
                    .with_code("result", exit.result)
                    .with_code("outcome", outcome)
                    .with("policy", &policy.id),
                seed,
            )
            .and(Source::cited(&policy.id, &policy.results.source, hash))
            .and(Source::policy(
                &policy.id,
                &format!("results.classes.{}", exit.result.code()),
                hash,
            ))
        }
        (None, Status::RefusIntegration) if state.refusal.is_some() => Reason::new(
            "refus_accompagnement",
            Text::new(TextCode::RefusIntegrationStatut),
            seed,
        )
        .and(Source::document(
            "aismt13_fonctionnement",
            "catégorie « sans suite »",
        )),
        (None, Status::SortiePositive | Status::SortieNegative | Status::SortieNeutre) => {
            let outcome = policy.outcome(ExitResult::PerduDeVue);
            Reason::of(
                Text::new(TextCode::SortiePerduDeVue)
                    .with(
                        "entered",
                        state
                            .first_contact
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    )
                    .with(
                        "since",
                        state.no_answer.map(|d| d.to_string()).unwrap_or_default(),
                    )
                    .with_code("result", ExitResult::PerduDeVue)
                    .with_code("outcome", outcome)
                    .with("policy", &policy.id),
                seed,
            )
            .and(Source::reading("statuts"))
            .and(Source::policy(
                &policy.id,
                "results.classes.perdu_de_vue",
                hash,
            ))
        }
        (None, Status::RefusIntegration) => Reason::new(
            "absence_reponse",
            Text::new(TextCode::AbsenceReponseStatut),
            seed,
        )
        .and(Source::document(
            "aismt13_fonctionnement",
            "catégorie « sans suite »",
        )),
        (None, _) => Reason::of(Text::new(TextCode::PasDeSortie), seed),
    };
    Decision::new(status, as_of).because(reason)
}

fn targeting(
    case: &Case,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
) -> Option<Decision<Option<bool>>> {
    let (rule, value) = targeting_value(case, policy)?;
    let sources = [
        Source::cited(&policy.id, &rule.source, hash),
        Source::policy(&policy.id, "targeting", hash),
    ];
    let text = match value {
        None => TextCode::CiblageAgeInconnu,
        Some(true) => TextCode::CiblageAgeDansLaCible,
        Some(false) => TextCode::HorsCible,
    };
    let text = Text::new(text).with("min_age", rule.min_age);
    let mut reason = Reason::new("ciblage_age", text, sources[0].clone());
    reason = reason.and(sources[1].clone());
    Some(Decision::new(value, as_of).because(reason))
}

/// The policy's age targeting rule in force on the signalement's date, and
/// whether the worker was in its target then (`None`: age unknown).
fn targeting_value<'p>(
    case: &Case,
    policy: &'p Policy,
) -> Option<(&'p crate::policy::TargetingRule, Option<bool>)> {
    let rule = policy
        .targeting
        .iter()
        .find(|r| case.signalement.date < r.until)?;
    let value = case
        .worker
        .age_on(case.signalement.date)
        .map(|age| age >= i32::try_from(rule.min_age).unwrap_or(i32::MAX));
    Some((rule, value))
}

/// The decisions of an evaluation, as codes and dates: what a worklist, a
/// dashboard or a table of cases reads. [`decide`] computes them with the
/// rules of [`evaluate`] (the same functions), without building reasons,
/// sources, texts or the legal calendar; [`Evaluation::decisions`] reads
/// them off a whole evaluation, and a property test holds the two equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Decisions {
    /// The canonical stage.
    pub stage: Stage,
    /// Since when.
    pub stage_since: NaiveDate,
    /// The status.
    pub status: Status,
    /// The category, once decided.
    pub category: Option<crate::case::Category>,
    /// The inclusion decision.
    pub inclusion: crate::inclusion::InclusionValue,
    /// The age targeting of the policy, if it has one: in the target, not,
    /// or unknown (`Some(None)`).
    pub targeting: Option<Option<bool>>,
    /// The alerts, in the evaluation's order.
    pub alerts: Vec<AlertDecision>,
}

/// An alert as a decision: its code, level and dates, without its texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AlertDecision {
    /// The alert's code (`contact_en_retard`, `suivi_a_echeance`, or the
    /// issue code of a refused event).
    pub code: String,
    /// Its level.
    pub level: deadlines::AlertLevel,
    /// The deadline it is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Days past that deadline (negative: days left).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
}

/// The decisions of [`evaluate`] (stage, status, category, inclusion,
/// targeting, alerts) without their explanations: the same rules, a
/// fraction of the work. The case is checked as [`evaluate`] checks it.
///
/// ```
/// use cme_pdp::{evaluate::{decide, evaluate_loaded}, policy::Loaded, sample};
/// let policy = Loaded::preset("aismt13").unwrap();
/// for case in &sample::sample_cases().unwrap() {
///     let d = decide(case, policy, sample::SAMPLE_AS_OF).unwrap();
///     let e = evaluate_loaded(case, policy, sample::SAMPLE_AS_OF).unwrap();
///     assert_eq!(d, e.decisions());
/// }
/// ```
pub fn decide(case: &Case, policy: &Loaded, as_of: NaiveDate) -> Result<Decisions, CmeError> {
    check_evaluable(case, as_of)?;
    Ok(decide_checked(case, policy.policy(), as_of))
}

/// A case that passed the checks of an evaluation (a valid case, but for
/// the events the pathway refuses): decided and evaluated as many times as
/// needed (other dates, other policies) without being checked again. It
/// cannot be changed once checked; [`EvaluableCase::into_case`] gives the
/// case back.
///
/// ```
/// use cme_pdp::evaluate::{decide, EvaluableCase};
/// use cme_pdp::policy::Loaded;
/// let value = cme_pdp::sample::sample_json_values().unwrap().remove(3);
/// let checked = EvaluableCase::from_value(&value).unwrap();
/// let policy = Loaded::preset("aist63").unwrap();
/// let d = checked.decide(policy, cme_pdp::sample::SAMPLE_AS_OF).unwrap();
/// assert_eq!(d, decide(checked.case(), policy, cme_pdp::sample::SAMPLE_AS_OF).unwrap());
/// assert!(EvaluableCase::from_value(&serde_json::json!({})).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluableCase {
    case: Case,
}

impl EvaluableCase {
    /// Checks a case as [`evaluate`] checks it.
    pub fn new(case: Case) -> Result<EvaluableCase, CmeError> {
        check_for_evaluation(&case)?;
        Ok(EvaluableCase { case })
    }

    /// Reads and checks a case in its JSON form, once (the checks of
    /// [`crate::validate::parse_case_for_pathway`]).
    pub fn from_value(value: &serde_json::Value) -> Result<EvaluableCase, CmeError> {
        let case = parse_case_for_pathway(value, &ValidateOptions::default())?;
        Ok(EvaluableCase { case })
    }

    /// The case.
    pub fn case(&self) -> &Case {
        &self.case
    }

    /// The case, to change it (check it again afterwards).
    pub fn into_case(self) -> Case {
        self.case
    }

    /// Its decisions as of a date ([`decide`]); only the date is checked.
    pub fn decide(&self, policy: &Loaded, as_of: NaiveDate) -> Result<Decisions, CmeError> {
        if self.case.signalement.date > as_of {
            return Err(signalled_after(as_of));
        }
        Ok(decide_checked(&self.case, policy.policy(), as_of))
    }

    /// Its whole evaluation as of a date ([`evaluate_loaded`]).
    pub fn evaluate(&self, policy: &Loaded, as_of: NaiveDate) -> Result<Evaluation, CmeError> {
        evaluate_checked(&self.case, policy.policy(), policy.content_hash(), as_of)
    }
}

/// The case's pathway as known on `as_of`, under the service's process:
/// what every decision of an evaluation is read from.
fn replay_for(case: &Case, policy: &Policy, as_of: NaiveDate) -> crate::pathway::Replay {
    replay_until(
        case.signalement.date,
        &case.events,
        &case.consents,
        &crate::pathway::ReplayRules::of(policy),
        as_of,
    )
}

/// [`decide`] for a case already checked ([`check_evaluable`]).
pub(crate) fn decide_checked(case: &Case, policy: &Policy, as_of: NaiveDate) -> Decisions {
    use deadlines::{AlertLevel, FirstContact, FollowUp};
    let replayed = replay_for(case, policy, as_of);
    let state = &replayed.state;
    let mut alerts = Vec::new();
    for issue in &replayed.refused {
        alerts.push(AlertDecision {
            code: issue.code.code().to_string(),
            level: AlertLevel::Refus,
            due: None,
            days_overdue: None,
        });
    }
    let alert = |code: &str, level, due, late| AlertDecision {
        code: code.to_string(),
        level,
        due: Some(due),
        days_overdue: Some(late),
    };
    match deadlines::first_contact_status(state, policy, as_of) {
        Some(FirstContact::Late { due, late }) => {
            alerts.push(alert("contact_tardif", AlertLevel::Information, due, late));
        }
        Some(FirstContact::Overdue { due, late }) => {
            alerts.push(alert("contact_en_retard", AlertLevel::EnRetard, due, late));
        }
        Some(FirstContact::Waiting { .. }) | None => {}
    }
    if state.exit.is_some() {
        for (slot, status) in deadlines::follow_up_statuses(state, policy, as_of) {
            if policy.follow_ups.get(slot.rule).is_none() {
                continue;
            }
            match status {
                FollowUp::DoneLate { late, .. } => alerts.push(alert(
                    "suivi_realise_en_retard",
                    AlertLevel::Information,
                    slot.deadline,
                    late,
                )),
                FollowUp::Overdue { late } => alerts.push(alert(
                    "suivi_en_retard",
                    AlertLevel::EnRetard,
                    slot.deadline,
                    late,
                )),
                FollowUp::Due { left } => alerts.push(alert(
                    "suivi_a_echeance",
                    AlertLevel::AEcheance,
                    slot.deadline,
                    -left,
                )),
                FollowUp::Done | FollowUp::ToCome => {}
            }
        }
    }
    let targeting = targeting_value(case, policy).map(|(_, value)| value);
    if targeting == Some(Some(false)) {
        alerts.push(AlertDecision {
            code: "hors_cible".to_string(),
            level: AlertLevel::Information,
            due: None,
            days_overdue: None,
        });
    }
    Decisions {
        stage: state.stage,
        stage_since: state.stage_since,
        status: status_value(state, policy),
        category: crate::category::category_value(case, state, policy),
        inclusion: crate::inclusion::inclusion_value(state, policy.inclusion.min_expected_opinions),
        targeting,
        alerts,
    }
}

impl Evaluation {
    /// The decisions of the evaluation, as [`decide`] gives them.
    ///
    /// ```
    /// let e = cme_pdp::evaluate::evaluate(&cme_pdp::sample::sample_cases().unwrap()[0],
    ///     &cme_pdp::policy::preset("aist43").unwrap(), cme_pdp::sample::SAMPLE_AS_OF).unwrap();
    /// assert_eq!(e.decisions().status, e.status.value);
    /// ```
    pub fn decisions(&self) -> Decisions {
        Decisions {
            stage: self.stage.value.stage,
            stage_since: self.stage.value.since,
            status: self.status.value,
            category: self.category.decision.value,
            inclusion: self.inclusion.decision.value,
            targeting: self.targeting.as_ref().map(|t| t.value),
            alerts: self
                .alerts
                .iter()
                .map(|a| AlertDecision {
                    code: a.code.clone(),
                    level: a.level,
                    due: a.due,
                    days_overdue: a.days_overdue,
                })
                .collect(),
        }
    }
}

impl Evaluation {
    /// The evaluation as readable French text, for a médecin du travail.
    pub fn to_text_fr(&self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        line(
            &mut out,
            format!(
                "Dossier {} — évaluation au {} — politique {} ({}, empreinte {}) — cme {}",
                self.case_id,
                self.as_of,
                self.policy.id,
                self.policy.name,
                self.policy.content_hash.get(..12).unwrap_or_default(),
                self.engine_version
            ),
        );
        let stage = &self.stage.value;
        line(
            &mut out,
            format!(
                "Étape : {}{}",
                stage.label,
                stage
                    .service_label
                    .as_ref()
                    .map(|s| format!(" (« {s} »)"))
                    .unwrap_or_default()
            ),
        );
        reasons(&mut out, &self.stage.reasons);
        line(
            &mut out,
            format!("Statut : {}", self.status.value.label_fr()),
        );
        reasons(&mut out, &self.status.reasons);
        line(
            &mut out,
            format!(
                "Catégorie : {}",
                self.category
                    .decision
                    .value
                    .map(|c| c.label_fr().to_string())
                    .unwrap_or_else(|| "indéterminée".into())
            ),
        );
        reasons(&mut out, &self.category.decision.reasons);
        if let Some(o) = &self.category.team_override {
            line(
                &mut out,
                format!(
                    "  Choix de l'équipe du {} ; sa justification écrite est au dossier.",
                    o.decided_on
                ),
            );
        }
        line(
            &mut out,
            format!("Inclusion : {}", self.inclusion.decision.value.label_fr()),
        );
        for c in &self.inclusion.criteria {
            line(
                &mut out,
                format!("  - [{}] {}", c.status.label_fr(), c.text),
            );
        }
        if let Some(t) = &self.targeting {
            line(
                &mut out,
                format!(
                    "Ciblage : {}",
                    match t.value {
                        Some(true) => "dans la cible",
                        Some(false) => "hors cible",
                        None => "indéterminé",
                    }
                ),
            );
            reasons(&mut out, &t.reasons);
        }
        if self.alerts.is_empty() {
            line(&mut out, "Alertes : aucune".into());
        } else {
            line(&mut out, "Alertes :".into());
            for a in &self.alerts {
                line(
                    &mut out,
                    format!(
                        "  - [{}] {} ({})",
                        a.level.label_fr(),
                        a.text,
                        sources(&a.sources)
                    ),
                );
            }
        }
        if !self.next_steps.is_empty() {
            line(&mut out, "Prochaines étapes :".into());
            for s in &self.next_steps {
                line(
                    &mut out,
                    format!(
                        "  - {}{} ({})",
                        s.text,
                        s.due
                            .map(|d| format!(" — échéance {d}"))
                            .unwrap_or_default(),
                        sources(&s.sources)
                    ),
                );
            }
        }
        let visits: Vec<String> = self
            .visits
            .absences
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                l.outcomes.iter().map(move |o| {
                    format!(
                        "  - Absence n° {} — {} : {}{} ({})",
                        i + 1,
                        o.rule.label_fr(),
                        o.obligation.label_fr(),
                        o.due
                            .map(|d| format!(", au plus tard le {d}"))
                            .unwrap_or_default(),
                        sources(&o.sources)
                    )
                })
            })
            .chain(
                self.visits
                    .mi_carriere
                    .iter()
                    .filter(|o| o.obligation != Obligation::NonApplicable)
                    .map(|o| {
                        format!(
                            "  - {} : {}{} ({})",
                            o.rule.label_fr(),
                            o.obligation.label_fr(),
                            match (o.window_start, o.due) {
                                (Some(a), Some(b)) => format!(", entre le {a} et le {b}"),
                                _ => String::new(),
                            },
                            sources(&o.sources)
                        )
                    }),
            )
            .collect();
        if !visits.is_empty() {
            line(&mut out, "Calendrier légal :".into());
            for v in visits {
                line(&mut out, v);
            }
        }
        if !self.measures.is_empty() {
            line(&mut out, "Mesures à envisager :".into());
            for m in &self.measures {
                let dates: Vec<String> = m
                    .dates
                    .iter()
                    .map(|d| format!("{} : {}", d.label, d.date))
                    .collect();
                line(
                    &mut out,
                    format!(
                        "  - {}{}{} ({})",
                        m.measure.label_fr(),
                        match m.eligible {
                            Some(true) => " — ouverte",
                            Some(false) => " — non ouverte",
                            None => "",
                        },
                        if dates.is_empty() {
                            String::new()
                        } else {
                            format!(" — {}", dates.join(" ; "))
                        },
                        sources(&m.sources)
                    ),
                );
            }
        }
        if !self.orientation.is_empty() {
            line(&mut out, "Orientation :".into());
            for s in &self.orientation {
                line(
                    &mut out,
                    format!(
                        "  - {} → {} : {}",
                        s.problem.label_fr(),
                        s.partner.label_fr(),
                        if s.actionable {
                            "possible (consentement recueilli)"
                        } else {
                            "bloquée (consentement manquant ou retiré)"
                        }
                    ),
                );
            }
        }
        if !self.missing_facts.is_empty() {
            line(&mut out, "Faits manquants :".into());
            for m in &self.missing_facts {
                line(&mut out, format!("  - {} [{}]", m.text, m.fact));
            }
        }
        out
    }
}

fn sources(list: &[Source]) -> String {
    list.iter()
        .map(|s| match &s.version {
            Some(v) if s.kind == crate::explain::SourceKind::Article => {
                format!("{}, version du {v}", s.reference)
            }
            _ => s.reference.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn reasons(out: &mut String, list: &[Reason]) {
    for r in list {
        out.push_str(&format!("  · {} [{}]\n", r.text, sources(&r.sources)));
    }
}
