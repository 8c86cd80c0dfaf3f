//! A policy file as untrusted JSON or TOML; a policy that loads is used to
//! evaluate the sample.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let loaded = [
        cme_pdp::policy::Policy::from_json_str(text).ok(),
        cme_pdp::policy::Policy::from_toml_str(text).ok(),
    ];
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default();
    for policy in loaded.into_iter().flatten() {
        let _ = policy.content_hash();
        if let Ok(cases) = cme_pdp::sample::sample_cases() {
            for case in cases.iter().take(5) {
                let _ = cme_pdp::evaluate::evaluate(case, &policy, as_of);
            }
        }
    }
});
