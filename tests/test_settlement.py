"""Hand-computed cases for the Chongqing mechanisms (实施细则 arts. 4–6, 9; Q13–Q15)."""

from __future__ import annotations

import pytest

from calculator.errors import InputError
from tests.conftest import D, settle

CQ = "chongqing-2024"
PRE = "chongqing-pre2024"


def test_visit_order_across_levels_matters():
    # Deductible 200 (in service). Level 3 first: 150 all deductible, then level 1: 50 more deductible,
    # (150 − 50) × 60% = 60.
    first_level3 = settle(
        CQ, "0", status="in_service", age=40, visits=[{"amount": 150, "level": 3}, {"amount": 150, "level": 1}]
    )
    assert first_level3.general_pooling_paid == D("60.00")
    # Level 1 first: 150 deductible, then level 3: (150 − 50) × 50% = 50.
    first_level1 = settle(
        CQ, "0", status="in_service", age=40, visits=[{"amount": 150, "level": 1}, {"amount": 150, "level": 3}]
    )
    assert first_level1.general_pooling_paid == D("50.00")


def test_pharmacy_settles_at_the_prescribers_level():
    # A level-3 prescription filled at a pharmacy: (1200 − 200) × 50% = 500, not the 60% of lower levels.
    result = settle(CQ, "0", status="in_service", age=40, visits=[{"amount": 1200, "level": 3, "pharmacy": True}])
    assert result.general_pooling_paid == D("500.00")


def test_annual_cap_is_reached_and_never_exceeded():
    # (10000 − 200) × 60% = 5880 > the 3000 cap for employer-based in-service members.
    result = settle(CQ, status="in_service", age=40, contribution_base=60000, spending=10000, level=2)
    assert result.general_pooling_paid == D("3000.00")
    assert result.cap_reached
    assert result.visits[0].limited_by == "annual_cap"
    # Credit 2% × 60000 = 1200 pays part of the 7000 own share; 5800 is cash.
    assert result.account_credit == D("1200.00")
    assert result.cash_paid == D("5800.00")


def test_cap_reached_across_visits_stops_the_later_ones():
    # Retired, level 2, 70%: visit 1 (5000 − 100) × 70% = 3430; visit 2 would be 1400 but only 570 of the
    # 4000 cap is left; visit 3 gets nothing.
    result = settle(
        CQ,
        "0",
        status="retired",
        age=65,
        visits=[{"amount": 5000, "level": 2}, {"amount": 2000, "level": 2}, {"amount": 300, "level": 1}],
    )
    assert [v.pooled for v in result.visits] == [D("3430.00"), D("570.00"), D("0.00")]
    assert result.general_pooling_paid == D("4000.00")


def test_individual_tier1_has_no_account_and_a_lower_cap():
    # Tier 1 in service: cap 800; (2000 − 200) × 60% = 1080 → 800; no account, so the 1200 own share is cash.
    result = settle(
        CQ, status="in_service", tier="individual_tier1", age=30, contribution_base=50000, spending=2000, level=2
    )
    assert result.general_pooling_paid == D("800.00")
    assert result.account_credit == D("0.00")
    assert result.account_paid == D("0.00")
    assert result.cash_paid == D("1200.00")
    assert not result.has_account


def test_individual_tier1_with_an_account_balance_is_refused():
    with pytest.raises(InputError) as caught:
        settle(CQ, status="in_service", tier="individual_tier1", age=30, spending=100, level=2, opening_balance=50)
    assert caught.value.problems[0].field == "opening_balance"


def test_retired_tier1_cap_is_1200():
    # (3000 − 100) × 70% = 2030 → 1200 for tier 1 retirees.
    result = settle(CQ, status="retired", tier="individual_tier1", age=66, spending=3000, level=2)
    assert result.general_pooling_paid == D("1200.00")


@pytest.mark.parametrize(("age", "credit"), [(69, "1260.00"), (70, "1380.00")])
def test_retiree_credit_at_69_and_70(age, credit):
    # 105 × 12 = 1260 under 70; 115 × 12 = 1380 at 70 and over (实施细则 art. 9).
    result = settle(CQ, status="retired", age=age, spending=0, level=2)
    assert result.account_credit == D(credit)


@pytest.mark.parametrize(("age", "credit"), [(34, "1650.00"), (35, "1750.00"), (44, "1750.00"), (45, "1850.00")])
def test_pre_reform_in_service_credit_by_age_band(age, credit):
    # 50,000 base × 3.3% = 1650 under 35; × 3.5% = 1750 at 35–44; × 3.7% = 1850 at 45+ (secondary source).
    result = settle(PRE, status="in_service", age=age, contribution_base=50000, spending=0, level=2)
    assert result.account_credit == D(credit)


