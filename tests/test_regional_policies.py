"""Hand-computed cases for the Ganzhou, Tibet and national-template policy files.

Every expected figure is worked out in the comment above it from the seed articles the policy file
cites (Ganzhou 赣市府办发〔2022〕27号 arts. 5–7 in seed 002; Tibet 实施办法 arts. 6, 12, 15 in seed 003;
国办发〔2021〕14号 in seed 001). Average pensions are the test's own inputs, not claims about any year.
"""

from __future__ import annotations

import json

import pytest

from calculator.cli import main
from calculator.comparison import compare
from calculator.errors import InputError
from calculator.scenario import parse_scenario
from tests.conftest import D, settle

GZ = "ganzhou-2023"
GZ_PRE = "ganzhou-pre2023"
XZ = "tibet-2022"
XZ_PRE = "tibet-pre2022"
CQ = "chongqing-2024"
NATIONAL = "national-2021"


# --- Ganzhou: TCM with its own deductible counter (art. 5(3)) -------------------------------------


def test_ganzhou_tcm_has_its_own_300_counter_and_five_more_points():
    # In service, level 2 (55%). General 500 stays under the general 600 deductible: 0.
    # TCM 400 fills its own 300 counter, not the general one: (400 − 300) × (55 + 5)% = 60.
    result = settle(
        GZ,
        "0",
        status="in_service",
        age=40,
        visits=[{"amount": 500, "level": 2}, {"amount": 400, "level": 2, "kind": "tcm"}],
    )
    general, tcm = result.visits
    assert general.pooled == D("0.00") and general.deductible_applied == D("500.00")
    assert tcm.deductible_counter == "tcm"
    assert tcm.deductible_applied == D("300.00")
    assert tcm.rate_percent == D("60")
    assert tcm.pooled == D("60.00")
    assert result.general_pooling_paid == D("60.00")


def test_ganzhou_tcm_counter_does_not_fill_the_general_one():
    # TCM first: 300 of its own counter, (1000 − 300) × 65% (level 1: 60 + 5) = 455.
    # Then general 700 at level 1: the general counter is still empty, (700 − 600) × 60% = 60.
    result = settle(
        GZ,
        "0",
        status="in_service",
        age=40,
        visits=[{"amount": 1000, "level": 1, "kind": "tcm"}, {"amount": 700, "level": 1}],
    )
    assert [v.pooled for v in result.visits] == [D("455.00"), D("60.00")]
    assert result.general_pooling_paid == D("515.00")


def test_ganzhou_retiree_tcm_gets_the_retiree_rate_plus_five():
    # Retired, level 3: retiree rate 50 + 5 = 55%, TCM +5 more = 60%; (1300 − 300) × 60% = 600.
    result = settle(GZ, "0", status="retired", age=65, spending=1300, level=3, kind="tcm")
    assert result.visits[0].rate_percent == D("60")
    assert result.general_pooling_paid == D("600.00")


# --- Ganzhou: 两病 medication, no deductible, own sub-caps inside the shared cap (art. 5(4)) --------


def test_ganzhou_hypertension_sub_cap_counts_toward_the_shared_cap():
    # In service, level 1 (60%). Hypertension 2000: no deductible, 2000 × 60% = 1200 → sub-cap 500.
    # General 5000: (5000 − 600) × 60% = 2640, but only 1800 − 500 = 1300 of the shared cap is left.
    result = settle(
        GZ,
        "0",
        status="in_service",
        age=50,
        visits=[{"amount": 2000, "level": 1, "kind": "hypertension"}, {"amount": 5000, "level": 1}],
    )
    hypertension, general = result.visits
    assert hypertension.deductible_applied == D("0.00")
    assert hypertension.computed == D("1200.00")
    assert hypertension.pooled == D("500.00") and hypertension.limited_by == "sub_cap"
    assert general.pooled == D("1300.00") and general.limited_by == "annual_cap"
    assert result.general_pooling_paid == D("1800.00")
    assert result.cap_reached


