//! The typed columns of a piece of an Arrow batch, as
//! `cme_pdp::table::columnar::accumulate_typed` counts them: dates as the
//! batch's own `date32` day numbers (no copy), each text column as keys
//! into its distinct values (each value met once per piece, read by the
//! core's rules once), the identifiers as string views (made for the
//! piece when they come as offsets). A column of another type is left
//! untyped: the core then reads the piece cell by cell.

use std::collections::HashMap;

use arrow_array::{Array, GenericStringArray, OffsetSizeTrait, StringViewArray};
use cme_pdp::table::columnar::{Bits, Typed, TypedPiece, NULL_KEY};

use crate::table::{value_of_key, Batch, Column};

/// The distinct texts of a column and the key of each row.
#[derive(Default)]
struct Keys<'a> {
    keys: Vec<u32>,
    values: Vec<&'a str>,
    /// Past a few values, the key of each value found by hashing.
    index: HashMap<&'a str, u32>,
}

/// Distinct values looked up one by one (a code column has a few).
const FEW: usize = 16;

impl<'a> Keys<'a> {
    fn with_capacity(n: usize) -> Self {
        Keys {
            keys: Vec::with_capacity(n),
            ..Keys::default()
        }
    }

    /// The key of `text`, made when first met.
    fn key(&mut self, text: &'a str) -> u32 {
        let found = if self.values.len() <= FEW {
            self.values.iter().position(|v| *v == text)
        } else {
            self.index.get(text).map(|k| *k as usize)
        };
        if let Some(k) = found {
            return u32::try_from(k).unwrap_or(NULL_KEY);
        }
        let k = u32::try_from(self.values.len()).unwrap_or(NULL_KEY);
        self.values.push(text);
        if self.values.len() == FEW + 1 {
            self.index = self.values.iter().zip(0..).map(|(v, k)| (*v, k)).collect();
        } else if self.values.len() > FEW {
            self.index.insert(text, k);
        }
        k
    }
}

/// The entries of the small cache of the texts met in a piece, by the
/// hash of their first 16 bytes ([`text_keys`], [`view_keys`]).
const SLOTS: usize = 256;

/// What an empty row is looked up as: a text no row has (a length of
/// `u32::MAX`, the rest zero), which every entry of a cache holds at first
/// with the key of an empty row.
const EMPTY: u128 = u32::MAX as u128;

/// The slot of the cache of a text's 16 bytes (its length and first
/// bytes, or a view): a multiplicative hash of their two halves.
#[inline(always)]
fn slot_of(text: u128) -> usize {
    let h =
        ((text as u64) ^ ((text >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 56) as usize % SLOTS
}

/// The keys of rows `range` of a text array of offsets. Each row's text
/// is looked up first in a small cache by its length and first 12 bytes
/// (the whole text up to 12 bytes: a code), a longer text compared with
/// the one found there ([`text_keys`]). As in [`view_keys`], an empty row
/// is looked up as a text no row has (a length of `u32::MAX`), which every
/// entry of the cache holds at first with the key of an empty row: no
/// branch on whether a row is empty (at random in a column of optional
/// values). A row's first bytes are read as one 16-byte load, masked to
/// its length (a copy of them to the stack, read back whole, stalled the
/// loop on the store).
fn string_keys<'a, O: OffsetSizeTrait>(
    a: &'a GenericStringArray<O>,
    range: std::ops::Range<usize>,
) -> Keys<'a> {
    let mut out = Keys::with_capacity(range.len());
    let offsets = a.value_offsets();
    let places = offsets
        .get(range.start..range.end.saturating_add(1))
        .filter(|_| !range.is_empty());
    match (places, a.nulls()) {
        (Some(places), None) => text_keys(
            a,
            &mut out,
            places
                .windows(2)
                .zip(range)
                .map(|(w, i)| (i, place(w), true)),
        ),
        (Some(places), Some(nulls)) if range.end <= nulls.len() => {
            let valid = nulls.inner().slice(range.start, range.len());
            text_keys(
                a,
                &mut out,
                places
                    .windows(2)
                    .zip(valid.iter())
                    .zip(range)
                    .map(|((w, valid), i)| (i, place(w), valid)),
            );
        }
        // rows past the array's end: empty
        _ => text_keys(
            a,
            &mut out,
            range.map(|i| match (offsets.get(i), offsets.get(i + 1)) {
                (Some(s), Some(e)) => (
                    i,
                    (s.as_usize(), e.as_usize()),
                    a.nulls().is_none_or(|n| n.is_valid(i)),
                ),
                _ => (i, (0, 0), false),
            }),
        ),
    }
    out
}

