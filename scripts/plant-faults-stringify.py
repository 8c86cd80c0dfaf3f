"""Planted faults in the fast writer of a call's arguments (cme-wasm/js/
runtime.js, `stringify` and `fits`): each is written into the source in
turn, tests/node/stringify.test.mjs is run, and the source restored. The
test must fail on every one.

    python3 scripts/plant-faults-stringify.py
"""
import pathlib, subprocess
P=pathlib.Path(__file__).resolve().parents[1] / "cme-wasm" / "js" / "runtime.js"; o=P.read_text()
faults=[
 ("length check removed","      if (value.length * 2 > budget.left) return tooLarge(budget.max);\n",""),
 ("key not counted","let max = spend(2 + (typeof key === \"number\" ? 0 : key.length));","let max = spend(2);"),
 ("index path as member","path = typeof k === \"number\" ? `${path}[${k}]` :","path = false ? `${path}[${k}]` :"),
 ("toJSON objects walked","&& typeof value.toJSON !== \"function\";\n      if (!plain","&& true;\n      if (!plain"),
 ("whole budget before the document's","      if (budget.left < 0) return budget.max;\n      if (whole.left < 0) return whole.max;","      if (whole.left < 0) return whole.max;\n      if (budget.left < 0) return budget.max;"),
 ("string and key spent at once","if (max === undefined && typeof value === \"string\") max = spend(value.length);","if (typeof value === \"string\") max = spend(value.length) ?? max;"),
 ("NaN accepted","if (!Number.isFinite(value)) return","if (Number.isNaN(value) && false) return"),
 ("list items share a budget","fault = fits(value[i], i, { left: MAX_JSON_BYTES, max: MAX_JSON_BYTES }, whole, 0);","fault = fits(value[i], i, whole, whole, 0);"),
]
missed = []
try:
    for name,a,b in faults:
        assert o.count(a)==1, name
        P.write_text(o.replace(a,b))
        r=subprocess.run(["node","--test","tests/node/stringify.test.mjs"],capture_output=True,text=True,cwd=P.parents[2])
        print("caught" if r.returncode else "MISSED", name)
        if not r.returncode:
            missed.append(name)
finally:
    P.write_text(o)
raise SystemExit(1 if missed else 0)
