"""Canonical outputs of every vector through the pyo3 package, compared
with the other runners' by tests/tools/compare_conformance.py."""
import datetime as dt
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools"))
import canonical  # noqa: E402

import cme  # noqa: E402

RUNNER = "python"


def test_write_canonical_outputs():
    n = 0
    for v in canonical.vectors("validation"):
        issues = (cme.validate_json(v["input_json"], v.get("as_of")) if "input_json" in v
                  else cme.validate(v["input"], v.get("as_of")))
        canonical.write(RUNNER, "validation", v["name"], {"issues": issues})
        n += 1
    for v in canonical.vectors("pathway"):
        e = cme.evaluate(v["input"], v["policy"], v["as_of"])
        canonical.write(RUNNER, "pathway", v["name"], {"evaluation": e.to_dict(), "text_fr": str(e)})
        n += 1
    for v in canonical.vectors("legal"):
        try:
            out = {"report": cme.legal_calendar(v["input"], v["as_of"], v.get("options"))}
        except cme.ValidationError as e:
            out = {"issues": e.errors()}
        canonical.write(RUNNER, "legal", v["name"], out)
        n += 1
    for v in canonical.vectors("indicators"):
        period = (dt.date.fromisoformat(v["period"]["start"]), dt.date.fromisoformat(v["period"]["end"]))
        by = v.get("by") or []
        ids = v.get("indicators")
        report = cme.indicators(v["cases"], v["policy"], period, by=by, indicators=ids)
        # The publication of the bundle: the total, each dimension, their cross.
        bys = [[]] + ([[d] for d in by] if len(by) == 2 else []) + ([by] if by else [])
        published = cme.publish_bundle([cme.indicators(v["cases"], v["policy"], period, by=b, indicators=ids)
                                        for b in bys], 11)
        canonical.write(RUNNER, "indicators", v["name"], {
            "report": report.to_dict(),
            "publication": [p.to_dict() for p in published],
            "audit": cme.audit(published),
            "verification": cme.verify(published),
        })
        n += 1
    for v in canonical.vectors("regions"):
        period = f'{v["period"]["start"]}/{v["period"]["end"]}'
        try:
            r = cme.regional_report(v["cases"], period, v.get("by") or [], v["policies"])
            out = {"report": r.to_dict(), "publication": [p.to_dict() for p in cme.publish_bundle([r.harmonised()], 11)]}
        except cme.ValidationError as e:
            out = {"issues": e.errors()}
        canonical.write(RUNNER, "regions", v["name"], out)
        n += 1
    for v in canonical.vectors("companies"):
        r = v["request"]
        try:
            report = cme.company_report(v["cases"], v["policy"], r["company"], r["headcount"], r["period"],
                                        by=r.get("by"), threshold=r.get("threshold", 11))
            out = {"report": report.to_dict()}
        except cme.ValidationError as e:
            out = {"issues": e.errors()}
        canonical.write(RUNNER, "companies", v["name"], out)
        n += 1
    for v in canonical.vectors("worklists"):
        try:
            out = {"worklists": cme._cme.worklists(v["cases"], v["as_of"], v["policies"], v["options"])}
        except cme.ValidationError as e:
            out = {"issues": e.errors()}
        canonical.write(RUNNER, "worklists", v["name"], out)
        n += 1
    for v in canonical.vectors("documents"):
        try:
            out = {"document": cme._cme.document(v["case"], v["kind"], v["as_of"], v["options"])}
        except cme.CmeError as e:
            out = {"issues": e.errors()}
        canonical.write(RUNNER, "documents", v["name"], out)
        n += 1
    for v in canonical.vectors("impacts"):
        try:
            out = {"report": cme.impact(v["cases"], v["before"], v["after"], v["as_of"])}
        except cme.ValidationError as e:
            out = {"issues": e.errors()}
        canonical.write(RUNNER, "impacts", v["name"], out)
        n += 1
    assert n >= 200
