//! Reading untrusted input while collecting every problem: the primitives
//! shared by the case validator ([`crate::validate`]), the policy loader
//! ([`crate::policy`]) and the table reader ([`crate::table`]). Each reader
//! method reports what is wrong as an [`Issue`] at the right path and
//! returns `None`, so that one broken field never stops the others from
//! being checked.
//!
//! The rules read a document through [`Node`]: a JSON value, or a row of a
//! table seen as the case it describes (its columns at the case's paths,
//! typed cells read without building a JSON tree). One set of rules,
//! whatever the input.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::codes::Code;
use crate::dates::{date_in_range, parse_iso_date};
use crate::issue::{Issue, IssueCode, Path};
use crate::limits;

/// A value of a document being read: what the rules ask of it.
pub(crate) trait Node<'v>: Copy {
    /// The object this node can be.
    type Fields: Fields<'v, Node = Self>;
    /// The items of the list this node can be.
    type Items: Iterator<Item = Self>;

    /// Absent or `null`.
    fn is_null(self) -> bool;
    fn as_str(self) -> Option<&'v str>;
    fn as_bool(self) -> Option<bool>;
    fn as_i64(self) -> Option<i64>;
    fn as_f64(self) -> Option<f64>;
    fn is_number(self) -> bool;
    /// A calendar date: a `YYYY-MM-DD` text, or a typed date.
    fn as_date(self) -> Option<NaiveDate> {
        self.as_str().and_then(parse_iso_date)
    }
    fn as_object(self) -> Option<Self::Fields>;
    /// The number of items and the items.
    fn as_array(self) -> Option<(usize, Self::Items)>;
}

/// The fields of an object node.
pub(crate) trait Fields<'v>: Copy {
    type Node: Node<'v>;
    /// A field's value (possibly null).
    fn get(self, name: &str) -> Option<Self::Node>;
    /// Calls `f` with each field name not in `known`.
    fn unknown_keys(self, known: &[&str], f: impl FnMut(&str));
}

impl<'v> Node<'v> for &'v Value {
    type Fields = &'v Map<String, Value>;
    type Items = std::slice::Iter<'v, Value>;

    fn is_null(self) -> bool {
        Value::is_null(self)
    }
    fn as_str(self) -> Option<&'v str> {
        Value::as_str(self)
    }
    fn as_bool(self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn as_i64(self) -> Option<i64> {
        Value::as_i64(self)
    }
    fn as_f64(self) -> Option<f64> {
        Value::as_f64(self)
    }
    fn is_number(self) -> bool {
        Value::is_number(self)
    }
    fn as_object(self) -> Option<Self::Fields> {
        Value::as_object(self)
    }
    fn as_array(self) -> Option<(usize, Self::Items)> {
        Value::as_array(self).map(|items| (items.len(), items.iter()))
    }
}

impl<'v> Fields<'v> for &'v Map<String, Value> {
    type Node = &'v Value;
    fn get(self, name: &str) -> Option<&'v Value> {
        Map::get(self, name)
    }
    fn unknown_keys(self, known: &[&str], mut f: impl FnMut(&str)) {
        for key in self.keys() {
            if !known.contains(&key.as_str()) {
                f(key);
            }
        }
    }
}

/// Where a value being read stands: a [`Path`], or a field or an item of
/// an object or list being read, rendered only when a problem is reported
/// there. Reading a valid document (the common case) allocates no path at
/// all. One concrete type (not a trait): the readers are not duplicated per
/// kind of location, which keeps the browser build small.
#[derive(Clone)]
pub(crate) enum At<'p> {
    /// A rendered path.
    Path(Path),
    /// The field `name` of the object at the parent location.
    Key(&'p At<'p>, &'p str),
    /// The item `i` of the list at the parent location.
    Index(&'p At<'p>, usize),
}

