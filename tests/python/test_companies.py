"""Company vectors (the report of one company of more than 300 employees,
Code du travail, art. D4622-54) through the pyo3 package, and the company
report's Python surface."""
import pathlib
import sys

import pytest

import cme
from conftest import load_vectors

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from canonical import company_observed  # noqa: E402

COMPANIES = load_vectors("companies")


def run(vector):
    r = vector["request"]
    return cme.company_report(vector["cases"], vector["policy"], r["company"], r["headcount"], r["period"],
                              by=r.get("by"), threshold=r.get("threshold", 11))


@pytest.mark.parametrize("vector", COMPANIES, ids=[v["name"] for v in COMPANIES])
def test_company_vector(vector):
    try:
        got = company_observed(vector["expected"], report=run(vector).to_dict())
    except cme.ValidationError as e:
        got = company_observed(vector["expected"], issues=e.errors())
    assert got == vector["expected"]


def test_the_company_report_in_python():
    cases = [dict(c, format_version=2, worker=dict(c["worker"], company="ENT-7")) for c in cme.sample_cases()[:30]]
    r = cme.company_report(cases + cme.sample_cases()[30:], "aist43", "ENT-7", 450, 2024)
    assert (r.company, r.headcount, r.cases, r.in_force) == ("ENT-7", 450, 30, True)
    assert r.audit["passed"]
    assert r.sources[0]["reference"] == "Code du travail, art. D4622-54"
    assert "Indicateur" in r.published.to_markdown()


@pytest.mark.parametrize("headcount", [300, -5, True, "450"])
def test_a_headcount_not_over_300_is_refused(headcount):
    with pytest.raises(cme.ValidationError) as e:
        cme.company_report(cme.sample_cases()[:3], "aist43", "ENT-7", headcount, 2024)
    assert [(i["code"], i["path"]) for i in e.value.errors()] == [("company_not_covered", "headcount")]
