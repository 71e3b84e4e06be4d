"""Many person-years at once: the rules of :mod:`calculator.settlement`, as numpy arrays in integer fen.

This is one more front of the same rules, not a second copy of them: every parameter is read from the
:class:`~calculator.policy_model.Policy` object (the policy file), and every step mirrors the exact
Decimal engine (``credit.account_credit``, ``pooling.settle_pooling``, ``settlement.settle_year``),
rounding half up to the fen at the same points. Money is ``int64`` fen throughout, so there is no
float anywhere in the settlement and the results agree with the exact engine to the fen (checked on
100,000 random persons per policy file by ``tests/test_vectorised.py``).

Scope: the population model's person-year — one annual amount of **general** outpatient spending at
one institution level, what other schemes paid, the opening balance, and no family payments and no
statement credits. Categories (TCM, 两病 sub-caps) are not needed for general spending: in the exact
engine the general kind always takes the pooling's own deductible, rates and cap. Percentages may
have up to four decimals (the policy model's limit), so they are held as integers in units of 10⁻⁴ %.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from .errors import InputError
from .money import MONTHS_PER_YEAR
from .policy_model import FixedAnnual, FixedMonthly, PercentOfBase, PercentOfPension, PercentOfReference, Policy
from .vocabulary import LEVELS, STATUSES, TIERS

PERCENT_UNITS = 10_000  # a percent held as an integer number of 10⁻⁴ %
ROUND_DENOMINATOR = 100 * PERCENT_UNITS  # fen × percent-units / this = fen


def to_fen(amount: Decimal | int | str) -> int:
    """A yuan amount with at most two decimals, as whole fen (refuses anything finer: no silent rounding)."""
    value = Decimal(amount) * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} has more than two decimals")
    return int(value)


def percent_units(percent: Decimal) -> int:
    """A policy percent (≤ 4 decimals) as an integer in units of 10⁻⁴ %."""
    value = Decimal(percent) * PERCENT_UNITS
    if value != value.to_integral_value():
        raise ValueError(f"{percent}% has more than four decimals")
    return int(value)


def percent_of_fen(amount_fen: np.ndarray, units: np.ndarray | int) -> np.ndarray:
    """``percent`` % of ``amount``, settled to the fen half up — :func:`calculator.money.percent_of` in integers.

    Exact engine: ``fen(amount × percent / 100)`` with ``amount`` in yuan. In fen and 10⁻⁴ % units that is
    ``amount_fen × units / 10⁶`` fen, rounded half up: ``(2·n + d) // (2·d)`` for the non-negative
    numerators that occur here (amounts ≤ 10⁹ fen, units ≤ 10⁶, so 2·n < 2^63).
    """
    numerator = np.asarray(amount_fen, dtype=np.int64) * np.asarray(units, dtype=np.int64)
    return (2 * numerator + ROUND_DENOMINATOR) // (2 * ROUND_DENOMINATOR)


STATUS_CODE = {name: code for code, name in enumerate(STATUSES)}
TIER_CODE = {name: code for code, name in enumerate(TIERS)}


@dataclass
class PersonYears:
    """A chunk of person-years as columns (one row per person). Money in int64 fen.

    ``status`` and ``tier`` are codes into :data:`calculator.vocabulary.STATUSES` / ``TIERS``;
    ``contribution_base`` is 0 for retirees and ``pension`` (monthly) 0 for in-service members, as the
    exact engine's ``None``.
    """

    status: np.ndarray  # int8
    tier: np.ndarray  # int8
    age: np.ndarray  # int16
    level: np.ndarray  # int8, 1–3
    contribution_base: np.ndarray  # int64 fen a year
    pension: np.ndarray  # int64 fen a month
    spending: np.ndarray  # int64 fen, general outpatient, the year
    other_schemes_paid: np.ndarray  # int64 fen, ≤ spending
    opening_balance: np.ndarray  # int64 fen

    def __len__(self) -> int:
        return int(self.status.shape[0])

    def scenario_data(self, i: int, references: dict[str, Decimal]) -> dict:
        """Person ``i`` as the exact engine's input (for :func:`calculator.scenario.parse_scenario`):
        the bridge the agreement test and the benchmark use to settle the same person both ways."""
        return {
            "status": STATUSES[self.status[i]],
            "tier": TIERS[self.tier[i]],
            "age": int(self.age[i]),
            "contribution_base": fen_to_yuan(self.contribution_base[i]) if self.contribution_base[i] else None,
            "pension": fen_to_yuan(self.pension[i]) if self.pension[i] else None,
            "spending": fen_to_yuan(self.spending[i]),
            "level": int(self.level[i]),
            "other_schemes_paid": fen_to_yuan(self.other_schemes_paid[i]),
            "opening_balance": fen_to_yuan(self.opening_balance[i]),
            "references": references,
        }


def fen_to_yuan(fen: int | np.integer) -> Decimal:
    """An integer number of fen as exact Decimal yuan."""
    return Decimal(int(fen)).scaleb(-2)


@dataclass
class Settled:
    """The settled chunk, field names as :data:`calculator.settlement.OUTPUT_FIELDS` (int64 fen)."""

    account_credit: np.ndarray
    other_schemes_paid: np.ndarray
    general_pooling_paid: np.ndarray
    own_share: np.ndarray
    account_paid: np.ndarray
    cash_paid: np.ndarray
    closing_balance: np.ndarray
    has_account: np.ndarray  # bool

    @property
    def reimbursed_total(self) -> np.ndarray:
        return self.other_schemes_paid + self.general_pooling_paid


@dataclass(frozen=True)
class CompiledPolicy:
    """A policy's parameters as integer lookup tables, read once from the policy object."""

    policy: Policy
    no_account: np.ndarray  # by tier code
    deductible: np.ndarray | None  # by status code (fen)
    rate_units: np.ndarray | None  # [status, level] (10⁻⁴ %)
    cap: np.ndarray | None  # [status, tier] (fen)
    credit_rules: tuple  # by status code: the policy's rule objects
    reference_fen: dict[str, int | None]  # yearly reference amounts in fen, by reference name