/// Adds to `out` the key of each row `(i, (start, end), valid)` of `a`
/// ([`string_keys`]): a loop of its own for each way rows are given.
///
/// A text of up to 12 bytes is whole in what the cache holds (its length
/// and bytes). A longer one is compared with the text of the entry found:
/// up to 28 bytes, by its last 16 bytes, kept in the entry (with the first
/// 12, the whole text), longer in full.
#[inline(always)]
fn text_keys<'a, O: OffsetSizeTrait>(
    a: &'a GenericStringArray<O>,
    out: &mut Keys<'a>,
    rows: impl Iterator<Item = (usize, (usize, usize), bool)>,
) {
    // the first `n` bytes of 16, by `n` up to 12
    const fn first(n: u32) -> u128 {
        if n == 0 {
            0
        } else {
            u128::MAX >> (128 - 8 * n)
        }
    }
    const MASKS: [u128; 13] = [
        first(0),
        first(1),
        first(2),
        first(3),
        first(4),
        first(5),
        first(6),
        first(7),
        first(8),
        first(9),
        first(10),
        first(11),
        first(12),
    ];
    // (length and first bytes, last 16 bytes, key) by their hash
    let mut cache = [(EMPTY, None, NULL_KEY); SLOTS];
    let data = a.values().as_slice();
    let last16 = |end: usize| {
        end.checked_sub(16)
            .and_then(|from| data.get(from..end))
            .and_then(|b| b.try_into().ok())
            .map(u128::from_le_bytes)
    };
    for (i, (start, end), valid) in rows {
        let len = end.saturating_sub(start);
        let head = match data.get(start..start.saturating_add(16)) {
            Some(bytes) => bytes.try_into().map_or(0, u128::from_le_bytes),
            None => tail(data, start, len),
        };
        // up to 12 bytes of the text, then its length (as 32 bits: a
        // longer text is compared in full)
        let mask = MASKS.get(len).copied().unwrap_or(first(12));
        let text = ((head & mask) << 32) | u128::from(len as u32);
        // all ones when the row holds a text
        let valid_mask = u128::from(valid).wrapping_neg();
        let seen = (text & valid_mask) | (EMPTY & !valid_mask);
        let slot = slot_of(seen);
        let k = match cache.get(slot) {
            // up to 12 bytes (or empty) the entry holds the whole text;
            // up to 28, its first 12 and last 16 bytes; longer, the value
            // found is compared whole
            Some(&(v, last, k))
                if v == seen
                    && ((len <= 12) | !valid
                        || if len <= 28 {
                            matches!((last16(end), last), (Some(x), Some(y)) if x == y)
                        } else {
                            out.values.get(k as usize).map(|v| v.as_bytes()) == data.get(start..end)
                        }) =>
            {
                k
            }
            _ => {
                let k = if valid {
                    missed_text(out, a, i)
                } else {
                    NULL_KEY
                };
                if let Some(c) = cache.get_mut(slot) {
                    *c = (seen, last16(end), k);
                }
                k
            }
        };
        out.keys.push(k);
    }
}

/// The start and end of a text from two of its array's offsets.
#[inline(always)]
fn place<O: OffsetSizeTrait>(w: &[O]) -> (usize, usize) {
    match w {
        [s, e, ..] => (s.as_usize(), e.as_usize()),
        _ => (0, 0),
    }
}