impl<'p> At<'p> {
    /// The rendered path.
    pub(crate) fn path(&self) -> Path {
        match self {
            At::Path(path) => path.clone(),
            At::Key(parent, name) => parent.path().key(name),
            At::Index(parent, i) => parent.path().index(*i),
        }
    }
}

impl From<Path> for At<'_> {
    fn from(path: Path) -> Self {
        At::Path(path)
    }
}

/// An object being read, with its location.
pub(crate) struct Obj<'p, F> {
    pub(crate) map: F,
    pub(crate) at: At<'p>,
}

/// A JSON object being read.
pub(crate) type JsonObj<'p, 'v> = Obj<'p, &'v Map<String, Value>>;

impl<'p, F: Copy> Obj<'p, F> {
    /// A field's value; `null` counts as absent.
    pub(crate) fn get<'v>(&self, name: &str) -> Option<F::Node>
    where
        F: Fields<'v>,
    {
        self.map.get(name).filter(|v| !v.is_null())
    }

    /// The rendered path of a field (for a problem found there).
    pub(crate) fn key(&self, name: &str) -> Path {
        self.at.path().key(name)
    }
}

pub(crate) struct Reader {
    /// The problems found, at most `cap` of them (see [`Reader::push`]).
    pub(crate) issues: Vec<Issue>,
    /// Problems listed at most ([`crate::limits::MAX_ISSUES`] for a
    /// document).
    cap: usize,
    /// Problems found past `cap`: counted, not kept.
    omitted: usize,
    /// Dates after this one are reported (`date_after_as_of`).
    pub(crate) as_of: Option<NaiveDate>,
    /// The format version of the case being read, once known: the fields
    /// of version 2 are refused in a version 1 document.
    pub(crate) version: Option<u32>,
}

impl Reader {
    pub(crate) fn new(as_of: Option<NaiveDate>) -> Self {
        Reader {
            issues: Vec::new(),
            cap: crate::limits::MAX_ISSUES,
            omitted: 0,
            as_of,
            version: None,
        }
    }

    /// A reader that lists at most `cap` problems (a row of a table:
    /// [`crate::limits::MAX_ROW_ISSUES`]).
    pub(crate) fn with_cap(as_of: Option<NaiveDate>, cap: usize) -> Self {
        Reader {
            cap,
            ..Reader::new(as_of)
        }
    }

