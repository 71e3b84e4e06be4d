"""The working in plain words: one sentence per settlement step, in Chinese and English.

Each function here takes the facts one step recorded (amounts already settled by the engine, and the
policy parts that produced them) and returns ``(title_zh, title_en, sentence_zh, sentence_en)``. The
sentences are written to be read aloud by a trainer: what the money was, what rule applied, what was
paid, with every number the engine produced. Nothing here computes a new amount: a figure that appears in
a sentence is one the engine settled, or a difference the sentence states between two of them.
"""

from __future__ import annotations

from decimal import Decimal

from .money import ZERO
from .policy_model import Category, FamilySharing, Pooling
from .pooling import VisitLine
from .trace import Texts, num, pct

KIND_NAMES = {
    "general": ("普通门诊", "general outpatient"),
    "tcm": ("中医门诊", "TCM outpatient"),
    "hypertension": ("高血压用药", "hypertension medication"),
    "diabetes": ("糖尿病用药", "diabetes medication"),
}
RELATION_NAMES = {"spouse": ("配偶", "spouse"), "parent": ("父母", "parent"), "child": ("子女", "child")}
LEVEL_NAMES = {1: ("一级", "level 1"), 2: ("二级", "level 2"), 3: ("三级", "level 3")}
STATUS_NAMES = {"in_service": ("在职人员", "an in-service member"), "retired": ("退休人员", "a retired member")}
OTHER_SCHEMES = (
    "“两病”、特殊疾病、国家谈判药品等其他保障",
    "other schemes (hypertension/diabetes, special diseases, negotiated drugs)",
)

CREDIT_TITLE = ("个人账户年度划入", "Account credit for the year")


def zh(amount: Decimal) -> str:
    """Money in a Chinese sentence: ``3,000.00 元``."""
    return f"{num(amount)} 元"


def en(amount: Decimal) -> str:
    """Money in an English sentence: ``¥3,000.00``."""
    return f"¥{num(amount)}"


# --- account credit ---------------------------------------------------------------------------------


def credit_no_account(amount: Decimal) -> Texts:
    return (
        *CREDIT_TITLE,
        f"该参保档次不设个人账户，今年没有划入（{zh(amount)}）。",
        f"This tier of cover has no personal account, so nothing is credited this year ({en(amount)}).",
    )


def credit_statement(amount: Decimal) -> Texts:
    return (
        *CREDIT_TITLE,
        f"今年划入个人账户 {zh(amount)}，按对账单上的年度划入额填写。",
        f"{en(amount)} goes into the account this year: the annual credit read off the account statement.",
    )


def _age_note(age: int, banded: bool) -> tuple[str, str]:
    if not banded:
        return "", ""
    return f"（{age} 岁适用的标准）", f" (the rule for age {age})"


def credit_percent_of_base(base: Decimal, percent: Decimal, amount: Decimal, age: int, banded: bool) -> Texts:
    age_zh, age_en = _age_note(age, banded)
    return (
        *CREDIT_TITLE,
        f"按缴费基数 {zh(base)}的 {pct(percent)}{age_zh or ' '}划入个人账户，全年 {zh(amount)}。",
        f"{pct(percent)} of the contribution base of {en(base)} goes into the account{age_en}: "
        f"{en(amount)} for the year.",
    )


def credit_fixed_monthly(monthly: Decimal, amount: Decimal, age: int, banded: bool) -> Texts:
    age_zh, age_en = _age_note(age, banded)
    return (
        *CREDIT_TITLE,
        f"每月定额划入 {zh(monthly)}{age_zh}，12 个月共 {zh(amount)}。",
        f"A fixed {en(monthly)} a month goes into the account{age_en}: {en(amount)} over 12 months.",
    )


def credit_fixed_annual(amount: Decimal) -> Texts:
    return (
        *CREDIT_TITLE,
        f"每年定额划入个人账户 {zh(amount)}。",
        f"A fixed {en(amount)} a year goes into the account.",
    )


def credit_percent_of_pension(pension: Decimal, percent: Decimal, amount: Decimal) -> Texts:
    return (
        *CREDIT_TITLE,
        f"按本人月基本养老金 {zh(pension)}的 {pct(percent)} 划入个人账户，12 个月共 {zh(amount)}。",
        f"{pct(percent)} of the monthly pension of {en(pension)} goes into the account: {en(amount)} over 12 months.",
    )


