//! The next steps of a case, from its service's process.
//!
//! A service's process is data ([`crate::policy::Policy::stages`], in the
//! service's order, and [`crate::policy::Process`]): which stages exist,
//! in which order, which may be skipped. The next steps a case is given are
//! those of its service (DOMAIN.md §3): at AISMT 13 the COPIL analyses the
//! request before the first contact; AST BTP has no plenary commission, so
//! its cases are never told to go to one; ASMT 65 sets no contact deadline
//! (the worker calls "s'il le souhaite", seed 000), so nobody is told to
//! chase the worker.
//!
//! How the steps are found, before the exit:
//!
//! 1. a refusal, or no answer before any contact: close the case *sans
//!    suite*; a worker who entered and stopped answering: call back, or
//!    record the exit (*perdu de vue*);
//! 2. otherwise the stages of the process are walked in the service's
//!    order: each stage not done gives its step; the walk stops at the
//!    first such stage a case may not skip (an optional stage's step is
//!    given with the next one's). In a process without a fixed order
//!    (MT2i's circle), every stage not done gives its step.
//!
//! The contact step with a deadline is the deadlines' ([`crate::deadlines`]);
//! the steps after the exit are the follow-ups'.
//!
//! ```
//! use cme_pdp::{evaluate::evaluate, policy::preset};
//! let case = cme_pdp::sample::sample_cases().unwrap().remove(2);
//! let e = evaluate(&case, &preset("aist63").unwrap(), cme_pdp::sample::SAMPLE_AS_OF).unwrap();
//! for step in &e.next_steps { assert!(!step.sources.is_empty()); }
//! ```

use crate::case::Meeting;
use crate::codes::Code;
use crate::deadlines::NextStep;
use crate::explain::Source;
use crate::pathway::{PathwayState, Stage};
use crate::policy::Policy;
use crate::texts::{Text, TextCode};

/// What a stage of the process asks of a case that has not done it.
enum Need {
    /// Nothing (done, skipped, or not a step).
    Nothing,
    /// The deadlines give this step (the contact with a deadline).
    Deadline,
    /// This step.
    Step(TextCode),
}

/// A stage of the service's process: the canonical stage, its place in the
/// policy's list and the service's name (when the policy lists stages),
/// and whether a case may skip it.
type ProcessStage<'p> = (Stage, Option<(usize, &'p str)>, bool);

/// The step a stage asks of a case, from the facts recorded.
fn need(stage: Stage, state: &PathwayState, policy: &Policy, included: bool) -> Need {
    match stage {
        Stage::Reperage | Stage::Signalement | Stage::Inclusion | Stage::Sortie | Stage::Suivi => {
            Need::Nothing
        }
        Stage::Contact if state.first_contact.is_some() => Need::Nothing,
        Stage::Contact if policy.first_contact.is_some() => Need::Deadline,
        Stage::Contact => Need::Step(TextCode::AttendreContactSansDelai),
        Stage::Analyse if state.analysis.is_some() || state.referent.is_some() => Need::Nothing,
        Stage::Analyse => Need::Step(TextCode::AnalyserLaDemande),
        Stage::Qualification if state.qualification.is_some() => Need::Nothing,
        Stage::Qualification => Need::Step(TextCode::EntretienQualification),
        Stage::Commission
            if state.commission.is_some()
                || state.plan_proposed.is_some()
                || state.plan_accepted.is_some() =>
        {
            Need::Nothing
        }
        Stage::Commission if plenary_commission(policy) => {
            // A service with inclusion criteria presents only included
            // cases to its plenary (seed 001).
            if included {
                Need::Step(TextCode::CommissionPleniere)
            } else {
                Need::Nothing
            }
        }
        Stage::Commission => Need::Step(TextCode::ElaborerPlan),
        Stage::MiseEnOeuvre if state.exit.is_some() => Need::Nothing,
        Stage::MiseEnOeuvre if state.plan_pending() => Need::Step(TextCode::RecueillirAccord),
        Stage::MiseEnOeuvre if state.plan_in_force() => Need::Step(TextCode::MettreEnOeuvre),
        Stage::MiseEnOeuvre => Need::Step(TextCode::ProposerPlan),
    }
}

fn listed(policy: &Policy, stage: Stage) -> bool {
    policy.stages.iter().any(|s| s.stage == stage)
}

/// Whether the service presents its cases to a plenary commission: its
/// process has inclusion criteria and a commission stage, and presents only
/// the included cases to it (seed 001, AISMT 13's weekly plenary). The
/// commission stage of the other services is the drawing up of the plan
/// (AIST 63's « plan d'actions après chaque rendez-vous »).
///
/// ```
/// use cme_pdp::policy::preset;
/// assert!(cme_pdp::process::plenary_commission(&preset("aismt13").unwrap()));
/// assert!(!cme_pdp::process::plenary_commission(&preset("aist63").unwrap()));
/// ```
pub fn plenary_commission(policy: &Policy) -> bool {
    listed(policy, Stage::Inclusion) && listed(policy, Stage::Commission)
}