def test_ganzhou_diabetes_sub_cap_600_and_both_sub_caps_inside_the_cap():
    # In service, level 1 (60%), in this date order: hypertension 2000 → 1200 → sub-cap 500;
    # diabetes 2000 → 1200 → sub-cap 600; general 5000 → 2640, but 1800 − 500 − 600 = 700 is left.
    result = settle(
        GZ,
        "0",
        status="in_service",
        age=50,
        visits=[
            {"amount": 2000, "level": 1, "kind": "hypertension"},
            {"amount": 2000, "level": 1, "kind": "diabetes"},
            {"amount": 5000, "level": 1},
        ],
    )
    assert [v.pooled for v in result.visits] == [D("500.00"), D("600.00"), D("700.00")]
    assert [v.limited_by for v in result.visits] == ["sub_cap", "sub_cap", "annual_cap"]
    assert result.general_pooling_paid == D("1800.00")
    # Annual amounts by kind are settled general first (the order of KINDS): the general 2640 takes the
    # whole 1800 and the 两病 amounts find the shared cap used up. The year's total is the cap either way.
    by_kind = settle(
        GZ,
        "0",
        status="in_service",
        age=50,
        spending_by_kind={"general": 5000, "hypertension": 2000, "diabetes": 2000},
        level=1,
    )
    assert by_kind.general_pooling_paid == D("1800.00")
    assert by_kind.own_share == D("9000.00") - D("1800.00")


def test_ganzhou_diabetes_below_its_sub_cap_is_paid_in_full_at_the_general_rate():
    # Level 3 (50%), no deductible: 800 × 50% = 400 < 600.
    result = settle(GZ, "0", status="in_service", age=50, spending=800, level=3, kind="diabetes")
    assert result.general_pooling_paid == D("400.00")
    assert result.visits[0].limited_by is None


def test_ganzhou_shared_cap_already_used_leaves_nothing_for_hypertension():
    # General 5000 at level 1: (5000 − 600) × 60% = 2640 → cap 1800. Hypertension 1000 afterwards:
    # its 500 sub-cap has room but the shared cap has none, so 0, limited by the annual cap.
    result = settle(
        GZ,
        "0",
        status="in_service",
        age=50,
        visits=[{"amount": 5000, "level": 1}, {"amount": 1000, "level": 1, "kind": "hypertension"}],
    )
    assert result.visits[1].pooled == D("0.00") and result.visits[1].limited_by == "annual_cap"
    assert result.general_pooling_paid == D("1800.00")


# --- Ganzhou: retirees +5 points, cap 2000 (art. 5(1)); credit (art. 6) ---------------------------


@pytest.mark.parametrize(
    ("status", "age", "pooled"),
    [
        # (5000 − 600) × 60% = 2640 → in-service cap 1800
        ("in_service", 40, "1800.00"),
        # (5000 − 600) × (60 + 5)% = 2860 → retiree cap 2000
        ("retired", 65, "2000.00"),
    ],
)
def test_ganzhou_caps_1800_and_2000(status, age, pooled):
    result = settle(GZ, "0", status=status, age=age, spending=5000, level=1)
    assert result.general_pooling_paid == D(pooled)
    assert result.annual_cap == D(pooled)


def test_ganzhou_retiree_rate_is_five_points_higher_and_deductible_the_same():
    # Level 2: in service (1600 − 600) × 55% = 550; retired (1600 − 600) × 60% = 600.
    assert settle(GZ, "0", status="in_service", age=40, spending=1600, level=2).general_pooling_paid == D("550.00")
    assert settle(GZ, "0", status="retired", age=65, spending=1600, level=2).general_pooling_paid == D("600.00")


