//! Documented input limits: past them, an issue is reported instead of
//! unbounded work.
//!
//! ```
//! assert_eq!(cme_pdp::limits::MAX_EVENTS, 1000);
//! assert_eq!(cme_pdp::validate::limits::MAX_EVENTS, 1000);
//! ```

/// Maximum size of a JSON document, in bytes.
pub const MAX_JSON_BYTES: usize = 1 << 20;
/// Maximum size of a report or a publication given back to cme (to
/// publish, audit, verify or render it), in bytes of JSON text: a report
/// of [`MAX_CELLS`] cells fits.
pub const MAX_REPORT_BYTES: usize = 64 << 20;
/// Maximum length of a case id.
pub const MAX_ID_LEN: usize = 64;
/// Characters of a key echoed in a path (an unknown field's name): longer
/// keys are cut, control characters escaped ([`crate::issue::Path::key`]).
pub const MAX_KEY_ECHO: usize = 64;
/// Maximum length of a service code.
pub const MAX_SERVICE_LEN: usize = 32;
/// Maximum length of a policy id.
pub const MAX_POLICY_ID_LEN: usize = 64;
/// Maximum length of the justification of a category override.
pub const MAX_JUSTIFICATION_LEN: usize = 2000;
/// Maximum length of a NAF section letter field.
pub const MAX_SECTION_LEN: usize = 2;
/// Maximum number of events of a case.
pub const MAX_EVENTS: usize = 1000;
/// Maximum number of sick leaves of a case.
pub const MAX_SICK_LEAVES: usize = 100;
/// Maximum number of consents of a case.
pub const MAX_CONSENTS: usize = 100;
/// Maximum number of partners named in one consent.
pub const MAX_PARTNERS: usize = 50;
/// Maximum number of problem codes given to the orientation (there are
/// seven problem types; a longer list is refused before it is read).
pub const MAX_PROBLEMS: usize = 100;
/// Maximum number of cases (or table rows) in one call: a table, a list
/// of cases for indicators. Bigger populations go piece by piece into an
/// accumulator ([`crate::indicators::Accumulator`]), which has no limit.
pub const MAX_ROWS: usize = 10_000_000;
/// Problems listed for one call (a case, a table, a list of cases): past
/// it, the others are counted in one last `more_issues` problem (a table of
/// ten million bad rows must not fill memory with its problems).
pub const MAX_ISSUES: usize = 1000;
/// Problems listed for one row of a table or one case of a list: past it,
/// the others are counted in one `more_issues` problem at the row.
pub const MAX_ROW_ISSUES: usize = 20;
/// Cells of one report (the combinations of its dimensions' values met in
/// the cases): past it, `too_many_items` at `by` (a breakdown by a
/// dimension with a hundred thousand values is no table anyone reads, and
/// its cells would be a hundred thousand reports).
pub const MAX_CELLS: usize = 10_000;
/// Characters of a text of a list cell (`consent_sharing_with`) a binding
/// converts: no code a list holds is this long, so a longer text is an
/// unknown code all the same, found without copying it whole.
pub const MAX_LIST_TEXT_CHARS: usize = 64;
/// Earliest year accepted in a date.
pub const MIN_YEAR: i32 = 1900;
/// Latest year accepted in a date.
pub const MAX_YEAR: i32 = 2100;
/// Youngest plausible age of a worker at the signalement.
pub const MIN_AGE: i32 = 14;
/// Oldest plausible age of a worker at the signalement.
pub const MAX_AGE: i32 = 80;
