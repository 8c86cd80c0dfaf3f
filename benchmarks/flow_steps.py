"""Where the time of a report of flow figures goes, step by step.

    .venv/bin/python benchmarks/flow_steps.py [n_cases]

On the typed file of ``benchmarks/python_indicators.py`` (run it first):
polars decoding the report's columns (``Accumulator.columns``) in a fresh
process, three times; then, in one process, cme counting the collected
frame (20 calls: wall time and CPU time of the process per call), and the
same without the identifier column's decoding (polars alone).
"""
from __future__ import annotations

import pathlib
import resource
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
IDS = ["signalements", "signalements_pre_reprise", "entrees", "delai_signalement_contact",
       "sorties", "maintiens_realises", "taux_sorties_positives"]


def decode(path: str, without_id: bool) -> None:
    import cme
    import polars as pl

    columns = cme.Accumulator("aismt13", 2023, ["secteur"], IDS).columns or []
    if without_id:
        columns = [c for c in columns if c != "id"]
    t0 = time.perf_counter()
    pl.scan_parquet(path).select(columns).collect()
    print(f"{time.perf_counter() - t0:.4f}")


def count(path: str) -> None:
    import cme
    import polars as pl

    columns = cme.Accumulator("aismt13", 2023, ["secteur"], IDS).columns
    frame = pl.scan_parquet(path).select(columns).collect()
    cme.Accumulator("aismt13", 2023, ["secteur"], IDS).add(frame)  # warm
    r0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    for _ in range(20):
        cme.Accumulator("aismt13", 2023, ["secteur"], IDS).add(frame)
    wall = (time.perf_counter() - t0) / 20
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) / 20
    print(f"cme counting {len(frame)} rows: {wall * 1000:.1f} ms a call, {cpu * 1000:.1f} ms of CPU")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path = ROOT / "target" / "bench" / f"cases_typed_{n}.parquet"
    if not path.exists():
        sys.exit(f"{path} is missing: run benchmarks/python_indicators.py {n} first")
    for without_id in (False, True):
        times = [subprocess.run([sys.executable, __file__, "--decode", str(path), str(without_id)],
                                check=True, capture_output=True, text=True).stdout.strip()
                 for _ in range(3)]
        what = "without id" if without_id else "all"
        print(f"polars decoding the report's columns ({what}) in a fresh process: {', '.join(times)} s")
    count(str(path))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--decode":
        decode(sys.argv[2], sys.argv[3] == "True")
    else:
        main()
