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
//! use cme_core::validate::{validate_json, ValidateOptions};
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
//!   (small-cell suppression, CSV and Markdown).
//!
//! Features: `toml` (policy files in TOML) and `synthetic` (populations),
//! both on by default.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod case;
pub mod category;
pub mod codes;
pub mod dates;
pub mod deadlines;
pub mod error;
pub mod evaluate;
pub mod explain;
pub mod inclusion;
pub mod indicators;
pub mod issue;
pub mod json;
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
pub mod synthetic;
pub mod table;
pub mod texts;
pub mod validate;

/// The version of this library.
///
/// ```
/// assert!(!cme_core::VERSION.is_empty());
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's Rust snippets, run as doctests so that they cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