def test_ganzhou_retiree_credit_needs_the_provincial_average_pension():
    with pytest.raises(InputError) as caught:
        settle(GZ, status="retired", age=65, spending=0, level=2)
    assert caught.value.problems[0].field == "references"
    assert "jiangxi_average_basic_pension" in caught.value.message("en")
    # Given an average of 3000 a month (the test's input): 3000 × 12 × 2.5% = 900.
    result = settle(
        GZ, status="retired", age=65, spending=0, level=2, references={"jiangxi_average_basic_pension": 3000}
    )
    assert result.account_credit == D("900.00")


def test_ganzhou_pre_reform_credit_is_3_2_percent_and_3_8_percent_of_own_pension():
    # In service: 60000 × 3.2% = 1920. Retired: 4000 × 12 × 3.8% = 1824.
    assert settle(
        GZ_PRE, status="in_service", age=30, contribution_base=60000, spending=0, level=2
    ).account_credit == D("1920.00")
    assert settle(GZ_PRE, status="retired", age=70, pension=4000, spending=0, level=2).account_credit == D("1824.00")


def test_ganzhou_before_and_after_for_an_employee(registry):
    # Base 60000, 3000 at level 2.
    # Before: credit 3.2% = 1920; no pooling modelled; the account pays 1920 of 3000, cash 1080.
    # After: credit 2% = 1200; pooled (3000 − 600) × 55% = 1320; own share 1680; account 1200; cash 480.
    person = parse_scenario(
        {"status": "in_service", "age": 30, "contribution_base": 60000, "spending": 3000, "level": 2}
    )
    result = compare(person, *registry.pair("ganzhou"))
    assert result.before.general_pooling_paid == D("0.00")
    assert (result.before.account_paid, result.before.cash_paid) == (D("1920.00"), D("1080.00"))
    assert result.after.general_pooling_paid == D("1320.00")
    assert (result.after.account_paid, result.after.cash_paid) == (D("1200.00"), D("480.00"))
    assert result.change["cash_paid"] == D("-600.00")


# --- Tibet: deductible 300 / 210, rates by level, cap 3000 (art. 6); credit (art. 12) -------------


def test_tibet_retiree_deductible_is_210():
    # Retired, level 2: (1210 − 210) × 80% = 800. In service: (1210 − 300) × 70% = 637.
    retired = settle(XZ, "0", status="retired", age=65, spending=1210, level=2)
    assert retired.visits[0].deductible_applied == D("210.00")
    assert retired.general_pooling_paid == D("800.00")
    assert settle(XZ, "0", status="in_service", age=40, spending=1210, level=2).general_pooling_paid == D("637.00")


@pytest.mark.parametrize("level", [1, 2])
def test_tibet_levels_1_and_2_pay_70_percent_in_service(level):
    # "二级以下" includes level 2: (1300 − 300) × 70% = 700 at level 1 and at level 2.
    assert settle(XZ, "0", status="in_service", age=40, spending=1300, level=level).general_pooling_paid == D("700.00")


def test_tibet_level_3_pays_60_and_70_percent():
    # In service (1300 − 300) × 60% = 600; retired (1210 − 210) × 70% = 700.
    assert settle(XZ, "0", status="in_service", age=40, spending=1300, level=3).general_pooling_paid == D("600.00")
    assert settle(XZ, "0", status="retired", age=65, spending=1210, level=3).general_pooling_paid == D("700.00")


@pytest.mark.parametrize(
    ("status", "age", "level"),
    [
        ("in_service", 40, 2),  # (10000 − 300) × 70% = 6790 → 3000
        ("retired", 65, 3),  # (10000 − 210) × 70% = 6853 → 3000: the cap is the same for retirees
    ],
)
def test_tibet_cap_3000_is_reached(status, age, level):
    result = settle(XZ, "0", status=status, age=age, spending=10000, level=level)
    assert result.general_pooling_paid == D("3000.00")
    assert result.cap_reached and result.visits[0].limited_by == "annual_cap"


