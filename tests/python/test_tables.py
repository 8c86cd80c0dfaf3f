"""Tables of cases in and reports out: pandas, polars, pyarrow, row dicts;
bad rows reported by row and column; accumulators that pickle and merge."""
import datetime as dt
import json
import pickle

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import cme

SAMPLE = cme.sample_cases()
FLAT = [c for c in SAMPLE if cme.case_row(c) is not None]
ROWS = [cme.case_row(c) for c in FLAT]
DATE_COLUMNS = [c["name"] for c in cme.table_columns() if c["kind"] == "date"]


def frame():
    df = pd.DataFrame(ROWS)
    for col in df.columns:
        if col in DATE_COLUMNS:
            df[col] = pd.to_datetime(df[col])
    return df


def test_columns_are_documented():
    cols = cme.table_columns()
    assert {"id", "signalement_date", "sortie_result", "suivi_12_mois_employed"} <= {c["name"] for c in cols}
    assert all(c["kind"] in ("text", "integer", "date", "boolean") and c["description"] for c in cols)


@pytest.mark.parametrize(
    "make",
    [
        lambda: ROWS,
        frame,
        lambda: pl.from_pandas(frame()),
        lambda: pa.Table.from_pandas(frame()),
        lambda: pa.Table.from_pandas(pd.DataFrame(ROWS)),
    ],
    ids=["rows", "pandas", "polars", "pyarrow", "pyarrow-texts"],
)
def test_every_kind_of_table_gives_the_cases_of_the_interchange_format(make):
    table = cme.read_table(make())
    assert table.issues == []
    assert len(table) == len(FLAT) == table.total_rows
    ref = cme.indicators(FLAT, "aist43", 2024, by=["secteur"]).to_dict()
    assert cme.indicators(table, "aist43", 2024, by=["secteur"]).to_dict() == ref
    assert cme.indicators(make(), "aist43", 2024, by=["secteur"]).to_dict() == ref


def test_bad_rows_are_reported_with_row_and_column_never_dropped():
    df = frame()
    df["birth_year"] = df["birth_year"].astype("Int64")
    df.loc[3, "birth_year"] = 1850
    df.loc[5, "id"] = "Jean Dupont"
    df.loc[8, "signalement_date"] = pd.NaT
    df["nom"] = None
    df.loc[1, "nom"] = "Dupont"
    table = cme.read_table(df)
    got = sorted((i["row"], i["column"], i["code"]) for i in table.issues)
    assert got == [
        (1, "nom", "unknown_field"),
        (3, "birth_year", "integer_out_of_range"),
        (5, "id", "invalid_id"),
        (8, "signalement_date", "missing_field"),
    ]
    assert len(table) + 4 == table.total_rows
    for i in table.issues:
        assert i["path"] == f"rows[{i['row']}].{i['column']}"
        assert "Dupont" not in i["message"] and "1850" not in i["message"]
    with pytest.raises(cme.ValidationError) as err:
        cme.indicators(df, "aist43", 2024)
    assert [(e["row"], e["column"]) for e in err.value.errors()] == [
        (1, "nom"), (3, "birth_year"), (5, "id"), (8, "signalement_date")
    ]
    report = cme.indicators(df, "aist43", 2024, invalid="report")
    assert report.to_dict()["cases"] == len(FLAT) - 4
    assert len(report.rejected) == 4


def test_pandas_integers_with_missing_values_and_impossible_types():
    df = pd.DataFrame([{"id": "T-1", "service": "aist43", "birth_year": 1970.0,
                        "signalement_date": dt.date(2024, 3, 4), "source_visit": "reprise",
                        "signalled_by": "idest", "cim10_chapter": float("nan")},
                       {"id": "T-2", "service": "aist43", "birth_year": 1970.5,
                        "signalement_date": dt.date(2024, 3, 4), "source_visit": "reprise",
                        "signalled_by": "idest", "cim10_chapter": 13.0}])
    table = cme.read_table(pa.Table.from_pandas(df))
    assert table.rows == [0]
    # 1970.5 is not an integer year: the core's own rule for a number that is
    # not an integer in the range.
    assert [(i["row"], i["column"], i["code"]) for i in table.issues] == [
        (1, "birth_year", "integer_out_of_range")
    ]
    with pytest.raises(cme.InputError) as err:
        cme.read_table(pa.table({"id": pa.array([b"x"], type=pa.binary())}))
    assert err.value.code == "unsupported_type" and err.value.path == "id"


