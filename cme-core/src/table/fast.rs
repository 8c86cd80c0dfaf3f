//! The table reader's fast path: a row read straight from its cells into
//! the case it describes, for the rows the case rules accept as they are
//! (nearly all the rows of an export).
//!
//! The rules are those of [`crate::validate`] (the same predicates:
//! [`crate::validate::is_identifier`], [`crate::validate::is_service_code`],
//! [`crate::dates::date_in_range`], the code lists, the consistency checks
//! between fields); what this path leaves out is the general reading of a
//! document (objects, lists and paths through [`crate::reader::Node`]),
//! which costs most of the time of a valid row. It never reports anything:
//! at the first cell it is not sure of (a problem, or a kind of cell it does
//! not read, such as a list cell) it gives up, and the row is read again by
//! the rules themselves, which report every problem with its column.
//!
//! A property test checks it against the rules on random rows (valid rows
//! of the synthetic population with cells changed at random, typed cells
//! and JSON cells): whenever the rules accept a row, this path gives the
//! same case, and it never accepts a row the rules refuse.

use chrono::NaiveDate;
use serde_json::Value;

use super::{normalized, Cell, CellSource, EventIndex, EVENTS};
use crate::case::{
    Case, CategoryOverride, Consent, Event, EventType, ExitResult, Nomenclature, Sector, SickLeave,
    Signalement, Worker, FORMAT_VERSION,
};
use crate::codes::Code;
use crate::validate::{date_in_range, is_identifier, is_service_code, limits, parse_iso_date};

/// A value read from a cell: `Some(None)` for an empty cell, `Some(Some(v))`
/// for a value the rules accept, `None` to give up (a problem, or a cell
/// this path does not read).
type Read<T> = Option<Option<T>>;

/// A row being read.
struct Row<'a> {
    src: &'a dyn CellSource,
    row: usize,
    as_of: Option<NaiveDate>,
}

impl<'a> Row<'a> {
    fn cell(&self, column: usize) -> Cell<'a> {
        normalized(self.src.cell(column, self.row))
    }

    /// Nothing for a part whose first cell is empty (`Some(None)`), when
    /// its other `columns` are empty too; otherwise the rules report the
    /// missing cell (`None`).
    fn absent<T>(&self, mut columns: impl Iterator<Item = usize>) -> Read<T> {
        columns.all(|c| self.cell(c) == Cell::Null).then_some(None)
    }

    fn text(&self, column: usize) -> Read<&'a str> {
        match self.cell(column) {
            Cell::Null => Some(None),
            Cell::Text(s) => Some(Some(s)),
            Cell::Json(Value::String(s)) => Some(Some(s)),
            _ => None,
        }
    }

    fn boolean(&self, column: usize) -> Read<bool> {
        match self.cell(column) {
            Cell::Null => Some(None),
            Cell::Boolean(b) | Cell::Json(&Value::Bool(b)) => Some(Some(b)),
            _ => None,
        }
    }

    /// An integer within `min..=max` (an integral float is an integer, as
    /// [`crate::reader::Reader::integer`] reads it).
    fn integer(&self, column: usize, min: i64, max: i64) -> Read<i64> {
        // Integral and well within i64: exact.
        #[allow(clippy::cast_possible_truncation)]
        let integral = |x: f64| (x.fract() == 0.0 && x.abs() < 1e15).then_some(x as i64);
        let n = match self.cell(column) {
            Cell::Null => return Some(None),
            Cell::Integer(n) => n,
            Cell::Json(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().and_then(integral))?,
            Cell::Float(x) => integral(x)?,
            _ => return None,
        };
        (min..=max).contains(&n).then_some(Some(n))
    }

    /// A date of a case: within the accepted years and, unless
    /// `may_be_future`, not after the evaluation date.
    fn date(&self, column: usize, may_be_future: bool) -> Read<NaiveDate> {
        let date = match self.cell(column) {
            Cell::Null => return Some(None),
            Cell::Date(d) => d,
            Cell::Text(s) => parse_iso_date(s)?,
            Cell::Json(Value::String(s)) => parse_iso_date(s)?,
            _ => return None,
        };
        let after = !may_be_future && self.as_of.is_some_and(|as_of| date > as_of);
        (date_in_range(date) && !after).then_some(Some(date))
    }

    fn code<C: Code>(&self, column: usize) -> Read<C> {
        match self.text(column)? {
            None => Some(None),
            Some(s) => C::from_code(s).map(Some),
        }
    }
}

