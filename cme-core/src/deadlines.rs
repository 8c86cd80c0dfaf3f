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

use crate::codes::code_enum;
use crate::explain::{days_fr, Source};
use crate::issue::Issue;
use crate::pathway::PathwayState;
use crate::policy::Policy;

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
        Information = "information", "Information";
        AEcheance = "a_echeance", "À échéance";
        EnRetard = "en_retard", "En retard";
        Refus = "refus", "Événement refusé";
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
    /// Where the rule comes from.
    pub sources: Vec<Source>,
}

/// A step to come, with its deadline when there is one.
///
/// ```
/// use cme_core::deadlines::NextStep;
/// let s = NextStep { code: "x".into(), text: "…".into(), due: None, sources: vec![] };
/// assert!(s.due.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    /// Stable code.
    pub code: String,
    /// What to do, in French.
    pub text: String,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Where the rule comes from.
    pub sources: Vec<Source>,
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
        Some(contact) if contact > due => alerts.push(Alert {
            code: "contact_tardif".into(),
            level: AlertLevel::Information,
            due: Some(due),
            days_overdue: Some(days_between(due, contact)),
            path: None,
            text: format!(
                "Le premier contact a eu lieu {} après l'échéance de {} suivant le signalement.",
                days_fr(days_between(due, contact)),
                days_fr(i64::from(rule.days))
            ),
            sources,
        }),
        Some(_) => {}
        None if state.refusal.is_some() || state.no_answer.is_some() || state.exit.is_some() => {}
        None if as_of > due => alerts.push(Alert {
            code: "contact_en_retard".into(),
            level: AlertLevel::EnRetard,
            due: Some(due),
            days_overdue: Some(days_between(due, as_of)),
            path: None,
            text: format!(
                "Aucun contact du travailleur {} après le signalement : l'échéance est dépassée de {}. Relancer le travailleur.",
                days_fr(i64::from(rule.days)),
                days_fr(days_between(due, as_of))
            ),
            sources,
        }),
        None => steps.push(NextStep {
            code: "attendre_contact".into(),
            text: format!(
                "Attendre l'appel du travailleur (dans les {} suivant le signalement), puis le relancer.",
                days_fr(i64::from(rule.days))
            ),
            due: Some(due),
            sources,
        }),
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
            alerts.push(Alert {
                code: "suivi_realise_en_retard".into(),
                level: AlertLevel::Information,
                due: Some(deadline),
                days_overdue: Some(days_between(deadline, date)),
                path: None,
                text: format!(
                    "{} : réalisé le {}, {} après l'échéance.",
                    rule.label,
                    date,
                    days_fr(days_between(deadline, date))
                ),
                sources,
            });
            continue;
        }
        if slot.done.is_some() {
            continue;
        }
        if as_of > deadline {
            alerts.push(Alert {
                code: "suivi_en_retard".into(),
                level: AlertLevel::EnRetard,
                due: Some(deadline),
                days_overdue: Some(days_between(deadline, as_of)),
                path: None,
                text: format!(
                    "{} : non réalisé, en retard de {} (échéance {} mois après la sortie{}).",
                    rule.label,
                    days_fr(days_between(deadline, as_of)),
                    rule.months,
                    rule.until_months
                        .map(|u| format!(", fenêtre jusqu'à {u} mois"))
                        .unwrap_or_else(|| format!(
                            ", tolérance {}",
                            days_fr(i64::from(tolerance))
                        ))
                ),
                sources,
            });
        } else if as_of >= opens {
            alerts.push(Alert {
                code: "suivi_a_echeance".into(),
                level: AlertLevel::AEcheance,
                due: Some(deadline),
                days_overdue: Some(days_between(deadline, as_of)),
                path: None,
                text: format!(
                    "{} : à réaliser maintenant ({} restant(s) avant l'échéance).",
                    rule.label,
                    days_fr(days_between(as_of, deadline))
                ),
                sources,
            });
        } else {
            steps.push(NextStep {
                code: "suivi_a_venir".into(),
                text: format!(
                    "{} : prévu {} mois après la sortie.",
                    rule.label, rule.months
                ),
                due: Some(due),
                sources,
            });
        }
    }
}

/// Refused events as alerts.
pub fn refusals(refused: &[Issue], alerts: &mut Vec<Alert>) {
    for issue in refused {
        alerts.push(Alert {
            code: issue.code.code().to_string(),
            level: AlertLevel::Refus,
            due: None,
            days_overdue: None,
            path: Some(issue.path.to_string()),
            text: format!("Événement refusé : {}", issue.message),
            sources: crate::pathway::refusal_sources(issue.code),
        });
    }
}
