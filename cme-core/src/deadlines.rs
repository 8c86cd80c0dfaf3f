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
//! use cme_core::deadlines::add_months;
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
/// assert_eq!(cme_core::deadlines::add_days(d, 15).to_string(), "2024-03-06");
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
/// assert_eq!(cme_core::deadlines::sub_days(d, 1).to_string(), "2024-02-29");
/// ```
pub fn sub_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

code_enum! {
    /// How urgent an alert is.
    ///
    /// ```
    /// use cme_core::{deadlines::AlertLevel, codes::Code};
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
/// let case = cme_core::sample::sample_cases().unwrap().remove(2);
/// let policy = cme_core::policy::preset("aist63").unwrap();
/// let e = cme_core::evaluate::evaluate(&case, &policy, cme_core::sample::SAMPLE_AS_OF).unwrap();
/// for a in &e.alerts { assert!(!a.sources.is_empty()); }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// use cme_core::deadlines::{Alert, AlertLevel};
    /// use cme_core::texts::{Text, TextCode};
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
            text: text.fr,
            text_en: text.en,
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
/// use cme_core::deadlines::NextStep;
/// use cme_core::texts::{Text, TextCode};
/// let s = NextStep::new(Text::new(TextCode::ProposerPlan), None, vec![]);
/// assert_eq!(s.code, "proposer_plan");
/// assert!(s.text_en.starts_with("Propose"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// By when.
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
            text: text.fr,
            text_en: text.en,
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
    let Some(rule) = &policy.first_contact else {
        return;
    };
    let hash = policy.content_hash();
    let sources = vec![
        Source::cited(&policy.id, &rule.source, &hash),
        Source::policy(&policy.id, "first_contact.days", &hash),
    ];
    let due = add_days(state.signalement, rule.days);
    match state.first_contact {
        Some(contact) if contact > due => alerts.push(
            Alert::new(
                "contact_tardif",
                AlertLevel::Information,
                Text::new(TextCode::ContactTardif)
                    .with("late", days_between(due, contact))
                    .with("days", rule.days),
                sources,
            )
            .due(due, days_between(due, contact)),
        ),
        Some(_) => {}
        None if state.refusal.is_some() || state.no_answer.is_some() || state.exit.is_some() => {}
        None if as_of > due => alerts.push(
            Alert::new(
                "contact_en_retard",
                AlertLevel::EnRetard,
                Text::new(TextCode::ContactEnRetard)
                    .with("days", rule.days)
                    .with("late", days_between(due, as_of)),
                sources,
            )
            .due(due, days_between(due, as_of)),
        ),
        None => steps.push(NextStep::new(
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
/// let policy = cme_core::policy::preset("aismt13").unwrap();
/// let slots = cme_core::deadlines::follow_up_schedule(d(2024, 6, 28), &[(d(2024, 12, 20), Some(true))], &policy);
/// assert_eq!(slots[0].due, d(2024, 12, 28));
/// assert_eq!(slots[0].done, Some((d(2024, 12, 20), Some(true))));
/// assert_eq!(slots[1].done, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    let Some(exit) = &state.exit else { return };
    let hash = policy.content_hash();
    let tolerance = policy.follow_up_tolerance_days;
    for slot in follow_up_schedule(exit.date, &state.follow_ups, policy) {
        let Some(rule) = policy.follow_ups.get(slot.rule) else {
            continue;
        };
        let (k, due, opens, deadline) = (slot.rule, slot.due, slot.opens, slot.deadline);
        let sources = vec![
            Source::cited(&policy.id, &rule.source, &hash),
            Source::policy(&policy.id, &format!("follow_ups[{k}]"), &hash),
        ];
        if let (Some((date, _)), true) = (slot.done, slot.late) {
            alerts.push(
                Alert::new(
                    "suivi_realise_en_retard",
                    AlertLevel::Information,
                    Text::new(TextCode::SuiviRealiseEnRetard)
                        .with("label", &rule.label)
                        .with("date", date)
                        .with("late", days_between(deadline, date)),
                    sources,
                )
                .due(deadline, days_between(deadline, date)),
            );
            continue;
        }
        if slot.done.is_some() {
            continue;
        }
        if as_of > deadline {
            let late = days_between(deadline, as_of);
            let text = match rule.until_months {
                Some(until) => Text::new(TextCode::SuiviEnRetardFenetre).with("until", until),
                None => Text::new(TextCode::SuiviEnRetardTolerance).with("tolerance", tolerance),
            }
            .with("label", &rule.label)
            .with("late", late)
            .with("months", rule.months);
            alerts.push(
                Alert::new("suivi_en_retard", AlertLevel::EnRetard, text, sources)
                    .due(deadline, late),
            );
        } else if as_of >= opens {
            alerts.push(
                Alert::new(
                    "suivi_a_echeance",
                    AlertLevel::AEcheance,
                    Text::new(TextCode::SuiviAEcheance)
                        .with("label", &rule.label)
                        .with("left", days_between(as_of, deadline)),
                    sources,
                )
                .due(deadline, days_between(deadline, as_of)),
            );
        } else {
            steps.push(NextStep::new(
                Text::new(TextCode::SuiviAVenir)
                    .with("label", &rule.label)
                    .with("months", rule.months),
                Some(due),
                sources,
            ));
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
