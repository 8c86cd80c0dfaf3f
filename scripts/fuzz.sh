#!/usr/bin/env bash
# Coverage-guided fuzzing of every entry point that takes untrusted input
# (cargo-fuzz, libFuzzer, nightly toolchain): a case as JSON text, a policy
# file (JSON or TOML), rows of a flat table, an indicator accumulator's state,
# an event added to cases, a CSV export (any bytes). No panic, no hang (10 s per input), bounded memory
# (2 GiB), overflow checks on; a crash leaves its input in fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh            # 10 s per target (the test run's short run)
#   scripts/fuzz.sh 600        # the long run: 10 minutes per target
#
# Seeds come from the repository (the sample, the vectors, the presets, flat
# rows and accumulator states made by the Python package in .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

corpus=fuzz/corpus
rm -rf "$corpus" && mkdir -p "$corpus"/{case_json,policy,table_rows,accumulator_state,event,export_csv}
.venv/bin/python - "$corpus" <<'PY'
import json, pathlib, sys
import cme
out = pathlib.Path(sys.argv[1])
root = pathlib.Path(".")
def put(target, name, text):
    (out / target / name).write_text(text, encoding="utf-8")
for i, c in enumerate(cme.sample_cases()):
    put("case_json", f"sample_{i}", json.dumps(c))
for p in sorted((root / "tests/vectors/validation").glob("*.json")):
    v = json.loads(p.read_text(encoding="utf-8"))
    put("case_json", p.stem, v.get("input_json") or json.dumps(v["input"]))
for p in sorted((root / "cme-core/policies").glob("*.json")):
    put("policy", p.stem, p.read_text(encoding="utf-8"))
rows = [r for r in (cme.case_row(c) for c in cme.sample_cases()) if r]
put("table_rows", "sample", json.dumps(rows))
for i, r in enumerate(rows[:10]):
    put("table_rows", f"row_{i}", json.dumps([r]))
for code in ("aismt13", "aist43"):
    acc = cme.Accumulator(code, 2024, ["secteur"]).add(cme.sample_cases())
    put("accumulator_state", code, acc.__getstate__()["state"])
    # without a breakdown: the state the target publishes (3 cells at most)
    total = cme.Accumulator(code, 2024).add(cme.sample_cases())
    put("accumulator_state", code + "_total", total.__getstate__()["state"])
    # counters at the maximum: a merge must refuse, never wrap
    big = json.loads(acc.__getstate__()["state"])
    big["cases"] = 2**64 - 1
    big["cells"][0]["counters"]["signalements"] = 2**63
    put("accumulator_state", code + "_max", json.dumps(big))
for t in ["contact", "analyse_demande", "sortie", "suivi", "plan_accepte"]:
    put("event", t, json.dumps({"type": t, "date": "2024-06-01"}))
# a seed for each attack of the abuse suite (tests/python/test_abuse.py),
# within -max_len: many events, many unknown fields (past MAX_ISSUES), many
# bad rows (past MAX_ISSUES), a long unknown key, a state of many cells
case = dict(cme.sample_cases()[0])
put("case_json", "attack_events", json.dumps({**case, "events": [{"type": "contact", "date": "2024-01-01"}] * 1200}))
put("case_json", "attack_unknown_fields", json.dumps({**case, **{f"k{i}": 0 for i in range(1500)}}))
put("case_json", "attack_long_key", json.dumps({**case, "k" * 60000: 1}))
put("table_rows", "attack_bad_rows", json.dumps([{"id": "Jean Dupont", "nom": 1}] * 2000))
put("table_rows", "attack_row_columns", json.dumps([{f"c{i}": 1 for i in range(100)}] * 30))
cols = cme.synthetic_table(12)
cols["service"] = [f"s{i}" for i in range(12)]
import pyarrow as pa
acc = cme.Accumulator("aist43", 2024, ["service"]).add(pa.table(cols))
put("accumulator_state", "attack_cells", acc.__getstate__()["state"])
put("event", "sortie_result", json.dumps({"type": "sortie", "date": "2024-06-01", "result": "inaptitude"}))
# exports: the shipped French one (Windows-1252), a UTF-8 one with a BOM
(out / "export_csv" / "export_fr").write_bytes(cme.datasets.export_fr())
(out / "export_csv" / "export_bom").write_bytes("\ufeffid;service;signalement_date;source_visit;signalled_by\nA;aist43;04/03/2024;reprise;idest\n".encode())
PY

cd fuzz
# -a: with overflow checks and debug assertions (an overflow is a crash)
cargo +nightly fuzz build -O -a
for target in case_json policy table_rows accumulator_state event export_csv; do
  mkdir -p "artifacts/$target"
  cargo +nightly fuzz run -O -a "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
    -artifact_prefix="artifacts/$target/" -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|.*(panicked|ERROR|deadly signal))' \
    | sed "s/^/$target: /"
  test "${PIPESTATUS[0]}" -eq 0
done
