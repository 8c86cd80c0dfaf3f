"""Region vectors (services each under its own policy, added up) through the
pyo3 package, and the regional report's Python surface."""
import pathlib
import sys

import pytest

import cme
from conftest import load_vectors

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from canonical import region_observed  # noqa: E402

REGIONS = load_vectors("regions")


@pytest.mark.parametrize("vector", REGIONS, ids=[v["name"] for v in REGIONS])
def test_region_vector(vector):
    period = f'{vector["period"]["start"]}/{vector["period"]["end"]}'
    try:
        r = cme.regional_report(vector["cases"], period, vector.get("by") or [], vector["policies"])
        got = region_observed(vector["expected"], report=r.to_dict())
    except cme.ValidationError as e:
        got = region_observed(vector["expected"], issues=e.errors())
    assert got == vector["expected"]


def test_a_region_of_the_sample_services():
    r = cme.regional_report(cme.sample_cases(), 2024, by=["service"])
    # each service's own report, under its own policy
    assert sum(s.total["entrees"]["numerator"] for s in r.services) == r.total["entrees"]["numerator"]
    assert {p["service"] for p in r.policies} == {s.to_dict()["policy"]["id"] for s in r.services}
    assert r.bases["cohorte_6_mois"] == "harmonise" and r.bases["taux_sorties_positives"] == "selon_politique"
    # the publishable part leaves out what a policy decides, and hides small cells
    h = r.harmonised()
    assert "taux_sorties_positives" not in h.total and "sorties" in h.total
    published = h.publish(11).to_dict()
    assert published["threshold"] == 11


def test_a_service_without_a_policy_is_refused():
    cases = cme.sample_cases()[:2]
    with pytest.raises(cme.ValidationError) as e:
        cme.regional_report(cases, 2024, policies={"quelque_part": "aist43"})
    assert e.value.errors()[0]["path"] == "cases[0].service"
    with pytest.raises(cme.ValidationError) as e:
        cme.regional_report(cases, 2024, policies={"aist43": "inconnu"})
    assert e.value.errors()[0]["path"] == "policies.aist43"
