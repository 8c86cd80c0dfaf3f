//! Tables of cases from Python: Arrow tables through the Arrow PyCapsule
//! interface (`__arrow_c_stream__`: pyarrow, pandas ≥ 2.2, polars), whose
//! cells are read in place by `cme_pdp::table::read_cells` (no value is
//! converted or copied, no row-by-row work in Python), and lists of row
//! dicts. `cme_pdp::table` owns the rules.

use std::sync::{Mutex, MutexGuard, PoisonError};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, LargeStringArray,
    StringArray, StringViewArray,
};
use arrow_schema::DataType;
use cme_pdp::case::Case;
use cme_pdp::indicators::Accumulator;
use cme_pdp::table::columnar::accumulate_typed;
use cme_pdp::table::{
    accumulate_cells, read_cells, Cell, CellSource, RowIssue, TableRead, COLUMNS,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3_arrow::input::AnyRecordBatch;
use serde_json::Value;

use crate::convert::{py_to_json, to_py};
use crate::error::{input_error, to_py_err};

/// The days from 0001-01-01 (CE) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

fn unsupported(py: Python<'_>, column: &str) -> PyErr {
    crate::error::input_issue(
        py,
        cme_pdp::issue::IssueCode::UnsupportedType,
        column,
        &[(
            "expected",
            "Arrow utf8, large_utf8, utf8_view, dictionary, int, float, bool, date, timestamp, list",
        )],
    )
}

/// One documented column of an Arrow batch, typed as the reader wants it
/// (read in place: no value is copied).
pub(crate) enum Column {
    /// A column of nulls.
    Null,
    Utf8(StringArray),
    LargeUtf8(LargeStringArray),
    Utf8View(StringViewArray),
    Int(Int64Array),
    Float(Float64Array),
    Bool(BooleanArray),
    Date(Date32Array),
    /// A list column (`consent_sharing_with` as a list of texts), as JSON.
    Json(Vec<Value>),
    /// A dictionary column read in place: each row's key into the column
    /// of its values (a value of 1 MB shared by a million rows is read
    /// where it is, never expanded into a million copies).
    Dict {
        /// The keys as they come (any integer type: never widened).
        keys: ArrayRef,
        nulls: Option<arrow_buffer::NullBuffer>,
        /// The number of values (at least one); a key past them points at
        /// the last, as `normalized_keys` of arrow-rs reads it.
        len: usize,
        values: Box<Column>,
    },
}

/// The value a dictionary's key at `row` points at ([`value_of_key`]),
/// or `None` past the keys or for keys that are not integers.
pub(crate) fn dict_key(keys: &dyn Array, row: usize, len: usize) -> Option<usize> {
    let last = len.checked_sub(1)?;
    arrow_array::downcast_integer_array!(
        keys => keys.values().get(row).map(|k| value_of_key(*k, last)),
        _ => None,
    )
}

/// The value a dictionary's key points at, of values `0..=last`: a key
/// past them (one the Arrow producer did not check, or negative) points
/// at the last, as `normalized_keys` of arrow-rs reads it.
#[inline(always)]
pub(crate) fn value_of_key<K: arrow_buffer::ArrowNativeType>(key: K, last: usize) -> usize {
    key.as_usize().min(last)
}

impl Column {
    fn new(py: Python<'_>, name: &str, array: &ArrayRef) -> PyResult<Column> {
        let cast = |to: &DataType| arrow_cast::cast(array, to).map_err(|_| unsupported(py, name));
        Ok(match array.data_type() {
            DataType::Null => Column::Null,
            DataType::Utf8 => Column::Utf8(array.as_string::<i32>().clone()),
            DataType::LargeUtf8 => Column::LargeUtf8(array.as_string::<i64>().clone()),
            DataType::Utf8View => Column::Utf8View(array.as_string_view().clone()),
            DataType::Dictionary(_, _) => {
                let Some(dict) = array.as_any_dictionary_opt() else {
                    return Err(unsupported(py, name));
                };
                if dict.values().is_empty() {
                    // no value to point at: every row is missing
                    Column::Null
                } else {
                    Column::Dict {
                        keys: arrow_array::make_array(dict.keys().to_data()),
                        nulls: dict.keys().logical_nulls(),
                        len: dict.values().len(),
                        values: Box::new(Column::new(py, name, dict.values())?),
                    }
                }
            }
            DataType::Boolean => Column::Bool(array.as_boolean().clone()),
            t if t.is_integer() => {
                Column::Int(cast(&DataType::Int64)?.as_primitive::<Int64Type>().clone())
            }
            t if t.is_floating() => Column::Float(
                cast(&DataType::Float64)?
                    .as_primitive::<Float64Type>()
                    .clone(),
            ),
            DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, _) => Column::Date(
                cast(&DataType::Date32)?
                    .as_primitive::<Date32Type>()
                    .clone(),
            ),
            DataType::List(_) => list_column(py, name, array.as_list::<i32>())?,
            DataType::LargeList(_) => list_column(py, name, array.as_list::<i64>())?,
            _ => return Err(unsupported(py, name)),
        })
    }

    fn cell(&self, row: usize) -> Cell<'_> {
        match self {
            Column::Null => Cell::Null,
            Column::Utf8(a) => text(a, row),
            Column::LargeUtf8(a) => text(a, row),
            Column::Utf8View(a) => text(a, row),
            Column::Int(a) if a.is_valid(row) => Cell::Integer(a.value(row)),
            // NaN (pandas' missing value), integral and infinite floats are
            // the core's to read (`cme_pdp::table::Cell::Float`).
            Column::Float(a) if a.is_valid(row) => Cell::Float(a.value(row)),
            Column::Bool(a) if a.is_valid(row) => Cell::Boolean(a.value(row)),
            // A date outside chrono's range becomes a text that is not a
            // date: refused at its row and column, not dropped.
            Column::Date(a) if a.is_valid(row) => a
                .value(row)
                .checked_add(UNIX_EPOCH_DAYS_FROM_CE)
                .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
                .map_or(Cell::Text("hors-limites"), Cell::Date),
            Column::Json(values) => values.get(row).map_or(Cell::Null, Cell::Json),
            Column::Dict {
                keys,
                nulls,
                len,
                values,
            } => match dict_key(keys.as_ref(), row, *len) {
                Some(k) if nulls.as_ref().is_none_or(|n| n.is_valid(row)) => values.cell(k),
                _ => Cell::Null,
            },
            Column::Int(_) | Column::Float(_) | Column::Bool(_) | Column::Date(_) => Cell::Null,
        }
    }
}

