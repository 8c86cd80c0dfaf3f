"""Indicator vectors through the uniffi-generated Python bindings."""
import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))

import cme_uniffi  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "indicators").glob("*.json"))]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_indicator_vector(vector):
    period = vector["period"]
    r = json.loads(cme_uniffi.indicators_json(json.dumps(vector["cases"]), cme_uniffi.Policy.from_json(json.dumps(vector["policy"])),
                                              f"{period['start']}/{period['end']}", vector["by"], None, None,
                                              vector.get("indicators") or []))
    if "shown" in vector["expected"]:
        shown = vector["expected"]["shown"]
        assert [v["id"] for v in r["total"]] == shown
        assert all([v["id"] for v in c["values"]] == shown for c in r["cells"])
    exp = vector["expected"]["total"]
    got = {}
    for v in r["total"]:
        if v["id"] in exp:
            got[v["id"]] = {"numerator": v["numerator"], "value": v["value"]}
            if v.get("denominator") is not None:
                got[v["id"]]["denominator"] = v["denominator"]
    assert got == exp


def test_bad_period_is_an_invalid_argument():
    with pytest.raises(cme_uniffi.CmeError.InvalidArgument) as info:
        cme_uniffi.indicators_json("[]", cme_uniffi.Policy.preset("aismt13"), "2024-S3", [], None, None)
    assert (info.value.code, info.value.path) == ("invalid_period", "period")
