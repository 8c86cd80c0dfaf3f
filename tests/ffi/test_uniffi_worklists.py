"""Worklist vectors (the cell's lists over a portfolio as of a date)
through the uniffi-generated Python bindings, and the typed records'
doctor and référent."""
import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))
sys.path.insert(0, str(ROOT / "tests" / "tools"))

import cme_uniffi  # noqa: E402
from canonical import worklist_observed  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "worklists").glob("*.json"))]


def run(v):
    policies = json.dumps(v["policies"]) if v["policies"] is not None else None
    return json.loads(cme_uniffi.worklists_json(json.dumps(v["cases"]), v["as_of"], policies, json.dumps(v["options"])))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_worklist_vector(vector):
    try:
        got = worklist_observed(vector["expected"], lists=run(vector))
    except cme_uniffi.CmeError.Validation as e:
        got = worklist_observed(vector["expected"], issues=[{"code": i.code, "path": i.path} for i in e.issues])
    assert got == vector["expected"]


def test_a_case_record_carries_its_doctor_and_referent():
    v = next(x for x in VECTORS if x["name"] == "portefeuille_aismt13_et_astbtp")
    c = next(x for x in v["cases"] if x["id"] == "WL-C")
    record = cme_uniffi.case_from_json(json.dumps(c))
    assert record.doctor == "MT-1"
    assert [e.referent for e in record.events if e.referent] == ["R-7"]
    back = json.loads(cme_uniffi.case_to_json(record))
    assert back["doctor"] == "MT-1" and back["events"][2]["referent"] == "R-7"


def test_a_visit_record_carries_the_doctor_who_held_it():
    v = next(x for x in VECTORS if x["name"] == "portefeuille_aismt13_et_astbtp")
    c = next(x for x in v["cases"] if x["id"] == "WL-H")
    record = cme_uniffi.case_from_json(json.dumps(c))
    assert [visit.doctor for visit in record.visits] == [None, "MT-5"]
    assert json.loads(cme_uniffi.case_to_json(record))["visits"][1]["doctor"] == "MT-5"