/// A list column (`consent_sharing_with`) as JSON values, its items read
/// in place (texts, views, dictionaries: never expanded by a cast): at
/// most `MAX_PARTNERS + 1` items of a cell (the core refuses more) and
/// `cme_pdp::limits::MAX_LIST_TEXT_CHARS` characters of a text.
fn list_column<O: arrow_array::OffsetSizeTrait>(
    py: Python<'_>,
    name: &str,
    list: &arrow_array::GenericListArray<O>,
) -> PyResult<Column> {
    let items = Column::new(py, name, list.values())?;
    let offsets = list.value_offsets();
    let most = cme_pdp::limits::MAX_PARTNERS + 1;
    let mut out = Vec::with_capacity(list.len());
    for (row, pair) in offsets.windows(2).enumerate() {
        let (Some(start), Some(end)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        if list.is_null(row) {
            out.push(Value::Null);
            continue;
        }
        let (start, end) = (start.as_usize(), end.as_usize());
        let cell = (start..end.min(start.saturating_add(most)))
            .map(|j| match items.cell(j) {
                Cell::Text(t) => Value::String(
                    t.chars()
                        .take(cme_pdp::limits::MAX_LIST_TEXT_CHARS)
                        .collect(),
                ),
                Cell::Integer(i) => Value::from(i),
                Cell::Float(f) => {
                    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
                }
                Cell::Boolean(b) => Value::Bool(b),
                Cell::Date(d) => Value::String(d.to_string()),
                Cell::Json(v) => v.clone(),
                Cell::Null => Value::Null,
            })
            .collect();
        out.push(Value::Array(cell));
    }
    Ok(Column::Json(out))
}

fn text<'a, A>(array: A, row: usize) -> Cell<'a>
where
    A: arrow_array::ArrayAccessor<Item = &'a str>,
{
    if array.is_valid(row) {
        Cell::Text(array.value(row))
    } else {
        Cell::Null
    }
}

/// A batch of an Arrow table as cells for `cme_pdp::table::read_cells`.
pub(crate) struct Batch {
    /// For each documented column (`cme_pdp::table::COLUMNS`), the batch's.
    pub(crate) documented: Vec<Option<Column>>,
    /// The columns that are not documented: their names and where they are
    /// null.
    unknown: Vec<(String, Option<arrow_buffer::NullBuffer>, usize)>,
}

impl Batch {
    /// The batch's columns; with `keep` (a report's columns,
    /// `cme_pdp::table::columnar::report_columns`), only those of the
    /// documented columns are converted (the undocumented ones are kept, to
    /// be reported).
    fn new(
        py: Python<'_>,
        batch: &arrow_array::RecordBatch,
        keep: Option<&[bool; COLUMNS.len()]>,
    ) -> PyResult<Batch> {
        let schema = batch.schema();
        let mut documented: Vec<Option<Column>> = COLUMNS.iter().map(|_| None).collect();
        // The first column of a name is the one read.
        let mut seen = vec![false; COLUMNS.len()];
        let mut unknown = Vec::new();
        for (field, array) in schema.fields().iter().zip(batch.columns()) {
            let name = field.name();
            match COLUMNS.iter().position(|c| c.name == name.as_str()) {
                Some(k) if keep.is_some_and(|keep| !keep.get(k).copied().unwrap_or(false)) => {}
                Some(k) => {
                    if let (Some(slot), Some(seen @ false)) =
                        (documented.get_mut(k), seen.get_mut(k))
                    {
                        *seen = true;
                        let column = Column::new(py, name, array)?;
                        // A column empty in the whole batch (an optional
                        // field a service never fills) is read as absent:
                        // its cells are not looked at one by one.
                        if array.null_count() < array.len() {
                            *slot = Some(column);
                        }
                    }
                }
                None => unknown.push((name.clone(), array.logical_nulls(), array.len())),
            }
        }
        Ok(Batch {
            documented,
            unknown,
        })
    }
}

impl CellSource for Batch {
    fn cell(&self, column: usize, row: usize) -> Cell<'_> {
        match self.documented.get(column) {
            Some(Some(c)) => c.cell(row),
            _ => Cell::Null,
        }
    }

    fn may_have_unknown_columns(&self) -> bool {
        !self.unknown.is_empty()
    }

    fn unknown_columns(&self, row: usize, found: &mut dyn FnMut(&str)) {
        for (name, nulls, len) in &self.unknown {
            let valid = row < *len && nulls.as_ref().is_none_or(|n| n.is_valid(row));
            if valid {
                found(name);
            }
        }
    }
}

