//! Deadlines and alerts, as of a date.
//!
//! - **First contact**: the worker contacts the cell within the policy's
//!   delay after the signalement (seed 004, AIST 63: 15 days). Overdue
//!   while there is no contact, no refusal, no "no answer" and no exit.
//! - **Follow-ups** after the exit (seed 002: 6 months and 1 year; AST BTP:
//!   1 year; MT2i: a window from 12 to 24 months). A follow-up is due
//!   `months` after the exit; it counts from `tolerance` days before that
//!   date; it is overdue after `until_months` (a window) or else after
//!   `tolerance` days. Each recorded follow-up satisfies at most one rule,
//!   in order.
//!
//! **Month arithmetic.** "N months after" a date is the same day N months
//! later; when that month is shorter, the last day of that month: six
//! months after 31 August is 28 February (29 in a leap year); twelve months
//! after 29 February 2024 is 28 February 2025. Never rolled into the next
//! month ([`add_months`]).
//!
//! Days are calendar days; "overdue by N days" counts the days after the
//! deadline up to the evaluation date.
//!
//! ```
//! use cme_pdp::deadlines::add_months;
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! assert_eq!(add_months(d(2023, 8, 31), 6), d(2024, 2, 29));
//! assert_eq!(add_months(d(2024, 8, 31), 6), d(2025, 2, 28));
//! assert_eq!(add_months(d(2024, 2, 29), 12), d(2025, 2, 28));
//! assert_eq!(add_months(d(2024, 1, 15), 6), d(2024, 7, 15));
//! ```

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::codes::code_enum;
use crate::explain::Source;
use crate::issue::Issue;
use crate::pathway::PathwayState;
use crate::policy::Policy;
use crate::texts::{Text, TextCode};

/// `date` plus `months`, clamped to the end of a shorter month (see the
/// module documentation). Saturates at the largest date.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` plus `days` calendar days, saturating.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 2, 20).unwrap();
/// assert_eq!(cme_pdp::deadlines::add_days(d, 15).to_string(), "2024-03-06");
/// ```
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` minus `days` calendar days, saturating.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
/// assert_eq!(cme_pdp::deadlines::sub_days(d, 1).to_string(), "2024-02-29");
/// ```
pub fn sub_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

code_enum! {
    /// How urgent an alert is.
    ///
    /// ```
    /// use cme_pdp::{deadlines::AlertLevel, codes::Code};
    /// assert_eq!(AlertLevel::EnRetard.code(), "en_retard");
    /// ```
    pub enum AlertLevel: "alert_level" {
        Information = "information", "Information", "Information";
        AEcheance = "a_echeance", "À échéance", "Due";
        EnRetard = "en_retard", "En retard", "Late";
        Refus = "refus", "Événement refusé", "Event refused";
    }
}

/// An alert: what is due or overdue, or an event the pathway refused.
///
/// ```
/// let case = cme_pdp::sample::sample_cases().unwrap().remove(2);
/// let policy = cme_pdp::policy::preset("aist63").unwrap();
/// let e = cme_pdp::evaluate::evaluate(&case, &policy, cme_pdp::sample::SAMPLE_AS_OF).unwrap();
/// for a in &e.alerts { assert!(!a.sources.is_empty()); }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Alert {
    /// Stable code (`contact_en_retard`, `suivi_a_echeance`, or the code of a
    /// refused event's issue).
    pub code: String,
    /// How urgent.
    pub level: AlertLevel,
    /// The deadline, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Days past the deadline (overdue) or left before it (due), signed:
    /// positive when overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
    /// The path of the event concerned, for a refused event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The alert, in French.
    pub text: String,
    /// The alert, in English.
    #[serde(default)]
    pub text_en: String,
    /// The parameters of its text ([`crate::texts`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// Where the rule comes from.
    pub sources: Vec<Source>,
}

impl Alert {
    /// An alert whose texts are rendered from the catalogue.
    ///
    /// ```
    /// use cme_pdp::deadlines::{Alert, AlertLevel};
    /// use cme_pdp::texts::{Text, TextCode};
    /// let a = Alert::new("hors_cible", AlertLevel::Information, Text::new(TextCode::HorsCible).with("min_age", 50), vec![]);
    /// assert!(a.text_en.starts_with("Outside the target"));
    /// ```
    pub fn new(code: &str, level: AlertLevel, text: Text, sources: Vec<Source>) -> Alert {
        Alert {
            code: code.to_string(),
            level,
            due: None,
            days_overdue: None,
            path: None,
            text: text.fr(),
            text_en: text.en(),
            params: text.params,
            sources,
        }
    }

