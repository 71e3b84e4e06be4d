"""Time building each dashboard figure (what a page rerun pays for its charts), in milliseconds.

Run: ``python benchmarks/charts.py`` (from the project root). Prints the median of repeated builds per
figure kind; figures are built exactly as the pages build them, without a Streamlit server.
"""

from __future__ import annotations

import logging
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculator.comparison import compare
from calculator.registry import default_registry
from calculator.scenario import parse_scenario
from dashboard import charts, compute

REPEATS = 40
logging.getLogger("streamlit").setLevel(logging.ERROR)  # no session here: t() falls back to Chinese


def median_ms(build) -> float:
    build()  # warm caches and imports
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        build()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    registry = default_registry()
    before, after = registry.pair("chongqing")
    scenario = parse_scenario(
        {"status": "in_service", "age": 40, "contribution_base": "80000", "spending": "3000", "level": 2}
    )
    comparison = compare(scenario, before, after)
    sweep = compute._sweep_cached.__wrapped__(compute.scenario_key(scenario), before.id, after.id, 6000)
    cash = {"before": comparison.before.cash_paid, "after": comparison.after.cash_paid}
    balance = {"before": comparison.before.closing_balance, "after": comparison.after.closing_balance}
    spendings = compute.sweep_spendings(6000)
    curves = [(policy.title.zh, spendings, sweep.cash_after) for policy in (before, after)] * 3
    figures = {
        "money_flow": lambda: charts.money_flow({"before": comparison.before, "after": comparison.after}),
        "spending_sweep": lambda: charts.spending_sweep(sweep, scenario.total_spending, cash, balance),
        "region_cash": lambda: charts.region_cash(curves, scenario.total_spending),
        "what_if_gains": lambda: charts.what_if_gains(["a", "b", "c"], [Decimal(1), Decimal(-2), Decimal(0)]),
    }
    for name, build in figures.items():
        print(f"{name:16s} {median_ms(build):7.2f} ms")


if __name__ == "__main__":
    main()
