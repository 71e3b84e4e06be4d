"""Every case the form accepts gets an answer: published defaults for open references, one side at a time.

老李 (Chongqing, retired, 62, 2,800 yuan at level 2) without a statement credit: the pre-reform credit is
2.4% of the prior-year average wage, which the policy documents leave open; the file's published default
(107,008 yuan, 2022, Chongqing Municipal Bureau of Statistics) stands in for it, labelled.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculator.cli import main
from calculator.comparison import compare, compare_sides, defaults_used
from calculator.errors import InputError
from calculator.registry import default_registry
from calculator.scenario import parse_scenario

LAOLI = {"status": "retired", "age": 62, "spending": "2800", "level": 2}
LAOLI_ARGS = ["compare", "--status", "retired", "--age", "62", "--spending", "2800", "--level", "2"]


def test_every_default_is_a_labelled_secondary_figure():
    registry = default_registry()
    found = 0
    for policy in registry.policies.values():
        for reference in policy.references.values():
            if reference.default is None:
                continue
            found += 1
            assert reference.value is None  # a default only stands in for a figure the documents leave open
            assert reference.default.source.secondary and reference.default.source.origin
            assert reference.default.year >= 2000 and reference.default.publisher.zh
    assert found >= 1


def test_laoli_without_statement_gets_both_sides_from_the_default():
    before, after = default_registry().pair("chongqing")
    person = parse_scenario(LAOLI)
    comparison = compare(person, before, after)
    # 107,008 × 2.4% = 2,568.192 → 2,568.19; pays 2,568.19 of 2,800 from the account, 231.81 in cash
    assert comparison.before.account_credit == Decimal("2568.19")
    assert comparison.before.cash_paid == Decimal("231.81")
    # after: (2800 − 100) × 70% = 1,890 pooled; credit 105 × 12 = 1,260 pays the 910 own share
    assert comparison.after.general_pooling_paid == Decimal("1890.00")
    assert comparison.after.closing_balance == Decimal("350.00")
    used = defaults_used(person, before, after)
    assert [(item.side, item.name) for item in used] == [("before", "cq_prior_year_average_wage")]


def test_the_persons_own_figure_replaces_the_default():
    before, after = default_registry().pair("chongqing")
    with_statement = parse_scenario({**LAOLI, "credit_before": "2525"})
    with_wage = parse_scenario({**LAOLI, "references": {"cq_prior_year_average_wage": "100000"}})
    assert defaults_used(with_statement, before, after) == []
    assert defaults_used(with_wage, before, after) == []
    assert compare(with_statement, before, after).before.account_credit == Decimal("2525.00")
    assert compare(with_wage, before, after).before.account_credit == Decimal("2400.00")  # 100,000 × 2.4%


def test_cli_uses_the_default_and_says_so(capsys):
    assert main([*LAOLI_ARGS, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "¥581.81 better off" in out  # before: 231.81 cash + 0 left; after: 0 cash + 350 left
    assert "107,008.00 (2022, published by Chongqing Municipal Bureau of Statistics)" in out
    assert "secondary source" in out and "--credit-before" in out
    assert main([*LAOLI_ARGS]) == 0
    out = capsys.readouterr().out
    assert "重庆市统计局" in out and "二手资料" in out and "多留 ¥581.81" in out


def test_cli_with_statement_credit_prints_no_default_note(capsys):
    assert main([*LAOLI_ARGS, "--credit-before", "2525", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "¥625.00 better off" in out and "secondary source" not in out


def test_one_side_is_answered_when_the_other_needs_a_figure():
    # Tibet before 2022 gives no credit rule: the statement credit is needed for that side only
    before, after = default_registry().pair("tibet")
    person = parse_scenario(
        {"status": "in_service", "age": 40, "contribution_base": "80000", "spending": "3000", "level": 2}
    )
    outcome_before, outcome_after = compare_sides(person, before, after)
    assert outcome_before.result is None and outcome_before.error.problems[0].field == "credit_before"
    assert outcome_after.result is not None and outcome_after.error is None
    # Ganzhou's retiree credit after the reform needs Jiangxi's average pension (no published default)
    before, after = default_registry().pair("ganzhou")
    retiree = parse_scenario({**LAOLI, "pension": "3000"})
    outcome_before, outcome_after = compare_sides(retiree, before, after)
    assert outcome_before.result is not None
    assert outcome_after.result is None and outcome_after.error.problems[0].field == "references"


@pytest.mark.parametrize("lang, label", [("en", "credit_before"), ("zh", "改革前年度划入")])
def test_tier1_statement_credit_names_the_field_given(lang, label):
    before, after = default_registry().pair("chongqing")
    person = parse_scenario(
        {"status": "in_service", "tier": "individual_tier1", "age": 40, "spending": "100", "level": 2}
        | {"credit_before": "100"}
    )
    with pytest.raises(InputError) as caught:
        compare(person, before, after)
    message = caught.value.message(lang)
    assert label in message and "credit_after" not in message and "改革后" not in message.split("：")[0]


@pytest.mark.parametrize(
    "lang, label, other", [("en", "pre-reform", "post-reform"), ("zh", "改革前年度划入", "改革后")]
)
def test_cli_tier1_statement_credit_names_credit_before(capsys, lang, label, other):
    person = ["--status", "in_service", "--tier", "individual_tier1", "--age", "40", "--spending", "100"]
    code = main(["compare", *person, "--level", "2", "--credit-before", "100", "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2 and "credit_before" in err and label in err
    assert "credit_after" not in err and other not in err


def test_cli_json_names_the_default_it_used(capsys):
    import json

    assert main([*LAOLI_ARGS, "--json"]) == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert data["defaults"] == [
        {
            "side": "before",
            "reference": "cq_prior_year_average_wage",
            "value": data["defaults"][0]["value"],
            "year": 2022,
            "publisher": "Chongqing Municipal Bureau of Statistics",
            "secondary": True,
        }
    ]
    assert Decimal(str(data["defaults"][0]["value"])) == Decimal("107008")
    assert Decimal(str(data["before"]["account_credit"])) == Decimal("2568.19")
    assert main([*LAOLI_ARGS, "--credit-before", "2525", "--json"]) == 0
    assert "defaults" not in json.loads(capsys.readouterr().out)
