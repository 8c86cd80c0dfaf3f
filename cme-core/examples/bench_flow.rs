//! Time of counting the flow figures of a table straight from its typed
//! columns (`table::columnar::accumulate_typed`), on one thread: the Rust
//! part of `cme.indicators(…, indicators=cme.FLOW_INDICATORS)` in Python,
//! without the reading of Arrow columns into keys.
//!
//!     cargo run --release -p cme-pdp --example bench_flow -- [rows]
//!
//! The rows are those of `cme.synthetic_table` (the synthetic population's
//! cases that fit a row, numbered `SYN-0000000`…), by sector for 2023 under
//! `aismt13`, in pieces of 16,384 rows as the Python binding cuts a batch;
//! the columns typed as the binding types them: dates as day numbers with
//! their validity, texts as keys into their distinct values, identifiers
//! as string views. The report is checked against the rules' own count
//! (`table::accumulate_cells`) before the clock runs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use cme_pdp::indicators::{accumulator_of, Period};
use cme_pdp::table::columnar::{accumulate_typed, Bits, Typed, TypedPiece, NULL_KEY};
use cme_pdp::table::{accumulate_cells, Cell, CellSource, ColumnKind, COLUMNS};
use serde_json::Value;

/// The cells of each column (read by the rules for the rows the typed
/// counting leaves to them, as from the columns of an Arrow batch).
struct Rows(Vec<Vec<Value>>);

impl CellSource for Rows {
    fn cell(&self, column: usize, row: usize) -> Cell<'_> {
        match &self.0[column][row] {
            Value::String(s) => Cell::Text(s),
            Value::Bool(b) => Cell::Boolean(*b),
            Value::Number(n) => n.as_i64().map_or(Cell::Null, Cell::Integer),
            _ => Cell::Null,
        }
    }
    fn unknown_columns(&self, _row: usize, _found: &mut dyn FnMut(&str)) {}
    fn may_have_unknown_columns(&self) -> bool {
        false
    }
}

/// A column typed as the binding types it.
enum Column {
    Days(Vec<i32>, Vec<u8>),
    Keys(Vec<u32>, Vec<String>),
    Views(Vec<u128>),
}

fn days_since_epoch(text: &str) -> i32 {
    let d = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date");
    chrono::Datelike::num_days_from_ce(&d) - 719_163
}

fn typed(rows: &[Value], c: usize) -> Column {
    let name = COLUMNS[c].name;
    let text = |r: &Value| r.get(name).and_then(Value::as_str).map(str::to_string);
    if name == "id" {
        return Column::Views(
            rows.iter()
                .map(|r| {
                    let id = text(r).expect("an id");
                    assert!(id.len() <= 12, "an id held in its view");
                    let mut view = [0u8; 16];
                    view[..4].copy_from_slice(&(id.len() as u32).to_le_bytes());
                    view[4..4 + id.len()].copy_from_slice(id.as_bytes());
                    u128::from_le_bytes(view)
                })
                .collect(),
        );
    }
    if COLUMNS[c].kind == ColumnKind::Date {
        let mut valid = vec![0u8; rows.len().div_ceil(8)];
        let days = rows
            .iter()
            .enumerate()
            .map(|(j, r)| match text(r) {
                Some(t) => {
                    valid[j / 8] |= 1 << (j % 8);
                    days_since_epoch(&t)
                }
                None => 0,
            })
            .collect();
        return Column::Days(days, valid);
    }
    let mut values: Vec<String> = Vec::new();
    let keys = rows
        .iter()
        .map(|r| match text(r) {
            Some(t) => match values.iter().position(|v| *v == t) {
                Some(k) => k as u32,
                None => {
                    values.push(t);
                    values.len() as u32 - 1
                }
            },
            None => NULL_KEY,
        })
        .collect();
    Column::Keys(keys, values)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("rows"))
        .unwrap_or(1_000_000);
    let options = cme_pdp::synthetic::PopulationOptions::default();
    let mut rows: Vec<Value> = Vec::with_capacity(n);
    let mut round = 0;
    while rows.len() < n {
        let need = n - rows.len();
        let batch = cme_pdp::synthetic::population(need + need / 2 + 16, 2026 + round, &options);
        rows.extend(batch.iter().filter_map(cme_pdp::table::case_row).take(need));
        round += 1;
    }
    for (i, row) in rows.iter_mut().enumerate() {
        row["id"] = Value::String(format!("SYN-{i:07}"));
    }
    let policy = serde_json::json!("aismt13");
    let by = ["secteur".to_string()];
    let ids: Vec<String> = cme_pdp::table::columnar::COUNTED
        .iter()
        .map(|s| s.to_string())
        .collect();
    let new = || accumulator_of(&policy, Period::year(2023), &by, &ids).unwrap();
    let names = cme_pdp::table::columnar::report_columns(&new().spec).expect("a flow report");
    let columns: Vec<Option<Column>> = COLUMNS
        .iter()
        .enumerate()
        .map(|(c, col)| names.contains(&col.name).then(|| typed(&rows, c)))
        .collect();
    let src = Rows(
        COLUMNS
            .iter()
            .map(|c| {
                rows.iter()
                    .map(|r| r.get(c.name).cloned().unwrap_or(Value::Null))
                    .collect()
            })
            .collect(),
    );
    drop(rows);
    // The distinct values of each text column, as the core reads them.
    let texts: Vec<Vec<&str>> = columns
        .iter()
        .map(|column| match column {
            Some(Column::Keys(_, values)) => values.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    const PIECE: usize = 16_384;
    let count = |acc: &mut cme_pdp::indicators::Accumulator| {
        let mut start = 0;
        while start < n {
            let end = (start + PIECE).min(n);
            let mut piece = TypedPiece::new();
            for ((slot, column), texts) in piece.columns.iter_mut().zip(&columns).zip(&texts) {
                *slot = column.as_ref().map(|column| match column {
                    Column::Days(days, valid) => Typed::Days {
                        days: &days[start..end],
                        valid: Some(Bits {
                            bytes: valid,
                            offset: start,
                        }),
                    },
                    Column::Keys(keys, _) => Typed::Keys {
                        keys: &keys[start..end],
                        values: texts,
                    },
                    Column::Views(views) => Typed::Views {
                        views: &views[start..end],
                        buffers: &[],
                        valid: None,
                    },
                });
            }
            let read = accumulate_typed(&src, &piece, start..end, 0, None, acc);
            assert!(read.issues.is_empty());
            start = end;
        }
    };
    let mut rules = new();
    accumulate_cells(&src, 0..n, 0, None, &mut rules);
    let mut fast = new();
    count(&mut fast);
    assert_eq!(
        fast.finish(),
        rules.finish(),
        "the typed count is the rules'"
    );
    let mut secs = f64::INFINITY;
    let repeats: usize = std::env::var("CME_BENCH_REPEATS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    for _ in 0..repeats {
        let mut acc = new();
        let t = std::time::Instant::now();
        count(&mut acc);
        secs = secs.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{n} rows counted from their typed columns on one thread, best of {repeats}: {:.1} ns per row ({:.1} ms)",
        secs * 1e9 / n as f64,
        secs * 1e3
    );
}
