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
//!
//! A piece is read in blocks of rows, a column after another: each check
//! is computed for every row of the block and the checks are joined, with
//! no branch on a row's values (its dates are present or not, in the
//! period or not, at random: a branch on each would be mispredicted);
//! each row is then counted by adding 0 or 1 to every counter.

use chrono::NaiveDate;

use super::{normalized, Cell, CellSource, TableRead, COLUMNS};
use crate::case::{ExitResult, Nomenclature, Sector, Signaller, SourceVisit};
use crate::codes::Code;
use crate::indicators::{
    bump_by, index_of, write_dimension_value, Accumulator, Counters, Dimension,
};
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

/// The columns of codes: each holds a few distinct texts (a service, a
/// visit, an author, an exit result, a sector), where the identifiers are
/// all distinct.
const CODE_COLUMNS: [usize; 6] = [
    c!("service"),
    c!("source_visit"),
    c!("signalled_by"),
    c!("sortie_result"),
    c!("sector_nomenclature"),
    c!("sector_section"),
];

/// The columns of [`report_columns`] that hold codes (a few distinct
/// texts each), or `None` when the report reads whole rows. A reader that
/// can give them as dictionaries (pyarrow's `read_dictionary`, a
/// categorical column) decodes each distinct text once, where it would
/// otherwise copy a text per row; the bindings map each value of a
/// dictionary once.
///
/// ```
/// use cme_pdp::indicators::{accumulator_of, Period};
/// use cme_pdp::table::columnar::report_code_columns;
/// let ids = ["entrees".to_string(), "sorties".to_string()];
/// let acc = accumulator_of(&serde_json::json!("aismt13"), Period::year(2023),
///                          &["secteur".into()], &ids).unwrap();
/// let codes = report_code_columns(&acc.spec).unwrap();
/// assert!(codes.contains(&"sortie_result") && codes.contains(&"sector_section"));
/// assert!(!codes.contains(&"id") && !codes.contains(&"sortie_date"));
/// let whole = accumulator_of(&serde_json::json!("aismt13"), Period::year(2023), &[], &[]).unwrap();
/// assert!(report_code_columns(&whole.spec).is_none());
/// ```
pub fn report_code_columns(spec: &crate::indicators::ReportSpec) -> Option<Vec<&'static str>> {
    let keep = kept(spec)?;
    Some(
        COLUMNS
            .iter()
            .zip(keep)
            .enumerate()
            .filter_map(|(i, (c, k))| (k && CODE_COLUMNS.contains(&i)).then_some(c.name))
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

    /// Bits `j0..j0 + n` into `out` (a bit past the bytes: 0), a byte at a
    /// time when they start a byte.
    #[inline]
    fn expand(&self, j0: usize, n: usize, out: &mut [bool]) {
        let bit = self.offset + j0;
        match self.bytes.get(bit / 8..(bit + n).div_ceil(8)) {
            Some(bytes) if bit.is_multiple_of(8) => {
                for (eight, byte) in out.chunks_mut(8).zip(bytes) {
                    for (k, o) in eight.iter_mut().enumerate() {
                        *o = (byte >> k) & 1 != 0;
                    }
                }
            }
            _ => {
                for (o, j) in out.iter_mut().take(n).zip(j0..) {
                    *o = self.get(j);
                }
            }
        }
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

impl<'a> DateColumn<'a> {
    /// Rows `j0..j0 + n` of the column: their days (any day for a row
    /// without a date), and in `has` whether each has one; `None` when the
    /// column ends before.
    #[inline]
    fn read(&self, j0: usize, n: usize, has: &mut [bool; BLOCK]) -> Option<&'a [i32]> {
        if self.absent {
            has.fill(false);
            return NO_DAYS.get(..n);
        }
        let days = self.days.get(j0..j0 + n)?;
        match self.valid {
            None => has.fill(true),
            Some(valid) => valid.expand(j0, n, has),
        }
        Some(days)
    }
}

/// The days of a block of an absent column.
static NO_DAYS: [i32; BLOCK] = [0; BLOCK];

/// A text column's keys.
#[derive(Clone, Copy)]
struct KeyColumn<'a> {
    keys: &'a [u32],
    absent: bool,
}

