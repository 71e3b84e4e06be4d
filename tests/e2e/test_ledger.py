"""The over-the-years page in a real Chromium: the chart with its marks, a phone's width, the link round trip.

Expected figures are the engine's (and, for this worker, the hand arithmetic of tests/test_projection.py:
in service at 58 on a 60,000 base spending 3,000 a year at level 2, retiring at 60, 70 in 2036).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import expect

from calculator.comparison import resolve_pair
from calculator.money import format_yuan
from calculator.projection import parse_projection_input, project
from calculator.scenario import parse_scenario
from dashboard.downloads import read
from dashboard.i18n import TEXT
from tests.e2e.conftest import SCREENSHOTS, UPDATE_MS, visitor, wait_for_app

PERSON = {"status": "in_service", "age": "58", "contribution_base": "60000", "spending": "3000", "level": "2"}
WAGE = "100000"
LINK = {**PERSON, "ref.cq_prior_year_average_wage": WAGE, "years": "14", "retire_age": "60"}


def engine_net(**assumptions) -> tuple:
    scenario = parse_scenario({**PERSON, "level": 2, "references": {"cq_prior_year_average_wage": WAGE}})
    ledger = project(scenario, *resolve_pair("chongqing"), parse_projection_input(assumptions))
    return ledger.cumulative_net()[-1], ledger.final_balance("after")


def verdict(net, lang: int = 0, last: int = 2037) -> str:
    return TEXT["ledger.verdict_better"][lang].format(first=2024, last=last, amount=format_yuan(net))


def metric_value(tab, label: str):
    """The headline figure under ``label``, scrolled into view (Streamlit draws some elements only when seen)."""
    metric = tab.locator('[data-testid="stMetric"]').filter(has_text=label)
    metric.scroll_into_view_if_needed(timeout=UPDATE_MS)
    return metric.locator('[data-testid="stMetricValue"]')


def plot_values(tab) -> list[list[list[float | None]]]:
    """Each drawn chart's traces' y values, as the browser holds them."""
    return tab.evaluate("() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => p.data.map(t => t.y))")


def engine_ledger(link: dict[str, str]):
    person = {key: link[key] for key in PERSON}
    scenario = parse_scenario({**person, "level": 2, "references": {"cq_prior_year_average_wage": WAGE}})
    assumptions = {"years": link["years"], "retire_age": link["retire_age"]}
    if "spending_by_year" in link:
        assumptions["spending_by_year"] = dict(item.split(":") for item in link["spending_by_year"].split(","))
    return project(scenario, *resolve_pair("chongqing"), parse_projection_input(assumptions))


def plot_annotations(tab) -> list[list[str]]:
    return tab.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map(p => ((p.layout || {}).annotations || []).map(a => a.text))"
    )


def test_ledger_on_a_phone_shows_the_chart_marks_and_the_verdict(browser, app_url):
    net, balance = engine_net(years=14, retire_age=60)
    assert (net, balance) == (12240, 3720)  # hand arithmetic: 8,760 − 240 cash saved + 3,720 balance
    link = f"{app_url}/ledger?{urlencode(LINK)}"
    with visitor(browser, link, phone=True, screenshot="test_ledger_phone.png") as tab:
        main = tab.locator('[data-testid="stMain"]')
        expect(tab.get_by_role("heading", name="逐年账户：改革前后，年复一年")).to_be_visible()
        expect(main).to_contain_text(verdict(net), timeout=UPDATE_MS)
        expect(metric_value(tab, "2037 年末账户余额（改革后）")).to_have_text(format_yuan(balance), timeout=UPDATE_MS)
        charts = tab.locator('[data-testid="stPlotlyChart"]')
        expect(charts).to_have_count(2)
        for index in range(2):  # a chart is drawn when it scrolls into view
            charts.nth(index).scroll_into_view_if_needed()
            expect(charts.nth(index).locator(".js-plotly-plot")).to_be_visible(timeout=UPDATE_MS)
        tab.wait_for_timeout(500)  # let charts and the table take their final size
        marks = plot_annotations(tab)
        assert "2026 退休" in marks[0] and "2036 满 70 岁" in marks[0], marks
        points = tab.evaluate(
            "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => p.data.map(t => t.x.length))"
        )
        assert points == [[14, 14], [14, 14, 14]], points
        # the after balance line is the hand-worked one: 0 in service, +290 a year retired, +410 from 70
        drawn = plot_values(tab)
        assert drawn[0][1] == [0, 0, *(290 * n for n in range(1, 11)), 3310, 3720], drawn[0][1]
        assert drawn[1][2][-1] == 12240  # the running net difference in the last year
        # the table scrolls inside its own box; the page itself never scrolls sideways
        table = tab.locator('[data-testid="stDataFrame"]').last
        expect(table).to_be_visible()
        assert table.bounding_box()["height"] <= 380
        widths = tab.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], widths
        assert not tab.locator('[data-testid="stException"]').count()
        assert not tab.locator('[data-testid="stAlertContentError"]').count()
        assert "Traceback" not in tab.inner_text("body")


def test_a_changed_assumption_goes_into_the_link_and_the_link_reproduces_it(page, browser, app_url):
    page.goto(f"{app_url}/ledger?{urlencode({**LINK, 'lang': 'en'})}")
    wait_for_app(page)
    net, _ = engine_net(years=14, retire_age=60)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(verdict(net, 1))
    box = page.get_by_label("Interest on the balance (% a year)")
    box.fill("2.5")
    box.press("Enter")
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"interest=2\.5"))
    with_interest, balance = engine_net(years=14, retire_age=60, interest="2.5")
    assert with_interest > net
    expect(page.locator('[data-testid="stMain"]')).to_contain_text(verdict(with_interest, 1))
    # the table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese), one row a year
    button = page.get_by_role("button", name="Download the year-by-year table (CSV)")
    button.scroll_into_view_if_needed()
    with page.expect_download() as download:
        button.click()
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    head, rows = read(raw)  # the header block (policies, person, assumptions), then the table
    assert ["Interest on the balance (% a year)", "2.5"] in head
    assert len(rows) == 14 and rows[-1]["Year (year)"] == "2037" and rows[-1]["Age (years)"] == "71"
    assert f"{balance:.2f}" in rows[-1].values()  # the final year-end balance after the reform, to the fen
    shared = page.url
    assert "retire_age=60" in shared and "years=14" in shared and "lang=en" in shared
    with visitor(browser, shared, locale=None, screenshot="test_ledger_link_reopened.png") as tab:
        main = tab.locator('[data-testid="stMain"]')
        expect(main).to_contain_text(verdict(with_interest, 1), timeout=UPDATE_MS)
        expect(metric_value(tab, "Balance at the end of 2037 (after)")).to_have_text(
            format_yuan(balance), timeout=UPDATE_MS
        )
        expect(tab.get_by_label("Interest on the balance (% a year)")).to_have_value("2.50")


# Little spending at work (the bigger pre-reform credit piles up), 3,000 a year once retired: the running
# net difference starts negative and turns positive in 2027 (hand-worked in tests/test_projection.py).
TURN = {
    **PERSON,
    "spending": "500",
    "ref.cq_prior_year_average_wage": WAGE,
    "years": "6",
    "retire_age": "60",
    "spending_by_year": "2026:3000,2027:3000,2028:3000,2029:3000",
}


def test_desktop_draws_the_engines_lines_and_marks_the_turn(browser, app_url):
    ledger = engine_ledger(TURN)
    assert [float(net) for net in ledger.cumulative_net()] == [-840, -1680, -790, 100, 990, 1880]
    assert ledger.turn_year() == 2027
    with visitor(browser, f"{app_url}/ledger?{urlencode(TURN)}", viewport={"width": 1280, "height": 720}) as tab:
        main = tab.locator('[data-testid="stMain"]')
        expect(main).to_contain_text(TEXT["ledger.turn_better"][0].format(year=2027), timeout=UPDATE_MS)
        expect(main).to_contain_text(verdict(ledger.cumulative_net()[-1], last=2029))
        charts = tab.locator('[data-testid="stPlotlyChart"]')
        for index in range(2):
            charts.nth(index).scroll_into_view_if_needed()
            expect(charts.nth(index).locator(".js-plotly-plot")).to_be_visible(timeout=UPDATE_MS)
        tab.wait_for_timeout(500)
        marks = plot_annotations(tab)
        assert "2026 退休" in marks[0] and marks[1] == ["2027 转向"], marks
        drawn = plot_values(tab)
        for trace, side in zip(drawn[0], ("before", "after"), strict=True):
            assert trace == [float(row.side(side).result.closing_balance) for row in ledger.years], (side, trace)
        assert drawn[1][2] == [-840, -1680, -790, 100, 990, 1880]
        assert drawn[1][0] == [float(cash) for cash in ledger.cumulative_cash("before")]
        assert not tab.locator('[data-testid="stAlertContentError"]').count()
        charts.nth(1).scroll_into_view_if_needed()
        tab.screenshot(path=str(SCREENSHOTS / "test_ledger_desktop_turn.png"))
