//! # cme-core
//!
//! The rules of the French *cellules de maintien en emploi* (CME, the legal
//! "cellule PDP" of Code du travail L4622-8-1): the case model and its
//! interchange format, validation of untrusted input with every problem
//! reported at once. Pure: no I/O, no unsafe code, no binding dependency;
//! the Python (`cme-py`), browser (`cme-wasm`) and host (`cme-ffi`) bindings
//! delegate here.
//!
//! ```
//! use cme_pdp::validate::{validate_json, ValidateOptions};
//!
//! let issues = validate_json(r#"{"format_version": 1}"#, &ValidateOptions::default());
//! let missing: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
//! assert_eq!(missing, ["id", "service", "worker", "signalement"]);
//! assert_eq!(issues[0].message, "Le champ « id » est obligatoire.");
//! ```
//!
//! Modules are named after the domain:
//!
//! - the case and its input: [`case`] (the model), [`codes`] (stable terms
//!   of art), [`validate`] and [`issue`] (problems as data), [`error`]
//!   (failed calls), [`schema`] (JSON Schema), [`sample`] (50 synthetic
//!   cases), [`synthetic`] (seeded populations of any size);
//! - the pathway: [`policy`] (how a service runs its cell, seven presets),
//!   [`pathway`] (stages, refusals), [`category`], [`inclusion`],
//!   [`deadlines`], [`evaluate`] (everything, explained), [`explain`]
//!   (decisions, reasons, sources);
//! - the law: [`legal`] (visit rules and their dated versions), [`measures`],
//!   [`orientation`];
//! - the figures: [`indicators`] (catalogue, accumulators), [`publish`]
//!   (small-cell suppression, CSV and Markdown), [`table`] (tables of
//!   cases), `export` (the CSV exports of SST software, in the French
//!   conventions).
//!
//! Features: `toml` (policy files in TOML), `synthetic` (populations) and
//! `export` (reading CSV exports: the `csv` and `encoding_rs` crates), on by
//! default; `schema` (generating the JSON Schema from the Rust
//! types with schemars) is off: only the schema drift test needs it, and
//! every binding serves the checked-in schema ([`schema::case_schema`]).
//!
//! ## Stability
//!
//! The crate follows semantic versioning, and what the project promises to
//! extend is marked `#[non_exhaustive]`, so that extending it is a minor
//! version:
//!
//! - every code list (stages, statuses, categories, event types, partners,
//!   issue codes…) and every other public enum: a new code is a new variant;
//! - the case model (a new optional field of the interchange format within
//!   a format version), the policy and its parts, the options, and every
//!   result (a new fact in an evaluation, a new field of a report's
//!   explanation).
//!
//! Outside this crate, match a code list with a wildcard arm, and build a
//! case-model value or options with its constructor (or `Default`) and set
//! its fields:
//!
//! ```
//! use cme_pdp::case::{Partner, SickLeave, SickLeaveCause};
//! fn domain(p: Partner) -> &'static str {
//!     match p {
//!         Partner::Mdph | Partner::Agefiph | Partner::Fiphfp => "handicap",
//!         _ => "autre", // a partner added later lands here
//!     }
//! }
//! assert_eq!(domain(Partner::CapEmploi), "autre");
//! let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 8).unwrap();
//! let mut leave = SickLeave::new(start, SickLeaveCause::AccidentDuTravail);
//! leave.end = start.checked_add_days(chrono::Days::new(30));
//! ```
//!
//! An exhaustive match, or a struct literal, does not compile outside the
//! crate: code that compiles today cannot be broken by a new code or field.
//!
//! ```compile_fail
//! use cme_pdp::case::EmployerKind;
//! fn f(k: EmployerKind) -> u8 {
//!     match k { EmployerKind::Prive => 0, EmployerKind::Public => 1 }
//! }
//! ```
//!
//! ```compile_fail
//! use cme_pdp::case::{SickLeave, SickLeaveCause};
//! let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 8).unwrap();
//! let leave = SickLeave { start, end: None, end_is_expected: false, cause: SickLeaveCause::AccidentDuTravail };
//! ```
//!
//! Left exhaustive on purpose: the report documents ([`indicators::Report`],
//! [`indicators::IndicatorValue`]), whose JSON is read back and published
//! as is (a field added to them changes what a publication contains: a
//! major version), and the error wrappers ([`error::ValidationError`],
//! [`error::PolicyError`]) and [`table::TableRead`], which are only a list
//! of issues and the rows read.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod case;
pub mod category;
pub mod codes;
pub mod dates;
pub mod deadlines;
#[cfg(feature = "documents")]
pub mod documents;
pub mod error;
pub mod evaluate;
pub mod explain;
#[cfg(feature = "export")]
#[cfg_attr(docsrs, doc(cfg(feature = "export")))]
pub mod export;
pub mod impact;
pub mod inclusion;
pub mod indicators;
pub mod issue;
pub mod json;
pub mod labels;
pub mod legal;
pub mod limits;
pub mod lists;
/// The measures of the maintien en emploi (a part of the legal calendar).
pub use legal::measures;
pub mod orientation;
pub mod pathway;
pub mod policy;
pub mod process;
pub mod publish;
mod reader;
pub mod sample;
pub mod schema;
pub mod sources;
pub mod stage;
#[cfg(feature = "synthetic")]
#[cfg_attr(docsrs, doc(cfg(feature = "synthetic")))]
pub mod synthetic;
pub mod table;
pub mod texts;
pub mod validate;
pub mod worklists;

/// The version of this library.
///
/// ```
/// assert!(!cme_pdp::VERSION.is_empty());
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The crate README's Rust snippet, run as a doctest so that it cannot rot
/// (the project README's is run by the conformance crate).
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
