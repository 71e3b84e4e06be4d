"""Several policies side by side: one person under each, and the parameters in one table.

Training sessions compare regions. Both views are built from the policy files alone: the outcome
calls :func:`calculator.settlement.settle_year` once per policy, and every cell of the parameter table
carries the source of the parameter it shows, so the table can be read against the policy documents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .errors import CalculatorError
from .money import MONTHS_PER_YEAR, format_percent, format_yuan
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
from .registry import Registry, default_registry
from .scenario import Scenario, with_annual_spending
from .settlement import KIND_NAMES, YearResult, settle_year


@dataclass(frozen=True)
class Outcome:
    """One person's year under one policy, or why it could not be settled (a missing input)."""

    policy: Policy
    result: YearResult | None
    error: CalculatorError | None


def settle_under(
    scenario: Scenario, policies: Sequence[Policy], statements: Mapping[str, Decimal] | None = None
) -> list[Outcome]:
    """Settle ``scenario`` under each policy. The scenario's statement credits are not used: they belong
    to one policy pair, and across regions each policy's own credit rule is what is being compared.
    ``statements`` (policy id → the annual credit read off an account statement for that policy's
    period) completes a policy whose rule needs a figure the documents do not give."""
    person = scenario.model_copy(update={"credit_before": None, "credit_after": None})
    statements = statements or {}
    outcomes = []
    for policy in policies:
        try:
            outcomes.append(Outcome(policy, settle_year(policy, person, statements.get(policy.id)), None))
        except CalculatorError as error:
            outcomes.append(Outcome(policy, None, error))
    return outcomes


def regional_policies(registry: Registry | None = None, *, with_before: bool = False) -> list[Policy]:
    """Every region's current reform policy (and the version it replaces), then the templates."""
    registry = registry or default_registry()
    chosen: list[Policy] = []
    for after in registry.regions().values():
        if with_before and after.replaces:
            chosen.append(registry.get(after.replaces))
        chosen.append(after)
    return chosen + registry.templates()


# -- the parameter table -------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    source: Source | None

    @property
    def secondary(self) -> bool:
        return bool(self.source and self.source.secondary)


@dataclass(frozen=True)
class ParameterRow:
    key: str
    label: str
    cells: list[Cell]


_ROW_LABELS: dict[str, tuple[str, str]] = {
    "deductible.in_service": ("起付标准（在职）", "deductible (in service)"),
    "deductible.retired": ("起付标准（退休）", "deductible (retired)"),
    "rates.in_service": ("支付比例（在职，一级/二级/三级）", "rate (in service, level 1/2/3)"),
    "rates.retired": ("支付比例（退休，一级/二级/三级）", "rate (retired, level 1/2/3)"),
    "cap.in_service": ("年度支付限额（在职）", "annual cap (in service)"),
    "cap.retired": ("年度支付限额（退休）", "annual cap (retired)"),
    "categories": ("专项门诊（中医、两病用药）", "special kinds (TCM, hypertension/diabetes drugs)"),
    "credit.in_service": ("个人账户划入（在职）", "account credit (in service)"),
    "credit.retired": ("个人账户划入（退休）", "account credit (retired)"),
    "no_account": ("不设个人账户的档次", "tiers without an account"),
    "family_sharing": ("家庭共济", "family sharing"),
}
_POOLING_ROWS = ("deductible", "rates", "cap", "categories")
_TIERS = {
    "employer": ("单位职工", "employer-based"),
    "individual_tier1": ("个人一档", "individual tier 1"),
    "individual_tier2": ("个人二档", "individual tier 2"),
}
_RELATIONS = {"spouse": ("配偶", "spouse"), "parent": ("父母", "parents"), "child": ("子女", "children")}


