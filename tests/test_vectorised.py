"""The vectorised engine agrees with the exact Decimal engine to the fen, person by person.

For every policy file in the registry (and two synthetic policies with awkward percentages that make the
half-up rounding bite), 100,000 random persons are settled by :func:`calculator.vectorised.settle` and,
one by one, by :func:`calculator.settlement.settle_year`; every output must be identical in fen. The
random persons are wider than the population model: tiny and huge bases and pensions, spending exactly at
the deductibles, other schemes paying all of it, ages across every band edge.
"""

from __future__ import annotations

import os
from decimal import Decimal

import numpy as np
import pytest

from calculator.errors import InputError
from calculator.policy_model import PercentOfReference, Policy
from calculator.registry import default_registry, validate_policy
from calculator.scenario import Scenario, parse_scenario
from calculator.settlement import OUTPUT_FIELDS, settle_year
from calculator.vectorised import PersonYears, compile_policy, fen_to_yuan, percent_of_fen, settle
from calculator.vocabulary import STATUSES, TIERS

PERSONS = int(os.environ.get("VECTORISED_AGREEMENT_PERSONS", "100000"))
SYNTHETIC_PERSONS = min(PERSONS, 30_000)  # the two synthetic policies exercise rounding; fewer keeps the suite ~1 min
VALIDATED = 2_000  # the first persons also go through parse_scenario, proving the inputs are valid scenarios


def _reference_values(policy: Policy) -> dict[str, Decimal]:
    """A value for every reference a credit rule needs: odd fen amounts, so the percent rounds."""
    values = {}
    for status in STATUSES:
        rule = getattr(policy.account.credit, status)
        if isinstance(rule, PercentOfReference):
            unit = policy.references[rule.reference].unit
            values[rule.reference] = Decimal("3456.77") if unit == "yuan_per_month" else Decimal("107008.37")
    return values


def _odd_policies() -> list[Policy]:
    """Two variants of a real file with percentages of up to four decimals and amounts in odd fen."""
    registry = default_registry()
    base = registry.get("chongqing-2024").model_dump(mode="python")
    a = {**base, "id": "test-odd-a"}
    a["pooling"] = {
        **base["pooling"],
        "deductible": {**base["pooling"]["deductible"], "in_service": Decimal("199.99"), "retired": Decimal("100.01")},
        "rates_percent": {
            **base["pooling"]["rates_percent"],
            "in_service": {1: Decimal("62.5"), 2: Decimal("57.25"), 3: Decimal("50.1234")},
            "retired": {1: Decimal("72.5"), 2: Decimal("67.3333"), 3: Decimal("60.0001")},
        },
        "annual_cap": {
            **base["pooling"]["annual_cap"],
            "in_service": Decimal("2999.99"),
            "by_tier": {"individual_tier2": {"in_service": Decimal("1234.57"), "retired": Decimal("2345.67")}},
        },
    }
    credit = base["account"]["credit"]
    a["account"] = {
        **base["account"],
        "credit": {
            "in_service": {
                **credit["in_service"],
                "bands": [{"min_age": 0, "percent": Decimal("2.35")}, {"min_age": 45, "percent": Decimal("3.1234")}],
            },
            "retired": {
                "method": "percent_of_pension",
                "percent": Decimal("3.8125"),
                "source": credit["retired"]["source"],
            },
        },
    }
    b = {**base, "id": "test-odd-b", "references": {}}
    b["account"] = {
        **base["account"],
        "no_account_tiers": {**base["account"]["no_account_tiers"], "tiers": []},
        "credit": {
            "in_service": {
                "method": "fixed_annual",
                "amount": Decimal("1234.57"),
                "source": credit["in_service"]["source"],
            },
            "retired": {
                "method": "percent_of_reference",
                "percent": Decimal("2.5"),
                "reference": "avg_pension",
                "source": credit["retired"]["source"],
            },
        },
    }
    b["references"] = {
        "avg_pension": {
            "label": {"zh": "测试养老金", "en": "test pension"},
            "unit": "yuan_per_month",
            "value": None,
            "source": credit["retired"]["source"],
        }
    }
    return [validate_policy(raw, raw["id"], registry.documents) for raw in (a, b)]


