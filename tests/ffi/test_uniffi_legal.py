"""Legal boundary vectors and orientation through the uniffi-generated Python bindings."""
import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))

sys.path.insert(0, str(ROOT / "tests" / "tools"))

import canonical  # noqa: E402
import cme_uniffi  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "legal").glob("*.json"))]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_legal_vector(vector):
    options = json.dumps(vector["options"]) if vector.get("options") is not None else None
    try:
        report = json.loads(cme_uniffi.legal_calendar(json.dumps(vector["input"]), vector["as_of"], options))
    except cme_uniffi.CmeError.Validation as e:
        got = {"error": [{"code": i.code, "path": i.path} for i in e.issues]}
    else:
        got = canonical.select_legal(report, vector["expected"], vector.get("absence_index", 0))
    assert got == vector["expected"]


def test_orientation_is_blocked_without_consent():
    case = json.loads(cme_uniffi.sample_cases_json())[11]
    case["consents"] = []
    out = cme_uniffi.orient(json.dumps(case), "2025-06-30", ["reconnaissance_handicap"])
    assert [(s.partner_code, s.actionable, s.blocked) for s in out] == [("mdph", False, "sans_consentement")]
