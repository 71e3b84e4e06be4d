"""The dashboard's calls into the engine, cached where it pays.

Nothing here computes a benefit: every figure comes from :func:`calculator.comparison.compare` or
:func:`calculator.settlement.settle_year`. This module caches per session what the pages ask for again and
again: the spending sweep and its break-even (:mod:`calculator.sweep`, keyed by the scenario without its
annual total, so moving the spending inside one range reuses the curve), the official examples and the
regions' cash curves.
"""

from __future__ import annotations

import json
from decimal import Decimal

import streamlit as st

from calculator import regions
from calculator.comparison import Comparison
from calculator.examples import ExampleRun, run_examples
from calculator.registry import default_registry
from calculator.scenario import Scenario, parse_scenario
from calculator.sweep import Sweep, net_position, spending_sweep, sweep_high, sweep_spendings


def net_gain(comparison: Comparison) -> Decimal:
    """How much better off the person is after the reform (negative: worse off)."""
    return net_position(comparison.before) - net_position(comparison.after)


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


@st.cache_data(max_entries=256, show_spinner=False)
def _sweep_cached(scenario_key: str, before_id: str, after_id: str, high: int) -> Sweep:
    return spending_sweep(_from_key(scenario_key), *_pair(before_id, after_id), high=high)


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
