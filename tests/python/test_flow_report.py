"""A report of the flow figures only (``indicators=``): it reads only the
columns they need, counts them from the typed columns of an Arrow table,
and gives what the rules give row by row."""
import datetime as dt
import random

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cme

FLOW = list(cme.FLOW_INDICATORS)


def _rows(cols):
    n = len(next(iter(cols.values())))
    return [{c: v[i] for c, v in cols.items() if v[i] is not None} for i in range(n)]


def _spoiled(n, seed):
    """A synthetic table with cells changed at random: bad ids, unknown
    codes, dates out of order or missing, refusals, exits without results."""
    cols = cme.synthetic_table(n, seed=seed)
    rnd = random.Random(seed)
    day = lambda s, d: (dt.date.fromisoformat(s) + dt.timedelta(days=d)).isoformat()  # noqa: E731
    for _ in range(n // 20):
        i = rnd.randrange(n)
        sig = cols["signalement_date"][i]
        kind = rnd.randrange(11)
        if kind == 0:
            # a name; identifiers longer than a view's 12 bytes, valid or
            # not (read from the texts' buffer)
            cols["id"][i] = rnd.choice(["Jean Dupont", f"SYN-LONG-ID-{i:08d}", f" SYN-LONG-ID-{i:07d}"])
        elif kind == 9:
            # an unknown code of the length and first 12 bytes of a known one
            cols["signalled_by"][i] = rnd.choice(["medecin_du_travXil", "medecin_du_travail"])
        elif kind == 10:
            cols["sortie_result"][i] = rnd.choice(["amenagement_postX", "amenagement_poste"])
        elif kind == 1:
            cols["source_visit"][i] = rnd.choice([None, "visite"])
        elif kind == 2 and sig:
            cols["contact_date"][i] = day(sig, rnd.randint(-3, 400))
        elif kind == 3 and sig:
            cols["sortie_date"][i] = day(sig, rnd.randint(-3, 400))
        elif kind == 4:
            cols["sortie_result"][i] = rnd.choice([None, "inaptitude", "licenciement"])
        elif kind == 5 and sig:
            cols["refus_accompagnement_date"][i] = day(sig, rnd.randint(0, 60))
        elif kind == 6 and sig:
            cols["reouverture_date"][i] = day(sig, rnd.randint(0, 500))
        elif kind == 7:
            cols["sector_section"][i] = rnd.choice(["V", "Z", None])
        else:
            cols["service"][i] = "AISMT 13"
    return cols


def _typed(cols):
    """The table as pyarrow gives a typed file: dates as date32."""
    kinds = {c["name"]: c["kind"] for c in cme.table_columns()}
    arrays = {}
    for name, values in cols.items():
        if kinds.get(name) == "date":
            values = [None if v is None else dt.date.fromisoformat(v) for v in values]
            arrays[name] = pa.array(values, type=pa.date32())
        else:
            arrays[name] = pa.array(values)
    return pa.table(arrays)


@pytest.mark.parametrize("by", [[], ["secteur"], ["service"], ["visite_source"], ["secteur", "visite_source"]])
def test_counted_from_typed_columns_as_the_rules_count_row_by_row(by):
    """Arrow tables of every kind the binding types (polars views, pyarrow
    texts, dictionaries, slices, several chunks) give the report and the
    rejected rows of the same rows read as dicts, case by case."""
    cols = _spoiled(40_000, seed=5)
    rows = _rows(cols)
    expected = cme.indicators(rows, "aismt13", 2024, by=by, invalid="report", indicators=FLOW)
    typed = _typed(cols)
    dictionary = pa.table({
        name: (col.dictionary_encode() if pa.types.is_string(col.type) and name != "id" else col)
        for name, col in zip(typed.column_names, typed.columns)})
    tables = {
        "polars": pl.from_arrow(typed),
        "pyarrow": typed,
        "dictionaries": dictionary,
        "chunks": pa.Table.from_batches(typed.to_batches(max_chunksize=7_001)),
        "slice": pa.concat_tables([typed.slice(0, 13_333), typed.slice(13_333)]),
        "pandas": typed.to_pandas(types_mapper=pd.ArrowDtype),
    }
    for name, table in tables.items():
        got = cme.indicators(table, "aismt13", 2024, by=by, invalid="report", indicators=FLOW)
        assert got.to_dict() == expected.to_dict(), name
        assert got.rejected == expected.rejected, name
    assert expected.rejected, "the spoiled table has bad rows"


def test_the_flow_figures_are_those_of_the_whole_report_and_only_those():
    cols = cme.synthetic_table(20_000, seed=8)
    table = _typed(cols)
    whole = cme.indicators(table, "aismt13", 2024, by=["secteur"]).to_dict()
    flow = cme.indicators(table, "aismt13", 2024, by=["secteur"], indicators=FLOW).to_dict()
    assert [c["key"] for c in flow["cells"]] == [c["key"] for c in whole["cells"]]
    for w, f in zip(whole["cells"], flow["cells"]):
        assert [v["id"] for v in f["values"]] == [v["id"] for v in w["values"] if v["id"] in FLOW]
        assert f["values"] == [v for v in w["values"] if v["id"] in FLOW]
    some = cme.indicators(table, "aismt13", 2024, indicators=["sorties", "entrees", "entrees"]).to_dict()
    assert [v["id"] for v in some["total"]] == ["entrees", "sorties"]


def test_only_the_needed_columns_are_read():
    """A LazyFrame is read through the report's columns only: a column the
    figures do not need may be unreadable as a case column and is not read;
    a column the table documents nowhere is still reported."""
    cols = cme.synthetic_table(3_000, seed=3)
    columns = cme.Accumulator("aismt13", 2024, ["secteur"], FLOW)._inner.columns
    assert {"id", "service", "signalement_date", "sortie_result", "sector_section"} <= set(columns)
    assert "avis_attendu_date" not in columns and "birth_year" not in columns
    # a case's own policy: no flow figure depends on it
    assert "policy" not in columns
    bad = dict(cols, birth_year=["mille neuf cent"] * 3_000)
    lazy = pl.LazyFrame(bad)
    with pytest.raises(cme.ValidationError):
        cme.indicators(lazy, "aismt13", 2024)  # the whole catalogue reads birth_year
    flow = cme.indicators(lazy, "aismt13", 2024, indicators=FLOW)
    assert flow.to_dict() == cme.indicators(pl.LazyFrame(cols), "aismt13", 2024, indicators=FLOW).to_dict()
    with pytest.raises(cme.ValidationError) as err:
        cme.indicators(pl.LazyFrame(dict(cols, couleur=["bleu"] * 3_000)), "aismt13", 2024, indicators=FLOW)
    assert err.value.errors()[0]["column"] == "couleur"


def test_a_figure_outside_the_flow_reads_whole_rows():
    cols = cme.synthetic_table(2_000, seed=4)
    assert cme.Accumulator("aismt13", 2024, [], ["dossiers_traites"])._inner.columns is None
    assert cme.Accumulator("aismt13", 2024, ["categorie"], ["entrees"])._inner.columns is None
    report = cme.indicators(pl.DataFrame(cols), "aismt13", 2024, by=["categorie"], indicators=["entrees", "taux_inclusion"])
    whole = cme.indicators(pl.DataFrame(cols), "aismt13", 2024, by=["categorie"])
    pick = lambda r: [(c["key"], [v for v in c["values"] if v["id"] in ("entrees", "taux_inclusion")]) for c in r.to_dict()["cells"]]  # noqa: E731
    assert pick(report) == pick(whole)


def test_an_unknown_indicator_is_refused_at_its_place():
    with pytest.raises(cme.ValidationError) as err:
        cme.Accumulator("aismt13", 2024, [], ["entrees", "entree"])
    assert [(e["path"], e["code"]) for e in err.value.errors()] == [("indicators[1]", "unknown_code")]


def test_states_of_the_flow_report_merge_and_pickle_whichever_way_counted(tmp_path):
    """The state holds only the flow counters: counted from typed columns
    or case by case, the same state."""
    cols = cme.synthetic_table(10_000, seed=6)
    a = cme.Accumulator("aismt13", 2024, ["secteur"], FLOW).add(_typed(cols))
    b = cme.Accumulator("aismt13", 2024, ["secteur"], FLOW).add(_rows(cols))
    assert a._inner.state() == b._inner.state()
    path = tmp_path / "cases.parquet"
    pq.write_table(_typed(cols), path, row_group_size=3_000)
    c = cme.Accumulator("aismt13", 2024, ["secteur"], FLOW).add(pl.scan_parquet(path))
    assert c._inner.state() == a._inner.state()
    assert c.finish().to_dict() == cme.indicators(_rows(cols), "aismt13", 2024, by=["secteur"], indicators=FLOW).to_dict()


def test_a_bare_scan_is_read_in_column_groups_at_once(tmp_path, monkeypatch):
    """A bare scan of a file has its columns decoded by several scans at
    once, put side by side, a piece of rows at a time: the same report and
    the same rejected rows (numbered in the file) as the table read whole.
    Any other plan, and a file of as many row groups as polars has threads,
    are read in streaming, never cut."""
    cols = _spoiled(30_000, seed=31)
    typed = _typed(cols)
    # an all-missing column of type null (sent as texts)
    typed = typed.set_column(typed.schema.get_field_index("reouverture_date"), "reouverture_date", pa.nulls(30_000))
    # one row group (pyarrow's default up to 1,048,576 rows); the same rows
    # in five groups
    path = tmp_path / "cases.parquet"
    pq.write_table(typed, path)
    groups_of_7000 = tmp_path / "groups.parquet"
    pq.write_table(typed, groups_of_7000, row_group_size=7_000)
    calls = []
    real = pl.collect_all


    def collect_all(plans, **kw):
        # each call: the scans read at once, the rows of the piece
        frames = real(plans, **kw)
        calls.append((len(plans), frames[0].height))
        return frames

    monkeypatch.setattr(pl, "collect_all", collect_all)

    def report(table, by=("secteur",), indicators=FLOW):
        got = cme.indicators(table, "aismt13", 2024, by=list(by), indicators=indicators, invalid="report")
        return got.to_dict(), [(i["row"], i["column"], i["code"]) for i in got.rejected]

    groups = min(pl.thread_pool_size(), 12)
    for by, indicators in [(["secteur"], FLOW), (["service", "visite_source"], FLOW), ([], None)]:
        calls.clear()
        expected = report(typed, by, indicators)
        assert expected[1], "the spoiled table has rejected rows"
        assert report(pl.scan_parquet(path), by, indicators) == expected
        assert calls == ([(groups, 30_000)] if groups >= 2 else [])
    # the rows refused in the scan: the error names their rows in the file
    errors = []
    for table in (typed, pl.scan_parquet(path)):
        with pytest.raises(cme.ValidationError) as err:
            cme.indicators(table, "aismt13", 2024, indicators=FLOW)
        errors.append([(e["row"], e["column"], e["code"]) for e in err.value.errors()])
    assert errors[0] and errors[1] == errors[0]
    scan = pl.scan_parquet(path)
    others = {
        "filter": scan.filter(pl.col("service") != "mt2i38"),
        "slice": scan.slice(5, 20_000),
        "row index": pl.scan_parquet(path, row_index_name="rang"),
        "sort": scan.sort("signalement_date", maintain_order=True),
        "select": scan.select(list(reversed(typed.column_names))),
        "n_rows": pl.scan_parquet(path, n_rows=12_000),
        # as many row groups as threads: polars decodes them in parallel
        "row groups": pl.scan_parquet(groups_of_7000) if pl.thread_pool_size() <= 5 else scan.slice(0),
        "two files": pl.scan_parquet([path, path]),
    }
    for name, plan in others.items():
        calls.clear()
        got = report(plan)
        assert calls == [], name
        assert got == report(plan.collect()), name
    # pieces of rows: 7 texts (16 bytes a row each), 4 dates (4 bytes) and
    # the null column (16) make 144 bytes a row; pieces of 10,000 rows, the
    # last one empty, or of 9,999, the last of 3 rows; the rows numbered
    # across pieces
    for bound, pieces in [
        (144 * 10_000, [10_000, 10_000, 10_000, 0]),
        (144 * 10_000 - 1, [9_999, 9_999, 9_999, 3]),
        (144 * 997, [997] * 30 + [90]),
    ]:
        monkeypatch.setattr(cme, "_PIECE_BYTES", bound)
        calls.clear()
        assert report(pl.scan_parquet(path)) == report(typed), bound
        assert calls == ([(groups, n) for n in pieces] if groups >= 2 else []), bound


def test_the_row_groups_of_a_parquet_file_are_read_from_its_footer(tmp_path, monkeypatch):
    """The number of row groups read from the footer is pyarrow's, for
    files of every writer and kind of column (nested, dictionary, key-value
    metadata, no rows); a file that is not Parquet, or whose footer is
    spoiled, gives None and never an exception."""
    n = 5_000
    table = pa.table({
        "id": [f"T-{i}" for i in range(n)],
        "day": pa.array([dt.date(2024, 1, 1) + dt.timedelta(days=i % 400) for i in range(n)]),
        "flag": [i % 3 == 0 for i in range(n)],
        "score": [i / 7 for i in range(n)],
        "tags": [["a", "b"][: i % 3] for i in range(n)],
        "place": [{"x": i, "y": str(i)} for i in range(n)],
        "pairs": pa.array([[("k", i)] for i in range(n)], type=pa.map_(pa.string(), pa.int64())),
        "code": pa.array(["aismt13", "mt2i38"] * (n // 2)).dictionary_encode(),
        "none": pa.nulls(n),
    }).replace_schema_metadata({"origin": "test " * 200})
    files = []
    for k, size in enumerate([None, 1_000, 1, 4_999]):
        path = tmp_path / f"t{k}.parquet"
        pq.write_table(table if size != 1 else table.slice(0, 300), path, row_group_size=size)
        files.append(path)
    files.append(tmp_path / "empty.parquet")
    pq.write_table(table.slice(0, 0), files[-1])
    files.append(tmp_path / "polars.parquet")
    pl.DataFrame({"id": range(n), "x": ["a"] * n}).write_parquet(files[-1], row_group_size=700)
    for path in files:
        assert cme._parquet_row_groups(str(path)) == pq.read_metadata(path).num_row_groups, path
    # not Parquet, or spoiled
    data = files[1].read_bytes()
    length = int.from_bytes(data[-8:-4], "little")
    spoiled = {
        "text": b"id,service\nT-1,aismt13\n",
        "short": b"PAR1",
        "truncated": data[:-3],
        "footer too long": data[:-8] + (len(data)).to_bytes(4, "little") + b"PAR1",
        "footer cut": data[:-8 - length] + data[-8 - length + 10:],
    }
    rnd = random.Random(3)
    for k in range(300):
        spoilt = bytearray(data)
        for _ in range(rnd.randint(1, 8)):
            spoilt[len(data) - 8 - rnd.randrange(length)] = rnd.randrange(256)
        spoiled[f"byte {k}"] = bytes(spoilt)
    for name, content in spoiled.items():
        path = tmp_path / "spoiled.parquet"
        path.write_bytes(content)
        got = cme._parquet_row_groups(str(path))
        assert got is None or isinstance(got, int), name
        if not name.startswith("byte"):
            assert got is None, name
    # only the start of the footer is read: the row groups' list found
    # within it, not past it (the bound on a crafted footer's work)
    data = files[1].read_bytes()
    length = int.from_bytes(data[-8:-4], "little")
    footer = data[-8 - length:-8]
    low, start = 0, length  # the shortest start of the footer that gives it
    while low + 1 < start:
        mid = (low + start) // 2
        low, start = (low, mid) if cme._parquet_row_groups_of(footer[:mid]) is not None else (mid, start)
    assert 0 < start < length
    monkeypatch.setattr(cme, "_FOOTER_BYTES", start)
    assert cme._parquet_row_groups(str(files[1])) == pq.read_metadata(files[1]).num_row_groups
    monkeypatch.setattr(cme, "_FOOTER_BYTES", start - 1)
    assert cme._parquet_row_groups(str(files[1])) is None
    assert cme._parquet_row_groups(str(tmp_path / "absent.parquet")) is None
    assert cme._parquet_row_groups(str(tmp_path)) is None
