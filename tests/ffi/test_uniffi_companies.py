"""Company vectors (the report of one company of more than 300 employees,
Code du travail, art. D4622-54) through the uniffi-generated Python
bindings."""
import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))
sys.path.insert(0, str(ROOT / "tests" / "tools"))

import cme_uniffi  # noqa: E402
from canonical import company_observed  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "companies").glob("*.json"))]


def run(v):
    r = v["request"]
    policy = cme_uniffi.Policy.from_json(json.dumps(v["policy"]))
    return json.loads(cme_uniffi.company_report_json(json.dumps(v["cases"]), policy, r["company"], r["headcount"],
                                                     r["period"], r.get("by") or [], r.get("threshold")))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_company_vector(vector):
    try:
        got = company_observed(vector["expected"], report=run(vector))
    except cme_uniffi.CmeError.Validation as e:
        got = company_observed(vector["expected"], issues=[{"code": i.code, "path": i.path} for i in e.issues])
    assert got == vector["expected"]


def test_a_negative_headcount_is_refused_at_the_headcount():
    v = next(x for x in VECTORS if x["name"] == "entreprise_de_450_salaries")
    with pytest.raises(cme_uniffi.CmeError.Validation) as e:
        cme_uniffi.company_report_json(json.dumps(v["cases"]), cme_uniffi.Policy.preset("aist43"), "ENT-1", -1, "2024", [], None)
    assert [(i.code, i.path) for i in e.value.issues] == [("company_not_covered", "headcount")]
