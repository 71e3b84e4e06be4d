"""What flows into the personal account this year (个人账户计入/划入).

Each policy names one rule per status (a percent of the contribution base, a fixed monthly or annual
amount, a percent of one's own pension, or a percent of a regional reference amount); this module
evaluates it for one person. A credit the user read off their account statement replaces the rule,
as the official examples do.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import wording
from .errors import InputError
from .money import FEN, HUNDRED, MONTHS_PER_YEAR, ZERO, fen, percent_of
from .policy_model import (
    FixedAnnual,
    FixedMonthly,
    PercentOfBase,
    PercentOfPension,
    PercentOfReference,
    Policy,
    Source,
    StatementRequired,
)
from .scenario import Scenario
from .trace import Renderer


@dataclass(frozen=True)
class CreditResult:
    """The credit and what its trace step needs: the wording function and the facts it is told with."""

    amount: Decimal
    source: Source | None
    has_account: bool
    render: Renderer
    facts: tuple


def _band(bands: list, age: int):
    return [band for band in bands if band.min_age <= age][-1]


def has_account(policy: Policy, scenario: Scenario) -> bool:
    return scenario.tier not in policy.account.no_account_tiers.tiers


def account_credit(policy: Policy, scenario: Scenario, statement_credit: Decimal | None) -> CreditResult:
    """The year's credit for ``scenario`` under ``policy``, or the statement's figure when given."""
    if not has_account(policy, scenario):
        if statement_credit or scenario.opening_balance:
            side = "credit_before" if policy.kind == "pre_reform" else "credit_after"
            field = "opening_balance" if scenario.opening_balance else side
            raise InputError.one(
                field,
                f"{policy.title.zh}：该参保档次（{scenario.tier}）不设个人账户，账户金额应为 0",
                f"{policy.title.en}: this tier ({scenario.tier}) has no personal account, so this must be 0",
            )
        source = policy.account.no_account_tiers.source
        return CreditResult(ZERO, source, False, wording.credit_no_account, (ZERO,))
    if statement_credit is not None:
        amount = fen(statement_credit)
        return CreditResult(amount, None, True, wording.credit_statement, (amount,))
    rule = getattr(policy.account.credit, scenario.status)
    if isinstance(rule, StatementRequired):
        field = "credit_before" if policy.kind == "pre_reform" else "credit_after"
        raise InputError.one(
            field,
            f"{policy.title.zh}：政策文件未给出该期间的个人账户划入标准，请填写对账单上的年度划入额",
            f"{policy.title.en}: the policy documents do not give this period's account credit rule; enter the annual "
            "credit from your account statement",
        )
    if isinstance(rule, PercentOfBase):
        if scenario.contribution_base is None:
            raise InputError.one(
                "contribution_base",
                "在职人员请填写年度缴费基数（或对账单上的年度划入额）",
                "is needed for an in-service member (or the annual credit from the statement)",
            )
        band = _band(rule.bands, scenario.age)
        amount = percent_of(scenario.contribution_base, band.percent)
        return CreditResult(
            amount,
            band.source or rule.source,
            True,
            wording.credit_percent_of_base,
            (scenario.contribution_base, band.percent, amount, scenario.age, len(rule.bands) > 1),
        )
    if isinstance(rule, FixedMonthly):
        band = _band(rule.bands, scenario.age)
        amount = fen(band.amount * MONTHS_PER_YEAR)
        return CreditResult(
            amount,
            band.source or rule.source,
            True,
            wording.credit_fixed_monthly,
            (band.amount, amount, scenario.age, len(rule.bands) > 1),
        )
    if isinstance(rule, FixedAnnual):
        return CreditResult(rule.amount, rule.source, True, wording.credit_fixed_annual, (rule.amount,))
    if isinstance(rule, PercentOfPension):
        if scenario.pension is None:
            raise InputError.one(
                "pension",
                "退休人员请填写月基本养老金（或对账单上的年度划入额）",
                "is needed for a retired member (or the annual credit from the statement)",
            )
        yearly = scenario.pension * MONTHS_PER_YEAR
        amount = percent_of(yearly, rule.percent)
        return CreditResult(
            amount, rule.source, True, wording.credit_percent_of_pension, (scenario.pension, rule.percent, amount)
        )
    if isinstance(rule, PercentOfReference):
        reference = policy.references[rule.reference]
        value, from_default = reference.resolve(scenario.references.get(rule.reference))
        if value is None:
            raise InputError.one(
                "references",
                f"{policy.title.zh}：需要「{reference.label.zh}」（references.{rule.reference}），政策文件未给出；"
                "请填写该金额，或填写对账单上的年度划入额",
                f"{policy.title.en}: needs '{reference.label.en}' (references.{rule.reference}), which the policy "
                "documents do not give; enter it, or the annual credit from your account statement",
            )
        yearly = value * MONTHS_PER_YEAR if reference.unit == "yuan_per_month" else value
        amount = percent_of(yearly, rule.percent)
        published = reference.default if from_default else None
        default_note = None if published is None else (published.year, published.publisher.zh, published.publisher.en)
        return CreditResult(
            amount,
            rule.source,
            True,
            wording.credit_percent_of_reference,
            (
                reference.label.zh,
                reference.label.en,
                value,
                reference.unit == "yuan_per_month",
                rule.percent,
                amount,
                default_note,
            ),
        )
    raise AssertionError(f"unhandled credit rule {rule!r}")  # the policy model admits no other rule


# (amount, source, has_account, wording function, facts): a CreditResult's fields, as a plain tuple.
CreditTuple = tuple
PreparedCredit = Callable[[Policy, Scenario, "Decimal | None"], CreditTuple]


def prepare_credit(policy: Policy) -> PreparedCredit:
    """``account_credit`` for ``policy`` with its rules looked up once: the same amounts from the same
    arithmetic, as a tuple. Whatever the prepared rule does not cover (every refusal, every missing
    figure) is left to :func:`account_credit`, so each message has one home. The policy is passed in on
    each call rather than kept: what is prepared must not keep its policy alive."""
    no_account = frozenset(policy.account.no_account_tiers.tiers)
    no_account_source = policy.account.no_account_tiers.source
    rules = {status: _prepare_rule(policy, status) for status in ("in_service", "retired")}

    def general(policy: Policy, scenario: Scenario, statement_credit: Decimal | None) -> CreditTuple:
        result = account_credit(policy, scenario, statement_credit)
        return result.amount, result.source, result.has_account, result.render, result.facts

    def credit(policy: Policy, scenario: Scenario, statement_credit: Decimal | None) -> CreditTuple:
        if scenario.tier in no_account:
            if statement_credit or scenario.opening_balance:
                return general(policy, scenario, statement_credit)
            return ZERO, no_account_source, False, wording.credit_no_account, (ZERO,)
        if statement_credit is not None:
            amount = fen(statement_credit)
            return amount, None, True, wording.credit_statement, (amount,)
        rule = rules[scenario.status]
        found = rule(scenario) if rule is not None else None
        return found if found is not None else general(policy, scenario, statement_credit)

    return credit


def _by_age(bands: list, rule_source: Source | None, value: Callable) -> Callable[[int], tuple]:
    """A function of the age giving (value, source) of the band that applies (``_band``'s choice: the
    last band whose ``min_age`` is reached; the bands are validated in increasing order from 0)."""
    ages = [band.min_age for band in bands]
    found = [(value(band), band.source or rule_source) for band in bands]
    if len(found) == 1:
        only = found[0]
        return lambda age: only
    return lambda age: found[bisect_right(ages, age) - 1]


def _prepare_rule(policy: Policy, status: str) -> Callable[[Scenario], CreditTuple | None] | None:
    """The status's credit rule as a function of the person, or None for a rule the general path
    settles (a statement required); a function returns None where the person lacks a figure it needs."""
    rule = getattr(policy.account.credit, status)
    if isinstance(rule, PercentOfBase):
        bands, several = _by_age(rule.bands, rule.source, lambda band: band.percent), len(rule.bands) > 1

        def percent_of_base(scenario: Scenario) -> CreditTuple | None:
            base, age = scenario.contribution_base, scenario.age
            if base is None:
                return None
            percent, source = bands(age)
            amount = (base * percent / HUNDRED).quantize(FEN, ROUND_HALF_UP)
            return amount, source, True, wording.credit_percent_of_base, (base, percent, amount, age, several)

        return percent_of_base
    if isinstance(rule, FixedMonthly):
        amounts, several = _by_age(rule.bands, rule.source, lambda band: band.amount), len(rule.bands) > 1

        def fixed_monthly(scenario: Scenario) -> CreditTuple:
            monthly, source = amounts(scenario.age)
            amount = (monthly * MONTHS_PER_YEAR).quantize(FEN, ROUND_HALF_UP)
            return amount, source, True, wording.credit_fixed_monthly, (monthly, amount, scenario.age, several)

        return fixed_monthly
    if isinstance(rule, FixedAnnual):
        fixed = (rule.amount, rule.source, True, wording.credit_fixed_annual, (rule.amount,))
        return lambda scenario: fixed
    if isinstance(rule, PercentOfPension):
        percent, source = rule.percent, rule.source

        def percent_of_pension(scenario: Scenario) -> CreditTuple | None:
            pension = scenario.pension
            if pension is None:
                return None
            amount = (pension * MONTHS_PER_YEAR * percent / HUNDRED).quantize(FEN, ROUND_HALF_UP)
            return amount, source, True, wording.credit_percent_of_pension, (pension, percent, amount)

        return percent_of_pension
    if isinstance(rule, PercentOfReference):
        name, percent, source = rule.reference, rule.percent, rule.source
        reference = policy.references[name]
        label_zh, label_en, monthly = reference.label.zh, reference.label.en, reference.unit == "yuan_per_month"
        published = reference.default
        default_note = None if published is None else (published.year, published.publisher.zh, published.publisher.en)

        def percent_of_reference(scenario: Scenario) -> CreditTuple | None:
            value, from_default = reference.resolve(scenario.references.get(name))
            if value is None:
                return None
            yearly = value * MONTHS_PER_YEAR if monthly else value
            amount = (yearly * percent / HUNDRED).quantize(FEN, ROUND_HALF_UP)
            facts = (label_zh, label_en, value, monthly, percent, amount, default_note if from_default else None)
            return amount, source, True, wording.credit_percent_of_reference, facts

        return percent_of_reference
    return None