def test_reports_as_dataframes_with_french_labels():
    report = cme.indicators(frame(), "aist43", 2024, by=["secteur"])
    df = report.to_pandas()
    assert list(df.columns) == ["secteur", "secteur_libelle", "indicateur", "libelle", "unite", "numerateur",
                                "denominateur", "valeur"]
    # the code in its column, its French label beside it
    assert set(df[df.secteur == "naf_rev2:Q"].secteur_libelle) <= {"Q — Santé humaine et action sociale"}
    total = df[(df.secteur == "ensemble") & (df.indicateur == "signalements")]
    assert int(total.numerateur.iloc[0]) == report.total["signalements"]["numerator"]
    assert total.libelle.iloc[0].startswith("Signalements")
    pdf = report.to_polars()
    assert pdf.shape == df.shape
    published = report.publish(threshold=11)
    pub = published.to_pandas()
    assert "masque" in pub.columns
    hidden = pub[pub.masque.notna()]
    assert hidden.numerateur.isna().all() and hidden.valeur.isna().all()
    shown = pub[pub.masque.isna() & pub.denominateur.isna() & pub.numerateur.notna()]
    assert (shown.numerateur >= 11).all() or shown.empty
    assert published.to_polars().shape == pub.shape


def test_accumulators_pickle_and_merge_to_the_single_pass():
    df = frame()
    whole = cme.indicators(df, "aismt13", (dt.date(2023, 1, 1), dt.date(2024, 12, 31)), by=["categorie"]).to_dict()
    parts = [cme.Accumulator("aismt13", (dt.date(2023, 1, 1), dt.date(2024, 12, 31)), ["categorie"]).add(df.iloc[i::3])
             for i in range(3)]
    merged = pickle.loads(pickle.dumps(parts[2]))
    for p in parts[:2]:
        merged.merge(pickle.loads(pickle.dumps(p)))
    assert merged.cases == len(df)
    assert merged.finish().to_dict() == whole
    other = cme.Accumulator("aismt13", 2023)
    with pytest.raises(cme.InputError):
        merged.merge(other)


def test_a_tampered_state_is_refused():
    acc = cme.Accumulator("aist43", 2024)
    state = acc.__getstate__()
    state["state"] = state["state"].replace('"aist43"', '"AIST 43 !"', 1)
    with pytest.raises(cme.CmeError):
        pickle.loads(pickle.dumps(acc)).__setstate__(state)


def test_forged_counters_are_refused_at_the_counter():
    # An attacker inflates the entries of a genuine state: the statuses of
    # the entered cases no longer add up to them.
    acc = cme.Accumulator("aismt13", 2023).add(frame())
    state = json.loads(acc.__getstate__()["state"])
    state["cells"][0]["counters"]["entrees"] += 5
    with pytest.raises(cme.ValidationError) as e:
        pickle.loads(pickle.dumps(acc)).__setstate__({"state": json.dumps(state)})
    [issue] = e.value.errors()
    assert issue["code"] == "inconsistent_counters"
    assert issue["path"] == "state.cells[0].counters.statuts"


def test_a_merge_that_would_overflow_raises_and_changes_nothing():
    acc = cme.Accumulator("aist43", 2024)
    state = json.loads(acc.__getstate__()["state"])
    state["cases"] = 2**64 - 1
    big = cme.Accumulator("aist43", 2024)
    big.__setstate__({"state": json.dumps(state)})
    other = pickle.loads(pickle.dumps(big))
    with pytest.raises(cme.InputError) as e:
        big.merge(other)
    assert (e.value.code, e.value.path) == ("counter_overflow", "cases")
    assert big.cases == 2**64 - 1


