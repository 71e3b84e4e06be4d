"""The My-case page (AppTest): the figures it shows are the engine's, inputs move them, an empty box means
"not given", text is refused by name, nothing stale stays beside a rejected input, the verdict's tone
follows its sign, a side that needs one more figure never hides the other, and the English switch leaves
no Chinese behind."""

from __future__ import annotations

import json
from decimal import Decimal

from dashboard_helpers import CJK, engine, metric_colours, metrics, shown_texts, start, unescape
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import booleans, integers, sampled_from
from hypothesis.strategies import composite as st_composite

from calculator.cli import main
from calculator.comparison import compare, resolve_pair
from calculator.money import format_yuan
from calculator.scenario import parse_scenario

CASH, BALANCE, REIMBURSED = "现金自付（改革后）", "年末账户余额（改革后）", "医保报销（改革后）"
LAOLI = {"status": "retired", "age": "62", "spending": "2800", "level": "2"}


def errors(app) -> list[str]:
    return [unescape(error.value) for error in app.error]


def test_default_case_shows_the_engines_figures():
    app = start()
    assert not app.exception
    shown = metrics(app)
    # Default: in service, 40, base 80,000, 3,000 at level 2 in Chongqing.
    # After: credit 2% × 80,000 = 1,600; pooling (3,000 − 200) × 60% = 1,680; own share 1,320 from the
    # account; balance 1,600 − 1,320 = 280; cash 0. Before: credit 3.5% × 80,000 = 2,800 pays all 3,000
    # but 200 in cash, balance 0. One sign per change: the arrow, never "↓ -¥200.00".
    assert shown[CASH] == ("¥0.00", "↓ ¥200.00")
    assert shown[BALANCE] == ("¥280.00", "↑ ¥280.00")
    assert shown[REIMBURSED] == ("¥1,680.00", "↑ ¥1,680.00")
    assert metric_colours(app) == {CASH: "GREEN", BALANCE: "GREEN", REIMBURSED: "GREEN"}  # all good news
    result = engine(status="in_service", age=40, contribution_base=80000, spending=3000, level=2)
    assert shown[CASH][0] == format_yuan(result.after.cash_paid)
    # break-even: 1,200 less credit is made up by (S − 200) × 60% = 1,200 → S = 2,200
    assert any("¥2,200.00" in unescape(info.value) for info in app.info)


def test_moving_the_spending_slider_moves_the_box_and_the_figures():
    app = start()
    app.slider(key="w.spending_slider").set_value(6000.0).run()
    assert not app.exception
    assert app.text_input(key="w.spending").value == "6000.00"
    shown = metrics(app)
    # After: (6,000 − 200) × 60% = 3,480, capped at 3,000; own 3,000; the account pays its 1,600; cash 1,400.
    # Before: no pooling; the 2,800 credit pays 2,800 of 6,000; cash 3,200. Cash change −1,800.
    assert shown[CASH] == ("¥1,400.00", "↓ ¥1,800.00")
    assert shown[REIMBURSED] == ("¥3,000.00", "↑ ¥3,000.00")
    result = engine(status="in_service", age=40, contribution_base=80000, spending=6000, level=2)
    assert shown[BALANCE][0] == format_yuan(result.after.closing_balance)


def test_the_exact_box_moves_the_slider():
    app = start()
    app.text_input(key="w.spending").input("1,234.56").run()
    assert app.slider(key="w.spending_slider").value == 1234.56
    result = engine(status="in_service", age=40, contribution_base=80000, spending="1234.56", level=2)
    assert metrics(app)[REIMBURSED][0] == format_yuan(result.after.reimbursed_total)  # (1,234.56 − 200) × 60% = 620.74
    assert metrics(app)[REIMBURSED][0] == "¥620.74"


def test_a_retiree_gets_an_answer_at_once_with_the_published_default_labelled():
    app = start()
    app.radio(key="w.status.zh").set_value("retired").run()
    assert not app.exception
    # a retiree of 40 is refused beside the age field, not with a traceback, and no figures are shown
    assert any("45" in text and "年龄" in text for text in errors(app))
    assert not app.metric
    app.slider(key="w.age").set_value(62).run()
    app.slider(key="w.spending_slider").set_value(2800.0).run()
    assert not app.exception and not errors(app)
    shown = metrics(app)
    # before: 107,008 × 2.4% = 2,568.19 credit, cash 2,800 − 2,568.19 = 231.81; after 0 cash, 350 left
    assert shown[CASH] == ("¥0.00", "↓ ¥231.81")
    assert "¥581.81" in unescape(app.success[0].value)
    texts = [unescape(text) for text in shown_texts(app)]
    assert any(
        "重庆市统计局" in text and "2022" in text and "107,008.00" in text and "二手资料" in text for text in texts
    )
    assert any("对账单" in text and "替换" in text for text in texts)


