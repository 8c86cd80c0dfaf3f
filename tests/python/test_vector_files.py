"""Every vector file conforms to tests/vectors/vector.schema.json, its name
is its file name, and it round-trips through JSON exactly."""
import json
import pathlib

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"
SCHEMA = json.loads((ROOT / "vector.schema.json").read_text(encoding="utf-8"))
FILES = sorted(ROOT.glob("*/*.json"))


def test_there_are_vectors_of_every_family():
    assert {p.parent.name for p in FILES} == {"validation", "pathway", "legal", "indicators", "regions", "impacts", "companies", "worklists", "documents"}


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_vector_file(path):
    text = path.read_text(encoding="utf-8")
    v = json.loads(text)
    jsonschema.validate(v, SCHEMA)
    assert v["name"] == path.stem
    assert json.loads(json.dumps(v, ensure_ascii=False)) == v
