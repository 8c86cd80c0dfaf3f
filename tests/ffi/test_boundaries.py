"""What a panic of Rust code becomes through the uniffi bindings: uniffi
catches it and raises its internal error in the host; the process and the
library live on."""
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))

import cme_uniffi  # noqa: E402


def test_a_panic_becomes_an_exception_and_the_library_lives_on():
    with pytest.raises(Exception) as err:
        cme_uniffi.boundary_panic()
    assert "panic on purpose" in str(err.value)
    assert cme_uniffi.validate("{}", None)[0].code == "missing_field"