def test_the_statement_credit_replaces_the_default_and_clearing_it_brings_the_rule_back():
    app = start(LAOLI)
    app.text_input(key="w.credit_before").input("2525").run()
    # 老李 (Q19 ex. 1): the statement's 2,525 pays 2,525 of 2,800; cash 275 before, 0 after; 350 left
    assert metrics(app)[CASH] == ("¥0.00", "↓ ¥275.00")
    assert "¥625.00" in unescape(app.success[0].value)
    assert app.query_params["credit_before"] == "2525.00"
    app.text_input(key="w.credit_before").input("").run()
    assert app.text_input(key="w.credit_before").value == ""  # empty stays empty, never 0.00
    assert "credit_before" not in app.query_params  # "not given" is not written as 0
    assert metrics(app)[CASH] == ("¥0.00", "↓ ¥231.81")  # the rule (with its labelled default) again
    shown_verdict = unescape(app.success[0].value)
    comparison = compare(parse_scenario({**LAOLI, "level": 2}), *resolve_pair("chongqing"))
    net = comparison.change["closing_balance"] - comparison.change["cash_paid"]
    assert format_yuan(net) == "¥581.81" and format_yuan(net) in shown_verdict


def test_clearing_the_box_matches_the_cli(capsys):
    app = start({**LAOLI, "credit_before": "2525"})
    app.text_input(key="w.credit_before").input("").run()
    assert main(["compare", "--status", "retired", "--age", "62", "--spending", "2800", "--level", "2"]) == 0
    assert "多留 ¥581.81" in capsys.readouterr().out
    assert "¥581.81" in unescape(app.success[0].value)


def test_a_credit_given_as_zero_stays_zero():
    app = start({**LAOLI, "credit_before": "0"})
    assert app.text_input(key="w.credit_before").value == "0.00"
    assert app.query_params["credit_before"] == "0.00"
    # nothing credited before: all 2,800 in cash; after 0 cash and 350 left → 3,150 better off
    assert metrics(app)[CASH] == ("¥0.00", "↓ ¥2,800.00")


def test_text_in_an_amount_box_is_refused_by_name_and_no_figures_for_zero_are_shown():
    app = start()
    app.text_input(key="w.spending").input("abc").run()
    assert not app.exception
    assert any("abc" in text and "年度门诊费用" in text for text in errors(app))
    assert not app.metric and not app.success and not app.warning
    # the answer sits above the form (and beside it on a desktop): it points at "the form", never "above"
    assert any("表单中标出的年度门诊费用" in text for text in errors(app))
    assert not any("上面" in text or "上方" in text for text in errors(app))
    assert app.query_params["spending"] == "3000.00"  # the link keeps the last valid case, never 0


def _elements(app) -> list[tuple[tuple[int, ...], object]]:
    """Every element and block of the page with its position in the page's tree."""

    def walk(node, path):
        for index, child in (getattr(node, "children", None) or {}).items():
            yield (*path, index), child
            yield from walk(child, (*path, index))

    return list(walk(app._tree, ()))


def test_a_problem_shows_right_under_its_box_and_a_page_without_problems_sends_nothing_for_them():
    app = start()
    assert not [node for _, node in _elements(app) if node.type in ("empty", "error")]  # no placeholders
    app.text_input(key="w.spending").input("abc").run()
    where = {getattr(node, "key", None): path for path, node in _elements(app)}
    problem = next(
        path for path, node in _elements(app) if node.type == "error" and "「abc」不是金额" in unescape(node.value)
    )
    # below the row holding the slider and the exact box, in the form's column
    spending_row = where["w.spending"][:-2]
    assert problem[:-1] == spending_row[:-1] and problem[-1] == spending_row[-1] + 1
    app.text_input(key="w.spending").input("2800").run()
    assert not errors(app) and app.metric
    assert not [node for _, node in _elements(app) if node.type in ("empty", "error")]


def test_a_rejected_input_leaves_no_stale_figures():
    app = start()
    assert app.metric
    for bad in ("-500", "99999999", "12.345"):
        app.text_input(key="w.spending").input(bad).run()
        assert not app.metric and not app.success, bad
        assert any("年度门诊费用" in text for text in errors(app)), bad
        assert any("暂无结果" in text for text in errors(app)), bad
    app.text_input(key="w.spending").input("3000").run()
    assert metrics(app)[CASH] == ("¥0.00", "↓ ¥200.00")


