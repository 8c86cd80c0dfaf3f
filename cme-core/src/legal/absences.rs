//! Continuous absences: an initial prescription and its prolongations
//! (successive prescriptions with no day of work between them) are one
//! absence for every threshold. SST software exports each prescription as a
//! row; the calendar joins them and says that it did.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{SickLeave, SickLeaveCause};
use crate::deadlines::add_days;

/// One continuous absence: the prescriptions it joins, its first and last
/// day, its causes.
///
/// ```
/// use cme_pdp::legal::continuous_absences;
/// use cme_pdp::case::{SickLeave, SickLeaveCause};
/// let d = |m, day| chrono::NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let p = |s, e| SickLeave::between(s, e, SickLeaveCause::AccidentDuTravail);
/// // A prolongation that starts the day after, then a new leave after a week of work.
/// let a = continuous_absences(&[p(d(1, 1), d(1, 20)), p(d(1, 21), d(2, 10)), p(d(2, 20), d(2, 25))]);
/// assert_eq!(a.len(), 2);
/// assert_eq!((a[0].prescriptions.clone(), a[0].length_days), (vec![0, 1], Some(41)));
/// assert!(a[0].joined());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Absence {
    /// Indices of the prescriptions (in the input) it joins, by start date.
    pub prescriptions: Vec<usize>,
    /// First day: it chooses the version of the thresholds.
    pub start: NaiveDate,
    /// Last day (actual or expected); unknown when the last prescription's
    /// end is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Whether `end` is expected rather than actual.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub end_is_expected: bool,
    /// The causes of its prescriptions, without repetition, first one first.
    pub causes: Vec<SickLeaveCause>,
    /// Its length in calendar days, both ends included, when the end is
    /// known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length_days: Option<i64>,
}

impl Absence {
    /// Whether it joins more than one prescription.
    pub fn joined(&self) -> bool {
        self.prescriptions.len() > 1
    }

    /// Its length as known on `as_of`: the length when the end is known,
    /// else the days already elapsed (a lower bound), and whether it is
    /// known.
    pub fn known_length(&self, as_of: NaiveDate) -> (i64, bool) {
        match self.length_days {
            Some(n) => (n, true),
            None => (
                (as_of.signed_duration_since(self.start).num_days() + 1).max(0),
                false,
            ),
        }
    }

    /// Whether one of its causes is an illness or an accident (not a
    /// maternity leave).
    pub fn is_illness_or_accident(&self) -> bool {
        self.causes.iter().any(|c| *c != SickLeaveCause::Maternite)
    }

    /// The absence of one prescription.
    pub(crate) fn of(index: usize, leave: &SickLeave) -> Absence {
        Absence {
            prescriptions: vec![index],
            start: leave.start,
            end: leave.end,
            end_is_expected: leave.end_is_expected,
            causes: vec![leave.cause],
            length_days: leave.length_days(),
        }
    }

    /// Whether a prescription starting on `start` continues this absence:
    /// it starts no later than the day after its end (no day of work in
    /// between), or the end is still unknown.
    fn continued_by(&self, start: NaiveDate) -> bool {
        self.end.is_none_or(|end| start <= add_days(end, 1))
    }

    fn join(&mut self, index: usize, leave: &SickLeave) {
        self.prescriptions.push(index);
        if !self.causes.contains(&leave.cause) {
            self.causes.push(leave.cause);
        }
        match (self.end, leave.end) {
            (Some(end), Some(e)) if e > end => {
                self.end = Some(e);
                self.end_is_expected = leave.end_is_expected;
            }
            (Some(_), None) => {
                self.end = None;
                self.end_is_expected = false;
            }
            _ => {}
        }
        self.length_days = self
            .end
            .map(|end| end.signed_duration_since(self.start).num_days() + 1);
    }
}

/// The continuous absences of a list of prescriptions, in date order.
pub fn continuous_absences(leaves: &[SickLeave]) -> Vec<Absence> {
    let mut order: Vec<usize> = (0..leaves.len()).collect();
    order.sort_by_key(|&i| leaves.get(i).map(|l| (l.start, l.end)));
    let mut out: Vec<Absence> = Vec::new();
    for i in order {
        let Some(leave) = leaves.get(i) else { continue };
        match out.last_mut() {
            Some(current) if current.continued_by(leave.start) => current.join(i, leave),
            _ => out.push(Absence::of(i, leave)),
        }
    }
    out
}
