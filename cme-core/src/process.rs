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
//! use cme_core::{evaluate::evaluate, policy::preset};
//! let case = cme_core::sample::sample_cases().unwrap().remove(2);
//! let e = evaluate(&case, &preset("aist63").unwrap(), cme_core::sample::SAMPLE_AS_OF).unwrap();
//! for step in &e.next_steps { assert!(!step.sources.is_empty()); }
//! ```

use crate::case::Meeting;
use crate::codes::Code;
use crate::deadlines::NextStep;
use crate::explain::Source;
use crate::pathway::{PathwayState, Stage};
use crate::policy::Policy;

/// What a stage of the process asks of a case that has not done it.
enum Need {
    /// Nothing (done, skipped, or not a step).
    Nothing,
    /// The deadlines give this step (the contact with a deadline).
    Deadline,
    /// This step.
    Step(&'static str),
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
        Stage::Contact => Need::Step("attendre_contact"),
        Stage::Analyse if state.analysis.is_some() || state.referent.is_some() => Need::Nothing,
        Stage::Analyse => Need::Step("analyser_la_demande"),
        Stage::Qualification if state.qualification.is_some() => Need::Nothing,
        Stage::Qualification => Need::Step("entretien_qualification"),
        Stage::Commission
            if state.commission.is_some()
                || state.plan_proposed.is_some()
                || state.plan_accepted.is_some() =>
        {
            Need::Nothing
        }
        Stage::Commission if listed(policy, Stage::Inclusion) => {
            // A service with inclusion criteria presents only included
            // cases to its plenary (seed 001).
            if included {
                Need::Step("commission_pleniere")
            } else {
                Need::Nothing
            }
        }
        Stage::Commission => Need::Step("elaborer_plan"),
        Stage::MiseEnOeuvre if state.exit.is_some() => Need::Nothing,
        Stage::MiseEnOeuvre if state.plan_pending() => Need::Step("recueillir_accord"),
        Stage::MiseEnOeuvre if state.plan_in_force() => Need::Step("mettre_en_oeuvre"),
        Stage::MiseEnOeuvre => Need::Step("proposer_plan"),
    }
}

fn listed(policy: &Policy, stage: Stage) -> bool {
    policy.stages.iter().any(|s| s.stage == stage)
}

/// The French text of a step (one catalogue for the codes this module
/// gives), with the service's name of its stage when the policy names it.
///
/// ```
/// assert!(cme_core::process::step_text_fr("proposer_plan", 0, None).starts_with("Proposer"));
/// ```
pub fn step_text_fr(code: &str, partners: usize, service_name: Option<&str>) -> String {
    let text = match code {
        "attendre_contact" => "Le travailleur prend contact avec la cellule s'il le souhaite : le service ne fixe ni délai ni relance.".to_string(),
        "analyser_la_demande" => "Analyser la demande : orienter vers l'interlocuteur adapté, désigner un référent.".to_string(),
        "entretien_qualification" => "Réaliser l'entretien de qualification (recueil d'informations : parcours, santé, poste, projet).".to_string(),
        "commission_pleniere" => "Présenter le dossier en commission plénière pour déterminer le plan d'actions.".to_string(),
        "elaborer_plan" => "Élaborer le plan d'actions avec l'équipe pluridisciplinaire.".to_string(),
        "proposer_plan" => "Proposer un plan d'actions au travailleur et au médecin du travail.".to_string(),
        "recueillir_accord" => "Recueillir l'accord du travailleur sur le plan d'actions proposé.".to_string(),
        "mettre_en_oeuvre" => format!("Mettre en œuvre le plan d'actions avec les partenaires ({partners} partenaire(s) mobilisé(s) à ce jour) et préparer la sortie."),
        "classer_sans_suite" => "Informer le médecin du travail que le travailleur n'a pas donné suite ; le dossier peut être classé.".to_string(),
        "relancer_ou_sortie" => "Le travailleur ne répond plus : le relancer ; sans réponse, enregistrer sa sortie (« perdu de vue ») et en informer le médecin du travail.".to_string(),
        "dossier_clos" => "Dossier clos : la politique du service ne prévoit pas de suivi après la sortie.".to_string(),
        other => other.to_string(),
    };
    match service_name {
        Some(name) => format!("{text} Étape du service : « {name} »."),
        None => text,
    }
}

/// Where the generic reading of a step comes from.
fn step_source(code: &str) -> Source {
    match code {
        "attendre_contact" => Source::document(
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
        |steps: &mut Vec<NextStep>, code: &str, name: Option<(usize, &str)>, optional: bool| {
            if steps.iter().any(|s| s.code == code) {
                return;
            }
            let mut sources = vec![step_source(code)];
            if let Some((i, _)) = name {
                sources.push(Source::policy(&policy.id, &format!("stages[{i}]"), hash));
            }
            let text = step_text_fr(code, state.partners.len(), name.map(|(_, n)| n));
            steps.push(NextStep {
                code: code.to_string(),
                text: if optional {
                    format!("Si le dossier le demande : {text}")
                } else {
                    text
                },
                due: None,
                sources,
            });
        };
    if state.refusal.is_some() || (state.no_answer.is_some() && state.first_contact.is_none()) {
        push(steps, "classer_sans_suite", None, false);
        return;
    }
    if state.stopped_answering().is_some() {
        push(steps, "relancer_ou_sortie", None, false);
        return;
    }
    if state.exit.is_some() {
        if policy.follow_ups.is_empty() {
            push(steps, "dossier_clos", None, false);
        }
        return; // otherwise the follow-up steps say what comes next
    }
    // A service that draws up a plan after each meeting: the last meeting
    // without one calls for it.
    let last_meeting = meetings.iter().max_by_key(|m| m.date);
    if let (Some(process), Some(m)) = (&policy.process, last_meeting) {
        if process.plan_after_each_meeting && !m.action_plan {
            steps.push(NextStep {
                code: "plan_apres_rendez_vous".to_string(),
                text: format!(
                    "Établir le plan d'actions du rendez-vous du {} : le service en établit un après chaque rendez-vous.",
                    crate::explain::date_fr(m.date)
                ),
                due: None,
                sources: vec![
                    Source::cited(&policy.id, &process.source, hash),
                    Source::policy(&policy.id, "process.plan_after_each_meeting", hash),
                ],
            });
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
