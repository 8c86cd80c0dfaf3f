"""Document vectors (a document of the cell filled from a case as of a date,
or its refusal) through the uniffi-generated Python bindings, the Word file
opened with python-docx, and the typed errors."""
import io
import json
import os
import pathlib
import sys

import docx
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))
sys.path.insert(0, str(ROOT / "tests" / "tools"))

import cme_uniffi  # noqa: E402
from canonical import document_observed  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "documents").glob("*.json"))]


def issues(e):
    return [{"code": i.code, "path": i.path} for i in e.issues]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_document_vector(vector):
    try:
        got = document_observed(json.loads(cme_uniffi.document_json(
            json.dumps(vector["case"]), vector["kind"], vector["as_of"], json.dumps(vector["options"]))))
    except (cme_uniffi.CmeError.Validation, cme_uniffi.CmeError.InvalidArgument) as e:
        got = document_observed(issues=issues(e))
    assert got == vector["expected"]


def test_the_word_file_opens_with_its_paragraphs_and_highlighted_placeholders():
    v = next(x for x in VECTORS if x["name"] == "fiche_relais_cap_emploi")
    data = cme_uniffi.document_docx(json.dumps(v["case"]), v["kind"], v["as_of"], json.dumps(v["options"]))
    word = docx.Document(io.BytesIO(bytes(data)))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "Fiche relais"
    assert "Salarié : Paul Roche\nAdresse : [Adresse du salarié]" in paragraphs
    marked = [r.text for p in word.paragraphs for r in p.runs if r.text and r.font.highlight_color is not None]
    assert marked == ["[Téléphone de la cellule]", "[Adresse du salarié]"]


def test_templates_that_do_not_load_are_an_invalid_argument_with_their_issues():
    v = next(x for x in VECTORS if x["name"] == "modele_du_service_refuse")
    with pytest.raises(cme_uniffi.CmeError.InvalidArgument) as err:
        cme_uniffi.document_json(json.dumps(v["case"]), v["kind"], v["as_of"], json.dumps(v["options"]))
    assert (err.value.code, err.value.path) == ("invalid_templates", "templates")
    assert issues(err.value) == [{"code": "unknown_template_field", "path": "templates[0].body"}]
    fields = {f["name"]: f for f in json.loads(cme_uniffi.document_fields_json())}
    assert fields["worker.name"]["identity"] and not fields["case.id"]["identity"]
