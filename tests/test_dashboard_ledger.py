"""The over-the-years page (AppTest): the engine's ledger on screen in both languages, its link keys, the CSV."""

from __future__ import annotations

import ast
from decimal import Decimal

import pytest
from dashboard_helpers import CJK, ROOT, shown_texts, start, unescape

from calculator.comparison import resolve_pair
from calculator.money import format_yuan
from calculator.projection import parse_projection_input, project
from calculator.scenario import parse_scenario
from dashboard import state

PAGE = "app_pages/ledger.py"
PERSON = {"status": "in_service", "age": "58", "contribution_base": "60000", "spending": "3000", "level": "2"}


def open_ledger(link: dict[str, str], lang: str = "zh", person: dict[str, str] = PERSON):
    """My case first (it owns the person), then the ledger opened with ``link`` in its address."""
    app = start(person)
    if lang == "en":
        app.radio(key="lang_switch").set_value("en").run()
    app.query_params.update(link)
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def test_the_pages_link_keys_are_not_taken_for_the_person():
    """The page runs Streamlit when imported, so its key list is read from its source."""
    tree = ast.parse((ROOT / PAGE).read_text(encoding="utf-8"))
    found = {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    rates = ast.literal_eval(found["RATES"])
    keys = [
        key
        for element in found["QUERY_KEYS"].elts
        for key in (rates if isinstance(element, ast.Starred) else [ast.literal_eval(element)])
    ]
    assert "interest" in keys and "spending_by_year" in keys
    assert set(keys) <= set(state.PAGE_KEYS), set(keys) - set(state.PAGE_KEYS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ledger_shows_the_engines_verdict_and_keeps_its_assumptions_in_the_link(lang):
    link = {"years": "14", "retire_age": "60", "interest": "1.5"}
    app = open_ledger(link, lang, {**PERSON, "ref.cq_prior_year_average_wage": "100000"})
    assert not app.error, [e.value for e in app.error]
    scenario = parse_scenario({**PERSON, "level": 2, "references": {"cq_prior_year_average_wage": "100000"}})
    ledger = project(
        scenario, *resolve_pair("chongqing"), parse_projection_input({"years": 14, "retire_age": 60, "interest": "1.5"})
    )
    net = ledger.cumulative_net()[-1]
    assert net > 0
    assert format_yuan(net) in unescape(app.success[0].value)
    assert format_yuan(ledger.final_balance("after")) in [metric.value for metric in app.metric]
    params = dict(app.query_params)
    assert params["years"] == "14" and params["retire_age"] == "60" and params["interest"] == "1.5"
    assert params["age"] == "58" and Decimal(params["ref.cq_prior_year_average_wage"]) == 100000
    table = app.dataframe[-1].value
    assert len(table) == 14 and list(table.iloc[:, 0])[:2] == ["2024", "2025"]
    if lang == "en":
        leftover = sorted({ch for text in shown_texts(app) for ch in CJK.findall(text)})
        assert not leftover, leftover


def test_a_ganzhou_retiree_without_the_pensions_gets_no_made_up_verdict():
    app = start({"region": "ganzhou", "status": "retired", "age": "68", "spending": "3000", "level": "2"})
    app.query_params.update({"years": "5"})
    app.switch_page(PAGE).run()
    assert not app.exception and not app.error
    shown = " ".join(unescape(box.value) for box in [*app.success, *app.warning, *app.info])
    assert "无法给出合计结论" in shown
    table = app.dataframe[-1].value
    assert set(table.iloc[:, 3]) == {"未知"}  # the before side's credit, every year


def test_a_chongqing_retiree_without_the_wage_gets_a_verdict_from_the_published_default():
    app = start({"status": "retired", "age": "68", "spending": "3000", "level": "2"})
    app.query_params.update({"years": "4"})
    app.switch_page(PAGE).run()
    assert not app.exception and not app.error
    # cumulative net after 4 years (see tests/test_projection.py): 431.81 × 4 cash saved + 1,400 balance
    assert "¥3,127.24" in unescape(app.success[0].value)
    # the verdict rests on a published figure, and the page says so beside it
    notes = " ".join(unescape(caption.value) for caption in app.caption)
    assert "¥107,008.00" in notes and "二手资料" in notes


def test_a_ganzhou_retiree_is_asked_for_their_own_pension_not_the_one_on_retiring():
    app = start({"region": "ganzhou", "status": "retired", "age": "68", "spending": "3000", "level": "2"})
    app.query_params.update({"years": "3"})
    app.switch_page(PAGE).run()
    warnings = " ".join(unescape(box.value) for box in app.warning)
    # the box is named as the form names it, never by its field (pension, retirement_pension)
    assert "（「月基本养老金」）" in warnings and "pension" not in warnings


def test_flat_lines_get_an_axis_of_whole_yuan():
    """A retiree whose account is spent every year on both sides: balances all 0. Plotly would tick a
    fraction of a yuan apart (shown as ¥0, ¥0, ¥1, ¥1); the axis spans ten yuan instead."""
    from dashboard import ledger_chart

    scenario = parse_scenario({"status": "retired", "age": 66, "spending": "4500", "level": 2})
    result = project(scenario, *resolve_pair("chongqing"), parse_projection_input({"years": 5}))
    assert {row.after.result.closing_balance for row in result.years} == {Decimal("0.00")}
    figure = ledger_chart.balance_lines(result, "subtitle")
    assert list(figure.to_dict()["layout"]["yaxis"]["range"]) == [0.0, 10.0]
    growing = project(
        parse_scenario({"status": "retired", "age": 66, "spending": "0", "level": 2}),
        *resolve_pair("chongqing"),
        parse_projection_input({"years": 5}),
    )
    axis = ledger_chart.balance_lines(growing, "subtitle").to_dict()["layout"]["yaxis"]
    highest = max(
        row.side(side).result.closing_balance for row in growing.years for side in ("before", "after")
    )  # 1,260 a year after; the before side from the published wage
    low, high = axis["range"]
    assert low == 0 and high >= highest and all(float(tick).is_integer() for tick in axis["tickvals"])
    assert axis["ticktext"][1] != axis["ticktext"][2]  # never ¥0, ¥0, ¥1 again


def test_a_bad_link_value_is_named_and_the_defaults_are_used():
    app = open_ledger({"years": "99"})
    assert any("years" in warning.value for warning in app.warning), [w.value for w in app.warning]
    assert len(app.dataframe[-1].value) == 40


def test_a_years_spending_from_the_link_is_settled_and_kept_in_the_link():
    app = open_ledger({"years": "3", "spending_by_year": "2025:0"})
    assert not app.error, [e.value for e in app.error]
    assert dict(app.query_params)["spending_by_year"] == "2025:0.00"
    table = app.dataframe[-1].value
    cash_before = next(column for column in table.columns if column.startswith("现金自付") and "改革前" in column)
    # 3,000 with the 60,000 × 3.7 % = 2,220 credit leaves 780 in cash; a year without spending, none, and
    # its 2,220 carries over: 2,220 + 2,220 covers the next year's 3,000
    assert list(table[cash_before]) == ["¥780.00", "¥0.00", "¥0.00"]


@pytest.mark.parametrize(
    ("person", "answer"),
    [
        ({"status": "retired", "age": "66", "spending": "4500", "level": "2"}, "verdict"),
        (
            {
                "status": "in_service",
                "tier": "individual_tier1",
                "age": "30",
                "contribution_base": "50000",
                "spending": "2000",
                "level": "1",
            },
            "verdict",
        ),
        ({"region": "ganzhou", "status": "retired", "age": "68", "spending": "3000", "level": "2"}, "unknown"),
        (
            {
                "region": "tibet",
                "status": "in_service",
                "age": "40",
                "contribution_base": "80000",
                "spending": "1000",
                "level": "2",
            },
            "unknown",
        ),
    ],
    ids=["retiree", "tier1", "ganzhou-retiree", "tibet"],
)
def test_any_case_my_case_accepts_gets_a_ledger_or_names_what_is_unknown(person, answer):
    app = start(person)  # My case itself asks Ganzhou's and Tibet's person for the missing figure
    app.query_params.update({"years": "5"})
    app.switch_page(PAGE).run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert len(app.dataframe[-1].value) == 5 and len(app.get("plotly_chart")) == 2
    if answer == "verdict":
        assert unescape(app.success[0].value).startswith("结论：")
    else:
        warnings = " ".join(unescape(box.value) for box in app.warning)
        assert "无法计算（不作估计）" in warnings and "（" in warnings


@pytest.mark.parametrize(
    "person",
    [
        {"status": "retired", "age": "66", "spending": "4500", "level": "2"},
        # Tibet's pre-reform credit needs the statement: one side answers, and the years ahead are still offered
        {"region": "tibet", "status": "in_service", "age": "40", "contribution_base": "80000", "spending": "3000"},
    ],
    ids=["both-sides", "one-side"],
)
def test_my_case_links_to_the_ledger(person):
    app = start(person)
    assert not app.exception
    assert [link.proto.page for link in app.get("page_link")] == ["ledger"]
    assert ("region=tibet" in app.get("page_link")[0].proto.query_string) == ("region" in person)


def test_the_verdicts_tone_follows_its_sign():
    """A loss over the years reads as a warning, never as a green success box; an unknown total as a note.

    Base 200,000 at 40 with no spending: the account got 3.5% = ¥7,000.00 a year before and gets 2% =
    ¥4,000.00 after, so five years leave the balance ¥15,000.00 lower and nothing else changes."""
    loser = {"status": "in_service", "age": "40", "contribution_base": "200000", "spending": "0", "level": "2"}
    app = open_ledger({"years": "5"}, person=loser)
    assert not app.success and not app.error
    assert "¥15,000.00" in unescape(app.warning[0].value)
    assert app.warning[0].proto.icon == ":material/trending_down:"

    app = start({"region": "ganzhou", "status": "retired", "age": "68", "spending": "3000", "level": "2"})
    app.query_params.update({"years": "5"})
    app.switch_page(PAGE).run()
    assert not app.success
    assert any("无法给出合计结论" in unescape(box.value) for box in app.info)


def test_coinciding_lines_are_both_visible_and_named_so():
    """58, base 60,000, ¥500 a year: the account pays the whole own share on both sides (3.7% × 60,000 =
    ¥2,220.00 credited before, 2% × 60,000 = ¥1,200.00 after), so cash so far is ¥0 on both; the after line is
    dashed over the before line and its legend says so."""
    from dashboard import ledger_chart

    scenario = parse_scenario({**PERSON, "spending": "500", "level": 2})
    ledger = project(scenario, *resolve_pair("chongqing"), parse_projection_input({"years": 6}))
    assert set(ledger.cumulative_cash("before")) == set(ledger.cumulative_cash("after")) == {Decimal("0.00")}
    traces = ledger_chart.cumulative_lines(ledger, "").to_dict()["data"]
    before, after, net = traces
    assert after["name"] == "累计现金·改革后（与累计现金·改革前相同）"
    assert after["line"]["dash"] == "dash" and before["line"]["width"] == 6
    assert "相同" not in net["name"] and "相同" not in before["name"]


def test_a_series_named_inside_the_same_as_note_is_lower_case_in_english(monkeypatch):
    """The legend label stands alone with a capital ("Cash so far, after"); the series it coincides with is
    named inside the note in lower case ("same as cash so far before"), never "same as Cash so far, before"."""
    from dashboard import ledger_chart

    scenario = parse_scenario({**PERSON, "spending": "500", "level": 2})
    ledger = project(scenario, *resolve_pair("chongqing"), parse_projection_input({"years": 6}))
    monkeypatch.setattr("dashboard.i18n.lang", lambda: "en")
    before, after, _ = ledger_chart.cumulative_lines(ledger, "").to_dict()["data"]
    balances = ledger_chart.balance_lines(ledger, "").to_dict()["data"]
    assert before["name"] == "Cash so far, before"
    assert after["name"] == "Cash so far, after (same as cash so far before)"
    # the balances part (the after side keeps its credit): no note on either
    assert [trace["name"] for trace in balances] == ["Balance, before", "Balance, after"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_assumptions_name_the_statement_box_not_its_field(lang):
    """Chongqing's pre-reform credit at 45 and over rests on secondary sources; the note says the statement
    figure takes precedence, naming the box as the form does, not as "credit_before"."""
    app = start({"status": "in_service", "age": "40", "contribution_base": "60000", "spending": "3000", "level": "2"})
    if lang == "en":
        app.radio(key="lang_switch").set_value("en").run()
    app.query_params.update({"years": "8"})
    app.switch_page(PAGE).run()
    texts = " ".join(unescape(text) for text in shown_texts(app))
    assert "credit_before" not in texts and "references." not in texts
    label = "「改革前年度划入」" if lang == "zh" else "“Pre-reform annual credit, from the statement”"
    assert label in texts
