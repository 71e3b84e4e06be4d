"""A what-if at population scale: what a changed policy does to everyone, and to the pooled fund.

The sandbox's changed policy (``<id>~sandbox``, from :func:`calculator.overrides.apply_overrides`) is settled
for the same synthetic persons as the policy it changes and the pre-reform policy, in one pass
(:func:`calculator.population.population_reports`), giving three comparisons:

- ``what_if``: pre-reform → what-if — the report of today's population view, for the changed policy;
- ``against_base``: unchanged after-reform policy → what-if — who gains and loses by the change itself,
  and how much it adds to pooled payments and account credits;
- ``reform``: pre-reform → unchanged after-reform policy — the reference the what-if is read against.

The fund-balance statement (资金平移) says, per 10,000 insured, whether a policy pays out in pooled
outpatient payments as much as it takes out of personal-account credits. It is arithmetic on the
simulated totals, never a verdict of the policy documents, and lists the assumptions that drive it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .policy_model import Policy
from .population import (
    DEFAULT_CHUNK,
    DrawnPopulation,
    PopulationAssumptions,
    PopulationReport,
    _yuan,
    assumption_rows,
    population_reports,
)

#: the assumptions the money flow rests on most: who is insured, how much they spend, where, and the credit bases
FLOW_DRIVERS = (
    "retired_share",
    "zero_spending_in_service",
    "zero_spending_retired",
    "in_service_visits",
    "in_service_cost_per_visit",
    "retired_visit_ratio",
    "retired_cost_ratio",
    "spending_sigma",
    "level_mix_in_service",
    "level_mix_retired",
    "other_schemes_in_service",
    "other_schemes_retired",
    "base_median",
    "pension_median",
    "tier_mix",
    "references",
)
CHANGE_FIELDS = ("account_credit", "general_pooling_paid", "cash_paid", "closing_balance")
BREAKDOWN_KEYS = ("by_age", "by_status", "by_tier", "by_decile")


@dataclass
class WhatIfImpact:
    """The three comparisons of one what-if, all over the same persons."""

    reform: PopulationReport
    what_if: PopulationReport
    against_base: PopulationReport

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        """Today's population JSON for pre-reform → what-if, plus ``compare_to`` and ``fund_balance``."""
        return {
            **self.what_if.as_dict(),
            "compare_to": compare_to_block(self.against_base),
            "reform": {
                "after": self.reform.after.id,
                "outcomes": self.reform.as_dict()["outcomes"],
                "cash_change_histogram": self.reform.histogram_bins(),
            },
            "fund_balance": {
                "reform": fund_balance(self.reform, lang),
                "what_if": fund_balance(self.what_if, lang),
            },
        }


def what_if_impact(
    pre_reform: Policy,
    base: Policy,
    what_if: Policy,
    assumptions: PopulationAssumptions,
    chunk_size: int = DEFAULT_CHUNK,
    drawn: DrawnPopulation | None = None,
) -> WhatIfImpact:
    """Settle the same persons under the three policies once each and compare them (see the module)."""
    reform, changed, against = population_reports(
        [(pre_reform, base), (pre_reform, what_if), (base, what_if)], assumptions, chunk_size, drawn
    )
    return WhatIfImpact(reform, changed, against)


def _scaled(report: PopulationReport, fen_amount: int, per: int) -> Decimal:
    return _yuan(Decimal(fen_amount) * per / report.size)


def changes(report: PopulationReport, per: int) -> dict[str, Decimal]:
    """after − before of each total, in yuan for ``per`` insured (half up to the fen)."""
    return {
        name: _scaled(report, report.totals_fen[f"{name}_after"] - report.totals_fen[f"{name}_before"], per)
        for name in CHANGE_FIELDS
    }


def compare_to_block(report: PopulationReport) -> dict[str, Any]:
    """A what-if against the policy it changes: who gains and loses by the change, and what it costs."""
    data = report.as_dict()
    return {
        "policy": report.before.id,
        "outcomes": data["outcomes"],
        **{key: data[key] for key in BREAKDOWN_KEYS},
        "changes": {
            "total": changes(report, report.size),
            "per_10000": changes(report, 10_000),
            "scaled": changes(report, report.scale_to),
        },
        "cash_change_histogram": data["cash_change_histogram"],
    }


def fund_balance(report: PopulationReport, lang: str = "zh") -> dict[str, Any]:
    """Whether ``report.after`` pays out in pooled payments what it removes from account credits (资金平移).

    ``net`` = credits removed − pooled payments added, per 10,000 insured: positive means the pooled
    payments added are smaller than the credits removed, negative that they are larger. ``share`` is pooled
    payments added as a percentage of credits removed (None when no credit is removed).
    """
    per = report.flow(10_000)
    removed, added, net = per["credits_removed"], per["pooled_added"], per["net"]
    if net == 0:
        verdict = "balanced"
    elif net > 0:
        verdict = "pays_out_less"
    else:
        verdict = "pays_out_more"
    share = (added / removed * 100).quantize(Decimal("0.1")) if removed > 0 else None
    drivers = [row for row in assumption_rows(report.assumptions, lang) if row["name"] in FLOW_DRIVERS]
    return {
        "policy": report.after.id,
        "against": report.before.id,
        "verdict": verdict,
        "per_10000": per,
        "scaled": report.flow(report.scale_to),
        "scale_to": report.scale_to,
        "pooled_share_of_removed_percent": share,
        "statement": fund_balance_sentence(verdict, per, share, lang),
        "drivers": drivers,
    }


def fund_balance_sentence(verdict: str, per: dict[str, Decimal], share: Decimal | None, lang: str) -> str:
    """The fund-balance statement in plain words, with the amounts per 10,000 insured rounded as simulated
    aggregates are everywhere (to the thousand yuan; the exact figures are in ``per_10000`` and the
    downloads)."""
    from .money import format_rounded_yuan

    removed, added = (format_rounded_yuan(per[key], lang) for key in ("credits_removed", "pooled_added"))
    gap = format_rounded_yuan(abs(per["net"]), lang)
    if lang == "en":
        head = f"Per 10,000 insured: account credits fall by {removed} and pooled outpatient payments rise by {added}"
        tail = {
            "balanced": "; the two are equal: the money moved is paid back out in full.",
            "pays_out_less": f"; pooling pays out {gap} less than the accounts lose.",
            "pays_out_more": f"; pooling pays out {gap} more than the accounts lose.",
        }[verdict]
        note = f" Pooled payments added are {share}% of the credits removed." if share is not None else ""
        return head + tail + note + " Simulated population; the figures rest on the assumptions listed."
    head = f"每万名参保人：个人账户划入减少 {removed}，普通门诊统筹支付增加 {added}"
    tail = {
        "balanced": "，两者相等：划出的资金全部用于统筹支付。",
        "pays_out_less": f"，统筹支付比账户划入的减少额少 {gap}。",
        "pays_out_more": f"，统筹支付比账户划入的减少额多 {gap}。",
    }[verdict]
    note = f"统筹支付增加额相当于划入减少额的 {share}%。" if share is not None else ""
    return head + tail + note + "以上为模拟人群的测算，取决于下列假设。"
