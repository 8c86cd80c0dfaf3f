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


def test_a_polars_table_with_a_company_column():
    pl = pytest.importorskip("polars")
    rows = [{"id": f"T-{i}", "service": "aist43", "birth_year": 1970,
             "worker_company": "ENT-1" if i < 12 else "ENT-2",
             "signalement_date": "2024-03-04", "source_visit": "reprise", "signalled_by": "idest"}
            for i in range(15)]
    r = cme.company_report(pl.DataFrame(rows), "aist43", "ENT-1", 450, 2024)
    # 12 rows of ENT-1, signalled in 2024: the signalements are shown
    assert r.cases == 12
    total = {v["id"]: v for v in r.published.to_dict()["total"]}
    assert total["signalements"]["numerator"] == 12
