//! A policy as a host object: loaded and checked once, then passed to every
//! call that classifies cases (`evaluate`, `evaluate_case`,
//! `indicators_json`, `IndicatorAccumulator`).

use std::sync::Arc;

use crate::{read_json, CmeError};

/// How one service runs its cell: one of the seven presets, or a policy of
/// the host's own, checked field by field when it is loaded.
#[derive(Debug, uniffi::Object)]
pub struct Policy {
    /// What the calls that take a policy as JSON receive: the preset code
    /// as a JSON string, or the policy object.
    value: serde_json::Value,
    /// The checked policy with its content hash, computed once.
    loaded: cme_pdp::policy::Loaded,
}

impl Policy {
    /// The JSON form the core's table and indicator functions read.
    pub(crate) fn value(&self) -> &serde_json::Value {
        &self.value
    }

    /// The checked policy with its hash.
    pub(crate) fn loaded(&self) -> &cme_pdp::policy::Loaded {
        &self.loaded
    }

    fn of_value(value: serde_json::Value) -> Result<Arc<Self>, CmeError> {
        let policy = cme_pdp::policy::resolve_policy(&value)?;
        Ok(Arc::new(Policy {
            value,
            loaded: cme_pdp::policy::Loaded::new(policy),
        }))
    }
}

#[uniffi::export]
impl Policy {
    /// A preset by its service code (`aismt13`, `aist43`…), or
    /// `CmeError.UnknownPreset`.
    #[uniffi::constructor]
    pub fn preset(code: String) -> Result<Arc<Self>, CmeError> {
        Policy::of_value(serde_json::Value::String(code))
    }

    /// A policy given as a JSON text: a policy object, or a preset code as
    /// a JSON string (`"aismt13"` with its quotes); `CmeError.Policy` lists
    /// every problem.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Arc<Self>, CmeError> {
        Policy::of_value(read_json(&text, "policy")?)
    }

    /// A policy given as a TOML text; `CmeError.Policy` lists every
    /// problem.
    #[uniffi::constructor]
    pub fn from_toml(text: String) -> Result<Arc<Self>, CmeError> {
        let policy = cme_pdp::policy::Policy::from_toml_str(&text)
            .map_err(cme_pdp::error::CmeError::InvalidPolicy)?;
        let value = serde_json::to_value(&policy).unwrap_or_default();
        Ok(Arc::new(Policy {
            value,
            loaded: cme_pdp::policy::Loaded::new(policy),
        }))
    }

    /// Its stable id (the service code for a preset).
    pub fn id(&self) -> String {
        self.loaded.policy().id.clone()
    }

    /// Its readable name.
    pub fn name(&self) -> String {
        self.loaded.policy().name.clone()
    }

    /// The SHA-256 hash of its content, as every evaluation cites it.
    pub fn content_hash(&self) -> String {
        self.loaded.content_hash().to_string()
    }

    /// The whole policy, normalized, as a JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self.loaded.policy()).unwrap_or_default()
    }
}
