"""General outpatient pooling (普通门诊统筹), settled visit by visit over one calendar year.

The mechanism every region shares: a deductible counter that fills over the year, a rate by the
level of the institution (plus a category's bonus points), a shared annual cap, and optional
per-category counters and sub-caps inside that cap. What differs between regions is only data in
the policy file. Visits are settled in the order given (date order): when levels differ, order
decides which visits fill the deductible and which reach the cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .money import FEN, HUNDRED, ZERO
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
    lines, cap, deductibles, _ = PreparedPooling(pooling).settle(status, tier, visits)
    return PoolingResult(lines=lines, cap=cap, deductibles=deductibles)


_new = object.__new__
_set = object.__setattr__


class PreparedPooling:
    """A policy's pooling with its tables looked up once (rates by status and level, deductibles by status,
    caps by status and tier), so that settling a year is plain arithmetic. The arithmetic is the same
    expression for expression as the rules describe: the same amounts, to the same digits."""

    __slots__ = ("caps", "categories", "deductible", "general_rates", "pooling", "rates")

    def __init__(self, pooling: Pooling) -> None:
        self.pooling = pooling
        self.categories = pooling.categories
        self.deductible = {status: pooling.deductible.for_status(status) for status in ("in_service", "retired")}
        self.rates = {status: dict(getattr(pooling.rates_percent, status)) for status in ("in_service", "retired")}
        # A visit without a category of its own gets no bonus points: its rate is the level's rate + 0.
        self.general_rates = {
            status: {level: rate + ZERO for level, rate in table.items()} for status, table in self.rates.items()
        }
        self.caps: dict[tuple[str, str], Decimal] = {}

    def settle(self, status: Status, tier: Tier, visits: list) -> tuple[list[VisitLine], Decimal, dict, Decimal]:
        """(lines, cap, deductibles by counter, pooled in all) for ``visits`` settled in order."""
        cap = self.caps.get((status, tier))
        if cap is None:
            cap = self.caps[(status, tier)] = self.pooling.annual_cap.cap(status, tier)
        general_size = self.deductible[status]
        deductibles = {"general": general_size}
        categories = self.categories
        general_rates = self.general_rates[status]
        used: dict[str, Decimal] = {}  # deductible counter → amount filled
        paid_by_kind: dict[str, Decimal] = {}
        paid_total = ZERO
        lines = []
        for index, visit in enumerate(visits):
            kind = visit.kind
            category: Category | None = categories.get(kind) if categories else None
            amount, other, level = visit.amount, visit.other_paid, visit.level
            eligible = amount - other
            if category is None:
                counter, size = "general", general_size
                rate = general_rates[level]
            else:
                if category.deductible == "shared":
                    counter, size = "general", general_size
                else:
                    counter, size = kind, category.deductible.for_status(status)
                    deductibles[counter] = size
                rate = self.rates[status][level] + category.rate_bonus_points
            filled = used.get(counter, ZERO)
            gap = size - filled
            floor = gap if gap > ZERO else ZERO  # max(ZERO, gap), min(eligible, floor): the same operands kept
            applied = floor if floor < eligible else eligible
            used[counter] = filled + applied
            computed = ((eligible - applied) * rate / HUNDRED).quantize(FEN, ROUND_HALF_UP)
            room, limited_by = cap - paid_total, "annual_cap"
            sub_cap = category.sub_cap if category is not None else None
            if sub_cap is not None:
                sub_room = sub_cap - paid_by_kind.get(kind, ZERO)
                if sub_room < room:
                    room, limited_by = sub_room, "sub_cap"
            pooled = room if room < computed else computed  # min(computed, room)
            paid_total += pooled
            if sub_cap is not None:  # what a kind has been paid is read only against its own sub-cap
                paid_by_kind[kind] = paid_by_kind.get(kind, ZERO) + pooled
            line = _new(VisitLine)
            _set(
                line,
                "__dict__",
                {
                    "index": index,
                    "amount": amount,
                    "level": level,
                    "kind": kind,
                    "pharmacy": visit.pharmacy,
                    "other_paid": other,
                    "eligible": eligible,
                    "deductible_counter": counter,
                    "deductible_applied": applied,
                    "rate_percent": rate,
                    "computed": computed,
                    "pooled": pooled,
                    "limited_by": limited_by if computed > room else None,
                    "settled_as_general": kind != "general" and category is None,
                },
            )
            lines.append(line)
        return lines, cap, deductibles, paid_total