/// What was read of a table: the cases in the parts read apart (on each
/// core, batch after batch), kept as they are rather than copied into one
/// vector (a million cases are 240 MB: the copy and its fresh pages cost
/// more than reading); the row of each case and every problem, in order.
#[derive(Default)]
struct Read {
    parts: Vec<Vec<Case>>,
    rows: Vec<usize>,
    /// The problems (no case: those are in `parts`), capped as the core
    /// caps them ([`TableRead::append`], [`TableRead::finish`]).
    log: TableRead,
    /// In [`Keep::Indicators`] mode, the indicators of the valid rows, one
    /// accumulator per part (the cases themselves are not kept).
    accumulators: Vec<Accumulator>,
}

/// What reading a table keeps of its valid rows.
#[derive(Clone, Copy)]
enum Keep<'a> {
    /// The cases (a `CaseTable`).
    Cases,
    /// Only their indicators, into accumulators of this one's policy,
    /// period and dimensions (`cme_pdp::table::accumulate_cells`: each
    /// case is added as it is read, and not kept).
    Indicators(&'a Accumulator),
}

impl Read {
    fn push(&mut self, mut part: TableRead) {
        let cases = std::mem::take(&mut part.cases);
        if !cases.is_empty() {
            self.parts.push(cases);
        }
        self.rows.extend(std::mem::take(&mut part.rows));
        self.log.append(part);
    }

    /// The problems, once the whole table is read.
    fn issues(&self) -> &[RowIssue] {
        &self.log.issues
    }

    /// Reads `range` of `src` as `keep` asks.
    fn of(
        src: &Batch,
        range: std::ops::Range<usize>,
        first_row: usize,
        as_of: Option<chrono::NaiveDate>,
        keep: Keep<'_>,
    ) -> Read {
        let mut out = Read::default();
        match keep {
            Keep::Cases => out.push(read_cells(src, range, first_row, as_of)),
            Keep::Indicators(like) => {
                let mut acc = Accumulator::new(like.spec.clone(), like.policy.clone());
                out.log = if cme_pdp::table::columnar::report_columns(&like.spec).is_some() {
                    // A report of the flow figures: counted from the typed
                    // columns of the piece.
                    let typed = crate::typed::TypedColumns::of(src, range.clone());
                    accumulate_typed(src, &typed.piece(), range, first_row, as_of, &mut acc)
                } else {
                    accumulate_cells(src, range, first_row, as_of, &mut acc)
                };
                out.accumulators.push(acc);
            }
        }
        out
    }

    fn extend(&mut self, other: Read) {
        self.parts.extend(other.parts);
        self.rows.extend(other.rows);
        self.log.append(other.log);
        self.accumulators.extend(other.accumulators);
    }

    fn cases(&self) -> impl Iterator<Item = &Case> {
        self.parts.iter().flatten()
    }
}

/// Reads a table given by a Python object: an Arrow object
/// (`__arrow_c_stream__` or `__arrow_c_array__`), read batch by batch, each
/// batch on the machine's cores; an iterator of Arrow objects (the batches
/// of a polars LazyFrame collected in streaming, a pyarrow
/// `ParquetFile.iter_batches()`), read the same way, one item at a time,
/// the rows numbered across items; or a sequence of dicts. Returns what was
/// read and the number of rows. When only indicators are kept, the pieces'
/// accumulators are merged after each batch: the memory of a streamed
/// table is that of a batch, whatever its length.
fn read_any(
    py: Python<'_>,
    table: &Bound<'_, PyAny>,
    as_of: Option<chrono::NaiveDate>,
    keep: Keep<'_>,
) -> PyResult<(Read, usize)> {
    let is_arrow = |o: &Bound<'_, PyAny>| -> PyResult<bool> {
        Ok(o.hasattr("__arrow_c_stream__")? || o.hasattr("__arrow_c_array__")?)
    };
    let arrow = is_arrow(table)?;
    let sequence =
        table.is_instance_of::<PyList>() || table.is_instance_of::<pyo3::types::PyTuple>();
    let iterator = !(arrow || sequence) && table.hasattr("__next__")?;
    if !arrow && !iterator {
        let mut out = read_row_dicts(py, table, as_of, keep)?;
        let n = out.1;
        out.0.log.finish();
        return Ok((out.0, n));
    }
    let mut pieces = Pieces {
        as_of,
        keep,
        out: Read::default(),
        n: 0,
        pending: Vec::new(),
        pending_rows: 0,
    };
    if iterator {
        for item in table.try_iter()? {
            let item = item?;
            if !is_arrow(&item)? {
                return Err(crate::error::input_issue(
                    py,
                    cme_pdp::issue::IssueCode::UnsupportedType,
                    "",
                    &[(
                        "expected",
                        "an iterator of Arrow tables or batches (polars or pandas DataFrame, pyarrow Table or RecordBatch)",
                    )],
                ));
            }
            if let Some(stop) = pieces.feed(py, &item)? {
                return Ok(stop);
            }
        }
    } else if let Some(stop) = pieces.feed(py, table)? {
        return Ok(stop);
    }
    pieces.flush(py)?;
    let Pieces { mut out, n, .. } = pieces;
    out.log.finish();
    Ok((out, n))
}

