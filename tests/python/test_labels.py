"""Field labels and messages in a form's words, from Python.

Expected texts are the labels and templates written out by hand (the
French label of the field, then the catalogue's message), never read back
from the library.
"""

import cme


def test_a_required_field_is_named_by_its_label():
    issues = cme.validate({"format_version": 1}, labels=True)
    by_path = {i["path"]: i for i in issues}
    assert by_path["id"]["label"] == "Identifiant pseudonyme du dossier"
    assert by_path["id"]["label_en"] == "Pseudonymous case id"
    assert by_path["id"]["form_message"] == "« Identifiant pseudonyme du dossier » est obligatoire."
    assert by_path["id"]["form_message_en"] == "“Pseudonymous case id” is required."
    # the code, the path and the catalogue's message are unchanged
    assert by_path["id"]["code"] == "missing_field"
    assert by_path["id"]["message"] == "Le champ « id » est obligatoire."


def test_an_indexed_path_finds_the_label_of_its_list_item():
    case = cme.sample_cases()[0]
    case = dict(case, sick_leaves=[{"start": "2024-05-10", "end": "2024-04-01", "cause": "maladie_non_professionnelle"}])
    issues = cme.validate(case, labels=True)
    end = next(i for i in issues if i["path"] == "sick_leaves[0].end")
    assert end["code"] == "sick_leave_end_before_start"
    assert end["form_message"] == "« Fin de l'arrêt » : la fin de l'arrêt de travail précède son début."


def test_without_labels_the_issues_are_as_before():
    issues = cme.validate({"format_version": 1})
    assert issues and all("form_message" not in i and "label" not in i for i in issues)
    text = cme.validate('{"format_version": 1}', labels=True)
    assert text == cme.validate({"format_version": 1}, labels=True)


def test_every_field_label_is_unique_and_bilingual():
    labels = cme.field_labels()
    paths = [l["path"] for l in labels]
    assert len(paths) == len(set(paths))
    assert all(l["fr"] and l["en"] for l in labels)
    assert {"path": "visits[].kind", "fr": "Type de visite", "en": "Kind of visit"} in labels


def test_the_docstring_examples_run():
    import doctest

    runner = doctest.DocTestRunner()
    for function in (cme.validate, cme.field_labels):
        for test in doctest.DocTestFinder().find(function, globs={"cme": cme}):
            runner.run(test)
    assert runner.failures == 0
    assert runner.tries >= 4
