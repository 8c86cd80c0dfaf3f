"""cme.read_csv on exports written as SST software writes them: French
headers, ';', jj/mm/aaaa, oui/non, French labels, Windows-1252 with CRLF, a
column of names, rows planted bad. The expected problems are the planted
ones, written by hand; the report of the export must be the report of the
cases it was written from."""
import doctest
import json

import pytest

import cme

PLANTED = {3: "signalement_date", 7: "birth_year", 10: None}


def _labels():
    """code -> French label, for each code list kind."""
    return {l["kind"]: {e["code"]: e["label"] for e in l["entries"]} for l in cme.code_lists()}


# The code list of each column holding codes (cme.table_columns() names the
# columns; the lists are the case model's).
COLUMN_LISTS = {
    "sector_nomenclature": "nomenclature",
    "employer": "employer_kind",
    "rqth": "rqth_status",
    "sick_leave_cause": "sick_leave_cause",
    "source_visit": "source_visit",
    "signalled_by": "signaller",
    "requested_by": "requester",
    "referent_role": "cell_role",
    "sortie_result": "exit_result",
    "category_override": "category",
}


def _french(column, kind, value, labels):
    if value is None:
        return ""
    if kind == "boolean":
        return "oui" if value else "non"
    if kind == "date":
        y, m, d = str(value)[:10].split("-")
        return f"{d}/{m}/{y}"
    if isinstance(value, list):
        return ", ".join(value)
    if column in COLUMN_LISTS:
        return labels[COLUMN_LISTS[column]].get(value, value)
    if column.endswith("_expertise"):
        return labels["expertise"].get(value, value)
    if column.endswith("_partner"):
        return labels["partner"].get(value, value)
    return str(value)


def french_export():
    """The sample's one-row cases as a vendor's export (bytes), and their
    cases in row order."""
    labels = _labels()
    cases = [c for c in cme.sample_cases() if cme.case_row(c) is not None]
    rows = [cme.case_row(c) for c in cases]
    columns = [c for c in cme.table_columns() if any(c["name"] in r for r in rows)]
    # the French header where the vendor has one, the column name otherwise
    header = [FR.get(c["name"], c["name"]) for c in columns] + ["Nom du salarié"]
    lines = [";".join(header)]
    pos = {c["name"]: i for i, c in enumerate(columns)}
    for i, row in enumerate(rows):
        cells = [_french(c["name"], c["kind"], row.get(c["name"]), labels) for c in columns]
        cells = [f'"{x}"' if ";" in x else x for x in cells]
        cells.append(f"Salarié n° {i}")
        if i == 3:
            cells[pos["signalement_date"]] = "31/02/2024"
        elif i == 7:
            cells[pos["birth_year"]] = "soixante-dix"
        elif i == 10:
            cells = cells[:4]
        lines.append(";".join(cells))
    return ("\r\n".join(lines) + "\r\n").encode("cp1252"), cases


# The headers a vendor writes, by hand (a subset of the built-in profile "fr").
FR = {
    "id": "N° dossier",
    "service": "Service",
    "birth_year": "Année de naissance",
    "signalement_date": "Date de signalement",
    "source_visit": "Visite d'origine",
    "signalled_by": "Signalé par",
    "requested_by": "Visite demandée par",
    "contact_date": "Date du premier contact",
    "sortie_date": "Date de sortie",
    "sortie_result": "Résultat de sortie",
    "sector_section": "Secteur",
    "sector_nomenclature": "Nomenclature NAF",
    "sick_leave_start": "Début de l'arrêt",
    "sick_leave_cause": "Cause de l'arrêt",
    "consent_date": "Date du consentement",
    "consent_accompaniment": "Consentement à l'accompagnement",
}


@pytest.fixture(scope="module")
def export():
    return french_export()


