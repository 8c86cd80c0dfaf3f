//! The accompaniment category (seed 001, AISMT 13, slide "Quelques
//! chiffres"): sans suite, info/conseils, facilitation, ingénierie.
//!
//! The seed defines the categories in words; this module is the library's
//! reading of them as rules on the facts, in this order (the first that
//! applies wins):
//!
//! 1. **override** — the team chose a category and wrote why (kept and
//!    shown; DOMAIN.md §4);
//! 2. **sans suite** — "salarié orienté mais ne souhaitant pas
//!    d'accompagnement ou ne répondant pas aux appels et mails": the worker
//!    refused the accompaniment, or did not answer and never made contact,
//!    or refused the action plan and accepted none;
//! 3. **facilitation** — "solution déjà identifiée et aide à la mise en
//!    œuvre du plan d'action": a simple solution was identified at the
//!    analysis, however many partners then carry it out (the number of
//!    partners is evidence of coordination, not a definition: DOMAIN.md
//!    §4);
//! 4. **ingénierie** — "situations complexes nécessitant une réflexion
//!    pluridisciplinaire avec intervention et coordination de multiples
//!    acteurs": the inclusion criteria hold (at least N expected opinions
//!    and no simple solution), or actions involve at least two partners;
//! 5. **facilitation** again when an action plan was accepted without the
//!    criteria of the ingénierie;
//! 6. **info/conseils** — "accompagnement court… délivrance d'informations
//!    et conseils": the worker was in contact and left the cell (an exit,
//!    or stopped answering after entering) without an action plan.
//!
//! Otherwise the category is left open and the missing facts are listed.
//!
//! ```
//! use cme_pdp::category::category;
//! use cme_pdp::case::Category;
//! use cme_pdp::pathway::replay;
//! use cme_pdp::policy::preset;
//!
//! let case = cme_pdp::sample::sample_cases().unwrap().remove(0); // no answer
//! let policy = preset("aismt13").unwrap();
//! let state = replay(&case, &policy).state;
//! let d = category(&case, &state, &policy, cme_pdp::sample::SAMPLE_AS_OF);
//! assert_eq!(d.decision.value, Some(Category::SansSuite));
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Case, Category};
use crate::explain::{Decision, MissingFact, Reason, Source};
use crate::inclusion::{inclusion, InclusionValue};
use crate::pathway::PathwayState;
use crate::policy::Policy;
use crate::texts::{Text, TextCode};

/// The category decision: the value (`None` while undetermined), the
/// category the rules derive, and the team's override if any.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(10);
/// let policy = cme_pdp::policy::preset("aismt13").unwrap();
/// let state = cme_pdp::pathway::replay(&case, &policy).state;
/// let d = cme_pdp::category::category(&case, &state, &policy, cme_pdp::sample::SAMPLE_AS_OF);
/// assert!(d.team_override.is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CategoryDecision {
    /// The category in force, with reasons and sources.
    pub decision: Decision<Option<Category>>,
    /// What the rules derive from the facts (before any override).
    pub derived: Option<Category>,
    /// The team's override: the category and the date of the decision. Its
    /// written justification stays in the case (free text is never echoed
    /// by an evaluation: it could hold what should not travel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_override: Option<TeamOverride>,
    /// Facts needed to derive the category.
    pub missing: Vec<MissingFact>,
}

/// The team's choice of category as an evaluation reports it.
///
/// ```
/// use cme_pdp::{evaluate::evaluate, policy::preset, sample};
/// // A sample case whose team chose the category itself.
/// let case = &sample::sample_cases().unwrap()[10];
/// let e = evaluate(case, &preset("aist43").unwrap(), sample::SAMPLE_AS_OF).unwrap();
/// let o = e.category.team_override.unwrap();
/// assert_eq!(Some(o.category), case.category_override.as_ref().map(|c| c.category));
/// assert_eq!(serde_json::to_value(o).unwrap()["decided_on"], serde_json::to_value(o.decided_on).unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TeamOverride {
    /// The category the team retained.
    pub category: Category,
    /// When it decided.
    pub decided_on: NaiveDate,
}

fn seed() -> Source {
    Source::document(
        "aismt13_fonctionnement",
        "définitions des catégories d'accompagnement",
    )
}

/// Derives the category of a case.
pub fn category(
    case: &Case,
    state: &PathwayState,
    policy: &Policy,
    as_of: NaiveDate,
) -> CategoryDecision {
    let (derived, mut reasons, missing) = derive(state, policy, as_of);
    let (value, team_override) = match &case.category_override {
        Some(o) => {
            reasons.insert(
                0,
                Reason::new(
                    "choix_equipe",
                    match derived {
                        Some(d) if d != o.category => Text::new(TextCode::ChoixEquipeAutre)
                            .with_code("category", o.category)
                            .with_code("derived", d),
                        Some(_) => {
                            Text::new(TextCode::ChoixEquipeMeme).with_code("category", o.category)
                        }
                        None => Text::new(TextCode::ChoixEquipe).with_code("category", o.category),
                    },
                    seed(),
                )
                .and(Source::reading("catégories")),
            );
            (
                Some(o.category),
                Some(TeamOverride {
                    category: o.category,
                    decided_on: o.decided_on,
                }),
            )
        }
        None => (derived, None),
    };
    let mut decision = Decision::new(value, as_of);
    for r in reasons {
        decision.push(r);
    }
    CategoryDecision {
        decision,
        derived,
        team_override,
        missing,
    }
}