def test_synthetic_tables_are_seeded_and_readable():
    a = cme.synthetic_table(200, seed=7)
    assert a == cme.synthetic_table(200, seed=7)
    table = cme.read_table(pl.DataFrame(a))
    assert table.issues == [] and len(table) == 200


def test_values_arrow_can_hold_but_json_cannot_are_refused_not_dropped():
    table = pa.table({
        "id": ["T-1", "T-2"], "service": ["aist43", "aist43"],
        "birth_year": [1970.0, float("inf")],
        "signalement_date": pa.array([dt.date(2024, 3, 4), dt.date(2024, 3, 4)]),
        "source_visit": ["reprise", "reprise"], "signalled_by": ["idest", "idest"],
        "contact_date": pa.array([0, -800_000_000], type=pa.date32()).cast(pa.date32()),
    })
    read = cme.read_table(table)
    got = sorted((i["row"], i["column"]) for i in read.issues)
    # Row 0: its contact (1970-01-01) predates the signalement, which the
    # pathway refuses later; row 1: both values refused where they are.
    assert (1, "birth_year") in got and (1, "contact_date") in got
    assert read.rows == [0]


def test_one_pass_indicators_equal_reading_the_table_first():
    """cme.indicators on a table reads and counts the rows piece by piece
    (16,384 rows) without keeping the cases: the same report, the same
    rejected rows and the same error as reading the table first (several
    batches; one batch of three pieces shared by the cores, the bad rows in
    the first and the last)."""
    cols = cme.synthetic_table(40_000, seed=11)
    cols["id"][3] = "Jean Dupont"
    k = next(i for i in range(37_000, 40_000) if cols["sortie_date"][i])  # a row with an exit
    cols["sortie_result"][k] = "licenciement"
    whole = pa.table(cols)
    batches = pa.Table.from_batches(whole.to_batches(max_chunksize=5_000))
    for table in (whole, batches, pl.DataFrame(cols)):
        one = cme.indicators(table, "aismt13", 2023, by=["secteur"], invalid="report")
        two = cme.indicators(cme.read_table(table), "aismt13", 2023, by=["secteur"], invalid="report")
        assert one.to_dict() == two.to_dict()
        assert one.rejected == two.rejected
        assert [(i["row"], i["column"], i["code"]) for i in one.rejected] == [
            (3, "id", "invalid_id"), (k, "sortie_result", "unknown_code")]
        with pytest.raises(cme.ValidationError) as err:
            cme.indicators(table, "aismt13", 2023)
        assert [(e["row"], e["column"]) for e in err.value.errors()] == [(3, "id"), (k, "sortie_result")]
        acc = cme.Accumulator("aismt13", 2023)
        with pytest.raises(cme.ValidationError):
            acc.add(table)
        assert acc.cases == 0
    ok = pa.table(cme.synthetic_table(9_000, seed=12))
    assert cme.Accumulator("aismt13", 2023).add(ok).cases == 9_000
    assert cme.indicators(ok, "aismt13", 2023).to_dict() == cme.indicators(cme.read_table(ok), "aismt13", 2023).to_dict()


def test_a_column_empty_in_a_batch_reads_as_absent_and_the_first_of_a_name_wins():
    """An optional column empty in a whole batch is not read cell by cell:
    the same cases as without it; a required one is still missing at every
    row; an empty column of a type cme cannot read is still refused; of two
    columns with one name, the first is the one read, empty or not."""
    rows = ROWS[:5]
    base = pa.Table.from_pylist(rows)
    with_empty = base.append_column("plan_refuse_date", pa.nulls(len(rows), pa.string()))
    assert cme.read_table(with_empty).cases() == cme.read_table(base).cases() != []
    no_ids = base.set_column(base.schema.get_field_index("id"), "id", pa.nulls(len(rows), pa.string()))
    assert {(i["row"], i["column"], i["code"]) for i in cme.read_table(no_ids).issues} == {
        (r, "id", "missing_field") for r in range(len(rows))}
    with pytest.raises(cme.InputError) as err:
        cme.read_table(base.append_column("plan_refuse_date", pa.nulls(len(rows), pa.binary())))
    assert err.value.code == "unsupported_type" and err.value.path == "plan_refuse_date"
    empty_first = pa.Table.from_arrays([pa.nulls(len(rows), pa.string()), *base.columns],
                                       names=["id", *base.column_names])
    assert {i["column"] for i in cme.read_table(empty_first).issues} == {"id"}


