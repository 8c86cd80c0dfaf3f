//! Rows of a flat table as untrusted JSON, read through the case validation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let rows = match value {
        serde_json::Value::Array(items) => items,
        other => vec![other],
    };
    let read = cme_core::table::read_rows(&rows, chrono::NaiveDate::from_ymd_opt(2025, 6, 30));
    // Nothing lost: every row is a case or has a problem.
    let mut seen: Vec<usize> = read.rows.clone();
    seen.extend(read.issues.iter().map(|i| i.row));
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), rows.len());
});
