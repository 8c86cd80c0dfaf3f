//! Tables of cases: one row per case, the flat columns an SST software
//! export gives (a spreadsheet, a CSV, a DataFrame, an Arrow table).
//!
//! Each row is read as the case of the interchange format it describes
//! ([`crate::case::Case`]) by the very rules of [`crate::validate`]: the
//! rules see the row's cells at the case's paths (no JSON tree is built, a
//! typed cell of an Arrow table is read as it is), one set of rules whatever
//! the input. A row those rules accept as it is (nearly every row of an
//! export) is read by a fast path first, straight from its cells with the
//! same checks (`table/fast.rs`, held to the rules by a property test); any
//! other row is read by the rules themselves. A problem is reported with the row number (from 0) and the
//! column at fault; a bad row is never silently dropped — the caller gets
//! the cases that could be read *and* the list of problems. A fact given
//! without its date (an exit result without `sortie_date`, partners without
//! `consent_date`) is reported at the date's column, not dropped.
//!
//! The pathway is given as one date column per stage (`contact_date`,
//! `analyse_date`, …, `sortie_date`, `suivi_6_mois_date`): what exports
//! carry. Up to three expert opinions and three partner actions are
//! repeated columns (`avis_attendu_date`, `avis_attendu_2_date`,
//! `avis_attendu_3_date` with their `…_expertise`; `action_partenaire_date`,
//! `action_partenaire_2_date`, … with their `…_partner`), so that an
//! inclusion threshold of two opinions can be met from a table. A case
//! whose pathway needs more (several sick leaves, a fourth opinion) goes in
//! the interchange format instead.
//!
//! ```
//! use cme_pdp::table::{read_rows, COLUMNS};
//! let row = serde_json::json!({
//!     "id": "T-1", "service": "aist43", "birth_year": 1970,
//!     "signalement_date": "2024-03-04", "source_visit": "pre_reprise",
//!     "signalled_by": "medecin_du_travail", "contact_date": "2024-03-11",
//! });
//! let bad = serde_json::json!({"id": "Jean Dupont", "service": "aist43",
//!     "signalement_date": "2024-13-01", "source_visit": "pre_reprise",
//!     "signalled_by": "medecin_du_travail"});
//! let read = read_rows(&[row, bad], None);
//! assert_eq!(read.cases.len(), 1);
//! assert_eq!(read.cases[0].events.len(), 1);
//! let problems: Vec<(usize, &str, &str)> = read.issues.iter()
//!     .map(|i| (i.row, i.column.as_str(), i.issue.code.code())).collect();
//! assert_eq!(problems, [(1, "id", "invalid_id"), (1, "signalement_date", "invalid_date")]);
//! assert!(COLUMNS.iter().any(|c| c.name == "sortie_result"));
//! ```

use serde::Serialize;
use serde_json::{Map, Value};

use crate::case::{Case, EventType};
use crate::codes::Code;
use crate::issue::{Issue, IssueCode, Path};
use crate::reader::{Fields, Node};
use crate::validate::PATHWAY_CODES;

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ColumnKind {
    /// Text: an identifier or a code.
    Text,
    /// An integer.
    Integer,
    /// A date (`YYYY-MM-DD`, or a date type of the table).
    Date,
    /// `true` / `false`.
    Boolean,
}

/// One column of the flat table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Column {
    /// The column name (snake_case, French terms of art).
    pub name: &'static str,
    /// The type of its values.
    pub kind: ColumnKind,
    /// What it holds, in French.
    pub description: &'static str,
}

const fn col(name: &'static str, kind: ColumnKind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
    }
}

use ColumnKind::{Boolean, Date, Integer, Text};

/// The pathway columns: a date column per event type, in pathway order,
/// with the event it records and the columns of its other facts.
type EventColumns = (
    &'static str,
    EventType,
    &'static [(&'static str, &'static str)],
);
const EVENT_COLUMNS: [EventColumns; 23] = [
    ("contact_date", EventType::Contact, &[]),
    ("absence_reponse_date", EventType::AbsenceReponse, &[]),
    (
        "refus_accompagnement_date",
        EventType::RefusAccompagnement,
        &[],
    ),
    (
        "analyse_date",
        EventType::AnalyseDemande,
        &[("simple_solution", "analyse_simple_solution")],
    ),
    (
        "referent_date",
        EventType::ReferentDesigne,
        &[("role", "referent_role"), ("referent", "referent_id")],
    ),
    ("entretien_date", EventType::EntretienQualification, &[]),
    (
        "avis_attendu_date",
        EventType::AvisAttendu,
        &[("expertise", "avis_attendu_expertise")],
    ),
    (
        "avis_attendu_2_date",
        EventType::AvisAttendu,
        &[("expertise", "avis_attendu_2_expertise")],
    ),
    (
        "avis_attendu_3_date",
        EventType::AvisAttendu,
        &[("expertise", "avis_attendu_3_expertise")],
    ),
    (
        "avis_recu_date",
        EventType::AvisRecu,
        &[("expertise", "avis_recu_expertise")],
    ),
    (
        "avis_recu_2_date",
        EventType::AvisRecu,
        &[("expertise", "avis_recu_2_expertise")],
    ),
    (
        "avis_recu_3_date",
        EventType::AvisRecu,
        &[("expertise", "avis_recu_3_expertise")],
    ),
    ("commission_date", EventType::CommissionPleniere, &[]),
    ("plan_propose_date", EventType::PlanPropose, &[]),
    ("plan_accepte_date", EventType::PlanAccepte, &[]),
    ("plan_refuse_date", EventType::PlanRefuse, &[]),
    (
        "action_partenaire_date",
        EventType::ActionPartenaire,
        &[("partner", "action_partenaire_partner")],
    ),
    (
        "action_partenaire_2_date",
        EventType::ActionPartenaire,
        &[("partner", "action_partenaire_2_partner")],
    ),
    (
        "action_partenaire_3_date",
        EventType::ActionPartenaire,
        &[("partner", "action_partenaire_3_partner")],
    ),
    (
        "sortie_date",
        EventType::Sortie,
        &[
            ("result", "sortie_result"),
            ("dismissal", "sortie_dismissal"),
            ("prepared", "sortie_prepared"),
        ],
    ),
    (
        "suivi_6_mois_date",
        EventType::Suivi,
        &[("still_employed", "suivi_6_mois_employed")],
    ),
    (
        "suivi_12_mois_date",
        EventType::Suivi,
        &[("still_employed", "suivi_12_mois_employed")],
    ),
    ("reouverture_date", EventType::Reouverture, &[]),
];

