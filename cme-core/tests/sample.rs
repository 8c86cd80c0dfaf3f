//! The bundled sample is valid, round-trips, and agrees with serde.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::case::Case;
use cme_pdp::sample::{sample_cases, sample_json_values, SAMPLE_AS_OF};
use cme_pdp::validate::{validate, ValidateOptions};

#[test]
fn every_sample_case_is_valid() {
    let options = ValidateOptions::as_of(Some(SAMPLE_AS_OF));
    for value in sample_json_values().unwrap() {
        let issues = validate(&value, &options);
        assert!(issues.is_empty(), "{}: {:#?}", value["id"], issues);
    }
    assert_eq!(sample_cases().unwrap().len(), 50);
}

#[test]
fn the_validator_and_serde_read_the_same_case() {
    let options = ValidateOptions::as_of(Some(SAMPLE_AS_OF));
    for value in sample_json_values().unwrap() {
        let by_validator = cme_pdp::validate::parse_case(&value, &options).unwrap();
        let by_serde: Case = serde_json::from_value(value.clone()).unwrap();
        // The sample is written in format version 1: the validator migrates
        // it to the current version (it has no visits); serde reads it as is.
        assert_eq!(by_serde.format_version, 1);
        assert_eq!(by_validator.format_version, cme_pdp::case::FORMAT_VERSION);
        let mut migrated = by_serde.clone();
        migrated.format_version = cme_pdp::case::FORMAT_VERSION;
        assert_eq!(by_validator, migrated);
        // and the JSON form round-trips exactly through the typed case
        let back = serde_json::to_value(&by_serde).unwrap();
        assert_eq!(back, value, "the normalized form is the sample's own form");
        let again: Case = serde_json::from_value(back.clone()).unwrap();
        assert_eq!(again, by_serde);
        assert!(by_serde.check(&options).is_empty());
    }
}
