"""The sandbox's population block in a real Chromium: a shared what-if link opens with the population's
answer under the nine people, the engine's figures in the fund-balance statement and the charts, and a
parameter typed in the browser updates them; the size and insured count stay in the address.

Expected figures come from the engine (:func:`calculator.population_whatif.what_if_impact`), never from the page.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from calculator.overrides import apply_overrides
from calculator.population import parse_assumptions
from calculator.population_whatif import what_if_impact
from calculator.registry import default_registry
from tests.e2e.conftest import SCREENSHOTS, UPDATE_MS, wait_for_app

SIZE, INSURED = 50_000, 100_000
LINK = {"sandbox": "chongqing-2024", "change": "cap.retired:6000", "sb_size": str(SIZE), "sb_insured": str(INSURED)}
BLOCK = "人群与基金"


def engine(cap: str) -> dict:
    """The population answer the page must show for a retired cap of ``cap`` (same size, seed and count)."""
    registry = default_registry()
    before, after = registry.pair("chongqing")
    what_if = apply_overrides(after, {"cap.retired": cap}, registry.documents)
    assumptions = parse_assumptions({"size": SIZE, "insured_population": INSURED})
    return what_if_impact(before, after, what_if, assumptions).as_dict("zh")


TITLED_BARS = """(words) => { const plots = Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(p => ((p.layout || {}).title || {}).text && p.layout.title.text.includes(words)
      && (p.data || []).length && p.querySelector('.gtitle'));
  return plots.length ? plots.flatMap(p => p.data.map(trace => trace.y)) : null; }"""


def chart_bars(tab, title_words: str) -> list[list[float]]:
    """The y values of every bar trace of the chart whose title contains ``title_words``.

    Streamlit draws a chart only when it is seen, and on a loaded machine a chart can still be on its way
    when the text above it is already there: every chart is brought into view, again and again, until the
    titled one has been drawn.
    """
    charts = tab.locator('[data-testid="stPlotlyChart"]')
    for _ in range(6):
        for index in range(charts.count()):
            charts.nth(index).scroll_into_view_if_needed(timeout=UPDATE_MS)
        try:
            return tab.wait_for_function(TITLED_BARS, arg=title_words, timeout=UPDATE_MS // 4).json_value()
        except PlaywrightTimeout:
            continue
    titles = tab.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => p.layout.title.text)"
    )
    raise AssertionError(f"no chart titled {title_words!r} was drawn; charts drawn: {titles}")


def what_if_statement(tab):
    """The what-if's line of the fund-balance statement, scrolled into view."""
    line = tab.locator("li").filter(has_text="沙盘政策：每万名参保人")
    line.scroll_into_view_if_needed(timeout=UPDATE_MS)
    return line


def assert_clean(tab) -> None:
    """No dialog, no exception, no error box where an answer belongs."""
    assert tab.locator('[role="dialog"]').count() == 0
    assert tab.locator('[data-testid="stException"]').count() == 0
    assert tab.locator('[data-testid="stAlertContentError"]').count() == 0


def test_a_shared_what_if_shows_the_population_and_the_fund_and_follows_a_typed_change(page, app_url):
    expected = engine("6000")
    page.goto(f"{app_url}/sandbox?{urlencode(LINK)}")
    wait_for_app(page)
    heading = page.get_by_role("heading", name=BLOCK)
    heading.scroll_into_view_if_needed(timeout=UPDATE_MS)
    expect(heading).to_be_visible()
    fund = what_if_statement(page)
    expect(fund).to_contain_text(expected["fund_balance"]["what_if"]["statement"])
    # the change per 10,000 insured, as the engine settles it: pooled payments up, cash down, credits unchanged
    per_10000 = expected["compare_to"]["changes"]["per_10000"]
    bars = chart_bars(page, "沙盘修改带来的变化")
    assert bars == [
        [float(per_10000[k]) for k in ("account_credit", "general_pooling_paid", "cash_paid", "closing_balance")]
    ]
    assert per_10000["general_pooling_paid"] > 0 > per_10000["cash_paid"]
    # the fund balance chart: the unchanged policy's bars beside the what-if's, per 10,000 insured
    fund_bars = chart_bars(page, "资金平移")
    balances = expected["fund_balance"]
    assert fund_bars == [
        [float(balances[key]["per_10000"][item]) for item in ("credits_removed", "pooled_added", "net")]
        for key in ("reform", "what_if")
    ]
    # the cash-change distributions side by side: both series count every simulated person
    histogram = chart_bars(page, "现金支出变化分布")
    assert len(histogram) == 2 and all(sum(v or 0 for v in series) == SIZE for series in histogram)
    assert_clean(page)
    for name, words in (("overall", BLOCK), ("charts", "沙盘修改带来的变化"), ("fund", "资金平移：统筹支付")):
        page.get_by_text(words).first.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"sandbox_population_{name}.png"))
    # the size and insured count stay in the address with the what-if
    assert f"sb_size={SIZE}" in page.url and f"sb_insured={INSURED}" in page.url and "cap.retired" in page.url

    # a parameter typed in the browser: the retired cap to 8,000 — the figures follow
    box = page.get_by_role("spinbutton", name="年度支付限额 · 退休（元）")
    box.scroll_into_view_if_needed()
    box.fill("8000")
    box.press("Enter")
    wait_for_app(page)
    changed = engine("8000")
    expect(what_if_statement(page)).to_contain_text(changed["fund_balance"]["what_if"]["statement"])
    pooled = Decimal(str(chart_bars(page, "沙盘修改带来的变化")[0][1]))
    assert (
        pooled
        == changed["compare_to"]["changes"]["per_10000"]["general_pooling_paid"]
        > per_10000["general_pooling_paid"]
    )
    assert "cap.retired%3A8000" in page.url or "cap.retired:8000" in page.url
    assert_clean(page)
