"""The host API of issue 23 through the uniffi-generated Python bindings:
policies as objects, builders for hosts without default arguments, dates
as ISO text read by the core at their path, signed integers judged by the
core."""
import json
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("CME_UNIFFI_DIR", str(ROOT / "target" / "uniffi-py")))

import cme_uniffi  # noqa: E402

SAMPLE = json.loads(cme_uniffi.sample_cases_json())


def test_a_policy_object_is_checked_once_and_cited_by_its_hash():
    aist43 = cme_uniffi.Policy.preset("aist43")
    assert aist43.id() == "aist43"
    same = cme_uniffi.Policy.from_json(aist43.to_json())
    assert same.content_hash() == aist43.content_hash()
    quoted = cme_uniffi.Policy.from_json('"aist43"')
    assert quoted.content_hash() == aist43.content_hash()
    r = cme_uniffi.evaluate(json.dumps(SAMPLE[0]), aist43, "2025-06-30")
    assert r.policy_hash == aist43.content_hash()
    with pytest.raises(cme_uniffi.CmeError.UnknownPreset) as err:
        cme_uniffi.Policy.preset("aist44")
    assert (err.value.code, err.value.path) == ("unknown_preset", "policy")
    with pytest.raises(cme_uniffi.CmeError.Policy) as err:
        cme_uniffi.Policy.from_json('{"id": "x"}')
    assert any(i.path == "results" for i in err.value.issues)


def test_builders_give_the_required_fields_and_nothing_else():
    s = cme_uniffi.new_signalement("2024-03-04", cme_uniffi.SourceVisit.REPRISE, cme_uniffi.Signaller.MEDECIN_DU_TRAVAIL)
    case = cme_uniffi.new_case("B-1", "aist43", s)
    assert case.format_version == 2 and case.events == [] and case.worker == cme_uniffi.new_worker()
    case.events.append(cme_uniffi.new_event(cme_uniffi.EventType.CONTACT, "2024-03-10"))
    assert cme_uniffi.validate_case(case, "2024-06-30") == []
    back = json.loads(cme_uniffi.case_to_json(case))
    assert back["events"] == [{"type": "contact", "date": "2024-03-10"}]
    # Records take keyword defaults where a host language has them.
    assert cme_uniffi.Event(kind=cme_uniffi.EventType.CONTACT, date="2024-03-10") == case.events[0]


def test_a_malformed_date_is_reported_by_the_core_at_its_path():
    s = cme_uniffi.new_signalement("2024-02-30", cme_uniffi.SourceVisit.REPRISE, cme_uniffi.Signaller.SALARIE)
    case = cme_uniffi.new_case("B-2", "aist43", s)
    assert [(i.code, i.path) for i in cme_uniffi.validate_case(case, None)] == [("invalid_date", "signalement.date")]
    with pytest.raises(cme_uniffi.CmeError.InvalidArgument) as err:
        cme_uniffi.validate("{}", "31/12/2024")
    assert (err.value.code, err.value.path) == ("invalid_as_of", "as_of")


@pytest.mark.parametrize("call, path", [
    (lambda: cme_uniffi.indicators_json("[]", cme_uniffi.Policy.preset("aist43"), "2024", [], -1, None), "threshold"),
    (lambda: cme_uniffi.indicators_json("[]", cme_uniffi.Policy.preset("aist43"), "2024", [], 1, None), "threshold"),
    (lambda: cme_uniffi.publish_bundle_json("[]", 11, 0), "protection_width"),
    (lambda: cme_uniffi.visit_obligations(json.dumps(SAMPLE[0]), "2025-06-30", -1), "options.branch_agreement_age"),
])
def test_signed_integers_out_of_range_are_refused_by_the_core(call, path):
    with pytest.raises(cme_uniffi.CmeError) as err:
        call()
    issues = getattr(err.value, "issues", [])
    assert [(i.code, i.path) for i in issues] == [("integer_out_of_range", path)]