/// The first bytes of a text within 16 bytes of its buffer's end (the
/// buffer's last texts), zero past the buffer.
#[cold]
#[inline(never)]
fn tail(data: &[u8], start: usize, len: usize) -> u128 {
    let mut head = [0u8; 16];
    let n = len.min(16);
    if let (Some(from), Some(to)) = (data.get(start..start.saturating_add(n)), head.get_mut(..n)) {
        to.copy_from_slice(from);
    }
    u128::from_le_bytes(head)
}

/// The key of row `i`'s text, not found in the cache (made when first
/// met).
#[cold]
#[inline(never)]
fn missed_text<'a, O: OffsetSizeTrait>(
    values: &mut Keys<'a>,
    a: &'a GenericStringArray<O>,
    i: usize,
) -> u32 {
    values.key(a.value(i))
}

/// The views of rows `range` of a text array of offsets, as Arrow writes
/// them for a view array over the same bytes (buffer 0: the array's
/// values): the identifiers read as views. `None` when an offset does not
/// fit a view's 32 bits.
fn offset_views<O: OffsetSizeTrait>(
    a: &GenericStringArray<O>,
    range: std::ops::Range<usize>,
) -> Option<Vec<u128>> {
    let offsets = a.value_offsets();
    let data = a.values().as_slice();
    let mut views = Vec::with_capacity(range.len());
    for i in range {
        let start = offsets.get(i)?.as_usize();
        let end = offsets.get(i + 1)?.as_usize();
        let bytes = data.get(start..end)?;
        let len = u32::try_from(bytes.len()).ok()?;
        let mut view = [0u8; 16];
        view.get_mut(..4)?.copy_from_slice(&len.to_le_bytes());
        if bytes.len() <= 12 {
            view.get_mut(4..4 + bytes.len())?.copy_from_slice(bytes);
        } else {
            view.get_mut(4..8)?.copy_from_slice(bytes.get(..4)?);
            // buffer 0, at the text's offset
            view.get_mut(12..16)?
                .copy_from_slice(&u32::try_from(start).ok()?.to_le_bytes());
        }
        views.push(u128::from_le_bytes(view));
    }
    Some(views)
}

/// The identifiers of rows `range` of a text array of offsets, as views
/// over its values ([`offset_views`]).
fn made_views<O: OffsetSizeTrait>(
    a: &GenericStringArray<O>,
    range: std::ops::Range<usize>,
) -> Option<Owned<'_>> {
    let views = offset_views(a, range.clone())?;
    Some(Owned::MadeViews(
        views,
        vec![a.values().as_slice()],
        bits(a.nulls(), range.start),
    ))
}

/// The keys of rows `range` of a view array. A view of 16 bytes is the
/// text itself up to 12 bytes, or its length, first bytes and place in the
/// array's buffers: two rows of the same view hold the same text (a
/// column decoded from a Parquet dictionary shares its places), so each
/// view is looked up in a small cache before its text is compared. An
/// empty row is looked up as a view no text has (a length of `u32::MAX`),
/// which every entry of the cache holds at first with the key of an empty
/// row: no branch on whether a row is empty (at random in a column of
/// optional values, a branch would be mispredicted).
fn view_keys(a: &StringViewArray, range: std::ops::Range<usize>) -> Keys<'_> {
    let mut values = Keys::default();
    // (view, key) by the view's hash
    let mut cache = [(EMPTY, NULL_KEY); SLOTS];
    let mut key = |i: usize, view: u128, valid: bool| -> u32 {
        let view = if valid { view } else { EMPTY };
        let slot = slot_of(view);
        match cache.get(slot) {
            Some(&(v, k)) if v == view => k,
            _ => {
                let k = if valid {
                    missed(&mut values, a, i)
                } else {
                    NULL_KEY
                };
                if let Some(c) = cache.get_mut(slot) {
                    *c = (view, k);
                }
                k
            }
        }
    };
    let views = a.views();
    let mut keys = Vec::with_capacity(range.len());
    match (views.get(range.clone()), a.nulls()) {
        (Some(rows), None) => {
            keys.extend(rows.iter().zip(range).map(|(view, i)| key(i, *view, true)));
        }
        (Some(rows), Some(nulls)) if range.end <= nulls.len() => {
            let valid = nulls.inner().slice(range.start, range.len());
            keys.extend(
                rows.iter()
                    .zip(valid.iter())
                    .zip(range)
                    .map(|((view, valid), i)| key(i, *view, valid)),
            );
        }
        // rows past the array's end: empty
        _ => keys.extend(range.map(|i| match views.get(i) {
            Some(view) => key(i, *view, a.nulls().is_none_or(|n| n.is_valid(i))),
            None => NULL_KEY,
        })),
    }
    values.keys = keys;
    values
}

