//! The case of the interchange format as uniffi records, field for field,
//! and the indicator accumulator as a uniffi object.
//!
//! A record goes to the core as the JSON of the interchange format and is
//! validated there: the rules, and the paths of the problems
//! (`sick_leaves[0].end`…), are those of every other binding. Code lists are
//! typed enums (`crate::enums`); their labels are in [`code_lists`].

use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{json, Map, Value};

use cme_pdp::case::{
    Category, CellRole, EmployerKind, EventType, ExitResult, Expertise, Nomenclature, Partner,
    Requester, RqthStatus, SickLeaveCause, Signaller, SourceVisit,
};
use cme_pdp::codes::Code;

use crate::{read_cases_json, read_json, CmeError, EvaluationResult, IsoDate, Issue, Policy};

/// The worker's context (no name, no free text about health).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Worker {
    /// Pseudonymous id of the worker, linking successive cases (format
    /// version 2).
    #[uniffi(default)]
    pub id: Option<String>,
    /// Date of birth (`YYYY-MM-DD`), when known.
    #[uniffi(default)]
    pub birth_date: Option<IsoDate>,
    /// Year of birth, when only the year is known.
    #[uniffi(default)]
    pub birth_year: Option<i32>,
    /// Pseudonymous id of the employing company (format version 2).
    #[uniffi(default)]
    pub company: Option<String>,
    /// The employer's sector.
    #[uniffi(default)]
    pub sector: Option<Sector>,
    /// Private or public employer.
    #[uniffi(default)]
    pub employer: Option<EmployerKind>,
    /// RQTH status.
    #[uniffi(default)]
    pub rqth: Option<RqthStatus>,
    /// CIM-10 chapter (1 to 22) of the main pathology.
    #[uniffi(default)]
    pub cim10_chapter: Option<i32>,
}

/// A NAF section with its nomenclature.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Sector {
    /// The NAF nomenclature.
    pub nomenclature: Nomenclature,
    /// The section letter.
    pub section: String,
}

/// A sick leave.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SickLeave {
    /// First day.
    pub start: IsoDate,
    /// Last day, when known.
    #[uniffi(default)]
    pub end: Option<IsoDate>,
    /// Whether `end` is the expected end of a running leave.
    #[uniffi(default)]
    pub end_is_expected: bool,
    /// The cause.
    pub cause: SickLeaveCause,
}

/// The signalement to the cell.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Signalement {
    /// Date of the signalement.
    pub date: IsoDate,
    /// The visit at which the risk was detected.
    pub source_visit: SourceVisit,
    /// Who signals.
    pub signalled_by: Signaller,
    /// Who asked for the visit.
    #[uniffi(default)]
    pub requested_by: Option<Requester>,
    /// The worker agreed to the signalement (format version 2).
    #[uniffi(default)]
    pub worker_agreed: Option<bool>,
}

/// A consent of the worker.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Consent {
    /// When it was given.
    pub given_on: IsoDate,
    /// Consent to the accompaniment.
    pub accompaniment: bool,
    /// Partners information may be shared with.
    #[uniffi(default)]
    pub sharing_with: Vec<Partner>,
    /// When it was withdrawn.
    #[uniffi(default)]
    pub withdrawn_on: Option<IsoDate>,
}

/// An event of the pathway: `kind` is the event type (`contact`,
/// `analyse_demande`, `sortie`…); the optional facts apply to some types
/// only (the validation refuses the others).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Event {
    /// The event type.
    pub kind: EventType,
    /// Its date.
    pub date: IsoDate,
    /// `analyse_demande`: a simple solution was found.
    #[uniffi(default)]
    pub simple_solution: Option<bool>,
    /// `referent_designe`: the référent's role.
    #[uniffi(default)]
    pub role: Option<CellRole>,
    /// `referent_designe`: the référent's pseudonymous id (format version 2).
    #[uniffi(default)]
    pub referent: Option<String>,
    /// `avis_attendu` / `avis_recu`: the expertise.
    #[uniffi(default)]
    pub expertise: Option<Expertise>,
    /// `action_partenaire`: the partner.
    #[uniffi(default)]
    pub partner: Option<Partner>,
    /// `sortie`: the result.
    #[uniffi(default)]
    pub result: Option<ExitResult>,
    /// `sortie`: dismissal.
    #[uniffi(default)]
    pub dismissal: Option<bool>,
    /// `sortie`: prepared exit.
    #[uniffi(default)]
    pub prepared: Option<bool>,
    /// `suivi`: still employed.
    #[uniffi(default)]
    pub still_employed: Option<bool>,
}