/// An empty case to [`fill`] (its values are overwritten row after row).
pub(super) fn blank() -> Case {
    Case {
        format_version: FORMAT_VERSION,
        id: String::new(),
        service: String::new(),
        policy: None,
        doctor: None,
        worker: Worker::default(),
        sick_leaves: Vec::new(),
        signalement: Signalement {
            date: NaiveDate::MIN,
            source_visit: crate::case::SourceVisit::Reprise,
            signalled_by: crate::case::Signaller::MedecinDuTravail,
            requested_by: None,
            worker_agreed: None,
        },
        consents: Vec::new(),
        events: Vec::new(),
        category_override: None,
        visits: Vec::new(),
        employer_exchanges: Vec::new(),
        referrals: Vec::new(),
        meetings: Vec::new(),
        measures: Vec::new(),
    }
}

/// Writes into `text` (its room reused).
fn put(text: &mut String, value: &str) {
    text.clear();
    text.push_str(value);
}

/// Writes the case of row `row` of `src` into `case` when the case rules
/// accept it as it is (problems left to the pathway aside, as the table
/// reader leaves them) and returns `true`; returns `false` when they would
/// report a problem, or may (the row is then read by the rules, and `case`
/// holds nothing of use). The room of `case` (its texts and lists) is
/// reused: reading a row allocates nothing once the first rows are read.
/// The caller has checked that the row fills no unknown column.
pub(super) fn fill(
    src: &dyn CellSource,
    row: usize,
    as_of: Option<NaiveDate>,
    case: &mut Case,
) -> bool {
    fill_case(&Row { src, row, as_of }, case).is_some()
}

fn fill_case(r: &Row<'_>, case: &mut Case) -> Option<()> {
    let id = r.text(c!("id"))??;
    if !is_identifier(id, limits::MAX_ID_LEN) {
        return None;
    }
    let service = r.text(c!("service"))??;
    if !is_service_code(service) {
        return None;
    }
    let policy = r.text(c!("policy"))?;
    if policy.is_some_and(|p| !is_identifier(p, limits::MAX_POLICY_ID_LEN)) {
        return None;
    }
    put(&mut case.id, id);
    put(&mut case.service, service);
    match (policy, &mut case.policy) {
        (Some(p), Some(text)) => put(text, p),
        (p, slot) => *slot = p.map(str::to_string),
    }
    identifier(r.text(c!("doctor"))?, &mut case.doctor)?;
    worker(r, &mut case.worker)?;
    let signalement = Signalement {
        date: r.date(c!("signalement_date"), false)??,
        source_visit: r.code(c!("source_visit"))??,
        signalled_by: r.code(c!("signalled_by"))??,
        requested_by: r.code(c!("requested_by"))?,
        worker_agreed: None,
    };
    // A requester the rule refuses is reported by the rules (the slow path).
    if signalement.source_visit == crate::case::SourceVisit::PreReprise
        && signalement.requested_by.is_some_and(|r| {
            crate::validate::pre_reprise_requester_issue(r, Some(signalement.date)).is_some()
        })
    {
        return None;
    }
    if case
        .worker
        .age_on(signalement.date)
        .is_some_and(|age| !(limits::MIN_AGE..=limits::MAX_AGE).contains(&age))
    {
        return None;
    }
    case.signalement = signalement;
    case.sick_leaves.clear();
    if let Some(leave) = sick_leave(r)? {
        case.sick_leaves.push(leave);
    }
    consent(r, &mut case.consents)?;
    case.events.clear();
    for entry in &EVENTS {
        if let Some(event) = event(r, entry)? {
            case.events.push(event);
        }
    }
    case.category_override = category_override(r)?;
    // A table has no columns for the visits, the exchanges with the
    // employer, the referrals or the meetings yet: a reused case keeps none.
    case.visits.clear();
    case.employer_exchanges.clear();
    case.referrals.clear();
    case.meetings.clear();
    case.measures.clear();
    // What the rules check between the events and the signalement (an
    // event before it, a follow-up without an exit) is left to the pathway
    // by the table reader: nothing to check here.
    Some(())
}

