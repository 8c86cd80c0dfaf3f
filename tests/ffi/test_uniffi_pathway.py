"""Pathway vectors, evaluation, policies and event refusal through the
uniffi-generated Python bindings."""
import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))

import cme_uniffi  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "pathway").glob("*.json"))]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_pathway_vector(vector):
    r = cme_uniffi.evaluate(json.dumps(vector["input"]), cme_uniffi.Policy.from_json(json.dumps(vector["policy"])), vector["as_of"])
    got = {
        "stage": r.stage_code,
        "status": r.status_code,
        "category": r.category_code,
        "inclusion": r.inclusion_code,
        "alerts": sorted(r.alert_codes),
        "refused": sorted(({"code": i.code, "path": i.path} for i in r.refused_events),
                          key=lambda x: (x["code"], x["path"])),
    }
    full = json.loads(r.json)
    if "orientation" in vector["expected"]:
        got["orientation"] = sorted(
            f'{s["problem"]}:{s["partner"]}:{s.get("blocked") or ("actionable" if s["actionable"] else "non_actionable")}'
            for s in full["orientation"])
    if "history" in vector["expected"]:
        got["history"] = [h["stage"] for h in full["stage"]["value"]["history"]]
    if "next_steps" in vector["expected"]:
        got["next_steps"] = [s["code"] for s in full["next_steps"]]
    assert got == vector["expected"]
    assert full["stage"]["value"]["stage"] == r.stage_code
    assert isinstance(r.stage, cme_uniffi.Stage) and isinstance(r.status, cme_uniffi.Status)
    assert full["policy"]["content_hash"] == r.policy_hash


def test_refused_event_crosses_with_code_and_path():
    case = json.loads(cme_uniffi.sample_cases_json())[0]
    with pytest.raises(cme_uniffi.CmeError.EventRefused) as info:
        cme_uniffi.try_add_event(json.dumps(case), json.dumps({"type": "suivi", "date": "2024-12-01"}))
    err = info.value
    assert (err.code, err.path) == ("event_refused", "events[1]")
    assert err.issues[0].code == "follow_up_without_exit"


def test_presets_and_policies():
    assert cme_uniffi.preset_codes() == ["asmt65", "aismt13", "acismt", "aist63", "astbtp01", "mt2i38", "aist43"]
    p = cme_uniffi.preset_json("aismt13")
    assert json.loads(cme_uniffi.load_policy(p, "json")) == json.loads(p)
    with pytest.raises(cme_uniffi.CmeError.UnknownPreset):
        cme_uniffi.preset_json("nope")
    with pytest.raises(cme_uniffi.CmeError.Policy) as info:
        cme_uniffi.load_policy('{"id": "x"}', "json")
    assert any(i.path == "results" for i in info.value.issues)
    with pytest.raises(cme_uniffi.CmeError.Policy) as info:
        cme_uniffi.load_policy("id = ", "toml")
    assert info.value.issues[0].code == "invalid_toml"