/// Every column of the flat table, documented. Every column is optional in
/// the table; the case's own rules say which facts are required (`id`,
/// `service`, the signalement…).
pub const COLUMNS: &[Column] = &[
    col("id", Text, "Identifiant pseudonyme du dossier (jamais un nom)"),
    col("service", Text, "Code du service (aismt13, aist43…)"),
    col("policy", Text, "Identifiant de la politique appliquée, s'il diffère du service"),
    col("doctor", Text, "Identifiant pseudonyme du médecin du travail qui suit le salarié (jamais un nom) : les listes de travail de la cellule sont rangées par médecin"),
    col("worker_id", Text, "Identifiant pseudonyme du salarié, commun à ses dossiers successifs (jamais un nom ni un NIR)"),
    col("worker_company", Text, "Identifiant pseudonyme de l'entreprise qui emploie le salarié, connu du service (numéro d'adhérent ; jamais son nom) : le rapport par entreprise de plus de 300 salariés compte ses dossiers"),
    col("birth_year", Integer, "Année de naissance du salarié"),
    col("birth_date", Date, "Date de naissance du salarié"),
    col("sector_nomenclature", Text, "Nomenclature NAF (naf_rev2, naf_2025)"),
    col("sector_section", Text, "Section NAF de l'employeur (lettre)"),
    col("employer", Text, "Employeur privé ou public (prive, public)"),
    col("rqth", Text, "RQTH (aucune, demande_en_cours, reconnue)"),
    col("cim10_chapter", Integer, "Chapitre CIM-10 de la pathologie principale (1 à 22)"),
    col("sick_leave_start", Date, "Début de l'arrêt de travail"),
    col("sick_leave_end", Date, "Fin de l'arrêt de travail"),
    col("sick_leave_end_is_expected", Boolean, "La date de fin est prévisionnelle"),
    col("sick_leave_cause", Text, "Cause de l'arrêt (maladie_non_professionnelle…)"),
    col("signalement_date", Date, "Date du signalement à la cellule"),
    col("source_visit", Text, "Visite au cours de laquelle le risque a été repéré"),
    col("signalled_by", Text, "Qui signale (medecin_du_travail, idest…)"),
    col("requested_by", Text, "Qui a demandé la visite (salarie, employeur…)"),
    col("consent_date", Date, "Date du recueil du consentement"),
    col("consent_accompaniment", Boolean, "Le salarié accepte l'accompagnement"),
    col("consent_withdrawn_on", Date, "Date du retrait du consentement"),
    col("consent_sharing_with", Text, "Partenaires avec qui le salarié accepte le partage d'informations (codes séparés par « ; », ou une liste)"),
    col("contact_date", Date, "Premier contact avec la cellule"),
    col("absence_reponse_date", Date, "Constat d'absence de réponse"),
    col("refus_accompagnement_date", Date, "Refus de l'accompagnement"),
    col("analyse_date", Date, "Analyse de la demande"),
    col("analyse_simple_solution", Boolean, "Une solution simple a été trouvée à l'analyse"),
    col("referent_date", Date, "Désignation du référent"),
    col("referent_role", Text, "Fonction du référent (charge_maintien, idest…)"),
    col("referent_id", Text, "Identifiant pseudonyme du référent (jamais un nom) : les listes de travail de la cellule sont rangées par référent"),
    col("entretien_date", Date, "Entretien de qualification"),
    col("avis_attendu_date", Date, "Avis d'un expert demandé"),
    col("avis_attendu_expertise", Text, "Expertise demandée (ergonome, psychologue…)"),
    col("avis_attendu_2_date", Date, "Deuxième avis d'expert demandé"),
    col("avis_attendu_2_expertise", Text, "Expertise du deuxième avis demandé"),
    col("avis_attendu_3_date", Date, "Troisième avis d'expert demandé"),
    col("avis_attendu_3_expertise", Text, "Expertise du troisième avis demandé"),
    col("avis_recu_date", Date, "Avis de l'expert reçu"),
    col("avis_recu_expertise", Text, "Expertise de l'avis reçu"),
    col("avis_recu_2_date", Date, "Deuxième avis d'expert reçu"),
    col("avis_recu_2_expertise", Text, "Expertise du deuxième avis reçu"),
    col("avis_recu_3_date", Date, "Troisième avis d'expert reçu"),
    col("avis_recu_3_expertise", Text, "Expertise du troisième avis reçu"),
    col("commission_date", Date, "Passage en commission plénière"),
    col("plan_propose_date", Date, "Plan d'action proposé"),
    col("plan_accepte_date", Date, "Plan d'action accepté"),
    col("plan_refuse_date", Date, "Plan d'action refusé"),
    col("action_partenaire_date", Date, "Action menée avec un partenaire"),
    col("action_partenaire_partner", Text, "Partenaire de l'action (cap_emploi, agefiph…)"),
    col("action_partenaire_2_date", Date, "Deuxième action menée avec un partenaire"),
    col("action_partenaire_2_partner", Text, "Partenaire de la deuxième action"),
    col("action_partenaire_3_date", Date, "Troisième action menée avec un partenaire"),
    col("action_partenaire_3_partner", Text, "Partenaire de la troisième action"),
    col("sortie_date", Date, "Sortie de la cellule"),
    col("sortie_result", Text, "Résultat de la sortie (amenagement_poste, inaptitude…)"),
    col("sortie_dismissal", Boolean, "Licenciement à la sortie (inaptitude)"),
    col("sortie_prepared", Boolean, "Sortie préparée (retraite, invalidité…)"),
    col("suivi_6_mois_date", Date, "Suivi à 6 mois"),
    col("suivi_6_mois_employed", Boolean, "Toujours en emploi au suivi à 6 mois"),
    col("suivi_12_mois_date", Date, "Suivi à 12 mois"),
    col("suivi_12_mois_employed", Boolean, "Toujours en emploi au suivi à 12 mois"),
    col("reouverture_date", Date, "Réouverture du dossier après sa sortie"),
    col("category_override", Text, "Catégorie retenue par l'équipe (si elle diffère)"),
    col("category_override_justification", Text, "Justification de la catégorie retenue"),
    col("category_override_date", Date, "Date de la décision de l'équipe"),
];

/// A problem of one row: the row (from 0), the column at fault (empty when
/// the problem concerns the row as a whole) and the issue (its path is
/// `rows[i].column`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RowIssue {
    /// The row, from 0.
    pub row: usize,
    /// The column at fault, or empty.
    pub column: String,
    /// The problem, with its code, parameters and messages.
    pub issue: Issue,
}

/// The cases that could be read and the problems of the others.
#[derive(Debug, Clone, Default)]
pub struct TableRead {
    /// One case per valid row, in row order.
    pub cases: Vec<Case>,
    /// The row of each case.
    pub rows: Vec<usize>,
    /// The problems, by row then column: at most
    /// [`crate::limits::MAX_ROW_ISSUES`] for a row and
    /// [`crate::limits::MAX_ISSUES`] in all ([`TableRead::finish`] adds the
    /// count of the others).
    pub issues: Vec<RowIssue>,
    /// The problems past [`crate::limits::MAX_ISSUES`]: counted, not kept.
    pub omitted: usize,
    /// The row of the first problem not kept, if any.
    pub first_omitted_row: Option<usize>,
}

impl TableRead {
    /// Records the problems of a row, while fewer than
    /// [`crate::limits::MAX_ISSUES`] are kept; counts the others.
    fn add_issues(&mut self, problems: Vec<RowIssue>) {
        for p in problems {
            if self.issues.len() < crate::limits::MAX_ISSUES {
                self.issues.push(p);
            } else {
                self.omitted = self.omitted.saturating_add(1);
                self.first_omitted_row =
                    Some(self.first_omitted_row.map_or(p.row, |r| r.min(p.row)));
            }
        }
    }

