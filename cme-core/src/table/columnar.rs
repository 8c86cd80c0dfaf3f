//! The flow figures of a table counted straight from its typed columns:
//! what a report of signalements, entries and exits by sector needs of a
//! million-row export, without building a case per row.
//!
//! A report asking only for the figures of [`COUNTED`] (the spec's
//! `indicators`), broken down by nothing, `secteur`, `service` or
//! `visite_source`, needs few facts of a case: the case's identity
//! (`id`, `service`), its signalement (`signalement_date`,
//! `source_visit`, `signalled_by`), the pathway facts that decide its entry
//! and its exits (`contact_date`, `refus_accompagnement_date`,
//! `sortie_date`, `sortie_result`, `reouverture_date`) and its sector
//! ([`report_columns`]). Such a report reads only these columns of a table,
//! whichever way it is read: the cells of the other documented columns are
//! neither read nor checked (a row is valid on the facts read), the
//! columns the table documents nowhere are still reported.
//!
//! [`accumulate_typed`] counts a piece of rows from its typed columns: the
//! dates as day numbers, each text column as keys into its distinct values
//! (each value is read once per piece by the rules: a code, a service
//! code), the case identifiers as Arrow string views (or read from their
//! cells), each checked by the rules. A row whose facts it can count as they are (nearly
//! every row: the facts valid, the contact and the exit in order) is
//! counted at once; any other row is read and counted by the rules
//! ([`crate::table::accumulate_cells`]: the case of the row, its pathway
//! replayed), which report its problems. A property test holds the two
//! together on random rows: the same report, the same problems.

use chrono::NaiveDate;

use super::{normalized, Cell, CellSource, TableRead, COLUMNS};
use crate::case::{ExitResult, Nomenclature, Sector, Signaller, SourceVisit};
use crate::codes::Code;
use crate::indicators::{bump, index_of, write_dimension_value, Accumulator, Counters, Dimension};
use crate::policy::Outcome;
use crate::validate::{
    is_identifier, is_identifier_bytes, is_identifier_inline, is_service_code, limits,
};

/// The indicators counted from the columns of [`report_columns`]
/// ([`crate::indicators::FLOW_INDICATORS`]).
pub use crate::indicators::FLOW_INDICATORS as COUNTED;

/// The columns the case rules need whatever the figures: the case's
/// identity and its signalement. A case's `policy` (optional, the policy it
/// is evaluated with on its own) is not among them: a report is made under
/// its own policy, and no figure depends on it.
const CASE_COLUMNS: [usize; 5] = [
    c!("id"),
    c!("service"),
    c!("signalement_date"),
    c!("source_visit"),
    c!("signalled_by"),
];

/// The pathway facts that decide a case's entry and exits: a contact after
/// a refusal or an exit is refused by the pathway, a re-opening makes the
/// exit a previous one.
const PATHWAY_COLUMNS: [usize; 5] = [
    c!("contact_date"),
    c!("refus_accompagnement_date"),
    c!("sortie_date"),
    c!("sortie_result"),
    c!("reouverture_date"),
];

const SECTOR_COLUMNS: [usize; 2] = [c!("sector_nomenclature"), c!("sector_section")];

/// The dimensions of a report this module counts.
fn counted_dimension(d: Dimension) -> bool {
    matches!(
        d,
        Dimension::Sector | Dimension::Service | Dimension::SourceVisit
    )
}

/// Whether a report reads only its columns: it asks for figures of
/// [`COUNTED`] only, by counted dimensions.
fn counted(spec: &crate::indicators::ReportSpec) -> bool {
    !spec.indicators.is_empty()
        && spec
            .indicators
            .iter()
            .all(|id| COUNTED.contains(&id.as_str()))
        && spec.by.iter().all(|d| counted_dimension(*d))
}

