"""Publishable tables from Python: a bundle (by sector, by age band, and
their crossing) as one CSV with its margins, as an Excel workbook written
by cme (no Excel engine), with French labels and codes in their own
columns."""
import io
import zipfile

import cme


def bundle():
    return cme.publish_table(cme.sample_cases(), "aist43", 2024, by=["secteur", "tranche_age"])


def test_a_bundle_as_one_csv_with_its_margins():
    import pandas as pd

    published = bundle()
    csv = cme.to_csv(published, bom=True)
    assert csv.startswith("\ufeffsecteur;secteur_libelle;tranche_age;tranche_age_libelle;indicateur;")
    df = pd.read_csv(io.StringIO(csv.lstrip("\ufeff")), sep=";", decimal=",", dtype={"numerateur": "Int64"})
    s = df[df.indicateur == "signalements"]
    kinds = {(a == "ensemble", b == "ensemble") for a, b in zip(s.secteur, s.tranche_age)}
    assert kinds == {(True, True), (True, False), (False, True), (False, False)}
    assert len(s[(s.secteur == "ensemble") & (s.tranche_age == "ensemble")]) == 1
    # the margin by age, where shown, is the sum of its crossing's cells
    # when none of them is hidden
    for band, margin in s[(s.secteur == "ensemble") & (s.tranche_age != "ensemble")].groupby("tranche_age"):
        cells = s[(s.tranche_age == band) & (s.secteur != "ensemble")]
        if margin.numerateur.notna().all() and cells.numerateur.notna().all():
            assert int(margin.numerateur.iloc[0]) == int(cells.numerateur.sum())
    assert (df.tranche_age_libelle[df.tranche_age == "45_54"] == "45 à 54 ans").all()
    assert cme.to_markdown(published).count("\n## ") == 3


def test_a_bundle_as_an_excel_workbook(tmp_path):
    published = bundle()
    data = cme.to_excel(published)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = z.read("xl/workbook.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    for sheet in ["Par secteur", "Par tranche d'âge", "Par secteur et tranche d'âge", "Définitions", "Publication"]:
        assert f'name="{sheet}"'.replace("'", "&apos;") in book or f'name="{sheet}"' in book, sheet
    assert "masqué" in strings and "Q — Santé humaine et action sociale" in strings
    receipt = published[0].to_dict()["receipt"]["figures_digest"]
    assert receipt in strings
    path = tmp_path / "bilan.xlsx"
    assert published[2].to_excel(path) is None
    assert path.read_bytes()[:2] == b"PK"


def test_publish_table_docstring_runs():
    import doctest

    runner = doctest.DocTestRunner()
    for test in doctest.DocTestFinder().find(cme.publish_table, globs={"cme": cme}):
        runner.run(test)
    assert runner.failures == 0 and runner.tries > 0