    /// Appends a part read after this one (the rows that follow): its
    /// cases, and its problems while fewer than
    /// [`crate::limits::MAX_ISSUES`] are kept (the others counted).
    ///
    /// ```
    /// use cme_pdp::table::{read_rows, TableRead};
    /// let mut whole = TableRead::default();
    /// for _ in 0..3 {
    ///     // 600 rows that are not objects: a problem each
    ///     whole.append(read_rows(&vec![serde_json::json!(1); 600], None));
    /// }
    /// whole.finish();
    /// assert_eq!(whole.issues.len(), cme_pdp::limits::MAX_ISSUES + 1);
    /// assert_eq!(whole.issues.last().unwrap().issue.params["count"], "800");
    /// ```
    pub fn append(&mut self, other: TableRead) {
        self.cases.extend(other.cases);
        self.rows.extend(other.rows);
        self.add_issues(other.issues);
        self.omitted = self.omitted.saturating_add(other.omitted);
        if let Some(r) = other.first_omitted_row {
            self.first_omitted_row = Some(self.first_omitted_row.map_or(r, |m| m.min(r)));
        }
    }

    /// Ends the reading: when problems were left out, one last
    /// `more_issues` problem at `rows` (its row: the first problem not
    /// listed) says how many. Called once, after the last part.
    pub fn finish(&mut self) {
        finish_issues(&mut self.issues, &mut self.omitted, self.first_omitted_row);
    }
}

/// [`TableRead::finish`] for problems kept apart from their cases (a
/// report read from a table keeps no case): the count of those not kept in
/// a last `more_issues` problem; `omitted` is then 0.
///
/// ```
/// use cme_pdp::table::{finish_issues, read_rows};
/// let read = read_rows(&[serde_json::json!(1)], None);
/// let (mut issues, mut omitted) = (read.issues, 5);
/// finish_issues(&mut issues, &mut omitted, Some(7));
/// assert_eq!((issues.len(), issues[1].row, issues[1].issue.code.code()), (2, 7, "more_issues"));
/// ```
pub fn finish_issues(issues: &mut Vec<RowIssue>, omitted: &mut usize, first_row: Option<usize>) {
    let max = crate::limits::MAX_ISSUES;
    let first_cut = issues.get(max).map(|i| i.row);
    let count = omitted.saturating_add(issues.len().saturating_sub(max));
    issues.truncate(max);
    *omitted = 0;
    if count > 0 {
        let row = match (first_cut, first_row) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or_default(),
        };
        issues.push(RowIssue {
            row,
            column: String::new(),
            issue: Issue::new(IssueCode::MoreIssues, Path::root().key("rows"))
                .with("count", count)
                .with("max", max),
        });
    }
}

/// The index in [`COLUMNS`] of a column name (`usize::MAX` when it is not
/// documented); evaluated at compile time for the names the reader uses.
// Every index is below the length its loop condition checks (`get` is not
// available in a `const fn`).
#[allow(clippy::indexing_slicing)]
pub(crate) const fn column_index(name: &str) -> usize {
    let name = name.as_bytes();
    let mut i = 0;
    while i < COLUMNS.len() {
        let candidate = COLUMNS[i].name.as_bytes();
        if candidate.len() == name.len() {
            let mut k = 0;
            while k < name.len() && candidate[k] == name[k] {
                k += 1;
            }
            if k == name.len() {
                return i;
            }
        }
        i += 1;
    }
    usize::MAX
}

/// The index of a documented column, checked when compiling.
macro_rules! c {
    ($name:literal) => {
        const {
            let i = $crate::table::column_index($name);
            assert!(i < $crate::table::COLUMNS.len(), "undocumented column");
            i
        }
    };
}

pub mod columnar;
mod fast;