/// The documented columns a report reads (in [`COLUMNS`] order), or
/// `None` when it reads whole rows (it asks for a figure outside
/// [`COUNTED`], for the whole catalogue, or by a dimension such as
/// `categorie` that needs the whole case). A binding reads only these
/// columns of a lazy table; the core reads only their cells.
///
/// ```
/// use cme_pdp::indicators::{accumulator_of, Period};
/// use cme_pdp::table::columnar::report_columns;
/// let ids = ["entrees".to_string(), "sorties".to_string()];
/// let acc = accumulator_of(&serde_json::json!("aismt13"), Period::year(2023),
///                          &["secteur".into()], &ids).unwrap();
/// let columns = report_columns(&acc.spec).unwrap();
/// assert!(columns.contains(&"sortie_result") && columns.contains(&"sector_section"));
/// assert!(!columns.contains(&"avis_attendu_date"));
/// let whole = accumulator_of(&serde_json::json!("aismt13"), Period::year(2023), &[], &[]).unwrap();
/// assert!(report_columns(&whole.spec).is_none());
/// ```
pub fn report_columns(spec: &crate::indicators::ReportSpec) -> Option<Vec<&'static str>> {
    let keep = kept(spec)?;
    Some(
        COLUMNS
            .iter()
            .zip(keep)
            .filter_map(|(c, k)| k.then_some(c.name))
            .collect(),
    )
}

/// [`report_columns`] as a flag per documented column.
pub(crate) fn kept(spec: &crate::indicators::ReportSpec) -> Option<[bool; COLUMNS.len()]> {
    if !counted(spec) {
        return None;
    }
    let mut keep = [false; COLUMNS.len()];
    let sector = spec.by.contains(&Dimension::Sector);
    let columns = CASE_COLUMNS
        .iter()
        .chain(&PATHWAY_COLUMNS)
        .chain(SECTOR_COLUMNS.iter().filter(|_| sector));
    for &c in columns {
        if let Some(k) = keep.get_mut(c) {
            *k = true;
        }
    }
    Some(keep)
}

/// A table seen through a report's columns: the cells of the other
/// documented columns read as empty; the undocumented columns are still
/// there, to be reported.
pub(super) struct Projected<'a> {
    pub(super) src: &'a dyn CellSource,
    pub(super) keep: [bool; COLUMNS.len()],
}

impl CellSource for Projected<'_> {
    fn cell(&self, column: usize, row: usize) -> Cell<'_> {
        if self.keep.get(column).copied().unwrap_or(false) {
            self.src.cell(column, row)
        } else {
            Cell::Null
        }
    }
    fn unknown_columns(&self, row: usize, found: &mut dyn FnMut(&str)) {
        self.src.unknown_columns(row, found);
    }
    fn may_have_unknown_columns(&self) -> bool {
        self.src.may_have_unknown_columns()
    }
}

/// The validity of the rows of a column, one bit per row from the least
/// significant bit of the first byte (Arrow's layout), from bit `offset`.
#[derive(Debug, Clone, Copy)]
pub struct Bits<'a> {
    /// The bytes.
    pub bytes: &'a [u8],
    /// The bit of the first row.
    pub offset: usize,
}

impl Bits<'_> {
    #[inline]
    fn get(&self, i: usize) -> bool {
        let bit = self.offset + i;
        self.bytes
            .get(bit / 8)
            .is_some_and(|b| b & (1 << (bit % 8)) != 0)
    }
}

/// The key of an empty cell in [`Typed::Keys`].
pub const NULL_KEY: u32 = u32::MAX;

/// One column of a piece of rows, typed.
#[derive(Debug, Clone, Copy)]
pub enum Typed<'a> {
    /// No value in the piece.
    Absent,
    /// Dates as days since 1970-01-01 (Arrow's `date32`), with their
    /// validity (`None`: every row has a date).
    Days {
        /// The day of each row.
        days: &'a [i32],
        /// Which rows have a date.
        valid: Option<Bits<'a>>,
    },
    /// Texts in Arrow's string-view layout (an identifier column: its
    /// values are all distinct). Each view is 16 bytes read as a
    /// little-endian `u128`: the length (low 4 bytes), then the text itself
    /// when it is at most 12 bytes long, otherwise its first 4 bytes, the
    /// index of its buffer in `buffers` and its offset there.
    Views {
        /// The view of each row.
        views: &'a [u128],
        /// The buffers of the longer texts.
        buffers: &'a [&'a [u8]],
        /// Which rows have a text (`None`: every row).
        valid: Option<Bits<'a>>,
    },
    /// Texts as keys into their distinct values ([`NULL_KEY`]: empty).
    Keys {
        /// The key of each row.
        keys: &'a [u32],
        /// The distinct values.
        values: &'a [&'a str],
    },
}

