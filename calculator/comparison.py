"""Before and after: the same person under two policy versions (or under several)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .policy_model import Policy
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
    return Comparison(
        before=settle_year(before, scenario, scenario.credit_before),
        after=settle_year(after, scenario, scenario.credit_after),
    )


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