    /// Records a problem: listed while fewer than the cap are, counted
    /// past it (memory bounded whatever the input holds).
    pub(crate) fn push(&mut self, issue: Issue) {
        if self.issues.len() < self.cap {
            self.issues.push(issue);
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
    }

    /// Every problem listed, the count of the others in a last
    /// `more_issues` problem at `at` when there are some
    /// ([`crate::issue::cap_issues`]).
    pub(crate) fn into_issues_at(self, at: Path) -> Vec<Issue> {
        let mut issues = self.issues;
        crate::issue::cap_issues(&mut issues, self.cap, self.omitted, at);
        issues
    }

    /// [`Reader::into_issues_at`] the root of the document.
    pub(crate) fn into_issues(self) -> Vec<Issue> {
        self.into_issues_at(Path::root())
    }

    /// Refuses a field of format version 2 in a version 1 document, at the
    /// field (`field_requires_format_version`).
    pub(crate) fn v2_only<'v, F: Fields<'v>>(&mut self, obj: &Obj<'_, F>, field: &str) {
        if self.version == Some(1) && obj.get(field).is_some() {
            self.push(
                Issue::new(IssueCode::FieldRequiresFormatVersion, obj.key(field))
                    .with("field", field)
                    .with("version", 2),
            );
        }
    }

    // ---- primitives -------------------------------------------------

    pub(crate) fn object<'p, 'v, N: Node<'v>>(
        &mut self,
        value: N,
        at: At<'p>,
        known: &[&str],
    ) -> Option<Obj<'p, N::Fields>> {
        let Some(map) = value.as_object() else {
            self.push(Issue::new(IssueCode::ObjectType, at.path()));
            return None;
        };
        self.unknown_fields(map, &at, known);
        Some(Obj { map, at })
    }

    pub(crate) fn unknown_fields<'v, F: Fields<'v>>(
        &mut self,
        map: F,
        at: &At<'_>,
        known: &[&str],
    ) {
        map.unknown_keys(known, |key| {
            self.push(Issue::new(IssueCode::UnknownField, at.path().key(key)));
        });
    }

    pub(crate) fn required<'v, F: Fields<'v>, T>(
        &mut self,
        obj: &Obj<'_, F>,
        name: &str,
        read: impl FnOnce(&mut Self, F::Node, At<'_>) -> Option<T>,
    ) -> Option<T> {
        match obj.get(name) {
            Some(value) => read(self, value, At::Key(&obj.at, name)),
            None => {
                self.push(Issue::new(IssueCode::MissingField, obj.key(name)).with("field", name));
                None
            }
        }
    }

    pub(crate) fn optional<'v, F: Fields<'v>, T>(
        &mut self,
        obj: &Obj<'_, F>,
        name: &str,
        read: impl FnOnce(&mut Self, F::Node, At<'_>) -> Option<T>,
    ) -> Option<T> {
        obj.get(name)
            .and_then(|value| read(self, value, At::Key(&obj.at, name)))
    }

    pub(crate) fn string<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
        max: usize,
    ) -> Option<&'v str> {
        let Some(s) = value.as_str() else {
            self.push(Issue::new(IssueCode::StringType, path.path()));
            return None;
        };
        if s.chars().count() > max {
            self.push(Issue::new(IssueCode::StringTooLong, path.path()).with("max", max));
            return None;
        }
        Some(s)
    }

    pub(crate) fn boolean<'v>(&mut self, value: impl Node<'v>, path: At<'_>) -> Option<bool> {
        let b = value.as_bool();
        if b.is_none() {
            self.push(Issue::new(IssueCode::BooleanType, path.path()));
        }
        b
    }

    pub(crate) fn integer<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let Some(n) = value.as_i64().or_else(|| {
            // 1970.0 is an integer written as a float: accept it.
            value
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        }) else {
            if value.is_number() {
                self.push(
                    Issue::new(IssueCode::IntegerOutOfRange, path.path())
                        .with("min", min)
                        .with("max", max),
                );
            } else {
                self.push(Issue::new(IssueCode::IntegerType, path.path()));
            }
            return None;
        };
        if n < min || n > max {
            self.push(
                Issue::new(IssueCode::IntegerOutOfRange, path.path())
                    .with("min", min)
                    .with("max", max),
            );
            return None;
        }
        Some(n)
    }

    pub(crate) fn code<'v, C: Code>(&mut self, value: impl Node<'v>, path: At<'_>) -> Option<C> {
        let Some(s) = value.as_str() else {
            self.push(Issue::new(IssueCode::StringType, path.path()));
            return None;
        };
        let code = C::from_code(s);
        if code.is_none() {
            self.push(
                Issue::new(IssueCode::UnknownCode, path.path())
                    .with("kind", C::KIND)
                    .with("allowed", C::codes_joined()),
            );
        }
        code
    }

    /// A calendar date `YYYY-MM-DD`; `may_be_future` exempts it from the
    /// evaluation-date check.
    pub(crate) fn date<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
        may_be_future: bool,
    ) -> Option<NaiveDate> {
        let Some(date) = value.as_date() else {
            self.push(Issue::new(IssueCode::InvalidDate, path.path()).with("format", "AAAA-MM-JJ"));
            return None;
        };
        if !date_in_range(date) {
            self.push(
                Issue::new(IssueCode::DateOutOfRange, path.path())
                    .with("min", format!("{}-01-01", limits::MIN_YEAR))
                    .with("max", format!("{}-12-31", limits::MAX_YEAR)),
            );
            return None;
        }
        if let Some(as_of) = self.as_of {
            if !may_be_future && date > as_of {
                self.push(Issue::new(IssueCode::DateAfterAsOf, path.path()).with("as_of", as_of));
            }
        }
        Some(date)
    }

    pub(crate) fn past_date<'v>(
        &mut self,
        value: impl Node<'v>,
        path: At<'_>,
    ) -> Option<NaiveDate> {
        self.date(value, path, false)
    }

    pub(crate) fn array<'v, N: Node<'v>>(
        &mut self,
        value: N,
        at: &At<'_>,
        max: usize,
    ) -> Option<(usize, N::Items)> {
        let Some((len, items)) = value.as_array() else {
            self.push(Issue::new(IssueCode::ArrayType, at.path()));
            return None;
        };
        if len > max {
            self.push(Issue::new(IssueCode::TooManyItems, at.path()).with("max", max));
            return None;
        }
        Some((len, items))
    }

    /// Reads each item of an optional list; the result keeps the index of
    /// each item that could be read.
    pub(crate) fn list<'v, F: Fields<'v>, T>(
        &mut self,
        obj: &Obj<'_, F>,
        name: &str,
        max: usize,
        mut read: impl FnMut(&mut Self, F::Node, At<'_>) -> Option<T>,
    ) -> (Vec<(usize, T)>, bool) {
        let Some(value) = obj.get(name) else {
            return (Vec::new(), true);
        };
        let at = At::Key(&obj.at, name);
        let Some((len, items)) = self.array(value, &at, max) else {
            return (Vec::new(), false);
        };
        let mut out = Vec::with_capacity(len);
        let mut complete = true;
        for (i, item) in items.enumerate() {
            match read(self, item, At::Index(&at, i)) {
                Some(t) => out.push((i, t)),
                None => complete = false,
            }
        }
        (out, complete)
    }
}