def test_the_verdict_tone_follows_the_sign():
    gain = start()
    assert gain.success and not gain.warning
    assert gain.success[0].icon == ":material/trending_up:"
    # 500 a year: before the 2,800 credit pays it and 2,300 stays; after (500 − 200) × 60% = 180 pooled,
    # 320 from the 1,600 credit, 1,280 stays: 1,020 worse off
    loss = start({"spending": "500"})
    assert not loss.success
    assert "净多负担 ¥1,020.00" in unescape(loss.warning[0].value)
    assert loss.warning[0].icon == ":material/trending_down:"
    assert metrics(loss)[BALANCE] == ("¥1,280.00", "↓ ¥1,020.00")
    assert metric_colours(loss)[BALANCE] == "RED"
    tiny = start({"spending": "0", "contribution_base": "1"})
    # credit 3.5% × 1 = 0.04 before (0.035 → 0.04), 2% × 1 = 0.02 after: 0.02 worse off, still a loss
    assert "¥0.02" in unescape(tiny.warning[0].value)
    # 2,200 (the break-even): before the 2,800 credit pays it all and 600 stays; after (2,200 − 200) × 60%
    # = 1,200 pooled, the other 1,000 from the 1,600 credit, 600 stays: no change, neither gain nor loss
    same = start({"spending": "2200"})
    assert not same.success and not same.warning
    assert same.info[0].icon == ":material/trending_flat:"
    assert "合计不变" in unescape(same.info[0].value)
    assert metrics(same)[BALANCE] == ("¥600.00", None)  # no delta shown for no change
    for app, words, icon in ((gain, "better off", "trending_up"), (loss, "costs you ¥1,020.00 more", "trending_down")):
        app.radio(key="lang_switch").set_value("en").run()
        alert = (app.success or app.warning)[0]
        assert words in unescape(alert.value) and alert.icon == f":material/{icon}:"
    same.radio(key="lang_switch").set_value("en").run()
    assert "add up to the same" in unescape(same.info[0].value) and not same.success and not same.warning


def test_one_side_answers_when_the_other_needs_the_statement():
    # Tibet before 2022 has no credit rule in the documents: the statement credit is asked beside that
    # side's field (not in a closed expander), and the after side's figures are shown meanwhile
    app = start({"region": "tibet"})
    assert not app.exception
    assert metrics(app)[CASH][0] == _tibet_after_cash()
    assert any("credit_before" in text and "改革前" in text for text in errors(app))
    assert any("改革前还需要" in unescape(info.value) for info in app.info)
    assert app.text_input(key="w.credit_before") is not None
    app.text_input(key="w.credit_before").input("1500").run()
    assert not errors(app) and (app.success or app.warning)


def _tibet_after_cash() -> str:
    from calculator.settlement import settle_year

    person = parse_scenario(
        {"status": "in_service", "age": 40, "contribution_base": "80000", "spending": "3000", "level": 2}
    )
    return format_yuan(settle_year(resolve_pair("tibet")[1], person).cash_paid)


def test_ganzhou_retiree_before_side_answers_and_the_after_side_asks_for_its_figure():
    app = start({"region": "ganzhou", **LAOLI, "pension": "3000"})
    assert not app.exception
    # before: 3.8% × 3,000 × 12 = 1,368 credit; no pooling before: cash 2,800 − 1,368 = 1,432
    assert metrics(app)["现金自付（改革前）"][0] == "¥1,432.00"
    assert any("改革后还需要" in unescape(info.value) for info in app.info)
    assert any("jiangxi_average_basic_pension" in text and "改革后" in text for text in errors(app))