/// [`EVENT_COLUMNS`] with column indices: the date column, the event
/// type, its other facts (field, column) and how many there are.
#[derive(Clone, Copy)]
struct EventIndex {
    date: usize,
    kind: EventType,
    extras: [(&'static str, usize); 3],
    n_extras: usize,
}

impl EventIndex {
    fn extras(&self) -> &[(&'static str, usize)] {
        self.extras.get(..self.n_extras).unwrap_or_default()
    }
}

// Evaluated at compile time: an index out of bounds or an undocumented
// column is a compilation error, not a panic.
#[allow(clippy::indexing_slicing)]
const EVENTS: [EventIndex; EVENT_COLUMNS.len()] = {
    let mut out = [EventIndex {
        date: 0,
        kind: EventType::Contact,
        extras: [("", 0); 3],
        n_extras: 0,
    }; EVENT_COLUMNS.len()];
    let mut i = 0;
    while i < EVENT_COLUMNS.len() {
        let (date, kind, extras) = EVENT_COLUMNS[i];
        let date = column_index(date);
        assert!(date < COLUMNS.len(), "undocumented event column");
        assert!(extras.len() <= 3, "too many facts for an event column");
        out[i].date = date;
        out[i].kind = kind;
        out[i].n_extras = extras.len();
        let mut k = 0;
        while k < extras.len() {
            let column = column_index(extras[k].1);
            assert!(column < COLUMNS.len(), "undocumented event fact column");
            out[i].extras[k] = (extras[k].0, column);
            k += 1;
        }
        i += 1;
    }
    out
};

// A row's events are a bit set of the entries of EVENTS (`RowNode::events`).
const _: () = assert!(EVENTS.len() <= u32::BITS as usize);

/// One cell of a table as its source gives it: what a binding reads from
/// an Arrow array, a DataFrame or a JSON row, without converting it to JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// No value (a null, a missing column, a NaN of a float column).
    Null,
    /// A text.
    Text(&'a str),
    /// An integer.
    Integer(i64),
    /// A float. An integer column with missing values, as pandas stores
    /// it, gives integral floats (read as integers where an integer is
    /// expected) and NaN, read as a missing value; an infinite value is
    /// refused at its row and column.
    Float(f64),
    /// A boolean.
    Boolean(bool),
    /// A typed date.
    Date(chrono::NaiveDate),
    /// A JSON value (a row given as JSON; a list cell).
    Json(&'a Value),
}

/// A table whose cells can be read one by one: implemented by the bindings
/// over their columnar data (Arrow arrays), and here over JSON rows and
/// columns. Read with [`read_cells`].
pub trait CellSource: Sync {
    /// The cell of the documented column `column` (its index in
    /// [`COLUMNS`]) at row `row`; [`Cell::Null`] when the table has no such
    /// column.
    fn cell(&self, column: usize, row: usize) -> Cell<'_>;
    /// Calls `found` with the name of each column of the table that is not
    /// in [`COLUMNS`] and holds a value at row `row`.
    fn unknown_columns(&self, row: usize, found: &mut dyn FnMut(&str));
    /// Whether the table has columns that are not in [`COLUMNS`] (`true`
    /// unless the source knows it has none: then no row is asked for
    /// them).
    fn may_have_unknown_columns(&self) -> bool {
        true
    }
}

/// A cell as the rules read it: a JSON `null` and pandas' missing value in
/// a float column (NaN) are empty cells.
fn normalized(cell: Cell<'_>) -> Cell<'_> {
    match cell {
        Cell::Json(Value::Null) => Cell::Null,
        Cell::Float(x) if x.is_nan() => Cell::Null,
        cell => cell,
    }
}

/// Where a row node stands in the case the row describes.
#[derive(Clone, Copy)]
enum Part<'a> {
    Case,
    Worker,
    Sector,
    SickLeaves,
    SickLeave,
    Signalement,
    Consents,
    Consent,
    Events,
    /// An event: its entry in [`EVENTS`].
    Event(usize),
    Override,
    /// A list of codes written in one text cell: `cap_emploi;mdph`.
    Codes(&'a str),
    Leaf(Cell<'a>),
}

/// A row of a table seen as the case it describes, read by the case rules
/// ([`crate::reader::Node`]): the same rules as the interchange format,
/// without a JSON tree.
#[derive(Clone, Copy)]
struct RowNode<'a> {
    src: &'a dyn CellSource,
    row: usize,
    /// The entries of [`EVENTS`] that are events of this row (bit `k` for
    /// entry `k`), found once per row.
    events: u32,
    part: Part<'a>,
}

impl<'a> RowNode<'a> {
    /// The case of row `row`.
    fn case(src: &'a dyn CellSource, row: usize) -> Self {
        let mut node = RowNode {
            src,
            row,
            events: 0,
            part: Part::Case,
        };
        for (k, entry) in EVENTS.iter().enumerate() {
            if node.has_event(entry) {
                node.events |= 1 << k;
            }
        }
        node
    }
    fn at(self, part: Part<'a>) -> Self {
        RowNode { part, ..self }
    }
    fn cell(self, column: usize) -> Cell<'a> {
        normalized(self.src.cell(column, self.row))
    }
    fn leaf(self, column: usize) -> Self {
        self.at(Part::Leaf(self.cell(column)))
    }
    fn any(self, columns: &[usize]) -> bool {
        columns.iter().any(|&c| self.cell(c) != Cell::Null)
    }
    fn has_sick_leave(self) -> bool {
        self.any(&[
            c!("sick_leave_start"),
            c!("sick_leave_end"),
            c!("sick_leave_cause"),
            c!("sick_leave_end_is_expected"),
        ])
    }
    fn has_consent(self) -> bool {
        self.any(&[
            c!("consent_date"),
            c!("consent_accompaniment"),
            c!("consent_withdrawn_on"),
            c!("consent_sharing_with"),
        ])
    }
    /// An event column entry is an event when its date or one of its other
    /// facts is given (a result without an exit date is reported, not
    /// dropped).
    fn has_event(self, entry: &EventIndex) -> bool {
        self.cell(entry.date) != Cell::Null
            || entry
                .extras()
                .iter()
                .any(|&(_, c)| self.cell(c) != Cell::Null)
    }
    /// The entries of [`EVENTS`] that are events of this row, in order.
    fn events(self) -> impl Iterator<Item = usize> + 'a {
        (0..EVENTS.len()).filter(move |&k| self.events & (1 << k) != 0)
    }
}

/// The items of a list node of a row.
enum RowItems<'a> {
    Nodes(std::option::IntoIter<RowNode<'a>>),
    Events(RowNode<'a>, std::ops::Range<usize>),
    Codes(RowNode<'a>, std::str::Split<'a, char>),
    Json(RowNode<'a>, std::slice::Iter<'a, Value>),
}

impl<'a> Iterator for RowItems<'a> {
    type Item = RowNode<'a>;
    fn next(&mut self) -> Option<RowNode<'a>> {
        match self {
            RowItems::Nodes(it) => it.next(),
            RowItems::Events(node, range) => {
                let node = *node;
                range
                    .find(|&k| node.events & (1 << k) != 0)
                    .map(|k| node.at(Part::Event(k)))
            }
            RowItems::Codes(node, split) => {
                let node = *node;
                split
                    .map(str::trim)
                    .find(|c| !c.is_empty())
                    .map(|c| node.at(Part::Leaf(Cell::Text(c))))
            }
            RowItems::Json(node, items) => {
                let node = *node;
                items.next().map(|v| node.at(Part::Leaf(Cell::Json(v))))
            }
        }
    }
}

impl<'a> Node<'a> for RowNode<'a> {
    type Fields = RowNode<'a>;
    type Items = RowItems<'a>;

    fn is_null(self) -> bool {
        matches!(self.part, Part::Leaf(Cell::Null))
    }
    fn as_str(self) -> Option<&'a str> {
        match self.part {
            Part::Leaf(Cell::Text(s)) => Some(s),
            Part::Leaf(Cell::Json(v)) => v.as_str(),
            _ => None,
        }
    }
    fn as_bool(self) -> Option<bool> {
        match self.part {
            Part::Leaf(Cell::Boolean(b)) => Some(b),
            Part::Leaf(Cell::Json(v)) => v.as_bool(),
            _ => None,
        }
    }
    fn as_i64(self) -> Option<i64> {
        match self.part {
            Part::Leaf(Cell::Integer(n)) => Some(n),
            Part::Leaf(Cell::Json(v)) => v.as_i64(),
            _ => None,
        }
    }
    fn as_f64(self) -> Option<f64> {
        match self.part {
            // As serde_json reads an integer as a float.
            #[allow(clippy::cast_precision_loss)]
            Part::Leaf(Cell::Integer(n)) => Some(n as f64),
            Part::Leaf(Cell::Float(x)) => Some(x),
            Part::Leaf(Cell::Json(v)) => v.as_f64(),
            _ => None,
        }
    }
    fn is_number(self) -> bool {
        match self.part {
            Part::Leaf(Cell::Integer(_) | Cell::Float(_)) => true,
            Part::Leaf(Cell::Json(v)) => v.is_number(),
            _ => false,
        }
    }
    fn as_date(self) -> Option<chrono::NaiveDate> {
        match self.part {
            Part::Leaf(Cell::Date(d)) => Some(d),
            _ => self.as_str().and_then(crate::dates::parse_iso_date),
        }
    }
    fn as_object(self) -> Option<RowNode<'a>> {
        match self.part {
            Part::Leaf(_) | Part::Codes(_) => None,
            _ => Some(self),
        }
    }
    fn as_array(self) -> Option<(usize, RowItems<'a>)> {
        let one = |present: bool, part: Part<'a>| {
            let item = present.then(|| self.at(part));
            Some((usize::from(present), RowItems::Nodes(item.into_iter())))
        };
        match self.part {
            Part::SickLeaves => one(self.has_sick_leave(), Part::SickLeave),
            Part::Consents => one(self.has_consent(), Part::Consent),
            Part::Events => Some((
                self.events.count_ones() as usize,
                RowItems::Events(self, 0..EVENTS.len()),
            )),
            Part::Codes(text) => {
                let n = text.split(';').filter(|c| !c.trim().is_empty()).count();
                Some((n, RowItems::Codes(self, text.split(';'))))
            }
            Part::Leaf(Cell::Json(Value::Array(items))) => {
                Some((items.len(), RowItems::Json(self, items.iter())))
            }
            _ => None,
        }
    }
}