/// The team's choice of category, with its justification.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CategoryOverride {
    /// The category.
    pub category: Category,
    /// Why (free text of the team, no health data).
    pub justification: String,
    /// When it was decided.
    pub decided_on: IsoDate,
}

/// A visit that took place (format version 2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Visit {
    /// Which visit.
    pub kind: cme_pdp::case::VisitRule,
    /// Its date (`YYYY-MM-DD`).
    pub date: IsoDate,
    /// Who performed it (not for a rendez-vous de liaison).
    #[uniffi(default)]
    pub done_by: Option<cme_pdp::case::Professional>,
    /// Pré-reprise: who asked for it (L4624-2-4).
    #[uniffi(default)]
    pub requested_by: Option<Requester>,
    /// Held remotely (télésanté).
    #[uniffi(default)]
    pub remote: bool,
    /// An avis d'inaptitude was issued at it.
    #[uniffi(default)]
    pub avis_inaptitude: bool,
    /// Pré-reprise: the day the worker objected to the recommendations
    /// being sent to the employer (R4624-30).
    #[uniffi(default)]
    pub objection_on: Option<IsoDate>,
    /// Pseudonymous id of the médecin du travail who held it, when not the
    /// one who follows the worker.
    #[uniffi(default)]
    pub doctor: Option<String>,
}

/// An exchange with the employer (format version 2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmployerExchange {
    /// What kind of exchange.
    pub kind: cme_pdp::case::ExchangeKind,
    /// When (`YYYY-MM-DD`).
    pub date: IsoDate,
    /// For a contact: the médecin du travail agreed.
    #[uniffi(default)]
    pub doctor_agreed: Option<bool>,
    /// For a contact: the worker agreed.
    #[uniffi(default)]
    pub worker_agreed: Option<bool>,
}

/// A referral to a partner, or a partner's signalement (format version 2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Referral {
    /// The partner.
    pub partner: Partner,
    /// Which way.
    pub direction: cme_pdp::case::ReferralDirection,
    /// The document sent.
    #[uniffi(default)]
    pub document: Option<cme_pdp::case::ReferralDocument>,
    /// When it was sent (`YYYY-MM-DD`).
    pub sent: IsoDate,
    /// When it was answered.
    #[uniffi(default)]
    pub answered: Option<IsoDate>,
    /// The answer.
    #[uniffi(default)]
    pub outcome: Option<cme_pdp::case::ReferralOutcome>,
}

/// A meeting of the cell with the worker (format version 2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Meeting {
    /// When (`YYYY-MM-DD`).
    pub date: IsoDate,
    /// An action plan was drawn up at it.
    #[uniffi(default)]
    pub action_plan: bool,
}

/// A measure of the law mobilised for the worker (format version 2).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MeasureRecord {
    /// Which measure.
    pub measure: cme_pdp::case::MeasureKind,
    /// The day it started (`YYYY-MM-DD`).
    pub start: IsoDate,
    /// The day it ended, when it has.
    #[uniffi(default)]
    pub end: Option<IsoDate>,
}