/// The typed columns of a piece of rows: for each documented column (in
/// [`COLUMNS`] order) its values, or `None` when the binding could not
/// type it (dates given as texts…: the piece is then read by the rules).
/// Row `j` of each column is row `range.start + j` of the table's source.
#[derive(Debug, Clone)]
pub struct TypedPiece<'a> {
    /// The columns.
    pub columns: Vec<Option<Typed<'a>>>,
}

impl<'a> TypedPiece<'a> {
    /// A piece with no typed column yet (every column `None`).
    ///
    /// ```
    /// let piece = cme_pdp::table::columnar::TypedPiece::new();
    /// assert_eq!(piece.columns.len(), cme_pdp::table::COLUMNS.len());
    /// ```
    pub fn new() -> Self {
        TypedPiece {
            columns: vec![None; COLUMNS.len()],
        }
    }
}

impl Default for TypedPiece<'_> {
    fn default() -> Self {
        TypedPiece::new()
    }
}

/// The days from 0001-01-01 (CE) to 1970-01-01.
const EPOCH_FROM_CE: i32 = 719_163;

fn day_number(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d) - EPOCH_FROM_CE
}

/// A date column's day at row `j`: `Some(None)` when empty, `None` when
/// the column holds no date there that the rules would accept as it is
/// (the row is then read by the rules).
#[derive(Clone, Copy)]
struct DateColumn<'a> {
    days: &'a [i32],
    valid: Option<Bits<'a>>,
    absent: bool,
}

impl DateColumn<'_> {
    #[inline(always)]
    fn at(&self, j: usize, bounds: (i32, i32)) -> Option<Option<i32>> {
        if self.absent || self.valid.is_some_and(|v| !v.get(j)) {
            return Some(None);
        }
        let d = *self.days.get(j)?;
        (bounds.0..=bounds.1).contains(&d).then_some(Some(d))
    }
}

/// A text column's decoded value at row `j`.
#[derive(Clone, Copy)]
struct KeyColumn<'a> {
    keys: &'a [u32],
    absent: bool,
}

impl KeyColumn<'_> {
    /// `Some(None)` when empty, `Some(Some(key))` otherwise (`None` past
    /// the column's end).
    #[inline]
    fn at(&self, j: usize) -> Option<Option<u32>> {
        if self.absent {
            return Some(None);
        }
        let k = *self.keys.get(j)?;
        Some((k != NULL_KEY).then_some(k))
    }
}

/// The values of a text column read by `rule`, once per distinct value.
fn decode<'a, T>(values: &[&'a str], rule: impl Fn(&'a str) -> Option<T>) -> Vec<Option<T>> {
    values.iter().map(|v| rule(v)).collect()
}

/// One dimension of the breakdown, over the piece: the value of each
/// decoded key, and their labels.
struct Dim {
    labels: Vec<String>,
}

/// What the counting reads of a row.
struct Facts {
    signalement: i32,
    source_visit: SourceVisit,
    signalled_by: Signaller,
    contact: Option<i32>,
    exit: Option<(i32, ExitResult)>,
    slot: usize,
}

