"""Case records, code lists and the indicator accumulator object through the
uniffi-generated Python bindings; the Python snippet of docs/embedding.md."""
import json
import os
import pathlib
import re
import sys
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))

import cme_uniffi  # noqa: E402

SAMPLE = json.loads(cme_uniffi.sample_cases_json())
AS_OF = "2025-06-30"


def test_embedding_doc_python_snippet_runs():
    text = (ROOT / "docs" / "embedding.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks
    exec(compile(blocks[0], "docs/embedding.md", "exec"), {})


@pytest.mark.parametrize("case", SAMPLE, ids=[c["id"] for c in SAMPLE])
def test_every_sample_case_round_trips_through_the_record(case):
    record = cme_uniffi.case_from_json(json.dumps(case))
    assert cme_uniffi.validate_case(record, AS_OF) == []
    back = json.loads(cme_uniffi.case_to_json(record))
    normalized = json.loads(cme_uniffi.parse_case(json.dumps(case), None))
    assert back == normalized
    a = cme_uniffi.evaluate_case(record, cme_uniffi.Policy.preset("aist43"), AS_OF)
    b = cme_uniffi.evaluate(json.dumps(case), cme_uniffi.Policy.preset("aist43"), AS_OF)
    assert (a.stage, a.status, a.category, a.json) == (b.stage, b.status, b.category, b.json)


def test_a_bad_record_gets_the_paths_of_the_interchange_format():
    record = cme_uniffi.case_from_json(json.dumps(SAMPLE[0]))
    record.id = "Jean Dupont"
    record.sick_leaves[0].end = "2000-01-01"
    record.events.append(cme_uniffi.Event(kind=cme_uniffi.EventType.SUIVI, date="2024-01-01", simple_solution=True, role=None,
                                          expertise=None, partner=None, result=None, dismissal=None,
                                          prepared=None, still_employed=None))
    got = sorted((i.code, i.path) for i in cme_uniffi.validate_case(record, AS_OF))
    assert ("invalid_id", "id") in got
    assert ("sick_leave_end_before_start", "sick_leaves[0].end") in got
    n = len(record.events) - 1
    assert ("not_applicable_to_event", f"events[{n}].simple_solution") in got or \
        any(p == f"events[{n}].simple_solution" for _, p in got)
    for i in cme_uniffi.validate_case(record, AS_OF):
        assert "Dupont" not in i.message


def test_record_codes_are_typed_enums():
    case = next(c for c in SAMPLE if c["signalement"]["source_visit"] == "pre_reprise")
    record = cme_uniffi.case_from_json(json.dumps(case))
    assert record.signalement.source_visit == cme_uniffi.SourceVisit.PRE_REPRISE
    assert all(isinstance(e.kind, cme_uniffi.EventType) for e in record.events)
    assert json.loads(cme_uniffi.case_to_json(record))["signalement"]["source_visit"] == "pre_reprise"


def test_code_lists_carry_french_labels():
    lists = {l.kind: l for l in cme_uniffi.code_lists()}
    assert {"source_visit", "event_type", "status", "visit_obligation"} <= set(lists)
    assert any(e.label == "Visite de pré-reprise" for e in lists["source_visit"].entries)


def test_accumulator_object_adds_merges_and_travels_as_state():
    whole = json.loads(cme_uniffi.indicators_json(json.dumps(SAMPLE), cme_uniffi.Policy.preset("aismt13"), "2024", ["secteur"], None, None))
    a = cme_uniffi.IndicatorAccumulator(cme_uniffi.Policy.preset("aismt13"), "2024", ["secteur"])
    b = cme_uniffi.IndicatorAccumulator(cme_uniffi.Policy.preset("aismt13"), "2024", ["secteur"])
    a.add_cases_json(json.dumps(SAMPLE[:20]))
    for c in SAMPLE[20:]:
        b.add_case(cme_uniffi.case_from_json(json.dumps(c)))
    travelled = cme_uniffi.IndicatorAccumulator.from_state(b.state())
    a.merge(travelled)
    assert a.cases() == len(SAMPLE)
    assert json.loads(a.finish_json()) == whole
    with pytest.raises(cme_uniffi.CmeError.InvalidArgument) as err:
        a.merge(cme_uniffi.IndicatorAccumulator(cme_uniffi.Policy.preset("aismt13"), "2023", []))
    assert err.value.code == "merge_mismatch"


def test_forged_counters_and_overflowing_merges_are_refused():
    acc = cme_uniffi.IndicatorAccumulator(cme_uniffi.Policy.preset("aismt13"), "2024", ["secteur"])
    acc.add_cases_json(json.dumps(SAMPLE))
    state = json.loads(acc.state())
    # inflated entries: the statuses of the entered cases no longer add up
    forged = json.loads(acc.state())
    forged["cells"][0]["counters"]["entrees"] += 5
    with pytest.raises(cme_uniffi.CmeError.Validation) as err:
        cme_uniffi.IndicatorAccumulator.from_state(json.dumps(forged))
    assert [(i.code, i.path) for i in err.value.issues] == [
        ("inconsistent_counters", "state.cells[0].counters.statuts")]
    # a consistent state at the maximum: a merge refuses and changes nothing
    state["cases"] = 2**64 - 1
    big = cme_uniffi.IndicatorAccumulator.from_state(json.dumps(state))
    with pytest.raises(cme_uniffi.CmeError.InvalidArgument) as err:
        big.merge(cme_uniffi.IndicatorAccumulator.from_state(json.dumps(state)))
    assert (err.value.code, err.value.path) == ("counter_overflow", "cases")
    # the count is not rounded into the host's signed 64-bit integer
    with pytest.raises(cme_uniffi.CmeError.InvalidArgument) as err:
        big.cases()
    assert (err.value.code, err.value.path) == ("integer_out_of_range", "cases")


def test_accumulator_refuses_bad_input_and_adds_nothing():
    acc = cme_uniffi.IndicatorAccumulator(cme_uniffi.Policy.preset("aist43"), "2024", [])
    bad = [SAMPLE[0], {"format_version": 1, "id": "x y"}]
    with pytest.raises(cme_uniffi.CmeError.Validation) as err:
        acc.add_cases_json(json.dumps(bad))
    assert all(i.path.startswith("cases[1]") for i in err.value.issues)
    assert acc.cases() == 0
    with pytest.raises(cme_uniffi.CmeError.Validation):
        cme_uniffi.IndicatorAccumulator.from_state('{"cells": 3}')
    with pytest.raises(cme_uniffi.CmeError.Validation) as err:
        cme_uniffi.IndicatorAccumulator(cme_uniffi.Policy.preset("aist43"), "2024", ["couleur"])
    assert err.value.issues[0].path == "by[0]"


def test_accumulator_is_shared_between_threads_and_merges_into_itself():
    acc = cme_uniffi.IndicatorAccumulator(cme_uniffi.Policy.preset("aist43"), "2024", [])
    texts = [json.dumps(c) for c in SAMPLE]

    def work():
        for t in texts:
            acc.add_case_json(t)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert acc.cases() == 4 * len(SAMPLE)
    acc.merge(acc)
    assert acc.cases() == 8 * len(SAMPLE)


def test_a_record_of_a_hundred_thousand_events_is_refused_by_its_count():
    # The host lowered the record already (its memory is the host's); the
    # library converts at most MAX_EVENTS + 1 = 1,001 of its events before
    # the core refuses the list (docs/limits.md), and lists at most 1,000
    # problems (MAX_ISSUES).
    record = cme_uniffi.case_from_json(json.dumps(SAMPLE[0]))
    event = cme_uniffi.Event(kind=cme_uniffi.EventType.CONTACT, date="2024-01-01")
    record.events = [event] * 100_000
    issues = cme_uniffi.validate_case(record, AS_OF)
    assert ("too_many_items", "events") in [(i.code, i.path) for i in issues]
    assert len(issues) <= 1001
    with pytest.raises(cme_uniffi.CmeError):
        cme_uniffi.evaluate_case(record, cme_uniffi.Policy.preset("aist43"), AS_OF)


def test_an_accumulator_past_ten_thousand_cells_refuses_its_report():
    acc = cme_uniffi.IndicatorAccumulator(cme_uniffi.Policy.preset("aist43"), "2024", ["service"])
    case = dict(SAMPLE[0])
    for i in range(10_001):
        case["service"] = f"s{i}"
        acc.add_case_json(json.dumps(case))
    with pytest.raises(cme_uniffi.CmeError.Validation) as e:
        acc.finish_json()
    assert [(i.code, i.path) for i in e.value.issues] == [("too_many_cells", "by")]
