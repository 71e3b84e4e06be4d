"""Settle one insured person's calendar year under one policy.

The order is the money flow of ``RULES.md``: account credit; other schemes first; general pooling
visit by visit; own share; the account pays the own share up to its balance; the rest is cash; then
any family payments the policy allows; the closing balance carries over. Every step is recorded in
the trace with its formula and source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .credit import account_credit
from .money import ZERO, fen
from .policy_model import FamilySharing, Policy
from .pooling import PoolingResult, VisitLine, settle_pooling
from .scenario import Scenario
from .trace import Step, Trace, num, pct

KIND_NAMES = {
    "general": ("普通门诊", "general outpatient"),
    "tcm": ("中医门诊", "TCM outpatient"),
    "hypertension": ("高血压用药", "hypertension medication"),
    "diabetes": ("糖尿病用药", "diabetes medication"),
}
RELATION_NAMES = {"spouse": ("配偶", "spouse"), "parent": ("父母", "parent"), "child": ("子女", "child")}

# The outputs of one year, in the order of the JSON contract.
OUTPUT_FIELDS = (
    "account_credit",
    "other_schemes_paid",
    "general_pooling_paid",
    "reimbursed_total",
    "own_share",
    "account_paid",
    "cash_paid",
    "closing_balance",
)


@dataclass(frozen=True)
class FamilyLine:
    relation: str
    requested: Decimal
    paid: Decimal
    refused: Decimal
    reason: str | None  # None, "not_allowed", "relation", "floor", "balance"


@dataclass(frozen=True)
class YearResult:
    """The settled year. All amounts are Decimal yuan to the fen."""

    policy: Policy
    spending: Decimal
    account_credit: Decimal
    credit_from_statement: bool
    has_account: bool
    opening_balance: Decimal
    other_schemes_paid: Decimal
    general_pooling_paid: Decimal
    own_share: Decimal
    account_paid: Decimal
    cash_paid: Decimal
    family_paid: Decimal
    family_refused: Decimal
    closing_balance: Decimal
    visits: list[VisitLine]
    family: list[FamilyLine]
    annual_cap: Decimal | None
    steps: list[Step] = field(default_factory=list)

    @property
    def reimbursed_total(self) -> Decimal:
        """What insurance paid in all: other schemes plus general pooling (the tables' 医保报销)."""
        return self.other_schemes_paid + self.general_pooling_paid

    @property
    def cap_reached(self) -> bool:
        return self.annual_cap is not None and self.general_pooling_paid >= self.annual_cap

    def outputs(self) -> dict[str, Decimal]:
        return {name: getattr(self, name) for name in OUTPUT_FIELDS}


def _family(
    sharing: FamilySharing, scenario: Scenario, balance: Decimal, trace: Trace
) -> tuple[list[FamilyLine], Decimal]:
    """Pay relatives' costs from the account after the holder's own, as the policy's sharing rule allows."""
    lines = []
    for payment in scenario.family:
        zh_rel, en_rel = RELATION_NAMES[payment.relation]
        if not sharing.allowed:
            paid, reason = ZERO, "not_allowed"
        elif payment.relation not in sharing.relations:
            paid, reason = ZERO, "relation"
        else:
            limit = balance
            if sharing.min_balance_after is not None:
                floor_gap = Decimal("0.01") if sharing.strictly_above else ZERO
                limit = balance - sharing.min_balance_after - floor_gap
            paid = max(ZERO, min(payment.amount, limit))
            reason = (
                None if paid == payment.amount else ("floor" if sharing.min_balance_after is not None else "balance")
            )
        balance -= paid
        refused = payment.amount - paid
        lines.append(FamilyLine(payment.relation, payment.amount, paid, refused, reason))
        floor_zh = floor_en = ""
        if sharing.min_balance_after is not None and sharing.allowed:
            word_zh = "高于" if sharing.strictly_above else "不低于"
            word_en = "above" if sharing.strictly_above else "at least"
            floor_zh = f"；支付后余额须{word_zh} {num(sharing.min_balance_after)}"
            floor_en = f"; the balance after paying must stay {word_en} {num(sharing.min_balance_after)}"
        why = {
            None: ("", ""),
            "not_allowed": ("；本政策不允许家庭共济", "; this policy does not allow family use"),
            "relation": ("；该亲属关系不在允许范围", "; this relation is not allowed"),
            "floor": ("；受最低余额限制", "; limited by the minimum balance"),
            "balance": ("；账户余额不足", "; the balance ran out"),
        }[reason]
        trace.add(
            "family",
            (f"家庭共济：{zh_rel}", f"Family payment: {en_rel}"),
            (
                f"申请 {num(payment.amount)}，账户支付 {num(paid)}，未支付 {num(refused)}{floor_zh}{why[0]}",
                f"asked {num(payment.amount)}, account paid {num(paid)}, refused {num(refused)}{floor_en}{why[1]}",
            ),
            paid,
            sharing.source,
        )
    return lines, balance


def _trace_pooling(pooling_result: PoolingResult | None, policy: Policy, scenario: Scenario, trace: Trace) -> None:
    if pooling_result is None:
        trace.add(
            "pooling",
            ("普通门诊统筹", "General outpatient pooling"),
            ("本政策下职工普通门诊无统筹报销：0", "No general outpatient pooling for employees under this policy: 0"),
            ZERO,
            policy.no_pooling,
        )
        return
    pooling = policy.pooling
    status_zh = "退休" if scenario.status == "retired" else "在职"
    status_en = "retired" if scenario.status == "retired" else "in service"
    for counter, size in pooling_result.deductibles.items():
        name_zh, name_en = KIND_NAMES[counter]
        source = pooling.deductible.source if counter == "general" else pooling.categories[counter].source
        trace.add(
            f"deductible.{counter}",
            (f"起付标准（{name_zh}）", f"Deductible ({name_en})"),
            (f"{status_zh}人员全年累计 {num(size)}", f"{num(size)} a year, accumulated ({status_en})"),
            size,
            source,
        )
    for line in pooling_result.lines:
        kind_zh, kind_en = KIND_NAMES[line.kind]
        where_zh = f"{line.level}级机构" + ("外配处方药店" if line.pharmacy else "")
        where_en = f"level {line.level}" + (" (pharmacy, prescriber's level)" if line.pharmacy else "")
        other_zh = f" − 其他保障已付 {num(line.other_paid)}" if line.other_paid else ""
        other_en = f" − other schemes {num(line.other_paid)}" if line.other_paid else ""
        cap_zh = cap_en = ""
        if line.limited_by == "annual_cap":
            cap_zh, cap_en = (
                f"，受年度支付限额 {num(pooling_result.cap)} 限制",
                f", limited by the annual cap {num(pooling_result.cap)}",
            )
        elif line.limited_by == "sub_cap":
            sub = pooling.categories[line.kind].sub_cap
            cap_zh, cap_en = f"，受{kind_zh}年度限额 {num(sub)} 限制", f", limited by the {kind_en} cap {num(sub)}"
        general_zh = "（本政策无单列规则，按普通门诊结算）" if line.settled_as_general else ""
        general_en = " (no separate rule in this policy: settled as general)" if line.settled_as_general else ""
        source = (
            pooling.categories[line.kind].source if line.kind in pooling.categories else pooling.rates_percent.source
        )
        trace.add(
            "visit",
            (
                f"第 {line.index + 1} 笔 {kind_zh}，{where_zh}{general_zh}",
                f"Visit {line.index + 1}, {kind_en}, {where_en}{general_en}",
            ),
            (
                f"({num(line.amount)}{other_zh} − 起付 {num(line.deductible_applied)}) × {pct(line.rate_percent)}"
                f" = {num(line.computed)}；统筹支付 {num(line.pooled)}{cap_zh}",
                f"({num(line.amount)}{other_en} − deductible {num(line.deductible_applied)}) × {pct(line.rate_percent)}"
                f" = {num(line.computed)}; pooling pays {num(line.pooled)}{cap_en}",
            ),
            line.pooled,
            source,
        )
    cap = pooling_result.cap
    trace.add(
        "pooling",
        ("普通门诊统筹合计", "General pooling, total"),
        (
            f"各笔之和 {num(pooling_result.paid)}（年度支付限额 {num(cap)}）",
            f"sum of the visits {num(pooling_result.paid)} (annual cap {num(cap)})",
        ),
        pooling_result.paid,
        pooling.annual_cap.source,
    )


def settle_year(policy: Policy, scenario: Scenario, statement_credit: Decimal | None = None) -> YearResult:
    """Settle ``scenario``'s year under ``policy``; ``statement_credit`` replaces the credit rule."""
    trace = Trace()
    credit = account_credit(policy, scenario, statement_credit)
    trace.add(
        "credit",
        ("个人账户年度划入", "Account credit for the year"),
        (credit.formula_zh, credit.formula_en),
        credit.amount,
        credit.source,
    )

    visits = scenario.settlement_visits()
    spending = sum((v.amount for v in visits), ZERO)
    other = sum((v.other_paid for v in visits), ZERO)
    trace.add(
        "other_schemes",
        ("两病、特病、国谈等先行支付", "Other schemes pay first"),
        (
            f"其他保障已付 {num(other)}；进入普通门诊统筹的费用 = {num(spending)} − {num(other)} = {num(spending - other)}",
            f"other schemes paid {num(other)}; enters general pooling: {num(spending)} − {num(other)} = {num(spending - other)}",
        ),
        other,
        policy.pooling.other_schemes_first if policy.pooling else None,
    )

    pooling_result = settle_pooling(policy.pooling, scenario.status, scenario.tier, visits) if policy.pooling else None
    _trace_pooling(pooling_result, policy, scenario, trace)
    pooled = pooling_result.paid if pooling_result else ZERO

    own_share = spending - other - pooled
    trace.add(
        "own_share",
        ("个人负担", "Own share"),
        (
            f"费用 {num(spending)} − 其他保障 {num(other)} − 统筹 {num(pooled)} = {num(own_share)}",
            f"spending {num(spending)} − other schemes {num(other)} − pooling {num(pooled)} = {num(own_share)}",
        ),
        own_share,
    )

    available = scenario.opening_balance + credit.amount
    account_paid = min(own_share, available)
    cash = own_share - account_paid
    trace.add(
        "account_paid",
        ("个人账户支付", "Paid from the account"),
        (
            f"min(个人负担 {num(own_share)}, 年初余额 {num(scenario.opening_balance)} + 划入 {num(credit.amount)}) = {num(account_paid)}",
            f"min(own share {num(own_share)}, opening {num(scenario.opening_balance)} + credit {num(credit.amount)}) = {num(account_paid)}",
        ),
        account_paid,
    )
    trace.add(
        "cash",
        ("现金支付", "Paid in cash"),
        (
            f"{num(own_share)} − {num(account_paid)} = {num(cash)}",
            f"{num(own_share)} − {num(account_paid)} = {num(cash)}",
        ),
        cash,
    )

    balance = available - account_paid
    family_lines, closing = (
        _family(policy.account.family_sharing, scenario, balance, trace) if scenario.family else ([], balance)
    )
    family_paid = sum((line.paid for line in family_lines), ZERO)
    family_zh = f" − 家庭共济 {num(family_paid)}" if family_lines else ""
    family_en = f" − family {num(family_paid)}" if family_lines else ""
    trace.add(
        "closing_balance",
        ("年末个人账户余额", "Account balance at year end"),
        (
            f"{num(scenario.opening_balance)} + {num(credit.amount)} − {num(account_paid)}{family_zh} = {num(closing)}",
            f"{num(scenario.opening_balance)} + {num(credit.amount)} − {num(account_paid)}{family_en} = {num(closing)}",
        ),
        closing,
    )
    return YearResult(
        policy=policy,
        spending=fen(spending),
        account_credit=credit.amount,
        credit_from_statement=statement_credit is not None and credit.has_account,
        has_account=credit.has_account,
        opening_balance=fen(scenario.opening_balance),
        other_schemes_paid=fen(other),
        general_pooling_paid=fen(pooled),
        own_share=fen(own_share),
        account_paid=fen(account_paid),
        cash_paid=fen(cash),
        family_paid=fen(family_paid),
        family_refused=fen(sum((line.refused for line in family_lines), ZERO)),
        closing_balance=fen(closing),
        visits=pooling_result.lines if pooling_result else [],
        family=family_lines,
        annual_cap=pooling_result.cap if pooling_result else None,
        steps=trace.steps,
    )
