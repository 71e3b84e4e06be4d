"""Invariants of the exact engine on random inputs, for every policy file in the registry.

Money is conserved to the fen, caps are never exceeded, nothing is negative, more spending never
lowers the pooled payment, and the trace's final numbers are the result's.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.policy_model import Policy
from calculator.registry import default_registry
from calculator.scenario import Scenario, Visit
from calculator.settlement import YearResult, settle_year
from calculator.vocabulary import KINDS, LEVELS, RELATIONS, TIERS

POLICIES = sorted(default_registry().policies)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def money(top: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=top, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def scenarios(draw, policy: Policy) -> Scenario:
    status = draw(st.sampled_from(["in_service", "retired"]))
    tier = draw(st.sampled_from(TIERS))
    age = draw(st.integers(16 if status == "in_service" else 45, 110))
    visits = []
    for _ in range(draw(st.integers(0, 6))):
        amount = draw(money(30000))
        other = (amount * draw(st.sampled_from([Decimal(0), Decimal("0.3"), Decimal(1)]))).quantize(Decimal("0.01"))
        visits.append(
            Visit(
                amount=amount,
                level=draw(st.sampled_from(LEVELS)),
                kind=draw(st.sampled_from(KINDS)),
                pharmacy=draw(st.booleans()),
                other_paid=min(other, amount),
            )
        )
    no_account = tier in policy.account.no_account_tiers.tiers
    return Scenario(
        status=status,
        tier=tier,
        age=age,
        contribution_base=draw(money(600000).filter(lambda x: x > 0)) if status == "in_service" else None,
        pension=draw(money(30000).filter(lambda x: x > 0)) if status == "retired" else None,
        visits=visits,
        opening_balance=Decimal(0) if no_account else draw(money(20000)),
        family=[
            {"relation": draw(st.sampled_from(RELATIONS)), "amount": draw(money(8000).filter(lambda x: x > 0))}
            for _ in range(draw(st.integers(0, 3)))
        ],
        references={name: draw(money(300000).filter(lambda x: x > 0)) for name in policy.references},
    )


def statement_for(policy, scenario: Scenario) -> Decimal | None:
    """A statement credit where the policy's rule is not published (the user must give one), else none."""
    rule = getattr(policy.account.credit, scenario.status)
    has_account = scenario.tier not in policy.account.no_account_tiers.tiers
    return Decimal("1234.56") if rule.method == "statement_required" and has_account else None


def check_invariants(result: YearResult, scenario: Scenario) -> None:
    spending = sum((v.amount for v in scenario.settlement_visits()), Decimal(0))
    assert spending == result.other_schemes_paid + result.general_pooling_paid + result.account_paid + result.cash_paid
    assert result.closing_balance == (
        scenario.opening_balance + result.account_credit - result.account_paid - result.family_paid
    )
    for name, value in result.outputs().items():
        assert value >= 0, name
        assert value == value.quantize(Decimal("0.01")), name
    if result.annual_cap is not None:
        assert result.general_pooling_paid <= result.annual_cap
    pooling = result.policy.pooling
    if pooling is not None:
        for kind, category in pooling.categories.items():
            if category.sub_cap is not None:
                assert sum((v.pooled for v in result.visits if v.kind == kind), Decimal(0)) <= category.sub_cap
    assert result.account_paid <= scenario.opening_balance + result.account_credit
    sharing = result.policy.account.family_sharing
    if sharing.min_balance_after is not None and result.family_paid > 0:
        assert result.closing_balance >= sharing.min_balance_after
    final = {step.key: step.value for step in result.steps}
    assert final["credit"] == result.account_credit
    assert final["pooling"] == result.general_pooling_paid
    assert final["own_share"] == result.own_share
    assert final["account_paid"] == result.account_paid
    assert final["cash"] == result.cash_paid
    assert final["closing_balance"] == result.closing_balance


@pytest.mark.parametrize("policy_id", POLICIES)
def test_invariants_hold_on_random_years(policy_id):
    policy = default_registry().get(policy_id)

    @SETTINGS
    @given(scenarios(policy))
    def run(scenario: Scenario) -> None:
        check_invariants(settle_year(policy, scenario, statement_for(policy, scenario)), scenario)

    run()


@pytest.mark.parametrize("policy_id", POLICIES)
def test_more_spending_never_lowers_the_pooled_payment(policy_id):
    policy = default_registry().get(policy_id)

    @SETTINGS
    @given(scenarios(policy), money(30000), st.sampled_from(LEVELS), st.sampled_from(KINDS))
    def run(scenario: Scenario, extra: Decimal, level: int, kind: str) -> None:
        more = scenario.model_copy(update={"visits": [*scenario.visits, Visit(amount=extra, level=level, kind=kind)]})
        statement = statement_for(policy, scenario)
        assert (
            settle_year(policy, more, statement).general_pooling_paid
            >= settle_year(policy, scenario, statement).general_pooling_paid
        )

    run()


@pytest.mark.parametrize("policy_id", POLICIES)
def test_a_larger_annual_total_never_lowers_the_pooled_payment(policy_id):
    policy = default_registry().get(policy_id)

    @SETTINGS
    @given(money(50000), money(50000), st.sampled_from(LEVELS), st.sampled_from(["in_service", "retired"]))
    def run(low: Decimal, extra: Decimal, level: int, status: str) -> None:
        age = 40 if status == "in_service" else 65
        common = {"status": status, "age": age, "level": level, "credit_before": 0}
        refs = {name: Decimal(100000) for name in policy.references}
        base = {"contribution_base": Decimal(50000)} if status == "in_service" else {"pension": Decimal(3000)}
        small = Scenario(spending=low, references=refs, **base, **common)
        large = Scenario(spending=low + extra, references=refs, **base, **common)
        statement = statement_for(policy, small)
        assert (
            settle_year(policy, large, statement).general_pooling_paid
            >= settle_year(policy, small, statement).general_pooling_paid
        )

    run()