/// A case of the interchange format.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Case {
    /// Format version (1 or 2; 2 once read).
    #[uniffi(default = 2)]
    pub format_version: i32,
    /// Pseudonymous id.
    pub id: String,
    /// Service code.
    pub service: String,
    /// Policy id, when it differs from the service.
    #[uniffi(default)]
    pub policy: Option<String>,
    /// Pseudonymous id of the médecin du travail who follows the worker
    /// (format version 2).
    #[uniffi(default)]
    pub doctor: Option<String>,
    /// The worker.
    #[uniffi(default)]
    pub worker: Worker,
    /// Sick leaves.
    #[uniffi(default)]
    pub sick_leaves: Vec<SickLeave>,
    /// The signalement.
    pub signalement: Signalement,
    /// Consents.
    #[uniffi(default)]
    pub consents: Vec<Consent>,
    /// Events of the pathway.
    #[uniffi(default)]
    pub events: Vec<Event>,
    /// The team's category, if it overrides the derived one.
    #[uniffi(default)]
    pub category_override: Option<CategoryOverride>,
    /// Visits that took place (format version 2).
    #[uniffi(default)]
    pub visits: Vec<Visit>,
    /// Exchanges with the employer (format version 2).
    #[uniffi(default)]
    pub employer_exchanges: Vec<EmployerExchange>,
    /// Referrals to partners and partners' signalements (format version 2).
    #[uniffi(default)]
    pub referrals: Vec<Referral>,
    /// Meetings with the worker (format version 2).
    #[uniffi(default)]
    pub meetings: Vec<Meeting>,
    /// Measures of the law mobilised (format version 2).
    #[uniffi(default)]
    pub measures: Vec<MeasureRecord>,
}

fn put<T: Into<Value>>(map: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        map.insert(key.to_string(), v.into());
    }
}

/// The JSON of the interchange format of a record.
/// The interchange JSON of a case record, whole (`case_to_json`).
fn case_json(c: &Case) -> Value {
    case_json_capped(c, usize::MAX)
}

/// The interchange JSON of a case record to be read by the core: each list
/// converted up to one item past the longest list the core takes
/// (`MAX_EVENTS`), so that a record of ten million events is refused
/// (`too_many_items`) without ten million items converted first.
fn case_to_read(c: &Case) -> Value {
    case_json_capped(c, cme_pdp::limits::MAX_EVENTS + 1)
}