def test_pre_reform_retiree_uses_the_labelled_default_wage_or_the_persons_own():
    # The wage is not in the policy documents: the file's published default (107,008, 2022) stands in,
    # labelled in the step: 107,008 × 2.4% = 2,568.192 → 2,568.19
    result = settle(PRE, status="retired", age=65, spending=100, level=2)
    assert result.account_credit == D("2568.19")
    assert "重庆市统计局" in result.steps[0].formula("zh") and "对账单" in result.steps[0].formula("zh")
    # With the wage given: 2.4% × 100,000 = 2,400.
    result = settle(
        PRE, status="retired", age=65, spending=100, level=2, references={"cq_prior_year_average_wage": 100000}
    )
    assert result.account_credit == D("2400.00")


def test_opening_balance_pays_before_cash():
    # Own share (1000 − 200) × 40% + 200 = 520; credit 2% × 10000 = 200; opening 500 → the account pays
    # all 520 and 180 is left.
    result = settle(
        CQ, status="in_service", age=30, contribution_base=10000, spending=1000, level=2, opening_balance=500
    )
    assert result.own_share == D("520.00")
    assert result.account_paid == D("520.00")
    assert result.cash_paid == D("0.00")
    assert result.closing_balance == D("180.00")


def test_family_payment_in_chongqing_has_no_floor():
    # Retired 62: credit 1260; own spending 0; the spouse's 1500 is paid up to the 1260 balance.
    result = settle(CQ, status="retired", age=62, spending=0, level=2, family=[{"relation": "spouse", "amount": 1500}])
    assert result.family_paid == D("1260.00")
    assert result.family_refused == D("240.00")
    assert result.family[0].reason == "balance"
    assert result.closing_balance == D("0.00")


def test_family_payment_before_the_reform_is_refused():
    result = settle(
        PRE,
        "2000",
        status="in_service",
        age=30,
        contribution_base=10000,
        spending=0,
        level=2,
        family=[{"relation": "child", "amount": 100}],
    )
    assert result.family_paid == D("0.00")
    assert result.family[0].reason == "not_allowed"
    assert result.closing_balance == D("2000.00")


def test_visit_kind_without_a_rule_of_its_own_is_settled_as_general_and_says_so():
    # Chongqing has no TCM rule: (500 − 200) × 60% = 180, with a note in the trace.
    result = settle(CQ, "0", status="in_service", age=30, visits=[{"amount": 500, "level": 2, "kind": "tcm"}])
    assert result.general_pooling_paid == D("180.00")
    assert result.visits[0].settled_as_general
    assert any("按普通门诊结算" in step.title_zh for step in result.steps)


def test_trace_cites_the_articles():
    result = settle(CQ, status="retired", age=62, spending=2800, level=2)
    cited = {step.key: step.source.ref for step in result.steps if step.source}
    assert cited["credit"] == "第九条第二款"
    assert cited["deductible.general"] == "第四条"
    assert cited["visit"] == "第五条"
    assert cited["pooling"] == "第六条"


# --- the working in plain words -------------------------------------------------------------------


def sentences(result, key: str, lang: str) -> list[str]:
    return [step.sentence(lang) for step in result.steps if step.key == key]


def test_laoli_is_told_in_plain_chinese_and_english():
    # 老李 (Q19 ex. 1), retired, 62, 2,800 at level 2. Before: statement credit 2,525 pays part of the
    # 2,800 own share, 275 is cash. After: 105 × 12 = 1,260; (2,800 − 100) × 70% = 1,890; own 910 from
    # the account; 1,260 − 910 = 350 left.
    before = settle(PRE, "2525", status="retired", age=62, spending=2800, level=2)
    after = settle(CQ, status="retired", age=62, spending=2800, level=2)
    assert sentences(before, "account_paid", "zh") == [
        "个人负担 2,800.00 元中，先用账户余额和当年划入共 2,525.00 元支付（年初余额 0.00 元加当年划入 2,525.00 元），"
        "账户用完。"
    ]
    assert sentences(before, "cash", "zh") == ["账户支付 2,525.00 元后，其余 275.00 元付现金。"]
    assert sentences(before, "cash", "en") == ["After the account's ¥2,525.00, the remaining ¥275.00 is paid in cash."]
    assert sentences(after, "credit", "zh") == ["每月定额划入 105.00 元（62 岁适用的标准），12 个月共 1,260.00 元。"]
    assert sentences(after, "credit", "en") == [
        "A fixed ¥105.00 a month goes into the account (the rule for age 62): ¥1,260.00 over 12 months."
    ]
    assert sentences(after, "visit", "zh") == [
        "费用 2,800.00 元，先扣除起付标准 100.00 元，余下 2,700.00 元按 70% 报销，统筹支付 1,890.00 元，个人负担 910.00 元。"
    ]
    assert sentences(after, "visit", "en") == [
        "Cost ¥2,800.00; the deductible of ¥100.00 comes off first, and the remaining ¥2,700.00 is paid at 70%: "
        "pooling pays ¥1,890.00 and the person bears ¥910.00."
    ]
    assert sentences(after, "account_paid", "en") == [
        "The account pays all of the own share of ¥910.00 (it holds ¥1,260.00: ¥0.00 from last year plus this "
        "year's credit of ¥1,260.00)."
    ]
    assert sentences(after, "closing_balance", "zh") == [
        "账户年初余额 0.00 元，加当年划入 1,260.00 元，减去本人支付的 910.00 元，年末余额 350.00 元，结转下年使用。"
    ]
    titles = [step.title("zh") for step in after.steps]
    assert titles[:4] == [
        "个人账户年度划入",
        "两病、特病、国谈等先行支付",
        "起付标准（普通门诊）",
        "第 1 笔：普通门诊，二级医疗机构",
    ]