impl<'a> Fields<'a> for RowNode<'a> {
    type Node = RowNode<'a>;

    fn get(self, name: &str) -> Option<RowNode<'a>> {
        let node = match self.part {
            Part::Case => match name {
                "format_version" => self.at(Part::Leaf(Cell::Integer(i64::from(
                    crate::case::FORMAT_VERSION,
                )))),
                "id" => self.leaf(c!("id")),
                "service" => self.leaf(c!("service")),
                "policy" => self.leaf(c!("policy")),
                "doctor" => self.leaf(c!("doctor")),
                "worker" => self.at(Part::Worker),
                "sick_leaves" => self.at(Part::SickLeaves),
                "signalement" => self.at(Part::Signalement),
                "consents" => self.at(Part::Consents),
                "events" => self.at(Part::Events),
                "category_override" => {
                    let present = self.any(&[
                        c!("category_override"),
                        c!("category_override_justification"),
                        c!("category_override_date"),
                    ]);
                    return present.then(|| self.at(Part::Override));
                }
                _ => return None,
            },
            Part::Worker => match name {
                "id" => self.leaf(c!("worker_id")),
                "company" => self.leaf(c!("worker_company")),
                "birth_year" => self.leaf(c!("birth_year")),
                "birth_date" => self.leaf(c!("birth_date")),
                "employer" => self.leaf(c!("employer")),
                "rqth" => self.leaf(c!("rqth")),
                "cim10_chapter" => self.leaf(c!("cim10_chapter")),
                "sector" => {
                    let present = self.any(&[c!("sector_nomenclature"), c!("sector_section")]);
                    return present.then(|| self.at(Part::Sector));
                }
                _ => return None,
            },
            Part::Sector => match name {
                "nomenclature" => self.leaf(c!("sector_nomenclature")),
                "section" => self.leaf(c!("sector_section")),
                _ => return None,
            },
            Part::SickLeave => match name {
                "start" => self.leaf(c!("sick_leave_start")),
                "end" => self.leaf(c!("sick_leave_end")),
                "cause" => self.leaf(c!("sick_leave_cause")),
                "end_is_expected" => self.leaf(c!("sick_leave_end_is_expected")),
                _ => return None,
            },
            Part::Signalement => match name {
                "date" => self.leaf(c!("signalement_date")),
                "source_visit" => self.leaf(c!("source_visit")),
                "signalled_by" => self.leaf(c!("signalled_by")),
                "requested_by" => self.leaf(c!("requested_by")),
                _ => return None,
            },
            Part::Consent => match name {
                "given_on" => self.leaf(c!("consent_date")),
                "accompaniment" => self.leaf(c!("consent_accompaniment")),
                "withdrawn_on" => self.leaf(c!("consent_withdrawn_on")),
                "sharing_with" => match self.cell(c!("consent_sharing_with")) {
                    Cell::Text(text) => self.at(Part::Codes(text)),
                    Cell::Json(Value::String(text)) => self.at(Part::Codes(text)),
                    cell => self.at(Part::Leaf(cell)),
                },
                _ => return None,
            },
            Part::Event(k) => {
                let entry = EVENTS.get(k)?;
                match name {
                    "type" => self.at(Part::Leaf(Cell::Text(entry.kind.code()))),
                    "date" => self.leaf(entry.date),
                    _ => {
                        let &(_, column) = entry.extras().iter().find(|(key, _)| *key == name)?;
                        self.leaf(column)
                    }
                }
            }
            Part::Override => match name {
                "category" => self.leaf(c!("category_override")),
                "justification" => self.leaf(c!("category_override_justification")),
                "decided_on" => self.leaf(c!("category_override_date")),
                _ => return None,
            },
            _ => return None,
        };
        Some(node)
    }

    /// A row has no fields of its own beyond its columns: the columns that
    /// are not documented are reported by the table reader.
    fn unknown_keys(self, _known: &[&str], _found: impl FnMut(&str)) {}
}

/// The column a problem of the case of row `row` is about, from its path
/// in the case: the inverse of [`RowNode`]'s mapping. `None` for a problem
/// of the row as a whole.
fn column_of(path: &str, src: &dyn CellSource, row: usize) -> Option<usize> {
    // The path's keys, list indices dropped but the event's kept.
    let mut keys = Vec::new();
    let mut event = None;
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        if key == "events" {
            event = index;
        }
        keys.push(key);
    }
    let node = RowNode::case(src, row);
    let column = match keys.as_slice() {
        [key @ ("id" | "service" | "policy" | "doctor")] => column_index(key),
        ["worker", "sector", "nomenclature"] => c!("sector_nomenclature"),
        ["worker", "sector", ..] => c!("sector_section"),
        // the worker's ids have their own columns (`id` is the case's)
        ["worker", "id"] => c!("worker_id"),
        ["worker", "company"] => c!("worker_company"),
        ["worker", key] => column_index(key),
        ["sick_leaves", rest @ ..] => match rest {
            ["end"] => c!("sick_leave_end"),
            ["cause"] => c!("sick_leave_cause"),
            ["end_is_expected"] => c!("sick_leave_end_is_expected"),
            _ => c!("sick_leave_start"),
        },
        ["signalement", key @ ("source_visit" | "signalled_by" | "requested_by")] => {
            column_index(key)
        }
        ["signalement", ..] => c!("signalement_date"),
        ["consents", rest @ ..] => match rest {
            ["accompaniment"] => c!("consent_accompaniment"),
            ["withdrawn_on"] => c!("consent_withdrawn_on"),
            ["sharing_with", ..] => c!("consent_sharing_with"),
            _ => c!("consent_date"),
        },
        ["events", rest @ ..] => {
            let entry = EVENTS.get(node.events().nth(event?)?)?;
            match rest {
                [key] if *key != "date" => entry
                    .extras()
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(entry.date, |&(_, c)| c),
                _ => entry.date,
            }
        }
        ["category_override", "justification"] => c!("category_override_justification"),
        ["category_override", "decided_on"] => c!("category_override_date"),
        ["category_override", ..] => c!("category_override"),
        _ => return None,
    };
    (column < COLUMNS.len()).then_some(column)
}

/// Reads the rows `range` of a [`CellSource`]: the cases of the valid rows
/// and every problem of the others, each at its row and column. `first_row`
/// is the row number of the source's row 0 in the whole table (pieces of a
/// big table read apart join up). The cells are read by the case rules
/// themselves (no JSON tree is built), so a row is valid here exactly when
/// its case is valid in the interchange format.
///
/// ```
/// use cme_pdp::table::{read_cells, Cell, CellSource, COLUMNS};
/// /// Two rows held as typed columns, as an Arrow table holds them.
/// struct Two;
/// impl CellSource for Two {
///     fn cell(&self, column: usize, row: usize) -> Cell<'_> {
///         let date = chrono::NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
///         match (COLUMNS[column].name, row) {
///             ("id", 0) => Cell::Text("C-1"),
///             ("id", _) => Cell::Text("Jean Dupont"),
///             ("service", _) => Cell::Text("aist43"),
///             ("signalement_date", _) => Cell::Date(date),
///             ("source_visit", _) => Cell::Text("reprise"),
///             ("signalled_by", _) => Cell::Text("idest"),
///             ("birth_year", _) => Cell::Integer(1970),
///             _ => Cell::Null,
///         }
///     }
///     fn unknown_columns(&self, _row: usize, _found: &mut dyn FnMut(&str)) {}
/// }
/// let read = read_cells(&Two, 0..2, 100, None);
/// assert_eq!(read.rows, [100]);
/// assert_eq!(read.cases[0].worker.birth_year, Some(1970));
/// assert_eq!((read.issues[0].row, read.issues[0].column.as_str()), (101, "id"));
/// assert_eq!(read.issues[0].issue.path.as_str(), "rows[101].id");
/// ```
pub fn read_cells(
    src: &dyn CellSource,
    range: std::ops::Range<usize>,
    first_row: usize,
    as_of: Option<chrono::NaiveDate>,
) -> TableRead {
    let mut out = TableRead::default();
    // Most rows are valid: room for all of them at once (no regrowth).
    out.cases.reserve(range.len());
    out.rows.reserve(range.len());
    read_into(src, range, first_row, as_of, &mut out);
    out
}

