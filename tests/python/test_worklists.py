"""Worklist vectors (the cell's lists over a portfolio as of a date)
through the pyo3 package, and cme.worklists' Python surface."""
import datetime as dt
import pathlib
import sys

import pytest

import cme
from conftest import load_vectors

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from canonical import worklist_observed  # noqa: E402

WORKLISTS = load_vectors("worklists")


def run(vector):
    # the options as the vector gives them (cme.worklists' keywords are
    # checked by the test below)
    return cme._cme.worklists(vector["cases"], vector["as_of"], vector["policies"], vector["options"])


@pytest.mark.parametrize("vector", WORKLISTS, ids=[v["name"] for v in WORKLISTS])
def test_worklist_vector(vector):
    try:
        got = worklist_observed(vector["expected"], lists=run(vector))
    except cme.ValidationError as e:
        got = worklist_observed(vector["expected"], issues=e.errors())
    assert got == vector["expected"]


def test_worklists_from_python_keywords_dates_and_errors():
    v = next(x for x in WORKLISTS if x["name"] == "portefeuille_aismt13_et_astbtp")
    by_keyword = cme.worklists(v["cases"], dt.date(2024, 6, 17), doctor="MT-2", lists=["contact_en_retard"])
    assert [(i["case_id"], i["days_overdue"]) for i in by_keyword["items"]] == [("WL-B", 31), ("WL-G", 18)]
    item = by_keyword["items"][0]
    assert item["list_label"] == "Premiers contacts en retard"
    assert item["reason"]["text"].startswith("Aucun contact du travailleur 15 jours après le signalement")
    grouped = cme.worklists(v["cases"], "2024-06-17", by="referent")
    assert [g["key"] for g in grouped["groups"]] == ["R-7", "R-8", None]
    with pytest.raises(cme.ValidationError) as err:
        cme.worklists(v["cases"], "2024-06-17", by="medecin")
    assert [(e["code"], e["path"]) for e in err.value.errors()] == [("unknown_code", "options.by")]
    with pytest.raises(cme.CmeError) as err:
        cme.worklists(v["cases"], "17/06/2024")
    assert err.value.code == "invalid_as_of"