def credit_percent_of_reference(
    label_zh: str,
    label_en: str,
    value: Decimal,
    monthly: bool,
    percent: Decimal,
    amount: Decimal,
    default: tuple[int, str, str] | None = None,
) -> Texts:
    """``default`` (year, publisher zh, publisher en) when the reference is a published figure standing in for
    one the policy documents do not give: the sentence says so, so the reader knows to replace it."""
    note_zh = note_en = ""
    if default is not None:
        year, publisher_zh, publisher_en = default
        note_zh = f"（{year}年数值，{publisher_zh}公布；二手资料，请以对账单上的年度划入额替换）"
        note_en = (
            f" ({year} figure published by {publisher_en}; secondary source, replace it with the credit on your "
            "account statement)"
        )
    if monthly:
        return (
            *CREDIT_TITLE,
            f"按{label_zh}（每月 {zh(value)}）的 {pct(percent)} 划入个人账户，12 个月共 {zh(amount)}。{note_zh}",
            f"{pct(percent)} of the {label_en} ({en(value)} a month) goes into the account: "
            f"{en(amount)} over 12 months.{note_en}",
        )
    return (
        *CREDIT_TITLE,
        f"按{label_zh}（{zh(value)}）的 {pct(percent)} 划入个人账户，全年 {zh(amount)}。{note_zh}",
        f"{pct(percent)} of the {label_en} ({en(value)}) goes into the account: {en(amount)} for the year.{note_en}",
    )


# --- other schemes, pooling -------------------------------------------------------------------------


def other_schemes(spending: Decimal, other: Decimal) -> Texts:
    title = ("两病、特病、国谈等先行支付", "Other schemes pay first")
    if spending == ZERO:
        return (*title, "今年没有门诊费用。", "There is no outpatient spending this year.")
    if other == ZERO:
        return (
            *title,
            f"全年门诊费用 {zh(spending)}，没有由{OTHER_SCHEMES[0]}先行支付的部分，全部按普通门诊结算。",
            f"Of the year's outpatient spending of {en(spending)}, nothing was paid first by {OTHER_SCHEMES[1]}, "
            "so all of it is settled as general outpatient care.",
        )
    rest = spending - other
    return (
        *title,
        f"全年门诊费用 {zh(spending)}中，{OTHER_SCHEMES[0]}先行支付 {zh(other)}，其余 {zh(rest)}按普通门诊结算。",
        f"Of the year's outpatient spending of {en(spending)}, {OTHER_SCHEMES[1]} paid {en(other)} first; "
        f"the other {en(rest)} is settled as general outpatient care.",
    )


def no_pooling() -> Texts:
    return (
        "普通门诊统筹",
        "General outpatient pooling",
        f"本政策下，职工普通门诊费用不由统筹基金报销，统筹支付 {zh(ZERO)}。",
        f"Under this policy the pooled fund does not pay for employees' general outpatient care: "
        f"pooling pays {en(ZERO)}.",
    )


def deductible(counter: str, size: Decimal, status: str) -> Texts:
    kind_zh, kind_en = KIND_NAMES[counter]
    who_zh, who_en = STATUS_NAMES[status]
    title = (f"起付标准（{kind_zh}）", f"Deductible ({kind_en})")
    own_zh = "单独累计，" if counter != "general" else ""
    own_en = ", counted separately from the general one," if counter != "general" else ""
    if size == ZERO:
        return (
            *title,
            f"{who_zh}{kind_zh}不设起付标准，费用从第一元起按比例报销。",
            f"There is no {kind_en} deductible for {who_en}: pooling pays its share from the first yuan.",
        )
    return (
        *title,
        f"{who_zh}{kind_zh}的起付标准{own_zh}全年 {zh(size)}：一年内先累计 {zh(size)}的费用由个人负担，"
        "超过的部分才按比例报销。",
        f"The {kind_en} deductible{own_en} is {en(size)} a year for {who_en}: the first {en(size)} "
        "of the year's costs are the person's own, and pooling pays its share of what is above it.",
    )


