//! The counting from typed columns against the rules: on random tables
//! (rows of the synthetic population with cells changed at random, in
//! pieces of random lengths), the same report, the same state and the same
//! problems as the rows read and counted case by case; and a report of the
//! flow figures gives, on valid rows, the figures of the whole catalogue.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

use super::super::{accumulate_cells, Cell, CellSource, ColumnKind, COLUMNS};
use super::{accumulate_typed, kept, Bits, Typed, TypedPiece, COUNTED, NULL_KEY};
use crate::codes::Code;
use crate::indicators::{accumulator_of, Period};

thread_local! {
    /// Rows counted from their typed columns (not by the rules).
    pub(super) static COUNTED_ROWS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Added to the cell of every row the kernel reads: a fault of its
    /// checks planted by a test (0: none).
    pub(super) static SPOILED_SLOT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A cell of the test table, as an Arrow table holds it.
#[derive(Debug, Clone, PartialEq)]
enum V {
    Null,
    Text(String),
    /// Days since 1970-01-01.
    Day(i32),
    Int(i64),
    Bool(bool),
}

const EPOCH: i32 = 719_163;

fn day(d: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&d) - EPOCH
}

struct Table {
    rows: Vec<Vec<V>>,
    /// Rows with a value in a column the table documents nowhere.
    unknown: Vec<bool>,
}

impl CellSource for Table {
    fn cell(&self, column: usize, row: usize) -> Cell<'_> {
        match &self.rows[row][column] {
            V::Null => Cell::Null,
            V::Text(s) => Cell::Text(s),
            // as the Python binding reads a date32 chrono cannot hold
            V::Day(d) => d
                .checked_add(EPOCH)
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .map_or(Cell::Text("hors-limites"), Cell::Date),
            V::Int(n) => Cell::Integer(*n),
            V::Bool(b) => Cell::Boolean(*b),
        }
    }
    fn unknown_columns(&self, row: usize, found: &mut dyn FnMut(&str)) {
        if self.unknown[row] {
            found("colonne_inconnue");
        }
    }
}

fn column(name: &str) -> usize {
    COLUMNS.iter().position(|c| c.name == name).unwrap()
}

/// Rows of the synthetic population.
fn base_rows() -> Vec<Vec<V>> {
    let options = crate::synthetic::PopulationOptions::default();
    crate::synthetic::population(600, 11, &options)
        .iter()
        .filter_map(super::super::case_row)
        .take(300)
        .map(|row| {
            COLUMNS
                .iter()
                .map(|c| match row.get(c.name) {
                    None | Some(Value::Null) => V::Null,
                    Some(Value::String(s)) if c.kind == ColumnKind::Date => {
                        V::Day(day(crate::validate::parse_iso_date(s).unwrap()))
                    }
                    Some(Value::String(s)) => V::Text(s.clone()),
                    Some(Value::Bool(b)) => V::Bool(*b),
                    Some(Value::Number(n)) => V::Int(n.as_i64().unwrap()),
                    Some(v) => panic!("a cell of a row: {v}"),
                })
                .collect()
        })
        .collect()
}

/// The typed columns of rows `range`, owned.
struct OwnedPiece {
    columns: Vec<Option<OwnedColumn>>,
}

enum OwnedColumn {
    Absent,
    /// Views and their buffers (the identifiers).
    Views(Vec<u128>, Vec<Vec<u8>>),
    Days(Vec<i32>, Option<Vec<u8>>, usize),
    Keys(Vec<u32>, Vec<String>),
}

