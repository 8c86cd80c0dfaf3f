"""Pathway vectors, evaluation, policies and event refusal through the pyo3 package."""
import datetime

import pytest

import cme
from conftest import load_vectors

PATHWAY = load_vectors("pathway")


def orientation(d):
    """Every suggested partner as problem:partner:state, sorted."""
    return sorted(f'{s["problem"]}:{s["partner"]}:{s.get("blocked") or ("actionable" if s["actionable"] else "non_actionable")}'
                  for s in d["orientation"])


def outcome(e, with_orientation=False, expected=None):
    d = e.to_dict()
    out = {
        "stage": d["stage"]["value"]["stage"],
        "status": d["status"]["value"],
        "category": d["category"]["decision"]["value"],
        "inclusion": d["inclusion"]["decision"]["value"],
        "alerts": sorted(a["code"] for a in d["alerts"]),
        "refused": sorted(({"code": i["code"], "path": i["path"]} for i in d["refused_events"]),
                          key=lambda r: (r["code"], r["path"])),
    }
    if with_orientation:
        out["orientation"] = orientation(d)
    if expected is not None and "history" in expected:
        out["history"] = [h["stage"] for h in d["stage"]["value"]["history"]]
    if expected is not None and "next_steps" in expected:
        out["next_steps"] = [s["code"] for s in d["next_steps"]]
    return out


def test_there_are_at_least_30_pathway_vectors():
    assert len(PATHWAY) >= 30


@pytest.mark.parametrize("vector", PATHWAY, ids=[v["name"] for v in PATHWAY])
def test_pathway_vector(vector):
    e = cme.evaluate(vector["input"], vector["policy"], vector["as_of"])
    assert outcome(e, "orientation" in vector["expected"], vector["expected"]) == vector["expected"]
    assert e.stage == vector["expected"]["stage"]
    assert e.category == vector["expected"]["category"]


def test_evaluation_object_explains_itself():
    e = cme.evaluate(cme.sample_cases()[11], "aismt13", cme.SAMPLE_AS_OF)
    d = e.to_dict()
    assert d["as_of"] == cme.SAMPLE_AS_OF.isoformat()
    assert d["policy"]["id"] == "aismt13"
    assert d["policy"]["content_hash"] == cme.policy_hash("aismt13")
    for decision in (d["stage"], d["status"], d["category"]["decision"], d["inclusion"]["decision"]):
        assert decision["reasons"] and decision["sources"]
    assert "Étape" in str(e) and "Statut" in str(e)
    assert repr(e).startswith("Evaluation(")


def test_evaluate_accepts_a_policy_dict_and_a_date():
    policy = cme.preset("aist43")
    e = cme.evaluate(cme.sample_cases()[9], policy, datetime.date(2025, 6, 30))
    assert e.status in {"sortie_positive", "sortie_negative", "sortie_neutre"}


def test_evaluate_requires_a_date():
    with pytest.raises(cme.InvalidArgumentError):
        cme.evaluate(cme.sample_cases()[0], "aismt13", None)


def test_unknown_preset():
    with pytest.raises(cme.UnknownPresetError) as info:
        cme.preset("aist99")
    assert info.value.code == "unknown_preset"
    assert isinstance(info.value, KeyError)


def test_presets_and_policy_loading():
    assert cme.preset_codes() == ["asmt65", "aismt13", "acismt", "aist63", "astbtp01", "mt2i38", "aist43"]
    p = cme.preset("mt2i38")
    assert cme.load_policy(p) == p
    with pytest.raises(cme.PolicyError) as info:
        cme.load_policy({"id": "x"})
    paths = {e["path"] for e in info.value.errors()}
    assert {"name", "inclusion", "results", "seeds", "follow_up_tolerance_days"} <= paths


def test_policy_in_toml():
    toml = """
id = "petit_service"
name = "Petit service"
seeds = ["seed 001"]
follow_up_tolerance_days = 30
[inclusion]
min_expected_opinions = 3
source = "seed 001"
[results]
source = "choix du service"
[results.classes]
amenagement_poste = "positive"
changement_poste_interne = "positive"
changement_poste_externe = "positive"
embauche_cdi = "positive"
reconversion = "positive"
creation_entreprise = "positive"
inaptitude = "negative"
invalidite = "negative"
retraite = "neutre"
autre_solution_sociale = "neutre"
perdu_de_vue = "negative"
"""
    p = cme.load_policy(toml)
    assert p["inclusion"]["min_expected_opinions"] == 3
    e = cme.evaluate(cme.sample_cases()[11], p, cme.SAMPLE_AS_OF)
    assert e.to_dict()["policy"]["id"] == "petit_service"


def test_refused_event_leaves_the_case_unchanged():
    case = cme.sample_cases()[0]
    before = dict(case)
    with pytest.raises(cme.EventRefusedError) as info:
        cme.try_add_event(case, {"type": "suivi", "date": "2024-12-01"})
    assert info.value.errors()[0]["code"] == "follow_up_without_exit"
    assert info.value.path == "events[1]"
    assert case == before
    added = cme.try_add_event(case, {"type": "contact", "date": "2024-12-01"})
    assert len(added["events"]) == len(case["events"]) + 1


def test_a_datetime_is_not_an_evaluation_date():
    with pytest.raises(cme.InvalidArgumentError) as info:
        cme.evaluate(cme.sample_cases()[0], "aismt13", datetime.datetime(2025, 6, 30, 12, 0))
    assert info.value.code == "invalid_as_of"


def test_the_decisions_read_from_rust_match_the_whole_evaluation():
    # The decisions come from the evaluation kept in Rust, the dict and the
    # text are made on demand: both views must agree, for every sample case
    # under every preset (a preset by code and the same policy as a dict).
    for code in cme.preset_codes():
        as_dict = cme.preset(code)
        for case in cme.sample_cases():
            e = cme.evaluate(case, code, cme.SAMPLE_AS_OF)
            d = e.to_dict()
            assert e.stage == d["stage"]["value"]["stage"]
            assert e.status == d["status"]["value"]
            assert e.category == d["category"]["decision"]["value"]
            assert e.inclusion == d["inclusion"]["decision"]["value"]
            assert e.alert_codes == [a["code"] for a in d["alerts"]]
            assert d["policy"]["content_hash"] == cme.policy_hash(code)
            same = cme.evaluate(case, as_dict, cme.SAMPLE_AS_OF)
            assert same.to_dict() == d and str(same) == str(e)
