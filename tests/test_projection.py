"""The account year by year: hand-computed ledgers, the year-equals-compare property, bad inputs.

Every figure below is worked out by hand from the policy files' parameters (Chongqing: after the reform
2 % of the base in service, 105/115 yuan a month retired, deductible 200/100, rates 60/70 % at level 2
and 70 % retired at level 1, cap 3,000 in service and 800 for tier 1; before: 3.3/3.5/3.7 % of the base
by age, 2.4 % of the prior-year average wage retired, no general pooling).
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.cli import main
from calculator.comparison import compare, resolve_pair
from calculator.errors import CalculatorError
from calculator.projection import ProjectionInput, parse_projection_input, project
from calculator.scenario import parse_scenario
from calculator.settlement import settle_year
from tests.conftest import D

WAGE = {"cq_prior_year_average_wage": "100000"}


def ledger(region: str = "chongqing", years: int = 3, **inputs):
    projection = {
        key: inputs.pop(key) for key in list(inputs) if key in ProjectionInput.model_fields and key not in ("years",)
    }
    before, after = resolve_pair(region)
    return project(parse_scenario(inputs), before, after, parse_projection_input({"years": years, **projection}))


def column(result, side: str, name: str) -> list:
    return [getattr(row.side(side).result, name) if row.side(side).known else None for row in result.years]


def test_worker_retires_at_60_and_passes_70():
    result = ledger(
        years=14,
        status="in_service",
        age=58,
        contribution_base="60000",
        spending="3000",
        level=2,
        references=WAGE,
        retire_age=60,
    )
    assert [row.year for row in result.years] == list(range(2024, 2038))
    assert [row.status for row in result.years] == ["in_service"] * 2 + ["retired"] * 12
    assert result.retirement_year() == 2026 and result.year_of_age(70) == 2036
    # in service: 60,000 × 3.7 % = 2,220 before; × 2 % = 1,200 after; retired: 100,000 × 2.4 % = 2,400 before,
    # 105 × 12 = 1,260 after, 115 × 12 = 1,380 from 70.
    assert column(result, "before", "account_credit") == [D("2220.00")] * 2 + [D("2400.00")] * 12
    assert column(result, "after", "account_credit") == [D("1200.00")] * 2 + [D("1260.00")] * 10 + [D("1380.00")] * 2
    # before: no pooling, the account pays what it holds, the rest is cash (780 in service, 600 retired).
    assert column(result, "before", "cash_paid") == [D("780.00")] * 2 + [D("600.00")] * 12
    # after, in service: (3,000 − 200) × 60 % = 1,680 pooled, own 1,320, account 1,200, cash 120;
    # retired: (3,000 − 100) × 70 % = 2,030 pooled, own 970 from the account, 290 a year left (410 from 70).
    assert column(result, "after", "cash_paid") == [D("120.00")] * 2 + [D("0.00")] * 12
    closing = [D("0.00"), D("0.00")] + [D(290 * n) for n in range(1, 11)] + [D("3310.00"), D("3720.00")]
    assert column(result, "after", "closing_balance") == closing
    assert result.total("before", "cash_paid") == D("8760.00")  # 2 × 780 + 12 × 600
    assert result.total("after", "cash_paid") == D("240.00")
    assert result.total("before", "account_paid") == D("33240.00")  # 2 × 2,220 + 12 × 2,400
    assert result.total("after", "account_paid") == D("14040.00")  # 2 × 1,200 + 12 × 970
    assert result.total("after", "reimbursed_total") == D("27720.00")  # 2 × 1,680 + 12 × 2,030
    assert result.final_balance("before") == D("0.00") and result.final_balance("after") == D("3720.00")
    assert result.cumulative_net()[-1] == D("12240.00")  # 8,760 − 240 cash saved + 3,720 balance
    assert result.turn_year() is None


def test_balances_carry_over_and_the_net_difference_turns():
    """Low spending while at work (the bigger pre-reform credit piles up), then 3,000 a year once retired."""
    result = ledger(
        years=6,
        status="in_service",
        age=58,
        contribution_base="60000",
        spending="500",
        level=2,
        references=WAGE,
        retire_age=60,
        spending_by_year={2026: "3000", 2027: "3000", 2028: "3000", 2029: "3000"},
    )
    # before: +1,720 a year in service (2,220 − 500); retired 2,400 in, 3,000 out of the account.
    assert column(result, "before", "closing_balance") == [
        D(x) for x in ("1720", "3440", "2840", "2240", "1640", "1040")
    ]
    # after: (500 − 200) × 60 % = 180 pooled, 320 from the account, +880 a year; retired +290 a year.
    assert column(result, "after", "closing_balance") == [D(x) for x in ("880", "1760", "2050", "2340", "2630", "2920")]
    assert column(result, "after", "opening_balance") == [D(x) for x in ("0", "880", "1760", "2050", "2340", "2630")]
    assert all(cash == 0 for side in ("before", "after") for cash in column(result, side, "cash_paid"))
    assert result.cumulative_net() == [D(x) for x in ("-840", "-1680", "-790", "100", "990", "1880")]
    assert result.turn_year() == 2027


def test_retiree_without_the_wage_uses_the_published_default_before_and_passes_70_after():
    # Before: 2.4 % of the published 2022 average wage 107,008 = 2,568.19 a year, no pooling: the account pays
    # 2,568.19 of the 3,000 and 431.81 is cash, every year. After: 105 × 12 = 1,260 (115 × 12 = 1,380 from 70),
    # (3,000 − 100) × 70 % = 2,030 pooled, 970 from the account.
    result = ledger(years=4, status="retired", age=68, spending="3000", level=2)
    assert all(row.before.known for row in result.years)
    assert column(result, "before", "account_credit") == [D("2568.19")] * 4
    assert column(result, "before", "cash_paid") == [D("431.81")] * 4
    assert column(result, "before", "closing_balance") == [D("0.00")] * 4
    assert column(result, "after", "account_credit") == [D("1260.00"), D("1260.00"), D("1380.00"), D("1380.00")]
    assert column(result, "after", "closing_balance") == [D("290.00"), D("580.00"), D("990.00"), D("1400.00")]
    assert result.total("before", "cash_paid") == D("1727.24")
    # net per year: cash saved 431.81 + balance change; cumulative net = cash saved so far + after balance
    assert result.cumulative_net() == [D("721.81"), D("1443.62"), D("2285.43"), D("3127.24")]


def test_tier_one_member_has_no_account_on_either_side():
    result = ledger(
        status="in_service", tier="individual_tier1", age=30, contribution_base="50000", spending="2000", level=1
    )
    # no account: all own share is cash; after, (2,000 − 200) × 60 % = 1,080 capped at tier 1's 800.
    assert column(result, "before", "account_credit") == [D("0.00")] * 3
    assert column(result, "after", "general_pooling_paid") == [D("800.00")] * 3
    assert column(result, "before", "cash_paid") == [D("2000.00")] * 3
    assert column(result, "after", "cash_paid") == [D("1200.00")] * 3
    assert column(result, "after", "closing_balance") == [D("0.00")] * 3
    assert result.cumulative_net() == [D("800.00"), D("1600.00"), D("2400.00")]


def test_interest_and_spending_growth_round_half_up_each_year():
    result = ledger(
        status="retired",
        age=62,
        spending="1000",
        level=1,
        references=WAGE,
        interest="2.5",
        spending_growth="3",
    )
    # spending: 1,000; 1,000 × 1.03 = 1,030.00; 1,000 × 1.03² = 1,060.90 (from the start amount).
    assert [row.after.scenario.spending for row in result.years] == [D("1000.00"), D("1030.00"), D("1060.90")]
    # after: 890 at the end of year 1; interest 890 × 2.5 % = 22.25; 1,793.25 × 2.5 % = 44.83125 → 44.83.
    assert column(result, "after", "closing_balance") == [D("890.00"), D("1793.25"), D("2709.81")]
    assert [row.after.interest for row in result.years] == [D("0.00"), D("22.25"), D("44.83")]
    # (1,060.90 − 100) × 70 % = 672.63 pooled; own 388.27.
    assert result.years[2].after.result.general_pooling_paid == D("672.63")
    # before: 1,400 → interest 35.00 → 2,805; 2,805 × 2.5 % = 70.125 → 70.13 (half up) → 4,214.23.
    assert [row.before.interest for row in result.years] == [D("0.00"), D("35.00"), D("70.13")]
    assert column(result, "before", "closing_balance") == [D("1400.00"), D("2805.00"), D("4214.23")]


def test_base_growth_is_rounded_once_from_the_start_amount():
    result = ledger(status="in_service", age=30, contribution_base="33333.33", spending="0", level=1, base_growth="2")
    # 33,333.33 × 1.02 = 33,999.9966 → 34,000.00; × 1.0404 = 34,679.996532 → 34,680.00.
    assert [row.after.scenario.contribution_base for row in result.years] == [
        D("33333.33"),
        D("34000.00"),
        D("34680.00"),
    ]
    assert column(result, "before", "account_credit") == [D("1100.00"), D("1122.00"), D("1144.44")]  # 3.3 %
    assert column(result, "after", "account_credit") == [D("666.67"), D("680.00"), D("693.60")]  # 2 %


def test_pre_reform_age_bands_follow_the_age():
    result = ledger(years=3, status="in_service", age=34, contribution_base="100000", spending="0", level=1)
    assert column(result, "before", "account_credit") == [D("3300.00"), D("3500.00"), D("3500.00")]


def test_tibet_before_needs_the_statement_credit_and_ganzhou_after_the_provincial_pension():
    tibet = ledger("tibet", status="in_service", age=40, contribution_base="80000", spending="1000", level=2)
    assert not tibet.years[0].before.known and tibet.years[0].after.known
    given = ledger(
        "tibet", status="in_service", age=40, contribution_base="80000", spending="1000", level=2, credit_before="3000"
    )
    assert column(given, "before", "account_credit") == [D("3000.00")] * 3
    ganzhou = ledger(
        "ganzhou",
        years=4,
        status="in_service",
        age=58,
        contribution_base="60000",
        spending="1000",
        level=2,
        retire_age=60,
        retirement_pension="4000",
    )
    assert [row.before.known for row in ganzhou.years] == [True] * 4  # 3.8 % of the own pension
    assert column(ganzhou, "before", "account_credit")[2:] == [D("1824.00")] * 2  # 4,000 × 12 × 3.8 %
    assert [row.after.known for row in ganzhou.years] == [True, True, False, False]
    no_pension = ledger(
        "ganzhou",
        years=4,
        status="in_service",
        age=58,
        contribution_base="60000",
        spending="1000",
        level=2,
        retire_age=60,
    )
    assert [row.before.known for row in no_pension.years] == [True, True, False, False]
    assert "retirement_pension" in no_pension.years[2].before.unknown[1]


def test_statement_credit_stops_at_retirement():
    result = ledger(
        years=3,
        status="in_service",
        age=59,
        contribution_base="60000",
        spending="0",
        level=1,
        credit_before="2000",
        references=WAGE,
        retire_age=60,
    )
    assert column(result, "before", "account_credit") == [D("2000.00"), D("2400.00"), D("2400.00")]


# -- the property: every year of the ledger is the one-year comparison of that year's inputs -------------

PERSONS = st.fixed_dictionaries(
    {
        "region": st.sampled_from(["chongqing", "ganzhou", "tibet"]),
        "status": st.sampled_from(["in_service", "retired"]),
        "tier": st.sampled_from(["employer", "individual_tier1", "individual_tier2"]),
        "age": st.integers(45, 90),
        "base": st.integers(1, 300_000),
        "spending": st.integers(0, 30_000),
        "level": st.sampled_from([1, 2, 3]),
        "opening": st.integers(0, 5000),
        "years": st.integers(1, 12),
        "retire_in": st.one_of(st.none(), st.integers(1, 10)),
        "growth": st.sampled_from(["0", "2.5", "-1", "7.25"]),
        "interest": st.sampled_from(["0", "1.5", "3.33"]),
        "reference": st.booleans(),
        "statement": st.one_of(st.none(), st.integers(0, 4000)),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PERSONS)
def test_every_year_equals_compare_for_that_years_inputs(person):
    inputs = {"status": person["status"], "tier": person["tier"], "age": person["age"]}
    inputs |= {"spending": str(person["spending"]), "level": person["level"]}
    if person["status"] == "in_service":
        inputs["contribution_base"] = str(person["base"])
    else:
        inputs["pension"] = "3500"
    if person["tier"] != "individual_tier1":
        inputs["opening_balance"] = str(person["opening"])
        if person["statement"] is not None:
            inputs["credit_before"] = str(person["statement"])
    before, after = resolve_pair(person["region"])
    if person["reference"]:
        given = {"cq_prior_year_average_wage": "95000", "jiangxi_average_basic_pension": "3200"}
        inputs["references"] = {name: amount for name, amount in given.items() if name in after.references}
    projection = {
        "years": min(person["years"], 121 - person["age"]),
        "spending_growth": person["growth"],
        "base_growth": person["growth"],
        "interest": person["interest"],
    }
    if person["status"] == "in_service" and person["retire_in"] is not None:
        projection["retire_age"] = max(person["age"] + person["retire_in"], 45)
        projection["retirement_pension"] = "3000"
    try:
        scenario = parse_scenario(inputs)
        result = project(scenario, before, after, parse_projection_input(projection))
    except CalculatorError:
        return  # refused at the edge (e.g. a tier with no account given a statement credit)
    for index, row in enumerate(result.years):
        assert row.age == person["age"] + index
        for side in ("before", "after"):
            one = row.side(side)
            if not one.known:
                assert all(not later.side(side).known for later in result.years[index:])
                continue
            try:
                expected = getattr(compare(one.scenario, before, after), side)
            except CalculatorError:  # the other side needs a figure nobody gave: this side alone, as compare does
                policy = before if side == "before" else after
                expected = settle_year(policy, one.scenario, getattr(one.scenario, f"credit_{side}"))
            assert one.result.outputs() == expected.outputs()
            assert one.result.spending == one.result.other_schemes_paid + one.result.general_pooling_paid + (
                one.result.account_paid + one.result.cash_paid
            )
            assert min(one.result.outputs().values()) >= 0
            if index:
                previous = result.years[index - 1].side(side).result.closing_balance
                assert one.result.opening_balance == previous + one.interest
                assert one.interest == (previous * Decimal(person["interest"]) / 100).quantize(
                    Decimal("0.01"), "ROUND_HALF_UP"
                )


# -- the command line -------------------------------------------------------------------------------------

WORKER = ["--status", "in_service", "--age", "58", "--contribution-base", "60000", "--spending", "3000", "--level", "2"]


def test_project_json_contract(capsys):
    argv = [*WORKER, "--years", "14", "--retire-age", "60", "--reference", "cq_prior_year_average_wage=100000"]
    assert main(["project", *argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert set(data) >= {"years", "totals", "final_balance", "assumptions"}
    first, last = data["years"][0], data["years"][-1]
    assert {"year", "age", "status", "before", "after", "change"} <= set(first)
    assert (first["year"], first["age"], first["status"]) == (2024, 58, "in_service")
    assert (last["year"], last["age"], last["status"]) == (2037, 71, "retired")
    assert first["before"]["policy"] == "chongqing-pre2024" and first["after"]["cash_paid"] == D("120.00")
    assert first["change"]["cash_paid"] == D("-660.00")
    assert data["totals"]["before"] == {
        "cash_paid": D("8760.00"),
        "account_paid": D("33240.00"),
        "reimbursed_total": D("0.00"),
    }
    assert data["totals"]["change"]["cash_paid"] == D("-8520.00")
    assert data["final_balance"] == {"before": D("0.00"), "after": D("3720.00"), "change": D("3720.00")}
    names = {item["name"] for item in data["assumptions"]}
    assert {"age", "retire_age", "interest", "spending_growth", "money"} <= names


def test_project_json_marks_unknown_years(capsys):
    # Ganzhou's retiree credit needs Jiangxi's average pension (not published in the policy documents) after
    # the reform and the person's own pension before it: both sides are unknown, never estimated.
    argv = ["project", "--region", "ganzhou", "--status", "retired", "--age", "68", "--spending", "3000"]
    assert main([*argv, "--level", "2", "--years", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert data["years"][0]["before"] is None and data["years"][0]["after"] is None
    assert data["years"][0]["change"] is None
    assert "jiangxi_average_basic_pension" in data["years"][0]["unknown"]["after"]["en"]
    # a retiree gives their own pension (--pension), not the projection's pension on retiring
    assert "(pension)" in data["years"][0]["unknown"]["before"]["en"]
    assert "retirement_pension" not in data["years"][0]["unknown"]["before"]["en"]
    assert data["totals"]["before"] is None and data["final_balance"] == {"before": None, "after": None, "change": None}


def test_project_table_states_the_verdict_and_the_conventions(capsys):
    argv = [*WORKER, "--years", "3", "--lang", "en"]
    assert main(["project", *argv]) == 0
    out = capsys.readouterr().out
    assert "¥1,980.00 better off" in out  # 3 × (780 − 120)
    assert "whole years at the start of each calendar year" in out
    assert "No retirement age given" in out


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ([], "years"),
        (["--years", "0"], "years"),
        (["--years", "61"], "years"),
        (["--years", "3", "--retire-age", "30"], "retire_age"),
        (["--years", "3", "--retire-age", "58"], "retire_age"),
        (["--years", "3", "--interest", "-1"], "interest"),
        (["--years", "3", "--interest", "-200"], "interest"),
        (["--years", "3", "--interest", "abc"], "interest"),
        (["--years", "abc"], "years"),
        (["--years", "3", "--reference", "nonsense=100"], "references.nonsense"),
        (
            ["--years", "3", "--region", "ganzhou", "--reference", "cq_prior_year_average_wage=1"],
            "references.cq_prior_year_average_wage",
        ),
        (["--years", "3", "--base-growth", "abc"], "base_growth"),
        (["--years", "3", "--spending-in", "2019=100"], "spending_by_year[2019]"),
        (["--years", "3", "--spending-in", "2025"], "spending_by_year[0]"),
        (["--years", "3", "--retirement-pension", "3000"], "retirement_pension"),
        (["--years", "3", "--start-year", "1800"], "start_year"),
        (["--years", "3", "--after", "national-2021"], "start_year"),
        (["--years", "70", "--age", "90", "--status", "retired"], "years"),
    ],
)
def test_bad_inputs_exit_2_naming_the_field(capsys, extra, field):
    argv = [*WORKER, *extra] if "--status" not in extra else ["--spending", "1", "--level", "1", *extra]
    assert main(["project", *argv]) == 2
    err = capsys.readouterr().err
    assert f"({field})" in err or f"（{field}）" in err, err
    assert "Traceback" not in err


def test_project_help_lists_every_flag(capsys):
    with pytest.raises(SystemExit) as done:
        main(["project", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for flag in (
        "--years",
        "--start-year",
        "--retire-age",
        "--retirement-pension",
        "--base-growth",
        "--pension-growth",
        "--spending-growth",
        "--family-growth",
        "--interest",
        "--spending-in",
        "--reference",
        "--json",
    ):
        assert flag in out
    assert "% a year" in out


def test_every_flag_at_once_by_hand(capsys):
    """A worker of 58 on 60,000 with 2 % base growth, 3 % spending growth, 1.5 % interest, retiring at 60 on
    a 4,000 pension (unused in Chongqing: the retiree credit is 105/115 a month after and 2.4 % of the wage
    before), 2 years. Year 2: base 61,200, spending 3,090."""
    argv = [*WORKER, "--years", "3", "--start-year", "2024", "--retire-age", "60", "--retirement-pension", "4000"]
    argv += ["--base-growth", "2", "--pension-growth", "1", "--spending-growth", "3", "--family-growth", "1"]
    argv += ["--interest", "1.5", "--spending-in", "2026=1000", "--reference", "cq_prior_year_average_wage=100000"]
    assert main(["project", *argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert [(row["year"], row["age"], row["status"]) for row in data["years"]] == [
        (2024, 58, "in_service"),
        (2025, 59, "in_service"),
        (2026, 60, "retired"),
    ]
    # 2025 before: 61,200 × 3.7 % = 2,264.40 credited, 3,090 spent, 825.60 cash; after: 61,200 × 2 % = 1,224,
    # (3,090 − 200) × 60 % = 1,734 pooled, own 1,356, 1,224 from the account, 132 cash
    second = data["years"][1]
    assert (second["before"]["account_credit"], second["before"]["cash_paid"]) == (D("2264.40"), D("825.60"))
    assert (second["after"]["account_credit"], second["after"]["general_pooling_paid"]) == (D("1224.00"), D("1734.00"))
    assert second["after"]["cash_paid"] == D("132.00") and second["change"]["cash_paid"] == D("-693.60")
    # 2026, retired, spending given as 1,000: before 2,400 in, 1,000 out → 1,400; after 1,260 in,
    # (1,000 − 100) × 70 % = 630 pooled, 370 from the account → 890
    third = data["years"][2]
    assert third["before"]["closing_balance"] == D("1400.00") and third["after"]["closing_balance"] == D("890.00")
    assert data["totals"]["before"]["cash_paid"] == D("1605.60")  # 780 + 825.60
    assert data["totals"]["after"] == {
        "cash_paid": D("252.00"),  # 120 + 132
        "account_paid": D("2794.00"),  # 1,200 + 1,224 + 370
        "reimbursed_total": D("4044.00"),  # 1,680 + 1,734 + 630
    }
    assert data["totals"]["change"]["cash_paid"] == D("-1353.60")
    assert data["final_balance"] == {"before": D("1400.00"), "after": D("890.00"), "change": D("-510.00")}
    names = [item["name"] for item in data["assumptions"]]
    for name in ("base_growth", "pension_growth", "spending_growth", "family_growth", "interest", "spending_by_year"):
        assert name in names
    assert next(a for a in data["assumptions"] if a["name"] == "interest")["value"] == "1.5"


def test_a_published_default_and_a_secondary_rule_are_said_from_the_year_they_apply():
    """A Chongqing worker of 44 retiring at 46 without the wage: the 3.7 % band from 45 (2025) and the
    wage default from retirement (2026) rest on secondary sources, and the ledger says so."""
    result = ledger(
        years=3, status="in_service", age=44, contribution_base="50000", spending="0", level=1, retire_age=46
    )
    notes = {a.name: a for a in result.assumptions}
    assert notes["secondary_before"].value == "2025"
    assert notes["default_before"].value == "cq_prior_year_average_wage=107008"
    assert "from 2026 on" in notes["default_before"].en and "¥107,008.00" in notes["default_before"].en
    assert column(result, "before", "account_credit") == [D("1750.00"), D("1850.00"), D("2568.19")]
    assert "secondary_after" not in notes and "default_after" not in notes
    given = ledger(years=3, status="retired", age=66, spending="0", level=1, references=WAGE)
    assert "default_before" not in {a.name for a in given.assumptions}