/// [`case_json`] with at most `cap` items of each list.
fn case_json_capped(c: &Case, cap: usize) -> Value {
    let mut worker = Map::new();
    put(&mut worker, "id", c.worker.id.clone());
    put(&mut worker, "birth_date", c.worker.birth_date.clone());
    put(&mut worker, "birth_year", c.worker.birth_year);
    put(&mut worker, "company", c.worker.company.clone());
    if let Some(s) = &c.worker.sector {
        worker.insert(
            "sector".into(),
            json!({"nomenclature": s.nomenclature.code(), "section": s.section}),
        );
    }
    put(&mut worker, "employer", c.worker.employer.map(Code::code));
    put(&mut worker, "rqth", c.worker.rqth.map(Code::code));
    put(&mut worker, "cim10_chapter", c.worker.cim10_chapter);
    let leaves: Vec<Value> = c
        .sick_leaves
        .iter()
        .take(cap)
        .map(|l| {
            let mut m = Map::new();
            m.insert("start".into(), l.start.clone().into());
            put(&mut m, "end", l.end.clone());
            if l.end_is_expected {
                m.insert("end_is_expected".into(), true.into());
            }
            m.insert("cause".into(), l.cause.code().into());
            Value::Object(m)
        })
        .collect();
    let mut signalement = Map::new();
    signalement.insert("date".into(), c.signalement.date.clone().into());
    signalement.insert(
        "source_visit".into(),
        c.signalement.source_visit.code().into(),
    );
    signalement.insert(
        "signalled_by".into(),
        c.signalement.signalled_by.code().into(),
    );
    put(
        &mut signalement,
        "requested_by",
        c.signalement.requested_by.map(Code::code),
    );
    put(
        &mut signalement,
        "worker_agreed",
        c.signalement.worker_agreed,
    );
    let consents: Vec<Value> = c
        .consents
        .iter()
        .take(cap)
        .map(|k| {
            let mut m = Map::new();
            m.insert("given_on".into(), k.given_on.clone().into());
            m.insert("accompaniment".into(), k.accompaniment.into());
            let sharing: Vec<&str> = k.sharing_with.iter().take(cap).map(|p| p.code()).collect();
            m.insert("sharing_with".into(), sharing.into());
            put(&mut m, "withdrawn_on", k.withdrawn_on.clone());
            Value::Object(m)
        })
        .collect();
    let events: Vec<Value> = c
        .events
        .iter()
        .take(cap)
        .map(|e| {
            let mut m = Map::new();
            m.insert("type".into(), e.kind.code().into());
            m.insert("date".into(), e.date.clone().into());
            put(&mut m, "simple_solution", e.simple_solution);
            put(&mut m, "role", e.role.map(Code::code));
            put(&mut m, "referent", e.referent.clone());
            put(&mut m, "expertise", e.expertise.map(Code::code));
            put(&mut m, "partner", e.partner.map(Code::code));
            put(&mut m, "result", e.result.map(Code::code));
            put(&mut m, "dismissal", e.dismissal);
            put(&mut m, "prepared", e.prepared);
            put(&mut m, "still_employed", e.still_employed);
            Value::Object(m)
        })
        .collect();
    let mut case = Map::new();
    case.insert("format_version".into(), c.format_version.into());
    case.insert("id".into(), c.id.clone().into());
    case.insert("service".into(), c.service.clone().into());
    put(&mut case, "policy", c.policy.clone());
    put(&mut case, "doctor", c.doctor.clone());
    case.insert("worker".into(), Value::Object(worker));
    case.insert("sick_leaves".into(), Value::Array(leaves));
    case.insert("signalement".into(), Value::Object(signalement));
    case.insert("consents".into(), Value::Array(consents));
    case.insert("events".into(), Value::Array(events));
    if let Some(o) = &c.category_override {
        case.insert(
            "category_override".into(),
            json!({"category": o.category.code(), "justification": o.justification, "decided_on": o.decided_on.as_str()}),
        );
    }
    if !c.visits.is_empty() {
        let visits = c
            .visits
            .iter()
            .take(cap)
            .map(|v| {
                let mut m = Map::new();
                m.insert("kind".into(), v.kind.code().into());
                m.insert("date".into(), v.date.clone().into());
                put(&mut m, "done_by", v.done_by.map(Code::code));
                put(&mut m, "requested_by", v.requested_by.map(Code::code));
                if v.remote {
                    m.insert("remote".into(), true.into());
                }
                if v.avis_inaptitude {
                    m.insert("avis_inaptitude".into(), true.into());
                }
                put(&mut m, "objection_on", v.objection_on.clone());
                put(&mut m, "doctor", v.doctor.clone());
                Value::Object(m)
            })
            .collect();
        case.insert("visits".into(), Value::Array(visits));
    }
    if !c.employer_exchanges.is_empty() {
        let list = c
            .employer_exchanges
            .iter()
            .take(cap)
            .map(|x| {
                let mut m = Map::new();
                m.insert("kind".into(), x.kind.code().into());
                m.insert("date".into(), x.date.clone().into());
                put(&mut m, "doctor_agreed", x.doctor_agreed);
                put(&mut m, "worker_agreed", x.worker_agreed);
                Value::Object(m)
            })
            .collect();
        case.insert("employer_exchanges".into(), Value::Array(list));
    }
    if !c.referrals.is_empty() {
        let list = c
            .referrals
            .iter()
            .take(cap)
            .map(|r| {
                let mut m = Map::new();
                m.insert("partner".into(), r.partner.code().into());
                m.insert("direction".into(), r.direction.code().into());
                put(&mut m, "document", r.document.map(Code::code));
                m.insert("sent".into(), r.sent.clone().into());
                put(&mut m, "answered", r.answered.clone());
                put(&mut m, "outcome", r.outcome.map(Code::code));
                Value::Object(m)
            })
            .collect();
        case.insert("referrals".into(), Value::Array(list));
    }
    if !c.meetings.is_empty() {
        let list = c
            .meetings
            .iter()
            .take(cap)
            .map(|x| {
                let mut m = Map::new();
                m.insert("date".into(), x.date.clone().into());
                if x.action_plan {
                    m.insert("action_plan".into(), true.into());
                }
                Value::Object(m)
            })
            .collect();
        case.insert("meetings".into(), Value::Array(list));
    }
    if !c.measures.is_empty() {
        let list = c
            .measures
            .iter()
            .take(cap)
            .map(|x| {
                let mut m = Map::new();
                m.insert("measure".into(), x.measure.code().into());
                m.insert("start".into(), x.start.clone().into());
                put(&mut m, "end", x.end.clone());
                Value::Object(m)
            })
            .collect();
        case.insert("measures".into(), Value::Array(list));
    }
    Value::Object(case)
}