/// [`read_cells`] into `out`.
fn read_into(
    src: &dyn CellSource,
    range: std::ops::Range<usize>,
    first_row: usize,
    as_of: Option<chrono::NaiveDate>,
    out: &mut TableRead,
) {
    let mut case = fast::blank();
    for i in range {
        if read_one(src, i, first_row + i, as_of, &mut case, out) {
            // A copy of the exact size (the room of `case` is reused).
            out.cases.push(case.clone());
            out.rows.push(first_row + i);
        }
    }
}

/// [`read_cells`] for a report only: the cases of the valid rows of `range`
/// are added to `acc` as they are read, and not kept (a million cases need
/// no memory: a row read as it is allocates nothing); returns the problems
/// of the other rows, exactly as [`read_cells`] reports them (in a
/// [`TableRead`] without cases). Parts read apart into accumulators of the
/// same spec merge into the report of the whole table.
///
/// ```
/// use cme_pdp::indicators::{accumulator, Period};
/// use cme_pdp::table::{accumulate_cells, case_row, JsonRows};
/// let mut rows: Vec<_> = cme_pdp::sample::sample_cases().unwrap().iter().filter_map(case_row).collect();
/// rows[0]["id"] = "Jean Dupont".into();
/// let mut acc = accumulator(&serde_json::json!("aist43"), Period::year(2024), &[]).unwrap();
/// let problems = accumulate_cells(&JsonRows(&rows), 0..rows.len(), 0, None, &mut acc).issues;
/// assert_eq!((problems.len(), acc.cases as usize), (1, rows.len() - 1));
/// assert_eq!(problems[0].issue.path.as_str(), "rows[0].id");
/// ```
pub fn accumulate_cells(
    src: &dyn CellSource,
    range: std::ops::Range<usize>,
    first_row: usize,
    as_of: Option<chrono::NaiveDate>,
    acc: &mut crate::indicators::Accumulator,
) -> TableRead {
    // A report of the flow figures reads only their columns.
    match columnar::kept(&acc.spec) {
        Some(keep) => {
            let projected = columnar::Projected { src, keep };
            accumulate_projected(&projected, range, first_row, as_of, acc)
        }
        None => accumulate_projected(src, range, first_row, as_of, acc),
    }
}

/// [`accumulate_cells`] of a source whose cells are those the report reads.
fn accumulate_projected(
    src: &dyn CellSource,
    range: std::ops::Range<usize>,
    first_row: usize,
    as_of: Option<chrono::NaiveDate>,
    acc: &mut crate::indicators::Accumulator,
) -> TableRead {
    let mut others = TableRead::default();
    let mut case = fast::blank();
    let mut key = Vec::new();
    for i in range {
        accumulate_row(
            src,
            i,
            first_row + i,
            as_of,
            &mut case,
            &mut key,
            &mut others,
            acc,
        );
    }
    others
}

/// Reads row `i` of `src` (row number `number`) and adds its case to
/// `acc`, or its problems to `others`; `case` and `key` are rooms reused
/// from row to row.
#[allow(clippy::too_many_arguments)]
fn accumulate_row(
    src: &dyn CellSource,
    i: usize,
    number: usize,
    as_of: Option<chrono::NaiveDate>,
    case: &mut Case,
    key: &mut Vec<String>,
    others: &mut TableRead,
    acc: &mut crate::indicators::Accumulator,
) {
    if read_one(src, i, number, as_of, case, others) {
        acc.add_reusing(case, key);
    } else if let Some(case) = others.cases.pop() {
        // Valid, read by the rules (a list cell…).
        acc.add(&case);
        others.rows.clear();
    }
}

/// Reads row `i` of `src` (row number `number` in the whole table):
/// returns `true` when it was read as it is into `case` (for the caller to
/// take); otherwise the rules have put into `out` its case, or every
/// problem with its column.
fn read_one(
    src: &dyn CellSource,
    i: usize,
    number: usize,
    as_of: Option<chrono::NaiveDate>,
    case: &mut Case,
    out: &mut TableRead,
) -> bool {
    // Rendered only for a row with a problem.
    let row_path = || Path::root().key("rows").index(number);
    let mut problems = Vec::new();
    let mut unknown = 0usize;
    src.unknown_columns(i, &mut |name| {
        unknown = unknown.saturating_add(1);
        // the names past the row's cap are counted by `read_by_rules`
        if problems.len() < crate::limits::MAX_ROW_ISSUES {
            problems.push(RowIssue {
                row: number,
                column: crate::issue::echoed(name).into_owned(),
                issue: Issue::new(IssueCode::UnknownField, row_path().key(name)),
            });
        }
    });
    // A row the rules accept as it is (nearly every row) is read straight
    // from its cells; any other is read by the rules, which report every
    // problem.
    if problems.is_empty() && fast::fill(src, i, as_of, case) {
        return true;
    }
    let unlisted = unknown - problems.len();
    read_by_rules(src, i, number, as_of, problems, unlisted, out);
    false
}

/// Reads row `i` by the case rules ([`crate::validate`]), after the
/// `problems` already found (its unknown columns, `unlisted` more of them
/// not listed): at most [`crate::limits::MAX_ROW_ISSUES`] problems are
/// listed for the row, one `more_issues` at the row counting the others.
fn read_by_rules(
    src: &dyn CellSource,
    i: usize,
    number: usize,
    as_of: Option<chrono::NaiveDate>,
    mut problems: Vec<RowIssue>,
    unlisted: usize,
    out: &mut TableRead,
) {
    let row_path = || Path::root().key("rows").index(number);
    let cap = crate::limits::MAX_ROW_ISSUES;
    let mut reader = crate::reader::Reader::with_cap(as_of, cap);
    let case = reader.case(RowNode::case(src, i));
    let mut more = unlisted;
    for mut issue in reader.into_issues() {
        if issue.code == IssueCode::MoreIssues {
            let n = issue
                .params
                .get("count")
                .and_then(|c| c.parse::<usize>().ok());
            more = more.saturating_add(n.unwrap_or(0));
            continue;
        }
        if PATHWAY_CODES.contains(&issue.code) {
            continue;
        }
        let column = column_of(issue.path.as_str(), src, i)
            .and_then(|c| COLUMNS.get(c))
            .map_or("", |c| c.name);
        issue.path = if column.is_empty() {
            row_path()
        } else {
            row_path().key(column)
        };
        problems.push(RowIssue {
            row: number,
            column: column.to_string(),
            issue,
        });
    }
    more = more.saturating_add(problems.len().saturating_sub(cap));
    problems.truncate(cap);
    if more > 0 {
        problems.push(RowIssue {
            row: number,
            column: String::new(),
            issue: Issue::new(IssueCode::MoreIssues, row_path())
                .with("count", more)
                .with("max", cap),
        });
    }
    // An import keeps a row whose problems are all warnings, and reports
    // them (crate::issue::Severity).
    match case {
        Some(case) if problems.iter().all(|p| !p.issue.severity.is_error()) => {
            out.cases.push(case);
            out.rows.push(number);
            out.add_issues(problems);
        }
        _ => out.add_issues(problems),
    }
}

