//! docs/issue-codes.md is generated from the catalogue and must not drift
//! (regenerate with `CME_BLESS=1 cargo test -p cme-core --test catalogue`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use cme_core::issue::{IssueCode, Lang};

fn render() -> String {
    let mut out = String::from(
        "# Issue codes\n\n\
         Generated from `cme_core::issue::IssueCode` by `cme-core/tests/catalogue.rs`: do not edit.\n\n\
         Each validation problem is reported as `{code, path, params, message, message_en}`. \
         Codes are stable; messages may be reworded. `{name}` in a template stands for a parameter; \
         parameters never hold the value of a field.\n\n\
         | code | parameters | message (fr) | message (en) |\n|---|---|---|---|\n",
    );
    for code in IssueCode::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            code.code(),
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
        "docs/issue-codes.md drifted: run `CME_BLESS=1 cargo test -p cme-core --test catalogue`"
    );
}
