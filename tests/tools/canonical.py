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


def region_observed(expected, report=None, issues=None):
    """What a regional report (its dict, snake_case keys) says of what a
    region vector's ``expected`` lists, in the vector's form (the same
    projection as the Rust runner's ``region_observed``); for a refused
    report, its problems as ``error``."""
    if report is None:
        return {"total": {}, "error": [{"code": i["code"], "path": i["path"]} for i in issues]}

    def pick(values, wanted):
        out = {}
        for v in values:
            if v["id"] in wanted:
                e = {"numerator": v["numerator"]}
                if v.get("denominator") is not None:
                    e["denominator"] = v["denominator"]
                if v.get("value") is not None:
                    e["value"] = v["value"]
                out[v["id"]] = e
        return out

    out = {"total": pick(report["total"], expected["total"])}
    if "cells" in expected:
        out["cells"] = []
        for want in expected["cells"]:
            found = next((c for c in report["cells"] if c["key"] == want["key"]), None)
            out["cells"].append({"key": want["key"], "values": pick(found["values"], want["values"]) if found else {}})
    if "policies" in expected:
        out["policies"] = {p["service"]: p["policy"]["id"] for p in report["policies"]}
    if "divergences" in expected:
        out["divergences"] = {d["result"]: {c["service"]: c["class"] for c in d["classes"]} for d in report["divergences"]}
    if "bases" in expected:
        out["bases"] = {b["id"]: b["basis"] for b in report["bases"] if b["id"] in expected["bases"]}
    return out


def impact_observed(report=None, issues=None):
    """What an impact report (its dict, snake_case keys) says in an impact
    vector's form (the same projection as the Rust runner's
    ``impact_observed``); for a refused comparison, its problems."""
    if report is None:
        return {"error": [{"code": i["code"], "path": i["path"]} for i in issues]}
    return {
        "cases": report["cases"],
        "changed": report["changed"],
        "by_aspect": {a["aspect"]: a["cases"] for a in report["by_aspect"] if a["cases"] > 0},
        "changes": {i["case_id"]: [{k: c[k] for k in ("aspect", "at", "before", "after")} for c in i["changes"]]
                    for i in report["impacts"]},
    }


def worklist_observed(expected, lists=None, issues=None):
    """What worklists (their dict, snake_case keys) say in a worklist
    vector's form (the same projection as the Rust runner's
    ``worklist_observed``); for a refusal, its problems sorted by path."""
    if lists is None:
        return {"error": sorted(({"code": i["code"], "path": i["path"]} for i in issues), key=lambda i: i["path"])}
    out = {"cases": lists["cases"], "half_month": lists["half_month"]}
    items = lists.get("items", [])
    if "groups" in lists:
        out["groups"] = [[g["key"], len(g["items"])] for g in lists["groups"]]
    else:
        out["items"] = [[i["list"], i["case_id"], i["date"], i.get("days_overdue")] for i in items]
    if "texts" in expected:
        found = {f'{i["list"]}:{i["case_id"]}': i["reason"]["text"] for i in reversed(items)}
        out["texts"] = {k: found.get(k) for k in expected["texts"]}
    return out


def document_observed(document=None, issues=None):
    """What a document (its dict) says in a document vector's form (the same
    projection as the Rust runner's ``document_observed``): title, text,
    placeholders and the ids of its sources; for a refusal, its problems
    sorted by path."""
    if document is None:
        return {"error": sorted(({"code": i["code"], "path": i["path"]} for i in issues), key=lambda i: i["path"])}
    return {"title": document["title"], "text": document["text"], "placeholders": document["placeholders"],
            "sources": [s.get("id") for s in document["sources"]]}


def company_observed(expected, report=None, issues=None):
    """What a company report (its dict, snake_case keys) says in a company
    vector's form (the same projection as the Rust runner's
    ``company_observed``); for a refused report, its problems."""
    if report is None:
        return {"error": [{"code": i["code"], "path": i["path"]} for i in issues]}
    total = {v["id"]: v for v in report["published"]["total"]}
    shown = {i: (total[i].get("numerator") if i in total else None) for i in expected.get("shown", {})}
    hidden = [i for i in expected.get("hidden", [])
              if i in total and total[i].get("numerator") is None and total[i].get("hidden") is not None]
    return {
        "cases": report["cases"],
        "in_force": report["in_force"],
        "shown": shown,
        "hidden": hidden,
        "audit_passed": report["audit"]["passed"],
    }