def test_tier_one_has_no_account_fields_and_a_linked_credit_is_named_by_its_field():
    app = start({"tier": "individual_tier1"})
    keys = {box.key for box in app.text_input}
    assert "w.opening" not in keys and "w.credit_before" not in keys and "w.credit_after" not in keys
    # the base only sets the credit: kept but not asked, and left out of the link
    assert app.text_input(key="w.base").disabled and app.radio(key="w.base_unit").disabled
    assert "contribution_base" not in app.query_params
    result = engine(status="in_service", tier="individual_tier1", age=40, spending=3000, level=2)
    # no account either side; after: (3,000 − 200) × 60% = 1,680 pooled, capped at tier 1's 800; cash 2,200
    assert metrics(app)[CASH] == ("¥2,200.00", "↓ ¥800.00") and format_yuan(result.after.cash_paid) == "¥2,200.00"
    app.selectbox(key="w.tier.zh").set_value("employer").run()
    assert not app.text_input(key="w.base").disabled and app.query_params["contribution_base"] == "80000.00"
    assert metrics(app)[CASH] == ("¥0.00", "↓ ¥200.00")  # the default case again, its base kept
    linked = start({"tier": "individual_tier1", "credit_before": "100"})
    assert any("credit_before" in text and "改革前年度划入" in text for text in errors(linked))
    assert not any("credit_after" in text for text in errors(linked))
    linked.radio(key="lang_switch").set_value("en").run()
    assert any("credit_before" in text and "no personal account" in text for text in errors(linked))


def test_the_base_can_be_given_monthly_and_the_annual_figure_is_shown():
    app = start()
    app.radio(key="w.base_unit").set_value("month").run()
    assert app.text_input(key="w.base").value == "6666.67"  # 80,000 / 12, to the fen
    app.text_input(key="w.base").input("5000").run()
    assert any("¥60,000.00" in unescape(caption.value) for caption in app.caption)
    assert app.query_params["contribution_base"] == "60000.00"
    result = engine(status="in_service", age=40, contribution_base=60000, spending=3000, level=2)
    assert metrics(app)[BALANCE][0] == format_yuan(result.after.closing_balance)