/// The record of a valid case of the core.
fn case_record(c: &cme_pdp::case::Case) -> Case {
    use cme_pdp::case::Event as E;
    let d = IsoDate::of;
    Case {
        format_version: i32::try_from(c.format_version).unwrap_or(i32::MAX),
        id: c.id.clone(),
        service: c.service.clone(),
        policy: c.policy.clone(),
        doctor: c.doctor.clone(),
        worker: Worker {
            id: c.worker.id.clone(),
            birth_date: c.worker.birth_date.map(d),
            birth_year: c.worker.birth_year,
            company: c.worker.company.clone(),
            sector: c.worker.sector.as_ref().map(|s| Sector {
                nomenclature: s.nomenclature,
                section: s.section.clone(),
            }),
            employer: c.worker.employer,
            rqth: c.worker.rqth,
            cim10_chapter: c.worker.cim10_chapter.map(i32::from),
        },
        sick_leaves: c
            .sick_leaves
            .iter()
            .map(|l| SickLeave {
                start: d(l.start),
                end: l.end.map(d),
                end_is_expected: l.end_is_expected,
                cause: l.cause,
            })
            .collect(),
        signalement: Signalement {
            date: d(c.signalement.date),
            source_visit: c.signalement.source_visit,
            signalled_by: c.signalement.signalled_by,
            requested_by: c.signalement.requested_by,
            worker_agreed: c.signalement.worker_agreed,
        },
        consents: c
            .consents
            .iter()
            .map(|k| Consent {
                given_on: d(k.given_on),
                accompaniment: k.accompaniment,
                sharing_with: k.sharing_with.clone(),
                withdrawn_on: k.withdrawn_on.map(d),
            })
            .collect(),
        events: c
            .events
            .iter()
            .map(|e| {
                let mut r = Event {
                    kind: e.event_type(),
                    date: d(e.date()),
                    simple_solution: None,
                    role: None,
                    referent: None,
                    expertise: None,
                    partner: None,
                    result: None,
                    dismissal: None,
                    prepared: None,
                    still_employed: None,
                };
                match e {
                    E::AnalyseDemande {
                        simple_solution, ..
                    } => r.simple_solution = *simple_solution,
                    E::ReferentDesigne { role, referent, .. } => {
                        r.role = *role;
                        r.referent.clone_from(referent);
                    }
                    E::AvisAttendu { expertise, .. } | E::AvisRecu { expertise, .. } => {
                        r.expertise = Some(*expertise)
                    }
                    E::ActionPartenaire { partner, .. } => r.partner = Some(*partner),
                    E::Sortie {
                        result,
                        dismissal,
                        prepared,
                        ..
                    } => {
                        r.result = *result;
                        r.dismissal = *dismissal;
                        r.prepared = *prepared;
                    }
                    E::Suivi { still_employed, .. } => r.still_employed = *still_employed,
                    _ => {}
                }
                r
            })
            .collect(),
        category_override: c.category_override.as_ref().map(|o| CategoryOverride {
            category: o.category,
            justification: o.justification.clone(),
            decided_on: d(o.decided_on),
        }),
        visits: c
            .visits
            .iter()
            .map(|v| Visit {
                kind: v.kind,
                date: d(v.date),
                done_by: v.done_by,
                requested_by: v.requested_by,
                remote: v.remote,
                avis_inaptitude: v.avis_inaptitude,
                objection_on: v.objection_on.map(d),
                doctor: v.doctor.clone(),
            })
            .collect(),
        employer_exchanges: c
            .employer_exchanges
            .iter()
            .map(|x| EmployerExchange {
                kind: x.kind,
                date: d(x.date),
                doctor_agreed: x.doctor_agreed,
                worker_agreed: x.worker_agreed,
            })
            .collect(),
        referrals: c
            .referrals
            .iter()
            .map(|r| Referral {
                partner: r.partner,
                direction: r.direction,
                document: r.document,
                sent: d(r.sent),
                answered: r.answered.map(d),
                outcome: r.outcome,
            })
            .collect(),
        meetings: c
            .meetings
            .iter()
            .map(|m| Meeting {
                date: d(m.date),
                action_plan: m.action_plan,
            })
            .collect(),
        measures: c
            .measures
            .iter()
            .map(|m| MeasureRecord {
                measure: m.measure,
                start: d(m.start),
                end: m.end.map(d),
            })
            .collect(),
    }
}

