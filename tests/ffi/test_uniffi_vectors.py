"""The validation vectors through the uniffi-generated Python bindings.

The bindings are generated from the built library by the workspace's
uniffi-bindgen (library mode) into $CME_UNIFFI_DIR (default
target/uniffi-py), with libcme_uniffi.so beside them.
"""
import json
import os
import pathlib
import re
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))

import cme_uniffi  # noqa: E402

VECTORS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / "validation").glob("*.json"))]


def test_there_are_at_least_30_vectors():
    assert len(VECTORS) >= 30


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_validation_vector(vector):
    text = vector["input_json"] if "input_json" in vector else json.dumps(vector["input"], ensure_ascii=False)
    issues = cme_uniffi.validate(text, vector.get("as_of"))
    got = sorted((i.code, i.path) for i in issues)
    expected = sorted((e["code"], e["path"]) for e in vector["expected"])
    assert got == expected
    for i in issues:
        assert "{" not in i.message and i.message_en


def test_invalid_case_error_crosses_with_code_path_and_issues():
    with pytest.raises(cme_uniffi.CmeError.Validation) as info:
        cme_uniffi.parse_case(json.dumps({"format_version": 1, "id": "Jean Dupont"}), None)
    err = info.value
    assert err.code == "invalid_case"
    assert err.path == ""
    assert [i.path for i in err.issues] == ["id", "service", "worker", "signalement"]
    assert err.issues[0].code == "invalid_id"
    assert "Dupont" not in err.message_fr


def test_bad_evaluation_date_is_an_invalid_argument():
    with pytest.raises(cme_uniffi.CmeError.InvalidArgument) as info:
        cme_uniffi.validate("{}", "31/12/2024")
    assert (info.value.code, info.value.path) == ("invalid_as_of", "as_of")


def test_sample_parses_and_round_trips():
    cases = json.loads(cme_uniffi.sample_cases_json())
    assert len(cases) == 50
    for case in cases:
        normalized = json.loads(cme_uniffi.parse_case(json.dumps(case), "2025-06-30"))
        # the sample is in format version 1: read and migrated to version 2
        assert case["format_version"] == 1
        assert normalized == {**case, "format_version": 2}


def test_version_is_the_workspace_version():
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    assert cme_uniffi.version() == re.search(r'^version = "(.*)"', cargo, re.M).group(1)
