//! The decisions-only path (`decide`) and the whole evaluation state the
//! same decisions: one statement of each rule, held together here over
//! generated populations, every preset and evaluation dates from before the
//! signalements to years after the exits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Days, NaiveDate};
use cme_pdp::evaluate::{decide, evaluate_loaded};
use cme_pdp::policy::{preset_codes, Loaded};
use cme_pdp::synthetic::{population, PopulationOptions};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("CME_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
    ))]

    #[test]
    fn decide_states_what_evaluate_states(seed in any::<u64>(), preset in 0usize..7, offset in 0u64..2200) {
        let code = preset_codes()[preset];
        let policy = Loaded::preset(code).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + Days::new(offset);
        for case in population(40, seed, &PopulationOptions::default()) {
            match (decide(&case, policy, as_of), evaluate_loaded(&case, policy, as_of)) {
                (Ok(d), Ok(e)) => prop_assert_eq!(d, e.decisions(), "case {} under {} as of {}", case.id, code, as_of),
                (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code()),
                (a, b) => prop_assert!(false, "one refused, not the other: {:?} / {:?}", a.err(), b.err()),
            }
        }
    }
}

/// The alerts of the decisions are those of the evaluation, counted over a
/// population where they occur (a planted check that the property above
/// is not vacuous: overdue contacts, follow-ups and refusals all appear).
#[test]
fn the_population_has_every_kind_of_alert() {
    let policy = Loaded::preset("aismt13").unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let mut codes = std::collections::BTreeSet::new();
    for case in population(3000, 7, &PopulationOptions::default()) {
        if let Ok(d) = decide(&case, policy, as_of) {
            codes.extend(d.alerts.into_iter().map(|a| a.code));
        }
    }
    for code in ["contact_en_retard", "contact_tardif", "suivi_en_retard"] {
        assert!(codes.contains(code), "no {code} in {codes:?}");
    }
}