/// Counts rows `range` of `src` into `acc` from their typed columns
/// `typed` (row `j` of each is row `range.start + j`), `first_row` being
/// the number of `src`'s row 0 in the whole table: what
/// [`crate::table::accumulate_cells`] counts and reports, the same report
/// and problems, faster. A report that does not read only its columns
/// ([`report_columns`]), or a piece with a column the binding could not
/// type, is read by [`crate::table::accumulate_cells`] itself.
///
/// ```
/// use cme_pdp::indicators::{accumulator_of, Period};
/// use cme_pdp::table::columnar::{accumulate_typed, Typed, TypedPiece};
/// use cme_pdp::table::{accumulate_cells, Cell, CellSource, COLUMNS};
/// use chrono::NaiveDate;
/// // Signalled, contacted and out in 2023 (days since 1970-01-01).
/// const DAYS: [i32; 3] = [19_390, 19_400, 19_600];
/// fn date(d: i32) -> Cell<'static> {
///     Cell::Date(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(d as u64))
/// }
/// /// Two rows: a case, and a case whose id is a name.
/// struct Two;
/// impl CellSource for Two {
///     fn cell(&self, column: usize, row: usize) -> Cell<'_> {
///         match COLUMNS[column].name {
///             "id" => Cell::Text(["C-1", "Jean Dupont"][row]),
///             "service" => Cell::Text("aismt13"),
///             "signalement_date" => date(DAYS[0]),
///             "source_visit" => Cell::Text("pre_reprise"),
///             "signalled_by" => Cell::Text("idest"),
///             "contact_date" => date(DAYS[1]),
///             "sortie_date" => date(DAYS[2]),
///             "sortie_result" => Cell::Text("inaptitude"),
///             _ => Cell::Null,
///         }
///     }
///     fn unknown_columns(&self, _row: usize, _found: &mut dyn FnMut(&str)) {}
/// }
/// // The same rows typed, as a binding gives them.
/// let column = |name: &str| COLUMNS.iter().position(|c| c.name == name).unwrap();
/// let dates = DAYS.map(|d| [d; 2]);
/// let zero = [0u32; 2];
/// let mut piece = TypedPiece::new();
/// for (name, days) in ["signalement_date", "contact_date", "sortie_date"].iter().zip(&dates) {
///     piece.columns[column(name)] = Some(Typed::Days { days, valid: None });
/// }
/// let texts: [(&str, &[&str]); 4] = [("service", &["aismt13"]), ("source_visit", &["pre_reprise"]),
///     ("signalled_by", &["idest"]), ("sortie_result", &["inaptitude"])];
/// for (name, values) in texts {
///     piece.columns[column(name)] = Some(Typed::Keys { keys: &zero, values });
/// }
/// for name in ["refus_accompagnement_date", "reouverture_date"] {
///     piece.columns[column(name)] = Some(Typed::Absent);
/// }
/// let ids: Vec<String> = ["entrees", "sorties", "resultat_inaptitude"].map(String::from).into();
/// let new = || accumulator_of(&serde_json::json!("aismt13"), Period::year(2023), &[], &ids).unwrap();
/// let (mut fast, mut rules) = (new(), new());
/// let problems = accumulate_typed(&Two, &piece, 0..2, 0, None, &mut fast).issues;
/// assert_eq!(problems, accumulate_cells(&Two, 0..2, 0, None, &mut rules).issues);
/// assert_eq!(fast.finish(), rules.finish());
/// assert_eq!(fast.to_state_json(), rules.to_state_json());
/// assert_eq!((problems[0].row, problems[0].column.as_str()), (1, "id"));
/// let report = fast.finish();
/// assert_eq!(report.total.get("entrees").unwrap().numerator, 1);
/// assert_eq!(report.total.get("resultat_inaptitude").unwrap().value, Some(100.0));
/// ```
pub fn accumulate_typed(
    src: &dyn CellSource,
    typed: &TypedPiece<'_>,
    range: std::ops::Range<usize>,
    first_row: usize,
    as_of: Option<NaiveDate>,
    acc: &mut Accumulator,
) -> TableRead {
    let Some(keep) = kept(&acc.spec) else {
        return super::accumulate_cells(src, range, first_row, as_of, acc);
    };
    let src = Projected { src, keep };
    match Kernel::new(typed, acc, keep, range.len(), as_of) {
        Some(kernel) => kernel.run(&src, range, first_row, as_of, acc),
        None => super::accumulate_projected(&src, range, first_row, as_of, acc),
    }
}

/// A column of string views: the views, their buffers, their validity.
type ViewColumn<'a> = (&'a [u128], &'a [&'a [u8]], Option<Bits<'a>>);