def test_a_french_export_is_read_with_each_problem_once(export):
    data, cases = export
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really Windows-1252
    t = cme.read_csv(data)
    assert (t.encoding, t.delimiter, t.bom) == ("windows-1252", ";", False)
    assert t.total_rows == len(cases)
    assert len(t) == len(cases) - 3
    assert t.rows == [i for i in range(len(cases)) if i not in PLANTED]
    # the column of names: once, a warning, not read
    assert [(i["code"], i.get("severity")) for i in t.header_issues] == [("ignored_column", "warning")]
    assert t.headers[-1]["column"] is None
    found = [(i["row"], i["line"], i["column"], i["header"], i["code"]) for i in t.issues]
    assert found == [
        (3, 5, "signalement_date", "Date de signalement", "invalid_date"),
        (7, 9, "birth_year", "Année de naissance", "integer_type"),
        (10, 12, "", None, "field_count"),
    ]
    # never a value of the file in what is said
    said = json.dumps(t.to_dict(), ensure_ascii=False) + str(t) + t.summary("en")
    assert "soixante-dix" not in said and "Salarié n°" not in said
    assert "ligne 5, colonne « Date de signalement »" in str(t)
    assert "line 5, column “Date de signalement”" in t.summary("en")


def test_the_report_of_the_export_is_the_report_of_its_cases(export):
    data, cases = export
    t = cme.read_csv(data)
    kept = [c for i, c in enumerate(cases) if i not in PLANTED]
    by_file = cme.indicators(t, "aist43", 2024, by=["secteur"], invalid="report").to_dict()
    by_cases = cme.indicators(kept, "aist43", 2024, by=["secteur"]).to_dict()
    assert by_file == by_cases
    assert by_file["cases"] == len(kept)


def test_sources_profiles_and_choices(export, tmp_path):
    data, _ = export
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    assert len(cme.read_csv(path)) == len(cme.read_csv(str(path))) == len(cme.read_csv(data))
    with open(path, "rb") as f:
        assert len(cme.read_csv(f)) == len(cme.read_csv(data))
    with open(path, encoding="cp1252") as f, pytest.raises(cme.InvalidArgumentError):
        cme.read_csv(f)
    # refused by choice: one problem, nothing read
    t = cme.read_csv(data, extra_columns="refuse")
    assert [i["code"] for i in t.header_issues] == ["unknown_column"]
    assert not t.readable and len(t) == 0 and t.issues == []
    # a vendor's own headers, as a dict and as a TOML file
    vendor = "NUMDOS,SRV,DT_SIGNAL,VISITE,SIGNALEUR\nX-1,aist43,04/03/2024,reprise,idest\n".encode()
    mapping = {"NUMDOS": "id", "SRV": "service", "DT_SIGNAL": "signalement_date",
               "VISITE": "source_visit", "SIGNALEUR": "signalled_by"}
    assert len(cme.read_csv(vendor, {"name": "x", "columns": mapping})) == 1
    toml = tmp_path / "logiciel.toml"
    toml.write_text('name = "logiciel"\n[columns]\n' + "".join(f'"{h}" = "{c}"\n' for h, c in mapping.items()),
                    encoding="utf-8")
    assert len(cme.read_csv(vendor, toml)) == 1
    # without the profile, the required columns are missing: once each
    t = cme.read_csv(vendor, "cme")
    assert [i["params"]["column"] for i in t.header_issues if i["code"] == "missing_column"] == [
        "id", "service", "signalement_date", "source_visit", "signalled_by"]
    with pytest.raises(cme.InvalidArgumentError) as e:
        cme.read_csv(vendor, "inconnu")
    assert e.value.code == "unknown_profile"
    with pytest.raises(cme.InvalidArgumentError) as e:
        cme.read_csv(vendor, {"name": "x", "columns": {"Nom": "nom"}})
    assert e.value.code == "invalid_profile"
    with pytest.raises(cme.CmeError):
        cme.read_csv(vendor, encoding="ebcdic")


def test_code_lists_name_every_code():
    lists = {l["kind"]: l["entries"] for l in cme.code_lists()}
    for kind in ["source_visit", "exit_result", "category", "partner", "stage", "status",
                 "naf_rev2_section", "naf_2025_section"]:
        assert lists[kind], kind
        assert all(e["label"] and e["label"] != e["code"] for e in lists[kind]), kind
    assert {e["code"]: e["label"] for e in lists["naf_rev2_section"]}["Q"] == "Santé humaine et action sociale"
    assert {e["code"]: e["label"] for e in lists["naf_2025_section"]}["R"] == "Santé humaine et action sociale"


def test_docstrings_run():
    import cme.datasets

    for f in (cme.read_csv, cme.code_lists, cme.datasets):
        runner = doctest.DocTestRunner()
        for test in doctest.DocTestFinder().find(f, globs={"cme": cme}):
            runner.run(test)
        assert runner.failures == 0 and runner.tries > 0, f.__name__
