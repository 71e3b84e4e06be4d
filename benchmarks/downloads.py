"""What a page rerun pays for the files under its charts and tables, beside what the figure itself costs.

Run: ``python benchmarks/downloads.py`` (from the project root). For each chart kind, the median time to
build the figure (with the table it keeps), what a page rerun pays for its file (:func:`dashboard.downloads.csv_file`:
nothing is worked out before the click) and what a click pays (the table, the words, the cells), in
milliseconds, for Lao Li (retired, 62, 2,800 yuan at level 2, Chongqing) and
the regions page's seven curves; then the size of each file.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from charts import median_ms

from calculator import regions
from calculator.comparison import compare
from calculator.registry import default_registry
from calculator.scenario import parse_scenario
from dashboard import charts, compute, downloads

logging.getLogger("streamlit").setLevel(logging.ERROR)  # no session here: t() falls back to Chinese


def main() -> None:
    registry = default_registry()
    before, after = registry.pair("chongqing")
    person = parse_scenario({"status": "retired", "age": 62, "spending": "2800", "level": 2, "credit_before": "2525"})
    comparison = compare(person, before, after)
    high = compute.sweep_high(person.total_spending)
    sweep = compute._sweep_cached.__wrapped__(compute.scenario_key(person), before.id, after.id, high)
    cash = {"before": comparison.before.cash_paid, "after": comparison.after.cash_paid}
    balance = {"before": comparison.before.closing_balance, "after": comparison.after.closing_balance}
    spendings = compute.sweep_spendings(high)
    policies = regions.regional_policies(registry, with_before=True)
    curves = [
        (
            charts.policy_label(policy),
            spendings,
            [
                None if r is None else r.cash_paid
                for r in regions.cash_curve(person, policy, spendings, person.credit_before)
            ],
        )
        for policy in policies
    ]
    header = downloads.case_lines(person, before, after)
    figures = {
        "money_flow": lambda: charts.money_flow({"before": comparison.before, "after": comparison.after}),
        "spending_sweep": lambda: charts.spending_sweep(sweep, person.total_spending, cash, balance),
        "region_cash": lambda: charts.region_cash(curves, person.total_spending),
    }
    print(f"{'chart':16s} {'figure ms':>10s} {'rerun ms':>9s} {'click ms':>9s} {'bytes':>7s}")
    for name, build in figures.items():
        data = charts.data_of(build())
        what = ("bench", name)
        rerun_ms = median_ms(lambda data=data, what=what: downloads.csv_file(data, what=what, header=header))
        write = downloads.csv_file(data, what=what, header=header)
        click_ms = median_ms(write)
        print(f"{name:16s} {median_ms(build):10.2f} {rerun_ms:9.2f} {click_ms:9.2f} {len(write()):7d}")


if __name__ == "__main__":
    main()