def test_family_use_round_trips_through_the_link_and_matches_compare_family(capsys):
    query = {"spending": "500", "opening_balance": "1000", "family": "spouse:300"}
    app = start(query)
    assert not app.exception
    assert app.text_input(key="w.family.spouse").value == "300.00"
    assert app.query_params["family"] == "spouse:300.00"
    args = [
        "--status",
        "in_service",
        "--age",
        "40",
        "--contribution-base",
        "80000",
        "--spending",
        "500",
        "--level",
        "2",
    ]
    assert main(["compare", *args, "--opening-balance", "1000", "--family", "spouse=300", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out, parse_float=Decimal)
    # after: 1,000 + 1,600 − 320 own − 300 for the spouse = 1,980
    assert metrics(app)[BALANCE][0] == format_yuan(Decimal(str(cli["after"]["closing_balance"]))) == "¥1,980.00"
    again = start(dict(app.query_params))
    assert metrics(again) == metrics(app)
    # the money flow shows where the 300 went: a bar for the family, 0 before (no family use before 2024)
    flow = json.loads(app.get("plotly_chart")[0].proto.spec)
    rows = {bar["name"]: dict(zip(bar["y"], bar["x"], strict=True)) for bar in flow["data"]}
    assert rows["改革后"]["个人账户为家人支付"] == 300 and rows["改革前"]["个人账户为家人支付"] == 0
    assert rows["改革后"]["年末账户余额"] == 1980
    app.text_input(key="w.family.spouse").input("").run()
    assert "family" not in app.query_params
    assert metrics(app)[BALANCE][0] == "¥2,280.00"  # 1,000 + 1,600 − 320
    flow = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert "个人账户为家人支付" not in flow["data"][0]["y"]  # no family use, no family bar


def test_the_english_switch_leaves_no_chinese_on_the_page():
    app = start()
    app.radio(key="lang_switch").set_value("en").run()
    assert not app.exception
    texts = shown_texts(app)
    assert "Cash paid (after)" in [metric.label for metric in app.metric]
    leftovers = [text for text in texts if CJK.search(text)]
    assert leftovers == []
    assert app.query_params["lang"] == "en"


def test_the_english_working_names_each_article_in_english():
    app = start()
    app.radio(key="lang_switch").set_value("en").run()
    working = " ".join(unescape(markdown.value) for markdown in app.markdown).lower()
    # the default person (in service, 40, base ¥80,000, ¥3,000 at level 2) under 渝医保发〔2023〕32号:
    # credit 第九条第一款, deductible 第四条, pooling rate 第五条, annual cap 第六条; the policy Q&A 问十四
    for article in ("art. 9 para. 1", "art. 4", "art. 5", "art. 6", "q14"):
        assert article in working, article
    assert "see the sources page" not in working  # (lower-cased above)


def test_english_messages_for_a_bad_combination():
    app = start()
    app.radio(key="lang_switch").set_value("en").run()
    app.radio(key="w.status.en").set_value("retired").run()
    assert not app.exception
    assert any("cannot be younger than 45" in unescape(error.value) for error in app.error)
    assert not [text for text in shown_texts(app) if CJK.search(text)]


def _open(form: dict):
    """My case opened on ``form`` (as the examples page does), run once."""
    from dashboard_helpers import APP
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(APP, default_timeout=30)
    app.session_state["person"] = form
    return app.run()


def test_every_official_example_opened_in_my_case_gets_an_answer():
    from calculator.examples import run_examples
    from dashboard import state

    for run in run_examples():
        app = _open(state.form_from_scenario(run.region, run.example.scenario()))
        name = run.example.id
        assert not app.exception, name
        assert len(app.metric) == 3, (name, errors(app))
        assert not any("暂无结果" in text for text in errors(app)), name
        shown = metrics(app)
        side = "after" if CASH in shown else "before"
        label = CASH if side == "after" else "现金自付（改革前）"
        assert shown[label][0] == format_yuan(run.results[side].cash_paid), name


REGIONS = ("chongqing", "ganzhou", "tibet")


@st_composite
def form_links(draw) -> dict[str, str]:
    """A link as the form would write it, anywhere in the form's ranges."""
    status = draw(sampled_from(["in_service", "retired"]))
    cents = integers(0, 5_000_000)
    query = {
        "region": draw(sampled_from(REGIONS)),
        "status": status,
        "tier": draw(sampled_from(["employer", "individual_tier1", "individual_tier2"])),
        "age": str(draw(integers(16, 100) if status == "in_service" else integers(45, 100))),
        "level": str(draw(integers(1, 3))),
    }
    spending = draw(cents)
    query["spending"] = f"{spending / 100:.2f}"
    query["other_schemes_paid"] = f"{draw(integers(0, spending)) / 100:.2f}"
    if status == "in_service":
        query["contribution_base"] = f"{draw(integers(100_000, 50_000_000)) / 100:.2f}"
    else:
        query["pension"] = f"{draw(integers(100_000, 2_000_000)) / 100:.2f}"
    if query["tier"] != "individual_tier1" and draw(booleans()):
        query["opening_balance"] = f"{draw(integers(0, 1_000_000)) / 100:.2f}"
    return query


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(form_links())
def test_random_form_inputs_get_an_answer_not_an_input_error(query):
    app = start(query)
    assert not app.exception
    assert len(app.metric) == 3, (query, errors(app))
    assert not any("暂无结果" in text for text in errors(app)), query
    assert not app.warning or app.warning[0].icon != ":material/link_off:", query  # the link was accepted


INTERNAL_WORDS = ("种子", "seed", "RULES", "digest", "issue", "议题")


def test_inputs_a_resident_may_not_know_have_help_and_no_internal_words():
    for query in ({}, LAOLI, {"region": "tibet"}):
        app = start(query)
        helps = {
            widget.key: widget.help for kind in ("radio", "selectbox", "text_input") for widget in getattr(app, kind)
        }
        needed = [choice for choice in helps if choice.startswith(("w.status", "w.tier", "w.level"))]
        needed += [
            key for key in ("w.base", "w.other", "w.opening", "w.credit_before", "w.credit_after") if key in helps
        ]
        assert len(needed) >= 6, needed
        assert all(helps[key] for key in needed), {key: helps[key] for key in needed}
        assert "月工资 × 12" in (helps.get("w.base") or "月工资 × 12")
        texts = [*helps.values(), *(widget.label for widget in app.text_input)]
        texts += [
            element.value
            for kind in ("caption", "info", "success", "warning", "error")
            for element in getattr(app, kind)
        ]
        leaked = [text for text in texts if text and any(word in text for word in INTERNAL_WORDS)]
        assert not leaked, leaked


def test_a_problem_inside_the_advanced_section_opens_it():
    closed = start()
    assert not [expander for expander in closed.expander if expander.proto.expanded]
    app = start({"tier": "individual_tier1", "credit_after": "100"})
    advanced = [expander for expander in app.expander if expander.proto.id.endswith("w.advanced")]
    assert advanced and advanced[0].proto.expanded
    assert any("credit_after" in text and "改革后" in text for text in errors(app))


def test_english_keeps_lang_in_the_address_of_every_page():
    app = start({"lang": "en"})
    for page in ("examples", "regions", "sandbox", "population", "sources", "my_case"):
        app.switch_page(f"app_pages/{page}.py").run()
        assert not app.exception, page
        assert app.query_params.get("lang") == "en", (page, dict(app.query_params))
    app.radio(key="lang_switch").set_value("zh").run()
    assert "lang" not in app.query_params
