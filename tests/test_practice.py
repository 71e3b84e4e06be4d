"""Practice cases: every drawn case settles, the key is the engine's, marking names the step that goes wrong.

The hand-worked cases below are computed from the policy articles by hand (the arithmetic is in the
comments), not copied from the engine.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.cli import main
from calculator.comparison import compare, resolve_pair
from calculator.errors import InputError
from calculator.practice import (
    ANSWER_FIELDS,
    DIFFICULTIES,
    PracticeCase,
    case_lines,
    citation,
    expected,
    generate,
    key_csv,
    key_markdown,
    mark_case,
    practice_json,
    read_amount,
    scenario_json,
    side_fields,
    worksheet_csv,
    worksheet_markdown,
)
from calculator.registry import default_registry
from calculator.scenario import parse_scenario

REGIONS = tuple(default_registry().regions())
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEN_TEXT = re.compile(r"^-?\d+\.\d\d$")


def _case(region: str, **inputs) -> PracticeCase:
    before, after = resolve_pair(region)
    return PracticeCase(1, region, 4, parse_scenario(inputs), before, after)


def _right_answers(case: PracticeCase) -> dict[str, dict[str, str]]:
    key = case.key()
    return {side: {n: f"{v:.2f}" for n, v in expected(getattr(key, side)).items()} for side in ("before", "after")}


# -- the generator ------------------------------------------------------------------------------------


def test_regions_are_the_registry_s():
    assert set(REGIONS) == {"chongqing", "ganzhou", "tibet"}


@SETTINGS
@given(st.sampled_from(REGIONS), st.sampled_from(DIFFICULTIES), st.integers(0, 2**31 - 1))
def test_every_drawn_case_settles_and_keeps_the_invariants(region, level, seed):
    for case in generate(region, level, 4, seed):
        # the inputs are the engine's own contract: the JSON form reads back into the same scenario
        assert parse_scenario(scenario_json(case.scenario)) == case.scenario
        for visit in case.scenario.settlement_visits():  # hand arithmetic: whole yuan or one decimal
            assert visit.amount == visit.amount.quantize(Decimal("0.1")) and visit.amount > 0
        key = case.key()
        for result in (key.before, key.after):
            assert result.spending == result.other_schemes_paid + result.general_pooling_paid + result.own_share
            assert result.own_share == result.account_paid + result.cash_paid
            for value in (result.general_pooling_paid, result.account_paid, result.cash_paid, result.closing_balance):
                assert value >= 0
            if result.annual_cap is not None:
                assert result.general_pooling_paid <= result.annual_cap
            if not result.has_account:
                assert result.account_paid == result.closing_balance == 0
        if level == 3:
            assert case.scenario.visits is not None and len(case.scenario.visits) >= 3
        if level <= 2:
            assert case.scenario.visits is None


def test_levels_reach_what_they_promise():
    """Over a few seeds each level shows its topics, read from the policies (not from region names)."""
    seen: dict[tuple[str, int], set[str]] = {}
    for region in REGIONS:
        for level in DIFFICULTIES:
            topics = seen.setdefault((region, level), set())
            for case in generate(region, level, 10, 3):
                after = case.key().after
                topics.add(case.scenario.status)
                if case.scenario.other_schemes_paid:
                    topics.add("other_schemes")
                if after.cap_reached:
                    topics.add("cap")
                if any(0 < line.deductible_applied < line.eligible for line in after.visits):
                    topics.add("deductible_part_way")
                if any(line.limited_by == "sub_cap" for line in after.visits):
                    topics.add("sub_cap")
                if any(line.deductible_counter != "general" for line in after.visits):
                    topics.add("own_counter")
                if not after.has_account:
                    topics.add("no_account")
                if after.family:
                    topics.add("family")
    for region in REGIONS:
        assert {"retired", "in_service"} <= seen[(region, 1)]
        assert {"other_schemes", "cap", "retired"} <= seen[(region, 2)]
        assert {"cap", "deductible_part_way"} <= seen[(region, 3)]
        assert "family" in seen[(region, 4)]
    assert {"sub_cap", "own_counter"} <= seen[("ganzhou", 4)]  # Ganzhou's TCM counter and 两病 sub-caps
    assert "no_account" in seen[("chongqing", 4)]  # Chongqing's individual tier 1 has no account
    assert "retired" in seen[("tibet", 4)]  # Tibet's retiree deductible (210)


def test_same_seed_same_cases_other_seed_other_cases():
    first = generate("chongqing", 3, 10, 7)
    again = generate("chongqing", 3, 10, 7)
    assert [c.scenario for c in first] == [c.scenario for c in again]
    assert [c.scenario for c in first] != [c.scenario for c in generate("chongqing", 3, 10, 8)]
    # a shorter set is the start of the longer one: a trainer can hand out the first five
    assert [c.scenario for c in generate("chongqing", 3, 5, 7)] == [c.scenario for c in first[:5]]


def test_a_published_set_stays_the_same():
    """A worksheet printed today must match the page next year: the first case of a set is pinned here, so a
    change to the drawing (not to the policy files) shows up as a failure rather than as other cases."""
    assert scenario_json(generate("chongqing", 1, 1, 7)[0].scenario) == {
        "status": "retired",
        "tier": "employer",
        "age": 64,
        "spending": "540.00",
        "level": 2,
        "credit_before": "970.00",
    }


def test_no_region_is_named_in_the_generator():
    source = (Path(__file__).resolve().parent.parent / "calculator" / "practice.py").read_text(encoding="utf-8")
    for region in REGIONS:
        assert region not in source.lower()


@pytest.mark.parametrize(
    ("region", "level", "count", "seed"),
    [
        ("mars", 1, 1, 1),
        ("chongqing", 5, 1, 1),
        ("chongqing", 0, 1, 1),
        ("chongqing", 1, 0, 1),
        ("tibet", 1, 51, 1),
        ("tibet", 1, 1, -1),
    ],
)
def test_a_set_the_generator_cannot_draw_is_refused(region, level, count, seed):
    with pytest.raises(InputError):
        generate(region, level, count, seed)


# -- the key is the engine ------------------------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("level", DIFFICULTIES)
def test_key_equals_the_engine(region, level):
    cases = generate(region, level, 6, 11)
    data = practice_json(cases, 11, with_answers=True)
    for item in data["cases"]:
        scenario = parse_scenario(item["scenario"])
        comparison = compare(scenario, *resolve_pair(region))
        for side in ("before", "after"):
            result = getattr(comparison, side)
            answers = item["answers"][side]
            assert answers["policy"] == result.policy.id
            for name, value in result.outputs().items():
                assert answers[name] == f"{value:.2f}"
            used = sum((line.deductible_applied for line in result.visits), Decimal(0))
            assert answers["deductible_used"] == f"{used:.2f}"
    # and the CSV key carries the same figures
    rows = key_csv(cases).splitlines()
    assert rows[0] == "case,side,policy," + ",".join(ANSWER_FIELDS)
    assert len(rows) == 1 + 2 * len(cases)


# -- marking ------------------------------------------------------------------------------------------


@SETTINGS
@given(st.sampled_from(REGIONS), st.sampled_from(DIFFICULTIES), st.integers(0, 10_000))
def test_right_answers_are_accepted(region, level, seed):
    for case in generate(region, level, 2, seed):
        marks = mark_case(case, _right_answers(case))
        for side, mark in marks.items():
            assert mark.all_right and mark.diagnosis is None
            assert [f.name for f in mark.fields] == list(side_fields(case.policy(side)))


def test_hand_case_chongqing_in_service():
    # Chongqing, in service, base 60,000: after the reform the deductible is 200 (art. 4), level 2 pays 60%
    # (art. 5): (2,800 − 200) × 60% = 1,560; own share 1,240; credit 2% × 60,000 = 1,200 (art. 9 para 1);
    # the account pays 1,200, cash 40, balance 0. Before: no pooling, credit 3.5% × 60,000 = 2,100 at 40.
    case = _case("chongqing", status="in_service", age=40, contribution_base=60000, spending=2800, level=2)
    right = {
        "deductible_used": "200",
        "general_pooling_paid": "1,560.00",
        "account_paid": "¥1,200",
        "cash_paid": "40",
        "closing_balance": "0",
    }
    marks = mark_case(case, {"before": {"account_paid": "2100", "cash_paid": "700", "closing_balance": "0"}})
    assert marks["before"].all_right
    assert mark_case(case, {"after": right})["after"].all_right

    # forgot the deductible: the first wrong figure is the deductible used, and the step is its article
    wrong = mark_case(case, {"after": {**right, "deductible_used": "0", "general_pooling_paid": "1680"}})["after"]
    assert [f.right for f in wrong.fields] == [False, False, True, True, True]
    assert wrong.diagnosis.step.key == "deductible.general"
    assert "第四条" in citation(wrong.diagnosis.source, "zh")
    assert any(step.key == "visit" for step in wrong.diagnosis.working)

    # the rate: the deductible is right but the pooled figure is not → the visit step, the rate article
    wrong = mark_case(case, {"after": {**right, "general_pooling_paid": "1820"}})["after"]
    assert wrong.diagnosis.step.key == "visit"
    assert "第五条" in citation(wrong.diagnosis.source, "zh")
    assert "1,560.00" in wrong.diagnosis.step.sentence("zh")

    # the account holds only the credit: 1,240 from the account and 0 cash adds up but the credit is 1,200
    wrong = mark_case(case, {"after": {**right, "account_paid": "1240", "cash_paid": "0"}})["after"]
    assert wrong.diagnosis.step.key == "credit"
    assert "第九条第一款" in citation(wrong.diagnosis.source, "zh")

    # a figure that is not an amount is wrong, and said to be unreadable
    wrong = mark_case(case, {"after": {**right, "cash_paid": "forty"}})["after"]
    assert wrong.fields[3].unreadable and not wrong.fields[3].right
    assert wrong.diagnosis.step.key == "cash"
    assert wrong.diagnosis.source is None  # arithmetic of the steps above
    assert "无单独条文" in citation(None, "zh")


def test_a_wrong_balance_shows_the_credit_in_its_working():
    # in service, base 60,000: the credit is 2% = 1,200 (art. 9 para 1); 300 at level 2: deductible 200,
    # pooled (300 − 200) × 60% = 60, own share 240 from the account, balance 1,200 − 240 = 960. A balance of
    # 1,860 (on the old 3.5% credit) is wrong at the balance step, whose working starts from the credit.
    case = _case("chongqing", status="in_service", age=40, contribution_base=60000, spending=300, level=2)
    right = {"deductible_used": "200", "general_pooling_paid": "60", "account_paid": "240", "cash_paid": "0"}
    assert mark_case(case, {"after": {**right, "closing_balance": "960"}})["after"].all_right
    mark = mark_case(case, {"after": {**right, "closing_balance": "1860"}})["after"]
    assert mark.diagnosis.step.key == "closing_balance" and mark.diagnosis.source is None
    assert [step.key for step in mark.diagnosis.working] == ["credit", "account_paid", "closing_balance"]
    assert "1,200.00" in mark.diagnosis.working[0].sentence("zh")


def test_hand_case_annual_cap():
    # retired, level 2, 8,000: (8,000 − 100) × 70% = 5,530 would be due, but the retiree cap is 4,000 (art. 6)
    case = _case("chongqing", status="retired", age=66, spending=8000, level=2)
    after = case.key().after
    assert after.general_pooling_paid == Decimal("4000.00")
    marks = mark_case(case, {"after": {"deductible_used": "100", "general_pooling_paid": "5530"}})["after"]
    assert marks.diagnosis.step.key == "visit"
    assert "第六条" in citation(marks.diagnosis.source, "zh")


def test_hand_case_no_account_tier():
    # Chongqing individual tier 1: no account (Q15); cap 800 for that tier in service (art. 6):
    # (3,000 − 200) × 60% = 1,680 → 800; own share 2,200, all in cash
    case = _case("chongqing", status="in_service", tier="individual_tier1", age=35, spending=3000, level=1)
    after = case.key().after
    assert (after.general_pooling_paid, after.account_paid, after.cash_paid) == (800, 0, 2200)
    answers = {"deductible_used": "200", "general_pooling_paid": "800", "account_paid": "600", "cash_paid": "1600"}
    mark = mark_case(case, {"after": answers})["after"]
    assert mark.diagnosis.step.key == "account_paid"
    assert "问十五" in citation(mark.diagnosis.source, "zh")


def test_hand_case_ganzhou_tcm_counter():
    # Ganzhou, in service, level 1: TCM 500 fills its own 300 counter (art. 5(3)), general 800 the 600 one
    # (art. 5(1)): deductible used 900; pooled (500 − 300) × 65% + (800 − 600) × 60% = 130 + 120 = 250
    case = _case(
        "ganzhou",
        status="in_service",
        age=45,
        contribution_base=50000,
        visits=[{"amount": 500, "level": 1, "kind": "tcm"}, {"amount": 800, "level": 1}],
    )
    figures = expected(case.key().after)
    assert figures["deductible_used"] == Decimal("900.00") and figures["general_pooling_paid"] == Decimal("250.00")
    # left out the TCM counter of its own: the step named is that counter, with its article
    mark = mark_case(case, {"after": {"deductible_used": "600", "general_pooling_paid": "250"}})["after"]
    assert mark.diagnosis.step.key == "deductible.tcm"
    assert "第五条（三）" in citation(mark.diagnosis.source, "zh")
    # left out the general counter (300 is the TCM counter alone): the general counter, art. 5(1)
    mark = mark_case(case, {"after": {"deductible_used": "300", "general_pooling_paid": "250"}})["after"]
    assert mark.diagnosis.step.key == "deductible.general"
    assert "第五条（一）" in citation(mark.diagnosis.source, "zh")


def test_hand_case_tibet_family_floor():
    # Tibet retiree: deductible 300 × 70% = 210 (art. 6(1)); level 1 at 80%: (1,210 − 210) × 80% = 800;
    # own 410 from the account; 3,000 + 3,600 − 410 = 6,190; a parent's 3,500 may leave no less than
    # 3,000.01 (art. 15): 3,189.99 paid, closing 3,000.01
    case = _case(
        "tibet",
        status="retired",
        age=65,
        spending=1210,
        level=1,
        opening_balance=3000,
        credit_before=2000,
        family=[{"relation": "parent", "amount": 3500}],
    )
    after = case.key().after
    assert expected(after) == {
        "deductible_used": Decimal("210.00"),
        "general_pooling_paid": Decimal("800.00"),
        "account_paid": Decimal("410.00"),
        "cash_paid": Decimal("0.00"),
        "closing_balance": Decimal("3000.01"),
    }
    answers = {"deductible_used": "210", "general_pooling_paid": "800", "account_paid": "410", "cash_paid": "0"}
    mark = mark_case(case, {"after": {**answers, "closing_balance": "2690"}})["after"]
    assert mark.diagnosis.step.key == "family"
    assert "第十五条" in citation(mark.diagnosis.source, "zh")


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234.5", Decimal("1234.5")), ("¥1,234.50", Decimal("1234.50")), (" 12 元 ", Decimal(12)), ("", None)],
)
def test_read_amount(text, value):
    assert read_amount(text) == value


def test_read_amount_refuses_text():
    with pytest.raises(InputError):
        read_amount("12a")
    with pytest.raises(InputError):
        read_amount("nan")


# -- worksheet, key and the command line -------------------------------------------------------------------


def test_worksheet_and_key_markdown():
    cases = generate("ganzhou", 4, 3, 5)
    sheet = worksheet_markdown(cases, 5, "zh")
    assert sheet.count("\n## 第 ") == 3 and "随机种子 5" in sheet
    key = key_markdown(cases, 5, "en")
    assert key.count("\n## Case ") == 3
    for case in cases:
        for value in expected(case.key().after).values():
            assert f"¥{value:,.2f}" in key
    assert "Answer key" not in sheet and "计算过程" not in sheet
    rows = worksheet_csv(cases).splitlines()
    assert rows[0].startswith("case,region,level_of_difficulty,status") and len(rows) == 4


def test_cli_json_shape(capsys):
    assert main(["practice", "--region", "chongqing", "--level", "3", "--count", "4", "--seed", "7", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["seed", "region", "level", "cases"]
    assert (data["seed"], data["region"], data["level"], len(data["cases"])) == (7, "chongqing", 3, 4)
    for item in data["cases"]:
        assert list(item) == ["scenario"]
        for visit in item["scenario"]["visits"]:
            assert list(visit) == ["amount", "level", "kind"] and FEN_TEXT.match(visit["amount"])

    assert (
        main(["practice", "--region", "tibet", "--level", "4", "--count", "3", "--seed", "7", "--json", "--answers"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    for item in data["cases"]:
        assert list(item) == ["scenario", "answers"] and list(item["answers"]) == ["before", "after"]
        for side in item["answers"].values():
            for name in ("account_credit", "general_pooling_paid", "own_share", "account_paid", "cash_paid"):
                assert FEN_TEXT.match(side[name])
            assert FEN_TEXT.match(side["closing_balance"]) and FEN_TEXT.match(side["deductible_used"])


def test_cli_text_and_errors(capsys):
    assert main(["practice", "--level", "2", "--count", "2", "--seed", "3", "--answers", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "# Practice: Chongqing, level 2, seed 3" in out and "# Answer key" in out
    assert main(["practice", "--level", "5"]) == 2
    assert "练习难度" in capsys.readouterr().err
    assert main(["practice", "--seed", "x", "--lang", "en"]) == 2
    assert "seed must be a whole number" in capsys.readouterr().err
    assert main(["practice", "--region", "mars", "--lang", "en"]) == 2
    assert "unknown region" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "before", "after", "doubled", "article"),
    [
        (
            "en",
            "Chongqing employee insurance before the reform (to 2023-12-31)",
            "Chongqing outpatient mutual aid (from 2024-01-01)",
            ("Before the reform (", "After the reform (", "**Before the reform**", "**After the reform**"),
            "Yuyibaofa [2023] No. 32, 2023-12-11) Art. 9 para. 2)",
        ),
        (
            "zh",
            "重庆市职工医保（改革前，至2023年12月31日）",
            "重庆市职工医保门诊共济（2024年1月1日起）",
            ("改革前（", "改革后（", "**改革前**", "**改革后**"),
            "渝医保发〔2023〕32号，2023年12月11日）第九条第二款）",
        ),
    ],
)
def test_the_cli_names_each_policy_once_and_cites_as_the_dashboard(capsys, lang, before, after, doubled, article):
    """A policy's title already says before/after and its dates: the worksheet and the key name it once, and the
    key cites each article in the reader's language, as the dashboard does."""
    assert main(["practice", "--count", "1", "--seed", "3", "--answers", "--lang", lang]) == 0
    out = capsys.readouterr().out
    colon = ": " if lang == "en" else "："
    assert f"- {before}{colon}" in out and f"- {after}{colon}" in out  # what to work out, per policy
    assert f"**{before}**" in out and f"**{after}**" in out  # the key's heading per side
    for words in doubled:
        assert words not in out
    assert article in out  # the retiree's credit (the level-1 case of seed 3 is retired)
    if lang == "en":
        assert not re.search(r"第[一二三四五六七八九十]+[条款]|问[一二三四五六七八九十]+", out)


