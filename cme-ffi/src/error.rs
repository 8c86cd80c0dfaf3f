//! Core errors → the uniffi error enum, in one place. Every variant carries
//! `code`, `path` and the messages as fields (uniffi exposes fields, not the
//! Display text); the catch-all arm covers future core variants
//! (`CmeError` is `#[non_exhaustive]`).

use crate::convert::issues;
use crate::CmeError;

impl From<cme_core::error::CmeError> for CmeError {
    fn from(e: cme_core::error::CmeError) -> Self {
        let code = e.code().to_string();
        let path = e.path().to_string();
        let message = e.message_fr();
        let message_en = e.message_en();
        match e {
            cme_core::error::CmeError::InvalidAsOf | cme_core::error::CmeError::InvalidPeriod => {
                CmeError::InvalidArgument {
                    code,
                    path,
                    message,
                    message_en,
                }
            }
            cme_core::error::CmeError::InvalidCase(v) => CmeError::Validation {
                code,
                path,
                message,
                message_en,
                issues: issues(&v.issues),
            },
            cme_core::error::CmeError::InvalidPolicy(p) => CmeError::Policy {
                code,
                path,
                message,
                message_en,
                issues: issues(&p.issues),
            },
            cme_core::error::CmeError::UnknownPreset => CmeError::UnknownPreset {
                code,
                path,
                message,
                message_en,
            },
            cme_core::error::CmeError::EventRefused(issue) => CmeError::EventRefused {
                code,
                path,
                message,
                message_en,
                issues: issues(std::slice::from_ref(&issue)),
            },
            _ => CmeError::Internal {
                code,
                path,
                message,
                message_en,
            },
        }
    }
}
