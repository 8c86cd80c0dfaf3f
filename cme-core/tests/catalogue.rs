//! docs/issue-codes.md is generated from the catalogue and must not drift
//! (regenerate with `CME_BLESS=1 cargo test -p cme-pdp --test catalogue`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_pdp::issue::{IssueCode, Lang};

fn render() -> String {
    let mut out = String::from(
        "# Issue codes\n\n\
         Generated from `cme_pdp::issue::IssueCode` by `cme-core/tests/catalogue.rs`: do not edit.\n\n\
         Each validation problem is reported as `{code, path, params, message, message_en}`. \
         Codes are stable; messages may be reworded. `{name}` in a template stands for a parameter; \
         `{recipient:destinataire}` for a recipient's code (`employeur`, `partenaire`) written in \
         the message's language; parameters never hold the value of a field.\n\n\
         **Severity.** Every code is an *error* (the input is rejected) except those marked \
         *warning*: a form refuses them like any issue, but an import keeps the case and reports \
         the problem at its field (`read_table` keeps the row and lists the issue; `evaluate` \
         goes on and the rule concerned says why the fact has no effect). Only warnings carry \
         `severity` in their JSON form (`\"severity\": \"warning\"`).\n\n\
         | code | severity | parameters | message (fr) | message (en) |\n|---|---|---|---|---|\n",
    );
    for code in IssueCode::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            code.code(),
            if code.severity().is_error() {
                "error"
            } else {
                "warning"
            },
            code.params()
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", "),
            code.template(Lang::Fr).replace('|', "\\|"),
            code.template(Lang::En).replace('|', "\\|"),
        ));
    }
    out
}

#[test]
fn issue_codes_doc_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/issue-codes.md");
    let generated = render();
    if std::env::var_os("CME_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "docs/issue-codes.md drifted: run `CME_BLESS=1 cargo test -p cme-pdp --test catalogue`"
    );
}
