"""Legal boundary vectors, the case-level calendar and orientation through the pyo3 package."""
import pytest

import pathlib
import sys

import cme
from conftest import load_vectors

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
import canonical  # noqa: E402

LEGAL = load_vectors("legal")


def test_there_are_at_least_30_legal_vectors():
    assert len(LEGAL) >= 30


@pytest.mark.parametrize("vector", LEGAL, ids=[v["name"] for v in LEGAL])
def test_legal_vector(vector):
    try:
        report = cme.legal_calendar(vector["input"], vector["as_of"], vector.get("options"))
    except cme.ValidationError as e:
        got = {"error": [{"code": i["code"], "path": i["path"]} for i in e.errors()]}
    else:
        got = canonical.select_legal(report, vector["expected"], vector.get("absence_index", 0))
        for a in report["absences"]:
            for o in a["outcomes"]:
                assert o["sources"] and o["reasons"]
    assert got == vector["expected"]


def test_case_calendar_and_orientation():
    case = cme.sample_cases()[11]
    report = cme.visit_obligations(case, cme.SAMPLE_AS_OF)
    assert report["as_of"] == cme.SAMPLE_AS_OF.isoformat()
    assert all(o["sources"] for leave in report["absences"] for o in leave["outcomes"])
    suggestions = cme.orient(case, cme.SAMPLE_AS_OF, ["reconversion", "recherche_emploi"])
    assert {s["partner"] for s in suggestions} >= {"cep", "transition_pro", "opco", "bilan_competences", "france_travail"}
    for s in suggestions:
        assert s["actionable"] == (s.get("blocked") is None)
    with pytest.raises(cme.ValidationError) as info:
        cme.orient(case, cme.SAMPLE_AS_OF, ["logement"])
    assert info.value.errors()[0]["path"] == "problems[0]"


def test_withdrawn_consent_blocks_from_its_date():
    case = cme.sample_cases()[11]
    case["consents"] = [{"given_on": "2023-01-02", "accompaniment": True, "sharing_with": ["cep"],
                         "withdrawn_on": "2024-06-01"}]
    before = cme.orient(case, "2024-05-31", ["reconversion"])
    after = cme.orient(case, "2024-06-01", ["reconversion"])
    cep = lambda xs: next(s for s in xs if s["partner"] == "cep")
    assert cep(before)["actionable"] is True
    assert cep(after)["actionable"] is False and cep(after)["blocked"] == "consentement_retire"


def test_a_million_problem_codes_are_refused_before_they_are_read():
    case = cme.sample_cases()[11]
    with pytest.raises(cme.ValidationError) as err:
        cme.orient(case, cme.SAMPLE_AS_OF, ["reconversion"] * 1_000_000)
    assert [(i["code"], i["path"]) for i in err.value.errors()] == [("too_many_items", "problems")]
    # a problem given twice is oriented once
    once = cme.orient(case, cme.SAMPLE_AS_OF, ["reconversion"])
    assert cme.orient(case, cme.SAMPLE_AS_OF, ["reconversion", "reconversion"]) == once
