"""Canonical outputs of every vector through the uniffi-generated Python
bindings, compared with the other runners' by
tests/tools/compare_conformance.py."""
import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))
sys.path.insert(0, str(ROOT / "tests" / "tools"))

import canonical  # noqa: E402
import cme_uniffi  # noqa: E402

RUNNER = "uniffi"


def issue(i):
    out = {"code": i.code, "path": i.path, "params": dict(i.params), "message": i.message, "message_en": i.message_en}
    if i.severity != "error":  # the core's JSON form carries only warnings' severity
        out["severity"] = i.severity
    return out


def test_write_canonical_outputs():
    for v in canonical.vectors("validation"):
        text = v["input_json"] if "input_json" in v else json.dumps(v["input"], ensure_ascii=False)
        issues = [issue(i) for i in cme_uniffi.validate(text, v.get("as_of"))]
        canonical.write(RUNNER, "validation", v["name"], {"issues": issues})
    for v in canonical.vectors("pathway"):
        r = cme_uniffi.evaluate(json.dumps(v["input"]), cme_uniffi.Policy.from_json(json.dumps(v["policy"])), v["as_of"])
        canonical.write(RUNNER, "pathway", v["name"], {"evaluation": json.loads(r.json), "text_fr": r.text_fr})
    for v in canonical.vectors("legal"):
        options = json.dumps(v["options"]) if v.get("options") is not None else None
        try:
            out = {"report": json.loads(cme_uniffi.legal_calendar(json.dumps(v["input"]), v["as_of"], options))}
        except cme_uniffi.CmeError.Validation as e:
            out = {"issues": [issue(i) for i in e.issues]}
        canonical.write(RUNNER, "legal", v["name"], out)
    for v in canonical.vectors("indicators"):
        period = f'{v["period"]["start"]}/{v["period"]["end"]}'
        by = v.get("by") or []
        ids = v.get("indicators") or []
        report = cme_uniffi.indicators_json(json.dumps(v["cases"]), cme_uniffi.Policy.from_json(json.dumps(v["policy"])), period,
                                            by, None, None, ids)
        # The publication of the bundle: the total, each dimension, their cross.
        bys = [[]] + ([[d] for d in by] if len(by) == 2 else []) + ([by] if by else [])
        reports = [json.loads(cme_uniffi.indicators_json(json.dumps(v["cases"]), cme_uniffi.Policy.from_json(json.dumps(v["policy"])),
                                                         period, b, None, None, ids)) for b in bys]
        published = cme_uniffi.publish_bundle_json(json.dumps(reports), 11, None)
        canonical.write(RUNNER, "indicators", v["name"], {
            "report": json.loads(report),
            "publication": json.loads(published),
            "audit": json.loads(cme_uniffi.audit_json(published)),
            "verification": json.loads(cme_uniffi.verify_json(published)),
        })
    for v in canonical.vectors("regions"):
        period = f'{v["period"]["start"]}/{v["period"]["end"]}'
        policies = json.dumps(v["policies"]) if v["policies"] is not None else None
        try:
            report = json.loads(cme_uniffi.regional_report_json(json.dumps(v["cases"]), period, v.get("by") or [], policies))
            published = cme_uniffi.publish_bundle_json(json.dumps([report["harmonised"]]), 11, None)
            out = {"report": report, "publication": json.loads(published)}
        except cme_uniffi.CmeError.Validation as e:
            out = {"issues": [issue(i) for i in e.issues]}
        canonical.write(RUNNER, "regions", v["name"], out)
    for v in canonical.vectors("worklists"):
        policies = json.dumps(v["policies"]) if v["policies"] is not None else None
        try:
            out = {"worklists": json.loads(cme_uniffi.worklists_json(
                json.dumps(v["cases"]), v["as_of"], policies, json.dumps(v["options"])))}
        except cme_uniffi.CmeError.Validation as e:
            out = {"issues": [issue(i) for i in e.issues]}
        canonical.write(RUNNER, "worklists", v["name"], out)
    for v in canonical.vectors("documents"):
        try:
            out = {"document": json.loads(cme_uniffi.document_json(
                json.dumps(v["case"]), v["kind"], v["as_of"], json.dumps(v["options"])))}
        except (cme_uniffi.CmeError.Validation, cme_uniffi.CmeError.InvalidArgument) as e:
            out = {"issues": [issue(i) for i in e.issues]}
        canonical.write(RUNNER, "documents", v["name"], out)
    for v in canonical.vectors("companies"):
        r = v["request"]
        try:
            policy = cme_uniffi.Policy.from_json(json.dumps(v["policy"]))
            out = {"report": json.loads(cme_uniffi.company_report_json(
                json.dumps(v["cases"]), policy, r["company"], r["headcount"], r["period"], r.get("by") or [],
                r.get("threshold")))}
        except cme_uniffi.CmeError.Validation as e:
            out = {"issues": [issue(i) for i in e.issues]}
        canonical.write(RUNNER, "companies", v["name"], out)
    for v in canonical.vectors("impacts"):
        try:
            out = {"report": json.loads(cme_uniffi.impact_json(json.dumps(v["cases"]), json.dumps(v["before"]), json.dumps(v["after"]), v["as_of"]))}
        except cme_uniffi.CmeError.Validation as e:
            out = {"issues": [issue(i) for i in e.issues]}
        canonical.write(RUNNER, "impacts", v["name"], out)