/// JSON rows (objects keyed by column name) as a [`CellSource`]. A row
/// that is not an object reads as an empty row here; [`read_rows`] reports
/// it as `object_type` instead.
///
/// ```
/// use cme_pdp::table::{read_cells, JsonRows};
/// let rows = [serde_json::json!({"id": "C-1"})];
/// let read = read_cells(&JsonRows(&rows), 0..1, 0, None);
/// assert!(read.issues.iter().any(|i| i.column == "service"));
/// ```
pub struct JsonRows<'a>(pub &'a [Value]);

impl CellSource for JsonRows<'_> {
    fn cell(&self, column: usize, row: usize) -> Cell<'_> {
        let value = self
            .0
            .get(row)
            .and_then(Value::as_object)
            .zip(COLUMNS.get(column))
            .and_then(|(map, c)| map.get(c.name));
        value.map_or(Cell::Null, Cell::Json)
    }
    fn unknown_columns(&self, row: usize, found: &mut dyn FnMut(&str)) {
        if let Some(map) = self.0.get(row).and_then(Value::as_object) {
            map.keys()
                .filter(|key| !COLUMNS.iter().any(|c| c.name == key.as_str()))
                .for_each(|key| found(key));
        }
    }
}

/// JSON columns (name, one value per row) as a [`CellSource`].
struct JsonColumns<'a> {
    columns: &'a [(String, Vec<Value>)],
    /// For each documented column, its position in `columns`.
    index: Vec<Option<usize>>,
    unknown: Vec<usize>,
}

impl CellSource for JsonColumns<'_> {
    fn cell(&self, column: usize, row: usize) -> Cell<'_> {
        let value = self
            .index
            .get(column)
            .copied()
            .flatten()
            .and_then(|k| self.columns.get(k))
            .and_then(|(_, values)| values.get(row));
        value.map_or(Cell::Null, Cell::Json)
    }
    fn unknown_columns(&self, row: usize, found: &mut dyn FnMut(&str)) {
        for &k in &self.unknown {
            if let Some((name, values)) = self.columns.get(k) {
                if values.get(row).is_some_and(|v| !v.is_null()) {
                    found(name);
                }
            }
        }
    }
}

/// Reads a table given as rows (JSON objects keyed by column name): the
/// cases of the valid rows and every problem of the others. A column that is
/// not in [`COLUMNS`] is a problem of every row that fills it (its name is
/// reported, never its value). `as_of`, when given, refuses dates after it.
///
/// Problems the pathway itself handles (an event before the signalement, a
/// follow-up without exit…) do not reject the row: the pathway refuses the
/// event and reports it, as [`crate::evaluate`] does.
///
/// ```
/// use cme_pdp::table::read_rows;
/// let row = serde_json::json!({"id": "T-2", "service": "aist43", "nom": "x",
///     "signalement_date": "2024-03-04", "source_visit": "reprise", "signalled_by": "idest"});
/// let read = read_rows(&[row], None);
/// assert!(read.cases.is_empty());
/// assert_eq!(read.issues[0].column, "nom");
/// assert_eq!(read.issues[0].issue.path.as_str(), "rows[0].nom");
/// assert_eq!(read.issues[0].issue.code.code(), "unknown_field");
/// ```
pub fn read_rows(rows: &[Value], as_of: Option<chrono::NaiveDate>) -> TableRead {
    if let Some(issue) = too_many_rows(rows.len()) {
        return TableRead {
            issues: vec![issue],
            ..TableRead::default()
        };
    }
    let mut out = read_rows_at(rows, 0, as_of);
    out.finish();
    out
}

/// [`read_rows`] for a part of a table: `rows` are the rows from
/// `first_row` on (a binding converts a long list of rows part by part
/// and reads each as it comes). The count of the whole table is the
/// caller's to check ([`too_many_rows`]), and [`TableRead::finish`] to call
/// once the parts are [appended](TableRead::append).
///
/// ```
/// use cme_pdp::table::read_rows_at;
/// let read = read_rows_at(&[serde_json::json!("not a row")], 41, None);
/// assert_eq!(read.issues[0].issue.path.as_str(), "rows[41]");
/// ```
pub fn read_rows_at(
    rows: &[Value],
    first_row: usize,
    as_of: Option<chrono::NaiveDate>,
) -> TableRead {
    let mut out = TableRead::default();
    let src = JsonRows(rows);
    for (i, row) in rows.iter().enumerate() {
        if row.is_object() {
            read_into(&src, i..i + 1, first_row, as_of, &mut out);
        } else {
            out.add_issues(vec![not_a_row(first_row.saturating_add(i))]);
        }
    }
    out
}

/// `object_type` at `rows[number]`: a row of JSON rows that is not an
/// object.
fn not_a_row(number: usize) -> RowIssue {
    RowIssue {
        row: number,
        column: String::new(),
        issue: Issue::new(
            IssueCode::ObjectType,
            Path::root().key("rows").index(number),
        ),
    }
}

/// [`read_rows_at`] for a report: the cases of the valid rows added to
/// `acc` ([`accumulate_cells`]: a report of the flow figures reads only
/// their columns), the problems of the others returned.
///
/// ```
/// use cme_pdp::indicators::{accumulator, Period};
/// use cme_pdp::table::{accumulate_rows_at, case_row};
/// let mut rows: Vec<_> = cme_pdp::sample::sample_cases().unwrap().iter().filter_map(case_row).collect();
/// rows.insert(2, serde_json::json!(null));
/// rows.push(serde_json::json!("not a row"));
/// let mut acc = accumulator(&serde_json::json!("aist43"), Period::year(2024), &[]).unwrap();
/// let read = accumulate_rows_at(&rows, 10, None, &mut acc);
/// assert_eq!(acc.cases as usize, rows.len() - 2);
/// let paths: Vec<_> = read.issues.iter().map(|i| i.issue.path.as_str().to_string()).collect();
/// assert_eq!(paths, ["rows[12]".to_string(), format!("rows[{}]", 10 + rows.len() - 1)]);
/// ```
pub fn accumulate_rows_at(
    rows: &[Value],
    first_row: usize,
    as_of: Option<chrono::NaiveDate>,
    acc: &mut crate::indicators::Accumulator,
) -> TableRead {
    let mut out = TableRead::default();
    let src = JsonRows(rows);
    // Each run of rows that are objects is counted at once (the report's
    // columns found once, the rooms of a case reused through the run).
    let mut start = 0;
    while start < rows.len() {
        let end = rows
            .iter()
            .skip(start)
            .position(|r| !r.is_object())
            .map_or(rows.len(), |k| start + k);
        if end > start {
            out.append(accumulate_cells(&src, start..end, first_row, as_of, acc));
        }
        if end < rows.len() {
            out.add_issues(vec![not_a_row(first_row.saturating_add(end))]);
        }
        start = end + 1;
    }
    out
}

/// The problem of a table longer than [`crate::limits::MAX_ROWS`],
/// or `None`: reported once, on the first row past the limit (the row
/// number is `MAX_ROWS`), column empty, path `rows`.
///
/// ```
/// use cme_pdp::validate::limits::MAX_ROWS;
/// assert!(cme_pdp::table::too_many_rows(MAX_ROWS).is_none());
/// let issue = cme_pdp::table::too_many_rows(MAX_ROWS + 1).unwrap();
/// assert_eq!((issue.row, issue.column.as_str(), issue.issue.path.as_str()), (MAX_ROWS, "", "rows"));
/// ```
pub fn too_many_rows(n: usize) -> Option<RowIssue> {
    let max = crate::limits::MAX_ROWS;
    (n > max).then(|| RowIssue {
        row: max,
        column: String::new(),
        issue: Issue::new(IssueCode::TooManyItems, Path::root().key("rows")).with("max", max),
    })
}