impl OwnedPiece {
    /// `absent_if_empty`: a column empty in the piece is given as absent;
    /// `views`: the identifiers are given as string views.
    fn new(
        table: &Table,
        range: std::ops::Range<usize>,
        keep: &[bool],
        absent_if_empty: bool,
        views: bool,
    ) -> Self {
        let columns = COLUMNS
            .iter()
            .enumerate()
            .map(|(c, col)| {
                if col.name == "id" && views {
                    return Some(string_views(table, range.clone(), c));
                }
                if !keep[c] || col.name == "id" {
                    return None;
                }
                let cells: Vec<&V> = table.rows[range.clone()].iter().map(|r| &r[c]).collect();
                if absent_if_empty && cells.iter().all(|v| **v == V::Null) {
                    return Some(OwnedColumn::Absent);
                }
                Some(match col.kind {
                    ColumnKind::Date => {
                        // the validity from the first bit of a byte (a
                        // piece from an even row), or from bit 3 (odd)
                        let offset = if range.start.is_multiple_of(2) { 0 } else { 3 };
                        let mut bits = vec![0u8; (cells.len() + offset).div_ceil(8)];
                        let days = cells
                            .iter()
                            .enumerate()
                            .map(|(j, v)| match v {
                                V::Day(d) => {
                                    bits[(j + offset) / 8] |= 1 << ((j + offset) % 8);
                                    *d
                                }
                                V::Null => 12_345,
                                other => panic!("a date column holds {other:?}"),
                            })
                            .collect();
                        OwnedColumn::Days(days, Some(bits), offset)
                    }
                    _ => {
                        let mut values: Vec<String> = Vec::new();
                        let keys = cells
                            .iter()
                            .map(|v| match v {
                                V::Text(s) => match values.iter().position(|x| x == s) {
                                    Some(k) => k as u32,
                                    None => {
                                        values.push(s.clone());
                                        values.len() as u32 - 1
                                    }
                                },
                                V::Null => NULL_KEY,
                                other => panic!("a text column holds {other:?}"),
                            })
                            .collect();
                        OwnedColumn::Keys(keys, values)
                    }
                })
            })
            .collect();
        OwnedPiece { columns }
    }
}

/// The texts of column `c` in Arrow's view layout: a text of up to 12
/// bytes in its view, a longer one in one of two buffers (a null row: the
/// view of an identifier, as Arrow allows any view under a null).
fn string_views(table: &Table, range: std::ops::Range<usize>, c: usize) -> OwnedColumn {
    let mut buffers = vec![b"padding".to_vec(), Vec::new()];
    let views = table.rows[range]
        .iter()
        .enumerate()
        .map(|(j, r)| {
            let bytes = match &r[c] {
                V::Text(s) => s.as_bytes(),
                _ => b"GHOST-1".as_slice(),
            };
            let mut view = [0u8; 16];
            view[..4].copy_from_slice(&(bytes.len() as u32).to_le_bytes());
            if bytes.len() <= 12 {
                view[4..4 + bytes.len()].copy_from_slice(bytes);
            } else {
                let b = j % 2;
                view[4..8].copy_from_slice(&bytes[..4]);
                view[8..12].copy_from_slice(&(b as u32).to_le_bytes());
                view[12..16].copy_from_slice(&(buffers[b].len() as u32).to_le_bytes());
                buffers[b].extend_from_slice(bytes);
            }
            u128::from_le_bytes(view)
        })
        .collect();
    // bytes after the last text, as a buffer shared by other arrays has
    for b in &mut buffers {
        b.extend_from_slice(b"PADDING");
    }
    OwnedColumn::Views(views, buffers)
}

/// Checks that most of the rows the rules accept (the second of a
/// [`counted_both_ways`]) were counted from their columns (the first): the
/// test compares two ways.
fn mostly_typed((typed, accepted): (usize, usize)) {
    assert!(
        accepted < 20 || typed * 2 >= accepted,
        "{typed} rows of {accepted} accepted counted from their columns"
    );
}