/// The text of a step, from the catalogue ([`crate::texts`]), with the
/// service's name of its stage when the policy names it.
///
/// ```
/// use cme_pdp::texts::TextCode;
/// let t = cme_pdp::process::step_text(TextCode::ProposerPlan, 0, Some("Plan d'action"));
/// assert_eq!(t.fr(), "Proposer un plan d'actions au travailleur et au médecin du travail. Étape du service : « Plan d'action ».");
/// assert!(t.en().ends_with("Service's stage: “Plan d'action”."));
/// ```
pub fn step_text(code: TextCode, partners: usize, service_name: Option<&str>) -> Text {
    let mut text = Text::new(code);
    if code == TextCode::MettreEnOeuvre {
        text = text.with("partners", partners);
    }
    match service_name {
        Some(name) => text.then(Text::new(TextCode::EtapeDuService).with("name", name)),
        None => text,
    }
}

/// Where the generic reading of a step comes from.
fn step_source(code: TextCode) -> Source {
    match code.code() {
        "attendre_contact_sans_delai" => Source::document(
            "asmt65_plaquette",
            "« le travailleur prend, s'il le souhaite, contact avec la cellule »",
        ),
        "analyser_la_demande" => Source::document(
            "aismt13_fonctionnement",
            "analyse en COPIL et attribution d'un référent",
        ),
        "commission_pleniere" => {
            Source::document("aismt13_fonctionnement", "commission plénière hebdomadaire")
        }
        "classer_sans_suite" | "relancer_ou_sortie" => Source::document(
            "asmt65_plaquette",
            "l'équipe médicale est informée tout au long du parcours",
        ),
        "dossier_clos" => Source::reading("parcours"),
        _ => Source::document("aismt13_exemple", "déroulement de la méthode"),
    }
}

/// The next steps of a case before its follow-ups, from its service's
/// process (see the module documentation). `included` is the inclusion
/// decision.
pub fn next_steps(
    state: &PathwayState,
    policy: &Policy,
    included: bool,
    meetings: &[Meeting],
    hash: &str,
    steps: &mut Vec<NextStep>,
) {
    let push =
        |steps: &mut Vec<NextStep>, code: TextCode, name: Option<(usize, &str)>, optional: bool| {
            if steps.iter().any(|s| s.code == code.code()) {
                return;
            }
            let mut sources = vec![step_source(code)];
            if let Some((i, _)) = name {
                sources.push(Source::policy(&policy.id, &format!("stages[{i}]"), hash));
            }
            let mut text = step_text(code, state.partners.len(), name.map(|(_, n)| n));
            if optional {
                text = text.after(Text::new(TextCode::SiLeDossierLeDemande));
            }
            steps.push(NextStep::new(text, None, sources));
        };
    if state.refusal.is_some() || (state.no_answer.is_some() && state.first_contact.is_none()) {
        push(steps, TextCode::ClasserSansSuite, None, false);
        return;
    }
    if let Some(silent) = state.stopped_answering() {
        push(steps, TextCode::RelancerOuSortie, None, false);
        // to do since the worker stopped answering
        if let Some(step) = steps.last_mut() {
            step.due = Some(silent);
        }
        return;
    }
    if state.exit.is_some() {
        if policy.follow_ups.is_empty() {
            push(steps, TextCode::DossierClos, None, false);
        }
        return; // otherwise the follow-up steps say what comes next
    }
    // A service that draws up a plan after each meeting: the last meeting
    // without one calls for it.
    let last_meeting = meetings.iter().max_by_key(|m| m.date);
    if let (Some(process), Some(m)) = (&policy.process, last_meeting) {
        if process.plan_after_each_meeting && !m.action_plan {
            steps.push(NextStep::new(
                Text::new(TextCode::PlanApresRendezVous).with("date", m.date),
                None,
                vec![
                    Source::cited(&policy.id, &process.source, hash),
                    Source::policy(&policy.id, "process.plan_after_each_meeting", hash),
                ],
            ));
        }
    }
    // The service's stages in its order (the canonical ones for a policy
    // that lists none), each with its place in the list and its name.
    let process: Vec<ProcessStage<'_>> = if policy.stages.is_empty() {
        Stage::ALL.iter().map(|s| (*s, None, false)).collect()
    } else {
        let mut seen: Vec<Stage> = Vec::new();
        policy
            .stages
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let first = !seen.contains(&s.stage);
                seen.push(s.stage);
                first
            })
            .map(|(i, s)| (s.stage, Some((i, s.name.as_str())), s.optional))
            .collect()
    };
    let free = policy.stage_order().is_free();
    for (stage, name, optional) in process {
        match need(stage, state, policy, included) {
            Need::Nothing => continue,
            Need::Deadline => {}
            Need::Step(code) => push(steps, code, name, optional),
        }
        if !(free || optional) {
            return;
        }
    }
}