    /// With its deadline and the days past it (negative: left).
    pub fn due(mut self, due: NaiveDate, days_overdue: i64) -> Alert {
        self.due = Some(due);
        self.days_overdue = Some(days_overdue);
        self
    }
}

/// A step to come, with its deadline when there is one.
///
/// ```
/// use cme_pdp::deadlines::NextStep;
/// use cme_pdp::texts::{Text, TextCode};
/// let s = NextStep::new(Text::new(TextCode::ProposerPlan), None, vec![]);
/// assert_eq!(s.code, "proposer_plan");
/// assert!(s.text_en.starts_with("Propose"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NextStep {
    /// Stable code.
    pub code: String,
    /// What to do, in French.
    pub text: String,
    /// What to do, in English.
    #[serde(default)]
    pub text_en: String,
    /// The parameters of its text ([`crate::texts`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// By when: due from that day (for `relancer_ou_sortie`, the day the
    /// worker stopped answering, when the call-back falls due).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Where the rule comes from.
    pub sources: Vec<Source>,
}

impl NextStep {
    /// A step whose code is its text's and whose texts are rendered from
    /// the catalogue.
    pub fn new(text: Text, due: Option<NaiveDate>, sources: Vec<Source>) -> NextStep {
        NextStep {
            code: text.code.code().to_string(),
            text: text.fr(),
            text_en: text.en(),
            params: text.params,
            due,
            sources,
        }
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// The first-contact alert or step.
pub fn first_contact(
    state: &PathwayState,
    policy: &Policy,
    as_of: NaiveDate,
    alerts: &mut Vec<Alert>,
    steps: &mut Vec<NextStep>,
) {
    first_contact_with(state, policy, &policy.content_hash(), as_of, alerts, steps)
}

/// Where the service's first-contact deadline stands as of a date: the one
/// statement of the rule that the alert (with its texts and sources) and
/// the decisions-only path ([`crate::evaluate::decide`]) are made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FirstContact {
    /// The contact took place after the deadline (`late` days).
    Late { due: NaiveDate, late: i64 },
    /// No contact, the deadline passed `late` days ago.
    Overdue { due: NaiveDate, late: i64 },
    /// No contact yet, the deadline is to come.
    Waiting { due: NaiveDate },
}

/// The first-contact deadline of a case as of a date, if the policy has
/// one and it still matters (no contact in time, no refusal, no exit).
pub(crate) fn first_contact_status(
    state: &PathwayState,
    policy: &Policy,
    as_of: NaiveDate,
) -> Option<FirstContact> {
    let rule = policy.first_contact.as_ref()?;
    let due = add_days(state.signalement, rule.days);
    match state.first_contact {
        Some(contact) if contact > due => Some(FirstContact::Late {
            due,
            late: days_between(due, contact),
        }),
        Some(_) => None,
        None if state.refusal.is_some() || state.no_answer.is_some() || state.exit.is_some() => {
            None
        }
        None if as_of > due => Some(FirstContact::Overdue {
            due,
            late: days_between(due, as_of),
        }),
        None => Some(FirstContact::Waiting { due }),
    }
}

/// [`first_contact`] with the policy's content hash already computed (an
/// evaluation computes it once).
pub(crate) fn first_contact_with(
    state: &PathwayState,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
    alerts: &mut Vec<Alert>,
    steps: &mut Vec<NextStep>,
) {
    let (Some(rule), Some(status)) = (
        &policy.first_contact,
        first_contact_status(state, policy, as_of),
    ) else {
        return;
    };
    let sources = vec![
        Source::cited(&policy.id, &rule.source, hash),
        Source::policy(&policy.id, "first_contact.days", hash),
    ];
    match status {
        FirstContact::Late { due, late } => alerts.push(
            Alert::new(
                "contact_tardif",
                AlertLevel::Information,
                Text::new(TextCode::ContactTardif)
                    .with("late", late)
                    .with("days", rule.days),
                sources,
            )
            .due(due, late),
        ),
        FirstContact::Overdue { due, late } => alerts.push(
            Alert::new(
                "contact_en_retard",
                AlertLevel::EnRetard,
                Text::new(TextCode::ContactEnRetard)
                    .with("days", rule.days)
                    .with("late", late),
                sources,
            )
            .due(due, late),
        ),
        FirstContact::Waiting { due } => steps.push(NextStep::new(
            Text::new(TextCode::AttendreContact).with("days", rule.days),
            Some(due),
            sources,
        )),
    }
}

/// One follow-up of the policy's schedule after an exit, and the recorded
/// follow-up that satisfies it, if any.
///
/// ```
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let policy = cme_pdp::policy::preset("aismt13").unwrap();
/// let slots = cme_pdp::deadlines::follow_up_schedule(d(2024, 6, 28), &[(d(2024, 12, 20), Some(true))], &policy);
/// assert_eq!(slots[0].due, d(2024, 12, 28));
/// assert_eq!(slots[0].done, Some((d(2024, 12, 20), Some(true))));
/// assert_eq!(slots[1].done, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FollowUpSlot {
    /// Index of the rule in the policy's `follow_ups`.
    pub rule: usize,
    /// Months after the exit when it is due.
    pub months: u32,
    /// Due date.
    pub due: NaiveDate,
    /// First day a recorded follow-up counts for it.
    pub opens: NaiveDate,
    /// Last day before it is overdue.
    pub deadline: NaiveDate,
    /// The recorded follow-up that satisfies it: date and "still employed".
    pub done: Option<(NaiveDate, Option<bool>)>,
    /// Whether that follow-up was done after the deadline (late, not
    /// missing).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
}

