//! A CSV export as untrusted bytes (any encoding, any separator), read with
//! the French profile and with the profile of column names.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fr", "cme"] {
        let Some(profile) = cme_pdp::export::Profile::builtin(name) else { return };
        let read = cme_pdp::export::read_csv(data, &cme_pdp::export::CsvOptions::new(profile));
        if !read.is_readable() {
            assert!(read.table.cases.is_empty() && read.table.issues.is_empty());
            continue;
        }
        // Nothing lost: every row is a case or has a problem (an error), or
        // is counted in the last `more_issues` from its row on.
        let mut seen: Vec<usize> = read.table.rows.clone();
        seen.extend(read.table.issues.iter().filter(|i| i.issue.severity.is_error()).map(|i| i.row));
        seen.sort_unstable();
        seen.dedup();
        let more = read
            .table
            .issues
            .last()
            .filter(|i| i.issue.code.code() == "more_issues" && i.issue.path.as_str() == "rows")
            .map(|i| i.row);
        for r in 0..read.rows {
            if seen.binary_search(&r).is_err() {
                assert!(more.is_some_and(|m| r >= m), "row {r} lost");
            }
            assert!(read.line(r).is_some_and(|l| l >= 2), "row {r} has no line");
        }
        let _ = read.to_text(cme_pdp::issue::Lang::Fr);
        let _ = read.to_value();
    }
});
