"""The scenario in the URL: a link reproduces a case exactly; a bad field is dropped with a note naming it
and its value while the rest of the link is kept; a policy of another region is refused; a hostile link
gets a clear message, never a traceback and never raw HTML."""

from __future__ import annotations

import pytest
from dashboard_helpers import metrics, shown_texts, start, unescape

DEFAULT_CASH = ("¥0.00", "↓ ¥200.00")  # the default case (see test_dashboard_my_case)
CASH = "现金自付（改革后）"


def test_a_link_reproduces_a_scenario_and_the_page_writes_it_back():
    # 老张 (Q19 ex. 4): retired, 76, 40,000 at level 3, other schemes 35,208, statement credit before 3,624.
    query = {
        "region": "chongqing",
        "status": "retired",
        "age": "76",
        "spending": "40000",
        "level": "3",
        "other_schemes_paid": "35208",
        "credit_before": "3624",
    }
    app = start(query)
    assert not app.exception
    shown = metrics(app)
    # after: 115 × 12 = 1,380; (40,000 − 35,208 − 100) × 60% = 2,815.20; reimbursed 38,023.20;
    # cash 40,000 − 38,023.20 − 1,380 = 596.80. Before: cash 40,000 − 35,208 − 3,624 = 1,168.
    assert shown[CASH] == ("¥596.80", "↓ ¥571.20")
    assert shown["医保报销（改革后）"][0] == "¥38,023.20"
    assert app.slider(key="w.age").value == 76
    written = dict(app.query_params)
    assert {key: written[key] for key in ("status", "age", "level")} == {"status": "retired", "age": "76", "level": "3"}
    # the link the page writes opens the same case in a new session
    again = start({key: str(value) for key, value in written.items()})
    assert metrics(again) == shown


def test_visits_in_a_link():
    # 小杨: 100, 200 and 800 at level 2, statement credit 0 after → pooled (1,100 − 200) × 60% = 540, cash 560.
    app = start({"status": "in_service", "age": "35", "visits": "100:2,200:2,800:2", "credit_after": "0"})
    assert not app.exception
    assert metrics(app)["医保报销（改革后）"][0] == "¥540.00"
    assert metrics(app)[CASH][0] == "¥560.00"


@pytest.mark.parametrize(
    "query",
    [
        {"age": "1e999"},
        {"spending": "99999999999"},
        {"spending": "<script>alert(1)</script>"},
        {"region": "../../etc/passwd"},
        {"before": "../chongqing/2024"},
        {"status": "retired", "age": "20"},
        {"level": "7", "visits": "1:2:x:y:z:w"},
        {"spending": "3000.001"},
    ],
)
def test_a_hostile_link_gets_a_message_and_keeps_nothing_invalid(query):
    app = start(query)
    assert not app.exception
    assert app.warning, "the user is told what was wrong with the link"
    assert metrics(app)[CASH] == DEFAULT_CASH
    for text in shown_texts(app):
        assert "<script" not in text.replace("\\<", ""), "no raw HTML reaches the page"


def test_unknown_keys_are_named_and_ignored():
    app = start({"spending": "6000", "utm_source": "<b>x</b>", "from": "singlemessage"})
    assert not app.exception
    assert any("utm_source" in unescape(info.value) for info in app.info)
    assert metrics(app)[CASH][0] == "¥1,400.00"  # 6,000 still applies (see the slider test)


def test_a_bad_language_in_the_link_is_reported():
    app = start({"lang": "<script>"})
    assert not app.exception
    assert any("zh" in unescape(warning.value) for warning in app.warning)


def test_a_link_with_one_bad_field_keeps_the_rest():
    app = start({"spending": "6000", "age": "abc", "level": "2"})
    assert not app.exception
    notes = [unescape(warning.value) for warning in app.warning]
    assert any("age=abc" in note and "年龄" in note for note in notes)
    # 6,000 kept (age back to 40): cash 1,400 after, as in the slider test
    assert metrics(app)[CASH] == ("¥1,400.00", "↓ ¥1,800.00")
    assert app.query_params["spending"] == "6000.00" and app.query_params["age"] == "40"


def test_a_policy_of_another_region_is_refused_with_a_message():
    app = start({"region": "chongqing", "before": "tibet-pre2022", "spending": "6000"})
    assert not app.exception
    assert any("before=tibet-pre2022" in unescape(warning.value) for warning in app.warning)
    assert "before" not in app.query_params
    assert any("重庆市职工医保（改革前" in unescape(caption.value) for caption in app.caption)
    assert metrics(app)[CASH][0] == "¥1,400.00"  # Chongqing's own pair, 6,000 kept
    reversed_pair = start({"region": "chongqing", "after": "chongqing-pre2024"})
    assert any("after=chongqing-pre2024" in unescape(warning.value) for warning in reversed_pair.warning)


def test_unknown_reference_keys_are_named():
    app = start({"ref.foo": "123", "spending": "6000"})
    assert any("ref.foo" in unescape(info.value) for info in app.info)
    assert "ref.foo" not in app.query_params
    assert metrics(app)[CASH][0] == "¥1,400.00"


def test_not_given_stays_distinct_from_zero_in_the_link():
    given = start({"opening_balance": "0", "spending": "3000"})
    assert given.query_params["opening_balance"] == "0.00"
    assert given.text_input(key="w.opening").value == "0.00"
    empty = start({"spending": "3000"})
    assert "opening_balance" not in empty.query_params
    assert empty.text_input(key="w.opening").value == ""
    assert metrics(given) == metrics(empty)  # an empty balance is counted as 0 by the rule
