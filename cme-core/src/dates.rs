//! The calendar dates a case holds: strict ISO reading, the years a case
//! may hold, ages. Shared by the reader, validation, the table fast path
//! and the rules.

use chrono::{Datelike, NaiveDate};

use crate::limits;

/// A date within the years a case may hold ([`limits::MIN_YEAR`] to
/// [`limits::MAX_YEAR`]).
pub(crate) fn date_in_range(date: NaiveDate) -> bool {
    (limits::MIN_YEAR..=limits::MAX_YEAR).contains(&date.year())
}

/// Age in whole years on a date (birthdays on 29 February count on 1 March
/// in common years).
///
/// ```
/// use cme_pdp::dates::age_on;
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// assert_eq!(age_on(d(1980, 2, 29), d(2025, 2, 28)), 44);
/// assert_eq!(age_on(d(1980, 2, 29), d(2025, 3, 1)), 45);
/// ```
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> i32 {
    let mut age = date.year() - birth.year();
    if (date.month(), date.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Parses a strict `YYYY-MM-DD` calendar date.
///
/// ```
/// use cme_pdp::dates::parse_iso_date;
/// assert!(parse_iso_date("2024-02-29").is_some());
/// assert!(parse_iso_date("2023-02-29").is_none());
/// assert!(parse_iso_date("2024-2-9").is_none());
/// assert!(parse_iso_date("29/02/2024").is_none());
/// ```
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    // By hand (a date is read for every date field of every row): ten
    // bytes, digits around two dashes.
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let digit = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_digit())
            .map(|c| u32::from(c - b'0'))
    };
    let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
    let month = digit(5)? * 10 + digit(6)?;
    let day = digit(8)? * 10 + digit(9)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}