/// Counts `table` both ways, in pieces cut at `cuts`, and checks they
/// agree; returns the rows counted from their columns and the rows the
/// rules accept.
#[allow(clippy::too_many_arguments)]
fn counted_both_ways(
    table: &Table,
    ids: &[String],
    by: &[String],
    year: i32,
    as_of: Option<NaiveDate>,
    cuts: &[usize],
    absent_if_empty: bool,
    views: bool,
) -> (usize, usize) {
    let policy = serde_json::json!("aismt13");
    let new = || accumulator_of(&policy, Period::year(year), by, ids).unwrap();
    let n = table.rows.len();
    let mut rules = new();
    let expected = accumulate_cells(table, 0..n, 0, as_of, &mut rules);
    let mut fast = new();
    COUNTED_ROWS.with(|c| c.set(0));
    let keep = kept(&fast.spec).unwrap();
    let mut issues = Vec::new();
    let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (n + 1)).collect();
    bounds.extend([0, n]);
    bounds.sort_unstable();
    bounds.dedup();
    for w in bounds.windows(2) {
        let range = w[0]..w[1];
        let owned = OwnedPiece::new(table, range.clone(), &keep, absent_if_empty, views);
        // the distinct texts and the view buffers of each column, borrowed
        type Borrowed<'a> = (Option<Vec<&'a str>>, Option<Vec<&'a [u8]>>);
        let borrowed: Vec<Borrowed<'_>> = owned
            .columns
            .iter()
            .map(|c| match c {
                Some(OwnedColumn::Keys(_, v)) => {
                    (Some(v.iter().map(String::as_str).collect()), None)
                }
                Some(OwnedColumn::Views(_, b)) => {
                    (None, Some(b.iter().map(Vec::as_slice).collect()))
                }
                _ => (None, None),
            })
            .collect();
        // the validity of the identifiers: a text
        let id_bits: Vec<u8> = {
            let mut bits = vec![0u8; range.len().div_ceil(8)];
            for (j, r) in table.rows[range.clone()].iter().enumerate() {
                if matches!(r[column("id")], V::Text(_)) {
                    bits[j / 8] |= 1 << (j % 8);
                }
            }
            bits
        };
        let mut piece = TypedPiece::new();
        for (c, col) in owned.columns.iter().enumerate() {
            piece.columns[c] = match col {
                None => None,
                Some(OwnedColumn::Absent) => Some(Typed::Absent),
                Some(OwnedColumn::Days(days, bits, offset)) => Some(Typed::Days {
                    days,
                    valid: bits.as_ref().map(|b| Bits {
                        bytes: b,
                        offset: *offset,
                    }),
                }),
                Some(OwnedColumn::Keys(keys, _)) => Some(Typed::Keys {
                    keys,
                    values: borrowed[c].0.as_deref().unwrap(),
                }),
                Some(OwnedColumn::Views(views, _)) => Some(Typed::Views {
                    views,
                    buffers: borrowed[c].1.as_deref().unwrap(),
                    valid: Some(Bits {
                        bytes: &id_bits,
                        offset: 0,
                    }),
                }),
            };
        }
        // the piece's rows start at row 0 of its own source
        let piece_src = Slice {
            table,
            start: range.start,
        };
        let read = accumulate_typed(
            &piece_src,
            &piece,
            0..range.len(),
            range.start,
            as_of,
            &mut fast,
        );
        issues.extend(read.issues);
    }
    assert_eq!(issues, expected.issues);
    assert_eq!(fast.finish(), rules.finish());
    assert_eq!(fast.to_state_json(), rules.to_state_json());
    assert_eq!(fast.cases, rules.cases);
    assert_eq!(fast.uncounted, rules.uncounted);
    let typed = COUNTED_ROWS.with(std::cell::Cell::get);
    (typed, usize::try_from(rules.cases).unwrap())
}

/// Rows `start..` of a table, numbered from 0.
struct Slice<'a> {
    table: &'a Table,
    start: usize,
}

impl CellSource for Slice<'_> {
    fn cell(&self, column: usize, row: usize) -> Cell<'_> {
        self.table.cell(column, self.start + row)
    }
    fn unknown_columns(&self, row: usize, found: &mut dyn FnMut(&str)) {
        self.table.unknown_columns(self.start + row, found);
    }
}

