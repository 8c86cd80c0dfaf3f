"""The cost of `cme.evaluate` from Python, per call, reading only the
decisions (stage, status, category, inclusion, alert codes) and reading
everything (the whole dict and the French text). Case S-012 of the sample
(14 events) and all 50 sample cases, under aismt13 given by its code; best
of 5 x N calls. Run it with each build to compare (BENCHMARKS.md,
"Evaluation"):

    python benchmarks/python_evaluate.py [N]
"""
import sys
import timeit

import cme

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
CASES = cme.sample_cases()
CASE = CASES[11]
AS_OF = "2025-06-30"


def decisions(case):
    e = cme.evaluate(case, "aismt13", AS_OF)
    return (e.stage, e.status, e.category, e.inclusion, [a["code"] for a in e.alerts]
            if not hasattr(e, "alert_codes") else e.alert_codes)


def everything(case):
    e = cme.evaluate(case, "aismt13", AS_OF)
    return e.to_dict(), str(e)


def best(f, n):
    return min(timeit.repeat(f, number=n, repeat=5)) / n * 1e6


i = [0]


def next_case():
    i[0] += 1
    return CASES[i[0] % len(CASES)]


for label, f in [
    ("S-012, decisions only", lambda: decisions(CASE)),
    ("S-012, dict and French text", lambda: everything(CASE)),
    ("50 sample cases, decisions only", lambda: decisions(next_case())),
    ("50 sample cases, dict and French text", lambda: everything(next_case())),
]:
    print(f"| {label} | {best(f, N):.1f} µs |")