/// Reads a JSON text within [`limits::MAX_JSON_BYTES`]; a failure is an
/// issue that gives the line and column, never the text. A key given twice
/// in one object is refused at the second one (`duplicate_key`), rather
/// than one of its values kept silently.
///
/// ```
/// let issue = cme_pdp::validate::read_json("{,}").unwrap_err();
/// assert_eq!(issue.params["line"], "1");
/// let issue = cme_pdp::validate::read_json(r#"{"worker": {"birth_year": 1970, "birth_year": 1990}}"#).unwrap_err();
/// assert_eq!((issue.code.code(), issue.path.to_string().as_str()), ("duplicate_key", "worker.birth_year"));
/// # use cme_pdp::codes::Code;
/// ```
pub fn read_json(text: &str) -> Result<Value, Issue> {
    if text.len() > limits::MAX_JSON_BYTES {
        return Err(Issue::new(IssueCode::DocumentTooLarge, Path::root())
            .with("max_bytes", limits::MAX_JSON_BYTES));
    }
    let duplicate = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let read = serde::de::DeserializeSeed::deserialize(
        Strict {
            path: Path::root(),
            duplicate: &duplicate,
        },
        &mut de,
    )
    .and_then(|v| de.end().map(|()| v));
    read.map_err(|e| match duplicate.take() {
        // a key given twice: the reader stops there, at the key
        Some(path) => Issue::new(IssueCode::DuplicateKey, path),
        None => Issue::new(IssueCode::InvalidJson, Path::root())
            .with("line", e.line())
            .with("column", e.column()),
    })
}

/// Builds a JSON value like `serde_json::Value` does, except that a key
/// given twice in an object is an error (serde_json keeps the last one
/// silently): the path of the second one is left in `duplicate`.
struct Strict<'a> {
    path: Path,
    duplicate: &'a std::cell::RefCell<Option<Path>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict {
            path: self.path.index(out.len()),
            duplicate: self.duplicate,
        })? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = self.path.key(&key);
            if out.contains_key(&key) {
                *self.duplicate.borrow_mut() = Some(path);
                return Err(serde::de::Error::custom("duplicate key"));
            }
            let value = map.next_value_seed(Strict {
                path,
                duplicate: self.duplicate,
            })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}