def visit(
    line: VisitLine, deductible_size: Decimal, category: Category | None, pooling: Pooling, cap: Decimal
) -> Texts:
    """One visit: what entered pooling, the deductible, the rate, what pooling paid and what was left."""
    kind_zh, kind_en = KIND_NAMES[line.kind]
    level_zh, level_en = LEVEL_NAMES[line.level]
    number = line.index + 1
    where_zh = f"{level_zh}医疗机构"
    where_en = f"{level_en} institution"
    if line.pharmacy:
        where_zh = f"药店外配处方（按开方的{level_zh}医疗机构结算）"
        where_en = f"pharmacy filling a prescription (settled at the prescribing institution's level, {level_en})"
    general_zh = "（本政策无单列规则，按普通门诊结算）" if line.settled_as_general else ""
    general_en = " (no separate rule in this policy: settled as general outpatient)" if line.settled_as_general else ""
    title = (f"第 {number} 笔：{kind_zh}，{where_zh}{general_zh}", f"Visit {number}: {kind_en}, {where_en}{general_en}")

    eligible, applied = line.eligible, line.deductible_applied
    if line.other_paid:
        start_zh = f"费用 {zh(line.amount)}，其他保障已付 {zh(line.other_paid)}，余下 {zh(eligible)}进入统筹结算"
        start_en = (
            f"Cost {en(line.amount)}, of which other schemes paid {en(line.other_paid)}; {en(eligible)} goes to pooling"
        )
    else:
        start_zh, start_en = f"费用 {zh(line.amount)}", f"Cost {en(line.amount)}"
    if eligible == ZERO:
        rest_zh = "，统筹不再支付。" if line.other_paid else "，统筹不支付。"
        return (*title, start_zh + rest_zh, start_en + ": pooling pays nothing.")
    counter_zh = "起付标准" if line.deductible_counter == "general" else f"{kind_zh}起付标准"
    counter_en = "deductible" if line.deductible_counter == "general" else f"{kind_en} deductible"
    if applied == eligible:
        return (
            *title,
            f"{start_zh}，全部计入{counter_zh}（全年 {zh(deductible_size)}），统筹不支付，由个人负担 {zh(eligible)}。",
            f"{start_en}. All of it counts towards the {counter_en} of {en(deductible_size)} a year, so pooling pays "
            f"nothing and the person bears {en(eligible)}.",
        )
    after = eligible - applied
    if deductible_size == ZERO:
        ded_zh, ded_en = f"，不设起付标准，{zh(after)}", f"; there is no {counter_en}, so {en(after)} "
    elif applied == ZERO:
        ded_zh = f"，{counter_zh}此前已累计满，{zh(after)}全部"
        ded_en = f"; the {counter_en} was met earlier in the year, so all {en(after)} "
    elif applied == deductible_size:
        ded_zh = f"，先扣除{counter_zh} {zh(applied)}，余下 {zh(after)}"
        ded_en = f"; the {counter_en} of {en(applied)} comes off first, and the remaining {en(after)} "
    else:
        earlier = deductible_size - applied
        ded_zh = (
            f"，{counter_zh}全年 {zh(deductible_size)}，此前已累计 {zh(earlier)}，本次先扣除还差的 {zh(applied)}，"
            f"余下 {zh(after)}"
        )
        ded_en = (
            f"; {en(earlier)} of the {en(deductible_size)} {counter_en} was met by earlier visits, so the missing "
            f"{en(applied)} comes off first, and the remaining {en(after)} "
        )
    bonus = category.rate_bonus_points if category is not None else ZERO
    if bonus:
        base = line.rate_percent - bonus
        rate_zh = f"按 {pct(line.rate_percent)} 报销（{pct(base)} 再提高 {bonus.normalize():f} 个百分点）"
        rate_en = f"is paid at {pct(line.rate_percent)} ({pct(base)} plus {bonus.normalize():f} points for {kind_en})"
    else:
        rate_zh, rate_en = f"按 {pct(line.rate_percent)} 报销", f"is paid at {pct(line.rate_percent)}"
    own = line.own_share
    if line.limited_by is None:
        paid_zh = f"，统筹支付 {zh(line.pooled)}，个人负担 {zh(own)}。"
        paid_en = f": pooling pays {en(line.pooled)} and the person bears {en(own)}."
    else:
        if line.limited_by == "sub_cap":
            limit_zh, limit_en = f"{kind_zh}年度限额 {zh(category.sub_cap)}", f"{kind_en} cap of {en(category.sub_cap)}"
        else:
            limit_zh, limit_en = f"年度支付限额 {zh(cap)}", f"annual cap of {en(cap)}"
        if line.pooled == ZERO:
            paid_zh = f"，应付 {zh(line.computed)}，但{limit_zh}已用完，统筹不支付，个人负担 {zh(own)}。"
            paid_en = (
                f", which would be {en(line.computed)}, but the {limit_en} is used up: pooling pays nothing "
                f"and the person bears {en(own)}."
            )
        else:
            paid_zh = (
                f"，应付 {zh(line.computed)}，但{limit_zh}只剩 {zh(line.pooled)}，统筹支付 {zh(line.pooled)}，"
                f"个人负担 {zh(own)}。"
            )
            paid_en = (
                f", which would be {en(line.computed)}, but only {en(line.pooled)} of the {limit_en} is left: "
                f"pooling pays {en(line.pooled)} and the person bears {en(own)}."
            )
    return (*title, start_zh + ded_zh + rate_zh + paid_zh, start_en + ded_en + rate_en + paid_en)


