//! Reading untrusted JSON while collecting every problem: the primitives
//! shared by the case validator ([`crate::validate`]) and the policy loader
//! ([`crate::policy`]). Each reader method reports what is wrong as an
//! [`Issue`] at the right path and returns `None`, so that one broken field
//! never stops the others from being checked.

use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

use crate::codes::Code;
use crate::issue::{Issue, IssueCode, Path};
use crate::validate::{limits, parse_iso_date};

/// An object being read, with its path.
pub(crate) struct Obj<'v> {
    pub(crate) map: &'v Map<String, Value>,
    pub(crate) path: Path,
}

impl<'v> Obj<'v> {
    /// A field's value; JSON `null` counts as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&'v Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }
}

pub(crate) struct Reader {
    pub(crate) issues: Vec<Issue>,
    /// Dates after this one are reported (`date_after_as_of`).
    pub(crate) as_of: Option<NaiveDate>,
}

impl Reader {
    pub(crate) fn new(as_of: Option<NaiveDate>) -> Self {
        Reader {
            issues: Vec::new(),
            as_of,
        }
    }

    pub(crate) fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    // ---- primitives -------------------------------------------------

    pub(crate) fn object<'v>(
        &mut self,
        value: &'v Value,
        path: Path,
        known: &[&str],
    ) -> Option<Obj<'v>> {
        let Some(map) = value.as_object() else {
            self.push(Issue::new(IssueCode::ObjectType, path));
            return None;
        };
        self.unknown_fields(map, &path, known);
        Some(Obj { map, path })
    }

    pub(crate) fn unknown_fields(&mut self, map: &Map<String, Value>, path: &Path, known: &[&str]) {
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.push(Issue::new(IssueCode::UnknownField, path.key(key)));
            }
        }
    }

    pub(crate) fn required<'v, T>(
        &mut self,
        obj: &Obj<'v>,
        name: &str,
        read: impl FnOnce(&mut Self, &'v Value, Path) -> Option<T>,
    ) -> Option<T> {
        match obj.get(name) {
            Some(value) => read(self, value, obj.path.key(name)),
            None => {
                self.push(
                    Issue::new(IssueCode::MissingField, obj.path.key(name)).with("field", name),
                );
                None
            }
        }
    }

    pub(crate) fn optional<'v, T>(
        &mut self,
        obj: &Obj<'v>,
        name: &str,
        read: impl FnOnce(&mut Self, &'v Value, Path) -> Option<T>,
    ) -> Option<T> {
        obj.get(name)
            .and_then(|value| read(self, value, obj.path.key(name)))
    }

    pub(crate) fn string<'v>(
        &mut self,
        value: &'v Value,
        path: Path,
        max: usize,
    ) -> Option<&'v str> {
        let Some(s) = value.as_str() else {
            self.push(Issue::new(IssueCode::StringType, path));
            return None;
        };
        if s.chars().count() > max {
            self.push(Issue::new(IssueCode::StringTooLong, path).with("max", max));
            return None;
        }
        Some(s)
    }

    pub(crate) fn boolean(&mut self, value: &Value, path: Path) -> Option<bool> {
        let b = value.as_bool();
        if b.is_none() {
            self.push(Issue::new(IssueCode::BooleanType, path));
        }
        b
    }

    pub(crate) fn integer(&mut self, value: &Value, path: Path, min: i64, max: i64) -> Option<i64> {
        let Some(n) = value.as_i64().or_else(|| {
            // 1970.0 is an integer written as a float: accept it.
            value
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        }) else {
            if value.is_number() {
                self.push(
                    Issue::new(IssueCode::IntegerOutOfRange, path)
                        .with("min", min)
                        .with("max", max),
                );
            } else {
                self.push(Issue::new(IssueCode::IntegerType, path));
            }
            return None;
        };
        if n < min || n > max {
            self.push(
                Issue::new(IssueCode::IntegerOutOfRange, path)
                    .with("min", min)
                    .with("max", max),
            );
            return None;
        }
        Some(n)
    }

    pub(crate) fn code<C: Code>(&mut self, value: &Value, path: Path) -> Option<C> {
        let Some(s) = value.as_str() else {
            self.push(Issue::new(IssueCode::StringType, path));
            return None;
        };
        let code = C::from_code(s);
        if code.is_none() {
            self.push(
                Issue::new(IssueCode::UnknownCode, path)
                    .with("kind", C::KIND)
                    .with("allowed", C::codes_joined()),
            );
        }
        code
    }

    /// A calendar date `YYYY-MM-DD`; `may_be_future` exempts it from the
    /// evaluation-date check.
    pub(crate) fn date(
        &mut self,
        value: &Value,
        path: Path,
        may_be_future: bool,
    ) -> Option<NaiveDate> {
        let Some(date) = value.as_str().and_then(parse_iso_date) else {
            self.push(Issue::new(IssueCode::InvalidDate, path).with("format", "AAAA-MM-JJ"));
            return None;
        };
        if date.year() < limits::MIN_YEAR || date.year() > limits::MAX_YEAR {
            self.push(
                Issue::new(IssueCode::DateOutOfRange, path)
                    .with("min", format!("{}-01-01", limits::MIN_YEAR))
                    .with("max", format!("{}-12-31", limits::MAX_YEAR)),
            );
            return None;
        }
        if let Some(as_of) = self.as_of {
            if !may_be_future && date > as_of {
                self.push(Issue::new(IssueCode::DateAfterAsOf, path).with("as_of", as_of));
            }
        }
        Some(date)
    }

    pub(crate) fn past_date(&mut self, value: &Value, path: Path) -> Option<NaiveDate> {
        self.date(value, path, false)
    }

    pub(crate) fn array<'v>(
        &mut self,
        value: &'v Value,
        path: &Path,
        max: usize,
    ) -> Option<&'v Vec<Value>> {
        let Some(items) = value.as_array() else {
            self.push(Issue::new(IssueCode::ArrayType, path.clone()));
            return None;
        };
        if items.len() > max {
            self.push(Issue::new(IssueCode::TooManyItems, path.clone()).with("max", max));
            return None;
        }
        Some(items)
    }

    /// Reads each item of an optional list; the result keeps the index of
    /// each item that could be read.
    pub(crate) fn list<'v, T>(
        &mut self,
        obj: &Obj<'v>,
        name: &str,
        max: usize,
        mut read: impl FnMut(&mut Self, &'v Value, Path) -> Option<T>,
    ) -> (Vec<(usize, T)>, bool) {
        let path = obj.path.key(name);
        let Some(value) = obj.get(name) else {
            return (Vec::new(), true);
        };
        let Some(items) = self.array(value, &path, max) else {
            return (Vec::new(), false);
        };
        let mut out = Vec::with_capacity(items.len());
        let mut complete = true;
        for (i, item) in items.iter().enumerate() {
            match read(self, item, path.index(i)) {
                Some(t) => out.push((i, t)),
                None => complete = false,
            }
        }
        (out, complete)
    }
}
