"""The cell's documents from Python: the letter to the employer filled from
a case and the host's identity details, opened as a Word document with
python-docx (a real reader), the placeholders of what the host left out,
the refusal without the worker's agreement; the expected texts are the
templates' wording with the case's dates, written here by hand."""
import io
import pathlib
import sys

import docx
import pytest

import cme
from conftest import load_vectors

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
from canonical import document_observed  # noqa: E402

DOCUMENTS = load_vectors("documents")


@pytest.mark.parametrize("vector", DOCUMENTS, ids=[v["name"] for v in DOCUMENTS])
def test_document_vector(vector):
    # the options as the vector gives them (cme.document's keywords are
    # checked by the tests below)
    try:
        got = document_observed(cme._cme.document(vector["case"], vector["kind"], vector["as_of"], vector["options"]))
    except cme.CmeError as e:
        got = document_observed(issues=e.errors())
    assert got == vector["expected"]

CASE = {
    "format_version": 2, "id": "DOC-1", "service": "aist63", "doctor": "MT-4",
    "worker": {"birth_year": 1971},
    "signalement": {"date": "2024-05-13", "source_visit": "a_la_demande",
                    "signalled_by": "medecin_du_travail", "requested_by": "salarie"},
    "consents": [{"given_on": "2024-05-20", "accompaniment": True, "sharing_with": ["cap_emploi"]}],
    "events": [{"type": "contact", "date": "2024-05-20"}],
}
WHO = {"worker.name": "Jeanne Martin", "employer.name": "Menuiserie du Puy", "place": "Clermont-Ferrand",
       "meeting.date": "2024-06-24", "meeting.start": "14 h 00", "meeting.place": "11 rue de Flamina",
       "doctor.name": "Dr Bernard"}


def test_the_employer_letter_opens_in_a_word_reader_with_its_french_wording():
    doc = cme.document(CASE, "convocation_employeur", "2024-06-17", identity=WHO, docx=True)
    assert doc["placeholders"] == ["employer.address"]
    word = docx.Document(io.BytesIO(doc["docx"]))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "Convocation par le service de santé au travail (copie adressée au salarié)"
    assert paragraphs[1] == "Menuiserie du Puy\n[Adresse de l'employeur]"
    assert "Clermont-Ferrand, le 17 juin 2024" in paragraphs
    assert ("Suite à la visite médicale en date du 13 mai 2024, j'ai adressé votre salarié, Jeanne Martin, "
            "vers notre cellule Maintien en Emploi.") in paragraphs
    assert "Jeanne Martin sera reçu(e) le 24 juin 2024 à 14 h 00, 11 rue de Flamina." in paragraphs
    assert paragraphs[-1] == "Dr Bernard\nMédecin du travail"
    # the placeholder is highlighted, the rest is not
    runs = [r for p in word.paragraphs for r in p.runs if r.text]
    assert [r.text for r in runs if r.font.highlight_color is not None] == ["[Adresse de l'employeur]"]
    assert doc["html"].startswith("<!DOCTYPE html>") and "<mark>[Adresse de l'employeur]</mark>" in doc["html"]
    # a bracket in a value the host gave is not a placeholder
    named = cme.document(CASE, "convocation_employeur", "2024-06-17", identity=dict(WHO, **{"worker.name": "Martin [fils]"}),
                         docx=True)
    word = docx.Document(io.BytesIO(named["docx"]))
    assert [r.text for p in word.paragraphs for r in p.runs if r.text and r.font.highlight_color is not None] == [
        "[Adresse de l'employeur]"]
    assert "<mark>[fils]</mark>" not in named["html"]


def test_letters_need_the_workers_agreement_and_identity_never_leaks_into_errors():
    without = dict(CASE, consents=[], events=[])
    with pytest.raises(cme.ValidationError) as err:
        cme.document(without, "convocation_employeur", "2024-06-17", identity=WHO)
    assert [(e["code"], e["path"]) for e in err.value.errors()] == [("document_without_consent", "consents")]
    assert "Jeanne" not in str(err.value) and "Jeanne" not in repr(err.value.errors())
    relais = cme.document(CASE, "fiche_relais", "2024-06-17", partner="cap_emploi", identity=WHO)
    assert "Fiche relais vers : Cap emploi" in relais["text"]
    with pytest.raises(cme.ValidationError):
        cme.document(CASE, "fiche_relais", "2024-06-17", partner="mdph", identity=WHO)
    # the arguments are read as in every binding: every problem at once,
    # an identity value never echoed
    with pytest.raises(cme.ValidationError) as err:
        cme.document(CASE, "lettre", "2024-06-17", identity={"worker.nom": "Jeanne", "place": 3})
    assert [(e["code"], e["path"]) for e in err.value.errors()] == [
        ("unknown_code", "kind"), ("string_type", "options.identity.place"),
        ("unknown_field", "options.identity.worker.nom")]
    assert "Jeanne" not in repr(err.value.errors())


def test_a_services_own_templates_are_checked():
    own = '{"templates": [{"kind": "attestation_presence", "title": "A", "body": "NIR {{ worker.nir }}", "source": "service"}]}'
    with pytest.raises(cme.InvalidArgumentError) as err:
        cme.document(CASE, "attestation_presence", "2024-06-17", templates=own)
    assert (err.value.code, err.value.path) == ("invalid_templates", "templates")
    assert [(e["code"], e["path"]) for e in err.value.errors()] == [("unknown_template_field", "templates[0].body")]
    fields = {f["name"]: f for f in cme.document_fields()}
    assert fields["worker.name"]["identity"] and not fields["signalement.date"]["identity"]