/// The policy's follow-up schedule after an exit on `exit`, matched with
/// the recorded follow-ups (each satisfies at most one rule, in order) —
/// the one rule used by the alerts and by the indicators.
///
/// A follow-up is first matched to a slot whose window holds it; one left
/// over, done after a slot's deadline and before the next slot opens, is
/// that slot's follow-up done late (a 6-month follow-up done at 7 and a half
/// months is late, not missing).
pub fn follow_up_schedule(
    exit: NaiveDate,
    recorded: &[(NaiveDate, Option<bool>)],
    policy: &Policy,
) -> Vec<FollowUpSlot> {
    let tolerance = policy.follow_up_tolerance_days;
    let mut used = vec![false; recorded.len()];
    let mut slots = policy
        .follow_ups
        .iter()
        .enumerate()
        .map(|(k, rule)| {
            let due = add_months(exit, rule.months);
            let opens = sub_days(due, tolerance);
            let deadline = match rule.until_months {
                Some(until) => add_months(exit, until),
                None => add_days(due, tolerance),
            };
            let found = recorded.iter().enumerate().find(|(i, (date, _))| {
                !used.get(*i).copied().unwrap_or(true) && *date >= opens && *date <= deadline
            });
            let done = found.map(|(i, f)| {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                *f
            });
            FollowUpSlot {
                rule: k,
                months: rule.months,
                due,
                opens,
                deadline,
                done,
                late: false,
            }
        })
        .collect::<Vec<_>>();
    mark_late(&mut slots, recorded, &mut used);
    slots
}

/// The second pass of [`follow_up_schedule`]: a follow-up not yet matched,
/// done after a slot's deadline and before the next slot opens, is that
/// slot's, late.
fn mark_late(
    slots: &mut [FollowUpSlot],
    recorded: &[(NaiveDate, Option<bool>)],
    used: &mut [bool],
) {
    let opens: Vec<NaiveDate> = slots.iter().map(|s| s.opens).collect();
    for (k, slot) in slots.iter_mut().enumerate() {
        if slot.done.is_some() {
            continue;
        }
        let next_opens = opens.get(k + 1).copied().unwrap_or(NaiveDate::MAX);
        let found = recorded.iter().enumerate().find(|(i, (date, _))| {
            !used.get(*i).copied().unwrap_or(true) && *date > slot.deadline && *date < next_opens
        });
        if let Some((i, f)) = found {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            slot.done = Some(*f);
            slot.late = true;
        }
    }
}

/// The follow-up alerts and steps after the exit.
pub fn follow_ups(
    state: &PathwayState,
    policy: &Policy,
    as_of: NaiveDate,
    alerts: &mut Vec<Alert>,
    steps: &mut Vec<NextStep>,
) {
    follow_ups_with(state, policy, &policy.content_hash(), as_of, alerts, steps)
}

/// Where one follow-up of the schedule stands as of a date: the one
/// statement of the rule that alerts, steps and the decisions-only path are
/// made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FollowUp {
    /// Done after its deadline, on `date`, `late` days late.
    DoneLate { date: NaiveDate, late: i64 },
    /// Done in time: nothing to say.
    Done,
    /// Not done, the deadline passed `late` days ago.
    Overdue { late: i64 },
    /// Not done, its window is open: `left` days to the deadline.
    Due { left: i64 },
    /// Not done, its window is not open yet.
    ToCome,
}

