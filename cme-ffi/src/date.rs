//! Calendar dates across the boundary.
//!
//! A date crosses as its ISO text (`YYYY-MM-DD`) and is read by the core,
//! which reports a malformed one at its field's path (`invalid_date` at
//! `sick_leaves[0].end`, `invalid_as_of` at `as_of`), exactly as for the
//! JSON of the interchange format. Hosts that have a calendar-date type see
//! it instead of a string: `uniffi.toml` maps [`IsoDate`] to
//! `java.time.LocalDate` in Kotlin and Java. Python and Swift see a string
//! alias (`IsoDate`).

/// A calendar date as its ISO text (`YYYY-MM-DD`); `java.time.LocalDate`
/// in Kotlin and Java.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IsoDate(pub String);

uniffi::custom_newtype!(IsoDate, String);

impl IsoDate {
    /// The date of a core value.
    pub fn of(date: chrono::NaiveDate) -> Self {
        IsoDate(date.format("%Y-%m-%d").to_string())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<IsoDate> for serde_json::Value {
    fn from(d: IsoDate) -> Self {
        serde_json::Value::String(d.0)
    }
}
