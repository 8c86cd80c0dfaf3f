"""Impact vectors (a population under two scenarios) through the
uniffi-generated Python bindings."""
import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))
sys.path.insert(0, str(ROOT / "tests" / "tools"))

import cme_uniffi  # noqa: E402
from canonical import impact_observed  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "impacts").glob("*.json"))]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_impact_vector(vector):
    try:
        r = json.loads(cme_uniffi.impact_json(json.dumps(vector["cases"]), json.dumps(vector["before"]),
                                              json.dumps(vector["after"]), vector["as_of"]))
        got = impact_observed(report=r)
    except cme_uniffi.CmeError.Validation as e:
        got = impact_observed(issues=[{"code": i.code, "path": i.path} for i in e.issues])
    assert got == vector["expected"]