/// A pseudonymous id read into its slot (the slot's room reused); `None`
/// when the text is not an identifier (the slow path then says why).
fn identifier(text: Option<&str>, slot: &mut Option<String>) -> Option<()> {
    match (text, slot) {
        (Some(id), _) if !is_identifier(id, limits::MAX_ID_LEN) => return None,
        (Some(id), Some(slot)) => put(slot, id),
        (id, slot) => *slot = id.map(str::to_string),
    }
    Some(())
}

fn worker(r: &Row<'_>, worker: &mut Worker) -> Option<()> {
    identifier(r.text(c!("worker_id"))?, &mut worker.id)?;
    identifier(r.text(c!("worker_company"))?, &mut worker.company)?;
    let birth_date = r.date(c!("birth_date"), false)?;
    let birth_year = r
        .integer(
            c!("birth_year"),
            i64::from(limits::MIN_YEAR),
            i64::from(limits::MAX_YEAR),
        )?
        .map(i32::try_from)
        .transpose()
        .ok()?;
    if let (Some(date), Some(year)) = (birth_date, birth_year) {
        if chrono::Datelike::year(&date) != year {
            return None;
        }
    }
    match (
        r.code::<Nomenclature>(c!("sector_nomenclature"))?,
        r.text(c!("sector_section"))?,
        &mut worker.sector,
    ) {
        (None, None, slot) => *slot = None,
        (Some(nomenclature), Some(section), slot) if nomenclature.sections().contains(&section) => {
            match slot {
                Some(sector) => {
                    sector.nomenclature = nomenclature;
                    put(&mut sector.section, section);
                }
                None => {
                    *slot = Some(Sector {
                        nomenclature,
                        section: section.to_string(),
                    });
                }
            }
        }
        _ => return None,
    }
    worker.cim10_chapter = r
        .integer(c!("cim10_chapter"), 1, 22)?
        .map(u8::try_from)
        .transpose()
        .ok()?;
    worker.birth_date = birth_date;
    worker.birth_year = birth_year;
    worker.employer = r.code(c!("employer"))?;
    worker.rqth = r.code(c!("rqth"))?;
    Some(())
}

fn sick_leave(r: &Row<'_>) -> Read<SickLeave> {
    let Some(start) = r.date(c!("sick_leave_start"), false)? else {
        return r.absent(
            [
                c!("sick_leave_end"),
                c!("sick_leave_cause"),
                c!("sick_leave_end_is_expected"),
            ]
            .into_iter(),
        );
    };
    let end_is_expected = r
        .boolean(c!("sick_leave_end_is_expected"))?
        .unwrap_or(false);
    let end = r.date(c!("sick_leave_end"), end_is_expected)?;
    if end.is_some_and(|end| end < start) {
        return None;
    }
    Some(Some(SickLeave {
        start,
        end,
        end_is_expected,
        cause: r.code(c!("sick_leave_cause"))??,
    }))
}

/// The consent, into `consents` (none, or one whose room is reused).
fn consent(r: &Row<'_>, consents: &mut Vec<Consent>) -> Option<()> {
    let Some(given_on) = r.date(c!("consent_date"), false)? else {
        consents.clear();
        return r
            .absent::<()>(
                [
                    c!("consent_accompaniment"),
                    c!("consent_withdrawn_on"),
                    c!("consent_sharing_with"),
                ]
                .into_iter(),
            )
            .map(|_| ());
    };
    let accompaniment = r.boolean(c!("consent_accompaniment"))?.unwrap_or(false);
    let withdrawn_on = r.date(c!("consent_withdrawn_on"), false)?;
    if withdrawn_on.is_some_and(|w| w < given_on) {
        return None;
    }
    consents.truncate(1);
    if consents.is_empty() {
        consents.push(Consent {
            given_on,
            accompaniment,
            sharing_with: Vec::new(),
            withdrawn_on,
        });
    }
    let consent = consents.first_mut()?;
    consent.given_on = given_on;
    consent.accompaniment = accompaniment;
    consent.withdrawn_on = withdrawn_on;
    let sharing_with = &mut consent.sharing_with;
    sharing_with.clear();
    // Codes separated by `;` in one text cell (a list cell is left to the
    // rules).
    if let Some(text) = r.text(c!("consent_sharing_with"))? {
        for code in text.split(';').map(str::trim).filter(|c| !c.is_empty()) {
            let partner = Code::from_code(code)?;
            if sharing_with.contains(&partner) || sharing_with.len() == limits::MAX_PARTNERS {
                return None;
            }
            sharing_with.push(partner);
        }
    }
    Some(())
}