/// Which rule decided a category (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Refusal,
    NoAnswer,
    PlanRefused,
    Inclusion,
    Partners,
    SimpleSolution,
    PlanAccepted,
    ShortAccompaniment,
    Open,
}

fn rule_of(state: &PathwayState, policy: &Policy) -> (Option<Category>, Rule) {
    let min_opinions = policy.inclusion.min_expected_opinions;
    use crate::inclusion::inclusion_value;
    if state.refusal.is_some() {
        (Some(Category::SansSuite), Rule::Refusal)
    } else if state.no_answer.is_some() && state.first_contact.is_none() {
        (Some(Category::SansSuite), Rule::NoAnswer)
    } else if state.plan_refused.is_some() && state.plan_accepted.is_none() {
        let category = policy
            .plan_refused
            .as_ref()
            .map_or(Category::SansSuite, |r| r.category);
        (Some(category), Rule::PlanRefused)
    } else if state.simple_solution == Some(true) {
        // A solution already identified is facilitation however many
        // partners carry it out (DOMAIN.md §4).
        (Some(Category::Facilitation), Rule::SimpleSolution)
    } else if inclusion_value(state, min_opinions) == InclusionValue::Included {
        (Some(Category::Ingenierie), Rule::Inclusion)
    } else if state.partners.len() >= 2 {
        (Some(Category::Ingenierie), Rule::Partners)
    } else if state.plan_accepted.is_some() {
        (Some(Category::Facilitation), Rule::PlanAccepted)
    } else if (state.exit.is_some() || state.stopped_answering().is_some())
        && state.first_contact.is_some()
    {
        (Some(Category::InfoConseils), Rule::ShortAccompaniment)
    } else {
        (None, Rule::Open)
    }
}

/// The category the rules derive, without explanations (for indicators):
/// the same rules as [`category`], the team's override first.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let state = cme_pdp::pathway::replay(&case, &cme_pdp::policy::preset("aismt13").unwrap()).state;
/// let policy = cme_pdp::policy::preset("aismt13").unwrap();
/// assert_eq!(cme_pdp::category::category_value(&case, &state, &policy), Some(cme_pdp::case::Category::SansSuite));
/// ```
pub fn category_value(case: &Case, state: &PathwayState, policy: &Policy) -> Option<Category> {
    match &case.category_override {
        Some(o) => Some(o.category),
        None => rule_of(state, policy).0,
    }
}

fn derive(
    state: &PathwayState,
    policy: &Policy,
    as_of: NaiveDate,
) -> (Option<Category>, Vec<Reason>, Vec<MissingFact>) {
    let mut missing = Vec::new();
    let r = |code: &str, text: TextCode| Reason::new(code, Text::new(text), seed());
    let (value, rule) = rule_of(state, policy);
    let reasons = match rule {
        Rule::Refusal => vec![r("refus_accompagnement", TextCode::RefusAccompagnement)],
        Rule::NoAnswer => vec![r("absence_reponse", TextCode::AbsenceReponseCategorie)],
        Rule::PlanRefused => match &policy.plan_refused {
            Some(rule) => {
                let hash = policy.content_hash();
                vec![Reason::new(
                    "plan_refuse",
                    Text::new(TextCode::PlanRefuseSelonPolitique)
                        .with("policy", &policy.id)
                        .with_code("category", rule.category),
                    Source::cited(&policy.id, &rule.source, &hash),
                )
                .and(Source::policy(&policy.id, "plan_refused", &hash))]
            }
            None => vec![r("plan_refuse", TextCode::PlanRefuse).and(Source::reading("catégories"))],
        },
        Rule::Inclusion => {
            let mut reasons = vec![r("criteres_inclusion", TextCode::CriteresInclusion)];
            reasons.extend(inclusion(state, policy, as_of).decision.reasons);
            reasons
        }
        Rule::Partners => vec![Reason::of(
            Text::new(TextCode::PlusieursPartenaires).with("partners", state.partners.len()),
            seed(),
        )],
        Rule::SimpleSolution => vec![r("solution_simple", TextCode::SolutionSimple)],
        Rule::PlanAccepted => vec![r("plan_accepte", TextCode::PlanAccepte)],
        Rule::ShortAccompaniment => vec![r("accompagnement_court", TextCode::AccompagnementCourt)],
        Rule::Open => {
            if state.simple_solution.is_none() {
                missing.push(MissingFact::new(
                    "events.analyse_demande.simple_solution",
                    "category",
                    Text::new(TextCode::ManqueSolutionSimple),
                ));
            }
            missing.push(MissingFact::new(
                "events.plan_accepte",
                "category",
                Text::new(TextCode::ManquePlanCategorie),
            ));
            vec![r("indeterminee", TextCode::CategorieIndeterminee)]
        }
    };
    (value, reasons, missing)
}
