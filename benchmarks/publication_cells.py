"""Worst case of a publication's cost by its cells (docs/limits.md,
`publish::MAX_PUBLISHED_CELLS`): a report by service where each service has
one case, so that every count is hidden and tied to the total.
`.venv/bin/python benchmarks/publication_cells.py 50 100 199`."""
import sys
import time

import pyarrow as pa

import cme
from cme import _cme

for n in [int(a) for a in sys.argv[1:]] or [50, 100, 199]:
    cols = cme.synthetic_table(n)
    cols["service"] = [f"s{i}" for i in range(n)]
    report = cme.indicators(pa.table(cols), "aist43", 2024, by=["service"]).to_dict()
    start = time.perf_counter()
    _cme.publish(report, 11)
    print(f"{n + 1} cells ({n} services of one case and the total): publish {time.perf_counter() - start:.1f} s")