def test_tibet_credit_2_percent_and_3600_a_year():
    # In service: 50000 × 2% = 1000. Retired: 3600 a year whatever the pension.
    assert settle(XZ, status="in_service", age=30, contribution_base=50000, spending=0, level=2).account_credit == D(
        "1000.00"
    )
    assert settle(XZ, status="retired", age=80, pension=9000, spending=0, level=2).account_credit == D("3600.00")


def test_tibet_pre_reform_credit_must_come_from_the_statement():
    with pytest.raises(InputError) as caught:
        settle(XZ_PRE, status="in_service", age=30, contribution_base=50000, spending=100, level=2)
    assert "credit_before" in caught.value.message("en") and "statement" in caught.value.message("en")
    # With the statement's 1500: no pooling before 2022, so the account pays the whole 1000.
    result = settle(XZ_PRE, "1500", status="in_service", age=30, contribution_base=50000, spending=1000, level=2)
    assert result.general_pooling_paid == D("0.00")
    assert (result.account_paid, result.closing_balance) == (D("1000.00"), D("500.00"))


# --- Family sharing: Tibet's floor (art. 15) against Chongqing's none (实施细则 art. 10) -------------


def test_tibet_family_sharing_keeps_the_balance_above_3000():
    # Retired: credit 3600 + opening 1000 = 4600, own spending 0.
    # Spouse 1000: may pay up to 4600 − 3000.01 = 1599.99 → paid 1000, balance 3600.
    # Parent 800: up to 3600 − 3000.01 = 599.99 → paid 599.99, refused 200.01, balance 3000.01.
    # Child 100: nothing is left above the floor → refused 100.
    result = settle(
        XZ,
        status="retired",
        age=66,
        spending=0,
        level=2,
        opening_balance=1000,
        family=[
            {"relation": "spouse", "amount": 1000},
            {"relation": "parent", "amount": 800},
            {"relation": "child", "amount": 100},
        ],
    )
    lines = [(f.relation, f.paid, f.refused, f.reason) for f in result.family]
    assert lines == [
        ("spouse", D("1000.00"), D("0.00"), None),
        ("parent", D("599.99"), D("200.01"), "floor"),
        ("child", D("0.00"), D("100.00"), "floor"),
    ]
    assert result.family_paid == D("1599.99")
    assert result.family_refused == D("300.01")
    assert result.closing_balance == D("3000.01")


@pytest.mark.parametrize(
    ("policy_id", "paid", "closing"),
    [
        # Tibet: 3500 − 500 would leave exactly 3000, not above it → 499.99 paid, 3000.01 left.
        (XZ, "499.99", "3000.01"),
        # Chongqing: no floor → the whole 500, 3000 left.
        (CQ, "500.00", "3000.00"),
    ],
)
def test_a_payment_leaving_exactly_3000(policy_id, paid, closing):
    result = settle(
        policy_id,
        "0",
        status="retired",
        age=66,
        spending=0,
        level=2,
        opening_balance=3500,
        family=[{"relation": "child", "amount": 500}],
    )
    assert result.family[0].paid == D(paid)
    assert result.closing_balance == D(closing)


def test_chongqing_family_sharing_may_empty_the_account():
    # Opening 800, no own spending: a parent's 800 is paid in full and the balance is 0 (no floor);
    # under Tibet's rule the same request is refused entirely (800 is already below 3000).
    chongqing = settle(
        CQ,
        "0",
        status="retired",
        age=66,
        spending=0,
        level=2,
        opening_balance=800,
        family=[{"relation": "parent", "amount": 800}],
    )
    assert (chongqing.family_paid, chongqing.closing_balance) == (D("800.00"), D("0.00"))
    tibet = settle(
        XZ,
        "0",
        status="retired",
        age=66,
        spending=0,
        level=2,
        opening_balance=800,
        family=[{"relation": "parent", "amount": 800}],
    )
    assert (tibet.family_paid, tibet.family_refused, tibet.family[0].reason) == (D("0.00"), D("800.00"), "floor")