/// The event of an entry of [`EVENTS`]: present when its date or one of
/// its other facts is given.
fn event(r: &Row<'_>, entry: &EventIndex) -> Read<Event> {
    let extra = |name: &str| {
        entry
            .extras()
            .iter()
            .find(|(key, _)| *key == name)
            .map(|&(_, column)| column)
    };
    let Some(date) = r.date(entry.date, false)? else {
        return r.absent(entry.extras().iter().map(|&(_, column)| column));
    };
    // A fact this type of event does not have reads as absent, as in the
    // rules.
    let boolean = |name| extra(name).map_or(Some(None), |c| r.boolean(c));
    let event = match entry.kind {
        EventType::Contact => Event::Contact { date },
        EventType::Reouverture => Event::Reouverture { date },
        EventType::AbsenceReponse => Event::AbsenceReponse { date },
        EventType::RefusAccompagnement => Event::RefusAccompagnement { date },
        EventType::AnalyseDemande => Event::AnalyseDemande {
            date,
            simple_solution: boolean("simple_solution")?,
        },
        EventType::ReferentDesigne => {
            let mut referent = None;
            if let Some(c) = extra("referent") {
                identifier(r.text(c)?, &mut referent)?;
            }
            Event::ReferentDesigne {
                date,
                role: extra("role").map_or(Some(None), |c| r.code(c))?,
                referent,
            }
        }
        EventType::EntretienQualification => Event::EntretienQualification { date },
        EventType::AvisAttendu => Event::AvisAttendu {
            date,
            expertise: r.code(extra("expertise")?)??,
        },
        EventType::AvisRecu => Event::AvisRecu {
            date,
            expertise: r.code(extra("expertise")?)??,
        },
        EventType::CommissionPleniere => Event::CommissionPleniere { date },
        EventType::PlanPropose => Event::PlanPropose { date },
        EventType::PlanAccepte => Event::PlanAccepte { date },
        EventType::PlanRefuse => Event::PlanRefuse { date },
        EventType::ActionPartenaire => Event::ActionPartenaire {
            date,
            partner: r.code(extra("partner")?)??,
        },
        EventType::Sortie => {
            // An exit without a result is the pathway's to refuse.
            let result: Option<ExitResult> = extra("result").map_or(Some(None), |c| r.code(c))?;
            let dismissal = boolean("dismissal")?;
            let prepared = boolean("prepared")?;
            let given = dismissal.is_some() || prepared.is_some();
            if given && result.is_some_and(|result| result != ExitResult::Inaptitude) {
                return None;
            }
            Event::Sortie {
                date,
                result,
                dismissal,
                prepared,
            }
        }
        EventType::Suivi => Event::Suivi {
            date,
            still_employed: boolean("still_employed")?,
        },
    };
    Some(Some(event))
}

fn category_override(r: &Row<'_>) -> Read<CategoryOverride> {
    let Some(decided_on) = r.date(c!("category_override_date"), false)? else {
        return r.absent(
            [
                c!("category_override"),
                c!("category_override_justification"),
            ]
            .into_iter(),
        );
    };
    let justification = r.text(c!("category_override_justification"))??;
    if justification.chars().count() > limits::MAX_JUSTIFICATION_LEN
        || justification.trim().is_empty()
    {
        return None;
    }
    Some(Some(CategoryOverride {
        category: r.code(c!("category_override"))??,
        justification: justification.to_string(),
        decided_on,
    }))
}

#[cfg(test)]
mod tests;
