"""Region vectors (services each under its own policy, added up) through the
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
from canonical import region_observed  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "regions").glob("*.json"))]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_region_vector(vector):
    period = f'{vector["period"]["start"]}/{vector["period"]["end"]}'
    policies = json.dumps(vector["policies"]) if vector["policies"] is not None else None
    try:
        r = json.loads(cme_uniffi.regional_report_json(json.dumps(vector["cases"]), period, vector.get("by") or [], policies))
        got = region_observed(vector["expected"], report=r)
    except cme_uniffi.CmeError.Validation as e:
        got = region_observed(vector["expected"], issues=[{"code": i.code, "path": i.path} for i in e.issues])
    assert got == vector["expected"]