const DATES: [&str; 6] = [
    "signalement_date",
    "contact_date",
    "refus_accompagnement_date",
    "sortie_date",
    "reouverture_date",
    "avis_attendu_date",
];
const TEXTS: [&str; 8] = [
    "service",
    "policy",
    "source_visit",
    "signalled_by",
    "sortie_result",
    "sector_nomenclature",
    "sector_section",
    "avis_attendu_expertise",
];

/// Changes one cell of a row (or marks it as holding an unknown column).
fn mutate(table: &mut Table, row: usize, kind: u8, pick: usize, delta: i32) {
    let r = &mut table.rows[row];
    let s = match r[column("signalement_date")] {
        V::Day(d) => d,
        _ => 19_000,
    };
    // a second choice, apart from the first
    let then = pick / 64;
    let near = i32::try_from(then % 5).unwrap() - 2;
    let year = |y: i32, m: u32, d: u32| day(NaiveDate::from_ymd_opt(y, m, d).unwrap());
    let bounds = [
        -1_000_000,
        i32::MAX - 1,
        year(crate::limits::MIN_YEAR - 1, 12, 31),
        year(crate::limits::MIN_YEAR, 1, 1),
        year(crate::limits::MAX_YEAR, 12, 31),
        year(crate::limits::MAX_YEAR + 1, 1, 1),
    ];
    let at = |r: &[V], name: &str| match r[column(name)] {
        V::Day(d) => d,
        _ => s,
    };
    match kind % 14 {
        0 => {
            r[column("id")] = V::Text(
                [
                    "Jean Dupont",
                    "",
                    "C 1",
                    "SYN-A-LONG-ID-0001",
                    "SYN-0000001-é",
                ][then % 5]
                    .into(),
            );
        }
        1 => r[column("id")] = V::Null,
        2 => r[column(DATES[pick % DATES.len()])] = V::Null,
        3 => r[column(DATES[pick % DATES.len()])] = V::Day(s.saturating_add(delta)),
        4 => {
            r[column(DATES[pick % DATES.len()])] = V::Day(bounds[then % bounds.len()]);
        }
        5 => {
            r[column(TEXTS[pick % TEXTS.len()])] =
                V::Text(["zz", "AISMT", "", "naf_rev2", "a b"][then % 5].into())
        }
        6 => r[column(TEXTS[pick % TEXTS.len()])] = V::Null,
        7 => {
            let codes = crate::case::ExitResult::ALL;
            r[column("sortie_result")] = V::Text(codes[then % codes.len()].code().into());
        }
        8 => r[column("sector_section")] = V::Text(["V", "U", "A", "c"][then % 4].into()),
        9 => table.unknown[row] = true,
        // a column the flow figures do not read, made wrong
        10 => r[column("birth_year")] = V::Int(1200),
        // the contact and the exit about the same day
        11 => r[column("contact_date")] = V::Day(at(r, "sortie_date").saturating_add(near)),
        12 => r[column("sortie_date")] = V::Day(at(r, "contact_date").saturating_add(near)),
        _ => {
            r[column("sector_nomenclature")] = V::Text(["naf_2025", "naf_rev2"][then % 2].into());
        }
    }
}