POLICIES = [(p, PERSONS) for p in default_registry().policies.values()] + [
    (p, SYNTHETIC_PERSONS) for p in _odd_policies()
]


def _log_uniform_fen(rng: np.random.Generator, low_fen: int, high_fen: int, n: int) -> np.ndarray:
    return np.exp(rng.uniform(np.log(low_fen), np.log(high_fen), n)).astype(np.int64)


def random_persons(policy: Policy, n: int, seed: int) -> PersonYears:
    """Persons that are valid scenarios for ``policy``, spread to reach every branch of the rules."""
    rng = np.random.default_rng(seed)
    status = rng.integers(0, 2, n).astype(np.int8)
    retired = status == STATUSES.index("retired")
    tier = rng.integers(0, len(TIERS), n).astype(np.int8)
    age = np.where(retired, rng.integers(45, 111, n), rng.integers(16, 90, n)).astype(np.int16)
    level = rng.integers(1, 4, n).astype(np.int8)
    base = np.where(retired, 0, _log_uniform_fen(rng, 1, 100_000_000, n))
    pension = np.where(retired, _log_uniform_fen(rng, 1, 10_000_000, n), 0)
    kind = rng.random(n)
    spending = np.select(
        [kind < 0.08, kind < 0.12, kind < 0.45],
        [
            np.zeros(n, dtype=np.int64),
            rng.choice([10_000, 10_001, 20_000, 20_001, 30_000, 60_000, 21_000], n),  # at the deductibles
            rng.integers(0, 150_000, n),
        ],
        _log_uniform_fen(rng, 1, 500_000_000, n),
    ).astype(np.int64)
    who = rng.random(n)
    other = np.select(
        [who < 0.03, who < 0.35], [spending, np.floor(spending * rng.random(n)).astype(np.int64)], np.zeros(n)
    ).astype(np.int64)
    no_account = np.array([t in policy.account.no_account_tiers.tiers for t in TIERS])[tier]
    opening = np.where(no_account | (rng.random(n) < 0.3), 0, _log_uniform_fen(rng, 1, 5_000_000, n)).astype(np.int64)
    return PersonYears(
        status, tier, age, level, base.astype(np.int64), pension.astype(np.int64), spending, other, opening
    )


def _statement_credits(policy: Policy, people: PersonYears) -> np.ndarray | None:
    """Account-statement credits (fen) for a policy whose credit rule the seeds do not give, else None."""
    rules = [getattr(policy.account.credit, status) for status in STATUSES]
    if not any(getattr(rule, "method", None) == "statement_required" for rule in rules):
        return None
    rng = np.random.default_rng(11)
    no_account = np.array([t in policy.account.no_account_tiers.tiers for t in TIERS])[people.tier]
    return np.where(no_account, 0, rng.integers(0, 1_000_000, len(people))).astype(np.int64)


def _fen(value: Decimal) -> int:
    scaled = value.scaleb(2)
    assert scaled == scaled.to_integral_value(), f"the exact engine produced {value}, finer than the fen"
    return int(scaled)


@pytest.mark.parametrize(("policy", "persons"), POLICIES, ids=[p.id for p, _ in POLICIES])
def test_agrees_with_exact_engine_to_the_fen(policy: Policy, persons: int):
    references = _reference_values(policy)
    people = random_persons(policy, persons, seed=sum(map(ord, policy.id)))
    statement = _statement_credits(policy, people)
    vector = settle(compile_policy(policy, references), people, statement)
    columns = {name: getattr(vector, name).tolist() for name in OUTPUT_FIELDS}
    has_account = vector.has_account.tolist()
    mismatches = []
    for i in range(persons):
        data = people.scenario_data(i, references)
        # the inputs are valid scenarios (checked on the first persons); the rest skip pydantic for speed only
        scenario = parse_scenario(data) if i < VALIDATED else Scenario.model_construct(**_defaults(data))
        exact = settle_year(policy, scenario, None if statement is None else fen_to_yuan(statement[i]))
        for name in OUTPUT_FIELDS:
            if _fen(getattr(exact, name)) != columns[name][i]:
                mismatches.append((i, name, getattr(exact, name), columns[name][i]))
        if exact.has_account != has_account[i]:
            mismatches.append((i, "has_account", exact.has_account, has_account[i]))
        if len(mismatches) > 10:
            break
    assert not mismatches, f"{policy.id}: {mismatches[:10]}"


