"""The My-case sweep and break-even: every point is the engine's, for any person, other schemes included."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.comparison import compare, resolve_pair
from calculator.scenario import parse_scenario, with_annual_spending
from dashboard import compute

PEOPLE = {
    # 老张 (001 Q19.4): other schemes paid 35,208 of his 40,000 — the sweep must still be drawable
    "laozhang": dict(status="retired", age=76, spending="40000", level=3, other_schemes_paid="35208"),
    "laoli": dict(status="retired", age=62, spending="2800", level=2, credit_before="2525"),
    "default": dict(status="in_service", age=40, contribution_base="80000", spending="3000", level=2),
}


def gain(scenario, spending, pair) -> Decimal:
    return compute.net_gain(compare(with_annual_spending(scenario, Decimal(spending)), *pair))


@pytest.mark.parametrize("who", PEOPLE)
def test_sweep_points_are_the_engines_and_break_even_is_where_the_sign_turns(who):
    person = dict(PEOPLE[who])
    if person["status"] == "retired" and "credit_before" not in person:
        person["credit_before"] = "3624"
    scenario = parse_scenario(person)
    before, after = resolve_pair("chongqing")
    sweep = compute.sweep(scenario, before.id, after.id)
    for index in (0, len(sweep.spendings) // 2, len(sweep.spendings) - 1):
        expected = compare(with_annual_spending(scenario, sweep.spendings[index]), before, after)
        assert sweep.cash_after[index] == expected.after.cash_paid
        assert sweep.balance_before[index] == expected.before.closing_balance
    if sweep.break_even is not None:
        assert gain(scenario, sweep.break_even, (before, after)) >= 0
        assert gain(scenario, sweep.break_even - 1, (before, after)) < 0