/// The follow-ups of the schedule after the exit, each with where it stands.
pub(crate) fn follow_up_statuses(
    state: &PathwayState,
    policy: &Policy,
    as_of: NaiveDate,
) -> Vec<(FollowUpSlot, FollowUp)> {
    let Some(exit) = &state.exit else {
        return Vec::new();
    };
    follow_up_schedule(exit.date, &state.follow_ups, policy)
        .into_iter()
        .map(|slot| {
            let status = match (slot.done, slot.late) {
                (Some((date, _)), true) => FollowUp::DoneLate {
                    date,
                    late: days_between(slot.deadline, date),
                },
                (Some(_), false) => FollowUp::Done,
                (None, _) if as_of > slot.deadline => FollowUp::Overdue {
                    late: days_between(slot.deadline, as_of),
                },
                (None, _) if as_of >= slot.opens => FollowUp::Due {
                    left: days_between(as_of, slot.deadline),
                },
                (None, _) => FollowUp::ToCome,
            };
            (slot, status)
        })
        .collect()
}

/// [`follow_ups`] with the policy's content hash already computed.
pub(crate) fn follow_ups_with(
    state: &PathwayState,
    policy: &Policy,
    hash: &str,
    as_of: NaiveDate,
    alerts: &mut Vec<Alert>,
    steps: &mut Vec<NextStep>,
) {
    let tolerance = policy.follow_up_tolerance_days;
    for (slot, status) in follow_up_statuses(state, policy, as_of) {
        let Some(rule) = policy.follow_ups.get(slot.rule) else {
            continue;
        };
        let (k, due, deadline) = (slot.rule, slot.due, slot.deadline);
        let sources = || {
            vec![
                Source::cited(&policy.id, &rule.source, hash),
                Source::policy(&policy.id, &format!("follow_ups[{k}]"), hash),
            ]
        };
        match status {
            FollowUp::DoneLate { date, late } => alerts.push(
                Alert::new(
                    "suivi_realise_en_retard",
                    AlertLevel::Information,
                    Text::new(TextCode::SuiviRealiseEnRetard)
                        .with("label", &rule.label)
                        .with("date", date)
                        .with("late", late),
                    sources(),
                )
                .due(deadline, late),
            ),
            FollowUp::Done => {}
            FollowUp::Overdue { late } => {
                let text = match rule.until_months {
                    Some(until) => Text::new(TextCode::SuiviEnRetardFenetre).with("until", until),
                    None => {
                        Text::new(TextCode::SuiviEnRetardTolerance).with("tolerance", tolerance)
                    }
                }
                .with("label", &rule.label)
                .with("late", late)
                .with("months", rule.months);
                alerts.push(
                    Alert::new("suivi_en_retard", AlertLevel::EnRetard, text, sources())
                        .due(deadline, late),
                );
            }
            FollowUp::Due { left } => alerts.push(
                Alert::new(
                    "suivi_a_echeance",
                    AlertLevel::AEcheance,
                    Text::new(TextCode::SuiviAEcheance)
                        .with("label", &rule.label)
                        .with("left", left),
                    sources(),
                )
                .due(deadline, -left),
            ),
            FollowUp::ToCome => steps.push(NextStep::new(
                Text::new(TextCode::SuiviAVenir)
                    .with("label", &rule.label)
                    .with("months", rule.months),
                Some(due),
                sources(),
            )),
        }
    }
}

/// Refused events as alerts, their texts those of the issue's catalogue.
pub fn refusals(refused: &[Issue], alerts: &mut Vec<Alert>) {
    for issue in refused {
        let mut alert = Alert::new(
            issue.code.code(),
            AlertLevel::Refus,
            Text::new(TextCode::EvenementRefuse)
                .with("message_fr", &issue.message)
                .with("message_en", &issue.message_en),
            crate::pathway::refusal_sources(issue.code),
        );
        // the issue's messages are its own: the alert keeps the texts only
        alert.params.clear();
        alert.path = Some(issue.path.to_string());
        alerts.push(alert);
    }
}

/// The horizons of the harmonised outcome cohort, in months after the exit
/// (the follow-up at 6 months or 1 year that the IGAS report of December
/// 2025 recommends generalising; the AISMT 13 follows up at both).
pub const COHORT_HORIZONS: [u32; 2] = [6, 12];

