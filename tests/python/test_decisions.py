"""The decisions of ``cme.evaluate`` (computed at once, without their
explanations) agree with the whole evaluation computed afterwards, for the
50 sample cases under the seven presets; the explanations are computed only
when read."""

import pytest

import cme

PRESETS = cme.preset_codes()


@pytest.mark.parametrize("policy", PRESETS)
def test_the_decisions_are_those_of_the_whole_evaluation(policy):
    for case in cme.sample_cases():
        e = cme.evaluate(case, policy, cme.SAMPLE_AS_OF)
        d = e.decisions
        whole = e.to_dict()
        assert d["stage"] == whole["stage"]["value"]["stage"] == e.stage
        assert d["stage_since"] == whole["stage"]["value"]["since"]
        assert d["status"] == whole["status"]["value"] == e.status
        assert d["category"] == whole["category"]["decision"]["value"] == e.category
        assert d["inclusion"] == whole["inclusion"]["decision"]["value"] == e.inclusion
        assert [a["code"] for a in d["alerts"]] == [a["code"] for a in whole["alerts"]] == e.alert_codes
        for mine, full in zip(d["alerts"], whole["alerts"]):
            assert mine["level"] == full["level"]
            assert mine.get("due") == full.get("due")
            assert mine.get("days_overdue") == full.get("days_overdue")


def test_an_invalid_case_is_refused_before_any_decision():
    with pytest.raises(cme.ValidationError) as e:
        cme.evaluate({"format_version": 1}, "aismt13", "2024-06-30")
    assert e.value.code == "invalid_case"


def test_a_case_signalled_after_the_date_is_refused():
    case = cme.sample_cases()[0]
    with pytest.raises(cme.ValidationError) as e:
        cme.evaluate(case, "aismt13", "2020-01-01")
    assert [i["code"] for i in e.value.errors()] == ["date_after_as_of"]