def test_a_foreign_conversion_error_becomes_cme_input_error_without_the_value():
    # pandas' object column with a name in an integer column: pyarrow's own
    # error would quote the cell
    df = pd.DataFrame(cme.synthetic_table(5))
    df["birth_year"] = df["birth_year"].astype(object)
    df.loc[2, "birth_year"] = "Jean Dupont"
    for read in (cme.read_table, lambda t: cme.indicators(t, "aist43", 2024),
                 lambda t: cme.Accumulator("aist43", 2024).add(t)):
        with pytest.raises(cme.InputError) as err:
            read(df)
        e = err.value
        assert (e.code, e.path) == ("unreadable_table", "birth_year")
        assert "pandas" in str(e)
        assert e.__cause__ is None and e.__context__ is None
        for text in (str(e), e.message_en, repr(e.args)):
            assert "Jean" not in text


def test_a_text_that_is_not_unicode_is_refused_without_the_text():
    for case in ({"id": "dossier-\udce9"}, {"worker": {"dossier-\udce9": 1}}):
        with pytest.raises(cme.InputError) as err:
            cme.validate(case)
        e = err.value
        assert e.code == "invalid_text"
        assert "dossier" not in str(e) and e.__context__ is None
    with pytest.raises(cme.InputError) as err:
        cme.validate({"id": "dossier-\udce9"})
    assert err.value.path == "id"


def test_a_threshold_under_the_floor_is_refused_with_the_reason():
    report = cme.indicators(cme.sample_cases(), "aist43", 2024)
    for bad in (0, 1, -1, True):
        with pytest.raises(cme.ValidationError) as err:
            report.publish(bad)
        [issue] = err.value.errors()
        assert (issue["code"], issue["path"], issue["params"]["min"]) == ("integer_out_of_range", "threshold", "2")
    assert report.publish(2).to_dict()["threshold"] == 2


def test_many_small_chunks_read_as_one_table():
    # 3,000 one-row chunks then a large one: the same cases, the same row
    # numbers in the issues, as one chunk (small chunks are joined before
    # they are read)
    cols = cme.synthetic_table(3_000 + 20_000, seed=9)
    cols["id"][1_234] = "Jean Dupont"
    cols["id"][3_000 + 5] = "x y"
    whole = pa.table(cols)
    head = pa.Table.from_batches(whole.slice(0, 3_000).to_batches(max_chunksize=1))
    chunked = pa.concat_tables([head, whole.slice(3_000)])
    assert len(chunked.to_batches()) == 3_001
    one, many = cme.read_table(whole), cme.read_table(chunked)
    assert [(i["row"], i["column"]) for i in many.issues] == [(1_234, "id"), (3_005, "id")]
    assert many.issues == one.issues and many.rows == one.rows
    assert cme.indicators(chunked, "aismt13", 2023, invalid="report").to_dict() == \
        cme.indicators(whole, "aismt13", 2023, invalid="report").to_dict()


def test_the_interpreter_s_own_errors_are_not_table_errors():
    def out_of_memory():
        raise MemoryError

    with pytest.raises(MemoryError):
        cme._reading(pd.DataFrame(), out_of_memory)


