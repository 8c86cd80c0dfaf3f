//! Conversions between Python objects and the JSON tree cme-core reads.
//!
//! Python → JSON: `dict` (string keys), `list`/`tuple`, `str`, `int`,
//! `float` (NaN, as pandas writes a missing value, becomes `null`), `bool`,
//! `None`, and `datetime.date` (its ISO form). Anything else is a misuse and
//! raises `cme.InputError` with the path of the offending item, never its
//! value.
//!
//! An object is held to the size a JSON text would be
//! (`cme_pdp::limits::MAX_JSON_BYTES` for a document): its size as JSON is
//! counted as it is converted, a list's and a dict's length and a text's
//! before their content, so that a list of ten million events is refused
//! before any of them is converted (`document_too_large` at the list).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

use crate::error::input_issue;
use cme_pdp::issue::IssueCode;

/// Nesting deeper than this is refused (the interchange format needs 5).
const MAX_DEPTH: usize = 64;

/// Reads a Python object as a JSON tree: a document of at most
/// `cme_pdp::limits::MAX_JSON_BYTES` as JSON text.
pub fn py_to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    py_to_json_within(obj, cme_pdp::limits::MAX_JSON_BYTES, &[])
}

/// Reads a Python object as a JSON tree of at most `max_bytes` as JSON
/// text, its paths under `at` (`["rows", "[3]"]` for a row of a table).
pub fn py_to_json_within(
    obj: &Bound<'_, PyAny>,
    max_bytes: usize,
    at: &[String],
) -> PyResult<Value> {
    // imported once, not once per converted row
    static DATE: pyo3::sync::PyOnceLock<Py<pyo3::types::PyType>> = pyo3::sync::PyOnceLock::new();
    let date_type = DATE
        .import(obj.py(), "datetime", "date")?
        .clone()
        .into_any();
    let mut budget = Budget {
        left: max_bytes,
        max: max_bytes,
    };
    let mut path: Vec<Seg> = at
        .iter()
        .map(
            |seg| match seg.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                Some(i) => i.parse().map_or_else(|_| Seg::Key(seg.clone()), Seg::Index),
                None => Seg::Key(seg.clone()),
            },
        )
        .collect();
    to_json(obj, &date_type, &mut path, &mut budget)
}

/// A piece of the path of the value being converted: a key (as given, cut
/// and escaped only if a path is rendered for an error) or a list index.
/// Nothing is written out while the conversion goes well.
enum Seg {
    Key(String),
    Index(usize),
}

/// What is left of the size allowed, in bytes of JSON text (each value
/// counted at its smallest JSON form: `0`, `""`, `{}`, a separator).
struct Budget {
    left: usize,
    max: usize,
}

impl Budget {
    /// Spends `n` bytes, or refuses the document at `path`.
    fn spend(&mut self, py: Python<'_>, n: usize, path: &[Seg]) -> PyResult<()> {
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(too_large(py, self.max, path)),
        }
    }
}

/// `document_too_large` at `path`, with the core's messages and issue
/// (so that `.errors()` lists it).
fn too_large(py: Python<'_>, max: usize, path: &[Seg]) -> PyErr {
    let issue = cme_pdp::issue::Issue::new(
        cme_pdp::issue::IssueCode::DocumentTooLarge,
        cme_pdp::issue::Path::from_rendered(&path_string(path)),
    )
    .with("max_bytes", max);
    crate::error::input_error_issue(py, &issue)
}

fn path_string(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                // the key as it may be echoed in an error's path (cut,
                // control characters escaped)
                out.push_str(&cme_pdp::issue::echoed(key));
            }
        }
    }
    out
}

fn to_json(
    obj: &Bound<'_, PyAny>,
    date_type: &Bound<'_, PyAny>,
    path: &mut Vec<Seg>,
    budget: &mut Budget,
) -> PyResult<Value> {
    if path.len() > MAX_DEPTH {
        return Err(input_issue(
            obj.py(),
            IssueCode::InputTooDeep,
            &path_string(path),
            &[("max", &MAX_DEPTH.to_string())],
        ));
    }
    // every value is at least one byte of JSON text and a separator
    budget.spend(obj.py(), 2, path)?;
    // texts first: most values of a case are
    if let Ok(s) = obj.cast::<PyString>() {
        // its length (in characters, at most its UTF-8 bytes) before it
        // is copied
        budget.spend(obj.py(), s.len()?, path)?;
        return text(obj, path).map(Value::String);
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract::<bool>()?));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        // beyond 64 bits: JSON numbers of cme are at most 64-bit integers
        return Err(input_issue(
            obj.py(),
            IssueCode::IntegerTooLarge,
            &path_string(path),
            &[],
        ));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f = obj.extract::<f64>()?;
        // NaN is how pandas writes a missing value: read as missing. An
        // infinity has no JSON form: refused at the path, never read as
        // missing.
        if f.is_infinite() {
            return Err(input_issue(
                obj.py(),
                IssueCode::NonFiniteNumber,
                &path_string(path),
                &[],
            ));
        }
        return Ok(Number::from_f64(f).map_or(Value::Null, Value::Number));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        // `"":0,` at least for each entry, before any is converted
        budget.spend(obj.py(), dict.len().saturating_mul(3), path)?;
        let mut map = Map::new();
        for (k, v) in dict.iter() {
            let Ok(k) = k.cast::<PyString>() else {
                return Err(input_issue(
                    obj.py(),
                    IssueCode::UnsupportedKey,
                    &path_string(path),
                    &[],
                ));
            };
            budget.spend(obj.py(), k.len()?, path)?;
            // a key that is a text but not valid Unicode: refused at the
            // object, the key itself never repeated (converted once)
            let key = text(k.as_any(), path)?;
            path.push(Seg::Key(key));
            let value = to_json(&v, date_type, path, budget)?;
            if let Some(Seg::Key(key)) = path.pop() {
                map.insert(key, value);
            }
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        // its length before any item is converted (each item spends its
        // own two bytes as it is)
        let n = obj.len()?;
        if n.saturating_mul(2) > budget.left {
            return Err(too_large(obj.py(), budget.max, path));
        }
        let mut items = Vec::with_capacity(n);
        for (i, item) in obj.try_iter()?.enumerate() {
            path.push(Seg::Index(i));
            items.push(to_json(&item?, date_type, path, budget)?);
            path.pop();
        }
        return Ok(Value::Array(items));
    }
    if obj.is_instance(date_type)? {
        return Ok(Value::String(
            obj.call_method0("isoformat")?.extract::<String>()?,
        ));
    }
    Err(input_issue(
        obj.py(),
        IssueCode::UnsupportedType,
        &path_string(path),
        &[(
            "expected",
            "dict, list, str, int, float, bool, None, datetime.date",
        )],
    ))
}

/// A Python text as UTF-8: one that holds a lone surrogate (from a file
/// decoded with `surrogateescape`…) cannot be, and Python's
/// `UnicodeEncodeError` would carry the whole text in `.object`: refused
/// at its path instead, without the text.
fn text(obj: &Bound<'_, PyAny>, path: &[Seg]) -> PyResult<String> {
    obj.extract::<String>()
        .map_err(|_| input_issue(obj.py(), IssueCode::InvalidText, &path_string(path), &[]))
}

/// Builds Python objects from a JSON tree.
pub fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64()
                    .ok_or_else(|| PyTypeError::new_err("number"))?
                    .into_pyobject(py)?
                    .into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, json_to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Any serializable core value as Python objects.
pub fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    json_to_py(py, &json)
}
