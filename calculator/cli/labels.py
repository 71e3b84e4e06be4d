"""Names of the outputs, policy kinds and policies in both languages, for the command line's tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..overrides import SANDBOX_SUFFIX
from ..words import date_words

if TYPE_CHECKING:
    from ..policy_model import Policy

OUTPUT_LABELS: dict[str, tuple[str, str]] = {
    "account_credit": ("个人账户划入", "account credit"),
    "other_schemes_paid": ("其他保障支付（两病/特病/国谈）", "paid by other schemes"),
    "general_pooling_paid": ("普通门诊统筹支付", "general pooling paid"),
    "reimbursed_total": ("医保报销合计", "reimbursed in total"),
    "own_share": ("个人负担", "own share"),
    "account_paid": ("个人账户支付", "paid from the account"),
    "cash_paid": ("现金支付", "paid in cash"),
    "closing_balance": ("年末账户余额", "year-end balance"),
}

KIND_LABELS: dict[str, tuple[str, str]] = {
    "pre_reform": ("改革前", "before the reform"),
    "reform": ("改革后", "reform"),
    "template": ("国家框架模板", "national template"),
}

#: a policy's kind as a column heading: short, as a citizen says it
HEADING_KINDS: dict[str, tuple[str, str]] = {
    "pre_reform": ("改革前", "before"),
    "reform": ("改革后", "after"),
    "template": ("国家框架模板", "national template"),
}


def label(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def policy_period(policy: Policy, lang: str) -> str:
    """When a policy is in force, as its title says it: ``2024年1月1日起`` / ``from 2024-01-01``, or ""."""
    if policy.effective_from is not None:
        start = date_words(policy.effective_from, lang)
        return f"from {start}" if lang == "en" else f"{start}起"
    if policy.effective_to is not None:
        end = date_words(policy.effective_to, lang)
        return f"to {end}" if lang == "en" else f"至{end}"
    return ""


def policy_heading(policy: Policy, lang: str, *, by_region: bool = False) -> str:
    """A policy as a table's column heading names it for a reader, never by its file id:
    ``改革后（2024年1月1日起）`` / ``after (from 2024-01-01)``, or with ``by_region`` (policies of several
    regions side by side) ``重庆（2024年1月1日起）``. A what-if copy says it is one."""
    name = policy.region.in_lang(lang) if by_region else label(HEADING_KINDS, policy.kind, lang)
    notes = [policy_period(policy, lang)]
    if by_region and policy.kind == "pre_reform":
        notes.insert(0, label(HEADING_KINDS, policy.kind, lang))
    if policy.id.endswith(SANDBOX_SUFFIX):
        notes.append("what-if" if lang == "en" else "沙盘假设")
    notes = [note for note in notes if note]
    if not notes:
        return name
    return f"{name} ({', '.join(notes)})" if lang == "en" else f"{name}（{'，'.join(notes)}）"
