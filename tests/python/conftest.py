import json
import pathlib

import pytest

VECTORS = pathlib.Path(__file__).resolve().parent.parent / "vectors"


def load_vectors(family):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((VECTORS / family).glob("*.json"))]


@pytest.fixture(scope="session")
def validation_vectors():
    return load_vectors("validation")
