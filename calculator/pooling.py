"""General outpatient pooling (普通门诊统筹), settled visit by visit over one calendar year.

The mechanism every region shares: a deductible counter that fills over the year, a rate by the
level of the institution (plus a category's bonus points), a shared annual cap, and optional
per-category counters and sub-caps inside that cap. What differs between regions is only data in
the policy file. Visits are settled in the order given (date order): when levels differ, order
decides which visits fill the deductible and which reach the cap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .money import ZERO, percent_of
from .policy_model import Category, Pooling
from .scenario import Visit
from .vocabulary import Status, Tier


@dataclass(frozen=True)
class VisitLine:
    """How one visit was settled."""

    index: int
    amount: Decimal
    level: int
    kind: str
    pharmacy: bool
    other_paid: Decimal
    eligible: Decimal  # what enters general pooling: amount − other schemes' payment
    deductible_counter: str  # "general" or the kind with a counter of its own
    deductible_applied: Decimal
    rate_percent: Decimal
    computed: Decimal  # (eligible − deductible) × rate, before any cap
    pooled: Decimal
    limited_by: str | None  # None, "annual_cap" or "sub_cap"
    settled_as_general: bool  # the policy has no rule of its own for this kind

    @property
    def own_share(self) -> Decimal:
        return self.eligible - self.pooled


@dataclass(frozen=True)
class PoolingResult:
    lines: list[VisitLine]
    cap: Decimal
    deductibles: dict[str, Decimal]  # counter → its size for this person

    @property
    def paid(self) -> Decimal:
        return sum((line.pooled for line in self.lines), ZERO)

    @property
    def cap_reached(self) -> bool:
        return self.paid >= self.cap


def settle_pooling(pooling: Pooling, status: Status, tier: Tier, visits: list[Visit]) -> PoolingResult:
    """Settle ``visits`` in order under ``pooling`` for a person of ``status`` and ``tier``."""
    cap = pooling.annual_cap.cap(status, tier)
    used: dict[str, Decimal] = defaultdict(lambda: ZERO)  # deductible counter → amount filled
    paid_by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    paid_total = ZERO
    deductibles = {"general": pooling.deductible.for_status(status)}
    lines = []
    for index, visit in enumerate(visits):
        category: Category | None = pooling.categories.get(visit.kind)
        if category is None or category.deductible == "shared":
            counter, size = "general", deductibles["general"]
        else:
            counter, size = visit.kind, category.deductible.for_status(status)
            deductibles[counter] = size
        eligible = visit.amount - visit.other_paid
        applied = min(eligible, max(ZERO, size - used[counter]))
        used[counter] += applied
        bonus = category.rate_bonus_points if category else ZERO
        rate = pooling.rates_percent.rate(status, visit.level) + bonus
        computed = percent_of(eligible - applied, rate)
        room, limited_by = cap - paid_total, "annual_cap"
        if category is not None and category.sub_cap is not None:
            sub_room = category.sub_cap - paid_by_kind[visit.kind]
            if sub_room < room:
                room, limited_by = sub_room, "sub_cap"
        pooled = min(computed, room)
        paid_total += pooled
        paid_by_kind[visit.kind] += pooled
        lines.append(
            VisitLine(
                index=index,
                amount=visit.amount,
                level=visit.level,
                kind=visit.kind,
                pharmacy=visit.pharmacy,
                other_paid=visit.other_paid,
                eligible=eligible,
                deductible_counter=counter,
                deductible_applied=applied,
                rate_percent=rate,
                computed=computed,
                pooled=pooled,
                limited_by=limited_by if computed > room else None,
                settled_as_general=visit.kind != "general" and category is None,
            )
        )
    return PoolingResult(lines=lines, cap=cap, deductibles=deductibles)