/// The batches of a table on their way to the reader: small batches (a
/// table of many small chunks) are joined into pieces of at least
/// `PIECE_ROWS` rows before they are read, since each read batch has a
/// fixed cost (its columns matched and converted, its threads), which
/// one-row chunks would pay once per row.
struct Pieces<'a> {
    as_of: Option<chrono::NaiveDate>,
    keep: Keep<'a>,
    out: Read,
    /// Rows read so far.
    n: usize,
    pending: Vec<arrow_array::RecordBatch>,
    pending_rows: usize,
}

impl Pieces<'_> {
    /// Reads the batches of an Arrow object; `Some` with what to return at
    /// once when the rows pass the documented limit.
    fn feed(
        &mut self,
        py: Python<'_>,
        arrow: &Bound<'_, PyAny>,
    ) -> PyResult<Option<(Read, usize)>> {
        let input: AnyRecordBatch = arrow.extract()?;
        for batch in input.into_reader()? {
            let batch = batch.map_err(|_| unsupported(py, ""))?;
            let seen = self.n + self.pending_rows + batch.num_rows();
            if let Some(issue) = cme_pdp::table::too_many_rows(seen) {
                // Stop before converting: past the documented limit (the
                // rows of every batch so far counted), no work.
                let out = Read {
                    log: TableRead {
                        issues: vec![issue],
                        ..TableRead::default()
                    },
                    ..Read::default()
                };
                return Ok(Some((out, seen)));
            }
            let joinable = self
                .pending
                .first()
                .is_none_or(|first| first.schema() == batch.schema());
            if batch.num_rows() >= PIECE_ROWS || !joinable {
                // a large batch is read as it is, never copied; batches of
                // two schemas are never joined
                self.flush(py)?;
            }
            self.pending_rows += batch.num_rows();
            self.pending.push(batch);
            if self.pending_rows >= PIECE_ROWS {
                self.flush(py)?;
            }
        }
        Ok(None)
    }

    /// Reads the pending batches (joined into one) on the machine's cores.
    fn flush(&mut self, py: Python<'_>) -> PyResult<()> {
        let batch = match self.pending.len() {
            0 => return Ok(()),
            1 => self.pending.pop(),
            _ => {
                let schema = self.pending.first().map(arrow_array::RecordBatch::schema);
                let joined = schema.and_then(|schema| {
                    arrow_select::concat::concat_batches(&schema, self.pending.iter()).ok()
                });
                self.pending.clear();
                Some(joined.ok_or_else(|| unsupported(py, ""))?)
            }
        };
        let Some(batch) = batch else {
            return Ok(());
        };
        let len = batch.num_rows();
        let keep = match self.keep {
            Keep::Indicators(like) => {
                cme_pdp::table::columnar::report_columns(&like.spec).map(|names| {
                    let mut keep = [false; COLUMNS.len()];
                    for (k, c) in keep.iter_mut().zip(COLUMNS) {
                        *k = names.contains(&c.name);
                    }
                    keep
                })
            }
            Keep::Cases => None,
        };
        let cells = Batch::new(py, &batch, keep.as_ref())?;
        let (first, as_of, keep, out) = (self.n, self.as_of, self.keep, &mut self.out);
        py.detach(|| {
            read_parallel(&cells, len, first, as_of, keep, out);
            // One accumulator for all the rows read so far (same policy,
            // period and dimensions by construction).
            if out.accumulators.len() > 1 {
                let mut parts = std::mem::take(&mut out.accumulators).into_iter();
                if let Some(mut total) = parts.next() {
                    for part in parts {
                        total.merge(&part)?;
                    }
                    out.accumulators.push(total);
                }
            }
            Ok(())
        })
        .map_err(|e| merge_error(py, &e))?;
        self.n += len;
        self.pending_rows = 0;
        Ok(())
    }
}

