//! Rows of a flat table as untrusted JSON, read through the case validation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let rows = match value {
        serde_json::Value::Array(items) => items,
        other => vec![other],
    };
    let read = cme_pdp::table::read_rows(&rows, chrono::NaiveDate::from_ymd_opt(2025, 6, 30));
    // Nothing lost: every row is a case or has a problem, or is counted in
    // the last `more_issues` (problems past MAX_ISSUES), from its row on.
    let mut seen: Vec<usize> = read.rows.clone();
    seen.extend(read.issues.iter().map(|i| i.row));
    seen.sort_unstable();
    seen.dedup();
    let more = read
        .issues
        .last()
        .filter(|i| i.issue.code.code() == "more_issues" && i.issue.path.as_str() == "rows")
        .map(|i| i.row);
    for r in 0..rows.len() {
        if seen.binary_search(&r).is_err() {
            assert!(more.is_some_and(|m| r >= m), "row {r} lost");
        }
    }
    assert!(read.issues.len() <= cme_pdp::limits::MAX_ISSUES + 1);
});