/// The harmonised window opens this many months before the horizon date…
pub const COHORT_WINDOW_BEFORE_MONTHS: u32 = 1;

/// …and closes this many months after it (the last day it counts).
pub const COHORT_WINDOW_AFTER_MONTHS: u32 = 2;

code_enum! {
    /// Where a worker of the harmonised outcome cohort stands at a horizon
    /// (6 or 12 months after the exit), as of a date: the employment answer
    /// recorded in the window, no answer once the window has closed, or the
    /// window still open.
    ///
    /// ```
    /// use cme_pdp::{deadlines::CohortState, codes::Code};
    /// assert_eq!(CohortState::SansReponse.code(), "sans_reponse");
    /// ```
    pub enum CohortState: "cohort_state" {
        EnEmploi = "en_emploi", "Toujours en emploi", "Still in employment";
        SansEmploi = "sans_emploi", "Plus en emploi", "No longer in employment";
        SansReponse = "sans_reponse", "Perdu de vue (fenêtre close sans réponse sur l'emploi)", "Lost to follow-up (window closed with no answer on employment)";
        NonEchu = "non_echu", "Pas encore échu (fenêtre ouverte, pas encore de réponse)", "Not yet due (window open, no answer yet)";
    }
}

/// The harmonised window of a horizon: the date `months` after the exit,
/// the first and the last day an answer counts for it (one month before,
/// two months after; the same for every service, whatever its own
/// follow-up calendar).
///
/// ```
/// use cme_pdp::deadlines::cohort_window;
/// let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// // An exit on 31 August 2023: 6 months is 29 February 2024.
/// assert_eq!(cohort_window(d(2023, 8, 31), 6), (d(2024, 2, 29), d(2024, 1, 29), d(2024, 4, 29)));
/// ```
pub fn cohort_window(exit: NaiveDate, months: u32) -> (NaiveDate, NaiveDate, NaiveDate) {
    let horizon = add_months(exit, months);
    let opens = horizon
        .checked_sub_months(Months::new(COHORT_WINDOW_BEFORE_MONTHS))
        .unwrap_or(NaiveDate::MIN);
    let closes = add_months(horizon, COHORT_WINDOW_AFTER_MONTHS);
    (horizon, opens, closes)
}

/// Where a worker stands at a horizon of the harmonised cohort as of
/// `as_of`: the first follow-up recorded in the window (on or before
/// `as_of`) that says whether the worker is still in employment gives the
/// answer; a follow-up that does not say, or none, leaves the worker
/// without an answer once the window has closed (`as_of` after its last
/// day), not yet due before. `recorded` are the follow-ups of the exit
/// (date, still employed).
///
/// ```
/// use cme_pdp::deadlines::{cohort_state, CohortState};
/// let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let exit = d(2024, 1, 15); // horizon 15 July, window 15 June – 15 September
/// assert_eq!(cohort_state(exit, 6, &[(d(2024, 6, 20), Some(true))], d(2024, 12, 31)), CohortState::EnEmploi);
/// // An answer before the window is not the 6-month answer.
/// assert_eq!(cohort_state(exit, 6, &[(d(2024, 6, 14), Some(true))], d(2024, 9, 15)), CohortState::NonEchu);
/// assert_eq!(cohort_state(exit, 6, &[(d(2024, 6, 14), Some(true))], d(2024, 9, 16)), CohortState::SansReponse);
/// // A contact that does not say whether the worker is employed is no answer.
/// assert_eq!(cohort_state(exit, 6, &[(d(2024, 7, 15), None)], d(2025, 1, 1)), CohortState::SansReponse);
/// assert_eq!(cohort_state(exit, 6, &[(d(2024, 9, 15), Some(false))], d(2024, 9, 15)), CohortState::SansEmploi);
/// ```
pub fn cohort_state(
    exit: NaiveDate,
    months: u32,
    recorded: &[(NaiveDate, Option<bool>)],
    as_of: NaiveDate,
) -> CohortState {
    let (_, opens, closes) = cohort_window(exit, months);
    let answer = recorded
        .iter()
        .filter(|(date, _)| *date >= opens && *date <= closes && *date <= as_of)
        .find_map(|(_, employed)| *employed);
    match answer {
        Some(true) => CohortState::EnEmploi,
        Some(false) => CohortState::SansEmploi,
        None if as_of > closes => CohortState::SansReponse,
        None => CohortState::NonEchu,
    }
}