/// The key of row `i`'s text, not found in the cache (made when first
/// met).
#[cold]
#[inline(never)]
fn missed<'a>(values: &mut Keys<'a>, a: &'a StringViewArray, i: usize) -> u32 {
    values.key(a.value(i))
}

/// A piece's typed columns, owned: the keys made for it, the dates
/// borrowed from the batch.
pub(crate) struct TypedColumns<'a> {
    columns: Vec<Option<Owned<'a>>>,
}

enum Owned<'a> {
    Absent,
    Views(&'a [u128], Vec<&'a [u8]>, Option<Bits<'a>>),
    /// Views made for the piece (identifiers given as offsets).
    MadeViews(Vec<u128>, Vec<&'a [u8]>, Option<Bits<'a>>),
    Days(&'a [i32], Option<Bits<'a>>),
    Keys(Keys<'a>),
}

impl<'a> TypedColumns<'a> {
    /// The typed columns of rows `range` of `batch` (only its converted
    /// columns: a report's).
    pub(crate) fn of(batch: &'a Batch, range: std::ops::Range<usize>) -> Self {
        let id = cme_pdp::table::COLUMNS.iter().position(|c| c.name == "id");
        let columns = batch
            .documented
            .iter()
            .enumerate()
            .map(|(k, c)| match c {
                // the identifiers (all distinct) as their views, or read
                // from their cells
                Some(Column::Utf8View(a)) if Some(k) == id => {
                    let views = a.views().get(range.clone())?;
                    let buffers = a.data_buffers().iter().map(|b| b.as_slice()).collect();
                    Some(Owned::Views(views, buffers, bits(a.nulls(), range.start)))
                }
                Some(Column::Utf8(a)) if Some(k) == id => made_views(a, range.clone()),
                Some(Column::LargeUtf8(a)) if Some(k) == id => made_views(a, range.clone()),
                _ if Some(k) == id => None,
                None | Some(Column::Null) => Some(Owned::Absent),
                Some(column) => typed(column, range.clone()),
            })
            .collect();
        TypedColumns { columns }
    }

    /// The piece as the core reads it.
    pub(crate) fn piece(&self) -> TypedPiece<'_> {
        let mut piece = TypedPiece::new();
        for (slot, c) in piece.columns.iter_mut().zip(&self.columns) {
            *slot = c.as_ref().map(|c| match c {
                Owned::Absent => Typed::Absent,
                Owned::Views(views, buffers, valid) => Typed::Views {
                    views,
                    buffers,
                    valid: *valid,
                },
                Owned::MadeViews(views, buffers, valid) => Typed::Views {
                    views,
                    buffers,
                    valid: *valid,
                },
                Owned::Days(days, valid) => Typed::Days {
                    days,
                    valid: *valid,
                },
                Owned::Keys(k) => Typed::Keys {
                    keys: &k.keys,
                    values: &k.values,
                },
            });
        }
        piece
    }
}

/// The validity of the rows from `start` on.
fn bits(nulls: Option<&arrow_buffer::NullBuffer>, start: usize) -> Option<Bits<'_>> {
    nulls.map(|n| Bits {
        bytes: n.buffer().as_slice(),
        offset: n.offset() + start,
    })
}