def test_streamed_tables_give_the_whole_tables_report_rows_numbered_across_batches(tmp_path, monkeypatch):
    """A polars LazyFrame is collected in streaming and an iterator of
    tables or batches read one item at a time: the same report, rejected
    rows and errors as the whole table, the rows numbered from the first
    batch (a bad row in the third batch keeps its row number); an item polars
    exports with an all-missing column (type Null) is read as absent."""
    cols = cme.synthetic_table(20_000, seed=21)
    cols["id"][3] = "Jean Dupont"
    k = next(i for i in range(15_000, 20_000) if cols["sortie_date"][i])
    cols["sortie_result"][k] = "licenciement"
    whole = pa.table(cols)
    path = tmp_path / "cases.parquet"
    import pyarrow.parquet as pq

    pq.write_table(whole, path, row_group_size=6_000)  # four row groups
    monkeypatch.setattr(cme, "_scan_in_parallel", lambda table, columns: None)  # streamed, never cut
    expected = cme.indicators(whole, "aismt13", 2023, by=["secteur"], invalid="report")
    frame = pl.DataFrame(cols)
    streams = {
        "lazy": lambda: pl.scan_parquet(path),
        "iter_batches": lambda: pq.ParquetFile(path).iter_batches(batch_size=3_000),
        "generator of DataFrames": lambda: (frame.slice(i, 7_000) for i in range(0, 20_000, 7_000)),
        "generator of dicts as DataFrames": lambda: (
            pl.DataFrame({**{c: v[i:i + 5_000] for c, v in cols.items()}, "plan_refuse_date": [None] * 5_000})
            for i in range(0, 20_000, 5_000)),
    }
    for name, stream in streams.items():
        got = cme.indicators(stream(), "aismt13", 2023, by=["secteur"], invalid="report")
        assert got.to_dict() == expected.to_dict(), name
        assert [(i["row"], i["column"], i["code"]) for i in got.rejected] == [
            (3, "id", "invalid_id"), (k, "sortie_result", "unknown_code")], name
        with pytest.raises(cme.ValidationError) as err:
            cme.indicators(stream(), "aismt13", 2023)
        assert [(e["row"], e["column"]) for e in err.value.errors()] == [(3, "id"), (k, "sortie_result")], name
        acc = cme.Accumulator("aismt13", 2023)
        with pytest.raises(cme.ValidationError):
            acc.add(stream())
        assert acc.cases == 0, name
        table = cme.read_table(stream())
        assert len(table) == 19_998 and [i["row"] for i in table.issues] == [3, k], name
    # the LazyFrame really came in batches (a row group or less each)
    batches = [b.height for b in cme._arrow_ready(pl.scan_parquet(path))]
    assert len(batches) >= 4 and max(batches) <= 6_000 and sum(batches) == 20_000


