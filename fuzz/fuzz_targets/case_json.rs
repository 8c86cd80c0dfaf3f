//! A case as untrusted JSON text: validation, parsing, and everything
//! computed from a case that parses (evaluation under a preset, the legal
//! calendar, orientation). No panic, no hang; messages never repeat input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 30);
    let options = cme_pdp::validate::ValidateOptions::as_of(as_of);
    let _ = cme_pdp::validate::validate_json(text, &options);
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { return };
    let Some(as_of) = as_of else { return };
    for code in ["aismt13", "aist43"] {
        if let Ok(policy) = cme_pdp::policy::preset(code) {
            let _ = cme_pdp::evaluate::evaluate_value(&value, &policy, as_of);
        }
    }
    let _ = cme_pdp::json::visit_report_value(&value, as_of, &Default::default());
    let _ = cme_pdp::json::orient_value(&value, None, as_of);
});
