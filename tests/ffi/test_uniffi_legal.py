"""Legal boundary vectors and orientation through the uniffi-generated Python bindings."""
import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))

import cme_uniffi  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "legal").glob("*.json"))]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_legal_vector(vector):
    age = (vector.get("options") or {}).get("branch_agreement_age")
    out = cme_uniffi.visit_obligations_for_leave(json.dumps(vector["leave"]), json.dumps(vector["worker"]),
                                                 vector["as_of"], vector.get("requested_by"), age)
    got = {}
    for o in out:
        assert isinstance(o.rule, cme_uniffi.VisitRule) and isinstance(o.obligation, cme_uniffi.Obligation)
        if o.rule_code in vector["expected"]:
            got[o.rule_code] = {"obligation": o.obligation_code, "version": o.version}
            if o.due:
                got[o.rule_code]["due"] = o.due
    assert got == vector["expected"]


def test_orientation_is_blocked_without_consent():
    case = json.loads(cme_uniffi.sample_cases_json())[11]
    case["consents"] = []
    out = cme_uniffi.orient(json.dumps(case), "2025-06-30", ["reconnaissance_handicap"])
    assert [(s.partner_code, s.actionable, s.blocked) for s in out] == [("mdph", False, "sans_consentement")]
