"""The canonical form of a runner's output, shared by the Python runners
(pyo3 and uniffi): integral floats as integers (JS cannot tell 100.0 from
100), keys sorted, compact, UTF-8 without escapes, one line."""
import json
import math
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _norm(v):
    if isinstance(v, float) and math.isfinite(v) and v.is_integer() and abs(v) < 9e15:
        return int(v)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_norm(x) for x in v]
    return v


def dumps(value) -> str:
    return json.dumps(_norm(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def write(runner: str, family: str, name: str, value) -> None:
    d = ROOT / "target" / "conformance" / runner / family
    d.mkdir(parents=True, exist_ok=True)
    (d / f"{name}.json").write_text(dumps(value), encoding="utf-8")


def vectors(family: str):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "vectors" / family).glob("*.json"))]