def _defaults(data: dict) -> dict:
    """What pydantic would fill in: the fields model_construct leaves out, with their defaults."""
    return {
        "kind": "general",
        "spending_by_kind": None,
        "visits": None,
        "credit_before": None,
        "credit_after": None,
        "family": [],
        **data,
    }


def test_invariants_hold_for_every_person():
    """spending = other schemes + pooling + account + cash; nothing negative; caps never exceeded."""
    policy = default_registry().get("chongqing-2024")
    people = random_persons(policy, 50_000, seed=7)
    result = settle(compile_policy(policy), people)
    total = result.other_schemes_paid + result.general_pooling_paid + result.account_paid + result.cash_paid
    assert np.array_equal(total, people.spending)
    for name in OUTPUT_FIELDS:
        assert getattr(result, name).min() >= 0, name
    retired = people.status == STATUSES.index("retired")
    tier1 = people.tier == TIERS.index("individual_tier1")
    # art. 6: 3000 / 4000, individual tier 1 800 / 1200 (yuan) → fen
    cap = np.where(tier1, np.where(retired, 120_000, 80_000), np.where(retired, 400_000, 300_000))
    assert (result.general_pooling_paid <= cap).all()
    assert (result.general_pooling_paid == cap).any()  # the cap is reached somewhere, so the bound is tested


def test_half_up_rounding_by_hand():
    # 0.01 yuan × 50% = 0.005 yuan → 0.01 (half up); 0.03 × 50% = 0.015 → 0.02; 0.01 × 49.9999% → 0.00
    assert percent_of_fen(np.array([1, 3, 1]), np.array([500_000, 500_000, 499_999])).tolist() == [1, 2, 0]
    # 1,000,000,000 fen (10 million yuan) × 100% stays exact in int64
    assert percent_of_fen(np.array([1_000_000_000]), 1_000_000).tolist() == [1_000_000_000]


def test_chongqing_hand_computed_person():
    # 小陈 (000 举例2): 32, in service, employer, base 100,000, level 3, spending 3000.
    # after: credit 100000 × 2% = 2000; pooled (3000 − 200) × 50% = 1400; own 1600 paid by the account;
    # closing 2000 − 1600 = 400. before: credit 100000 × 3.3% = 3300, pooled 0, account pays 3000, closing 300.
    people = PersonYears(
        *(np.array([v], dtype=t) for v, t in ((0, np.int8), (0, np.int8), (32, np.int16), (3, np.int8))),
        np.array([10_000_000]),
        np.array([0]),
        np.array([300_000]),
        np.array([0]),
        np.array([0]),
    )
    registry = default_registry()
    after = settle(compile_policy(registry.get("chongqing-2024")), people)
    before = settle(compile_policy(registry.get("chongqing-pre2024")), people)
    assert (after.account_credit[0], after.general_pooling_paid[0], after.closing_balance[0]) == (
        200_000,
        140_000,
        40_000,
    )
    assert (before.account_credit[0], before.general_pooling_paid[0], before.closing_balance[0]) == (330_000, 0, 30_000)


def test_missing_reference_is_refused_not_invented():
    # ganzhou-2023's retiree credit needs Jiangxi's average pension: no figure in the file, no default
    policy = default_registry().get("ganzhou-2023")
    people = random_persons(policy, 100, seed=5)
    with pytest.raises(InputError) as caught:
        settle(compile_policy(policy), people)
    assert "jiangxi_average_basic_pension" in caught.value.message("en")


def test_published_default_stands_in_for_an_open_reference():
    # chongqing-pre2024 leaves the prior-year wage open; the file's labelled default 107,008 is used:
    # 107008 × 2.4% = 2568.192 → 2568.19 yuan, 256,819 fen
    compiled = compile_policy(default_registry().get("chongqing-pre2024"))
    assert compiled.reference_fen == {"cq_prior_year_average_wage": 10_700_800}


def test_opening_balance_in_a_tier_without_account_is_refused():
    policy = default_registry().get("chongqing-2024")
    people = random_persons(policy, 10, seed=3)
    people.tier[:] = TIERS.index("individual_tier1")
    people.opening_balance[:] = 100
    with pytest.raises(InputError):
        settle(compile_policy(policy), people)