def _word(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def _ages(bands: list, index: int, lang: str) -> str:
    """The age range of band ``index``: ``<35``, ``35–44``, ``≥45``."""
    low = bands[index].min_age
    high = bands[index + 1].min_age - 1 if index + 1 < len(bands) else None
    if len(bands) == 1:
        return ""
    if low == 0:
        return f"（{bands[1].min_age}岁以下）" if lang != "en" else f" (under {bands[1].min_age})"
    if high is None:
        return f"（{low}岁及以上）" if lang != "en" else f" ({low} and over)"
    return f"（{low}–{high}岁）" if lang != "en" else f" ({low}–{high})"


def describe_credit_rule(policy: Policy, status: str, lang: str = "zh") -> str:
    """A credit rule in words: ``2% × 缴费基数``, ``105元/月（70岁以下）；115元/月（70岁及以上）``."""
    rule = getattr(policy.account.credit, status)
    en = lang == "en"
    separator = "; " if en else "；"
    if isinstance(rule, PercentOfBase):
        what = "of the contribution base" if en else "× 缴费基数"
        return separator.join(
            f"{format_percent(band.percent)} {what}{_ages(rule.bands, i, lang)}" for i, band in enumerate(rule.bands)
        )
    if isinstance(rule, FixedMonthly):
        unit = " a month" if en else "/月"
        return separator.join(
            f"{format_yuan(band.amount)}{unit}{_ages(rule.bands, i, lang)}" for i, band in enumerate(rule.bands)
        )
    if isinstance(rule, FixedAnnual):
        return f"{format_yuan(rule.amount)}{' a year' if en else '/年'}"
    if isinstance(rule, PercentOfPension):
        return f"{format_percent(rule.percent)} {'of own pension' if en else '× 本人养老金'}"
    if isinstance(rule, PercentOfReference):
        reference = policy.references[rule.reference]
        if reference.value is None:
            value = "amount to be entered" if en else "金额需填写"
        else:
            yearly = reference.value * (MONTHS_PER_YEAR if reference.unit == "yuan_per_month" else 1)
            value = format_yuan(yearly) + (" a year" if en else "/年")
        return f"{format_percent(rule.percent)} × {reference.label.in_lang(lang)}（{value}）"
    if isinstance(rule, StatementRequired):
        return "规则未公布：按对账单填写" if not en else "rule not published: from the account statement"
    raise AssertionError(f"unhandled credit rule {rule!r}")  # the policy model admits no other rule


def _credit_source(policy: Policy, status: str) -> Source:
    rule = getattr(policy.account.credit, status)
    banded = [band.source for band in getattr(rule, "bands", []) if band.source is not None]
    secondary = [source for source in banded if source.secondary]
    return secondary[0] if secondary else rule.source


def _pooling_cells(policy: Policy, lang: str) -> dict[str, Cell]:
    pooling = policy.pooling
    if pooling is None:
        none = Cell("无普通门诊统筹" if lang != "en" else "no general pooling", policy.no_pooling)
        return {key: none for key in _ROW_LABELS if key.split(".")[0] in _POOLING_ROWS}
    cells = {}
    for status in ("in_service", "retired"):
        cells[f"deductible.{status}"] = Cell(
            format_yuan(pooling.deductible.for_status(status)), pooling.deductible.source
        )
        rates = getattr(pooling.rates_percent, status)
        cells[f"rates.{status}"] = Cell(
            " / ".join(format_percent(rates[level]) for level in (1, 2, 3)), pooling.rates_percent.source
        )
        cap = pooling.annual_cap
        text = format_yuan(getattr(cap, status))
        for tier, table in cap.by_tier.items():
            text += f"{'; ' if lang == 'en' else '；'}{_word(_TIERS, tier, lang)} {format_yuan(getattr(table, status))}"
        cells[f"cap.{status}"] = Cell(text, cap.source)
    parts = []
    for kind, category in pooling.categories.items():
        rules = []
        if category.deductible == "shared":
            rules.append("共用起付线" if lang != "en" else "shared deductible")
        elif category.deductible.in_service == category.deductible.retired == 0:
            rules.append("无起付线" if lang != "en" else "no deductible")
        else:
            rules.append(("起付 " if lang != "en" else "deductible ") + format_yuan(category.deductible.in_service))
        if category.rate_bonus_points:
            rules.append(f"+{format_percent(category.rate_bonus_points)}")
        if category.sub_cap is not None:
            rules.append(("限额 " if lang != "en" else "cap ") + format_yuan(category.sub_cap))
        kind_name = KIND_NAMES[kind][1 if lang == "en" else 0]
        parts.append(f"{kind_name}：{'，'.join(rules)}" if lang != "en" else f"{kind_name}: {', '.join(rules)}")
    first = next(iter(pooling.categories.values()), None)
    cells["categories"] = Cell(("；" if lang != "en" else "; ").join(parts) or "–", first.source if first else None)
    return cells


def _account_cells(policy: Policy, lang: str) -> dict[str, Cell]:
    account = policy.account
    cells = {
        f"credit.{status}": Cell(describe_credit_rule(policy, status, lang), _credit_source(policy, status))
        for status in ("in_service", "retired")
    }
    tiers = account.no_account_tiers.tiers
    cells["no_account"] = Cell(
        "、".join(_word(_TIERS, tier, lang) for tier in tiers) if tiers else "–", account.no_account_tiers.source
    )
    sharing = account.family_sharing
    if not sharing.allowed:
        text = "不允许" if lang != "en" else "not allowed"
    else:
        who = ("、" if lang != "en" else ", ").join(_word(_RELATIONS, r, lang) for r in sharing.relations)
        if sharing.min_balance_after is None:
            floor = "无余额下限" if lang != "en" else "no balance floor"
        else:
            relation = (
                ("高于" if sharing.strictly_above else "不低于")
                if lang != "en"
                else ("above" if sharing.strictly_above else "at least")
            )
            floor = (
                f"支付后余额须{relation} {format_yuan(sharing.min_balance_after)}"
                if lang != "en"
                else f"balance after paying must stay {relation} {format_yuan(sharing.min_balance_after)}"
            )
        text = f"{who}（{floor}）" if lang != "en" else f"{who} ({floor})"
    cells["family_sharing"] = Cell(text, sharing.source)
    return cells


def parameter_table(policies: Sequence[Policy], lang: str = "zh") -> list[ParameterRow]:
    """Rows of parameters (deductible, rates, caps, special kinds, credit, sharing), one cell per policy;
    each :class:`Cell` carries its :class:`Source`, which ``Registry.cite`` turns into text."""
    columns = [{**_pooling_cells(policy, lang), **_account_cells(policy, lang)} for policy in policies]
    return [
        ParameterRow(key, _word(_ROW_LABELS, key, lang), [column[key] for column in columns]) for key in _ROW_LABELS
    ]


def cash_curve(
    scenario: Scenario, policy: Policy, spendings: Sequence[Decimal], statement_credit: Decimal | None = None
) -> list[YearResult | None]:
    """The person's year under ``policy`` at each annual spending (same level), for the region chart."""
    results: list[YearResult | None] = []
    for spending in spendings:
        try:
            results.append(settle_year(policy, with_annual_spending(scenario, spending), statement_credit))
        except CalculatorError:
            results.append(None)
    return results