/// Every problem of a case record (an empty list: valid).
#[uniffi::export]
pub fn validate_case(case: Case, as_of: Option<IsoDate>) -> Result<Vec<Issue>, CmeError> {
    let options = crate::options(as_of)?;
    Ok(crate::convert::issues(&cme_pdp::validate::validate(
        &case_to_read(&case),
        &options,
    )))
}

/// The record of a case given as JSON text (validated and normalized), or
/// `CmeError::Validation` listing every problem.
#[uniffi::export]
pub fn case_from_json(text: String) -> Result<Case, CmeError> {
    let value = read_json(&text, "case")?;
    let case = cme_pdp::validate::parse_case(&value, &Default::default())
        .map_err(cme_pdp::error::CmeError::from)?;
    Ok(case_record(&case))
}

/// The JSON text of the interchange format of a case record (not
/// validated: `validate_case` says what is wrong).
#[uniffi::export]
pub fn case_to_json(case: Case) -> String {
    case_json(&case).to_string()
}

/// Evaluates a case record under a policy as of a date.
#[uniffi::export]
pub fn evaluate_case(
    case: Case,
    policy: Arc<Policy>,
    as_of: IsoDate,
) -> Result<EvaluationResult, CmeError> {
    crate::evaluate_value(&case_to_read(&case), &policy, &as_of)
}

// Builders for hosts without named or default arguments (Java, C#): each
// gives a record with its required fields and every optional one empty;
// the host sets the others on the record (`event.setRole(...)` in Java).