/// Reads a table given as a list (or tuple) of row dicts: counted before
/// any row is converted (`too_many_items` at `rows` past
/// `cme_pdp::limits::MAX_ROWS`), then converted and read part after part,
/// so that only one part's JSON is held at a time (each row a document of
/// at most `cme_pdp::limits::MAX_JSON_BYTES`). The problems are not
/// finished (`TableRead::finish`).
fn read_row_dicts(
    py: Python<'_>,
    table: &Bound<'_, PyAny>,
    as_of: Option<chrono::NaiveDate>,
    keep: Keep<'_>,
) -> PyResult<(Read, usize)> {
    if !(table.is_instance_of::<PyList>() || table.is_instance_of::<pyo3::types::PyTuple>()) {
        return Err(crate::error::input_issue(
            py,
            cme_pdp::issue::IssueCode::UnsupportedType,
            "",
            &[(
                "expected",
                "pandas.DataFrame, polars.DataFrame, pyarrow.Table, list of dict",
            )],
        ));
    }
    let n = table.len()?;
    let mut out = Read::default();
    if let Some(issue) = cme_pdp::table::too_many_rows(n) {
        out.log.issues.push(issue);
        return Ok((out, n));
    }
    let mut acc = match keep {
        Keep::Indicators(like) => Some(Accumulator::new(like.spec.clone(), like.policy.clone())),
        Keep::Cases => None,
    };
    let mut start = 0;
    while start < n {
        let end = start.saturating_add(PIECE_ROWS).min(n);
        let mut rows = Vec::with_capacity(end - start);
        for i in start..end {
            let at = ["rows".to_string(), format!("[{i}]")];
            rows.push(crate::convert::py_to_json_within(
                &table.get_item(i)?,
                cme_pdp::limits::MAX_JSON_BYTES,
                &at,
            )?);
        }
        match acc.as_mut() {
            Some(acc) => {
                // counted as read (a report of the flow figures reads only
                // their columns)
                let read =
                    py.detach(|| cme_pdp::table::accumulate_rows_at(&rows, start, as_of, acc));
                out.log.append(read);
            }
            None => out.push(py.detach(|| cme_pdp::table::read_rows_at(&rows, start, as_of))),
        }
        drop(rows);
        start = end;
    }
    out.accumulators.extend(acc);
    Ok((out, n))
}

/// Rows a reading thread takes at a time: the threads share the batch
/// piece by piece rather than in equal halves, so that a thread slowed down
/// (another process on its core) leaves its remaining pieces to the others.
const PIECE_ROWS: usize = 16_384;

/// The fewest rows of a piece of a batch smaller than a piece per core
/// (a batch of `PIECE_ROWS` rows is cut in as many pieces as there are
/// cores, where it was read whole by one thread, the others idle).
const MIN_PIECE_ROWS: usize = 2_048;

/// The rows of a piece of a batch of `len` rows read on `cores` cores
/// ([`PIECE_ROWS`], fewer when the batch has not a piece for each core).
///
/// A piece of a large batch is [`PIECE_ROWS`] rows; a smaller batch is
/// shared between the cores, in pieces of at least [`MIN_PIECE_ROWS`].
fn piece_rows(len: usize, cores: usize) -> usize {
    PIECE_ROWS.min(len.div_ceil(cores.max(1)).max(MIN_PIECE_ROWS))
}

/// Reads `len` rows of a batch on the machine's cores into `out`: pieces
/// read apart join up in row order (`cme_pdp::table::read_cells` numbers
/// rows in the whole table).
fn read_parallel(
    cells: &Batch,
    len: usize,
    first_row: usize,
    as_of: Option<chrono::NaiveDate>,
    keep: Keep<'_>,
    out: &mut Read,
) {
    let cores = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    let piece = piece_rows(len, cores);
    let threads = cores.min(len.div_ceil(piece).max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let next = &next;
    let mut pieces: Vec<(usize, Read)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut mine = Vec::new();
                    loop {
                        let start = next.fetch_add(piece, std::sync::atomic::Ordering::Relaxed);
                        if start >= len {
                            break mine;
                        }
                        let end = start.saturating_add(piece).min(len);
                        mine.push((start, Read::of(cells, start..end, first_row, as_of, keep)));
                    }
                })
            })
            .collect();
        // A panic of a reading thread is carried on (pyo3 raises it as
        // PanicException): never a silently missing range.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    pieces.sort_unstable_by_key(|(start, _)| *start);
    pieces.into_iter().for_each(|(_, piece)| out.extend(piece));
}

/// The error of two accumulators that cannot be merged (code and messages
/// from the core).
fn merge_error(py: Python<'_>, e: &cme_pdp::indicators::MergeError) -> PyErr {
    input_error(py, e.code(), e.path(), e.message_fr(), e.message_en())
}

/// `ValidationError` (code `invalid_case`) listing the problems of every
/// invalid row, each with its `row` and `column`.
fn rows_error(py: Python<'_>, issues: &[RowIssue]) -> PyResult<PyErr> {
    let list: Vec<_> = issues.iter().map(|i| i.issue.clone()).collect();
    let err = to_py_err(
        py,
        &cme_pdp::error::CmeError::InvalidCase(cme_pdp::validate::ValidationError { issues: list }),
    );
    let items = err.value(py).getattr("_issues")?;
    for (item, i) in items.try_iter()?.zip(issues) {
        let item = item?;
        item.set_item("row", i.row)?;
        item.set_item("column", &i.column)?;
    }
    Ok(err)
}

fn issue_dict<'py>(py: Python<'py>, i: &RowIssue) -> PyResult<Bound<'py, PyAny>> {
    let d = to_py(py, &i.issue)?;
    if let Ok(dict) = d.cast::<PyDict>() {
        dict.set_item("row", i.row)?;
        dict.set_item("column", &i.column)?;
    }
    Ok(d)
}

/// The cases of a table read once, kept in Rust, with the problems of the
/// rows that could not be read.
#[pyclass(module = "cme._cme", frozen)]
pub struct CaseTable {
    read: Read,
    total_rows: usize,
}

