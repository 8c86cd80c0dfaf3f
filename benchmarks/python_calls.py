"""The cost of one call from Python: the pyo3 package `cme` next to the
uniffi-generated bindings (`cme_uniffi`), on the same case.

    cargo build --release -p cme-ffi --lib
    target/debug/uniffi-bindgen generate --library target/release/libcme_uniffi.so \
        --language python --out-dir target/uniffi-py-release
    cp target/release/libcme_uniffi.so target/uniffi-py-release/
    CME_UNIFFI_DIR=target/uniffi-py-release .venv/bin/python benchmarks/python_calls.py

(The bindings run-tests.sh generates load the debug library: not for timing.)

Best of 5 repetitions of 2,000 calls each. pyo3 takes and returns Python
objects (dicts); uniffi takes JSON text and returns records (and JSON text
for the nested parts), so each side pays its own conversions.
"""
import json
import os
import pathlib
import sys
import timeit

import cme

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))
import cme_uniffi  # noqa: E402

# The uniffi binding takes a Policy object, loaded once (as a host would).
AISMT13 = cme_uniffi.Policy.preset("aismt13")

CASE = cme.sample_cases()[11]
CASE_JSON = json.dumps(CASE)
AS_OF = "2025-06-30"
N = 2000


def best(f) -> float:
    return min(timeit.repeat(f, number=N, repeat=5)) / N * 1e6


rows = [
    ("version (no work: the crossing itself)", lambda: cme.version(), lambda: cme_uniffi.version()),
    ("validate a case", lambda: cme.validate(CASE, AS_OF), lambda: cme_uniffi.validate(CASE_JSON, AS_OF)),
    ("evaluate a case (aismt13)", lambda: cme.evaluate(CASE, "aismt13", AS_OF),
     lambda: cme_uniffi.evaluate(CASE_JSON, AISMT13, AS_OF)),
]
print(f"case {CASE['id']} ({len(CASE_JSON)} bytes of JSON, {len(CASE['events'])} events); best of 5 × {N} calls")
print("| call | pyo3 `cme` (µs) | uniffi `cme_uniffi` (µs) |")
print("|---|---:|---:|")
for name, a, b in rows:
    print(f"| {name} | {best(a):.1f} | {best(b):.1f} |")
