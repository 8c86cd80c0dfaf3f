//! Core errors → the uniffi error enum, in one place. Every variant carries
//! `code`, `path` and the messages as fields (uniffi exposes fields, not the
//! Display text; the French one is `message_fr`, because a field named
//! `message` breaks the generated Kotlin, uniffi-rs issue 1434); the catch-all arm covers future core variants
//! (`CmeError` is `#[non_exhaustive]`); every core error of the kind
//! `InvalidArgumentError` is `InvalidArgument`, with its issues.

use crate::convert::issues;
use crate::CmeError;

impl From<cme_pdp::error::CmeError> for CmeError {
    fn from(e: cme_pdp::error::CmeError) -> Self {
        let code = e.code().to_string();
        let path = e.path().to_string();
        let message_fr = e.message_fr();
        let message_en = e.message_en();
        if e.kind() == "InvalidArgumentError" {
            // a date, a period, an export profile, a format, templates
            return CmeError::InvalidArgument {
                code,
                path,
                message_fr,
                message_en,
                issues: issues(e.issues()),
            };
        }
        match e {
            cme_pdp::error::CmeError::InvalidCase(v) => CmeError::Validation {
                code,
                path,
                message_fr,
                message_en,
                issues: issues(&v.issues),
            },
            cme_pdp::error::CmeError::InvalidPolicy(p) => CmeError::Policy {
                code,
                path,
                message_fr,
                message_en,
                issues: issues(&p.issues),
            },
            cme_pdp::error::CmeError::UnknownPreset => CmeError::UnknownPreset {
                code,
                path,
                message_fr,
                message_en,
            },
            cme_pdp::error::CmeError::EventRefused(issue) => CmeError::EventRefused {
                code,
                path,
                message_fr,
                message_en,
                issues: issues(std::slice::from_ref(&issue)),
            },
            _ => CmeError::Internal {
                code,
                path,
                message_fr,
                message_en,
            },
        }
    }
}