fn specs() -> Vec<Vec<String>> {
    [
        &[][..],
        &["secteur"],
        &["service"],
        &["visite_source"],
        &["secteur", "visite_source"],
        &["service", "secteur"],
    ]
    .iter()
    .map(|by| by.iter().map(|s| s.to_string()).collect())
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    })]

    #[test]
    fn typed_counting_is_the_rules_counting(
        changes in proptest::collection::vec((0usize..300, any::<u8>(), any::<usize>(), prop_oneof![-2i32..3, -40i32..500]), 0..60),
        spec in 0usize..6,
        subset in proptest::collection::vec(any::<bool>(), COUNTED.len()),
        year in 2021i32..2026,
        as_of in proptest::option::of(0i32..2400),
        cuts in proptest::collection::vec(any::<usize>(), 0..4),
        absent_if_empty in any::<bool>(),
        views in any::<bool>(),
    ) {
        let base = base_rows();
        let mut table = Table { unknown: vec![false; base.len()], rows: base };
        for (row, kind, pick, delta) in changes {
            let row = row % table.rows.len();
            mutate(&mut table, row, kind, pick, delta);
        }
        let mut ids: Vec<String> = COUNTED
            .iter()
            .zip(&subset)
            .filter(|(_, keep)| **keep)
            .map(|(id, _)| id.to_string())
            .collect();
        if ids.is_empty() {
            ids.push("entrees".into());
        }
        let as_of = as_of.map(|d| NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + chrono::Days::new(d as u64));
        mostly_typed(counted_both_ways(&table, &ids, &specs()[spec], year, as_of, &cuts, absent_if_empty, views));
    }
}

/// On rows the rules accept whole, a report of the flow figures gives the
/// figures of the whole catalogue's report.
#[test]
fn the_flow_figures_are_those_of_the_whole_report() {
    let base = base_rows();
    let table = Table {
        unknown: vec![false; base.len()],
        rows: base,
    };
    let n = table.rows.len();
    let policy = serde_json::json!("aismt13");
    for by in specs() {
        for year in 2022..2026 {
            let mut whole = accumulator_of(&policy, Period::year(year), &by, &[]).unwrap();
            let read = accumulate_cells(&table, 0..n, 0, None, &mut whole);
            assert!(read.issues.is_empty(), "{:?}", read.issues.first());
            let ids: Vec<String> = COUNTED.iter().map(|s| s.to_string()).collect();
            let mut flow = accumulator_of(&policy, Period::year(year), &by, &ids).unwrap();
            accumulate_cells(&table, 0..n, 0, None, &mut flow);
            let (whole, flow) = (whole.finish(), flow.finish());
            assert!(whole.total.get("entrees").unwrap().numerator > 0 || year != 2024);
            let pick = |set: &crate::indicators::IndicatorSet| -> Vec<_> {
                set.0
                    .iter()
                    .filter(|v| COUNTED.contains(&v.id.as_str()))
                    .cloned()
                    .collect()
            };
            assert_eq!(pick(&whole.total), flow.total.0);
            assert_eq!(whole.cells.len(), flow.cells.len());
            for (w, f) in whole.cells.iter().zip(&flow.cells) {
                assert_eq!(
                    (
                        &w.key,
                        pick(&crate::indicators::IndicatorSet(w.values.clone()))
                    ),
                    (&f.key, f.values.clone())
                );
            }
        }
    }
}

/// Identifiers longer than a view (read from the view's buffer, at its
/// offset): a valid one counted, one whose first byte is refused refused,
/// whatever follows it in the buffer.
#[test]
fn long_identifiers_are_read_from_their_buffers() {
    let base = base_rows();
    let mut table = Table {
        unknown: vec![false; base.len()],
        rows: base,
    };
    let id = column("id");
    for (i, text) in [
        " SYN-LONG-00001",
        "SYN-LONG-000002",
        "SYN-LONG-000003 ",
        "SYN-0000004",
    ]
    .iter()
    .cycle()
    .take(40)
    .enumerate()
    {
        table.rows[i * 7][id] = V::Text((*text).into());
    }
    let ids: Vec<String> = COUNTED.iter().map(|s| s.to_string()).collect();
    for year in 2022..2026 {
        mostly_typed(counted_both_ways(
            &table,
            &ids,
            &[],
            year,
            None,
            &[],
            false,
            true,
        ));
    }
}

