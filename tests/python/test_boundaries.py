"""What a panic of Rust code becomes in Python: a PanicException (a
BaseException, not an Exception: it is not swallowed by `except Exception`),
and the interpreter and the package live on. No input makes the core panic
(fuzzing, clippy); this tests the boundary itself."""
import pytest

import cme
from cme import _cme


def test_a_panic_becomes_a_python_exception_and_the_package_lives_on():
    with pytest.raises(BaseException) as err:
        _cme._boundary_panic()
    assert type(err.value).__name__ == "PanicException"
    assert not isinstance(err.value, Exception)
    assert cme.validate({"format_version": 1})[0]["code"] == "missing_field"