/// What a piece's counting needs, its columns read and their distinct
/// values decoded once.
struct Kernel<'a> {
    /// The identifiers, when given as views (otherwise read from the
    /// cells).
    ids: Option<ViewColumn<'a>>,
    signalement: DateColumn<'a>,
    contact: DateColumn<'a>,
    refusal: DateColumn<'a>,
    exit: DateColumn<'a>,
    reopening: DateColumn<'a>,
    service: KeyColumn<'a>,
    service_ok: Vec<Option<()>>,
    source_visit: KeyColumn<'a>,
    source_visits: Vec<Option<SourceVisit>>,
    signalled_by: KeyColumn<'a>,
    signallers: Vec<Option<Signaller>>,
    result: KeyColumn<'a>,
    results: Vec<Option<ExitResult>>,
    nomenclature: KeyColumn<'a>,
    sections: KeyColumn<'a>,
    /// For each (nomenclature key + 1, section key + 1) (0: empty), the
    /// sector's value in the breakdown, `None` when the rules refuse it.
    sectors: Vec<Option<u32>>,
    n_sections: usize,
    /// The breakdown's dimensions and their values in this piece.
    dims: Vec<(Dimension, Dim)>,
    /// Days of the accepted years, and of the evaluation date.
    bounds: (i32, i32),
    as_of: i32,
}