/// A case with its required fields: no sick leave, consent, event or
/// record of version 2 yet, an empty worker, format version 2.
#[uniffi::export]
pub fn new_case(id: String, service: String, signalement: Signalement) -> Case {
    Case {
        format_version: 2,
        id,
        service,
        policy: None,
        doctor: None,
        worker: Worker::default(),
        sick_leaves: Vec::new(),
        signalement,
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

/// A worker of whom nothing is known yet.
#[uniffi::export]
pub fn new_worker() -> Worker {
    Worker::default()
}

/// A signalement with its required fields.
#[uniffi::export]
pub fn new_signalement(
    date: IsoDate,
    source_visit: SourceVisit,
    signalled_by: Signaller,
) -> Signalement {
    Signalement {
        date,
        source_visit,
        signalled_by,
        requested_by: None,
        worker_agreed: None,
    }
}

/// A sick leave from its first day, its end unknown.
#[uniffi::export]
pub fn new_sick_leave(start: IsoDate, cause: SickLeaveCause) -> SickLeave {
    SickLeave {
        start,
        end: None,
        end_is_expected: false,
        cause,
    }
}

/// A consent given on a day, sharing with no partner yet.
#[uniffi::export]
pub fn new_consent(given_on: IsoDate, accompaniment: bool) -> Consent {
    Consent {
        given_on,
        accompaniment,
        sharing_with: Vec::new(),
        withdrawn_on: None,
    }
}

/// An event of a type on a day, without its optional facts.
#[uniffi::export]
pub fn new_event(kind: EventType, date: IsoDate) -> Event {
    Event {
        kind,
        date,
        simple_solution: None,
        role: None,
        referent: None,
        expertise: None,
        partner: None,
        result: None,
        dismissal: None,
        prepared: None,
        still_employed: None,
    }
}

/// A visit that took place on a day.
#[uniffi::export]
pub fn new_visit(kind: cme_pdp::case::VisitRule, date: IsoDate) -> Visit {
    Visit {
        kind,
        date,
        done_by: None,
        requested_by: None,
        remote: false,
        avis_inaptitude: false,
        objection_on: None,
        doctor: None,
    }
}

/// An exchange with the employer on a day.
#[uniffi::export]
pub fn new_employer_exchange(kind: cme_pdp::case::ExchangeKind, date: IsoDate) -> EmployerExchange {
    EmployerExchange {
        kind,
        date,
        doctor_agreed: None,
        worker_agreed: None,
    }
}

/// A referral sent on a day, not answered yet.
#[uniffi::export]
pub fn new_referral(
    partner: Partner,
    direction: cme_pdp::case::ReferralDirection,
    sent: IsoDate,
) -> Referral {
    Referral {
        partner,
        direction,
        document: None,
        sent,
        answered: None,
        outcome: None,
    }
}

/// A meeting with the worker on a day, without an action plan.
#[uniffi::export]
pub fn new_meeting(date: IsoDate) -> Meeting {
    Meeting {
        date,
        action_plan: false,
    }
}

/// A measure of the law mobilised from a day, not ended.
#[uniffi::export]
pub fn new_measure(measure: cme_pdp::case::MeasureKind, start: IsoDate) -> MeasureRecord {
    MeasureRecord {
        measure,
        start,
        end: None,
    }
}

/// One entry of a code list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeEntry {
    /// The stable code.
    pub code: String,
    /// The French label.
    pub label: String,
}

/// A closed list of codes (`kind`: `source_visit`, `status`…).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeList {
    /// The name of the list.
    pub kind: String,
    /// Its codes, in the documented order.
    pub entries: Vec<CodeEntry>,
}

/// Every code list with its French labels: the case model's, the
/// results' (stages, statuses, visit obligations, report dimensions, age
/// bands…) and the NAF sections.
#[uniffi::export]
pub fn code_lists() -> Vec<CodeList> {
    cme_pdp::lists::code_lists()
        .into_iter()
        .map(|l| CodeList {
            kind: l.kind.to_string(),
            entries: l
                .entries
                .into_iter()
                .map(|e| CodeEntry {
                    code: e.code.to_string(),
                    label: e.label.to_string(),
                })
                .collect(),
        })
        .collect()
}

/// Indicators accumulated case by case, mergeable, with a state that can
/// be stored or sent elsewhere as JSON text. Safe to share between threads
/// (a mutex guards the counters).
#[derive(Debug, uniffi::Object)]
pub struct IndicatorAccumulator {
    inner: Mutex<cme_pdp::indicators::Accumulator>,
}

impl IndicatorAccumulator {
    fn lock(&self) -> MutexGuard<'_, cme_pdp::indicators::Accumulator> {
        // A poisoned lock still holds consistent counters: adding a case is
        // one step that either happened or not.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn add_value(&self, value: &Value) -> Result<(), CmeError> {
        let case = cme_pdp::validate::parse_case_for_pathway(value, &Default::default())
            .map_err(cme_pdp::error::CmeError::from)?;
        self.lock().add(&case);
        Ok(())
    }
}