#[pymethods]
impl CaseTable {
    /// The number of valid rows (cases).
    fn __len__(&self) -> usize {
        self.read.parts.iter().map(Vec::len).sum()
    }

    /// The number of rows read, valid or not.
    #[getter]
    fn total_rows(&self) -> usize {
        self.total_rows
    }

    /// The row number (from 0) of each case.
    #[getter]
    fn rows(&self) -> Vec<usize> {
        self.read.rows.clone()
    }

    /// Every problem: dicts with `row`, `column`, `code`, `path`, `params`,
    /// `message`, `message_en`.
    #[getter]
    fn issues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .read
            .issues()
            .iter()
            .map(|i| issue_dict(py, i))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// Raises `ValidationError` (code `invalid_case`) listing the problems
    /// of every invalid row, each with its `row` and `column`; does nothing
    /// when every row is valid.
    fn check(&self, py: Python<'_>) -> PyResult<()> {
        if self.read.issues().is_empty() {
            return Ok(());
        }
        Err(rows_error(py, self.read.issues())?)
    }

    /// The cases in the interchange format (dicts).
    fn cases<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cases: Vec<&Case> = self.read.cases().collect();
        to_py(py, &cases)
    }
}

/// Reads a table of cases (see `cme_pdp::table`).
#[pyfunction]
#[pyo3(signature = (table, as_of=None))]
pub fn read_table(
    py: Python<'_>,
    table: &Bound<'_, PyAny>,
    as_of: Option<&str>,
) -> PyResult<CaseTable> {
    let as_of = match as_of {
        Some(text) => Some(cme_pdp::error::parse_as_of(text).map_err(|e| to_py_err(py, &e))?),
        None => None,
    };
    let (read, total_rows) = read_any(py, table, as_of, Keep::Cases)?;
    Ok(CaseTable { read, total_rows })
}

/// The flat columns of a table of cases: name, kind, French description.
#[pyfunction]
pub fn table_columns(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &cme_pdp::table::COLUMNS)
}

/// The flow figures: a report of these only reads few columns of a table
/// (`cme_pdp::indicators::FLOW_INDICATORS`).
#[pyfunction]
pub fn flow_indicators() -> Vec<&'static str> {
    cme_pdp::indicators::FLOW_INDICATORS.to_vec()
}

/// The flat row of a case (`None` when the case needs more than a row).
#[pyfunction]
pub fn case_row<'py>(py: Python<'py>, case: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = py_to_json(case)?;
    let case = cme_pdp::validate::parse_case(&value, &Default::default())
        .map_err(|e| to_py_err(py, &cme_pdp::error::CmeError::from(e)))?;
    match cme_pdp::table::case_row(&case) {
        Some(row) => crate::convert::json_to_py(py, &row),
        None => Ok(py.None().into_bound(py)),
    }
}

/// Indicators accumulated case by case; mergeable and picklable, for runs
/// split over partitions, processes or machines. Shared by threads: the
/// accumulator is behind a lock that is only held without the GIL (input
/// is converted first, with the GIL; the counting is done without it), so
/// that threads add, merge and finish concurrently without a borrow error
/// or a deadlock.
#[pyclass(module = "cme._cme", frozen)]
pub struct IndicatorAccumulator {
    inner: Mutex<Accumulator>,
}

impl IndicatorAccumulator {
    fn wrap(inner: Accumulator) -> Self {
        IndicatorAccumulator {
            inner: Mutex::new(inner),
        }
    }

    /// The accumulator, locked. Called only without the GIL (inside
    /// `py.detach`), or for an instant with it. A panic while locked (none
    /// is expected: the core does not panic) leaves the counts as they
    /// were merged: the lock is not poisoned for the other threads.
    fn lock(&self) -> MutexGuard<'_, Accumulator> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// An empty accumulator of the same policy, period and dimensions.
    fn empty_like(&self, py: Python<'_>) -> Accumulator {
        py.detach(|| {
            let g = self.lock();
            Accumulator::new(g.spec.clone(), g.policy.clone())
        })
    }

    /// Merges `part` in, atomically (all of it or nothing).
    fn merge_in(&self, py: Python<'_>, part: &Accumulator) -> PyResult<()> {
        py.detach(|| self.lock().merge(part))
            .map_err(|e| merge_error(py, &e))
    }
}

#[pymethods]
impl IndicatorAccumulator {
    #[new]
    #[pyo3(signature = (policy, period, by=Vec::new(), indicators=Vec::new()))]
    fn new(
        py: Python<'_>,
        policy: &Bound<'_, PyAny>,
        period: &str,
        by: Vec<String>,
        indicators: Vec<String>,
    ) -> PyResult<Self> {
        let policy = py_to_json(policy)?;
        let period = cme_pdp::indicators::Period::parse(period).map_err(|e| to_py_err(py, &e))?;
        let inner = cme_pdp::indicators::accumulator_of(&policy, period, &by, &indicators)
            .map_err(|e| to_py_err(py, &e))?;
        Ok(IndicatorAccumulator::wrap(inner))
    }

