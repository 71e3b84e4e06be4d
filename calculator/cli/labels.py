"""Names of the outputs and policy kinds in both languages, for the command line's tables."""

from __future__ import annotations

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


def label(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh
