//! The pathway of a case: canonical stages driven by dated events.
//!
//! The canonical stages are the union of the seeds' (DOMAIN.md §3):
//! repérage, signalement, contact, analyse, qualification, inclusion,
//! commission, mise en œuvre, sortie, suivi. Each service names a subset
//! its own way ([`crate::policy::Policy::stage_name`]).
//!
//! [`replay`] applies a case's events in date order (same-day events in
//! pathway order, then input order) to a [`PathwayState`]. An event the
//! pathway does not allow is *refused*: it is reported with a stable code
//! and the state is left exactly as it was before it. The rules:
//!
//! - nothing before the signalement (`event_before_signalement`);
//! - nothing after a refusal of the accompaniment, and nothing but
//!   follow-ups after the exit (`event_after_closure`);
//! - an action plan is proposed or accepted only with the worker's consent
//!   to the accompaniment in force that day (`plan_without_consent`; seed
//!   002: "après avoir donné son accord pour être accompagné"; seed 004, AIST
//!   63 consent form);
//! - a plan is accepted or refused only once proposed (`plan_not_proposed`);
//! - actions with partners start only once the plan is accepted
//!   (`action_before_plan_accepted`; seed 002: "si le salarié est d'accord
//!   avec le plan d'actions proposé… débuteront les démarches") and only
//!   with the worker's consent to share with that partner
//!   (`partner_without_consent`; seed 004, AIST 63: "votre accord est
//!   indispensable");
//! - an exit states its result (`exit_without_result`), and a case has one
//!   exit (`duplicate_exit`: the later one, in date order);
//! - a follow-up comes after the exit (`follow_up_before_exit`,
//!   `follow_up_without_exit`; seed 002 step 5);
//! - only a closed case (an exit or a refusal) is re-opened
//!   (`reopening_without_exit`); a re-opening brings the case back to the
//!   signalement, keeps the earlier exit in `previous_exits`, and the
//!   accompaniment starts again (DOMAIN.md §3: a closed case may be
//!   re-opened).
//!
//! [`try_add_event`] adds one event to a case only if the pathway accepts
//! it: otherwise the case is left untouched and the refusal is returned.
//!
//! ```
//! use cme_pdp::pathway::{replay, Stage};
//! use cme_pdp::policy::preset;
//!
//! let case = cme_pdp::sample::sample_cases().unwrap().remove(11);
//! let replayed = replay(&case, &preset("aismt13").unwrap());
//! assert!(replayed.refused.is_empty());
//! assert_eq!(replayed.state.stage, Stage::Suivi);
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Case, Consent, Event, EventType, ExitResult, Expertise, Partner};
use crate::codes::Code;
use crate::issue::{Issue, IssueCode, Path};
use crate::policy::Policy;
pub use crate::stage::{Stage, StageOrder};

/// The stage an event brings the case to (stages never go backwards).
///
/// ```
/// use cme_pdp::{case::EventType, pathway::{stage_of, Stage}};
/// assert_eq!(stage_of(EventType::PlanAccepte), Stage::MiseEnOeuvre);
/// ```
pub fn stage_of(kind: EventType) -> Stage {
    match kind {
        EventType::Contact | EventType::AbsenceReponse | EventType::RefusAccompagnement => {
            Stage::Contact
        }
        EventType::AnalyseDemande | EventType::ReferentDesigne => Stage::Analyse,
        EventType::EntretienQualification | EventType::AvisAttendu | EventType::AvisRecu => {
            Stage::Qualification
        }
        EventType::CommissionPleniere | EventType::PlanPropose | EventType::PlanRefuse => {
            Stage::Commission
        }
        EventType::PlanAccepte | EventType::ActionPartenaire => Stage::MiseEnOeuvre,
        EventType::Sortie => Stage::Sortie,
        EventType::Suivi => Stage::Suivi,
        // The case starts again from a new signalement.
        EventType::Reouverture => Stage::Signalement,
    }
}

/// Where an event goes among the events of its day: in pathway order of
/// its stage, a re-opening after everything else (it follows the exit it
/// re-opens).
fn same_day_rank(kind: EventType) -> u8 {
    match kind {
        EventType::Reouverture => u8::MAX,
        other => StageOrder::CANONICAL.rank(stage_of(other)),
    }
}

/// What the pathway needs of a policy: the inclusion threshold and the
/// order of the service's stages.
///
/// ```
/// use cme_pdp::pathway::ReplayRules;
/// let rules = ReplayRules::of(&cme_pdp::policy::preset("aismt13").unwrap());
/// assert_eq!(rules.min_opinions, 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplayRules {
    /// At least this many distinct expected opinions for the inclusion.
    pub min_opinions: u32,
    /// The order of the service's stages.
    pub order: StageOrder,
}

impl ReplayRules {
    /// The rules of a policy.
    pub fn of(policy: &Policy) -> ReplayRules {
        ReplayRules {
            min_opinions: policy.inclusion.min_expected_opinions,
            order: policy.stage_order(),
        }
    }

    /// The canonical order with an inclusion threshold.
    pub fn canonical(min_opinions: u32) -> ReplayRules {
        ReplayRules {
            min_opinions,
            order: StageOrder::CANONICAL,
        }
    }
}

/// One step of the stage history.
///
/// ```
/// use cme_pdp::{pathway::{replay, Stage}, policy::preset, sample};
/// let case = &sample::sample_cases().unwrap()[0];
/// let history = replay(case, &preset("aismt13").unwrap()).state.history;
/// // the first step is the signalement, which no event brought
/// assert_eq!((history[0].stage, history[0].event_index), (Stage::Signalement, None));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StageStep {
    /// The stage reached.
    pub stage: Stage,
    /// When.
    pub date: NaiveDate,
    /// The event that brought it (its index in the case's `events`), or
    /// `None` for the signalement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_index: Option<usize>,
}

/// The exit of a case.
///
/// ```
/// use cme_pdp::{pathway::replay, policy::preset, sample};
/// // a sample case that left the cell
/// let case = &sample::sample_cases().unwrap()[9];
/// let exit = replay(case, &preset("aist43").unwrap()).state.exit.unwrap();
/// assert!(exit.date <= sample::SAMPLE_AS_OF);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExitFacts {
    /// Date of the exit.
    pub date: NaiveDate,
    /// Its result.
    pub result: ExitResult,
    /// For an inaptitude: followed by a dismissal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissal: Option<bool>,
    /// For an inaptitude: prepared with a transition plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepared: Option<bool>,
}

/// Where a case stands after its accepted events.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let state = cme_pdp::pathway::PathwayState::new(case.signalement.date);
/// assert_eq!(state.stage, cme_pdp::pathway::Stage::Signalement);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PathwayState {
    /// Date of the signalement.
    pub signalement: NaiveDate,
    /// The current stage: the furthest reached in the order of the
    /// service's process (the latest reached in a process without a fixed
    /// order).
    pub stage: Stage,
    /// Since when the case is at its current stage.
    pub stage_since: NaiveDate,
    /// Every stage reached, the first time it was reached, in date order
    /// (a stage reached after a later stage of the process is kept too:
    /// at AISMT 13 the COPIL comes before the first contact).
    pub history: Vec<StageStep>,
    /// First contact with the worker.
    pub first_contact: Option<NaiveDate>,
    /// Last "no answer" not followed by a contact.
    pub no_answer: Option<NaiveDate>,
    /// Refusal of the accompaniment (closes the case).
    pub refusal: Option<NaiveDate>,
    /// First analysis of the request.
    pub analysis: Option<NaiveDate>,
    /// Whether a simple solution was identified (the latest analysis that
    /// said so).
    pub simple_solution: Option<bool>,
    /// Référent assigned.
    pub referent: Option<NaiveDate>,
    /// Qualification interview.
    pub qualification: Option<NaiveDate>,
    /// Distinct expert opinions expected, in order.
    pub expected_opinions: Vec<Expertise>,
    /// Distinct expert opinions received, in order.
    pub received_opinions: Vec<Expertise>,
    /// First plenary commission.
    pub commission: Option<NaiveDate>,
    /// Last plan proposed.
    pub plan_proposed: Option<NaiveDate>,
    /// Last plan accepted.
    pub plan_accepted: Option<NaiveDate>,
    /// Last plan refused.
    pub plan_refused: Option<NaiveDate>,
    /// Whether the last plan proposed awaits the worker's answer (in the
    /// order the events apply: a plan refused and proposed again the same
    /// day awaits an answer).
    #[serde(default)]
    pub plan_awaits_answer: bool,
    /// Whether the worker's last answer to a plan was an acceptance.
    #[serde(default)]
    pub plan_holds: bool,
    /// Distinct partners of actions, in order.
    pub partners: Vec<Partner>,
    /// Date of the first action with a partner.
    pub first_action: Option<NaiveDate>,
    /// The exit.
    pub exit: Option<ExitFacts>,
    /// Follow-ups: date and whether still in employment.
    pub follow_ups: Vec<(NaiveDate, Option<bool>)>,
    /// The exits of the case before its re-openings, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_exits: Vec<ExitFacts>,
    /// The dates the case was re-opened.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopenings: Vec<NaiveDate>,
}

impl PathwayState {
    /// The state of a case just signalled.
    pub fn new(signalement: NaiveDate) -> PathwayState {
        PathwayState {
            signalement,
            stage: Stage::Signalement,
            stage_since: signalement,
            history: {
                // one allocation: a case goes through at most the 10 stages
                let mut h = Vec::with_capacity(Stage::ALL.len());
                h.push(StageStep {
                    stage: Stage::Signalement,
                    date: signalement,
                    event_index: None,
                });
                h
            },
            first_contact: None,
            no_answer: None,
            refusal: None,
            analysis: None,
            simple_solution: None,
            referent: None,
            qualification: None,
            expected_opinions: Vec::new(),
            received_opinions: Vec::new(),
            commission: None,
            plan_proposed: None,
            plan_accepted: None,
            plan_refused: None,
            plan_awaits_answer: false,
            plan_holds: false,
            partners: Vec::new(),
            first_action: None,
            exit: None,
            follow_ups: Vec::new(),
            previous_exits: Vec::new(),
            reopenings: Vec::new(),
        }
    }

    /// Whether a plan is accepted and not refused since.
    pub fn plan_in_force(&self) -> bool {
        self.plan_holds
    }

    /// The date since which a worker who entered the cell (a first contact)
    /// no longer answers, when the case is neither closed nor refused: the
    /// worker has left the cell (DOMAIN.md §5: an exit, never a refusal of
    /// integration).
    ///
    /// ```
    /// use cme_pdp::case::Event;
    /// use cme_pdp::pathway::replay_events;
    /// let d = |day| chrono::NaiveDate::from_ymd_opt(2024, 3, day).unwrap();
    /// let events = [Event::Contact { date: d(5) }, Event::AbsenceReponse { date: d(20) }];
    /// let state = replay_events(d(1), &events, &[], 2).state;
    /// assert_eq!(state.stopped_answering(), Some(d(20)));
    /// ```
    pub fn stopped_answering(&self) -> Option<NaiveDate> {
        match (self.first_contact, self.no_answer) {
            (Some(_), Some(since)) if !self.closed() => Some(since),
            _ => None,
        }
    }

    /// Whether a proposed plan awaits the worker's answer.
    pub fn plan_pending(&self) -> bool {
        self.plan_awaits_answer
    }

    fn reach(&mut self, stage: Stage, date: NaiveDate, index: usize, order: &StageOrder) {
        if !self.reached(stage) {
            self.history.push(StageStep {
                stage,
                date,
                event_index: Some(index),
            });
        }
        let moves = if order.is_free() {
            stage != self.stage
        } else {
            order.rank(stage) > order.rank(self.stage)
        };
        if moves {
            self.stage = stage;
            self.stage_since = date;
        }
    }

    /// Whether the case has reached a stage.
    pub fn reached(&self, stage: Stage) -> bool {
        self.history.iter().any(|s| s.stage == stage)
    }

    fn closed(&self) -> bool {
        self.refusal.is_some() || self.exit.is_some()
    }

    /// Checks an event against the state; `None` when the pathway allows it.
    fn refusal_of(
        &self,
        event: &Event,
        consents: &[Consent],
        case_exit: Option<NaiveDate>,
    ) -> Option<(IssueCode, &'static str)> {
        let date = event.date();
        let kind = event.event_type();
        if let Some(code) = before_signalement(date, self.signalement) {
            return Some((code, "date"));
        }
        if kind == EventType::Suivi {
            let code = match &self.exit {
                Some(exit) => follow_up_rule(date, Some(exit.date)),
                // The pathway has not reached the case's exit: the follow-up
                // comes before it, even on the same day (an exit refused
                // for want of a result).
                None => follow_up_rule(date, case_exit).or(Some(IssueCode::FollowUpBeforeExit)),
            };
            return code.map(|code| {
                let field = if code == IssueCode::FollowUpBeforeExit {
                    "date"
                } else {
                    ""
                };
                (code, field)
            });
        }
        if let Event::Sortie { result: None, .. } = event {
            return Some((IssueCode::ExitWithoutResult, "result"));
        }
        if kind == EventType::Reouverture {
            // Only a closed case is re-opened.
            return (!self.closed()).then_some((IssueCode::ReopeningWithoutExit, ""));
        }
        if self.closed() {
            if kind == EventType::Sortie && self.exit.is_some() {
                return Some((IssueCode::DuplicateExit, ""));
            }
            return Some((IssueCode::EventAfterClosure, ""));
        }
        let accompaniment = consents
            .iter()
            .any(|c| c.accompaniment && c.in_force_on(date));
        match event {
            Event::PlanPropose { .. } | Event::PlanAccepte { .. } if !accompaniment => {
                Some((IssueCode::PlanWithoutConsent, ""))
            }
            Event::PlanAccepte { .. } | Event::PlanRefuse { .. } if !self.plan_pending() => {
                Some((IssueCode::PlanNotProposed, ""))
            }
            Event::ActionPartenaire { .. } if !self.plan_in_force() => {
                Some((IssueCode::ActionBeforePlanAccepted, ""))
            }
            Event::ActionPartenaire { partner, .. }
                if !consents
                    .iter()
                    .any(|c| c.allows_sharing_with(*partner, date)) =>
            {
                Some((IssueCode::PartnerWithoutConsent, "partner"))
            }
            _ => None,
        }
    }

    /// Whether both inclusion criteria hold (seed 001): at least
    /// `min_opinions` distinct expected opinions and no simple solution.
    pub fn inclusion_criteria_hold(&self, min_opinions: u32) -> bool {
        u32::try_from(self.expected_opinions.len()).unwrap_or(u32::MAX) >= min_opinions
            && self.simple_solution == Some(false)
    }

    /// Applies an accepted event.
    fn apply(&mut self, index: usize, event: &Event, rules: &ReplayRules) {
        let date = event.date();
        match event {
            Event::Contact { .. } => {
                self.first_contact.get_or_insert(date);
                self.no_answer = None;
            }
            Event::AbsenceReponse { .. } => self.no_answer = Some(date),
            Event::RefusAccompagnement { .. } => self.refusal = Some(date),
            Event::AnalyseDemande {
                simple_solution, ..
            } => {
                self.analysis.get_or_insert(date);
                if simple_solution.is_some() {
                    self.simple_solution = *simple_solution;
                }
            }
            Event::ReferentDesigne { .. } => {
                self.referent.get_or_insert(date);
            }
            Event::EntretienQualification { .. } => {
                self.qualification.get_or_insert(date);
            }
            Event::AvisAttendu { expertise, .. } => {
                if !self.expected_opinions.contains(expertise) {
                    self.expected_opinions.push(*expertise);
                }
            }
            Event::AvisRecu { expertise, .. } => {
                if !self.received_opinions.contains(expertise) {
                    self.received_opinions.push(*expertise);
                }
            }
            Event::CommissionPleniere { .. } => {
                self.commission.get_or_insert(date);
            }
            Event::PlanPropose { .. } => {
                self.plan_proposed = Some(date);
                self.plan_awaits_answer = true;
            }
            Event::PlanAccepte { .. } => {
                self.plan_accepted = Some(date);
                self.plan_awaits_answer = false;
                self.plan_holds = true;
            }
            Event::PlanRefuse { .. } => {
                self.plan_refused = Some(date);
                self.plan_awaits_answer = false;
                self.plan_holds = false;
            }
            Event::ActionPartenaire { partner, .. } => {
                self.first_action.get_or_insert(date);
                if !self.partners.contains(partner) {
                    self.partners.push(*partner);
                }
            }
            Event::Sortie {
                result: Some(result),
                dismissal,
                prepared,
                ..
            } => {
                self.exit = Some(ExitFacts {
                    date,
                    result: *result,
                    dismissal: *dismissal,
                    prepared: *prepared,
                })
            }
            Event::Sortie { result: None, .. } => {}
            Event::Suivi { still_employed, .. } => self.follow_ups.push((date, *still_employed)),
            Event::Reouverture { .. } => {
                // The accompaniment starts again: the exit is kept, the
                // closure and the answers to the plan are not.
                if let Some(exit) = self.exit.take() {
                    self.previous_exits.push(exit);
                }
                // the follow-ups of that exit end with it (they stay in the
                // case's events)
                self.follow_ups.clear();
                self.refusal = None;
                self.no_answer = None;
                self.plan_awaits_answer = false;
                self.plan_holds = false;
                self.reopenings.push(date);
                self.stage = Stage::Signalement;
                self.stage_since = date;
                return;
            }
        }
        self.reach(stage_of(event.event_type()), date, index, &rules.order);
        if !self.reached(Stage::Inclusion) && self.inclusion_criteria_hold(rules.min_opinions) {
            self.reach(Stage::Inclusion, date, index, &rules.order);
        }
    }
}

/// The timeline rule of an event against the signalement, stated once for
/// the validation ([`crate::validate`], which reports it) and the pathway
/// (which refuses the event): the pathway starts at the signalement
/// (DOMAIN.md §3, step 1; seed 004, AIST 63: the cell is notified, then the
/// worker contacts it) and every transition is dated after it, so an event
/// dated before it is `event_before_signalement`.
///
/// ```
/// use chrono::NaiveDate;
/// use cme_pdp::pathway::before_signalement;
/// let d = |day| NaiveDate::from_ymd_opt(2024, 3, day).unwrap();
/// assert!(before_signalement(d(3), d(4)).is_some());
/// assert!(before_signalement(d(4), d(4)).is_none());
/// ```
pub fn before_signalement(date: NaiveDate, signalement: NaiveDate) -> Option<IssueCode> {
    (date < signalement).then_some(IssueCode::EventBeforeSignalement)
}

/// The timeline rule of a follow-up against the case's exit, stated once
/// for the validation and the pathway (seed 002, AISMT 13: « au terme de
/// l'accompagnement, un suivi sera effectué »; DOMAIN.md §3 lists a
/// follow-up before the exit among the illegal transitions): a follow-up
/// needs an exit (`follow_up_without_exit`) dated on or before it
/// (`follow_up_before_exit`).
///
/// ```
/// use chrono::NaiveDate;
/// use cme_pdp::{issue::IssueCode, pathway::follow_up_rule};
/// let d = |day| NaiveDate::from_ymd_opt(2024, 3, day).unwrap();
/// assert_eq!(follow_up_rule(d(10), None), Some(IssueCode::FollowUpWithoutExit));
/// assert_eq!(follow_up_rule(d(10), Some(d(11))), Some(IssueCode::FollowUpBeforeExit));
/// assert_eq!(follow_up_rule(d(10), Some(d(10))), None);
/// ```
pub fn follow_up_rule(date: NaiveDate, exit: Option<NaiveDate>) -> Option<IssueCode> {
    match exit {
        None => Some(IssueCode::FollowUpWithoutExit),
        Some(exit) if date < exit => Some(IssueCode::FollowUpBeforeExit),
        Some(_) => None,
    }
}

/// Where the rule behind a refusal comes from (see the module
/// documentation), with the project's reading of the forbidden transitions.
///
/// ```
/// use cme_pdp::{explain::SourceKind, issue::IssueCode, pathway::refusal_sources};
/// let s = refusal_sources(IssueCode::PlanWithoutConsent);
/// assert_eq!(s[0].kind, SourceKind::Document);
/// ```
pub fn refusal_sources(code: IssueCode) -> Vec<crate::explain::Source> {
    use crate::explain::Source;
    let seed = match code {
        IssueCode::PlanWithoutConsent => Some(Source::document("aismt13_exemple", "« après avoir donné son accord pour être accompagné »")),
        IssueCode::PlanNotProposed | IssueCode::ActionBeforePlanAccepted => Some(Source::document("aismt13_exemple", "« si le salarié est d'accord avec le plan d'actions proposé… débuteront les démarches »")),
        IssueCode::PartnerWithoutConsent => Some(Source::document("aist63_cme_2020", "formulaire de consentement : « votre accord est indispensable »")),
        IssueCode::ExitWithoutResult | IssueCode::DuplicateExit => Some(Source::document("aist43_bilan_2020", "résultats de sortie")),
        IssueCode::FollowUpBeforeExit | IssueCode::FollowUpWithoutExit => Some(Source::document("aismt13_exemple", "« au terme de l'accompagnement, un suivi sera effectué »")),
        IssueCode::ReopeningWithoutExit => None,
        _ => None,
    };
    seed.into_iter()
        .chain(std::iter::once(Source::reading(
            "§3 (transitions interdites)",
        )))
        .collect()
}

/// The index of the refused event and the field a refusal's path names
/// (`events[3].date` → `(3, "date")`).
///
/// ```
/// use cme_pdp::issue::Path;
/// let p = Path::root().key("events").index(3).key("date");
/// assert_eq!(cme_pdp::pathway::refused_event(&p), Some((3, "date")));
/// ```
pub fn refused_event(path: &Path) -> Option<(usize, &str)> {
    let rest = path.as_str().strip_prefix("events[")?;
    let close = rest.find(']')?;
    let index = rest.get(..close)?.parse().ok()?;
    let field = rest.get(close + 1..)?.trim_start_matches('.');
    Some((index, field))
}

/// The result of a replay: the state and every refused event.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let r = cme_pdp::pathway::replay(&case, &cme_pdp::policy::preset("asmt65").unwrap());
/// assert!(r.refused.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Replay {
    /// Where the case stands after its accepted events.
    pub state: PathwayState,
    /// The refused events, as issues whose path is `events[i]…`.
    pub refused: Vec<Issue>,
}