/// A case's `policy` is not a fact of the flow figures: a report of them
/// neither reads nor checks it (a bad one counted as if empty), where the
/// whole catalogue's report refuses the row at that column.
#[test]
fn a_flow_report_reads_no_policy() {
    let base = base_rows();
    let n = base.len();
    let cleared = Table {
        unknown: vec![false; n],
        rows: base
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r[column("policy")] = V::Null;
                r
            })
            .collect(),
    };
    let mut bad = Table {
        unknown: vec![false; n],
        rows: base,
    };
    for row in bad.rows.iter_mut().step_by(5) {
        row[column("policy")] = V::Text("Mme Dupont".into());
    }
    let policy = serde_json::json!("aismt13");
    let ids: Vec<String> = COUNTED.iter().map(|s| s.to_string()).collect();
    let by = ["secteur".to_string()];
    let mut whole = accumulator_of(&policy, Period::year(2024), &by, &[]).unwrap();
    let refused = accumulate_cells(&bad, 0..n, 0, None, &mut whole).issues;
    assert_eq!(refused.len(), n.div_ceil(5));
    assert!(refused.iter().all(|i| i.column == "policy"));
    let (mut flow, mut expected) = (
        accumulator_of(&policy, Period::year(2024), &by, &ids).unwrap(),
        accumulator_of(&policy, Period::year(2024), &by, &ids).unwrap(),
    );
    assert!(!super::report_columns(&flow.spec)
        .unwrap()
        .contains(&"policy"));
    assert!(accumulate_cells(&bad, 0..n, 0, None, &mut flow)
        .issues
        .is_empty());
    assert!(accumulate_cells(&cleared, 0..n, 0, None, &mut expected)
        .issues
        .is_empty());
    assert_eq!(flow.finish(), expected.finish());
    mostly_typed(counted_both_ways(
        &bad,
        &ids,
        &by,
        2024,
        None,
        &[],
        false,
        true,
    ));
}

/// A refusal of the accompaniment before, on and after the day of the
/// signalement, the contact and the exit of every row: counted from the
/// typed columns as the rules count the rows. A refusal on or after the
/// day of the contact of a case without an exit closes it without
/// changing what the flow figures count: such rows are counted from
/// their columns, not by the rules.
#[test]
fn refusals_are_counted_as_the_rules_count_them() {
    let base = base_rows();
    let n = base.len();
    let at = |r: &[V], name: &str| match r[column(name)] {
        V::Day(d) => Some(d),
        _ => None,
    };
    let ids: Vec<String> = COUNTED.iter().map(|s| s.to_string()).collect();
    let by = ["secteur".to_string()];
    for anchor in ["signalement_date", "contact_date", "sortie_date"] {
        for offset in [-1, 0, 1] {
            let mut table = Table {
                unknown: vec![false; n],
                rows: base.clone(),
            };
            for r in &mut table.rows {
                r[column("refus_accompagnement_date")] =
                    at(r, anchor).map_or(V::Null, |d| V::Day(d + offset));
            }
            for year in 2022..2026 {
                let (typed, accepted) =
                    counted_both_ways(&table, &ids, &by, year, None, &[], false, true);
                assert_eq!(accepted, n);
                if anchor == "contact_date" && offset >= 0 {
                    // every row but those with a contact and an exit
                    let closed_twice = table
                        .rows
                        .iter()
                        .filter(|r| {
                            at(r, "contact_date").is_some() && at(r, "sortie_date").is_some()
                        })
                        .count();
                    assert!(closed_twice > 0 && closed_twice < n);
                    assert_eq!(typed, n - closed_twice);
                }
            }
        }
    }
}

/// The random test's input that overflowed in its own mutation (a date set
/// to the largest day, then moved two days on), as found on CI: the
/// mutation saturates and the two ways still agree.
#[test]
fn a_date_moved_past_the_largest_day() {
    let base = base_rows();
    let mut table = Table {
        unknown: vec![false; base.len()],
        rows: base,
    };
    mutate(&mut table, 275, 74, 9_706_627_670_859_749_838, 0);
    mutate(&mut table, 275, 185, 0, 2);
    let ids = ["entrees".to_string()];
    mostly_typed(counted_both_ways(
        &table,
        &ids,
        &[],
        2021,
        None,
        &[],
        false,
        false,
    ));
}