    /// The documented columns the report reads, or `None` when it reads
    /// whole rows (`cme_pdp::table::columnar::report_columns`).
    #[getter]
    fn columns(&self, py: Python<'_>) -> Option<Vec<&'static str>> {
        py.detach(|| cme_pdp::table::columnar::report_columns(&self.lock().spec))
    }

    /// Of `columns`, those that hold codes, which a reader can give as
    /// dictionaries (`cme_pdp::table::columnar::report_code_columns`).
    #[getter]
    fn dictionary_columns(&self, py: Python<'_>) -> Option<Vec<&'static str>> {
        py.detach(|| cme_pdp::table::columnar::report_code_columns(&self.lock().spec))
    }

    /// Adds the cases of a `CaseTable`.
    fn add_table(&self, py: Python<'_>, table: &CaseTable) -> PyResult<()> {
        let mut part = self.empty_like(py);
        py.detach(|| table.read.cases().for_each(|c| part.add(c)));
        self.merge_in(py, &part)
    }

    /// Adds the valid rows of a table (an Arrow object or row dicts) in
    /// one pass: the cores read the rows piece by piece, each piece into
    /// its own accumulator, merged at the end; the cases are not kept.
    /// Returns the problems of the invalid rows (dicts with `row` and
    /// `column`); with `raise_invalid`, a problem raises `ValidationError`
    /// and nothing is added.
    #[pyo3(signature = (table, raise_invalid=true))]
    fn add_rows<'py>(
        &self,
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
        raise_invalid: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let like = self.empty_like(py);
        let (read, _) = read_any(py, table, None, Keep::Indicators(&like))?;
        if raise_invalid && !read.issues().is_empty() {
            return Err(rows_error(py, read.issues())?);
        }
        // Same policy, period and dimensions by construction: the pieces
        // are merged together first, then into this accumulator at once.
        let mut total = like;
        for part in &read.accumulators {
            py.detach(|| total.merge(part))
                .map_err(|e| merge_error(py, &e))?;
        }
        self.merge_in(py, &total)?;
        let items = read
            .issues()
            .iter()
            .map(|i| issue_dict(py, i))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// Adds cases in the interchange format (a list of dicts); a problem
    /// raises `ValidationError` (paths `cases[i]…`) and adds nothing.
    fn add_cases(&self, py: Python<'_>, cases: &Bound<'_, PyAny>) -> PyResult<()> {
        // converted part after part (never all held as JSON), counted into
        // a part merged at the end: nothing is added when a case is invalid
        let mut part = self.empty_like(py);
        let mut issues = cme_pdp::validate::ListIssues::new("cases");
        let mut i = 0usize;
        crate::for_each_case_part(py, cases, |values| {
            py.detach(|| {
                for v in values {
                    if let Some(case) = issues.read_case(i, v, &Default::default()) {
                        part.add(&case);
                    }
                    i += 1;
                }
            });
        })?;
        if !issues.is_empty() {
            let e = cme_pdp::validate::ValidationError {
                issues: issues.finish(),
            };
            return Err(to_py_err(py, &cme_pdp::error::CmeError::InvalidCase(e)));
        }
        self.merge_in(py, &part)
    }

    /// Adds the cell's activity records (`{"date", "kind"}`: partner
    /// meetings, workshops); a problem raises `ValidationError`.
    fn add_activities(&self, py: Python<'_>, activities: &Bound<'_, PyAny>) -> PyResult<()> {
        let values = match py_to_json(activities)? {
            Value::Array(items) => items,
            _ => return Err(unsupported(py, "activities")),
        };
        let list = cme_pdp::indicators::parse_activities(&values)
            .map_err(|e| to_py_err(py, &cme_pdp::error::CmeError::InvalidCase(e)))?;
        let mut part = self.empty_like(py);
        list.into_iter()
            .for_each(|(date, kind)| part.add_activity(date, kind));
        self.merge_in(py, &part)
    }

    /// Merges another accumulator of the same policy, period and dimensions
    /// (itself too: its counts are copied first, so the lock is never held
    /// twice).
    fn merge(&self, py: Python<'_>, other: &IndicatorAccumulator) -> PyResult<()> {
        let theirs = py.detach(|| other.lock().clone());
        self.merge_in(py, &theirs)
    }

    /// The number of cases added.
    #[getter]
    fn cases(&self, py: Python<'_>) -> u64 {
        py.detach(|| self.lock().cases)
    }

    /// The report (a dict), as `cme.indicators` returns it.
    fn finish<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let report = py
            .detach(|| self.lock().report())
            .map_err(|e| to_py_err(py, &e))?;
        let value = py.detach(|| serde_json::to_value(report));
        crate::convert::json_to_py(py, &value.unwrap_or(Value::Null))
    }

    /// The state as JSON text.
    fn state(&self, py: Python<'_>) -> String {
        py.detach(|| self.lock().to_state_json())
    }

    /// An accumulator from its state (checked).
    #[staticmethod]
    fn from_state(py: Python<'_>, state: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| Accumulator::from_state_json(state))
            .map_err(|e| to_py_err(py, &e))?;
        Ok(IndicatorAccumulator::wrap(inner))
    }

    /// Pickling: rebuilt from its state.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let from_state = py
            .get_type::<IndicatorAccumulator>()
            .getattr("from_state")?;
        let state = slf.get().state(py);
        Ok((from_state, (state,)).into_pyobject(py)?.into_any())
    }
}

