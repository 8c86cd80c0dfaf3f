//! Tables of cases: one row per case, the flat columns an SST software
//! export gives (a spreadsheet, a CSV, a DataFrame, an Arrow table).
//!
//! Each row becomes a case of the interchange format ([`crate::case::Case`])
//! and goes through the very validation of [`crate::validate`]: one set of
//! rules, whatever the input. A problem is reported with the row number
//! (from 0) and the column at fault; a bad row is never silently dropped —
//! the caller gets the cases that could be read *and* the list of problems.
//!
//! The pathway is given as one date column per stage (`contact_date`,
//! `analyse_date`, …, `sortie_date`, `suivi_6_mois_date`): what exports
//! carry. A case whose pathway needs more (several sick leaves, two partner
//! actions, expert opinions) goes in the interchange format instead.
//!
//! ```
//! use cme_core::table::{read_rows, COLUMNS};
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

use crate::case::Case;
use crate::issue::{Issue, IssueCode, Path};
use crate::validate::{ValidateOptions, PATHWAY_CODES};

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
    &'static str,
    &'static [(&'static str, &'static str)],
);
const EVENT_COLUMNS: [EventColumns; 16] = [
    ("contact_date", "contact", &[]),
    ("absence_reponse_date", "absence_reponse", &[]),
    ("refus_accompagnement_date", "refus_accompagnement", &[]),
    (
        "analyse_date",
        "analyse_demande",
        &[("simple_solution", "analyse_simple_solution")],
    ),
    (
        "referent_date",
        "referent_designe",
        &[("role", "referent_role")],
    ),
    ("entretien_date", "entretien_qualification", &[]),
    (
        "avis_attendu_date",
        "avis_attendu",
        &[("expertise", "avis_attendu_expertise")],
    ),
    (
        "avis_recu_date",
        "avis_recu",
        &[("expertise", "avis_recu_expertise")],
    ),
    ("commission_date", "commission_pleniere", &[]),
    ("plan_propose_date", "plan_propose", &[]),
    ("plan_accepte_date", "plan_accepte", &[]),
    ("plan_refuse_date", "plan_refuse", &[]),
    (
        "action_partenaire_date",
        "action_partenaire",
        &[("partner", "action_partenaire_partner")],
    ),
    (
        "sortie_date",
        "sortie",
        &[
            ("result", "sortie_result"),
            ("dismissal", "sortie_dismissal"),
            ("prepared", "sortie_prepared"),
        ],
    ),
    (
        "suivi_6_mois_date",
        "suivi",
        &[("still_employed", "suivi_6_mois_employed")],
    ),
    (
        "suivi_12_mois_date",
        "suivi",
        &[("still_employed", "suivi_12_mois_employed")],
    ),
];

/// Every column of the flat table, documented. Every column is optional in
/// the table; the case's own rules say which facts are required (`id`,
/// `service`, the signalement…).
pub const COLUMNS: &[Column] = &[
    col("id", Text, "Identifiant pseudonyme du dossier (jamais un nom)"),
    col("service", Text, "Code du service (aismt13, aist43…)"),
    col("policy", Text, "Identifiant de la politique appliquée, s'il diffère du service"),
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
    col("entretien_date", Date, "Entretien de qualification"),
    col("avis_attendu_date", Date, "Avis d'un expert demandé"),
    col("avis_attendu_expertise", Text, "Expertise demandée (ergonome, psychologue…)"),
    col("avis_recu_date", Date, "Avis de l'expert reçu"),
    col("avis_recu_expertise", Text, "Expertise de l'avis reçu"),
    col("commission_date", Date, "Passage en commission plénière"),
    col("plan_propose_date", Date, "Plan d'action proposé"),
    col("plan_accepte_date", Date, "Plan d'action accepté"),
    col("plan_refuse_date", Date, "Plan d'action refusé"),
    col("action_partenaire_date", Date, "Action menée avec un partenaire"),
    col("action_partenaire_partner", Text, "Partenaire de l'action (cap_emploi, agefiph…)"),
    col("sortie_date", Date, "Sortie de la cellule"),
    col("sortie_result", Text, "Résultat de la sortie (amenagement_poste, inaptitude…)"),
    col("sortie_dismissal", Boolean, "Licenciement à la sortie (inaptitude)"),
    col("sortie_prepared", Boolean, "Sortie préparée (retraite, invalidité…)"),
    col("suivi_6_mois_date", Date, "Suivi à 6 mois"),
    col("suivi_6_mois_employed", Boolean, "Toujours en emploi au suivi à 6 mois"),
    col("suivi_12_mois_date", Date, "Suivi à 12 mois"),
    col("suivi_12_mois_employed", Boolean, "Toujours en emploi au suivi à 12 mois"),
    col("category_override", Text, "Catégorie retenue par l'équipe (si elle diffère)"),
    col("category_override_justification", Text, "Justification de la catégorie retenue"),
    col("category_override_date", Date, "Date de la décision de l'équipe"),
];