impl KeyColumn<'_> {
    /// The place of the value of each of rows `j0..j0 + n` in the
    /// kernel's tables of the column: its key plus one, 0 when empty;
    /// `false` when the column ends before.
    #[inline]
    fn places(&self, j0: usize, n: usize, out: &mut [usize; BLOCK]) -> bool {
        if self.absent {
            out.fill(0);
            return true;
        }
        let Some(keys) = self.keys.get(j0..j0 + n) else {
            return false;
        };
        for (o, k) in out.iter_mut().zip(keys) {
            // NULL_KEY + 1 wraps to 0
            *o = k.wrapping_add(1) as usize;
        }
        true
    }

    /// The code of each of rows `j0..j0 + n` in `table` (by
    /// [`KeyColumn::places`]); `false` when the column ends before.
    #[inline]
    fn codes(&self, j0: usize, n: usize, table: &[u8], out: &mut [u8; BLOCK]) -> bool {
        if self.absent {
            out.fill(table.first().copied().unwrap_or(REFUSED));
            return true;
        }
        let Some(keys) = self.keys.get(j0..j0 + n) else {
            return false;
        };
        for (o, k) in out.iter_mut().zip(keys) {
            *o = table
                .get(k.wrapping_add(1) as usize)
                .copied()
                .unwrap_or(REFUSED);
        }
        true
    }
}

/// In a table of a text column's values: a value the rules refuse (or
/// an empty cell where a value is needed).
const REFUSED: u8 = u8::MAX;

/// In the table of exit results: no result.
const NO_RESULT: u8 = u8::MAX - 1;

/// In the table of sectors: a sector the rules refuse.
const REFUSED_SECTOR: u32 = u32::MAX;

/// A table of a text column's values by [`KeyColumn::places`]: `empty`
/// for an empty cell, then each distinct value's code as `rule` reads it
/// (its index among the codes), [`REFUSED`] when the rules refuse it.
fn table_of<T: Code>(values: &[&str], empty: u8, rule: impl Fn(&str) -> Option<T>) -> Vec<u8> {
    std::iter::once(empty)
        .chain(values.iter().map(|v| {
            rule(v)
                .and_then(|c| u8::try_from(index_of(c)).ok())
                .unwrap_or(REFUSED)
        }))
        .collect()
}

/// An identifier of more than 12 bytes, read from its view's buffer
/// (Arrow's layout: the buffer's index at bytes 8 to 12, the offset at 12
/// to 16): whether the rules accept it.
fn long_identifier(view: u128, len: usize, buffers: &[&[u8]]) -> bool {
    let bytes = view.to_le_bytes();
    let word = |at: usize| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    };
    let text = (|| {
        let (buffer, offset) = (word(8)?, word(12)?);
        buffers.get(buffer)?.get(offset..offset.checked_add(len)?)
    })();
    text.is_some_and(|t| is_identifier_bytes(t, limits::MAX_ID_LEN))
}

/// Rows read at a time, column by column ([`Kernel::read`]).
const BLOCK: usize = 256;

/// The facts of a block of rows read column by column ([`Kernel::read`]):
/// entry `i` of each array is row `j0 + i` of the piece.
struct Block<'a> {
    /// The rows read by the rules.
    bad: [bool; BLOCK],
    has: [bool; BLOCK],
    signalement: &'a [i32],
    has_contact: [bool; BLOCK],
    contact: &'a [i32],
    has_refusal: [bool; BLOCK],
    has_exit: [bool; BLOCK],
    exit: &'a [i32],
    has_reopening: [bool; BLOCK],
    /// 1 when the rules accept the service.
    service: [u8; BLOCK],
    source_visit: [u8; BLOCK],
    signalled_by: [u8; BLOCK],
    /// The exit's result (0 without an exit).
    result: [u8; BLOCK],
    /// The places of two text columns' values ([`KeyColumn::places`]).
    places: [usize; BLOCK],
    values: [usize; BLOCK],
    /// The row's cell in the breakdown.
    slot: [usize; BLOCK],
}

