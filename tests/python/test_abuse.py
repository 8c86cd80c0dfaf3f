"""The attacks of an adversarial user, each in a child process under an
address-space limit: an abort (Rust's allocation failure is SIGABRT, which
Python cannot catch) kills the child and fails the test instead of the
runner, and the child's peak memory is measured against the budget of
docs/limits.md.

Each attack is a script run by a fresh interpreter; it prints one JSON
line: the outcome (the cme error's class, code, path and number of issues,
or what the call returned) and the peak resident memory. Expected values
come from docs/limits.md (the codes, paths and limits), never from a run.
"""
import json
import os
import subprocess
import sys
import textwrap

import pytest

# The child's address space (virtual memory, not resident): the
# interpreter with numpy, pyarrow and the extension reserve about 1 GiB of
# it before any attack; an attack that would allocate gigabytes aborts.
ADDRESS_SPACE = 3 << 30
# Peak resident memory an attack may reach (docs/limits.md, "Budgets
# measured by the abuse suite"): the interpreter with pyarrow is ~150 MB,
# the attack's own input up to ~250 MB (ten million references to one dict
# are 80 MB), cme's work the rest.
PEAK_RSS_MB = 1024

PRELUDE = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
import cme

def done(**outcome):
    outcome["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(outcome))

def attempt(call):
    try:
        value = call()
    except cme.CmeError as e:
        errors = e.errors()
        done(error=type(e).__name__, code=e.code, path=e.path, n=len(errors),
             codes=[i["code"] for i in errors][-2:], paths=[i["path"] for i in errors][-2:],
             params=errors[-1]["params"] if errors else {{}})
        return
    done(value=value)

CASE = cme.sample_cases()[0]
"""


def attack(body):
    script = PRELUDE.format(limit=ADDRESS_SPACE) + textwrap.dedent(body)
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    assert proc.returncode == 0, (
        f"the attack killed its process (exit {proc.returncode}): " + proc.stderr[-2000:]
    )
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    report = os.environ.get("CME_ABUSE_REPORT")
    if report:
        # the measured peaks, for docs/limits.md
        with open(report, "a", encoding="utf-8") as f:
            f.write(f"{os.environ.get('PYTEST_CURRENT_TEST', '').split(' ')[0]}\t{out['peak_rss_mb']}\n")
    assert out["peak_rss_mb"] <= PEAK_RSS_MB, out
    return out


def test_a_planted_abort_fails_the_test_not_the_runner():
    # The harness itself: an allocation past the address space aborts the
    # child (or raises MemoryError in it), and `attack` must report it.
    with pytest.raises(AssertionError):
        attack("bytearray(8 << 30)\ndone(value=0)")


def test_validate_ten_million_events_is_refused_before_conversion():
    out = attack(
        """
        case = dict(CASE)
        case["events"] = [{"type": "contact", "date": "2024-01-01"}] * 10**7
        attempt(lambda: cme.validate(case))
        """
    )
    assert (out["error"], out["code"], out["path"]) == ("InputError", "document_too_large", "events")
    assert out["n"] == 1 and out["params"] == {"max_bytes": str(1 << 20)}


def test_a_huge_text_is_refused_before_it_is_copied():
    out = attack(
        """
        case = dict(CASE)
        case["id"] = "x" * (200 << 20)
        attempt(lambda: cme.validate(case))
        """
    )
    assert (out["code"], out["path"]) == ("document_too_large", "id")


def test_read_table_of_ten_million_and_one_row_dicts_is_refused_by_count():
    out = attack(
        """
        rows = [{"id": "C-1"}] * (10**7 + 1)
        t = cme.read_table(rows)
        done(value=[t.total_rows, len(t), [(i["code"], i["path"], i["params"]) for i in t.issues]])
        """
    )
    total, valid, issues = out["value"]
    assert (total, valid) == (10**7 + 1, 0)
    assert issues == [["too_many_items", "rows", {"max": "10000000"}]]


def test_ten_million_and_one_rows_in_two_arrow_chunks_are_counted_together():
    out = attack(
        """
        import pyarrow as pa
        half = pa.nulls(5 * 10**6, pa.string())
        table = pa.Table.from_batches([
            pa.record_batch({"id": half}),
            pa.record_batch({"id": pa.nulls(5 * 10**6 + 1, pa.string())}),
        ])
        t = cme.read_table(table)
        done(value=[t.total_rows, [(i["code"], i["path"]) for i in t.issues]])
        """
    )
    assert out["value"] == [10**7 + 1, [["too_many_items", "rows"]]]


def test_a_million_invalid_rows_list_a_thousand_problems_and_count_the_rest():
    out = attack(
        """
        rows = [{"id": "Jean Dupont", "service": "aist43", "nom": 1}] * 10**6
        t = cme.read_table(rows)
        issues = t.issues
        done(value=[len(issues), issues[-1]["code"], issues[-1]["path"], issues[-1]["params"],
                    sorted({i["row"] for i in issues[:-1]})[-1]])
        """
    )
    n, code, path, params, last_row = out["value"]
    # each row: an unknown column (nom), an invalid id, and the three
    # required facts of the signalement it lacks (date, source_visit,
    # signalled_by) = 5 problems; 1,000 listed = rows 0 to 199
    assert (n, code, path) == (1001, "more_issues", "rows")
    assert params == {"count": str(5 * 10**6 - 1000), "max": "1000"}
    assert last_row == 199


def test_errors_of_a_million_problems_are_never_empty():
    out = attack(
        """
        rows = [{"id": "Jean Dupont"}] * 10**6
        attempt(lambda: cme.read_table(rows).check())
        """
    )
    assert (out["error"], out["code"]) == ("ValidationError", "invalid_case")
    assert out["n"] == 1001 and out["codes"][-1] == "more_issues"


def test_indicators_of_a_million_cases_hold_one_part_at_a_time():
    out = attack(
        """
        cases = [CASE] * 10**6
        r = cme.indicators(cases, "aist43", 2024)
        done(value=r.to_dict()["cases"])
        """
    )
    assert out["value"] == 10**6


def test_a_million_invalid_cases_added_to_an_accumulator_are_listed_with_a_cap():
    out = attack(
        """
        bad = dict(CASE)
        bad["id"] = "Jean Dupont"
        acc = cme.Accumulator("aist43", 2024)
        attempt(lambda: acc.add([bad] * 10**6))
        """
    )
    assert out["error"] == "ValidationError" and out["n"] == 1001
    assert out["paths"] == ["cases[999].id", "cases"]
    assert out["params"] == {"count": str(10**6 - 1000), "max": "1000"}


def test_one_string_view_buffer_shared_by_a_million_rows():
    out = attack(
        """
        import struct, pyarrow as pa
        big = b"x" * (1 << 20)
        n = 10**6
        view = struct.pack("<i4sii", len(big), b"xxxx", 0, 0)
        ids = pa.Array.from_buffers(pa.string_view(), n, [None, pa.py_buffer(view * n), pa.py_buffer(big)])
        t = cme.read_table(pa.table({"id": ids}))
        done(value=[t.total_rows, len(t.issues), t.issues[-1]["code"]])
        """
    )
    assert out["value"] == [10**6, 1001, "more_issues"]


def test_a_dictionary_column_of_one_megabyte_value_is_not_expanded():
    out = attack(
        """
        import pyarrow as pa
        n = 10**5   # expanded: 100 GB
        ids = pa.DictionaryArray.from_arrays(pa.array([0] * n, type=pa.int32()), pa.array(["x" * (1 << 20)]))
        t = cme.read_table(pa.table({"id": ids, "service": ["aist43"] * n}))
        done(value=[t.total_rows, len(t.issues), t.issues[0]["code"], t.issues[0]["path"]])
        """
    )
    assert out["value"] == [10**5, 1001, "invalid_id", "rows[0].id"]


def test_an_unknown_column_named_with_a_megabyte():
    out = attack(
        """
        import pyarrow as pa
        n = 1000
        name = "k" * (1 << 20)
        t = cme.read_table(pa.table({name: [1] * n, "id": ["C-1"] * n}))
        issues = t.issues
        done(value=[len(issues), max(len(i["column"]) for i in issues), max(len(i["path"]) for i in issues)])
        """
    )
    n, column_len, path_len = out["value"]
    assert n == 1001
    # the name is echoed cut to 64 characters and the cut marked
    assert column_len <= 65 and path_len < 200


def test_a_breakdown_by_a_hundred_thousand_services():
    out = attack(
        """
        import pyarrow as pa
        # 20,000 synthetic rows five times, each time with other services
        base = pa.table(cme.synthetic_table(20_000))
        at = base.schema.get_field_index("service")
        parts = [base.set_column(at, "service", pa.array([f"s{k}_{i}" for i in range(20_000)]))
                 for k in range(5)]
        attempt(lambda: cme.indicators(pa.concat_tables(parts), "aist43", 2024, by=["service"]))
        """
    )
    assert (out["error"], out["codes"], out["paths"]) == ("ValidationError", ["too_many_cells"], ["by"])
    assert out["params"] == {"max": "10000"}


def test_orient_with_a_million_problem_codes():
    out = attack(
        """
        attempt(lambda: cme.orient(CASE, cme.SAMPLE_AS_OF, problems=["sante"] * 10**6))
        """
    )
    assert out["codes"] == ["too_many_items"] and out["paths"] == ["problems"]


def test_a_synthetic_table_of_a_billion_rows():
    out = attack("attempt(lambda: cme.synthetic_table(10**9))")
    assert (out["error"], out["code"], out["path"]) == ("InputError", "too_many_items", "n")


def test_publishing_a_thousand_cells_is_refused_before_the_audit():
    # within MAX_CELLS, past what a publication protects (MAX_PUBLISHED_CELLS
    # = 200 cells with the totals): refused at once, not hours of audit
    out = attack(
        """
        import pyarrow as pa
        base = pa.table(cme.synthetic_table(1_000))
        at = base.schema.get_field_index("service")
        table = base.set_column(at, "service", pa.array([f"s{i}" for i in range(1_000)]))
        attempt(lambda: cme.indicators(table, "aist43", 2024, by=["service"]).publish(11))
        """
    )
    assert (out["codes"], out["paths"], out["params"]) == (["too_many_cells"], ["reports"], {"max": "200"})
