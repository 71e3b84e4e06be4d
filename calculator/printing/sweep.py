"""The spending sweep of a printed sheet: cash and year-end balance over annual spendings, and the break-even.

The same grid and the same break-even rule as the dashboard's sweep (:mod:`dashboard.compute`, which caches
its curves in the Streamlit session): 80 steps from ¥0 to at least ¥10,000 and 1.5 × the person's spending,
rounded up to ¥10,000; the break-even is the smallest whole-yuan spending from which the reform leaves the
person no worse off, cash and account together, found by bisection on the engine. Every point is settled by
:func:`calculator.comparison.compare`; nothing here computes a benefit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..comparison import Comparison, compare
from ..policy_model import Policy
from ..scenario import Scenario, with_annual_spending
from ..settlement import YearResult

SWEEP_POINTS = 80
MIN_SWEEP_HIGH = 10_000
SWEEP_ROUNDING = 10_000


@dataclass(frozen=True)
class Sweep:
    spendings: list[Decimal]
    cash_before: list[Decimal]
    cash_after: list[Decimal]
    balance_before: list[Decimal]
    balance_after: list[Decimal]
    break_even: Decimal | None
    always_better: bool
    high: int


def net_position(result: YearResult) -> Decimal:
    """Cash out of pocket minus the year-end balance (the balance is the person's own money): lower is better."""
    return result.cash_paid - result.closing_balance


def sweep_high(spending: Decimal) -> int:
    wanted = max(MIN_SWEEP_HIGH, float(spending) * 1.5)
    return int(math.ceil(wanted / SWEEP_ROUNDING) * SWEEP_ROUNDING)


def _at(scenario: Scenario, spending: Decimal, before: Policy, after: Policy) -> Comparison:
    return compare(with_annual_spending(scenario, spending), before, after)


def _worse(point: Comparison) -> bool:
    return net_position(point.after) - net_position(point.before) > 0


def spending_sweep(scenario: Scenario, before: Policy, after: Policy) -> Sweep:
    """Both sides settled at each spending of the grid, with the break-even point to the yuan."""
    high = sweep_high(scenario.total_spending)
    step = Decimal(high) / SWEEP_POINTS
    spendings = [(step * i).quantize(Decimal(1)) for i in range(SWEEP_POINTS + 1)]
    points = [_at(scenario, spending, before, after) for spending in spendings]
    worse = [_worse(point) for point in points]
    break_even = None
    first = next((i for i in range(1, len(points)) if worse[i - 1] and not worse[i]), None)
    if first is not None:
        low, top = int(spendings[first - 1]), int(spendings[first])
        while top - low > 1:
            middle = (low + top) // 2
            if _worse(_at(scenario, Decimal(middle), before, after)):
                low = middle
            else:
                top = middle
        break_even = Decimal(top)
    return Sweep(
        spendings=spendings,
        cash_before=[p.before.cash_paid for p in points],
        cash_after=[p.after.cash_paid for p in points],
        balance_before=[p.before.closing_balance for p in points],
        balance_after=[p.after.closing_balance for p in points],
        break_even=break_even,
        always_better=not any(worse),
        high=high,
    )