/// [`read_rows`] for a table given as columns (name, one value per row),
/// for the rows of `range`: what a columnar source (an Arrow table, a
/// DataFrame) gives without building a row object. `first_row` is the row
/// number of the columns' first value in the whole table (a slice of a big
/// table read piece by piece), so that pieces read apart (on several
/// threads, slice after slice) join up.
///
/// ```
/// use cme_pdp::table::read_columns;
/// use serde_json::json;
/// let columns = vec![
///     ("id".to_string(), vec![json!("C-1"), json!("Jean Dupont")]),
///     ("service".to_string(), vec![json!("aist43"), json!("aist43")]),
///     ("signalement_date".to_string(), vec![json!("2024-03-04"), json!("2024-03-04")]),
///     ("source_visit".to_string(), vec![json!("reprise"), json!("reprise")]),
///     ("signalled_by".to_string(), vec![json!("idest"), json!("idest")]),
/// ];
/// let read = read_columns(&columns, 0..2, 0, None);
/// assert_eq!(read.rows, [0]);
/// assert_eq!((read.issues[0].row, read.issues[0].column.as_str()), (1, "id"));
/// let second = read_columns(&columns, 1..2, 1000, None);
/// assert_eq!(second.issues[0].issue.path.as_str(), "rows[1001].id");
/// ```
pub fn read_columns(
    columns: &[(String, Vec<Value>)],
    range: std::ops::Range<usize>,
    first_row: usize,
    as_of: Option<chrono::NaiveDate>,
) -> TableRead {
    let src = JsonColumns {
        columns,
        index: COLUMNS
            .iter()
            .map(|c| columns.iter().position(|(name, _)| name == c.name))
            .collect(),
        unknown: (0..columns.len())
            .filter(|&k| {
                columns
                    .get(k)
                    .is_some_and(|(name, _)| !COLUMNS.iter().any(|c| c.name == name))
            })
            .collect(),
    };
    read_cells(&src, range, first_row, as_of)
}

/// The flat row of a case, the inverse of [`read_rows`] for the cases a
/// flat table can hold (one sick leave, one consent, at most one event of
/// each type, two follow-ups: `suivi_6_mois_*` then `suivi_12_mois_*`).
/// `None` when the case needs more than a row.
///
/// ```
/// use cme_pdp::table::{case_row, read_rows};
/// let cases = cme_pdp::sample::sample_cases().unwrap();
/// let rows: Vec<_> = cases.iter().filter_map(case_row).collect();
/// let back = read_rows(&rows, None);
/// assert!(back.issues.is_empty());
/// assert_eq!(back.cases.len(), rows.len());
/// ```
pub fn case_row(case: &Case) -> Option<Value> {
    let value = serde_json::to_value(case).ok()?;
    let mut row = Map::new();
    fn put(row: &mut Map<String, Value>, column: &str, v: Option<&Value>) {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            row.insert(column.to_string(), v.clone());
        }
    }
    put(&mut row, "id", value.get("id"));
    put(&mut row, "service", value.get("service"));
    put(&mut row, "policy", value.get("policy"));
    put(&mut row, "doctor", value.get("doctor"));
    let w = value.get("worker");
    if case.employer_exchanges.len() + case.referrals.len() + case.meetings.len() > 0
        || !case.visits.is_empty()
        || !case.measures.is_empty()
    {
        return None;
    }
    for (col, key) in [
        ("worker_id", "id"),
        ("worker_company", "company"),
        ("birth_year", "birth_year"),
        ("birth_date", "birth_date"),
        ("employer", "employer"),
        ("rqth", "rqth"),
        ("cim10_chapter", "cim10_chapter"),
    ] {
        put(&mut row, col, w.and_then(|w| w.get(key)));
    }
    let sector = w.and_then(|w| w.get("sector"));
    put(
        &mut row,
        "sector_nomenclature",
        sector.and_then(|s| s.get("nomenclature")),
    );
    put(
        &mut row,
        "sector_section",
        sector.and_then(|s| s.get("section")),
    );
    if case.sick_leaves.len() > 1 || case.consents.len() > 1 {
        return None;
    }
    let leave = value.get("sick_leaves").and_then(|l| l.get(0));
    put(
        &mut row,
        "sick_leave_start",
        leave.and_then(|l| l.get("start")),
    );
    put(&mut row, "sick_leave_end", leave.and_then(|l| l.get("end")));
    put(
        &mut row,
        "sick_leave_cause",
        leave.and_then(|l| l.get("cause")),
    );
    if leave.and_then(|l| l.get("end_is_expected")) == Some(&Value::Bool(true)) {
        row.insert("sick_leave_end_is_expected".into(), Value::Bool(true));
    }
    let s = value.get("signalement");
    put(&mut row, "signalement_date", s.and_then(|s| s.get("date")));
    put(
        &mut row,
        "source_visit",
        s.and_then(|s| s.get("source_visit")),
    );
    put(
        &mut row,
        "signalled_by",
        s.and_then(|s| s.get("signalled_by")),
    );
    put(
        &mut row,
        "requested_by",
        s.and_then(|s| s.get("requested_by")),
    );
    let c = value.get("consents").and_then(|c| c.get(0));
    let sharing: Vec<&str> = c
        .and_then(|c| c.get("sharing_with"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !sharing.is_empty() {
        row.insert(
            "consent_sharing_with".into(),
            Value::String(sharing.join(";")),
        );
    }
    put(&mut row, "consent_date", c.and_then(|c| c.get("given_on")));
    put(
        &mut row,
        "consent_accompaniment",
        c.and_then(|c| c.get("accompaniment")),
    );
    put(
        &mut row,
        "consent_withdrawn_on",
        c.and_then(|c| c.get("withdrawn_on")),
    );
    let mut follow_ups = 0;
    for e in value
        .get("events")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let kind = e.get("type").and_then(Value::as_str).unwrap_or_default();
        let mut matching = EVENT_COLUMNS.iter().filter(|(_, k, _)| k.code() == kind);
        // The first free column of the event's type: the follow-ups in
        // order, up to three expert opinions and partner actions.
        let entry = if kind == "suivi" {
            follow_ups += 1;
            matching.nth(follow_ups - 1)?
        } else {
            matching.find(|(column, _, _)| !row.contains_key(*column))?
        };
        let (column, _, extras) = entry;
        if row.contains_key(*column) {
            return None;
        }
        row.insert(
            (*column).to_string(),
            e.get("date").cloned().unwrap_or(Value::Null),
        );
        for (key, col) in *extras {
            if let Some(v) = e.get(*key).filter(|v| !v.is_null()) {
                row.insert((*col).to_string(), v.clone());
            }
        }
    }
    if let Some(o) = value.get("category_override").filter(|o| !o.is_null()) {
        row.insert(
            "category_override".into(),
            o.get("category").cloned().unwrap_or(Value::Null),
        );
        row.insert(
            "category_override_justification".into(),
            o.get("justification").cloned().unwrap_or(Value::Null),
        );
        row.insert(
            "category_override_date".into(),
            o.get("decided_on").cloned().unwrap_or(Value::Null),
        );
    }
    Some(Value::Object(row))
}