def _reference_values(policy: Policy, references: Mapping[str, Decimal | int | str] | None) -> dict[str, int | None]:
    """Yearly amounts (fen) of the references the credit rules use; None where neither the file nor the user gives it."""
    found: dict[str, int | None] = {}
    for status in STATUSES:
        rule = getattr(policy.account.credit, status)
        if not isinstance(rule, PercentOfReference):
            continue
        reference = policy.references[rule.reference]
        value, _ = reference.resolve((references or {}).get(rule.reference))
        months = MONTHS_PER_YEAR if reference.unit == "yuan_per_month" else 1
        found[rule.reference] = None if value is None else to_fen(value) * months
    return found


def compile_policy(policy: Policy, references: Mapping[str, Decimal | int | str] | None = None) -> CompiledPolicy:
    """Turn ``policy`` into lookup tables; ``references`` supplies regional amounts the file leaves null."""
    no_account = np.array([tier in policy.account.no_account_tiers.tiers for tier in TIERS], dtype=bool)
    pooling = policy.pooling
    if pooling is None:
        deductible = rate_units = cap = None
    else:
        deductible = np.array([to_fen(pooling.deductible.for_status(s)) for s in STATUSES], dtype=np.int64)
        rate_units = np.zeros((len(STATUSES), max(LEVELS) + 1), dtype=np.int64)
        for s, status in enumerate(STATUSES):
            for level in LEVELS:
                rate_units[s, level] = percent_units(pooling.rates_percent.rate(status, level))
        cap = np.array(
            [[to_fen(pooling.annual_cap.cap(status, tier)) for tier in TIERS] for status in STATUSES], dtype=np.int64
        )
    rules = tuple(getattr(policy.account.credit, status) for status in STATUSES)
    return CompiledPolicy(policy, no_account, deductible, rate_units, cap, rules, _reference_values(policy, references))


def _missing(field: str, zh: str, en: str) -> InputError:
    return InputError.one(field, zh, en)


def _credit_for_rule(rule, people: PersonYears, mask: np.ndarray, compiled: CompiledPolicy) -> np.ndarray:
    """The credit rule of one status evaluated for every row (rows outside ``mask`` are ignored later).

    Mirrors :func:`calculator.credit.account_credit`: percent rules round half up to the fen once, on the
    yearly amount; a fixed monthly amount × 12 is exact.
    """
    if isinstance(rule, PercentOfBase):
        if np.any(mask & (people.contribution_base <= 0)):
            raise _missing(
                "contribution_base",
                "在职人员请填写年度缴费基数（或对账单上的年度划入额）",
                "is needed for an in-service member (or the annual credit from the statement)",
            )
        mins = np.array([band.min_age for band in rule.bands], dtype=np.int64)
        units = np.array([percent_units(band.percent) for band in rule.bands], dtype=np.int64)
        band = np.searchsorted(mins, people.age, side="right") - 1
        return percent_of_fen(people.contribution_base, units[band])
    if isinstance(rule, FixedMonthly):
        mins = np.array([band.min_age for band in rule.bands], dtype=np.int64)
        yearly = np.array([to_fen(band.amount) * MONTHS_PER_YEAR for band in rule.bands], dtype=np.int64)
        return yearly[np.searchsorted(mins, people.age, side="right") - 1]
    if isinstance(rule, FixedAnnual):
        return np.full(len(people), to_fen(rule.amount), dtype=np.int64)
    if isinstance(rule, PercentOfPension):
        if np.any(mask & (people.pension <= 0)):
            raise _missing(
                "pension",
                "退休人员请填写月基本养老金（或对账单上的年度划入额）",
                "is needed for a retired member (or the annual credit from the statement)",
            )
        return percent_of_fen(people.pension * MONTHS_PER_YEAR, percent_units(rule.percent))
    if isinstance(rule, PercentOfReference):
        yearly = compiled.reference_fen[rule.reference]
        if yearly is None:  # refused as the exact engine does, when someone actually needs it
            policy, reference = compiled.policy, compiled.policy.references[rule.reference]
            raise InputError.one(
                "references",
                f"{policy.title.zh}：需要「{reference.label.zh}」（references.{rule.reference}），政策文件未给出；请填写该金额",
                f"{policy.title.en}: needs '{reference.label.en}' (references.{rule.reference}), which the policy "
                "documents do not give; enter it",
            )
        amount = percent_of_fen(np.int64(yearly), percent_units(rule.percent))
        return np.full(len(people), int(amount), dtype=np.int64)
    raise AssertionError(f"unhandled credit rule {rule!r}")  # the policy model admits no other rule


