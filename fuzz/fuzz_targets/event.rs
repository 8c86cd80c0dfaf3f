//! An event as untrusted JSON added to each case of the sample: accepted
//! (the case grows by one) or refused (the case is unchanged).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(event) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    let Ok(cases) = cme_pdp::sample::sample_json_values() else { return };
    for case in cases.iter().take(10) {
        if let Ok(added) = cme_pdp::json::add_event_value(case, &event) {
            let before = case["events"].as_array().map_or(0, Vec::len);
            assert_eq!(added.events.len(), before + 1);
        }
    }
});