impl<'a> Kernel<'a> {
    fn new(
        typed: &TypedPiece<'a>,
        acc: &Accumulator,
        keep: [bool; COLUMNS.len()],
        len: usize,
        as_of: Option<NaiveDate>,
    ) -> Option<Kernel<'a>> {
        // Every column read is typed (the identifiers may be read from
        // their cells: their values are all distinct).
        for (c, k) in keep.iter().enumerate() {
            if *k && c != c!("id") && typed.columns.get(c)?.is_none() {
                return None;
            }
        }
        let date = |c: usize| -> Option<DateColumn<'a>> {
            match typed.columns.get(c).copied().flatten() {
                None | Some(Typed::Absent) => Some(DateColumn {
                    days: &[],
                    valid: None,
                    absent: true,
                }),
                Some(Typed::Days { days, valid }) if days.len() >= len => Some(DateColumn {
                    days,
                    valid,
                    absent: false,
                }),
                Some(_) => None,
            }
        };
        let text = |c: usize| -> Option<(KeyColumn<'a>, &'a [&'a str])> {
            match typed.columns.get(c).copied().flatten() {
                None | Some(Typed::Absent) => Some((
                    KeyColumn {
                        keys: &[],
                        absent: true,
                    },
                    &[],
                )),
                Some(Typed::Keys { keys, values }) if keys.len() >= len => Some((
                    KeyColumn {
                        keys,
                        absent: false,
                    },
                    values,
                )),
                Some(_) => None,
            }
        };
        let (service, services) = text(c!("service"))?;
        let (source_visit, visits) = text(c!("source_visit"))?;
        let (signalled_by, signallers) = text(c!("signalled_by"))?;
        let (result, results) = text(c!("sortie_result"))?;
        // The sector is read only for a breakdown by sector.
        let (nomenclature, nomenclatures) = match keep.get(c!("sector_nomenclature")) {
            Some(true) => text(c!("sector_nomenclature"))?,
            _ => text(usize::MAX)?,
        };
        let (sections, section_values) = match keep.get(c!("sector_section")) {
            Some(true) => text(c!("sector_section"))?,
            _ => text(usize::MAX)?,
        };
        let nomenclatures = decode(nomenclatures, Nomenclature::from_code);
        let n_sections = section_values.len() + 1;
        // The sector of each pair of keys, as the rules read it: both
        // empty (no sector), or a section of the nomenclature.
        let mut sector_labels: Vec<String> = Vec::new();
        let mut sectors = vec![None; (nomenclatures.len() + 1) * n_sections];
        let mut case = super::fast::blank();
        for (n, slot_row) in sectors.chunks_mut(n_sections).enumerate() {
            for (s, slot) in slot_row.iter_mut().enumerate() {
                let nomenclature = n.checked_sub(1).map(|k| nomenclatures.get(k).copied());
                let section = s.checked_sub(1).and_then(|k| section_values.get(k));
                case.worker.sector = match (nomenclature, section) {
                    (None, None) => None,
                    (Some(Some(Some(nomenclature))), Some(section))
                        if nomenclature.sections().contains(section) =>
                    {
                        Some(Sector {
                            nomenclature,
                            section: (*section).to_string(),
                        })
                    }
                    _ => continue,
                };
                let mut label = String::new();
                write_dimension_value(Dimension::Sector, &case, None, &mut label);
                let at = match sector_labels.iter().position(|l| *l == label) {
                    Some(at) => at,
                    None => {
                        sector_labels.push(label);
                        sector_labels.len() - 1
                    }
                };
                *slot = Some(u32::try_from(at).ok()?);
            }
        }
        let source_visits = decode(visits, SourceVisit::from_code);
        let services_ok = decode(services, |s| is_service_code(s).then_some(()));
        let mut dims = Vec::new();
        for d in &acc.spec.by {
            let labels = match d {
                Dimension::Sector => sector_labels.clone(),
                Dimension::Service => {
                    let mut labels = Vec::new();
                    for s in services {
                        case.service.clear();
                        case.service.push_str(s);
                        let mut label = String::new();
                        write_dimension_value(*d, &case, None, &mut label);
                        labels.push(label);
                    }
                    labels
                }
                Dimension::SourceVisit => SourceVisit::ALL
                    .iter()
                    .map(|v| {
                        case.signalement.source_visit = *v;
                        let mut label = String::new();
                        write_dimension_value(*d, &case, None, &mut label);
                        label
                    })
                    .collect(),
                _ => return None,
            };
            dims.push((*d, Dim { labels }));
        }
        // A breakdown of at most 65,536 slots in a piece (two dimensions
        // of many services are read by the rules).
        if dims
            .iter()
            .map(|(_, d)| d.labels.len().max(1))
            .product::<usize>()
            > 1 << 16
        {
            return None;
        }
        let first = day_number(NaiveDate::from_ymd_opt(limits::MIN_YEAR, 1, 1)?);
        let last = day_number(NaiveDate::from_ymd_opt(limits::MAX_YEAR, 12, 31)?);
        let ids = match typed.columns.get(c!("id")).copied().flatten() {
            Some(Typed::Views {
                views,
                buffers,
                valid,
            }) if views.len() >= len => Some((views, buffers, valid)),
            _ => None,
        };
        Some(Kernel {
            ids,
            signalement: date(c!("signalement_date"))?,
            contact: date(c!("contact_date"))?,
            refusal: date(c!("refus_accompagnement_date"))?,
            exit: date(c!("sortie_date"))?,
            reopening: date(c!("reouverture_date"))?,
            service,
            service_ok: services_ok,
            source_visit,
            source_visits,
            signalled_by,
            signallers: decode(signallers, Signaller::from_code),
            result,
            results: decode(results, ExitResult::from_code),
            nomenclature,
            sections,
            sectors,
            n_sections,
            dims,
            bounds: (first, last),
            as_of: as_of.map_or(i32::MAX, day_number),
        })
    }

    /// A date of row `j` the rules accept as it is: within the accepted
    /// years, not after the evaluation date.
    #[inline(always)]
    fn date(&self, column: &DateColumn<'_>, j: usize) -> Option<Option<i32>> {
        let d = column.at(j, self.bounds)?;
        match d {
            Some(d) if d > self.as_of => None,
            d => Some(d),
        }
    }

    /// The facts of row `j` (row `r` of `src`), when the rules accept them
    /// as they are and the pathway reads them in order; `None` otherwise
    /// (the row is then read by the rules).
    #[inline]
    fn facts(&self, src: &dyn CellSource, r: usize, j: usize) -> Option<Facts> {
        match self.ids {
            Some((views, buffers, valid)) => {
                if valid.is_some_and(|v| !v.get(j)) {
                    return None;
                }
                let view = *views.get(j)?;
                let len = (view as u32) as usize;
                // a text of up to 12 bytes is checked in the view itself
                // (nearly every id); a longer one in its buffer
                let ok = if len <= 12 {
                    is_identifier_inline(view, limits::MAX_ID_LEN)
                } else {
                    let bytes = view.to_le_bytes();
                    let word = |at: usize| -> Option<usize> {
                        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
                        usize::try_from(u32::from_le_bytes(b)).ok()
                    };
                    let (buffer, offset) = (word(8)?, word(12)?);
                    let text = buffers.get(buffer)?.get(offset..offset.checked_add(len)?)?;
                    is_identifier_bytes(text, limits::MAX_ID_LEN)
                };
                if !ok {
                    return None;
                }
            }
            None => match normalized(src.cell(c!("id"), r)) {
                Cell::Text(id) if is_identifier(id, limits::MAX_ID_LEN) => {}
                _ => return None,
            },
        }
        let known = |k: Option<u32>| k.and_then(|k| usize::try_from(k).ok());
        self.service_ok.get(known(self.service.at(j)?)?)?.as_ref()?;
        let signalement = self.date(&self.signalement, j)??;
        let source_visit = (*self.source_visits.get(known(self.source_visit.at(j)?)?)?)?;
        let signalled_by = (*self.signallers.get(known(self.signalled_by.at(j)?)?)?)?;
        // A re-opening: the pathway's to replay.
        if self.date(&self.reopening, j)?.is_some() {
            return None;
        }
        let refusal = self.date(&self.refusal, j)?;
        let contact = self.date(&self.contact, j)?;
        let exit = match (self.date(&self.exit, j)?, self.result.at(j)?) {
            (None, None) => None,
            (Some(date), Some(result)) => Some((date, (*self.results.get(known(Some(result))?)?)?)),
            // an exit without its result, a result without its date
            _ => return None,
        };
        // Events before the signalement, a contact after the exit: the
        // pathway refuses them (a contact on the day of the exit comes
        // first: the events of a day are in the order of the stages).
        if contact.is_some_and(|c| c < signalement) {
            return None;
        }
        if let Some((x, _)) = exit {
            if x < signalement || contact.is_some_and(|c| c > x) {
                return None;
            }
        }
        // A refusal closes the case: nothing before the signalement,
        // nothing after it (a contact of the same day comes first: the
        // contact and the refusal are events of one stage, in the row's
        // order), and no exit (the exit after it is refused, and a refusal
        // after the exit too). What the flow figures count of the case is
        // then as without it.
        if let Some(r) = refusal {
            if r < signalement || exit.is_some() || contact.is_some_and(|c| c > r) {
                return None;
            }
        }
        let sector = {
            let n = self.nomenclature.at(j)?.map_or(0, |k| k as usize + 1);
            let s = self.sections.at(j)?.map_or(0, |k| k as usize + 1);
            *self.sectors.get(n * self.n_sections + s)?
        };
        let mut slot = 0;
        for (d, dim) in &self.dims {
            let value = match d {
                Dimension::Sector => sector? as usize,
                Dimension::Service => known(self.service.at(j)?)?,
                _ => index_of(source_visit),
            };
            slot = slot * dim.labels.len().max(1) + value;
        }
        Some(Facts {
            signalement,
            source_visit,
            signalled_by,
            contact,
            exit,
            slot,
        })
    }

    /// The key of a slot: the value of each dimension.
    fn key(&self, mut slot: usize) -> Vec<String> {
        let mut key = vec![String::new(); self.dims.len()];
        for (at, (_, dim)) in self.dims.iter().enumerate().rev() {
            let n = dim.labels.len().max(1);
            if let (Some(k), Some(label)) = (key.get_mut(at), dim.labels.get(slot % n)) {
                k.clone_from(label);
            }
            slot /= n;
        }
        key
    }

    fn run(
        &self,
        src: &dyn CellSource,
        range: std::ops::Range<usize>,
        first_row: usize,
        as_of: Option<NaiveDate>,
        acc: &mut Accumulator,
    ) -> TableRead {
        let period = acc.spec.period;
        let (start, end) = (day_number(period.start), day_number(period.end));
        let outcomes: Vec<Outcome> = ExitResult::ALL
            .iter()
            .map(|r| acc.policy.outcome(*r))
            .collect();
        // The cells of the piece in the order of their first row, and the
        // rows counted in each.
        let mut slots: Vec<u32> = Vec::new();
        let mut cells: Vec<(usize, Counters, u64)> = Vec::new();
        let mut others = TableRead::default();
        let mut case = super::fast::blank();
        let mut key = Vec::new();
        let may_have_unknown = src.may_have_unknown_columns();
        for (j, r) in range.clone().enumerate() {
            let mut unknown = false;
            if may_have_unknown {
                src.unknown_columns(r, &mut |_| unknown = true);
            }
            let facts = if unknown { None } else { self.facts(src, r, j) };
            let Some(f) = facts else {
                // Near the most cells a report may have, the cells are
                // made in the order of their rows, as case by case (which
                // are left uncounted depends on it): what was counted is
                // added before a row of the rules.
                if acc.cells.len() + cells.len() >= crate::limits::MAX_CELLS {
                    flush(self, &mut cells, &mut slots, acc);
                }
                super::accumulate_row(
                    src,
                    r,
                    first_row + r,
                    as_of,
                    &mut case,
                    &mut key,
                    &mut others,
                    acc,
                );
                continue;
            };
            acc.cases += 1;
            #[cfg(test)]
            tests::COUNTED_ROWS.with(|n| n.set(n.get() + 1));
            if f.signalement > end {
                continue;
            }
            if slots.len() <= f.slot {
                slots.resize(f.slot + 1, u32::MAX);
            }
            let at = match slots.get(f.slot) {
                Some(&at) if at != u32::MAX => at as usize,
                _ => {
                    cells.push((f.slot, Counters::default(), 0));
                    if let Some(s) = slots.get_mut(f.slot) {
                        *s = u32::try_from(cells.len() - 1).unwrap_or(u32::MAX);
                    }
                    cells.len() - 1
                }
            };
            let Some((_, c, n)) = cells.get_mut(at) else {
                continue;
            };
            *n += 1;
            count(c, &f, (start, end), &outcomes);
        }
        flush(self, &mut cells, &mut slots, acc);
        others
    }
}