/// The events of a case in the order the pathway applies them: by date,
/// then (same day) by stage of the event, then by input order. Returns the
/// input indices.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(11);
/// let order = cme_pdp::pathway::application_order(&case.events);
/// assert_eq!(order.len(), case.events.len());
/// ```
pub fn application_order(events: &[Event]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| {
        events
            .get(i)
            .map(|e| (e.date(), same_day_rank(e.event_type()), i))
    });
    order
}

/// Applies the events of a case in date order; refused events are reported
/// and skipped. The policy's inclusion threshold decides when the case
/// reaches the inclusion stage.
pub fn replay(case: &Case, policy: &Policy) -> Replay {
    replay_until(
        case.signalement.date,
        &case.events,
        &case.consents,
        &ReplayRules::of(policy),
        NaiveDate::MAX,
    )
}

/// [`replay`] from the parts of a case, in the canonical order of the
/// stages; `min_opinions` is the inclusion threshold.
pub fn replay_events(
    signalement: NaiveDate,
    events: &[Event],
    consents: &[Consent],
    min_opinions: u32,
) -> Replay {
    replay_until(
        signalement,
        events,
        consents,
        &ReplayRules::canonical(min_opinions),
        NaiveDate::MAX,
    )
}

/// The replay with only the events dated on or before `until` (what was
/// known on that day), under a service's rules; the other events are left
/// out, and refusals keep the indices of `events`.
pub fn replay_until(
    signalement: NaiveDate,
    events: &[Event],
    consents: &[Consent],
    rules: &ReplayRules,
    until: NaiveDate,
) -> Replay {
    let case_exit = events
        .iter()
        .filter(|e| {
            e.date() <= until
                && matches!(
                    e,
                    Event::Sortie {
                        result: Some(_),
                        ..
                    }
                )
        })
        .map(Event::date)
        .min();
    let mut state = PathwayState::new(signalement);
    let mut refused = Vec::new();
    // Most cases record their events in order: no sort, no allocation then.
    let key = |e: &Event| (e.date(), same_day_rank(e.event_type()));
    let in_order = events.windows(2).all(|w| match w {
        [a, b] => key(a) <= key(b),
        _ => true,
    });
    let mut step = |i: usize| {
        let Some(event) = events.get(i) else { return };
        if event.date() > until {
            return;
        }
        match state.refusal_of(event, consents, case_exit) {
            None => state.apply(i, event, rules),
            Some((code, field)) => {
                let mut path = Path::root().key("events").index(i);
                if !field.is_empty() {
                    path = path.key(field);
                }
                refused.push(Issue::new(code, path));
            }
        }
    };
    if in_order {
        (0..events.len()).for_each(&mut step);
    } else {
        application_order(events).into_iter().for_each(&mut step);
    }
    Replay { state, refused }
}

/// Adds an event to a case if the pathway accepts it (and it does not make
/// any event already accepted refused); otherwise the case is left exactly
/// as it was and the refusal is returned.
///
/// ```
/// use cme_pdp::case::Event;
/// use cme_pdp::pathway::try_add_event;
/// let mut case = cme_pdp::sample::sample_cases().unwrap().remove(0);
/// let before = case.clone();
/// let exit = Event::Sortie { date: case.signalement.date, result: None, dismissal: None, prepared: None };
/// let err = try_add_event(&mut case, exit).unwrap_err();
/// assert_eq!(err.code.code(), "exit_without_result");
/// assert_eq!(case, before);
/// ```
pub fn try_add_event(case: &mut Case, event: Event) -> Result<(), Issue> {
    // Refusals do not depend on the inclusion threshold.
    let before = replay_events(case.signalement.date, &case.events, &case.consents, 0);
    let mut events = case.events.clone();
    events.push(event);
    let after = replay_events(case.signalement.date, &events, &case.consents, 0);
    if let Some(new) = after
        .refused
        .into_iter()
        .find(|issue| !before.refused.contains(issue))
    {
        return Err(new);
    }
    case.events = events;
    Ok(())
}