def test_family_sharing_before_the_reforms_is_refused():
    for policy_id in (GZ_PRE, XZ_PRE):
        result = settle(
            policy_id,
            "500",
            status="in_service",
            age=30,
            contribution_base=10000,
            spending=0,
            level=2,
            family=[{"relation": "spouse", "amount": 100}],
        )
        assert result.family[0].reason == "not_allowed", policy_id
        assert result.closing_balance == D("500.00")


# --- National template (国办发〔2021〕14号) ---------------------------------------------------------


def test_national_template_credit_rules():
    # In service 2% of the base: 80000 × 2% = 1600. Retired about 2% of the area's average pension,
    # which the user supplies: 2500 a month (the test's input) × 12 × 2% = 600.
    assert settle(
        NATIONAL, status="in_service", age=30, contribution_base=80000, spending=0, level=2
    ).account_credit == D("1600.00")
    retired = settle(
        NATIONAL, status="retired", age=65, spending=0, level=2, references={"area_average_basic_pension": 2500}
    )
    assert retired.account_credit == D("600.00")
    with pytest.raises(InputError):
        settle(NATIONAL, status="retired", age=65, spending=0, level=2)


def test_national_template_meets_the_framework(registry):
    policy = registry.get(NATIONAL)
    pooling = policy.pooling
    assert policy.kind == "template" and policy.replaces is None
    # 从50%起步: no rate below 50%; 一低两高: retirees a lower deductible, higher rates, a higher cap.
    assert min(pooling.rates_percent.in_service.values()) >= 50
    assert pooling.deductible.retired < pooling.deductible.in_service
    assert all(pooling.rates_percent.retired[lv] > pooling.rates_percent.in_service[lv] for lv in (1, 2, 3))
    assert pooling.annual_cap.retired > pooling.annual_cap.in_service
    # Numbers the guideline leaves to the areas say so.
    for source in (pooling.deductible.source, pooling.rates_percent.source, pooling.annual_cap.source):
        assert "DEFAULT, NOT A RULE" in source.note


# --- The registry: listing, sources, pairs ----------------------------------------------------------


def test_policies_command_lists_every_region_and_the_template(capsys):
    assert main(["policies", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for policy_id in ("chongqing-pre2024", CQ, GZ_PRE, GZ, XZ_PRE, XZ, NATIONAL):
        assert policy_id in out
    assert main(["policies", "--json"]) == 0
    listed = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert listed[NATIONAL]["kind"] == "template"
    assert listed[GZ]["replaces"] == GZ_PRE and listed[XZ]["replaces"] == XZ_PRE
    assert {row["region"] for row in listed.values()} == {"chongqing", "ganzhou", "tibet", "national"}


def test_every_parameter_cites_a_registered_document(registry):
    for policy in registry.policies.values():
        sources = policy.sources()
        assert sources, policy.id
        for path, source in sources:
            assert source.doc in registry.documents, (policy.id, path)
            assert source.ref.strip(), (policy.id, path)
            if registry.documents[source.doc].secondary:
                assert source.secondary and source.origin, (policy.id, path)
            if source.secondary:
                assert source.origin and source.origin.strip(), (policy.id, path)


def test_unknown_reference_amounts_say_why_they_are_unknown(registry):
    for policy in registry.policies.values():
        for name, reference in policy.references.items():
            if reference.value is None:
                assert reference.source.note or reference.source.origin, (policy.id, name)


@pytest.mark.parametrize("region", ["chongqing", "ganzhou", "tibet"])
def test_every_region_pair_resolves(registry, region):
    before, after = registry.pair(region)
    assert before.region.key == after.region.key == region
    assert (before.kind, after.kind) == ("pre_reform", "reform")
    assert after.replaces == before.id
    assert before.effective_to is not None and before.effective_to < after.effective_from


def test_regions_are_exactly_the_three_and_the_template_is_not_one(registry):
    assert list(registry.regions()) == ["chongqing", "ganzhou", "tibet"]
    assert [p.id for p in registry.templates()] == [NATIONAL]