/// Adds the cells counted to the accumulator's, as
/// [`Accumulator::add`] makes them (past [`crate::limits::MAX_CELLS`]
/// cells, the rows of a new cell are uncounted).
fn flush(
    kernel: &Kernel<'_>,
    cells: &mut Vec<(usize, Counters, u64)>,
    slots: &mut [u32],
    acc: &mut Accumulator,
) {
    for (slot, counters, n) in cells.drain(..) {
        let key = kernel.key(slot);
        if !acc.cells.contains_key(&key) && acc.cells.len() >= crate::limits::MAX_CELLS {
            acc.uncounted = acc.uncounted.saturating_add(n);
            continue;
        }
        // Counted by ones from zero: no counter of a piece overflows what
        // a case-by-case count would not.
        let _ = acc.cells.entry(key).or_default().try_merge(&counters);
    }
    slots.iter_mut().for_each(|s| *s = u32::MAX);
}

/// The counters of [`COUNTED`] for one row, as
/// [`crate::indicators::Accumulator::add`] counts them for the case it
/// describes (its pathway: the contact, then the exit).
fn count(c: &mut Counters, f: &Facts, (start, end): (i32, i32), outcomes: &[Outcome]) {
    let inside = |d: i32| (start..=end).contains(&d);
    let s = f.signalement;
    let days = |to: i32| u64::try_from(i64::from(to) - i64::from(s)).unwrap_or(0);
    if inside(s) {
        c.signalements += 1;
        if f.source_visit == SourceVisit::PreReprise {
            c.signalements_pre_reprise += 1;
        }
        bump(&mut c.signalements_par_origine, index_of(f.signalled_by));
    }
    if let Some(contact) = f.contact.filter(|d| inside(*d)) {
        c.entrees += 1;
        c.delai_contact.0 += 1;
        c.delai_contact.1 += days(contact);
    }
    if let Some((x, result)) = f.exit.filter(|(d, _)| inside(*d)) {
        let i = index_of(result);
        bump(&mut c.sorties, i);
        let outcome = outcomes.get(i).copied().unwrap_or(Outcome::Neutre);
        bump(&mut c.sorties_par_issue, index_of(outcome));
        c.delai_sortie.0 += 1;
        c.delai_sortie.1 += days(x);
        if matches!(
            f.source_visit,
            SourceVisit::PreReprise | SourceVisit::Reprise
        ) {
            c.sorties_a_risque += 1;
            if outcome == Outcome::Positive {
                c.sorties_a_risque_positives += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests;