def pooling_total(paid: Decimal, cap: Decimal) -> Texts:
    title = ("普通门诊统筹合计", "General pooling, total")
    if paid >= cap:
        return (
            *title,
            f"各笔统筹支付合计 {zh(paid)}，已达到年度支付限额 {zh(cap)}，今年统筹不再多付。",
            f"Pooling paid {en(paid)} over the year's visits, which reaches the annual cap of {en(cap)}: "
            "it pays nothing more this year.",
        )
    return (
        *title,
        f"各笔统筹支付合计 {zh(paid)}，未超过年度支付限额 {zh(cap)}。",
        f"Pooling paid {en(paid)} over the year's visits, within the annual cap of {en(cap)}.",
    )


# --- own share, account, cash, family, balance ------------------------------------------------------


def own_share(spending: Decimal, other: Decimal, pooled: Decimal, own: Decimal) -> Texts:
    title = ("个人负担", "Own share")
    if other == ZERO and pooled == ZERO:
        return (
            *title,
            f"全年费用 {zh(spending)}全部由个人负担。",
            f"The person bears all of the year's spending of {en(spending)}.",
        )
    parts_zh = [f"其他保障支付的 {zh(other)}"] if other else []
    parts_en = [f"other schemes paid {en(other)}"] if other else []
    if pooled:
        parts_zh.append(f"统筹支付的 {zh(pooled)}")
        parts_en.append(f"pooling {en(pooled)}" if other else f"pooling paid {en(pooled)}")
    return (
        *title,
        f"全年费用 {zh(spending)}，减去{'和'.join(parts_zh)}，个人负担 {zh(own)}。",
        f"Of the year's spending of {en(spending)}, {' and '.join(parts_en)}; the person's own share is {en(own)}.",
    )


def account_paid(own: Decimal, opening: Decimal, credit: Decimal, paid: Decimal, has_account: bool) -> Texts:
    title = ("个人账户支付", "Paid from the account")
    held = opening + credit
    if not has_account:
        return (
            *title,
            f"该参保档次不设个人账户，个人负担 {zh(own)}不能用账户支付。",
            f"This tier has no personal account, so none of the own share of {en(own)} can be paid from one.",
        )
    if own == ZERO:
        return (*title, "没有个人负担，账户不需要支付。", "There is no own share, so the account pays nothing.")
    holding_zh = f"年初余额 {zh(opening)}加当年划入 {zh(credit)}"
    holding_en = f"{en(opening)} from last year plus this year's credit of {en(credit)}"
    if held == ZERO:
        return (
            *title,
            f"账户里没有钱（{holding_zh}），个人负担 {zh(own)}不能用账户支付。",
            f"The account holds nothing ({holding_en}), so none of the own share of {en(own)} is paid from it.",
        )
    if paid == own:
        return (
            *title,
            f"个人负担 {zh(own)}全部用个人账户支付（账户{holding_zh}，共 {zh(held)}）。",
            f"The account pays all of the own share of {en(own)} (it holds {en(held)}: {holding_en}).",
        )
    return (
        *title,
        f"个人负担 {zh(own)}中，先用账户余额和当年划入共 {zh(paid)}支付（{holding_zh}），账户用完。",
        f"Of the own share of {en(own)}, the account pays all it holds, {en(paid)} ({holding_en}), and is then empty.",
    )


