"""Bad input is refused with a message naming the field, in both languages; nothing is clamped."""

from __future__ import annotations

import pytest

from calculator.errors import InputError
from calculator.scenario import parse_scenario

GOOD = {"status": "in_service", "age": 40, "contribution_base": "60000", "spending": "1000", "level": 2}


def problem(**changes):
    data = {**GOOD, **changes}
    data = {key: value for key, value in data.items() if value is not None}
    with pytest.raises(InputError) as caught:
        parse_scenario(data)
    return caught.value


@pytest.mark.parametrize(
    ("changes", "field", "zh_fragment", "en_fragment"),
    [
        ({"spending": "-1"}, "spending", "不能小于 0", "at least 0"),
        ({"age": 300}, "age", "不能大于 120", "at most 120"),
        ({"tier": "gold"}, "tier", "取值应为", "must be one of"),
        ({"status": "student"}, "status", "取值应为", "must be one of"),
        ({"level": 4}, "level", "取值应为", "must be one of"),
        ({"spending": "12.345"}, "spending", "小数", "decimal places"),
        ({"spending": "NaN"}, "spending", "", ""),
        ({"spending": "abc"}, "spending", "不是有效数字", "not a valid number"),
        ({"spending": "1e12"}, "spending", "不能大于", "at most"),
        ({"status": "retired", "age": 20, "contribution_base": None}, "age", "45", "45"),
        ({"status": "retired", "age": 65}, "contribution_base", "退休人员不缴费", "retired members do not contribute"),
        ({"pension": "3000"}, "pension", "在职人员没有养老金", "no pension"),
        ({"level": None}, "level", "医疗机构等级", "required"),
        ({"other_schemes_paid": "2000"}, "other_schemes_paid", "不能大于", "cannot exceed"),
        ({"visits": [{"amount": 1, "level": 1}]}, "spending", "二者选一", "either"),
        ({"favourite_colour": "blue"}, "favourite_colour", "不是可识别的字段", "not a known field"),
        ({"age": 15}, "age", "16", "16"),
    ],
)
def test_bad_input_names_the_field(changes, field, zh_fragment, en_fragment):
    error = problem(**changes)
    assert error.problems[0].field == field
    assert zh_fragment in error.message("zh")
    assert en_fragment in error.message("en")
    assert "Traceback" not in error.message("zh")


def test_visit_with_other_paid_above_its_amount():
    error = problem(spending=None, level=None, visits=[{"amount": 100, "level": 2, "other_paid": 150}])
    assert error.problems[0].field == "other_paid"


def test_every_problem_is_reported_at_once():
    error = problem(age=300, spending="-5", tier="x")
    assert {p.field for p in error.problems} == {"age", "spending", "tier"}


def test_nothing_is_clamped():
    # A valid extreme stays exactly as given.
    scenario = parse_scenario({**GOOD, "spending": "9999999.99"})
    assert str(scenario.spending) == "9999999.99"