# -- the page (Streamlit AppTest) ----------------------------------------------------------------------------


def _open_page(query: dict[str, str]):
    from streamlit.testing.v1 import AppTest

    from tests.dashboard_helpers import APP

    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update(query)
    app.switch_page("app_pages/practice.py")
    return app.run()


def test_page_in_english_marks_a_case_from_the_link():
    link = {"region": "ganzhou", "difficulty": "2", "count": "4", "seed": "11", "lang": "en"}
    app = _open_page(link)
    assert not app.exception
    case = generate("ganzhou", 2, 4, 11)[0]
    shown = [str(block.value) for block in app.markdown]
    assert "\n".join(case_lines(case, "en")) in shown  # the link's first case, in English
    assert {key: app.query_params[key] for key in ("region", "difficulty", "count", "seed")} == {
        key: link[key] for key in ("region", "difficulty", "count", "seed")
    }
    # each side is headed by its policy, named once (its title says before/after and its dates)
    unescaped = [text.replace("\\", "") for text in shown]  # the page escapes Markdown's brackets
    for side in ("before", "after"):
        assert f"**{case.policy(side).title.en}**" in unescaped
    assert not any(text.startswith(("**Before the reform:", "**After the reform:")) for text in unescaped)
    answers = _right_answers(case)
    values = [answers[side][name] for side in ("before", "after") for name in side_fields(case.policy(side))]
    assert len(app.text_input) == len(values)
    for box, value in zip(app.text_input, values, strict=True):
        box.input(value)
    next(button for button in app.button if button.label == "Mark this case").click().run()
    assert not app.exception
    shown = [str(block.value) for block in app.markdown]
    assert shown.count("All figures of this side are right.") == 2
    assert any(
        "Score for the set: " in str(box.value) and "1 of 4 cases all right" in str(box.value) for box in app.info
    )


def test_page_refuses_a_bad_link_and_uses_the_defaults():
    app = _open_page({"seed": "x", "difficulty": "9"})
    assert not app.exception
    assert any("练习设置无效" in str(box.value) for box in app.warning)
    first = generate("chongqing", 1, 10, 1)[0]
    assert "\n".join(case_lines(first, "zh")) in [str(block.value) for block in app.markdown]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "（重庆，难度 1，10 题，随机种子 1）"), ("en", "(Chongqing, level 1, 10 cases, random seed 1)")],
)
def test_the_practice_page_says_its_set_in_words_not_as_a_query_string(lang, words):
    from tests.dashboard_helpers import start

    app = start()
    if lang == "en":
        app.radio(key="lang_switch").set_value("en").run()
    app.switch_page("app_pages/practice.py").run()
    captions = " ".join(caption.value for caption in app.caption)
    assert words in captions and "region=" not in captions and "&" not in captions