#[uniffi::export]
impl IndicatorAccumulator {
    /// An empty accumulator: a policy, a period (`2024`, `2024-S1`,
    /// `2024-T2`, `a/b`), up to two dimension codes, and the indicators to
    /// show (ids of the catalogue; empty, the default: all of them; an
    /// unknown id is `unknown_code` at `indicators[i]`).
    #[uniffi::constructor(default(indicators = []))]
    pub fn new(
        policy: Arc<Policy>,
        period: String,
        by: Vec<String>,
        indicators: Vec<String>,
    ) -> Result<Arc<Self>, CmeError> {
        let period = cme_pdp::indicators::Period::parse(&period)?;
        let inner = cme_pdp::indicators::accumulator_of(policy.value(), period, &by, &indicators)?;
        Ok(Arc::new(IndicatorAccumulator {
            inner: Mutex::new(inner),
        }))
    }

    /// An accumulator from a state given by [`IndicatorAccumulator::state`]
    /// (checked again: shape and policy).
    #[uniffi::constructor]
    pub fn from_state(state: String) -> Result<Arc<Self>, CmeError> {
        let inner = cme_pdp::indicators::Accumulator::from_state_json(&state)?;
        Ok(Arc::new(IndicatorAccumulator {
            inner: Mutex::new(inner),
        }))
    }

    /// Adds a case record; an invalid case is refused (nothing added).
    pub fn add_case(&self, case: Case) -> Result<(), CmeError> {
        self.add_value(&case_to_read(&case))
    }

    /// Adds a case given as JSON text.
    pub fn add_case_json(&self, case_json: String) -> Result<(), CmeError> {
        self.add_value(&read_json(&case_json, "case")?)
    }

    /// Adds cases given as a JSON array; if one is invalid, none is added
    /// and the error lists every problem with paths `cases[i]…`.
    pub fn add_cases_json(&self, cases_json: String) -> Result<(), CmeError> {
        let items = read_cases_json(&cases_json)?;
        let cases = cme_pdp::validate::parse_cases_for_pathway(&items, &Default::default())
            .map_err(cme_pdp::error::CmeError::from)?;
        let mut acc = self.lock();
        cases.iter().for_each(|c| acc.add(c));
        Ok(())
    }

    /// Adds another accumulator's counts (same policy, period and
    /// dimensions). Merging an accumulator into itself doubles it.
    pub fn merge(&self, other: Arc<IndicatorAccumulator>) -> Result<(), CmeError> {
        // Copy the other first: the two locks are never held together (no
        // deadlock, even when `other` is `self`).
        let theirs = other.lock().clone();
        self.lock()
            .merge(&theirs)
            .map_err(|e| CmeError::InvalidArgument {
                code: e.code().into(),
                path: e.path().into(),
                message_fr: e.message_fr().into(),
                message_en: e.message_en().into(),
                issues: Vec::new(),
            })
    }

    /// The number of cases added. A state read back may claim more than a
    /// signed 64-bit integer holds: that count is refused
    /// (`integer_out_of_range` at `cases`), never rounded.
    pub fn cases(&self) -> Result<i64, CmeError> {
        let n = self.lock().cases;
        i64::try_from(n).map_err(|_| {
            use cme_pdp::issue::{Issue, IssueCode, Path};
            let issue = Issue::new(IssueCode::IntegerOutOfRange, Path::root().key("cases"))
                .with("min", 0)
                .with("max", i64::MAX);
            CmeError::InvalidArgument {
                code: issue.code.code().to_string(),
                path: issue.path.as_str().to_string(),
                message_fr: issue.message,
                message_en: issue.message_en,
                issues: Vec::new(),
            }
        })
    }

    /// The report of every case added, as JSON (the form of `indicators_json`).
    ///
    /// A breakdown past `MAX_CELLS` (10,000) cells is refused
    /// (`too_many_cells` at `by`): never a report leaving cases out.
    pub fn finish_json(&self) -> Result<String, CmeError> {
        let report = self.lock().report()?;
        Ok(serde_json::to_string(&report).unwrap_or_default())
    }

    /// The state as JSON text (for `from_state`).
    pub fn state(&self) -> String {
        self.lock().to_state_json()
    }
}
