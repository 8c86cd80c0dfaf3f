"""Where the time of a report of flow figures goes, step by step.

    .venv/bin/python benchmarks/flow_steps.py [n_cases]

On the typed file of ``benchmarks/python_indicators.py`` (run it first):
polars decoding the report's columns (``Accumulator.columns``) in a fresh
process, three times, by one scan and as cme reads a bare scan (pieces
of rows, each by two scans at once), with and without the identifiers;
the peer's 7 columns; each of the report's columns alone; the report's
columns by each engine (wall and CPU time: one thread or two), and when
``collect_batches()`` gives its first and last batch; then, in one
process, cme counting the collected frame (20 calls: wall time and CPU
time of the process per call).
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


PEER = ["sector_nomenclature", "sector_section", "signalement_date", "source_visit",
        "contact_date", "sortie_date", "sortie_result"]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def decode(path: str, what: str) -> None:
    import cme
    import polars as pl

    columns = cme.Accumulator("aismt13", 2023, ["secteur"], IDS).columns or []
    if what == "without id":
        columns = [c for c in columns if c != "id"]
    elif what == "peer":
        columns = PEER
    elif what.startswith("column "):
        columns = [what.split(" ", 1)[1]]
    lazy = pl.scan_parquet(path).select(columns)
    t0, c0 = time.perf_counter(), cpu()
    if what == "cut":
        # as cme reads a bare scan of a file of one row group: pieces of
        # rows, the columns of each in groups of about equal width, by as
        # many scans at once
        for _ in cme._scan_in_parallel(pl.scan_parquet(path), columns):
            pass
    elif what == "in-memory":
        lazy.collect(engine="in-memory")
    elif what == "batches":
        times = [time.perf_counter() - t0 for _ in lazy.collect_batches()]
        print(f"{times[0]:.4f}/{times[-1]:.4f}")
        return
    else:
        lazy.collect()
    print(f"{time.perf_counter() - t0:.4f} ({cpu() - c0:.4f} CPU)")


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
    import cme

    columns = cme.Accumulator("aismt13", 2023, ["secteur"], IDS).columns or []
    runs = {"all": 3, "cut": 3, "without id": 3, "peer": 3, "in-memory": 2, "batches": 2}
    runs.update({f"column {c}": 1 for c in columns})
    for what, n in runs.items():
        times = [subprocess.run([sys.executable, __file__, "--decode", str(path), what],
                                check=True, capture_output=True, text=True).stdout.strip()
                 for _ in range(n)]
        label = {"all": "the report's columns", "cut": "the report's columns as cme reads a bare scan (pieces of rows, two scans at once)",
                 "without id": "the report's columns but id",
                 "peer": "the peer's 7 columns", "in-memory": "the report's columns, in-memory engine",
                 "batches": "collect_batches(): first/last batch of the report's columns"}.get(what, what)
        print(f"polars decoding {label} in a fresh process: {', '.join(times)} s")
    count(str(path))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--decode":
        decode(sys.argv[2], sys.argv[3])
    else:
        main()
