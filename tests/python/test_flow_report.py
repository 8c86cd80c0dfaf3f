"""A report of the flow figures only (``indicators=``): it reads only the
columns they need, counts them from the typed columns of an Arrow table,
and gives what the rules give row by row."""
import array
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
        "large": pa.table({
            name: (col.cast(pa.large_string()) if pa.types.is_string(col.type) else col)
            for name, col in zip(typed.column_names, typed.columns)}),
    }
    for name, table in tables.items():
        got = cme.indicators(table, "aismt13", 2024, by=by, invalid="report", indicators=FLOW)
        assert got.to_dict() == expected.to_dict(), name
        assert got.rejected == expected.rejected, name
    assert expected.rejected, "the spoiled table has bad rows"


@pytest.mark.parametrize("large", [False, True])
def test_texts_given_as_offsets_are_read_whatever_their_buffers_hold(large):
    """A code column of offsets (pyarrow's string and large_string) built by
    hand: an empty row whose offsets still span a code is empty (an exit
    without its result: no result counted), a code in
    the buffer's last bytes is read whole, and a code of 12 bytes or more
    is told from an unknown one of the same length and first bytes."""
    n = 3_000
    cols = cme.synthetic_table(n, seed=9)
    rnd = random.Random(9)
    results = list(cols["sortie_result"])
    for i in rnd.sample(range(n), 60):
        # unknown codes of the length and first bytes of known ones, past
        # 12 bytes and at 12 ("reconversion")
        results[i] = rnd.choice(["amenagement_postX", "amenagement_poste", "reconversioX", "reconversion"])
    # exits without their result, some spanning a code
    exits = [i for i in range(n - 1) if cols["sortie_date"][i] is not None]
    for i in rnd.sample(exits, 40):
        results[i] = None
    # the last row: a code of more than 12 bytes ending the buffer
    results[-1] = "amenagement_poste"
    cols["sortie_result"] = results
    expected = cme.indicators(_rows(cols), "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
    assert any(r is None for r in results) and expected.rejected
    # the texts one after another; an empty row spans all the same the
    # code of the last row that has one (just seen: what a reader that
    # missed the validity would take for it)
    data, offsets, valid, last = bytearray(), [0], bytearray((n + 7) // 8), b""
    for i, r in enumerate(results):
        if r is None:
            data += last if i % 2 else b""
        else:
            last = r.encode()
            data += last
            valid[i // 8] |= 1 << (i % 8)
        offsets.append(len(data))
    kind, width = (pa.large_string(), "q") if large else (pa.string(), "i")
    column = pa.Array.from_buffers(kind, n, [
        pa.py_buffer(bytes(valid)), pa.py_buffer(array.array(width, offsets).tobytes()),
        pa.py_buffer(bytes(data))], null_count=results.count(None))
    column.validate(full=True)
    assert column.to_pylist() == results
    table = _typed(cols).set_column(_typed(cols).column_names.index("sortie_result"), "sortie_result", column)
    for piece in [table, table.slice(1_001), pa.Table.from_batches(table.to_batches(max_chunksize=777))]:
        got = cme.indicators(piece, "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
        whole = cme.indicators(_rows({c: v[len(cols["id"]) - piece.num_rows:] for c, v in cols.items()}),
                               "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
        assert got.to_dict() == whole.to_dict()
        assert got.rejected == whole.rejected


CODES = ["service", "source_visit", "signalled_by", "sortie_result", "sector_nomenclature", "sector_section"]


def test_the_dictionary_columns_are_the_codes_the_report_reads():
    """The codes among a report's columns: never the identifier or a date;
    the sector's only when the report is by sector; none for a report that
    reads whole rows."""
    by_sector = cme.Accumulator("aismt13", 2024, ["secteur"], FLOW)
    assert sorted(by_sector.dictionary_columns) == sorted(CODES)
    assert set(by_sector.dictionary_columns) <= set(by_sector.columns)
    assert sorted(cme.Accumulator("aismt13", 2024, [], FLOW).dictionary_columns) == sorted(
        ["service", "source_visit", "signalled_by", "sortie_result"])
    assert cme.Accumulator("aismt13", 2024).dictionary_columns is None


def _as_dictionaries(table, key, values_null=False):
    """The code columns of ``table`` as dictionaries of keys ``key``; with
    ``values_null``, each dictionary also holds a missing value (at its
    start, pointed at by the missing rows) and an unknown code no row
    points at."""
    columns = []
    for name, col in zip(table.column_names, table.columns):
        if name in CODES:
            values = [v for v in dict.fromkeys(col.to_pylist()) if v is not None]
            if values_null:
                values = [None, *values, "code_que_nul_ne_porte"]
            at = {v: i for i, v in enumerate(values)}
            keys = [at[None] if (v is None and values_null) else (None if v is None else at[v])
                    for v in col.to_pylist()]
            col = pa.DictionaryArray.from_arrays(pa.array(keys, type=key), pa.array(values, type=pa.string()))
        columns.append(col)
    return pa.table(columns, names=table.column_names)


@pytest.mark.parametrize("key", [pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint32()])
@pytest.mark.parametrize("values_null", [False, True])
def test_dictionaries_of_every_key_type_are_read_as_their_texts(key, values_null):
    """Code columns given as dictionaries (pandas' categoricals take 8-bit
    keys, pyarrow 32, polars unsigned) give what the rules give row by row
    on the texts: a row missing by its key's validity or by pointing at a
    missing value is empty, a value no row points at is never counted, and
    slices and chunks start their keys where they start."""
    cols = _spoiled(20_000, seed=11)
    expected = cme.indicators(_rows(cols), "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
    table = _as_dictionaries(_typed(cols), key, values_null)
    assert all(pa.types.is_dictionary(table.column(c).type) for c in CODES)
    pieces = {
        "whole": table,
        "chunks": pa.Table.from_batches(table.to_batches(max_chunksize=3_001)),
        "slice": pa.concat_tables([table.slice(0, 7_777), table.slice(7_777)]),
    }
    for name, piece in pieces.items():
        got = cme.indicators(piece, "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
        assert got.to_dict() == expected.to_dict(), name
        assert got.rejected == expected.rejected, name
    assert expected.rejected


def test_a_dictionary_of_more_values_than_a_piece_has_rows_is_read_as_its_texts():
    """A dictionary of 100,000 values (more than a table of a slot per
    value is made for) whose rows point at a few: mapped value by value as
    met, the unknown ones refused at their rows."""
    n = 20_000
    cols = _spoiled(n, seed=12)
    rnd = random.Random(12)
    junk = [f"resultat_inconnu_{k:06d}" for k in range(100_000)]
    results = list(cols["sortie_result"])
    for i in rnd.sample(range(n), 50):
        if results[i] is not None:
            results[i] = rnd.choice(junk)
    cols["sortie_result"] = results
    expected = cme.indicators(_rows(cols), "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
    values = [*junk, *sorted({r for r in results if r is not None} - set(junk))]
    at = {v: i for i, v in enumerate(values)}
    keys = pa.array([None if r is None else at[r] for r in results], type=pa.int32())
    table = _typed(cols)
    table = table.set_column(table.column_names.index("sortie_result"), "sortie_result",
                             pa.DictionaryArray.from_arrays(keys, pa.array(values)))
    for piece in [table, pa.Table.from_batches(table.to_batches(max_chunksize=4_099))]:
        got = cme.indicators(piece, "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
        assert got.to_dict() == expected.to_dict()
        assert got.rejected == expected.rejected
    assert any(r["column"] == "sortie_result" for r in expected.rejected)


def test_a_parquet_file_read_with_its_codes_as_dictionaries_gives_the_same_report(tmp_path):
    """``read_dictionary=acc.dictionary_columns``: the batches of a file
    with its codes as dictionaries give the report of its texts."""
    cols = _spoiled(30_000, seed=13)
    path = tmp_path / "cases.parquet"
    pq.write_table(_typed(cols), path, row_group_size=10_000)
    expected = cme.indicators(_rows(cols), "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
    acc = cme.Accumulator("aismt13", 2024, ["secteur"], FLOW)
    batches = list(pq.ParquetFile(path, read_dictionary=acc.dictionary_columns).iter_batches(
        batch_size=4_096, columns=acc.columns))
    assert all(pa.types.is_dictionary(batches[0].schema.field(c).type) for c in acc.dictionary_columns)
    got = cme.indicators(iter(batches), "aismt13", 2024, by=["secteur"], invalid="report", indicators=FLOW)
    assert got.to_dict() == expected.to_dict()
    assert got.rejected == expected.rejected


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
    """A bare scan of a file of one row group has its columns decoded by
    several scans at once, put side by side, a piece of rows at a time:
    the same report and the same rejected rows (numbered in the file) as
    the table read whole. Any other plan is read in streaming, never cut."""
    cols = _spoiled(30_000, seed=31)
    typed = _typed(cols)
    # an all-missing column of type null (sent as texts)
    typed = typed.set_column(typed.schema.get_field_index("reouverture_date"), "reouverture_date", pa.nulls(30_000))
    # one row group (pyarrow's default up to 1,048,576 rows)
    path = tmp_path / "cases.parquet"
    pq.write_table(typed, path)
    calls = _record_collects(monkeypatch)

    def report(table, by=("secteur",), indicators=FLOW):
        got = cme.indicators(table, "aismt13", 2024, by=list(by), indicators=indicators, invalid="report")
        return got.to_dict(), [(i["row"], i["column"], i["code"]) for i in got.rejected]

    groups = min(pl.thread_pool_size(), 12)
    for by, indicators in [(["secteur"], FLOW), (["service", "visite_source"], FLOW), ([], None)]:
        calls.clear()
        expected = report(typed, by, indicators)
        assert expected[1], "the spoiled table has rejected rows"
        assert report(pl.scan_parquet(path), by, indicators) == expected
        assert calls == [("columns", groups, 30_000)]
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
        assert calls == [("columns", groups, n) for n in pieces], bound


def _record_collects(monkeypatch):
    """Records each read of a piece of a bare scan: ("columns", scans at
    once, rows) for ``pl.collect_all``, ("rows", 1, rows) for a
    ``LazyFrame.collect``."""
    calls = []
    real_all, real_one = pl.collect_all, pl.LazyFrame.collect

    def collect_all(plans, **kw):
        frames = real_all(plans, **kw)
        calls.append(("columns", len(plans), frames[0].height))
        return frames

    def collect(self, *args, **kw):
        frame = real_one(self, *args, **kw)
        calls.append(("rows", 1, frame.height))
        return frame

    monkeypatch.setattr(pl, "collect_all", collect_all)
    monkeypatch.setattr(pl.LazyFrame, "collect", collect)
    return calls


def test_a_bare_scan_of_several_row_groups_is_read_in_whole_row_groups(tmp_path, monkeypatch):
    """A bare scan of a file of several row groups all of one size (but the
    last) is read in pieces of whole row groups, a piece counted then let
    go before the next is read: as many row groups as polars has threads
    by one scan when they fit in a piece (polars decodes them in
    parallel), otherwise as many as fit (at least one, up to
    ``_GROUP_BYTES``) with their columns by several scans; a larger row
    group, or row groups of different sizes, in pieces of
    ``_PIECE_BYTES``. Whichever the pieces, the report and the rejected
    rows (numbered in the file) are those of the table read whole."""
    cols = _spoiled(30_000, seed=32)
    typed = _typed(cols)
    typed = typed.set_column(typed.schema.get_field_index("reouverture_date"), "reouverture_date", pa.nulls(30_000))
    even = tmp_path / "even.parquet"
    pq.write_table(typed, even, row_group_size=7_000)  # 4 × 7,000 and 2,000
    uneven = tmp_path / "uneven.parquet"
    with pq.ParquetWriter(uneven, typed.schema) as w:
        for start, size in [(0, 5_000), (5_000, 7_000), (12_000, 7_000), (19_000, 7_000), (26_000, 4_000)]:
            w.write_table(typed.slice(start, size))
    assert [pq.ParquetFile(p).metadata.num_row_groups for p in (even, uneven)] == [5, 5]
    calls = _record_collects(monkeypatch)
    expected = cme.indicators(typed, "aismt13", 2024, by=["secteur"], indicators=FLOW, invalid="report")
    expected = expected.to_dict(), [(i["row"], i["column"], i["code"]) for i in expected.rejected]
    assert expected[1], "the spoiled table has rejected rows"
    with pytest.raises(cme.ValidationError) as err:
        cme.indicators(typed, "aismt13", 2024, indicators=FLOW)
    errors = [(e["row"], e["column"], e["code"]) for e in err.value.errors()]
    threads = pl.thread_pool_size()
    groups = min(threads, 12)
    row = 144  # bytes a row of the report's columns (see above)

    def split(rows, n):
        return [min(rows, n - s) for s in range(0, n, rows)] + ([0] if n % rows == 0 else [])

    cases = [
        # threads × 7,000 rows fit: that many whole row groups by one scan
        (even, row * 7_000 * threads, None,
         [("rows", 1, n) for n in split(7_000 * threads, 30_000)] if threads >= 2 else None),
        # one row short: as many whole row groups as fit, columns in groups
        (even, row * 7_000 * threads - 1, None,
         [("columns", groups, n) for n in split(7_000 * max(1, threads - 1), 30_000)]),
        # a piece of 3,000 rows: one whole row group of 7,000 all the same
        (even, row * 3_000, None, [("columns", groups, n) for n in split(7_000, 30_000)]),
        # a row group larger than _GROUP_BYTES: pieces of 3,000 rows
        (even, row * 3_000, row * 6_999, [("columns", groups, n) for n in split(3_000, 30_000)]),
        # row groups of different sizes: pieces of the bound's rows
        (uneven, row * 7_000 * threads, None, [("columns", groups, n) for n in split(7_000 * threads, 30_000)]),
        (uneven, row * 4_000, None, [("columns", groups, n) for n in split(4_000, 30_000)]),
    ]
    for path, bound, group_bytes, pieces in cases:
        if pieces is None:
            continue
        monkeypatch.setattr(cme, "_PIECE_BYTES", bound)
        if group_bytes is not None:
            monkeypatch.setattr(cme, "_GROUP_BYTES", group_bytes)
        calls.clear()
        got = cme.indicators(pl.scan_parquet(path), "aismt13", 2024, by=["secteur"], indicators=FLOW,
                             invalid="report")
        assert (got.to_dict(), [(i["row"], i["column"], i["code"]) for i in got.rejected]) == expected, (path, bound)
        assert calls == pieces, (path.name, bound, group_bytes)
        with pytest.raises(cme.ValidationError) as err:
            cme.indicators(pl.scan_parquet(path), "aismt13", 2024, indicators=FLOW)
        assert [(e["row"], e["column"], e["code"]) for e in err.value.errors()] == errors
        monkeypatch.setattr(cme, "_GROUP_BYTES", 96 * 2**20)


def test_a_piece_of_a_bare_scan_is_let_go_before_the_next_is_read(tmp_path, monkeypatch):
    """Only one piece of a bare scan is alive while the next is read (the
    memory of a piece, whatever the file's length): each piece, and each
    of its slices of one chunk given to the reader, is watched; when a scan
    reads, none of them is alive any more."""
    import weakref

    typed = _typed(_spoiled(20_000, seed=33))
    real_all, real_one, real_chunks = pl.collect_all, pl.LazyFrame.collect, cme._single_chunks
    for name, size in [("one.parquet", None), ("groups.parquet", 2_000)]:
        path = tmp_path / name
        pq.write_table(typed, path, row_group_size=size)
        watched, alive = [], []

        def reading(frames):
            alive.append(sum(1 for w in watched if w() is not None))
            return frames

        def chunks(frame):
            watched.append(weakref.ref(frame))
            for piece in real_chunks(frame):
                watched.append(weakref.ref(piece))
                yield piece
                del piece

        monkeypatch.setattr(cme, "_PIECE_BYTES", 144 * 4_000)
        monkeypatch.setattr(cme, "_single_chunks", chunks)
        monkeypatch.setattr(pl, "collect_all", lambda plans, **kw: reading(real_all(plans, **kw)))
        monkeypatch.setattr(pl.LazyFrame, "collect", lambda self, *a, **kw: reading(real_one(self, *a, **kw)))
        got = cme.indicators(pl.scan_parquet(path), "aismt13", 2024, by=["secteur"], indicators=FLOW,
                             invalid="report")
        monkeypatch.undo()
        want = cme.indicators(typed, "aismt13", 2024, by=["secteur"], indicators=FLOW, invalid="report")
        assert got.to_dict() == want.to_dict(), name
        assert len(alive) >= 5 and len(watched) >= 10 and set(alive) == {0}, (name, alive)


def test_the_row_groups_of_a_parquet_file_are_read_from_its_footer(tmp_path, monkeypatch):
    """The number of row groups, the rows and the rows of the first row
    group read from the footer are pyarrow's, for files of every writer and
    kind of column (nested, dictionary, key-value metadata, no rows, row
    groups of different sizes); a file that is not Parquet, or whose footer
    is spoiled, gives None and never an exception."""
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
    files.append(tmp_path / "uneven.parquet")
    with pq.ParquetWriter(files[-1], table.schema) as w:
        for start, size in [(0, 1_200), (1_200, 3_000), (4_200, 800)]:
            w.write_table(table.slice(start, size), row_group_size=size)

    files.append(tmp_path / "no_row_group.parquet")
    pq.ParquetWriter(files[-1], table.schema).close()

    def layout(path):
        md = pq.read_metadata(path)
        return md.num_row_groups, md.num_rows, md.row_group(0).num_rows if md.num_row_groups else 0

    for path in files:
        assert cme._parquet_layout(str(path)) == layout(path), path
    assert layout(files[-2]) == (3, 5_000, 1_200) and layout(files[2]) == (300, 300, 1)
    assert layout(files[-1]) == (0, 0, 0)
    # footers written by hand (Thrift compact): field 3 (i64, zigzag) the
    # rows, field 4 a list of one struct whose field 3 is 5 rows; the same
    # list of an i32 instead of a struct; a negative count of rows
    assert cme._parquet_layout_of(bytes([0x36, 0x14, 0x19, 0x1C, 0x36, 0x0A, 0x00, 0x00])) == (1, 10, 5)
    assert cme._parquet_layout_of(bytes([0x36, 0x14, 0x19, 0x15, 0x36, 0x0A, 0x00, 0x00])) is None
    assert cme._parquet_layout_of(bytes([0x36, 0x13, 0x19, 0x1C, 0x36, 0x0A, 0x00, 0x00])) is None
    assert cme._parquet_layout_of(bytes([0x36, 0x14, 0x19, 0x1C, 0x36, 0x09, 0x00, 0x00])) is None
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
        got = cme._parquet_layout(str(path))
        assert got is None or (len(got) == 3 and all(isinstance(x, int) and x >= 0 for x in got)), name
        if not name.startswith("byte"):
            assert got is None, name
    # only the start of the footer is read: the rows of the first row
    # group found within it, not past it (the bound on a crafted footer's
    # work)
    data = files[1].read_bytes()
    length = int.from_bytes(data[-8:-4], "little")
    footer = data[-8 - length:-8]
    low, start = 0, length  # the shortest start of the footer that gives it
    while low + 1 < start:
        mid = (low + start) // 2
        low, start = (low, mid) if cme._parquet_layout_of(footer[:mid]) is not None else (mid, start)
    assert 0 < start < length
    monkeypatch.setattr(cme, "_FOOTER_BYTES", start)
    assert cme._parquet_layout(str(files[1])) == layout(files[1])
    monkeypatch.setattr(cme, "_FOOTER_BYTES", start - 1)
    assert cme._parquet_layout(str(files[1])) is None
    assert cme._parquet_layout(str(tmp_path / "absent.parquet")) is None
    assert cme._parquet_layout(str(tmp_path)) is None
