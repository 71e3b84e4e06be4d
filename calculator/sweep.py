"""The spending sweep: cash and year-end balance before and after over a grid of annual spendings, and the
break-even spending.

One grid and one break-even rule for every front end (the dashboard caches it per session in
:mod:`dashboard.compute`; the printed case sheet draws it): 80 steps from ¥0 to at least ¥10,000 and
1.5 × the person's spending, rounded up to ¥10,000 (so moving a slider inside one range reuses a cached
curve); the break-even is the smallest whole-yuan spending from which the reform leaves the person no worse
off, cash and account together, found by bisection on the engine. The balance counts because it is the
person's own money (it carries over and is inherited, Chongqing art. 10). Every point is settled by
:func:`calculator.comparison.compare`; nothing here computes a benefit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .comparison import Comparison, compare
from .policy_model import Policy
from .scenario import Scenario, with_annual_spending
from .settlement import YearResult

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


def sweep_spendings(high: int) -> list[Decimal]:
    """The grid: ``SWEEP_POINTS`` equal steps from ¥0 to ``high``, to the yuan."""
    step = Decimal(high) / SWEEP_POINTS
    return [(step * i).quantize(Decimal(1)) for i in range(SWEEP_POINTS + 1)]


def spending_sweep(scenario: Scenario, before: Policy, after: Policy, high: int | None = None) -> Sweep:
    """Both sides settled at each spending of the grid up to ``high`` (by default the person's own range),
    with the break-even point to the yuan."""
    high = sweep_high(scenario.total_spending) if high is None else high
    spendings = sweep_spendings(high)
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
