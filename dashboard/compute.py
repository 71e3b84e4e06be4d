"""The dashboard's calls into the engine, cached where it pays.

Nothing here computes a benefit: every figure comes from :func:`calculator.comparison.compare` or
:func:`calculator.settlement.settle_year`. This module only decides *which* scenarios to settle (a grid
of annual spendings for the sweep, a bisection for the break-even point) and caches the results so a
rerun of the My-case page stays well under 150 ms.

The break-even spending compares the person's *net* position, cash out of pocket minus the year-end
account balance: the balance is the person's own money (it carries over and is inherited, Chongqing
art. 10), so a smaller credit is a loss even in a year the account covers every visit.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from decimal import Decimal

import streamlit as st

from calculator import regions
from calculator.comparison import Comparison, compare
from calculator.examples import ExampleRun, run_examples
from calculator.registry import default_registry
from calculator.scenario import Scenario, parse_scenario, with_annual_spending
from calculator.settlement import YearResult

SWEEP_POINTS = 80
MIN_SWEEP_HIGH = 10_000
SWEEP_ROUNDING = 10_000


def net_position(result: YearResult) -> Decimal:
    """Cash out of pocket minus the year-end balance: lower is better for the person."""
    return result.cash_paid - result.closing_balance


def net_gain(comparison: Comparison) -> Decimal:
    """How much better off the person is after the reform (negative: worse off)."""
    return net_position(comparison.before) - net_position(comparison.after)


def sweep_high(spending: Decimal) -> int:
    """The top of the sweep: at least 10,000 and 1.5 × the person's spending, rounded up to 10,000 so
    moving the slider inside one range reuses the cached curve."""
    wanted = max(MIN_SWEEP_HIGH, float(spending) * 1.5)
    return int(math.ceil(wanted / SWEEP_ROUNDING) * SWEEP_ROUNDING)


@dataclass(frozen=True)
class Sweep:
    spendings: list[Decimal]
    cash_before: list[Decimal]
    cash_after: list[Decimal]
    balance_before: list[Decimal]
    balance_after: list[Decimal]
    break_even: Decimal | None  # smallest whole-yuan spending from which the reform is no worse
    always_better: bool  # no worse at every spending of the sweep
    high: int


def scenario_key(scenario: Scenario) -> str:
    """The scenario without its annual total: the sweep replaces it, so it must not split the cache."""
    data = scenario.model_dump(mode="json", exclude_none=True)
    if scenario.visits is None:
        data.pop("spending", None)
    return json.dumps(data, sort_keys=True)


def _from_key(key: str) -> Scenario:
    """A valid scenario for the key; its annual total is a placeholder that every sweep point replaces
    (as large as what other schemes paid, which may not exceed it)."""
    data = json.loads(key)
    if "visits" not in data:
        data["spending"] = data.get("other_schemes_paid", "0")
    return parse_scenario(data)


def _pair(before_id: str, after_id: str):
    registry = default_registry()
    return registry.get(before_id), registry.get(after_id)


def _compare_at(scenario: Scenario, spending: Decimal, pair) -> Comparison:
    return compare(with_annual_spending(scenario, spending), *pair)


@st.cache_data(max_entries=256, show_spinner=False)
def _sweep_cached(scenario_key: str, before_id: str, after_id: str, high: int) -> Sweep:
    scenario = _from_key(scenario_key)
    pair = _pair(before_id, after_id)
    spendings = sweep_spendings(high)
    points = [_compare_at(scenario, spending, pair) for spending in spendings]
    deltas = [net_position(p.after) - net_position(p.before) for p in points]
    break_even = None
    always = all(delta <= 0 for delta in deltas)
    if not always:
        first = next((i for i, delta in enumerate(deltas) if delta <= 0 and i > 0 and deltas[i - 1] > 0), None)
        if first is not None:
            low, top = int(spendings[first - 1]), int(spendings[first])
            while top - low > 1:  # bisection on the engine, to the yuan
                middle = (low + top) // 2
                point = _compare_at(scenario, Decimal(middle), pair)
                if net_position(point.after) - net_position(point.before) <= 0:
                    top = middle
                else:
                    low = middle
            break_even = Decimal(top)
    return Sweep(
        spendings=spendings,
        cash_before=[p.before.cash_paid for p in points],
        cash_after=[p.after.cash_paid for p in points],
        balance_before=[p.before.closing_balance for p in points],
        balance_after=[p.after.closing_balance for p in points],
        break_even=break_even,
        always_better=always,
        high=high,
    )


def sweep(scenario: Scenario, before_id: str, after_id: str) -> Sweep:
    """Cash and year-end balance before and after over annual spendings 0..high, with the break-even."""
    return _sweep_cached(scenario_key(scenario), before_id, after_id, sweep_high(scenario.total_spending))


@st.cache_resource(show_spinner=False)
def official_examples() -> list[ExampleRun]:
    """The seven official examples, settled once per process (they do not depend on any input)."""
    return run_examples()


@st.cache_data(max_entries=128, show_spinner=False)
def cash_curve(scenario_key: str, policy_id: str, high: int) -> list[Decimal | None]:
    """Cash out of pocket under one registered policy at annual spendings 0..high (None: cannot settle)."""
    spendings = sweep_spendings(high)
    results = regions.cash_curve(_from_key(scenario_key), default_registry().get(policy_id), spendings)
    return [None if result is None else result.cash_paid for result in results]


def sweep_spendings(high: int) -> list[Decimal]:
    step = Decimal(high) / SWEEP_POINTS
    return [(step * i).quantize(Decimal(1)) for i in range(SWEEP_POINTS + 1)]
