"""The validation vectors and the error model, through the pyo3 package."""
import datetime
import json
import pathlib

import jsonschema
import pytest

import cme
from conftest import load_vectors

VALIDATION = load_vectors("validation")
SCHEMA_FILE = pathlib.Path(__file__).resolve().parents[2] / "cme-core" / "schema" / "case.schema.json"
# Issue codes a JSON Schema can express: a vector made only of these must be
# rejected by the schema too.
STRUCTURAL = {
    "object_type", "array_type", "string_type", "integer_type", "boolean_type",
    "missing_field", "unknown_field", "unknown_code", "integer_out_of_range",
    "invalid_id", "invalid_service_code", "invalid_policy_id", "string_too_long", "too_many_items",
}


def run(vector):
    as_of = vector.get("as_of")
    if "input_json" in vector:
        issues = cme.validate_json(vector["input_json"], as_of=as_of)
    else:
        issues = cme.validate(vector["input"], as_of=as_of)
    return issues


def test_there_are_at_least_30_vectors():
    assert len(VALIDATION) >= 30


@pytest.mark.parametrize("vector", VALIDATION, ids=[v["name"] for v in VALIDATION])
def test_validation_vector(vector):
    issues = run(vector)
    got = sorted((i["code"], i["path"]) for i in issues)
    expected = sorted((e["code"], e["path"]) for e in vector["expected"])
    assert got == expected
    warnings = {c["code"] for c in cme.issue_codes() if c["severity"] == "warning"}
    for issue in issues:
        # a warning says so; an error carries no severity key (docs/issue-codes.md)
        extra = {"severity"} if issue["code"] in warnings else set()
        assert set(issue) == {"code", "path", "params", "message", "message_en"} | extra
        assert issue.get("severity", "error") == ("warning" if extra else "error")
        assert "{" not in issue["message"] and "{" not in issue["message_en"]


DOCUMENTS = [v for v in VALIDATION if "input" in v]  # input_json ones are not JSON documents


@pytest.mark.parametrize("vector", DOCUMENTS, ids=[v["name"] for v in DOCUMENTS])
def test_schema_agrees_with_the_validator_on_structure(vector):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    schema_errors = list(validator.iter_errors(vector["input"]))
    codes = {e["code"] for e in vector["expected"]}
    if not codes:
        assert schema_errors == [], [e.message for e in schema_errors]
    elif codes <= STRUCTURAL:
        assert schema_errors, "the schema accepts what the validator rejects"


def test_checked_in_schema_is_the_library_schema():
    assert cme.case_schema() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_sample_is_valid_and_conforms_to_the_schema():
    schema = cme.case_schema()
    cases = cme.sample_cases()
    assert len(cases) == 50
    for case in cases:
        assert cme.validate(case, as_of=cme.SAMPLE_AS_OF) == []
        jsonschema.validate(case, schema)


def test_parse_case_raises_a_value_error_with_errors():
    with pytest.raises(cme.ValidationError) as info:
        cme.parse_case({"format_version": 1, "id": "Jean Dupont"})
    err = info.value
    assert isinstance(err, ValueError)
    assert err.code == "invalid_case"
    paths = [e["path"] for e in err.errors()]
    assert paths == ["id", "service", "worker", "signalement"]
    assert err.errors()[0]["code"] == "invalid_id"
    assert "Dupont" not in str(err) and "Dupont" not in err.json()
    assert "First issue" in err.message_en


def test_parse_case_normalizes_dates_given_as_date_objects():
    case = cme.sample_cases()[3]
    case["signalement"]["date"] = datetime.date.fromisoformat(case["signalement"]["date"])
    parsed = cme.parse_case(case, as_of=cme.SAMPLE_AS_OF)
    assert isinstance(parsed["signalement"]["date"], str)


def test_a_datetime_where_a_date_is_expected_is_an_issue_not_a_silent_truncation():
    case = cme.sample_cases()[3]
    case["signalement"]["date"] = datetime.datetime(2024, 3, 4, 10, 30)
    issues = cme.validate(case)
    assert [(i["code"], i["path"]) for i in issues][0] == ("invalid_date", "signalement.date")


def test_bad_evaluation_date_raises_invalid_argument():
    with pytest.raises(cme.InvalidArgumentError) as info:
        cme.validate({}, as_of="31/12/2024")
    assert info.value.code == "invalid_as_of"
    assert info.value.path == "as_of"
    assert isinstance(info.value, ValueError)


def test_unsupported_python_object_raises_input_error_with_path():
    with pytest.raises(cme.InputError) as info:
        cme.validate({"events": [{"type": "contact", "date": object()}]})
    assert info.value.code == "unsupported_type"
    assert info.value.path == "events[0].date"
    assert isinstance(info.value, TypeError)


def test_infinities_and_huge_integers_are_refused_at_their_path_not_dropped():
    for value, code in [(float("inf"), "non_finite_number"), (float("-inf"), "non_finite_number"),
                        (2**64, "integer_too_large"), (-(2**63) - 1, "integer_too_large")]:
        case = cme.sample_cases()[0]
        case["worker"]["birth_year"] = value
        with pytest.raises(cme.InputError) as info:
            cme.validate(case)
        assert (info.value.code, info.value.path) == (code, "worker.birth_year")
        if isinstance(value, int):
            assert str(value) not in str(info.value)  # never the value


def test_nan_counts_as_missing():
    case = cme.sample_cases()[0]
    case["worker"]["cim10_chapter"] = float("nan")
    assert cme.validate(case, as_of=cme.SAMPLE_AS_OF) == []


def test_catalogue_has_french_and_english_for_every_code():
    codes = cme.issue_codes()
    assert len(codes) >= 30
    for c in codes:
        assert c["template_fr"] and c["template_en"]
        for p in c["params"]:
            # a parameter, or a parameter with its format ({recipient:destinataire})
            assert "{" + p + "}" in c["template_fr"] or "{" + p + ":" in c["template_fr"]


def test_version_is_the_workspace_version():
    import re

    cargo = (pathlib.Path(__file__).resolve().parents[2] / "Cargo.toml").read_text(encoding="utf-8")
    assert cme.__version__ == cme.version() == re.search(r'^version = "(.*)"', cargo, re.M).group(1)


def test_an_echoed_key_is_cut_and_cannot_forge_a_log_line():
    case = cme.sample_cases()[0]
    case["worker"]["x" * 1_000_000] = 1
    case["worker"]["nom\nERREUR forgée"] = 2
    issues = cme.validate(case)
    paths = [i["path"] for i in issues if i["code"] == "unknown_field"]
    assert "worker." + "x" * 64 + "…" in paths
    assert "worker.nom\\u{a}ERREUR forgée" in paths
    assert all(len(p) < 100 and "\n" not in p for p in paths)
    with pytest.raises(cme.InputError) as err:
        cme.validate({"worker": {"y" * 1_000_000: object()}})
    assert len(str(err.value)) < 1000 and len(err.value.path) < 100