def account_credit(
    compiled: CompiledPolicy, people: PersonYears, statement_credit: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(credit fen, has_account) for every row, as :func:`calculator.credit.account_credit`.

    ``statement_credit`` (fen, one per row) replaces the rule, as the credit read off an account statement
    does in the exact engine; a rule the policy documents do not give (``statement_required``) needs it.
    """
    has_account = ~compiled.no_account[people.tier]
    if np.any(~has_account & (people.opening_balance != 0)) or (
        statement_credit is not None and np.any(~has_account & (statement_credit != 0))
    ):
        raise InputError.one(
            "opening_balance",
            f"{compiled.policy.title.zh}：不设个人账户的参保档次，年初余额与划入额应为 0",
            f"{compiled.policy.title.en}: a tier without a personal account must have no balance and no credit",
        )
    if statement_credit is not None:
        return np.where(has_account, statement_credit, 0).astype(np.int64), has_account
    credit = np.zeros(len(people), dtype=np.int64)
    for code, rule in enumerate(compiled.credit_rules):
        mask = (people.status == code) & has_account
        if not np.any(mask):
            continue
        if getattr(rule, "method", None) == "statement_required":
            field = "credit_before" if compiled.policy.kind == "pre_reform" else "credit_after"
            raise InputError.one(
                field,
                f"{compiled.policy.title.zh}：政策文件未给出该期间的个人账户划入标准，无法按规则计算人群的划入额",
                f"{compiled.policy.title.en}: the policy documents do not give this period's account credit rule, so a "
                "population's credits cannot be computed",
            )
        credit = np.where(mask, _credit_for_rule(rule, people, mask, compiled), credit)
    return credit, has_account


def general_pooling(compiled: CompiledPolicy, people: PersonYears) -> np.ndarray:
    """General pooling paid (fen) for one annual general amount at one level — :func:`settle_pooling`'s one-visit case.

    eligible = spending − other schemes; the deductible applied is min(eligible, deductible) (the counter
    starts at 0); computed = (eligible − deductible applied) × rate, half up to the fen; pooled =
    min(computed, annual cap for status and tier).
    """
    if compiled.deductible is None:
        return np.zeros(len(people), dtype=np.int64)
    eligible = people.spending - people.other_schemes_paid
    applied = np.minimum(eligible, compiled.deductible[people.status])
    computed = percent_of_fen(eligible - applied, compiled.rate_units[people.status, people.level])
    return np.minimum(computed, compiled.cap[people.status, people.tier])


def settle(compiled: CompiledPolicy, people: PersonYears, statement_credit: np.ndarray | None = None) -> Settled:
    """Settle every row's year — the order of :func:`calculator.settlement.settle_year`."""
    credit, has_account = account_credit(compiled, people, statement_credit)
    pooled = general_pooling(compiled, people)
    own_share = people.spending - people.other_schemes_paid - pooled
    available = people.opening_balance + credit
    account_paid = np.minimum(own_share, available)
    return Settled(
        account_credit=credit,
        other_schemes_paid=people.other_schemes_paid,
        general_pooling_paid=pooled,
        own_share=own_share,
        account_paid=account_paid,
        cash_paid=own_share - account_paid,
        closing_balance=available - account_paid,
        has_account=has_account,
    )


def settle_policy(
    policy: Policy, people: PersonYears, references: Mapping[str, Decimal | int | str] | None = None
) -> Settled:
    """Convenience: compile ``policy`` and settle ``people`` (compile once yourself when settling many chunks)."""
    return settle(compile_policy(policy, references), people)