/// A problem of one row: the row (from 0), the column at fault (empty when
/// the problem concerns the row as a whole) and the issue (its path is
/// `rows[i].column`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// Every problem, by row then column.
    pub issues: Vec<RowIssue>,
}

/// Builds the case of one row and remembers which column filled each path.
struct Builder<'r> {
    row: &'r dyn Fn(&str) -> Option<&'r Value>,
    /// Which column filled each path; recorded only to explain problems
    /// (a valid row, the common case, does not pay for it).
    origins: Option<Vec<(String, &'static str)>>,
}

impl<'r> Builder<'r> {
    fn get(&self, column: &str) -> Option<&'r Value> {
        (self.row)(column).filter(|v| !v.is_null())
    }

    fn origin(&mut self, path: impl FnOnce() -> String, column: &'static str) {
        if let Some(origins) = &mut self.origins {
            origins.push((path(), column));
        }
    }

    /// Copies `column` into `obj[key]` (path `path.key`) when present.
    fn put(&mut self, obj: &mut Map<String, Value>, path: &str, key: &str, column: &'static str) {
        if let Some(v) = self.get(column) {
            obj.insert(key.to_string(), v.clone());
            self.origin(|| join(path, key), column);
        }
    }

    fn any(&self, columns: &[&str]) -> bool {
        columns.iter().any(|c| self.get(c).is_some())
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        let mut s = String::with_capacity(path.len() + 1 + key.len());
        s.push_str(path);
        s.push('.');
        s.push_str(key);
        s
    }
}

