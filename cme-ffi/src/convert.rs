//! Core types → uniffi records.

use crate::Issue;

impl From<&cme_pdp::issue::Issue> for Issue {
    fn from(i: &cme_pdp::issue::Issue) -> Self {
        Issue {
            code: i.code.code().to_string(),
            severity: if i.severity.is_error() {
                "error"
            } else {
                "warning"
            }
            .to_string(),
            path: i.path.as_str().to_string(),
            params: i.params.clone().into_iter().collect(),
            message: i.message.clone(),
            message_en: i.message_en.clone(),
        }
    }
}

/// Core issues as records.
pub fn issues(list: &[cme_pdp::issue::Issue]) -> Vec<Issue> {
    list.iter().map(Issue::from).collect()
}
