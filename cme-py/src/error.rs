//! Core errors → the exception classes of the `cme` package
//! (`cme/errors.py`): one class per kind, each carrying `code`, `path`,
//! `message_en` and, for an invalid case, `.errors()`.

use cme_pdp::error::CmeError;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::convert::to_py;

/// Instantiates `cme.errors.<class>(message, code, path, message_en, issues)`.
fn raise(
    py: Python<'_>,
    class: &str,
    message: &str,
    code: &str,
    path: &str,
    message_en: &str,
    issues: Bound<'_, PyAny>,
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let cls = py.import("cme.errors")?.getattr(class)?;
        let exc = cls.call1((message, code, path, message_en, issues))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| PyRuntimeError::new_err(format!("cme: cannot build {class}: {e}")))
}

/// A core error as its Python exception.
pub fn to_py_err(py: Python<'_>, err: &CmeError) -> PyErr {
    let class = err.kind();
    // At most `cme_pdp::limits::MAX_ISSUES` + 1 issues: if even these
    // cannot be converted (memory), that exception is raised, never an
    // error whose `.errors()` would be empty.
    let issues = match to_py(py, &err.issues()) {
        Ok(issues) => issues,
        Err(e) => return e,
    };
    raise(
        py,
        class,
        &err.message_fr(),
        err.code(),
        err.path(),
        &err.message_en(),
        issues,
    )
}

/// An input refused while converting it, for a problem of the core's
/// catalogue (`cme.InputError` with the issue's code, path and messages,
/// and the issue in `.errors()`).
pub fn input_error_issue(py: Python<'_>, issue: &cme_pdp::issue::Issue) -> PyErr {
    let issues = to_py(py, &[issue]).unwrap_or_else(|_| pyo3::types::PyList::empty(py).into_any());
    raise(
        py,
        "InputError",
        &issue.message,
        issue.code.code(),
        issue.path.as_str(),
        &issue.message_en,
        issues,
    )
}

/// An input refused while converting it, for a code of the core's
/// catalogue at a rendered path, with parameters.
pub fn input_issue(
    py: Python<'_>,
    code: cme_pdp::issue::IssueCode,
    path: &str,
    params: &[(&str, &str)],
) -> PyErr {
    let mut issue = cme_pdp::issue::Issue::new(code, cme_pdp::issue::Path::from_rendered(path));
    for (k, v) in params {
        issue = issue.with(k, v);
    }
    input_error_issue(py, &issue)
}

/// A misuse of the Python API detected while converting the input
/// (`cme.InputError`, a `TypeError`).
pub fn input_error(py: Python<'_>, code: &str, path: &str, fr: &str, en: &str) -> PyErr {
    let issues = pyo3::types::PyList::empty(py).into_any();
    raise(py, "InputError", fr, code, path, en, issues)
}