/// A seeded synthetic table of `n` cases (flat rows, column → values), for
/// notebooks, tests and benchmarks: the cases of `cme_pdp::synthetic`
/// that fit a row (the others are replaced by the next ones drawn).
#[pyfunction]
#[pyo3(signature = (n, seed=2026))]
pub fn synthetic_columns(py: Python<'_>, n: usize, seed: u64) -> PyResult<Bound<'_, PyDict>> {
    if n > cme_pdp::limits::MAX_ROWS {
        let issue = cme_pdp::issue::Issue::new(
            cme_pdp::issue::IssueCode::TooManyItems,
            cme_pdp::issue::Path::root().key("n"),
        )
        .with("max", cme_pdp::limits::MAX_ROWS);
        return Err(crate::error::input_error_issue(py, &issue));
    }
    let rows: Vec<Value> = py.detach(|| {
        let options = cme_pdp::synthetic::PopulationOptions::default();
        let mut rows = Vec::with_capacity(n);
        let mut round = 0u64;
        while rows.len() < n && round < 64 {
            let need = n - rows.len();
            let batch = cme_pdp::synthetic::population(
                need + need / 2 + 16,
                seed.wrapping_add(round),
                &options,
            );
            rows.extend(batch.iter().filter_map(cme_pdp::table::case_row).take(need));
            round += 1;
        }
        // Unique ids across the rounds of the generator.
        for (i, row) in rows.iter_mut().enumerate() {
            if let Value::Object(map) = row {
                map.insert("id".into(), Value::String(format!("SYN-{i:07}")));
            }
        }
        rows
    });
    if rows.len() < n {
        return Err(crate::error::input_issue(
            py,
            cme_pdp::issue::IssueCode::SyntheticShortfall,
            "n",
            &[],
        ));
    }
    let out = PyDict::new(py);
    for column in cme_pdp::table::COLUMNS {
        let values = PyList::empty(py);
        for row in &rows {
            let v = row.get(column.name).unwrap_or(&Value::Null);
            values.append(crate::convert::json_to_py(py, v)?)?;
        }
        out.set_item(column.name, values)?;
    }
    Ok(out)
}

/// Reads a CSV export given as bytes (see `cme_pdp::export`): the table of
/// its valid rows, the reading as a dict (how the file was read, its
/// columns, every problem with its row, line and header) and the reading
/// told in French and in English.
#[pyfunction]
#[pyo3(signature = (data, profile, extra_columns=None, encoding=None, delimiter=None, as_of=None))]
#[allow(clippy::too_many_arguments)]
pub fn read_csv<'py>(
    py: Python<'py>,
    data: &[u8],
    profile: &Bound<'py, PyAny>,
    extra_columns: Option<&str>,
    encoding: Option<&str>,
    delimiter: Option<char>,
    as_of: Option<&str>,
) -> PyResult<(CaseTable, Bound<'py, PyAny>, String, String)> {
    use cme_pdp::error::CmeError;
    use cme_pdp::export::{CsvOptions, ExtraColumns, Profile, TextEncoding};
    let err = |e: CmeError| to_py_err(py, &e);
    // A profile: a built-in name, or its JSON/TOML text with `format`.
    let profile = if let Ok(name) = profile.extract::<String>() {
        Profile::named(&name).map_err(err)?
    } else {
        let (text, format): (String, String) = profile.extract()?;
        match format.as_str() {
            "toml" => Profile::from_toml_str(&text).map_err(err)?,
            _ => Profile::from_json_str(&text).map_err(err)?,
        }
    };
    let mut options = CsvOptions::new(profile);
    options.extra_columns = match extra_columns {
        None => None,
        Some("ignore") => Some(ExtraColumns::Ignore),
        Some("refuse") => Some(ExtraColumns::Refuse),
        Some(_) => {
            return Err(input_error(
                py,
                "invalid_argument",
                "extra_columns",
                "« extra_columns » vaut « ignore » ou « refuse ».",
                "“extra_columns” is “ignore” or “refuse”.",
            ))
        }
    };
    options.encoding = match encoding {
        None => None,
        Some(name) => Some(TextEncoding::from_name(name).ok_or_else(|| {
            input_error(
                py,
                "invalid_argument",
                "encoding",
                "Encodage inconnu : utf-8, utf-16 ou windows-1252 (cp1252, latin-1).",
                "Unknown encoding: utf-8, utf-16 or windows-1252 (cp1252, latin-1).",
            )
        })?),
    };
    options.delimiter = delimiter;
    options.as_of = match as_of {
        Some(text) => Some(cme_pdp::error::parse_as_of(text).map_err(err)?),
        None => None,
    };
    let (read, value, fr, en) = py.detach(|| {
        let mut read = cme_pdp::export::read_csv(data, &options);
        let value = read.to_value();
        let fr = read.to_text(cme_pdp::issue::Lang::Fr);
        let en = read.to_text(cme_pdp::issue::Lang::En);
        let rows = read.rows;
        let mut table = Read::default();
        table.push(std::mem::take(&mut read.table));
        (
            CaseTable {
                read: table,
                total_rows: rows,
            },
            value,
            fr,
            en,
        )
    });
    Ok((read, crate::convert::json_to_py(py, &value)?, fr, en))
}
