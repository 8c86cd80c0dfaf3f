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


def select_legal(report, expected, absence_index=0):
    """The parts of a legal report that a vector's ``expected`` names (the
    same selection as the Rust runner's ``select_legal``)."""
    out = {}
    absences = report.get("absences") or []
    absence = absences[absence_index] if absence_index < len(absences) else {}
    for key, want in expected.items():
        if key == "measures":
            got = {}
            for code in want:
                found = [m for m in report.get("measures") or [] if m["measure"] == code]
                got[code] = found[0].get("eligible") if found else "absente"
            out[key] = got
        elif key == "absence":
            out[key] = {k: (absence.get("absence") or {}).get(k) for k in want}
        elif key == "error":
            out[key] = None
        else:
            if key == "mi_carriere":
                outcome = report.get("mi_carriere") or {}
            else:
                outcome = next((o for o in absence.get("outcomes") or [] if o["rule"] == key), {})
            got = {}
            for k in want:
                if k == "version":
                    got[k] = (outcome.get("version") or {}).get("id")
                elif k == "dated_by":
                    got[k] = [f'{d["part"]}:{d["version"]["id"]}' for d in outcome.get("dated_by") or []]
                elif k == "reasons":
                    got[k] = [r["code"] for r in outcome.get("reasons") or [] if r["code"] in want["reasons"]]
                else:
                    got[k] = outcome.get(k)
            out[key] = got
    return out
