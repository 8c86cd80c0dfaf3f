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
    r = cme.indicators(vector["cases"], vector["policy"], f"{period['start']}/{period['end']}", vector["by"],
                       indicators=vector.get("indicators")).to_dict()
    exp = vector["expected"]
    if "shown" in exp:
        assert [v["id"] for v in r["total"]] == exp["shown"]
        assert all([v["id"] for v in c["values"]] == exp["shown"] for c in r["cells"])
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
    md = report.publish().to_markdown()
    assert "| Indicateur | Ensemble |" in md
    # the service by its name, not its code
    assert "AISMT 13 (Bouches-du-Rhône)" in md
    csv = report.publish().to_csv()
    assert csv.startswith("service;service_libelle;indicateur;libelle;")
    assert csv.splitlines()[1].startswith("ensemble;Ensemble;signalements;")
    assert report.publish().to_csv(bom=True) == "\ufeff" + csv


def test_labels_and_natural_order_in_records_and_csv():
    # age bands come youngest first, « Non renseigné » last, whatever the
    # order of the report's cells; each code has its label beside it
    report = cme.indicators(cme.sample_cases(), "aismt13", 2024, by=["tranche_age"])
    recs = report.to_records()
    order = []
    for r in recs:
        if r["tranche_age"] not in order:
            order.append(r["tranche_age"])
    natural = ["ensemble", "moins_de_25", "25_34", "35_44", "45_54", "55_et_plus", "inconnu"]
    assert order == [b for b in natural if b in order]
    assert len(order) > 3
    labels = {r["tranche_age"]: r["tranche_age_libelle"] for r in recs}
    assert labels["ensemble"] == "Ensemble"
    assert labels.get("25_34", "25 à 34 ans") == "25 à 34 ans"
    # each sector by its letter and INSEE name (written here from the NAF
    # rév. 2 nomenclature, not from the library)
    by_sector = cme.indicators(cme.sample_cases(), "aismt13", 2024, by=["secteur"]).publish().to_csv()
    import csv
    import io

    # a label holding the separator (« Commerce ; réparation… ») is quoted
    labels = {row[0]: row[1] for row in list(csv.reader(io.StringIO(by_sector), delimiter=";"))[1:]}
    assert labels["naf_rev2:G"] == "G — Commerce ; réparation d'automobiles et de motocycles"
    insee = {"naf_rev2:F": "F — Construction", "naf_rev2:Q": "Q — Santé humaine et action sociale",
             "naf_rev2:P": "P — Enseignement", "naf_rev2:A": "A — Agriculture, sylviculture et pêche"}
    assert len(labels) >= 4
    assert {c: labels[c] for c in insee if c in labels} == {c: insee[c] for c in insee if c in labels}
    assert len([c for c in insee if c in labels]) >= 2
    assert all(label.startswith(code[-1] + " — ") for code, label in labels.items() if code.startswith("naf_"))


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
