"""Settle one insured person's calendar year under one policy.

The order is the money flow the policy documents describe: account credit; other schemes first; general
pooling visit by visit; own share; the account pays the own share up to its balance; the rest is cash;
then any family payments the policy allows; the closing balance carries over. Every step is recorded in
the trace with its source and the facts its plain-words sentence needs (rendered only when read).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import NamedTuple

from . import wording
from .credit import PreparedCredit, prepare_credit
from .money import FEN, ZERO
from .policy_model import FamilySharing, Policy, Source
from .pooling import PreparedPooling, VisitLine
from .scenario import Scenario
from .trace import Step

KIND_NAMES = wording.KIND_NAMES  # kept here too: other modules read the kind names from settlement
RELATION_NAMES = wording.RELATION_NAMES

# The outputs of one year, in the order of the JSON contract.
OUTPUT_FIELDS = (
    "account_credit",
    "other_schemes_paid",
    "general_pooling_paid",
    "reimbursed_total",
    "own_share",
    "account_paid",
    "cash_paid",
    "closing_balance",
)


@dataclass(frozen=True)
class FamilyLine:
    relation: str
    requested: Decimal
    paid: Decimal
    refused: Decimal
    reason: str | None  # None, "not_allowed", "relation", "floor", "balance"


@dataclass(frozen=True)
class YearResult:
    """The settled year. All amounts are Decimal yuan to the fen.

    ``steps`` (the explanation) is built from the settled figures the first time it is read, so a
    settlement nobody explains pays nothing for it; the last four fields keep what the steps are told with.
    """

    policy: Policy
    spending: Decimal
    account_credit: Decimal
    credit_from_statement: bool
    has_account: bool
    opening_balance: Decimal
    other_schemes_paid: Decimal
    general_pooling_paid: Decimal
    own_share: Decimal
    account_paid: Decimal
    cash_paid: Decimal
    family_paid: Decimal
    family_refused: Decimal
    closing_balance: Decimal
    visits: list[VisitLine]
    family: list[FamilyLine]
    annual_cap: Decimal | None
    status: str
    credit_source: Source | None = field(repr=False, compare=False)
    credit_wording: tuple = field(repr=False, compare=False)  # (wording function, its facts)
    deductibles: dict[str, Decimal] = field(repr=False)  # counter → its size for this person

    @property
    def reimbursed_total(self) -> Decimal:
        """What insurance paid in all: other schemes plus general pooling (the tables' 医保报销)."""
        return self.other_schemes_paid + self.general_pooling_paid

    @property
    def cap_reached(self) -> bool:
        return self.annual_cap is not None and self.general_pooling_paid >= self.annual_cap

    def outputs(self) -> dict[str, Decimal]:
        return {name: getattr(self, name) for name in OUTPUT_FIELDS}

    @cached_property
    def steps(self) -> list[Step]:
        """The explanation, step by step in the order of the money flow (built once, on first read)."""
        return explain(self)


def explain(result: YearResult) -> list[Step]:
    """The steps of ``result``: each with its amount, its source and the facts its sentence is told with."""
    policy, pooling = result.policy, result.policy.pooling
    render, facts = result.credit_wording
    steps = [Step("credit", result.account_credit, result.credit_source, render, facts)]
    spending, other = result.spending, result.other_schemes_paid
    steps.append(
        Step(
            "other_schemes",
            other,
            pooling.other_schemes_first if pooling else None,
            wording.other_schemes,
            (spending, other),
        )
    )
    pooled = result.general_pooling_paid
    if pooling is None:
        steps.append(Step("pooling", ZERO, policy.no_pooling, wording.no_pooling, ()))
    else:
        categories = pooling.categories
        for counter, size in result.deductibles.items():
            source = pooling.deductible.source if counter == "general" else categories[counter].source
            steps.append(
                Step(f"deductible.{counter}", size, source, wording.deductible, (counter, size, result.status))
            )
        cap = result.annual_cap
        for line in result.visits:
            category = categories.get(line.kind)
            source = category.source if category is not None else pooling.rates_percent.source
            size = result.deductibles[line.deductible_counter]
            steps.append(Step("visit", line.pooled, source, wording.visit, (line, size, category, pooling, cap)))
        steps.append(Step("pooling", pooled, pooling.annual_cap.source, wording.pooling_total, (pooled, cap)))
    own, paid, cash = result.own_share, result.account_paid, result.cash_paid
    steps.append(Step("own_share", own, None, wording.own_share, (spending, other, pooled, own)))
    opening, credit = result.opening_balance, result.account_credit
    steps.append(
        Step("account_paid", paid, None, wording.account_paid, (own, opening, credit, paid, result.has_account))
    )
    steps.append(Step("cash", cash, None, wording.cash, (own, paid, cash)))
    balance = opening + credit - paid
    sharing = policy.account.family_sharing
    for line in result.family:
        facts = (line.relation, line.requested, line.paid, line.refused, line.reason, balance, sharing)
        steps.append(Step("family", line.paid, sharing.source, wording.family, facts))
        balance -= line.paid
    family_paid = result.family_paid if result.family else None
    facts = (opening, credit, paid, family_paid, result.closing_balance, result.has_account)
    steps.append(Step("closing_balance", result.closing_balance, None, wording.closing_balance, facts))
    return steps


def _family(sharing: FamilySharing, scenario: Scenario, balance: Decimal) -> tuple[list[FamilyLine], Decimal]:
    """Pay relatives' costs from the account after the holder's own, as the policy's sharing rule allows."""
    lines = []
    for payment in scenario.family:
        if not sharing.allowed:
            paid, reason = ZERO, "not_allowed"
        elif payment.relation not in sharing.relations:
            paid, reason = ZERO, "relation"
        else:
            limit = balance
            if sharing.min_balance_after is not None:
                floor_gap = Decimal("0.01") if sharing.strictly_above else ZERO
                limit = balance - sharing.min_balance_after - floor_gap
            paid = max(ZERO, min(payment.amount, limit))
            reason = (
                None if paid == payment.amount else ("floor" if sharing.min_balance_after is not None else "balance")
            )
        balance -= paid
        lines.append(FamilyLine(payment.relation, payment.amount, paid, payment.amount - paid, reason))
    return lines, balance


class _AnnualVisit(NamedTuple):
    """An annual total settled as one visit, without building a validated :class:`Visit` for it (the
    scenario's own fields are already validated); the same fields the pooling reads."""

    amount: Decimal
    level: int
    kind: str
    pharmacy: bool
    other_paid: Decimal


class _Prepared(NamedTuple):
    """A policy's rules looked up once for settling (see :func:`prepared`)."""

    credit: PreparedCredit
    pooling: PreparedPooling | None
    family_sharing: FamilySharing


# id(policy) → (a weak reference to the policy, its prepared rules). Policies are immutable, so what is
# prepared stays right for as long as the policy lives; the entry leaves with the policy (the sandbox
# makes a new policy for every change, and none of them is kept alive by this cache).
_PREPARED: dict[int, tuple[weakref.ref, _Prepared]] = {}


def prepared(policy: Policy) -> _Prepared:
    """``policy``'s rules prepared for settling: credit rule per status, pooling tables."""
    key = id(policy)
    entry = _PREPARED.get(key)
    if entry is not None and entry[0]() is policy:
        return entry[1]
    rules = _Prepared(
        prepare_credit(policy),
        PreparedPooling(policy.pooling) if policy.pooling is not None else None,
        policy.account.family_sharing,
    )
    _PREPARED[key] = (weakref.ref(policy, lambda _, key=key: _PREPARED.pop(key, None)), rules)
    return rules


_new = object.__new__
_set = object.__setattr__


def settle_year(
    policy: Policy, scenario: Scenario, statement_credit: Decimal | None = None, *, eager_trace: bool = False
) -> YearResult:
    """Settle ``scenario``'s year under ``policy``; ``statement_credit`` replaces the credit rule.

    The explanation (``steps``) is built when first read; ``eager_trace`` builds and words it at once
    (the same text either way)."""
    rules = prepared(policy)
    credit, credit_source, has_account, render, facts = rules.credit(policy, scenario, statement_credit)
    visits = scenario.visits
    annual = scenario.spending if visits is None else None
    if annual is not None:  # one annual total: one visit at its level (``Scenario.settlement_visits``)
        given_other = scenario.other_schemes_paid
        visits = (_AnnualVisit(annual, scenario.level, scenario.kind, False, given_other),)
        spending, other = ZERO + annual, ZERO + given_other
    else:
        if visits is None:
            visits = scenario.settlement_visits()
        spending = other = ZERO
        for visit in visits:
            spending += visit.amount
            other += visit.other_paid

    if rules.pooling is not None:
        lines, cap, deductibles, pooled = rules.pooling.settle(scenario.status, scenario.tier, visits)
    else:
        lines, cap, deductibles, pooled = [], None, {}, ZERO

    own_share = spending - other - pooled
    opening = scenario.opening_balance
    available = opening + credit
    account_paid = own_share if own_share < available else available
    cash = own_share - account_paid

    balance = available - account_paid
    if scenario.family:
        family_lines, closing = _family(rules.family_sharing, scenario, balance)
        family_paid = family_refused = ZERO
        for line in family_lines:
            family_paid += line.paid
            family_refused += line.refused
        family_paid = family_paid.quantize(FEN, ROUND_HALF_UP)
        family_refused = family_refused.quantize(FEN, ROUND_HALF_UP)
    else:  # nothing asked for relatives: 0.00 both, already to the fen
        family_lines, closing, family_paid, family_refused = [], balance, ZERO, ZERO
    # The record is frozen; it is filled in one assignment rather than field by field through the frozen
    # __setattr__ (a third of a settlement's time), with exactly the fields the dataclass declares.
    result = _new(YearResult)
    _set(
        result,
        "__dict__",
        {
            "policy": policy,
            "spending": spending.quantize(FEN, ROUND_HALF_UP),
            "account_credit": credit,
            "credit_from_statement": statement_credit is not None and has_account,
            "has_account": has_account,
            "opening_balance": opening.quantize(FEN, ROUND_HALF_UP),
            "other_schemes_paid": other.quantize(FEN, ROUND_HALF_UP),
            "general_pooling_paid": pooled.quantize(FEN, ROUND_HALF_UP),
            "own_share": own_share.quantize(FEN, ROUND_HALF_UP),
            "account_paid": account_paid.quantize(FEN, ROUND_HALF_UP),
            "cash_paid": cash.quantize(FEN, ROUND_HALF_UP),
            "family_paid": family_paid,
            "family_refused": family_refused,
            "closing_balance": closing.quantize(FEN, ROUND_HALF_UP),
            "visits": lines,
            "family": family_lines,
            "annual_cap": cap,
            "status": scenario.status,
            "credit_source": credit_source,
            "credit_wording": (render, facts),
            "deductibles": deductibles,
        },
    )
    if eager_trace:
        for step in result.steps:
            step.texts()
    return result