/// A column's rows `range` typed, or `None` when the core reads its
/// cells.
fn typed(column: &Column, range: std::ops::Range<usize>) -> Option<Owned<'_>> {
    Some(match column {
        Column::Null => Owned::Absent,
        Column::Date(a) => {
            let days = a.values().get(range.clone())?;
            Owned::Days(days, bits(a.nulls(), range.start))
        }
        Column::Utf8(a) => Owned::Keys(string_keys(a, range)),
        Column::LargeUtf8(a) => Owned::Keys(string_keys(a, range)),
        Column::Utf8View(a) => Owned::Keys(view_keys(a, range)),
        Column::Dict {
            keys,
            nulls,
            len,
            values,
        } => {
            let keys = keys.as_ref();
            Owned::Keys(arrow_array::downcast_integer_array!(
                keys => dict_keys(keys.values(), nulls.as_ref(), *len, values, range)?,
                _ => return None,
            ))
        }
        Column::Int(_) | Column::Float(_) | Column::Bool(_) | Column::Json(_) => return None,
    })
}

/// A value not yet met in a piece, in the table of a dictionary's keys
/// ([`dict_keys`]); never a key (a piece has fewer distinct values).
const UNSEEN: u32 = u32::MAX - 1;

/// The most values of a dictionary mapped through a table of its own
/// (4 bytes a value, made for each piece); a larger dictionary (the
/// identifiers of a dictionary-encoded column, a value per row) is mapped
/// through a hash map of the values its rows point at.
const DENSE_VALUES: usize = 1 << 16;

/// The keys of rows `range` of a dictionary column: each of its values
/// that a row points at ([`value_of_key`], as the rules read a cell) is
/// looked up once, then each row is its value's key read from a table,
/// with no branch on the row's validity (a missing row points at a slot
/// past the values, which holds [`NULL_KEY`]).
fn dict_keys<'a, K: arrow_buffer::ArrowNativeType>(
    raw: &[K],
    nulls: Option<&arrow_buffer::NullBuffer>,
    len: usize,
    values: &'a Column,
    range: std::ops::Range<usize>,
) -> Option<Keys<'a>> {
    let rows = raw.get(range.clone())?;
    let last = len.checked_sub(1)?;
    let text = |k: usize| -> Option<&'a str> {
        match values {
            Column::Utf8(a) => (k < a.len() && a.is_valid(k)).then(|| a.value(k)),
            Column::LargeUtf8(a) => (k < a.len() && a.is_valid(k)).then(|| a.value(k)),
            Column::Utf8View(a) => (k < a.len() && a.is_valid(k)).then(|| a.value(k)),
            _ => None,
        }
    };
    if !matches!(
        values,
        Column::Utf8(_) | Column::LargeUtf8(_) | Column::Utf8View(_)
    ) {
        return None;
    }
    if nulls.is_some_and(|n| range.end > n.len()) {
        // validity shorter than the keys: the rows are read cell by cell
        return None;
    }
    let mut out = Keys::with_capacity(rows.len());
    if len > DENSE_VALUES {
        let mut seen: HashMap<usize, u32> = HashMap::new();
        for (i, k) in range.zip(rows) {
            let valid = nulls.is_none_or(|n| n.is_valid(i));
            let key = if valid {
                let k = value_of_key(*k, last);
                *seen
                    .entry(k)
                    .or_insert_with(|| text(k).map_or(NULL_KEY, |t| out.key(t)))
            } else {
                NULL_KEY
            };
            out.keys.push(key);
        }
        return Some(out);
    }
    // a slot per value, and one for a missing row
    let mut table = vec![UNSEEN; len];
    table.push(NULL_KEY);
    let mut key_of = |slot: usize, out: &mut Keys<'a>| -> u32 {
        match table.get(slot).copied() {
            Some(UNSEEN) => {
                let key = text(slot).map_or(NULL_KEY, |t| out.key(t));
                if let Some(s) = table.get_mut(slot) {
                    *s = key;
                }
                key
            }
            found => found.unwrap_or(NULL_KEY),
        }
    };
    match nulls {
        None => {
            for k in rows {
                let key = key_of(value_of_key(*k, last), &mut out);
                out.keys.push(key);
            }
        }
        Some(n) => {
            let valid = n.inner().slice(range.start, range.len());
            for (k, valid) in rows.iter().zip(valid.iter()) {
                // a missing row's slot, past the values, with no branch
                let slot = if valid { value_of_key(*k, last) } else { len };
                let key = key_of(slot, &mut out);
                out.keys.push(key);
            }
        }
    }
    Some(out)
}