/// The case (interchange format, as JSON) of one flat row, and which column
/// each path comes from.
fn case_value<'r>(
    row: &'r dyn Fn(&str) -> Option<&'r Value>,
    explain: bool,
) -> (Value, Vec<(String, &'static str)>) {
    let mut b = Builder {
        row,
        origins: explain.then(Vec::new),
    };
    let mut case = Map::new();
    case.insert(
        "format_version".into(),
        Value::from(crate::case::FORMAT_VERSION),
    );
    b.put(&mut case, "", "id", "id");
    b.put(&mut case, "", "service", "service");
    b.put(&mut case, "", "policy", "policy");

    let mut worker = Map::new();
    b.put(&mut worker, "worker", "birth_year", "birth_year");
    b.put(&mut worker, "worker", "birth_date", "birth_date");
    b.put(&mut worker, "worker", "employer", "employer");
    b.put(&mut worker, "worker", "rqth", "rqth");
    b.put(&mut worker, "worker", "cim10_chapter", "cim10_chapter");
    if b.any(&["sector_nomenclature", "sector_section"]) {
        let mut sector = Map::new();
        b.put(
            &mut sector,
            "worker.sector",
            "nomenclature",
            "sector_nomenclature",
        );
        b.put(&mut sector, "worker.sector", "section", "sector_section");
        b.origin(|| "worker.sector".into(), "sector_section");
        worker.insert("sector".into(), Value::Object(sector));
    }
    case.insert("worker".into(), Value::Object(worker));

    let mut leaves = Vec::new();
    if b.any(&[
        "sick_leave_start",
        "sick_leave_end",
        "sick_leave_cause",
        "sick_leave_end_is_expected",
    ]) {
        let mut leave = Map::new();
        b.put(&mut leave, "sick_leaves[0]", "start", "sick_leave_start");
        b.put(&mut leave, "sick_leaves[0]", "end", "sick_leave_end");
        b.put(&mut leave, "sick_leaves[0]", "cause", "sick_leave_cause");
        b.put(
            &mut leave,
            "sick_leaves[0]",
            "end_is_expected",
            "sick_leave_end_is_expected",
        );
        b.origin(|| "sick_leaves[0]".into(), "sick_leave_start");
        leaves.push(Value::Object(leave));
    }
    case.insert("sick_leaves".into(), Value::Array(leaves));

    let mut signalement = Map::new();
    b.put(&mut signalement, "signalement", "date", "signalement_date");
    b.put(
        &mut signalement,
        "signalement",
        "source_visit",
        "source_visit",
    );
    b.put(
        &mut signalement,
        "signalement",
        "signalled_by",
        "signalled_by",
    );
    b.put(
        &mut signalement,
        "signalement",
        "requested_by",
        "requested_by",
    );
    b.origin(|| "signalement".into(), "signalement_date");
    case.insert("signalement".into(), Value::Object(signalement));

    let mut consents = Vec::new();
    if b.any(&[
        "consent_date",
        "consent_accompaniment",
        "consent_withdrawn_on",
    ]) {
        let mut consent = Map::new();
        b.put(&mut consent, "consents[0]", "given_on", "consent_date");
        b.put(
            &mut consent,
            "consents[0]",
            "accompaniment",
            "consent_accompaniment",
        );
        b.put(
            &mut consent,
            "consents[0]",
            "withdrawn_on",
            "consent_withdrawn_on",
        );
        b.put(
            &mut consent,
            "consents[0]",
            "sharing_with",
            "consent_sharing_with",
        );
        // A list of codes in one text cell: "cap_emploi;mdph".
        if let Some(Value::String(text)) = consent.get("sharing_with") {
            let codes = text
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(|c| Value::String(c.to_string()))
                .collect();
            consent.insert("sharing_with".into(), Value::Array(codes));
        }
        b.origin(|| "consents[0]".into(), "consent_date");
        consents.push(Value::Object(consent));
    }
    case.insert("consents".into(), Value::Array(consents));

    let mut events = Vec::new();
    fn event(
        b: &mut Builder<'_>,
        events: &mut Vec<Value>,
        date_col: &'static str,
        kind: &str,
    ) -> Option<String> {
        let date = b.get(date_col)?.clone();
        let path = Path::root()
            .key("events")
            .index(events.len())
            .as_str()
            .to_string();
        let mut e = Map::new();
        e.insert("type".into(), Value::String(kind.to_string()));
        e.insert("date".into(), date);
        b.origin(|| join(&path, "date"), date_col);
        b.origin(|| path.clone(), date_col);
        events.push(Value::Object(e));
        Some(path)
    }
    for (column, kind, extras) in EVENT_COLUMNS {
        let Some(path) = event(&mut b, &mut events, column, kind) else {
            continue;
        };
        if let Some(Value::Object(obj)) = events.last_mut() {
            for &(key, col) in extras {
                b.put(obj, &path, key, col);
            }
        }
    }
    case.insert("events".into(), Value::Array(events));

    if b.any(&[
        "category_override",
        "category_override_justification",
        "category_override_date",
    ]) {
        let mut o = Map::new();
        let p = "category_override";
        b.put(&mut o, p, "category", "category_override");
        b.put(
            &mut o,
            p,
            "justification",
            "category_override_justification",
        );
        b.put(&mut o, p, "decided_on", "category_override_date");
        b.origin(|| p.into(), "category_override");
        case.insert(p.into(), Value::Object(o));
    }
    (Value::Object(case), b.origins.unwrap_or_default())
}

/// The column a case path comes from: the longest recorded prefix.
fn column_of(path: &str, origins: &[(String, &'static str)]) -> &'static str {
    let mut best: Option<(usize, &'static str)> = None;
    for (p, column) in origins {
        let prefix = path == p
            || (path.starts_with(p.as_str())
                && matches!(path.as_bytes().get(p.len()), Some(b'.') | Some(b'[')));
        if prefix && best.is_none_or(|(len, _)| p.len() > len) {
            best = Some((p.len(), column));
        }
    }
    best.map(|(_, c)| c).unwrap_or_else(|| {
        // A required fact with no column given: name the column that would
        // have held it.
        match path {
            "id" => "id",
            "service" => "service",
            "signalement.date" => "signalement_date",
            "signalement.source_visit" => "source_visit",
            "signalement.signalled_by" => "signalled_by",
            _ => "",
        }
    })
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
/// use cme_core::table::read_rows;
/// let row = serde_json::json!({"id": "T-2", "service": "aist43", "nom": "x",
///     "signalement_date": "2024-03-04", "source_visit": "reprise", "signalled_by": "idest"});
/// let read = read_rows(&[row], None);
/// assert!(read.cases.is_empty());
/// assert_eq!(read.issues[0].column, "nom");
/// assert_eq!(read.issues[0].issue.path.as_str(), "rows[0].nom");
/// assert_eq!(read.issues[0].issue.code.code(), "unknown_field");
/// ```
pub fn read_rows(rows: &[Value], as_of: Option<chrono::NaiveDate>) -> TableRead {
    let options = ValidateOptions { as_of };
    let mut out = TableRead::default();
    if let Some(issue) = too_many_rows(rows.len()) {
        out.issues.push(issue);
        return out;
    }
    for (i, row) in rows.iter().enumerate() {
        let Some(map) = row.as_object() else {
            out.issues.push(RowIssue {
                row: i,
                column: String::new(),
                issue: Issue::new(IssueCode::ObjectType, Path::root().key("rows").index(i)),
            });
            continue;
        };
        let unknown = map
            .keys()
            .filter(|key| !COLUMNS.iter().any(|c| c.name == key.as_str()))
            .map(String::as_str);
        read_one(i, &|c: &str| map.get(c), unknown, &options, &mut out);
    }
    out
}

/// The problem of a table longer than [`crate::validate::limits::MAX_ROWS`],
/// or `None`: reported once, on the first row past the limit (the row
/// number is `MAX_ROWS`), column empty, path `rows`.
///
/// ```
/// use cme_core::validate::limits::MAX_ROWS;
/// assert!(cme_core::table::too_many_rows(MAX_ROWS).is_none());
/// let issue = cme_core::table::too_many_rows(MAX_ROWS + 1).unwrap();
/// assert_eq!((issue.row, issue.column.as_str(), issue.issue.path.as_str()), (MAX_ROWS, "", "rows"));
/// ```
pub fn too_many_rows(n: usize) -> Option<RowIssue> {
    let max = crate::validate::limits::MAX_ROWS;
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
/// use cme_core::table::read_columns;
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
    let options = ValidateOptions { as_of };
    let mut out = TableRead::default();
    // For each documented column, where it is in `columns`, sorted by name
    // (looked up by binary search for every field of every row).
    let mut index: Vec<(&'static str, usize)> = COLUMNS
        .iter()
        .filter_map(|c| {
            columns
                .iter()
                .position(|(name, _)| name == c.name)
                .map(|k| (c.name, k))
        })
        .collect();
    index.sort_unstable_by_key(|(name, _)| *name);
    let unknown: Vec<usize> = (0..columns.len())
        .filter(|&k| {
            columns
                .get(k)
                .is_some_and(|(name, _)| !COLUMNS.iter().any(|c| c.name == name))
        })
        .collect();
    for i in range {
        let get = |name: &str| -> Option<&Value> {
            let at = index.binary_search_by_key(&name, |(n, _)| n).ok()?;
            let &(_, k) = index.get(at)?;
            columns.get(k)?.1.get(i)
        };
        let unknown_here = unknown.iter().filter_map(|&k| {
            let (name, values) = columns.get(k)?;
            values
                .get(i)
                .filter(|v| !v.is_null())
                .map(|_| name.as_str())
        });
        read_one(first_row + i, &get, unknown_here, &options, &mut out);
    }
    out
}

/// Reads one row into `out`: its case, or every problem with its column.
fn read_one<'r, 'k>(
    i: usize,
    get: &'r dyn Fn(&str) -> Option<&'r Value>,
    unknown: impl Iterator<Item = &'k str>,
    options: &ValidateOptions,
    out: &mut TableRead,
) {
    let row_path = Path::root().key("rows").index(i);
    let mut problems: Vec<RowIssue> = unknown
        .map(|key| RowIssue {
            row: i,
            column: key.to_string(),
            issue: Issue::new(IssueCode::UnknownField, row_path.key(key)),
        })
        .collect();
    let (value, _) = case_value(get, false);
    let mut reader = crate::reader::Reader::new(options.as_of);
    let case = reader.case(&value);
    reader
        .issues
        .retain(|issue| !PATHWAY_CODES.contains(&issue.code));
    if !reader.issues.is_empty() {
        // Build the row again, recording which column filled each path.
        let (_, origins) = case_value(get, true);
        for mut issue in reader.issues {
            let column = column_of(issue.path.as_str(), &origins);
            issue.path = if column.is_empty() {
                row_path.clone()
            } else {
                row_path.key(column)
            };
            problems.push(RowIssue {
                row: i,
                column: column.to_string(),
                issue,
            });
        }
    }
    match case {
        Some(case) if problems.is_empty() => {
            out.cases.push(case);
            out.rows.push(i);
        }
        _ => out.issues.extend(problems),
    }
}

/// The flat row of a case, the inverse of [`read_rows`] for the cases a
/// flat table can hold (one sick leave, one consent, at most one event of
/// each type, two follow-ups: `suivi_6_mois_*` then `suivi_12_mois_*`).
/// `None` when the case needs more than a row.
///
/// ```
/// use cme_core::table::{case_row, read_rows};
/// let cases = cme_core::sample::sample_cases().unwrap();
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
    let w = value.get("worker");
    for (col, key) in [
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
        let mut matching = EVENT_COLUMNS.iter().filter(|(_, k, _)| *k == kind);
        let entry = if kind == "suivi" {
            follow_ups += 1;
            matching.nth(follow_ups - 1)?
        } else {
            matching.next()?
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