def test_a_frame_of_several_chunks_is_read_piece_by_piece_as_it_lies(tmp_path):
    """polars exports a DataFrame of several chunks by joining each column's
    chunks into new memory (a copy of the table): such a frame, a LazyFrame
    over it and an iterator of such frames are read in pieces cut wherever
    a column's chunk ends (each piece of one chunk in every column, exported
    as it is), with the whole frame's report and rows numbered across the
    pieces."""
    cols = cme.synthetic_table(9_000, seed=4)
    cols["id"][7_500] = "Jean Dupont"  # in the last piece
    k = next(i for i in range(2_500, 4_000) if cols["sortie_date"][i])
    cols["sortie_result"][k] = "licenciement"  # in a middle piece
    whole = pl.DataFrame(cols)
    # chunks of the frames joined: 0..3,000..9,000; the identifiers' own
    # chunks end at 2,500 and 7,000 too (a column built apart)
    frame = pl.concat([whole.slice(0, 3_000), whole.slice(3_000)], rechunk=False)
    ids = pl.concat([whole["id"].slice(a, b - a) for a, b in [(0, 2_500), (2_500, 7_000), (7_000, 9_000)]],
                    rechunk=False)
    frame = frame.with_columns(ids)
    assert frame["id"].chunk_lengths() == [2_500, 4_500, 2_000]
    assert frame["service"].chunk_lengths() == [3_000, 6_000]
    pieces = list(cme._arrow_ready(frame))
    # cut at every end of a chunk of any column, each piece one chunk
    assert [p.height for p in pieces] == [2_500, 500, 4_000, 2_000]
    assert all(set(p.n_chunks("all")) == {1} for p in pieces)
    # the columns of type Null sent as texts (all missing either way)
    nulls = [n for n, dtype in whole.schema.items() if dtype == pl.Null]
    assert nulls and all(p.schema[n] == pl.String for p in pieces for n in nulls)
    assert pl.concat(pieces).equals(whole.with_columns(pl.col(nulls).cast(pl.String)))
    expected = cme.indicators(whole, "aismt13", 2023, by=["secteur"], invalid="report")
    for name, table in {
        "frame": lambda: frame,
        "lazy": lambda: frame.lazy(),
        "iterator": lambda: iter([frame.slice(0, 4_000), frame.slice(4_000)]),
    }.items():
        ready = cme._arrow_ready(table())
        assert all(set(p.n_chunks("all")) == {1} for p in ready), name
        got = cme.indicators(table(), "aismt13", 2023, by=["secteur"], invalid="report")
        assert got.to_dict() == expected.to_dict(), name
        assert [(i["row"], i["column"]) for i in got.rejected] == [(k, "sortie_result"), (7_500, "id")], name
        with pytest.raises(cme.ValidationError) as err:
            cme.indicators(table(), "aismt13", 2023)
        assert [(e["row"], e["column"]) for e in err.value.errors()] == [(k, "sortie_result"), (7_500, "id")], name
        kept = cme.read_table(table())
        assert len(kept) == 8_998 and [i["row"] for i in kept.issues] == [k, 7_500], name
    # a frame of one chunk is given as it is, one of no rows too
    one = whole.drop(nulls).rechunk()
    assert cme._arrow_ready(one) is one
    empty = frame.clear()
    assert [p.height for p in cme._single_chunks(empty)] == [0]


def test_an_iterator_of_anything_but_tables_is_refused_by_name():
    with pytest.raises(cme.InputError) as err:
        cme.indicators(iter([{"id": "T-1"}]), "aismt13", 2023)
    assert err.value.code == "unsupported_type"
    with pytest.raises(cme.InputError) as err:
        cme.read_table(iter([pa.table({"id": ["T-1"]}), 42]))
    assert err.value.code == "unsupported_type"
    # an iterator of iterators of tables: not flattened
    with pytest.raises(cme.InputError) as err:
        cme.read_table(iter([iter([pl.DataFrame({"id": ["T-1"]})])]))
    assert err.value.code == "unsupported_type"


def test_synthetic_table_holds_the_generators_population():
    """The shares of the table are those of the generator's draws (hand
    computed from cme_pdp::synthetic): 42 % of cases enter; of those, 3 %
    refuse, the others expect each of 3 opinions with p = 0.45 (two or more:
    3·0.45²·0.55 + 0.45³ = 0.425) and exit with p = 0.35; each of 5 partners
    is shared with p = 0.4 (one or more: 1 − 0.6⁵ = 0.922). No case is left
    out for not fitting a row, and rows reach inclusion."""
    n = 20_000
    t = cme.synthetic_table(n, seed=2026)
    share = lambda col: sum(v is not None for v in t[col]) / n  # noqa: E731
    assert abs(share("contact_date") - 0.42) < 0.015
    assert abs(share("avis_attendu_2_date") - 0.42 * 0.97 * 0.425) < 0.015
    assert abs(share("consent_sharing_with") - 0.42 * 0.922) < 0.015
    assert abs(share("sortie_date") - 0.42 * 0.97 * 0.35) < 0.015
    total = {v["id"]: v for v in cme.indicators(pl.DataFrame(t), "aismt13", 2023).to_dict()["total"]}
    assert total["taux_inclusion"]["numerator"] > 0
