"""Reading a pyarrow table of one-row chunks against the same table in one
chunk (docs/limits.md): `.venv/bin/python benchmarks/chunks.py`."""
import time

import pyarrow as pa

import cme

for n in (20_000, 100_000):
    one = pa.table(cme.synthetic_table(n))
    chunks = pa.Table.from_batches(one.to_batches(max_chunksize=1))
    start = time.perf_counter()
    assert len(cme.read_table(one)) == n
    t_one = time.perf_counter() - start
    start = time.perf_counter()
    assert len(cme.read_table(chunks)) == n
    t_chunks = time.perf_counter() - start
    print(f"{n} rows: one chunk {t_one:.3f} s, {n} chunks {t_chunks:.3f} s ({t_chunks / t_one:.0f}x)")