impl Block<'_> {
    fn new() -> Self {
        Block {
            bad: [true; BLOCK],
            has: [false; BLOCK],
            signalement: &[],
            has_contact: [false; BLOCK],
            contact: &[],
            has_refusal: [false; BLOCK],
            has_exit: [false; BLOCK],
            exit: &[],
            has_reopening: [false; BLOCK],
            service: [0; BLOCK],
            source_visit: [0; BLOCK],
            signalled_by: [0; BLOCK],
            result: [0; BLOCK],
            places: [0; BLOCK],
            values: [0; BLOCK],
            slot: [0; BLOCK],
        }
    }

    /// The facts of entry `i`, `None` for a row read by the rules.
    #[inline(always)]
    fn facts(&self, i: usize) -> Option<Facts> {
        if *self.bad.get(i)? {
            return None;
        }
        Some(Facts {
            signalement: *self.signalement.get(i)?,
            source_visit: *self.source_visit.get(i)?,
            signalled_by: *self.signalled_by.get(i)?,
            contact: (*self.has_contact.get(i)?, *self.contact.get(i)?),
            exit: (
                *self.has_exit.get(i)?,
                *self.exit.get(i)?,
                *self.result.get(i)?,
            ),
            slot: *self.slot.get(i)?,
        })
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

/// What the counting reads of a row: codes as their indexes among their
/// codes, a date as its day with whether the row has it.
struct Facts {
    signalement: i32,
    source_visit: u8,
    signalled_by: u8,
    contact: (bool, i32),
    /// The exit's day and its result (result 0 without an exit).
    exit: (bool, i32, u8),
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
    /// By [`KeyColumn::places`]: 1 when the rules accept the service code.
    service_ok: Vec<u8>,
    /// By [`KeyColumn::places`] ([`table_of`]), the codes.
    source_visit: KeyColumn<'a>,
    source_visits: Vec<u8>,
    signalled_by: KeyColumn<'a>,
    signallers: Vec<u8>,
    result: KeyColumn<'a>,
    results: Vec<u8>,
    nomenclature: KeyColumn<'a>,
    sections: KeyColumn<'a>,
    /// For each (nomenclature key + 1, section key + 1) (0: empty), the
    /// sector's value in the breakdown, `None` when the rules refuse it.
    sectors: Vec<u32>,
    n_sections: usize,
    /// The indexes of the visits of a risk of unfitness (pré-reprise,
    /// reprise).
    pre_reprise: u8,
    reprise: u8,
    /// The breakdown's dimensions and their values in this piece.
    dims: Vec<(Dimension, Dim)>,
    /// The number of cells of the breakdown (the product of its
    /// dimensions' sizes, at most 65,536): a row's cell is below it.
    size: usize,
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
        let mut sectors = vec![REFUSED_SECTOR; (nomenclatures.len() + 1) * n_sections];
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
                *slot = u32::try_from(at).ok().filter(|at| *at != REFUSED_SECTOR)?;
            }
        }
        let source_visits = table_of(visits, REFUSED, SourceVisit::from_code);
        let services_ok: Vec<u8> = std::iter::once(0)
            .chain(services.iter().map(|s| u8::from(is_service_code(s))))
            .collect();
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
        let size = dims
            .iter()
            .map(|(_, d)| d.labels.len().max(1))
            .product::<usize>();
        if size > 1 << 16 {
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
            signallers: table_of(signallers, REFUSED, Signaller::from_code),
            result,
            results: table_of(results, NO_RESULT, ExitResult::from_code),
            nomenclature,
            sections,
            sectors,
            n_sections,
            pre_reprise: u8::try_from(index_of(SourceVisit::PreReprise)).ok()?,
            reprise: u8::try_from(index_of(SourceVisit::Reprise)).ok()?,
            dims,
            size,
            bounds: (first, last),
            as_of: as_of.map_or(i32::MAX, day_number),
        })
    }

    /// Reads rows `j0..j0 + n` of the piece (rows `r0 + j0…` of `src`)
    /// into `b`, column by column: every check on every row, and in
    /// `b.bad` the rows whose facts the rules do not accept as they are or
    /// the pathway does not read in order (read by the rules). A row's
    /// dates are present or not at random: the checks are computed for
    /// every row and joined, with no branch on a row's values (a branch
    /// on each would be mispredicted), column after column (a loop the
    /// compiler vectorises).
    fn read(&self, src: &dyn CellSource, r0: usize, j0: usize, n: usize, b: &mut Block<'a>) {
        let Some(bad) = b.bad.get_mut(..n) else {
            return;
        };
        bad.fill(false);
        let (first, last) = (self.bounds.0, self.bounds.1.min(self.as_of));
        let accepted = |d: i32| (d >= first) & (d <= last);
        // the case's identifier
        match self
            .ids
            .and_then(|(views, buffers, valid)| Some((views.get(j0..j0 + n)?, buffers, valid)))
        {
            Some((views, buffers, valid)) => {
                for ((bad, view), j) in bad.iter_mut().zip(views).zip(j0..) {
                    let len = (*view as u32) as usize;
                    // a text of up to 12 bytes is checked in the view
                    // itself (nearly every id); a longer one in its buffer
                    let ok = if len <= 12 {
                        is_identifier_inline(*view, limits::MAX_ID_LEN)
                    } else {
                        long_identifier(*view, len, buffers)
                    };
                    *bad |= !ok | valid.is_some_and(|v| !v.get(j));
                }
            }
            None => {
                for (bad, r) in bad.iter_mut().zip(r0 + j0..) {
                    *bad |= !matches!(
                        normalized(src.cell(c!("id"), r)),
                        Cell::Text(id) if is_identifier(id, limits::MAX_ID_LEN)
                    );
                }
            }
        }
        if src.may_have_unknown_columns() {
            // a value in a column the table documents nowhere: reported
            for (bad, r) in bad.iter_mut().zip(r0 + j0..) {
                src.unknown_columns(r, &mut |_| *bad = true);
            }
        }
        // The dates the rules accept as they are: within the accepted
        // years, not after the evaluation date. A re-opening: the
        // pathway's to replay.
        let days = (|| {
            Some((
                self.signalement.read(j0, n, &mut b.has)?,
                self.contact.read(j0, n, &mut b.has_contact)?,
                self.refusal.read(j0, n, &mut b.has_refusal)?,
                self.exit.read(j0, n, &mut b.has_exit)?,
                self.reopening.read(j0, n, &mut b.has_reopening)?,
            ))
        })();
        let Some((signalement, contact, refusal, exit, _)) = days else {
            // a column shorter than the piece: every row to the rules
            bad.fill(true);
            return;
        };
        (b.signalement, b.contact, b.exit) = (signalement, contact, exit);
        // The signalement, needed; a re-opening, the pathway's to replay.
        for (((bad, has), day), reopened) in bad
            .iter_mut()
            .zip(&b.has)
            .zip(signalement)
            .zip(&b.has_reopening)
        {
            *bad |= !*has | !accepted(*day) | *reopened;
        }
        // Events before the signalement, a contact after the exit: the
        // pathway refuses them (a contact on the day of the exit comes
        // first: the events of a day are in the order of the stages).
        for (((bad, has), day), signalement) in bad
            .iter_mut()
            .zip(&b.has_contact)
            .zip(contact)
            .zip(signalement)
        {
            *bad |= *has & (!accepted(*day) | (*day < *signalement));
        }
        for ((((bad, has), day), signalement), (contacted, contact)) in bad
            .iter_mut()
            .zip(&b.has_exit)
            .zip(exit)
            .zip(signalement)
            .zip(b.has_contact.iter().zip(contact))
        {
            *bad |=
                *has & (!accepted(*day) | (*day < *signalement) | (*contacted & (*contact > *day)));
        }
        // A refusal closes the case: nothing before the signalement,
        // nothing after it (a contact of the same day comes first: the
        // contact and the refusal are events of one stage, in the row's
        // order), and no exit (the exit after it is refused, and a refusal
        // after the exit too). What the flow figures count of the case is
        // then as without it.
        for (((((bad, has), day), signalement), (contacted, contact)), out) in bad
            .iter_mut()
            .zip(&b.has_refusal)
            .zip(refusal)
            .zip(signalement)
            .zip(b.has_contact.iter().zip(contact))
            .zip(&b.has_exit)
        {
            *bad |= *has
                & (!accepted(*day)
                    | (*day < *signalement)
                    | *out
                    | (*contacted & (*contact > *day)));
        }
        // The codes, each distinct value read once by the rules.
        let whole = self.service.codes(j0, n, &self.service_ok, &mut b.service)
            & self
                .source_visit
                .codes(j0, n, &self.source_visits, &mut b.source_visit)
            & self
                .signalled_by
                .codes(j0, n, &self.signallers, &mut b.signalled_by)
            & self.result.codes(j0, n, &self.results, &mut b.result);
        if !whole {
            bad.fill(true);
            return;
        }
        for (((bad, service), visit), signaller) in bad
            .iter_mut()
            .zip(&b.service)
            .zip(&b.source_visit)
            .zip(&b.signalled_by)
        {
            *bad |= (*service != 1) | (*visit == REFUSED) | (*signaller == REFUSED);
        }
        for ((bad, result), has_exit) in bad.iter_mut().zip(&mut b.result).zip(&b.has_exit) {
            // an exit without its result, a result without its date
            *bad |= (*has_exit != (*result != NO_RESULT)) | (*result == REFUSED);
            // the result of a row without an exit: the first (counted by 0)
            *result = if *has_exit { *result } else { 0 };
        }
        // The cell of the row in the breakdown.
        b.slot.fill(0);
        for (d, dim) in &self.dims {
            let size = dim.labels.len().max(1);
            let whole = match d {
                Dimension::Sector => {
                    let (nomenclatures, sections) = (&self.nomenclature, &self.sections);
                    let ok = nomenclatures.places(j0, n, &mut b.places)
                        & sections.places(j0, n, &mut b.values);
                    for ((slot, bad), (n, s)) in b
                        .slot
                        .iter_mut()
                        .zip(bad.iter_mut())
                        .zip(b.places.iter().zip(&b.values))
                    {
                        let at = n.wrapping_mul(self.n_sections).wrapping_add(*s);
                        // a sector the rules refuse
                        let sector = self.sectors.get(at).copied().unwrap_or(REFUSED_SECTOR);
                        *bad |= sector == REFUSED_SECTOR;
                        *slot = slot.wrapping_mul(size).wrapping_add(sector as usize);
                    }
                    ok
                }
                Dimension::Service => {
                    let ok = self.service.places(j0, n, &mut b.places);
                    for (slot, place) in b.slot.iter_mut().zip(&b.places) {
                        *slot = slot.wrapping_mul(size).wrapping_add(place.wrapping_sub(1));
                    }
                    ok
                }
                _ => {
                    for (slot, visit) in b.slot.iter_mut().zip(&b.source_visit) {
                        *slot = slot.wrapping_mul(size).wrapping_add(usize::from(*visit));
                    }
                    true
                }
            };
            if !whole {
                bad.fill(true);
                return;
            }
        }
        #[cfg(test)]
        tests::SPOILED_SLOT.with(|by| {
            b.slot
                .iter_mut()
                .for_each(|s| *s = s.wrapping_add(by.get()));
        });
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
        // the index of each result's outcome under the policy
        let outcomes: Vec<u8> = ExitResult::ALL
            .iter()
            .map(|r| u8::try_from(index_of(acc.policy.outcome(*r))).unwrap_or(0))
            .collect();
        let positive = u8::try_from(index_of(Outcome::Positive)).unwrap_or(0);
        // The cells of the piece in the order of their first row, and the
        // rows counted in each.
        let mut slots: Vec<u32> = vec![u32::MAX; self.size];
        let mut cells: Vec<(usize, Counters, u64)> = Vec::new();
        let mut others = TableRead::default();
        let mut case = super::fast::blank();
        let mut key = Vec::new();
        let mut block = Box::new(Block::new());
        let b = &mut *block;
        let len = range.len();
        let mut j0 = 0;
        while j0 < len {
            let n = (len - j0).min(BLOCK);
            self.read(src, range.start, j0, n, b);
            for (i, r) in (range.start + j0..range.start + j0 + n).enumerate() {
                // A row whose cell is past the breakdown's is read by the
                // rules: only a fault of the checks above could make one,
                // and it must cost a wrong count at worst, not an
                // allocation without bound.
                let Some(f) = b.facts(i).filter(|f| f.slot < slots.len()) else {
                    // Near the most cells a report may have, the cells are
                    // made in the order of their rows, as case by case
                    // (which are left uncounted depends on it): what was
                    // counted is added before a row of the rules.
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
                // A row signalled after the period is in no cell, as case
                // by case (its cell is not made for it); in a cell made
                // already it counts nothing (its contact and exit are
                // after its signalement): no branch on it but where a cell
                // is made.
                let after = f.signalement > end;
                let at = match slots.get(f.slot) {
                    Some(&at) if at != u32::MAX => at as usize,
                    _ if after => continue,
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
                *n += u64::from(!after);
                count(
                    c,
                    &f,
                    (start, end),
                    (&outcomes, positive),
                    (self.pre_reprise, self.reprise),
                );
            }
            j0 += n;
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
        if let Some(s) = slots.get_mut(slot) {
            *s = u32::MAX;
        }
        let key = kernel.key(slot);
        if !acc.cells.contains_key(&key) && acc.cells.len() >= crate::limits::MAX_CELLS {
            acc.uncounted = acc.uncounted.saturating_add(n);
            continue;
        }
        // Counted by ones from zero: no counter of a piece overflows what
        // a case-by-case count would not.
        let _ = acc.cells.entry(key).or_default().try_merge(&counters);
    }
}

/// The counters of [`COUNTED`] for one row, as
/// [`crate::indicators::Accumulator::add`] counts them for the case it
/// describes (its pathway: the contact, then the exit). Every counter is
/// added to, by 0 or 1: no branch on the row's dates (present or not, in
/// the period or not, at random).
#[inline(always)]
fn count(
    c: &mut Counters,
    f: &Facts,
    (start, end): (i32, i32),
    (outcomes, positive): (&[u8], u8),
    (pre_reprise, reprise): (u8, u8),
) {
    let inside = |d: i32| (d >= start) & (d <= end);
    let s = f.signalement;
    // the days from the signalement (a date of the row not before it)
    let days = |to: i32| u64::try_from(i64::from(to) - i64::from(s)).unwrap_or(0);
    let signalled = u64::from(inside(s));
    c.signalements += signalled;
    c.signalements_pre_reprise += signalled & u64::from(f.source_visit == pre_reprise);
    bump_by(
        &mut c.signalements_par_origine,
        usize::from(f.signalled_by),
        signalled,
    );
    let (has_contact, contact) = f.contact;
    let entered = u64::from(has_contact & inside(contact));
    c.entrees += entered;
    c.delai_contact.0 += entered;
    c.delai_contact.1 += entered * days(contact);
    let (has_exit, exit, result) = f.exit;
    let out = u64::from(has_exit & inside(exit));
    bump_by(&mut c.sorties, usize::from(result), out);
    let outcome = outcomes.get(usize::from(result)).copied().unwrap_or(0);
    bump_by(&mut c.sorties_par_issue, usize::from(outcome), out);
    c.delai_sortie.0 += out;
    c.delai_sortie.1 += out * days(exit);
    let at_risk = out & u64::from((f.source_visit == pre_reprise) | (f.source_visit == reprise));
    c.sorties_a_risque += at_risk;
    c.sorties_a_risque_positives += at_risk & u64::from(outcome == positive);
}

#[cfg(test)]
mod tests;