def test_ganzhou_tcm_visit_is_told_with_its_own_deductible_and_the_extra_points():
    # General 500 fills only the general 600 counter; TCM 400: its own 300 counter, then
    # (400 − 300) × (55 + 5)% = 60; own 400 − 60 = 340.
    result = settle(
        "ganzhou-2023",
        "0",
        status="in_service",
        age=40,
        visits=[{"amount": 500, "level": 2}, {"amount": 400, "level": 2, "kind": "tcm"}],
    )
    general, tcm = sentences(result, "visit", "zh")
    assert general == "费用 500.00 元，全部计入起付标准（全年 600.00 元），统筹不支付，由个人负担 500.00 元。"
    assert tcm == (
        "费用 400.00 元，先扣除中医门诊起付标准 300.00 元，余下 100.00 元按 60% 报销（55% 再提高 5 个百分点），"
        "统筹支付 60.00 元，个人负担 340.00 元。"
    )
    assert sentences(result, "visit", "en")[1] == (
        "Cost ¥400.00; the TCM outpatient deductible of ¥300.00 comes off first, and the remaining ¥100.00 is paid "
        "at 60% (55% plus 5 points for TCM outpatient): pooling pays ¥60.00 and the person bears ¥340.00."
    )
    assert [step.title("en") for step in result.steps if step.key == "visit"] == [
        "Visit 1: general outpatient, level 2 institution",
        "Visit 2: TCM outpatient, level 2 institution",
    ]


def test_reaching_the_annual_cap_is_told_visit_by_visit():
    # Retired, level 2, 70%: 3,430 then only 570 of the 4,000 cap is left, then nothing.
    result = settle(
        CQ,
        "0",
        status="retired",
        age=65,
        visits=[{"amount": 5000, "level": 2}, {"amount": 2000, "level": 2}, {"amount": 300, "level": 1}],
    )
    _, second, third = sentences(result, "visit", "zh")
    assert second == (
        "费用 2,000.00 元，起付标准此前已累计满，2,000.00 元全部按 70% 报销，应付 1,400.00 元，"
        "但年度支付限额 4,000.00 元只剩 570.00 元，统筹支付 570.00 元，个人负担 1,430.00 元。"
    )
    assert third == (
        "费用 300.00 元，起付标准此前已累计满，300.00 元全部按 70% 报销，应付 210.00 元，"
        "但年度支付限额 4,000.00 元已用完，统筹不支付，个人负担 300.00 元。"
    )
    assert sentences(result, "visit", "en")[2] == (
        "Cost ¥300.00; the deductible was met earlier in the year, so all ¥300.00 is paid at 70%, which would be "
        "¥210.00, but the annual cap of ¥4,000.00 is used up: pooling pays nothing and the person bears ¥300.00."
    )
    assert sentences(result, "pooling", "zh") == [
        "各笔统筹支付合计 4,000.00 元，已达到年度支付限额 4,000.00 元，今年统筹不再多付。"
    ]


def test_the_json_step_keeps_the_formula_field_beside_the_sentence():
    step = settle(CQ, status="retired", age=62, spending=2800, level=2).steps[0]
    data = step.as_dict()
    assert data["formula_zh"] == data["sentence_zh"] == step.formula("zh") == step.sentence("zh")
    assert data["formula_en"] == data["sentence_en"]
    short = step.as_dict("en")
    assert short["formula"] == short["sentence"] == step.sentence("en") and short["value"] == "1260.00"
