"""Impact vectors (a population under two scenarios) through the pyo3
package."""
import pathlib
import sys

import pytest

import cme
from conftest import load_vectors

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from canonical import impact_observed  # noqa: E402

IMPACTS = load_vectors("impacts")


@pytest.mark.parametrize("vector", IMPACTS, ids=[v["name"] for v in IMPACTS])
def test_impact_vector(vector):
    try:
        got = impact_observed(report=cme.impact(vector["cases"], vector["before"], vector["after"], vector["as_of"]))
    except cme.ValidationError as e:
        got = impact_observed(issues=e.errors())
    assert got == vector["expected"]


def test_an_impact_carries_both_explanations():
    v = next(x for x in IMPACTS if x["name"] == "politique_aist43_contre_aismt13")
    r = cme.impact(v["cases"], v["before"], v["after"], v["as_of"])
    [changed] = r["impacts"]
    [status] = changed["changes"]
    assert (status["before"], status["after"]) == ("sortie_neutre", "sortie_negative")
    # why, under each policy: the reasons of the status, with their sources
    assert status["reasons_before"] and status["reasons_after"]
    assert all(reason["sources"] for reason in status["reasons_before"] + status["reasons_after"])
    assert r["before"]["policy"]["id"] == "aist43" and r["after"]["policy"]["id"] == "aismt13"


def test_an_impact_needs_a_date():
    with pytest.raises(cme.InvalidArgumentError):
        cme.impact([], {"policy": "aist43"}, {"policy": "aist43"}, None)