def cash(own: Decimal, paid: Decimal, cash_paid: Decimal) -> Texts:
    title = ("现金支付", "Paid in cash")
    if own == ZERO:
        return (*title, "没有个人负担，不用付现金。", "There is no own share, so there is no cash to pay.")
    if cash_paid == ZERO:
        return (
            *title,
            "个人负担已全部由账户支付，不用付现金。",
            "The account covered the whole own share: there is no cash to pay.",
        )
    if paid == ZERO:
        return (
            *title,
            f"个人负担 {zh(own)}全部付现金。",
            f"The whole own share of {en(own)} is paid in cash.",
        )
    return (
        *title,
        f"账户支付 {zh(paid)}后，其余 {zh(cash_paid)}付现金。",
        f"After the account's {en(paid)}, the remaining {en(cash_paid)} is paid in cash.",
    )


def family(
    relation: str,
    asked: Decimal,
    paid: Decimal,
    refused: Decimal,
    reason: str | None,
    balance_before: Decimal,
    sharing: FamilySharing,
) -> Texts:
    rel_zh, rel_en = RELATION_NAMES[relation]
    title = (f"家庭共济：{rel_zh}", f"Family payment: {rel_en}")
    head_zh = f"为{rel_zh}申请用个人账户支付 {zh(asked)}"
    head_en = f"{en(asked)} asked from the account for a {rel_en}"
    floor = sharing.min_balance_after
    if floor is not None:
        floor_zh = f"支付后账户余额须{'高于' if sharing.strictly_above else '不低于'} {zh(floor)}"
        floor_en = f"the balance after paying must stay {'above' if sharing.strictly_above else 'at least'} {en(floor)}"
    if reason == "not_allowed":
        return (
            *title,
            f"{head_zh}：本政策不允许用个人账户支付家属的费用，账户不支付。",
            f"{head_en}: this policy does not let the account pay for relatives, so it pays nothing.",
        )
    if reason == "relation":
        allowed_zh = "、".join(RELATION_NAMES[r][0] for r in sharing.relations) or "无"
        allowed_en = ", ".join(RELATION_NAMES[r][1] for r in sharing.relations) or "none"
        return (
            *title,
            f"{head_zh}：本政策可共济的家属（{allowed_zh}）不包括{rel_zh}，账户不支付。",
            f"{head_en}: this policy's family use ({allowed_en}) does not include a {rel_en}, so it pays nothing.",
        )
    if reason is None:
        note_zh = f"（{floor_zh}）" if floor is not None else ""
        note_en = f" ({floor_en})" if floor is not None else ""
        return (
            *title,
            f"{head_zh}，全部由账户支付{note_zh}。",
            f"{head_en} is paid in full{note_en}.",
        )
    if reason == "floor":
        return (
            *title,
            f"{head_zh}：支付前账户余额 {zh(balance_before)}，{floor_zh}，因此账户支付 {zh(paid)}，"
            f"其余 {zh(refused)}未支付。",
            f"{head_en}: the account held {en(balance_before)} and {floor_en}, so it pays {en(paid)}; "
            f"{en(refused)} is not paid.",
        )
    return (
        *title,
        f"{head_zh}：账户只剩 {zh(balance_before)}，支付 {zh(paid)}，其余 {zh(refused)}未支付。",
        f"{head_en}: the account held only {en(balance_before)}, so it pays {en(paid)}; {en(refused)} is not paid.",
    )


def closing_balance(
    opening: Decimal, credit: Decimal, paid: Decimal, family_paid: Decimal | None, closing: Decimal, has_account: bool
) -> Texts:
    title = ("年末个人账户余额", "Account balance at year end")
    if not has_account:
        return (
            *title,
            f"该参保档次不设个人账户，年末余额 {zh(closing)}。",
            f"This tier has no personal account: the balance at year end is {en(closing)}.",
        )
    family_zh = f"和家庭共济 {zh(family_paid)}" if family_paid is not None else ""
    family_en = f" and {en(family_paid)} for family" if family_paid is not None else ""
    return (
        *title,
        f"账户年初余额 {zh(opening)}，加当年划入 {zh(credit)}，减去本人支付的 {zh(paid)}{family_zh}，"
        f"年末余额 {zh(closing)}，结转下年使用。",
        f"The account started the year with {en(opening)}, received {en(credit)} and paid out {en(paid)} for the "
        f"holder{family_en}; {en(closing)} is left at year end and carries over to next year.",
    )