/// Past the most cells a report may have, the rows of a further cell are
/// left uncounted, as case by case: a row signalled after the period is
/// in no cell (it is not one of them), in the piece of the cell's first
/// row or in the next.
#[test]
fn rows_past_the_cell_limit_are_uncounted_as_the_rules_leave_them() {
    let limit = crate::limits::MAX_CELLS;
    let mut row = base_rows()
        .into_iter()
        .find(|r| matches!(r[column("refus_accompagnement_date")], V::Null))
        .unwrap();
    for name in [
        "contact_date",
        "sortie_date",
        "sortie_result",
        "reouverture_date",
    ] {
        row[column(name)] = V::Null;
    }
    let V::Day(signalement) = row[column("signalement_date")] else {
        panic!("a row has a signalement");
    };
    let year =
        chrono::Datelike::year(&NaiveDate::from_num_days_from_ce_opt(signalement + EPOCH).unwrap());
    let next_year = day(NaiveDate::from_ymd_opt(year + 1, 1, 10).unwrap());
    // one service a row: `limit` cells, then two rows of a further one,
    // the second signalled after the period
    let mut rows = Vec::new();
    for i in 0..limit + 2 {
        let mut r = row.clone();
        r[column("id")] = V::Text(format!("C-{i}"));
        r[column("service")] = V::Text(format!("s{}", i.min(limit)));
        if i == limit + 1 {
            r[column("signalement_date")] = V::Day(next_year);
        }
        rows.push(r);
    }
    let table = Table {
        unknown: vec![false; rows.len()],
        rows,
    };
    let ids: Vec<String> = COUNTED.iter().map(|s| s.to_string()).collect();
    let by = ["service".to_string()];
    for cuts in [&[][..], &[limit + 1], &[limit]] {
        let (typed, accepted) = counted_both_ways(&table, &ids, &by, year, None, cuts, false, true);
        assert_eq!((typed, accepted), (limit + 2, limit + 2));
    }
    let policy = serde_json::json!("aismt13");
    let mut rules = accumulator_of(&policy, Period::year(year), &by, &ids).unwrap();
    accumulate_cells(&table, 0..table.rows.len(), 0, None, &mut rules);
    // the row of the further cell signalled in the period, only
    assert_eq!((rules.cells.len(), rules.uncounted), (limit, 1));
}

/// A row whose cell is past the breakdown's (which only a fault of the
/// kernel's checks could make: here planted by moving every row's cell)
/// is read by the rules, not given a cell of its own: the report is the
/// rules' and no row is counted from its columns. Without the cap, these
/// rows were counted in cells the slot table grew to hold (a fault that
/// let a refused sector through grew it by gigabytes).
#[test]
fn a_cell_past_the_breakdown_is_left_to_the_rules() {
    let base = base_rows();
    let n = base.len();
    let table = Table {
        unknown: vec![false; n],
        rows: base,
    };
    let ids: Vec<String> = COUNTED.iter().map(|s| s.to_string()).collect();
    let by = ["secteur".to_string()];
    // unspoiled, most rows are counted from their columns
    let (typed, accepted) = counted_both_ways(&table, &ids, &by, 2023, None, &[], false, true);
    assert_eq!(accepted, n);
    assert!(typed * 2 >= n, "{typed} of {n}");
    // past the largest breakdown (65,536 cells), and far past it
    for by_how_much in [1 << 16, 1 << 40] {
        SPOILED_SLOT.with(|s| s.set(by_how_much));
        let read = std::panic::catch_unwind(|| {
            counted_both_ways(&table, &ids, &by, 2023, None, &[], false, true)
        });
        SPOILED_SLOT.with(|s| s.set(0));
        let (typed, accepted) = read.unwrap();
        assert_eq!((typed, accepted), (0, n));
    }
}
