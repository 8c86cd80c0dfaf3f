//! Time of reading flat rows given as columns (`table::read_columns`), on
//! one thread: the Rust part of `cme.read_table` in Python.
//!
//!     cargo run --release -p cme-pdp --example bench_table [rows]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("rows"))
        .unwrap_or(200_000);
    let options = cme_pdp::synthetic::PopulationOptions::default();
    let rows: Vec<serde_json::Value> = cme_pdp::synthetic::population(n + n / 2, 2026, &options)
        .iter()
        .filter_map(cme_pdp::table::case_row)
        .take(n)
        .collect();
    let n = rows.len();
    let columns: Vec<(String, Vec<serde_json::Value>)> = cme_pdp::table::COLUMNS
        .iter()
        .map(|c| {
            (
                c.name.to_string(),
                rows.iter()
                    .map(|r| r.get(c.name).cloned().unwrap_or(serde_json::Value::Null))
                    .collect(),
            )
        })
        .collect();
    // Best of 5 runs.
    let mut secs = f64::INFINITY;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let read = cme_pdp::table::read_columns(&columns, 0..n, 0, None);
        secs = secs.min(t.elapsed().as_secs_f64());
        assert_eq!(read.cases.len(), n, "every synthetic row is valid");
    }
    println!(
        "{n} rows read and validated on one thread (JSON cells), best of 5: {:.2} µs per row ({secs:.3} s)",
        secs * 1e6 / n as f64
    );
}
