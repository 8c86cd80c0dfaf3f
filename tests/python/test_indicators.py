"""Indicator vectors (AIST 43's bilan, AISMT 13's rates…), publication and renderings through the pyo3 package."""
import pytest

import cme
from conftest import load_vectors

INDICATORS = load_vectors("indicators")


def checked(values, wanted):
    out = {}
    for v in values:
        if v["id"] in wanted:
            e = {"numerator": v["numerator"], "value": v["value"]}
            if v.get("denominator") is not None:
                e["denominator"] = v["denominator"]
            out[v["id"]] = e
    return out


@pytest.mark.parametrize("vector", INDICATORS, ids=[v["name"] for v in INDICATORS])
def test_indicator_vector(vector):
    period = vector["period"]
    r = cme.indicators(vector["cases"], vector["policy"], f"{period['start']}/{period['end']}", vector["by"]).to_dict()
    exp = vector["expected"]
    assert checked(r["total"], exp["total"]) == exp["total"]
    for cell in exp.get("cells", []):
        got = next(c for c in r["cells"] if c["key"] == cell["key"])
        assert checked(got["values"], cell["values"]) == cell["values"]
    if "targets" in exp:
        t = r["targets"]
        assert [list(t["signalements"]), list(t["dossiers"]), list(t["maintien_percent"])] == [
            exp["targets"]["signalements"], exp["targets"]["dossiers"], exp["targets"]["maintien_percent"]]


def test_catalogue_and_publication():
    cat = cme.indicator_catalogue()
    assert {"signalements", "taux_sorties_positives", "inaptitude_construite"} <= {d["id"] for d in cat}
    report = cme.indicators(cme.sample_cases(), "aismt13", 2024, by=["service"])
    published = report.publish(11).to_dict()
    for cell in [published["total"]] + [c["values"] for c in published["cells"]]:
        for v in cell:
            assert v["numerator"] is None or v["numerator"] >= 11
            if v.get("hidden"):
                assert v["value"] is None
    assert "| Indicateur | Total |" in report.publish().to_markdown()
    assert report.publish().to_csv().startswith("cellule;indicateur;")


def test_a_bad_row_is_reported_with_its_row_number():
    cases = cme.sample_cases()[:3]
    cases[1]["signalement"]["date"] = "31/02/2024"
    with pytest.raises(cme.ValidationError) as info:
        cme.indicators(cases, "aismt13", "2024")
    assert info.value.errors()[0]["path"] == "cases[1].signalement.date"


def test_bad_period():
    with pytest.raises(cme.InvalidArgumentError) as info:
        cme.indicators([], "aismt13", "2024-S3")
    assert info.value.code == "invalid_period"


def test_participations_in_partner_meetings():
    r = cme.indicators([], "acismt", "2024", activities=[{"date": "2024-03-01", "kind": "reunion_partenaire"},
                                                         {"date": "2025-03-01", "kind": "atelier"}])
    assert r.total["participations_partenaires"]["numerator"] == 1
    with pytest.raises(cme.ValidationError) as info:
        cme.indicators([], "acismt", "2024", activities=[{"date": "2024-03-01", "kind": "seminaire"}])
    assert info.value.errors()[0]["path"] == "activities[0].kind"


def test_a_bundle_is_audited_and_its_receipt_verified():
    cases = cme.sample_cases()
    reports = [cme.indicators(cases, "aist43", 2024, by=by) for by in ([], ["secteur"])]
    published = cme.publish_bundle(reports, 11)
    assert len(published) == 2
    audit = cme.audit(published)
    assert audit["passed"] and all(h["protected"] for h in audit["hidden"])
    assert cme.verify(published)["valid"]
    changed = [p.to_dict() for p in published]
    shown = next(v for v in changed[0]["total"] if v.get("numerator") is not None)
    shown["numerator"] += 1
    check = cme.verify(changed)
    assert not check["valid"]
    assert any(c["check"] == "chiffres" and not c["passed"] for c in check["checks"])
