"""Before and after: the same person under two policy versions (or under several)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import CalculatorError
from .money import format_yuan
from .policy_model import Policy, Reference
from .registry import Registry, default_registry
from .scenario import Scenario
from .settlement import OUTPUT_FIELDS, YearResult, settle_year


@dataclass(frozen=True)
class Comparison:
    before: YearResult
    after: YearResult

    @property
    def change(self) -> dict[str, Decimal]:
        """after − before for each output (a negative cash change is money the person keeps)."""
        return {name: getattr(self.after, name) - getattr(self.before, name) for name in OUTPUT_FIELDS}


def compare(scenario: Scenario, before: Policy, after: Policy) -> Comparison:
    """Settle ``scenario`` under both policies; statement credits apply to their own side."""
    comparison = _new(Comparison)  # the frozen record filled in one assignment (see settle_year)
    _set(
        comparison,
        "__dict__",
        {
            "before": settle_year(before, scenario, scenario.credit_before),
            "after": settle_year(after, scenario, scenario.credit_after),
        },
    )
    return comparison


_new = object.__new__
_set = object.__setattr__


@dataclass(frozen=True)
class SideOutcome:
    """One side of a comparison: its year, or why it cannot be settled without another figure."""

    policy: Policy
    result: YearResult | None
    error: CalculatorError | None


def compare_sides(scenario: Scenario, before: Policy, after: Policy) -> tuple[SideOutcome, SideOutcome]:
    """Settle each side on its own, so that a figure only one side needs (a statement credit, a regional
    reference) never keeps the other side's answer from the person."""
    outcomes = []
    for policy, statement in ((before, scenario.credit_before), (after, scenario.credit_after)):
        try:
            outcomes.append(SideOutcome(policy, settle_year(policy, scenario, statement), None))
        except CalculatorError as error:
            outcomes.append(SideOutcome(policy, None, error))
    return outcomes[0], outcomes[1]


@dataclass(frozen=True)
class DefaultUsed:
    """A published default figure standing in for a reference the policy documents leave open."""

    side: str  # "before" or "after"
    policy: Policy
    name: str
    reference: Reference

    def text(self, lang: str) -> str:
        """What the figure is, its year and publisher, and how to replace it (for the CLI's output)."""
        published = self.reference.default
        amount = format_yuan(published.value)
        if lang == "en":
            return (
                f"Note: {self.policy.title.en} uses {self.reference.label.en} = {amount} ({published.year}, "
                f"published by {published.publisher.en}): secondary source — replace it with the credit on your "
                f"account statement (--credit-{self.side}) or give the figure (--reference {self.name}=AMOUNT)."
            )
        return (
            f"注：{self.policy.title.zh}按「{self.reference.label.zh}」{amount}计算（{published.year}年，"
            f"{published.publisher.zh}公布）：二手资料——请以对账单上的年度划入额替换（--credit-{self.side}），"
            f"或填写该金额（--reference {self.name}=金额）。"
        )


def defaults_used(scenario: Scenario, before: Policy, after: Policy) -> list[DefaultUsed]:
    """Where the year rests on a labelled default rather than the person's own figure (to be said so)."""
    used = []
    for side, policy, statement in (
        ("before", before, scenario.credit_before),
        ("after", after, scenario.credit_after),
    ):
        if statement is not None or scenario.tier in policy.account.no_account_tiers.tiers:
            continue
        rule = getattr(policy.account.credit, scenario.status)
        name = getattr(rule, "reference", None)
        if name is None or name in scenario.references:
            continue
        reference = policy.references[name]
        if reference.resolve(None)[1]:
            used.append(DefaultUsed(side, policy, name, reference))
    return used


def resolve_pair(
    region: str | None = None,
    before: str | None = None,
    after: str | None = None,
    registry: Registry | None = None,
) -> tuple[Policy, Policy]:
    """The policies to compare: a region's default pair, with either side replaceable by id."""
    registry = registry or default_registry()
    if region is None and (before is None or after is None):
        region = "chongqing"
    pair_before, pair_after = registry.pair(region) if region else (None, None)
    return (
        registry.get(before) if before else pair_before,
        registry.get(after) if after else pair_after,
    )
