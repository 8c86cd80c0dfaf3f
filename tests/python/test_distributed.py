"""Indicators computed partition by partition on a real distributed engine
(Dask's distributed.LocalCluster, worker processes): the accumulators cross
process boundaries by pickle and merge into exactly the single-pass report."""
import dask
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

import cme

POLICY, PERIOD, BY = "aismt13", "2023", ["secteur", "categorie"]


def partition_accumulator(part: pd.DataFrame) -> cme.Accumulator:
    # Runs in a worker process: the table is read in Rust, the state goes
    # back to the client by pickle.
    return cme.Accumulator(POLICY, PERIOD, BY).add(part)


def merge_all(accs):
    first, *rest = accs
    for acc in rest:
        first.merge(acc)
    return first


def test_dask_partitions_merge_to_the_single_pass_report():
    # Typed columns (booleans with missing values as "boolean", not objects,
    # which Dask would turn into texts).
    df = pd.DataFrame(cme.synthetic_table(20_000, seed=11)).convert_dtypes()
    whole = cme.indicators(df, POLICY, PERIOD, by=BY).to_dict()
    ddf = dd.from_pandas(df, npartitions=8)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        parts = [dask.delayed(partition_accumulator)(p) for p in ddf.to_delayed()]
        merged = client.compute(dask.delayed(merge_all)(parts)).result()
        workers = set(client.run(lambda: __import__("os").getpid()).values())
    assert len(workers) == 2
    assert merged.cases == len(df)
    assert merged.finish().to_dict() == whole
